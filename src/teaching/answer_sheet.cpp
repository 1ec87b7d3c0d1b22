// Answer sheets: CSV text split into rows, rows read against an exercise and its corpus with every
// problem at its row and column, and the blank sheet a trainee fills.

#include "feedback.hpp"

#include <dutymap/detail/nearest.hpp>
#include <dutymap/grading.hpp>

#include <algorithm>
#include <set>

namespace dutymap {

using namespace teaching;

namespace {

std::string trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(first, last - first + 1));
}

// A cell listing several values: separated by `;` or `,`.
std::vector<std::string> split_values(const std::string& cell) {
  std::vector<std::string> out;
  std::string cur;
  for (char ch : cell) {
    if (ch == ';' || ch == ',') {
      if (auto t = trim(cur); !t.empty()) out.push_back(t);
      cur.clear();
    } else {
      cur += ch;
    }
  }
  if (auto t = trim(cur); !t.empty()) out.push_back(t);
  return out;
}

// Reads the cells of one answer row, reporting problems at their row and column.
class row_reader {
 public:
  row_reader(const answer_cells& row, const corpus& c, const exercise& ex,
             const std::string& source, std::vector<problem>& problems)
      : row_(row), c_(c), ex_(ex), source_(source), problems_(problems) {}

  std::string cell(const std::string& name) const {
    auto it = row_.cells.find(name);
    return it == row_.cells.end() ? std::string() : trim(it->second);
  }
  void error(const std::string& column, std::string message) {
    int col = 0;
    if (auto it = row_.columns.find(column); it != row_.columns.end()) col = it->second;
    std::string where = row_.label;
    if (!column.empty()) where += ", column `" + column + "`";
    problems_.push_back(problem{source_, row_.line, row_.line ? col : 0, where + ": " + message});
  }
  template <class E>
  std::optional<E> one(const std::string& column) {
    const std::string v = cell(column);
    if (v.empty()) return std::nullopt;
    if (auto e = parse<E>(v)) return e;
    error(column, "unknown " + std::string(enum_names<E>::what) + " `" + v + "`" +
                      detail::did_you_mean(v, all_names<E>()) +
                      " (allowed: " + join(all_names<E>()) + ")");
    return std::nullopt;
  }
  template <class E>
  flag_set<E> many(const std::string& column) {
    flag_set<E> out;
    for (const auto& v : split_values(cell(column))) {
      if (auto e = parse<E>(v))
        out.insert(*e);
      else
        error(column, "unknown " + std::string(enum_names<E>::what) + " `" + v + "`" +
                          detail::did_you_mean(v, all_names<E>()) +
                          " (allowed: " + join(all_names<E>()) + ")");
    }
    return out;
  }
  std::vector<std::string> topics() {
    std::vector<std::string> out;
    for (const auto& v : split_values(cell("topics"))) {
      if (c_.find_topic(v)) {
        out.push_back(v);
        continue;
      }
      std::vector<std::string> ids;
      for (const auto& t : c_.topics()) ids.push_back(t.id);
      error("topics", "unknown topic `" + v + "`" + detail::did_you_mean(v, ids));
    }
    return out;
  }

  answer read(std::set<std::string>& coded) {
    answer a;
    a.label = row_.label;
    const auto task = one<exercise_task>("task");
    if (!task) {
      if (cell("task").empty()) error("task", "missing task (code, gaps or propose)");
      return a;
    }
    a.task = *task;
    if (!ex_.tasks.contains(a.task))
      error("task", "exercise `" + ex_.id + "` does not ask for `" + std::string(name_of(a.task)) +
                        "` (it asks for " + set_names(ex_.tasks) + ")");
    a.clause = cell("clause");
    a.text = cell("text");
    a.topics = topics();
    a.effect = one<effect>("effect");
    a.modality = one<modality>("modality");
    a.bearers = many<role>("bearers");
    a.stages = many<stage>("stages");
    a.status = one<gap_status>("status");
    a.strength = one<strength>("strength");
    switch (a.task) {
      case exercise_task::code: {
        if (a.clause.empty()) {
          error("clause", "a `code` row names the clause it codes");
          break;
        }
        std::vector<std::string> ids;
        for (const auto& cl : ex_.clauses) ids.push_back(cl.id);
        if (std::find(ids.begin(), ids.end(), a.clause) == ids.end())
          error("clause", "unknown clause `" + a.clause + "`" +
                              detail::did_you_mean(a.clause, ids) + " (the clauses are " +
                              join(ids) + ")");
        else if (!coded.insert(a.clause).second)
          error("clause", "clause `" + a.clause + "` is coded twice");
        break;
      }
      case exercise_task::gaps:
        if (a.topics.size() > 1 || a.stages.size() > 1 || a.bearers.size() > 1)
          error("", "a `gaps` row names one norm: one topic, one stage and at most one bearer");
        if (cell("topics").empty()) error("topics", "a `gaps` row names the topic of the gap");
        if (cell("stages").empty()) error("stages", "a `gaps` row names the stage of the gap");
        if (a.status && !is_listed_gap(*a.status))
          error("status", "`" + std::string(name_of(*a.status)) +
                              "` is not a gap; write gap, unknown, weak, unassigned or conflict");
        break;
      case exercise_task::propose:
        for (const char* k : {"topics", "stages", "bearers", "modality"})
          if (cell(k).empty())
            error(k, std::string("a `propose` row gives the proposed clause's ") + k);
        break;
    }
    return a;
  }

 private:
  const answer_cells& row_;
  const corpus& c_;
  const exercise& ex_;
  const std::string& source_;
  std::vector<problem>& problems_;
};

}  // namespace

bool answer::answered() const {
  return !topics.empty() || effect || modality || !bearers.empty() || !stages.empty() || status ||
         strength || (task == exercise_task::propose && !text.empty());
}

std::vector<answer_cells> parse_answer_csv(const std::string& text, const std::string& name) {
  std::vector<problem> problems;
  // Cells of each record with their 1-based line and column.
  struct cell_at {
    std::string value;
    int line, column;
  };
  std::vector<std::vector<cell_at>> records;
  std::vector<cell_at> record;
  std::string cur;
  int line = 1, column = 1, cell_line = 1, cell_column = 1;
  bool quoted_cell = false, in_quotes = false, after_quote = false;
  std::size_t i = 0;
  if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) i = 3;
  auto end_cell = [&] {
    record.push_back({cur, cell_line, cell_column});
    cur.clear();
    quoted_cell = in_quotes = after_quote = false;
  };
  auto end_record = [&] {
    end_cell();
    const bool blank = record.size() == 1 && trim(record[0].value).empty();
    if (!blank) records.push_back(std::move(record));
    record.clear();
  };
  bool at_cell_start = true;
  for (; i < text.size(); ++i) {
    const char ch = text[i];
    if (at_cell_start) {
      cell_line = line;
      cell_column = column;
      at_cell_start = false;
      if (ch == '"') {
        quoted_cell = in_quotes = true;
        ++column;
        continue;
      }
    }
    if (in_quotes) {
      if (ch == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          cur += '"';
          ++i;
          column += 2;
          continue;
        }
        in_quotes = false;
        after_quote = true;
        ++column;
        continue;
      }
      cur += ch;
      if (ch == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
      continue;
    }
    if (ch == ',') {
      end_cell();
      at_cell_start = true;
      ++column;
      continue;
    }
    if (ch == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
    if (ch == '\n' || ch == '\r') {
      end_record();
      at_cell_start = true;
      ++line;
      column = 1;
      continue;
    }
    if (after_quote && ch != ' ') {
      problems.push_back(problem{name, line, column,
                                 "text after the closing quote of a cell; quote the whole cell"});
      after_quote = false;
    }
    if (!quoted_cell || ch != ' ') cur += ch;
    ++column;
  }
  if (in_quotes)
    problems.push_back(problem{name, cell_line, cell_column, "a quoted cell is never closed"});
  if (!cur.empty() || !record.empty()) end_record();
  if (records.empty()) problems.push_back(problem{name, 0, 0, "no header row (the file is empty)"});
  if (!problems.empty()) throw exercise_error("answers " + name, std::move(problems));

  std::vector<std::string> header;
  std::vector<int> header_columns;
  std::vector<std::string> known(answer_columns.begin(), answer_columns.end());
  for (const auto& h : records[0]) {
    std::string col = trim(h.value);
    std::transform(col.begin(), col.end(), col.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    if (col.empty() && &h != &records[0].front())
      problems.push_back(problem{name, h.line, h.column, "a column has no name in the header"});
    else if (std::find(known.begin(), known.end(), col) == known.end() && col.rfind("note", 0) != 0)
      problems.push_back(problem{name, h.line, h.column,
                                 "unknown column `" + col + "`" + detail::did_you_mean(col, known) +
                                     " (columns: " + join(known) +
                                     "; columns named note... are "
                                     "kept for the trainee and not graded)"});
    if (std::find(header.begin(), header.end(), col) != header.end() && !col.empty())
      problems.push_back(problem{name, h.line, h.column, "column `" + col + "` appears twice"});
    header.push_back(col);
    header_columns.push_back(h.column);
  }
  if (std::find(header.begin(), header.end(), "task") == header.end())
    problems.push_back(problem{name, records[0].front().line, 1,
                               "the header has no `task` column (columns: " + join(known) + ")"});
  std::vector<answer_cells> out;
  for (std::size_t r = 1; r < records.size(); ++r) {
    const auto& rec = records[r];
    answer_cells row;
    row.label = "row " + std::to_string(r);
    row.line = rec.front().line;
    if (rec.size() > header.size())
      problems.push_back(problem{name, rec[header.size()].line, rec[header.size()].column,
                                 row.label + ": " + std::to_string(rec.size()) +
                                     " cells, but the header names " +
                                     std::to_string(header.size()) + " columns"});
    for (std::size_t k = 0; k < rec.size() && k < header.size(); ++k) {
      row.cells[header[k]] = rec[k].value;
      row.columns[header[k]] = rec[k].column;
    }
    out.push_back(std::move(row));
  }
  if (!problems.empty()) throw exercise_error("answers " + name, std::move(problems));
  return out;
}

std::vector<answer> read_answers(const std::vector<answer_cells>& rows, const corpus& c,
                                 const exercise& ex, const std::string& source) {
  std::vector<problem> problems;
  std::vector<answer> out;
  std::set<std::string> coded;
  for (const auto& row : rows) {
    row_reader reader(row, c, ex, source, problems);
    // A row that says nothing at all (a spare line in a spreadsheet) is skipped.
    if (std::all_of(row.cells.begin(), row.cells.end(),
                    [](const auto& kv) { return trim(kv.second).empty(); }))
      continue;
    out.push_back(reader.read(coded));
  }
  if (!problems.empty()) throw exercise_error(source, std::move(problems));
  return out;
}

std::vector<answer_cells> blank_answers(const exercise& ex) {
  std::vector<answer_cells> out;
  if (!ex.tasks.contains(exercise_task::code)) return out;
  for (const auto& cl : ex.clauses) {
    answer_cells row;
    row.label = "row " + std::to_string(out.size() + 1);
    for (auto col : answer_columns) row.cells[std::string(col)] = "";
    row.cells["task"] = "code";
    row.cells["clause"] = cl.id;
    row.cells["text"] = cl.text;
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace dutymap
