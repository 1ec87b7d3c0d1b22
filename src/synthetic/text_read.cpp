// How much of each synthetic instrument's text was read, and the topics a review reports it lacks.

#include "generator.hpp"

#include <algorithm>
#include <string>

namespace dutymap::synthetic_parts {

generator::text_shares generator::shares_of(instrument_kind k) {
  switch (k) {
    case instrument_kind::convention:
    case instrument_kind::protocol:
      return {60, 35, 5};
    case instrument_kind::recommendation:
      return {55, 40, 5};
    case instrument_kind::declaration:
    case instrument_kind::consensus:
    case instrument_kind::guidelines:
      return {35, 40, 25};
    case instrument_kind::national_law:
      return {15, 45, 40};
    case instrument_kind::policy:
      return {20, 35, 45};
    case instrument_kind::bilateral_agreement:
      return {40, 25, 32};
    case instrument_kind::mou:
      return {30, 22, 43};
    case instrument_kind::standard_contract:
      return {35, 16, 45};
  }
  return {100, 0, 0};
}

bool generator::within(std::string_view topic, std::string_view ancestor) {
  return topic.size() >= ancestor.size() && topic.substr(0, ancestor.size()) == ancestor &&
         (topic.size() == ancestor.size() || topic[ancestor.size()] == '.');
}

bool generator::contradicts(const instrument& in, const reported_lack& l) {
  for (const auto& p : in.provisions)
    for (const auto& te : p.topics) {
      if (te.effect != effect::protects) continue;
      for (std::size_t s = 0; s < enum_names<stage>::values.size(); ++s)
        if (p.stages.contains(static_cast<stage>(s)) && l.covers(te.topic, static_cast<stage>(s)))
          return true;
    }
  return false;
}

void generator::make_text() {
  const std::string lack_source = "synthetic review s" + std::to_string(o_.seed);
  std::vector<const norm*> expected;  // what the profiles expect
  for (const auto& p : out_.profiles)
    for (const auto& n : p.norms) expected.push_back(&n);
  for (std::size_t i = 0; i < out_.instruments.size(); ++i) {
    instrument& in = out_.instruments[i];
    stream r(o_.seed, part_text, i);
    const text_shares sh = shares_of(in.kind);
    const auto x = r.below(100);
    in.text = x < sh.full                               ? text_coverage::full
              : x < sh.full + sh.partial                ? text_coverage::partial
              : x < sh.full + sh.partial + sh.described ? text_coverage::described
                                                        : text_coverage::none;
    if (in.text == text_coverage::none) {
      std::vector<provision>().swap(in.provisions);  // frees them
    } else if (in.text == text_coverage::described) {
      for (auto& p : in.provisions) {
        if (p.provenance.from == coded_from::secondary) continue;
        p.provenance.from = coded_from::secondary;
        p.provenance.passage = "synthetic";
        p.provenance.level = r.percent(60) ? confidence::medium : confidence::low;
      }
    }
    if (in.level == level::bilateral && in.text != text_coverage::full && r.percent(33))
      add_lacks(r, in, expected, lack_source);
  }
}

void generator::add_lacks(stream& r, instrument& in, const std::vector<const norm*>& expected,
                          const std::string& source) {
  const auto w = r.below(10);
  const std::size_t want = w < 4 ? 1 : w < 7 ? 2 : w < 9 ? 3 : 4;
  // A few more draws than lacks wanted: a drawn topic may be covered already.
  for (std::size_t tries = 0; tries < 3 * want + 6 && in.lacks.size() < want; ++tries) {
    // Half on what a profile expects (reviews measure agreements against the standards), the
    // rest on common topics, other topics and whole groups.
    const auto y = r.below(100);
    const norm* n = y < 50 && !expected.empty() ? expected[r.below(expected.size())] : nullptr;
    const topic_info* t = n        ? nullptr
                          : y < 80 ? &topics_[r.pick(common_)]
                          : y < 92 ? &topics_[r.pick(leaves_)]
                                   : &topics_[r.pick(groups_)];
    reported_lack l;
    l.topic = n ? n->topic : t->id;
    if (r.percent(30)) l.stages = n ? stage_set{n->stage} : stage_set{any_stage(r, t->stages)};
    l.provenance.from = coded_from::secondary;
    l.provenance.source = source;
    l.provenance.passage = "synthetic: not addressed";
    const auto c = r.below(100);
    l.provenance.level = c < 20 ? confidence::high : c < 70 ? confidence::medium : confidence::low;
    const bool overlaps = std::any_of(in.lacks.begin(), in.lacks.end(), [&](const auto& o) {
      return within(l.topic, o.topic) || within(o.topic, l.topic);
    });
    if (overlaps || contradicts(in, l)) continue;
    in.lacks.push_back(std::move(l));
  }
}

}  // namespace dutymap::synthetic_parts
