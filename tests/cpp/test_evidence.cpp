// What the corpus knows apart from what it does not: how much of each instrument was read
// (`text`), what a source reports it lacks (`lacks`), `unknown` apart from `gap`, and the evidence
// each status rests on.

#include "support.hpp"

#include <algorithm>
#include <cmath>
#include <set>

using namespace dutymap;
using namespace dutymap::testing;
using Catch::Matchers::Contains;

namespace {

// A Cambodia–Korea MOU (not in the built-in corpus) with one clause, weekly rest, read as `text`,
// with `extra` lines in its instrument map.
std::string korea_mou(const std::string& id, const std::string& text, const std::string& extra = "",
                      bool with_clause = true) {
  std::string y = "instrument:\n  id: " + id +
                  "\n  title: t\n  kind: mou\n  level: bilateral\n  binding: false\n"
                  "  parties: [KHM, KOR]\n  source: s\n  text: " +
                  text + "\n" + extra;
  if (!with_clause) return y + "  provisions: []\n";
  return y +
         "  provisions:\n"
         "    - {article: '5', summary: A weekly day off., modality: right, strength: shall,\n"
         "       bearers: [employer], stages: [employment], topics: [working_time.weekly_rest],\n"
         "       provenance: {coded_from: text, source: s, confidence: high}}\n";
}

corpus with(const std::vector<std::string>& files) {
  std::vector<source_file> layer;
  for (std::size_t i = 0; i < files.size(); ++i)
    layer.push_back({"mou" + std::to_string(i) + ".yaml", files[i]});
  return load_sources({layer}, builtin());
}

const char* lmp = "khm-lmp-2014-mou-minimum";

}  // namespace

TEST_CASE("Cambodia to Thailand: five gaps reported by the LMP review, five unknown",
          "[evidence]") {
  const auto rep = gaps(builtin(), make_corridor("KHM", "THA", "2017-12-31"), lmp);
  const std::set<std::string> reported{"working_time.weekly_rest", "working_time.hours",
                                       "social_security.portability", "skills.certification",
                                       "wages.minimum"};
  std::size_t gaps_seen = 0, unknown_seen = 0;
  for (const auto* r : rep.profile_rows()) {
    INFO(r->topic);
    if (reported.count(r->topic)) {
      ++gaps_seen;
      CHECK(r->status == gap_status::gap);
      // Each gap cites the review's record of the absence, for each text of the MOU.
      CHECK(evidence_of(*r, evidence_kind::reported_lack) ==
            std::set<std::string>{"mou-khm-tha-2015", "mou-khm-tha-2015-agreement"});
      CHECK(evidence_of(*r, evidence_kind::not_read).empty());
      for (const auto& e : r->evidence) {
        CHECK_THAT(e.citation, Contains("seed 001_f9b74ad6f969ad03.txt, Annex 1"));
        CHECK_FALSE(e.passage.empty());
      }
      CHECK_THAT(r->explanation, Contains("a source reports that mou-khm-tha-2015"));
      CHECK(r->decided_by.empty());
    } else {
      ++unknown_seen;
      CHECK(r->status == gap_status::unknown);
      CHECK(evidence_of(*r, evidence_kind::not_read) ==
            std::set<std::string>{"mou-khm-tha-2015", "mou-khm-tha-2015-agreement"});
      CHECK_THAT(r->explanation, Contains("To settle it, read mou-khm-tha-2015"));
      CHECK_FALSE(r->confidence.has_value());
    }
  }
  CHECK(gaps_seen == 5);
  CHECK(unknown_seen == 5);
  CHECK(rep.evidence_index() == Approx(0.5));
  // Unknown norms are neither covered nor gaps: the coverage index leaves them out.
  CHECK(rep.coverage_index()[static_cast<int>(stage::employment)] == Approx(0.0));
  CHECK(rep.counts_by_stage()[static_cast<int>(stage::pre_departure)]
                             [static_cast<int>(gap_status::unknown)] == 3);
}

TEST_CASE("Cambodia to Malaysia, domestic work: the findings stand beside what is not known",
          "[evidence]") {
  const auto rep = gaps(builtin(), make_corridor("KHM", "MYS", "2017-12-31", "domestic_work"), lmp);
  CHECK(row_of(rep, "mobility.change_employer", stage::employment).status == gap_status::conflict);
  CHECK(row_of(rep, "repatriation.cost", stage::return_home).status == gap_status::conflict);
  CHECK(row_of(rep, "documents.worker_keeps_passport", stage::employment).status ==
        gap_status::committed);
  const auto& rest = row_of(rep, "working_time.weekly_rest", stage::employment);
  CHECK(rest.status == gap_status::committed);
  // A covered row rests on its deciding provisions, kept once, in `decided_by`.
  CHECK(rest.evidence.empty());
  const auto all = rest.all_evidence();
  REQUIRE(all.size() == rest.decided_by.size());
  CHECK(all.front().kind == evidence_kind::provision);
  CHECK(all.front().provision == rest.decided_by.front().provision);
  CHECK(all.front().citation == "mou-khm-mys-2015-dw-contract Appendix B");
  CHECK(all.front().text == text_coverage::described);
  CHECK(rest.decided_by.front().text == text_coverage::described);
  // Seed 001 says no MOU addresses portability: a gap, on both texts.
  const auto& portability = row_of(rep, "social_security.portability", stage::employment);
  CHECK(portability.status == gap_status::gap);
  CHECK(evidence_of(portability, evidence_kind::reported_lack) ==
        std::set<std::string>{"mou-khm-mys-2015-dw", "mou-khm-mys-2015-dw-contract"});
}

TEST_CASE("each text kind: only a text read in full, or a cited absence, makes a gap",
          "[evidence]") {
  const auto k = make_corridor("KHM", "KOR", "2031-01-01");
  for (const char* kind : {"full", "partial", "described", "none"}) {
    INFO(kind);
    const corpus c = with({korea_mou("mou-khm-kor-2030", kind, "  adopted: 2030-01-01\n")});
    CHECK(name_of(c.get_instrument("mou-khm-kor-2030").text) == std::string(kind));
    const auto rep = gaps(c, k, lmp);
    const auto& rest = row_of(rep, "working_time.weekly_rest", stage::employment);
    CHECK(rest.status == gap_status::committed);
    const auto& wage = row_of(rep, "wages.minimum", stage::employment);
    if (std::string(kind) == "full") {
      CHECK(wage.status == gap_status::gap);
      CHECK(evidence_of(wage, evidence_kind::read_in_full) ==
            std::set<std::string>{"mou-khm-kor-2030"});
      CHECK_THAT(wage.explanation, Contains("mou-khm-kor-2030 was read in full"));
      CHECK(rep.evidence_index() == 1.0);
    } else {
      CHECK(wage.status == gap_status::unknown);
      REQUIRE(wage.evidence.size() == 1);
      CHECK(wage.evidence.front().kind == evidence_kind::not_read);
      CHECK(name_of(wage.evidence.front().text) == std::string(kind));
      CHECK_THAT(wage.explanation, Contains("mou-khm-kor-2030 (text: " + std::string(kind) + ")"));
      CHECK(rep.evidence_index() == Approx(0.1));  // only weekly rest is known
    }
  }
  // No instrument of an accepted kind applies at all: nobody owes anything, verified.
  const auto none = gaps(builtin(), k, lmp);
  for (const auto* r : none.profile_rows()) {
    CHECK(r->status == gap_status::gap);
    CHECK(r->evidence.empty());
    CHECK_THAT(r->explanation, Contains("no instrument of a kind the profile accepts applies"));
  }
}

TEST_CASE("a reported lack settles its topic, the topics under it, and only its stages",
          "[evidence]") {
  const auto k = make_corridor("KHM", "KOR", "2031-01-01");
  const std::string lack =
      "  lacks:\n"
      "    - {topic: wages, source: 'a review, p. 3', passage: no wage clause, confidence: "
      "medium}\n"
      "    - {topic: skills.certification, stages: [return], source: 'a review, p. 4',\n"
      "       passage: no recognition on return, confidence: low}\n";
  const corpus c = with({korea_mou("mou-khm-kor-2030", "none", "  adopted: 2030-01-01\n" + lack)});
  const auto& in = c.get_instrument("mou-khm-kor-2030");
  REQUIRE(in.lacks.size() == 2);
  CHECK(in.lacks[0].provenance.from == coded_from::secondary);
  CHECK(in.lacks[1].stages.contains(stage::return_home));
  const auto rep = gaps(c, k, lmp);
  // `wages` covers its subtree: the minimum wage norm is a verified (reported) gap.
  const auto& wage = row_of(rep, "wages.minimum", stage::employment);
  CHECK(wage.status == gap_status::gap);
  REQUIRE(wage.evidence.size() == 1);
  CHECK(wage.evidence.front().kind == evidence_kind::reported_lack);
  CHECK(wage.evidence.front().citation == "a review, p. 3");
  CHECK(wage.evidence.front().passage == "no wage clause");
  CHECK(wage.confidence == confidence::medium);
  CHECK_THAT(wage.explanation, Contains("The absence is reported by a source"));
  // Reported lacking on return only: at pre-departure it is still not known.
  CHECK(row_of(rep, "skills.certification", stage::pre_departure).status == gap_status::unknown);
  CHECK(row_of(rep, "conditions.accommodation", stage::employment).status == gap_status::unknown);
}

TEST_CASE("a revision whose text is unknown does not wipe out the clauses it revised",
          "[evidence]") {
  const auto k = make_corridor("KHM", "KOR", "2036-01-01");
  const std::string old_mou = korea_mou("mou-khm-kor-2030", "full", "  adopted: 2030-01-01\n");
  const std::string revision = "  adopted: 2035-01-01\n  supersedes: mou-khm-kor-2030\n";
  {
    const corpus c = with({old_mou, korea_mou("mou-khm-kor-2035", "none", revision, false)});
    const auto rep = gaps(c, k, lmp);
    const auto& rest = row_of(rep, "working_time.weekly_rest", stage::employment);
    CHECK(rest.status == gap_status::unknown);
    CHECK(evidence_of(rest, evidence_kind::not_read) == std::set<std::string>{"mou-khm-kor-2035"});
    REQUIRE_FALSE(rest.nearest.empty());
    CHECK(rest.nearest.front().provision == "mou-khm-kor-2030:5");
    CHECK_THAT(rest.nearest.front().note,
               Contains("mou-khm-kor-2030 was superseded by mou-khm-kor-2035") &&
                   Contains("mou-khm-kor-2035, the revision in force here, is not known in full "
                            "(text: none): the clause may be retained"));
    CHECK_THAT(rest.explanation, Contains("Nearest: mou-khm-kor-2030 Art. 5"));
  }
  {
    // A clause of the contract annexed to the revised MOU lives or dies with it.
    const std::string contract =
        "instrument:\n  id: mou-khm-kor-2030-contract\n  title: t\n  kind: standard_contract\n"
        "  annex_to: mou-khm-kor-2030\n  source: s\n  text: full\n  provisions:\n"
        "    - {article: 'A-3', summary: A weekly day off., modality: right, strength: shall,\n"
        "       bearers: [employer], stages: [employment], topics: [working_time.weekly_rest],\n"
        "       provenance: {coded_from: text, source: s, confidence: high}}\n";
    const corpus c = with({korea_mou("mou-khm-kor-2030", "full", "  adopted: 2030-01-01\n", false),
                           contract, korea_mou("mou-khm-kor-2035", "none", revision, false)});
    const auto rep = gaps(c, k, lmp);
    const auto& rest = row_of(rep, "working_time.weekly_rest", stage::employment);
    CHECK(rest.status == gap_status::unknown);
    REQUIRE_FALSE(rest.nearest.empty());
    CHECK(rest.nearest.front().instrument == "mou-khm-kor-2030-contract");
    CHECK_THAT(rest.nearest.front().note, Contains("the clause may be retained"));
  }
  {
    // A source reports the revision dropped weekly rest: a gap, and the old clause is only nearest.
    const std::string dropped =
        revision +
        "  lacks:\n    - {topic: working_time.weekly_rest, source: s, passage: p, confidence: "
        "high}\n";
    const corpus c = with({old_mou, korea_mou("mou-khm-kor-2035", "none", dropped, false)});
    const auto rep = gaps(c, k, lmp);
    const auto& rest = row_of(rep, "working_time.weekly_rest", stage::employment);
    CHECK(rest.status == gap_status::gap);
    REQUIRE_FALSE(rest.nearest.empty());
    CHECK_THAT(rest.nearest.front().note, !Contains("may be retained"));
  }
}

TEST_CASE("a scenario that adds an MOU read in full turns unknown into gap or better",
          "[evidence][scenario]") {
  const auto k = make_corridor("KHM", "THA", "2017-12-31");
  const auto before = gaps(builtin(), k, lmp);
  instrument mou;
  mou.id = "mou-khm-tha-2017";
  mou.title = "A revision read in full";
  mou.kind = instrument_kind::mou;
  mou.level = level::bilateral;
  mou.binding = false;
  mou.parties = {"KHM", "THA"};
  mou.adopted = date::parse("2017-06-01");
  mou.supersedes = "mou-khm-tha-2015";
  mou.source = "test";
  mou.text = text_coverage::full;
  provision fees;
  fees.id = "mou-khm-tha-2017:7";
  fees.instrument = mou.id;
  fees.article = "7";
  fees.summary = "No recruitment fee is charged to the worker.";
  fees.modality = modality::prohibition;
  fees.strength = strength::shall;
  fees.bearers = {role::origin_state};
  fees.stages = {stage::pre_departure};
  fees.topics = {{"recruitment.fees", effect::protects}};
  fees.provenance.source = "test";
  mou.provisions.push_back(fees);
  scenario s(builtin());
  s.put_instrument(mou);
  const auto after = gaps(s.result(), k, lmp);
  CHECK(after.evidence_index() == 1.0);
  for (const auto* r : after.profile_rows()) CHECK(r->status != gap_status::unknown);
  CHECK(row_of(after, "recruitment.fees", stage::pre_departure).status == gap_status::committed);
  const auto& food = row_of(after, "conditions.accommodation", stage::employment);
  CHECK(food.status == gap_status::gap);
  CHECK(evidence_of(food, evidence_kind::read_in_full) ==
        std::set<std::string>{"mou-khm-tha-2017"});
  // The changes: the five unknown norms are settled, the five reported gaps stay.
  const auto ch = changes(before, after);
  std::size_t settled = 0;
  for (const auto& c : ch)
    if (c.in_profile) {
      CHECK(c.before == gap_status::unknown);
      ++settled;
    }
  CHECK(settled == 5);
}

TEST_CASE("no gap in the built-in corpus rests on a text not read in full and not reported lacking",
          "[evidence]") {
  const corpus& c = builtin();
  std::vector<std::string> states;
  for (const auto& a : c.actors())
    if (a.kind == actor_kind::state) states.push_back(a.id);
  std::vector<std::string> sectors{""};
  for (const auto& s : c.sectors()) sectors.push_back(s.id);
  gap_options o;
  o.max_nearest = o.max_precedents = 0;  // statuses and evidence do not depend on them
  std::size_t reports = 0, gap_rows = 0, unknown_rows = 0;
  for (const auto& from : states)
    for (const auto& to : states) {
      if (from == to) continue;
      for (const char* when : {"2012-12-31", "2017-12-31", "2026-01-01"})
        for (const auto& sector : sectors)
          for (const auto& prof : c.profiles()) {
            const corridor k = make_corridor(from.c_str(), to.c_str(), when, sector);
            const auto rep = gaps(c, k, prof.id, o);
            ++reports;
            // The instruments whose silence a gap rests on, judged here from the corpus's own
            // account of which instruments apply.
            std::vector<const instrument*> answerable;
            for (const auto& st : instrument_statuses(c, k)) {
              const auto& in = c.get_instrument(st.instrument);
              if (st.status == exclusion::counts && prof.accepts_kind(in.kind) &&
                  (sector.empty() || in.scope.covers_sector(sector)))
                answerable.push_back(&in);
            }
            for (const auto* r : rep.profile_rows()) {
              if (r->status != gap_status::gap && r->status != gap_status::unknown) continue;
              INFO(from << "->" << to << " " << when << " " << sector << " " << prof.id << " "
                        << r->topic << " at " << name_of(r->stage));
              std::set<std::string> open, settled;
              for (const auto* in : answerable)
                (in->text == text_coverage::full || in->lack_of(r->topic, r->stage) ? settled
                                                                                    : open)
                    .insert(in->id);
              if (r->status == gap_status::gap) {
                ++gap_rows;
                CHECK(open.empty());
                CHECK(evidence_of(*r, evidence_kind::not_read).empty());
                std::set<std::string> cited = evidence_of(*r, evidence_kind::reported_lack);
                for (const auto& x : evidence_of(*r, evidence_kind::read_in_full)) cited.insert(x);
                CHECK(cited == settled);
              } else {
                ++unknown_rows;
                CHECK_FALSE(open.empty());
                CHECK(evidence_of(*r, evidence_kind::not_read) == open);
              }
            }
          }
    }
  CHECK(reports > 1000);
  CHECK(gap_rows > 0);
  CHECK(unknown_rows > 0);
}

TEST_CASE("reported lacks are validated like provisions", "[evidence][validation]") {
  SECTION("an unknown topic, with the nearest id") {
    require_one(problems_of(instrument_yaml(
                    "  lacks:\n    - {topic: wages.minimun, source: s, passage: p, confidence: "
                    "low}\n")),
                9, 15, "unknown topic `wages.minimun`; did you mean `wages.minimum`?");
  }
  SECTION("a lack that a protecting clause of the same instrument contradicts") {
    require_one(problems_of(instrument_yaml(
                    "  lacks:\n    - {topic: working_time, source: s, passage: p, confidence: "
                    "low}\n")),
                9, 15,
                "lists `working_time` in `lacks`, but its provision `mou-khm-tha-2026:3` "
                "protects the worker on `working_time.weekly_rest`");
  }
  SECTION("a lack at other stages than the clause does not contradict it") {
    CHECK(problems_of(instrument_yaml("  lacks:\n    - {topic: working_time, stages: [return], "
                                      "source: s, passage: p, confidence: low}\n"))
              .empty());
  }
  SECTION("its provenance is required") {
    require_one(problems_of(instrument_yaml(
                    "  lacks:\n    - {topic: wages.minimum, source: s, confidence: low}\n")),
                9, 7, "missing required key `passage` in a reported lack");
  }
  SECTION("a text kind outside the vocabulary, with the nearest one") {
    auto y = instrument_yaml();
    y.replace(y.rfind("text: full"), 10, "text: ful");
    require_one(problems_of(y), 18, 9, "unknown text `ful`; did you mean `full`?");
  }
}

TEST_CASE("text and lacks survive a save and a reload", "[evidence][save]") {
  const corpus c = with({korea_mou(
      "mou-khm-kor-2030", "partial",
      "  lacks:\n    - {topic: wages, stages: [employment], source: 'r, p. 3', passage: 'no "
      "wage', confidence: medium, notes: our reading}\n")});
  const auto& in = c.get_instrument("mou-khm-kor-2030");
  const corpus again = load_sources({{source_file{"again.yaml", to_yaml(in)}}}, builtin());
  CHECK(again.get_instrument("mou-khm-kor-2030") == in);
}

TEST_CASE("a draft coding: its rows say so, and its silence is a gap of low confidence",
          "[evidence]") {
  const auto k = make_corridor("KHM", "KOR", "2031-01-01");
  const std::string drafted =
      "instrument:\n  id: mou-khm-kor-2030\n  title: t\n  kind: mou\n  level: bilateral\n"
      "  parties: [KHM, KOR]\n  adopted: 2030-01-01\n  source: s\n  text: full\n"
      "  provisions:\n"
      "    - {article: '5', summary: A weekly day off., modality: right, strength: shall,\n"
      "       bearers: [employer], stages: [employment], topics: [working_time.weekly_rest],\n"
      "       provenance: {coded_from: draft, source: 'mou.txt, Article 5', passage: 'The worker "
      "has a day of rest each week.', confidence: low}}\n";
  const corpus c = with({drafted});
  CHECK(c.draft_provisions_in(*c.instrument_index("mou-khm-kor-2030")) == 1);
  const auto rep = gaps(c, k, lmp);
  const auto& rest = row_of(rep, "working_time.weekly_rest", stage::employment);
  CHECK(rest.status == gap_status::committed);
  REQUIRE(rest.decided_by.size() == 1);
  CHECK(rest.decided_by.front().coded_from == coded_from::draft);
  CHECK_THAT(rest.explanation, Contains("rests on a draft coding not yet reviewed"));
  // Read in full, by the assistant: a gap, but of low confidence, and the explanation says why.
  const auto& wage = row_of(rep, "wages.minimum", stage::employment);
  CHECK(wage.status == gap_status::gap);
  REQUIRE(wage.evidence.size() == 1);
  CHECK(wage.evidence.front().kind == evidence_kind::read_in_full);
  CHECK(wage.evidence.front().confidence == confidence::low);
  CHECK(wage.confidence == confidence::low);
  CHECK_THAT(wage.explanation, Contains("by a draft coding not yet reviewed"));
  // Reviewed (coded from the text): the same gap at full confidence, the note gone.
  std::string reviewed = drafted;
  const std::string draft_kind = "coded_from: draft";
  reviewed.replace(reviewed.find(draft_kind), draft_kind.size(), "coded_from: text");
  const auto after = gaps(with({reviewed}), k, lmp);
  const auto& wage_after = row_of(after, "wages.minimum", stage::employment);
  CHECK(wage_after.status == gap_status::gap);
  CHECK_FALSE(wage_after.confidence.has_value());
  CHECK_THAT(wage_after.explanation, !Contains("draft"));
  CHECK_THAT(row_of(after, "working_time.weekly_rest", stage::employment).explanation,
             !Contains("draft"));
  // A draft must carry the clause it was proposed from.
  std::string bare = drafted;
  const std::string passage = " passage: 'The worker has a day of rest each week.',";
  bare.replace(bare.find(passage), passage.size(), "");
  const auto problems = check_sources({{source_file{"draft.yaml", bare}}}, builtin());
  REQUIRE(problems.size() == 1);
  CHECK_THAT(problems.front().message, Contains("is a draft coding but gives no `passage`"));
}
