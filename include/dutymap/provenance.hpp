#pragma once
/// Provenance: where the coding of a provision comes from and how far to trust it.

#include <dutymap/detail/names.hpp>

#include <string>

namespace dutymap {

/// Whether a provision was coded from the instrument's own text, from a description of it, or
/// proposed by the drafting assistant from the text and not yet reviewed by a person (`draft`:
/// its `passage` holds the clause it was proposed from).
enum class coded_from : std::uint8_t { text, secondary, draft };

/// How far the coding can be trusted. Ordered: `high` is the best.
enum class confidence : std::uint8_t { low, medium, high };

template <>
struct enum_names<coded_from> {
  static constexpr std::string_view what = "coded_from";
  static constexpr std::array<std::string_view, 3> values{"text", "secondary", "draft"};
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
  std::string passage;  ///< secondary: the source's words that support it; draft: the clause
  std::string coder;    ///< who coded it, if recorded
  dutymap::confidence level = confidence::high;
  bool operator==(const provenance&) const = default;
};

}  // namespace dutymap
