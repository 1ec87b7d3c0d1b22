// The YAML loader: reads corpus files, lays folders over each other (each later layer may add items
// and replace earlier ones) and hands the merged content to corpus::build for the cross-reference
// checks.

#include "corpus_file.hpp"
#include "source_files.hpp"

#include "yaml/yaml_reading.hpp"

#include <dutymap/builtin.hpp>
#include <dutymap/detail/nearest.hpp>
#include <dutymap/io/load.hpp>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

namespace dutymap {
namespace {

using namespace loading;
using yaml_reading::read_disk_file;
using yaml_reading::valid_utf8;

void apply_scope(scope& s, const scope& from, unsigned given) {
  if (!(given & g_sectors)) s.sectors = from.sectors;
  if (!(given & g_excluded)) s.excluded_sectors = from.excluded_sectors;
  if (!(given & g_territories)) s.territories = from.territories;
  if (!(given & g_workers)) s.workers = from.workers;
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
    for (std::size_t i = 0; i < content_.practice.size(); ++i)
      practice_[pkey(content_.practice[i])] = {i, {}, -1};
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
    for (std::size_t i = 0; i < f.practice.size(); ++i) {
      auto& r = f.practice[i];
      const std::string key = pkey(r);
      std::string name = "implementation record of `" + r.provision + "` by `" + r.actor +
                         "` for " + r.period.str();
      put(content_.practice, practice_, "practice", std::move(r), key, f.practice_meta[i],
          std::move(name));
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
  static std::string pkey(const implementation_record& r) {
    return r.provision + "/" + r.actor + "/" + r.period.str();
  }

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
      ratifications_, practice_;
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
