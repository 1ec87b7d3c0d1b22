// Many gap questions at once, answered on a pool of threads.

#include <dutymap/gaps.hpp>

#include <algorithm>
#include <atomic>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace dutymap {

namespace {

// Calls `answer(i)` for each i < n on a pool of `threads` threads (0: one per hardware thread).
// Workers take the next i in order; after a failure they skip the later ones but finish the
// earlier ones, so the exception rethrown (the first in order) does not depend on timing.
template <class Answer>
void answer_all(std::size_t n, unsigned threads, const Answer& answer) {
  std::vector<std::exception_ptr> errors(n);
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, n));
  std::atomic<std::size_t> next{0}, first_failed{n};
  auto work = [&] {
    for (std::size_t i = next++; i < n; i = next++) {
      if (i > first_failed.load()) continue;
      try {
        answer(i);
      } catch (...) {
        errors[i] = std::current_exception();
        std::size_t seen = first_failed.load();
        while (i < seen && !first_failed.compare_exchange_weak(seen, i)) {
        }
      }
    }
  };
  if (threads <= 1) {
    work();
  } else {
    std::vector<std::jthread> pool;
    pool.reserve(threads - 1);
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
    work();
  }  // the pool joins here
  if (const auto f = first_failed.load(); f < n) std::rethrow_exception(errors[f]);
}

}  // namespace

std::vector<gap_report> gaps_many(const corpus& c,
                                  const std::vector<std::pair<corridor, std::string>>& questions,
                                  const gap_options& options, unsigned threads) {
  std::vector<gap_report> out(questions.size());
  answer_all(questions.size(), threads, [&](std::size_t i) {
    out[i] = gaps(c, questions[i].first, questions[i].second, options);
  });
  return out;
}

void gaps_many(const corpus& c, const std::vector<std::pair<corridor, std::string>>& questions,
               const std::function<void(std::size_t, gap_report&&)>& take,
               const gap_options& options, unsigned threads) {
  std::mutex one_at_a_time;
  answer_all(questions.size(), threads, [&](std::size_t i) {
    gap_report r = gaps(c, questions[i].first, questions[i].second, options);
    const std::lock_guard lock(one_at_a_time);
    take(i, std::move(r));
  });
}

}  // namespace dutymap
