// The synthetic corpus: its options by size, the sizes of its parts, and the generator run part by
// part.

#include "generator.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace dutymap {

namespace synthetic_parts {

void generator::plan() {
  const std::size_t n = o_.instruments;
  if (n < 20)
    throw std::invalid_argument("synthetic corpus: `instruments` must be at least 20, got " +
                                std::to_string(n));
  if (o_.topics < 10 || o_.topics > 10000)
    throw std::invalid_argument("synthetic corpus: `topics` must be from 10 to 10000, got " +
                                std::to_string(o_.topics));
  if (o_.min_provisions < 1 || o_.min_provisions > o_.max_provisions || o_.max_provisions > 1000)
    throw std::invalid_argument(
        "synthetic corpus: needs 1 <= `min_provisions` <= `max_provisions` <= 1000, got " +
        std::to_string(o_.min_provisions) + " and " + std::to_string(o_.max_provisions));
  states_n_ = o_.states;
  if (states_n_ == 0) {
    // 100 states at M, 150 at L, 200 at XL, linear in between: enough pairs for the MOUs.
    if (n <= 1000)
      states_n_ = std::max<std::size_t>(4, n / 10);
    else if (n <= 10000)
      states_n_ = 100 + 50 * (n - 1000) / 9000;
    else if (n <= 50000)
      states_n_ = 150 + 50 * (n - 10000) / 40000;
    else
      states_n_ = std::min<std::size_t>(364, 200 + (n - 50000) / 1000);
  }
  if (states_n_ < 2 || states_n_ > 364)
    throw std::invalid_argument(
        "synthetic corpus: `states` must be from 2 to 364 (or 0 to scale with size), got " +
        std::to_string(states_n_));
  global_n_ = o_.global_instruments;
  if (global_n_ == 0)
    global_n_ = std::min<std::size_t>(std::min<std::size_t>(40, 20 + n / 2500),
                                      std::max<std::size_t>(2, n / 10));
  if (global_n_ > n / 4)
    throw std::invalid_argument(
        "synthetic corpus: `global_instruments` may be at most a quarter of `instruments` (" +
        std::to_string(n / 4) + "), got " + std::to_string(global_n_));
  regions_n_ = std::clamp<std::size_t>(states_n_ / 20, 1, 8);
  regional_n_ = std::min<std::size_t>(regions_n_ * 2, std::max<std::size_t>(1, n / 40));
  national_n_ = std::min<std::size_t>(states_n_ + states_n_ / 2, n / 8);
  // Bilateral instruments fill the rest: at least three fifths of the total.
  out_.instruments.reserve(n);
}

}  // namespace synthetic_parts

synthetic_options synthetic_options::of_size(std::string_view size) {
  synthetic_options o;
  if (size == "M")
    o.instruments = 1000;
  else if (size == "L")
    o.instruments = 10000;
  else if (size == "XL")
    o.instruments = 50000;
  else if (size == "S")
    throw std::invalid_argument(
        "size `S` is the built-in corpus (builtin()), which is not generated; synthetic sizes are "
        "M, L and XL");
  else
    throw std::invalid_argument("unknown synthetic corpus size `" + std::string(size) +
                                "`; valid sizes are M (1,000 instruments), L (10,000) and XL "
                                "(50,000)");
  return o;
}

corpus_content synthetic_content(const synthetic_options& options) {
  return synthetic_parts::generator(options).run();
}

corpus synthetic_corpus(const synthetic_options& options) {
  return corpus::build(synthetic_content(options));
}

}  // namespace dutymap
