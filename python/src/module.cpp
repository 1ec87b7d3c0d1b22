// dutymap._core: the compiled core of the Python package.

#include "bindings.hpp"

namespace dutymap::python {
namespace {
PyObject* corpus_error_type = nullptr;
}
}  // namespace dutymap::python

PYBIND11_MODULE(_core, m) {
  using namespace dutymap::python;
  m.doc() = "Compiled core of dutymap; use the `dutymap` package rather than this module.";
  m.attr("__version__") = dutymap::version;

  register_model(m);
  register_corpus(m);
  register_gaps(m);
  register_compare(m);

  // CorpusError is a ValueError carrying the list of problems with their locations.
  corpus_error_type = PyErr_NewExceptionWithDoc(
      "dutymap._core.CorpusError",
      "Problems found in corpus files. `problems` lists them, each with file, line, column and "
      "message; str() gives one per line.",
      PyExc_ValueError, nullptr);
  m.attr("CorpusError") = py::handle(corpus_error_type);
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
}
