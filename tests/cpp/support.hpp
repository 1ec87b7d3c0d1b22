#pragma once
// Helpers shared by the C++ tests.

#include <dutymap/dutymap.hpp>

#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace dutymap::testing {

inline const std::string data_dir = DUTYMAP_TEST_DATA;

/// The small test corpus (tests/data/small), loaded on its own.
inline const corpus& small() {
  static const corpus c = load({data_dir + "/small"}, corpus{});
  return c;
}

/// Problems of one in-memory file laid over the small corpus.
inline std::vector<problem> problems_of(const std::string& yaml,
                                        const std::string& name = "bad.yaml") {
  return check_sources({{source_file{name, yaml}}}, small());
}

/// Asserts there is exactly one problem, at this line and column, whose message contains `text`.
inline void require_one(const std::vector<problem>& ps, int line, int column,
                        const std::string& text) {
  INFO("problems:\n"
       << [&] {
            std::string s;
            for (const auto& p : ps) s += p.str() + "\n";
            return s;
          }());
  REQUIRE(ps.size() == 1);
  CHECK(ps[0].file == "bad.yaml");
  CHECK(ps[0].line == line);
  CHECK(ps[0].column == column);
  CHECK_THAT(ps[0].message, Catch::Matchers::Contains(text));
}

/// A corridor from `origin` to `destination` as of a date, for a sector (empty: all) and status.
inline corridor make_corridor(const std::string& origin, const std::string& destination,
                              const char* as_of, std::string sector = {},
                              worker_status status = worker_status::documented) {
  corridor k;
  k.origin = origin;
  k.destination = destination;
  k.as_of = date::parse(as_of);
  k.sector = std::move(sector);
  k.status = status;
  return k;
}

/// The row of a norm in a report; the test fails when there is none.
inline const gap_row& row_of(const gap_report& r, std::string_view topic, stage s) {
  const gap_row* x = r.find(topic, s);
  INFO("no row for " << topic);
  REQUIRE(x != nullptr);
  return *x;
}

/// The instruments of a row's evidence of one kind.
inline std::set<std::string> evidence_of(const gap_row& r, evidence_kind k) {
  std::set<std::string> out;
  for (const auto& e : r.evidence)
    if (e.kind == k) out.insert(e.instrument);
  return out;
}

/// A minimal valid instrument file (read in full), with `extra` lines added to the instrument map
/// and one provision whose keys can be changed through `provision`.
inline std::string instrument_yaml(
    const std::string& extra = "",
    const std::string& provision =
        "      article: \"3\"\n"
        "      summary: Weekly rest.\n"
        "      modality: obligation\n"
        "      strength: shall\n"
        "      bearers: [employer]\n"
        "      stages: [employment]\n"
        "      topics: [working_time.weekly_rest]\n"
        "      provenance: {coded_from: text, source: draft, confidence: high}\n") {
  return "instrument:\n"
         "  id: mou-khm-tha-2026\n"
         "  title: Draft\n"
         "  kind: mou\n"
         "  level: bilateral\n"
         "  parties: [KHM, THA]\n"
         "  source: draft\n" +
         extra +
         "  provisions:\n"
         "    -\n" +
         provision +
         // Last, so that the lines the tests locate problems on are those of the lines above.
         "  text: full\n";
}

}  // namespace dutymap::testing
