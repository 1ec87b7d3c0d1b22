#pragma once
/// Roles: the positions that actors take in a migration corridor.

#include <dutymap/detail/names.hpp>

namespace dutymap {

/// A position in a corridor; a corridor binds roles to concrete actors.
enum class role : std::uint8_t {
  origin_state,
  transit_state,
  destination_state,
  recruitment_agency,
  employer,
  worker,
  worker_family,
  worker_organisation,
  employer_organisation,
  civil_society,
  international_organisation,
  regional_body,
};

template <>
struct enum_names<role> {
  static constexpr std::string_view what = "role";
  static constexpr std::array<std::string_view, 12> values{"origin_state",
                                                           "transit_state",
                                                           "destination_state",
                                                           "recruitment_agency",
                                                           "employer",
                                                           "worker",
                                                           "worker_family",
                                                           "worker_organisation",
                                                           "employer_organisation",
                                                           "civil_society",
                                                           "international_organisation",
                                                           "regional_body"};
};

/// A set of roles.
using role_set = flag_set<role>;

/// Whether a role is one of the three state roles.
constexpr bool is_state_role(role r) {
  return r == role::origin_state || r == role::transit_state || r == role::destination_state;
}

}  // namespace dutymap
