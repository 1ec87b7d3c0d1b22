#pragma once
/// The built-in corpus, compiled into the library.

#include <dutymap/corpus.hpp>
#include <dutymap/io/load.hpp>

#include <vector>

namespace dutymap {

/// The built-in corpus: parsed and validated on first use, then shared. Thread-safe.
const corpus& builtin();

/// The YAML files the built-in corpus was compiled from, as they are in `corpus/`.
const std::vector<source_file>& builtin_sources();

}  // namespace dutymap
