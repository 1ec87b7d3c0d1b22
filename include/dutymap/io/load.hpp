#pragma once
/// Loading and checking corpus files. The YAML parser stays out of users' includes.

#include <dutymap/corpus.hpp>
#include <dutymap/problem.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace dutymap {

/// A corpus file held in memory: its name (used in messages) and its bytes.
struct source_file {
  std::string name;
  std::string text;
};

/// Limits that keep hostile files from exhausting the machine.
struct load_limits {
  std::size_t max_file_bytes = 16u << 20;  ///< larger files are rejected
  std::size_t max_nodes = 2'000'000;       ///< YAML nodes read from one file, aliases expanded
  std::size_t max_depth = 64;              ///< nesting of lists and maps in one file
  std::size_t max_problems = 200;          ///< per file; reading stops after that many
};

/// Loads folders or files as layers over `base`, in order: each later layer may add items and
/// replace earlier ones that it marks `replaces: true`. A folder contributes every `*.yaml` and
/// `*.yml` file below it, in sorted path order.
///
/// Either returns the complete corpus or throws `corpus_error` listing every problem found, each
/// with file, line and column; `base` is never changed. Cost: linear in the size of the files.
corpus load(const std::vector<std::filesystem::path>& layers, const corpus& base,
            const load_limits& limits = {});

/// As `load`, over the built-in corpus.
corpus load(const std::vector<std::filesystem::path>& layers);

/// As `load`, with files already in memory (one vector of files per layer).
corpus load_sources(const std::vector<std::vector<source_file>>& layers, const corpus& base,
                    const load_limits& limits = {});

/// Every problem in files or folders laid over `base` (for an analyst drafting an MOU: the file
/// may refer to the topics, actors and instruments of `base`). Empty when they load cleanly.
std::vector<problem> check(const std::vector<std::filesystem::path>& paths, const corpus& base,
                           const load_limits& limits = {});

/// As `check`, for files in memory.
std::vector<problem> check_sources(const std::vector<std::vector<source_file>>& layers,
                                   const corpus& base, const load_limits& limits = {});

/// The corpus files of a folder (every *.yaml and *.yml below it, sorted), or the file itself.
std::vector<std::filesystem::path> corpus_files(const std::filesystem::path& path);

}  // namespace dutymap
