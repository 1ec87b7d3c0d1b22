#pragma once
/// Qualifiers: the phrases that hollow a commitment out.

#include <dutymap/detail/names.hpp>

#include <string>

namespace dutymap {

/// The kinds of hollowing phrase dutymap recognises. Any of them makes coverage `weak`.
enum class qualifier_kind : std::uint8_t {
  subject_to_national_law,  ///< "in accordance with national laws, regulations and policies"
  as_appropriate,           ///< "as appropriate"
  endeavour,                ///< "shall endeavour to", "shall make efforts to"
  progressive,              ///< "progressively"
  where_practicable,        ///< "where practicable", "as far as possible"
  subject_to_resources,     ///< "within available resources"
  subject_to_agreement,     ///< "as agreed by the Parties", left to a joint committee
};

template <>
struct enum_names<qualifier_kind> {
  static constexpr std::string_view what = "qualifier";
  static constexpr std::array<std::string_view, 7> values{
      "subject_to_national_law", "as_appropriate",       "endeavour",           "progressive",
      "where_practicable",       "subject_to_resources", "subject_to_agreement"};
};

/// A qualifier attached to a provision, with the instrument's wording when it was recorded.
struct qualifier {
  qualifier_kind kind = qualifier_kind::subject_to_national_law;
  std::string text;  ///< the wording, possibly empty
  bool operator==(const qualifier&) const = default;
};

}  // namespace dutymap
