#pragma once
/// Training exercises on MOU gap analysis: a case (an agreement's clauses, a corridor and a
/// profile), the tasks a trainee does with it, and the answer key.

#include <dutymap/corpus.hpp>
#include <dutymap/corridor.hpp>
#include <dutymap/gaps.hpp>
#include <dutymap/io/load.hpp>
#include <dutymap/modality.hpp>
#include <dutymap/problem.hpp>
#include <dutymap/role.hpp>
#include <dutymap/stage.hpp>

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace dutymap {

/// What a trainee is asked to do with a case.
enum class exercise_task : std::uint8_t {
  code,     ///< code each clause: topics, protect or restrict, modality, bearers, stages
  gaps,     ///< list the gaps and conflicts of the agreement against the profile
  propose,  ///< propose clauses that would close the gaps
};

template <>
struct enum_names<exercise_task> {
  static constexpr std::string_view what = "task";
  static constexpr std::array<std::string_view, 3> values{"code", "gaps", "propose"};
};

using task_set = flag_set<exercise_task>;

/// How a clause is coded: by the key, or by a trainee.
struct clause_coding {
  std::vector<std::string> topics;  ///< topic ids, in the order given
  dutymap::effect effect = effect::protects;
  dutymap::modality modality = modality::obligation;
  role_set bearers;
  stage_set stages;
  bool operator==(const clause_coding&) const = default;
};

/// A clause of the case, in the exercise's own words, with its key.
struct exercise_clause {
  std::string id;     ///< local id, unique in the exercise ("passport")
  std::string where;  ///< where it sits in the agreement ("Appendix B"), as far as known
  std::string text;   ///< the clause as the trainee reads it
  /// The corpus provision the clause stands for, when the case is an instrument of the corpus.
  std::string provision;
  std::optional<clause_coding> key;  ///< given by hand; else taken from `provision`
  std::string explanation;           ///< why the key codes it so
  int line = 0, column = 0;          ///< where it is in the exercise file
  bool operator==(const exercise_clause&) const = default;
};

/// An item of the gap list: a norm of the profile that the agreement leaves open (gap, weak,
/// unassigned), one that nothing read covers but an unread text might (unknown), or a topic on
/// which it restricts the worker (conflict).
struct expected_gap {
  std::string topic;
  dutymap::stage stage = stage::employment;
  role bearer = role::destination_state;
  gap_status status = gap_status::gap;
  bool in_profile = true;  ///< false for a restriction on a topic the profile has no norm for
  std::string explanation;
  int line = 0, column = 0;
  bool operator==(const expected_gap&) const = default;
};

/// A training exercise. A value type; read one with `load_exercise` or build it in code.
struct exercise {
  std::string id;
  std::string title;
  int level = 1;       ///< difficulty, 1 (first) to 5
  std::string brief;   ///< what the trainee is told
  std::string source;  ///< where the case comes from
  dutymap::corridor corridor;
  std::string profile;  ///< the profile the agreement is judged against
  /// The corpus instruments the case is (an MOU and its annexes), when it is one; their clauses
  /// are the case's clauses and the gap key can be derived from them.
  std::vector<std::string> instruments;
  task_set tasks;
  std::vector<exercise_clause> clauses;
  /// The gap list, when given by hand; else derived by analysing the case (see `exercise_key`).
  std::optional<std::vector<expected_gap>> gaps;
  std::string file;  ///< the file it was read from, for messages
  int gaps_line = 0, gaps_column = 0;
  bool operator==(const exercise&) const = default;
};

/// An exercise file, or a trainee's answers, that cannot be used: every problem with its place.
/// A std::invalid_argument, so that front ends report it as a bad value.
class exercise_error : public std::invalid_argument {
 public:
  exercise_error(std::string heading, std::vector<problem> problems)
      : std::invalid_argument(describe(heading, problems)), problems_(std::move(problems)) {}
  const std::vector<problem>& problems() const noexcept { return problems_; }

 private:
  static std::string describe(const std::string& heading, const std::vector<problem>& problems) {
    std::string out = std::to_string(problems.size());
    out.append(problems.size() == 1 ? " problem in " : " problems in ").append(heading).append(":");
    for (const auto& p : problems) out.append(1, '\n').append(p.str());
    return out;
  }
  std::vector<problem> problems_;
};

/// Reads an exercise from YAML (format in docs/exercises.md) and checks it against `c`: ids of
/// states, profile, instruments, provisions, topics. Throws `exercise_error` with every problem.
exercise read_exercise(const source_file& file, const corpus& c, const load_limits& limits = {});

/// As `read_exercise`, from a file on disk.
exercise load_exercise(const std::filesystem::path& path, const corpus& c,
                       const load_limits& limits = {});

/// Every problem of an exercise file (empty when it reads cleanly).
std::vector<problem> check_exercise(const source_file& file, const corpus& c,
                                    const load_limits& limits = {});

/// The exercises compiled into the library, checked against the built-in corpus, by level.
const std::vector<exercise>& builtin_exercises();

/// The files the built-in exercises were compiled from, as they are in `exercises/`.
const std::vector<source_file>& builtin_exercise_sources();

/// The built-in exercise with this id; throws std::out_of_range naming the nearest id.
const exercise& builtin_exercise(std::string_view id);

/// The resolved answer key of an exercise: each clause's coding and the gap list, with the gap
/// report of the case that the gap list comes from.
struct exercise_key {
  std::vector<clause_coding> clauses;  ///< parallel to `exercise::clauses`
  std::vector<expected_gap> gaps;
  /// The case judged on its own against the profile: the instruments of the case, or, for a case
  /// that is not in the corpus, a draft instrument made of the keyed clauses.
  gap_report report;
  /// The instruments the report judged (the case's, with their annexes, or the draft).
  std::vector<std::string> judged;
  /// The case as a draft instrument, when it is not in the corpus.
  std::optional<instrument> draft;
};

/// Resolves the key: hand-given codings and gap list where the file has them, else what the
/// corpus says (the provision's coding; the gap report of the case). Throws std::invalid_argument
/// for an exercise that does not fit the corpus.
exercise_key resolve_key(const corpus& c, const exercise& ex);

/// Where a hand-given key disagrees with the corpus's own coding of the same instruments (a
/// clause coded differently from its provision, a gap list different from the analysis, a
/// provision of the case with no clause). Empty when they agree.
std::vector<problem> key_disagreements(const corpus& c, const exercise& ex);

/// The statuses that the gap task asks a trainee to list: a norm the agreement leaves open, one
/// whose coverage cannot be known from what was read (`unknown`), or a restriction.
constexpr bool is_listed_gap(gap_status s) {
  return s == gap_status::gap || s == gap_status::unknown || s == gap_status::weak ||
         s == gap_status::unassigned || s == gap_status::conflict;
}

}  // namespace dutymap
