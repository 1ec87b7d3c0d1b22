// Validation of corpus content: every problem found, each located through the source map.

#include "validation.hpp"

#include <dutymap/detail/nearest.hpp>

#include <algorithm>
#include <functional>
#include <optional>
#include <string_view>
#include <tuple>

namespace dutymap::corpus_parts {

using index = corpus::index;

namespace {

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

}  // namespace

void check_content(corpus::data& d, const detail::source_map* where) {
  const corpus_content& c = d.content;
  checker ck(c, where);

  check_ids(ck, "sector", c.sectors, d.sector_ids);
  check_ids(ck, "topic", c.topics, d.topic_ids);
  check_ids(ck, "actor", c.actors, d.actor_ids);
  check_ids(ck, "instrument", c.instruments, d.instrument_ids);
  check_ids(ck, "profile", c.profiles, d.profile_ids);

  // The ids to suggest from, listed only when a message needs them.
  const lazy_ids topic_ids(c.topics), sector_ids(c.sectors), actor_ids(c.actors),
      instrument_ids(c.instruments);

  auto is_state = [&d](const std::string& id) { return names_state(d, id); };

  // Topics and sectors.
  for (const auto& s : c.sectors)
    if (s.title.empty()) ck.add({"sector/" + s.id}, "sector `" + s.id + "` has no `title`");
  for (const auto& t : c.topics) {
    const std::string key = "topic/" + t.id;
    if (t.title.empty()) ck.add({key}, "topic `" + t.id + "` has no `title`");
    if (t.description.empty()) ck.add({key}, "topic `" + t.id + "` has no `description`");
    if (t.stages.empty()) ck.add({key + "/stages", key}, "topic `" + t.id + "` has no `stages`");
    const auto parent = t.parent();
    if (!parent.empty() && !d.topic_ids.count(std::string(parent)))
      ck.add({key + "/id", key}, "topic `" + t.id + "` has no parent topic `" +
                                     std::string(parent) + "`; define it, or rename the topic");
  }

  // Actors.
  for (const auto& a : c.actors) {
    const std::string key = "actor/" + a.id;
    if (a.name.empty()) ck.add({key}, "actor `" + a.id + "` has no `name`");
    if (a.source.empty()) ck.add({key}, "actor `" + a.id + "` has no `source`");
    if (!a.state.empty() &&
        known_or_reported(ck, d.actor_ids, actor_ids, "actor", a.state, {key + "/state", key}) &&
        !is_state(a.state))
      ck.add({key + "/state", key},
             "`state` of actor `" + a.id + "` is `" + a.state + "`, which is not a state");
    if (a.kind == actor_kind::state && !a.state.empty())
      ck.add({key + "/kind", key + "/state", key},
             "actor `" + a.id + "` is a state and cannot belong to one");
    if (!a.located_in.empty() &&
        known_or_reported(ck, d.actor_ids, actor_ids, "actor", a.located_in,
                          {key + "/located_in", key}) &&
        !is_state(a.located_in))
      ck.add({key + "/located_in", key}, "`located_in` of actor `" + a.id + "` is `" +
                                             a.located_in + "`, which is not a state");
    if (a.kind == actor_kind::state && !a.located_in.empty())
      ck.add({key + "/located_in", key},
             "actor `" + a.id + "` is a state; `located_in` is for bodies that sit abroad");
    for (std::size_t i = 0; i < a.oversees.size(); ++i) {
      const auto& o = a.oversees[i];
      const std::string ok = key + "/oversees/" + std::to_string(i);
      if (o.actor.empty() == !o.target_role.has_value())
        ck.add({ok, key}, "an `oversees` entry of actor `" + a.id +
                              "` names exactly one of `actor` or `role`");
      known_or_reported(ck, d.actor_ids, actor_ids, "actor", o.actor, {ok + "/actor", ok, key});
      if (o.actor == a.id) ck.add({ok, key}, "actor `" + a.id + "` cannot oversee itself");
    }
    for (std::size_t i = 0; i < a.refers_to.size(); ++i) {
      const std::string rk = key + "/refers_to/" + std::to_string(i);
      if (a.refers_to[i].actor.empty())
        ck.add({rk, key}, "a `refers_to` entry of actor `" + a.id + "` names no `actor`");
      known_or_reported(ck, d.actor_ids, actor_ids, "actor", a.refers_to[i].actor,
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
      if (!known(d.sector_ids, x))
        known_or_reported(ck, d.sector_ids, sector_ids, "sector", x, {key() + "/scope", key()});
    for (const auto& x : s.excluded_sectors)
      if (!known(d.sector_ids, x))
        known_or_reported(ck, d.sector_ids, sector_ids, "sector", x, {key() + "/scope", key()});
  };
  {
    std::size_t provisions = 0;
    for (const auto& in : c.instruments) provisions += in.provisions.size();
    d.provisions.reserve(provisions);
    for (const auto& in : c.instruments)
      for (const auto& p : in.provisions) d.provisions.push_back(&p);
    d.provision_ids.reserve(provisions);
  }
  const auto provision_id = id_of_provision(d);
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
      if (known(d.actor_ids, in.parties[k]) && is_state(in.parties[k])) continue;
      const std::string pk = key() + "/parties/" + std::to_string(k);
      if (!known_or_reported(ck, d.actor_ids, actor_ids, "actor", in.parties[k],
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
    if (!known(d.actor_ids, in.region))
      known_or_reported(ck, d.actor_ids, actor_ids, "actor", in.region, {key() + "/region", key()});
    if (in.expires && in.effective() && in.expires->last_day() < in.effective()->first_day())
      ck.add({key() + "/expires", key()}, "instrument `" + in.id + "` expires (" +
                                              in.expires->str() + ") before it applies (" +
                                              in.effective()->str() + ")");
    if (!in.supersedes.empty() &&
        (known(d.instrument_ids, in.supersedes) ||
         known_or_reported(ck, d.instrument_ids, instrument_ids, "instrument", in.supersedes,
                           {key() + "/supersedes", key()}))) {
      const auto& old = c.instruments[d.instrument_ids.at(in.supersedes)];
      if (!std::is_permutation(old.parties.begin(), old.parties.end(), in.parties.begin(),
                               in.parties.end()))
        ck.add({key() + "/supersedes", key()},
               "instrument `" + in.id + "` supersedes `" + old.id + "`, which has other parties");
    }
    if (!in.annex_to.empty() &&
        (known(d.instrument_ids, in.annex_to) ||
         known_or_reported(ck, d.instrument_ids, instrument_ids, "instrument", in.annex_to,
                           {key() + "/annex_to", key()}))) {
      const auto& parent = c.instruments[d.instrument_ids.at(in.annex_to)];
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
      if (l.topic.empty() || !known_or_reported(ck, d.topic_ids, topic_ids, "topic", l.topic,
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
        if (!p.topics[k].topic.empty() && known(d.topic_ids, p.topics[k].topic)) continue;
        const std::string tk = pk() + "/topics/" + std::to_string(k);
        if (p.topics[k].topic.empty())
          ck.add({tk, pk() + "/topics", pk()}, name() + " lists an empty topic");
        known_or_reported(ck, d.topic_ids, topic_ids, "topic", p.topics[k].topic,
                          {tk, pk() + "/topics", pk()});
      }
      for (std::size_t k = 0; k < p.designated.size(); ++k) {
        if (!p.designated[k].empty() && known(d.actor_ids, p.designated[k])) continue;
        const std::string ak = pk() + "/designated/" + std::to_string(k);
        if (p.designated[k].empty())
          ck.add({ak, pk() + "/designated", pk()}, name() + " designates an empty actor id");
        known_or_reported(ck, d.actor_ids, actor_ids, "actor", p.designated[k],
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
      if (p.provenance.from == coded_from::draft && p.provenance.passage.empty())
        ck.add({pk() + "/provenance", pk()},
               name() +
                   " is a draft coding but gives no `passage`: the clause it was proposed "
                   "from, for the reviewer to check it against");
      // (The first of several provisions without an id is the one found by the empty id.)
      if (!d.provision_ids.insert(global_pi, provision_id) && !p.id.empty())
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
        auto it = d.instrument_ids.find(c.instruments[cur].supersedes);
        if (it == d.instrument_ids.end()) break;
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
  check_ratifications(ck, d, c.ratifications, d.ratification_ids);

  // Implementation records: each names a provision and an actor that exist, once per period.
  {
    std::optional<std::vector<std::string>> all_provisions;  // listed on the first unknown id
    std::unordered_map<std::string, index> seen;
    for (index ri = 0; ri < c.practice.size(); ++ri) {
      const auto& r = c.practice[ri];
      const std::string key = "practice/" + r.provision + "/" + r.actor + "/" + r.period.str();
      const std::string what = "implementation record of `" + r.provision + "` by `" + r.actor +
                               "` for " + r.period.str();
      if (r.provision.empty())
        ck.add({key}, "implementation record without a `provision`");
      else if (!d.provision_ids.find(r.provision, provision_id)) {
        if (!all_provisions) {
          all_provisions.emplace();
          for (const auto* p : d.provisions) all_provisions->push_back(p->id);
        }
        ck.add({key + "/provision", key}, "unknown provision `" + r.provision + "`" +
                                              detail::did_you_mean(r.provision, *all_provisions));
      }
      if (r.actor.empty())
        ck.add({key}, "implementation record without an `actor`");
      else
        known_or_reported(ck, d.actor_ids, actor_ids, "actor", r.actor, {key + "/actor", key});
      if (r.reported.empty()) ck.add({key}, what + " does not say what was `reported`");
      if (r.provenance.source.empty()) ck.add({key}, what + " has no `source`");
      if (r.provenance.passage.empty())
        ck.add({key}, what + " has no `passage` (the source's words that support the rating)");
      if (!seen.emplace(key, ri).second) ck.add({key}, "duplicate " + what);
    }
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
      else if (known_or_reported(ck, d.topic_ids, topic_ids, "topic", n.topic,
                                 {nk + "/topic", nk, key})) {
        const auto& t = c.topics[d.topic_ids.at(n.topic)];
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
}

void check_records(const corpus::data& items, const std::vector<ratification>& records,
                   std::unordered_map<std::string, index>& ids) {
  checker ck(items.content, nullptr);
  check_ratifications(ck, items, records, ids);
  if (auto problems = ck.take(); !problems.empty()) throw corpus_error(std::move(problems));
}

}  // namespace dutymap::corpus_parts
