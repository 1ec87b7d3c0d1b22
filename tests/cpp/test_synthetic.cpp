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
  CHECK(c.provision_count() == 8621);
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
  for (const auto& in : c.instruments()) {
    add(name_of(in.text));
    for (const auto& l : in.lacks)
      add(l.topic + std::to_string(l.stages.bits()) + std::string(name_of(l.provenance.level)));
  }
  CHECK(h == 0x3f9d48b0a81bfbd8ull);
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

TEST_CASE(
    "synthetic corpus: bilateral instruments have 20 to 80 provisions (none if nothing is known of "
    "them), origin first",
    "[synthetic]") {
  const corpus& c = medium();
  std::size_t bilateral = 0;
  for (const auto& in : c.instruments()) {
    if (in.level != level::bilateral) continue;
    ++bilateral;
    INFO(in.id);
    if (in.text == text_coverage::none) {
      CHECK(in.provisions.empty());
    } else {
      CHECK(in.provisions.size() >= 20);
      CHECK(in.provisions.size() <= 80);
    }
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

TEST_CASE(
    "synthetic corpus: instruments of every text kind, in the real corpus's proportions, and "
    "reported lacks that no clause of theirs contradicts",
    "[synthetic]") {
  const corpus& c = medium();
  std::map<instrument_kind, std::array<std::size_t, 4>> texts;  // [kind][text]
  std::array<std::size_t, 4> bilateral{};
  std::size_t empty = 0, unread_bilateral = 0, with_lacks = 0, lacks = 0, staged = 0,
              described_from_text = 0;
  std::set<confidence> levels;
  for (const auto& in : c.instruments()) {
    INFO(in.id);
    ++texts[in.kind][static_cast<std::size_t>(in.text)];
    if (in.provisions.empty()) ++empty;
    // Nothing known of its content: no provisions. Known from descriptions: coded from them.
    if (in.text == text_coverage::none) CHECK(in.provisions.empty());
    if (in.text == text_coverage::described)
      for (const auto& p : in.provisions)
        if (p.provenance.from != coded_from::secondary) ++described_from_text;
    if (in.level == level::bilateral) {
      ++bilateral[static_cast<std::size_t>(in.text)];
      if (in.text != text_coverage::full) ++unread_bilateral;
    }
    if (in.lacks.empty()) continue;
    // Only bilateral instruments not read in full are reported lacking topics, one to four each.
    CHECK(in.level == level::bilateral);
    CHECK(in.text != text_coverage::full);
    CHECK(in.lacks.size() <= 4);
    ++with_lacks;
    for (const auto& l : in.lacks) {
      INFO("lacks " << l.topic);
      ++lacks;
      if (!l.stages.empty()) ++staged;
      levels.insert(l.provenance.level);
      CHECK(c.find_topic(l.topic));
      CHECK(l.provenance.from == coded_from::secondary);
      CHECK(l.provenance.source == "synthetic review s1");
      CHECK_FALSE(l.provenance.passage.empty());
      // No protecting clause of the instrument on the topic (or under it) at a stage it covers.
      for (const auto& p : in.provisions)
        for (const auto& te : p.topics)
          if (te.effect == effect::protects)
            for (stage s : p.stages.values()) CHECK_FALSE(l.covers(te.topic, s));
    }
  }
  // Every kind of text, bilateral instruments with all four.
  for (std::size_t t = 0; t < 4; ++t) {
    INFO(enum_names<text_coverage>::values[t]);
    CHECK(bilateral[t] > 10);
  }
  const auto share = [&](std::initializer_list<instrument_kind> kinds,
                         std::initializer_list<text_coverage> which) {
    std::size_t n = 0, all = 0;
    for (auto k : kinds)
      for (std::size_t t = 0; t < 4; ++t) {
        all += texts[k][t];
        for (auto w : which)
          if (static_cast<std::size_t>(w) == t) n += texts[k][t];
      }
    return all ? 100 * n / all : 0;
  };
  using tc = text_coverage;
  using ik = instrument_kind;
  // Conventions and recommendations mostly read in full or in part; national laws mostly in part
  // or known from descriptions; MOUs and contracts often only described or not known at all.
  CHECK(share({ik::convention, ik::protocol, ik::recommendation}, {tc::full, tc::partial}) >= 80);
  CHECK(share({ik::convention, ik::protocol, ik::recommendation}, {tc::full}) >= 40);
  CHECK(share({ik::national_law}, {tc::partial, tc::described}) >= 70);
  CHECK(share({ik::mou, ik::standard_contract}, {tc::described, tc::none}) >= 35);
  CHECK(share({ik::mou, ik::standard_contract}, {tc::none}) <= 10);
  CHECK(empty > 10);
  CHECK(described_from_text == 0);
  // About a third of the bilateral instruments not read in full have lacks, some at one stage.
  CHECK(with_lacks * 100 > unread_bilateral * 25);
  CHECK(with_lacks * 100 < unread_bilateral * 42);
  CHECK(lacks > with_lacks);
  CHECK(staged > 0);
  CHECK(staged < lacks);
  CHECK(levels.size() == 3);
}

TEST_CASE("synthetic corpus: text and lacks are the same for a seed and differ between seeds",
          "[synthetic]") {
  const auto texts = [](const corpus_content& c) {
    std::vector<std::pair<text_coverage, std::vector<reported_lack>>> out;
    for (const auto& in : c.instruments) out.emplace_back(in.text, in.lacks);
    return out;
  };
  const auto a = texts(synthetic_content(sized(300)));
  std::set<text_coverage> kinds;
  std::size_t lacks = 0;
  for (const auto& [text, l] : a) {
    kinds.insert(text);
    lacks += l.size();
  }
  CHECK(kinds.size() == 4);
  CHECK(lacks > 10);
  CHECK(a == texts(synthetic_content(sized(300))));
  CHECK_FALSE(a == texts(synthetic_content(sized(300, 2))));
}

TEST_CASE("a synthetic corpus saves and loads back equal", "[synthetic][save]") {
  const corpus c = synthetic_corpus(sized(60, 3));
  // The files carry every kind of text and the reported lacks, which the loader checks again.
  std::set<text_coverage> texts;
  std::size_t lacks = 0;
  for (const auto& in : c.instruments()) {
    texts.insert(in.text);
    lacks += in.lacks.size();
  }
  CHECK(texts.size() == 4);
  CHECK(lacks > 0);
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
  // Nothing covers some norms, and a corridor this busy has an instrument not read in full: those
  // rows are `unknown` (the `gap` rows of quieter corridors are tested below).
  for (auto s : {gap_status::conflict, gap_status::binding, gap_status::committed,
                 gap_status::guidance, gap_status::weak, gap_status::unknown})
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
    // What a revision adds is added where the earlier text was read in full, else not known.
    const auto& first = steps.front();
    if (first.both_coded) CHECK(first.added.size() + first.not_known.size() > 0);
  }
  const auto scores = score(c, ids, "syn-bilateral-minimum");
  CHECK(scores.size() == ids.size());
}

TEST_CASE(
    "gap reports on a synthetic corpus have unknown rows where an instrument was not read in full, "
    "and gap rows where every one was or is reported lacking",
    "[synthetic][gaps]") {
  const corpus& c = medium();
  std::set<std::pair<std::string, std::string>> pairs;
  for (const auto& in : c.instruments())
    if (in.level == level::bilateral) pairs.insert({in.parties[0], in.parties[1]});
  REQUIRE(pairs.size() > 100);
  std::map<gap_status, std::size_t> statuses;
  std::size_t on_lacks = 0, on_full_reading = 0;
  for (const auto& [origin, destination] : pairs) {
    corridor k;
    k.origin = origin;
    k.destination = destination;
    k.as_of = date{2020, 12, 31};
    const gap_report r = gaps(c, k, "syn-bilateral-minimum");
    for (const auto* row : r.profile_rows()) {
      ++statuses[row->status];
      if (row->status != gap_status::gap && row->status != gap_status::unknown) continue;
      INFO(origin << " -> " << destination << ": " << row->topic << " at " << name_of(row->stage));
      std::size_t not_read = 0;
      for (const auto& e : row->evidence) {
        const instrument& in = c.get_instrument(e.instrument);
        CHECK(e.text == in.text);
        switch (e.kind) {
          case evidence_kind::reported_lack:
            CHECK(in.lack_of(row->topic, row->stage));
            on_lacks += row->status == gap_status::gap;
            break;
          case evidence_kind::read_in_full:
            CHECK(in.text == text_coverage::full);
            on_full_reading += row->status == gap_status::gap;
            break;
          case evidence_kind::not_read:
            CHECK(in.text != text_coverage::full);
            CHECK_FALSE(in.lack_of(row->topic, row->stage));
            ++not_read;
            break;
          case evidence_kind::provision:
            FAIL("a provision decided a row nothing covers");
        }
      }
      // `unknown` exactly where an applicable instrument was not read in full and no source
      // reports it lacking the topic.
      CHECK((row->status == gap_status::unknown) == (not_read > 0));
    }
  }
  CHECK(statuses[gap_status::gap] > 100);
  CHECK(statuses[gap_status::unknown] > 100);
  CHECK(on_full_reading > 100);
  CHECK(on_lacks > 0);
}
