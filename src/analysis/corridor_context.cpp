// Applicability of instruments and provisions in a corridor.

#include "corridor_context.hpp"

#include "citation.hpp"

#include <dutymap/detail/nearest.hpp>

#include <algorithm>
#include <chrono>
#include <stdexcept>

namespace dutymap::detail {

namespace {

date today() {
  const auto now = std::chrono::system_clock::now();
  const auto days = std::chrono::floor<std::chrono::days>(now);
  const std::chrono::year_month_day ymd{days};
  return date{static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
              static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

std::vector<std::string> state_ids(const corpus& c) {
  std::vector<std::string> out;
  for (const auto& a : c.actors())
    if (a.kind == actor_kind::state) out.push_back(a.id);
  return out;
}

corpus::index require_state(const corpus& c, const std::string& id, const char* what) {
  auto i = c.actor_index(id);
  if (!i || c.actors()[*i].kind != actor_kind::state)
    throw std::invalid_argument(std::string("unknown ") + what + " state `" + id + "`" +
                                did_you_mean(id, state_ids(c)));
  return *i;
}

// Roles implied by an actor's kind, for actors that list none.
role_set kind_roles(actor_kind k) {
  switch (k) {
    case actor_kind::union_:
      return {role::worker_organisation};
    case actor_kind::ngo:
      return {role::civil_society};
    case actor_kind::international_organisation:
      return {role::international_organisation};
    case actor_kind::regional_body:
      return {role::regional_body};
    case actor_kind::employer:
      return {role::employer};
    default:
      return {};
  }
}

// The states whose acceptance makes an instrument's duty on a role apply.
std::vector<corpus::index> anchors(role r, corpus::index origin, corpus::index destination,
                                   const std::vector<corpus::index>& transit) {
  switch (r) {
    case role::origin_state:
      return {origin};
    case role::destination_state:
      return {destination};
    case role::transit_state:
      return transit;
    case role::recruitment_agency:
      return {origin, destination};
    case role::worker:
    case role::worker_family:
      return {destination, origin};
    default:
      return {destination};
  }
}

std::uint64_t record_key(corpus::index state, corpus::index instrument) {
  return (std::uint64_t{state} << 32) | instrument;
}

}  // namespace

corridor_context::corridor_context(const corpus& c_, const corridor& where_, const profile* p)
    : c(c_), where(where_), prof(p) {
  origin = require_state(c, where.origin, "origin");
  destination = require_state(c, where.destination, "destination");
  for (const auto& t : where.transit) transit.push_back(require_state(c, t, "transit"));
  if (!where.sector.empty() && !c.sector_index(where.sector)) {
    std::vector<std::string> ids;
    for (const auto& s : c.sectors()) ids.push_back(s.id);
    throw std::invalid_argument("unknown sector `" + where.sector + "`" +
                                did_you_mean(where.sector, ids));
  }
  as_of = where.as_of ? *where.as_of : today();
  // A partial as-of date means its last day: "as of 2017" is the end of 2017.
  day = as_of.last_day();

  for (std::size_t r = 0; r < 12; ++r)
    anchors_[r] = anchors(static_cast<role>(r), origin, destination, transit);
  std::vector<index> states{origin, destination};
  states.insert(states.end(), transit.begin(), transit.end());
  for (index s : states)
    for (index ri : c.ratifications_of(s)) {
      const ratification& r = c.ratifications()[ri];
      if (auto i = c.instrument_index(r.instrument)) records_.emplace(record_key(s, *i), &r);
    }

  auto bind = [&](role r, const std::string& id) {
    played_[static_cast<std::size_t>(r)] = true;
    auto& v = actors_[static_cast<std::size_t>(r)];
    if (std::find(v.begin(), v.end(), id) == v.end()) v.push_back(id);
  };
  bind(role::origin_state, where.origin);
  bind(role::destination_state, where.destination);
  for (const auto& t : where.transit) bind(role::transit_state, t);
  // Every corridor has a worker, the worker's family, employers and recruiters, even unnamed.
  for (role r : {role::worker, role::worker_family, role::employer, role::recruitment_agency})
    played_[static_cast<std::size_t>(r)] = true;

  // The bodies of the corridor's states and the organisations that belong to no state, in actor
  // order.
  std::vector<index> present(c.stateless_actors().begin(), c.stateless_actors().end());
  for (index s : {origin, destination})
    present.insert(present.end(), c.bodies_of(s).begin(), c.bodies_of(s).end());
  for (index s : transit)
    present.insert(present.end(), c.bodies_of(s).begin(), c.bodies_of(s).end());
  std::sort(present.begin(), present.end());
  present.erase(std::unique(present.begin(), present.end()), present.end());
  const auto& actors = c.actors();
  for (index a : present) {
    const auto& ac = actors[a];
    // Regional bodies play their role only where both states belong to the region's instruments;
    // an organisation with no state is taken to be present in every corridor.
    for (role r : (ac.roles | kind_roles(ac.kind)).values()) bind(r, ac.id);
  }
}

role_set corridor_context::roles_of(index a) const {
  const auto& ac = c.actors()[a];
  role_set out = ac.roles | kind_roles(ac.kind);
  const std::string& state = ac.kind == actor_kind::state ? ac.id : ac.state;
  // Bodies of a state play the state's role unless they list roles of their own.
  const bool state_like = ac.kind == actor_kind::state || ac.roles.empty();
  if (state_like && !state.empty()) {
    if (state == where.origin) out.insert(role::origin_state);
    if (state == where.destination) out.insert(role::destination_state);
    if (std::find(where.transit.begin(), where.transit.end(), state) != where.transit.end())
      out.insert(role::transit_state);
  }
  return out;
}

const ratification* corridor_context::record(index state, index instrument) const {
  auto it = records_.find(record_key(state, instrument));
  return it == records_.end() ? nullptr : it->second;
}

gap_status corridor_context::tier(index i) const {
  return tier_of(c.instruments()[i]);
}

exclusion corridor_context::instrument_in_time(index i, std::string* why) const {
  if (auto it = in_time_.find(i); it != in_time_.end() && (!why || it->second.worded)) {
    if (why && it->second.result != exclusion::counts) *why = it->second.why;
    return it->second.result;
  }
  const auto& in = c.instruments()[i];
  exclusion result = exclusion::counts;
  // An annex lives and dies with the instrument it is annexed to.
  if (!in.annex_to.empty()) {
    result = instrument_in_time(*c.instrument_index(in.annex_to), why);
    if (result != exclusion::counts && why) *why = "annexed to " + in.annex_to + ": " + *why;
  }
  if (result == exclusion::counts) {
    const auto from = in.effective();
    if (from && from->last_day() > day) {
      result = exclusion::not_yet_in_force;
      if (why) *why = in.id + " applies from " + from->str() + ", after " + as_of.str();
    } else if (in.expires && in.expires->first_day() <= day) {
      result = exclusion::expired;
      if (why) *why = in.id + " expired " + (in.expires->day ? "on " : "in ") + in.expires->str();
    } else {
      // Superseded when a later revision of the same chain is already in force.
      const auto chain = c.revision_chain(i);
      const auto me = std::find(chain.begin(), chain.end(), i);
      for (auto it = me + 1; it != chain.end(); ++it) {
        const auto& later = c.instruments()[*it];
        const auto later_from = later.effective();
        if (!later_from || later_from->last_day() <= day) {
          result = exclusion::superseded;
          if (why) *why = in.id + " was superseded by " + later.id;
          break;
        }
      }
    }
  }
  auto& memo = in_time_[i];
  memo.result = result;
  memo.worded = why != nullptr;
  if (why && result != exclusion::counts) memo.why = *why;
  return result;
}

exclusion corridor_context::instrument_reaches(index i, role bearer, const provision& p,
                                               std::string* why) const {
  const auto& in = c.instruments()[i];
  const auto& parties = in.parties;
  auto party = [&](const std::string& s) {
    return std::find(parties.begin(), parties.end(), s) != parties.end();
  };
  if (is_ratifiable(in.kind)) {
    // The first anchor state's reason is the one reported; its words are written only when asked
    // for (most calls only want the verdict).
    exclusion first = exclusion::not_ratified;
    const ratification* first_record = nullptr;
    std::optional<index> first_state;
    for (index s : anchor_states(bearer)) {
      const ratification* r = record(s, i);
      exclusion e = exclusion::counts;
      if (!r || !r->ratified_on)
        e = exclusion::not_ratified;
      else if (r->ratified_on->last_day() > day)
        e = exclusion::ratified_after;
      else if (r->denounced_on && r->denounced_on->first_day() <= day)
        e = exclusion::denounced;
      else if (!p.part.empty() &&
               std::find(r->excludes.begin(), r->excludes.end(), p.part) != r->excludes.end())
        e = exclusion::part_excluded;
      else if (!r->limited_to.empty() && std::find(r->limited_to.begin(), r->limited_to.end(),
                                                   where.territory) == r->limited_to.end())
        e = exclusion::territory;
      if (e == exclusion::counts) return e;
      if (!first_state) {
        first = e;
        first_record = r;
        first_state = s;
      }
    }
    if (why) {
      if (!first_state) {
        *why = "no state in this corridor bears it";
        return first;
      }
      const auto& state = c.actors()[*first_state].id;
      const ratification* r = first_record;
      switch (first) {
        case exclusion::not_ratified:
          *why = state + (r && r->signed_on
                              ? " signed " + in.id + " (" + r->signed_on->str() +
                                    ") but has not ratified it"
                              : " has not ratified " + in.id + " (as far as the corpus records)");
          break;
        case exclusion::ratified_after:
          *why = state + " ratified " + in.id + " in " + r->ratified_on->str() + ", after " +
                 as_of.str();
          break;
        case exclusion::denounced:
          *why = state + " denounced " + in.id + (r->denounced_on->day ? " on " : " in ") +
                 r->denounced_on->str();
          break;
        case exclusion::part_excluded:
          *why = state + "'s ratification of " + in.id + " excludes " + p.part;
          break;
        default: {
          std::string t;
          for (const auto& x : r->limited_to) t += (t.empty() ? "" : ", ") + x;
          *why = state + "'s ratification of " + in.id + " covers only " + t;
        }
      }
    }
    return first;
  }
  switch (in.level) {
    case level::global:
      return exclusion::counts;  // recommendations, guidelines, global declarations: everyone
    case level::regional:
      if (party(where.origin) && party(where.destination)) return exclusion::counts;
      if (why) *why = std::string("the corridor's states are not both parties to ") + in.id;
      return exclusion::not_party;
    case level::bilateral:
      if (party(where.origin) && party(where.destination)) return exclusion::counts;
      if (why) {
        std::string ps;
        for (const auto& x : parties) ps += (ps.empty() ? "" : "–") + x;
        *why = in.id + " is between " + ps + ", not this corridor's states";
      }
      return exclusion::not_party;
    case level::national: {
      const bool inside = party(where.origin) || party(where.destination) ||
                          std::any_of(where.transit.begin(), where.transit.end(), party);
      if (inside) return exclusion::counts;
      if (why)
        *why = in.id + " is the law or policy of " +
               (parties.empty() ? std::string("another state") : parties[0]);
      return exclusion::not_party;
    }
  }
  return exclusion::counts;
}

exclusion corridor_context::applies(index pi, std::optional<role> bearer, std::string* why) const {
  const provision& p = c.provision_at(pi);
  const index ii = c.instrument_of(pi);
  const auto& in = c.instruments()[ii];
  if (prof && !prof->accepts_kind(in.kind)) {
    if (why) *why = prof->id + " does not accept a " + std::string(name_of(in.kind));
    return exclusion::kind_not_accepted;
  }
  // Parties first: a law of another state is out of the corridor whatever its date.
  if (!is_ratifiable(in.kind)) {
    if (auto e = instrument_reaches(ii, role::destination_state, p, why); e != exclusion::counts)
      return e;
  }
  if (auto e = instrument_in_time(ii, why); e != exclusion::counts) return e;
  if (is_ratifiable(in.kind)) {
    const role_set roles = bearer ? role_set{*bearer} : p.bearers;
    // The first role (in role order) that it does not reach decides the reason; the words are
    // written for that one only.
    exclusion first = exclusion::not_ratified;
    std::optional<role> first_role;
    for (std::size_t ri = 0; ri < enum_names<role>::values.size(); ++ri) {
      const auto r = static_cast<role>(ri);
      if (!roles.contains(r)) continue;
      const auto e = instrument_reaches(ii, r, p, nullptr);
      if (e == exclusion::counts) {
        first_role.reset();
        first = e;
        break;
      }
      if (!first_role) {
        first = e;
        first_role = r;
      }
    }
    if (first != exclusion::counts) {
      if (why && first_role) instrument_reaches(ii, *first_role, p, why);
      return first;
    }
  }
  if (!where.sector.empty() && !p.scope.covers_sector(where.sector)) {
    if (why) *why = p.id + " does not reach " + where.sector;
    return exclusion::out_of_sector;
  }
  if (where.status == worker_status::undocumented &&
      p.scope.workers == worker_coverage::documented) {
    if (why) *why = p.citation() + " covers documented workers only";
    return exclusion::documented_only;
  }
  return exclusion::counts;
}

exclusion corridor_context::instrument_applies(index i, std::string* why) const {
  const auto& in = c.instruments()[i];
  const provision none;
  if (!is_ratifiable(in.kind))
    if (auto e = instrument_reaches(i, role::destination_state, none, why); e != exclusion::counts)
      return e;
  if (auto e = instrument_in_time(i, why); e != exclusion::counts) return e;
  if (!is_ratifiable(in.kind)) return exclusion::counts;
  std::string first;
  exclusion result = exclusion::not_ratified;
  for (role r : {role::destination_state, role::origin_state}) {
    std::string w;
    const auto e = instrument_reaches(i, r, none, &w);
    if (e == exclusion::counts) return e;
    if (first.empty()) {
      first = w;
      result = e;
    }
  }
  if (why) *why = first;
  return result;
}

std::vector<corpus::index> corridor_context::instruments_that_may_apply() const {
  const auto u = c.universal_instruments();
  std::vector<index> out(u.begin(), u.end());
  auto add = [&](std::span<const index> more) { out.insert(out.end(), more.begin(), more.end()); };
  std::vector<index> states{origin, destination};
  states.insert(states.end(), transit.begin(), transit.end());
  for (index s : states) {
    add(c.instruments_with_party(s, level::national));
    // A record (ratified, signed, denounced) makes a convention worth judging here.
    for (index r : c.ratifications_of(s))
      if (auto i = c.instrument_index(c.ratifications()[r].instrument)) out.push_back(*i);
  }
  for (index i : c.instruments_with_party(origin, level::regional)) {
    const auto& ps = c.instruments()[i].parties;
    if (std::find(ps.begin(), ps.end(), where.destination) != ps.end()) out.push_back(i);
  }
  add(c.bilateral_between(origin, destination));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

bool corridor_context::names_corridor_state(index i) const {
  const auto& ps = c.instruments()[i].parties;
  return std::find(ps.begin(), ps.end(), where.origin) != ps.end() ||
         std::find(ps.begin(), ps.end(), where.destination) != ps.end();
}

cited_provision corridor_context::cite(index pi, std::string note) const {
  return detail::cite(c, pi, std::move(note));
}

}  // namespace dutymap::detail
