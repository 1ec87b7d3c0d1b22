// Benchmarks of the C++ kernels at four corpus sizes: S is the built-in corpus, M, L and XL are
// synthetic corpora of 1,000, 10,000 and 50,000 instruments (dutymap/synthetic.hpp). The
// operations and their inputs are those of benchmarks/run.py, so the two can be read together.
//
//   bench_core [--sizes=S,M,L,XL] [Google Benchmark flags]
//
// Each size's corpus is generated and indexed once, outside the timings, on the first benchmark
// that needs it.

#include <dutymap/dutymap.hpp>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

using namespace dutymap;

const corpus& corpus_of(const std::string& size) {
  static std::map<std::string, std::unique_ptr<const corpus>> made;
  auto& slot = made[size];
  if (!slot)
    slot = std::make_unique<const corpus>(
        size == "S" ? builtin() : synthetic_corpus(synthetic_options::of_size(size)));
  return *slot;
}

// Ordered (first party, second party) pairs of the bilateral instruments, with how many each has.
std::map<std::pair<std::string, std::string>, std::size_t> bilateral_pairs(const corpus& c) {
  std::map<std::pair<std::string, std::string>, std::size_t> out;
  for (const auto& in : c.instruments())
    if (in.level == level::bilateral && in.parties.size() == 2)
      ++out[{in.parties[0], in.parties[1]}];
  return out;
}

// The pair with the most bilateral instruments (the first in id order among equals).
corridor busiest_corridor(const corpus& c) {
  const auto pairs = bilateral_pairs(c);
  auto best = pairs.begin();
  for (auto it = pairs.begin(); it != pairs.end(); ++it)
    if (it->second > best->second) best = it;
  return corridor{best->first.first, best->first.second, {}, {}, {}, {}, {}};
}

// A corridor of the middle of the field: the median pair by number of bilateral instruments.
corridor typical_corridor(const corpus& c) {
  std::vector<std::pair<std::size_t, std::pair<std::string, std::string>>> ranked;
  for (const auto& [pair, n] : bilateral_pairs(c)) ranked.emplace_back(n, pair);
  std::sort(ranked.begin(), ranked.end());
  const auto& pair = ranked[ranked.size() / 2].second;
  return corridor{pair.first, pair.second, {}, {}, {}, {}, {}};
}

std::string bilateral_profile(const corpus& c) {
  for (const char* wanted : {"khm-lmp-2014-mou-minimum", "syn-bilateral-minimum"})
    if (c.find_profile(wanted)) return wanted;
  return c.profiles().front().id;
}

// Provisions of the instruments that can count in the corridor (see docs/gaps.md): what one
// report has to read.
std::size_t provisions_that_may_apply(const corpus& c, const corridor& k) {
  std::set<corpus::index> instruments(c.universal_instruments().begin(),
                                      c.universal_instruments().end());
  const auto o = *c.actor_index(k.origin), d = *c.actor_index(k.destination);
  for (auto s : {o, d}) {
    for (auto i : c.instruments_with_party(s, level::national)) instruments.insert(i);
    for (auto r : c.ratifications_of(s))
      instruments.insert(*c.instrument_index(c.ratifications()[r].instrument));
  }
  for (auto i : c.instruments_with_party(o, level::regional)) {
    const auto& ps = c.instruments()[i].parties;
    if (std::find(ps.begin(), ps.end(), k.destination) != ps.end()) instruments.insert(i);
  }
  for (auto i : c.bilateral_between(o, d)) instruments.insert(i);
  std::size_t n = 0;
  for (auto i : instruments) n += c.provisions_of(i).second - c.provisions_of(i).first;
  return n;
}

void label_corridor(benchmark::State& st, const corpus& c, const corridor& k,
                    const std::string& profile) {
  st.SetLabel(k.origin + "->" + k.destination + " " + profile);
  st.counters["may_apply"] = static_cast<double>(provisions_that_may_apply(c, k));
}

// -- loading --------------------------------------------------------------------------------------

void load_builtin_sources(benchmark::State& st) {
  for (auto _ : st) benchmark::DoNotOptimize(load_sources({builtin_sources()}, corpus{}));
}

void load_corpus_folder(benchmark::State& st) {
  for (auto _ : st)
    benchmark::DoNotOptimize(load({std::filesystem::path(DUTYMAP_CORPUS_DIR)}, corpus{}));
}

// Validation and indexing alone, from content already in memory.
void build_from_content(benchmark::State& st, std::string size) {
  const corpus& c = corpus_of(size);
  for (auto _ : st) {
    st.PauseTiming();
    corpus_content copy = c.content();
    st.ResumeTiming();
    std::optional<corpus> built = corpus::build(std::move(copy));
    st.PauseTiming();
    built.reset();
    st.ResumeTiming();
  }
  st.counters["provisions"] = static_cast<double>(c.provision_count());
}

// -- gap analysis ---------------------------------------------------------------------------------

void one_gap_report(benchmark::State& st, std::string size, bool busiest) {
  const corpus& c = corpus_of(size);
  const corridor k = busiest ? busiest_corridor(c) : typical_corridor(c);
  const std::string profile = bilateral_profile(c);
  std::size_t rows = 0;
  for (auto _ : st) {
    const gap_report r = gaps(c, k, profile);
    rows = r.rows.size();
    benchmark::DoNotOptimize(r.rows.data());
  }
  label_corridor(st, c, k, profile);
  st.counters["rows"] = static_cast<double>(rows);
}

void all_corridors(benchmark::State& st, std::string size, unsigned threads) {
  const corpus& c = corpus_of(size);
  std::vector<std::pair<corridor, std::string>> questions;
  for (const auto& [pair, n] : bilateral_pairs(c))
    for (const auto& p : c.profiles())
      questions.emplace_back(corridor{pair.first, pair.second, {}, {}, {}, {}, {}}, p.id);
  // The reports are counted and dropped as they come: all of them together would not fit in
  // memory at L and XL (about a megabyte each).
  std::size_t rows = 0;
  for (auto _ : st)
    gaps_many(
        c, questions, [&](std::size_t, gap_report&& r) { rows += r.rows.size(); }, {}, threads);
  benchmark::DoNotOptimize(rows);
  st.counters["reports"] = static_cast<double>(questions.size());
  st.counters["reports_per_s"] = benchmark::Counter(static_cast<double>(questions.size()),
                                                    benchmark::Counter::kIsIterationInvariantRate);
  st.SetLabel(std::to_string(threads ? threads : std::thread::hardware_concurrency()) + " threads");
}

void scenario_changes(benchmark::State& st, std::string size) {
  const corpus& c = corpus_of(size);
  corridor k = busiest_corridor(c);
  const std::string profile = bilateral_profile(c);
  // The destination ratifies a convention it has no record for.
  std::string convention;
  for (const auto& in : c.instruments())
    if (in.kind == instrument_kind::convention && !c.find_ratification(k.destination, in.id)) {
      convention = in.id;
      break;
    }
  k.as_of = date{2030, 1, 1};
  for (auto _ : st) {
    scenario s(c);
    s.ratify(k.destination, convention, *k.as_of);
    const gap_report before = gaps(c, k, profile);
    benchmark::DoNotOptimize(changes(before, s.gaps(k, profile)).data());
  }
  st.SetLabel(k.destination + " ratifies " + convention);
}

// -- accountability -------------------------------------------------------------------------------

void obligations_of_an_actor(benchmark::State& st, std::string size) {
  const corpus& c = corpus_of(size);
  const corridor k = busiest_corridor(c);
  std::string actor;
  for (const auto& a : c.actors())
    if (a.kind == actor_kind::ministry && a.id.starts_with(k.origin)) {
      actor = a.id;
      break;
    }
  for (auto _ : st) benchmark::DoNotOptimize(obligations_of(c, actor, k).data());
  st.SetLabel(actor);
}

void remedy_paths_of_a_corridor(benchmark::State& st, std::string size) {
  const corpus& c = corpus_of(size);
  const corridor k = busiest_corridor(c);
  for (auto _ : st) benchmark::DoNotOptimize(remedy_paths(c, k).paths.data());
  st.SetLabel(k.origin + "->" + k.destination);
}

// -- comparisons ----------------------------------------------------------------------------------

// At XL the bilateral instruments number some 33,000: a dense n x n similarity matrix would take
// about 9 GB, so the similarity benchmarks compare the first `most` of them there.
std::vector<std::string> compared(const corpus& c, std::size_t most) {
  auto ids = bilateral_instruments(c);
  if (ids.size() > most) ids.resize(most);
  return ids;
}

void coverage_matrix(benchmark::State& st, std::string size) {
  const corpus& c = corpus_of(size);
  const auto ids = bilateral_instruments(c);
  for (auto _ : st) benchmark::DoNotOptimize(compare(c, ids).matrix.data());
  st.counters["instruments"] = static_cast<double>(ids.size());
}

void similarity(benchmark::State& st, std::string size, bool jaccard) {
  const corpus& c = corpus_of(size);
  const auto ids = compared(c, 10'000);
  const comparison cmp = compare(c, ids);
  for (auto _ : st) {
    const Eigen::MatrixXd m = jaccard ? cmp.jaccard() : cmp.cosine();
    benchmark::DoNotOptimize(m.data());
  }
  st.counters["instruments"] = static_cast<double>(ids.size());
}

// Every compared instrument's 10 nearest others, without the n x n matrix: all the bilateral
// instruments, as none of the matrices is held.
void similarity_top_k(benchmark::State& st, std::string size, bool jaccard) {
  const corpus& c = corpus_of(size);
  const auto ids = bilateral_instruments(c);
  const comparison cmp = compare(c, ids);
  for (auto _ : st) benchmark::DoNotOptimize(cmp.top_k(10, jaccard).similarity.data());
  st.counters["instruments"] = static_cast<double>(ids.size());
}

void diff_of_two_instruments(benchmark::State& st, std::string size) {
  const corpus& c = corpus_of(size);
  const corridor k = busiest_corridor(c);
  const auto between = bilateral_instruments(c, k.origin, k.destination);
  const std::string a = between.front();
  const std::string b = between.size() > 1 ? between.back() : bilateral_instruments(c)[1];
  for (auto _ : st) benchmark::DoNotOptimize(diff(c, a, b).data());
  st.SetLabel(a + " vs " + b);
}

void instrument_lookup(benchmark::State& st, std::string size) {
  const corpus& c = corpus_of(size);
  const auto ids = bilateral_instruments(c);
  const std::string id = ids[ids.size() / 2];
  for (auto _ : st) benchmark::DoNotOptimize(c.find_instrument(id));
}

std::vector<std::string> sizes_from(int& argc, char** argv) {
  std::vector<std::string> sizes{"S", "M", "L", "XL"};
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (!arg.starts_with("--sizes=")) continue;
    sizes.clear();
    std::stringstream list(arg.substr(8));
    for (std::string s; std::getline(list, s, ',');) sizes.push_back(s);
    for (int j = i; j + 1 < argc; ++j) argv[j] = argv[j + 1];
    --argc;
    break;
  }
  return sizes;
}

}  // namespace

int main(int argc, char** argv) {
  using benchmark::kMicrosecond;
  using benchmark::kMillisecond;
  const auto sizes = sizes_from(argc, argv);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  for (const auto& size : sizes)
    if (size != "S") synthetic_options::of_size(size);  // an unknown size fails here, early

  if (std::find(sizes.begin(), sizes.end(), "S") != sizes.end()) {
    benchmark::RegisterBenchmark("load_builtin_sources/S", load_builtin_sources)
        ->Unit(kMillisecond);
    benchmark::RegisterBenchmark("load_corpus_folder/S", load_corpus_folder)->Unit(kMillisecond);
  }
  for (const auto& size : sizes) {
    auto reg = [&](const std::string& name, auto&& fn) {
      return benchmark::RegisterBenchmark((name + "/" + size).c_str(), fn);
    };
    reg("build_from_content", [=](benchmark::State& st) {
      build_from_content(st, size);
    })->Unit(kMillisecond);
    reg("gap_report_busiest_corridor", [=](benchmark::State& st) {
      one_gap_report(st, size, true);
    })->Unit(kMicrosecond);
    reg("gap_report_typical_corridor", [=](benchmark::State& st) {
      one_gap_report(st, size, false);
    })->Unit(kMicrosecond);
    reg("all_corridors_all_profiles_1_thread",
        [=](benchmark::State& st) { all_corridors(st, size, 1); })
        ->Unit(kMillisecond)
        ->UseRealTime();
    reg("all_corridors_all_profiles_all_threads",
        [=](benchmark::State& st) { all_corridors(st, size, 0); })
        ->Unit(kMillisecond)
        ->UseRealTime();
    reg("coverage_matrix", [=](benchmark::State& st) {
      coverage_matrix(st, size);
    })->Unit(kMillisecond);
    reg("similarity_cosine", [=](benchmark::State& st) {
      similarity(st, size, false);
    })->Unit(kMillisecond);
    reg("similarity_jaccard", [=](benchmark::State& st) {
      similarity(st, size, true);
    })->Unit(kMillisecond);
    reg("similarity_top_k_cosine", [=](benchmark::State& st) { similarity_top_k(st, size, false); })
        ->Unit(kMillisecond)
        ->UseRealTime();
    reg("similarity_top_k_jaccard", [=](benchmark::State& st) { similarity_top_k(st, size, true); })
        ->Unit(kMillisecond)
        ->UseRealTime();
    reg("diff_of_two_instruments", [=](benchmark::State& st) {
      diff_of_two_instruments(st, size);
    })->Unit(kMicrosecond);
    reg("obligations_of_an_actor", [=](benchmark::State& st) {
      obligations_of_an_actor(st, size);
    })->Unit(kMicrosecond);
    reg("remedy_paths", [=](benchmark::State& st) {
      remedy_paths_of_a_corridor(st, size);
    })->Unit(kMicrosecond);
    reg("scenario_changes", [=](benchmark::State& st) {
      scenario_changes(st, size);
    })->Unit(kMillisecond);
    reg("instrument_lookup", [=](benchmark::State& st) { instrument_lookup(st, size); });
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
}
