#pragma once
// Where each item and field of a corpus was read from, so that problems found after parsing
// (dangling references, loops) can still name file, line and column.

#include <dutymap/problem.hpp>

#include <initializer_list>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace dutymap::detail {

struct source_location {
  std::string file;
  int line = 0;    // 1-based
  int column = 0;  // 1-based
};

// Keys are paths such as "instrument/ilo-c97/supersedes" or "provision/ilo-c97/3/topics/1".
class source_map {
 public:
  void set(std::string key, source_location where) { map_[std::move(key)] = std::move(where); }

  // The first key found, most specific first; an empty "<memory>" location when none is.
  source_location find(std::initializer_list<std::string> keys) const {
    for (const auto& k : keys) {
      auto it = map_.find(k);
      if (it != map_.end()) return it->second;
    }
    return {"<memory>", 0, 0};
  }

  // A field (or a whole item) that could not be read: checks of it would only repeat the problem.
  void mark_failed(std::string key) { failed_.insert(std::move(key)); }
  bool failed(std::string_view key) const {
    while (!key.empty()) {
      if (failed_.count(std::string(key))) return true;
      const auto slash = key.rfind('/');
      if (slash == std::string_view::npos) break;
      key = key.substr(0, slash);
    }
    return false;
  }

  void merge(const source_map& other) {
    for (const auto& [k, v] : other.map_) map_[k] = v;
    failed_.insert(other.failed_.begin(), other.failed_.end());
  }
  // Drops every key under a prefix (an item replaced by a later layer).
  void erase_prefix(std::string_view prefix) {
    for (auto it = map_.begin(); it != map_.end();) {
      if (std::string_view(it->first).substr(0, prefix.size()) == prefix &&
          (it->first.size() == prefix.size() || it->first[prefix.size()] == '/'))
        it = map_.erase(it);
      else
        ++it;
    }
    for (auto it = failed_.begin(); it != failed_.end();) {
      if (std::string_view(*it).substr(0, prefix.size()) == prefix &&
          (it->size() == prefix.size() || (*it)[prefix.size()] == '/'))
        it = failed_.erase(it);
      else
        ++it;
    }
  }

 private:
  std::unordered_map<std::string, source_location> map_;
  std::unordered_set<std::string> failed_;
};

inline problem make_problem(const source_location& where, std::string message) {
  return problem{where.file, where.line, where.column, std::move(message)};
}

}  // namespace dutymap::detail
