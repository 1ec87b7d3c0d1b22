#pragma once
/// Practice beside paper: what a source reports an actor did to carry out a provision.

#include <dutymap/date.hpp>
#include <dutymap/provenance.hpp>

#include <string>

namespace dutymap {

/// How far a source's words say a provision was carried out in a period. Ordered from the most
/// done; `not_reported` is a source's silence, not a finding that nothing was done.
enum class practice_rating : std::uint8_t { done, partly, not_done, not_reported };

template <>
struct enum_names<practice_rating> {
  static constexpr std::string_view what = "rating";
  static constexpr std::array<std::string_view, 4> values{"done", "partly", "not_done",
                                                          "not_reported"};
};

/// Implementation evidence: one actor's reported work on one provision in one period, cited like
/// a provision. It never changes what a provision owes; it sits beside it.
struct implementation_record {
  std::string provision;  ///< the provision carried out, `instrument:provision`
  std::string actor;      ///< who the source says was responsible
  date period;            ///< the period reported on: a year, a month or a day
  practice_rating rating = practice_rating::not_reported;
  std::string reported;            ///< what the source reports was done, in our words
  dutymap::provenance provenance;  ///< source, its words that support the rating, confidence
  std::string notes;
  bool operator==(const implementation_record&) const = default;
};

}  // namespace dutymap
