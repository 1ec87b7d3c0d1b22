#pragma once
// Shared declarations of the extension's registration units.

#include <dutymap/dutymap.hpp>

#include <pybind11/operators.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/typing.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace dutymap::python {

namespace py = pybind11;

void register_model(py::module_& m);
void register_corpus(py::module_& m);
void register_gaps(py::module_& m);
void register_compare(py::module_& m);
void register_exercises(py::module_& m);
void register_synthetic(py::module_& m);

template <class E>
std::vector<std::string> names(flag_set<E> s) {
  return s.names();
}
// std::invalid_argument (unknown state, sector, profile, instrument) reaches Python as ValueError.
template <class F>
auto checked(F f) {
  try {
    return f();
  } catch (const std::invalid_argument& e) {
    throw py::value_error(e.what());
  }
}

inline std::optional<std::string> date_text(const std::optional<date>& d) {
  if (!d) return std::nullopt;
  return d->str();
}

}  // namespace dutymap::python
