// Comparing agreements on the built-in corpus.

#include "support.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
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

// Similarities computed the obvious way, pair by pair, from the definitions in compare.hpp.
Eigen::MatrixXd cosine_by_pairs(const Eigen::MatrixXd& m) {
  const Eigen::Index n = m.rows();
  Eigen::MatrixXd out(n, n);
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < n; ++j) {
      double dot = 0, a = 0, b = 0;
      for (Eigen::Index t = 0; t < m.cols(); ++t) {
        dot += m(i, t) * m(j, t);
        a += m(i, t) * m(i, t);
        b += m(j, t) * m(j, t);
      }
      out(i, j) = i == j ? 1.0 : a > 0 && b > 0 ? dot / std::sqrt(a * b) : 0.0;
    }
  return out;
}

Eigen::MatrixXd jaccard_by_pairs(const comparison& c) {
  const Eigen::Index n = c.topics_protected.rows();
  Eigen::MatrixXd out(n, n);
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < n; ++j) {
      int both = 0, either = 0;
      for (Eigen::Index t = 0; t < c.topics_protected.cols(); ++t)
        for (const Eigen::MatrixXd* side : {&c.topics_protected, &c.topics_restricted}) {
          const bool x = (*side)(i, t) > 0, y = (*side)(j, t) > 0;
          both += x && y;
          either += x || y;
        }
      out(i, j) = i == j ? 1.0 : either ? static_cast<double>(both) / either : 0.0;
    }
  return out;
}

// Each row's k best other rows of a full similarity matrix: by similarity, then by row.
std::vector<std::vector<Eigen::Index>> ranked(const Eigen::MatrixXd& sim, std::size_t k) {
  std::vector<std::vector<Eigen::Index>> out;
  for (Eigen::Index i = 0; i < sim.rows(); ++i) {
    std::vector<Eigen::Index> others;
    for (Eigen::Index j = 0; j < sim.cols(); ++j)
      if (j != i) others.push_back(j);
    std::stable_sort(others.begin(), others.end(),
                     [&](Eigen::Index a, Eigen::Index b) { return sim(i, a) > sim(i, b); });
    others.resize(std::min(k, others.size()));
    out.push_back(others);
  }
  return out;
}

// top_k(k) is the full matrix's rows sorted: the same neighbours in the same order, with the
// matrix's similarities.
void check_top_k(const comparison& c, std::size_t k, bool jaccard) {
  const Eigen::MatrixXd sim = jaccard ? c.jaccard() : c.cosine();
  const auto expected = ranked(sim, k);
  const neighbours got = c.top_k(k, jaccard);
  const auto n = static_cast<Eigen::Index>(c.instruments.size());
  const auto per = static_cast<Eigen::Index>(std::min<std::size_t>(k, n > 0 ? n - 1 : 0));
  REQUIRE(got.neighbour.rows() == n);
  REQUIRE(got.neighbour.cols() == per);
  REQUIRE(got.similarity.rows() == n);
  REQUIRE(got.similarity.cols() == per);
  std::size_t wrong = 0;
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index r = 0; r < per; ++r) {
      const auto at = static_cast<std::size_t>(r);
      wrong += got.neighbour(i, r) != expected[static_cast<std::size_t>(i)][at] ||
               got.similarity(i, r) != sim(i, expected[static_cast<std::size_t>(i)][at]);
    }
  INFO("n " << n << ", k " << k << (jaccard ? ", jaccard" : ", cosine"));
  CHECK(wrong == 0);
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

TEST_CASE("similarity equals the pair-by-pair definition on the built-in corpus", "[compare]") {
  const auto cmp = compare(builtin(), bilateral_instruments(builtin()));
  CHECK((cmp.cosine() - cosine_by_pairs(cmp.topic_matrix)).cwiseAbs().maxCoeff() <= 1e-12);
  CHECK((cmp.jaccard() - jaccard_by_pairs(cmp)).cwiseAbs().maxCoeff() <= 1e-12);
}

TEST_CASE("similarity equals the pair-by-pair definition on made-up comparisons", "[compare]") {
  // Sizes around a tile (16 rows), a cosine block (128) and a Jaccard block (1,024); topics
  // filling part of a word, a whole word, ten words (300) and more than the 16 words unrolled.
  const std::pair<std::size_t, std::size_t> sizes[] = {
      {0, 23}, {1, 23}, {2, 1}, {15, 32}, {16, 23}, {17, 300}, {129, 600}, {300, 23}, {1100, 40}};
  for (const auto& [n, topics] : sizes) {
    const auto c = random_comparison(n, topics, static_cast<unsigned>(n * 1000 + topics));
    INFO(n << " instruments, " << topics << " topics");
    const Eigen::MatrixXd cos = c.cosine(), jac = c.jaccard();
    REQUIRE(cos.rows() == static_cast<Eigen::Index>(n));
    REQUIRE(jac.rows() == static_cast<Eigen::Index>(n));
    if (n == 0) continue;
    CHECK((cos - cosine_by_pairs(c.topic_matrix)).cwiseAbs().maxCoeff() <= 1e-12);
    CHECK((jac - jaccard_by_pairs(c)).cwiseAbs().maxCoeff() <= 1e-12);
    // Each pair computed once: the two triangles are equal bit for bit.
    CHECK(cos == cos.transpose());
    CHECK(jac == jac.transpose());
    // `nearest` reads one row of the same kernels.
    const auto row = static_cast<Eigen::Index>(n / 2);
    for (const auto& [id, s] : c.nearest(c.instruments[n / 2], n)) {
      const auto j = std::stoi(id.substr(1));
      CHECK(s == cos(row, j));
    }
  }
}

TEST_CASE("top_k ranks the rows of the full matrix", "[compare]") {
  const auto builtin_cmp = compare(builtin(), bilateral_instruments(builtin()));
  for (const bool jaccard : {false, true}) {
    for (const std::size_t k : {1, 3, 10, 100}) check_top_k(builtin_cmp, k, jaccard);
    const std::pair<std::size_t, std::size_t> sizes[] = {
        {0, 23}, {1, 23}, {2, 5}, {17, 300}, {129, 600}, {300, 23}, {1100, 40}};
    for (const auto& [n, topics] : sizes) {
      const auto c = random_comparison(n, topics, static_cast<unsigned>(n * 1000 + topics));
      for (const std::size_t k : {std::size_t{1}, std::size_t{10}, n, n + 7})
        check_top_k(c, k, jaccard);
    }
  }
  const auto empty = builtin_cmp.top_k(0);
  CHECK(empty.neighbour.rows() == static_cast<Eigen::Index>(builtin_cmp.instruments.size()));
  CHECK(empty.neighbour.cols() == 0);
}

TEST_CASE("top_k is nearest without the instrument itself", "[compare]") {
  // The instruments are in id order, so ties fall the same way in both.
  const auto ids = bilateral_instruments(builtin());
  REQUIRE(std::is_sorted(ids.begin(), ids.end()));
  const auto cmp = compare(builtin(), ids);
  for (const bool jaccard : {false, true}) {
    const auto top = cmp.top_k(4, jaccard);
    for (std::size_t i = 0; i < ids.size(); ++i) {
      const auto near = cmp.nearest(ids[i], 5, jaccard);
      REQUIRE(near.size() == 5);
      CHECK(near[0].first == ids[i]);
      for (std::size_t r = 0; r < 4; ++r) {
        const auto row = static_cast<Eigen::Index>(i), rank = static_cast<Eigen::Index>(r);
        CHECK(ids[static_cast<std::size_t>(top.neighbour(row, rank))] == near[r + 1].first);
        CHECK(top.similarity(row, rank) == near[r + 1].second);
      }
    }
  }
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
