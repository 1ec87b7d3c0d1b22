// Gap reports read only what can apply in their corridor: the corridor indexes of the corpus, the
// nearest provisions and precedents checked against a plain reading of the whole corpus, and the
// parallel sweep checked against one report at a time.

#include "support.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>
#include <tuple>

using namespace dutymap;
using namespace dutymap::testing;

namespace {

using item = corpus::index;  // a dense index into the corpus

bool in_subtree(const std::string& topic, const std::string& root) {
  return topic == root || (topic.size() > root.size() && topic.compare(0, root.size(), root) == 0 &&
                           topic[root.size()] == '.');
}

bool protects_on(const provision& p, const std::string& topic) {
  return std::any_of(p.topics.begin(), p.topics.end(), [&](const topic_effect& t) {
    return t.effect == effect::protects && in_subtree(t.topic, topic);
  });
}

// docs/gaps.md: a provision is judged for the row's bearer when it names it, else for any bearer it
// names; a row outside the profile expects no bearer.
std::optional<role> judged_for(const provision& p, const gap_row& row) {
  return row.in_profile && p.bearers.contains(row.bearer) ? std::optional<role>(row.bearer)
                                                          : std::nullopt;
}

// Every protection of the corpus on the row's topic at its stage, judged as the row judges them.
struct judged {
  item provision;
  exclusion status;
  std::string why;
};
std::vector<judged> judge_all(const corpus& c, const corridor& k, const profile& prof,
                              const gap_row& row) {
  std::vector<judged> out;
  const auto ti = c.topic_index(row.topic);
  REQUIRE(ti);
  for (item pi : c.provisions_about_tree(*ti)) {
    const provision& p = c.provision_at(pi);
    if (!p.stages.contains(row.stage) || !protects_on(p, row.topic)) continue;
    judged j{pi, exclusion::counts, {}};
    j.status = provision_applies(c, pi, k, &prof, judged_for(p, row), &j.why);
    out.push_back(std::move(j));
  }
  return out;
}

// docs/gaps.md: what would count if one fact changed comes first, then other corridors'
// agreements, then kinds the profile does not accept; the corridor's own states first.
int closeness(const corpus& c, const corridor& k, const judged& j) {
  int by_reason = 0;
  switch (j.status) {
    case exclusion::not_ratified:
    case exclusion::ratified_after:
    case exclusion::denounced:
    case exclusion::part_excluded:
    case exclusion::territory:
      by_reason = 1;
      break;
    case exclusion::not_party:
      by_reason = 2;
      break;
    case exclusion::kind_not_accepted:
      by_reason = 3;
      break;
    default:
      break;
  }
  const auto& ps = c.instruments()[c.instrument_of(j.provision)].parties;
  const bool ours = std::find(ps.begin(), ps.end(), k.origin) != ps.end() ||
                    std::find(ps.begin(), ps.end(), k.destination) != ps.end();
  return by_reason * 2 + (ours ? 0 : 1);
}

// The nearest and the precedents of every row, read from the whole corpus.
void check_against_whole_corpus(const corpus& c, const corridor& k, const std::string& profile_id,
                                const gap_report& rep, const gap_options& o) {
  const profile& prof = c.get_profile(profile_id);
  for (const auto& row : rep.rows) {
    INFO(k.origin << "->" << k.destination << " " << profile_id << " " << row.topic << " at "
                  << name_of(row.stage));
    const auto all = judge_all(c, k, prof, row);
    if (row.status == gap_status::gap || row.status == gap_status::unknown ||
        row.status == gap_status::weak || row.status == gap_status::unassigned) {
      std::vector<const judged*> excluded;
      for (const auto& j : all)
        if (j.status != exclusion::counts) excluded.push_back(&j);
      std::stable_sort(excluded.begin(), excluded.end(), [&](const judged* a, const judged* b) {
        return closeness(c, k, *a) < closeness(c, k, *b);
      });
      std::vector<std::pair<std::string, std::string>> expected, got;
      for (std::size_t i = 0; i < excluded.size() && i < o.max_nearest; ++i)
        expected.emplace_back(c.provision_at(excluded[i]->provision).id, excluded[i]->why);
      // An `unknown` row adds to the note of a clause whose revision in force was not read.
      for (std::size_t i = 0; i < row.nearest.size(); ++i) {
        const auto& n = row.nearest[i];
        const bool longer = row.status == gap_status::unknown && i < expected.size() &&
                            n.note.rfind(expected[i].second, 0) == 0;
        got.emplace_back(n.provision, longer ? expected[i].second : n.note);
      }
      CHECK(got == expected);
    } else {
      CHECK(row.nearest.empty());
    }
    if (row.status == gap_status::binding || row.status == gap_status::committed) {
      CHECK(row.precedents.empty());
      continue;
    }
    std::set<std::string> decided;
    for (const auto& d : row.decided_by) decided.insert(d.provision);
    std::vector<const judged*> pool;
    for (const auto& j : all)
      if (!decided.count(c.provision_at(j.provision).id)) pool.push_back(&j);
    auto key = [&](const judged* j) {
      const provision& p = c.provision_at(j->provision);
      const auto& in = c.instruments()[c.instrument_of(j->provision)];
      const int tier =
          in.kind == instrument_kind::recommendation || in.kind == instrument_kind::guidelines ? 2
          : in.binding                                                                         ? 0
                                                                                               : 1;
      return std::make_tuple(tier, -static_cast<int>(p.strength), p.qualifiers.size(),
                             -static_cast<int>(p.provenance.level));
    };
    std::stable_sort(pool.begin(), pool.end(),
                     [&](const judged* a, const judged* b) { return key(a) < key(b); });
    std::vector<std::string> expected, got;
    std::set<item> seen;
    for (const auto* j : pool) {
      if (expected.size() >= o.max_precedents) break;
      if (!seen.insert(c.instrument_of(j->provision)).second) continue;
      expected.push_back(c.provision_at(j->provision).id);
    }
    for (const auto& p : row.precedents) got.push_back(p.provision);
    CHECK(got == expected);
    // A precedent that does not count here says why, as the nearest do.
    for (const auto& p : row.precedents) {
      const auto it = std::find_if(all.begin(), all.end(), [&](const judged& j) {
        return c.provision_at(j.provision).id == p.provision;
      });
      REQUIRE(it != all.end());
      if (it->status != exclusion::counts)
        CHECK_THAT(p.note, Catch::Matchers::EndsWith("; not in force here: " + it->why));
    }
  }
}

std::vector<std::pair<std::string, std::string>> bilateral_pairs(const corpus& c) {
  std::set<std::pair<std::string, std::string>> pairs;
  for (const auto& in : c.instruments())
    if (in.level == level::bilateral && in.parties.size() == 2) {
      pairs.emplace(in.parties[0], in.parties[1]);
      pairs.emplace(in.parties[1], in.parties[0]);
    }
  return {pairs.begin(), pairs.end()};
}

const corpus& synthetic_small() {
  static const corpus c = [] {
    synthetic_options o;
    o.instruments = 160;
    o.states = 12;
    o.topics = 60;
    o.seed = 5;
    return synthetic_corpus(o);
  }();
  return c;
}

}  // namespace

TEST_CASE("the corridor indexes list each instrument under its parties and pairs", "[corpus]") {
  const corpus& c = synthetic_small();
  for (item ii = 0; ii < c.instruments().size(); ++ii) {
    const auto& in = c.instruments()[ii];
    for (const auto& party : in.parties) {
      const auto listed = c.instruments_with_party(*c.actor_index(party), in.level);
      CHECK(std::binary_search(listed.begin(), listed.end(), ii));
    }
    if (in.level == level::bilateral) {
      const auto a = *c.actor_index(in.parties[0]), b = *c.actor_index(in.parties[1]);
      for (auto between : {c.bilateral_between(a, b), c.bilateral_between(b, a)})
        CHECK(std::binary_search(between.begin(), between.end(), ii));
    }
    const auto universal = c.universal_instruments();
    CHECK(std::binary_search(universal.begin(), universal.end(), ii) ==
          (in.level == level::global && !is_ratifiable(in.kind)));
  }
  for (item ai = 0; ai < c.actors().size(); ++ai) {
    const auto stateless = c.stateless_actors();
    const auto& a = c.actors()[ai];
    CHECK(std::binary_search(stateless.begin(), stateless.end(), ai) ==
          (a.kind != actor_kind::state && a.state.empty()));
  }
}

TEST_CASE("protection lists hold every protection on a topic's subtree at a stage", "[corpus]") {
  for (const corpus* c : {&builtin(), &synthetic_small()}) {
    for (item ti = 0; ti < c->topics().size(); ++ti) {
      const auto& topic = c->topics()[ti].id;
      for (stage s : stage_set::all().values()) {
        std::vector<item> expected;
        for (item pi : c->provisions_about_tree(ti))
          if (c->provision_at(pi).stages.contains(s) && protects_on(c->provision_at(pi), topic))
            expected.push_back(pi);
        const auto listed = c->protections(ti, s);
        std::vector<item> got(listed.begin(), listed.end());
        // Grouped by kind, ascending within each kind.
        CHECK(std::is_sorted(got.begin(), got.end(), [&](item a, item b) {
          return std::make_pair(c->instruments()[c->instrument_of(a)].kind, a) <
                 std::make_pair(c->instruments()[c->instrument_of(b)].kind, b);
        }));
        std::vector<item> by_kind;
        for (std::size_t k = 0; k < enum_names<instrument_kind>::values.size(); ++k) {
          const auto group = c->protections(ti, s, static_cast<instrument_kind>(k));
          for (item pi : group)
            CHECK(c->instruments()[c->instrument_of(pi)].kind == static_cast<instrument_kind>(k));
          by_kind.insert(by_kind.end(), group.begin(), group.end());
        }
        CHECK(by_kind == got);
        std::sort(got.begin(), got.end());
        CHECK(got == expected);
        const auto ranked = c->protections_by_precedence(ti, s);
        std::vector<item> sorted_ranked(ranked.begin(), ranked.end());
        std::sort(sorted_ranked.begin(), sorted_ranked.end());
        CHECK(sorted_ranked == expected);
      }
    }
  }
}

TEST_CASE("party protections are a state's agreements with others and in its region", "[corpus]") {
  const corpus& c = synthetic_small();
  for (item ai = 0; ai < c.actors().size(); ++ai) {
    if (c.actors()[ai].kind != actor_kind::state) continue;
    const auto& state = c.actors()[ai].id;
    for (item ti = 0; ti < c.topics().size(); ti += 7)
      for (stage s : {stage::pre_departure, stage::employment})
        for (std::size_t k = 0; k < enum_names<instrument_kind>::values.size(); ++k) {
          const auto kind = static_cast<instrument_kind>(k);
          std::vector<item> expected;
          for (item pi : c.protections(ti, s, kind)) {
            const auto& in = c.instruments()[c.instrument_of(pi)];
            if (!is_ratifiable(in.kind) && in.level != level::global &&
                std::find(in.parties.begin(), in.parties.end(), state) != in.parties.end())
              expected.push_back(pi);
          }
          const auto got = c.party_protections(ai, ti, s, kind);
          CHECK(std::vector<item>(got.begin(), got.end()) == expected);
        }
  }
}

TEST_CASE("nearest and precedents are those of the whole corpus (built-in corpus)", "[gaps]") {
  const corpus& c = builtin();
  for (const auto& [o, d] : bilateral_pairs(c))
    for (const char* as_of : {"2012", "2017-12-31"})
      for (const auto& p : c.profiles()) {
        const corridor k = make_corridor(o, d, as_of);
        check_against_whole_corpus(c, k, p.id, gaps(c, k, p.id), {});
      }
}

TEST_CASE("nearest and precedents are those of the whole corpus (synthetic corpus)", "[gaps]") {
  const corpus& c = synthetic_small();
  auto pairs = bilateral_pairs(c);
  // And corridors with no agreement at all.
  pairs.emplace_back(c.actors().front().id, c.actors().back().id);
  gap_options wide;
  wide.max_nearest = 25;
  wide.max_precedents = 20;
  std::size_t reports = 0;
  for (std::size_t i = 0; i < pairs.size(); i += 11) {
    const auto& [o, d] = pairs[i];
    if (c.find_actor(o)->kind != actor_kind::state || c.find_actor(d)->kind != actor_kind::state)
      continue;
    for (const auto& p : c.profiles()) {
      const corridor k =
          make_corridor(o, d, i % 2 ? "2008" : "2021-06-30", i % 4 == 0 ? "fishing" : "");
      if (reports % 2)
        check_against_whole_corpus(c, k, p.id, gaps(c, k, p.id, wide), wide);
      else
        check_against_whole_corpus(c, k, p.id, gaps(c, k, p.id), {});
      ++reports;
    }
  }
  CHECK(reports > 20);
}

TEST_CASE("a provision's verdict is the same whether or not its reason is asked for", "[gaps]") {
  // The reason is worded only on request (and, in reports, once per instrument): the verdict
  // must not depend on it, for any bearer, including provisions of conventions with several.
  for (const corpus* c : {&builtin(), &synthetic_small()}) {
    const auto pairs = bilateral_pairs(*c);
    std::size_t judged = 0, excluded = 0;
    for (std::size_t i = 0; i < pairs.size(); i += 3) {
      const corridor k =
          make_corridor(pairs[i].first, pairs[i].second, i % 2 ? "2012" : "2021-06-30",
                        i % 4 == 0 && c == &synthetic_small() ? "fishing" : "");
      for (item pi = 0; pi < c->provision_count(); ++pi) {
        std::vector<std::optional<role>> bearers{std::nullopt};
        for (role r : c->provision_at(pi).bearers.values()) bearers.emplace_back(r);
        for (const auto& bearer : bearers) {
          std::string why;
          const auto worded = provision_applies(*c, pi, k, nullptr, bearer, &why);
          CHECK(provision_applies(*c, pi, k, nullptr, bearer) == worded);
          CHECK(why.empty() == (worded == exclusion::counts));
          ++judged;
          excluded += worded != exclusion::counts;
        }
      }
    }
    CHECK(judged > 1000);
    CHECK(excluded > 100);
  }
}

TEST_CASE("an actor's obligations are those of the whole corpus", "[accountability]") {
  // obligations_of reads only the instruments that may apply in the corridor; the plain reading:
  // every provision of the corpus naming the actor, or borne by a role it plays, that applies.
  const corpus& c = synthetic_small();
  const auto pairs = bilateral_pairs(c);
  std::size_t checked = 0, owed = 0;
  for (std::size_t i = 0; i < pairs.size(); i += 9) {
    const corridor k =
        make_corridor(pairs[i].first, pairs[i].second, i % 2 ? "2008" : "2021-06-30");
    for (const auto& state : {k.origin, k.destination}) {
      const role state_role = state == k.origin ? role::origin_state : role::destination_state;
      const item s = *c.actor_index(state);
      std::vector<item> actors{s};
      for (item b : c.bodies_of(s)) actors.push_back(b);
      for (item a : actors) {
        const actor& ac = c.actors()[a];
        // Roles as docs/accountability.md gives them (kinds with roles of their own left out).
        if (ac.kind == actor_kind::union_ || ac.kind == actor_kind::ngo ||
            ac.kind == actor_kind::employer)
          continue;
        const role_set roles = ac.roles.empty() ? role_set{state_role} : ac.roles;
        std::set<std::string> expected;
        for (item pi = 0; pi < c.provision_count(); ++pi) {
          const provision& p = c.provision_at(pi);
          bool owes =
              std::find(p.designated.begin(), p.designated.end(), ac.id) != p.designated.end() &&
              provision_applies(c, pi, k) == exclusion::counts;
          for (role r : roles.values())
            owes = owes || (p.bearers.contains(r) &&
                            provision_applies(c, pi, k, nullptr, r) == exclusion::counts);
          if (owes) expected.insert(p.id);
        }
        std::set<std::string> got;
        for (const auto& o : obligations_of(c, ac.id, k)) got.insert(o.provision.provision);
        CHECK(got == expected);
        ++checked;
        owed += got.size();
      }
    }
  }
  CHECK(checked > 20);
  CHECK(owed > 100);
}

TEST_CASE("gaps_many answers every question as gaps does, in order, on any number of threads",
          "[gaps][concurrency]") {
  for (const corpus* c : {&builtin(), &synthetic_small()}) {
    std::vector<std::pair<corridor, std::string>> questions;
    const auto pairs = bilateral_pairs(*c);
    for (std::size_t i = 0; i < pairs.size(); i += c == &builtin() ? 1 : 4)
      for (const auto& p : c->profiles())
        questions.emplace_back(make_corridor(pairs[i].first, pairs[i].second, "2019-06-30"), p.id);
    std::vector<gap_report> one_by_one;
    for (const auto& [k, p] : questions) one_by_one.push_back(gaps(*c, k, p));
    for (unsigned threads : {0u, 1u, 2u, 3u, 64u}) {
      INFO("threads " << threads);
      const auto many = gaps_many(*c, questions, {}, threads);
      REQUIRE(many.size() == questions.size());
      for (std::size_t i = 0; i < many.size(); ++i) {
        CHECK(many[i].corridor == one_by_one[i].corridor);
        CHECK(many[i].profile == one_by_one[i].profile);
        REQUIRE(many[i].rows.size() == one_by_one[i].rows.size());
        for (std::size_t r = 0; r < many[i].rows.size(); ++r) {
          const auto& a = many[i].rows[r];
          const auto& b = one_by_one[i].rows[r];
          CHECK(std::tie(a.topic, a.stage, a.bearer, a.status, a.explanation, a.actors) ==
                std::tie(b.topic, b.stage, b.bearer, b.status, b.explanation, b.actors));
          CHECK(a.precedents.size() == b.precedents.size());
          CHECK(a.nearest.size() == b.nearest.size());
        }
      }
    }
  }
  CHECK(gaps_many(builtin(), {}).empty());
}

TEST_CASE("gaps_many rethrows the first failing question's exception, whatever the threads",
          "[gaps][concurrency]") {
  const corpus& c = builtin();
  std::vector<std::pair<corridor, std::string>> questions;
  for (int i = 0; i < 40; ++i)
    questions.emplace_back(make_corridor("KHM", "THA", "2017"), "ilo-migrant-core");
  questions[25].second = "no-such-profile";
  questions[31].first.origin = "XXX";
  questions[12].first.sector = "no-such-sector";
  for (unsigned threads : {1u, 2u, 4u}) {
    INFO("threads " << threads);
    try {
      gaps_many(c, questions, {}, threads);
      FAIL("no exception");
    } catch (const std::invalid_argument& e) {
      CHECK_THAT(e.what(), Catch::Matchers::Contains("no-such-sector"));
    }
  }
}

TEST_CASE("a corpus with other ratification records shares the rest and answers as if rebuilt",
          "[corpus][scenario]") {
  const corpus& c = builtin();
  std::vector<ratification> records(c.ratifications().begin(), c.ratifications().end());
  ratification added;
  added.state = "MYS";
  added.instrument = "ilo-c189";
  added.ratified_on = date{2018, 1, 1};
  added.source = "test";
  records.insert(records.begin(), added);
  std::erase_if(
      records, [](const ratification& r) { return r.state == "THA" && r.instrument == "ilo-c29"; });
  const corpus shared = c.with_ratifications(records);
  corpus_content whole = c.content();
  whole.ratifications = records;
  const corpus rebuilt = corpus::build(whole);

  CHECK(shared == rebuilt);
  CHECK(rebuilt == shared);
  CHECK_FALSE(shared == c);
  CHECK(shared.content() == rebuilt.content());
  CHECK(shared.instruments().data() == c.instruments().data());  // not copied
  CHECK(shared.summary().ratifications == rebuilt.summary().ratifications);
  REQUIRE(shared.find_ratification("MYS", "ilo-c189"));
  CHECK(shared.find_ratification("THA", "ilo-c29") == nullptr);
  for (const char* state : {"MYS", "THA", "KHM"}) {
    const auto si = *shared.actor_index(state);
    CHECK(shared.ratifications_of(si).size() == rebuilt.ratifications_of(si).size());
  }
  for (const auto& [o, d] : bilateral_pairs(c))
    for (const auto& p : c.profiles()) {
      const corridor k = make_corridor(o, d, "2019-06-30", "domestic_work");
      const auto a = gaps(shared, k, p.id), b = gaps(rebuilt, k, p.id);
      REQUIRE(a.rows.size() == b.rows.size());
      for (std::size_t r = 0; r < a.rows.size(); ++r)
        CHECK(std::tie(a.rows[r].status, a.rows[r].explanation) ==
              std::tie(b.rows[r].status, b.rows[r].explanation));
    }
  // Records of records: still shared with the first corpus, not chained.
  const corpus again = shared.with_ratifications(
      std::vector<ratification>(c.ratifications().begin(), c.ratifications().end()));
  CHECK(again == c);
  CHECK(again.instruments().data() == c.instruments().data());
}

TEST_CASE("ratification records are checked as corpus::build checks them", "[corpus][scenario]") {
  const corpus& c = builtin();
  auto with = [&](ratification r) {
    std::vector<ratification> records(c.ratifications().begin(), c.ratifications().end());
    records.push_back(std::move(r));
    return records;
  };
  auto message_of = [](auto&& make) -> std::string {
    try {
      make();
    } catch (const corpus_error& e) {
      return e.what();
    }
    return "";
  };
  ratification bad;
  bad.state = "KHM.MOLVT";
  bad.instrument = "mou-khm-tha-2015";
  bad.source = "test";
  const auto records = with(bad);
  const std::string shared = message_of([&] { return c.with_ratifications(records); });
  corpus_content whole = c.content();
  whole.ratifications = records;
  const std::string rebuilt = message_of([&] { return corpus::build(whole); });
  CHECK_THAT(shared, Catch::Matchers::Contains("is not a state"));
  CHECK_THAT(shared, Catch::Matchers::Contains("cannot be ratified"));
  CHECK_THAT(shared, Catch::Matchers::Contains("neither `signed` nor `ratified`"));
  CHECK(shared == rebuilt);
  ratification twice = c.ratifications().front();
  CHECK_THAT(message_of([&] { return c.with_ratifications(with(twice)); }),
             Catch::Matchers::Contains("has two records"));
}

TEST_CASE("a scenario of ratifications shares its base; one of instruments rebuilds",
          "[scenario]") {
  const corpus& c = builtin();
  scenario dated(c);
  dated.as_of(date{2015, 1, 1});
  CHECK(dated.result().instruments().data() == c.instruments().data());
  CHECK(dated.result() == c);

  scenario ratified(c);
  ratified.ratify("MYS", "ilo-c189", date{2018, 1, 1}).withdraw("THA", "ilo-c29");
  CHECK(ratified.result().instruments().data() == c.instruments().data());
  scenario removed(c);
  removed.ratify("MYS", "ilo-c189", date{2018, 1, 1}).remove_instrument("mou-khm-tha-2003");
  CHECK(removed.result().instruments().data() != c.instruments().data());
  CHECK(removed.result().instruments().size() + 1 == c.instruments().size());
  CHECK(removed.result().find_ratification("MYS", "ilo-c189"));

  scenario wrong(c);
  wrong.ratify("MYS", "mou-khm-mys-2015-dw", date{2018, 1, 1});
  CHECK_THROWS_AS(wrong.result(), corpus_error);
}

TEST_CASE("gaps_many can hand each report over as soon as it is ready", "[gaps][concurrency]") {
  const corpus& c = synthetic_small();
  std::vector<std::pair<corridor, std::string>> questions;
  for (const auto& [o, d] : bilateral_pairs(c))
    questions.emplace_back(make_corridor(o, d, "2019-06-30"), c.profiles().front().id);
  const auto kept = gaps_many(c, questions, {}, 1);
  for (unsigned threads : {1u, 3u}) {
    std::vector<std::size_t> rows(questions.size(), 0);
    std::vector<int> calls(questions.size(), 0);
    int inside = 0, overlapping = 0;  // plain ints: the calls come one at a time
    gaps_many(
        c, questions,
        [&](std::size_t i, gap_report&& r) {
          if (inside++) ++overlapping;
          rows[i] = r.rows.size();
          ++calls[i];
          --inside;
        },
        {}, threads);
    CHECK(overlapping == 0);
    for (std::size_t i = 0; i < questions.size(); ++i) {
      CHECK(calls[i] == 1);
      CHECK(rows[i] == kept[i].rows.size());
    }
  }
  // An exception from the receiver is its question's.
  CHECK_THROWS_WITH(gaps_many(
                        c, questions,
                        [&](std::size_t i, gap_report&&) {
                          if (i >= 2) throw std::runtime_error("stop at " + std::to_string(i));
                        },
                        {}, 2),
                    "stop at 2");
}
