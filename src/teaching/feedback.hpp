#pragma once
// The words of grading feedback, shared by the answer sheets, the key and the grades: lists and
// sets named, clauses quoted, codings, norms and sources described, and what an absence rests on.

#include <dutymap/corpus.hpp>
#include <dutymap/exercise.hpp>
#include <dutymap/gaps.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace dutymap::teaching {

std::string join(const std::vector<std::string>& v, const char* sep = ", ");

template <class E>
std::string set_names(flag_set<E> s) {
  return s.empty() ? std::string("none") : join(s.names());
}

// The text in double quotes, on one line, cut at a word boundary past `max` bytes.
std::string quoted(const std::string& text, std::size_t max = 140);

// A clause's coding in words: topics (effect), modality, bearers, stages.
std::string describe(const clause_coding& k);

// A provision's citation and what it was coded from; empty for an unknown id.
std::string source_of(const corpus& c, const std::string& provision_id);

// The profile's norm on a topic at a stage, or nullptr.
const norm* find_norm(const profile& p, const std::string& topic, stage s);

std::string norm_words(const std::string& topic, stage s, role bearer);

// What a row's absence rests on, for a trainee who took `unknown` for `gap` or the reverse.
std::string absence_words(const gap_row& row);

}  // namespace dutymap::teaching
