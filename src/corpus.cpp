// Validation of corpus content and construction of its indexes.

#include <dutymap/corpus.hpp>
#include <dutymap/detail/nearest.hpp>
#include <dutymap/graph.hpp>

#include "id_table.hpp"

#include <algorithm>
#include <array>
#include <functional>
#include <limits>
#include <mutex>
#include <optional>
#include <set>
#include <stdexcept>
#include <unordered_map>

namespace dutymap {

using index = corpus::index;

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
  std::vector<std::uint8_t> provision_kind;  // the kind of each provision's instrument
  // Protections by cell (topic, stage) and by (state, cell): `offsets[k]` to `offsets[k + 1]`.
  std::vector<std::uint32_t> protection_offsets, party_offsets;
  std::vector<index> protections_by_kind, protections_by_precedence, party_protections;
  std::vector<index> state_rank;  // per actor: its rank among the states, or no_rank
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

namespace {

std::string ratification_key(std::string_view state, std::string_view instrument) {
  return std::string(state) + "|" + std::string(instrument);
}

std::uint64_t pair_key(index a, index b) {
  if (a > b) std::swap(a, b);
  return (std::uint64_t{a} << 32) | b;
}

constexpr std::size_t stage_count = enum_names<stage>::values.size();
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

template <class Item>
std::vector<std::string> ids_of(const std::vector<Item>& items) {
  std::vector<std::string> out;
  out.reserve(items.size());
  for (const auto& i : items) out.push_back(i.id);
  return out;
}

// The ids of a list of items, listed on first use.
class lazy_ids {
 public:
  template <class Item>
  explicit lazy_ids(const std::vector<Item>& items) : list_([&items] { return ids_of(items); }) {}
  const std::vector<std::string>& operator()() const {
    if (!ids_) ids_ = list_();
    return *ids_;
  }

 private:
  std::function<std::vector<std::string>()> list_;
  mutable std::optional<std::vector<std::string>> ids_;
};

// Collects problems, each located through the source map.
class checker {
 public:
  checker(const corpus_content& c, const detail::source_map* where) : c_(c), where_(where) {}

  void add(std::initializer_list<std::string> keys, std::string message) {
    if (where_ && where_->failed(*keys.begin())) {
      suppressed_ = true;  // already reported while reading; the corpus is still not valid
      return;
    }
    detail::source_location loc{"<memory>", 0, 0};
    if (where_) loc = where_->find(keys);
    problems_.push_back(detail::make_problem(loc, std::move(message)));
  }
  std::vector<problem> take() {
    std::stable_sort(problems_.begin(), problems_.end(), [](const problem& a, const problem& b) {
      return std::tie(a.file, a.line, a.column) < std::tie(b.file, b.line, b.column);
    });
    return std::move(problems_);
  }
  const corpus_content& content() const { return c_; }
  bool suppressed() const { return suppressed_; }

 private:
  bool suppressed_ = false;
  const corpus_content& c_;
  const detail::source_map* where_;
  std::vector<problem> problems_;
};

template <class Item>
void check_ids(checker& ck, const std::string& kind, const std::vector<Item>& items,
               std::unordered_map<std::string, index>& out) {
  out.reserve(items.size());
  for (index i = 0; i < items.size(); ++i) {
    const std::string& id = items[i].id;
    if (!id.empty() &&
        id.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-") ==
            std::string::npos &&
        out.emplace(id, i).second)
      continue;  // the usual case: no message, no key to write
    const std::string item = kind + "/" + id;
    if (id.empty()) {
      ck.add({item}, kind + " without an `id`");
      continue;
    }
    if (id.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-") !=
        std::string::npos) {
      ck.add({item + "/id", item},
             kind + " id `" + id + "` may hold only letters, digits, `.`, `_` and `-`");
    }
    if (!out.emplace(id, i).second)
      ck.add({item + "#" + std::to_string(i), item}, "duplicate " + kind + " id `" + id +
                                                         "` (already defined; use `replaces: true` "
                                                         "in a later layer to replace it)");
  }
}

}  // namespace

namespace {

// Whether `value` is empty or one of the `ids`; otherwise reports it as unknown, with the nearest
// of `all`, at the first of `keys` the source map knows.
bool known_or_reported(checker& ck, const std::unordered_map<std::string, index>& ids,
                       const lazy_ids& all, const std::string& what, const std::string& value,
                       std::initializer_list<std::string> keys) {
  if (value.empty() || ids.count(value)) return true;
  ck.add(keys, "unknown " + what + " `" + value + "`" + detail::did_you_mean(value, all()));
  return false;
}

// Whether a reported lack settles a topic at any of the stages.
bool covers_any_stage(const reported_lack& l, const std::string& topic, stage_set stages) {
  for (std::size_t s = 0; s < enum_names<stage>::values.size(); ++s)
    if (stages.contains(static_cast<stage>(s)) && l.covers(topic, static_cast<stage>(s)))
      return true;
  return false;
}

// Whether an actor id names a state among the actors of `d`.
bool names_state(const corpus::data& d, const std::string& id) {
  auto it = d.actor_ids.find(id);
  return it != d.actor_ids.end() && d.content.actors[it->second].kind == actor_kind::state;
}

// The checks of ratification records against the actors and instruments of `items`, whose id maps
// are filled. Fills `ids` (state and instrument to record).
void check_ratifications(checker& ck, const corpus::data& items,
                         const std::vector<ratification>& records,
                         std::unordered_map<std::string, index>& ids) {
  const corpus_content& c = items.content;
  const lazy_ids actor_ids(c.actors), instrument_ids(c.instruments);
  auto is_state = [&items](const std::string& id) { return names_state(items, id); };
  for (index ri = 0; ri < records.size(); ++ri) {
    const auto& r = records[ri];
    const std::string key = "ratification/" + r.state + "/" + r.instrument;
    if (r.state.empty()) ck.add({key}, "ratification without a `state`");
    if (r.instrument.empty()) ck.add({key}, "ratification without an `instrument`");
    if (known_or_reported(ck, items.actor_ids, actor_ids, "actor", r.state,
                          {key + "/state", key}) &&
        !r.state.empty() && !is_state(r.state))
      ck.add({key + "/state", key},
             "`" + r.state + "` ratifies `" + r.instrument + "` but is not a state");
    if (known_or_reported(ck, items.instrument_ids, instrument_ids, "instrument", r.instrument,
                          {key + "/instrument", key}) &&
        !r.instrument.empty()) {
      const auto& in = c.instruments[items.instrument_ids.at(r.instrument)];
      if (!is_ratifiable(in.kind))
        ck.add({key + "/instrument", key}, "`" + r.instrument + "` is a " +
                                               std::string(name_of(in.kind)) +
                                               ", which cannot be ratified");
      std::vector<std::string> parts;
      for (const auto& p : in.provisions)
        if (!p.part.empty() && std::find(parts.begin(), parts.end(), p.part) == parts.end())
          parts.push_back(p.part);
      for (const auto& x : r.excludes)
        if (std::find(parts.begin(), parts.end(), x) == parts.end())
          ck.add({key + "/excludes", key},
                 "`" + r.instrument + "` has no part `" + x + "`" + detail::did_you_mean(x, parts));
    }
    if (!r.signed_on && !r.ratified_on)
      ck.add({key}, "ratification of `" + r.instrument + "` by `" + r.state +
                        "` gives neither `signed` nor `ratified`");
    if (r.denounced_on && !r.ratified_on)
      ck.add({key + "/denounced", key},
             "`" + r.state + "` denounced `" + r.instrument + "` without having ratified it");
    if (r.source.empty())
      ck.add({key}, "ratification of `" + r.instrument + "` by `" + r.state + "` has no `source`");
    if (!ids.emplace(ratification_key(r.state, r.instrument), ri).second)
      ck.add({key + "#" + std::to_string(ri), key},
             "`" + r.state + "` has two records for `" + r.instrument + "`");
  }
}

// The canonical order of ratification records.
void sort_ratifications(std::vector<ratification>& records) {
  std::stable_sort(records.begin(), records.end(),
                   [](const ratification& a, const ratification& b) {
                     return std::tie(a.state, a.instrument) < std::tie(b.state, b.instrument);
                   });
}

// The records of each state, in `d`'s own content, against the actors of its items.
void index_ratifications(corpus::data& d) {
  const corpus::data& it = d.shared ? *d.shared : d;
  d.ratifications_by_actor.assign(it.content.actors.size(), {});
  const auto& records = d.content.ratifications;
  for (index ri = 0; ri < records.size(); ++ri)
    d.ratifications_by_actor[it.actor_ids.at(records[ri].state)].push_back(ri);
}

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

}  // namespace

namespace {
// The id of a provision by its index, as `provision_ids` reads it.
auto id_of_provision(const corpus::data& d) {
  return [&d](index pi) -> std::string_view { return d.provisions[pi]->id; };
}
// Where a corpus's items and their indexes are: its own data, or the data it shares.
const corpus::data& items(const corpus::data& d) {
  return d.shared ? *d.shared : d;
}
}  // namespace

corpus::corpus() : data_(std::make_shared<data>()) {}

const corpus_content& corpus::content() const {
  if (!data_->shared) return data_->content;
  std::call_once(data_->content_once, [this] {
    auto whole = std::make_unique<corpus_content>(data_->shared->content);
    whole->ratifications = data_->content.ratifications;
    data_->whole_content = std::move(whole);
  });
  return *data_->whole_content;
}

std::span<const sector> corpus::sectors() const {
  return items(*data_).content.sectors;
}
std::span<const topic> corpus::topics() const {
  return items(*data_).content.topics;
}
std::span<const actor> corpus::actors() const {
  return items(*data_).content.actors;
}
std::span<const instrument> corpus::instruments() const {
  return items(*data_).content.instruments;
}
std::span<const ratification> corpus::ratifications() const {
  return data_->content.ratifications;
}
std::span<const profile> corpus::profiles() const {
  return items(*data_).content.profiles;
}

bool operator==(const corpus& a, const corpus& b) {
  auto same = [](auto x, auto y) { return std::equal(x.begin(), x.end(), y.begin(), y.end()); };
  if (&items(*a.data_) != &items(*b.data_) &&
      !(same(a.sectors(), b.sectors()) && same(a.topics(), b.topics()) &&
        same(a.actors(), b.actors()) && same(a.instruments(), b.instruments()) &&
        same(a.profiles(), b.profiles())))
    return false;
  return same(a.ratifications(), b.ratifications());
}

corpus corpus::build(corpus_content content, const detail::source_map* where) {
  auto d = std::make_shared<data>();
  // A canonical order (by id) makes a corpus independent of how its files were laid out.
  auto by_id = [](auto& v) {
    std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  };
  by_id(content.sectors);
  by_id(content.topics);
  by_id(content.actors);
  by_id(content.instruments);
  by_id(content.profiles);
  sort_ratifications(content.ratifications);
  d->content = std::move(content);
  const corpus_content& c = d->content;
  checker ck(c, where);

  check_ids(ck, "sector", c.sectors, d->sector_ids);
  check_ids(ck, "topic", c.topics, d->topic_ids);
  check_ids(ck, "actor", c.actors, d->actor_ids);
  check_ids(ck, "instrument", c.instruments, d->instrument_ids);
  check_ids(ck, "profile", c.profiles, d->profile_ids);

  // The ids to suggest from, listed only when a message needs them.
  const lazy_ids topic_ids(c.topics), sector_ids(c.sectors), actor_ids(c.actors),
      instrument_ids(c.instruments);

  auto is_state = [&d](const std::string& id) { return names_state(*d, id); };

  // Topics and sectors.
  for (const auto& s : c.sectors)
    if (s.title.empty()) ck.add({"sector/" + s.id}, "sector `" + s.id + "` has no `title`");
  for (const auto& t : c.topics) {
    const std::string key = "topic/" + t.id;
    if (t.title.empty()) ck.add({key}, "topic `" + t.id + "` has no `title`");
    if (t.description.empty()) ck.add({key}, "topic `" + t.id + "` has no `description`");
    if (t.stages.empty()) ck.add({key + "/stages", key}, "topic `" + t.id + "` has no `stages`");
    const auto parent = t.parent();
    if (!parent.empty() && !d->topic_ids.count(std::string(parent)))
      ck.add({key + "/id", key}, "topic `" + t.id + "` has no parent topic `" +
                                     std::string(parent) + "`; define it, or rename the topic");
  }

  // Actors.
  for (const auto& a : c.actors) {
    const std::string key = "actor/" + a.id;
    if (a.name.empty()) ck.add({key}, "actor `" + a.id + "` has no `name`");
    if (a.source.empty()) ck.add({key}, "actor `" + a.id + "` has no `source`");
    if (!a.state.empty() &&
        known_or_reported(ck, d->actor_ids, actor_ids, "actor", a.state, {key + "/state", key}) &&
        !is_state(a.state))
      ck.add({key + "/state", key},
             "`state` of actor `" + a.id + "` is `" + a.state + "`, which is not a state");
    if (a.kind == actor_kind::state && !a.state.empty())
      ck.add({key + "/kind", key + "/state", key},
             "actor `" + a.id + "` is a state and cannot belong to one");
    for (std::size_t i = 0; i < a.oversees.size(); ++i) {
      const auto& o = a.oversees[i];
      const std::string ok = key + "/oversees/" + std::to_string(i);
      if (o.actor.empty() == !o.target_role.has_value())
        ck.add({ok, key}, "an `oversees` entry of actor `" + a.id +
                              "` names exactly one of `actor` or `role`");
      known_or_reported(ck, d->actor_ids, actor_ids, "actor", o.actor, {ok + "/actor", ok, key});
      if (o.actor == a.id) ck.add({ok, key}, "actor `" + a.id + "` cannot oversee itself");
    }
    for (std::size_t i = 0; i < a.refers_to.size(); ++i) {
      const std::string rk = key + "/refers_to/" + std::to_string(i);
      if (a.refers_to[i].actor.empty())
        ck.add({rk, key}, "a `refers_to` entry of actor `" + a.id + "` names no `actor`");
      known_or_reported(ck, d->actor_ids, actor_ids, "actor", a.refers_to[i].actor,
                        {rk + "/actor", rk, key});
    }
  }

  // Instruments and their provisions.
  // Keys of messages are built only for a problem: most items have none.
  auto known = [](const std::unordered_map<std::string, index>& ids, const std::string& value) {
    return value.empty() || ids.count(value) != 0;
  };
  auto check_scope = [&](const scope& s, const auto& key) {
    for (const auto& x : s.sectors)
      if (!known(d->sector_ids, x))
        known_or_reported(ck, d->sector_ids, sector_ids, "sector", x, {key() + "/scope", key()});
    for (const auto& x : s.excluded_sectors)
      if (!known(d->sector_ids, x))
        known_or_reported(ck, d->sector_ids, sector_ids, "sector", x, {key() + "/scope", key()});
  };
  {
    std::size_t provisions = 0;
    for (const auto& in : c.instruments) provisions += in.provisions.size();
    d->provisions.reserve(provisions);
    for (const auto& in : c.instruments)
      for (const auto& p : in.provisions) d->provisions.push_back(&p);
    d->provision_ids.reserve(provisions);
  }
  const auto provision_id = id_of_provision(*d);
  index global_pi = 0;  // the index each provision will have
  for (index ii = 0; ii < c.instruments.size(); ++ii) {
    const auto& in = c.instruments[ii];
    const auto key = [&] { return "instrument/" + in.id; };
    if (in.title.empty())
      ck.add({key() + "/title", key()}, "instrument `" + in.id + "` has no `title`");
    if (in.source.empty())
      ck.add({key() + "/source", key()}, "instrument `" + in.id + "` has no `source`");
    bool parties_ok = true;
    for (std::size_t k = 0; k < in.parties.size(); ++k) {
      if (known(d->actor_ids, in.parties[k]) && is_state(in.parties[k])) continue;
      const std::string pk = key() + "/parties/" + std::to_string(k);
      if (!known_or_reported(ck, d->actor_ids, actor_ids, "actor", in.parties[k],
                             {pk, key() + "/parties", key()}))
        parties_ok = false;
      else if (!is_state(in.parties[k])) {
        ck.add({pk, key() + "/parties", key()},
               "party `" + in.parties[k] + "` of `" + in.id + "` is not a state");
        parties_ok = false;
      }
    }
    bool twice = false;
    for (std::size_t a = 1; a < in.parties.size() && !twice; ++a)
      twice = std::find(in.parties.begin(), in.parties.begin() + static_cast<long>(a),
                        in.parties[a]) != in.parties.begin() + static_cast<long>(a);
    if (twice)
      ck.add({key() + "/parties", key()}, "instrument `" + in.id + "` names a party twice");
    if (parties_ok && in.level == level::bilateral && in.parties.size() != 2)
      ck.add({key() + "/parties", key() + "/level", key()},
             "bilateral instrument `" + in.id + "` must have exactly two state parties, has " +
                 std::to_string(in.parties.size()));
    if (parties_ok && in.level == level::national && in.parties.size() != 1)
      ck.add({key() + "/parties", key() + "/level", key()},
             "national instrument `" + in.id + "` must have exactly one state party, has " +
                 std::to_string(in.parties.size()));
    if (!known(d->actor_ids, in.region))
      known_or_reported(ck, d->actor_ids, actor_ids, "actor", in.region,
                        {key() + "/region", key()});
    if (in.expires && in.effective() && in.expires->last_day() < in.effective()->first_day())
      ck.add({key() + "/expires", key()}, "instrument `" + in.id + "` expires (" +
                                              in.expires->str() + ") before it applies (" +
                                              in.effective()->str() + ")");
    if (!in.supersedes.empty() &&
        (known(d->instrument_ids, in.supersedes) ||
         known_or_reported(ck, d->instrument_ids, instrument_ids, "instrument", in.supersedes,
                           {key() + "/supersedes", key()}))) {
      const auto& old = c.instruments[d->instrument_ids.at(in.supersedes)];
      if (!std::is_permutation(old.parties.begin(), old.parties.end(), in.parties.begin(),
                               in.parties.end()))
        ck.add({key() + "/supersedes", key()},
               "instrument `" + in.id + "` supersedes `" + old.id + "`, which has other parties");
    }
    if (!in.annex_to.empty() &&
        (known(d->instrument_ids, in.annex_to) ||
         known_or_reported(ck, d->instrument_ids, instrument_ids, "instrument", in.annex_to,
                           {key() + "/annex_to", key()}))) {
      const auto& parent = c.instruments[d->instrument_ids.at(in.annex_to)];
      if (!std::is_permutation(parent.parties.begin(), parent.parties.end(), in.parties.begin(),
                               in.parties.end()))
        ck.add({key() + "/annex_to", key()}, "instrument `" + in.id + "` is annexed to `" +
                                                 parent.id + "`, which has other parties");
      if (in.annex_to == in.id)
        ck.add({key() + "/annex_to", key()}, "instrument `" + in.id + "` is annexed to itself");
    }
    check_scope(in.scope, key);
    for (std::size_t li = 0; li < in.lacks.size(); ++li) {
      const auto& l = in.lacks[li];
      const std::string lk = key() + "/lacks/" + std::to_string(li);
      if (l.topic.empty() || !known_or_reported(ck, d->topic_ids, topic_ids, "topic", l.topic,
                                                {lk + "/topic", lk, key()}))
        continue;
      if (l.provenance.source.empty())
        ck.add({lk, key()},
               "instrument `" + in.id + "` lacks `" + l.topic + "` but gives no `source`");
      // A source may be wrong, but the corpus cannot hold both: a protecting clause of the same
      // instrument on the topic (or under it) contradicts the reported absence.
      for (const auto& p : in.provisions)
        for (const auto& te : p.topics)
          if (te.effect == effect::protects && covers_any_stage(l, te.topic, p.stages))
            ck.add({lk + "/topic", lk, key()},
                   "instrument `" + in.id + "` lists `" + l.topic +
                       "` in `lacks`, but its provision `" + p.id + "` protects the worker on `" +
                       te.topic + "`: remove the lack or the provision, and say why in `notes`");
    }

    for (std::size_t pi = 0; pi < in.provisions.size(); ++pi, ++global_pi) {
      const auto& p = in.provisions[pi];
      const auto pk = [&] { return "provision/" + in.id + "/" + std::to_string(pi); };
      const auto name = [&] { return "provision `" + p.id + "`"; };
      if (p.article.empty() && p.chapter.empty())
        ck.add({pk() + "/article", pk()},
               name() +
                   " has no citation: give its `article` (or `chapter` where only that is known)");
      if (p.summary.empty()) ck.add({pk() + "/summary", pk()}, name() + " has no `summary`");
      if (p.bearers.empty())
        ck.add({pk() + "/bearers", pk()},
               name() + " has no bearer: list the roles that owe it in `bearers`");
      if (p.stages.empty())
        ck.add({pk() + "/stages", pk()}, name() + " has no stage: list them in `stages`");
      if (p.topics.empty())
        ck.add({pk() + "/topics", pk()}, name() + " has no topic: list them in `topics`");
      if (p.instrument != in.id)
        ck.add({pk()},
               name() + " belongs to instrument `" + in.id + "` but names `" + p.instrument + "`");
      for (std::size_t k = 0; k < p.topics.size(); ++k) {
        if (!p.topics[k].topic.empty() && known(d->topic_ids, p.topics[k].topic)) continue;
        const std::string tk = pk() + "/topics/" + std::to_string(k);
        if (p.topics[k].topic.empty())
          ck.add({tk, pk() + "/topics", pk()}, name() + " lists an empty topic");
        known_or_reported(ck, d->topic_ids, topic_ids, "topic", p.topics[k].topic,
                          {tk, pk() + "/topics", pk()});
      }
      for (std::size_t k = 0; k < p.designated.size(); ++k) {
        if (!p.designated[k].empty() && known(d->actor_ids, p.designated[k])) continue;
        const std::string ak = pk() + "/designated/" + std::to_string(k);
        if (p.designated[k].empty())
          ck.add({ak, pk() + "/designated", pk()}, name() + " designates an empty actor id");
        known_or_reported(ck, d->actor_ids, actor_ids, "actor", p.designated[k],
                          {ak, pk() + "/designated", pk()});
      }
      // A provision's inherited sectors were checked on its instrument.
      if (p.scope.sectors != in.scope.sectors ||
          p.scope.excluded_sectors != in.scope.excluded_sectors)
        check_scope(p.scope, pk);
      if (p.provenance.source.empty())
        ck.add({pk() + "/provenance/source", pk() + "/provenance", pk()},
               name() + " has no provenance `source`");
      if (p.provenance.from == coded_from::secondary && p.provenance.passage.empty())
        ck.add({pk() + "/provenance", pk()},
               name() + " is coded from a secondary source but gives no `passage` from it");
      // (The first of several provisions without an id is the one found by the empty id.)
      if (!d->provision_ids.insert(global_pi, provision_id) && !p.id.empty())
        ck.add({pk()}, "duplicate provision id `" + p.id +
                           "`: give each provision of the same "
                           "article its own `id`");
    }
  }
  // Supersedes chains must not loop.
  {
    std::vector<index> seen;                                // along the chain from ii
    std::vector<index> seen_from(c.instruments.size(), 0);  // 1 + the ii whose walk saw it
    for (index ii = 0; ii < c.instruments.size(); ++ii) {
      seen.clear();
      index cur = ii;
      while (!c.instruments[cur].supersedes.empty()) {
        if (seen_from[cur] == ii + 1) {
          // Report once, on the member of the loop with the smallest id (of those walked).
          const auto smallest = *std::min_element(seen.begin(), seen.end(), [&](index a, index b) {
            return c.instruments[a].id < c.instruments[b].id;
          });
          if (c.instruments[ii].id == c.instruments[smallest].id)
            ck.add({"instrument/" + c.instruments[ii].id + "/supersedes",
                    "instrument/" + c.instruments[ii].id},
                   "`supersedes` chain of `" + c.instruments[ii].id + "` loops back on itself");
          break;
        }
        seen_from[cur] = ii + 1;
        seen.push_back(cur);
        auto it = d->instrument_ids.find(c.instruments[cur].supersedes);
        if (it == d->instrument_ids.end()) break;
        cur = it->second;
      }
    }
  }
  // Two revisions may not supersede the same instrument: the chain must be a line.
  {
    std::unordered_map<std::string_view, const std::string*> successor;
    for (const auto& in : c.instruments)
      if (!in.supersedes.empty()) {
        auto [it, fresh] = successor.emplace(in.supersedes, &in.id);
        if (!fresh)
          ck.add({"instrument/" + in.id + "/supersedes", "instrument/" + in.id},
                 "`" + in.supersedes + "` is superseded twice, by `" + *it->second + "` and `" +
                     in.id + "`");
      }
  }

  // Ratifications.
  check_ratifications(ck, *d, c.ratifications, d->ratification_ids);

  // Profiles.
  for (const auto& pr : c.profiles) {
    const std::string key = "profile/" + pr.id;
    if (pr.title.empty()) ck.add({key}, "profile `" + pr.id + "` has no `title`");
    if (pr.source.empty()) ck.add({key}, "profile `" + pr.id + "` has no `source`");
    if (pr.norms.empty()) ck.add({key}, "profile `" + pr.id + "` has no `norms`");
    for (std::size_t k = 0; k < pr.norms.size(); ++k) {
      const auto& n = pr.norms[k];
      const std::string nk = key + "/norms/" + std::to_string(k);
      if (n.topic.empty())
        ck.add({nk, key}, "a norm of profile `" + pr.id + "` has no `topic`");
      else if (known_or_reported(ck, d->topic_ids, topic_ids, "topic", n.topic,
                                 {nk + "/topic", nk, key})) {
        const auto& t = c.topics[d->topic_ids.at(n.topic)];
        if (!t.stages.empty() && !t.stages.contains(n.stage))
          ck.add(
              {nk + "/stage", nk, key}, "topic `" + n.topic + "` does not belong to stage `" +
                                            std::string(name_of(n.stage)) + "`; its stages are " +
                                            [&] {
                                              std::string s;
                                              for (const auto& x : t.stages.names())
                                                s += (s.empty() ? "" : ", ") + x;
                                              return s;
                                            }());
      }
      if (n.source.empty()) ck.add({nk, key}, "a norm of profile `" + pr.id + "` has no `source`");
    }
  }

  // A check skipped because reading had reported it still leaves the content invalid.
  if (auto problems = ck.take(); !problems.empty() || ck.suppressed())
    throw corpus_error(std::move(problems));

  // Indexes.
  d->by_stage.assign(enum_names<stage>::values.size(), {});
  d->by_role.assign(enum_names<role>::values.size(), {});
  d->by_topic.assign(c.topics.size(), {});
  d->by_designated.assign(c.actors.size(), {});
  d->annexes.assign(c.instruments.size(), {});
  d->bodies.assign(c.actors.size(), {});
  std::size_t total = 0;
  for (const auto& in : c.instruments) total += in.provisions.size();
  d->provision_topics = detail::bit_matrix(total, c.topics.size());
  d->provision_instrument.reserve(total);
  d->provision_kind.reserve(total);
  // The topics each provision protects the worker on, for the protection indexes below.
  std::vector<std::uint32_t> protected_offsets{0};
  std::vector<index> protected_topics;
  protected_offsets.reserve(total + 1);
  for (index ii = 0; ii < c.instruments.size(); ++ii) {
    const auto& in = c.instruments[ii];
    const auto first = static_cast<index>(d->provision_instrument.size());
    for (const auto& p : in.provisions) {
      const auto pi = static_cast<index>(d->provision_instrument.size());
      d->provision_instrument.push_back(ii);
      d->provision_kind.push_back(static_cast<std::uint8_t>(in.kind));
      for (stage s : p.stages.values()) d->by_stage[static_cast<std::size_t>(s)].push_back(pi);
      for (role r : p.bearers.values()) d->by_role[static_cast<std::size_t>(r)].push_back(pi);
      for (const auto& t : p.topics) {
        const index ti = d->topic_ids.at(t.topic);
        d->provision_topics.set(pi, ti);
        auto& list = d->by_topic[ti];
        if (list.empty() || list.back() != pi) list.push_back(pi);
        if (t.effect == effect::protects) protected_topics.push_back(ti);
      }
      protected_offsets.push_back(static_cast<std::uint32_t>(protected_topics.size()));
      for (const auto& a : p.designated) {
        auto& list = d->by_designated[d->actor_ids.at(a)];
        if (list.empty() || list.back() != pi) list.push_back(pi);
      }
    }
    d->instrument_provisions.emplace_back(first,
                                          static_cast<index>(d->provision_instrument.size()));
    if (!in.annex_to.empty()) d->annexes[d->instrument_ids.at(in.annex_to)].push_back(ii);
  }
  d->superseded_by.assign(c.instruments.size(), std::nullopt);
  for (index ii = 0; ii < c.instruments.size(); ++ii)
    if (!c.instruments[ii].supersedes.empty())
      d->superseded_by[d->instrument_ids.at(c.instruments[ii].supersedes)] = ii;
  d->topic_parents.assign(c.topics.size(), std::nullopt);
  for (index ti = 0; ti < c.topics.size(); ++ti) {
    const auto parent = c.topics[ti].parent();
    if (!parent.empty()) d->topic_parents[ti] = d->topic_ids.at(std::string(parent));
  }
  index_ratifications(*d);
  for (index ai = 0; ai < c.actors.size(); ++ai)
    if (!c.actors[ai].state.empty()) d->bodies[d->actor_ids.at(c.actors[ai].state)].push_back(ai);
  build_corridor_indexes(*d, protected_offsets, protected_topics);
  return corpus(std::move(d));
}

corpus corpus::with_ratifications(std::vector<ratification> records) const {
  auto d = std::make_shared<data>();
  d->shared = data_->shared ? data_->shared : data_;
  sort_ratifications(records);
  d->content.ratifications = std::move(records);
  checker ck(d->shared->content, nullptr);
  check_ratifications(ck, *d->shared, d->content.ratifications, d->ratification_ids);
  if (auto problems = ck.take(); !problems.empty()) throw corpus_error(std::move(problems));
  index_ratifications(*d);
  return corpus(std::move(d));
}

namespace {
template <class Map>
std::optional<index> lookup(const Map& m, std::string_view id) {
  auto it = m.find(std::string(id));
  if (it == m.end()) return std::nullopt;
  return it->second;
}
[[noreturn]] void unknown(const std::string& what, std::string_view id,
                          const std::vector<std::string>& candidates) {
  throw std::out_of_range("unknown " + what + " `" + std::string(id) + "`" +
                          detail::did_you_mean(id, candidates));
}
}  // namespace

std::optional<index> corpus::instrument_index(std::string_view id) const {
  return lookup(items(*data_).instrument_ids, id);
}
std::optional<index> corpus::topic_index(std::string_view id) const {
  return lookup(items(*data_).topic_ids, id);
}
std::optional<index> corpus::sector_index(std::string_view id) const {
  return lookup(items(*data_).sector_ids, id);
}
std::optional<index> corpus::actor_index(std::string_view id) const {
  return lookup(items(*data_).actor_ids, id);
}
std::optional<index> corpus::profile_index(std::string_view id) const {
  return lookup(items(*data_).profile_ids, id);
}
std::optional<index> corpus::provision_index(std::string_view id) const {
  const data& d = items(*data_);
  return d.provision_ids.find(id, id_of_provision(d));
}

const instrument* corpus::find_instrument(std::string_view id) const {
  auto i = instrument_index(id);
  return i ? &items(*data_).content.instruments[*i] : nullptr;
}
const topic* corpus::find_topic(std::string_view id) const {
  auto i = topic_index(id);
  return i ? &items(*data_).content.topics[*i] : nullptr;
}
const actor* corpus::find_actor(std::string_view id) const {
  auto i = actor_index(id);
  return i ? &items(*data_).content.actors[*i] : nullptr;
}
const profile* corpus::find_profile(std::string_view id) const {
  auto i = profile_index(id);
  return i ? &items(*data_).content.profiles[*i] : nullptr;
}
const provision* corpus::find_provision(std::string_view id) const {
  auto i = provision_index(id);
  return i ? items(*data_).provisions[*i] : nullptr;
}
const ratification* corpus::find_ratification(std::string_view state,
                                              std::string_view instrument) const {
  auto i = lookup(data_->ratification_ids, ratification_key(state, instrument));
  return i ? &data_->content.ratifications[*i] : nullptr;
}

const instrument& corpus::get_instrument(std::string_view id) const {
  if (auto p = find_instrument(id)) return *p;
  unknown("instrument", id, ids_of(items(*data_).content.instruments));
}
const topic& corpus::get_topic(std::string_view id) const {
  if (auto p = find_topic(id)) return *p;
  unknown("topic", id, ids_of(items(*data_).content.topics));
}
const actor& corpus::get_actor(std::string_view id) const {
  if (auto p = find_actor(id)) return *p;
  unknown("actor", id, ids_of(items(*data_).content.actors));
}
const profile& corpus::get_profile(std::string_view id) const {
  if (auto p = find_profile(id)) return *p;
  unknown("profile", id, ids_of(items(*data_).content.profiles));
}

std::size_t corpus::provision_count() const {
  return items(*data_).provisions.size();
}
const provision& corpus::provision_at(index p) const {
  return *items(*data_).provisions.at(p);
}
index corpus::instrument_of(index p) const {
  return items(*data_).provision_instrument.at(p);
}
std::pair<index, index> corpus::provisions_of(index i) const {
  return items(*data_).instrument_provisions.at(i);
}
std::span<const index> corpus::provisions_at(stage s) const {
  if (items(*data_).by_stage.empty()) return {};
  return items(*data_).by_stage[static_cast<std::size_t>(s)];
}
std::span<const index> corpus::provisions_about(index t) const {
  return items(*data_).by_topic.at(t);
}
std::vector<index> corpus::provisions_about_tree(index t) const {
  std::vector<index> out;
  const auto& prefix = items(*data_).content.topics.at(t).id;
  for (index ti = 0; ti < items(*data_).content.topics.size(); ++ti) {
    const auto& id = items(*data_).content.topics[ti].id;
    if (id == prefix || (id.size() > prefix.size() && id.compare(0, prefix.size(), prefix) == 0 &&
                         id[prefix.size()] == '.'))
      out.insert(out.end(), items(*data_).by_topic[ti].begin(), items(*data_).by_topic[ti].end());
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}
std::span<const index> corpus::instruments_with_party(index state, level l) const {
  return items(*data_).party_instruments.at(state)[static_cast<std::size_t>(l)];
}
std::span<const index> corpus::bilateral_between(index a, index b) const {
  auto it = items(*data_).bilateral_pairs.find(pair_key(a, b));
  if (it == items(*data_).bilateral_pairs.end()) return {};
  return it->second;
}
std::span<const index> corpus::universal_instruments() const {
  return items(*data_).universal;
}
std::span<const index> corpus::stateless_actors() const {
  return items(*data_).stateless;
}

namespace {
// One kind's group of a kind-grouped list.
std::span<const index> of_kind(std::span<const index> list, instrument_kind k,
                               const std::vector<std::uint8_t>& kinds) {
  const auto want = static_cast<std::uint8_t>(k);
  auto first =
      std::partition_point(list.begin(), list.end(), [&](index pi) { return kinds[pi] < want; });
  auto last = std::partition_point(first, list.end(), [&](index pi) { return kinds[pi] == want; });
  return {first, last};
}
}  // namespace

std::span<const index> corpus::protections(index topic, stage s) const {
  const auto& off = items(*data_).protection_offsets;
  const std::size_t cell = std::size_t{topic} * stage_count + static_cast<std::size_t>(s);
  if (cell + 1 >= off.size()) return {};
  return {items(*data_).protections_by_kind.data() + off[cell], off[cell + 1] - off[cell]};
}
std::span<const index> corpus::protections(index topic, stage s, instrument_kind k) const {
  return of_kind(protections(topic, s), k, items(*data_).provision_kind);
}
std::span<const index> corpus::protections_by_precedence(index topic, stage s) const {
  const auto& off = items(*data_).protection_offsets;
  const std::size_t cell = std::size_t{topic} * stage_count + static_cast<std::size_t>(s);
  if (cell + 1 >= off.size()) return {};
  return {items(*data_).protections_by_precedence.data() + off[cell], off[cell + 1] - off[cell]};
}
std::span<const index> corpus::party_protections(index state, index topic, stage s,
                                                 instrument_kind k) const {
  if (state >= items(*data_).state_rank.size() || items(*data_).state_rank[state] == data::no_rank)
    return {};
  const auto& off = items(*data_).party_offsets;
  const std::size_t cells = items(*data_).content.topics.size() * stage_count;
  const std::size_t key = std::size_t{items(*data_).state_rank[state]} * cells +
                          std::size_t{topic} * stage_count + static_cast<std::size_t>(s);
  if (key + 1 >= off.size()) return {};
  return of_kind({items(*data_).party_protections.data() + off[key], off[key + 1] - off[key]}, k,
                 items(*data_).provision_kind);
}

std::span<const index> corpus::provisions_borne_by(role r) const {
  if (items(*data_).by_role.empty()) return {};
  return items(*data_).by_role[static_cast<std::size_t>(r)];
}
std::span<const index> corpus::provisions_designating(index a) const {
  return items(*data_).by_designated.at(a);
}
const detail::bit_matrix& corpus::provision_topics() const {
  return items(*data_).provision_topics;
}
std::optional<index> corpus::topic_parent(index t) const {
  return items(*data_).topic_parents.at(t);
}
std::span<const index> corpus::ratifications_of(index s) const {
  return data_->ratifications_by_actor.at(s);
}
std::span<const index> corpus::annexes_of(index i) const {
  return items(*data_).annexes.at(i);
}
std::span<const index> corpus::bodies_of(index s) const {
  return items(*data_).bodies.at(s);
}

std::vector<index> corpus::revision_chain(index i) const {
  const auto& c = items(*data_).content;
  index first = i;
  while (!c.instruments[first].supersedes.empty())
    first = items(*data_).instrument_ids.at(c.instruments[first].supersedes);
  std::vector<index> chain{first};
  while (auto next = items(*data_).superseded_by[chain.back()]) chain.push_back(*next);
  return chain;
}

const dutymap::graph& corpus::graph() const {
  std::call_once(data_->graph_once,
                 [this] { data_->graph = std::make_unique<dutymap::graph>(*this); });
  return *data_->graph;
}

corpus_summary corpus::summary() const {
  const auto& c = items(*data_).content;
  corpus_summary s;
  s.instruments = c.instruments.size();
  s.provisions = items(*data_).provisions.size();
  s.topics = c.topics.size();
  s.sectors = c.sectors.size();
  s.actors = c.actors.size();
  s.ratifications = data_->content.ratifications.size();
  s.profiles = c.profiles.size();
  s.instruments_by_kind.assign(enum_names<instrument_kind>::values.size(), 0);
  s.instruments_by_level.assign(enum_names<level>::values.size(), 0);
  s.provisions_by_stage.assign(enum_names<stage>::values.size(), 0);
  s.provisions_by_coding.assign(enum_names<coded_from>::values.size(), 0);
  s.provisions_by_confidence.assign(enum_names<confidence>::values.size(), 0);
  for (const auto& in : c.instruments) {
    ++s.instruments_by_kind[static_cast<std::size_t>(in.kind)];
    ++s.instruments_by_level[static_cast<std::size_t>(in.level)];
  }
  for (const provision* p : items(*data_).provisions) {
    for (stage st : p->stages.values()) ++s.provisions_by_stage[static_cast<std::size_t>(st)];
    ++s.provisions_by_coding[static_cast<std::size_t>(p->provenance.from)];
    ++s.provisions_by_confidence[static_cast<std::size_t>(p->provenance.level)];
    if (p->restricts()) ++s.restricting_provisions;
  }
  return s;
}

}  // namespace dutymap
