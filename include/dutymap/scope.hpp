#pragma once
/// The scope of a provision: which sectors, which workers, which territories it reaches.

#include <dutymap/detail/names.hpp>

#include <string>
#include <vector>

namespace dutymap {

/// Which migrant workers a provision covers.
enum class worker_coverage : std::uint8_t {
  all,         ///< every migrant worker, documented or not
  documented,  ///< only workers in a regular situation
};

template <>
struct enum_names<worker_coverage> {
  static constexpr std::string_view what = "worker coverage";
  static constexpr std::array<std::string_view, 2> values{"all", "documented"};
};

/// Scope of a provision. Empty `sectors` means every sector.
struct scope {
  std::vector<std::string> sectors;
  std::vector<std::string> excluded_sectors;
  std::vector<std::string> territories;
  worker_coverage workers = worker_coverage::documented;

  /// Whether the provision reaches a sector (an empty id means "no particular sector").
  bool covers_sector(const std::string& sector) const {
    for (const auto& s : excluded_sectors)
      if (s == sector) return false;
    if (sectors.empty() || sector.empty()) return true;
    for (const auto& s : sectors)
      if (s == sector) return true;
    return false;
  }
  bool operator==(const scope&) const = default;
};

}  // namespace dutymap
