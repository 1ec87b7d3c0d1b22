// Construction and export of the graph view.

#include <dutymap/corpus.hpp>
#include <dutymap/graph.hpp>

#include <boost/graph/graphml.hpp>
#include <boost/graph/graphviz.hpp>
#include <boost/property_map/dynamic_property_map.hpp>
#include <boost/property_map/function_property_map.hpp>

#include <ostream>

namespace dutymap {

graph::graph(const corpus& c) : corpus_(&c) {
  const auto& content = c.content();
  const std::size_t counts[6] = {content.actors.size(), enum_names<role>::values.size(),
                                 c.provision_count(),   content.instruments.size(),
                                 content.topics.size(), enum_names<stage>::values.size()};
  for (int k = 0; k < 6; ++k) offsets_[k + 1] = offsets_[k] + static_cast<std::uint32_t>(counts[k]);
  const std::uint32_t n = offsets_[6];

  std::vector<std::pair<std::uint32_t, std::uint32_t>> edges;
  std::vector<edge_info> kinds;
  auto add = [&](vertex_kind fk, std::uint32_t fi, vertex_kind tk, std::uint32_t ti, edge_kind e) {
    edges.emplace_back(offsets_[static_cast<int>(fk)] + fi, offsets_[static_cast<int>(tk)] + ti);
    kinds.push_back({e});
    ++edge_counts_[static_cast<std::size_t>(e)];
  };

  for (std::uint32_t p = 0; p < c.provision_count(); ++p) {
    const auto& pr = c.provision_at(p);
    for (role r : pr.bearers.values())
      add(vertex_kind::role, static_cast<std::uint32_t>(r), vertex_kind::provision, p,
          edge_kind::bears);
    for (const auto& a : pr.designated)
      add(vertex_kind::actor, *c.actor_index(a), vertex_kind::provision, p, edge_kind::bears);
    for (role r : pr.beneficiaries.values())
      add(vertex_kind::provision, p, vertex_kind::role, static_cast<std::uint32_t>(r),
          edge_kind::owed_to);
    add(vertex_kind::provision, p, vertex_kind::instrument, c.instrument_of(p), edge_kind::in);
    for (const auto& t : pr.topics)
      add(vertex_kind::provision, p, vertex_kind::topic, *c.topic_index(t.topic), edge_kind::about);
    for (stage s : pr.stages.values())
      add(vertex_kind::provision, p, vertex_kind::stage, static_cast<std::uint32_t>(s),
          edge_kind::at);
  }
  for (std::uint32_t i = 0; i < content.instruments.size(); ++i) {
    const auto& in = content.instruments[i];
    for (const auto& party : in.parties)
      add(vertex_kind::actor, *c.actor_index(party), vertex_kind::instrument, i,
          edge_kind::party_to);
    if (!in.supersedes.empty())
      add(vertex_kind::instrument, i, vertex_kind::instrument, *c.instrument_index(in.supersedes),
          edge_kind::supersedes);
    if (!in.annex_to.empty())
      add(vertex_kind::instrument, i, vertex_kind::instrument, *c.instrument_index(in.annex_to),
          edge_kind::annex_to);
  }
  for (const auto& r : content.ratifications)
    if (r.in_effect())
      add(vertex_kind::actor, *c.actor_index(r.state), vertex_kind::instrument,
          *c.instrument_index(r.instrument), edge_kind::party_to);
  for (std::uint32_t a = 0; a < content.actors.size(); ++a) {
    const auto& ac = content.actors[a];
    if (!ac.state.empty())
      add(vertex_kind::actor, a, vertex_kind::actor, *c.actor_index(ac.state),
          edge_kind::agency_of);
    for (const auto& o : ac.oversees) {
      if (!o.actor.empty()) {
        add(vertex_kind::actor, a, vertex_kind::actor, *c.actor_index(o.actor),
            edge_kind::oversees);
      } else if (o.target_role) {
        // Oversight of a role reaches every actor that can play it.
        for (std::uint32_t b = 0; b < content.actors.size(); ++b)
          if (b != a && content.actors[b].roles.contains(*o.target_role))
            add(vertex_kind::actor, a, vertex_kind::actor, b, edge_kind::oversees);
      }
    }
    for (const auto& r : ac.refers_to)
      add(vertex_kind::actor, a, vertex_kind::actor, *c.actor_index(r.actor), edge_kind::refers_to);
  }
  for (std::uint32_t t = 0; t < content.topics.size(); ++t)
    if (auto parent = c.topic_parent(t))
      add(vertex_kind::topic, t, vertex_kind::topic, *parent, edge_kind::broader);

  g_ = csr(boost::edges_are_unsorted_multi_pass, edges.begin(), edges.end(), kinds.begin(), n);
  for (int k = 0; k < 6; ++k)
    for (std::uint32_t v = offsets_[k]; v < offsets_[k + 1]; ++v)
      g_[v] = vertex_info{static_cast<vertex_kind>(k), v - offsets_[k]};
}

graph::vertex graph::vertex_of(vertex_kind k, std::uint32_t index) const {
  const auto base = offsets_[static_cast<int>(k)];
  if (base + index >= offsets_[static_cast<int>(k) + 1])
    throw std::out_of_range("no " + std::string(name_of(k)) + " vertex " + std::to_string(index));
  return base + index;
}

std::string graph::label(vertex v) const {
  const auto& vi = g_[v];
  const auto& content = corpus_->content();
  switch (vi.kind) {
    case vertex_kind::actor:
      return content.actors[vi.index].id;
    case vertex_kind::role:
      return std::string(name_of(static_cast<role>(vi.index)));
    case vertex_kind::provision:
      return corpus_->provision_at(vi.index).id;
    case vertex_kind::instrument:
      return content.instruments[vi.index].id;
    case vertex_kind::topic:
      return content.topics[vi.index].id;
    case vertex_kind::stage:
      return std::string(name_of(static_cast<stage>(vi.index)));
  }
  return {};
}

std::vector<graph::vertex> graph::targets(vertex v, edge_kind k) const {
  std::vector<vertex> out;
  for (auto e : boost::make_iterator_range(boost::out_edges(v, g_)))
    if (g_[e].kind == k) out.push_back(boost::target(e, g_));
  return out;
}

void graph::write_graphml(std::ostream& out) const {
  boost::dynamic_properties dp;
  dp.property("kind", boost::make_function_property_map<vertex, std::string>(
                          [this](vertex v) { return std::string(name_of(g_[v].kind)); }));
  dp.property("label", boost::make_function_property_map<vertex, std::string>(
                           [this](vertex v) { return label(v); }));
  // How much of an instrument's text was read, so that a reader of the export can tell an
  // instrument with no clause on a topic from one nobody has read (empty for other vertices).
  dp.property("text", boost::make_function_property_map<vertex, std::string>([this](vertex v) {
                return g_[v].kind == vertex_kind::instrument
                           ? std::string(name_of(corpus_->content().instruments[g_[v].index].text))
                           : std::string();
              }));
  using edge = csr::edge_descriptor;
  dp.property("kind", boost::make_function_property_map<edge, std::string>(
                          [this](edge e) { return std::string(name_of(g_[e].kind)); }));
  boost::write_graphml(out, g_, dp, true);
}

void graph::write_dot(std::ostream& out) const {
  boost::dynamic_properties dp;
  dp.property("node_id", boost::get(boost::vertex_index, g_));
  dp.property("label", boost::make_function_property_map<vertex, std::string>(
                           [this](vertex v) { return label(v); }));
  dp.property("kind", boost::make_function_property_map<vertex, std::string>(
                          [this](vertex v) { return std::string(name_of(g_[v].kind)); }));
  using edge = csr::edge_descriptor;
  dp.property("kind", boost::make_function_property_map<edge, std::string>(
                          [this](edge e) { return std::string(name_of(g_[e].kind)); }));
  boost::write_graphviz_dp(out, g_, dp, "node_id");
}

}  // namespace dutymap
