#pragma once
// What a corridor means for a corpus: which states and actors play which roles, and which
// instruments and provisions apply at its date. Shared by the gap analysis and the accountability
// queries; built per query, with the instrument checks memoised.

#include <dutymap/corridor.hpp>
#include <dutymap/gaps.hpp>

#include <optional>
#include <string>
#include <vector>

namespace dutymap::detail {

class corridor_context {
 public:
  using index = corpus::index;

  // Throws std::invalid_argument for unknown states or sectors.
  corridor_context(const corpus& c, const corridor& where, const profile* p);

  const corpus& c;
  const corridor& where;
  const profile* prof;
  index origin = 0, destination = 0;
  std::vector<index> transit;
  date as_of;
  std::int32_t day = 0;

  // Whether some actor plays the role in this corridor, and which actors (ids) do.
  bool played(role r) const { return played_[static_cast<std::size_t>(r)]; }
  const std::vector<std::string>& actors_of(role r) const {
    return actors_[static_cast<std::size_t>(r)];
  }
  // The roles an actor plays in this corridor (its state's role, and its own roles).
  role_set roles_of(index actor) const;

  // Whether a provision counts, for one bearer role or for any; `why` gets a reader's sentence.
  exclusion applies(index provision, std::optional<role> bearer = {},
                    std::string* why = nullptr) const;
  // How an instrument binds: binding, committed or guidance.
  gap_status tier(index instrument) const;
  // The states whose acceptance makes an instrument's duty on this role apply.
  std::vector<index> anchor_states(role r) const;

  // Whether an instrument applies at all (any bearer), and why not.
  exclusion instrument_applies(index instrument, std::string* why) const;

  // A citation record for a provision.
  cited_provision cite(index provision, std::string note = {}) const;

 private:
  exclusion instrument_in_time(index instrument, std::string* why) const;
  exclusion instrument_reaches(index instrument, role bearer, const provision& p,
                               std::string* why) const;

  bool played_[12] = {};
  std::vector<std::string> actors_[12];
  // Memo of instrument_in_time: 0 unknown, else exclusion + 1.
  mutable std::vector<unsigned char> in_time_;
};

}  // namespace dutymap::detail
