// The gap analysis: statuses, explanations, nearest non-counting provisions and precedents.

#include "corridor_context.hpp"

#include <dutymap/detail/nearest.hpp>

#include <algorithm>
#include <bit>
#include <cmath>
#include <map>
#include <set>
#include <stdexcept>
#include <unordered_map>

namespace dutymap {

using index = corpus::index;

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

std::string join(const std::vector<std::string>& v, std::string_view sep = ", ") {
  std::string out;
  for (const auto& x : v) {
    if (!out.empty()) out += sep;
    out += x;
  }
  return out;
}

std::string tier_words(gap_status t, const instrument& in) {
  std::string out = t == gap_status::binding ? "binding " : "";
  const auto kind = out.size();
  out += name_of(in.kind);
  std::replace(out.begin() + static_cast<long>(kind), out.end(), '_', ' ');
  if (!in.annex_to.empty()) {
    out += " annexed to ";
    out += in.annex_to;
  }
  if (t == gap_status::committed)
    out += ", not binding";
  else if (t != gap_status::binding)
    out += ", guidance only";
  return out;
}

struct candidate {
  index provision;
  bool protects = false, restricts = false;
  exclusion excluded = exclusion::counts;  // why, in words, is asked of `reason` when cited
  bool assigned = true;
  std::vector<std::string> weak_reasons;
  gap_status tier = gap_status::binding;
};

// The gap analysis of one corridor against one profile. It reads only the provisions of the
// instruments that can count in the corridor (or of the instruments the options name), so its cost
// follows the corridor, not the corpus; what lies outside (nearest, precedents) comes from the
// corpus's protection indexes, a bounded number at a time.
class analysis {
 public:
  analysis(const corpus& c, const corridor& where, const profile& p, const gap_options& o)
      : c_(c), cx_(c, where, &p), prof_(p), opt_(o), chosen_(!o.only_instruments.empty()) {
    if (chosen_) {
      for (const auto& id : o.only_instruments)
        if (auto i = c.instrument_index(id)) universe_.push_back(*i);
      std::sort(universe_.begin(), universe_.end());
      universe_.erase(std::unique(universe_.begin(), universe_.end()), universe_.end());
    } else {
      universe_ = cx_.instruments_that_may_apply();
    }
    // The universe's provisions under each topic they concern and each of its ancestors, ascending,
    // as lists by topic in one array: a first pass counts, a second places.
    const auto& topics = c.provision_topics();
    std::vector<index> seen(c.topics().size() + 1);  // 1 + the last provision met under a topic
    auto each_topic = [&](auto&& f) {
      std::fill(seen.begin(), seen.end(), 0);
      for (index ii : universe_) {
        const auto [first, last] = c.provisions_of(ii);
        for (index pi = first; pi < last; ++pi) {
          const auto words = topics.row(pi);
          for (std::size_t w = 0; w < words.size(); ++w)
            for (std::uint64_t bits = words[w]; bits; bits &= bits - 1) {
              const auto topic =
                  static_cast<index>(w * 64 + static_cast<std::size_t>(std::countr_zero(bits)));
              for (std::optional<index> t = topic; t && seen[*t] != pi + 1;
                   t = c.topic_parent(*t)) {
                seen[*t] = pi + 1;
                f(*t, pi);
              }
            }
        }
      }
    };
    about_offsets_.assign(c.topics().size() + 1, 0);
    each_topic([&](index t, index) { ++about_offsets_[t + 1]; });
    for (std::size_t t = 1; t < about_offsets_.size(); ++t)
      about_offsets_[t] += about_offsets_[t - 1];
    about_.resize(about_offsets_.back());
    std::vector<index> next(about_offsets_.begin(), about_offsets_.end() - 1);
    each_topic([&](index t, index pi) { about_[next[t]++] = pi; });
  }

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
    for (const index pi : universe_provisions()) {
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
  // The provisions of the universe, ascending.
  std::vector<index> universe_provisions() const {
    std::vector<index> out;
    for (index ii : universe_) {
      const auto [first, last] = c_.provisions_of(ii);
      for (index pi = first; pi < last; ++pi) out.push_back(pi);
    }
    return out;
  }
  bool in_universe(index instrument) const {
    return std::binary_search(universe_.begin(), universe_.end(), instrument);
  }
  // The bearer a provision is judged for: the expected one when the provision names it, else
  // any it names (nullopt). A row outside the profile expects no one: its bearer only describes
  // the first provision found, and every restriction or protection that applies counts there.
  static std::optional<role> judged_for(const provision& p, std::optional<role> expected) {
    return expected && p.bearers.contains(*expected) ? expected : std::nullopt;
  }
  static std::optional<role> expected(const gap_row& row) {
    return row.in_profile ? std::optional<role>(row.bearer) : std::nullopt;
  }

  bool under_norm(const std::string& topic, stage s) const {
    for (const auto& n : prof_.norms)
      if (n.stage == s && in_subtree(topic, n.topic)) return true;
    return false;
  }

  std::vector<candidate> candidates(const std::string& topic, stage s, std::optional<role> expected,
                                    strength min) const {
    std::vector<candidate> out;
    const auto ti = c_.topic_index(topic);
    if (!ti) return out;
    out.reserve(about_offsets_[*ti + 1] - about_offsets_[*ti]);
    for (index pi : std::span<const index>(about_.data() + about_offsets_[*ti],
                                           about_offsets_[*ti + 1] - about_offsets_[*ti])) {
      const provision& p = c_.provision_at(pi);
      if (!p.stages.contains(s)) continue;
      candidate k;
      k.provision = pi;
      for (const auto& te : p.topics)
        if (in_subtree(te.topic, topic))
          (te.effect == effect::protects ? k.protects : k.restricts) = true;
      // A convention binds the expected bearer only through that bearer's state's ratification;
      // a provision that puts the duty on other roles is judged for them.
      k.excluded = cx_.applies(pi, judged_for(p, expected));
      k.tier = cx_.tier(c_.instrument_of(pi));
      k.assigned = false;
      for (std::size_t r = 0; r < enum_names<role>::values.size() && !k.assigned; ++r)
        k.assigned = p.bearers.contains(static_cast<role>(r)) && cx_.played(static_cast<role>(r));
      // Why a covering provision is weak, if it is (asked only of those that count).
      if (k.excluded != exclusion::counts) {
        out.push_back(std::move(k));
        continue;
      }
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
    const auto cands = candidates(topic, s, expected(row), min);

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
      settle_absence(row);
    }
    // Strongest first.
    std::stable_sort(decided.begin(), decided.end(), [&](const candidate* a, const candidate* b) {
      return std::make_tuple(a->tier, -static_cast<int>(c_.provision_at(a->provision).strength),
                             a->weak_reasons.size()) <
             std::make_tuple(b->tier, -static_cast<int>(c_.provision_at(b->provision).strength),
                             b->weak_reasons.size());
    });

    // The actors, sorted and without repeats (pointers: the ids are copied once, into the row).
    std::vector<const std::string*> actor_ids;
    for (const auto& a : cx_.actors_of(bearer)) actor_ids.push_back(&a);
    row.decided_by.reserve(decided.size());
    for (const auto* k : decided) {
      const provision& p = c_.provision_at(k->provision);
      std::string note = tier_words(k->tier, c_.instruments()[c_.instrument_of(k->provision)]);
      if (!k->weak_reasons.empty()) note += "; " + join(k->weak_reasons, "; ");
      if (!k->assigned)
        note += "; its bearers (" + join(p.bearers.names()) + ") are played by no actor here";
      row.decided_by.push_back(cx_.cite(k->provision, note));
      for (const auto& a : p.designated) actor_ids.push_back(&a);
      if (!row.confidence || p.provenance.level < *row.confidence)
        row.confidence = p.provenance.level;
    }
    std::sort(actor_ids.begin(), actor_ids.end(),
              [](const std::string* a, const std::string* b) { return *a < *b; });
    actor_ids.erase(
        std::unique(actor_ids.begin(), actor_ids.end(),
                    [](const std::string* a, const std::string* b) { return *a == *b; }),
        actor_ids.end());
    row.actors.reserve(actor_ids.size());
    for (const auto* a : actor_ids) row.actors.push_back(*a);

    if (row.status == gap_status::gap || row.status == gap_status::unknown ||
        row.status == gap_status::weak || row.status == gap_status::unassigned) {
      if (chosen_)
        add_nearest(row, excluded);
      else
        add_nearest_in_corpus(row, excluded);
      if (row.status == gap_status::unknown) note_unread_revisions(row);
    }
    if (row.status != gap_status::binding && row.status != gap_status::committed) {
      if (chosen_)
        add_precedents(row, cands, decided);
      else
        add_precedents_in_corpus(row, cands, decided);
    }
    row.explanation = explain(row, decided);
    return row;
  }

  // The instruments that apply here, reach the corridor's sector and workers, and are of a kind
  // the profile accepts: the ones whose silence a `gap` rests on. Judged once per report, when a
  // row first needs them.
  const std::vector<index>& answerable() const {
    if (answerable_) return *answerable_;
    answerable_.emplace();
    for (index ii : universe_) {
      const auto& in = c_.instruments()[ii];
      if (!prof_.accepts_kind(in.kind) || cx_.instrument_applies(ii, nullptr) != exclusion::counts)
        continue;
      if (!cx_.where.sector.empty() && !in.scope.covers_sector(cx_.where.sector)) continue;
      if (cx_.where.status == worker_status::undocumented &&
          in.scope.workers == worker_coverage::documented)
        continue;
      answerable_->push_back(ii);
    }
    return *answerable_;
  }

  // A norm nothing known covers: `gap` where each answerable instrument was read in full or is
  // reported to lack the topic, `unknown` where one of them was not read in full and no source
  // says it lacks the topic. The evidence lists what is known of each.
  void settle_absence(gap_row& row) const {
    row.status = gap_status::gap;
    row.evidence.reserve(answerable().size());
    for (index ii : answerable()) {
      const auto& in = c_.instruments()[ii];
      evidence e{evidence_kind::not_read, in.id, {}, {}, in.text, {}, confidence::high};
      if (const auto* l = in.lack_of(row.topic, row.stage)) {
        e.kind = evidence_kind::reported_lack;
        e.citation = l->provenance.source;
        e.passage = l->provenance.passage;
        e.confidence = l->provenance.level;
        if (!row.confidence || e.confidence < *row.confidence) row.confidence = e.confidence;
      } else if (in.text == text_coverage::full) {
        e.kind = evidence_kind::read_in_full;
        // A reading in full that the drafting assistant proposed and nobody has reviewed is a
        // provisional absence: the clause may be there under another topic.
        if (c_.draft_provisions_in(ii)) {
          e.confidence = confidence::low;
          row.confidence = confidence::low;
        }
      } else {
        row.status = gap_status::unknown;
      }
      row.evidence.push_back(std::move(e));
    }
    if (row.status == gap_status::unknown) row.confidence.reset();
  }

  // On an `unknown` row, a clause of an earlier revision of an instrument not read in full may
  // live on in the revision: its note says so.
  void note_unread_revisions(gap_row& row) const {
    for (auto& n : row.nearest) {
      // Only a superseded clause can live on in its revision (the reason says so).
      if (n.note.find(" was superseded by ") == std::string::npos) continue;
      // An annexed contract is revised with its instrument.
      const auto& cited = c_.get_instrument(n.instrument);
      const index revised =
          *c_.instrument_index(cited.annex_to.empty() ? cited.id : cited.annex_to);
      for (const auto& e : row.evidence) {
        if (e.kind != evidence_kind::not_read || e.instrument == n.instrument) continue;
        const auto chain = c_.revision_chain(*c_.instrument_index(e.instrument));
        if (std::find(chain.begin(), chain.end(), revised) == chain.end()) continue;
        n.note += "; " + e.instrument +
                  ", the revision in force here, is not known in full (text: " +
                  std::string(name_of(e.text)) + "): the clause may be retained";
        break;
      }
    }
  }

  // Nearest first: what would count if one fact changed (a date, a scope, a ratification), then
  // what other corridors agreed, then kinds the profile does not accept; the corridor's own first.
  int closeness(const candidate& k) const { return closeness(k.excluded, k.provision); }
  int closeness(exclusion excluded, index provision) const {
    int by_reason = 0;
    switch (excluded) {
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
    const bool ours = cx_.names_corridor_state(c_.instrument_of(provision));
    return by_reason * 2 + (ours ? 0 : 1);
  }

  // Nearest among the given candidates (all there are, when the options name the instruments).
  void add_nearest(gap_row& row, std::vector<const candidate*> excluded) const {
    // Nearest first: instruments between or of the corridor's states, then conventions, then
    // others.
    std::stable_sort(excluded.begin(), excluded.end(), [&](const candidate* a, const candidate* b) {
      return closeness(*a) < closeness(*b);
    });
    for (const auto* k : excluded) {
      if (row.nearest.size() >= opt_.max_nearest) break;
      row.nearest.push_back(
          cx_.cite(k->provision, reason(k->provision, expected(row), k->excluded)));
    }
  }

  // Nearest across the corpus, as `add_nearest` would rank every provision on the topic: the
  // corridor's own candidates, then what lies outside the universe, where the ranking is known
  // without judging each provision. Outside, a convention nobody here has a record for is not
  // ratified (or out of date, or of a kind not accepted): judged one by one, as conventions are
  // few. Any other instrument outside is not party here (closeness 4 or 5 as it names the
  // origin or destination or not, 6 or 7 when its kind is not accepted): only the first few of
  // each kind are needed, in provision order.
  void add_nearest_in_corpus(gap_row& row, const std::vector<const candidate*>& excluded) const {
    const std::size_t want = opt_.max_nearest;
    if (want == 0) return;
    struct near {
      int closeness;
      index provision;
      bool operator<(const near& o) const {
        return std::tie(closeness, provision) < std::tie(o.closeness, o.provision);
      }
    };
    std::vector<near> items;
    for (const auto* k : excluded) items.push_back({closeness(*k), k->provision});
    const index ti = *c_.topic_index(row.topic);
    for (std::size_t kind = 0; kind < enum_names<instrument_kind>::values.size(); ++kind) {
      const auto k = static_cast<instrument_kind>(kind);
      if (!is_ratifiable(k)) continue;
      for (index pi : c_.protections(ti, row.stage, k)) {
        if (in_universe(c_.instrument_of(pi))) continue;
        const auto e = cx_.applies(pi, judged_for(c_.provision_at(pi), expected(row)));
        if (e != exclusion::counts) items.push_back({closeness(e, pi), pi});
      }
    }
    auto nearer_than = [&](int limit) {
      return static_cast<std::size_t>(std::count_if(
          items.begin(), items.end(), [&](const near& n) { return n.closeness < limit; }));
    };
    // Other agreements of the corridor's states, then of other states: the first `want` of each
    // kind, skipping what the universe holds (judged above) and, for others, the corridor's.
    auto take = [&](std::span<const index> list, bool skip_ours, int close) {
      std::size_t taken = 0;
      for (index pi : list) {
        if (taken == want) break;
        const index ii = c_.instrument_of(pi);
        if (in_universe(ii) || (skip_ours && cx_.names_corridor_state(ii))) continue;
        items.push_back({close, pi});
        ++taken;
      }
    };
    for (const bool ours : {true, false}) {
      if (nearer_than(ours ? 4 : 5) >= want) break;
      for (std::size_t kind = 0; kind < enum_names<instrument_kind>::values.size(); ++kind) {
        const auto k = static_cast<instrument_kind>(kind);
        if (is_ratifiable(k)) continue;
        const int close = (prof_.accepts_kind(k) ? 2 : 3) * 2 + (ours ? 0 : 1);
        if (!ours) {
          take(c_.protections(ti, row.stage, k), true, close);
          continue;
        }
        const std::size_t before = items.size();
        take(c_.party_protections(cx_.origin, ti, row.stage, k), false, close);
        take(c_.party_protections(cx_.destination, ti, row.stage, k), false, close);
        // An instrument of both states is in the universe; a corridor from a state to itself
        // would list its agreements twice.
        std::sort(items.begin() + static_cast<long>(before), items.end());
        items.erase(
            std::unique(items.begin() + static_cast<long>(before), items.end(),
                        [](const near& a, const near& b) { return a.provision == b.provision; }),
            items.end());
      }
    }
    std::sort(items.begin(), items.end());
    row.nearest.reserve(std::min(want, items.size()));
    for (const auto& n : items) {
      if (row.nearest.size() >= want) break;
      row.nearest.push_back(cx_.cite(n.provision, reason(n.provision, expected(row))));
    }
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
      row.precedents.push_back(precedent(k->provision, k->tier, k->excluded, expected(row)));
    }
  }

  // Precedents across the corpus, in the corpus's precedent order: the same as `add_precedents`
  // over every provision on the topic, reading only as far as the rows it keeps.
  void add_precedents_in_corpus(gap_row& row, const std::vector<candidate>& cands,
                                const std::vector<const candidate*>& decided) const {
    std::vector<index> decided_ids;
    for (const auto* k : decided) decided_ids.push_back(k->provision);
    std::sort(decided_ids.begin(), decided_ids.end());
    std::vector<index> instruments;  // already cited: as many as the precedents
    const index ti = *c_.topic_index(row.topic);
    const auto listed = c_.protections_by_precedence(ti, row.stage);
    row.precedents.reserve(std::min(opt_.max_precedents, listed.size()));
    for (index pi : listed) {
      if (row.precedents.size() >= opt_.max_precedents) break;
      if (std::binary_search(decided_ids.begin(), decided_ids.end(), pi)) continue;
      const index ii = c_.instrument_of(pi);
      const auto at = std::lower_bound(instruments.begin(), instruments.end(), ii);
      if (at != instruments.end() && *at == ii)
        continue;  // the strongest clause of each instrument
      instruments.insert(at, ii);
      auto k = std::lower_bound(cands.begin(), cands.end(), pi,
                                [](const candidate& a, index b) { return a.provision < b; });
      const exclusion excluded =
          k != cands.end() && k->provision == pi
              ? k->excluded
              : cx_.applies(pi, judged_for(c_.provision_at(pi), expected(row)));
      row.precedents.push_back(precedent(pi, cx_.tier(ii), excluded, expected(row)));
    }
  }

  // A precedent's note: what its instrument is, between whom, and why it is not in force here.
  // Precedents of one instrument mostly share their note: it is written once per report.
  cited_provision precedent(index pi, gap_status tier, exclusion excluded,
                            std::optional<role> expected) const {
    const auto key = words_key(pi, excluded, expected);
    if (key)
      if (auto it = precedent_notes_.find(*key); it != precedent_notes_.end())
        return cx_.cite(pi, it->second);
    const auto& in = c_.instruments()[c_.instrument_of(pi)];
    std::string note = tier_words(tier, in);
    if (!in.parties.empty() && in.parties.size() <= 2) {
      note += ", ";
      note += join(in.parties, "–");
    }
    if (excluded != exclusion::counts) {
      note += "; not in force here: ";
      note += reason(pi, expected, excluded);
    }
    if (key) precedent_notes_.emplace(*key, note);
    return cx_.cite(pi, std::move(note));
  }

  // A key under which the words about a provision's exclusion are those of every provision of its
  // instrument judged for the same roles (a party, a date, a kind, a ratification), or nullopt
  // where they depend on the provision itself (its sectors, its workers, its part).
  std::optional<std::uint64_t> words_key(index pi, exclusion e,
                                         std::optional<role> expected) const {
    if (e == exclusion::out_of_sector || e == exclusion::documented_only ||
        e == exclusion::part_excluded)
      return std::nullopt;
    const provision& p = c_.provision_at(pi);
    const index ii = c_.instrument_of(pi);
    std::uint64_t roles = 0;  // a convention binds through the states of the roles judged
    if (is_ratifiable(c_.instruments()[ii].kind)) {
      const auto bearer = judged_for(p, expected);
      roles = bearer ? (std::uint64_t{1} << 16) | static_cast<std::uint64_t>(*bearer)
                     : p.bearers.bits();
    }
    return (std::uint64_t{ii} << 32) | (roles << 8) | static_cast<std::uint64_t>(e);
  }

  // Why a provision does not count here (its exclusion, when `known`), judged as a candidate for
  // the bearer is; worded once per report where the words are its instrument's (see `words_key`).
  std::string reason(index pi, std::optional<role> expected,
                     std::optional<exclusion> known = {}) const {
    const auto bearer = judged_for(c_.provision_at(pi), expected);
    const exclusion e = known ? *known : cx_.applies(pi, bearer);
    if (const auto key = words_key(pi, e, expected)) {
      auto [it, fresh] = reasons_.try_emplace(*key);
      if (fresh) cx_.applies(pi, bearer, &it->second);
      return it->second;
    }
    std::string why;
    cx_.applies(pi, bearer, &why);
    return why;
  }

  std::string explain(const gap_row& row, const std::vector<const candidate*>& decided) const {
    auto cites = [&](std::size_t most) {
      std::string s;
      for (std::size_t i = 0; i < row.decided_by.size() && i < most; ++i) {
        if (i) s += "; ";
        s += row.decided_by[i].citation;
      }
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
      case gap_status::unknown: {
        // Written straight into the sentence: absent rows are many and their lists short.
        const auto unread = count_of(row, evidence_kind::not_read);
        out = "Not known: nothing read covers it, but ";
        list_of(out, row, evidence_kind::not_read, true);
        out += unread == 1 ? " applies here and was" : " apply here and were";
        out +=
            " not read in full, and no source reports the topic lacking there. To settle it, read ";
        list_of(out, row, evidence_kind::not_read, false);
        out += ".";
        if (count_of(row, evidence_kind::reported_lack)) {
          out += " Reported lacking in ";
          list_of(out, row, evidence_kind::reported_lack, false);
          out += ".";
        }
        if (!row.nearest.empty())
          out +=
              " Nearest: " + row.nearest.front().citation + " (" + row.nearest.front().note + ").";
        break;
      }
      case gap_status::gap: {
        const auto lacking = count_of(row, evidence_kind::reported_lack);
        const auto read = count_of(row, evidence_kind::read_in_full);
        out = "Nothing applicable in this corridor protects it";
        if (lacking) {
          out += ": a source reports that ";
          list_of(out, row, evidence_kind::reported_lack, false);
          out += lacking == 1 ? " lacks it (" : " lack it (";
          out += evidence_of(row, evidence_kind::reported_lack).citation;
          out += ")";
          if (read) {
            out += ", and ";
            list_of(out, row, evidence_kind::read_in_full, false);
            out += read == 1 ? " (read in full) covers it nowhere"
                             : " (read in full) cover it nowhere";
          }
        } else if (read) {
          out += ": ";
          list_of(out, row, evidence_kind::read_in_full, false);
          out += read == 1 ? " was read in full and covers it nowhere"
                           : " were read in full and cover it nowhere";
          if (row.confidence && *row.confidence == confidence::low)
            out +=
                " (by a draft coding not yet reviewed: the clause may be there under another "
                "topic)";
        } else if (row.in_profile) {
          out += ": no instrument of a kind the profile accepts applies here";
        }
        if (!row.nearest.empty())
          out +=
              "; nearest: " + row.nearest.front().citation + " (" + row.nearest.front().note + ")";
        out += ".";
        break;
      }
    }
    if (row.in_profile && row.status != gap_status::gap && row.status != gap_status::unknown &&
        row.status != gap_status::conflict && !decided.empty()) {
      const auto& bearers = c_.provision_at(decided.front()->provision).bearers;
      if (!bearers.contains(row.bearer))
        out += " The profile expects the " + who + " to owe it; the provision puts it on " +
               join(bearers.names()) + ".";
    }
    if (row.status != gap_status::gap && !row.decided_by.empty() &&
        std::any_of(row.decided_by.begin(), row.decided_by.end(),
                    [](const cited_provision& p) { return p.coded_from == coded_from::draft; }))
      out += " This rests on a draft coding not yet reviewed (`dutymap review`).";
    else if (row.confidence && *row.confidence == confidence::low)
      out += row.status == gap_status::gap
                 ? " One of the reported absences it rests on is of low confidence (see its "
                   "evidence)."
                 : " This rests on low-confidence coding (a press report or similar source).";
    else if (row.status == gap_status::gap &&
             std::any_of(row.evidence.begin(), row.evidence.end(),
                         [](const evidence& e) { return e.kind == evidence_kind::reported_lack; }))
      out += " The absence is reported by a source, not read in the instrument's own text.";
    else if (row.status != gap_status::gap && !row.decided_by.empty() &&
             std::all_of(
                 row.decided_by.begin(), row.decided_by.end(),
                 [](const cited_provision& p) { return p.coded_from == coded_from::secondary; }))
      out += " Coded from a secondary description, not the instrument's text.";
    return out;
  }

  static std::size_t count_of(const gap_row& row, evidence_kind k) {
    return static_cast<std::size_t>(std::count_if(row.evidence.begin(), row.evidence.end(),
                                                  [&](const evidence& e) { return e.kind == k; }));
  }
  // Appends the instruments of a row's evidence of one kind, comma-separated, each with how much
  // of it was read when `with_text`.
  static void list_of(std::string& out, const gap_row& row, evidence_kind k, bool with_text) {
    bool first = true;
    for (const auto& e : row.evidence) {
      if (e.kind != k) continue;
      if (!first) out += ", ";
      first = false;
      out += e.instrument;
      if (with_text) {
        out += " (text: ";
        out += name_of(e.text);
        out += ")";
      }
    }
  }
  static const evidence& evidence_of(const gap_row& row, evidence_kind k) {
    return *std::find_if(row.evidence.begin(), row.evidence.end(),
                         [&](const evidence& e) { return e.kind == k; });
  }

  const corpus& c_;
  detail::corridor_context cx_;
  const profile& prof_;
  const gap_options& opt_;
  const bool chosen_;            // the options name the instruments that count
  std::vector<index> universe_;  // the instruments that can count, ascending
  // By topic, the universe's provisions about it or its sub-topics: `about_[about_offsets_[t]]`
  // to `about_[about_offsets_[t + 1]]`.
  std::vector<index> about_, about_offsets_;
  // Words that belong to an instrument, written once per report: by `words_key`, the reason a
  // provision does not count and a precedent's whole note.
  mutable std::unordered_map<std::uint64_t, std::string> reasons_, precedent_notes_;
  mutable std::optional<std::vector<index>> answerable_;  // see `answerable`
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

}  // namespace dutymap
