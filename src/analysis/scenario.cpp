// Scenarios: recorded changes, applied once, on first use. Ratifications and withdrawals alone
// give a corpus that shares the base's items and indexes; other changes rebuild from a copy.

#include <dutymap/scenario.hpp>

#include <algorithm>
#include <mutex>

namespace dutymap {

scenario::scenario(corpus base) : base_(std::move(base)) {}

scenario& scenario::ratify(std::string state, std::string instrument, date when) {
  ratification r;
  r.state = std::move(state);
  r.instrument = std::move(instrument);
  r.ratified_on = when;
  r.source = "scenario";
  ratified_.push_back(std::move(r));
  state_ = std::make_shared<materialised>();
  return *this;
}

scenario& scenario::withdraw(std::string state, std::string instrument) {
  withdrawn_.emplace_back(std::move(state), std::move(instrument));
  state_ = std::make_shared<materialised>();
  return *this;
}

scenario& scenario::put_instrument(instrument in) {
  for (auto& p : in.provisions) {
    if (p.instrument.empty()) p.instrument = in.id;
    if (p.id.empty()) p.id = in.id + ":" + (p.article.empty() ? "ch-" + p.chapter : p.article);
  }
  changes_.instruments.push_back(std::move(in));
  state_ = std::make_shared<materialised>();
  return *this;
}

scenario& scenario::remove_instrument(std::string id) {
  removed_instruments_.push_back(std::move(id));
  state_ = std::make_shared<materialised>();
  return *this;
}

scenario& scenario::put_actor(actor a) {
  changes_.actors.push_back(std::move(a));
  state_ = std::make_shared<materialised>();
  return *this;
}

scenario& scenario::as_of(date when) {
  as_of_ = when;
  return *this;
}

const corpus& scenario::result() const {
  auto state = state_;
  std::call_once(state->once, [&] {
    auto change_ratifications = [&](std::vector<ratification>& records) {
      for (const auto& w : withdrawn_)
        std::erase_if(records, [&](const ratification& r) {
          return r.state == w.first && r.instrument == w.second;
        });
      for (const auto& r : ratified_) {
        std::erase_if(records, [&](const ratification& x) {
          return x.state == r.state && x.instrument == r.instrument;
        });
        records.push_back(r);
      }
    };
    if (changes_.instruments.empty() && changes_.actors.empty() && removed_instruments_.empty()) {
      if (withdrawn_.empty() && ratified_.empty()) {
        state->result = std::make_unique<const corpus>(base_);
      } else {
        std::vector<ratification> records(base_.ratifications().begin(),
                                          base_.ratifications().end());
        change_ratifications(records);
        state->result =
            std::make_unique<const corpus>(base_.with_ratifications(std::move(records)));
      }
      return;
    }
    corpus_content c = base_.content();
    auto put = [](auto& items, const auto& item) {
      auto it =
          std::find_if(items.begin(), items.end(), [&](const auto& x) { return x.id == item.id; });
      if (it == items.end())
        items.push_back(item);
      else
        *it = item;
    };
    for (const auto& a : changes_.actors) put(c.actors, a);
    for (const auto& in : changes_.instruments) put(c.instruments, in);
    for (const auto& id : removed_instruments_) {
      std::erase_if(c.instruments,
                    [&](const instrument& in) { return in.id == id || in.annex_to == id; });
      std::erase_if(c.ratifications, [&](const ratification& r) { return r.instrument == id; });
      for (auto& in : c.instruments)
        if (in.supersedes == id) in.supersedes.clear();
    }
    change_ratifications(c.ratifications);
    state->result = std::make_unique<const corpus>(corpus::build(std::move(c)));
  });
  return *state->result;
}

corridor scenario::adjust(corridor where) const {
  if (as_of_) where.as_of = as_of_;
  return where;
}

gap_report scenario::gaps(const corridor& where, std::string_view profile,
                          const gap_options& o) const {
  return dutymap::gaps(result(), adjust(where), profile, o);
}

}  // namespace dutymap
