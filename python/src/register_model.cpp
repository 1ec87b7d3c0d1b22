// Bindings of the model value types: read-only views with Python names and plain Python values
// (vocabulary values as their ids, dates as ISO text as the source gave them).

#include "bindings.hpp"

namespace dutymap::python {

namespace {
std::string quoted(const std::string& s) {
  return py::repr(py::str(s)).cast<std::string>();
}
}  // namespace

void register_model(py::module_& m) {
  py::class_<problem>(m, "Problem",
                      "A problem found in corpus files: where it is and what is wrong.")
      .def_readonly("file", &problem::file)
      .def_readonly("line", &problem::line, "1-based line, 0 when unknown")
      .def_readonly("column", &problem::column, "1-based column, 0 when unknown")
      .def_readonly("message", &problem::message)
      .def("__str__", &problem::str)
      .def("__repr__", [](const problem& p) { return "Problem(" + quoted(p.str()) + ")"; })
      .def(py::self == py::self)
      .def(py::pickle(
          [](const problem& p) { return py::make_tuple(p.file, p.line, p.column, p.message); },
          [](const py::tuple& t) {
            return problem{t[0].cast<std::string>(), t[1].cast<int>(), t[2].cast<int>(),
                           t[3].cast<std::string>()};
          }));

  py::class_<sector>(m, "Sector", "A sector of work named by scopes and corridors.")
      .def_readonly("id", &sector::id)
      .def_readonly("title", &sector::title)
      .def_readonly("description", &sector::description)
      .def("__repr__", [](const sector& s) { return "Sector(" + quoted(s.id) + ")"; });

  py::class_<topic>(m, "Topic", "A protection in the topic taxonomy (dotted ids form a tree).")
      .def_readonly("id", &topic::id)
      .def_readonly("title", &topic::title)
      .def_readonly("description", &topic::description)
      .def_property_readonly("stages", [](const topic& t) { return names(t.stages); })
      .def_property_readonly("parent",
                             [](const topic& t) -> std::optional<std::string> {
                               auto p = t.parent();
                               if (p.empty()) return std::nullopt;
                               return std::string(p);
                             })
      .def("__repr__",
           [](const topic& t) { return "Topic(" + quoted(t.id) + ", " + quoted(t.title) + ")"; });

  py::class_<oversight>(m, "Oversight", "An actor's oversight of another actor or of a role.")
      .def_readonly("actor", &oversight::actor)
      .def_property_readonly("role",
                             [](const oversight& o) -> std::optional<std::string> {
                               if (!o.target_role) return std::nullopt;
                               return std::string(name_of(*o.target_role));
                             })
      .def_readonly("function", &oversight::function)
      .def_readonly("source", &oversight::source);

  py::class_<referral>(m, "Referral", "Where an actor sends a worker's complaint.")
      .def_readonly("actor", &referral::actor)
      .def_property_readonly("stages", [](const referral& r) { return names(r.stages); })
      .def_readonly("source", &referral::source);

  py::class_<actor>(m, "Actor", "A state, a body of a state, an association or an organisation.")
      .def_readonly("id", &actor::id)
      .def_readonly("name", &actor::name)
      .def_property_readonly("kind", [](const actor& a) { return std::string(name_of(a.kind)); })
      .def_property_readonly("state",
                             [](const actor& a) -> std::optional<std::string> {
                               if (a.state.empty()) return std::nullopt;
                               return a.state;
                             })
      .def_property_readonly("located_in",
                             [](const actor& a) -> std::optional<std::string> {
                               if (a.located_in.empty()) return std::nullopt;
                               return a.located_in;
                             })
      .def_property_readonly("roles", [](const actor& a) { return names(a.roles); })
      .def_readonly("oversees", &actor::oversees)
      .def_readonly("refers_to", &actor::refers_to)
      .def_property_readonly("receives_complaints",
                             [](const actor& a) { return names(a.receives_complaints); })
      .def_readonly("source", &actor::source)
      .def_readonly("notes", &actor::notes)
      .def("__repr__",
           [](const actor& a) { return "Actor(" + quoted(a.id) + ", " + quoted(a.name) + ")"; });

  py::class_<scope>(m, "Scope", "Which sectors, workers and territories a provision reaches.")
      .def_readonly("sectors", &scope::sectors)
      .def_readonly("excluded_sectors", &scope::excluded_sectors)
      .def_readonly("territories", &scope::territories)
      .def_property_readonly("workers",
                             [](const scope& s) { return std::string(name_of(s.workers)); })
      .def("__repr__", [](const scope& s) {
        std::string out = "Scope(workers=" + quoted(std::string(name_of(s.workers)));
        if (!s.sectors.empty())
          out += ", sectors=" + py::repr(py::cast(s.sectors)).cast<std::string>();
        if (!s.excluded_sectors.empty())
          out += ", excluded_sectors=" + py::repr(py::cast(s.excluded_sectors)).cast<std::string>();
        return out + ")";
      });

  py::class_<provenance>(m, "Provenance", "Where a provision's coding comes from.")
      .def_property_readonly("coded_from",
                             [](const provenance& p) { return std::string(name_of(p.from)); })
      .def_readonly("source", &provenance::source)
      .def_readonly("passage", &provenance::passage)
      .def_readonly("coder", &provenance::coder)
      .def_property_readonly("confidence",
                             [](const provenance& p) { return std::string(name_of(p.level)); });

  py::class_<provision>(m, "Provision", "One article or clause of an instrument.")
      .def_readonly("id", &provision::id)
      .def_readonly("instrument", &provision::instrument)
      .def_readonly("article", &provision::article)
      .def_readonly("chapter", &provision::chapter)
      .def_readonly("part", &provision::part)
      .def_property_readonly("citation", &provision::citation)
      .def_readonly("summary", &provision::summary)
      .def_property_readonly("modality",
                             [](const provision& p) { return std::string(name_of(p.modality)); })
      .def_property_readonly("strength",
                             [](const provision& p) { return std::string(name_of(p.strength)); })
      .def_property_readonly("bearers", [](const provision& p) { return names(p.bearers); })
      .def_property_readonly("beneficiaries",
                             [](const provision& p) { return names(p.beneficiaries); })
      .def_readonly("designated", &provision::designated)
      .def_property_readonly("stages", [](const provision& p) { return names(p.stages); })
      .def_property_readonly(
          "topics",
          [](const provision& p) {
            py::typing::Dict<py::str, py::str> out;
            for (const auto& t : p.topics) out[py::str(t.topic)] = std::string(name_of(t.effect));
            return out;
          },
          "Topic id -> 'protects' or 'restricts'.")
      .def_readonly("scope", &provision::scope)
      .def_property_readonly(
          "qualifiers",
          [](const provision& p) {
            std::vector<std::pair<std::string, std::string>> out;
            for (const auto& q : p.qualifiers)
              out.emplace_back(std::string(name_of(q.kind)), q.text);
            return out;
          },
          "List of (qualifier, wording) pairs.")
      .def_readonly("provenance", &provision::provenance)
      .def_readonly("notes", &provision::notes)
      .def_property_readonly("restricts", &provision::restricts)
      .def("__repr__", [](const provision& p) { return "Provision(" + quoted(p.id) + ")"; });

  py::class_<reported_lack>(m, "ReportedLack",
                            "A topic a cited source reports an instrument does not cover.")
      .def_readonly("topic", &reported_lack::topic)
      .def_property_readonly("stages", [](const reported_lack& l) { return l.stages.names(); })
      .def_property_readonly("source", [](const reported_lack& l) { return l.provenance.source; })
      .def_property_readonly("passage", [](const reported_lack& l) { return l.provenance.passage; })
      .def_property_readonly(
          "confidence",
          [](const reported_lack& l) { return std::string(name_of(l.provenance.level)); })
      .def_readonly("notes", &reported_lack::notes)
      .def("__repr__",
           [](const reported_lack& l) { return "ReportedLack(" + quoted(l.topic) + ")"; });

  py::class_<instrument>(m, "Instrument",
                         "A convention, declaration, MOU, contract, law or policy.")
      .def_readonly("id", &instrument::id)
      .def_readonly("title", &instrument::title)
      .def_readonly("short_title", &instrument::short_title)
      .def_property_readonly("name", &instrument::display_name)
      .def_property_readonly("kind",
                             [](const instrument& i) { return std::string(name_of(i.kind)); })
      .def_property_readonly("level",
                             [](const instrument& i) { return std::string(name_of(i.level)); })
      .def_readonly("binding", &instrument::binding)
      .def_readonly("parties", &instrument::parties)
      .def_readonly("region", &instrument::region)
      .def_property_readonly("adopted", [](const instrument& i) { return date_text(i.adopted); })
      .def_property_readonly("in_force", [](const instrument& i) { return date_text(i.in_force); })
      .def_property_readonly("expires", [](const instrument& i) { return date_text(i.expires); })
      .def_property_readonly("supersedes",
                             [](const instrument& i) -> std::optional<std::string> {
                               if (i.supersedes.empty()) return std::nullopt;
                               return i.supersedes;
                             })
      .def_property_readonly("annex_to",
                             [](const instrument& i) -> std::optional<std::string> {
                               if (i.annex_to.empty()) return std::nullopt;
                               return i.annex_to;
                             })
      .def_readonly("scope", &instrument::scope)
      .def_readonly("source", &instrument::source)
      .def_property_readonly(
          "text", [](const instrument& i) { return std::string(name_of(i.text)); },
          "How much of its own text the coding rests on: full, partial, "
          "described or none.")
      .def_readonly("notes", &instrument::notes)
      .def_readonly("lacks", &instrument::lacks,
                    "The topics a cited source reports it does not cover.")
      .def_readonly("provisions", &instrument::provisions)
      .def("to_yaml", &to_yaml, "The instrument as the YAML text of a corpus file.")
      .def("__repr__", [](const instrument& i) {
        return "Instrument(" + quoted(i.id) + ", kind=" + quoted(std::string(name_of(i.kind))) +
               ", provisions=" + std::to_string(i.provisions.size()) + ")";
      });

  py::class_<ratification>(m, "Ratification", "A state's acts on a ratifiable instrument.")
      .def_readonly("state", &ratification::state)
      .def_readonly("instrument", &ratification::instrument)
      .def_property_readonly("signed", [](const ratification& r) { return date_text(r.signed_on); })
      .def_property_readonly("ratified",
                             [](const ratification& r) { return date_text(r.ratified_on); })
      .def_property_readonly("denounced",
                             [](const ratification& r) { return date_text(r.denounced_on); })
      .def_property_readonly("status",
                             [](const ratification& r) {
                               return std::string(r.denounced_on  ? "denounced"
                                                  : r.ratified_on ? "ratified"
                                                                  : "signed");
                             })
      .def_readonly("excludes", &ratification::excludes)
      .def_readonly("limited_to", &ratification::limited_to)
      .def_readonly("source", &ratification::source)
      .def_readonly("notes", &ratification::notes)
      .def("__repr__", [](const ratification& r) {
        return "Ratification(" + quoted(r.state) + ", " + quoted(r.instrument) + ")";
      });

  py::class_<implementation_record>(
      m, "ImplementationRecord",
      "What a source reports an actor did to carry out a provision in a period: practice beside "
      "paper.")
      .def_readonly("provision", &implementation_record::provision)
      .def_readonly("actor", &implementation_record::actor)
      .def_property_readonly("period",
                             [](const implementation_record& r) { return r.period.str(); })
      .def_property_readonly(
          "rating", [](const implementation_record& r) { return std::string(name_of(r.rating)); },
          "done, partly, not_done, or not_reported (the source says nothing of it)")
      .def_readonly("reported", &implementation_record::reported)
      .def_property_readonly("source",
                             [](const implementation_record& r) { return r.provenance.source; })
      .def_property_readonly("passage",
                             [](const implementation_record& r) { return r.provenance.passage; })
      .def_property_readonly(
          "confidence",
          [](const implementation_record& r) { return std::string(name_of(r.provenance.level)); })
      .def_readonly("notes", &implementation_record::notes)
      .def("__repr__", [](const implementation_record& r) {
        return "ImplementationRecord(" + quoted(r.provision) + ", " + quoted(r.actor) + ", " +
               quoted(r.period.str()) + ", " + quoted(std::string(name_of(r.rating))) + ")";
      });

  py::class_<norm>(m, "Norm", "An expected norm of a profile.")
      .def_readonly("topic", &norm::topic)
      .def_property_readonly("stage", [](const norm& n) { return std::string(name_of(n.stage)); })
      .def_property_readonly("bearer", [](const norm& n) { return std::string(name_of(n.bearer)); })
      .def_property_readonly("min_strength",
                             [](const norm& n) { return std::string(name_of(n.min_strength)); })
      .def_readonly("source", &norm::source)
      .def_readonly("note", &norm::note)
      .def("__repr__", [](const norm& n) {
        return "Norm(" + quoted(n.topic) + ", " + quoted(std::string(name_of(n.stage))) + ")";
      });

  py::class_<profile>(m, "Profile", "A reference standard: a named list of expected norms.")
      .def_readonly("id", &profile::id)
      .def_readonly("title", &profile::title)
      .def_readonly("description", &profile::description)
      .def_readonly("source", &profile::source)
      .def_property_readonly("accepts",
                             [](const profile& p) {
                               std::vector<std::string> out;
                               for (auto k : p.accepts) out.emplace_back(name_of(k));
                               return out;
                             })
      .def_readonly("norms", &profile::norms)
      .def("__repr__", [](const profile& p) {
        return "Profile(" + quoted(p.id) + ", norms=" + std::to_string(p.norms.size()) + ")";
      });

  // The fixed vocabularies, for completion and validation on the Python side.
  py::dict vocab;
  vocab["stage"] = all_names<stage>();
  vocab["role"] = all_names<role>();
  vocab["modality"] = all_names<modality>();
  vocab["strength"] = all_names<strength>();
  vocab["effect"] = all_names<effect>();
  vocab["qualifier"] = all_names<qualifier_kind>();
  vocab["instrument_kind"] = all_names<instrument_kind>();
  vocab["level"] = all_names<level>();
  vocab["actor_kind"] = all_names<actor_kind>();
  vocab["worker_coverage"] = all_names<worker_coverage>();
  vocab["coded_from"] = all_names<coded_from>();
  vocab["confidence"] = all_names<confidence>();
  vocab["text"] = all_names<text_coverage>();
  vocab["gap_status"] = all_names<gap_status>();
  vocab["rating"] = all_names<practice_rating>();
  m.attr("VOCABULARIES") = vocab;
}

}  // namespace dutymap::python
