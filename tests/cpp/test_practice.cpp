// Practice beside paper: implementation records read, checked, indexed by provision and written
// back; the built-in records of seed 001's Annex 1; actors located abroad.

#include "support.hpp"

using namespace dutymap;
using namespace dutymap::testing;

namespace {

const char* record_yaml(const std::string& provision = "mou-khm-mys-2015-dw-contract:rest-day",
                        const std::string& actor = "KHM.MOLVT",
                        const std::string& period = "\"2016\"") {
  static std::string text;
  text =
      "practice:\n"
      "  - provision: " +
      provision + "\n    actor: " + actor + "\n    period: " + period +
      "\n"
      "    rating: partly\n"
      "    reported: Inspections began in one province.\n"
      "    source: a review, p. 3\n"
      "    passage: \"inspections started\"\n"
      "    confidence: medium\n";
  return text.c_str();
}

}  // namespace

TEST_CASE("an implementation record is read, indexed by its provision and written back",
          "[practice]") {
  // A corpus without records answers every provision with none.
  CHECK(small().practice().empty());
  CHECK(small().practice_of(0).empty());
  CHECK_THROWS_AS(small().practice_of(static_cast<corpus::index>(small().provision_count())),
                  std::out_of_range);
  const auto c = load_sources({{source_file{"practice.yaml", record_yaml()}}}, small());
  REQUIRE(c.practice().size() == 1);
  const auto& r = c.practice()[0];
  CHECK(r.provision == "mou-khm-mys-2015-dw-contract:rest-day");
  CHECK(r.actor == "KHM.MOLVT");
  CHECK(r.period.str() == "2016");
  CHECK(r.rating == practice_rating::partly);
  CHECK(r.provenance.passage == "inspections started");
  CHECK(r.provenance.level == confidence::medium);
  const auto p = *c.provision_index("mou-khm-mys-2015-dw-contract:rest-day");
  REQUIRE(c.practice_of(p).size() == 1);
  CHECK(c.practice_of(p)[0] == 0);
  const auto other = *c.provision_index("mou-khm-mys-2015-dw-contract:no-other-employer");
  CHECK(c.practice_of(other).empty());
  // Saved and read again, the corpus is the same.
  const auto again = load_sources({to_sources(c)}, corpus{});
  CHECK(again == c);
  CHECK(again.practice().size() == 1);
}

TEST_CASE("implementation records name a provision and an actor that exist, once a period",
          "[practice][validation]") {
  require_one(problems_of(record_yaml("mou-khm-mys-2015-dw-contract:rest-dya")), 2, 16,
              "unknown provision `mou-khm-mys-2015-dw-contract:rest-dya`; did you mean "
              "`mou-khm-mys-2015-dw-contract:rest-day`?");
  require_one(problems_of(record_yaml("mou-khm-mys-2015-dw-contract:rest-day", "KHM.MOVLT")), 3, 12,
              "unknown actor `KHM.MOVLT`; did you mean `KHM.MOLVT`?");
  require_one(
      problems_of(record_yaml("mou-khm-mys-2015-dw-contract:rest-day", "KHM.MOLVT", "\"2016-13\"")),
      4, 14, "period");
  // The same provision, actor and period twice in a file.
  const std::string twice = std::string(record_yaml()) + std::string(record_yaml()).substr(10);
  const auto ps = problems_of(twice);
  REQUIRE(ps.size() == 1);
  CHECK_THAT(ps[0].message, Catch::Matchers::Contains("duplicate implementation record"));
  // A rating outside the vocabulary names the nearest one.
  std::string bad = record_yaml();
  bad.replace(bad.find("partly"), 6, "partially");
  require_one(problems_of(bad), 5, 13, "did you mean `partly`?");
  // Every field that makes it evidence is required.
  std::string bare = record_yaml();
  bare.erase(bare.find("    passage:"), bare.find("    confidence:") - bare.find("    passage:"));
  require_one(problems_of(bare), 2, 5, "passage");
}

TEST_CASE("the built-in corpus holds seed 001's Annex 1 activity by activity", "[practice]") {
  const auto& c = builtin();
  REQUIRE(c.practice().size() >= 50);
  auto record = [&](const std::string& provision, const std::string& period) {
    const auto p = c.provision_index(provision);
    REQUIRE(p);
    for (auto ri : c.practice_of(*p))
      if (c.practice()[ri].period.str() == period) return c.practice()[ri];
    FAIL("no record of " << provision << " for " << period);
    return implementation_record{};
  };
  // The review's words, by seed line: "No evidence of progress." (42), "MOLVT chairing NCCT MWG
  // On Target" (48), "Not yet occurring" (48), "Complaints mechanism training has been conducted"
  // (44).
  CHECK(record("khm-lmp-2014:pg4-4-3-resource-review", "2016").rating == practice_rating::not_done);
  const auto chair = record("khm-lmp-2014:pg4-4-11-ncct-migration-working-group", "2016");
  CHECK(chair.rating == practice_rating::done);
  CHECK(chair.actor == "KHM.MOLVT");
  CHECK(record("khm-lmp-2014:pg4-4-9-data-sharing", "2017").rating == practice_rating::not_done);
  CHECK(record("khm-lmp-2014:pg4-4-5-complaints", "2017").rating == practice_rating::partly);
  // Every record is cited with the seed's words and names a body of the corpus.
  for (const auto& r : c.practice()) {
    CHECK_THAT(r.provenance.source, Catch::Matchers::Contains("001_f9b74ad6f969ad03"));
    CHECK_FALSE(r.provenance.passage.empty());
    CHECK(c.find_actor(r.actor));
  }
}

TEST_CASE("a body abroad is located in a state, and its notes are kept", "[actors][validation]") {
  const auto& c = builtin();
  CHECK(c.get_actor("KHM.EMBASSY-THA").located_in == "THA");
  CHECK(c.get_actor("KHM.MOLVT").located_in.empty());
  // Its notes (where the location comes from) are kept, and written back.
  const auto& notes = c.get_actor("KHM.EMBASSY-THA").notes;
  CHECK_THAT(notes, Catch::Matchers::Contains("Bangkok"));
  const auto again = load_sources({to_sources(c)}, corpus{});
  CHECK(again.get_actor("KHM.EMBASSY-THA").notes == notes);
  CHECK(again.get_actor("KHM.EMBASSY-THA").located_in == "THA");
  const std::string abroad =
      "actors:\n"
      "  - id: KHM.CONSULATE-MYS\n"
      "    name: Embassy of Cambodia in Kuala Lumpur\n"
      "    kind: service\n"
      "    state: KHM\n"
      "    located_in: KHM.MOLVT\n"
      "    source: test\n";
  require_one(problems_of(abroad), 6, 17,
              "`located_in` of actor `KHM.CONSULATE-MYS` is `KHM.MOLVT`, "
              "which is not a state");
  std::string unknown = abroad;
  unknown.replace(unknown.find("KHM.MOLVT"), 9, "MYZ");
  require_one(problems_of(unknown), 6, 17, "unknown actor `MYZ`; did you mean `MYS`?");
}
