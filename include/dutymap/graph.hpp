#pragma once
/// The graph view of a corpus: who owes what to whom, in which instrument, about what, when.

#include <dutymap/detail/names.hpp>

#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/range/iterator_range.hpp>

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace dutymap {

class corpus;

/// What a vertex stands for.
enum class vertex_kind : std::uint8_t { actor, role, provision, instrument, topic, stage };

/// What an edge says.
enum class edge_kind : std::uint8_t {
  bears,       ///< actor or role -> provision: owes it
  owed_to,     ///< provision -> role: it is owed to the role
  in,          ///< provision -> instrument
  about,       ///< provision -> topic
  at,          ///< provision -> stage
  party_to,    ///< state -> instrument (parties, and states bound by ratification)
  supersedes,  ///< instrument -> instrument it revises
  annex_to,    ///< instrument -> instrument it is annexed to
  agency_of,   ///< body -> its state
  oversees,    ///< actor -> actor it licenses, inspects or supervises
  refers_to,   ///< actor -> actor it sends a worker's complaint to
  broader,     ///< topic -> its parent topic
};

template <>
struct enum_names<vertex_kind> {
  static constexpr std::string_view what = "vertex kind";
  static constexpr std::array<std::string_view, 6> values{"actor",      "role",  "provision",
                                                          "instrument", "topic", "stage"};
};
template <>
struct enum_names<edge_kind> {
  static constexpr std::string_view what = "edge kind";
  static constexpr std::array<std::string_view, 12> values{
      "bears",      "owed_to",  "in",        "about",    "at",        "party_to",
      "supersedes", "annex_to", "agency_of", "oversees", "refers_to", "broader"};
};

/// A vertex: the kind of item and its dense index in the corpus (for stages and roles, the enum
/// value).
struct vertex_info {
  vertex_kind kind = vertex_kind::actor;
  std::uint32_t index = 0;
};

/// An edge's kind.
struct edge_info {
  edge_kind kind = edge_kind::bears;
};

/// A read-only Boost.Graph view over a corpus, stored as a compressed sparse row graph (built once,
/// only read). Vertices are laid out by kind: actors, roles, provisions, instruments, topics,
/// stages. Thread-safe for concurrent reads. Lives as long as the corpus that built it.
class graph {
 public:
  using csr = boost::compressed_sparse_row_graph<boost::directedS, vertex_info, edge_info>;
  using vertex = csr::vertex_descriptor;

  /// Builds the view. Cost: linear in items and references.
  explicit graph(const corpus& c);

  /// The Boost.Graph graph, for use with Boost.Graph's algorithms.
  const csr& boost_graph() const { return g_; }

  std::size_t vertex_count() const { return boost::num_vertices(g_); }
  std::size_t edge_count() const { return boost::num_edges(g_); }
  /// Number of edges of one kind.
  std::size_t edge_count(edge_kind k) const { return edge_counts_[static_cast<std::size_t>(k)]; }

  /// The vertex of an item.
  vertex vertex_of(vertex_kind k, std::uint32_t index) const;
  const vertex_info& info(vertex v) const { return g_[v]; }
  /// The vertex's id: the item's id, or the role's or stage's name.
  std::string label(vertex v) const;

  /// Targets of the out-edges of `v` of one kind.
  std::vector<vertex> targets(vertex v, edge_kind k) const;

  /// Writes the graph in GraphML (vertex attributes `kind`, `label` and, for instruments, `text`;
  /// edge attribute `kind`).
  void write_graphml(std::ostream& out) const;
  /// Writes the graph in Graphviz DOT.
  void write_dot(std::ostream& out) const;

 private:
  const corpus* corpus_;
  std::uint32_t offsets_[7] = {};
  std::size_t edge_counts_[12] = {};
  csr g_;
};

}  // namespace dutymap
