// Reading one corpus file: its instrument, topics and sectors, actors, ratifications or profiles,
// each field checked and located.

#include "corpus_file.hpp"
#include "source_files.hpp"

#include "yaml/yaml_reading.hpp"

#include <algorithm>
#include <cctype>
#include <string>

namespace dutymap::loading {
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
              "receives_complaints", "located_in", "source", "notes", "replaces"});
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
    if (present(f["located_in"])) cx.record(key + "/located_in", f["located_in"]);
    a.located_in = id_text(cx, f["located_in"], "located_in");
    a.roles = enum_set<role>(cx, f["roles"], "roles");
    a.receives_complaints = enum_set<stage>(cx, f["receives_complaints"], "receives_complaints");
    a.source = text(cx, f["source"], "source");
    a.notes = text(cx, f["notes"], "notes");
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

void read_practice(context& cx, const yaml_node& list, parsed_file& out) {
  each_item(cx, list, "practice", [&](const yaml_node& n) {
    fields f(cx, n, "an implementation record",
             {"provision", "actor", "period", "rating", "reported", "source", "passage",
              "confidence", "notes", "replaces"});
    if (!f.ok()) return;
    f.require(n, {"provision", "actor", "period", "rating", "reported", "source", "passage",
                  "confidence"});
    implementation_record r;
    r.provision = id_text(cx, f["provision"], "provision");
    r.actor = id_text(cx, f["actor"], "actor");
    if (auto d = date_value(cx, f["period"], "period")) r.period = *d;
    const std::string key = "practice/" + r.provision + "/" + r.actor + "/" + r.period.str();
    cx.record(key, n);
    for (const char* k : {"provision", "actor"})
      if (present(f[k])) cx.record(key + "/" + k, f[k]);
    if (auto v = enum_value<practice_rating>(cx, f["rating"])) r.rating = *v;
    r.reported = text(cx, f["reported"], "reported");
    r.provenance.from = coded_from::secondary;
    r.provenance.source = text(cx, f["source"], "source");
    r.provenance.passage = text(cx, f["passage"], "passage");
    if (auto c = enum_value<confidence>(cx, f["confidence"])) r.provenance.level = *c;
    r.notes = text(cx, f["notes"], "notes");
    out.practice.push_back(std::move(r));
    out.practice_meta.emplace_back(bool_value(cx, f["replaces"], "replaces").value_or(false),
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

}  // namespace

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
    fields f(
        cx, root, "a corpus file",
        {"instrument", "topics", "sectors", "actors", "ratifications", "profiles", "practice"});
    if (!f.ok() || problems.size() != before) return;
    int kinds = 0;
    for (const char* k : {"instrument", "actors", "ratifications", "profiles", "practice"})
      kinds += f.has(k);
    kinds += (f.has("topics") || f.has("sectors")) ? 1 : 0;
    if (kinds == 0) {
      cx.error(root,
               "a corpus file holds one of `instrument`, `topics` (with `sectors`), "
               "`actors`, `ratifications`, `profiles` or `practice`; this one holds none");
      return;
    }
    if (kinds > 1) {
      cx.error(root,
               "a corpus file holds only one kind of content (`instrument`, `topics` and "
               "`sectors`, `actors`, `ratifications`, `profiles` or `practice`); split this "
               "file");
      return;
    }
    if (f.has("instrument")) out.instruments.push_back(read_instrument(cx, f["instrument"]));
    if (f.has("sectors")) read_sectors(cx, f["sectors"], out);
    if (f.has("topics")) read_topics(cx, f["topics"], out);
    if (f.has("actors")) read_actors(cx, f["actors"], out);
    if (f.has("ratifications")) read_ratifications(cx, f["ratifications"], out);
    if (f.has("profiles")) read_profiles(cx, f["profiles"], out);
    if (f.has("practice")) read_practice(cx, f["practice"], out);
  });
  if (!kept) return parsed_file{};
  return out;
}

}  // namespace dutymap::loading
