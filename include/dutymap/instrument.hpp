#pragma once
/// Instruments: conventions, declarations, MOUs, contracts, laws and policies.

#include <dutymap/date.hpp>
#include <dutymap/provision.hpp>
#include <dutymap/scope.hpp>

#include <optional>
#include <string>
#include <vector>

namespace dutymap {

/// What kind of text an instrument is.
enum class instrument_kind : std::uint8_t {
  convention,
  protocol,
  recommendation,
  declaration,
  consensus,
  guidelines,
  bilateral_agreement,
  mou,
  standard_contract,
  national_law,
  policy,
};

/// The level at which an instrument is made.
enum class level : std::uint8_t { global, regional, bilateral, national };

template <>
struct enum_names<instrument_kind> {
  static constexpr std::string_view what = "instrument kind";
  static constexpr std::array<std::string_view, 11> values{
      "convention",          "protocol",  "recommendation",
      "declaration",         "consensus", "guidelines",
      "bilateral_agreement", "mou",       "standard_contract",
      "national_law",        "policy"};
};
template <>
struct enum_names<level> {
  static constexpr std::string_view what = "level";
  static constexpr std::array<std::string_view, 4> values{"global", "regional", "bilateral",
                                                          "national"};
};

/// Whether states become bound by ratifying an instrument of this kind.
constexpr bool is_ratifiable(instrument_kind k) {
  return k == instrument_kind::convention || k == instrument_kind::protocol;
}

/// Whether instruments of this kind bind their parties unless they say otherwise.
constexpr bool binding_by_default(instrument_kind k) {
  return k == instrument_kind::convention || k == instrument_kind::protocol ||
         k == instrument_kind::bilateral_agreement || k == instrument_kind::national_law;
}

/// An instrument and its provisions. A value type.
struct instrument {
  std::string id;
  std::string title;
  std::string short_title;
  instrument_kind kind = instrument_kind::convention;
  dutymap::level level = level::global;
  bool binding = true;
  std::vector<std::string> parties;  ///< state ids; empty for global conventions
  std::string region;                ///< regional body, for a regional instrument
  std::optional<date> adopted;
  std::optional<date> in_force;  ///< when absent, `adopted` is used
  std::optional<date> expires;
  std::string supersedes;  ///< id of the instrument it revises, or empty
  std::string annex_to;    ///< id of the instrument it is annexed to, or empty
  dutymap::scope scope;    ///< default scope of its provisions
  std::string source;
  std::string notes;
  std::vector<provision> provisions;

  /// The date from which it applies, if known.
  std::optional<date> effective() const { return in_force ? in_force : adopted; }
  /// A name for tables: the short title, else the title.
  const std::string& display_name() const { return short_title.empty() ? title : short_title; }
  bool operator==(const instrument&) const = default;
};

}  // namespace dutymap
