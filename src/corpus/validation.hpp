#pragma once
// The checks a corpus's content must pass before it is indexed: ids, references between items,
// supersedes chains, ratification records, profiles. Every problem is reported, each at the place
// the source map knows for it.

#include "corpus_data.hpp"

#include <dutymap/detail/source_map.hpp>

#include <string>
#include <unordered_map>
#include <vector>

namespace dutymap::corpus_parts {

// Checks the content of `d`, filling its id tables and its list of provisions. Throws
// `corpus_error` with every problem found (also when a check was skipped because reading had
// already reported it).
void check_content(corpus::data& d, const detail::source_map* where);

// Checks ratification records against the actors and instruments of `items` (a corpus's own
// data), filling `ids` (state and instrument to record). Throws `corpus_error` for an invalid
// record.
void check_records(const corpus::data& items, const std::vector<ratification>& records,
                   std::unordered_map<std::string, corpus::index>& ids);

}  // namespace dutymap::corpus_parts
