// Many threads asking one corpus at once get the answers one thread gets.

#include "support.hpp"

#include <atomic>
#include <sstream>
#include <thread>

using namespace dutymap;
using namespace dutymap::testing;

namespace {

std::string digest(const gap_report& r) {
  std::ostringstream out;
  for (const auto& row : r.rows) {
    out << row.topic << '|' << name_of(row.stage) << '|' << name_of(row.status) << '|'
        << row.explanation;
    for (const auto& d : row.decided_by) out << '|' << d.provision;
    for (const auto& d : row.nearest) out << '|' << d.provision;
    for (const auto& d : row.precedents) out << '|' << d.provision;
    out << '\n';
  }
  return out.str();
}

std::string digest(const Eigen::MatrixXd& m) {
  std::ostringstream out;
  out.precision(17);
  out << m;
  return out.str();
}

struct question {
  corridor where;
  std::string profile;
};

std::vector<question> questions() {
  std::vector<question> q;
  for (const char* d : {"THA", "MYS"})
    for (const char* p : {"khm-lmp-2014-mou-minimum", "ilo-migrant-core", "asean-consensus-2017"}) {
      corridor k;
      k.origin = "KHM";
      k.destination = d;
      k.as_of = date{2017, 12, 31};
      if (std::string(d) == "MYS") k.sector = "domestic_work";
      q.push_back({k, p});
    }
  return q;
}

// Everything asked, as text: gap reports, a comparison, a scenario, accountability.
std::string ask_everything(const corpus& c, const scenario& what_if) {
  std::string out;
  for (const auto& q : questions()) out += digest(gaps(c, q.where, q.profile));
  const auto cmp = compare(c, bilateral_instruments(c, "KHM"));
  out += digest(cmp.matrix) + digest(cmp.cosine()) + digest(cmp.jaccard());
  for (const bool jaccard : {false, true}) {
    const auto top = cmp.top_k(3, jaccard);
    out += digest(top.similarity) + digest(top.neighbour.cast<double>());
  }
  for (const auto& d : diff(c, "mou-khm-mys-2015-gw", "mou-khm-mys-2015-dw"))
    out += d.topic + std::string(name_of(d.relation));
  out += digest(what_if.gaps(questions()[3].where, "ilo-migrant-core"));
  for (const auto& o : obligations_of(c, "KHM.MOLVT", questions()[0].where))
    out += o.provision.provision;
  for (const auto& l : responsibility_load(c, questions()[0].where))
    out += l.actor + std::to_string(l.total);
  return out;
}

}  // namespace

TEST_CASE("concurrent queries on one corpus give the single-thread answers", "[concurrency]") {
  // A fresh corpus, so that the lazily built graph is first built under contention.
  const corpus c = load_sources({builtin_sources()}, corpus{});
  scenario what_if(c);
  what_if.ratify("MYS", "ilo-c189", date{2016, 1, 1});

  const corpus reference_corpus = load_sources({builtin_sources()}, corpus{});
  scenario reference_scenario(reference_corpus);
  reference_scenario.ratify("MYS", "ilo-c189", date{2016, 1, 1});
  const std::string expected = ask_everything(reference_corpus, reference_scenario);

  constexpr int threads = 8;
  std::atomic<int> mismatches{0}, done{0};
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t)
    pool.emplace_back([&] {
      for (int round = 0; round < 2; ++round) {
        if (ask_everything(c, what_if) != expected) ++mismatches;
        (void)c.graph().edge_count();
      }
      ++done;
    });
  for (auto& th : pool) th.join();
  CHECK(done == threads);
  CHECK(mismatches == 0);
}

TEST_CASE("the built-in corpus initialises once under contention", "[concurrency]") {
  std::vector<const corpus*> seen(8, nullptr);
  std::vector<std::thread> pool;
  for (std::size_t t = 0; t < seen.size(); ++t) pool.emplace_back([&, t] { seen[t] = &builtin(); });
  for (auto& th : pool) th.join();
  for (const auto* p : seen) CHECK(p == seen.front());
}

TEST_CASE("concurrent similarity of a large comparison gives the single-thread answers",
          "[concurrency]") {
  // Large enough for each call to share its tiles among threads (and, for top_k, to take the
  // locks of bands), with calls on several threads at once.
  const comparison c = random_comparison(700, 60, 7);
  auto ask = [&] {
    std::string out = digest(c.cosine()) + digest(c.jaccard());
    for (const bool jaccard : {false, true}) {
      const auto top = c.top_k(5, jaccard);
      out += digest(top.similarity) + digest(top.neighbour.cast<double>());
    }
    return out;
  };
  const std::string expected = ask();
  std::atomic<int> mismatches{0};
  std::vector<std::thread> pool;
  for (int t = 0; t < 4; ++t)
    pool.emplace_back([&] {
      if (ask() != expected) ++mismatches;
    });
  for (auto& th : pool) th.join();
  CHECK(mismatches == 0);
}
