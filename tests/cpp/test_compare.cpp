// Comparing agreements on the built-in corpus.

#include "support.hpp"

#include <algorithm>
#include <set>

using namespace dutymap;
using namespace dutymap::testing;

namespace {
const topic_difference& on(const std::vector<topic_difference>& d, std::string_view topic) {
  auto it =
      std::find_if(d.begin(), d.end(), [&](const topic_difference& x) { return x.topic == topic; });
  INFO("no difference row for " << topic);
  REQUIRE(it != d.end());
  return *it;
}
}  // namespace

TEST_CASE("the Malaysia general and domestic workers MOUs differ as the LMP review says",
          "[compare]") {
  const auto d = diff(builtin(), "mou-khm-mys-2015-gw", "mou-khm-mys-2015-dw");
  // What one side codes and the other does not is not known to be absent there: neither MOU's own
  // text was read in full (the review reports the domestic workers' contract lacking set hours,
  // but not the MOU itself).
  CHECK(on(d, "working_time.hours").relation == relation::unknown_in_b);
  CHECK_THAT(on(d, "working_time.hours").explanation,
             Catch::Matchers::Contains("whether mou-khm-mys-2015-dw does is not known") &&
                 Catch::Matchers::Contains("mou-khm-mys-2015-dw (text: described)"));
  CHECK(on(d, "wages.overtime_pay").relation == relation::unknown_in_b);
  CHECK(on(d, "mobility.change_employer").relation == relation::unknown_in_a);
  CHECK(on(d, "repatriation.cost").relation == relation::unknown_in_a);
  CHECK(on(d, "working_time.weekly_rest").relation == relation::equivalent);
  // Both sides' citations come with each row; the domestic workers' side is its Appendix B.
  const auto& rest = on(d, "working_time.weekly_rest");
  REQUIRE_FALSE(rest.a.empty());
  REQUIRE_FALSE(rest.b.empty());
  CHECK(rest.a.front().instrument == "mou-khm-mys-2015-gw-contract");
  CHECK(rest.b.front().instrument == "mou-khm-mys-2015-dw-contract");
  CHECK(on(d, "mobility.change_employer").b.front().note == "restricts");
  // Without the annexed contracts, the MOUs themselves say little.
  const auto bare = diff(builtin(), "mou-khm-mys-2015-gw", "mou-khm-mys-2015-dw", false);
  CHECK(std::none_of(bare.begin(), bare.end(),
                     [](const topic_difference& x) { return x.topic == "working_time.hours"; }));
}

TEST_CASE("coverage matrix: signed, weighted, rolled up", "[compare]") {
  const std::vector<std::string> ids{"mou-khm-mys-2015-dw", "mou-khm-mys-2015-gw"};
  const auto cmp = compare(builtin(), ids);
  REQUIRE(cmp.matrix.rows() == 2);
  auto col = [&](const std::string& t) {
    auto it = std::find(cmp.columns.begin(), cmp.columns.end(), t);
    REQUIRE(it != cmp.columns.end());
    return static_cast<Eigen::Index>(it - cmp.columns.begin());
  };
  CHECK(cmp.matrix(0, col("mobility.change_employer")) == Approx(-1.0));  // restricts, `shall`
  CHECK(cmp.matrix(0, col("working_time.weekly_rest")) == Approx(1.0));
  CHECK(cmp.matrix(1, col("working_time.hours")) == Approx(1.0));
  CHECK(cmp.matrix(0, col("working_time.hours")) == Approx(0.0));
  CHECK(std::is_sorted(cmp.columns.begin(), cmp.columns.end()));

  compare_options o;
  o.shall = 0.5;
  CHECK(compare(builtin(), ids, o).matrix(0, col("working_time.weekly_rest")) == Approx(0.5));
  o = {};
  o.rollup = rollup::group;
  const auto groups = compare(builtin(), ids, o);
  const auto wt = std::find(groups.columns.begin(), groups.columns.end(), "working_time") -
                  groups.columns.begin();
  CHECK(groups.matrix(1, wt) == Approx(1.0));
  o.rollup = rollup::stage;
  const auto stages = compare(builtin(), ids, o);
  CHECK(stages.columns ==
        std::vector<std::string>{"pre_departure", "transit", "employment", "return"});
  CHECK(stages.matrix(0, 3) < 0);  // the DW contract's repatriation clause restricts at return
  o.with_annexes = false;
  o.rollup = rollup::topic;
  CHECK(compare(builtin(), ids, o).matrix.cols() < cmp.matrix.cols());
  CHECK_THROWS_WITH(compare(builtin(), {"mou-khm-mys-2015-dx"}),
                    Catch::Matchers::Contains("did you mean"));
}

TEST_CASE("similarity: symmetric, 1 on the diagonal, nearest to itself", "[compare]") {
  const auto ids = bilateral_instruments(builtin());
  REQUIRE(ids.size() >= 10);
  const auto cmp = compare(builtin(), ids);
  for (const Eigen::MatrixXd& sim : {cmp.cosine(), cmp.jaccard()}) {
    CHECK(sim.isApprox(sim.transpose()));
    for (Eigen::Index i = 0; i < sim.rows(); ++i) CHECK(sim(i, i) == Approx(1.0));
    CHECK(sim.minCoeff() >= -1.0);
    CHECK(sim.maxCoeff() <= 1.0 + 1e-12);
  }
  for (const auto& id : ids) {
    CHECK(cmp.nearest(id, 3).front().first == id);
    CHECK(cmp.nearest(id, 3, true).front().first == id);
  }
  // The two 2015 Malaysia MOUs are nearer each other than to an MOU with nothing coded.
  const auto near = cmp.nearest("mou-khm-mys-2015-gw", 2);
  CHECK(near[1].first == "mou-khm-mys-2015-dw");
  CHECK(near[1].second > 0.0);
}

TEST_CASE("revisions report what each revision changed", "[compare]") {
  const auto tha = revisions(builtin(), "mou-khm-tha-2015");
  REQUIRE(tha.size() == 1);
  CHECK(tha[0].from == "mou-khm-tha-2003");
  CHECK(tha[0].to == "mou-khm-tha-2015");
  // Both are coded from descriptions, neither read in full: no change is reported as fact, and
  // what one side speaks to is not known of the other.
  CHECK(tha[0].both_coded);
  CHECK(tha[0].added.empty());
  CHECK(tha[0].dropped.empty());
  CHECK_FALSE(tha[0].not_known.empty());
  // Myanmar-Thailand: the 2003 MOU's three-year wait and the 2016 MOU's 30-day wait are known only
  // from descriptions, so neither is claimed as added or dropped.
  const auto mmr = revisions(builtin(), "mou-mmr-tha-2003");
  REQUIRE(mmr.size() == 1);
  CHECK(mmr[0].to == "mou-mmr-tha-2016");
  CHECK(mmr[0].added.empty());
  CHECK(mmr[0].dropped.empty());
  CHECK_FALSE(mmr[0].not_known.empty());
  // Where both sides are coded, the steps say what changed (a revision in code, from the corpus).
  scenario revised(builtin());
  instrument next = builtin().get_instrument("mou-khm-mys-2015-dw-contract");
  next.id = "mou-khm-mys-2016-dw";
  next.annex_to.clear();
  next.kind = instrument_kind::mou;
  next.supersedes = "mou-khm-mys-2015-dw";
  next.provisions.pop_back();  // drops the last clause
  for (auto& p : next.provisions)
    p.instrument = next.id, p.id = next.id + ":" + p.id.substr(p.id.find(':') + 1);
  // Read in full, the revision's silence on the dropped clause is a drop.
  next.text = text_coverage::full;
  revised.put_instrument(next);
  const auto steps = revisions(revised.result(), "mou-khm-mys-2016-dw");
  REQUIRE(steps.size() == 1);
  CHECK(steps[0].both_coded);
  CHECK_FALSE(steps[0].dropped.empty());
  for (const auto& d : steps[0].dropped) CHECK(d.relation == relation::only_in_b);
  // Known only from a description, it may still hold the clause: not known, not dropped.
  next.text = text_coverage::described;
  revised.put_instrument(next);
  const auto unread = revisions(revised.result(), "mou-khm-mys-2016-dw");
  REQUIRE(unread.size() == 1);
  CHECK(unread[0].dropped.empty());
  REQUIRE(unread[0].not_known.size() == steps[0].dropped.size());
  for (const auto& d : unread[0].not_known) CHECK(d.relation == relation::unknown_in_a);
  CHECK(revisions(builtin(), "ilo-c189").empty());
}

TEST_CASE("scores against a profile, by stage, with reasons", "[compare]") {
  const auto ids = bilateral_instruments(builtin(), "KHM", "MYS");
  CHECK(std::find(ids.begin(), ids.end(), "mou-khm-mys-2015-dw") != ids.end());
  for (const auto& id : ids) CHECK(builtin().get_instrument(id).parties[0] == "KHM");
  const auto scores = score(builtin(), ids, "khm-lmp-2014-mou-minimum");
  REQUIRE(scores.size() == ids.size());
  for (const auto& s : scores) {
    // Only the scored instrument (and its annexes) decides anything.
    for (const auto& r : s.report.rows)
      for (const auto& d : r.decided_by) CHECK(d.instrument.rfind(s.instrument, 0) == 0);
    // The overall score leaves out the norms of unknown status; NaN when none is known.
    CHECK((std::isnan(s.overall) || s.overall <= 1.0));
    CHECK(std::isnan(s.overall) == (s.report.evidence_index() == 0.0));
  }
  auto of = [&](const char* id) {
    return *std::find_if(scores.begin(), scores.end(),
                         [&](const instrument_score& s) { return s.instrument == id; });
  };
  // The DW MOU is judged in its own sector, where its contract's rest day counts.
  const auto& dw = of("mou-khm-mys-2015-dw");
  CHECK(dw.report.corridor.sector == "domestic_work");
  CHECK(dw.report.find("working_time.weekly_rest", stage::employment)->status ==
        gap_status::committed);
  CHECK(dw.by_stage[static_cast<int>(stage::employment)] > 0);
  CHECK_THROWS_AS(score(builtin(), {"ilo-c189"}, "khm-lmp-2014-mou-minimum"),
                  std::invalid_argument);
}
