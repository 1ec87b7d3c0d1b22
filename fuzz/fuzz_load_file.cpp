// Fuzzes the single-file check over a base corpus, the path an analyst's draft takes.
// Invariants: checking never crashes or hangs; a file without problems loads, and the loaded
// corpus saves and loads back to an equal corpus.

#include <dutymap/dutymap.hpp>

#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // The small test corpus as the base keeps each run cheap; every kind of item is in it.
  static const dutymap::corpus base = dutymap::load({DUTYMAP_FUZZ_BASE}, dutymap::corpus{});
  const std::string text(reinterpret_cast<const char*>(data), size);
  const std::vector<std::vector<dutymap::source_file>> layers{{{"fuzz.yaml", text}}};
  const auto problems = dutymap::check_sources(layers, base);
  for (const auto& p : problems)
    if (p.message.empty() || p.line < 0 || p.column < 0) std::abort();
  if (!problems.empty()) return 0;
  const dutymap::corpus c = dutymap::load_sources(layers, base);
  const dutymap::corpus again = dutymap::load_sources({dutymap::to_sources(c)}, dutymap::corpus{});
  if (!(again == c)) std::abort();
  return 0;
}
