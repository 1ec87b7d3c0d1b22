#pragma once
// The indexes of a checked corpus: provisions by stage, topic, role and designated actor, topic
// parents, revision chains, ratifications by state, and what a corridor's questions start from
// (instruments by party, protections by topic and stage).

#include "corpus_data.hpp"

namespace dutymap::corpus_parts {

// Builds every index of `d`, whose content has passed `check_content`.
void build_indexes(corpus::data& d);

// The ratification records of each state, in `d`'s own content, against the actors of its items
// (`d`'s own, or those it shares).
void index_ratifications(corpus::data& d);

}  // namespace dutymap::corpus_parts
