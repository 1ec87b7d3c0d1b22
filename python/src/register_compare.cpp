// Bindings of the comparison of agreements. Matrices reach numpy without copying: they are views
// into the comparison object, which they keep alive.

#include "bindings.hpp"

#include <pybind11/eigen.h>

#include <stdexcept>

namespace dutymap::python {

void register_compare(py::module_& m) {
  py::class_<comparison>(m, "Comparison", "A coverage matrix of instruments (compiled core).")
      .def_readonly("instruments", &comparison::instruments)
      .def_readonly("columns", &comparison::columns)
      .def_readonly("topic_columns", &comparison::topic_columns)
      .def_property_readonly(
          "matrix", [](const comparison& c) -> const Eigen::MatrixXd& { return c.matrix; },
          py::return_value_policy::reference_internal)
      .def_property_readonly(
          "topic_matrix",
          [](const comparison& c) -> const Eigen::MatrixXd& { return c.topic_matrix; },
          py::return_value_policy::reference_internal)
      .def(py::pickle(
          [](const comparison& c) {
            return py::make_tuple(c.instruments, c.columns, c.topic_columns, c.matrix,
                                  c.topic_matrix, c.topics_protected, c.topics_restricted);
          },
          [](const py::tuple& t) {
            comparison c;
            c.instruments = t[0].cast<std::vector<std::string>>();
            c.columns = t[1].cast<std::vector<std::string>>();
            c.topic_columns = t[2].cast<std::vector<std::string>>();
            c.matrix = t[3].cast<Eigen::MatrixXd>();
            c.topic_matrix = t[4].cast<Eigen::MatrixXd>();
            c.topics_protected = t[5].cast<Eigen::MatrixXd>();
            c.topics_restricted = t[6].cast<Eigen::MatrixXd>();
            return c;
          }))
      .def("cosine", &comparison::cosine, py::call_guard<py::gil_scoped_release>())
      .def("jaccard", &comparison::jaccard, py::call_guard<py::gil_scoped_release>())
      .def(
          "nearest",
          [](const comparison& c, const std::string& id, std::size_t k, bool jaccard) {
            return checked([&] { return c.nearest(id, k, jaccard); });
          },
          py::arg("id"), py::arg("k") = 5, py::arg("jaccard") = false)
      .def(
          "top_k",
          [](const comparison& c, std::size_t k, bool jaccard) {
            neighbours n;
            {
              py::gil_scoped_release release;
              n = c.top_k(k, jaccard);
            }
            // Moved into the arrays, not copied.
            return std::make_pair(std::move(n.neighbour), std::move(n.similarity));
          },
          py::arg("k") = 10, py::arg("jaccard") = false,
          "Each instrument's k most similar others, best first: (rows, similarities), n x k.");

  m.def(
      "compare",
      [](const corpus& c, const std::vector<std::string>& ids, double shall, double should,
         double may, double qualified, bool with_annexes, const std::string& roll) {
        compare_options o;
        o.shall = shall;
        o.should = should;
        o.may = may;
        o.qualified = qualified;
        o.with_annexes = with_annexes;
        auto r = parse<rollup>(roll);
        if (!r)
          throw py::value_error("rollup must be 'topic', 'group' or 'stage', got '" + roll + "'");
        o.rollup = *r;
        return checked([&] { return compare(c, ids, o); });
      },
      py::arg("corpus"), py::arg("instruments"), py::arg("shall") = 1.0, py::arg("should") = 0.6,
      py::arg("may") = 0.3, py::arg("qualified") = 0.5, py::arg("with_annexes") = true,
      py::arg("rollup") = "topic", py::call_guard<py::gil_scoped_release>());

  py::class_<topic_difference>(m, "TopicDifference")
      .def_readonly("topic", &topic_difference::topic)
      .def_property_readonly(
          "relation", [](const topic_difference& d) { return std::string(name_of(d.relation)); })
      .def_readonly("a", &topic_difference::a)
      .def_readonly("b", &topic_difference::b)
      .def_readonly("explanation", &topic_difference::explanation);
  m.def(
      "diff",
      [](const corpus& c, const std::string& a, const std::string& b, bool with_annexes) {
        return checked([&] { return diff(c, a, b, with_annexes); });
      },
      py::arg("corpus"), py::arg("a"), py::arg("b"), py::arg("with_annexes") = true);

  py::class_<revision_step>(m, "RevisionStep")
      .def_readonly("from_", &revision_step::from)
      .def_readonly("to", &revision_step::to)
      .def_readonly("both_coded", &revision_step::both_coded)
      .def_readonly("added", &revision_step::added)
      .def_readonly("dropped", &revision_step::dropped)
      .def_readonly("changed", &revision_step::changed)
      .def_readonly("not_known", &revision_step::not_known);
  m.def("revisions", [](const corpus& c, const std::string& id) {
    return checked([&] { return revisions(c, id); });
  });

  py::class_<instrument_score>(m, "InstrumentScore")
      .def_readonly("instrument", &instrument_score::instrument)
      .def_readonly("report", &instrument_score::report)
      .def_property_readonly("by_stage",
                             [](const instrument_score& s) {
                               return std::vector<double>(s.by_stage.begin(), s.by_stage.end());
                             })
      .def_readonly("overall", &instrument_score::overall);
  m.def(
      "score",
      [](const corpus& c, const std::vector<std::string>& ids, const std::string& profile) {
        return checked([&] { return score(c, ids, profile); });
      },
      py::call_guard<py::gil_scoped_release>());
  m.def(
      "bilateral_instruments",
      [](const corpus& c, const std::string& origin, const std::string& destination) {
        return bilateral_instruments(c, origin, destination);
      },
      py::arg("corpus"), py::arg("origin") = "", py::arg("destination") = "");
}

}  // namespace dutymap::python
