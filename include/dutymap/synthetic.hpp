#pragma once
/// Synthetic corpora for benchmarks: made-up states, agreements and ratifications with the shapes
/// of the real corpus, at any size, the same on every platform for the same options.
///
/// Synthetic data is for measuring speed and memory only. Its states, instruments and provisions
/// describe nothing real; never draw conclusions about labour migration from it.

#include <dutymap/corpus.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace dutymap {

/// What to generate. The defaults give size M (1,000 instruments).
struct synthetic_options {
  /// Total number of instruments: conventions, protocols, recommendations, regional
  /// declarations, national laws and policies, MOUs, agreements and their annexed contracts.
  /// At least 20.
  std::size_t instruments = 1000;
  /// Seed of the generator: equal options give equal content on every platform and standard
  /// library; a different seed gives a different corpus of the same shape.
  std::uint64_t seed = 1;
  /// Number of topics in the taxonomy, top-level groups included (one group per ten topics, at
  /// most 30 groups; the rest are their children). From 10 to 10,000.
  std::size_t topics = 300;
  /// Number of states; 0 scales with `instruments` (100 at M, 150 at L, 200 at XL, fewer below
  /// M). From 2 to 364 (state ids are the user-assigned ISO 3166 codes QMA to QZZ, so they never
  /// clash with a real state).
  std::size_t states = 0;
  /// Number of global instruments (conventions, protocols, recommendations, guidelines,
  /// declarations); 0 scales with `instruments` (20 at M, 24 at L, 40 at XL). At most a quarter of
  /// `instruments`.
  std::size_t global_instruments = 0;
  /// Fewest and most provisions of each bilateral instrument (MOUs, agreements and their annexed
  /// contracts), drawn uniformly in between. Other instruments have 10 to 40. 1 <= min <= max <=
  /// 1000.
  std::size_t min_provisions = 20;
  std::size_t max_provisions = 80;

  /// The options of a benchmark size: "M" (1,000 instruments), "L" (10,000) or "XL" (50,000).
  /// Throws std::invalid_argument naming the valid sizes otherwise ("S" is the built-in corpus,
  /// `dutymap::builtin()`, which is not generated).
  static synthetic_options of_size(std::string_view size);

  bool operator==(const synthetic_options&) const = default;
};

/// Generates the content of a synthetic corpus: topics and sectors, states with their ministries,
/// inspectorates, embassies, recruitment agencies, unions and NGOs, global conventions with their
/// ratifications, regional declarations, national laws, bilateral MOUs and agreements with their
/// revisions and annexed standard contracts, and reference profiles. Each instrument says how much
/// of its text was read (`text`, drawn by kind in the real corpus's proportions: those of which
/// nothing is known have no provisions, those known from descriptions are coded from them), and a
/// third of the bilateral ones not read in full list topics a review reports they lack (`lacks`,
/// never on a topic one of their protecting clauses covers): docs/synthetic.md gives the shares.
/// Every provision is marked synthetic in its provenance. Throws std::invalid_argument for options
/// out of range. Cost: linear in the number of provisions; XL takes seconds.
corpus_content synthetic_content(const synthetic_options& options);

/// `corpus::build(synthetic_content(options))`: the generated content, validated and indexed.
corpus synthetic_corpus(const synthetic_options& options);

}  // namespace dutymap
