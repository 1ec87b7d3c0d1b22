// The gap analysis: statuses, explanations, nearest non-counting provisions and precedents.

#include "corridor_context.hpp"

#include <dutymap/detail/nearest.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <stdexcept>

namespace dutymap {

using index = corpus::index;

double coverage_weights::of(gap_status s) const {
  switch (s) {
    case gap_status::conflict:
      return conflict;
    case gap_status::binding:
      return binding;
    case gap_status::committed:
      return committed;
    case gap_status::guidance:
      return guidance;
    case gap_status::weak:
      return weak;
    case gap_status::unassigned:
      return unassigned;
    case gap_status::gap:
      return gap;
  }
  return 0;
}

std::vector<const gap_row*> gap_report::profile_rows() const {
  std::vector<const gap_row*> out;
  for (const auto& r : rows)
    if (r.in_profile) out.push_back(&r);
  return out;
}

std::array<std::array<std::size_t, 7>, 4> gap_report::counts_by_stage() const {
  std::array<std::array<std::size_t, 7>, 4> out{};
  for (const auto* r : profile_rows())
    ++out[static_cast<int>(r->stage)][static_cast<int>(r->status)];
  return out;
}

std::array<std::array<std::size_t, 7>, 12> gap_report::counts_by_bearer() const {
  std::array<std::array<std::size_t, 7>, 12> out{};
  for (const auto* r : profile_rows())
    ++out[static_cast<int>(r->bearer)][static_cast<int>(r->status)];
  return out;
}

std::array<double, 4> gap_report::coverage_index(const coverage_weights& w) const {
  std::array<double, 4> sum{}, n{};
  for (const auto* r : profile_rows()) {
    sum[static_cast<int>(r->stage)] += w.of(r->status);
    n[static_cast<int>(r->stage)] += 1;
  }
  std::array<double, 4> out{};
  for (int s = 0; s < 4; ++s)
    out[s] = n[s] ? sum[s] / n[s] : std::numeric_limits<double>::quiet_NaN();
  return out;
}

const gap_row* gap_report::find(std::string_view topic, stage s) const {
  for (const auto& r : rows)
    if (r.topic == topic && r.stage == s) return &r;
  return nullptr;
}

exclusion provision_applies(const corpus& c, index provision, const corridor& where,
                            const profile* profile, std::optional<role> bearer, std::string* why) {
  detail::corridor_context cx(c, where, profile);
  return cx.applies(provision, bearer, why);
}

std::vector<instrument_status> instrument_statuses(const corpus& c, const corridor& where) {
  detail::corridor_context cx(c, where, nullptr);
  std::vector<instrument_status> out;
  for (index i = 0; i < c.instruments().size(); ++i) {
    instrument_status st{c.instruments()[i].id, exclusion::counts, {}};
    st.status = cx.instrument_applies(i, &st.why);
    out.push_back(std::move(st));
  }
  return out;
}

namespace {

bool in_subtree(const std::string& topic, const std::string& root) {
  return topic == root || (topic.size() > root.size() && topic.compare(0, root.size(), root) == 0 &&
                           topic[root.size()] == '.');
}

std::string join(const std::vector<std::string>& v, const char* sep = ", ") {
  std::string out;
  for (const auto& x : v) out += (out.empty() ? "" : sep) + x;
  return out;
}

std::string tier_words(gap_status t, const instrument& in) {
  std::string kind(name_of(in.kind));
  std::replace(kind.begin(), kind.end(), '_', ' ');
  if (!in.annex_to.empty()) kind += " annexed to " + in.annex_to;
  switch (t) {
    case gap_status::binding:
      return "binding " + kind;
    case gap_status::committed:
      return kind + ", not binding";
    default:
      return kind + ", guidance only";
  }
}

struct candidate {
  index provision;
  bool protects = false, restricts = false;
  exclusion excluded = exclusion::counts;
  std::string why;
  bool assigned = true;
  std::vector<std::string> weak_reasons;
  gap_status tier = gap_status::binding;
};

class analysis {
 public:
  analysis(const corpus& c, const corridor& where, const profile& p, const gap_options& o)
      : c_(c), cx_(c, where, &p), prof_(p), opt_(o) {}

  gap_report run() {
    gap_report rep;
    rep.corridor = cx_.where;
    rep.profile = prof_.id;
    rep.as_of = cx_.as_of;
    for (const auto& n : prof_.norms) {
      gap_row row = evaluate(n.topic, n.stage, n.bearer, n.min_strength, true);
      row.norm_source = n.source;
      rep.rows.push_back(std::move(row));
    }
    // Restrictions (always) and protections beyond the profile (when asked), by topic and stage.
    std::map<std::pair<std::string, int>, role> extra;
    for (index pi = 0; pi < c_.provision_count(); ++pi) {
      if (!selected(pi)) continue;
      const provision& p = c_.provision_at(pi);
      const bool restricting = p.restricts();
      if (!restricting && !opt_.beyond_profile) continue;
      if (cx_.applies(pi) != exclusion::counts) continue;
      for (const auto& te : p.topics) {
        if (te.effect == effect::protects && !opt_.beyond_profile) continue;
        for (stage s : p.stages.values()) {
          if (under_norm(te.topic, s)) continue;
          const role bearer =
              p.bearers.empty() ? role::destination_state : p.bearers.values().front();
          extra.emplace(std::make_pair(te.topic, static_cast<int>(s)), bearer);
        }
      }
    }
    for (const auto& [key, bearer] : extra) {
      gap_row row =
          evaluate(key.first, static_cast<stage>(key.second), bearer, strength::shall, false);
      row.norm_source = row.status == gap_status::conflict ? "a restriction outside the profile"
                                                           : "a protection outside the profile";
      rep.rows.push_back(std::move(row));
    }
    // Profile rows first in profile order; then conflicts, then other protections.
    std::stable_sort(rep.rows.begin() + static_cast<long>(prof_.norms.size()), rep.rows.end(),
                     [](const gap_row& a, const gap_row& b) {
                       return (a.status == gap_status::conflict) >
                              (b.status == gap_status::conflict);
                     });
    return rep;
  }

 private:
  bool selected(index pi) const {
    if (opt_.only_instruments.empty()) return true;
    const auto& id = c_.provision_at(pi).instrument;
    return std::find(opt_.only_instruments.begin(), opt_.only_instruments.end(), id) !=
           opt_.only_instruments.end();
  }

  bool under_norm(const std::string& topic, stage s) const {
    for (const auto& n : prof_.norms)
      if (n.stage == s && in_subtree(topic, n.topic)) return true;
    return false;
  }

  std::vector<candidate> candidates(const std::string& topic, stage s, role bearer,
                                    strength min) const {
    std::vector<candidate> out;
    const auto ti = c_.topic_index(topic);
    if (!ti) return out;
    for (index pi : c_.provisions_about_tree(*ti)) {
      if (!selected(pi)) continue;
      const provision& p = c_.provision_at(pi);
      if (!p.stages.contains(s)) continue;
      candidate k;
      k.provision = pi;
      for (const auto& te : p.topics)
        if (in_subtree(te.topic, topic))
          (te.effect == effect::protects ? k.protects : k.restricts) = true;
      // A convention binds the expected bearer only through that bearer's state's ratification;
      // a provision that puts the duty on other roles is judged for them.
      const auto judged_for =
          p.bearers.contains(bearer) ? std::optional<role>(bearer) : std::nullopt;
      k.excluded = cx_.applies(pi, judged_for, &k.why);
      k.tier = cx_.tier(c_.instrument_of(pi));
      const auto bearers = p.bearers.values();
      k.assigned =
          std::any_of(bearers.begin(), bearers.end(), [&](role r) { return cx_.played(r); });
      // Why a covering provision is weak, if it is.
      if (k.tier != gap_status::guidance && !at_least(p.strength, min))
        k.weak_reasons.push_back("below the required strength (`" +
                                 std::string(name_of(p.strength)) + "`, needs `" +
                                 std::string(name_of(min)) + "`)");
      for (const auto& q : p.qualifiers)
        k.weak_reasons.push_back("qualified: " + std::string(name_of(q.kind)) +
                                 (q.text.empty() ? "" : " (\"" + q.text + "\")"));
      if (opt_.judge_scope && cx_.where.sector.empty() &&
          (!p.scope.sectors.empty() || !p.scope.excluded_sectors.empty())) {
        std::string scope = !p.scope.sectors.empty() ? "for " + join(p.scope.sectors) + " only"
                                                     : "not for " + join(p.scope.excluded_sectors);
        k.weak_reasons.push_back("narrower scope than the corridor: " + scope);
      }
      out.push_back(std::move(k));
    }
    return out;
  }

  gap_row evaluate(const std::string& topic, stage s, role bearer, strength min,
                   bool in_profile) const {
    gap_row row;
    row.topic = topic;
    row.stage = s;
    row.bearer = bearer;
    row.min_strength = min;
    row.in_profile = in_profile;
    const auto cands = candidates(topic, s, bearer, min);

    std::vector<const candidate*> conflicts, strong, weak, unassigned, excluded;
    for (const auto& k : cands) {
      if (k.excluded != exclusion::counts) {
        if (k.protects) excluded.push_back(&k);
        continue;
      }
      if (k.restricts) conflicts.push_back(&k);
      if (!k.protects) continue;
      if (!k.assigned)
        unassigned.push_back(&k);
      else if (k.weak_reasons.empty())
        strong.push_back(&k);
      else
        weak.push_back(&k);
    }

    std::vector<const candidate*> decided;
    if (!conflicts.empty()) {
      row.status = gap_status::conflict;
      decided = conflicts;
    } else if (!strong.empty()) {
      gap_status best = gap_status::guidance;
      for (const auto* k : strong) best = std::min(best, k->tier);
      row.status = best;
      for (const auto* k : strong)
        if (k->tier == best) decided.push_back(k);
    } else if (!weak.empty()) {
      const bool firm = std::any_of(weak.begin(), weak.end(), [](const candidate* k) {
        return k->tier != gap_status::guidance;
      });
      row.status = firm ? gap_status::weak : gap_status::guidance;
      for (const auto* k : weak)
        if (!firm || k->tier != gap_status::guidance) decided.push_back(k);
    } else if (!unassigned.empty()) {
      row.status = gap_status::unassigned;
      decided = unassigned;
    } else {
      row.status = gap_status::gap;
    }
    // Strongest first.
    std::stable_sort(decided.begin(), decided.end(), [&](const candidate* a, const candidate* b) {
      return std::make_tuple(a->tier, -static_cast<int>(c_.provision_at(a->provision).strength),
                             a->weak_reasons.size()) <
             std::make_tuple(b->tier, -static_cast<int>(c_.provision_at(b->provision).strength),
                             b->weak_reasons.size());
    });

    std::set<std::string> actor_ids(cx_.actors_of(bearer).begin(), cx_.actors_of(bearer).end());
    for (const auto* k : decided) {
      const provision& p = c_.provision_at(k->provision);
      std::string note = tier_words(k->tier, c_.instruments()[c_.instrument_of(k->provision)]);
      if (!k->weak_reasons.empty()) note += "; " + join(k->weak_reasons, "; ");
      if (!k->assigned)
        note += "; its bearers (" + join(p.bearers.names()) + ") are played by no actor here";
      row.decided_by.push_back(cx_.cite(k->provision, note));
      for (const auto& a : p.designated) actor_ids.insert(a);
      if (!row.confidence || p.provenance.level < *row.confidence)
        row.confidence = p.provenance.level;
    }
    row.actors.assign(actor_ids.begin(), actor_ids.end());

    if (row.status == gap_status::gap || row.status == gap_status::weak ||
        row.status == gap_status::unassigned) {
      // Nearest first: instruments between or of the corridor's states, then conventions, then
      // others.
      std::stable_sort(
          excluded.begin(), excluded.end(),
          [&](const candidate* a, const candidate* b) { return closeness(*a) < closeness(*b); });
      for (const auto* k : excluded) {
        if (row.nearest.size() >= opt_.max_nearest) break;
        row.nearest.push_back(cx_.cite(k->provision, k->why));
      }
    }
    if (row.status != gap_status::binding && row.status != gap_status::committed)
      add_precedents(row, cands, decided);
    row.explanation = explain(row, decided);
    return row;
  }

  // Nearest first: what would count if one fact changed (a date, a scope, a ratification), then
  // what other corridors agreed, then kinds the profile does not accept; the corridor's own first.
  int closeness(const candidate& k) const {
    int by_reason = 0;
    switch (k.excluded) {
      case exclusion::not_ratified:
      case exclusion::ratified_after:
      case exclusion::denounced:
      case exclusion::part_excluded:
      case exclusion::territory:
        by_reason = 1;
        break;
      case exclusion::not_party:
        by_reason = 2;
        break;
      case exclusion::kind_not_accepted:
        by_reason = 3;
        break;
      default:
        by_reason = 0;
    }
    const auto& ps = c_.instruments()[c_.instrument_of(k.provision)].parties;
    const bool ours = std::find(ps.begin(), ps.end(), cx_.where.origin) != ps.end() ||
                      std::find(ps.begin(), ps.end(), cx_.where.destination) != ps.end();
    return by_reason * 2 + (ours ? 0 : 1);
  }

  void add_precedents(gap_row& row, const std::vector<candidate>& cands,
                      const std::vector<const candidate*>& decided) const {
    std::vector<const candidate*> pool;
    for (const auto& k : cands)
      if (k.protects && std::find(decided.begin(), decided.end(), &k) == decided.end())
        pool.push_back(&k);
    std::stable_sort(pool.begin(), pool.end(), [&](const candidate* a, const candidate* b) {
      const auto& pa = c_.provision_at(a->provision);
      const auto& pb = c_.provision_at(b->provision);
      return std::make_tuple(a->tier, -static_cast<int>(pa.strength), pa.qualifiers.size(),
                             -static_cast<int>(pa.provenance.level)) <
             std::make_tuple(b->tier, -static_cast<int>(pb.strength), pb.qualifiers.size(),
                             -static_cast<int>(pb.provenance.level));
    });
    std::set<index> instruments;
    for (const auto* k : pool) {
      if (row.precedents.size() >= opt_.max_precedents) break;
      const index ii = c_.instrument_of(k->provision);
      if (!instruments.insert(ii).second) continue;  // the strongest clause of each instrument
      const auto& in = c_.instruments()[ii];
      std::string note = tier_words(k->tier, in);
      if (!in.parties.empty() && in.parties.size() <= 2) note += ", " + join(in.parties, "–");
      if (k->excluded != exclusion::counts) note += "; not in force here: " + k->why;
      row.precedents.push_back(cx_.cite(k->provision, note));
    }
  }

  std::string explain(const gap_row& row, const std::vector<const candidate*>& decided) const {
    auto cites = [&](std::size_t most) {
      std::vector<std::string> out;
      for (std::size_t i = 0; i < row.decided_by.size() && i < most; ++i)
        out.push_back(row.decided_by[i].citation);
      std::string s = join(out, "; ");
      if (row.decided_by.size() > most)
        s += " and " + std::to_string(row.decided_by.size() - most) + " more";
      return s;
    };
    const std::string who = std::string(name_of(row.bearer));
    std::string out;
    switch (row.status) {
      case gap_status::conflict: {
        std::string summary = c_.provision_at(decided.front()->provision).summary;
        while (!summary.empty() &&
               (summary.back() == '\n' || summary.back() == ' ' || summary.back() == '.'))
          summary.pop_back();
        out = "Restricts the worker: " + cites(3) + ": " + summary + ".";
        const auto& sc = c_.provision_at(decided.front()->provision).scope;
        if (cx_.where.sector.empty() && !sc.sectors.empty())
          out += " (The clause applies to " + join(sc.sectors) + " only.)";
        break;
      }
      case gap_status::binding:
        out = "Protected by a binding instrument that applies here: " + cites(3) + ".";
        break;
      case gap_status::committed:
        out = "Protected only by non-binding commitments: " + cites(3) + ".";
        break;
      case gap_status::guidance:
        out = "Only recommendations or guidelines speak to it: " + cites(3) + ".";
        break;
      case gap_status::weak:
        out = "Covered only weakly: " + cites(2) + ", " +
              join(decided.front()->weak_reasons, "; ") + ".";
        break;
      case gap_status::unassigned:
        out = "Covered by " + cites(2) + ", but no actor in this corridor plays its bearer role (" +
              join(c_.provision_at(decided.front()->provision).bearers.names()) + ").";
        break;
      case gap_status::gap:
        out = "Nothing applicable in this corridor protects it";
        if (!row.nearest.empty())
          out +=
              "; nearest: " + row.nearest.front().citation + " (" + row.nearest.front().note + ")";
        out += ".";
        break;
    }
    if (row.in_profile && row.status != gap_status::gap && row.status != gap_status::conflict &&
        !decided.empty()) {
      const auto& bearers = c_.provision_at(decided.front()->provision).bearers;
      if (!bearers.contains(row.bearer))
        out += " The profile expects the " + who + " to owe it; the provision puts it on " +
               join(bearers.names()) + ".";
    }
    if (row.confidence && *row.confidence == confidence::low)
      out += " This rests on low-confidence coding (a press report or similar source).";
    else if (row.status != gap_status::gap && !row.decided_by.empty() &&
             std::all_of(
                 row.decided_by.begin(), row.decided_by.end(),
                 [](const cited_provision& p) { return p.coded_from == coded_from::secondary; }))
      out += " Coded from a secondary description, not the instrument's text.";
    return out;
  }

  const corpus& c_;
  detail::corridor_context cx_;
  const profile& prof_;
  const gap_options& opt_;
};

}  // namespace

gap_report gaps(const corpus& c, const corridor& where, std::string_view profile_id,
                const gap_options& options) {
  const profile* p = c.find_profile(profile_id);
  if (!p) {
    std::vector<std::string> ids;
    for (const auto& x : c.profiles()) ids.push_back(x.id);
    throw std::invalid_argument("unknown profile `" + std::string(profile_id) + "`" +
                                detail::did_you_mean(profile_id, ids));
  }
  return analysis(c, where, *p, options).run();
}

std::vector<status_change> changes(const gap_report& before, const gap_report& after) {
  auto key = [](const gap_row& r) {
    return std::make_tuple(r.topic, static_cast<int>(r.stage), static_cast<int>(r.bearer),
                           r.in_profile);
  };
  auto ids = [](const gap_row& r) {
    std::vector<std::string> out;
    for (const auto& d : r.decided_by) out.push_back(d.provision);
    return out;
  };
  std::map<decltype(key(before.rows[0])), const gap_row*> old;
  for (const auto& r : before.rows) old.emplace(key(r), &r);
  std::vector<status_change> out;
  auto diff = [](const std::vector<std::string>& a, const std::vector<std::string>& b) {
    std::vector<std::string> sa(a), sb(b), o;
    std::sort(sa.begin(), sa.end());
    std::sort(sb.begin(), sb.end());
    std::set_symmetric_difference(sa.begin(), sa.end(), sb.begin(), sb.end(),
                                  std::back_inserter(o));
    return o;
  };
  for (const auto& r : after.rows) {
    auto it = old.find(key(r));
    const gap_row* b = it == old.end() ? nullptr : it->second;
    if (b && b->status == r.status) {
      old.erase(it);
      continue;
    }
    status_change ch{r.topic, r.stage, r.bearer, r.in_profile, {}, r.status, {}, ids(r), {}};
    if (b) {
      ch.before = b->status;
      ch.provisions_before = ids(*b);
      old.erase(it);
    }
    ch.changed_by = diff(ch.provisions_before, ch.provisions_after);
    out.push_back(std::move(ch));
  }
  for (const auto& r : before.rows) {
    auto it = old.find(key(r));
    if (it == old.end()) continue;
    status_change ch{r.topic, r.stage, r.bearer, r.in_profile, r.status, {}, ids(r), {}, {}};
    ch.changed_by = ch.provisions_before;
    out.push_back(std::move(ch));
  }
  return out;
}

}  // namespace dutymap
