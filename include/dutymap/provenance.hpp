#pragma once
/// Provenance: where the coding of a provision comes from and how far to trust it.

#include <dutymap/detail/names.hpp>

#include <string>

namespace dutymap {

/// Whether a provision was coded from the instrument's own text or from a description of it.
enum class coded_from : std::uint8_t { text, secondary };

/// How far the coding can be trusted. Ordered: `high` is the best.
enum class confidence : std::uint8_t { low, medium, high };

template <>
struct enum_names<coded_from> {
  static constexpr std::string_view what = "coded_from";
  static constexpr std::array<std::string_view, 2> values{"text", "secondary"};
};
template <>
struct enum_names<confidence> {
  static constexpr std::string_view what = "confidence";
  static constexpr std::array<std::string_view, 3> values{"low", "medium", "high"};
};

/// Where a provision's coding comes from.
struct provenance {
  dutymap::coded_from from = coded_from::text;
  std::string source;   ///< document and place coded from
  std::string passage;  ///< for secondary coding: the source's words that support it
  std::string coder;    ///< who coded it, if recorded
  dutymap::confidence level = confidence::high;
  bool operator==(const provenance&) const = default;
};

}  // namespace dutymap
