#pragma once
/// Topics (the controlled vocabulary of protections) and sectors of work.

#include <dutymap/stage.hpp>

#include <string>
#include <string_view>

namespace dutymap {

/// A protection in the taxonomy. Ids are dotted: `wages.minimum` is a child of `wages`.
struct topic {
  std::string id;
  std::string title;
  std::string description;
  stage_set stages;  ///< where the protection matters

  /// The parent's id ("wages" for "wages.minimum"), empty for a top-level topic.
  std::string_view parent() const {
    const auto dot = id.rfind('.');
    return dot == std::string::npos ? std::string_view{} : std::string_view(id).substr(0, dot);
  }
  bool operator==(const topic&) const = default;
};

/// A sector of work (domestic work, fishing, ...), named by provisions' scopes and corridors.
struct sector {
  std::string id;
  std::string title;
  std::string description;
  bool operator==(const sector&) const = default;
};

}  // namespace dutymap
