// Differences between two instruments topic by topic, revision chains, and scores of instruments
// against a profile.

#include "citation.hpp"
#include "compared_instruments.hpp"

#include <dutymap/compare.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

namespace dutymap {

using index = corpus::index;
using namespace comparing;

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
