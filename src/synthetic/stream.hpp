#pragma once
// Random streams of the synthetic corpus generator: splitmix64 with explicit integer maths (no
// <random> distributions, whose output differs between standard libraries), one stream for each
// item of each part, so that equal options give equal content everywhere.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace dutymap::synthetic_parts {

// splitmix64's output function (Steele, Lea and Flood, 2014).
constexpr std::uint64_t mix(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// The parts of the corpus, each with its own stream: changing how one part is drawn leaves the
// others as they were.
enum part : std::uint64_t {
  part_topics = 1,
  part_states,
  part_global,
  part_ratifications,
  part_regional,
  part_national,
  part_bilateral,
  part_actors,
  part_profiles,
  part_text,  // how much of each instrument's text was read, and what it is reported to lack
};

// A splitmix64 stream for one item of one part.
class stream {
 public:
  stream(std::uint64_t seed, part p, std::uint64_t item = 0)
      : state_(mix(mix(seed ^ mix(0x9e3779b97f4a7c15ULL * p)) + item)) {}

  std::uint64_t next() {
    state_ += 0x9e3779b97f4a7c15ULL;
    return mix(state_);
  }
  // Uniform in [0, n) for n >= 1, by multiply and shift (Lemire); the bias, below 2^-32, does not
  // matter here and the result is the same on every platform.
  std::uint32_t below(std::size_t n) {
    return static_cast<std::uint32_t>(((next() >> 32) * static_cast<std::uint64_t>(n)) >> 32);
  }
  int between(int lo, int hi) {
    return lo + static_cast<int>(below(static_cast<std::size_t>(hi - lo + 1)));
  }
  bool percent(unsigned p) { return below(100) < p; }
  // Skewed towards the start of [0, n): the first items (popular destinations) come up more.
  std::uint32_t skewed(std::size_t n) { return std::min(below(n), below(n)); }
  template <class T>
  const T& pick(const std::vector<T>& v) {
    return v[below(v.size())];
  }

 private:
  std::uint64_t state_;
};

}  // namespace dutymap::synthetic_parts
