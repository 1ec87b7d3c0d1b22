// dutymap._core: the compiled core of the Python package.

#include "bindings.hpp"

namespace dutymap::python {
namespace {
PyObject* corpus_error_type = nullptr;
PyObject* unknown_id_type = nullptr;
PyObject* exercise_error_type = nullptr;
}  // namespace
}  // namespace dutymap::python

PYBIND11_MODULE(_core, m) {
  using namespace dutymap::python;
  m.doc() = "Compiled core of dutymap; use the `dutymap` package rather than this module.";
  m.attr("__version__") = dutymap::version;

  register_model(m);
  register_corpus(m);
  register_gaps(m);
  register_compare(m);
  register_exercises(m);
  register_synthetic(m);

  // CorpusError is a ValueError carrying the list of problems with their locations.
  corpus_error_type = PyErr_NewExceptionWithDoc(
      "dutymap._core.CorpusError",
      "Problems found in corpus files. `problems` lists them, each with file, line, column and "
      "message; str() gives one per line.",
      PyExc_ValueError, nullptr);
  m.attr("CorpusError") = py::handle(corpus_error_type);

  // An unknown id is a failed look-up (KeyError) and a bad argument value (ValueError) at once.
  py::tuple bases = py::make_tuple(py::handle(PyExc_KeyError), py::handle(PyExc_ValueError));
  unknown_id_type = PyErr_NewExceptionWithDoc(
      "dutymap._core.UnknownIdError",
      "An id that the corpus does not hold; the message names the nearest valid id. A KeyError "
      "and a ValueError.",
      bases.ptr(), nullptr);
  m.attr("UnknownIdError") = py::handle(unknown_id_type);
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const std::out_of_range& e) {
      PyErr_SetString(unknown_id_type, e.what());
    }
  });
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const dutymap::corpus_error& e) {
      py::object type = py::reinterpret_borrow<py::object>(corpus_error_type);
      py::object instance = type(e.what());
      instance.attr("problems") = py::cast(e.problems());
      PyErr_SetObject(corpus_error_type, instance.ptr());
    }
  });

  // ExerciseError: an exercise file or an answer sheet that cannot be used, with its problems.
  exercise_error_type = PyErr_NewExceptionWithDoc(
      "dutymap._core.ExerciseError",
      "Problems found in an exercise file or in a trainee's answers. `problems` lists them, each "
      "with file, line, column and message; str() gives one per line.",
      PyExc_ValueError, nullptr);
  m.attr("ExerciseError") = py::handle(exercise_error_type);
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const dutymap::exercise_error& e) {
      py::object type = py::reinterpret_borrow<py::object>(exercise_error_type);
      py::object instance = type(e.what());
      instance.attr("problems") = py::cast(e.problems());
      PyErr_SetObject(exercise_error_type, instance.ptr());
    }
  });
}
