// Loading a valid corpus: items, inheritance, indexes, layering and replacement.

#include "support.hpp"

#include <algorithm>

using namespace dutymap;
using namespace dutymap::testing;

TEST_CASE("the small corpus loads with its items and indexes", "[corpus]") {
  const auto& c = small();
  const auto s = c.summary();
  CHECK(s.instruments == 5);
  CHECK(s.provisions == 6);
  CHECK(s.topics == 8);
  CHECK(s.sectors == 2);
  CHECK(s.actors == 6);
  CHECK(s.ratifications == 2);
  CHECK(s.profiles == 1);
  CHECK(s.restricting_provisions == 1);
  CHECK(s.instruments_by_kind[static_cast<int>(instrument_kind::mou)] == 3);
  CHECK(s.provisions_by_coding[static_cast<int>(coded_from::secondary)] == 3);

  // Items come in id order, whatever the file layout.
  CHECK(std::is_sorted(c.instruments().begin(), c.instruments().end(),
                       [](const auto& a, const auto& b) { return a.id < b.id; }));

  const auto& c189 = c.get_instrument("ilo-c189");
  CHECK(c189.binding);  // a convention binds by default
  CHECK(c189.provisions.size() == 2);
  CHECK(c189.provisions[0].id == "ilo-c189:part-i:10");
  CHECK(c189.provisions[0].scope.workers == worker_coverage::all);  // inherited
  CHECK(c189.provisions[0].scope.sectors == std::vector<std::string>{"domestic_work"});
  CHECK(c189.provisions[1].scope.workers == worker_coverage::documented);  // overridden
  CHECK(c189.provisions[1].scope.sectors == std::vector<std::string>{"domestic_work"});
  CHECK(c189.provisions[1].qualifiers.front().kind == qualifier_kind::progressive);
  CHECK(c189.provisions[0].citation() == "ilo-c189 Part I Art. 10");

  const auto& mou = c.get_instrument("mou-khm-tha-2015");
  CHECK_FALSE(mou.binding);  // an MOU does not bind by default
  CHECK(mou.adopted == date{2015, 12, 0});
  CHECK(mou.provisions[0].citation() == "mou-khm-tha-2015 Ch. 2");
  CHECK(mou.provisions[0].provenance.from == coded_from::secondary);
  CHECK(mou.provisions[0].provenance.level == confidence::low);
}

TEST_CASE("look-ups by id and the indexes agree", "[corpus]") {
  const auto& c = small();
  const auto rest = *c.topic_index("working_time.weekly_rest");
  std::vector<std::string> about;
  for (auto p : c.provisions_about(rest)) about.push_back(c.provision_at(p).id);
  CHECK(about ==
        std::vector<std::string>{"ilo-c189:part-i:10", "mou-khm-mys-2015-dw-contract:rest-day"});
  CHECK(c.provisions_about_tree(*c.topic_index("working_time")).size() == 2);
  CHECK(c.provisions_about_tree(*c.topic_index("wages")).size() == 1);
  CHECK(c.provision_topics().test(*c.provision_index("ilo-c189:part-i:10"), rest));

  CHECK(c.provisions_at(stage::pre_departure).size() == 2);
  CHECK(c.provisions_borne_by(role::employer).size() == 2);
  CHECK(c.provisions_designating(*c.actor_index("KHM.MOLVT")).size() == 1);
  CHECK(c.provisions_at(stage::transit).empty());

  const auto tha = *c.actor_index("THA");
  REQUIRE(c.ratifications_of(tha).size() == 1);
  const auto* r = c.find_ratification("THA", "ilo-c189");
  REQUIRE(r);
  CHECK_FALSE(r->in_effect());  // signed only
  const auto* k = c.find_ratification("KHM", "ilo-c189");
  REQUIRE(k);
  CHECK(k->binds_on(date{2014, 6, 1}.first_day()));
  CHECK_FALSE(k->binds_on(date{2014, 5, 31}.first_day()));
  CHECK(k->excludes == std::vector<std::string>{"Part II"});

  CHECK(c.bodies_of(*c.actor_index("KHM")).size() == 3);
  CHECK(c.annexes_of(*c.instrument_index("mou-khm-mys-2015-dw")).size() == 1);

  std::vector<std::string> chain;
  for (auto i : c.revision_chain(*c.instrument_index("mou-khm-tha-2015")))
    chain.push_back(c.instruments()[i].id);
  CHECK(chain == std::vector<std::string>{"mou-khm-tha-2003", "mou-khm-tha-2015"});
  CHECK(c.revision_chain(*c.instrument_index("mou-khm-tha-2003")).size() == 2);

  CHECK_THROWS_WITH(c.get_instrument("ilo-c198"),
                    Catch::Matchers::Contains("did you mean `ilo-c189`?"));
  CHECK_THROWS_AS(c.get_topic("nothing.like.it.at.all"), std::out_of_range);
  CHECK(c.find_instrument("nope") == nullptr);
}

TEST_CASE("layers add and replace items, by id, only when they say so", "[corpus][layers]") {
  const auto& base = small();
  const std::string replacement =
      "instrument:\n  id: mou-khm-tha-2015\n  title: Revised again\n  kind: mou\n  level: "
      "bilateral\n"
      "  parties: [KHM, THA]\n  supersedes: mou-khm-tha-2003\n  source: s\n  replaces: true\n  "
      "provisions: []\n  text: none\n";
  const std::string addition = "actors:\n  - {id: LAO, name: Lao PDR, kind: state, source: s}\n";
  const corpus layered =
      load_sources({{source_file{"r.yaml", replacement}}, {source_file{"a.yaml", addition}}}, base);
  CHECK(layered.get_instrument("mou-khm-tha-2015").title == "Revised again");
  CHECK(layered.get_instrument("mou-khm-tha-2015").provisions.empty());
  CHECK(layered.find_provision("mou-khm-tha-2015:ch-2") == nullptr);  // replaced whole
  CHECK(layered.find_actor("LAO") != nullptr);
  CHECK(layered.instruments().size() == base.instruments().size());
  // The base is untouched.
  CHECK(base.get_instrument("mou-khm-tha-2015").title == "MOU on Labour Cooperation (revised)");
  CHECK(base.find_actor("LAO") == nullptr);

  SECTION("a later layer may replace an item of an earlier user layer") {
    const std::string again =
        "actors:\n  - {id: LAO, name: Lao People's Democratic Republic, kind: state, source: s, "
        "replaces: true}\n";
    const corpus twice =
        load_sources({{source_file{"a.yaml", addition}}, {source_file{"b.yaml", again}}}, base);
    CHECK(twice.get_actor("LAO").name == "Lao People's Democratic Republic");
  }
  SECTION("the same id twice in one layer is an error even with replaces") {
    const std::string again =
        "actors:\n  - {id: LAO, name: Laos, kind: state, source: s, replaces: true}\n";
    auto ps =
        check_sources({{source_file{"a.yaml", addition}, source_file{"b.yaml", again}}}, base);
    REQUIRE(ps.size() == 1);
    CHECK_THAT(ps[0].message,
               Catch::Matchers::Contains("duplicate actor `LAO`: already defined at a.yaml:2:5"));
  }
  SECTION("replacing an instrument also replaces the places its problems are reported") {
    const std::string bad =
        "instrument:\n  id: mou-khm-tha-2015\n  title: t\n  kind: mou\n  level: bilateral\n"
        "  parties: [KHM, THA]\n  source: s\n  replaces: true\n  provisions:\n"
        "    - {article: '1', summary: s, modality: right, strength: shall, bearers: [worker],\n"
        "       stages: [employment], topics: [nope], provenance: {coded_from: text, source: s, "
        "confidence: high}}\n  text: full\n";
    auto ps = check_sources({{source_file{"x.yaml", bad}}}, base);
    REQUIRE(ps.size() == 1);
    CHECK(ps[0].file == "x.yaml");
    CHECK(ps[0].line == 11);
  }
}

TEST_CASE("a corpus built in code is validated the same way", "[corpus]") {
  corpus_content content = small().content();
  content.instruments[0].provisions[0].topics.push_back({"no.such.topic", effect::protects});
  try {
    corpus::build(content);
    FAIL("expected corpus_error");
  } catch (const corpus_error& e) {
    REQUIRE(e.problems().size() == 1);
    CHECK(e.problems()[0].file == "<memory>");
    CHECK_THAT(e.problems()[0].message, Catch::Matchers::Contains("unknown topic `no.such.topic`"));
  }
  CHECK(corpus::build(small().content()) == small());
}

TEST_CASE("dates: partial dates count from their last day", "[model]") {
  CHECK(date::parse("1969") == date{1969, 0, 0});
  CHECK(date::parse("1969")->last_day() == date{1969, 12, 31}.first_day());
  CHECK(date::parse("2016-02")->last_day() == date{2016, 2, 29}.first_day());
  CHECK(date{1970, 1, 1}.first_day() == 0);
  CHECK_FALSE(date::parse("2015-1-1"));
  CHECK_FALSE(date::parse("2015-00"));
  CHECK_FALSE(date::parse("2015-12-10x"));
  CHECK(date::parse("2015-12-10")->str() == "2015-12-10");
}

TEST_CASE("vocabularies round-trip through their names", "[model]") {
  for (auto n : enum_names<role>::values) CHECK(name_of(*parse<role>(n)) == n);
  CHECK(name_of(stage::return_home) == "return");
  CHECK(name_of(actor_kind::union_) == "union");
  CHECK_FALSE(parse<stage>("Return"));
  CHECK(at_least(strength::shall, strength::should));
  CHECK_FALSE(at_least(strength::may, strength::should));
  stage_set s{stage::transit, stage::return_home};
  CHECK(s.names() == std::vector<std::string>{"transit", "return"});
  CHECK(s.size() == 2);
}
