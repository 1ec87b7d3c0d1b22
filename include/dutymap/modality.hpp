#pragma once
/// The deontic character of a provision: its modality, its strength and its effect on a topic.

#include <dutymap/detail/names.hpp>

namespace dutymap {

/// What kind of statement a provision makes.
enum class modality : std::uint8_t { obligation, prohibition, permission, right };

/// How firmly it is stated. Ordered: `shall` is the strongest.
enum class strength : std::uint8_t { may, should, shall };

/// Whether a provision protects the worker on a topic or restricts the worker on it.
enum class effect : std::uint8_t { protects, restricts };

template <>
struct enum_names<modality> {
  static constexpr std::string_view what = "modality";
  static constexpr std::array<std::string_view, 4> values{"obligation", "prohibition", "permission",
                                                          "right"};
};
template <>
struct enum_names<strength> {
  static constexpr std::string_view what = "strength";
  static constexpr std::array<std::string_view, 3> values{"may", "should", "shall"};
};
template <>
struct enum_names<effect> {
  static constexpr std::string_view what = "effect";
  static constexpr std::array<std::string_view, 2> values{"protects", "restricts"};
};

/// True when `s` is at least as strong as `required`.
constexpr bool at_least(strength s, strength required) {
  return static_cast<int>(s) >= static_cast<int>(required);
}

}  // namespace dutymap
