// Accountability queries on the built-in corpus.

#include "support.hpp"

#include <algorithm>

using namespace dutymap;
using namespace dutymap::testing;

namespace {
corridor khm_tha(const char* as_of = "2017-12-31") {
  corridor k;
  k.origin = "KHM";
  k.destination = "THA";
  k.as_of = date::parse(as_of);
  return k;
}
}  // namespace

TEST_CASE("obligations of the Cambodian labour ministry in the Thailand corridor",
          "[accountability]") {
  const auto ob = obligations_of(builtin(), "KHM.MOLVT", khm_tha());
  REQUIRE_FALSE(ob.empty());
  // Everything it owes applies in the corridor and is borne as the origin state or names it.
  for (const auto& o : ob) {
    CHECK((o.as == role::origin_state || o.designated));
    const auto pi = *builtin().provision_index(o.provision.provision);
    CHECK(provision_applies(builtin(), pi, khm_tha(), nullptr, o.as) == exclusion::counts);
  }
  // The Sub-Decree and the LMP name it; Thai law, a Malaysian MOU or an unratified convention do
  // not reach it.
  CHECK(std::any_of(ob.begin(), ob.end(), [](const obligation& o) { return o.designated; }));
  CHECK(std::none_of(ob.begin(), ob.end(), [](const obligation& o) {
    return o.provision.instrument.rfind("mou-khm-mys", 0) == 0;
  }));
  CHECK(std::none_of(ob.begin(), ob.end(),
                     [](const obligation& o) { return o.provision.instrument == "ilo-c189"; }));
  // Sorted by first stage.
  CHECK(std::is_sorted(ob.begin(), ob.end(), [](const obligation& a, const obligation& b) {
    return a.stages.values().front() < b.stages.values().front();
  }));
  CHECK_THROWS_WITH(obligations_of(builtin(), "KHM.MOLTV", khm_tha()),
                    Catch::Matchers::Contains("did you mean `KHM.MOLVT`?"));
}

TEST_CASE("who owes protection from forced labour in Thailand", "[accountability]") {
  const auto who =
      responsible(builtin(), "forced_labour.protection", stage::employment, khm_tha("2019-12-31"));
  REQUIRE_FALSE(who.empty());
  bool tha_c29 = false;
  for (const auto& r : who) {
    if (r.actor == "THA" && r.provision.instrument == "ilo-c29") tha_c29 = true;
    CHECK_FALSE(r.provision.instrument == "ilo-c189");  // not ratified by either state
  }
  CHECK(tha_c29);
  CHECK_THROWS_AS(responsible(builtin(), "forced.labour", stage::employment, khm_tha()),
                  std::out_of_range);
}

TEST_CASE("structural gaps: unnamed bodies and roles nobody plays", "[accountability]") {
  const auto gaps = structural_gaps(builtin(), khm_tha());
  REQUIRE_FALSE(gaps.empty());
  for (const auto& g : gaps) {
    const provision* p = builtin().find_provision(g.provision.provision);
    REQUIRE(p);
    CHECK(p->bearers.contains(g.bearer));
    if (g.kind == structural_kind::no_designated_body) {
      CHECK(is_state_role(g.bearer));
      for (const auto& d : p->designated)
        CHECK(builtin().get_actor(d).state != (g.bearer == role::origin_state ? "KHM" : "THA"));
    }
    if (g.kind == structural_kind::no_bearer)
      CHECK(g.bearer == role::transit_state);  // no transit state given
  }
  // Naming a transit state removes the no-bearer gaps.
  auto with_transit = khm_tha();
  with_transit.transit = {"LAO"};
  for (const auto& g : structural_gaps(builtin(), with_transit))
    CHECK(g.kind != structural_kind::no_bearer);
}

TEST_CASE("remedy paths: where a Cambodian worker can complain, and where not",
          "[accountability]") {
  const auto rep = remedy_paths(builtin(), khm_tha());
  // Every path ends at an actor that takes complaints at that stage, and follows referrals.
  for (const auto& p : rep.paths) {
    REQUIRE_FALSE(p.actors.empty());
    CHECK(builtin().get_actor(p.actors.back()).receives_complaints.contains(p.stage));
    for (std::size_t i = 0; i + 1 < p.actors.size(); ++i) {
      const auto& refs = builtin().get_actor(p.actors[i]).refers_to;
      CHECK(std::any_of(refs.begin(), refs.end(),
                        [&](const referral& r) { return r.actor == p.actors[i + 1]; }));
    }
  }
  // The stages without a remedy are exactly those no path reaches.
  for (stage s : stage_set::all().values()) {
    const bool reached = std::any_of(rep.paths.begin(), rep.paths.end(),
                                     [&](const remedy_path& p) { return p.stage == s; });
    const bool none = std::find(rep.stages_without_remedy.begin(), rep.stages_without_remedy.end(),
                                s) != rep.stages_without_remedy.end();
    CHECK(reached != none);
  }
  // Before departure, the provincial departments refer to the ministry.
  CHECK(std::any_of(rep.paths.begin(), rep.paths.end(), [](const remedy_path& p) {
    return p.stage == stage::pre_departure &&
           p.actors == std::vector<std::string>{"KHM.PDLVT", "KHM.MOLVT"};
  }));
}

TEST_CASE("responsibility load and centrality", "[accountability]") {
  const auto load = responsibility_load(builtin(), khm_tha());
  REQUIRE_FALSE(load.empty());
  auto find = [&](const char* id) {
    return *std::find_if(load.begin(), load.end(),
                         [&](const actor_load& l) { return l.actor == id; });
  };
  CHECK(find("KHM").total > find("KHM.MOLVT").total);  // the state carries what names no body
  CHECK(find("KHM.MOLVT").total > 0);
  for (const auto& l : load) {
    CHECK(l.centrality >= 0.0);
    CHECK(l.centrality <= 1.0);
    std::size_t staged = 0;
    for (auto n : l.by_stage) staged += n;
    CHECK(staged >= l.total);
  }
  CHECK(std::is_sorted(load.begin(), load.end(), [](const actor_load& a, const actor_load& b) {
    return a.centrality > b.centrality;
  }));
}
