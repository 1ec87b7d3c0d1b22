// Accountability queries over the actors of a corridor.

#include "corridor_context.hpp"

#include <dutymap/accountability.hpp>
#include <dutymap/detail/nearest.hpp>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/betweenness_centrality.hpp>

#include <algorithm>
#include <deque>
#include <map>
#include <set>
#include <stdexcept>

namespace dutymap {

using index = corpus::index;

namespace {

// The actors of a corridor: its states, their bodies, and stateless organisations.
std::vector<index> corridor_actors(const detail::corridor_context& cx) {
  std::vector<index> out;
  const auto& actors = cx.c.actors();
  for (index a = 0; a < actors.size(); ++a) {
    const auto& ac = actors[a];
    const std::string& state = ac.kind == actor_kind::state ? ac.id : ac.state;
    const bool ours = state == cx.where.origin || state == cx.where.destination ||
                      std::find(cx.where.transit.begin(), cx.where.transit.end(), state) !=
                          cx.where.transit.end();
    if (ours || (state.empty() && !cx.roles_of(a).empty())) out.push_back(a);
  }
  return out;
}

index require_actor(const corpus& c, std::string_view id) {
  if (auto a = c.actor_index(id)) return *a;
  std::vector<std::string> ids;
  for (const auto& x : c.actors()) ids.push_back(x.id);
  throw std::invalid_argument("unknown actor `" + std::string(id) + "`" +
                              detail::did_you_mean(id, ids));
}

std::vector<std::string> topic_ids(const provision& p) {
  std::vector<std::string> out;
  for (const auto& t : p.topics) out.push_back(t.topic);
  return out;
}

}  // namespace

std::vector<obligation> obligations_of(const corpus& c, std::string_view actor_id,
                                       const corridor& where) {
  const index a = require_actor(c, actor_id);
  detail::corridor_context cx(c, where, nullptr);
  const role_set roles = cx.roles_of(a);
  std::vector<obligation> out;
  std::set<index> seen;
  auto take = [&](index pi, role as, bool designated) {
    if (!seen.insert(pi).second) return;
    if (cx.applies(pi, as) != exclusion::counts) return;
    const provision& p = c.provision_at(pi);
    out.push_back({cx.cite(pi), as, designated, p.stages, topic_ids(p)});
  };
  for (index pi : c.provisions_designating(a)) {
    const auto& bearers = c.provision_at(pi).bearers;
    role as = bearers.empty() ? role::origin_state : bearers.values().front();
    for (role r : roles.values())
      if (bearers.contains(r)) as = r;
    take(pi, as, true);
  }
  // Only the instruments that can apply in the corridor can bind the actor (as in a gap report):
  // their provisions are read, not the corpus's, in the same ascending order.
  const auto universe = cx.instruments_that_may_apply();
  for (role r : roles.values())
    for (index ii : universe) {
      const auto [first, last] = c.provisions_of(ii);
      for (index pi = first; pi < last; ++pi)
        if (c.provision_at(pi).bearers.contains(r)) take(pi, r, false);
    }
  std::stable_sort(out.begin(), out.end(), [](const obligation& x, const obligation& y) {
    const auto fx = x.stages.values(), fy = y.stages.values();
    const int sx = fx.empty() ? 4 : static_cast<int>(fx.front()),
              sy = fy.empty() ? 4 : static_cast<int>(fy.front());
    return std::tie(sx, x.provision.instrument) < std::tie(sy, y.provision.instrument);
  });
  return out;
}

std::vector<responsibility> responsible(const corpus& c, std::string_view topic, stage s,
                                        const corridor& where) {
  const auto ti = c.topic_index(topic);
  if (!ti) c.get_topic(topic);  // throws with the nearest id
  detail::corridor_context cx(c, where, nullptr);
  const auto actors = corridor_actors(cx);
  std::vector<responsibility> out;
  for (index pi : c.provisions_about_tree(*ti)) {
    const provision& p = c.provision_at(pi);
    if (!p.stages.contains(s)) continue;
    bool protects = false;
    for (const auto& te : p.topics)
      if (te.effect == effect::protects &&
          (te.topic == topic || te.topic.rfind(std::string(topic) + ".", 0) == 0))
        protects = true;
    if (!protects) continue;
    for (role r : p.bearers.values()) {
      if (cx.applies(pi, r) != exclusion::counts) continue;
      bool named = false;
      for (const auto& d : p.designated) {
        const index da = *c.actor_index(d);
        if (cx.roles_of(da).contains(r) ||
            std::find(actors.begin(), actors.end(), da) != actors.end()) {
          out.push_back({d, r, cx.cite(pi)});
          named = true;
        }
      }
      if (named) continue;
      if (cx.actors_of(r).empty())
        out.push_back({"(any " + std::string(name_of(r)) + ")", r, cx.cite(pi)});
      for (const auto& id : cx.actors_of(r)) out.push_back({id, r, cx.cite(pi)});
    }
  }
  return out;
}

std::vector<structural_gap> structural_gaps(const corpus& c, const corridor& where) {
  detail::corridor_context cx(c, where, nullptr);
  const auto actors = corridor_actors(cx);
  // Roles that some actor of the corridor oversees.
  role_set overseen;
  for (index a : actors)
    for (const auto& o : c.actors()[a].oversees) {
      if (o.target_role)
        overseen.insert(*o.target_role);
      else if (auto t = c.actor_index(o.actor))
        overseen = overseen | cx.roles_of(*t);
    }
  std::vector<structural_gap> out;
  for (index pi = 0; pi < c.provision_count(); ++pi) {
    if (cx.applies(pi) != exclusion::counts) continue;
    const provision& p = c.provision_at(pi);
    for (role r : p.bearers.values()) {
      if (!cx.played(r)) {
        out.push_back({structural_kind::no_bearer, r, cx.cite(pi),
                       "no actor in this corridor plays " + std::string(name_of(r)) +
                           ", so nobody in particular owes it"});
      } else if (is_state_role(r)) {
        const bool named = std::any_of(
            p.designated.begin(), p.designated.end(),
            [&](const std::string& d) { return cx.roles_of(*c.actor_index(d)).contains(r); });
        if (!named)
          out.push_back({structural_kind::no_designated_body, r, cx.cite(pi),
                         "the " + std::string(name_of(r)) +
                             " owes it, but no ministry or agency is named to carry it out"});
      } else if ((r == role::recruitment_agency || r == role::employer) && !overseen.contains(r)) {
        out.push_back({structural_kind::no_oversight, r, cx.cite(pi),
                       "borne by the " + std::string(name_of(r)) +
                           ", which no actor of this corridor is recorded as overseeing"});
      }
    }
  }
  return out;
}

remedy_report remedy_paths(const corpus& c, const corridor& where) {
  detail::corridor_context cx(c, where, nullptr);
  const auto actors = corridor_actors(cx);
  const std::set<index> in_corridor(actors.begin(), actors.end());
  remedy_report rep;
  for (stage s : stage_set::all().values()) {
    bool any = false;
    for (index start : actors) {
      // Breadth-first over referrals valid at this stage, remembering how each actor was reached.
      std::map<index, index> parent{{start, start}};
      std::deque<index> queue{start};
      while (!queue.empty()) {
        const index a = queue.front();
        queue.pop_front();
        const auto& ac = c.actors()[a];
        if (ac.receives_complaints.contains(s)) {
          std::vector<std::string> path;
          for (index x = a;; x = parent[x]) {
            path.push_back(c.actors()[x].id);
            if (x == start) break;
          }
          std::reverse(path.begin(), path.end());
          // A path through referrals, or an actor that takes complaints itself.
          rep.paths.push_back({s, std::move(path)});
          any = true;
          if (a != start) continue;
        }
        for (const auto& r : ac.refers_to) {
          if (!r.stages.empty() && !r.stages.contains(s)) continue;
          const auto t = c.actor_index(r.actor);
          if (!t || !in_corridor.count(*t) || parent.count(*t)) continue;
          parent[*t] = a;
          queue.push_back(*t);
        }
      }
    }
    if (!any) rep.stages_without_remedy.push_back(s);
  }
  // A referral path that merely extends a direct one adds nothing: keep each (stage, path) once.
  std::sort(rep.paths.begin(), rep.paths.end(), [](const remedy_path& a, const remedy_path& b) {
    return std::tie(a.stage, a.actors) < std::tie(b.stage, b.actors);
  });
  rep.paths.erase(std::unique(rep.paths.begin(), rep.paths.end(),
                              [](const remedy_path& a, const remedy_path& b) {
                                return a.stage == b.stage && a.actors == b.actors;
                              }),
                  rep.paths.end());
  return rep;
}

std::vector<actor_load> responsibility_load(const corpus& c, const corridor& where) {
  detail::corridor_context cx(c, where, nullptr);
  const auto actors = corridor_actors(cx);
  // A small undirected graph of the corridor: actors, the obligations they bear, and the
  // oversight, referral and membership links between actors.
  using ugraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;
  std::map<index, std::size_t> vertex_of_actor;
  for (index a : actors) vertex_of_actor.emplace(a, vertex_of_actor.size());
  ugraph g(vertex_of_actor.size());
  std::vector<actor_load> out;
  std::map<index, std::size_t> vertex_of_provision;
  for (index a : actors) {
    actor_load load;
    load.actor = c.actors()[a].id;
    const auto& ac0 = c.actors()[a];
    for (const auto& ob : obligations_of(c, load.actor, where)) {
      // A ministry or agency carries the obligations that name it or its own roles; the state
      // carries the rest, so that the load shows where duties were actually placed.
      if (ac0.kind != actor_kind::state && !ob.designated && !ac0.roles.contains(ob.as)) continue;
      for (stage s : ob.stages.values()) ++load.by_stage[static_cast<int>(s)];
      ++load.total;
      const index pi = *c.provision_index(ob.provision.provision);
      auto [it, fresh] = vertex_of_provision.emplace(pi, boost::num_vertices(g));
      if (fresh) boost::add_vertex(g);
      boost::add_edge(vertex_of_actor[a], it->second, g);
    }
    const auto& ac = c.actors()[a];
    auto link = [&](const std::string& id) {
      if (auto t = c.actor_index(id); t && vertex_of_actor.count(*t))
        boost::add_edge(vertex_of_actor[a], vertex_of_actor[*t], g);
    };
    if (!ac.state.empty()) link(ac.state);
    for (const auto& o : ac.oversees) link(o.actor);
    for (const auto& r : ac.refers_to) link(r.actor);
    out.push_back(std::move(load));
  }
  std::vector<double> centrality(boost::num_vertices(g), 0.0);
  boost::brandes_betweenness_centrality(
      g, boost::centrality_map(boost::make_iterator_property_map(
             centrality.begin(), boost::get(boost::vertex_index, g))));
  const double n = static_cast<double>(boost::num_vertices(g));
  const double scale = n > 2 ? 2.0 / ((n - 1) * (n - 2)) : 1.0;  // normalised, undirected
  for (std::size_t i = 0; i < out.size(); ++i)
    out[i].centrality = centrality[vertex_of_actor[actors[i]]] * scale;
  std::stable_sort(out.begin(), out.end(), [](const actor_load& a, const actor_load& b) {
    return std::tie(b.centrality, b.total) < std::tie(a.centrality, a.total);
  });
  return out;
}

}  // namespace dutymap
