#pragma once
/// Profiles: reference standards that gaps are measured against.

#include <dutymap/instrument.hpp>
#include <dutymap/modality.hpp>
#include <dutymap/role.hpp>
#include <dutymap/stage.hpp>

#include <string>
#include <vector>

namespace dutymap {

/// An expected norm: a topic at a stage, owed by a role, at least at some strength.
struct norm {
  std::string topic;
  dutymap::stage stage = stage::employment;
  role bearer = role::destination_state;
  strength min_strength = strength::shall;
  std::string source;
  std::string note;
  bool operator==(const norm&) const = default;
};

/// A named list of expected norms, with the instrument kinds that may satisfy them.
struct profile {
  std::string id;
  std::string title;
  std::string description;
  std::string source;
  std::vector<instrument_kind> accepts;  ///< empty: any kind
  std::vector<norm> norms;

  /// Whether an instrument of this kind may satisfy the profile's norms.
  bool accepts_kind(instrument_kind k) const {
    if (accepts.empty()) return true;
    for (auto a : accepts)
      if (a == k) return true;
    return false;
  }
  bool operator==(const profile&) const = default;
};

}  // namespace dutymap
