// Coverage matrices (Eigen), similarity, differences, revisions and scores.

#include "citation.hpp"

#include <dutymap/compare.hpp>
#include <dutymap/detail/nearest.hpp>

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <stdexcept>

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

Eigen::MatrixXd comparison::cosine() const {
  // Similarity is measured on topics whatever the rollup: protections positive, restrictions
  // negative.
  const Eigen::MatrixXd& m = topic_matrix;
  const Eigen::VectorXd norms = m.rowwise().norm();
  Eigen::MatrixXd sim = m * m.transpose();
  for (Eigen::Index i = 0; i < sim.rows(); ++i)
    for (Eigen::Index j = 0; j < sim.cols(); ++j) {
      const double d = norms(i) * norms(j);
      sim(i, j) = i == j ? 1.0 : d > 0 ? sim(i, j) / d : 0.0;
    }
  return sim;
}

Eigen::MatrixXd comparison::jaccard() const {
  const auto n = topics_protected.rows();
  const auto nt = static_cast<std::size_t>(topics_protected.cols());
  const std::size_t words = (2 * nt + 63) / 64;
  std::vector<std::uint64_t> bits(static_cast<std::size_t>(n) * words, 0);
  for (Eigen::Index i = 0; i < n; ++i)
    for (std::size_t j = 0; j < nt; ++j) {
      const auto jj = static_cast<Eigen::Index>(j);
      if (topics_protected(i, jj) > 0)
        bits[static_cast<std::size_t>(i) * words + (2 * j) / 64] |= std::uint64_t{1}
                                                                    << ((2 * j) % 64);
      if (topics_restricted(i, jj) > 0)
        bits[static_cast<std::size_t>(i) * words + (2 * j + 1) / 64] |= std::uint64_t{1}
                                                                        << ((2 * j + 1) % 64);
    }
  Eigen::MatrixXd sim(n, n);
  for (Eigen::Index i = 0; i < n; ++i) {
    sim(i, i) = 1.0;
    for (Eigen::Index j = i + 1; j < n; ++j) {
      std::size_t inter = 0, uni = 0;
      const auto* a = &bits[static_cast<std::size_t>(i) * words];
      const auto* b = &bits[static_cast<std::size_t>(j) * words];
      for (std::size_t w = 0; w < words; ++w) {
        inter += static_cast<std::size_t>(std::popcount(a[w] & b[w]));
        uni += static_cast<std::size_t>(std::popcount(a[w] | b[w]));
      }
      sim(i, j) = sim(j, i) = uni ? static_cast<double>(inter) / static_cast<double>(uni) : 0.0;
    }
  }
  return sim;
}

std::vector<std::pair<std::string, double>> comparison::nearest(std::string_view id, std::size_t k,
                                                                bool use_jaccard) const {
  const auto it = std::find(instruments.begin(), instruments.end(), id);
  if (it == instruments.end())
    throw std::invalid_argument("`" + std::string(id) + "` is not one of the compared instruments" +
                                detail::did_you_mean(id, instruments));
  const auto row = static_cast<Eigen::Index>(it - instruments.begin());
  const Eigen::MatrixXd sim = use_jaccard ? jaccard() : cosine();
  std::vector<std::pair<std::string, double>> out;
  for (Eigen::Index j = 0; j < sim.cols(); ++j)
    out.emplace_back(instruments[static_cast<std::size_t>(j)], sim(row, j));
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
      d.relation = x ? relation::only_in_a : relation::only_in_b;
      const side* only = x ? x : y;
      d.explanation = "only " + (x ? A : B) + " speaks to " + t +
                      (only->protects.empty() ? ", and it restricts the worker" : "");
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
    const auto rows = s.report.profile_rows();
    for (const auto* r : rows) sum += w.of(r->status);
    s.overall = rows.empty() ? std::numeric_limits<double>::quiet_NaN()
                             : sum / static_cast<double>(rows.size());
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace dutymap
