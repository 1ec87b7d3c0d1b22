#pragma once
// The data behind a corpus: its items, their id tables and its indexes, with the small helpers
// that the files building, checking and querying it share.

#include <dutymap/corpus.hpp>
#include <dutymap/graph.hpp>

#include "id_table.hpp"

#include <array>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace dutymap {

struct corpus::data {
  corpus_content content;
  std::unordered_map<std::string, index> instrument_ids, topic_ids, sector_ids, actor_ids,
      profile_ids, ratification_ids;
  detail::id_table provision_ids;  // over `provisions`
  std::vector<const provision*> provisions;
  std::vector<index> provision_instrument;
  std::vector<std::pair<index, index>> instrument_provisions;
  std::vector<std::vector<index>> by_stage, by_topic, by_role, by_designated,
      ratifications_by_actor, annexes, bodies;
  std::vector<std::optional<index>> topic_parents;
  std::vector<std::optional<index>> superseded_by;  // per instrument
  detail::bit_matrix provision_topics;

  // What a corridor's questions start from, so that they look only at what may apply there.
  std::vector<std::array<std::vector<index>, 4>> party_instruments;       // per actor, by level
  std::unordered_map<std::uint64_t, std::vector<index>> bilateral_pairs;  // by pair_key
  std::vector<index> universal, stateless;
  std::vector<std::uint8_t> provision_kind;     // the kind of each provision's instrument
  std::vector<std::uint32_t> draft_provisions;  // per instrument: provisions coded_from draft
  // Protections by cell (topic, stage) and by (state, cell): `offsets[k]` to `offsets[k + 1]`.
  std::vector<std::uint32_t> protection_offsets, party_offsets;
  std::vector<index> protections_by_kind, protections_by_precedence, party_protections;
  std::vector<index> state_rank;  // per actor: its rank among the states, or no_rank
  // Implementation records by provision: `practice_offsets[p]` to `practice_offsets[p + 1]`.
  std::vector<std::uint32_t> practice_offsets;
  std::vector<index> practice_by_provision;
  static constexpr index no_rank = static_cast<index>(-1);

  mutable std::once_flag graph_once;
  mutable std::unique_ptr<dutymap::graph> graph;

  // A corpus that differs from another only in its ratification records (a scenario's) shares
  // that corpus's items and indexes through `shared`; its own `content` then holds only the
  // records, and the whole content is put together on demand.
  std::shared_ptr<const data> shared;
  mutable std::once_flag content_once;
  mutable std::unique_ptr<const corpus_content> whole_content;
};

namespace corpus_parts {

inline std::string ratification_key(std::string_view state, std::string_view instrument) {
  return std::string(state) + "|" + std::string(instrument);
}

inline std::uint64_t pair_key(corpus::index a, corpus::index b) {
  if (a > b) std::swap(a, b);
  return (std::uint64_t{a} << 32) | b;
}

inline constexpr std::size_t stage_count = enum_names<stage>::values.size();

template <class Item>
std::vector<std::string> ids_of(const std::vector<Item>& items) {
  std::vector<std::string> out;
  out.reserve(items.size());
  for (const auto& i : items) out.push_back(i.id);
  return out;
}

// The id of a provision by its index, as `provision_ids` reads it.
inline auto id_of_provision(const corpus::data& d) {
  return [&d](corpus::index pi) -> std::string_view { return d.provisions[pi]->id; };
}
// Where a corpus's items and their indexes are: its own data, or the data it shares.
inline const corpus::data& items(const corpus::data& d) {
  return d.shared ? *d.shared : d;
}

}  // namespace corpus_parts
}  // namespace dutymap
