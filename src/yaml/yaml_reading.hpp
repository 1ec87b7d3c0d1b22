#pragma once
// Reading YAML files with every problem located: the helpers shared by the corpus loader and the
// exercise loader. Internal to the library. Knows YAML, dates and named enums, not the corpus.

#include <dutymap/date.hpp>
#include <dutymap/detail/names.hpp>
#include <dutymap/detail/nearest.hpp>
#include <dutymap/detail/source_map.hpp>
#include <dutymap/problem.hpp>

#include "yaml_tree.hpp"

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dutymap::yaml_reading {

using detail::source_location;
using detail::source_map;
using yaml_node = yaml_tree::node;

struct too_many_nodes {};
struct too_many_problems {};

// Per-file parsing context: where problems go and where locations are recorded.
struct context {
  std::string file;
  std::vector<problem>& problems;
  source_map& where;
  std::size_t max_nodes;
  std::size_t max_problems;
  std::size_t nodes = 0;
  // Whether to record where each item and field is (`record`). Only the messages about a corpus
  // that does not build need it, so a load first runs without, and again with it on failure:
  // the locations cost more memory than the corpus itself.
  bool locate = true;

  source_location loc(const yaml_node& n) const {
    const auto at = n.position();
    if (!at) return {file, 0, 0};
    return {file, at->first + 1, at->second + 1};
  }
  void error(const yaml_node& n, std::string message) {
    if (problems.size() >= max_problems) throw too_many_problems{};
    problems.push_back(detail::make_problem(loc(n), std::move(message)));
  }
  void record(std::string key, const yaml_node& n) {
    if (locate) where.set(std::move(key), loc(n));
  }
  // Runs `read`; if it reported a problem, later checks of `key` are skipped as follow-ons.
  template <class F>
  auto guarded(const std::string& key, F read) {
    const auto before = problems.size();
    auto value = read();
    if (problems.size() != before) where.mark_failed(key);
    return value;
  }
  void count(std::size_t k = 1) {
    nodes += k;
    if (nodes > max_nodes) throw too_many_nodes{};
  }
};

inline std::string kind_of(const yaml_node& n) {
  switch (n.type()) {
    case yaml_tree::node_type::map:
      return "a map";
    case yaml_tree::node_type::list:
      return "a list";
    case yaml_tree::node_type::scalar:
      return "`" + n.text() + "`";
    default:
      return "nothing";
  }
}

// The keys of a map node, checked against the allowed ones.
class fields {
 public:
  fields(context& cx, const yaml_node& node, std::string what,
         std::initializer_list<const char*> allowed)
      : cx_(cx), what_(std::move(what)) {
    if (!node.is_map()) {
      cx.error(node, "expected a map of keys for " + what_ + ", got " + kind_of(node));
      ok_ = false;
      return;
    }
    std::vector<std::string> names(allowed.begin(), allowed.end());
    for (const auto& [k, value] : node.entries()) {
      cx.count();
      if (!k.is_scalar()) {
        cx.error(k, "a key of " + what_ + " must be a plain name, got " + kind_of(k));
        continue;
      }
      const std::string key = k.text();
      if (std::find(names.begin(), names.end(), key) == names.end()) {
        cx.error(k, "unknown key `" + key + "` in " + what_ + detail::did_you_mean(key, names));
        continue;
      }
      if (!values_.emplace(key, value).second) {
        cx.error(k, "duplicate key `" + key + "` in " + what_);
        continue;
      }
    }
  }
  bool ok() const { return ok_; }
  // The value of a key, or an undefined node.
  yaml_node operator[](const std::string& key) const {
    auto it = values_.find(key);
    return it == values_.end() ? yaml_node() : it->second;
  }
  bool has(const std::string& key) const {
    auto it = values_.find(key);
    return it != values_.end() && !it->second.is_null();
  }
  void require(const yaml_node& node, std::initializer_list<const char*> keys) const {
    for (const char* k : keys)
      if (ok_ && !has(k))
        cx_.error(node, "missing required key `" + std::string(k) + "` in " + what_);
  }

 private:
  context& cx_;
  std::string what_;
  bool ok_ = true;
  std::map<std::string, yaml_node> values_;
};

inline bool present(const yaml_node& n) {
  return n.is_defined() && !n.is_null();
}

inline std::string text(context& cx, const yaml_node& n, const std::string& what) {
  if (!present(n)) return {};
  if (!n.is_scalar()) {
    cx.error(n, "expected text for `" + what + "`, got " + kind_of(n));
    return {};
  }
  // A folded or literal block ends in a line break that is layout, not content.
  std::string s = n.text();
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

inline std::string id_text(context& cx, const yaml_node& n, const std::string& what) {
  std::string s = text(cx, n, what);
  if (s.find_first_of(" \t\r\n") != std::string::npos) {
    cx.error(n, "`" + what + "` `" + s + "` contains white space; ids are written without spaces");
  }
  return s;
}

// A scalar or a list of scalars; a single value stands for a one-item list.
inline std::vector<yaml_node> items(context& cx, const yaml_node& n, const std::string& what) {
  std::vector<yaml_node> out;
  if (!present(n)) return out;
  if (n.is_scalar()) return {n};
  if (n.is_map()) {
    cx.error(n, "expected a list for `" + what + "`, got a map");
    return out;
  }
  for (const auto& x : n.items()) {
    cx.count();
    out.push_back(x);
  }
  return out;
}

inline std::vector<std::string> texts(context& cx, const yaml_node& n, const std::string& what,
                                      std::vector<yaml_node>* nodes = nullptr) {
  std::vector<std::string> out;
  for (const auto& x : items(cx, n, what)) {
    if (!x.is_scalar()) {
      cx.error(x, "expected a plain value in the list `" + what + "`, got " + kind_of(x));
      continue;
    }
    out.push_back(x.text());
    if (nodes) nodes->push_back(x);
  }
  return out;
}

template <class E>
std::optional<E> enum_value(context& cx, const yaml_node& n) {
  if (!present(n)) return std::nullopt;
  const std::string what(enum_names<E>::what);
  if (!n.is_scalar()) {
    cx.error(n, "expected a " + what + ", got " + kind_of(n));
    return std::nullopt;
  }
  if (auto v = parse<E>(n.text())) return v;
  cx.error(
      n, "unknown " + what + " `" + n.text() + "`" +
             detail::did_you_mean(n.text(), all_names<E>()) + " (allowed: " +
             [] {
               std::string s;
               for (auto x : enum_names<E>::values) s += (s.empty() ? "" : ", ") + std::string(x);
               return s;
             }() +
             ")");
  return std::nullopt;
}

template <class E>
flag_set<E> enum_set(context& cx, const yaml_node& n, const std::string& what) {
  flag_set<E> out;
  for (const auto& x : items(cx, n, what))
    if (auto v = enum_value<E>(cx, x)) {
      if (out.contains(*v))
        cx.error(x, "`" + std::string(name_of(*v)) + "` is listed twice in `" + what + "`");
      out.insert(*v);
    }
  return out;
}

inline std::optional<date> date_value(context& cx, const yaml_node& n, const std::string& what) {
  if (!present(n)) return std::nullopt;
  if (!n.is_scalar()) {
    cx.error(n, "expected a date for `" + what + "`, got " + kind_of(n));
    return std::nullopt;
  }
  if (auto d = date::parse(n.text())) return d;
  cx.error(n, "bad date `" + n.text() + "` for `" + what +
                  "`: write YYYY-MM-DD, YYYY-MM or YYYY, with a real month and day");
  return std::nullopt;
}

inline std::optional<bool> bool_value(context& cx, const yaml_node& n, const std::string& what) {
  if (!present(n)) return std::nullopt;
  if (n.is_scalar() && (n.text() == "true" || n.text() == "false")) return n.text() == "true";
  cx.error(n, "expected `true` or `false` for `" + what + "`, got " + kind_of(n));
  return std::nullopt;
}

template <class F>
void each_item(context& cx, const yaml_node& list, const std::string& what, F f) {
  if (!list.is_list()) {
    cx.error(list, "expected a list of " + what + ", got " + kind_of(list));
    return;
  }
  for (const auto& n : list.items()) {
    cx.count();
    f(n);
  }
}

// Position (1-based line and column) of the first byte that is not valid UTF-8, if any.
inline std::optional<std::pair<int, int>> invalid_utf8(std::string_view s) {
  int line = 1, column = 1;
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80           ? 1
                    : (c >> 5) == 0x6  ? 2
                    : (c >> 4) == 0xE  ? 3
                    : (c >> 3) == 0x1E ? 4
                                       : 0;
    if (n == 0 || i + n > s.size()) return std::make_pair(line, column);
    std::uint32_t cp = n == 1 ? c : c & (0xFF >> (n + 1));
    for (std::size_t k = 1; k < n; ++k) {
      const unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc >> 6) != 0x2) return std::make_pair(line, column);
      cp = (cp << 6) | (cc & 0x3F);
    }
    // Overlong forms, surrogates and code points past U+10FFFF are not UTF-8.
    if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
        (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
      return std::make_pair(line, column);
    if (c == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
    i += n;
  }
  return std::nullopt;
}

// Position of the first bracket that nests flow lists and maps deeper than `limit` (outside
// quotes and comments), or of a block line indented past that many levels; the parser recurses
// per level, so this is checked before parsing.
inline std::optional<std::pair<int, int>> too_deep(std::string_view s, std::size_t limit) {
  std::size_t depth = 0, indent = 0;
  int line = 1, column = 0;
  char quote = 0, prev = ' ';
  bool comment = false, line_start = true;
  for (char ch : s) {
    ++column;
    if (ch == '\n') {
      ++line;
      column = 0;
      comment = false;
      line_start = true;
      indent = 0;
      prev = ' ';
      continue;
    }
    if (line_start) {
      if (ch == ' ' || ch == '-') {
        // Block nesting: two columns of indentation (or a list dash) per level at the least.
        if (++indent > 2 * limit) return std::make_pair(line, column);
        prev = ch;
        continue;
      }
      line_start = false;
      // A key at the left margin ends any flow collection: no bracket can stay open across it.
      if (indent == 0 && !quote && ch != '#' && ch != ']' && ch != '}') depth = 0;
    }
    if (comment) continue;
    if (quote) {
      if (ch == quote) quote = 0;
      prev = ch;
      continue;
    }
    switch (ch) {
      case '#':
        if (prev == ' ' || prev == '\t') comment = true;
        break;
      case '"':
      case '\'':
        // Quotes open a scalar only at the start of a token ("worker's" is plain text).
        if (prev == ' ' || prev == '[' || prev == '{' || prev == ',' || prev == ':') quote = ch;
        break;
      case '[':
      case '{':
        if (++depth > limit) return std::make_pair(line, column);
        break;
      case ']':
      case '}':
        if (depth) --depth;
        break;
      default:
        break;
    }
    prev = ch;
  }
  return std::nullopt;
}

// Messages quote the files, and a parser message may quote part of a character: make them valid
// UTF-8 (invalid bytes become U+FFFD) so that every front end can show them.
inline std::string valid_utf8(const std::string& s) {
  std::string out;
  std::string_view rest = s;
  while (!rest.empty()) {
    const auto bad = invalid_utf8(rest);
    if (!bad) {
      out += rest;
      break;
    }
    // invalid_utf8 reports line and column; find the byte offset again from them.
    std::size_t offset = 0;
    for (int line = 1; line < bad->first; ++line) offset = rest.find('\n', offset) + 1;
    std::size_t col = 1;
    while (col < static_cast<std::size_t>(bad->second)) {
      const unsigned char c = static_cast<unsigned char>(rest[offset]);
      offset += c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : 4;
      ++col;
    }
    out += rest.substr(0, offset);
    out += "\xEF\xBF\xBD";
    rest.remove_prefix(offset + 1);
  }
  return out;
}

}  // namespace dutymap::yaml_reading
