// The synthetic corpus generator: deterministic, valid, shaped like the real corpus, and usable by
// every query.

#include "support.hpp"

#include <dutymap/synthetic.hpp>

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <set>

using namespace dutymap;
namespace fs = std::filesystem;

namespace {

synthetic_options sized(std::size_t instruments, std::uint64_t seed = 1) {
  synthetic_options o;
  o.instruments = instruments;
  o.seed = seed;
  return o;
}

// Size M, built once for the tests that only read it.
const corpus& medium() {
  static const corpus c = synthetic_corpus(synthetic_options::of_size("M"));
  return c;
}

// The (origin, destination) pair with the most bilateral instruments.
corridor busiest_corridor(const corpus& c) {
  std::map<std::pair<std::string, std::string>, int> count;
  for (const auto& in : c.instruments())
    if (in.level == level::bilateral && in.annex_to.empty())
      ++count[{in.parties[0], in.parties[1]}];
  const auto best = std::max_element(
      count.begin(), count.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
  corridor k;
  k.origin = best->first.first;
  k.destination = best->first.second;
  k.as_of = date{2020, 12, 31};
  return k;
}

}  // namespace

TEST_CASE("synthetic corpus: equal options give equal content; another seed gives another corpus",
          "[synthetic]") {
  const auto a = synthetic_content(sized(200));
  CHECK(a == synthetic_content(sized(200)));
  CHECK_FALSE(a == synthetic_content(sized(200, 2)));
  auto more_topics = sized(200);
  more_topics.topics = 120;
  CHECK_FALSE(a == synthetic_content(more_topics));
}

TEST_CASE("synthetic corpus: the generator gives the same corpus on every platform",
          "[synthetic]") {
  // Integer maths only: these values hold with every compiler and standard library. A change to
  // the generator changes them (and every benchmark corpus): update them deliberately.
  const corpus c = synthetic_corpus(sized(200));
  CHECK(c.provision_count() == 8807);
  CHECK(c.actors().size() == 190);
  CHECK(c.ratifications().size() == 91);
  CHECK(c.instruments().front().id == "agr-qma-qmd-2011");
  CHECK(c.instruments().back().id == "reg1-declaration-2009");
  // FNV-1a over what each provision says, the ratification dates and the profiles' norms.
  std::uint64_t h = 14695981039346656037ull;
  auto add = [&](std::string_view s) {
    for (unsigned char ch : s) h = (h ^ ch) * 1099511628211ull;
  };
  for (corpus::index p = 0; p < c.provision_count(); ++p) {
    const provision& pr = c.provision_at(p);
    add(pr.id);
    add(name_of(pr.modality));
    add(name_of(pr.strength));
    add(std::to_string(pr.bearers.bits() * 31 + pr.stages.bits()));
    for (const auto& t : pr.topics) add(t.topic);
  }
  for (const auto& r : c.ratifications())
    add(r.state + r.instrument + (r.ratified_on ? r.ratified_on->str() : "-"));
  for (const auto& pf : c.profiles())
    for (const auto& n : pf.norms) add(n.topic + std::string(name_of(n.bearer)));
  CHECK(h == 0x0e12fef93a0afa9full);
}

TEST_CASE("synthetic corpus: sizes name the benchmark corpora", "[synthetic]") {
  CHECK(synthetic_options::of_size("M").instruments == 1000);
  CHECK(synthetic_options::of_size("L").instruments == 10000);
  CHECK(synthetic_options::of_size("XL").instruments == 50000);
  CHECK(synthetic_options::of_size("M") == synthetic_options{});
  CHECK_THROWS_WITH(synthetic_options::of_size("S"), Catch::Matchers::Contains("built-in"));
  CHECK_THROWS_WITH(synthetic_options::of_size("xxl"),
                    Catch::Matchers::Contains("M (1,000 instruments), L (10,000) and XL"));
  CHECK_THROWS_AS(synthetic_content(sized(19)), std::invalid_argument);
  auto bad = sized(200);
  bad.min_provisions = 90;
  CHECK_THROWS_WITH(synthetic_content(bad), Catch::Matchers::Contains("min_provisions"));
  bad = sized(200);
  bad.states = 365;
  CHECK_THROWS_WITH(synthetic_content(bad), Catch::Matchers::Contains("states"));
}

TEST_CASE("synthetic corpus: the corpus has exactly the instruments asked for, and builds",
          "[synthetic]") {
  for (std::size_t n : {20u, 57u, 200u})
    for (std::uint64_t seed : {1u, 7u, 1234567u}) {
      INFO("instruments " << n << ", seed " << seed);
      const corpus c = synthetic_corpus(sized(n, seed));
      CHECK(c.instruments().size() == n);
    }
  CHECK(medium().instruments().size() == 1000);
  auto few = sized(100);
  few.topics = 10;
  few.states = 2;
  CHECK(synthetic_corpus(few).topics().size() == 10);
}

TEST_CASE("synthetic corpus: bilateral instruments have 20 to 80 provisions, origin first",
          "[synthetic]") {
  const corpus& c = medium();
  std::size_t bilateral = 0;
  for (const auto& in : c.instruments()) {
    if (in.level != level::bilateral) continue;
    ++bilateral;
    INFO(in.id);
    CHECK(in.provisions.size() >= 20);
    CHECK(in.provisions.size() <= 80);
    REQUIRE(in.parties.size() == 2);
    // Ids name the origin first: mou-<origin>-<destination>-<year>.
    std::string origin = in.parties[0];
    for (char& ch : origin) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    CHECK(in.id.substr(4, 3) == origin);
  }
  CHECK(bilateral > 800);
  // Every provision says it is synthetic.
  std::size_t unmarked = 0;
  for (corpus::index p = 0; p < c.provision_count(); ++p)
    if (c.provision_at(p).provenance.source.rfind("synthetic", 0) != 0) ++unmarked;
  CHECK(unmarked == 0);
}

TEST_CASE(
    "synthetic corpus: revisions, annexes, ratifications and profiles have the real corpus's "
    "shapes",
    "[synthetic]") {
  const corpus& c = medium();
  std::size_t revised = 0, annexes = 0, expired = 0, sector_scoped = 0, regional = 0, laws = 0,
              global = 0;
  std::size_t longest_chain = 0;
  std::set<instrument_kind> kinds;
  for (corpus::index i = 0; i < c.instruments().size(); ++i) {
    const auto& in = c.instruments()[i];
    kinds.insert(in.kind);
    if (!in.supersedes.empty()) ++revised;
    if (!in.annex_to.empty()) {
      ++annexes;
      const auto& parent = c.get_instrument(in.annex_to);
      CHECK(in.kind == instrument_kind::standard_contract);
      CHECK(in.parties == parent.parties);
      CHECK(in.expires == parent.expires);
    }
    if (in.expires && in.expires->year < 2024) ++expired;
    if (!in.scope.sectors.empty()) ++sector_scoped;
    if (in.level == level::regional) {
      ++regional;
      CHECK(c.find_actor(in.region));
    }
    if (in.level == level::national) ++laws;
    if (in.level == level::global) ++global;
    longest_chain = std::max(longest_chain, c.revision_chain(i).size());
  }
  CHECK(revised > 100);
  CHECK(annexes > 100);
  CHECK(expired > 50);
  CHECK(sector_scoped > 50);
  CHECK(regional >= 2);
  CHECK(laws >= 100);
  CHECK(global == 20);
  CHECK(longest_chain >= 3);
  CHECK(kinds.size() == enum_names<instrument_kind>::values.size());

  std::size_t signed_only = 0, denounced = 0, excluding = 0, limited = 0;
  std::map<std::string, std::size_t> per_state;
  for (const auto& r : c.ratifications()) {
    if (!r.ratified_on) ++signed_only;
    if (r.denounced_on) ++denounced;
    if (!r.excludes.empty()) ++excluding;
    if (!r.limited_to.empty()) ++limited;
    if (r.ratified_on) ++per_state[r.state];
  }
  CHECK(signed_only > 0);
  CHECK(denounced > 0);
  CHECK(excluding > 0);
  CHECK(limited > 0);
  // Some states ratify many conventions, some few.
  std::size_t most = 0, fewest = 1000;
  for (const auto& a : c.actors())
    if (a.kind == actor_kind::state) {
      most = std::max(most, per_state[a.id]);
      fewest = std::min(fewest, per_state[a.id]);
    }
  CHECK(most >= fewest + 5);

  std::set<actor_kind> actor_kinds;
  for (const auto& a : c.actors()) actor_kinds.insert(a.kind);
  for (auto k :
       {actor_kind::state, actor_kind::ministry, actor_kind::department, actor_kind::agency,
        actor_kind::association, actor_kind::union_, actor_kind::ngo, actor_kind::service,
        actor_kind::regional_body, actor_kind::international_organisation})
    CHECK(actor_kinds.count(k));

  REQUIRE(c.profiles().size() >= 5);
  const auto& bilateral_only = c.get_profile("syn-bilateral-minimum");
  CHECK(bilateral_only.accepts.size() == 3);
  CHECK_FALSE(bilateral_only.accepts_kind(instrument_kind::convention));

  const auto s = c.summary();
  CHECK(s.restricting_provisions > s.provisions / 50);
  CHECK(s.restricting_provisions < s.provisions / 5);
  CHECK(s.provisions_by_coding[static_cast<int>(coded_from::secondary)] > 0);
}

TEST_CASE("a synthetic corpus saves and loads back equal", "[synthetic][save]") {
  const corpus c = synthetic_corpus(sized(60, 3));
  const auto dir =
      fs::temp_directory_path() / ("dutymap-test-synthetic-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  save(c, dir);
  CHECK(load({dir}, corpus{}) == c);
  fs::remove_all(dir);
}

TEST_CASE("gap reports and comparisons on a synthetic corpus give varied answers",
          "[synthetic][gaps]") {
  const corpus& c = medium();
  const corridor k = busiest_corridor(c);
  INFO(k.origin << " -> " << k.destination);
  std::set<gap_status> statuses;
  for (const auto& p : c.profiles()) {
    const gap_report r = gaps(c, k, p.id);
    CHECK(r.profile_rows().size() == p.norms.size());
    for (const auto* row : r.profile_rows()) statuses.insert(row->status);
  }
  for (auto s : {gap_status::conflict, gap_status::binding, gap_status::committed,
                 gap_status::guidance, gap_status::weak, gap_status::gap})
    CHECK(statuses.count(s));

  const auto core = gaps(c, k, "syn-core");
  std::set<gap_status> in_core;
  for (const auto* row : core.profile_rows()) in_core.insert(row->status);
  CHECK(in_core.size() >= 4);

  // The instruments of the corridor compare, and revisions of one chain resemble each other.
  const auto ids = bilateral_instruments(c, k.origin, k.destination);
  REQUIRE(ids.size() >= 3);
  const comparison cmp = compare(c, ids);
  CHECK(cmp.matrix.rows() == static_cast<Eigen::Index>(ids.size()));
  CHECK(cmp.matrix.cols() > 30);
  CHECK(cmp.matrix.maxCoeff() > 0);
  CHECK(cmp.matrix.minCoeff() < 0);  // some clauses restrict the worker
  const auto chain = c.revision_chain(*c.instrument_index(ids.front()));
  if (chain.size() >= 2) {
    const auto steps = revisions(c, c.instruments()[chain.back()].id);
    CHECK(steps.size() == chain.size() - 1);
    CHECK_FALSE(steps.front().added.empty());
  }
  const auto scores = score(c, ids, "syn-bilateral-minimum");
  CHECK(scores.size() == ids.size());
}
