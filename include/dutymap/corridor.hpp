#pragma once
/// Corridors: the scope of a question (origin, destination, sector, worker status, date).

#include <dutymap/date.hpp>
#include <dutymap/detail/names.hpp>

#include <optional>
#include <string>
#include <vector>

namespace dutymap {

/// Whether the worker in a corridor is documented (in a regular situation) or not.
enum class worker_status : std::uint8_t { documented, undocumented };

template <>
struct enum_names<worker_status> {
  static constexpr std::string_view what = "worker status";
  static constexpr std::array<std::string_view, 2> values{"documented", "undocumented"};
};

/// A migration corridor: who sends, who receives, for which workers, as of when.
struct corridor {
  std::string origin;                ///< state id
  std::string destination;           ///< state id
  std::vector<std::string> transit;  ///< transit state ids, if any
  std::string sector;                ///< sector id; empty for no particular sector
  worker_status status = worker_status::documented;
  std::optional<date> as_of;  ///< empty: today, as far as the corpus knows
  std::string territory;      ///< a territory of the destination, if the question is about one
  bool operator==(const corridor&) const = default;
};

}  // namespace dutymap
