// Fuzzes whole-corpus loading: the input is split into files (at lines "--- file ---") and into
// layers (at a line "=== layer ==="), loaded over the small test corpus.
// Invariants: no crash or hang; load succeeds exactly when check finds no problem; a failed load
// leaves the base corpus unchanged.

#include <dutymap/dutymap.hpp>

#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // The small test corpus as the base keeps each run cheap; every kind of item is in it.
  static const dutymap::corpus base = dutymap::load({DUTYMAP_FUZZ_BASE}, dutymap::corpus{});
  static const std::size_t base_provisions = base.provision_count();
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::vector<std::vector<dutymap::source_file>> layers(1);
  std::size_t start = 0;
  int n = 0;
  while (start <= text.size()) {
    const auto file_mark = text.find("\n--- file ---\n", start);
    const auto layer_mark = text.find("\n=== layer ===\n", start);
    const auto end = std::min(file_mark, layer_mark);
    layers.back().push_back(
        {"f" + std::to_string(n++) + ".yaml",
         text.substr(start, end == std::string::npos ? std::string::npos : end - start)});
    if (end == std::string::npos) break;
    if (end == layer_mark) {
      layers.emplace_back();
      start = end + 15;
    } else {
      start = end + 14;
    }
  }
  const auto problems = dutymap::check_sources(layers, base);
  try {
    const dutymap::corpus c = dutymap::load_sources(layers, base);
    if (!problems.empty()) std::abort();
  } catch (const dutymap::corpus_error& e) {
    if (problems.empty() || e.problems() != problems) std::abort();
  }
  if (base.provision_count() != base_provisions) std::abort();
  return 0;
}
