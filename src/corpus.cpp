// Validation of corpus content and construction of its indexes.

#include <dutymap/corpus.hpp>
#include <dutymap/detail/nearest.hpp>
#include <dutymap/graph.hpp>

#include <algorithm>
#include <functional>
#include <mutex>
#include <set>
#include <stdexcept>
#include <unordered_map>

namespace dutymap {

using index = corpus::index;

struct corpus::data {
  corpus_content content;
  std::unordered_map<std::string, index> instrument_ids, topic_ids, sector_ids, actor_ids,
      profile_ids, provision_ids, ratification_ids;
  std::vector<const provision*> provisions;
  std::vector<index> provision_instrument;
  std::vector<std::pair<index, index>> instrument_provisions;
  std::vector<std::vector<index>> by_stage, by_topic, by_role, by_designated,
      ratifications_by_actor, annexes, bodies;
  std::vector<std::optional<index>> topic_parents;
  std::vector<std::optional<index>> superseded_by;  // per instrument
  detail::bit_matrix provision_topics;

  mutable std::once_flag graph_once;
  mutable std::unique_ptr<dutymap::graph> graph;
};

namespace {

std::string ratification_key(std::string_view state, std::string_view instrument) {
  return std::string(state) + "|" + std::string(instrument);
}

template <class Item>
std::vector<std::string> ids_of(const std::vector<Item>& items) {
  std::vector<std::string> out;
  out.reserve(items.size());
  for (const auto& i : items) out.push_back(i.id);
  return out;
}

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

void check_ids(checker& ck, const std::string& kind, const std::vector<std::string>& ids,
               std::unordered_map<std::string, index>& out) {
  for (index i = 0; i < ids.size(); ++i) {
    const std::string item = kind + "/" + ids[i];
    if (ids[i].empty()) {
      ck.add({item}, kind + " without an `id`");
      continue;
    }
    if (ids[i].find_first_not_of(
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-") !=
        std::string::npos) {
      ck.add({item + "/id", item},
             kind + " id `" + ids[i] + "` may hold only letters, digits, `.`, `_` and `-`");
    }
    if (!out.emplace(ids[i], i).second)
      ck.add({item + "#" + std::to_string(i), item}, "duplicate " + kind + " id `" + ids[i] +
                                                         "` (already defined; use `replaces: true` "
                                                         "in a later layer to replace it)");
  }
}

}  // namespace

corpus::corpus() : data_(std::make_shared<data>()) {}

const corpus_content& corpus::content() const {
  return data_->content;
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
  std::stable_sort(content.ratifications.begin(), content.ratifications.end(),
                   [](const ratification& a, const ratification& b) {
                     return std::tie(a.state, a.instrument) < std::tie(b.state, b.instrument);
                   });
  d->content = std::move(content);
  const corpus_content& c = d->content;
  checker ck(c, where);

  check_ids(ck, "sector", ids_of(c.sectors), d->sector_ids);
  check_ids(ck, "topic", ids_of(c.topics), d->topic_ids);
  check_ids(ck, "actor", ids_of(c.actors), d->actor_ids);
  check_ids(ck, "instrument", ids_of(c.instruments), d->instrument_ids);
  check_ids(ck, "profile", ids_of(c.profiles), d->profile_ids);

  const auto topic_ids = ids_of(c.topics);
  const auto sector_ids = ids_of(c.sectors);
  const auto actor_ids = ids_of(c.actors);
  const auto instrument_ids = ids_of(c.instruments);

  auto is_state = [&](const std::string& id) {
    auto it = d->actor_ids.find(id);
    return it != d->actor_ids.end() && c.actors[it->second].kind == actor_kind::state;
  };
  auto check_ref = [&](const std::unordered_map<std::string, index>& ids,
                       const std::vector<std::string>& all, const std::string& what,
                       const std::string& value, std::initializer_list<std::string> keys) {
    if (value.empty() || ids.count(value)) return true;
    ck.add(keys, "unknown " + what + " `" + value + "`" + detail::did_you_mean(value, all));
    return false;
  };

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
        check_ref(d->actor_ids, actor_ids, "actor", a.state, {key + "/state", key}) &&
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
      check_ref(d->actor_ids, actor_ids, "actor", o.actor, {ok + "/actor", ok, key});
      if (o.actor == a.id) ck.add({ok, key}, "actor `" + a.id + "` cannot oversee itself");
    }
    for (std::size_t i = 0; i < a.refers_to.size(); ++i) {
      const std::string rk = key + "/refers_to/" + std::to_string(i);
      if (a.refers_to[i].actor.empty())
        ck.add({rk, key}, "a `refers_to` entry of actor `" + a.id + "` names no `actor`");
      check_ref(d->actor_ids, actor_ids, "actor", a.refers_to[i].actor, {rk + "/actor", rk, key});
    }
  }

  // Instruments and their provisions.
  auto check_scope = [&](const scope& s, const std::string& key) {
    for (const auto& x : s.sectors)
      check_ref(d->sector_ids, sector_ids, "sector", x, {key + "/scope", key});
    for (const auto& x : s.excluded_sectors)
      check_ref(d->sector_ids, sector_ids, "sector", x, {key + "/scope", key});
  };
  auto sorted = [](std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
  };
  for (index ii = 0; ii < c.instruments.size(); ++ii) {
    const auto& in = c.instruments[ii];
    const std::string key = "instrument/" + in.id;
    if (in.title.empty())
      ck.add({key + "/title", key}, "instrument `" + in.id + "` has no `title`");
    if (in.source.empty())
      ck.add({key + "/source", key}, "instrument `" + in.id + "` has no `source`");
    bool parties_ok = true;
    for (std::size_t k = 0; k < in.parties.size(); ++k) {
      const std::string pk = key + "/parties/" + std::to_string(k);
      if (!check_ref(d->actor_ids, actor_ids, "actor", in.parties[k], {pk, key + "/parties", key}))
        parties_ok = false;
      else if (!is_state(in.parties[k])) {
        ck.add({pk, key + "/parties", key},
               "party `" + in.parties[k] + "` of `" + in.id + "` is not a state");
        parties_ok = false;
      }
    }
    if (std::set<std::string>(in.parties.begin(), in.parties.end()).size() != in.parties.size())
      ck.add({key + "/parties", key}, "instrument `" + in.id + "` names a party twice");
    if (parties_ok && in.level == level::bilateral && in.parties.size() != 2)
      ck.add({key + "/parties", key + "/level", key},
             "bilateral instrument `" + in.id + "` must have exactly two state parties, has " +
                 std::to_string(in.parties.size()));
    if (parties_ok && in.level == level::national && in.parties.size() != 1)
      ck.add({key + "/parties", key + "/level", key},
             "national instrument `" + in.id + "` must have exactly one state party, has " +
                 std::to_string(in.parties.size()));
    check_ref(d->actor_ids, actor_ids, "actor", in.region, {key + "/region", key});
    if (in.expires && in.effective() && in.expires->last_day() < in.effective()->first_day())
      ck.add({key + "/expires", key}, "instrument `" + in.id + "` expires (" + in.expires->str() +
                                          ") before it applies (" + in.effective()->str() + ")");
    if (!in.supersedes.empty() && check_ref(d->instrument_ids, instrument_ids, "instrument",
                                            in.supersedes, {key + "/supersedes", key})) {
      const auto& old = c.instruments[d->instrument_ids.at(in.supersedes)];
      if (sorted(old.parties) != sorted(in.parties))
        ck.add({key + "/supersedes", key},
               "instrument `" + in.id + "` supersedes `" + old.id + "`, which has other parties");
    }
    if (!in.annex_to.empty() && check_ref(d->instrument_ids, instrument_ids, "instrument",
                                          in.annex_to, {key + "/annex_to", key})) {
      const auto& parent = c.instruments[d->instrument_ids.at(in.annex_to)];
      if (sorted(parent.parties) != sorted(in.parties))
        ck.add({key + "/annex_to", key}, "instrument `" + in.id + "` is annexed to `" + parent.id +
                                             "`, which has other parties");
      if (in.annex_to == in.id)
        ck.add({key + "/annex_to", key}, "instrument `" + in.id + "` is annexed to itself");
    }
    check_scope(in.scope, key);

    for (std::size_t pi = 0; pi < in.provisions.size(); ++pi) {
      const auto& p = in.provisions[pi];
      const std::string pk = "provision/" + in.id + "/" + std::to_string(pi);
      const std::string name = "provision `" + p.id + "`";
      if (p.article.empty() && p.chapter.empty())
        ck.add(
            {pk + "/article", pk},
            name + " has no citation: give its `article` (or `chapter` where only that is known)");
      if (p.summary.empty()) ck.add({pk + "/summary", pk}, name + " has no `summary`");
      if (p.bearers.empty())
        ck.add({pk + "/bearers", pk},
               name + " has no bearer: list the roles that owe it in `bearers`");
      if (p.stages.empty())
        ck.add({pk + "/stages", pk}, name + " has no stage: list them in `stages`");
      if (p.topics.empty())
        ck.add({pk + "/topics", pk}, name + " has no topic: list them in `topics`");
      if (p.instrument != in.id)
        ck.add({pk},
               name + " belongs to instrument `" + in.id + "` but names `" + p.instrument + "`");
      for (std::size_t k = 0; k < p.topics.size(); ++k) {
        const std::string tk = pk + "/topics/" + std::to_string(k);
        if (p.topics[k].topic.empty())
          ck.add({tk, pk + "/topics", pk}, name + " lists an empty topic");
        check_ref(d->topic_ids, topic_ids, "topic", p.topics[k].topic, {tk, pk + "/topics", pk});
      }
      for (std::size_t k = 0; k < p.designated.size(); ++k) {
        const std::string ak = pk + "/designated/" + std::to_string(k);
        if (p.designated[k].empty())
          ck.add({ak, pk + "/designated", pk}, name + " designates an empty actor id");
        check_ref(d->actor_ids, actor_ids, "actor", p.designated[k], {ak, pk + "/designated", pk});
      }
      // A provision's inherited sectors were checked on its instrument.
      if (p.scope.sectors != in.scope.sectors ||
          p.scope.excluded_sectors != in.scope.excluded_sectors)
        check_scope(p.scope, pk);
      if (p.provenance.source.empty())
        ck.add({pk + "/provenance/source", pk + "/provenance", pk},
               name + " has no provenance `source`");
      if (p.provenance.from == coded_from::secondary && p.provenance.passage.empty())
        ck.add({pk + "/provenance", pk},
               name + " is coded from a secondary source but gives no `passage` from it");
      if (!p.id.empty() && !d->provision_ids.emplace(p.id, 0).second)
        ck.add({pk}, "duplicate provision id `" + p.id +
                         "`: give each provision of the same "
                         "article its own `id`");
    }
  }
  // Supersedes chains must not loop.
  for (index ii = 0; ii < c.instruments.size(); ++ii) {
    std::set<std::string> seen;
    const dutymap::instrument* cur = &c.instruments[ii];
    while (!cur->supersedes.empty()) {
      if (!seen.insert(cur->id).second) {
        // Report once, on the member of the loop with the smallest id.
        if (c.instruments[ii].id == *seen.begin())
          ck.add({"instrument/" + c.instruments[ii].id + "/supersedes",
                  "instrument/" + c.instruments[ii].id},
                 "`supersedes` chain of `" + c.instruments[ii].id + "` loops back on itself");
        break;
      }
      auto it = d->instrument_ids.find(cur->supersedes);
      if (it == d->instrument_ids.end()) break;
      cur = &c.instruments[it->second];
    }
  }
  // Two revisions may not supersede the same instrument: the chain must be a line.
  {
    std::unordered_map<std::string, std::string> successor;
    for (const auto& in : c.instruments)
      if (!in.supersedes.empty()) {
        auto [it, fresh] = successor.emplace(in.supersedes, in.id);
        if (!fresh)
          ck.add({"instrument/" + in.id + "/supersedes", "instrument/" + in.id},
                 "`" + in.supersedes + "` is superseded twice, by `" + it->second + "` and `" +
                     in.id + "`");
      }
  }

  // Ratifications.
  for (index ri = 0; ri < c.ratifications.size(); ++ri) {
    const auto& r = c.ratifications[ri];
    const std::string key = "ratification/" + r.state + "/" + r.instrument;
    if (r.state.empty()) ck.add({key}, "ratification without a `state`");
    if (r.instrument.empty()) ck.add({key}, "ratification without an `instrument`");
    if (check_ref(d->actor_ids, actor_ids, "actor", r.state, {key + "/state", key}) &&
        !r.state.empty() && !is_state(r.state))
      ck.add({key + "/state", key},
             "`" + r.state + "` ratifies `" + r.instrument + "` but is not a state");
    if (check_ref(d->instrument_ids, instrument_ids, "instrument", r.instrument,
                  {key + "/instrument", key}) &&
        !r.instrument.empty()) {
      const auto& in = c.instruments[d->instrument_ids.at(r.instrument)];
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
    if (!d->ratification_ids.emplace(ratification_key(r.state, r.instrument), ri).second)
      ck.add({key + "#" + std::to_string(ri), key},
             "`" + r.state + "` has two records for `" + r.instrument + "`");
  }

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
      else if (check_ref(d->topic_ids, topic_ids, "topic", n.topic, {nk + "/topic", nk, key})) {
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
  d->provision_ids.clear();
  d->by_stage.assign(enum_names<stage>::values.size(), {});
  d->by_role.assign(enum_names<role>::values.size(), {});
  d->by_topic.assign(c.topics.size(), {});
  d->by_designated.assign(c.actors.size(), {});
  d->ratifications_by_actor.assign(c.actors.size(), {});
  d->annexes.assign(c.instruments.size(), {});
  d->bodies.assign(c.actors.size(), {});
  std::size_t total = 0;
  for (const auto& in : c.instruments) total += in.provisions.size();
  d->provision_topics = detail::bit_matrix(total, c.topics.size());
  d->provisions.reserve(total);
  for (index ii = 0; ii < c.instruments.size(); ++ii) {
    const auto& in = c.instruments[ii];
    const auto first = static_cast<index>(d->provisions.size());
    for (const auto& p : in.provisions) {
      const auto pi = static_cast<index>(d->provisions.size());
      d->provisions.push_back(&p);
      d->provision_instrument.push_back(ii);
      d->provision_ids.emplace(p.id, pi);
      for (stage s : p.stages.values()) d->by_stage[static_cast<std::size_t>(s)].push_back(pi);
      for (role r : p.bearers.values()) d->by_role[static_cast<std::size_t>(r)].push_back(pi);
      for (const auto& t : p.topics) {
        const index ti = d->topic_ids.at(t.topic);
        d->provision_topics.set(pi, ti);
        auto& list = d->by_topic[ti];
        if (list.empty() || list.back() != pi) list.push_back(pi);
      }
      for (const auto& a : p.designated) {
        auto& list = d->by_designated[d->actor_ids.at(a)];
        if (list.empty() || list.back() != pi) list.push_back(pi);
      }
    }
    d->instrument_provisions.emplace_back(first, static_cast<index>(d->provisions.size()));
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
  for (index ri = 0; ri < c.ratifications.size(); ++ri)
    d->ratifications_by_actor[d->actor_ids.at(c.ratifications[ri].state)].push_back(ri);
  for (index ai = 0; ai < c.actors.size(); ++ai)
    if (!c.actors[ai].state.empty()) d->bodies[d->actor_ids.at(c.actors[ai].state)].push_back(ai);
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
  return lookup(data_->instrument_ids, id);
}
std::optional<index> corpus::topic_index(std::string_view id) const {
  return lookup(data_->topic_ids, id);
}
std::optional<index> corpus::sector_index(std::string_view id) const {
  return lookup(data_->sector_ids, id);
}
std::optional<index> corpus::actor_index(std::string_view id) const {
  return lookup(data_->actor_ids, id);
}
std::optional<index> corpus::profile_index(std::string_view id) const {
  return lookup(data_->profile_ids, id);
}
std::optional<index> corpus::provision_index(std::string_view id) const {
  return lookup(data_->provision_ids, id);
}

const instrument* corpus::find_instrument(std::string_view id) const {
  auto i = instrument_index(id);
  return i ? &data_->content.instruments[*i] : nullptr;
}
const topic* corpus::find_topic(std::string_view id) const {
  auto i = topic_index(id);
  return i ? &data_->content.topics[*i] : nullptr;
}
const actor* corpus::find_actor(std::string_view id) const {
  auto i = actor_index(id);
  return i ? &data_->content.actors[*i] : nullptr;
}
const profile* corpus::find_profile(std::string_view id) const {
  auto i = profile_index(id);
  return i ? &data_->content.profiles[*i] : nullptr;
}
const provision* corpus::find_provision(std::string_view id) const {
  auto i = provision_index(id);
  return i ? data_->provisions[*i] : nullptr;
}
const ratification* corpus::find_ratification(std::string_view state,
                                              std::string_view instrument) const {
  auto i = lookup(data_->ratification_ids, ratification_key(state, instrument));
  return i ? &data_->content.ratifications[*i] : nullptr;
}

const instrument& corpus::get_instrument(std::string_view id) const {
  if (auto p = find_instrument(id)) return *p;
  unknown("instrument", id, ids_of(data_->content.instruments));
}
const topic& corpus::get_topic(std::string_view id) const {
  if (auto p = find_topic(id)) return *p;
  unknown("topic", id, ids_of(data_->content.topics));
}
const actor& corpus::get_actor(std::string_view id) const {
  if (auto p = find_actor(id)) return *p;
  unknown("actor", id, ids_of(data_->content.actors));
}
const profile& corpus::get_profile(std::string_view id) const {
  if (auto p = find_profile(id)) return *p;
  unknown("profile", id, ids_of(data_->content.profiles));
}

std::size_t corpus::provision_count() const {
  return data_->provisions.size();
}
const provision& corpus::provision_at(index p) const {
  return *data_->provisions.at(p);
}
index corpus::instrument_of(index p) const {
  return data_->provision_instrument.at(p);
}
std::pair<index, index> corpus::provisions_of(index i) const {
  return data_->instrument_provisions.at(i);
}
std::span<const index> corpus::provisions_at(stage s) const {
  if (data_->by_stage.empty()) return {};
  return data_->by_stage[static_cast<std::size_t>(s)];
}
std::span<const index> corpus::provisions_about(index t) const {
  return data_->by_topic.at(t);
}
std::vector<index> corpus::provisions_about_tree(index t) const {
  std::vector<index> out;
  const auto& prefix = data_->content.topics.at(t).id;
  for (index ti = 0; ti < data_->content.topics.size(); ++ti) {
    const auto& id = data_->content.topics[ti].id;
    if (id == prefix || (id.size() > prefix.size() && id.compare(0, prefix.size(), prefix) == 0 &&
                         id[prefix.size()] == '.'))
      out.insert(out.end(), data_->by_topic[ti].begin(), data_->by_topic[ti].end());
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}
std::span<const index> corpus::provisions_borne_by(role r) const {
  if (data_->by_role.empty()) return {};
  return data_->by_role[static_cast<std::size_t>(r)];
}
std::span<const index> corpus::provisions_designating(index a) const {
  return data_->by_designated.at(a);
}
const detail::bit_matrix& corpus::provision_topics() const {
  return data_->provision_topics;
}
std::optional<index> corpus::topic_parent(index t) const {
  return data_->topic_parents.at(t);
}
std::span<const index> corpus::ratifications_of(index s) const {
  return data_->ratifications_by_actor.at(s);
}
std::span<const index> corpus::annexes_of(index i) const {
  return data_->annexes.at(i);
}
std::span<const index> corpus::bodies_of(index s) const {
  return data_->bodies.at(s);
}

std::vector<index> corpus::revision_chain(index i) const {
  const auto& c = data_->content;
  index first = i;
  while (!c.instruments[first].supersedes.empty())
    first = data_->instrument_ids.at(c.instruments[first].supersedes);
  std::vector<index> chain{first};
  while (auto next = data_->superseded_by[chain.back()]) chain.push_back(*next);
  return chain;
}

const dutymap::graph& corpus::graph() const {
  std::call_once(data_->graph_once,
                 [this] { data_->graph = std::make_unique<dutymap::graph>(*this); });
  return *data_->graph;
}

corpus_summary corpus::summary() const {
  const auto& c = data_->content;
  corpus_summary s;
  s.instruments = c.instruments.size();
  s.provisions = data_->provisions.size();
  s.topics = c.topics.size();
  s.sectors = c.sectors.size();
  s.actors = c.actors.size();
  s.ratifications = c.ratifications.size();
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
  for (const provision* p : data_->provisions) {
    for (stage st : p->stages.values()) ++s.provisions_by_stage[static_cast<std::size_t>(st)];
    ++s.provisions_by_coding[static_cast<std::size_t>(p->provenance.from)];
    ++s.provisions_by_confidence[static_cast<std::size_t>(p->provenance.level)];
    if (p->restricts()) ++s.restricting_provisions;
  }
  return s;
}

}  // namespace dutymap
