// Similarity of the instruments compared: cosine and Jaccard over every pair, on as many threads as
// there are cores, and the instruments nearest to one.

#include <dutymap/compare.hpp>
#include <dutymap/detail/nearest.hpp>

#include <algorithm>
#include <atomic>
#include <bit>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <thread>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace dutymap {

namespace {

// Runs `column(i)` for every i < n on as many threads as there are cores, when there are at least
// `per_thread` columns for each (the columns are handed out one at a time, so that triangular work
// is shared evenly). `column` must not throw.
template <class Column>
void parallel_columns(Eigen::Index n, Eigen::Index per_thread, const Column& column) {
  const auto cores = static_cast<Eigen::Index>(std::max(1u, std::thread::hardware_concurrency()));
  const auto threads = std::min(cores, std::max<Eigen::Index>(1, n / per_thread));
  std::atomic<Eigen::Index> next{0};
  auto work = [&] {
    for (Eigen::Index i = next++; i < n; i = next++) column(i);
  };
  std::vector<std::jthread> pool;
  for (Eigen::Index t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
}

// Cosine similarity of the rows of a signed, weighted matrix: 1 on the diagonal, 0 against an
// empty row. A column of the result is a sum over the nonzero cells of one row (an instrument
// concerns a fraction of the topics) of contiguous columns of the matrix.
class cosine_kernel {
 public:
  explicit cosine_kernel(const Eigen::MatrixXd& m)
      : m_(m), norms_(m.rowwise().norm()), cells_(static_cast<std::size_t>(m.rows())) {
    for (Eigen::Index t = 0; t < m.cols(); ++t)
      for (Eigen::Index i = 0; i < m.rows(); ++i)
        if (m(i, t) != 0) cells_[static_cast<std::size_t>(i)].emplace_back(t, m(i, t));
  }
  Eigen::Index size() const { return m_.rows(); }
  // out[j - from] = similarity of rows i and j, for from <= j < n.
  void column(Eigen::Index i, Eigen::Index from, double* out) const {
    const Eigen::Index len = m_.rows() - from;
    Eigen::Map<Eigen::VectorXd> col(out, len);
    col.setZero();
    for (const auto& [t, v] : cells_[static_cast<std::size_t>(i)])
      col.noalias() += v * m_.col(t).tail(len);
    for (Eigen::Index j = from; j < m_.rows(); ++j) {
      const double d = norms_(i) * norms_(j);
      col(j - from) = j == i ? 1.0 : d > 0 ? col(j - from) / d : 0.0;
    }
  }

 private:
  const Eigen::MatrixXd& m_;
  Eigen::VectorXd norms_;
  std::vector<std::vector<std::pair<Eigen::Index, double>>> cells_;
};

// The popcount instruction is not in the x86-64 baseline, and without it each popcount is a library
// call, several times slower: the Jaccard kernel is compiled twice and picks at run time.
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && !defined(__POPCNT__)
#define DUTYMAP_POPCNT_DISPATCH 1
#endif

// Jaccard similarity of sets of (topic, effect) pairs, as bit sets: |A & B| by popcount, and
// |A | B| = |A| + |B| - |A & B|; 1 on the diagonal, 0 between two empty sets.
class jaccard_kernel {
 public:
  jaccard_kernel(const Eigen::MatrixXd& protected_, const Eigen::MatrixXd& restricted)
      : n_(protected_.rows()),
        words_((2 * static_cast<std::size_t>(protected_.cols()) + 63) / 64),
        bits_(static_cast<std::size_t>(n_) * words_, 0),
        counts_(static_cast<std::size_t>(n_), 0) {
    for (Eigen::Index i = 0; i < n_; ++i) {
      std::uint64_t* row = &bits_[static_cast<std::size_t>(i) * words_];
      for (Eigen::Index j = 0; j < protected_.cols(); ++j) {
        const auto bit = 2 * static_cast<std::size_t>(j);
        if (protected_(i, j) > 0) row[bit / 64] |= std::uint64_t{1} << (bit % 64);
        if (restricted(i, j) > 0) row[(bit + 1) / 64] |= std::uint64_t{1} << ((bit + 1) % 64);
      }
      for (std::size_t w = 0; w < words_; ++w)
        counts_[static_cast<std::size_t>(i)] += static_cast<std::size_t>(std::popcount(row[w]));
    }
  }
  Eigen::Index size() const { return n_; }
  void column(Eigen::Index i, Eigen::Index from, double* out) const {
#if defined(DUTYMAP_POPCNT_DISPATCH)
    static const bool popcnt = __builtin_cpu_supports("popcnt");
    if (popcnt) return column_popcnt(i, from, out);
#endif
    column_of(i, from, out);
  }

 private:
#if defined(DUTYMAP_POPCNT_DISPATCH)
  [[gnu::target("popcnt")]] void column_popcnt(Eigen::Index i, Eigen::Index from,
                                               double* out) const {
    column_of(i, from, out);
  }
#endif
  // With the row's words known at compile time (up to 1,024 topics), row i stays in registers.
  [[gnu::always_inline]] inline void column_of(Eigen::Index i, Eigen::Index from,
                                               double* out) const {
    switch (words_) {
#define DUTYMAP_JACCARD_WORDS(W) \
  case W:                        \
    return column_words<W>(i, from, out);
      DUTYMAP_JACCARD_WORDS(1)
      DUTYMAP_JACCARD_WORDS(2)
      DUTYMAP_JACCARD_WORDS(3)
      DUTYMAP_JACCARD_WORDS(4)
      DUTYMAP_JACCARD_WORDS(5)
      DUTYMAP_JACCARD_WORDS(6)
      DUTYMAP_JACCARD_WORDS(7)
      DUTYMAP_JACCARD_WORDS(8)
      DUTYMAP_JACCARD_WORDS(9)
      DUTYMAP_JACCARD_WORDS(10)
      DUTYMAP_JACCARD_WORDS(11)
      DUTYMAP_JACCARD_WORDS(12)
      DUTYMAP_JACCARD_WORDS(13)
      DUTYMAP_JACCARD_WORDS(14)
      DUTYMAP_JACCARD_WORDS(15)
      DUTYMAP_JACCARD_WORDS(16)
#undef DUTYMAP_JACCARD_WORDS
      default:
        return column_words<0>(i, from, out);
    }
  }
  // W: the words of a row, or 0 for "as many as `words_`".
  template <std::size_t W>
  [[gnu::always_inline]] inline void column_words(Eigen::Index i, Eigen::Index from,
                                                  double* out) const {
    const std::size_t words = W ? W : words_;
    const std::uint64_t* a = &bits_[static_cast<std::size_t>(i) * words];
    const std::size_t ca = counts_[static_cast<std::size_t>(i)];
    for (Eigen::Index j = from; j < n_; ++j) {
      const std::uint64_t* b = &bits_[static_cast<std::size_t>(j) * words];
      std::size_t inter = 0;
      for (std::size_t w = 0; w < words; ++w)
        inter += static_cast<std::size_t>(std::popcount(a[w] & b[w]));
      const std::size_t uni = ca + counts_[static_cast<std::size_t>(j)] - inter;
      out[j - from] = j == i ? 1.0
                      : uni  ? static_cast<double>(inter) / static_cast<double>(uni)
                             : 0.0;
    }
  }

  Eigen::Index n_;
  std::size_t words_;
  std::vector<std::uint64_t> bits_;
  std::vector<std::size_t> counts_;
};

// Every pair: the lower triangle column by column (each column's tail is contiguous), then
// mirrored into the upper one.
// Asks for huge pages for a large buffer not yet touched (as numpy does for its arrays): a
// similarity matrix of 10,000 instruments is 800 MB, which in 4 kB pages costs some 200,000 page
// faults, more time than the similarities themselves.
void advise_huge_pages([[maybe_unused]] void* data, [[maybe_unused]] std::size_t bytes) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  constexpr std::uintptr_t huge = std::uintptr_t{2} << 20;
  const auto begin = (reinterpret_cast<std::uintptr_t>(data) + huge - 1) & ~(huge - 1);
  const auto end = (reinterpret_cast<std::uintptr_t>(data) + bytes) & ~(huge - 1);
  if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
#endif
}

template <class Kernel>
Eigen::MatrixXd all_pairs(const Kernel& kernel) {
  const Eigen::Index n = kernel.size();
  Eigen::MatrixXd sim(n, n);
  advise_huge_pages(sim.data(), static_cast<std::size_t>(sim.size()) * sizeof(double));
  parallel_columns(n, 64, [&](Eigen::Index i) { kernel.column(i, i, &sim(i, i)); });
  // Mirrored a band of 64 columns at a time (tiles of 64 x 64 for the cache), bands in parallel.
  constexpr Eigen::Index block = 64;
  parallel_columns((n + block - 1) / block, 2, [&](Eigen::Index band) {
    const Eigen::Index jb = band * block, je = std::min(jb + block, n);
    for (Eigen::Index ib = jb; ib < n; ib += block)
      for (Eigen::Index j = jb; j < je; ++j)
        for (Eigen::Index i = std::max(ib, j + 1); i < std::min(ib + block, n); ++i)
          sim(j, i) = sim(i, j);
  });
  return sim;
}

}  // namespace

Eigen::MatrixXd comparison::cosine() const {
  // Similarity is measured on topics whatever the rollup: protections positive, restrictions
  // negative.
  return all_pairs(cosine_kernel(topic_matrix));
}

Eigen::MatrixXd comparison::jaccard() const {
  return all_pairs(jaccard_kernel(topics_protected, topics_restricted));
}

std::vector<std::pair<std::string, double>> comparison::nearest(std::string_view id, std::size_t k,
                                                                bool use_jaccard) const {
  const auto it = std::find(instruments.begin(), instruments.end(), id);
  if (it == instruments.end())
    throw std::invalid_argument("`" + std::string(id) + "` is not one of the compared instruments" +
                                detail::did_you_mean(id, instruments));
  const auto row = static_cast<Eigen::Index>(it - instruments.begin());
  // One column of the (symmetric) similarity matrix.
  Eigen::VectorXd sim(static_cast<Eigen::Index>(instruments.size()));
  if (use_jaccard)
    jaccard_kernel(topics_protected, topics_restricted).column(row, 0, sim.data());
  else
    cosine_kernel(topic_matrix).column(row, 0, sim.data());
  std::vector<std::pair<std::string, double>> out;
  for (Eigen::Index j = 0; j < sim.size(); ++j)
    out.emplace_back(instruments[static_cast<std::size_t>(j)], sim(j));
  // Itself first, then by similarity; ties by id for a stable answer.
  std::stable_sort(out.begin(), out.end(), [&](const auto& a, const auto& b) {
    const bool sa = a.first == id, sb = b.first == id;
    if (sa != sb) return sa;
    if (a.second != b.second) return a.second > b.second;
    return a.first < b.first;
  });
  if (out.size() > k) out.resize(k);
  return out;
}

}  // namespace dutymap
