// Bindings of the synthetic corpus generator (benchmark corpora of sizes M, L and XL).

#include "bindings.hpp"

#include <string>

namespace dutymap::python {

void register_synthetic(py::module_& m) {
  py::class_<synthetic_options>(m, "SyntheticOptions",
                                "What the synthetic corpus generator makes (compiled core).")
      .def(py::init<>())
      .def_static(
          "of_size",
          [](const std::string& size) {
            return checked([&] { return synthetic_options::of_size(size); });
          },
          py::arg("size"), "The options of a benchmark size: \"M\", \"L\" or \"XL\".")
      .def_readwrite("instruments", &synthetic_options::instruments,
                     "total number of instruments (at least 20)")
      .def_readwrite("seed", &synthetic_options::seed, "seed of the generator")
      .def_readwrite("topics", &synthetic_options::topics,
                     "topics in the taxonomy, groups included (10 to 10,000)")
      .def_readwrite("states", &synthetic_options::states,
                     "number of states (2 to 364); 0 scales with `instruments`")
      .def_readwrite("global_instruments", &synthetic_options::global_instruments,
                     "conventions, protocols, recommendations, ...; 0 scales with `instruments`")
      .def_readwrite("min_provisions", &synthetic_options::min_provisions,
                     "fewest provisions of a bilateral instrument")
      .def_readwrite("max_provisions", &synthetic_options::max_provisions,
                     "most provisions of a bilateral instrument")
      .def(py::self == py::self)
      .def("__repr__", [](const synthetic_options& o) {
        return "SyntheticOptions(instruments=" + std::to_string(o.instruments) +
               ", seed=" + std::to_string(o.seed) + ", topics=" + std::to_string(o.topics) +
               ", states=" + std::to_string(o.states) +
               ", global_instruments=" + std::to_string(o.global_instruments) +
               ", min_provisions=" + std::to_string(o.min_provisions) +
               ", max_provisions=" + std::to_string(o.max_provisions) + ")";
      });

  m.def(
      "synthetic_corpus",
      [](const synthetic_options& o) { return checked([&] { return synthetic_corpus(o); }); },
      py::arg("options"), py::call_guard<py::gil_scoped_release>(),
      "Generates, validates and indexes a synthetic corpus; ValueError for options out of "
      "range.");
}

}  // namespace dutymap::python
