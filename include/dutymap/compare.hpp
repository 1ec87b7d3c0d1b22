#pragma once
/// Comparing agreements: coverage matrices, similarity, topic-by-topic differences, revisions and
/// scores against a profile.

#include <dutymap/corpus.hpp>
#include <dutymap/gaps.hpp>

#include <Eigen/Dense>

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace dutymap {

/// What the columns of a coverage matrix are.
enum class rollup : std::uint8_t {
  topic,  ///< one column per topic that any compared instrument concerns
  group,  ///< one column per top-level topic group (`wages`, `recruitment`, ...)
  stage,  ///< one column per stage
};

template <>
struct enum_names<rollup> {
  static constexpr std::string_view what = "rollup";
  static constexpr std::array<std::string_view, 3> values{"topic", "group", "stage"};
};

/// How cells are weighted (documented in docs/compare.md; adjustable).
struct compare_options {
  double shall = 1.0, should = 0.6, may = 0.3;  ///< weight of a provision by strength
  double qualified = 0.5;                       ///< factor for a provision hollowed by a qualifier
  bool with_annexes = true;                     ///< an MOU's standard contracts count with it
  dutymap::rollup rollup = rollup::topic;

  double weight(const provision& p) const;
};

/// Each compared instrument's `k` most similar other instruments (itself left out), best first:
/// row i holds instrument i's, by decreasing similarity, ties by lower row. With fewer than `k`
/// others, there are as many columns as others.
struct neighbours {
  /// The rows (in `comparison::instruments`) of the neighbours, one row per instrument.
  Eigen::Matrix<Eigen::Index, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> neighbour;
  /// Their similarity, as `comparison::cosine()` or `jaccard()` gives it.
  Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> similarity;
};

/// A comparison of instruments: the coverage matrix and what is derived from it.
///
/// `matrix(i, j)` is the strongest protection instrument i gives on column j (weight in (0, 1])
/// minus the strongest restriction it imposes there, so protects is positive and restricts
/// negative. Group cells take the strongest protection and the strongest restriction of the
/// group's topics; stage cells sum the topic cells of the provisions at that stage.
struct comparison {
  std::vector<std::string> instruments;  ///< rows
  std::vector<std::string> columns;      ///< topic ids, group ids or stage names
  Eigen::MatrixXd matrix;                ///< rows x columns, signed and weighted
  Eigen::MatrixXd topic_matrix;          ///< rows x topics: the same at topic level
  Eigen::MatrixXd topics_protected;      ///< rows x topics (always topic level), 1 where protected
  Eigen::MatrixXd topics_restricted;     ///< rows x topics, 1 where restricted
  std::vector<std::string> topic_columns;

  /// Cosine similarity of the topic-level signed rows; 1 on the diagonal, 0 between an empty row
  /// and any other. Computed from each row's nonzero cells in tiles, each pair once, on every
  /// core.
  Eigen::MatrixXd cosine() const;
  /// Jaccard similarity of the sets of (topic, effect) pairs (bit sets and popcounts); 1 on the
  /// diagonal, 0 between an empty set and any other. Each pair once, on every core.
  Eigen::MatrixXd jaccard() const;
  /// Each instrument's `k` most similar other instruments (not itself, unlike `nearest`), by
  /// cosine or Jaccard similarity, without the n x n matrix: memory grows with n k, not n^2.
  /// Every pair is computed (twice), on every core.
  neighbours top_k(std::size_t k, bool use_jaccard = false) const;
  /// The `k` instruments most similar to `id` (itself first), with their similarity.
  std::vector<std::pair<std::string, double>> nearest(std::string_view id, std::size_t k,
                                                      bool use_jaccard = false) const;
};

/// Builds the coverage matrix of the instruments (annexes fold into their parent's row unless
/// `with_annexes` is false, and are then rows of their own if listed). Throws
/// std::invalid_argument naming the nearest id for an unknown instrument.
comparison compare(const corpus& c, const std::vector<std::string>& instruments,
                   const compare_options& options = {});

/// How two instruments relate on a topic, from the first one's side.
enum class relation : std::uint8_t {
  equivalent,
  only_in_a,
  only_in_b,
  opposite,          ///< one protects, the other restricts
  different_bearer,  ///< both protect, with no bearer in common (the employer instead of the state)
  weaker_in_a,       ///< a's strongest clause is of lower strength
  weaker_in_b,
  qualified_in_a,  ///< a's clause is hollowed by a qualifier, b's is not
  qualified_in_b,
  narrower_in_a,  ///< a's clause reaches fewer sectors or workers
  narrower_in_b,
  unknown_in_a,  ///< only b is known to speak to it; a was not read in full and is not reported
                 ///< to lack it, so whether a covers it is not known
  unknown_in_b,
};

template <>
struct enum_names<relation> {
  static constexpr std::string_view what = "relation";
  static constexpr std::array<std::string_view, 13> values{
      "equivalent",    "only_in_a",    "only_in_b",      "opposite",       "different_bearer",
      "weaker_in_a",   "weaker_in_b",  "qualified_in_a", "qualified_in_b", "narrower_in_a",
      "narrower_in_b", "unknown_in_a", "unknown_in_b"};
};

/// One topic of a difference, with both sides' citations.
struct topic_difference {
  std::string topic;
  dutymap::relation relation = relation::equivalent;
  std::vector<cited_provision> a, b;  ///< strongest first
  std::string explanation;
};

/// Topic by topic, how instrument `a` relates to `b` (annexes count with their instrument). A
/// topic only one side speaks to is `only_in_*` where the silent side was read in full or is
/// reported to lack it, and `unknown_in_*` (not known, rather than absent) otherwise.
std::vector<topic_difference> diff(const corpus& c, std::string_view a, std::string_view b,
                                   bool with_annexes = true);

/// What one revision changed relative to the instrument it supersedes.
struct revision_step {
  std::string from, to;
  /// False when either side has no coded provision: then nothing is claimed to have changed.
  bool both_coded = true;
  std::vector<topic_difference> added, dropped, changed;
  /// Topics one side speaks to where the other was not read in full: neither added nor dropped.
  std::vector<topic_difference> not_known;
};

/// Along the supersedes chain of `id`, oldest first, what each revision added, dropped and changed.
std::vector<revision_step> revisions(const corpus& c, std::string_view id);

/// A bilateral instrument scored against a profile: the gap analysis of its own corridor (its two
/// parties, first as origin, at the date it took effect, in its sector if it has one) counting
/// only this instrument and its annexes.
struct instrument_score {
  std::string instrument;
  gap_report report;
  std::array<double, 4> by_stage{};  ///< coverage index per stage (NaN where no norm)
  double overall = 0;  ///< mean over the profile's norms of known status (NaN: none known)
};

/// Scores bilateral instruments against a profile. Throws std::invalid_argument for an instrument
/// that is not bilateral or a profile that does not exist.
std::vector<instrument_score> score(const corpus& c, const std::vector<std::string>& instruments,
                                    std::string_view profile, const coverage_weights& w = {});

/// The bilateral instruments (not their annexes) with a given origin and/or destination (empty:
/// any), in id order.
std::vector<std::string> bilateral_instruments(const corpus& c, std::string_view origin = {},
                                               std::string_view destination = {});

}  // namespace dutymap
