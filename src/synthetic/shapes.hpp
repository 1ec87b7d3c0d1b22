#pragma once
// What the synthetic corpus copies from the real one (its topic groups, sectors and qualifiers),
// and the small records and helpers the generator's parts share.

#include <dutymap/synthetic.hpp>

#include "stream.hpp"

#include <array>
#include <bit>
#include <cstdint>
#include <string>
#include <string_view>

namespace dutymap::synthetic_parts {

inline constexpr stage pre = stage::pre_departure, tra = stage::transit, emp = stage::employment,
                       ret = stage::return_home;

// The top-level topic groups of the real taxonomy, with the stages at which they matter and
// whether agreements tend to restrict the worker on them (change of employer, passports, ...).
struct group_spec {
  std::string_view id;
  stage_set stages;
  bool restrictable;
};
inline const std::array<group_spec, 30> group_specs{{
    {"recruitment", {pre}, false},
    {"contract", {pre, emp}, false},
    {"information", {pre, tra, emp}, false},
    {"skills", {pre, ret}, false},
    {"documents", {pre, emp}, true},
    {"health", {pre, emp}, false},
    {"transit", {tra}, false},
    {"wages", {emp}, true},
    {"working_time", {emp}, false},
    {"conditions", {emp}, false},
    {"social_security", {emp, ret}, false},
    {"association", {emp}, true},
    {"mobility", {emp}, true},
    {"termination", {emp, ret}, true},
    {"residence", {emp}, true},
    {"complaints", {pre, tra, emp, ret}, false},
    {"justice", {emp, ret}, false},
    {"consular", {tra, emp, ret}, false},
    {"forced_labour", {pre, emp}, false},
    {"trafficking", {pre, tra, emp}, false},
    {"equality", {emp}, false},
    {"child_labour", {pre, emp}, false},
    {"family", {emp}, false},
    {"irregular_migration", {tra, emp}, true},
    {"labour_inspection", {emp}, false},
    {"repatriation", {ret}, true},
    {"reintegration", {ret}, false},
    {"data", {pre, ret}, false},
    {"welfare_fund", {pre, emp, ret}, false},
    {"cooperation", {pre, tra, emp, ret}, false},
}};

struct sector_spec {
  std::string_view id, title, code;  // code: the suffix of a sector's MOU ids ("-dw")
};
inline const std::array<sector_spec, 7> sector_specs{{
    {"domestic_work", "Domestic work", "dw"},
    {"fishing", "Fishing", "fi"},
    {"agriculture", "Agriculture", "ag"},
    {"construction", "Construction", "co"},
    {"manufacturing", "Manufacturing", "mf"},
    {"services", "Services", "sv"},
    {"seafaring", "Seafaring", "sf"},
}};

inline constexpr std::array<qualifier_kind, 7> qualifier_kinds{
    qualifier_kind::subject_to_national_law,
    qualifier_kind::as_appropriate,
    qualifier_kind::endeavour,
    qualifier_kind::progressive,
    qualifier_kind::where_practicable,
    qualifier_kind::subject_to_resources,
    qualifier_kind::subject_to_agreement};

// Which way a state's workers mostly move.
enum class orientation : std::uint8_t { origin, destination, both };

struct state_info {
  std::string id;
  orientation way = orientation::both;
  unsigned propensity = 50;  // percent: how readily it ratifies
  int region = -1;
  bool sends() const { return way != orientation::destination; }
  bool receives() const { return way != orientation::origin; }
};

struct topic_info {
  std::string id;
  stage_set stages;
  bool restrictable = false;
};

inline std::string two_digits(std::size_t n) {
  return (n < 10 ? "0" : "") + std::to_string(n);
}

inline std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

// The k-th stage of a set (k < size()), without the allocation of `values()`: this runs millions
// of times.
inline stage nth_stage(stage_set set, std::size_t k) {
  std::uint32_t bits = set.bits();
  for (; k > 0; --k) bits &= bits - 1;
  return static_cast<stage>(std::countr_zero(bits));
}

inline stage any_stage(stream& r, stage_set set) {
  return nth_stage(set, r.below(set.size()));
}

inline date full_date(stream& r, int year) {
  return date{year, r.between(1, 12), r.between(1, 28)};
}

inline date plus_months(date d, int months) {
  const int m = d.month - 1 + months;
  return date{d.year + m / 12, m % 12 + 1, d.day};
}

// How an instrument's provisions are drawn.
struct style {
  unsigned shall = 60, should = 30;  // percent; the rest are `may`
  unsigned restricts = 0;            // percent restricting the worker on a topic
  unsigned qualified = 10;           // percent hollowed by a qualifier
  unsigned secondary = 5;            // percent coded from a secondary description
  unsigned sector_scoped = 0;        // percent reaching one sector only, or excluding one
  unsigned all_workers = 5;          // percent covering undocumented workers too
  unsigned designates = 0;           // percent naming a responsible actor
  bool contract = false;             // a standard contract: employment terms, borne by employers
  bool chapters = false;             // cited by chapter only, as consensus texts are
};

}  // namespace dutymap::synthetic_parts
