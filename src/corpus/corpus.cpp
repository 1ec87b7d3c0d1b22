// The corpus: built from checked content and its indexes, and the look-ups and queries over them.

#include <dutymap/corpus.hpp>
#include <dutymap/detail/nearest.hpp>
#include <dutymap/graph.hpp>

#include "corpus_data.hpp"
#include "indexing.hpp"
#include "validation.hpp"

#include <algorithm>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <tuple>

namespace dutymap {

using index = corpus::index;
using namespace corpus_parts;

namespace {

// The canonical order of ratification records.
void sort_ratifications(std::vector<ratification>& records) {
  std::stable_sort(records.begin(), records.end(),
                   [](const ratification& a, const ratification& b) {
                     return std::tie(a.state, a.instrument) < std::tie(b.state, b.instrument);
                   });
}

// The canonical order of implementation records.
void sort_practice(std::vector<implementation_record>& records) {
  std::stable_sort(
      records.begin(), records.end(),
      [](const implementation_record& a, const implementation_record& b) {
        return std::tie(a.provision, a.period.year, a.period.month, a.period.day, a.actor) <
               std::tie(b.provision, b.period.year, b.period.month, b.period.day, b.actor);
      });
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
std::span<const implementation_record> corpus::practice() const {
  return items(*data_).content.practice;
}

bool operator==(const corpus& a, const corpus& b) {
  auto same = [](auto x, auto y) { return std::equal(x.begin(), x.end(), y.begin(), y.end()); };
  if (&items(*a.data_) != &items(*b.data_) &&
      !(same(a.sectors(), b.sectors()) && same(a.topics(), b.topics()) &&
        same(a.actors(), b.actors()) && same(a.instruments(), b.instruments()) &&
        same(a.profiles(), b.profiles()) && same(a.practice(), b.practice())))
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
  sort_practice(content.practice);
  d->content = std::move(content);
  check_content(*d, where);
  build_indexes(*d);
  return corpus(std::move(d));
}

corpus corpus::with_ratifications(std::vector<ratification> records) const {
  auto d = std::make_shared<data>();
  d->shared = data_->shared ? data_->shared : data_;
  sort_ratifications(records);
  d->content.ratifications = std::move(records);
  check_records(*d->shared, d->content.ratifications, d->ratification_ids);
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
std::size_t corpus::draft_provisions_in(index i) const {
  return items(*data_).draft_provisions.at(i);
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
std::span<const index> corpus::practice_of(index p) const {
  const auto& d = items(*data_);
  if (d.practice_offsets.empty()) {
    if (p >= provision_count()) throw std::out_of_range("provision index out of range");
    return {};
  }
  return std::span<const index>(d.practice_by_provision)
      .subspan(d.practice_offsets.at(p), d.practice_offsets.at(p + 1) - d.practice_offsets[p]);
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
