// Hostile and unusual files: rejected quickly with a clear message, or kept exactly.

#include "support.hpp"

#include <algorithm>
#include <chrono>

using namespace dutymap;
using namespace dutymap::testing;

namespace {
std::string laughs() {
  std::string y =
      "instrument:\n  id: mou-khm-tha-2026\n  title: t\n  kind: mou\n  level: bilateral\n"
      "  parties: [KHM, THA]\n  source: s\n  notes: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i < 10; ++i) {
    y += "  n" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int k = 0; k < 10; ++k) y += std::string(k ? ", " : "") + "*a" + std::to_string(i - 1);
    y += "]\n";
  }
  return y + "  provisions: *a9\n  text: full\n";
}
}  // namespace

TEST_CASE("a billion-laughs file is rejected quickly, without expanding it", "[hostile]") {
  const auto start = std::chrono::steady_clock::now();
  const auto ps = problems_of(laughs());
  const auto seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  REQUIRE_FALSE(ps.empty());
  CHECK(ps.size() <= 201);
  CHECK(seconds < 5.0);  // a guard against runaway expansion, not a benchmark
}

TEST_CASE("nesting beyond the limit is refused before parsing", "[hostile]") {
  require_one(
      problems_of("instrument: " + std::string(100000, '[') + std::string(100000, ']') + "\n"), 1,
      77, "nested more than 64 levels deep");
  std::string block = "instrument:\n";
  for (int i = 1; i < 200; ++i)
    block += std::string(static_cast<std::size_t>(2 * i), ' ') + "k" + std::to_string(i) + ":\n";
  const auto ps = problems_of(block);
  REQUIRE(ps.size() == 1);
  CHECK_THAT(ps[0].message, Catch::Matchers::Contains("nested more than 64 levels deep"));
  // Apostrophes and brackets in ordinary text are not nesting.
  std::string prose =
      instrument_yaml("  notes: the Party's [draft] {text} and the worker's \"quoted\" words\n");
  for (int i = 0; i < 100; ++i) prose += "# [ { ' \" comment " + std::to_string(i) + "\n";
  CHECK(problems_of(prose).empty());
}

TEST_CASE("too many problems in one file stop its reading with a clear message", "[hostile]") {
  std::string y = "actors:\n";
  for (int i = 0; i < 500; ++i)
    y += "  - {id: X" + std::to_string(i) + ", name: x, kind: planet, source: s}\n";
  const auto ps = problems_of(y);
  REQUIRE(ps.size() == 201);
  CHECK(std::any_of(ps.begin(), ps.end(), [](const problem& p) {
    return p.message.find("more than 200 problems in this file") != std::string::npos;
  }));
}

TEST_CASE("very long strings are kept", "[hostile]") {
  const std::string long_text(1 << 20, 'x');
  const corpus c = load_sources(
      {{source_file{"long.yaml", instrument_yaml("  notes: " + long_text + "\n")}}}, small());
  CHECK(c.get_instrument("mou-khm-tha-2026").notes == long_text);
  const std::string huge(17u << 20, 'x');
  require_one(problems_of(huge), 0, 0, "larger than the limit");
}

TEST_CASE("Khmer, Lao, Burmese and Thai text is kept exactly", "[hostile]") {
  const std::string title = "អនុស្សរណៈនៃការយោគយល់ ບົດບັນທຶກຄວາມເຂົ້າໃຈ နားလည်မှုစာချွန်လွှာ บันทึกความเข้าใจ";
  auto y = instrument_yaml();
  y.replace(y.find("title: Draft"), 12, "title: " + title);
  y.replace(y.find("summary: Weekly rest."), 21,
            "summary: \"ថ្ងៃសម្រាកប្រចាំសប្តាហ៍ — วันหยุดประจำสัปดาห์\"");
  const corpus c = load_sources({{source_file{"km.yaml", y}}}, small());
  const auto& in = c.get_instrument("mou-khm-tha-2026");
  CHECK(in.title == title);
  CHECK(in.provisions[0].summary == "ថ្ងៃសម្រាកប្រចាំសប្តាហ៍ — วันหยุดประจำสัปดาห์");
  const corpus again = load_sources({to_sources(c)}, corpus{});
  CHECK(again.get_instrument("mou-khm-tha-2026").title == title);
}

TEST_CASE("byte-order marks, CRLF line ends and tabs", "[hostile]") {
  std::string crlf;
  for (char ch : instrument_yaml()) {
    if (ch == '\n') crlf += '\r';
    crlf += ch;
  }
  CHECK(problems_of("\xEF\xBB\xBF" + crlf).empty());
  const corpus c = load_sources({{source_file{"crlf.yaml", crlf}}}, small());
  CHECK(c.get_instrument("mou-khm-tha-2026").title == "Draft");  // no stray \r
  // A tab inside a value is kept; a tab used for indentation is a YAML error with its place.
  const corpus t =
      load_sources({{source_file{"tab.yaml", instrument_yaml("  notes: \"a\\tb\"\n")}}}, small());
  CHECK(t.get_instrument("mou-khm-tha-2026").notes == "a\tb");
  auto tabbed = instrument_yaml();
  tabbed.replace(tabbed.find("  title"), 2, "\t");
  const auto ps = problems_of(tabbed);
  REQUIRE_FALSE(ps.empty());
  CHECK(ps[0].line == 3);
  CHECK_THAT(ps[0].message, Catch::Matchers::Contains("YAML"));
}

TEST_CASE("binary garbage and truncated files are problems, not crashes", "[hostile]") {
  std::string garbage;
  for (int i = 0; i < 4096; ++i) garbage += static_cast<char>((i * 7919) % 256);
  CHECK_FALSE(problems_of(garbage).empty());
  const auto full = instrument_yaml();
  for (std::size_t cut = 1; cut < full.size(); cut += 7) {
    const auto ps = problems_of(full.substr(0, cut));
    for (const auto& p : ps) CHECK_FALSE(p.message.empty());
  }
  CHECK_FALSE(problems_of(std::string("instrument:\n  id: x\0y\n", 22)).empty());
}

TEST_CASE("inputs the fuzzers found stay fixed", "[hostile]") {
  // Each file is an input that once crashed, hung or broke an invariant; loading it must now give
  // problems or a corpus that round-trips.
  const auto files = corpus_files(data_dir + "/fuzz-regressions");
  for (const auto& f : files) {
    INFO(f.string());
    const auto ps = check({f}, small());
    for (const auto& p : ps) CHECK_FALSE(p.message.empty());
    if (ps.empty()) {
      const corpus c = load({f}, small());
      CHECK(load_sources({to_sources(c)}, corpus{}) == c);
    }
  }
}

TEST_CASE("problem messages are valid UTF-8 even when the parser quotes part of a character",
          "[hostile]") {
  // A bad escape whose character is the first byte of a two-byte sequence.
  const auto ps = problems_of("instrument:\n  title: \"\\\xC3\xA9\"\n");
  REQUIRE_FALSE(ps.empty());
  for (const auto& p : ps) {
    for (std::size_t i = 0; i < p.message.size(); ++i) {
      const auto c = static_cast<unsigned char>(p.message[i]);
      if (c == 0xC3)
        CHECK(
            (i + 1 < p.message.size() && (static_cast<unsigned char>(p.message[i + 1]) >> 6) == 2));
    }
  }
}

TEST_CASE("an empty topic or actor id in a list is a problem, not a crash", "[hostile]") {
  auto y = instrument_yaml();
  y.replace(y.find("[working_time.weekly_rest]"), 26, "[\"\", working_time.weekly_rest]");
  const auto ps = problems_of(y);
  REQUIRE(ps.size() == 1);
  CHECK_THAT(ps[0].message, Catch::Matchers::Contains("lists an empty topic"));
}
