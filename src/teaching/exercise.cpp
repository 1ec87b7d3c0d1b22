// Exercise files: reading and checking them, the built-in exercises, and the answer key.

#include "io/source_files.hpp"
#include "yaml/yaml_reading.hpp"

#include <dutymap/builtin.hpp>
#include <dutymap/exercise.hpp>
#include <dutymap/scenario.hpp>

#include <algorithm>
#include <set>

namespace dutymap {
namespace {

using namespace yaml_reading;

template <class Items, class Id>
std::vector<std::string> ids_of(const Items& items, Id id) {
  std::vector<std::string> out;
  for (const auto& x : items) out.push_back(id(x));
  return out;
}

// Checks an id against the corpus, reporting it with the nearest valid one.
struct id_checker {
  context& cx;
  const corpus& c;

  void state(const yaml_node& n, const std::string& id, const std::string& what) {
    const actor* a = c.find_actor(id);
    if (a && a->kind == actor_kind::state) return;
    std::vector<std::string> states;
    for (const auto& x : c.actors())
      if (x.kind == actor_kind::state) states.push_back(x.id);
    cx.error(n, std::string(a ? "`" + id + "` is not a state" : "unknown state `" + id + "`") +
                    " for `" + what + "`" + detail::did_you_mean(id, states));
  }
  void topic(const yaml_node& n, const std::string& id) {
    if (c.find_topic(id)) return;
    cx.error(n, "unknown topic `" + id + "`" +
                    detail::did_you_mean(id, ids_of(c.topics(), [](auto& t) { return t.id; })));
  }
};

clause_coding read_coding(context& cx, id_checker& check, const yaml_node& n) {
  clause_coding k;
  fields f(cx, n, "a clause's key", {"topics", "effect", "modality", "bearers", "stages"});
  if (!f.ok()) return k;
  f.require(n, {"topics", "modality", "bearers", "stages"});
  std::vector<yaml_node> topic_nodes;
  k.topics = texts(cx, f["topics"], "topics", &topic_nodes);
  for (std::size_t i = 0; i < k.topics.size(); ++i) check.topic(topic_nodes[i], k.topics[i]);
  if (auto e = enum_value<effect>(cx, f["effect"])) k.effect = *e;
  if (auto m = enum_value<modality>(cx, f["modality"])) k.modality = *m;
  k.bearers = enum_set<role>(cx, f["bearers"], "bearers");
  k.stages = enum_set<stage>(cx, f["stages"], "stages");
  return k;
}

// Every provision of the case's instruments, with those of their annexes.
std::vector<corpus::index> case_instruments(const corpus& c, const exercise& ex) {
  std::vector<corpus::index> out;
  for (const auto& id : ex.instruments)
    if (auto i = c.instrument_index(id)) {
      if (std::find(out.begin(), out.end(), *i) == out.end()) out.push_back(*i);
      for (auto a : c.annexes_of(*i))
        if (std::find(out.begin(), out.end(), a) == out.end()) out.push_back(a);
    }
  return out;
}

exercise read(context& cx, const yaml_node& root, const corpus& c) {
  exercise ex;
  ex.file = cx.file;
  fields top(cx, root, "an exercise file", {"exercise"});
  if (!top.ok()) return ex;
  top.require(root, {"exercise"});
  const yaml_node n = top["exercise"];
  if (!present(n)) return ex;
  fields f(cx, n, "exercise",
           {"id", "title", "level", "brief", "source", "corridor", "profile", "instruments",
            "tasks", "clauses", "gaps"});
  if (!f.ok()) return ex;
  f.require(n, {"id", "title", "brief", "corridor", "profile", "tasks"});
  id_checker check{cx, c};
  ex.id = id_text(cx, f["id"], "id");
  ex.title = text(cx, f["title"], "title");
  ex.brief = text(cx, f["brief"], "brief");
  ex.source = text(cx, f["source"], "source");
  if (present(f["level"])) {
    const std::string l = text(cx, f["level"], "level");
    if (l.size() == 1 && l[0] >= '1' && l[0] <= '5')
      ex.level = l[0] - '0';
    else
      cx.error(f["level"], "`level` is a difficulty from 1 to 5, got `" + l + "`");
  }

  if (present(f["corridor"])) {
    const yaml_node cn = f["corridor"];
    fields cf(cx, cn, "corridor",
              {"origin", "destination", "transit", "sector", "status", "as_of", "territory"});
    if (cf.ok()) {
      cf.require(cn, {"origin", "destination"});
      auto& w = ex.corridor;
      w.origin = id_text(cx, cf["origin"], "origin");
      w.destination = id_text(cx, cf["destination"], "destination");
      if (!w.origin.empty()) check.state(cf["origin"], w.origin, "origin");
      if (!w.destination.empty()) check.state(cf["destination"], w.destination, "destination");
      std::vector<yaml_node> transit_nodes;
      w.transit = texts(cx, cf["transit"], "transit", &transit_nodes);
      for (std::size_t i = 0; i < w.transit.size(); ++i)
        check.state(transit_nodes[i], w.transit[i], "transit");
      w.sector = id_text(cx, cf["sector"], "sector");
      if (!w.sector.empty() && !c.sector_index(w.sector))
        cx.error(
            cf["sector"],
            "unknown sector `" + w.sector + "`" +
                detail::did_you_mean(w.sector, ids_of(c.sectors(), [](auto& s) { return s.id; })));
      if (auto s = enum_value<worker_status>(cx, cf["status"])) w.status = *s;
      w.as_of = date_value(cx, cf["as_of"], "as_of");
      w.territory = text(cx, cf["territory"], "territory");
    }
  }

  ex.profile = id_text(cx, f["profile"], "profile");
  const profile* prof = ex.profile.empty() ? nullptr : c.find_profile(ex.profile);
  if (!ex.profile.empty() && !prof)
    cx.error(f["profile"], "unknown profile `" + ex.profile + "`" +
                               detail::did_you_mean(
                                   ex.profile, ids_of(c.profiles(), [](auto& p) { return p.id; })));

  std::vector<yaml_node> instrument_nodes;
  ex.instruments = texts(cx, f["instruments"], "instruments", &instrument_nodes);
  for (std::size_t i = 0; i < ex.instruments.size(); ++i)
    if (!c.find_instrument(ex.instruments[i]))
      cx.error(instrument_nodes[i],
               "unknown instrument `" + ex.instruments[i] + "`" +
                   detail::did_you_mean(ex.instruments[i],
                                        ids_of(c.instruments(), [](auto& x) { return x.id; })));
  ex.tasks = enum_set<exercise_task>(cx, f["tasks"], "tasks");
  if (present(f["tasks"]) && ex.tasks.empty())
    cx.error(f["tasks"], "`tasks` lists none of code, gaps, propose");

  // The provisions a clause may stand for: those of the case's instruments and their annexes.
  std::vector<std::string> case_provisions;
  for (auto i : case_instruments(c, ex)) {
    const auto [first, last] = c.provisions_of(i);
    for (auto p = first; p < last; ++p) case_provisions.push_back(c.provision_at(p).id);
  }
  std::set<std::string> clause_ids;
  if (present(f["clauses"]) && !f["clauses"].is_list())
    cx.error(f["clauses"], "expected a list of clauses, got " + kind_of(f["clauses"]));
  else if (present(f["clauses"]))
    for (const auto& cn : f["clauses"].items()) {
      cx.count();
      exercise_clause cl;
      const auto at = cx.loc(cn);
      cl.line = at.line;
      cl.column = at.column;
      fields cf(cx, cn, "clause", {"id", "where", "text", "provision", "key", "explanation"});
      if (!cf.ok()) continue;
      cf.require(cn, {"id", "text"});
      cl.id = id_text(cx, cf["id"], "id");
      if (!cl.id.empty() && !clause_ids.insert(cl.id).second)
        cx.error(cf["id"], "duplicate clause id `" + cl.id + "`");
      cl.where = text(cx, cf["where"], "where");
      cl.text = text(cx, cf["text"], "text");
      cl.explanation = text(cx, cf["explanation"], "explanation");
      cl.provision = id_text(cx, cf["provision"], "provision");
      if (!cl.provision.empty() && std::find(case_provisions.begin(), case_provisions.end(),
                                             cl.provision) == case_provisions.end()) {
        if (c.find_provision(cl.provision))
          cx.error(cf["provision"], "provision `" + cl.provision +
                                        "` is not one of the case's instruments (`instruments`)");
        else
          cx.error(cf["provision"], "unknown provision `" + cl.provision + "`" +
                                        detail::did_you_mean(cl.provision, case_provisions));
      }
      if (present(cf["key"])) cl.key = read_coding(cx, check, cf["key"]);
      if (cl.provision.empty() && !present(cf["key"]))
        cx.error(cn, "clause `" + cl.id +
                         "` has neither `provision` (a provision of the corpus to take the key "
                         "from) nor `key`");
      ex.clauses.push_back(std::move(cl));
    }
  if (ex.tasks.contains(exercise_task::code) && ex.clauses.empty() && present(f["tasks"]))
    cx.error(f["tasks"], "the task `code` needs clauses to code; this exercise has none");
  if (ex.instruments.empty() && ex.clauses.empty() && present(f["tasks"]))
    cx.error(n, "an exercise needs `instruments` from the corpus or `clauses` with keys");

  if (present(f["gaps"])) {
    const yaml_node gn = f["gaps"];
    // An item missing from the list is reported at the `gaps` key itself.
    auto at = cx.loc(gn);
    for (const auto& [key, value] : n.entries())
      if (key.is_scalar() && key.text() == "gaps") at = cx.loc(key);
    ex.gaps_line = at.line;
    ex.gaps_column = at.column;
    ex.gaps.emplace();
    if (!gn.is_list()) {
      cx.error(gn, "expected a list of gaps, got " + kind_of(gn));
    } else {
      for (const auto& g : gn.items()) {
        cx.count();
        expected_gap e;
        const auto gat = cx.loc(g);
        e.line = gat.line;
        e.column = gat.column;
        fields gf(cx, g, "a gap", {"topic", "stage", "bearer", "status", "explanation"});
        if (!gf.ok()) continue;
        gf.require(g, {"topic", "stage", "bearer", "status"});
        e.topic = id_text(cx, gf["topic"], "topic");
        if (!e.topic.empty()) check.topic(gf["topic"], e.topic);
        if (auto s = enum_value<stage>(cx, gf["stage"])) e.stage = *s;
        if (auto r = enum_value<role>(cx, gf["bearer"])) e.bearer = *r;
        if (auto s = enum_value<gap_status>(cx, gf["status"])) {
          e.status = *s;
          if (!is_listed_gap(*s))
            cx.error(gf["status"], "`" + std::string(name_of(*s)) +
                                       "` is not a gap; a gap list holds gap, unknown, weak, "
                                       "unassigned or conflict");
        }
        e.explanation = text(cx, gf["explanation"], "explanation");
        if (prof) {
          e.in_profile = std::any_of(prof->norms.begin(), prof->norms.end(), [&](const norm& x) {
            return x.topic == e.topic && x.stage == e.stage;
          });
          if (!e.in_profile && e.status != gap_status::conflict && present(gf["topic"]))
            cx.error(g, "`" + e.topic + "` at " + std::string(name_of(e.stage)) +
                            " is not a norm of profile `" + ex.profile +
                            "`; only conflicts may be listed outside the profile");
        }
        ex.gaps->push_back(std::move(e));
      }
    }
  }
  return ex;
}

std::vector<problem> read_into(const source_file& file, const corpus& c, const load_limits& limits,
                               exercise& out) {
  std::vector<problem> problems;
  source_map where;
  context cx{file.name, problems, where, limits.max_nodes, limits.max_problems};
  const auto doc = parse_document(file, limits, problems);
  if (!doc) return problems;
  read_within_limits(file, limits, problems, [&] {
    const yaml_node root = doc->root();
    if (root.is_null())
      problems.push_back(problem{file.name, 0, 0, "file is empty (it holds only comments)"});
    else
      out = read(cx, root, c);
  });
  for (auto& p : problems) p.message = valid_utf8(p.message);
  return problems;
}

clause_coding coding_of(const provision& p) {
  clause_coding k;
  for (const auto& t : p.topics) k.topics.push_back(t.topic);
  k.effect = p.restricts() ? effect::restricts : effect::protects;
  k.modality = p.modality;
  k.bearers = p.bearers;
  k.stages = p.stages;
  return k;
}

// The case as a draft instrument of the corpus: for a case that is not in the corpus.
instrument draft_of(const exercise& ex, const std::vector<clause_coding>& keys) {
  instrument in;
  in.id = "exercise-case-" + ex.id;
  in.title = ex.title;
  in.kind = instrument_kind::mou;
  in.level = level::bilateral;
  in.binding = false;
  in.parties = {ex.corridor.origin, ex.corridor.destination};
  in.adopted = ex.corridor.as_of;
  in.source = "exercise " + ex.id;
  for (std::size_t i = 0; i < ex.clauses.size(); ++i) {
    const auto& cl = ex.clauses[i];
    provision p;
    p.instrument = in.id;
    p.id = in.id + ":" + cl.id;
    p.article = cl.where.empty() ? cl.id : cl.where;
    p.summary = cl.text;
    p.modality = keys[i].modality;
    p.bearers = keys[i].bearers;
    p.stages = keys[i].stages;
    for (const auto& t : keys[i].topics) p.topics.push_back({t, keys[i].effect});
    // The exercise's clauses are the draft's own text.
    p.provenance.from = coded_from::text;
    p.provenance.source = "exercise " + ex.id + ", clause " + cl.id;
    in.provisions.push_back(std::move(p));
  }
  return in;
}

std::vector<expected_gap> listed_gaps(const gap_report& r) {
  std::vector<expected_gap> out;
  for (const auto& row : r.rows) {
    if (!is_listed_gap(row.status)) continue;
    if (!row.in_profile && row.status != gap_status::conflict) continue;
    expected_gap g;
    g.topic = row.topic;
    g.stage = row.stage;
    g.bearer = row.bearer;
    g.status = row.status;
    g.in_profile = row.in_profile;
    g.explanation = row.explanation;
    out.push_back(std::move(g));
  }
  return out;
}

std::string names(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& x : v) out += (out.empty() ? "" : ", ") + x;
  return out.empty() ? "none" : out;
}

}  // namespace

std::vector<problem> check_exercise(const source_file& file, const corpus& c,
                                    const load_limits& limits) {
  exercise ex;
  return read_into(file, c, limits, ex);
}

exercise read_exercise(const source_file& file, const corpus& c, const load_limits& limits) {
  exercise ex;
  auto problems = read_into(file, c, limits, ex);
  if (!problems.empty()) throw exercise_error("exercise file " + file.name, std::move(problems));
  return ex;
}

exercise load_exercise(const std::filesystem::path& path, const corpus& c,
                       const load_limits& limits) {
  std::vector<problem> problems;
  if (path.empty() || path.native().find('\0') != std::string::npos)
    problems.push_back(problem{path.generic_string(), 0, 0,
                               path.empty() ? "empty path" : "path contains a NUL character"});
  else if (!std::filesystem::is_regular_file(path))
    problems.push_back(problem{path.generic_string(), 0, 0, "no such file"});
  source_file file;
  if (problems.empty()) file = read_disk_file(path, problems, limits);
  if (!problems.empty())
    throw exercise_error("exercise file " + path.generic_string(), std::move(problems));
  return read_exercise(file, c, limits);
}

const std::vector<exercise>& builtin_exercises() {
  // Checked by the test suite; a failure here means the library was built from broken files.
  static const std::vector<exercise> all = [] {
    std::vector<exercise> out;
    for (const auto& f : builtin_exercise_sources()) out.push_back(read_exercise(f, builtin()));
    std::stable_sort(out.begin(), out.end(), [](const exercise& a, const exercise& b) {
      return std::tie(a.level, a.id) < std::tie(b.level, b.id);
    });
    return out;
  }();
  return all;
}

const exercise& builtin_exercise(std::string_view id) {
  for (const auto& ex : builtin_exercises())
    if (ex.id == id) return ex;
  throw std::out_of_range(
      "unknown exercise `" + std::string(id) + "`" +
      detail::did_you_mean(id, ids_of(builtin_exercises(), [](auto& e) { return e.id; })));
}

exercise_key resolve_key(const corpus& c, const exercise& ex) {
  exercise_key key;
  for (const auto& cl : ex.clauses) {
    if (cl.key) {
      key.clauses.push_back(*cl.key);
    } else if (const provision* p = c.find_provision(cl.provision)) {
      key.clauses.push_back(coding_of(*p));
    } else {
      throw std::invalid_argument("exercise `" + ex.id + "`: clause `" + cl.id +
                                  "` has no key and its provision `" + cl.provision +
                                  "` is not in the corpus");
    }
  }
  gap_options o;
  o.beyond_profile = false;
  // The agreement is judged for the workers it is for, as when scoring an agreement.
  o.judge_scope = false;
  if (!ex.instruments.empty()) {
    for (auto i : case_instruments(c, ex)) o.only_instruments.push_back(c.instruments()[i].id);
    key.report = gaps(c, ex.corridor, ex.profile, o);
  } else {
    key.draft = draft_of(ex, key.clauses);
    scenario s(c);
    s.put_instrument(*key.draft);
    o.only_instruments = {key.draft->id};
    key.report = s.gaps(ex.corridor, ex.profile, o);
  }
  key.judged = o.only_instruments;
  key.gaps = ex.gaps ? *ex.gaps : listed_gaps(key.report);
  return key;
}

std::vector<problem> key_disagreements(const corpus& c, const exercise& ex) {
  std::vector<problem> out;
  auto report = [&](int line, int column, std::string message) {
    out.push_back(problem{ex.file, line, column, std::move(message)});
  };
  std::set<std::string> covered;
  for (const auto& cl : ex.clauses) {
    if (!cl.provision.empty()) covered.insert(cl.provision);
    const provision* p = cl.provision.empty() ? nullptr : c.find_provision(cl.provision);
    if (!cl.key || !p) continue;
    const clause_coding corpus_coding = coding_of(*p);
    const clause_coding& k = *cl.key;
    auto sorted = [](std::vector<std::string> v) {
      std::sort(v.begin(), v.end());
      return v;
    };
    const std::string head = "clause `" + cl.id + "`: the key ";
    const std::string tail = " but the corpus codes " + p->id + " ";
    if (sorted(k.topics) != sorted(corpus_coding.topics))
      report(
          cl.line, cl.column,
          head + "gives topics " + names(k.topics) + tail + "with " + names(corpus_coding.topics));
    if (k.effect != corpus_coding.effect)
      report(cl.line, cl.column,
             head + "says it " + std::string(name_of(k.effect)) + tail + "as " +
                 std::string(name_of(corpus_coding.effect)));
    if (k.modality != corpus_coding.modality)
      report(cl.line, cl.column,
             head + "gives modality " + std::string(name_of(k.modality)) + tail + "as " +
                 std::string(name_of(corpus_coding.modality)));
    if (k.bearers != corpus_coding.bearers)
      report(cl.line, cl.column,
             head + "gives bearers " + names(k.bearers.names()) + tail + "with " +
                 names(corpus_coding.bearers.names()));
    if (k.stages != corpus_coding.stages)
      report(cl.line, cl.column,
             head + "gives stages " + names(k.stages.names()) + tail + "at " +
                 names(corpus_coding.stages.names()));
  }
  for (auto i : case_instruments(c, ex)) {
    const auto [first, last] = c.provisions_of(i);
    for (auto pi = first; pi < last; ++pi)
      if (!covered.count(c.provision_at(pi).id))
        report(0, 0,
               "provision " + c.provision_at(pi).id + " of the case has no clause in the exercise");
  }
  if (ex.gaps) {
    exercise derived = ex;
    derived.gaps.reset();
    const auto analysed = resolve_key(c, derived).gaps;
    auto key_of = [](const expected_gap& g) { return std::make_pair(g.topic, g.stage); };
    for (const auto& g : *ex.gaps) {
      auto it = std::find_if(analysed.begin(), analysed.end(),
                             [&](const expected_gap& a) { return key_of(a) == key_of(g); });
      const std::string what = "`" + g.topic + "` at " + std::string(name_of(g.stage));
      if (it == analysed.end()) {
        report(g.line, g.column,
               "the key lists " + what + " as " + std::string(name_of(g.status)) +
                   ", but the analysis of the case does not find it open");
        continue;
      }
      if (it->status != g.status)
        report(g.line, g.column,
               "the key says " + what + " is " + std::string(name_of(g.status)) +
                   ", the analysis of the case says " + std::string(name_of(it->status)));
      if (it->bearer != g.bearer)
        report(g.line, g.column,
               "the key puts " + what + " on " + std::string(name_of(g.bearer)) +
                   ", the analysis on " + std::string(name_of(it->bearer)));
    }
    for (const auto& a : analysed)
      if (std::none_of(ex.gaps->begin(), ex.gaps->end(),
                       [&](const expected_gap& g) { return key_of(a) == key_of(g); }))
        report(ex.gaps_line, ex.gaps_column,
               "the analysis of the case finds `" + a.topic + "` at " +
                   std::string(name_of(a.stage)) + " " + std::string(name_of(a.status)) +
                   ", but the key's gap list leaves it out");
  }
  return out;
}

}  // namespace dutymap
