#pragma once
/// Gap analysis: for a corridor and a reference profile, who owes each expected protection to the
/// worker, under which instrument, how strongly, and where nobody does.

#include <dutymap/corpus.hpp>
#include <dutymap/corridor.hpp>

#include <array>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace dutymap {

/// The status of an expected norm in a corridor (the meanings are those of docs/gaps.md).
enum class gap_status : std::uint8_t {
  conflict,    ///< an applicable provision restricts the worker on the topic
  binding,     ///< a binding instrument that applies to the bearer's state protects it
  committed,   ///< only non-binding commitments (MOU, consensus, declaration) protect it
  guidance,    ///< only recommendations or guidelines speak to it
  weak,        ///< covered, but below strength, qualified away, or for a narrower scope
  unassigned,  ///< covered, but the bearer role is played by no actor in the corridor
  unknown,     ///< nothing known covers it, but an applicable instrument not read in full might
  gap,         ///< verified absence: every applicable instrument read in full, or reported lacking
};

template <>
struct enum_names<gap_status> {
  static constexpr std::string_view what = "gap status";
  static constexpr std::array<std::string_view, 8> values{
      "conflict", "binding", "committed", "guidance", "weak", "unassigned", "unknown", "gap"};
};

/// How many gap statuses there are (the width of the count tables).
inline constexpr std::size_t gap_status_count = enum_names<gap_status>::values.size();

/// Why a provision did not count for a corridor.
enum class exclusion : std::uint8_t {
  counts,             ///< it counts
  not_ratified,       ///< the bearer's state has not ratified the instrument
  ratified_after,     ///< ratified, but after the corridor's date
  denounced,          ///< ratified and then denounced
  part_excluded,      ///< the state's ratification excludes the provision's part
  territory,          ///< the ratification is limited to other territories
  not_party,          ///< the corridor's states are not (both) parties to the instrument
  not_yet_in_force,   ///< the instrument applies only after the corridor's date
  expired,            ///< the instrument had expired by the corridor's date
  superseded,         ///< a later revision applies instead
  out_of_sector,      ///< the provision does not reach the corridor's sector
  documented_only,    ///< the provision covers documented workers only
  kind_not_accepted,  ///< the profile does not accept instruments of this kind
};

template <>
struct enum_names<exclusion> {
  static constexpr std::string_view what = "exclusion";
  static constexpr std::array<std::string_view, 13> values{
      "counts",        "not_ratified",    "ratified_after",   "denounced", "part_excluded",
      "territory",     "not_party",       "not_yet_in_force", "expired",   "superseded",
      "out_of_sector", "documented_only", "kind_not_accepted"};
};

/// A provision cited by a result, with what a reader needs to weigh it.
struct cited_provision {
  std::string provision;   ///< full provision id
  std::string instrument;  ///< instrument id
  std::string citation;    ///< "ilo-c189 Art. 10"
  std::string summary;
  dutymap::strength strength = strength::shall;
  dutymap::confidence confidence = confidence::high;
  dutymap::coded_from coded_from = coded_from::text;
  gap_status tier =
      gap_status::binding;  ///< binding, committed or guidance: what its instrument is
  dutymap::text_coverage text = text_coverage::full;  ///< how much of its instrument was read
  std::string note;  ///< why it is weak, why it did not count, or how it binds
};

/// What a piece of a row's evidence is.
enum class evidence_kind : std::uint8_t {
  provision,      ///< a provision that decided the status
  reported_lack,  ///< a source reports that an applicable instrument does not cover the topic
  read_in_full,   ///< an applicable instrument read in full has no clause that covers it
  not_read,       ///< an applicable instrument not read in full might cover it (so: `unknown`)
};

template <>
struct enum_names<evidence_kind> {
  static constexpr std::string_view what = "evidence kind";
  static constexpr std::array<std::string_view, 4> values{"provision", "reported_lack",
                                                          "read_in_full", "not_read"};
};

/// One thing a row's status rests on: a deciding provision, or, for `gap` and `unknown`, what is
/// known of each applicable instrument of a kind the profile accepts (`gap_row::all_evidence`).
struct evidence {
  evidence_kind kind = evidence_kind::provision;
  std::string instrument;  ///< instrument id
  std::string provision;   ///< for `provision`: the provision id
  std::string citation;    ///< a provision's ("ilo-c189 Art. 10"), or the source reporting a lack
  dutymap::text_coverage text = text_coverage::full;  ///< how much of the instrument was read
  std::string passage;                                ///< for `reported_lack`: the source's words
  dutymap::confidence confidence = confidence::high;
};

/// One row of a gap report: an expected norm (or a restriction, or a protection beyond the
/// profile) with its status and the provisions that decided it.
struct gap_row {
  std::string topic;
  dutymap::stage stage = stage::employment;
  role bearer = role::destination_state;  ///< the role the profile expects to bear it
  std::vector<std::string> actors;        ///< the actors that play it in the corridor
  gap_status status = gap_status::gap;
  bool in_profile = true;  ///< false for a restriction or protection outside the profile's norms
  strength min_strength = strength::shall;
  std::vector<cited_provision> decided_by;        ///< the provisions that decided the status
  std::string explanation;                        ///< one or two sentences a reader can follow
  std::optional<dutymap::confidence> confidence;  ///< lowest among `decided_by`
  std::vector<cited_provision>
      nearest;  ///< for gap, unknown, weak and unassigned: what did not count, and why
  std::vector<cited_provision>
      precedents;           ///< for gap, weak and conflict: what others agreed on it
  std::string norm_source;  ///< the profile's source for the norm
  /// What an absence rests on, for `gap` and `unknown` rows: per applicable instrument of an
  /// accepted kind, its reported lack, its reading in full, or that it was not read (what would
  /// settle an `unknown`). Empty for a covered row, whose status rests on `decided_by`: the
  /// deciding provisions are kept once, there, and `all_evidence` lists both.
  std::vector<dutymap::evidence> evidence;

  /// Everything the status rests on: the deciding provisions (as `provision` evidence), then the
  /// evidence of an absence.
  std::vector<dutymap::evidence> all_evidence() const;
};

/// How much each status counts in the coverage index (documented in docs/gaps.md; adjustable).
struct coverage_weights {
  double binding = 1.0, committed = 0.6, guidance = 0.3, weak = 0.3, unassigned = 0.2, gap = 0.0,
         conflict = -0.5;
  /// The weight of a status; NaN for `unknown`, which the coverage index leaves out.
  double of(gap_status s) const;
};

/// A gap report: the rows and the counts a reader scans first.
struct gap_report {
  dutymap::corridor corridor;
  std::string profile;
  date as_of;  ///< the date the analysis used (the corridor's, or today's)
  std::vector<gap_row> rows;

  /// Rows of the profile only (not the out-of-profile conflicts and protections).
  std::vector<const gap_row*> profile_rows() const;
  /// Counts of profile rows by stage and status: [stage][status].
  std::array<std::array<std::size_t, gap_status_count>, 4> counts_by_stage() const;
  /// Counts of profile rows by expected bearer and status: [role][status].
  std::array<std::array<std::size_t, gap_status_count>, 12> counts_by_bearer() const;
  /// Mean weight of the profile rows of each stage whose status is known (not `unknown`), in
  /// [-0.5, 1] with the default weights; NaN for a stage with no such row.
  std::array<double, 4> coverage_index(const coverage_weights& w = {}) const;
  /// The evidence index: the share of the profile's norms whose status rests on read text or a
  /// cited absence (every status but `unknown`), in [0, 1]; NaN for a profile with no norm.
  double evidence_index() const;
  /// The row of a norm, or nullptr.
  const gap_row* find(std::string_view topic, stage s) const;
};

/// Options of a gap analysis.
struct gap_options {
  bool beyond_profile = true;      ///< also report protections outside the profile's norms
  std::size_t max_precedents = 8;  ///< per row
  std::size_t max_nearest = 6;     ///< per row
  /// Whether a provision for fewer sectors than the corridor counts as weak.
  bool judge_scope = true;
  /// When not empty, only these instruments count (to score one agreement against a profile).
  std::vector<std::string> only_instruments;
};

/// Runs the gap analysis of a corridor against a profile of the corpus. Const, thread-safe.
/// Throws std::invalid_argument for an unknown state, sector or profile (naming the nearest id).
gap_report gaps(const corpus& c, const corridor& where, std::string_view profile,
                const gap_options& options = {});

/// Runs the gap analyses of many (corridor, profile) questions, as `gaps` would one by one, over a
/// pool of `threads` threads (0: one per hardware thread; never more than there are questions).
/// The reports come in the order of the questions. When questions throw, every question before
/// the first that threw is still answered and that first exception (in question order) is
/// rethrown. Const, thread-safe; the corpus is shared, not copied.
std::vector<gap_report> gaps_many(const corpus& c,
                                  const std::vector<std::pair<corridor, std::string>>& questions,
                                  const gap_options& options = {}, unsigned threads = 0);

/// As `gaps_many`, but each report is handed to `take(i, report)` (i: the question's position) as
/// soon as it is ready instead of being kept: for sweeps whose reports do not all fit in memory
/// (a report of a corridor of a large corpus holds about a megabyte of citations). `take` runs on
/// the worker threads, one call at a time, in no particular order; if it throws, that counts as
/// its question's exception.
void gaps_many(const corpus& c, const std::vector<std::pair<corridor, std::string>>& questions,
               const std::function<void(std::size_t, gap_report&&)>& take,
               const gap_options& options = {}, unsigned threads = 0);

/// Whether, and why not, a provision counts in a corridor (for one of its bearer roles, or for the
/// first that counts when `bearer` is empty), judged as the gap analysis judges it. `profile` may
/// be null (no restriction on instrument kinds).
exclusion provision_applies(const corpus& c, corpus::index provision, const corridor& where,
                            const profile* profile = nullptr, std::optional<role> bearer = {},
                            std::string* why = nullptr);

/// Whether an instrument applies in a corridor at its date, and if not, why.
struct instrument_status {
  std::string instrument;
  exclusion status = exclusion::counts;
  std::string why;
};

/// Every instrument of the corpus judged for a corridor: parties, dates, revisions and, for
/// conventions, ratification by the destination or the origin state.
std::vector<instrument_status> instrument_statuses(const corpus& c, const corridor& where);

/// A norm whose status differs between two reports.
struct status_change {
  std::string topic;
  dutymap::stage stage = stage::employment;
  role bearer = role::destination_state;
  bool in_profile = true;
  std::optional<gap_status> before, after;  ///< empty where the row exists on one side only
  std::vector<std::string> provisions_before, provisions_after;
  std::vector<std::string> changed_by;  ///< provisions that decide one side and not the other
};

/// The norms whose status changed from `before` to `after`, in the order of `after`.
std::vector<status_change> changes(const gap_report& before, const gap_report& after);

}  // namespace dutymap
