// The graph view: vertices and typed edges of a small corpus, and its exports.

#include "support.hpp"

#include <boost/graph/breadth_first_search.hpp>

#include <sstream>

using namespace dutymap;
using namespace dutymap::testing;

TEST_CASE("the graph has one vertex per item and the expected typed edges", "[graph]") {
  const auto& c = small();
  const auto& g = c.graph();
  // 6 actors + 12 roles + 6 provisions + 5 instruments + 8 topics + 4 stages
  CHECK(g.vertex_count() == 41);
  CHECK(g.edge_count(edge_kind::in) == 6);
  CHECK(g.edge_count(edge_kind::about) == 6);
  CHECK(g.edge_count(edge_kind::at) == 7);     // the MOU's article 1 is at two stages
  CHECK(g.edge_count(edge_kind::bears) == 8);  // 7 role bearers + 1 designated actor
  CHECK(g.edge_count(edge_kind::owed_to) == 6);
  CHECK(g.edge_count(edge_kind::party_to) ==
        9);  // 4 bilateral instruments x 2, and KHM bound by C189
  CHECK(g.edge_count(edge_kind::supersedes) == 1);
  CHECK(g.edge_count(edge_kind::annex_to) == 1);
  CHECK(g.edge_count(edge_kind::agency_of) == 3);
  CHECK(g.edge_count(edge_kind::oversees) == 1);
  CHECK(g.edge_count(edge_kind::refers_to) == 1);
  CHECK(g.edge_count(edge_kind::broader) == 4);

  const auto rev = g.vertex_of(vertex_kind::instrument, *c.instrument_index("mou-khm-tha-2015"));
  const auto targets = g.targets(rev, edge_kind::supersedes);
  REQUIRE(targets.size() == 1);
  CHECK(g.label(targets[0]) == "mou-khm-tha-2003");
  CHECK(g.info(targets[0]).kind == vertex_kind::instrument);

  const auto molvt = g.vertex_of(vertex_kind::actor, *c.actor_index("KHM.MOLVT"));
  const auto referred = g.targets(molvt, edge_kind::refers_to);
  REQUIRE(referred.size() == 1);
  CHECK(g.label(referred[0]) == "KHM.MOI");
  CHECK_THROWS_AS(g.vertex_of(vertex_kind::stage, 4), std::out_of_range);
}

TEST_CASE("Boost.Graph algorithms run on the view", "[graph]") {
  const auto& c = small();
  const auto& g = c.graph();
  const auto& bg = g.boost_graph();
  std::vector<boost::default_color_type> colours(boost::num_vertices(bg));
  const auto start = g.vertex_of(vertex_kind::role, static_cast<std::uint32_t>(role::employer));
  boost::breadth_first_search(bg, start,
                              boost::color_map(boost::make_iterator_property_map(
                                  colours.begin(), boost::get(boost::vertex_index, bg))));
  // From the employer role, the rest-day clause, its contract and the contract's MOU are reachable.
  auto reached = [&](vertex_kind k, std::uint32_t i) {
    return colours[g.vertex_of(k, i)] != boost::white_color;
  };
  CHECK(
      reached(vertex_kind::provision, *c.provision_index("mou-khm-mys-2015-dw-contract:rest-day")));
  CHECK(reached(vertex_kind::instrument, *c.instrument_index("mou-khm-mys-2015-dw")));
  CHECK_FALSE(reached(vertex_kind::instrument, *c.instrument_index("ilo-c189")));
}

TEST_CASE("the graph exports to GraphML and DOT", "[graph]") {
  const auto& g = small().graph();
  std::ostringstream ml, dot;
  g.write_graphml(ml);
  g.write_dot(dot);
  CHECK_THAT(ml.str(), Catch::Matchers::Contains("<graphml"));
  CHECK_THAT(ml.str(), Catch::Matchers::Contains("mou-khm-tha-2003"));
  CHECK_THAT(ml.str(), Catch::Matchers::Contains(">supersedes<"));
  CHECK_THAT(dot.str(), Catch::Matchers::StartsWith("digraph"));
  CHECK_THAT(dot.str(), Catch::Matchers::Contains("supersedes"));
}
