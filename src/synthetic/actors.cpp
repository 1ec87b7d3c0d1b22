// Synthetic actors: the states with their ministries, inspectorates, embassies, recruitment
// agencies, unions and NGOs, and the bodies that belong to no state.

#include "generator.hpp"

#include <algorithm>
#include <string>
#include <utility>

namespace dutymap::synthetic_parts {

void generator::make_actors() {
  auto& actors = out_.actors;
  auto body = [&](const std::string& state, const std::string& code, std::string name,
                  actor_kind kind) -> actor& {
    actor a;
    a.id = state + "." + code;
    a.name = std::move(name);
    a.kind = kind;
    a.state = state;
    a.source = source_;
    actors.push_back(std::move(a));
    return actors.back();
  };
  std::vector<std::vector<std::string>> embassies(states_.size());
  for (const auto& [o, d] : pairs_) embassies[o].push_back(states_[d].id);
  for (std::size_t s = 0; s < states_.size(); ++s) {
    stream r(o_.seed, part_actors, s);
    const state_info& st = states_[s];
    actor state;
    state.id = st.id;
    state.name = "Synthetic state " + st.id;
    state.kind = actor_kind::state;
    state.source = source_;
    actors.push_back(std::move(state));

    actor& mol = body(st.id, "MOL", "Ministry of Labour", actor_kind::ministry);
    if (st.sends()) mol.oversees.push_back({{}, role::recruitment_agency, "licensing", source_});
    if (st.receives()) mol.oversees.push_back({{}, role::employer, "work permits", source_});
    mol.refers_to.push_back({st.id + ".LI", {emp}, source_});
    mol.receives_complaints = st.sends() ? stage_set{pre, ret} : stage_set{emp};
    if (st.sends() && st.receives()) mol.receives_complaints = stage_set{pre, emp, ret};

    actor& li = body(st.id, "LI", "Labour Inspectorate", actor_kind::department);
    li.oversees.push_back({{}, role::employer, "inspection", source_});
    li.receives_complaints = {emp};

    actor& mofa = body(st.id, "MOFA", "Ministry of Foreign Affairs", actor_kind::ministry);
    for (std::size_t k = 0; k < embassies[s].size() && k < 3; ++k)
      mofa.oversees.push_back({st.id + ".EMB-" + embassies[s][k], {}, "consular", source_});
    for (const auto& d : embassies[s]) {
      actor& e =
          body(st.id, "EMB-" + d, "Embassy in " + d + " (labour attache)", actor_kind::agency);
      e.receives_complaints = {emp, ret};
      e.refers_to.push_back({st.id + ".MOL", {ret}, source_});
    }
    if (st.sends()) {
      const int agencies = r.between(1, 3);
      for (int k = 1; k <= agencies; ++k) {
        actor& a = body(st.id, "RA" + std::to_string(k), "Recruitment agency " + std::to_string(k),
                        actor_kind::agency);
        a.roles = {role::recruitment_agency};
      }
      if (r.percent(50)) {
        actor& a =
            body(st.id, "RAA", "Association of recruitment agencies", actor_kind::association);
        a.roles = {role::employer_organisation};
      }
      if (r.percent(40)) {
        actor& a = body(st.id, "MRC", "Migrant resource centre", actor_kind::service);
        a.receives_complaints = {pre, ret};
        a.refers_to.push_back({st.id + ".MOL", {pre, ret}, source_});
      }
    }
    if (st.receives()) {
      actor& a = body(st.id, "EF", "Employers' federation", actor_kind::association);
      a.roles = {role::employer_organisation};
    }
    if (r.percent(70)) {
      actor& a = body(st.id, "TU", "Trade union centre", actor_kind::union_);
      a.receives_complaints = {emp};
      a.refers_to.push_back({st.id + ".LI", {emp}, source_});
    }
    if (r.percent(50)) {
      actor& a = body(st.id, "NGO", "Migrant workers' support group", actor_kind::ngo);
      a.receives_complaints = stage_set::all();
      a.refers_to.push_back({st.id + ".MOL", {pre, ret}, source_});
    }
  }
  for (std::size_t g = 0; g < regions_n_; ++g) {
    actor a;
    a.id = "REG" + std::to_string(g + 1);
    a.name = "Synthetic regional body " + std::to_string(g + 1);
    a.kind = actor_kind::regional_body;
    a.roles = {role::regional_body};
    a.source = source_;
    actors.push_back(std::move(a));
  }
  for (const char* id : {"IO-LABOUR", "IO-MIGRATION"}) {
    actor a;
    a.id = id;
    a.name = std::string("Synthetic international organisation ") + (id + 3);
    a.kind = actor_kind::international_organisation;
    a.roles = {role::international_organisation};
    a.source = source_;
    actors.push_back(std::move(a));
  }
}

}  // namespace dutymap::synthetic_parts
