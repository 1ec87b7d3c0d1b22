#pragma once
/// Grading a trainee's answers to an exercise: per item credit, precision, recall and F1 per
/// task, and feedback that quotes the clause, names the norm and cites its source.

#include <dutymap/corpus.hpp>
#include <dutymap/exercise.hpp>

#include <map>
#include <string>
#include <vector>

namespace dutymap {

/// One row of a trainee's answers as text cells, before it is read. `label` says where it is
/// ("answers.csv:4", "row 3") for messages.
struct answer_cells {
  std::string label;
  std::map<std::string, std::string> cells;  ///< column name -> cell text (empty: not given)
  int line = 0;                              ///< line in the answers file, when read from one
  std::map<std::string, int> columns;        ///< column name -> 1-based character column
};

/// The columns of an answer sheet, in the order `blank` writes them.
inline constexpr std::array<std::string_view, 10> answer_columns{
    "task",     "clause",  "text",   "topics", "effect",
    "modality", "bearers", "stages", "status", "strength"};

/// One answer: a clause's coding (task `code`), a gap the trainee lists (task `gaps`; the first
/// topic, stage and bearer name the norm) or a proposed clause (task `propose`).
struct answer {
  std::string label;
  exercise_task task = exercise_task::code;
  std::string clause;  ///< for `code`: the clause id
  std::string text;    ///< for `propose`: the wording proposed
  std::vector<std::string> topics;
  std::optional<dutymap::effect> effect;
  std::optional<dutymap::modality> modality;
  role_set bearers;
  stage_set stages;
  std::optional<gap_status> status;  ///< for `gaps`; empty reads as `gap`
  std::optional<dutymap::strength> strength;
  /// Whether the row says anything beyond its task and clause (a blank coding row does not).
  bool answered() const;
};

/// Reads answer rows (from a CSV file or a table) against an exercise and its corpus. Cells may
/// list several values separated by `;` or `,`. Throws `exercise_error` naming the row and column
/// of every problem (unknown topic with the nearest id, unknown clause, bad stage, ...).
std::vector<answer> read_answers(const std::vector<answer_cells>& rows, const corpus& c,
                                 const exercise& ex, const std::string& source = "the answers");

/// Splits CSV text (RFC 4180: quoted cells, doubled quotes, CRLF) into answer rows; the first row
/// names the columns. Throws `exercise_error` for a malformed file or an unknown column.
std::vector<answer_cells> parse_answer_csv(const std::string& text, const std::string& name);

/// The answer sheet a trainee fills: one `code` row per clause when the exercise asks for coding.
std::vector<answer_cells> blank_answers(const exercise& ex);

/// The key written as answers (a perfect answer sheet).
std::vector<answer> key_answers(const corpus& c, const exercise& ex);

/// How one item was graded.
struct item_grade {
  exercise_task task = exercise_task::code;
  std::string item;    ///< clause id, `topic @ stage` of a gap, or the proposal's label
  std::string answer;  ///< label of the answer row; empty for an item the trainee missed
  double credit = 0;   ///< 0 to 1
  /// right, partly right, wrong, missed, extra, closes, closes nothing.
  std::string verdict;
  std::vector<std::string> mistakes;  ///< what was wrong, one phrase each
  std::string feedback;               ///< sentences for the trainee, with citations
  std::vector<std::string> cites;     ///< provision ids and norm sources the feedback rests on
};

/// How one task was graded. For coding, precision and recall count the individual codes (a topic,
/// a stage, a bearer, the effect, the modality of a clause); for gaps and proposals they count
/// items, with partial credit.
struct task_grade {
  exercise_task task = exercise_task::code;
  double score = 0;  ///< 0 to 1: mean credit for coding, F1 for gaps and proposals
  double precision = 0, recall = 0, f1 = 0;
  std::size_t key_items = 0, answered = 0, right = 0, partly = 0;
};

/// The result of grading: a score out of 100 (the mean of the task scores), the tasks, the items.
struct grade_result {
  std::string exercise;
  double score = 0;
  std::vector<task_grade> tasks;
  std::vector<item_grade> items;
  const task_grade* task(exercise_task t) const {
    for (const auto& g : tasks)
      if (g.task == t) return &g;
    return nullptr;
  }
};

/// Credit weights (documented in docs/exercises.md).
struct grading_weights {
  // A clause's coding: topics, stages, bearers (each by overlap), effect, modality.
  double topics = 0.4, stages = 0.2, bearers = 0.2, effect = 0.1, modality = 0.1;
  // A listed gap: the topic (a parent or child of the key's topic earns half), stage, bearer,
  // status.
  double gap_topic = 0.5, gap_stage = 0.2, gap_bearer = 0.15, gap_status = 0.15;
};

/// Grades answers. Proposed clauses are run as a scenario (a draft instrument between the
/// corridor's states holding them) to find which gaps of the key they really close. Const and
/// thread-safe.
grade_result grade(const corpus& c, const exercise& ex, const std::vector<answer>& answers,
                   const grading_weights& w = {});

}  // namespace dutymap
