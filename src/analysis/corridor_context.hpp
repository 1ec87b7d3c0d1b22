#pragma once
// What a corridor means for a corpus: which states and actors play which roles, and which
// instruments and provisions apply at its date. Shared by the gap analysis and the accountability
// queries; built per query, with the instrument checks memoised.

#include <dutymap/corridor.hpp>
#include <dutymap/gaps.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
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
  std::span<const index> anchor_states(role r) const {
    return anchors_[static_cast<std::size_t>(r)];
  }
  // A corridor state's record for a ratifiable instrument, or nullptr.
  const ratification* record(index state, index instrument) const;

  // Whether an instrument applies at all (any bearer), and why not.
  exclusion instrument_applies(index instrument, std::string* why) const;

  // Every instrument that can count here, ascending: global ones that need no ratification, the
  // conventions the corridor's states have a record for, regional ones of both states, bilateral
  // ones between them, national ones of its states. Any other is out of the corridor (not party,
  // not ratified) whatever the date, sector or bearer.
  std::vector<index> instruments_that_may_apply() const;
  // Whether the origin or the destination is among an instrument's parties.
  bool names_corridor_state(index instrument) const;

  // A citation record for a provision.
  cited_provision cite(index provision, std::string note = {}) const;

 private:
  exclusion instrument_in_time(index instrument, std::string* why) const;
  exclusion instrument_reaches(index instrument, role bearer, const provision& p,
                               std::string* why) const;

  bool played_[12] = {};
  std::vector<std::string> actors_[12];
  std::vector<index> anchors_[12];
  // The ratification records of the corridor's states, by (state << 32 | instrument).
  std::unordered_map<std::uint64_t, const ratification*> records_;
  // Memo of instrument_in_time, by instrument (a map: a query touches few of them).
  struct in_time_memo {
    exclusion result = exclusion::counts;
    bool worded = false;  // whether `why` was asked for, and so is known
    std::string why;
  };
  mutable std::unordered_map<index, in_time_memo> in_time_;
};

}  // namespace dutymap::detail
