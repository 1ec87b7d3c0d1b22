// Synthetic provisions: topic, bearer, designated actor, modality, qualifiers and scope of each,
// and the ids and adding of instruments.

#include "generator.hpp"

#include <algorithm>
#include <string>
#include <utility>

namespace dutymap::synthetic_parts {

std::size_t generator::pick_topic(stream& r, const style& st) {
  if (st.contract && !leaves_by_stage_[static_cast<int>(emp)].empty() && r.percent(80))
    return r.pick(leaves_by_stage_[static_cast<int>(emp)]);
  if (r.percent(8)) return r.pick(groups_);
  return r.pick(leaves_);
}

role generator::bearer_at(stream& r, stage s, const style& st) {
  if (st.contract && r.percent(80)) return role::employer;
  // Now and then a duty falls on unions, NGOs or employers' organisations, which not every
  // corridor has.
  if (r.percent(3)) {
    static constexpr std::array<role, 3> others{role::worker_organisation, role::civil_society,
                                                role::employer_organisation};
    return others[r.below(others.size())];
  }
  const auto x = r.below(100);
  switch (s) {
    case stage::pre_departure:
      return x < 45   ? role::origin_state
             : x < 80 ? role::recruitment_agency
             : x < 90 ? role::employer
                      : role::destination_state;
    case stage::transit:
      return x < 30 ? role::origin_state : x < 75 ? role::transit_state : role::destination_state;
    case stage::employment:
      return x < 45 ? role::employer : x < 90 ? role::destination_state : role::origin_state;
    case stage::return_home:
      return x < 50 ? role::origin_state : x < 75 ? role::destination_state : role::employer;
  }
  return role::destination_state;
}

std::string generator::designee(stream& r, role bearer, stage s, const instrument& in) {
  if (in.parties.empty()) return {};
  const std::string& origin = in.parties.front();
  const std::string& destination = in.parties.back();
  switch (bearer) {
    case role::origin_state:
    case role::recruitment_agency:
      if (in.parties.size() == 2 && s != stage::pre_departure && r.percent(50))
        return origin + ".EMB-" + destination;
      return origin + ".MOL";
    case role::destination_state:
    case role::employer:
      return destination + (r.percent(50) ? ".LI" : ".MOL");
    default:
      return {};
  }
}

provision generator::make_provision(stream& r, const instrument& in, std::size_t number,
                                    const style& st, std::optional<std::size_t> topic) {
  provision p;
  p.instrument = in.id;
  const std::string n = std::to_string(number);
  if (st.contract) {
    p.article = "Clause " + n;
    p.id = in.id + ":c" + n;
  } else if (st.chapters) {
    p.chapter = std::to_string((number - 1) / 6 + 1);
    p.id = in.id + ":ch-" + p.chapter + "-" + n;
  } else {
    p.article = n;
    p.id = in.id + ":" + n;
  }
  const bool restricts = st.restricts && r.percent(st.restricts);
  const topic_info& t = topics_[restricts ? r.pick(restrictable_)
                                : topic   ? *topic
                                          : pick_topic(r, st)];
  p.topics.push_back({t.id, restricts ? effect::restricts : effect::protects});
  if (!restricts && r.percent(15)) {
    const topic_info& other = topics_[pick_topic(r, st)];
    if (other.id != t.id) p.topics.push_back({other.id, effect::protects});
  }
  const stage s = any_stage(r, t.stages);
  p.stages = t.stages.size() > 1 && r.percent(15) ? t.stages : stage_set{s};
  // Short enough to be stored inside the string object: there are millions of summaries.
  p.summary = "synthetic " + n;

  const auto m = r.below(100);
  role first_bearer = role::worker;
  if (restricts) {
    // "The worker may change employer only with the first employer's consent."
    p.modality = m < 60 ? modality::obligation : modality::prohibition;
    first_bearer = m < 60 ? role::worker : role::employer;
    p.bearers = {first_bearer};
  } else {
    p.modality = m < 55   ? modality::obligation
                 : m < 80 ? modality::right
                 : m < 95 ? modality::prohibition
                          : modality::permission;
    const role b = first_bearer = bearer_at(r, s, st);
    p.bearers = {b};
    if (r.percent(12))
      p.bearers.insert(b == role::origin_state ? role::destination_state : role::origin_state);
  }
  const auto x = r.below(100);
  p.strength = x < st.shall               ? strength::shall
               : x < st.shall + st.should ? strength::should
                                          : strength::may;
  p.beneficiaries = {role::worker};
  if (r.percent(8)) p.beneficiaries.insert(role::worker_family);
  if (st.designates && r.percent(st.designates)) {
    auto who = designee(r, first_bearer, s, in);
    if (!who.empty()) p.designated.push_back(std::move(who));
  }
  p.scope = in.scope;
  if (st.sector_scoped && r.percent(st.sector_scoped)) {
    const auto& sector = sector_specs[r.below(sector_specs.size())].id;
    if (r.percent(70) && p.scope.sectors.empty())
      p.scope.sectors = {std::string(sector)};
    else if (p.scope.excluded_sectors.empty())
      p.scope.excluded_sectors = {std::string(sector)};
  }
  if (r.percent(st.all_workers)) p.scope.workers = worker_coverage::all;
  if (r.percent(st.qualified))
    p.qualifiers.push_back({qualifier_kinds[r.below(qualifier_kinds.size())], {}});
  if (r.percent(st.secondary)) {
    p.provenance.from = coded_from::secondary;
    p.provenance.passage = "synthetic";
    p.provenance.level = r.percent(60) ? confidence::medium : confidence::low;
  } else {
    p.provenance.from = coded_from::text;
    p.provenance.level = r.percent(85) ? confidence::high : confidence::medium;
  }
  p.provenance.source = coded_source_;
  return p;
}

void generator::fill(stream& r, instrument& in, std::size_t count, const style& st) {
  in.provisions.reserve(count);
  for (std::size_t k = 1; k <= count; ++k) in.provisions.push_back(make_provision(r, in, k, st));
}

std::string generator::unique_id(std::string id) {
  if (ids_.insert(id).second) return id;
  for (int k = 2;; ++k)
    if (ids_.insert(id + "-" + std::to_string(k)).second) return id + "-" + std::to_string(k);
}

instrument& generator::add(instrument in) {
  out_.instruments.push_back(std::move(in));
  return out_.instruments.back();
}

}  // namespace dutymap::synthetic_parts
