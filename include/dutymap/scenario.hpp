#pragma once
/// What-if scenarios: ratify or withdraw, add, replace or remove an instrument, add an actor,
/// move the date; then ask the same questions and see what changed.

#include <dutymap/corpus.hpp>
#include <dutymap/gaps.hpp>

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace dutymap {

/// A set of changes over a base corpus. Building a scenario is cheap (it records the changes);
/// the changed corpus is validated and indexed once, on the first question, and then shared.
/// Ratifications and withdrawals alone cost in proportion to the ratification records (the
/// changed corpus shares the base's instruments and indexes); a date alone costs nothing; adding,
/// replacing or removing an instrument or an actor rebuilds a copy of the base (linear in it).
/// A scenario is a value: copies share the base corpus. Questions are const and thread-safe.
class scenario {
 public:
  explicit scenario(corpus base);

  /// The state ratifies the instrument on `when` (replacing any record it had).
  scenario& ratify(std::string state, std::string instrument, date when);
  /// The state's record for the instrument is removed (it is no longer bound).
  scenario& withdraw(std::string state, std::string instrument);
  /// Adds an instrument, or replaces the one with the same id.
  scenario& put_instrument(instrument in);
  /// Removes an instrument (and the instruments annexed to it).
  scenario& remove_instrument(std::string id);
  /// Adds an actor, or replaces the one with the same id.
  scenario& put_actor(actor a);
  /// Asks every question as of this date, whatever the corridor says.
  scenario& as_of(date when);

  /// The changed corpus. Throws corpus_error if the changes leave it invalid (a dangling
  /// reference).
  const corpus& result() const;
  const corpus& base() const { return base_; }

  /// The gap analysis on the changed corpus.
  gap_report gaps(const corridor& where, std::string_view profile, const gap_options& o = {}) const;
  /// The corridor as the scenario sees it (its date moved if the scenario moves it).
  corridor adjust(corridor where) const;

 private:
  corpus base_;
  corpus_content changes_;  // instruments and actors to put
  std::vector<std::string> removed_instruments_;
  std::vector<std::pair<std::string, std::string>> withdrawn_;
  std::vector<ratification> ratified_;
  std::optional<date> as_of_;
  struct materialised {
    std::once_flag once;
    std::unique_ptr<const corpus> result;
  };
  // Shared by copies; replaced (not changed) when a change is recorded.
  std::shared_ptr<materialised> state_ = std::make_shared<materialised>();
};

}  // namespace dutymap
