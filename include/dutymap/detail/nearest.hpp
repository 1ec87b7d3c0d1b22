#pragma once
// Suggestions for misspelt ids and keys: the nearest valid one by edit distance.

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace dutymap::detail {

// Optimal string alignment distance (Levenshtein with adjacent transpositions).
inline std::size_t edit_distance(std::string_view a, std::string_view b) {
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::size_t> prev2(m + 1), prev(m + 1), cur(m + 1);
  for (std::size_t j = 0; j <= m; ++j) prev[j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        cur[j] = std::min(cur[j], prev2[j - 2] + 1);
    }
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return prev[m];
}

// The candidate nearest to `wrong`, or "" when none is close enough to be a likely misspelling.
template <class Range>
std::string nearest(std::string_view wrong, const Range& candidates) {
  std::string best;
  std::size_t best_distance = std::max<std::size_t>(2, wrong.size() / 3) + 1;
  bool best_is_anagram = false;
  std::string sorted_wrong(wrong);
  std::sort(sorted_wrong.begin(), sorted_wrong.end());
  // Among equally near candidates, one with the same letters (a transposition) is the likelier
  // typo.
  auto anagram = [&](std::string_view cv) {
    std::string s(cv);
    std::sort(s.begin(), s.end());
    return s == sorted_wrong;
  };
  for (const auto& c : candidates) {
    const std::string_view cv(c);
    std::size_t d = edit_distance(wrong, cv);
    if (d == best_distance && !best_is_anagram && anagram(cv)) {
      best = std::string(cv);
      best_is_anagram = true;
      continue;
    }
    // A candidate that differs only in case, or contains the wrong text whole, is a strong hint.
    if (d >= best_distance && cv.size() > wrong.size() && wrong.size() >= 4 &&
        cv.find(wrong) != std::string_view::npos)
      d = best_distance - 1;
    if (d < best_distance) {
      best_distance = d;
      best = std::string(cv);
      best_is_anagram = anagram(cv);
    }
  }
  return best;
}

// "; did you mean `x`?" or "" when there is no close candidate.
template <class Range>
std::string did_you_mean(std::string_view wrong, const Range& candidates) {
  const std::string n = nearest(wrong, candidates);
  return n.empty() ? std::string{} : "; did you mean `" + n + "`?";
}

}  // namespace dutymap::detail
