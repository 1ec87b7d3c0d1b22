#pragma once
/// Ratifications: which state is bound by which convention, since when, and in which parts.

#include <dutymap/date.hpp>

#include <optional>
#include <string>
#include <vector>

namespace dutymap {

/// A state's acts on one ratifiable instrument. A value type.
struct ratification {
  std::string state;
  std::string instrument;
  std::optional<date> signed_on;
  std::optional<date> ratified_on;
  std::optional<date> denounced_on;
  std::vector<std::string> excludes;    ///< parts not accepted ("Part I", "Annex II")
  std::vector<std::string> limited_to;  ///< territories the ratification is limited to
  std::string source;
  std::string notes;

  /// Whether the state was bound on `day` (days since 1970-01-01): ratified surely by then
  /// (a partial date counts from its last day) and not yet denounced.
  bool binds_on(std::int32_t day) const {
    if (!ratified_on || ratified_on->last_day() > day) return false;
    return !denounced_on || denounced_on->first_day() > day;
  }
  /// Whether it binds at all today (ratified and never denounced).
  bool in_effect() const { return ratified_on.has_value() && !denounced_on.has_value(); }
  bool operator==(const ratification&) const = default;
};

}  // namespace dutymap
