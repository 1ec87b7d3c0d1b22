#pragma once
// Helpers shared by the C++ tests.

#include <dutymap/dutymap.hpp>

#include <catch2/catch.hpp>

#include <random>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace dutymap::testing {

inline const std::string data_dir = DUTYMAP_TEST_DATA;

/// The small test corpus (tests/data/small), loaded on its own.
inline const corpus& small() {
  static const corpus c = load({data_dir + "/small"}, corpus{});
  return c;
}

/// Problems of one in-memory file laid over the small corpus.
inline std::vector<problem> problems_of(const std::string& yaml,
                                        const std::string& name = "bad.yaml") {
  return check_sources({{source_file{name, yaml}}}, small());
}

/// Asserts there is exactly one problem, at this line and column, whose message contains `text`.
inline void require_one(const std::vector<problem>& ps, int line, int column,
                        const std::string& text) {
  INFO("problems:\n"
       << [&] {
            std::string s;
            for (const auto& p : ps) s += p.str() + "\n";
            return s;
          }());
  REQUIRE(ps.size() == 1);
  CHECK(ps[0].file == "bad.yaml");
  CHECK(ps[0].line == line);
  CHECK(ps[0].column == column);
  CHECK_THAT(ps[0].message, Catch::Matchers::Contains(text));
}

/// A corridor from `origin` to `destination` as of a date, for a sector (empty: all) and status.
inline corridor make_corridor(const std::string& origin, const std::string& destination,
                              const char* as_of, std::string sector = {},
                              worker_status status = worker_status::documented) {
  corridor k;
  k.origin = origin;
  k.destination = destination;
  k.as_of = date::parse(as_of);
  k.sector = std::move(sector);
  k.status = status;
  return k;
}

/// The row of a norm in a report; the test fails when there is none.
inline const gap_row& row_of(const gap_report& r, std::string_view topic, stage s) {
  const gap_row* x = r.find(topic, s);
  INFO("no row for " << topic);
  REQUIRE(x != nullptr);
  return *x;
}

/// The instruments of a row's evidence of one kind.
inline std::set<std::string> evidence_of(const gap_row& r, evidence_kind k) {
  std::set<std::string> out;
  for (const auto& e : r.evidence)
    if (e.kind == k) out.insert(e.instrument);
  return out;
}

/// A minimal valid instrument file (read in full), with `extra` lines added to the instrument map
/// and one provision whose keys can be changed through `provision`.
inline std::string instrument_yaml(
    const std::string& extra = "",
    const std::string& provision =
        "      article: \"3\"\n"
        "      summary: Weekly rest.\n"
        "      modality: obligation\n"
        "      strength: shall\n"
        "      bearers: [employer]\n"
        "      stages: [employment]\n"
        "      topics: [working_time.weekly_rest]\n"
        "      provenance: {coded_from: text, source: draft, confidence: high}\n") {
  return "instrument:\n"
         "  id: mou-khm-tha-2026\n"
         "  title: Draft\n"
         "  kind: mou\n"
         "  level: bilateral\n"
         "  parties: [KHM, THA]\n"
         "  source: draft\n" +
         extra +
         "  provisions:\n"
         "    -\n" +
         provision +
         // Last, so that the lines the tests locate problems on are those of the lines above.
         "  text: full\n";
}

/// A comparison of `n` made-up instruments over `topics` topics, for the similarity kernels: rows
/// of every density from empty to dense (every seventh empty), some repeating the row before (so
/// that similarities tie), cells weighted as coverage cells are.
inline comparison random_comparison(std::size_t n, std::size_t topics, unsigned seed) {
  std::mt19937 gen(seed);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  const double weights[] = {1.0, 0.6, 0.3, 0.5, 0.15};
  std::uniform_int_distribution<int> weight(0, 4);
  const double densities[] = {0.02, 0.2, 0.6, 1.0};
  std::uniform_int_distribution<int> density(0, 3);
  const auto rows = static_cast<Eigen::Index>(n), cols = static_cast<Eigen::Index>(topics);
  comparison c;
  c.topics_protected = Eigen::MatrixXd::Zero(rows, cols);
  c.topics_restricted = Eigen::MatrixXd::Zero(rows, cols);
  c.topic_matrix = Eigen::MatrixXd::Zero(rows, cols);
  for (Eigen::Index i = 0; i < rows; ++i) {
    c.instruments.push_back("i" + std::to_string(i));
    if (i % 7 == 3) continue;  // empty
    if (i % 11 == 5) {         // the same as the row before
      c.topics_protected.row(i) = c.topics_protected.row(i - 1);
      c.topics_restricted.row(i) = c.topics_restricted.row(i - 1);
      c.topic_matrix.row(i) = c.topic_matrix.row(i - 1);
      continue;
    }
    const double d = densities[density(gen)];
    for (Eigen::Index t = 0; t < cols; ++t) {
      const bool protects = unit(gen) < d, restricts = unit(gen) < d / 3;
      c.topics_protected(i, t) = protects;
      c.topics_restricted(i, t) = restricts;
      c.topic_matrix(i, t) =
          (protects ? weights[weight(gen)] : 0.0) - (restricts ? weights[weight(gen)] : 0.0);
    }
  }
  for (Eigen::Index t = 0; t < cols; ++t) c.topic_columns.push_back("t" + std::to_string(t));
  c.columns = c.topic_columns;
  c.matrix = c.topic_matrix;
  return c;
}

}  // namespace dutymap::testing
