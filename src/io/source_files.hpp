#pragma once
// Reading a corpus or exercise file within the load limits: from disk, through the checks that
// keep hostile input away from the YAML parser, and with the readers' limits turned into
// problems. Shared by the corpus loader and the exercise loader.

#include <dutymap/io/load.hpp>

#include "yaml/yaml_reading.hpp"

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace dutymap::yaml_reading {

inline source_file read_disk_file(const std::filesystem::path& p, std::vector<problem>& problems,
                                  const load_limits& limits) {
  source_file f{p.generic_string(), {}};
  std::error_code ec;
  const auto size = std::filesystem::file_size(p, ec);
  if (ec) {
    problems.push_back(problem{f.name, 0, 0, "cannot read file: " + ec.message()});
    return f;
  }
  if (size > limits.max_file_bytes) {
    problems.push_back(problem{
        f.name, 0, 0,
        "file is larger than the limit of " + std::to_string(limits.max_file_bytes) + " bytes"});
    return f;
  }
  std::ifstream in(p, std::ios::binary);
  if (!in) {
    problems.push_back(problem{f.name, 0, 0, "cannot open file"});
    return f;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  f.text = ss.str();
  return f;
}

// Parses one file after the checks that keep hostile input away from the parser (size, UTF-8,
// nesting depth). Returns nothing, with the problems recorded, when the file cannot be read.
inline std::optional<yaml_tree::document> parse_document(const source_file& file,
                                                         const load_limits& limits,
                                                         std::vector<problem>& problems) {
  auto fail = [&](int line, int column, std::string message) {
    problems.push_back(problem{file.name, line, column, std::move(message)});
  };
  if (file.text.size() > limits.max_file_bytes) {
    fail(0, 0,
         "file is larger than the limit of " + std::to_string(limits.max_file_bytes) + " bytes");
    return std::nullopt;
  }
  std::string_view body = file.text;
  if (body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);
  if (auto bad = invalid_utf8(body)) {
    fail(bad->first, bad->second,
         "file is not valid UTF-8 (first bad byte here); save it as UTF-8");
    return std::nullopt;
  }
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    fail(0, 0, "file is empty");
    return std::nullopt;
  }
  if (auto deep = too_deep(body, limits.max_depth)) {
    fail(deep->first, deep->second,
         "lists and maps nested more than " + std::to_string(limits.max_depth) +
             " levels deep; dutymap files need far fewer");
    return std::nullopt;
  }
  yaml_tree::syntax_error error;
  auto doc = yaml_tree::document::parse(body, error);
  if (!doc) fail(error.line, error.column, "YAML syntax error: " + error.message);
  return doc;
}

// Runs `read` over a parsed file, turning the readers' limits into problems. Returns false when
// the file is refused whole (too many nodes): its items are dropped.
template <class F>
bool read_within_limits(const source_file& file, const load_limits& limits,
                        std::vector<problem>& problems, F read) {
  try {
    read();
  } catch (const too_many_problems&) {
    problems.push_back(problem{file.name, 0, 0,
                               "more than " + std::to_string(limits.max_problems) +
                                   " problems in this file; stopped reading it"});
  } catch (const too_many_nodes&) {
    problems.push_back(problem{file.name, 0, 0,
                               "file has more than " + std::to_string(limits.max_nodes) +
                                   " YAML nodes once aliases are expanded; refusing to read it"});
    return false;
  }
  return true;
}

}  // namespace dutymap::yaml_reading
