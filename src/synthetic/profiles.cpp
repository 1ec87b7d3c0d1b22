// Synthetic reference profiles: the norms a standard expects, topic by topic and stage by stage.

#include "generator.hpp"

#include <algorithm>
#include <set>
#include <string>
#include <utility>

namespace dutymap::synthetic_parts {

void generator::make_profiles() {
  stream r(o_.seed, part_profiles);
  auto bearer_for = [&](stage s) {
    switch (s) {
      case stage::pre_departure:
        return r.percent(60) ? role::origin_state : role::recruitment_agency;
      case stage::transit:
        return r.percent(70) ? role::origin_state : role::transit_state;
      case stage::employment:
        return r.percent(50) ? role::destination_state : role::employer;
      case stage::return_home:
        return r.percent(70) ? role::origin_state : role::destination_state;
    }
    return role::destination_state;
  };
  auto make = [&](std::string id, std::string title, std::vector<instrument_kind> accepts) {
    profile p;
    p.id = std::move(id);
    p.title = std::move(title);
    p.source = source_;
    p.accepts = std::move(accepts);
    return p;
  };
  std::set<std::pair<std::size_t, int>> seen;
  auto add_norm = [&](profile& p, std::size_t t, stage s, role bearer, strength min) {
    if (!seen.insert({t, static_cast<int>(s)}).second) return;
    p.norms.push_back({topics_[t].id, s, bearer, min, source_, {}});
  };
  auto finish = [&](profile p) {
    seen.clear();
    if (!p.norms.empty()) out_.profiles.push_back(std::move(p));
  };

  // The core standard: every group at every stage it matters, and some precise topics.
  profile core = make("syn-core", "Synthetic core standard", {});
  for (std::size_t g : groups_)
    for (stage s : topics_[g].stages.values()) add_norm(core, g, s, bearer_for(s), strength::shall);
  for (int k = 0; k < 20; ++k) {
    const std::size_t t = r.pick(leaves_);
    const stage s = any_stage(r, topics_[t].stages);
    add_norm(core, t, s, bearer_for(s), strength::shall);
  }
  finish(std::move(core));

  // What bilateral agreements and their contracts alone must contain.
  profile bilateral =
      make("syn-bilateral-minimum", "Synthetic minimum content of bilateral agreements",
           {instrument_kind::bilateral_agreement, instrument_kind::mou,
            instrument_kind::standard_contract});
  for (int k = 0; k < 30; ++k) {
    const std::size_t t = r.percent(80) ? r.pick(common_) : r.pick(leaves_);
    const stage s = any_stage(r, topics_[t].stages);
    // One draw per statement: the order in which arguments are evaluated is unspecified.
    const role bearer = s == emp ? role::employer : bearer_for(s);
    const strength min = r.percent(70) ? strength::shall : strength::should;
    add_norm(bilateral, t, s, bearer, min);
  }
  finish(std::move(bilateral));

  // One standard per stage.
  struct stage_profile {
    const char* id;
    const char* title;
    stage s;
    int norms;
  };
  for (const auto& sp :
       {stage_profile{"syn-recruitment", "Synthetic fair recruitment", pre, 20},
        stage_profile{"syn-transit", "Synthetic safe transit", tra, 10},
        stage_profile{"syn-employment", "Synthetic decent work", emp, 25},
        stage_profile{"syn-return", "Synthetic return and reintegration", ret, 15}}) {
    profile p = make(sp.id, sp.title, {});
    const auto& pool = leaves_by_stage_[static_cast<int>(sp.s)];
    for (int k = 0; k < sp.norms && !pool.empty(); ++k) {
      const std::size_t t = r.pick(pool);
      const role bearer = bearer_for(sp.s);
      const strength min = r.percent(80) ? strength::shall : strength::should;
      add_norm(p, t, sp.s, bearer, min);
    }
    finish(std::move(p));
  }
}

}  // namespace dutymap::synthetic_parts
