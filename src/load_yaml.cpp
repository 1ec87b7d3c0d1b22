// The YAML loader: parses corpus files, reports every problem with its location, layers folders
// and hands the merged content to corpus::build for the cross-reference checks.

#include "yaml_reading.hpp"

#include <dutymap/builtin.hpp>
#include <dutymap/detail/nearest.hpp>
#include <dutymap/io/load.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <unordered_map>

namespace dutymap {
namespace {

using namespace yaml_reading;

std::string slug(const std::string& s) {
  std::string out;
  for (char ch : s) {
    const unsigned char c = static_cast<unsigned char>(ch);
    // White space and list punctuation become single dashes; nothing else changes.
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' || c == ',' ||
        c == ';') {
      if (!out.empty() && out.back() != '-') out += '-';
    } else {
      out += static_cast<char>(c < 128 ? std::tolower(c) : c);
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

// Which optional keys an item gave, for inheritance by annexes and provisions.
enum given : unsigned {
  g_parties = 1,
  g_level = 2,
  g_binding = 4,
  g_adopted = 8,
  g_in_force = 16,
  g_expires = 32,
  g_sectors = 64,
  g_excluded = 128,
  g_territories = 256,
  g_workers = 512,
  g_kind = 1024,
  g_region = 2048
};

struct parsed_instrument {
  instrument item;
  unsigned given = 0;
  std::vector<unsigned> provision_scope_given;
  bool replaces = false;
  source_location at;
};

unsigned read_scope(context& cx, const yaml_node& n, scope& s) {
  unsigned g = 0;
  if (!present(n)) return g;
  fields f(cx, n, "scope", {"sectors", "excluded_sectors", "workers", "territories"});
  if (!f.ok()) return g;
  if (present(f["sectors"]) || f["sectors"].is_list()) g |= g_sectors;
  if (present(f["excluded_sectors"]) || f["excluded_sectors"].is_list()) g |= g_excluded;
  if (present(f["territories"]) || f["territories"].is_list()) g |= g_territories;
  s.sectors = texts(cx, f["sectors"], "sectors");
  s.excluded_sectors = texts(cx, f["excluded_sectors"], "excluded_sectors");
  s.territories = texts(cx, f["territories"], "territories");
  if (auto w = enum_value<worker_coverage>(cx, f["workers"])) {
    s.workers = *w;
    g |= g_workers;
  }
  return g;
}

void apply_scope(scope& s, const scope& from, unsigned given) {
  if (!(given & g_sectors)) s.sectors = from.sectors;
  if (!(given & g_excluded)) s.excluded_sectors = from.excluded_sectors;
  if (!(given & g_territories)) s.territories = from.territories;
  if (!(given & g_workers)) s.workers = from.workers;
}

provision read_provision(context& cx, const yaml_node& n, const std::string& instrument_id,
                         std::size_t index, unsigned& scope_given) {
  provision p;
  p.instrument = instrument_id;
  const std::string key = "provision/" + instrument_id + "/" + std::to_string(index);
  cx.record(key, n);
  fields f(cx, n, "provision",
           {"id", "article", "chapter", "part", "summary", "modality", "strength", "bearers",
            "beneficiaries", "designated", "stages", "topics", "scope", "qualifiers", "provenance",
            "notes"});
  if (!f.ok()) {
    p.id = instrument_id + ":#" + std::to_string(index + 1);
    cx.where.mark_failed(key);
    return p;
  }
  f.require(n, {"modality", "strength", "provenance"});
  p.article = cx.guarded(key + "/article", [&] { return text(cx, f["article"], "article"); });
  p.chapter = cx.guarded(key + "/article", [&] { return text(cx, f["chapter"], "chapter"); });
  p.part = text(cx, f["part"], "part");
  p.summary = cx.guarded(key + "/summary", [&] { return text(cx, f["summary"], "summary"); });
  p.notes = text(cx, f["notes"], "notes");
  if (auto m = enum_value<modality>(cx, f["modality"])) p.modality = *m;
  if (auto s = enum_value<strength>(cx, f["strength"])) p.strength = *s;
  p.bearers =
      cx.guarded(key + "/bearers", [&] { return enum_set<role>(cx, f["bearers"], "bearers"); });
  if (present(f["bearers"])) cx.record(key + "/bearers", f["bearers"]);
  p.beneficiaries = present(f["beneficiaries"])
                        ? enum_set<role>(cx, f["beneficiaries"], "beneficiaries")
                        : role_set{role::worker};
  p.stages =
      cx.guarded(key + "/stages", [&] { return enum_set<stage>(cx, f["stages"], "stages"); });
  if (present(f["stages"])) cx.record(key + "/stages", f["stages"]);
  std::vector<yaml_node> designated_nodes;
  p.designated = texts(cx, f["designated"], "designated", &designated_nodes);
  for (std::size_t k = 0; k < designated_nodes.size(); ++k)
    cx.record(key + "/designated/" + std::to_string(k), designated_nodes[k]);

  if (present(f["topics"])) cx.record(key + "/topics", f["topics"]);
  const auto topics_before = cx.problems.size();
  for (const auto& t : items(cx, f["topics"], "topics")) {
    const std::string tk = key + "/topics/" + std::to_string(p.topics.size());
    if (t.is_scalar()) {
      cx.record(tk, t);
      p.topics.push_back({id_text(cx, t, "topic"), effect::protects});
    } else {
      fields tf(cx, t, "a topic of a provision", {"topic", "effect"});
      if (!tf.ok()) continue;
      tf.require(t, {"topic"});
      cx.record(tk, present(tf["topic"]) ? tf["topic"] : t);
      topic_effect te{id_text(cx, tf["topic"], "topic"), effect::protects};
      if (auto e = enum_value<effect>(cx, tf["effect"])) te.effect = *e;
      if (!te.topic.empty()) p.topics.push_back(te);
    }
  }
  if (cx.problems.size() != topics_before) cx.where.mark_failed(key + "/topics");
  scope_given = read_scope(cx, f["scope"], p.scope);
  if (present(f["scope"])) cx.record(key + "/scope", f["scope"]);
  for (const auto& q : items(cx, f["qualifiers"], "qualifiers")) {
    if (q.is_scalar()) {
      if (auto k = enum_value<qualifier_kind>(cx, q)) p.qualifiers.push_back({*k, {}});
    } else {
      fields qf(cx, q, "a qualifier", {"kind", "text"});
      if (!qf.ok()) continue;
      qf.require(q, {"kind"});
      if (auto k = enum_value<qualifier_kind>(cx, qf["kind"]))
        p.qualifiers.push_back({*k, text(cx, qf["text"], "text")});
    }
  }
  if (present(f["provenance"])) {
    const yaml_node pn = f["provenance"];
    cx.record(key + "/provenance", pn);
    fields pf(cx, pn, "provenance", {"coded_from", "source", "passage", "coder", "confidence"});
    if (!pf.ok()) cx.where.mark_failed(key + "/provenance");
    if (pf.ok()) {
      pf.require(pn, {"coded_from", "source", "confidence"});
      if (auto c = enum_value<coded_from>(cx, pf["coded_from"])) p.provenance.from = *c;
      if (auto c = enum_value<confidence>(cx, pf["confidence"])) p.provenance.level = *c;
      p.provenance.source = text(cx, pf["source"], "source");
      p.provenance.passage = text(cx, pf["passage"], "passage");
      p.provenance.coder = text(cx, pf["coder"], "coder");
    }
  }
  std::string local = id_text(cx, f["id"], "id");
  if (local.empty()) {
    std::vector<std::string> bits;
    if (!p.part.empty()) bits.push_back(slug(p.part));
    if (!p.article.empty())
      bits.push_back(slug(p.article));
    else if (!p.chapter.empty())
      bits.push_back("ch-" + slug(p.chapter));
    for (const auto& b : bits) local += (local.empty() ? "" : ":") + b;
    if (local.empty()) local = "#" + std::to_string(index + 1);
  }
  p.id = instrument_id + ":" + local;
  return p;
}

// A topic a source reports the instrument does not cover, cited like a provision's provenance.
reported_lack read_lack(context& cx, const yaml_node& n, const std::string& key) {
  reported_lack l;
  cx.record(key, n);
  fields f(cx, n, "a reported lack",
           {"topic", "stages", "source", "passage", "confidence", "notes"});
  if (!f.ok()) return l;
  f.require(n, {"topic", "source", "passage", "confidence"});
  if (present(f["topic"])) cx.record(key + "/topic", f["topic"]);
  l.topic = id_text(cx, f["topic"], "topic");
  l.stages = enum_set<stage>(cx, f["stages"], "stages");
  l.provenance.from = coded_from::secondary;
  l.provenance.source = text(cx, f["source"], "source");
  l.provenance.passage = text(cx, f["passage"], "passage");
  if (auto c = enum_value<confidence>(cx, f["confidence"])) l.provenance.level = *c;
  l.notes = text(cx, f["notes"], "notes");
  return l;
}

parsed_instrument read_instrument(context& cx, const yaml_node& n) {
  parsed_instrument out;
  out.at = cx.loc(n);
  instrument& in = out.item;
  fields f(cx, n, "instrument",
           {"id",     "title",   "short_title", "kind",    "level",      "binding",   "parties",
            "region", "adopted", "in_force",    "expires", "supersedes", "annex_to",  "scope",
            "source", "text",    "notes",       "lacks",   "replaces",   "provisions"});
  if (!f.ok()) return out;
  in.id = id_text(cx, f["id"], "id");
  const std::string key = "instrument/" + in.id;
  cx.record(key, n);
  if (!present(f["id"])) cx.error(n, "missing required key `id` in instrument");
  if (!present(f["provisions"]) && !f["provisions"].is_list())
    cx.error(n,
             "missing required key `provisions` in instrument (write `provisions: []` for "
             "an instrument whose provisions are not coded)");
  if (!present(f["text"]))
    cx.error(n,
             "missing required key `text` in instrument: how much of its own text was read "
             "(full, partial, described or none); a topic it is silent on is a gap only if "
             "`full`, otherwise unknown");
  if (!f.has("annex_to")) f.require(n, {"kind", "level"});
  for (const char* k : {"title", "short_title", "supersedes", "annex_to", "region", "parties",
                        "level", "expires", "adopted", "in_force", "binding", "kind", "text"})
    if (present(f[k])) cx.record(key + "/" + k, f[k]);
  in.title = cx.guarded(key + "/title", [&] { return text(cx, f["title"], "title"); });
  in.short_title = text(cx, f["short_title"], "short_title");
  if (auto k = enum_value<instrument_kind>(cx, f["kind"])) {
    in.kind = *k;
    out.given |= g_kind;
  }
  if (auto l = enum_value<level>(cx, f["level"])) {
    in.level = *l;
    out.given |= g_level;
  }
  if (auto b = bool_value(cx, f["binding"], "binding")) {
    in.binding = *b;
    out.given |= g_binding;
  }
  std::vector<yaml_node> party_nodes;
  in.parties = texts(cx, f["parties"], "parties", &party_nodes);
  for (std::size_t k = 0; k < party_nodes.size(); ++k)
    cx.record(key + "/parties/" + std::to_string(k), party_nodes[k]);
  if (present(f["parties"])) out.given |= g_parties;
  in.region = id_text(cx, f["region"], "region");
  if (!in.region.empty()) out.given |= g_region;
  if ((in.adopted = date_value(cx, f["adopted"], "adopted"))) out.given |= g_adopted;
  if ((in.in_force = date_value(cx, f["in_force"], "in_force"))) out.given |= g_in_force;
  if ((in.expires = date_value(cx, f["expires"], "expires"))) out.given |= g_expires;
  in.supersedes = id_text(cx, f["supersedes"], "supersedes");
  in.annex_to = id_text(cx, f["annex_to"], "annex_to");
  out.given |= read_scope(cx, f["scope"], in.scope);
  if (present(f["scope"])) cx.record(key + "/scope", f["scope"]);
  in.source = cx.guarded(key + "/source", [&] { return text(cx, f["source"], "source"); });
  if (auto t = enum_value<text_coverage>(cx, f["text"])) in.text = *t;
  in.notes = text(cx, f["notes"], "notes");
  if (present(f["lacks"]) || f["lacks"].is_list())
    each_item(cx, f["lacks"], "reported lacks (`lacks`)", [&](const yaml_node& ln) {
      in.lacks.push_back(read_lack(cx, ln, key + "/lacks/" + std::to_string(in.lacks.size())));
    });
  if (auto r = bool_value(cx, f["replaces"], "replaces")) out.replaces = *r;
  const yaml_node provisions = f["provisions"];
  if (present(provisions) && !provisions.is_list()) {
    cx.error(provisions,
             "expected a list of provisions for `provisions`, got " + kind_of(provisions));
  } else if (present(provisions)) {
    std::size_t i = 0;
    // Exactly as many as listed: a provision is half a kilobyte, and growing the vector one at a
    // time would leave a third of it unused on average.
    const auto listed = provisions.items();
    in.provisions.reserve(listed.size());
    out.provision_scope_given.reserve(listed.size());
    for (const auto& pn : listed) {
      cx.count();
      unsigned g = 0;
      in.provisions.push_back(read_provision(cx, pn, in.id, i++, g));
      out.provision_scope_given.push_back(g);
    }
  }
  return out;
}

struct parsed_file {
  std::vector<sector> sectors;
  std::vector<topic> topics;
  std::vector<actor> actors;
  std::vector<ratification> ratifications;
  std::vector<profile> profiles;
  std::vector<parsed_instrument> instruments;
  // `replaces` flags and locations, parallel to the vectors above.
  std::vector<std::pair<bool, source_location>> sector_meta, topic_meta, actor_meta,
      ratification_meta, profile_meta;
};

void read_topics(context& cx, const yaml_node& list, parsed_file& out) {
  each_item(cx, list, "topics", [&](const yaml_node& n) {
    fields f(cx, n, "topic", {"id", "title", "description", "stages", "replaces"});
    if (!f.ok()) return;
    f.require(n, {"id"});
    topic t;
    t.id = id_text(cx, f["id"], "id");
    cx.record("topic/" + t.id, n);
    cx.record("topic/" + t.id + "/id", f["id"]);
    cx.record("topic/" + t.id + "/stages", f["stages"]);
    t.title = text(cx, f["title"], "title");
    t.description = text(cx, f["description"], "description");
    t.stages = enum_set<stage>(cx, f["stages"], "stages");
    out.topics.push_back(std::move(t));
    out.topic_meta.emplace_back(bool_value(cx, f["replaces"], "replaces").value_or(false),
                                cx.loc(n));
  });
}

void read_sectors(context& cx, const yaml_node& list, parsed_file& out) {
  each_item(cx, list, "sectors", [&](const yaml_node& n) {
    fields f(cx, n, "sector", {"id", "title", "description", "replaces"});
    if (!f.ok()) return;
    f.require(n, {"id"});
    sector s;
    s.id = id_text(cx, f["id"], "id");
    cx.record("sector/" + s.id, n);
    s.title = text(cx, f["title"], "title");
    s.description = text(cx, f["description"], "description");
    out.sectors.push_back(std::move(s));
    out.sector_meta.emplace_back(bool_value(cx, f["replaces"], "replaces").value_or(false),
                                 cx.loc(n));
  });
}

void read_actors(context& cx, const yaml_node& list, parsed_file& out) {
  each_item(cx, list, "actors", [&](const yaml_node& n) {
    fields f(cx, n, "actor",
             {"id", "name", "kind", "state", "roles", "oversees", "refers_to",
              "receives_complaints", "source", "notes", "replaces"});
    if (!f.ok()) return;
    f.require(n, {"id", "kind"});
    actor a;
    a.id = id_text(cx, f["id"], "id");
    const std::string key = "actor/" + a.id;
    cx.record(key, n);
    if (present(f["state"])) cx.record(key + "/state", f["state"]);
    a.name = text(cx, f["name"], "name");
    if (auto k = cx.guarded(key + "/kind", [&] { return enum_value<actor_kind>(cx, f["kind"]); }))
      a.kind = *k;
    a.state = id_text(cx, f["state"], "state");
    a.roles = enum_set<role>(cx, f["roles"], "roles");
    a.receives_complaints = enum_set<stage>(cx, f["receives_complaints"], "receives_complaints");
    a.source = text(cx, f["source"], "source");
    for (const auto& o : items(cx, f["oversees"], "oversees")) {
      const std::string ok = key + "/oversees/" + std::to_string(a.oversees.size());
      cx.record(ok, o);
      fields of(cx, o, "an `oversees` entry", {"actor", "role", "function", "source"});
      if (!of.ok()) continue;
      oversight ov;
      ov.actor = id_text(cx, of["actor"], "actor");
      if (present(of["actor"])) cx.record(ok + "/actor", of["actor"]);
      ov.target_role = enum_value<role>(cx, of["role"]);
      ov.function = text(cx, of["function"], "function");
      ov.source = text(cx, of["source"], "source");
      a.oversees.push_back(std::move(ov));
    }
    for (const auto& r : items(cx, f["refers_to"], "refers_to")) {
      const std::string rk = key + "/refers_to/" + std::to_string(a.refers_to.size());
      cx.record(rk, r);
      fields rf(cx, r, "a `refers_to` entry", {"actor", "stages", "source"});
      if (!rf.ok()) continue;
      referral ref;
      ref.actor = id_text(cx, rf["actor"], "actor");
      if (present(rf["actor"])) cx.record(rk + "/actor", rf["actor"]);
      ref.stages = enum_set<stage>(cx, rf["stages"], "stages");
      ref.source = text(cx, rf["source"], "source");
      a.refers_to.push_back(std::move(ref));
    }
    out.actors.push_back(std::move(a));
    out.actor_meta.emplace_back(bool_value(cx, f["replaces"], "replaces").value_or(false),
                                cx.loc(n));
  });
}

void read_ratifications(context& cx, const yaml_node& list, parsed_file& out) {
  each_item(cx, list, "ratifications", [&](const yaml_node& n) {
    fields f(cx, n, "ratification",
             {"state", "instrument", "signed", "ratified", "denounced", "excludes", "limited_to",
              "source", "notes", "replaces"});
    if (!f.ok()) return;
    f.require(n, {"state", "instrument"});
    ratification r;
    r.state = id_text(cx, f["state"], "state");
    r.instrument = id_text(cx, f["instrument"], "instrument");
    const std::string key = "ratification/" + r.state + "/" + r.instrument;
    cx.record(key, n);
    for (const char* k : {"state", "instrument", "excludes", "denounced"})
      if (present(f[k])) cx.record(key + "/" + k, f[k]);
    r.signed_on = date_value(cx, f["signed"], "signed");
    r.ratified_on = date_value(cx, f["ratified"], "ratified");
    r.denounced_on = date_value(cx, f["denounced"], "denounced");
    r.excludes = texts(cx, f["excludes"], "excludes");
    r.limited_to = texts(cx, f["limited_to"], "limited_to");
    r.source = text(cx, f["source"], "source");
    r.notes = text(cx, f["notes"], "notes");
    out.ratifications.push_back(std::move(r));
    out.ratification_meta.emplace_back(bool_value(cx, f["replaces"], "replaces").value_or(false),
                                       cx.loc(n));
  });
}

void read_profiles(context& cx, const yaml_node& list, parsed_file& out) {
  each_item(cx, list, "profiles", [&](const yaml_node& n) {
    fields f(cx, n, "profile",
             {"id", "title", "description", "source", "accepts", "norms", "replaces"});
    if (!f.ok()) return;
    f.require(n, {"id"});
    profile p;
    p.id = id_text(cx, f["id"], "id");
    const std::string key = "profile/" + p.id;
    cx.record(key, n);
    p.title = text(cx, f["title"], "title");
    p.description = text(cx, f["description"], "description");
    p.source = text(cx, f["source"], "source");
    for (const auto& k : items(cx, f["accepts"], "accepts"))
      if (auto v = enum_value<instrument_kind>(cx, k)) p.accepts.push_back(*v);
    for (const auto& nn : items(cx, f["norms"], "norms")) {
      const std::string nk = key + "/norms/" + std::to_string(p.norms.size());
      cx.record(nk, nn);
      fields nf(cx, nn, "a norm", {"topic", "stage", "bearer", "min_strength", "source", "note"});
      if (!nf.ok()) continue;
      nf.require(nn, {"topic", "stage", "bearer"});
      norm x;
      x.topic = id_text(cx, nf["topic"], "topic");
      if (present(nf["topic"])) cx.record(nk + "/topic", nf["topic"]);
      if (present(nf["stage"])) cx.record(nk + "/stage", nf["stage"]);
      if (auto s = enum_value<stage>(cx, nf["stage"])) x.stage = *s;
      if (auto b = enum_value<role>(cx, nf["bearer"])) x.bearer = *b;
      if (auto m = enum_value<strength>(cx, nf["min_strength"])) x.min_strength = *m;
      x.source = text(cx, nf["source"], "source");
      x.note = text(cx, nf["note"], "note");
      p.norms.push_back(std::move(x));
    }
    out.profiles.push_back(std::move(p));
    out.profile_meta.emplace_back(bool_value(cx, f["replaces"], "replaces").value_or(false),
                                  cx.loc(n));
  });
}

parsed_file read_file(const source_file& file, std::vector<problem>& problems, source_map& where,
                      const load_limits& limits, bool locate) {
  parsed_file out;
  context cx{file.name, problems, where, limits.max_nodes, limits.max_problems};
  cx.locate = locate;
  auto fail = [&](int line, int column, std::string message) {
    problems.push_back(problem{file.name, line, column, std::move(message)});
  };
  const auto doc = parse_document(file, limits, problems);
  if (!doc) return out;
  const yaml_node root = doc->root();
  const bool kept = read_within_limits(file, limits, problems, [&] {
    if (root.is_null()) {
      fail(0, 0, "file is empty (it holds only comments)");
      return;
    }
    const auto before = problems.size();
    fields f(cx, root, "a corpus file",
             {"instrument", "topics", "sectors", "actors", "ratifications", "profiles"});
    if (!f.ok() || problems.size() != before) return;
    int kinds = 0;
    for (const char* k : {"instrument", "actors", "ratifications", "profiles"}) kinds += f.has(k);
    kinds += (f.has("topics") || f.has("sectors")) ? 1 : 0;
    if (kinds == 0) {
      cx.error(root,
               "a corpus file holds one of `instrument`, `topics` (with `sectors`), "
               "`actors`, `ratifications` or `profiles`; this one holds none");
      return;
    }
    if (kinds > 1) {
      cx.error(root,
               "a corpus file holds only one kind of content (`instrument`, `topics` and "
               "`sectors`, `actors`, `ratifications` or `profiles`); split this file");
      return;
    }
    if (f.has("instrument")) out.instruments.push_back(read_instrument(cx, f["instrument"]));
    if (f.has("sectors")) read_sectors(cx, f["sectors"], out);
    if (f.has("topics")) read_topics(cx, f["topics"], out);
    if (f.has("actors")) read_actors(cx, f["actors"], out);
    if (f.has("ratifications")) read_ratifications(cx, f["ratifications"], out);
    if (f.has("profiles")) read_profiles(cx, f["profiles"], out);
  });
  if (!kept) return parsed_file{};
  return out;
}

std::string at(const source_location& l) {
  if (l.file.empty()) return "the base corpus";
  return l.line ? l.file + ":" + std::to_string(l.line) + ":" + std::to_string(l.column) : l.file;
}

// Merges items by id into the accumulated content, honouring `replaces`.
class merger {
 public:
  merger(corpus_content& content, source_map& where, std::vector<problem>& problems)
      : content_(content), where_(where), problems_(problems) {
    index_all(content_.sectors, sectors_, "sector");
    index_all(content_.topics, topics_, "topic");
    index_all(content_.actors, actors_, "actor");
    index_all(content_.instruments, instruments_, "instrument");
    index_all(content_.profiles, profiles_, "profile");
    for (std::size_t i = 0; i < content_.ratifications.size(); ++i)
      ratifications_[rkey(content_.ratifications[i])] = {i, {}, -1};
  }

  void begin_layer() { ++layer_; }

  // Adds a file's items (moved out of it); its recorded locations are kept for the items
  // accepted.
  void add(parsed_file&& f, source_map file_where) {
    rejected_.clear();
    for (std::size_t i = 0; i < f.sectors.size(); ++i) {
      const std::string id = f.sectors[i].id;
      put(content_.sectors, sectors_, "sector", std::move(f.sectors[i]), id, f.sector_meta[i]);
    }
    for (std::size_t i = 0; i < f.topics.size(); ++i) {
      const std::string id = f.topics[i].id;
      put(content_.topics, topics_, "topic", std::move(f.topics[i]), id, f.topic_meta[i]);
    }
    for (std::size_t i = 0; i < f.actors.size(); ++i) {
      const std::string id = f.actors[i].id;
      put(content_.actors, actors_, "actor", std::move(f.actors[i]), id, f.actor_meta[i]);
    }
    for (std::size_t i = 0; i < f.profiles.size(); ++i) {
      const std::string id = f.profiles[i].id;
      put(content_.profiles, profiles_, "profile", std::move(f.profiles[i]), id, f.profile_meta[i]);
    }
    for (std::size_t i = 0; i < f.ratifications.size(); ++i) {
      auto& r = f.ratifications[i];
      const std::string key = rkey(r);
      std::string name = "record of `" + r.state + "` for `" + r.instrument + "`";
      put(content_.ratifications, ratifications_, "ratification", std::move(r), key,
          f.ratification_meta[i], std::move(name));
    }
    for (auto& pi : f.instruments) {
      if (pi.item.id.empty()) continue;
      const std::string id = pi.item.id;
      if (put(content_.instruments, instruments_, "instrument", std::move(pi.item), id,
              {pi.replaces, pi.at}))
        parsed_[id] = {pi.given, std::move(pi.provision_scope_given), pi.at};
      else
        rejected_.push_back("provision/" + id);
    }
    for (const auto& prefix : rejected_) file_where.erase_prefix(prefix);
    where_.merge(file_where);
  }

  // Inheritance: annexes from their parent, provisions from their instrument's scope.
  void resolve() {
    auto parsed = [&](const instrument& in) -> const given_fields* {
      auto it = parsed_.find(in.id);
      return it == parsed_.end() ? nullptr : &it->second;  // absent: from the base, resolved
    };
    // Defaults first, so that annexes inherit resolved values whatever the order of the files.
    for (auto& in : content_.instruments)
      if (auto pi = parsed(in); pi && in.annex_to.empty() && !(pi->instrument & g_binding))
        in.binding = binding_by_default(in.kind);
    for (auto& in : content_.instruments) {
      const given_fields* pi = parsed(in);
      if (!pi || in.annex_to.empty()) continue;
      auto pit = instruments_.find(in.annex_to);
      if (pit == instruments_.end()) continue;  // reported by the reference checks
      const instrument& parent = content_.instruments[pit->second.index];
      if (!parent.annex_to.empty()) {
        problems_.push_back(detail::make_problem(
            pi->at, "instrument `" + in.id + "` is annexed to `" + parent.id +
                        "`, itself an annex; annex it to `" + parent.annex_to + "`"));
        continue;
      }
      const unsigned g = pi->instrument;
      auto mismatch = [&](const char* what) {
        problems_.push_back(detail::make_problem(
            where_.find({"instrument/" + in.id + "/" + what, "instrument/" + in.id}),
            "`" + std::string(what) + "` of annex `" + in.id + "` differs from that of `" +
                parent.id + "`; leave it out to inherit it"));
      };
      if (!(g & g_parties)) in.parties = parent.parties;
      if (!(g & g_level))
        in.level = parent.level;
      else if (in.level != parent.level)
        mismatch("level");
      if (!(g & g_binding))
        in.binding = parent.binding;
      else if (in.binding != parent.binding)
        mismatch("binding");
      if (!(g & g_kind)) in.kind = instrument_kind::standard_contract;
      if (!(g & g_region)) in.region = parent.region;
      if (!(g & g_adopted)) in.adopted = parent.adopted;
      if (!(g & g_in_force)) in.in_force = parent.in_force;
      if (!(g & g_expires)) in.expires = parent.expires;
      apply_scope(in.scope, parent.scope, g);
    }
    for (auto& in : content_.instruments)
      if (const given_fields* pi = parsed(in))
        for (std::size_t k = 0; k < in.provisions.size(); ++k)
          apply_scope(in.provisions[k].scope, in.scope, pi->provision_scopes[k]);
  }

 private:
  struct entry {
    std::size_t index;
    source_location at;
    int layer;
  };

  static std::string rkey(const ratification& r) { return r.state + "/" + r.instrument; }

  template <class Item>
  void index_all(const std::vector<Item>& items, std::unordered_map<std::string, entry>& ids,
                 const std::string& kind) {
    for (std::size_t i = 0; i < items.size(); ++i) {
      ids[items[i].id] = {i, {}, -1};
      (void)kind;
    }
  }

  template <class Item>
  bool put(std::vector<Item>& items, std::unordered_map<std::string, entry>& ids,
           const std::string& kind, Item item, const std::string& id,
           const std::pair<bool, source_location>& meta, std::string name = {}) {
    if (id.empty() || id == "/") return false;
    if (name.empty()) name = kind + " `" + id + "`";
    const bool replaces = meta.first;
    const std::string prefix = kind + "/" + id;
    auto it = ids.find(id);
    if (it == ids.end()) {
      if (replaces) {
        std::vector<std::string> known;
        for (const auto& [k, v] : ids) known.push_back(k);
        std::sort(known.begin(), known.end());
        problems_.push_back(detail::make_problem(
            meta.second, name + " says `replaces: true`, but no earlier layer defines it" +
                             detail::did_you_mean(id, known)));
      }
      ids[id] = {items.size(), meta.second, layer_};
      items.push_back(std::move(item));
      return true;
    }
    if (it->second.layer == layer_) {
      problems_.push_back(detail::make_problem(
          meta.second, "duplicate " + name + ": already defined at " + at(it->second.at)));
      rejected_.push_back(prefix);
      return false;
    }
    if (!replaces) {
      problems_.push_back(
          detail::make_problem(meta.second, name + " is already defined in " + at(it->second.at) +
                                                "; add `replaces: true` to replace it"));
      rejected_.push_back(prefix);
      return false;
    }
    // Replacement: the earlier item's recorded locations go with it.
    where_.erase_prefix(prefix);
    if (kind == "instrument") where_.erase_prefix("provision/" + id);
    items[it->second.index] = std::move(item);
    it->second.at = meta.second;
    it->second.layer = layer_;
    return true;
  }

  corpus_content& content_;
  source_map& where_;
  std::vector<problem>& problems_;
  int layer_ = -1;
  std::unordered_map<std::string, entry> sectors_, topics_, actors_, instruments_, profiles_,
      ratifications_;
  // What `resolve` needs of the instruments read: which fields each gave, and where it is.
  struct given_fields {
    unsigned instrument = 0;
    std::vector<unsigned> provision_scopes;
    source_location at;
  };
  std::unordered_map<std::string, given_fields> parsed_;
  std::vector<std::string> rejected_;  // key prefixes of the current file's rejected items
};

struct outcome {
  std::optional<corpus> result;
  std::vector<problem> problems;
};

// A file to read: given in memory, or on disk and read only when its turn comes, so that a large
// corpus's text is never all held at once.
struct file_ref {
  const source_file* given = nullptr;
  std::filesystem::path path;
};
using layer_refs = std::vector<std::vector<file_ref>>;

layer_refs refs_to(const std::vector<std::vector<source_file>>& layers) {
  layer_refs out;
  for (const auto& layer : layers) {
    auto& refs = out.emplace_back();
    for (const auto& file : layer) refs.push_back(file_ref{&file, {}});
  }
  return out;
}

// Reads the layers over the base and builds the corpus. Without `locate`, where each item was read
// is not recorded, and a corpus that does not build is read again with it, for the messages.
outcome run(const layer_refs& layers, const corpus& base, const load_limits& limits,
            std::vector<problem> problems = {}, bool locate = false) {
  std::vector<problem> before;  // the problems found before reading, for a second reading
  if (!locate) before = problems;
  corpus_content content = base.content();
  source_map where;
  merger merge(content, where, problems);
  for (const auto& layer : layers) {
    merge.begin_layer();
    for (const auto& ref : layer) {
      source_map file_where;
      std::vector<problem> file_problems;
      source_file from_disk;
      if (!ref.given) from_disk = read_disk_file(ref.path, file_problems, limits);
      const source_file& file = ref.given ? *ref.given : from_disk;
      parsed_file parsed = read_file(file, file_problems, file_where, limits, locate);
      problems.insert(problems.end(), file_problems.begin(), file_problems.end());
      merge.add(std::move(parsed), std::move(file_where));
    }
  }
  merge.resolve();
  std::vector<problem> unbuilt;
  try {
    corpus c = corpus::build(std::move(content), &where);
    if (problems.empty()) return {std::move(c), {}};
  } catch (const corpus_error& e) {
    unbuilt = e.problems();
  }
  if (!locate) return run(layers, base, limits, std::move(before), true);
  // Follow-on problems at a place already reported add nothing.
  std::set<std::tuple<std::string, int, int>> seen;
  for (const auto& p : problems) seen.emplace(p.file, p.line, p.column);
  for (const auto& p : unbuilt)
    if (p.line == 0 || !seen.count({p.file, p.line, p.column})) problems.push_back(p);
  std::stable_sort(problems.begin(), problems.end(), [](const problem& a, const problem& b) {
    return std::tie(a.file, a.line, a.column) < std::tie(b.file, b.line, b.column);
  });
  problems.erase(std::unique(problems.begin(), problems.end()), problems.end());
  for (auto& p : problems) {
    p.message = valid_utf8(p.message);
    p.file = valid_utf8(p.file);
  }
  return {std::nullopt, std::move(problems)};
}

// The files of each path, to be read in turn; problems with the paths themselves go to `problems`.
layer_refs find_layers(const std::vector<std::filesystem::path>& paths,
                       std::vector<problem>& problems) {
  layer_refs layers;
  for (const auto& path : paths) {
    std::vector<file_ref> files;
    std::error_code ec;
    // A NUL would silently cut the name short at the system call: refuse it.
    if (path.empty() || path.native().find('\0') != std::string::npos) {
      problems.push_back(problem{path.generic_string(), 0, 0,
                                 path.empty() ? "empty path" : "path contains a NUL character"});
      layers.push_back({});
      continue;
    }
    if (!std::filesystem::exists(path, ec)) {
      problems.push_back(problem{path.generic_string(), 0, 0, "no such file or folder"});
      layers.push_back({});
      continue;
    }
    const auto found = corpus_files(path);
    if (found.empty())
      problems.push_back(
          problem{path.generic_string(), 0, 0, "folder holds no corpus files (*.yaml or *.yml)"});
    for (const auto& f : found) files.push_back(file_ref{nullptr, f});
    layers.push_back(std::move(files));
  }
  return layers;
}

}  // namespace

std::vector<std::filesystem::path> corpus_files(const std::filesystem::path& path) {
  std::vector<std::filesystem::path> out;
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    for (auto it = std::filesystem::recursive_directory_iterator(path, ec);
         it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
      if (ec) break;
      const auto ext = it->path().extension().string();
      if (it->is_regular_file(ec) && (ext == ".yaml" || ext == ".yml")) out.push_back(it->path());
    }
    std::sort(out.begin(), out.end());
  } else if (std::filesystem::exists(path, ec)) {
    out.push_back(path);
  }
  return out;
}

corpus load_sources(const std::vector<std::vector<source_file>>& layers, const corpus& base,
                    const load_limits& limits) {
  auto r = run(refs_to(layers), base, limits);
  if (!r.result) throw corpus_error(std::move(r.problems));
  return std::move(*r.result);
}

std::vector<problem> check_sources(const std::vector<std::vector<source_file>>& layers,
                                   const corpus& base, const load_limits& limits) {
  return run(refs_to(layers), base, limits).problems;
}

corpus load(const std::vector<std::filesystem::path>& paths, const corpus& base,
            const load_limits& limits) {
  std::vector<problem> problems;
  const auto layers = find_layers(paths, problems);
  auto r = run(layers, base, limits, std::move(problems));
  if (!r.result) throw corpus_error(std::move(r.problems));
  return std::move(*r.result);
}

corpus load(const std::vector<std::filesystem::path>& paths) {
  return load(paths, builtin());
}

std::vector<problem> check(const std::vector<std::filesystem::path>& paths, const corpus& base,
                           const load_limits& limits) {
  std::vector<problem> problems;
  const auto layers = find_layers(paths, problems);
  return run(layers, base, limits, std::move(problems)).problems;
}

}  // namespace dutymap
