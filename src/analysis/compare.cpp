// Coverage matrices (Eigen), similarity, differences, revisions and scores.

#include "citation.hpp"

#include <dutymap/compare.hpp>
#include <dutymap/detail/nearest.hpp>

#include <algorithm>
#include <atomic>
#include <bit>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <stdexcept>
#include <thread>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace dutymap {

using index = corpus::index;

double compare_options::weight(const provision& p) const {
  const double w = p.strength == strength::shall    ? shall
                   : p.strength == strength::should ? should
                                                    : may;
  return p.qualifiers.empty() ? w : w * qualified;
}

namespace {

[[noreturn]] void unknown_instrument(const corpus& c, std::string_view id) {
  std::vector<std::string> ids;
  for (const auto& in : c.instruments()) ids.push_back(in.id);
  throw std::invalid_argument("unknown instrument `" + std::string(id) + "`" +
                              detail::did_you_mean(id, ids));
}

index require(const corpus& c, std::string_view id) {
  if (auto i = c.instrument_index(id)) return *i;
  unknown_instrument(c, id);
}

// The provisions of an instrument, with those of its annexes when asked.
std::vector<index> provisions_with_annexes(const corpus& c, index i, bool with_annexes) {
  std::vector<index> out;
  auto add = [&](index ii) {
    const auto [first, last] = c.provisions_of(ii);
    for (index p = first; p < last; ++p) out.push_back(p);
  };
  add(i);
  if (with_annexes)
    for (index a : c.annexes_of(i)) add(a);
  return out;
}

std::string group_of(const std::string& topic) {
  return topic.substr(0, topic.find('.'));
}

}  // namespace

comparison compare(const corpus& c, const std::vector<std::string>& ids, const compare_options& o) {
  comparison out;
  std::vector<index> rows;
  for (const auto& id : ids) rows.push_back(require(c, id));
  out.instruments = ids;

  // Topic columns: every topic the compared instruments concern, in taxonomy order.
  std::set<index> topic_set;
  std::vector<std::vector<index>> provs(rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r) {
    provs[r] = provisions_with_annexes(c, rows[r], o.with_annexes);
    for (index p : provs[r])
      for (const auto& t : c.provision_at(p).topics) topic_set.insert(*c.topic_index(t.topic));
  }
  std::map<index, std::size_t> topic_col;
  for (index t : topic_set) {
    topic_col.emplace(t, out.topic_columns.size());
    out.topic_columns.push_back(c.topics()[t].id);
  }
  const auto n = static_cast<Eigen::Index>(rows.size());
  const auto nt = static_cast<Eigen::Index>(out.topic_columns.size());
  Eigen::MatrixXd protect = Eigen::MatrixXd::Zero(n, nt), restrict_ = Eigen::MatrixXd::Zero(n, nt);
  // Per stage, for the stage rollup.
  std::array<Eigen::MatrixXd, 4> stage_protect, stage_restrict;
  for (auto& m : stage_protect) m = Eigen::MatrixXd::Zero(n, nt);
  for (auto& m : stage_restrict) m = Eigen::MatrixXd::Zero(n, nt);
  for (Eigen::Index r = 0; r < n; ++r)
    for (index pi : provs[static_cast<std::size_t>(r)]) {
      const provision& p = c.provision_at(pi);
      const double w = o.weight(p);
      for (const auto& te : p.topics) {
        const auto col = static_cast<Eigen::Index>(topic_col.at(*c.topic_index(te.topic)));
        auto& m = te.effect == effect::protects ? protect : restrict_;
        m(r, col) = std::max(m(r, col), w);
        for (stage s : p.stages.values()) {
          auto& ms = te.effect == effect::protects ? stage_protect[static_cast<int>(s)]
                                                   : stage_restrict[static_cast<int>(s)];
          ms(r, col) = std::max(ms(r, col), w);
        }
      }
    }
  out.topic_matrix = protect - restrict_;
  out.topics_protected = (protect.array() > 0).cast<double>().matrix();
  out.topics_restricted = (restrict_.array() > 0).cast<double>().matrix();

  switch (o.rollup) {
    case rollup::topic:
      out.columns = out.topic_columns;
      out.matrix = protect - restrict_;
      break;
    case rollup::group: {
      std::map<std::string, std::size_t> group_col;
      for (const auto& t : out.topic_columns)
        if (group_col.emplace(group_of(t), group_col.size()).second)
          out.columns.push_back(group_of(t));
      Eigen::MatrixXd gp = Eigen::MatrixXd::Zero(n, static_cast<Eigen::Index>(out.columns.size()));
      Eigen::MatrixXd gr = gp;
      for (Eigen::Index j = 0; j < nt; ++j) {
        const auto g = static_cast<Eigen::Index>(
            group_col.at(group_of(out.topic_columns[static_cast<std::size_t>(j)])));
        gp.col(g) = gp.col(g).cwiseMax(protect.col(j));
        gr.col(g) = gr.col(g).cwiseMax(restrict_.col(j));
      }
      out.matrix = gp - gr;
      break;
    }
    case rollup::stage:
      for (auto s : enum_names<stage>::values) out.columns.emplace_back(s);
      out.matrix = Eigen::MatrixXd::Zero(n, 4);
      for (int s = 0; s < 4; ++s)
        out.matrix.col(s) = (stage_protect[s] - stage_restrict[s]).rowwise().sum();
      break;
  }
  return out;
}

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

namespace {

struct side {
  std::vector<index> protects, restricts;  // strongest first
};

std::map<std::string, side> by_topic(const corpus& c, index instrument, bool with_annexes) {
  std::map<std::string, side> out;
  for (index pi : provisions_with_annexes(c, instrument, with_annexes))
    for (const auto& te : c.provision_at(pi).topics)
      (te.effect == effect::protects ? out[te.topic].protects : out[te.topic].restricts)
          .push_back(pi);
  const compare_options o;
  for (auto& [t, s] : out) {
    auto strongest = [&](index a, index b) {
      return o.weight(c.provision_at(a)) > o.weight(c.provision_at(b));
    };
    std::stable_sort(s.protects.begin(), s.protects.end(), strongest);
    std::stable_sort(s.restricts.begin(), s.restricts.end(), strongest);
  }
  return out;
}

// Whether scope `a` reaches a subset of the workers scope `b` reaches (sectors and status).
bool within(const scope& a, const scope& b) {
  auto has = [](const std::vector<std::string>& v, const std::string& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
  };
  bool sectors_in = false;
  if (!a.sectors.empty() && !b.sectors.empty())
    sectors_in = std::all_of(a.sectors.begin(), a.sectors.end(),
                             [&](const auto& x) { return has(b.sectors, x); });
  else if (!a.sectors.empty())  // a lists sectors; b is every sector but its exclusions
    sectors_in = std::none_of(a.sectors.begin(), a.sectors.end(),
                              [&](const auto& x) { return has(b.excluded_sectors, x); });
  else if (b.sectors.empty())  // both every sector but their exclusions
    sectors_in = std::all_of(b.excluded_sectors.begin(), b.excluded_sectors.end(),
                             [&](const auto& x) { return has(a.excluded_sectors, x); });
  const bool workers_in = a.workers == b.workers || b.workers == worker_coverage::all;
  return sectors_in && workers_in;
}

// The instruments (the given one, and its annexes when they count with it) that were not read in
// full and are not reported to lack the topic, as "id (text: kind)", or empty: their silence on
// the topic is not known to be absence.
std::string unread_on(const corpus& c, index i, const std::string& topic, bool with_annexes) {
  std::vector<index> parts{i};
  if (with_annexes) {
    const auto annexes = c.annexes_of(i);
    parts.insert(parts.end(), annexes.begin(), annexes.end());
  }
  std::string out;
  for (index k : parts) {
    const auto& in = c.instruments()[k];
    if (in.text == text_coverage::full) continue;
    const bool reported = std::any_of(
        in.lacks.begin(), in.lacks.end(),
        [&](const reported_lack& l) { return l.stages.empty() && l.covers_topic(topic); });
    if (reported) continue;
    out += (out.empty() ? "" : ", ") + in.id + " (text: " + std::string(name_of(in.text)) + ")";
  }
  return out;
}

}  // namespace

std::vector<topic_difference> diff(const corpus& c, std::string_view a_id, std::string_view b_id,
                                   bool with_annexes) {
  const index a = require(c, a_id), b = require(c, b_id);
  const auto sa = by_topic(c, a, with_annexes), sb = by_topic(c, b, with_annexes);
  std::set<std::string> topics;
  for (const auto& [t, s] : sa) topics.insert(t);
  for (const auto& [t, s] : sb) topics.insert(t);
  std::vector<topic_difference> out;
  const std::string A(a_id), B(b_id);
  for (const auto& t : topics) {
    topic_difference d;
    d.topic = t;
    const side* x = sa.count(t) ? &sa.at(t) : nullptr;
    const side* y = sb.count(t) ? &sb.at(t) : nullptr;
    auto cites = [&](const side* s) {
      std::vector<cited_provision> v;
      if (!s) return v;
      for (index p : s->protects) v.push_back(detail::cite(c, p, "protects"));
      for (index p : s->restricts) v.push_back(detail::cite(c, p, "restricts"));
      return v;
    };
    d.a = cites(x);
    d.b = cites(y);
    if (!x || !y) {
      const side* only = x ? x : y;
      const std::string& speaks = x ? A : B;
      const std::string& silent = x ? B : A;
      const auto unread = unread_on(c, x ? b : a, t, with_annexes);
      if (unread.empty()) {
        d.relation = x ? relation::only_in_a : relation::only_in_b;
        d.explanation = "only " + speaks + " speaks to " + t +
                        (only->protects.empty() ? ", and it restricts the worker" : "");
      } else {
        d.relation = x ? relation::unknown_in_b : relation::unknown_in_a;
        d.explanation = speaks + " speaks to " + t +
                        (only->protects.empty() ? " (it restricts the worker)" : "") +
                        "; whether " + silent + " does is not known: " + unread +
                        " not read in full, and no source reports it lacking";
      }
    } else if ((!x->protects.empty() && x->restricts.empty() && !y->restricts.empty() &&
                y->protects.empty()) ||
               (!y->protects.empty() && y->restricts.empty() && !x->restricts.empty() &&
                x->protects.empty())) {
      d.relation = relation::opposite;
      d.explanation = (x->restricts.empty() ? A : B) + " protects the worker on " + t + "; " +
                      (x->restricts.empty() ? B : A) + " restricts the worker on it";
    } else {
      const auto& px = x->protects.empty() ? x->restricts : x->protects;
      const auto& py = y->protects.empty() ? y->restricts : y->protects;
      const provision& p = c.provision_at(px.front());
      const provision& q = c.provision_at(py.front());
      if (!p.bearers.intersects(q.bearers)) {
        d.relation = relation::different_bearer;
        d.explanation = A + " puts it on " + p.bearers.names().front() + ", " + B + " on " +
                        q.bearers.names().front();
      } else if (p.strength != q.strength) {
        d.relation = p.strength < q.strength ? relation::weaker_in_a : relation::weaker_in_b;
        d.explanation = A + " says `" + std::string(name_of(p.strength)) + "`, " + B + " says `" +
                        std::string(name_of(q.strength)) + "`";
      } else if (p.qualifiers.empty() != q.qualifiers.empty()) {
        d.relation = p.qualifiers.empty() ? relation::qualified_in_b : relation::qualified_in_a;
        const provision& hollow = p.qualifiers.empty() ? q : p;
        d.explanation = (p.qualifiers.empty() ? B : A) +
                        " hollows it: " + std::string(name_of(hollow.qualifiers.front().kind));
      } else if (p.scope != q.scope && within(p.scope, q.scope) != within(q.scope, p.scope)) {
        const bool a_narrower = within(p.scope, q.scope);
        d.relation = a_narrower ? relation::narrower_in_a : relation::narrower_in_b;
        d.explanation = (a_narrower ? A : B) + " reaches fewer sectors or workers";
      } else {
        d.relation = relation::equivalent;
        d.explanation = "both " + std::string(x->protects.empty() ? "restrict" : "protect") +
                        " at `" + std::string(name_of(p.strength)) + "`";
        if (p.scope != q.scope && !within(p.scope, q.scope))
          d.explanation += ", for different sectors or workers";
      }
    }
    out.push_back(std::move(d));
  }
  return out;
}

std::vector<revision_step> revisions(const corpus& c, std::string_view id) {
  const index i = require(c, id);
  const auto chain = c.revision_chain(i);
  std::vector<revision_step> out;
  for (std::size_t k = 0; k + 1 < chain.size(); ++k) {
    revision_step step;
    step.from = c.instruments()[chain[k]].id;
    step.to = c.instruments()[chain[k + 1]].id;
    auto coded = [&](index i) { return !provisions_with_annexes(c, i, true).empty(); };
    step.both_coded = coded(chain[k]) && coded(chain[k + 1]);
    if (!step.both_coded) {
      out.push_back(std::move(step));
      continue;
    }
    for (auto& d : diff(c, step.to, step.from)) {
      if (d.relation == relation::only_in_a)
        step.added.push_back(std::move(d));
      else if (d.relation == relation::only_in_b)
        step.dropped.push_back(std::move(d));
      else if (d.relation == relation::unknown_in_a || d.relation == relation::unknown_in_b)
        step.not_known.push_back(std::move(d));
      else if (d.relation != relation::equivalent)
        step.changed.push_back(std::move(d));
    }
    out.push_back(std::move(step));
  }
  return out;
}

std::vector<std::string> bilateral_instruments(const corpus& c, std::string_view origin,
                                               std::string_view destination) {
  std::vector<std::string> out;
  for (const auto& in : c.instruments()) {
    if (in.level != level::bilateral || !in.annex_to.empty() || in.parties.size() != 2) continue;
    if (!origin.empty() && in.parties[0] != origin) continue;
    if (!destination.empty() && in.parties[1] != destination) continue;
    out.push_back(in.id);
  }
  return out;
}

std::vector<instrument_score> score(const corpus& c, const std::vector<std::string>& ids,
                                    std::string_view profile, const coverage_weights& w) {
  std::vector<instrument_score> out;
  for (const auto& id : ids) {
    const auto& in = c.instruments()[require(c, id)];
    if (in.level != level::bilateral || in.parties.size() != 2)
      throw std::invalid_argument("only bilateral instruments are scored against a profile; `" +
                                  id + "` is " + std::string(name_of(in.level)));
    corridor k;
    k.origin = in.parties[0];
    k.destination = in.parties[1];
    if (in.scope.sectors.size() == 1) k.sector = in.scope.sectors.front();
    // At the date it took effect; with no known date, before its successor took effect, if any.
    if (auto from = in.effective()) {
      k.as_of = from;
    } else {
      const auto chain = c.revision_chain(*c.instrument_index(in.id));
      const auto me = std::find(chain.begin(), chain.end(), *c.instrument_index(in.id));
      if (me + 1 != chain.end())
        if (auto next = c.instruments()[*(me + 1)].effective(); next && next->year > 1)
          k.as_of = date{next->year - 1, 0, 0};
    }
    gap_options o;
    o.judge_scope = false;  // judged for the workers it is for, not for a wider corridor
    o.only_instruments.push_back(in.id);
    for (index a : c.annexes_of(*c.instrument_index(in.id)))
      o.only_instruments.push_back(c.instruments()[a].id);
    instrument_score s{in.id, gaps(c, k, profile, o), {}, 0};
    s.by_stage = s.report.coverage_index(w);
    double sum = 0;
    std::size_t known = 0;  // `unknown` norms are neither covered nor gaps: left out
    for (const auto* r : s.report.profile_rows())
      if (r->status != gap_status::unknown) {
        sum += w.of(r->status);
        ++known;
      }
    s.overall = known ? sum / static_cast<double>(known) : std::numeric_limits<double>::quiet_NaN();
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace dutymap
