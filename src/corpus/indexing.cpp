// Construction of a corpus's indexes, once its content has been checked.

#include "indexing.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <optional>
#include <span>
#include <stdexcept>

namespace dutymap::corpus_parts {

using index = corpus::index;

namespace {

constexpr std::size_t kind_count = enum_names<instrument_kind>::values.size();

// Lists of indexes grouped by a dense key, filled in two passes (count, then place) so that each
// list keeps the order in which its items were offered.
class grouped_lists {
 public:
  explicit grouped_lists(std::size_t keys) : offsets_(keys + 1, 0) {}
  void count(std::size_t key) { ++offsets_[key + 1]; }
  void start_filling() {
    for (std::size_t k = 1; k < offsets_.size(); ++k) {
      if (offsets_[k] > std::numeric_limits<std::uint32_t>::max() - offsets_[k - 1])
        throw std::length_error("corpus too large for its protection indexes");
      offsets_[k] += offsets_[k - 1];
    }
    values_.resize(offsets_.back());
    next_.assign(offsets_.begin(), offsets_.end() - 1);
  }
  void place(std::size_t key, index value) { values_[next_[key]++] = value; }
  std::vector<std::uint32_t> take_offsets() { return std::move(offsets_); }
  std::vector<index> take_values() { return std::move(values_); }

 private:
  std::vector<std::uint32_t> offsets_, next_;
  std::vector<index> values_;
};

void build_corridor_indexes(corpus::data& d, const std::vector<std::uint32_t>& protected_offsets,
                            const std::vector<index>& protected_topics) {
  const corpus_content& c = d.content;
  // Instruments by party, by pair of parties, and those that apply everywhere.
  d.party_instruments.assign(c.actors.size(), {});
  d.state_rank.assign(c.actors.size(), corpus::data::no_rank);
  index states = 0;
  for (index ai = 0; ai < c.actors.size(); ++ai)
    if (c.actors[ai].kind == actor_kind::state)
      d.state_rank[ai] = states++;
    else if (c.actors[ai].state.empty())
      d.stateless.push_back(ai);
  std::vector<std::vector<index>> party_ranks(c.instruments.size());
  for (index ii = 0; ii < c.instruments.size(); ++ii) {
    const auto& in = c.instruments[ii];
    for (const auto& party : in.parties) {
      const index ai = d.actor_ids.at(party);
      d.party_instruments[ai][static_cast<std::size_t>(in.level)].push_back(ii);
      // What a state agreed with others or in its region (conventions bind by ratification).
      if (!is_ratifiable(in.kind) && in.level != level::global)
        party_ranks[ii].push_back(d.state_rank[ai]);
    }
    if (in.level == level::bilateral && in.parties.size() == 2)
      d.bilateral_pairs[pair_key(d.actor_ids.at(in.parties[0]), d.actor_ids.at(in.parties[1]))]
          .push_back(ii);
    if (in.level == level::global && !is_ratifiable(in.kind)) d.universal.push_back(ii);
  }

  // The cells (topic, stage) a provision protects in: each ancestor of each topic it protects on,
  // at each of its stages.
  const std::size_t cells = c.topics.size() * stage_count;
  std::vector<std::uint32_t> cell_offsets{0};
  std::vector<std::uint32_t> cell_values;
  cell_offsets.reserve(d.provisions.size() + 1);
  for (index pi = 0; pi < d.provisions.size(); ++pi) {
    const auto first = cell_values.size();
    const auto stages = d.provisions[pi]->stages.values();
    for (auto k = protected_offsets[pi]; k < protected_offsets[pi + 1]; ++k)
      for (std::optional<index> t = protected_topics[k]; t; t = d.topic_parents[*t])
        for (stage s : stages)
          cell_values.push_back(
              static_cast<std::uint32_t>(*t * stage_count + static_cast<std::size_t>(s)));
    std::sort(cell_values.begin() + static_cast<long>(first), cell_values.end());
    cell_values.erase(
        std::unique(cell_values.begin() + static_cast<long>(first), cell_values.end()),
        cell_values.end());
    cell_offsets.push_back(static_cast<std::uint32_t>(cell_values.size()));
  }
  auto cells_of = [&](index pi) {
    return std::span<const std::uint32_t>(cell_values.data() + cell_offsets[pi],
                                          cell_offsets[pi + 1] - cell_offsets[pi]);
  };

  // Provisions grouped by kind, ascending within each kind: the order of the kind-grouped lists.
  std::vector<index> by_kind;
  by_kind.reserve(d.provisions.size());
  {
    std::array<std::vector<index>, kind_count> instruments_of_kind;
    for (index ii = 0; ii < c.instruments.size(); ++ii)
      instruments_of_kind[static_cast<std::size_t>(c.instruments[ii].kind)].push_back(ii);
    for (const auto& list : instruments_of_kind)
      for (index ii : list)
        for (index pi = d.instrument_provisions[ii].first; pi < d.instrument_provisions[ii].second;
             ++pi)
          by_kind.push_back(pi);
  }
  // Provisions in precedent order (see `protections_by_precedence`).
  std::vector<std::pair<std::uint64_t, index>> ranked;
  ranked.reserve(d.provisions.size());
  for (index pi = 0; pi < d.provisions.size(); ++pi) {
    if (cell_offsets[pi] == cell_offsets[pi + 1]) continue;
    const provision& p = *d.provisions[pi];
    const auto& in = c.instruments[d.provision_instrument[pi]];
    const std::uint64_t tier =
        in.kind == instrument_kind::recommendation || in.kind == instrument_kind::guidelines ? 2
        : in.binding                                                                         ? 0
                                                                                             : 1;
    const std::uint64_t qualifiers =
        std::min<std::uint64_t>(p.qualifiers.size(), std::numeric_limits<std::uint32_t>::max());
    ranked.emplace_back((tier << 56) |
                            ((255 - std::uint64_t{static_cast<std::uint8_t>(p.strength)}) << 48) |
                            (qualifiers << 8) |
                            (255 - std::uint64_t{static_cast<std::uint8_t>(p.provenance.level)}),
                        pi);
  }
  std::sort(ranked.begin(), ranked.end());

  grouped_lists kinds(cells), precedence(cells), party(std::size_t{states} * cells);
  for (index pi : by_kind)
    for (auto cell : cells_of(pi)) {
      kinds.count(cell);
      precedence.count(cell);
      for (index r : party_ranks[d.provision_instrument[pi]]) party.count(r * cells + cell);
    }
  kinds.start_filling();
  precedence.start_filling();
  party.start_filling();
  for (index pi : by_kind)
    for (auto cell : cells_of(pi)) {
      kinds.place(cell, pi);
      for (index r : party_ranks[d.provision_instrument[pi]]) party.place(r * cells + cell, pi);
    }
  for (const auto& [key, pi] : ranked)
    for (auto cell : cells_of(pi)) precedence.place(cell, pi);
  d.protection_offsets = kinds.take_offsets();
  d.protections_by_kind = kinds.take_values();
  d.protections_by_precedence = precedence.take_values();
  d.party_offsets = party.take_offsets();
  d.party_protections = party.take_values();
}

// Implementation records by provision, in the records' own order (by period, then actor). A corpus
// without records keeps no offsets, so that a large one pays nothing for them.
void index_practice(corpus::data& d) {
  const auto& records = d.content.practice;
  if (records.empty()) return;
  std::vector<index> owner(records.size());
  d.practice_offsets.assign(d.provisions.size() + 1, 0);
  for (index ri = 0; ri < records.size(); ++ri) {
    owner[ri] = *d.provision_ids.find(records[ri].provision, id_of_provision(d));
    ++d.practice_offsets[owner[ri] + 1];
  }
  for (std::size_t p = 0; p < d.provisions.size(); ++p)
    d.practice_offsets[p + 1] += d.practice_offsets[p];
  d.practice_by_provision.resize(records.size());
  auto next = d.practice_offsets;
  for (index ri = 0; ri < records.size(); ++ri) d.practice_by_provision[next[owner[ri]]++] = ri;
}

}  // namespace

void index_ratifications(corpus::data& d) {
  const corpus::data& it = d.shared ? *d.shared : d;
  d.ratifications_by_actor.assign(it.content.actors.size(), {});
  const auto& records = d.content.ratifications;
  for (index ri = 0; ri < records.size(); ++ri)
    d.ratifications_by_actor[it.actor_ids.at(records[ri].state)].push_back(ri);
}

void build_indexes(corpus::data& d) {
  const corpus_content& c = d.content;
  d.by_stage.assign(enum_names<stage>::values.size(), {});
  d.by_role.assign(enum_names<role>::values.size(), {});
  d.by_topic.assign(c.topics.size(), {});
  d.by_designated.assign(c.actors.size(), {});
  d.annexes.assign(c.instruments.size(), {});
  d.bodies.assign(c.actors.size(), {});
  std::size_t total = 0;
  for (const auto& in : c.instruments) total += in.provisions.size();
  d.provision_topics = detail::bit_matrix(total, c.topics.size());
  d.provision_instrument.reserve(total);
  d.provision_kind.reserve(total);
  d.draft_provisions.assign(c.instruments.size(), 0);
  // The topics each provision protects the worker on, for the protection indexes below.
  std::vector<std::uint32_t> protected_offsets{0};
  std::vector<index> protected_topics;
  protected_offsets.reserve(total + 1);
  for (index ii = 0; ii < c.instruments.size(); ++ii) {
    const auto& in = c.instruments[ii];
    const auto first = static_cast<index>(d.provision_instrument.size());
    for (const auto& p : in.provisions) {
      const auto pi = static_cast<index>(d.provision_instrument.size());
      d.provision_instrument.push_back(ii);
      d.provision_kind.push_back(static_cast<std::uint8_t>(in.kind));
      if (p.provenance.from == coded_from::draft) ++d.draft_provisions[ii];
      for (stage s : p.stages.values()) d.by_stage[static_cast<std::size_t>(s)].push_back(pi);
      for (role r : p.bearers.values()) d.by_role[static_cast<std::size_t>(r)].push_back(pi);
      for (const auto& t : p.topics) {
        const index ti = d.topic_ids.at(t.topic);
        d.provision_topics.set(pi, ti);
        auto& list = d.by_topic[ti];
        if (list.empty() || list.back() != pi) list.push_back(pi);
        if (t.effect == effect::protects) protected_topics.push_back(ti);
      }
      protected_offsets.push_back(static_cast<std::uint32_t>(protected_topics.size()));
      for (const auto& a : p.designated) {
        auto& list = d.by_designated[d.actor_ids.at(a)];
        if (list.empty() || list.back() != pi) list.push_back(pi);
      }
    }
    d.instrument_provisions.emplace_back(first, static_cast<index>(d.provision_instrument.size()));
    if (!in.annex_to.empty()) d.annexes[d.instrument_ids.at(in.annex_to)].push_back(ii);
  }
  d.superseded_by.assign(c.instruments.size(), std::nullopt);
  for (index ii = 0; ii < c.instruments.size(); ++ii)
    if (!c.instruments[ii].supersedes.empty())
      d.superseded_by[d.instrument_ids.at(c.instruments[ii].supersedes)] = ii;
  d.topic_parents.assign(c.topics.size(), std::nullopt);
  for (index ti = 0; ti < c.topics.size(); ++ti) {
    const auto parent = c.topics[ti].parent();
    if (!parent.empty()) d.topic_parents[ti] = d.topic_ids.at(std::string(parent));
  }
  index_ratifications(d);
  index_practice(d);
  for (index ai = 0; ai < c.actors.size(); ++ai)
    if (!c.actors[ai].state.empty()) d.bodies[d.actor_ids.at(c.actors[ai].state)].push_back(ai);
  build_corridor_indexes(d, protected_offsets, protected_topics);
}

}  // namespace dutymap::corpus_parts
