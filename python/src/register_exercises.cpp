// Bindings of the training exercises and their grading.

#include "bindings.hpp"

namespace dutymap::python {

namespace {

template <class E>
std::string name(E v) {
  return std::string(name_of(v));
}

template <class E>
std::optional<std::string> maybe_name(const std::optional<E>& v) {
  if (!v) return std::nullopt;
  return name(*v);
}

// A row of answers from Python: (label, line, {column: text}).
answer_cells cells_of(const std::tuple<std::string, int, std::map<std::string, std::string>>& t) {
  answer_cells row;
  row.label = std::get<0>(t);
  row.line = std::get<1>(t);
  row.cells = std::get<2>(t);
  return row;
}

}  // namespace

void register_exercises(py::module_& m) {
  py::class_<clause_coding>(m, "ClauseCoding", "How a clause is coded (by the key or a trainee).")
      .def_readonly("topics", &clause_coding::topics)
      .def_property_readonly("effect", [](const clause_coding& k) { return name(k.effect); })
      .def_property_readonly("modality", [](const clause_coding& k) { return name(k.modality); })
      .def_property_readonly("bearers", [](const clause_coding& k) { return names(k.bearers); })
      .def_property_readonly("stages", [](const clause_coding& k) { return names(k.stages); });

  py::class_<exercise_clause>(m, "ExerciseClause", "A clause of an exercise's case.")
      .def_readonly("id", &exercise_clause::id)
      .def_readonly("where", &exercise_clause::where)
      .def_readonly("text", &exercise_clause::text)
      .def_readonly("provision", &exercise_clause::provision)
      .def_readonly("key", &exercise_clause::key)
      .def_readonly("explanation", &exercise_clause::explanation)
      .def_readonly("line", &exercise_clause::line);

  py::class_<expected_gap>(m, "ExpectedGap", "An item of an exercise's gap list.")
      .def_readonly("topic", &expected_gap::topic)
      .def_property_readonly("stage", [](const expected_gap& g) { return name(g.stage); })
      .def_property_readonly("bearer", [](const expected_gap& g) { return name(g.bearer); })
      .def_property_readonly("status", [](const expected_gap& g) { return name(g.status); })
      .def_readonly("in_profile", &expected_gap::in_profile)
      .def_readonly("explanation", &expected_gap::explanation);

  py::class_<exercise>(m, "Exercise", "A training exercise (compiled core).")
      .def_readonly("id", &exercise::id)
      .def_readonly("title", &exercise::title)
      .def_readonly("level", &exercise::level)
      .def_readonly("brief", &exercise::brief)
      .def_readonly("source", &exercise::source)
      .def_readonly("corridor", &exercise::corridor)
      .def_readonly("profile", &exercise::profile)
      .def_readonly("instruments", &exercise::instruments)
      .def_property_readonly("tasks", [](const exercise& e) { return names(e.tasks); })
      .def_readonly("clauses", &exercise::clauses)
      .def_readonly("gaps", &exercise::gaps)
      .def_readonly("file", &exercise::file)
      .def("__repr__", [](const exercise& e) { return "Exercise('" + e.id + "')"; });

  py::class_<exercise_key>(m, "ExerciseKey", "The resolved answer key of an exercise.")
      .def_readonly("clauses", &exercise_key::clauses)
      .def_readonly("gaps", &exercise_key::gaps)
      .def_readonly("report", &exercise_key::report)
      .def_readonly("judged", &exercise_key::judged);

  py::class_<answer>(m, "Answer", "One answer of a trainee, as read.")
      .def_readonly("label", &answer::label)
      .def_property_readonly("task", [](const answer& a) { return name(a.task); })
      .def_readonly("clause", &answer::clause)
      .def_readonly("text", &answer::text)
      .def_readonly("topics", &answer::topics)
      .def_property_readonly("effect", [](const answer& a) { return maybe_name(a.effect); })
      .def_property_readonly("modality", [](const answer& a) { return maybe_name(a.modality); })
      .def_property_readonly("bearers", [](const answer& a) { return names(a.bearers); })
      .def_property_readonly("stages", [](const answer& a) { return names(a.stages); })
      .def_property_readonly("status", [](const answer& a) { return maybe_name(a.status); })
      .def_property_readonly("strength", [](const answer& a) { return maybe_name(a.strength); });

  py::class_<item_grade>(m, "ItemGrade", "How one item was graded.")
      .def_property_readonly("task", [](const item_grade& g) { return name(g.task); })
      .def_readonly("item", &item_grade::item)
      .def_readonly("answer", &item_grade::answer)
      .def_readonly("credit", &item_grade::credit)
      .def_readonly("verdict", &item_grade::verdict)
      .def_readonly("mistakes", &item_grade::mistakes)
      .def_readonly("feedback", &item_grade::feedback)
      .def_readonly("cites", &item_grade::cites)
      .def(py::pickle(
          [](const item_grade& g) {
            return py::make_tuple(static_cast<int>(g.task), g.item, g.answer, g.credit, g.verdict,
                                  g.mistakes, g.feedback, g.cites);
          },
          [](const py::tuple& t) {
            item_grade g;
            g.task = static_cast<exercise_task>(t[0].cast<int>());
            g.item = t[1].cast<std::string>();
            g.answer = t[2].cast<std::string>();
            g.credit = t[3].cast<double>();
            g.verdict = t[4].cast<std::string>();
            g.mistakes = t[5].cast<std::vector<std::string>>();
            g.feedback = t[6].cast<std::string>();
            g.cites = t[7].cast<std::vector<std::string>>();
            return g;
          }));

  py::class_<task_grade>(m, "TaskGrade", "How one task was graded.")
      .def_property_readonly("task", [](const task_grade& g) { return name(g.task); })
      .def_readonly("score", &task_grade::score)
      .def_readonly("precision", &task_grade::precision)
      .def_readonly("recall", &task_grade::recall)
      .def_readonly("f1", &task_grade::f1)
      .def_readonly("key_items", &task_grade::key_items)
      .def_readonly("answered", &task_grade::answered)
      .def_readonly("right", &task_grade::right)
      .def_readonly("partly", &task_grade::partly)
      .def(py::pickle(
          [](const task_grade& g) {
            return py::make_tuple(static_cast<int>(g.task), g.score, g.precision, g.recall, g.f1,
                                  g.key_items, g.answered, g.right, g.partly);
          },
          [](const py::tuple& t) {
            task_grade g;
            g.task = static_cast<exercise_task>(t[0].cast<int>());
            g.score = t[1].cast<double>();
            g.precision = t[2].cast<double>();
            g.recall = t[3].cast<double>();
            g.f1 = t[4].cast<double>();
            g.key_items = t[5].cast<std::size_t>();
            g.answered = t[6].cast<std::size_t>();
            g.right = t[7].cast<std::size_t>();
            g.partly = t[8].cast<std::size_t>();
            return g;
          }));

  py::class_<grade_result>(m, "GradeResult", "The result of grading (compiled core).")
      .def_readonly("exercise", &grade_result::exercise)
      .def_readonly("score", &grade_result::score)
      .def_readonly("tasks", &grade_result::tasks)
      .def_readonly("items", &grade_result::items)
      .def(py::pickle(
          [](const grade_result& g) {
            return py::make_tuple(g.exercise, g.score, g.tasks, g.items);
          },
          [](const py::tuple& t) {
            grade_result g;
            g.exercise = t[0].cast<std::string>();
            g.score = t[1].cast<double>();
            g.tasks = t[2].cast<std::vector<task_grade>>();
            g.items = t[3].cast<std::vector<item_grade>>();
            return g;
          }));

  m.def("builtin_exercises", &builtin_exercises, py::return_value_policy::reference);
  m.def(
      "builtin_exercise", [](const std::string& id) { return builtin_exercise(id); },
      py::arg("id"));
  m.def("builtin_exercise_sources", [] {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& f : builtin_exercise_sources()) out.emplace_back(f.name, f.text);
    return out;
  });
  m.def(
      "read_exercise",
      [](const std::string& text, const std::string& name, const corpus& c) {
        return read_exercise(source_file{name, text}, c);
      },
      py::arg("text"), py::arg("name"), py::arg("corpus"),
      py::call_guard<py::gil_scoped_release>());
  m.def(
      "load_exercise",
      [](const std::string& path, const corpus& c) { return load_exercise(path, c); },
      py::arg("path"), py::arg("corpus"), py::call_guard<py::gil_scoped_release>());
  m.def(
      "check_exercise",
      [](const std::string& text, const std::string& name, const corpus& c) {
        return check_exercise(source_file{name, text}, c);
      },
      py::arg("text"), py::arg("name"), py::arg("corpus"),
      py::call_guard<py::gil_scoped_release>());
  m.def(
      "resolve_key",
      [](const corpus& c, const exercise& ex) {
        return checked([&] { return resolve_key(c, ex); });
      },
      py::arg("corpus"), py::arg("exercise"), py::call_guard<py::gil_scoped_release>());
  m.def(
      "key_disagreements",
      [](const corpus& c, const exercise& ex) {
        return checked([&] { return key_disagreements(c, ex); });
      },
      py::arg("corpus"), py::arg("exercise"), py::call_guard<py::gil_scoped_release>());
  m.def(
      "parse_answer_csv",
      [](const std::string& text, const std::string& name) {
        std::vector<std::tuple<std::string, int, std::map<std::string, std::string>>> out;
        for (auto& row : parse_answer_csv(text, name))
          out.emplace_back(row.label, row.line, std::move(row.cells));
        return out;
      },
      py::arg("text"), py::arg("name"));
  m.def(
      "read_answers",
      [](const std::vector<std::tuple<std::string, int, std::map<std::string, std::string>>>& rows,
         const corpus& c, const exercise& ex, const std::string& source) {
        std::vector<answer_cells> cells;
        for (const auto& r : rows) cells.push_back(cells_of(r));
        return read_answers(cells, c, ex, source);
      },
      py::arg("rows"), py::arg("corpus"), py::arg("exercise"), py::arg("source"));
  m.def(
      "read_answer_csv",
      [](const std::string& text, const std::string& name, const corpus& c, const exercise& ex) {
        return read_answers(parse_answer_csv(text, name), c, ex, name);
      },
      py::arg("text"), py::arg("name"), py::arg("corpus"), py::arg("exercise"));
  m.def(
      "blank_answers",
      [](const exercise& ex) {
        std::vector<std::map<std::string, std::string>> out;
        for (auto& row : blank_answers(ex)) out.push_back(std::move(row.cells));
        return out;
      },
      py::arg("exercise"));
  m.def(
      "key_answers",
      [](const corpus& c, const exercise& ex) {
        return checked([&] { return key_answers(c, ex); });
      },
      py::arg("corpus"), py::arg("exercise"));
  m.def("answer_columns",
        [] { return std::vector<std::string>(answer_columns.begin(), answer_columns.end()); });
  m.def(
      "grade",
      [](const corpus& c, const exercise& ex, const std::vector<answer>& answers) {
        return checked([&] { return grade(c, ex, answers); });
      },
      py::arg("corpus"), py::arg("exercise"), py::arg("answers"),
      py::call_guard<py::gil_scoped_release>());
}

}  // namespace dutymap::python
