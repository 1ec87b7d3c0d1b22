// Bindings of the corpus, loading, checking and saving.

#include "bindings.hpp"

#include <sstream>

namespace dutymap::python {

namespace {

// Items of a corpus are returned by reference; the corpus object is kept alive by them.
template <class T>
py::typing::List<T> referenced(std::span<const T> items, py::handle owner) {
  py::typing::List<T> out(items.size());
  for (std::size_t i = 0; i < items.size(); ++i)
    out[i] = py::cast(&items[i], py::return_value_policy::reference_internal, owner);
  return out;
}

template <class T>
py::object one(const T& item, py::handle owner) {
  return py::cast(&item, py::return_value_policy::reference_internal, owner);
}

// Unknown ids throw std::out_of_range naming the nearest valid id; the module turns it into
// UnknownIdError (a KeyError and a ValueError).
template <class F>
auto or_key_error(F f) {
  return f();
}

std::vector<std::filesystem::path> paths_of(const std::vector<std::string>& paths) {
  return {paths.begin(), paths.end()};
}

}  // namespace

void register_corpus(py::module_& m) {
  py::class_<corpus>(m, "Corpus", "A validated, immutable corpus (compiled core).")
      .def(py::init<>())
      .def_property_readonly("instruments",
                             [](py::object self) {
                               return referenced(self.cast<const corpus&>().instruments(), self);
                             })
      .def_property_readonly(
          "topics",
          [](py::object self) { return referenced(self.cast<const corpus&>().topics(), self); })
      .def_property_readonly(
          "sectors",
          [](py::object self) { return referenced(self.cast<const corpus&>().sectors(), self); })
      .def_property_readonly(
          "actors",
          [](py::object self) { return referenced(self.cast<const corpus&>().actors(), self); })
      .def_property_readonly("ratifications",
                             [](py::object self) {
                               return referenced(self.cast<const corpus&>().ratifications(), self);
                             })
      .def_property_readonly(
          "profiles",
          [](py::object self) { return referenced(self.cast<const corpus&>().profiles(), self); })
      .def_property_readonly(
          "practice",
          [](py::object self) { return referenced(self.cast<const corpus&>().practice(), self); },
          "Implementation records, by provision, period and actor.")
      .def(
          "practice_of",
          [](py::object self, const std::string& provision_id) {
            const auto& c = self.cast<const corpus&>();
            const auto p = c.provision_index(provision_id);
            if (!p) throw std::out_of_range("unknown provision `" + provision_id + "`");
            py::typing::List<implementation_record> out;
            for (auto ri : c.practice_of(*p)) out.append(one(c.practice()[ri], self));
            return out;
          },
          "The implementation records of a provision, by period then actor.")
      .def_property_readonly("provisions",
                             [](py::object self) {
                               const auto& c = self.cast<const corpus&>();
                               py::typing::List<provision> out(c.provision_count());
                               for (corpus::index i = 0; i < c.provision_count(); ++i)
                                 out[i] = one(c.provision_at(i), self);
                               return out;
                             })
      // Lookups by id return the item by reference: it keeps the corpus alive, and the
      // signature names the item's Python class.
      .def(
          "instrument",
          [](const corpus& c, const std::string& id) -> const instrument& {
            return c.get_instrument(id);
          },
          py::return_value_policy::reference_internal)
      .def(
          "topic",
          [](const corpus& c, const std::string& id) -> const topic& { return c.get_topic(id); },
          py::return_value_policy::reference_internal)
      .def(
          "actor",
          [](const corpus& c, const std::string& id) -> const actor& { return c.get_actor(id); },
          py::return_value_policy::reference_internal)
      .def(
          "profile",
          [](const corpus& c, const std::string& id) -> const profile& {
            return c.get_profile(id);
          },
          py::return_value_policy::reference_internal)
      .def(
          "provision",
          [](const corpus& c, const std::string& id) -> const provision& {
            if (auto p = c.find_provision(id)) return *p;
            throw std::out_of_range("unknown provision `" + id + "`");
          },
          py::return_value_policy::reference_internal)
      .def("ratification",
           [](py::object self, const std::string& state,
              const std::string& instrument) -> py::typing::Optional<ratification> {
             const auto& c = self.cast<const corpus&>();
             if (auto r = c.find_ratification(state, instrument)) return one(*r, self);
             return py::none();
           })
      .def("has_instrument",
           [](const corpus& c, const std::string& id) { return c.find_instrument(id) != nullptr; })
      .def(
          "revision_chain",
          [](const corpus& c, const std::string& id) {
            return or_key_error([&] {
              c.get_instrument(id);
              std::vector<std::string> out;
              for (auto i : c.revision_chain(*c.instrument_index(id)))
                out.push_back(c.instruments()[i].id);
              return out;
            });
          },
          "Ids along the instrument's supersedes chain, oldest first.")
      .def("annexes",
           [](const corpus& c, const std::string& id) {
             return or_key_error([&] {
               c.get_instrument(id);
               std::vector<std::string> out;
               for (auto i : c.annexes_of(*c.instrument_index(id)))
                 out.push_back(c.instruments()[i].id);
               return out;
             });
           })
      .def(
          "summary",
          [](const corpus& c) {
            const auto s = c.summary();
            py::typing::Dict<py::str, py::object> out;
            out["instruments"] = s.instruments;
            out["provisions"] = s.provisions;
            out["topics"] = s.topics;
            out["sectors"] = s.sectors;
            out["actors"] = s.actors;
            out["ratifications"] = s.ratifications;
            out["profiles"] = s.profiles;
            out["restricting_provisions"] = s.restricting_provisions;
            auto by = [](const std::vector<std::size_t>& counts,
                         const std::vector<std::string>& names) {
              py::dict d;
              for (std::size_t i = 0; i < counts.size(); ++i) d[py::str(names[i])] = counts[i];
              return d;
            };
            out["instruments_by_kind"] = by(s.instruments_by_kind, all_names<instrument_kind>());
            out["instruments_by_level"] = by(s.instruments_by_level, all_names<level>());
            out["provisions_by_stage"] = by(s.provisions_by_stage, all_names<stage>());
            out["provisions_by_coding"] = by(s.provisions_by_coding, all_names<coded_from>());
            out["provisions_by_confidence"] =
                by(s.provisions_by_confidence, all_names<confidence>());
            return out;
          },
          "Counts by kind, level, stage, coding and confidence, as nested dicts.")
      .def(
          "graph_counts",
          [](const corpus& c) {
            const auto& g = c.graph();
            py::dict edges;
            for (auto k : all_names<edge_kind>())
              edges[py::str(k)] = g.edge_count(*parse<edge_kind>(k));
            py::typing::Dict<py::str, py::object> out;
            out["vertices"] = g.vertex_count();
            out["edges"] = g.edge_count();
            out["edges_by_kind"] = edges;
            return out;
          },
          "Vertex and edge counts of the graph view.")
      .def(
          "graph_edges",
          [](const corpus& c) {
            const auto& g = c.graph();
            const auto& bg = g.boost_graph();
            std::vector<std::tuple<std::string, std::string, std::string, std::string, std::string>>
                out;
            out.reserve(g.edge_count());
            for (auto e : boost::make_iterator_range(boost::edges(bg))) {
              const auto s = boost::source(e, bg), t = boost::target(e, bg);
              out.emplace_back(std::string(name_of(bg[s].kind)), g.label(s),
                               std::string(name_of(bg[e].kind)), std::string(name_of(bg[t].kind)),
                               g.label(t));
            }
            return out;
          },
          "Every edge as (source kind, source id, edge kind, target kind, target id).")
      .def("to_graphml",
           [](const corpus& c) {
             std::ostringstream out;
             c.graph().write_graphml(out);
             return out.str();
           })
      .def("to_dot",
           [](const corpus& c) {
             std::ostringstream out;
             c.graph().write_dot(out);
             return out.str();
           })
      .def(
          "save",
          [](const corpus& c, const std::string& folder, bool overwrite) {
            save(c, folder, overwrite);
          },
          py::arg("folder"), py::arg("overwrite") = false, py::call_guard<py::gil_scoped_release>())
      .def(py::self == py::self)
      .def(py::pickle(
          [](const corpus& c) {
            // A corpus pickles as the files `save` writes; loading them gives an equal corpus.
            std::vector<std::pair<std::string, py::bytes>> files;
            for (const auto& f : to_sources(c)) files.emplace_back(f.name, py::bytes(f.text));
            return py::make_tuple(1, files);
          },
          [](const py::tuple& state) {
            std::vector<source_file> files;
            for (const auto& [name, text] :
                 state[1].cast<std::vector<std::pair<std::string, std::string>>>())
              files.push_back({name, text});
            return load_sources({files}, corpus{});
          }));

  m.def(
      "builtin", []() -> const corpus& { return builtin(); }, py::return_value_policy::reference,
      "The built-in corpus (parsed once, shared).");
  m.def(
      "load",
      [](const std::vector<std::string>& paths, const corpus& base) {
        return load(paths_of(paths), base);
      },
      py::arg("paths"), py::arg("base"), py::call_guard<py::gil_scoped_release>(),
      "Load folders or files as layers over `base`; raises CorpusError with every problem.");
  m.def(
      "check",
      [](const std::vector<std::string>& paths, const corpus& base) {
        return check(paths_of(paths), base);
      },
      py::arg("paths"), py::arg("base"), py::call_guard<py::gil_scoped_release>(),
      "Every problem in folders or files laid over `base`; empty when they load cleanly.");
  m.def(
      "load_texts",
      [](const std::vector<std::vector<std::pair<std::string, std::string>>>& layers,
         const corpus& base) {
        std::vector<std::vector<source_file>> ls;
        for (const auto& l : layers) {
          ls.emplace_back();
          for (const auto& [name, text] : l) ls.back().push_back({name, text});
        }
        return load_sources(ls, base);
      },
      py::arg("layers"), py::arg("base"), py::call_guard<py::gil_scoped_release>(),
      "Load layers of (name, YAML text) pairs over `base`.");
  m.def(
      "builtin_sources",
      []() {
        std::vector<std::pair<std::string, py::bytes>> out;
        for (const auto& f : builtin_sources()) out.emplace_back(f.name, py::bytes(f.text));
        return out;
      },
      "The (name, bytes) of the YAML files compiled into the library.");
}

}  // namespace dutymap::python
