// The YAML writer. Key order and item order are fixed so that saving is deterministic.

#include <dutymap/io/save.hpp>

#include <yaml-cpp/yaml.h>

#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <atomic>
#include <chrono>
#include <fstream>
#include <stdexcept>
#include <system_error>

namespace dutymap {
namespace {

void key_text(YAML::Emitter& e, const char* key, const std::string& value) {
  if (value.empty()) return;
  e << YAML::Key << key << YAML::Value;
  // Multi-line text ending in a newline reads best as a literal block, which keeps that newline;
  // anything else is double-quoted, which keeps every character exactly.
  if (value.size() > 1 && value.back() == '\n' &&
      value.find_first_of("\t\r") == std::string::npos && value[value.size() - 2] != '\n' &&
      value.front() != ' ')
    e << YAML::Literal << value;
  else
    e << YAML::DoubleQuoted << value;
}
void key_id(YAML::Emitter& e, const char* key, const std::string& value) {
  if (!value.empty()) e << YAML::Key << key << YAML::Value << value;
}
void key_list(YAML::Emitter& e, const char* key, const std::vector<std::string>& values,
              bool even_if_empty = false) {
  if (values.empty() && !even_if_empty) return;
  e << YAML::Key << key << YAML::Value << YAML::Flow << YAML::BeginSeq;
  for (const auto& v : values) e << v;
  e << YAML::EndSeq;
}
template <class E>
void key_set(YAML::Emitter& e, const char* key, flag_set<E> values) {
  if (!values.empty()) key_list(e, key, values.names());
}
void key_date(YAML::Emitter& e, const char* key, const std::optional<date>& d) {
  if (d) e << YAML::Key << key << YAML::Value << d->str();
}

// Writes the keys of `s` that differ from `base` (all non-default keys when base is default).
void emit_scope(YAML::Emitter& e, const scope& s, const scope& base) {
  if (s == base) return;
  e << YAML::Key << "scope" << YAML::Value << YAML::BeginMap;
  if (s.sectors != base.sectors) key_list(e, "sectors", s.sectors, true);
  if (s.excluded_sectors != base.excluded_sectors)
    key_list(e, "excluded_sectors", s.excluded_sectors, true);
  if (s.workers != base.workers)
    e << YAML::Key << "workers" << YAML::Value << std::string(name_of(s.workers));
  if (s.territories != base.territories) key_list(e, "territories", s.territories, true);
  e << YAML::EndMap;
}

void emit_provision(YAML::Emitter& e, const provision& p, const scope& instrument_scope) {
  e << YAML::BeginMap;
  key_id(e, "id", p.local_id());
  key_text(e, "part", p.part);
  key_text(e, "article", p.article);
  key_text(e, "chapter", p.chapter);
  key_text(e, "summary", p.summary);
  e << YAML::Key << "modality" << YAML::Value << std::string(name_of(p.modality));
  e << YAML::Key << "strength" << YAML::Value << std::string(name_of(p.strength));
  key_set(e, "bearers", p.bearers);
  e << YAML::Key << "beneficiaries" << YAML::Value << YAML::Flow << YAML::BeginSeq;
  for (const auto& b : p.beneficiaries.names()) e << b;
  e << YAML::EndSeq;
  key_list(e, "designated", p.designated);
  key_set(e, "stages", p.stages);
  e << YAML::Key << "topics" << YAML::Value << YAML::BeginSeq;
  for (const auto& t : p.topics) {
    if (t.effect == effect::protects)
      e << t.topic;
    else
      e << YAML::Flow << YAML::BeginMap << YAML::Key << "topic" << YAML::Value << t.topic
        << YAML::Key << "effect" << YAML::Value << std::string(name_of(t.effect)) << YAML::EndMap;
  }
  e << YAML::EndSeq;
  emit_scope(e, p.scope, instrument_scope);
  if (!p.qualifiers.empty()) {
    e << YAML::Key << "qualifiers" << YAML::Value << YAML::BeginSeq;
    for (const auto& q : p.qualifiers) {
      e << YAML::BeginMap << YAML::Key << "kind" << YAML::Value << std::string(name_of(q.kind));
      key_text(e, "text", q.text);
      e << YAML::EndMap;
    }
    e << YAML::EndSeq;
  }
  e << YAML::Key << "provenance" << YAML::Value << YAML::BeginMap;
  e << YAML::Key << "coded_from" << YAML::Value << std::string(name_of(p.provenance.from));
  key_text(e, "source", p.provenance.source);
  key_text(e, "passage", p.provenance.passage);
  key_text(e, "coder", p.provenance.coder);
  e << YAML::Key << "confidence" << YAML::Value << std::string(name_of(p.provenance.level));
  e << YAML::EndMap;
  key_text(e, "notes", p.notes);
  e << YAML::EndMap;
}

std::string finish(YAML::Emitter& e) {
  if (!e.good()) throw std::runtime_error("cannot write YAML: " + e.GetLastError());
  return std::string(e.c_str()) + "\n";
}

std::string topics_yaml(const corpus_content& c) {
  YAML::Emitter e;
  e << YAML::BeginMap;
  e << YAML::Key << "sectors" << YAML::Value << YAML::BeginSeq;
  for (const auto& s : c.sectors) {
    e << YAML::BeginMap;
    key_id(e, "id", s.id);
    key_text(e, "title", s.title);
    key_text(e, "description", s.description);
    e << YAML::EndMap;
  }
  e << YAML::EndSeq;
  e << YAML::Key << "topics" << YAML::Value << YAML::BeginSeq;
  for (const auto& t : c.topics) {
    e << YAML::BeginMap;
    key_id(e, "id", t.id);
    key_text(e, "title", t.title);
    key_text(e, "description", t.description);
    key_set(e, "stages", t.stages);
    e << YAML::EndMap;
  }
  e << YAML::EndSeq << YAML::EndMap;
  return finish(e);
}

std::string actors_yaml(const corpus_content& c) {
  YAML::Emitter e;
  e << YAML::BeginMap << YAML::Key << "actors" << YAML::Value << YAML::BeginSeq;
  for (const auto& a : c.actors) {
    e << YAML::BeginMap;
    key_id(e, "id", a.id);
    key_text(e, "name", a.name);
    e << YAML::Key << "kind" << YAML::Value << std::string(name_of(a.kind));
    key_id(e, "state", a.state);
    key_id(e, "located_in", a.located_in);
    key_set(e, "roles", a.roles);
    if (!a.oversees.empty()) {
      e << YAML::Key << "oversees" << YAML::Value << YAML::BeginSeq;
      for (const auto& o : a.oversees) {
        e << YAML::BeginMap;
        key_id(e, "actor", o.actor);
        if (o.target_role)
          e << YAML::Key << "role" << YAML::Value << std::string(name_of(*o.target_role));
        key_text(e, "function", o.function);
        key_text(e, "source", o.source);
        e << YAML::EndMap;
      }
      e << YAML::EndSeq;
    }
    if (!a.refers_to.empty()) {
      e << YAML::Key << "refers_to" << YAML::Value << YAML::BeginSeq;
      for (const auto& r : a.refers_to) {
        e << YAML::BeginMap;
        key_id(e, "actor", r.actor);
        key_set(e, "stages", r.stages);
        key_text(e, "source", r.source);
        e << YAML::EndMap;
      }
      e << YAML::EndSeq;
    }
    key_set(e, "receives_complaints", a.receives_complaints);
    key_text(e, "source", a.source);
    key_text(e, "notes", a.notes);
    e << YAML::EndMap;
  }
  e << YAML::EndSeq << YAML::EndMap;
  return finish(e);
}

std::string ratifications_yaml(const corpus_content& c) {
  YAML::Emitter e;
  e << YAML::BeginMap << YAML::Key << "ratifications" << YAML::Value << YAML::BeginSeq;
  for (const auto& r : c.ratifications) {
    e << YAML::BeginMap;
    key_id(e, "state", r.state);
    key_id(e, "instrument", r.instrument);
    key_date(e, "signed", r.signed_on);
    key_date(e, "ratified", r.ratified_on);
    key_date(e, "denounced", r.denounced_on);
    key_list(e, "excludes", r.excludes);
    key_list(e, "limited_to", r.limited_to);
    key_text(e, "source", r.source);
    key_text(e, "notes", r.notes);
    e << YAML::EndMap;
  }
  e << YAML::EndSeq << YAML::EndMap;
  return finish(e);
}

std::string practice_yaml(const corpus_content& c) {
  YAML::Emitter e;
  e << YAML::BeginMap << YAML::Key << "practice" << YAML::Value << YAML::BeginSeq;
  for (const auto& r : c.practice) {
    e << YAML::BeginMap;
    key_id(e, "provision", r.provision);
    key_id(e, "actor", r.actor);
    e << YAML::Key << "period" << YAML::Value << r.period.str();
    e << YAML::Key << "rating" << YAML::Value << std::string(name_of(r.rating));
    key_text(e, "reported", r.reported);
    key_text(e, "source", r.provenance.source);
    key_text(e, "passage", r.provenance.passage);
    e << YAML::Key << "confidence" << YAML::Value << std::string(name_of(r.provenance.level));
    key_text(e, "notes", r.notes);
    e << YAML::EndMap;
  }
  e << YAML::EndSeq << YAML::EndMap;
  return finish(e);
}

std::string profiles_yaml(const corpus_content& c) {
  YAML::Emitter e;
  e << YAML::BeginMap << YAML::Key << "profiles" << YAML::Value << YAML::BeginSeq;
  for (const auto& p : c.profiles) {
    e << YAML::BeginMap;
    key_id(e, "id", p.id);
    key_text(e, "title", p.title);
    key_text(e, "description", p.description);
    key_text(e, "source", p.source);
    if (!p.accepts.empty()) {
      e << YAML::Key << "accepts" << YAML::Value << YAML::Flow << YAML::BeginSeq;
      for (auto k : p.accepts) e << std::string(name_of(k));
      e << YAML::EndSeq;
    }
    e << YAML::Key << "norms" << YAML::Value << YAML::BeginSeq;
    for (const auto& n : p.norms) {
      e << YAML::BeginMap;
      key_id(e, "topic", n.topic);
      e << YAML::Key << "stage" << YAML::Value << std::string(name_of(n.stage));
      e << YAML::Key << "bearer" << YAML::Value << std::string(name_of(n.bearer));
      e << YAML::Key << "min_strength" << YAML::Value << std::string(name_of(n.min_strength));
      key_text(e, "source", n.source);
      key_text(e, "note", n.note);
      e << YAML::EndMap;
    }
    e << YAML::EndSeq << YAML::EndMap;
  }
  e << YAML::EndSeq << YAML::EndMap;
  return finish(e);
}

std::filesystem::path sibling(const std::filesystem::path& p, const char* tag) {
  static std::atomic<unsigned> counter{0};
  const auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
  return p.parent_path() /
         ("." + p.filename().string() + "." + tag + "." + std::to_string(::getpid()) + "." +
          std::to_string(stamp) + "." + std::to_string(counter++));
}

}  // namespace

std::string to_yaml(const instrument& in) {
  YAML::Emitter e;
  e.SetIndent(2);
  e << YAML::BeginMap << YAML::Key << "instrument" << YAML::Value << YAML::BeginMap;
  key_id(e, "id", in.id);
  key_text(e, "title", in.title);
  key_text(e, "short_title", in.short_title);
  e << YAML::Key << "kind" << YAML::Value << std::string(name_of(in.kind));
  e << YAML::Key << "level" << YAML::Value << std::string(name_of(in.level));
  e << YAML::Key << "binding" << YAML::Value << (in.binding ? "true" : "false");
  key_list(e, "parties", in.parties, !in.annex_to.empty());
  key_id(e, "region", in.region);
  key_date(e, "adopted", in.adopted);
  key_date(e, "in_force", in.in_force);
  key_date(e, "expires", in.expires);
  key_id(e, "supersedes", in.supersedes);
  key_id(e, "annex_to", in.annex_to);
  if (!in.annex_to.empty()) {
    // An annex inherits what it does not say; saying all of it keeps the file self-standing.
    e << YAML::Key << "scope" << YAML::Value << YAML::BeginMap;
    key_list(e, "sectors", in.scope.sectors, true);
    key_list(e, "excluded_sectors", in.scope.excluded_sectors, true);
    e << YAML::Key << "workers" << YAML::Value << std::string(name_of(in.scope.workers));
    key_list(e, "territories", in.scope.territories, true);
    e << YAML::EndMap;
  } else {
    emit_scope(e, in.scope, scope{});
  }
  key_text(e, "source", in.source);
  e << YAML::Key << "text" << YAML::Value << std::string(name_of(in.text));
  key_text(e, "notes", in.notes);
  if (!in.lacks.empty()) {
    e << YAML::Key << "lacks" << YAML::Value << YAML::BeginSeq;
    for (const auto& l : in.lacks) {
      e << YAML::BeginMap;
      key_id(e, "topic", l.topic);
      if (!l.stages.empty()) key_set(e, "stages", l.stages);
      key_text(e, "source", l.provenance.source);
      key_text(e, "passage", l.provenance.passage);
      e << YAML::Key << "confidence" << YAML::Value << std::string(name_of(l.provenance.level));
      key_text(e, "notes", l.notes);
      e << YAML::EndMap;
    }
    e << YAML::EndSeq;
  }
  e << YAML::Key << "provisions" << YAML::Value;
  if (in.provisions.empty()) {
    e << YAML::Flow << YAML::BeginSeq << YAML::EndSeq;
  } else {
    e << YAML::BeginSeq;
    for (const auto& p : in.provisions) emit_provision(e, p, in.scope);
    e << YAML::EndSeq;
  }
  e << YAML::EndMap << YAML::EndMap;
  return finish(e);
}

void write_file_atomically(const std::filesystem::path& file, const std::string& text) {
  const auto tmp = sibling(file, "tmp");
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error("cannot write `" + tmp.string() + "`");
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.flush();
    if (!out) {
      std::error_code ec;
      std::filesystem::remove(tmp, ec);
      throw std::runtime_error("cannot write `" + tmp.string() + "`");
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, file, ec);
  if (ec) {
    std::filesystem::remove(tmp, ec);
    throw std::runtime_error("cannot put `" + file.string() + "` in place: " + ec.message());
  }
}

std::vector<source_file> to_sources(const corpus& c) {
  const auto& content = c.content();
  std::vector<source_file> out{{"topics.yaml", topics_yaml(content)},
                               {"actors.yaml", actors_yaml(content)},
                               {"ratifications.yaml", ratifications_yaml(content)},
                               {"profiles.yaml", profiles_yaml(content)}};
  if (!content.practice.empty()) out.push_back({"practice.yaml", practice_yaml(content)});
  for (const auto& in : content.instruments)
    out.push_back({"instruments/" + in.id + ".yaml", to_yaml(in)});
  return out;
}

namespace {

// Swaps two paths atomically where the system can (Linux renameat2 with RENAME_EXCHANGE), so
// that a process killed at any moment leaves either the old folder or the new one in place.
bool exchange(const std::filesystem::path& a, const std::filesystem::path& b) {
#if defined(__linux__) && defined(SYS_renameat2)
  return ::syscall(SYS_renameat2, AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(),
                   2 /* RENAME_EXCHANGE */) == 0;
#else
  (void)a;
  (void)b;
  return false;
#endif
}

}  // namespace

void save(const corpus& c, const std::filesystem::path& folder, bool overwrite) {
  namespace fs = std::filesystem;
  if (folder.empty() || folder.native().find('\0') != std::string::npos)
    throw std::invalid_argument("not a usable folder name: `" + folder.string() + "`");
  fs::path target = fs::absolute(folder).lexically_normal();
  if (target.filename().empty()) target = target.parent_path();  // "copy/" names the folder "copy"
  std::error_code ec;
  const bool exists = fs::exists(target, ec);
  if (exists && !overwrite)
    throw std::invalid_argument("`" + folder.string() + "` exists; pass overwrite to replace it");
  if (exists && !fs::is_directory(target, ec))
    throw std::invalid_argument("`" + folder.string() + "` exists and is not a folder");
  if (!target.parent_path().empty()) fs::create_directories(target.parent_path());

  const auto staging = sibling(target, "new");
  try {
    for (const auto& f : to_sources(c)) {
      const auto path = staging / f.name;
      fs::create_directories(path.parent_path());
      write_file_atomically(path, f.text);
    }
  } catch (...) {
    fs::remove_all(staging, ec);
    throw;
  }
  if (!exists) {
    fs::rename(staging, target);
    return;
  }
  if (exchange(staging, target)) {
    fs::remove_all(staging, ec);  // now holds the old folder
    return;
  }
  // Without an atomic exchange: move the old folder aside, then the new one in.
  const auto old = sibling(target, "old");
  fs::rename(target, old);
  fs::rename(staging, target, ec);
  if (ec) {
    fs::rename(old, target);
    fs::remove_all(staging);
    throw std::runtime_error("cannot put `" + folder.string() + "` in place: " + ec.message());
  }
  fs::remove_all(old, ec);
}

}  // namespace dutymap
