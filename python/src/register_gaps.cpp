// Bindings of the gap analysis, scenarios and accountability queries.

#include "bindings.hpp"

#include <stdexcept>

namespace dutymap::python {

namespace {

corridor make_corridor(const std::string& origin, const std::string& destination,
                       const std::optional<std::string>& sector, const std::string& status,
                       const std::optional<std::string>& as_of,
                       const std::vector<std::string>& transit,
                       const std::optional<std::string>& territory) {
  corridor k;
  k.origin = origin;
  k.destination = destination;
  k.sector = sector.value_or("");
  k.transit = transit;
  k.territory = territory.value_or("");
  auto st = parse<worker_status>(status);
  if (!st)
    throw py::value_error("worker_status must be 'documented' or 'undocumented', got '" + status +
                          "'");
  k.status = *st;
  if (as_of) {
    auto d = date::parse(*as_of);
    if (!d)
      throw py::value_error("as_of must be a date written YYYY-MM-DD, YYYY-MM or YYYY, got '" +
                            *as_of + "'");
    k.as_of = d;
  }
  return k;
}

std::string status_name(gap_status s) {
  return std::string(name_of(s));
}

// One line a reader can follow: what the evidence is and where it comes from.
std::string evidence_text(const evidence& e) {
  switch (e.kind) {
    case evidence_kind::provision:
      return e.citation;
    case evidence_kind::reported_lack:
      return e.instrument + " lacks it, per " + e.citation +
             (e.passage.empty() ? "" : " (\"" + e.passage + "\")") + " [" +
             std::string(name_of(e.confidence)) + " confidence]";
    case evidence_kind::read_in_full:
      return e.instrument + " read in full: no clause on it";
    case evidence_kind::not_read:
      return e.instrument + " not read in full (text: " + std::string(name_of(e.text)) +
             "): may cover it";
  }
  return e.citation;
}

}  // namespace

void register_gaps(py::module_& m) {
  py::class_<corridor>(m, "Corridor",
                       "A migration corridor: origin, destination, sector, worker status, date.")
      .def(py::init(&make_corridor), py::arg("origin"), py::arg("destination"),
           py::arg("sector") = py::none(), py::arg("worker_status") = "documented",
           py::arg("as_of") = py::none(), py::arg("transit") = std::vector<std::string>{},
           py::arg("territory") = py::none())
      .def_readonly("origin", &corridor::origin)
      .def_readonly("destination", &corridor::destination)
      .def_readonly("transit", &corridor::transit)
      .def_property_readonly("sector",
                             [](const corridor& k) -> std::optional<std::string> {
                               if (k.sector.empty()) return std::nullopt;
                               return k.sector;
                             })
      .def_property_readonly("worker_status",
                             [](const corridor& k) { return std::string(name_of(k.status)); })
      .def_property_readonly("as_of", [](const corridor& k) { return date_text(k.as_of); })
      .def_readonly("territory", &corridor::territory)
      .def(py::pickle(
          [](const corridor& k) {
            return py::make_tuple(k.origin, k.destination, k.transit, k.sector,
                                  static_cast<int>(k.status), date_text(k.as_of), k.territory);
          },
          [](const py::tuple& t) {
            corridor k;
            k.origin = t[0].cast<std::string>();
            k.destination = t[1].cast<std::string>();
            k.transit = t[2].cast<std::vector<std::string>>();
            k.sector = t[3].cast<std::string>();
            k.status = static_cast<worker_status>(t[4].cast<int>());
            if (auto d = t[5].cast<std::optional<std::string>>()) k.as_of = date::parse(*d);
            k.territory = t[6].cast<std::string>();
            return k;
          }))
      .def("__repr__", [](const corridor& k) {
        return "Corridor(" + k.origin + " -> " + k.destination +
               (k.sector.empty() ? "" : ", " + k.sector) + ", " + std::string(name_of(k.status)) +
               (k.as_of ? ", as of " + k.as_of->str() : "") + ")";
      });

  py::class_<cited_provision>(
      m, "CitedProvision", "A provision cited by a result, with what a reader needs to weigh it.")
      .def_readonly("provision", &cited_provision::provision)
      .def_readonly("instrument", &cited_provision::instrument)
      .def_readonly("citation", &cited_provision::citation)
      .def_readonly("summary", &cited_provision::summary)
      .def_property_readonly(
          "strength", [](const cited_provision& c) { return std::string(name_of(c.strength)); })
      .def_property_readonly(
          "confidence", [](const cited_provision& c) { return std::string(name_of(c.confidence)); })
      .def_property_readonly(
          "coded_from", [](const cited_provision& c) { return std::string(name_of(c.coded_from)); })
      .def_property_readonly("tier", [](const cited_provision& c) { return status_name(c.tier); })
      .def_property_readonly("text",
                             [](const cited_provision& c) { return std::string(name_of(c.text)); })
      .def_readonly("note", &cited_provision::note)
      .def(py::pickle(
          [](const cited_provision& c) {
            return py::make_tuple(c.provision, c.instrument, c.citation, c.summary,
                                  static_cast<int>(c.strength), static_cast<int>(c.confidence),
                                  static_cast<int>(c.coded_from), static_cast<int>(c.tier), c.note,
                                  static_cast<int>(c.text));
          },
          [](const py::tuple& t) {
            cited_provision c;
            c.provision = t[0].cast<std::string>();
            c.instrument = t[1].cast<std::string>();
            c.citation = t[2].cast<std::string>();
            c.summary = t[3].cast<std::string>();
            c.strength = static_cast<strength>(t[4].cast<int>());
            c.confidence = static_cast<confidence>(t[5].cast<int>());
            c.coded_from = static_cast<coded_from>(t[6].cast<int>());
            c.tier = static_cast<gap_status>(t[7].cast<int>());
            c.note = t[8].cast<std::string>();
            c.text = static_cast<text_coverage>(t[9].cast<int>());
            return c;
          }))
      .def("__repr__",
           [](const cited_provision& c) { return "CitedProvision('" + c.citation + "')"; });

  py::class_<evidence>(m, "Evidence",
                       "One thing a row's status rests on: a deciding provision, a reported lack, "
                       "an instrument read in full, or one not read (what would settle it).")
      .def_property_readonly("kind", [](const evidence& e) { return std::string(name_of(e.kind)); })
      .def_readonly("instrument", &evidence::instrument)
      .def_property_readonly("provision",
                             [](const evidence& e) -> std::optional<std::string> {
                               if (e.provision.empty()) return std::nullopt;
                               return e.provision;
                             })
      .def_readonly("citation", &evidence::citation)
      .def_property_readonly("text", [](const evidence& e) { return std::string(name_of(e.text)); })
      .def_readonly("passage", &evidence::passage)
      .def_property_readonly("confidence",
                             [](const evidence& e) { return std::string(name_of(e.confidence)); })
      .def(py::pickle(
          [](const evidence& e) {
            return py::make_tuple(static_cast<int>(e.kind), e.instrument, e.provision, e.citation,
                                  static_cast<int>(e.text), e.passage,
                                  static_cast<int>(e.confidence));
          },
          [](const py::tuple& t) {
            evidence e;
            e.kind = static_cast<evidence_kind>(t[0].cast<int>());
            e.instrument = t[1].cast<std::string>();
            e.provision = t[2].cast<std::string>();
            e.citation = t[3].cast<std::string>();
            e.text = static_cast<text_coverage>(t[4].cast<int>());
            e.passage = t[5].cast<std::string>();
            e.confidence = static_cast<confidence>(t[6].cast<int>());
            return e;
          }))
      .def("__str__", [](const evidence& e) { return evidence_text(e); })
      .def("__repr__", [](const evidence& e) {
        return "Evidence(" + std::string(name_of(e.kind)) + ", '" + e.instrument + "')";
      });

  py::class_<gap_row>(m, "GapRow", "One row of a gap report.")
      .def_readonly("topic", &gap_row::topic)
      .def_property_readonly("stage",
                             [](const gap_row& r) { return std::string(name_of(r.stage)); })
      .def_property_readonly("bearer",
                             [](const gap_row& r) { return std::string(name_of(r.bearer)); })
      .def_readonly("actors", &gap_row::actors)
      .def_property_readonly("status", [](const gap_row& r) { return status_name(r.status); })
      .def_readonly("in_profile", &gap_row::in_profile)
      .def_property_readonly("min_strength",
                             [](const gap_row& r) { return std::string(name_of(r.min_strength)); })
      .def_readonly("decided_by", &gap_row::decided_by)
      .def_readonly("explanation", &gap_row::explanation)
      .def_property_readonly("confidence",
                             [](const gap_row& r) -> std::optional<std::string> {
                               if (!r.confidence) return std::nullopt;
                               return std::string(name_of(*r.confidence));
                             })
      .def_readonly("nearest", &gap_row::nearest)
      .def_readonly("precedents", &gap_row::precedents)
      .def_readonly("norm_source", &gap_row::norm_source)
      .def_property_readonly(
          "evidence", &gap_row::all_evidence,
          "What the status rests on: the deciding provisions, then, for gap and unknown, what is "
          "known of each applicable instrument (reported lack, read in full, not read).")
      .def(py::pickle(
          [](const gap_row& r) {
            return py::make_tuple(
                r.topic, static_cast<int>(r.stage), static_cast<int>(r.bearer), r.actors,
                static_cast<int>(r.status), r.in_profile, static_cast<int>(r.min_strength),
                r.decided_by, r.explanation,
                r.confidence ? py::object(py::int_(static_cast<int>(*r.confidence))) : py::none(),
                r.nearest, r.precedents, r.norm_source, r.evidence);
          },
          [](const py::tuple& t) {
            gap_row r;
            r.topic = t[0].cast<std::string>();
            r.stage = static_cast<stage>(t[1].cast<int>());
            r.bearer = static_cast<role>(t[2].cast<int>());
            r.actors = t[3].cast<std::vector<std::string>>();
            r.status = static_cast<gap_status>(t[4].cast<int>());
            r.in_profile = t[5].cast<bool>();
            r.min_strength = static_cast<strength>(t[6].cast<int>());
            r.decided_by = t[7].cast<std::vector<cited_provision>>();
            r.explanation = t[8].cast<std::string>();
            if (!t[9].is_none()) r.confidence = static_cast<confidence>(t[9].cast<int>());
            r.nearest = t[10].cast<std::vector<cited_provision>>();
            r.precedents = t[11].cast<std::vector<cited_provision>>();
            r.norm_source = t[12].cast<std::string>();
            r.evidence = t[13].cast<std::vector<evidence>>();
            return r;
          }))
      .def("__repr__", [](const gap_row& r) {
        return "GapRow('" + r.topic + "', '" + std::string(name_of(r.stage)) + "', " +
               status_name(r.status) + ")";
      });

  py::class_<gap_report>(m, "GapReport", "A gap report (compiled core).")
      .def_readonly("corridor", &gap_report::corridor)
      .def_readonly("profile", &gap_report::profile)
      .def_property_readonly("as_of", [](const gap_report& r) { return r.as_of.str(); })
      .def(py::pickle(
          [](const gap_report& r) {
            return py::make_tuple(r.corridor, r.profile, r.as_of.str(), r.rows);
          },
          [](const py::tuple& t) {
            gap_report r;
            r.corridor = t[0].cast<corridor>();
            r.profile = t[1].cast<std::string>();
            r.as_of = *date::parse(t[2].cast<std::string>());
            r.rows = t[3].cast<std::vector<gap_row>>();
            return r;
          }))
      .def_readonly("rows", &gap_report::rows)
      .def("evidence_index", &gap_report::evidence_index)
      .def("counts_by_stage",
           [](const gap_report& r) {
             std::vector<std::vector<std::size_t>> out;
             for (const auto& row : r.counts_by_stage()) out.emplace_back(row.begin(), row.end());
             return out;
           })
      .def("counts_by_bearer",
           [](const gap_report& r) {
             std::vector<std::vector<std::size_t>> out;
             for (const auto& row : r.counts_by_bearer()) out.emplace_back(row.begin(), row.end());
             return out;
           })
      .def(
          "coverage_index",
          [](const gap_report& r, const std::map<std::string, double>& weights) {
            coverage_weights w;
            for (const auto& [k, v] : weights) {
              auto s = parse<gap_status>(k);
              if (!s) throw py::value_error("unknown status '" + k + "' in weights");
              switch (*s) {
                case gap_status::conflict:
                  w.conflict = v;
                  break;
                case gap_status::binding:
                  w.binding = v;
                  break;
                case gap_status::committed:
                  w.committed = v;
                  break;
                case gap_status::guidance:
                  w.guidance = v;
                  break;
                case gap_status::weak:
                  w.weak = v;
                  break;
                case gap_status::unassigned:
                  w.unassigned = v;
                  break;
                case gap_status::unknown:
                  throw py::value_error(
                      "`unknown` has no weight: the coverage index leaves out the norms whose "
                      "status is not known (see evidence_index)");
                case gap_status::gap:
                  w.gap = v;
                  break;
              }
            }
            const auto idx = r.coverage_index(w);
            return std::vector<double>(idx.begin(), idx.end());
          },
          py::arg("weights") = std::map<std::string, double>{});

  m.def(
      "gaps",
      [](const corpus& c, const corridor& k, const std::string& profile, bool beyond_profile,
         std::size_t max_precedents, std::size_t max_nearest) {
        gap_options o;
        o.beyond_profile = beyond_profile;
        o.max_precedents = max_precedents;
        o.max_nearest = max_nearest;
        return checked([&] { return gaps(c, k, profile, o); });
      },
      py::arg("corpus"), py::arg("corridor"), py::arg("profile"), py::arg("beyond_profile") = true,
      py::arg("max_precedents") = 8, py::arg("max_nearest") = 6,
      py::call_guard<py::gil_scoped_release>());

  m.def(
      "gaps_many",
      [](const corpus& c, const std::vector<std::pair<corridor, std::string>>& questions,
         bool beyond_profile, std::size_t max_precedents, std::size_t max_nearest,
         unsigned threads) {
        gap_options o;
        o.beyond_profile = beyond_profile;
        o.max_precedents = max_precedents;
        o.max_nearest = max_nearest;
        return checked([&] { return gaps_many(c, questions, o, threads); });
      },
      py::arg("corpus"), py::arg("questions"), py::arg("beyond_profile") = true,
      py::arg("max_precedents") = 8, py::arg("max_nearest") = 6, py::arg("threads") = 0,
      py::call_guard<py::gil_scoped_release>(),
      "The gap reports of many (corridor, profile) questions, in their order, computed on "
      "`threads` threads (0: one per core) without the GIL.");

  py::class_<status_change>(m, "StatusChange", "A norm whose status differs between two reports.")
      .def_readonly("topic", &status_change::topic)
      .def_property_readonly("stage",
                             [](const status_change& c) { return std::string(name_of(c.stage)); })
      .def_property_readonly("bearer",
                             [](const status_change& c) { return std::string(name_of(c.bearer)); })
      .def_readonly("in_profile", &status_change::in_profile)
      .def_property_readonly("before",
                             [](const status_change& c) -> std::optional<std::string> {
                               if (!c.before) return std::nullopt;
                               return status_name(*c.before);
                             })
      .def_property_readonly("after",
                             [](const status_change& c) -> std::optional<std::string> {
                               if (!c.after) return std::nullopt;
                               return status_name(*c.after);
                             })
      .def_readonly("provisions_before", &status_change::provisions_before)
      .def_readonly("provisions_after", &status_change::provisions_after)
      .def_readonly("changed_by", &status_change::changed_by);
  m.def("changes", &changes, py::arg("before"), py::arg("after"));

  py::class_<instrument_status>(m, "InstrumentStatus")
      .def_readonly("instrument", &instrument_status::instrument)
      .def_property_readonly(
          "status", [](const instrument_status& s) { return std::string(name_of(s.status)); })
      .def_readonly("why", &instrument_status::why);
  m.def(
      "instrument_statuses",
      [](const corpus& c, const corridor& k) {
        return checked([&] { return instrument_statuses(c, k); });
      },
      py::call_guard<py::gil_scoped_release>());

  py::class_<scenario>(m, "Scenario", "Changes over a base corpus (compiled core).")
      .def(py::init<corpus>())
      .def("ratify",
           [](scenario& s, const std::string& state, const std::string& instrument,
              const std::string& when) {
             auto d = date::parse(when);
             if (!d)
               throw py::value_error("the date must be written YYYY-MM-DD, YYYY-MM or YYYY, got '" +
                                     when + "'");
             s.ratify(state, instrument, *d);
           })
      .def("withdraw", [](scenario& s, const std::string& state,
                          const std::string& instrument) { s.withdraw(state, instrument); })
      .def("put_instrument", [](scenario& s, const instrument& in) { s.put_instrument(in); })
      .def("remove_instrument", [](scenario& s, const std::string& id) { s.remove_instrument(id); })
      .def("put_actor", [](scenario& s, const actor& a) { s.put_actor(a); })
      .def("as_of",
           [](scenario& s, const std::string& when) {
             auto d = date::parse(when);
             if (!d)
               throw py::value_error("the date must be written YYYY-MM-DD, YYYY-MM or YYYY, got '" +
                                     when + "'");
             s.as_of(*d);
           })
      .def(
          "result", [](const scenario& s) { return s.result(); },
          py::call_guard<py::gil_scoped_release>())
      .def("adjust", &scenario::adjust);

  py::class_<obligation>(m, "Obligation")
      .def_readonly("provision", &obligation::provision)
      .def_property_readonly("role", [](const obligation& o) { return std::string(name_of(o.as)); })
      .def_readonly("designated", &obligation::designated)
      .def_property_readonly("stages", [](const obligation& o) { return o.stages.names(); })
      .def_readonly("topics", &obligation::topics);
  m.def(
      "obligations_of",
      [](const corpus& c, const std::string& actor, const corridor& k) {
        return checked([&] { return obligations_of(c, actor, k); });
      },
      py::call_guard<py::gil_scoped_release>());

  py::class_<responsibility>(m, "Responsibility")
      .def_readonly("actor", &responsibility::actor)
      .def_property_readonly("role",
                             [](const responsibility& r) { return std::string(name_of(r.as)); })
      .def_readonly("provision", &responsibility::provision);
  m.def("responsible",
        [](const corpus& c, const std::string& topic, const std::string& st, const corridor& k) {
          auto s = parse<stage>(st);
          if (!s) throw py::value_error("unknown stage '" + st + "'");
          return checked([&] { return responsible(c, topic, *s, k); });
        });

  py::class_<structural_gap>(m, "StructuralGap")
      .def_property_readonly("kind",
                             [](const structural_gap& g) { return std::string(name_of(g.kind)); })
      .def_property_readonly("bearer",
                             [](const structural_gap& g) { return std::string(name_of(g.bearer)); })
      .def_readonly("provision", &structural_gap::provision)
      .def_readonly("explanation", &structural_gap::explanation);
  m.def(
      "structural_gaps",
      [](const corpus& c, const corridor& k) {
        return checked([&] { return structural_gaps(c, k); });
      },
      py::call_guard<py::gil_scoped_release>());

  m.def("remedy_paths", [](const corpus& c, const corridor& k) {
    const auto rep = checked([&] { return remedy_paths(c, k); });
    std::vector<std::pair<std::string, std::vector<std::string>>> paths;
    for (const auto& p : rep.paths) paths.emplace_back(std::string(name_of(p.stage)), p.actors);
    std::vector<std::string> none;
    for (auto s : rep.stages_without_remedy) none.emplace_back(name_of(s));
    return py::make_tuple(paths, none);
  });

  m.def("responsibility_load", [](const corpus& c, const corridor& k) {
    std::vector<std::tuple<std::string, std::size_t, std::size_t, std::size_t, std::size_t,
                           std::size_t, double>>
        out;
    for (const auto& l : checked([&] { return responsibility_load(c, k); }))
      out.emplace_back(l.actor, l.by_stage[0], l.by_stage[1], l.by_stage[2], l.by_stage[3], l.total,
                       l.centrality);
    return out;
  });
}

}  // namespace dutymap::python
