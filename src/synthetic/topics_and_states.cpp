// The synthetic taxonomy (topic groups and their children, sectors) and the states.

#include "generator.hpp"

#include <algorithm>
#include <string>
#include <utility>

namespace dutymap::synthetic_parts {

void generator::make_topics() {
  for (const auto& s : sector_specs)
    out_.sectors.push_back({std::string(s.id), std::string(s.title), {}});
  stream r(o_.seed, part_topics);
  const std::size_t groups = std::clamp<std::size_t>(o_.topics / 10, 1, group_specs.size());
  std::vector<std::size_t> group_topic;
  for (std::size_t g = 0; g < groups; ++g) {
    // Spread over the whole cycle when fewer groups than the real taxonomy's are asked for.
    const auto& spec = group_specs[g * group_specs.size() / groups];
    group_topic.push_back(topics_.size());
    topics_.push_back({std::string(spec.id), spec.stages, spec.restrictable});
    out_.topics.push_back(
        {std::string(spec.id), std::string(spec.id), "synthetic topic group", spec.stages});
  }
  for (std::size_t k = 0; k < o_.topics - groups; ++k) {
    const std::size_t g = k % groups;
    const topic_info& parent = topics_[group_topic[g]];
    topic_info t{parent.id + ".t" + two_digits(k / groups + 1), parent.stages, parent.restrictable};
    // Some children matter at one stage of their group only.
    if (t.stages.size() > 1 && r.percent(30)) {
      t.stages = stage_set{any_stage(r, t.stages)};
    }
    for (stage s : t.stages.values())
      leaves_by_stage_[static_cast<int>(s)].push_back(topics_.size());
    leaves_.push_back(topics_.size());
    if (t.restrictable) restrictable_.push_back(topics_.size());
    out_.topics.push_back({t.id, t.id, "synthetic topic", t.stages});
    topics_.push_back(std::move(t));
  }
  groups_ = group_topic;
  if (restrictable_.empty()) restrictable_ = leaves_;
  // The topics most agreements speak to (fees, contracts, wages, rest days, ...): drawn once.
  std::vector<std::size_t> pool = leaves_;
  for (std::size_t k = 0; k < 40 && !pool.empty(); ++k) {
    const auto at = r.below(pool.size());
    common_.push_back(pool[at]);
    pool.erase(pool.begin() + at);
  }
}

std::size_t generator::agreement_topic(stream& r) {
  return r.percent(60) ? r.pick(common_) : r.pick(leaves_);
}

void generator::make_states() {
  stream r(o_.seed, part_states);
  for (std::size_t s = 0; s < states_n_; ++s) {
    state_info st;
    // QMA to QZZ are user-assigned ISO 3166 alpha-3 codes: no real state has one.
    st.id = std::string("Q") + static_cast<char>('M' + s / 26) + static_cast<char>('A' + s % 26);
    const auto w = r.below(100);
    st.way = w < 40 ? orientation::origin : w < 75 ? orientation::destination : orientation::both;
    if (s == 0) st.way = orientation::origin;  // at least one of each
    if (s == 1) st.way = orientation::destination;
    st.propensity = 10 + r.below(86);
    if (!r.percent(15)) st.region = static_cast<int>(s * regions_n_ / states_n_);
    if (st.sends()) origins_.push_back(s);
    if (st.receives()) destinations_.push_back(s);
    states_.push_back(std::move(st));
  }
}

}  // namespace dutymap::synthetic_parts
