#pragma once
/// Actors: the concrete parties that play roles in a corridor.

#include <dutymap/role.hpp>
#include <dutymap/stage.hpp>

#include <optional>
#include <string>
#include <vector>

namespace dutymap {

/// What kind of body an actor is.
enum class actor_kind : std::uint8_t {
  state,
  ministry,
  department,
  agency,
  association,
  union_,  ///< written `union` in files
  ngo,
  employer,
  service,
  international_organisation,
  regional_body,
};

template <>
struct enum_names<actor_kind> {
  static constexpr std::string_view what = "actor kind";
  static constexpr std::array<std::string_view, 11> values{
      "state",        "ministry", "department", "agency",  "association",
      "union",        "ngo",      "employer",   "service", "international_organisation",
      "regional_body"};
};

/// An actor's oversight of another actor (`actor`) or of every actor playing a role
/// (`target_role`).
struct oversight {
  std::string actor;
  std::optional<role> target_role;
  std::string function;  ///< licensing, inspection, ...
  std::string source;
  bool operator==(const oversight&) const = default;
};

/// Where an actor sends a worker's complaint.
struct referral {
  std::string actor;
  stage_set stages;
  std::string source;
  bool operator==(const referral&) const = default;
};

/// A state, a body of a state, an association, an organisation.
struct actor {
  std::string id;
  std::string name;
  actor_kind kind = actor_kind::state;
  std::string state;       ///< for a body of a state: the state's id
  std::string located_in;  ///< the state where it sits, when abroad (an embassy, a labour attaché)
  role_set roles;          ///< roles it can play besides its state's role
  std::vector<oversight> oversees;
  std::vector<referral> refers_to;
  stage_set receives_complaints;
  std::string source;
  std::string notes;
  bool operator==(const actor&) const = default;
};

}  // namespace dutymap
