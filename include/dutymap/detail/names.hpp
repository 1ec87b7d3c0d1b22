#pragma once
// Name tables for the fixed vocabularies, and the flag sets built on them.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dutymap {

/// Specialised for each vocabulary enum: `static constexpr std::array<std::string_view, N> values`,
/// in the order of the enumerators, and `static constexpr std::string_view what` (its name in
/// messages).
template <class E>
struct enum_names;

/// The id of an enumerator as written in corpus files ("pre_departure"). O(1), thread-safe.
template <class E>
constexpr std::string_view name_of(E value) {
  return enum_names<E>::values[static_cast<std::size_t>(value)];
}

/// Parses an id as written in corpus files; nullopt when it is not one of the vocabulary's ids.
template <class E>
constexpr std::optional<E> parse(std::string_view text) {
  const auto& names = enum_names<E>::values;
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == text) return static_cast<E>(i);
  return std::nullopt;
}

/// All ids of a vocabulary, in order (for messages and suggestions).
template <class E>
std::vector<std::string> all_names() {
  return {enum_names<E>::values.begin(), enum_names<E>::values.end()};
}

/// A small set of enumerators of one vocabulary (at most 32), stored as bits. A value type.
template <class E>
class flag_set {
 public:
  constexpr flag_set() = default;
  constexpr flag_set(std::initializer_list<E> values) {
    for (E v : values) insert(v);
  }
  static constexpr flag_set from_bits(std::uint32_t bits) {
    flag_set s;
    s.bits_ = bits;
    return s;
  }
  static constexpr flag_set all() { return from_bits((1u << enum_names<E>::values.size()) - 1u); }

  constexpr void insert(E v) { bits_ |= bit(v); }
  constexpr void erase(E v) { bits_ &= ~bit(v); }
  constexpr bool contains(E v) const { return (bits_ & bit(v)) != 0; }
  constexpr bool empty() const { return bits_ == 0; }
  constexpr bool intersects(flag_set o) const { return (bits_ & o.bits_) != 0; }
  constexpr std::uint32_t bits() const { return bits_; }
  constexpr std::size_t size() const { return static_cast<std::size_t>(__builtin_popcount(bits_)); }

  /// The members in vocabulary order.
  std::vector<E> values() const {
    std::vector<E> out;
    for (std::size_t i = 0; i < enum_names<E>::values.size(); ++i)
      if (bits_ & (1u << i)) out.push_back(static_cast<E>(i));
    return out;
  }
  /// The members' ids, in vocabulary order.
  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (E v : values()) out.emplace_back(name_of(v));
    return out;
  }

  friend constexpr flag_set operator|(flag_set a, flag_set b) {
    return from_bits(a.bits_ | b.bits_);
  }
  friend constexpr flag_set operator&(flag_set a, flag_set b) {
    return from_bits(a.bits_ & b.bits_);
  }
  friend constexpr bool operator==(flag_set a, flag_set b) = default;

 private:
  static constexpr std::uint32_t bit(E v) { return 1u << static_cast<unsigned>(v); }
  std::uint32_t bits_ = 0;
};

}  // namespace dutymap
