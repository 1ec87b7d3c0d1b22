// Similarity of the instruments compared: cosine and Jaccard over every pair, or only each
// instrument's nearest others, on as many threads as there are cores; and the instruments nearest
// to one.
//
// Both metrics are computed in tiles: one instrument against `lanes` consecutive others, the
// tile's sums held in vector registers. Tiles are grouped into blocks whose inputs stay in the
// cache, and blocks are handed out to the threads.

#include <dutymap/compare.hpp>
#include <dutymap/detail/nearest.hpp>

#include <algorithm>
#include <atomic>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <mutex>
#include <stdexcept>
#include <thread>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace dutymap {

namespace {

// Instruments one instrument is compared with in a tile.
constexpr std::size_t lanes = 16;

std::size_t round_up(std::size_t n, std::size_t to) {
  return (n + to - 1) / to * to;
}

// Runs `task(t, thread)` for every t < tasks on as many threads as there are cores (at most one a
// task), handing tasks out in order one at a time; `thread` < the count returned by `threads_for`.
// `task` must not throw.
std::size_t threads_for(std::size_t tasks) {
  return std::max<std::size_t>(1,
                               std::min<std::size_t>(std::thread::hardware_concurrency(), tasks));
}
template <class Task>
void parallel_tasks(std::size_t tasks, const Task& task) {
  const std::size_t threads = threads_for(tasks);
  std::atomic<std::size_t> next{0};
  auto work = [&](std::size_t thread) {
    for (std::size_t t = next++; t < tasks; t = next++) task(t, thread);
  };
  std::vector<std::jthread> pool;
  for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(work, t);
  work(0);
}

// The tiles are compiled twice on x86-64: for the baseline (SSE2, no popcount instruction) and
// for processors with AVX and popcount, picked at run time. Without the instruction each popcount
// is a library call, several times slower; AVX doubles the width of the cosine sums. Elsewhere
// (or where the compiler already targets both) once.
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && \
    !(defined(__AVX__) && defined(__POPCNT__))
#define DUTYMAP_SIMILARITY_DISPATCH 1
#endif

#if defined(DUTYMAP_SIMILARITY_DISPATCH)
bool has_avx() {
  static const bool avx = __builtin_cpu_supports("avx") && __builtin_cpu_supports("popcnt");
  return avx;
}
#endif

// A body's tasks, each compiled for both targets: `body.task(t, thread)` must be always inline
// and call only always-inline functions in its loops, so that they are compiled for the target
// of the function they are inlined into. (A lambda would not be: it has a target of its own.)
template <class Body>
void baseline_task(const Body& body, std::size_t task, std::size_t thread) {
  body.task(task, thread);
}
#if defined(DUTYMAP_SIMILARITY_DISPATCH)
template <class Body>
[[gnu::target("avx,popcnt")]] void avx_task(const Body& body, std::size_t task,
                                            std::size_t thread) {
  body.task(task, thread);
}
#endif
template <class Body>
void run_tasks(const Body& body, std::size_t tasks) {
  auto* task = &baseline_task<Body>;
#if defined(DUTYMAP_SIMILARITY_DISPATCH)
  if (has_avx()) task = &avx_task<Body>;
#endif
  parallel_tasks(tasks, [&](std::size_t t, std::size_t thread) { task(body, t, thread); });
}

// Four doubles: two SSE registers on the baseline, one AVX register otherwise. Loaded and stored
// by memcpy (unaligned); compared lane by lane into a mask of the same width.
using double4 = double __attribute__((vector_size(32)));
using mask4 = decltype(double4{} > double4{});

// out[l] = num[l] / den[l] where den[l] > 0, else 0, for l < lanes; divided four at a time (by 1
// where den is not positive, the quotient then masked out).
[[gnu::always_inline]] inline void quotients(const double* num, const double* den, double* out) {
  const double4 one = {1.0, 1.0, 1.0, 1.0};
  for (std::size_t q = 0; q < lanes; q += 4) {
    double4 n, d;
    std::memcpy(&n, num + q, sizeof n);
    std::memcpy(&d, den + q, sizeof d);
    const mask4 positive = d > double4{};
    const double4 safe = (double4)(((mask4)d & positive) | ((mask4)one & ~positive));
    const double4 r = (double4)((mask4)(n / safe) & positive);
    std::memcpy(out + q, &r, sizeof r);
  }
}

// Cosine similarity of the rows of a signed, weighted matrix: 1 on the diagonal, 0 against an
// empty row. A tile sums, over the nonzero cells of one row (an instrument concerns a fraction of
// the topics), that cell times the next `lanes` cells of its column, in the order of the columns:
// the same sums, bit for bit, whichever row of a pair leads.
class cosine_kernel {
 public:
  explicit cosine_kernel(const Eigen::MatrixXd& m)
      : n_(static_cast<std::size_t>(m.rows())),
        topics_(static_cast<std::size_t>(m.cols())),
        m_(m.data()),
        norms_(round_up(n_, lanes), 0.0),
        start_(n_ + 1, 0) {
    const Eigen::VectorXd norms = m.rowwise().norm();
    std::copy(norms.data(), norms.data() + n_, norms_.begin());
    for (std::size_t i = 0; i < n_; ++i)
      for (std::size_t t = 0; t < topics_; ++t) start_[i + 1] += at(i, t) != 0;
    for (std::size_t i = 0; i < n_; ++i) start_[i + 1] += start_[i];
    cells_.resize(start_[n_]);
    for (std::size_t i = 0, c = 0; i < n_; ++i)
      for (std::size_t t = 0; t < topics_; ++t)
        if (at(i, t) != 0) cells_[c++] = {t, at(i, t)};
  }
  std::size_t size() const { return n_; }
  // Rows a block's tiles compare with: 128 rows of 300 topics are 300 kB, which stay in L2.
  static constexpr std::size_t block = 128;
  std::size_t panel_size() const { return topics_ * block; }

  // The inputs of the tiles of rows j0 .. j0 + block: those rows' cells topic by topic, copied
  // contiguous (padded with zeros past the last row) into `scratch` (panel_size() doubles). In
  // the matrix they are a kilobyte every n * 8 bytes, which the cache keeps badly while the output
  // is written.
  struct panel {
    const double* cells;
    std::size_t from;
  };
  panel pack(std::size_t j0, double* scratch) const {
    const std::size_t count = std::min(block, n_ - j0);
    for (std::size_t t = 0; t < topics_; ++t) {
      std::copy(m_ + t * n_ + j0, m_ + t * n_ + j0 + count, scratch + t * block);
      std::fill(scratch + t * block + count, scratch + (t + 1) * block, 0.0);
    }
    return {scratch, j0};
  }

  // out[l] = similarity of rows i and j + l, for l < lanes (j a multiple of lanes in the panel's
  // block; lanes past the last row are padding).
  [[gnu::always_inline]] inline void tile(std::size_t i, const panel& p, std::size_t j,
                                          double* out) const {
    const double* base = p.cells + (j - p.from);
    double4 acc[lanes / 4] = {};
    for (std::size_t c = start_[i]; c < start_[i + 1]; ++c) {
      const double* col = base + cells_[c].topic * block;
      const double v = cells_[c].value;
      for (std::size_t q = 0; q < lanes / 4; ++q) {
        double4 x;
        std::memcpy(&x, col + 4 * q, sizeof x);
        acc[q] += v * x;
      }
    }
    double dots[lanes], den[lanes];
    std::memcpy(dots, acc, sizeof dots);
    for (std::size_t q = 0; q < lanes; q += 4) {
      double4 x;
      std::memcpy(&x, &norms_[j + q], sizeof x);
      x = norms_[i] * x;
      std::memcpy(den + q, &x, sizeof x);
    }
    quotients(dots, den, out);
    if (i >= j && i < j + lanes) out[i - j] = 1.0;
  }

 private:
  double at(std::size_t i, std::size_t t) const { return m_[t * n_ + i]; }
  struct cell {
    std::size_t topic;
    double value;
  };
  std::size_t n_, topics_;
  const double* m_;  // column-major, n_ rows
  std::vector<double> norms_;
  std::vector<std::size_t> start_;  // row i's cells are cells_[start_[i], start_[i + 1])
  std::vector<cell> cells_;
};

// Jaccard similarity of sets of (topic, effect) pairs, as bit sets: |A & B| by popcount, and
// |A | B| = |A| + |B| - |A & B|; 1 on the diagonal, 0 between two empty sets.
class jaccard_kernel {
 public:
  jaccard_kernel(const Eigen::MatrixXd& protected_, const Eigen::MatrixXd& restricted)
      : n_(static_cast<std::size_t>(protected_.rows())),
        words_((2 * static_cast<std::size_t>(protected_.cols()) + 63) / 64),
        bits_(round_up(n_, lanes) * words_, 0),
        counts_(round_up(n_, lanes), 0) {
    const auto rows = static_cast<Eigen::Index>(n_);
    for (Eigen::Index i = 0; i < rows; ++i) {
      std::uint64_t* row = &bits_[static_cast<std::size_t>(i) * words_];
      for (Eigen::Index j = 0; j < protected_.cols(); ++j) {
        const auto bit = 2 * static_cast<std::size_t>(j);
        if (protected_(i, j) > 0) row[bit / 64] |= std::uint64_t{1} << (bit % 64);
        if (restricted(i, j) > 0) row[(bit + 1) / 64] |= std::uint64_t{1} << ((bit + 1) % 64);
      }
      for (std::size_t w = 0; w < words_; ++w)
        counts_[static_cast<std::size_t>(i)] += static_cast<std::uint64_t>(std::popcount(row[w]));
    }
  }
  std::size_t size() const { return n_; }
  // 1,024 rows of 10 words: 80 kB. The rows are contiguous already: a panel is where they start.
  static constexpr std::size_t block = 1024;
  std::size_t panel_size() const { return 0; }
  struct panel {};
  panel pack(std::size_t, double*) const { return {}; }

  [[gnu::always_inline]] inline void tile(std::size_t i, const panel&, std::size_t j,
                                          double* out) const {
    // With the row's words known at compile time (up to 1,024 topics), row i stays in registers.
    switch (words_) {
#define DUTYMAP_JACCARD_WORDS(W) \
  case W:                        \
    return tile_words<W>(i, j, out);
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
        return tile_words<0>(i, j, out);
    }
  }

 private:
  // W: the words of a row, or 0 for "as many as `words_`".
  template <std::size_t W>
  [[gnu::always_inline]] inline void tile_words(std::size_t i, std::size_t j, double* out) const {
    const std::size_t words = W ? W : words_;
    const std::uint64_t* a = &bits_[i * words];
    double inter[lanes], uni[lanes];
    for (std::size_t l = 0; l < lanes; ++l) {
      const std::uint64_t* b = &bits_[(j + l) * words];
      std::uint64_t both = 0;
      for (std::size_t w = 0; w < words; ++w)
        both += static_cast<std::uint64_t>(std::popcount(a[w] & b[w]));
      inter[l] = static_cast<double>(both);
      uni[l] = static_cast<double>(counts_[i] + counts_[j + l] - both);
    }
    quotients(inter, uni, out);
    if (i >= j && i < j + lanes) out[i - j] = 1.0;
  }

  std::size_t n_;
  std::size_t words_;
  std::vector<std::uint64_t> bits_;  // row-major, padded with empty rows to a whole tile
  std::vector<std::uint64_t> counts_;
};

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

// Every pair, each computed once (the row of lower index leading) and written to both triangles.
// A task is a block of columns J and every row i up to J's end: its tiles are gathered for
// `lanes` rows at a time, then written as runs of contiguous cells down the columns of both the
// rows and J (so that each cache line of the matrix is written whole).
template <class Kernel>
struct all_pairs_body {
  const Kernel& kernel;
  double* sim;
  std::vector<double>* scratch;  // per thread: lanes x block, then the panel

  static constexpr std::size_t block = Kernel::block;
  std::size_t tasks() const { return (kernel.size() + block - 1) / block; }

  [[gnu::always_inline]] inline void task(std::size_t t, std::size_t thread) const {
    const std::size_t n = kernel.size();
    // Largest blocks first, for an even share of the triangle.
    const std::size_t j0 = (tasks() - 1 - t) * block, j1 = std::min(n, j0 + block);
    double* buf = scratch[thread].data();
    const auto panel = kernel.pack(j0, buf + lanes * block);
    for (std::size_t i0 = 0; i0 < j1; i0 += lanes) {
      const std::size_t i1 = std::min(i0 + lanes, j1);
      for (std::size_t i = i0; i < i1; ++i) {
        const std::size_t first = i > j0 ? j0 + (i - j0) / lanes * lanes : j0;
        for (std::size_t j = first; j < j1; j += lanes)
          kernel.tile(i, panel, j, buf + (i - i0) * block + (j - j0));
      }
      // Column i, rows max(i, j0) .. j1.
      for (std::size_t i = i0; i < i1; ++i) {
        const std::size_t from = std::max(i, j0);
        const double* row = buf + (i - i0) * block;
        double* col = sim + i * n;
        for (std::size_t j = from; j < j1; ++j) col[j] = row[j - j0];
      }
      // Column j, rows i0 .. min(i1, j + 1).
      for (std::size_t j = std::max(j0, i0); j < j1; ++j) {
        double* col = sim + j * n;
        const std::size_t to = std::min(i1, j + 1);
        for (std::size_t i = i0; i < to; ++i) col[i] = buf[(i - i0) * block + (j - j0)];
      }
    }
  }
};

template <class Kernel>
Eigen::MatrixXd all_pairs(const Kernel& kernel) {
  const auto n = static_cast<Eigen::Index>(kernel.size());
  Eigen::MatrixXd sim(n, n);
  advise_huge_pages(sim.data(), static_cast<std::size_t>(sim.size()) * sizeof(double));
  const std::size_t tasks = (kernel.size() + Kernel::block - 1) / Kernel::block;
  std::vector<std::vector<double>> scratch(
      threads_for(tasks), std::vector<double>(lanes * Kernel::block + kernel.panel_size()));
  const all_pairs_body<Kernel> body{kernel, sim.data(), scratch.data()};
  run_tasks(body, tasks);
  return sim;
}

// A neighbour of an instrument: more similar first, then the lower row.
struct candidate {
  double similarity;
  std::size_t row;
};
inline bool better(const candidate& a, const candidate& b) {
  return a.similarity > b.similarity || (a.similarity == b.similarity && a.row < b.row);
}

// Offers a candidate to the best k (k > 0) of a row, a heap with the worst of them on top (so
// that most offers cost one comparison).
inline void offer(candidate* heap, std::size_t& size, std::size_t k, const candidate& c) {
  if (size < k) {
    heap[size++] = c;
    std::push_heap(heap, heap + size, better);
  } else if (better(c, heap[0])) {
    std::pop_heap(heap, heap + k, better);
    heap[k - 1] = c;
    std::push_heap(heap, heap + k, better);
  }
}

// Each instrument's k most similar others, each pair computed once. A task is a pair of bands of
// rows I <= J: the similarities of I against J (J's inputs stay in the cache) into a buffer, then
// offered to the rows of I and to the rows of J, each band's heaps under that band's lock (never
// two at once). The best k of a row do not depend on the order of the offers: `better` is a
// total order.
template <class Kernel>
struct top_k_body {
  static constexpr std::size_t band = 128;
  static_assert(band <= Kernel::block, "a band's panel is a block's");

  const Kernel& kernel;
  std::size_t k;
  const std::vector<std::pair<std::size_t, std::size_t>>& bands;  // the tasks' (I, J)
  candidate* heaps;                                               // n x k
  std::size_t* sizes;                                             // n
  std::mutex* locks;                                              // one a band
  std::vector<double>* scratch;  // per thread: band x band, then the panel

  [[gnu::always_inline]] inline void task(std::size_t t, std::size_t thread) const {
    const std::size_t n = kernel.size();
    const auto [bi, bj] = bands[t];
    const std::size_t i0 = bi * band, i1 = std::min(n, i0 + band);
    const std::size_t j0 = bj * band, j1 = std::min(n, j0 + band);
    double* buf = scratch[thread].data();
    const auto panel = kernel.pack(j0, buf + band * band);
    for (std::size_t i = i0; i < i1; ++i) {
      const std::size_t first = bi == bj ? i / lanes * lanes : j0;
      for (std::size_t j = first; j < j1; j += lanes)
        kernel.tile(i, panel, j, buf + (i - i0) * band + (j - j0));
    }
    // Pairs i < j only: on a diagonal task, the upper triangle.
    {
      const std::lock_guard<std::mutex> hold(locks[bi]);
      for (std::size_t i = i0; i < i1; ++i)
        for (std::size_t j = bi == bj ? i + 1 : j0; j < j1; ++j)
          offer(heaps + i * k, sizes[i], k, {buf[(i - i0) * band + (j - j0)], j});
      if (bi == bj)
        for (std::size_t j = j0; j < j1; ++j)
          for (std::size_t i = i0; i < j; ++i)
            offer(heaps + j * k, sizes[j], k, {buf[(i - i0) * band + (j - j0)], i});
    }
    if (bi != bj) {
      const std::lock_guard<std::mutex> hold(locks[bj]);
      for (std::size_t j = j0; j < j1; ++j)
        for (std::size_t i = i0; i < i1; ++i)
          offer(heaps + j * k, sizes[j], k, {buf[(i - i0) * band + (j - j0)], i});
    }
  }
};

template <class Kernel>
neighbours top_k_of(const Kernel& kernel, std::size_t k) {
  using body = top_k_body<Kernel>;
  const std::size_t n = kernel.size();
  k = std::min(k, n > 0 ? n - 1 : 0);
  neighbours out;
  out.neighbour.resize(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(k));
  out.similarity.resize(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(k));
  if (k == 0) return out;
  // Tasks by diagonals of the triangle of bands, so that consecutive tasks (on other threads)
  // share few bands, hence few locks.
  const std::size_t nb = (n + body::band - 1) / body::band;
  std::vector<std::pair<std::size_t, std::size_t>> bands;
  bands.reserve(nb * (nb + 1) / 2);
  for (std::size_t d = 0; d < nb; ++d)
    for (std::size_t b = 0; b + d < nb; ++b) bands.emplace_back(b, b + d);
  std::vector<candidate> heaps(n * k);
  std::vector<std::size_t> sizes(n, 0);
  std::vector<std::mutex> locks(nb);
  std::vector<std::vector<double>> scratch(
      threads_for(bands.size()),
      std::vector<double>(body::band * body::band + kernel.panel_size()));
  run_tasks(body{kernel, k, bands, heaps.data(), sizes.data(), locks.data(), scratch.data()},
            bands.size());
  for (std::size_t i = 0; i < n; ++i) {
    candidate* heap = heaps.data() + i * k;
    std::sort_heap(heap, heap + k, better);
    for (std::size_t r = 0; r < k; ++r) {
      const auto row = static_cast<Eigen::Index>(i), rank = static_cast<Eigen::Index>(r);
      out.neighbour(row, rank) = static_cast<Eigen::Index>(heap[r].row);
      out.similarity(row, rank) = heap[r].similarity;
    }
  }
  return out;
}

// Row i against every row: out[j] for j < n (out holds a whole number of tiles); one task.
template <class Kernel>
struct one_row_body {
  const Kernel& kernel;
  std::size_t i;
  double* out;
  double* scratch;  // the panel

  [[gnu::always_inline]] inline void task(std::size_t, std::size_t) const {
    for (std::size_t j0 = 0; j0 < kernel.size(); j0 += Kernel::block) {
      const auto panel = kernel.pack(j0, scratch);
      const std::size_t j1 = std::min(kernel.size(), j0 + Kernel::block);
      for (std::size_t j = j0; j < j1; j += lanes) kernel.tile(i, panel, j, out + j);
    }
  }
};

template <class Kernel>
std::vector<double> one_row(const Kernel& kernel, std::size_t i) {
  std::vector<double> out(round_up(kernel.size(), lanes)), scratch(kernel.panel_size());
  run_tasks(one_row_body<Kernel>{kernel, i, out.data(), scratch.data()}, 1);
  out.resize(kernel.size());
  return out;
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

neighbours comparison::top_k(std::size_t k, bool use_jaccard) const {
  if (use_jaccard) return top_k_of(jaccard_kernel(topics_protected, topics_restricted), k);
  return top_k_of(cosine_kernel(topic_matrix), k);
}

std::vector<std::pair<std::string, double>> comparison::nearest(std::string_view id, std::size_t k,
                                                                bool use_jaccard) const {
  const auto it = std::find(instruments.begin(), instruments.end(), id);
  if (it == instruments.end())
    throw std::invalid_argument("`" + std::string(id) + "` is not one of the compared instruments" +
                                detail::did_you_mean(id, instruments));
  const auto row = static_cast<std::size_t>(it - instruments.begin());
  // One row of the (symmetric) similarity matrix.
  const std::vector<double> sim =
      use_jaccard ? one_row(jaccard_kernel(topics_protected, topics_restricted), row)
                  : one_row(cosine_kernel(topic_matrix), row);
  std::vector<std::pair<std::string, double>> out;
  for (std::size_t j = 0; j < sim.size(); ++j) out.emplace_back(instruments[j], sim[j]);
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
