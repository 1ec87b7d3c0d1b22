// An index of many items by id that keeps only their positions: open addressing, at most half
// full, 4 bytes a slot; the ids are read from the items themselves. About 8 bytes an item, where
// an std::unordered_map<std::string, index> costs about 100 (a node, a copy of the id, a bucket).

#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
#include <vector>

namespace dutymap::detail {

class id_table {
 public:
  using index = std::uint32_t;

  /// Room for `n` items without growing.
  void reserve(std::size_t n) {
    std::size_t slots = 16;
    while (slots < 2 * n) slots *= 2;
    slots_.assign(slots, empty);
  }

  /// Adds item `i`, whose id is `id_of(i)`, unless an item with the same id is there (then
  /// false). `reserve` must have made room.
  template <class IdOf>
  bool insert(index i, const IdOf& id_of) {
    const std::string_view id = id_of(i);
    for (std::size_t s = start(id);; s = next(s)) {
      if (slots_[s] == empty) {
        slots_[s] = i;
        return true;
      }
      if (id_of(slots_[s]) == id) return false;
    }
  }

  /// The item whose id is `id`, if any.
  template <class IdOf>
  std::optional<index> find(std::string_view id, const IdOf& id_of) const {
    if (slots_.empty()) return std::nullopt;
    for (std::size_t s = start(id);; s = next(s)) {
      if (slots_[s] == empty) return std::nullopt;
      if (id_of(slots_[s]) == id) return slots_[s];
    }
  }

 private:
  static constexpr index empty = static_cast<index>(-1);
  std::size_t start(std::string_view id) const {
    return std::hash<std::string_view>{}(id) & (slots_.size() - 1);
  }
  std::size_t next(std::size_t s) const { return (s + 1) & (slots_.size() - 1); }

  std::vector<index> slots_;
};

}  // namespace dutymap::detail
