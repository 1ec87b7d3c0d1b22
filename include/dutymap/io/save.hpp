#pragma once
/// Saving a corpus back to YAML files, deterministically and without half-written files.

#include <dutymap/corpus.hpp>
#include <dutymap/io/load.hpp>

#include <filesystem>
#include <string>

namespace dutymap {

/// Writes a corpus as a folder: `topics.yaml`, `actors.yaml`, `ratifications.yaml`,
/// `profiles.yaml` and `instruments/<id>.yaml`. The output depends only on the corpus (items in
/// corpus order, keys in a fixed order), and loading it gives an equal corpus.
///
/// The folder is written beside the target and then swapped into its place, so a failure or a
/// kill part way leaves the existing folder as it was. An existing target is replaced only when
/// `overwrite`; otherwise, or for an unusable name, std::invalid_argument.
void save(const corpus& c, const std::filesystem::path& folder, bool overwrite = false);

/// The files `save` writes, as (relative path, text) in memory: load them with `load_sources`
/// to get an equal corpus (this is also how a corpus pickles).
std::vector<source_file> to_sources(const corpus& c);

/// The YAML text of one instrument file (for an instrument of `c`, or one built in code).
std::string to_yaml(const instrument& in);

/// Writes text to a file atomically: a temporary file beside it, then a rename.
void write_file_atomically(const std::filesystem::path& file, const std::string& text);

}  // namespace dutymap
