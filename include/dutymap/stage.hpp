#pragma once
/// The stages of the labour-migration cycle.

#include <dutymap/detail/names.hpp>

namespace dutymap {

/// A stage of the migration cycle, in the order a worker lives them.
enum class stage : std::uint8_t {
  pre_departure,  ///< information, recruitment, contracting, orientation, documents
  transit,        ///< travel, border crossing, arrival
  employment,     ///< work and life in the destination
  return_home,    ///< repatriation, final pay, reintegration (written `return` in files)
};

template <>
struct enum_names<stage> {
  static constexpr std::string_view what = "stage";
  static constexpr std::array<std::string_view, 4> values{"pre_departure", "transit", "employment",
                                                          "return"};
};

/// A set of stages.
using stage_set = flag_set<stage>;

}  // namespace dutymap
