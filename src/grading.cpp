// Grading answers to an exercise: reading answer sheets, credit per item, precision and recall per
// task, proposals run as a scenario, and feedback sentences with their citations.

#include "citation.hpp"

#include <dutymap/detail/nearest.hpp>
#include <dutymap/grading.hpp>
#include <dutymap/scenario.hpp>

#include <algorithm>
#include <cmath>
#include <set>

namespace dutymap {
namespace {

bool in_subtree(const std::string& topic, const std::string& root) {
  return topic == root || (topic.size() > root.size() && topic.compare(0, root.size(), root) == 0 &&
                           topic[root.size()] == '.');
}

bool related(const std::string& a, const std::string& b) {
  return in_subtree(a, b) || in_subtree(b, a);
}

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

std::string join(const std::vector<std::string>& v, const char* sep = ", ") {
  std::string out;
  for (const auto& x : v) out += (out.empty() ? "" : sep) + x;
  return out;
}

std::string quoted(const std::string& text, std::size_t max = 140) {
  std::string t = text;
  std::replace(t.begin(), t.end(), '\n', ' ');
  if (t.size() > max) {
    // Cut at a word boundary (which never splits a UTF-8 character).
    std::size_t cut = t.rfind(' ', max);
    if (cut == std::string::npos || cut < max / 2) {
      cut = max;
      while (cut > 0 && (static_cast<unsigned char>(t[cut]) & 0xC0) == 0x80) --cut;
    }
    t = t.substr(0, cut) + "...";
  }
  return "\"" + t + "\"";
}

template <class E>
std::string set_names(flag_set<E> s) {
  return s.empty() ? std::string("none") : join(s.names());
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

// Soft overlap of two topic lists: a parent or child of a key topic counts half.
double topic_overlap(const std::vector<std::string>& given, const std::vector<std::string>& key) {
  if (given.empty() && key.empty()) return 1;
  double matched = 0;
  std::vector<bool> used(key.size(), false);
  // Exact matches first, then related ones.
  for (int pass = 0; pass < 2; ++pass)
    for (const auto& g : given)
      for (std::size_t k = 0; k < key.size(); ++k) {
        if (used[k]) continue;
        const bool exact = g == key[k];
        if (pass == 0 ? exact : (!exact && related(g, key[k]))) {
          if (pass == 1 && std::find(key.begin(), key.end(), g) != key.end()) break;
          used[k] = true;
          matched += pass == 0 ? 1.0 : 0.5;
          break;
        }
      }
  const double unio = static_cast<double>(given.size() + key.size()) - matched;
  return unio <= 0 ? 1 : matched / unio;
}

template <class E>
double set_overlap(flag_set<E> given, flag_set<E> key) {
  if (given.empty() && key.empty()) return 1;
  const auto both = flag_set<E>::from_bits(given.bits() & key.bits()).size();
  const auto either = flag_set<E>::from_bits(given.bits() | key.bits()).size();
  return static_cast<double>(both) / static_cast<double>(either);
}

std::string verdict_of(double credit) {
  return credit >= 1 - 1e-9 ? "right" : credit > 0 ? "partly right" : "wrong";
}

// Rounds away binary noise so that scores read (and compare) as the sums they are.
double clean(double x) {
  return std::round(x * 1e9) / 1e9;
}

std::string describe(const clause_coding& k) {
  return join(k.topics) + " (" + std::string(name_of(k.effect)) + "), " +
         std::string(name_of(k.modality)) + ", borne by " + set_names(k.bearers) + ", at " +
         set_names(k.stages);
}

std::string source_of(const corpus& c, const std::string& provision_id) {
  const provision* p = c.find_provision(provision_id);
  if (!p) return {};
  std::string out = p->citation();
  if (!p->provenance.source.empty())
    out += " (coded from " +
           std::string(p->provenance.from == coded_from::secondary ? "a secondary source: "
                                                                   : "the text: ") +
           p->provenance.source + ")";
  return out;
}

const norm* find_norm(const profile& p, const std::string& topic, stage s) {
  for (const auto& n : p.norms)
    if (n.topic == topic && n.stage == s) return &n;
  return nullptr;
}

std::string norm_words(const std::string& topic, stage s, role bearer) {
  return "`" + topic + "` at " + std::string(name_of(s)) + ", owed by " +
         std::string(name_of(bearer));
}

task_grade totals(exercise_task t, const std::vector<item_grade>& items, std::size_t key_items,
                  std::size_t answered) {
  task_grade g;
  g.task = t;
  g.key_items = key_items;
  g.answered = answered;
  double credit = 0;
  for (const auto& i : items) {
    if (i.task != t) continue;
    if (i.verdict == "right" || i.verdict == "closes") ++g.right;
    if (i.verdict == "partly right") ++g.partly;
    if (!i.answer.empty() && !i.item.empty()) credit += i.credit;
  }
  g.precision = answered ? clean(credit / static_cast<double>(answered)) : (key_items ? 0 : 1);
  g.recall = key_items ? clean(credit / static_cast<double>(key_items)) : 1;
  g.f1 = (answered + key_items) ? clean(2 * credit / static_cast<double>(answered + key_items)) : 1;
  g.score = g.f1;
  return g;
}

// A clause elsewhere in the corpus that protects the worker on the topic at the stage at least as
// strongly as asked: from an instrument of a kind the profile accepts when there is one.
const provision* model_clause(const corpus& c, const profile& prof, const std::string& topic,
                              stage s, std::optional<strength> min) {
  const auto t = c.topic_index(topic);
  if (!t) return nullptr;
  const provision* fallback = nullptr;
  for (auto pi : c.provisions_about(*t)) {
    const provision& p = c.provision_at(pi);
    if (!p.stages.contains(s) || p.restricts() || !p.qualifiers.empty()) continue;
    if (min && static_cast<int>(p.strength) < static_cast<int>(*min)) continue;
    if (prof.accepts_kind(c.instruments()[c.instrument_of(pi)].kind)) return &p;
    if (!fallback) fallback = &p;
  }
  return fallback;
}

// What a row's absence rests on, for a trainee who took `unknown` for `gap` or the reverse.
std::string absence_words(const gap_row& row) {
  std::vector<std::string> unread, lacking, read;
  for (const auto& e : row.evidence) {
    if (e.kind == evidence_kind::not_read)
      unread.push_back(e.instrument + " (text: " + std::string(name_of(e.text)) + ")");
    else if (e.kind == evidence_kind::reported_lack)
      lacking.push_back(e.instrument + " lacks it according to " + e.citation);
    else if (e.kind == evidence_kind::read_in_full)
      read.push_back(e.instrument);
  }
  if (row.status == gap_status::unknown)
    return "Nothing read covers it, but " + join(unread, ", ") +
           (unread.size() == 1 ? " was" : " were") +
           " not read in full and no source reports it lacking: the absence is not verified, so "
           "the answer is `unknown`, not `gap`.";
  if (row.status == gap_status::gap) {
    std::string out = "The absence is verified: ";
    if (!lacking.empty()) out += join(lacking, "; ");
    if (!lacking.empty() && !read.empty()) out += "; ";
    if (!read.empty()) out += join(read, ", ") + " read in full";
    if (lacking.empty() && read.empty()) out += "no instrument of an accepted kind applies";
    return out + ", so the answer is `gap`.";
  }
  return {};
}

// Credit for a listed gap matched to a key item (topic related to the key's), with the mistakes.
double gap_credit(const expected_gap& kg, const answer& a, const grading_weights& w,
                  std::vector<std::string>* mistakes = nullptr) {
  auto wrong = [&](const char* what, std::string_view gave, std::string_view key) {
    if (mistakes)
      mistakes->push_back(std::string(what) + ": gave " + std::string(gave) + ", key " +
                          std::string(key));
  };
  const std::string& topic = a.topics.front();
  double credit = topic == kg.topic ? w.gap_topic : w.gap_topic / 2;
  if (topic != kg.topic) wrong("topic", topic, kg.topic);
  const stage s = a.stages.values().front();
  if (s == kg.stage)
    credit += w.gap_stage;
  else
    wrong("stage", name_of(s), name_of(kg.stage));
  if (!a.bearers.empty() && a.bearers.values().front() == kg.bearer)
    credit += w.gap_bearer;
  else
    wrong("bearer", a.bearers.empty() ? "none" : name_of(a.bearers.values().front()),
          name_of(kg.bearer));
  const gap_status said = a.status.value_or(gap_status::gap);
  if (said == kg.status)
    credit += w.gap_status;
  else
    wrong("status", name_of(said), name_of(kg.status));
  return clean(credit);
}

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

std::vector<answer> key_answers(const corpus& c, const exercise& ex) {
  const auto key = resolve_key(c, ex);
  std::vector<answer> out;
  if (ex.tasks.contains(exercise_task::code))
    for (std::size_t i = 0; i < ex.clauses.size(); ++i) {
      answer a;
      a.label = "key clause " + ex.clauses[i].id;
      a.task = exercise_task::code;
      a.clause = ex.clauses[i].id;
      a.topics = key.clauses[i].topics;
      a.effect = key.clauses[i].effect;
      a.modality = key.clauses[i].modality;
      a.bearers = key.clauses[i].bearers;
      a.stages = key.clauses[i].stages;
      out.push_back(std::move(a));
    }
  if (ex.tasks.contains(exercise_task::propose)) {
    // A model clause for each open norm: its topic, stage and bearer at the profile's strength,
    // quoting a protecting clause from elsewhere in the corpus when there is one.
    const profile& prof = c.get_profile(ex.profile);
    for (const auto& g : key.gaps) {
      if (!g.in_profile || g.status == gap_status::conflict) continue;
      answer a;
      a.label = "key proposal " + g.topic;
      a.task = exercise_task::propose;
      a.topics = {g.topic};
      a.stages = {g.stage};
      a.bearers = {g.bearer};
      a.modality = modality::obligation;
      if (const norm* n = find_norm(prof, g.topic, g.stage)) a.strength = n->min_strength;
      if (const provision* model = model_clause(c, prof, g.topic, g.stage, a.strength))
        a.text = "As in " + model->citation() + ": " + model->summary;
      else
        a.text = "The " + std::string(name_of(g.bearer)) + " shall provide for " + g.topic +
                 " at " + std::string(name_of(g.stage)) + ".";
      out.push_back(std::move(a));
    }
  }
  if (ex.tasks.contains(exercise_task::gaps))
    for (const auto& g : key.gaps) {
      answer a;
      a.label = "key gap " + g.topic;
      a.task = exercise_task::gaps;
      a.topics = {g.topic};
      a.stages = {g.stage};
      a.bearers = {g.bearer};
      a.status = g.status;
      out.push_back(std::move(a));
    }
  return out;
}

grade_result grade(const corpus& c, const exercise& ex, const std::vector<answer>& answers,
                   const grading_weights& w) {
  const exercise_key key = resolve_key(c, ex);
  const profile& prof = c.get_profile(ex.profile);
  grade_result result;
  result.exercise = ex.id;

  // Coding: one item per clause.
  if (ex.tasks.contains(exercise_task::code)) {
    std::size_t key_codes = 0, given_codes = 0, right_codes = 0, answered = 0;
    for (std::size_t i = 0; i < ex.clauses.size(); ++i) {
      const auto& cl = ex.clauses[i];
      const clause_coding& k = key.clauses[i];
      key_codes += k.topics.size() + k.bearers.size() + k.stages.size() + 2;
      item_grade g;
      g.task = exercise_task::code;
      g.item = cl.id;
      auto it = std::find_if(answers.begin(), answers.end(), [&](const answer& a) {
        return a.task == exercise_task::code && a.clause == cl.id;
      });
      const std::string clause_words = "Clause `" + cl.id + "`" +
                                       (cl.where.empty() ? "" : " (" + cl.where + ")") + ", " +
                                       quoted(cl.text);
      const std::string key_words = "The key codes it as " + describe(k) + ".";
      std::string why = cl.explanation.empty() ? "" : " " + cl.explanation;
      std::string cite;
      if (!cl.provision.empty()) {
        cite = source_of(c, cl.provision);
        g.cites.push_back(cl.provision);
      }
      const std::string source_words = cite.empty() ? "" : " Source: " + cite + ".";
      if (it == answers.end() || !it->answered()) {
        if (it != answers.end()) g.answer = it->label;
        g.verdict = "missed";
        g.feedback = clause_words + ": not coded. " + key_words + why + source_words;
        result.items.push_back(std::move(g));
        continue;
      }
      ++answered;
      const answer& a = *it;
      g.answer = a.label;
      const effect given_effect = a.effect.value_or(effect::protects);
      given_codes +=
          a.topics.size() + a.bearers.size() + a.stages.size() + 1 + (a.modality ? 1 : 0);
      for (const auto& t : a.topics) right_codes += std::count(k.topics.begin(), k.topics.end(), t);
      right_codes += flag_set<role>::from_bits(a.bearers.bits() & k.bearers.bits()).size();
      right_codes += flag_set<stage>::from_bits(a.stages.bits() & k.stages.bits()).size();
      right_codes += given_effect == k.effect;
      right_codes += a.modality == k.modality;

      const double t = topic_overlap(a.topics, k.topics);
      const double s = set_overlap(a.stages, k.stages);
      const double b = set_overlap(a.bearers, k.bearers);
      g.credit =
          clean(w.topics * t + w.stages * s + w.bearers * b +
                w.effect * (given_effect == k.effect) + w.modality * (a.modality == k.modality));
      if (t < 1) g.mistakes.push_back("topics: gave " + join(a.topics) + ", key " + join(k.topics));
      if (s < 1)
        g.mistakes.push_back("stages: gave " + set_names(a.stages) + ", key " +
                             set_names(k.stages));
      if (b < 1)
        g.mistakes.push_back("bearers: gave " + set_names(a.bearers) + ", key " +
                             set_names(k.bearers));
      if (given_effect != k.effect)
        g.mistakes.push_back("effect: gave " + std::string(name_of(given_effect)) + ", key " +
                             std::string(name_of(k.effect)) +
                             (k.effect == effect::restricts
                                  ? " (the clause limits what the worker may do or puts "
                                    "a cost on the worker)"
                                  : " (the clause protects the worker)"));
      if (a.modality != k.modality)
        g.mistakes.push_back("modality: gave " +
                             std::string(a.modality ? name_of(*a.modality) : "none") + ", key " +
                             std::string(name_of(k.modality)));
      g.verdict = verdict_of(g.credit);
      g.feedback = clause_words + ": " + g.verdict + ".";
      if (!g.mistakes.empty()) g.feedback += " " + join(g.mistakes, "; ") + ".";
      g.feedback += " " + key_words + why + source_words;
      result.items.push_back(std::move(g));
    }
    task_grade tg;
    tg.task = exercise_task::code;
    tg.key_items = ex.clauses.size();
    tg.answered = answered;
    double credit = 0;
    for (const auto& i : result.items)
      if (i.task == exercise_task::code) {
        credit += i.credit;
        tg.right += i.verdict == "right";
        tg.partly += i.verdict == "partly right";
      }
    tg.score = ex.clauses.empty() ? 1 : clean(credit / static_cast<double>(ex.clauses.size()));
    tg.precision = given_codes ? clean(static_cast<double>(right_codes) / given_codes) : 0;
    tg.recall = key_codes ? clean(static_cast<double>(right_codes) / key_codes) : 1;
    tg.f1 = (given_codes + key_codes)
                ? clean(2.0 * static_cast<double>(right_codes) / (given_codes + key_codes))
                : 1;
    result.tasks.push_back(tg);
  }

  // The gap list: key items matched one to one with the rows that fit them best.
  auto row_of = [&](const std::string& topic, stage s) { return key.report.find(topic, s); };
  if (ex.tasks.contains(exercise_task::gaps)) {
    std::vector<const answer*> given;
    for (const auto& a : answers)
      if (a.task == exercise_task::gaps && !a.topics.empty() && !a.stages.empty())
        given.push_back(&a);
    struct pairing {
      double credit;
      std::size_t k, a;
    };
    std::vector<pairing> pairs;
    for (std::size_t k = 0; k < key.gaps.size(); ++k)
      for (std::size_t a = 0; a < given.size(); ++a) {
        const auto& kg = key.gaps[k];
        const answer& ga = *given[a];
        if (!related(ga.topics.front(), kg.topic)) continue;
        pairs.push_back({gap_credit(kg, ga, w), k, a});
      }
    std::stable_sort(pairs.begin(), pairs.end(),
                     [](const pairing& x, const pairing& y) { return x.credit > y.credit; });
    std::vector<int> match_of_key(key.gaps.size(), -1), match_of_answer(given.size(), -1);
    for (const auto& p : pairs)
      if (match_of_key[p.k] < 0 && match_of_answer[p.a] < 0) {
        match_of_key[p.k] = static_cast<int>(p.a);
        match_of_answer[p.a] = static_cast<int>(p.k);
      }
    for (std::size_t k = 0; k < key.gaps.size(); ++k) {
      const auto& kg = key.gaps[k];
      item_grade g;
      g.task = exercise_task::gaps;
      g.item = kg.topic + " @ " + std::string(name_of(kg.stage));
      const gap_row* row = row_of(kg.topic, kg.stage);
      const norm* n = find_norm(prof, kg.topic, kg.stage);
      std::string what = norm_words(kg.topic, kg.stage, kg.bearer) + " is " +
                         std::string(name_of(kg.status)) + " in this case";
      std::string because = kg.explanation.empty() && row ? row->explanation : kg.explanation;
      std::string norm_source = n ? " The norm: profile `" + prof.id + "`" +
                                        (n->source.empty() ? "" : ", " + n->source) + "."
                                  : "";
      if (n && !n->source.empty()) g.cites.push_back(n->source);
      if (row)
        for (const auto& d : row->decided_by) g.cites.push_back(d.provision);
      std::string decided;
      if (row && !row->decided_by.empty()) {
        std::vector<std::string> cites;
        for (const auto& d : row->decided_by)
          cites.push_back(d.citation + " " + quoted(d.summary, 90));
        decided = " Decided by " + join(cites, "; ") + ".";
      }
      if (match_of_key[k] < 0) {
        g.verdict = "missed";
        g.feedback = "Missed: " + what + ". " + because + decided + norm_source;
        result.items.push_back(std::move(g));
        continue;
      }
      const answer& a = *given[static_cast<std::size_t>(match_of_key[k])];
      g.answer = a.label;
      g.credit = gap_credit(kg, a, w, &g.mistakes);
      g.verdict = verdict_of(g.credit);
      g.feedback = (g.verdict == "right" ? "Right: " : "Partly right: ") + what + ".";
      if (!g.mistakes.empty()) g.feedback += " " + join(g.mistakes, "; ") + ".";
      g.feedback += " " + because + decided + norm_source;
      // Telling a verified absence from a text nobody has read is the point of `unknown`.
      const gap_status said = a.status.value_or(gap_status::gap);
      if (row && said != kg.status &&
          (said == gap_status::unknown || kg.status == gap_status::unknown))
        g.feedback += " " + absence_words(*row);
      result.items.push_back(std::move(g));
    }
    for (std::size_t a = 0; a < given.size(); ++a) {
      if (match_of_answer[a] >= 0) continue;
      const answer& ga = *given[a];
      item_grade g;
      g.task = exercise_task::gaps;
      g.answer = ga.label;
      g.verdict = "extra";
      const std::string& topic = ga.topics.front();
      const stage s = ga.stages.values().front();
      g.item = topic + " @ " + std::string(name_of(s));
      const gap_row* row = row_of(topic, s);
      if (row && row->in_profile && !is_listed_gap(row->status)) {
        std::vector<std::string> cites;
        for (const auto& d : row->decided_by) {
          cites.push_back(d.citation + " " + quoted(d.summary, 90));
          g.cites.push_back(d.provision);
        }
        g.feedback = "Not a gap: `" + topic + "` at " + std::string(name_of(s)) + " is " +
                     std::string(name_of(row->status)) + " in this case. " + row->explanation +
                     (cites.empty() ? "" : " Covered by " + join(cites, "; ") + ".");
      } else if (find_norm(prof, topic, s)) {
        g.feedback = "Not listed by the key: `" + topic + "` at " + std::string(name_of(s)) +
                     " is a norm of profile `" + prof.id + "`, but the key does not count it open.";
      } else {
        g.feedback = "Not a gap: `" + topic + "` at " + std::string(name_of(s)) +
                     " is not a norm of profile `" + prof.id +
                     "`, and the case does not restrict the worker on it.";
      }
      result.items.push_back(std::move(g));
    }
    result.tasks.push_back(
        totals(exercise_task::gaps, result.items, key.gaps.size(), given.size()));
  }

  // Proposals: run as a draft instrument beside the case, to see which open norms they close.
  if (ex.tasks.contains(exercise_task::propose)) {
    std::vector<const answer*> proposals;
    for (const auto& a : answers)
      if (a.task == exercise_task::propose && a.answered()) proposals.push_back(&a);
    std::vector<const expected_gap*> closable;
    for (const auto& g : key.gaps)
      if (g.in_profile && g.status != gap_status::conflict) closable.push_back(&g);
    instrument draft;
    draft.id = "your-proposals";
    draft.title = "Clauses proposed for exercise " + ex.id;
    draft.kind = instrument_kind::mou;
    draft.level = level::bilateral;
    draft.binding = false;
    draft.parties = {ex.corridor.origin, ex.corridor.destination};
    if (!ex.instruments.empty()) {
      // The proposals amend the case: they share its kind, level, force and parties.
      const instrument& base = c.get_instrument(ex.instruments.front());
      draft.kind = base.kind;
      draft.level = base.level;
      draft.binding = base.binding;
      draft.parties = base.parties;
      draft.region = base.region;
      draft.scope = base.scope;
      draft.adopted = base.effective();
      draft.expires = base.expires;
    }
    if (!draft.adopted) draft.adopted = ex.corridor.as_of;
    draft.source = "proposals graded for exercise " + ex.id;
    for (std::size_t i = 0; i < proposals.size(); ++i) {
      const answer& a = *proposals[i];
      provision p;
      p.instrument = draft.id;
      p.id = draft.id + ":p" + std::to_string(i + 1);
      p.article = "proposal " + std::to_string(i + 1);
      p.summary = !a.text.empty() ? a.text
                                  : "Proposed: " + join(a.topics) + " at " + set_names(a.stages) +
                                        ", borne by " + set_names(a.bearers) + ".";
      p.modality = a.modality.value_or(modality::obligation);
      p.strength = a.strength.value_or(strength::shall);
      p.bearers = a.bearers;
      p.stages = a.stages;
      for (const auto& t : a.topics) p.topics.push_back({t, a.effect.value_or(effect::protects)});
      // The proposal is its own text.
      p.provenance.from = coded_from::text;
      p.provenance.source = "proposal in " + a.label;
      draft.provisions.push_back(std::move(p));
    }
    std::vector<std::set<std::size_t>> closes(proposals.size());
    gap_report after;
    if (!proposals.empty()) {
      scenario sc(c);
      if (key.draft) sc.put_instrument(*key.draft);
      sc.put_instrument(draft);
      gap_options o;
      o.beyond_profile = false;
      o.judge_scope = false;
      o.only_instruments = key.judged;
      o.only_instruments.push_back(draft.id);
      after = sc.gaps(ex.corridor, ex.profile, o);
      for (std::size_t k = 0; k < closable.size(); ++k) {
        const gap_row* r = after.find(closable[k]->topic, closable[k]->stage);
        if (!r || is_listed_gap(r->status)) continue;
        for (const auto& d : r->decided_by)
          if (d.instrument == draft.id) {
            const std::size_t i = std::stoul(d.provision.substr(draft.id.size() + 2)) - 1;
            closes[i].insert(k);
          }
      }
    }
    std::set<std::size_t> closed;
    for (std::size_t i = 0; i < proposals.size(); ++i) {
      const answer& a = *proposals[i];
      item_grade g;
      g.task = exercise_task::propose;
      g.answer = a.label;
      g.item = "proposal " + std::to_string(i + 1);
      const std::string said = "Proposal " + std::to_string(i + 1) +
                               (a.text.empty() ? "" : " " + quoted(a.text)) + " (" +
                               join(a.topics) + ", " +
                               std::string(name_of(a.strength.value_or(strength::shall))) +
                               ", at " + set_names(a.stages) + ")";
      if (!closes[i].empty()) {
        std::vector<std::string> which;
        for (auto k : closes[i]) {
          const auto& kg = *closable[k];
          const gap_row* r = after.find(kg.topic, kg.stage);
          which.push_back(norm_words(kg.topic, kg.stage, kg.bearer) + " (" +
                          std::string(name_of(kg.status)) + " -> " +
                          std::string(name_of(r->status)) + ")");
          closed.insert(k);
          if (const norm* n = find_norm(prof, kg.topic, kg.stage); n && !n->source.empty())
            g.cites.push_back(n->source);
        }
        g.credit = 1;
        g.verdict = "closes";
        g.feedback = said + " closes " + join(which, "; ") + ".";
      } else {
        g.verdict = "closes nothing";
        std::vector<std::string> why;
        for (const auto* kg : closable)
          for (const auto& t : a.topics)
            if (related(t, kg->topic) && a.stages.contains(kg->stage)) {
              const gap_row* r = after.find(kg->topic, kg->stage);
              const bool same = !r || r->status == kg->status;
              why.push_back(norm_words(kg->topic, kg->stage, kg->bearer) +
                            (same ? " stays " : " becomes ") +
                            std::string(r ? name_of(r->status) : name_of(kg->status)) +
                            (r ? ": " + r->explanation : std::string()));
            }
        g.feedback = said + " closes no gap of the key. " +
                     (why.empty() ? "No open norm of profile `" + prof.id + "` is about " +
                                        join(a.topics) + " at " + set_names(a.stages) + "."
                                  : join(why, " "));
      }
      result.items.push_back(std::move(g));
    }
    task_grade tg;
    tg.task = exercise_task::propose;
    tg.key_items = closable.size();
    tg.answered = proposals.size();
    for (const auto& i : result.items)
      if (i.task == exercise_task::propose) tg.right += i.verdict == "closes";
    tg.precision = proposals.empty() ? (closable.empty() ? 1 : 0)
                                     : clean(static_cast<double>(tg.right) / proposals.size());
    tg.recall = closable.empty() ? 1 : clean(static_cast<double>(closed.size()) / closable.size());
    tg.f1 = tg.precision + tg.recall > 0
                ? clean(2 * tg.precision * tg.recall / (tg.precision + tg.recall))
                : 0;
    tg.score = tg.f1;
    result.tasks.push_back(tg);
  }

  double sum = 0;
  for (const auto& t : result.tasks) sum += t.score;
  result.score =
      result.tasks.empty() ? 0 : clean(100 * sum / static_cast<double>(result.tasks.size()));
  return result;
}

}  // namespace dutymap
