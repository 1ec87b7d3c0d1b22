#pragma once
// The instruments a comparison names: found by id (or an error naming the nearest ids), and their
// provisions with those of their annexes. Shared by the coverage matrices and the differences.

#include <dutymap/corpus.hpp>
#include <dutymap/detail/nearest.hpp>

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace dutymap::comparing {

[[noreturn]] inline void unknown_instrument(const corpus& c, std::string_view id) {
  std::vector<std::string> ids;
  for (const auto& in : c.instruments()) ids.push_back(in.id);
  throw std::invalid_argument("unknown instrument `" + std::string(id) + "`" +
                              detail::did_you_mean(id, ids));
}

inline corpus::index require(const corpus& c, std::string_view id) {
  if (auto i = c.instrument_index(id)) return *i;
  unknown_instrument(c, id);
}

// The provisions of an instrument, with those of its annexes when asked.
inline std::vector<corpus::index> provisions_with_annexes(const corpus& c, corpus::index i,
                                                          bool with_annexes) {
  std::vector<corpus::index> out;
  auto add = [&](corpus::index ii) {
    const auto [first, last] = c.provisions_of(ii);
    for (corpus::index p = first; p < last; ++p) out.push_back(p);
  };
  add(i);
  if (with_annexes)
    for (corpus::index a : c.annexes_of(i)) add(a);
  return out;
}

}  // namespace dutymap::comparing
