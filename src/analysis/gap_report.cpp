// Reading a gap report: counts and coverage by stage and bearer, the evidence index, a row by topic
// and stage, a row's evidence, and the changes between two reports.

#include <dutymap/gaps.hpp>

#include <algorithm>
#include <iterator>
#include <limits>
#include <map>
#include <string>
#include <tuple>
#include <vector>

namespace dutymap {

double coverage_weights::of(gap_status s) const {
  switch (s) {
    case gap_status::conflict:
      return conflict;
    case gap_status::binding:
      return binding;
    case gap_status::committed:
      return committed;
    case gap_status::guidance:
      return guidance;
    case gap_status::weak:
      return weak;
    case gap_status::unassigned:
      return unassigned;
    case gap_status::unknown:
      return std::numeric_limits<double>::quiet_NaN();
    case gap_status::gap:
      return gap;
  }
  return 0;
}

std::vector<const gap_row*> gap_report::profile_rows() const {
  std::vector<const gap_row*> out;
  for (const auto& r : rows)
    if (r.in_profile) out.push_back(&r);
  return out;
}

std::array<std::array<std::size_t, gap_status_count>, 4> gap_report::counts_by_stage() const {
  std::array<std::array<std::size_t, gap_status_count>, 4> out{};
  for (const auto* r : profile_rows())
    ++out[static_cast<int>(r->stage)][static_cast<int>(r->status)];
  return out;
}

std::array<std::array<std::size_t, gap_status_count>, 12> gap_report::counts_by_bearer() const {
  std::array<std::array<std::size_t, gap_status_count>, 12> out{};
  for (const auto* r : profile_rows())
    ++out[static_cast<int>(r->bearer)][static_cast<int>(r->status)];
  return out;
}

std::array<double, 4> gap_report::coverage_index(const coverage_weights& w) const {
  std::array<double, 4> sum{}, n{};
  for (const auto* r : profile_rows()) {
    if (r->status == gap_status::unknown) continue;  // not known: neither covered nor a gap
    sum[static_cast<int>(r->stage)] += w.of(r->status);
    n[static_cast<int>(r->stage)] += 1;
  }
  std::array<double, 4> out{};
  for (int s = 0; s < 4; ++s)
    out[s] = n[s] ? sum[s] / n[s] : std::numeric_limits<double>::quiet_NaN();
  return out;
}

std::vector<evidence> gap_row::all_evidence() const {
  std::vector<dutymap::evidence> out;
  out.reserve(decided_by.size() + evidence.size());
  for (const auto& d : decided_by)
    out.push_back({evidence_kind::provision,
                   d.instrument,
                   d.provision,
                   d.citation,
                   d.text,
                   {},
                   d.confidence});
  out.insert(out.end(), evidence.begin(), evidence.end());
  return out;
}

double gap_report::evidence_index() const {
  std::size_t norms = 0, known = 0;
  for (const auto& r : rows)
    if (r.in_profile) {
      ++norms;
      known += r.status != gap_status::unknown;
    }
  return norms ? static_cast<double>(known) / static_cast<double>(norms)
               : std::numeric_limits<double>::quiet_NaN();
}

const gap_row* gap_report::find(std::string_view topic, stage s) const {
  for (const auto& r : rows)
    if (r.topic == topic && r.stage == s) return &r;
  return nullptr;
}

std::vector<status_change> changes(const gap_report& before, const gap_report& after) {
  auto key = [](const gap_row& r) {
    return std::make_tuple(r.topic, static_cast<int>(r.stage), static_cast<int>(r.bearer),
                           r.in_profile);
  };
  auto ids = [](const gap_row& r) {
    std::vector<std::string> out;
    for (const auto& d : r.decided_by) out.push_back(d.provision);
    return out;
  };
  std::map<decltype(key(before.rows[0])), const gap_row*> old;
  for (const auto& r : before.rows) old.emplace(key(r), &r);
  std::vector<status_change> out;
  auto diff = [](const std::vector<std::string>& a, const std::vector<std::string>& b) {
    std::vector<std::string> sa(a), sb(b), o;
    std::sort(sa.begin(), sa.end());
    std::sort(sb.begin(), sb.end());
    std::set_symmetric_difference(sa.begin(), sa.end(), sb.begin(), sb.end(),
                                  std::back_inserter(o));
    return o;
  };
  for (const auto& r : after.rows) {
    auto it = old.find(key(r));
    const gap_row* b = it == old.end() ? nullptr : it->second;
    if (b && b->status == r.status) {
      old.erase(it);
      continue;
    }
    status_change ch{r.topic, r.stage, r.bearer, r.in_profile, {}, r.status, {}, ids(r), {}};
    if (b) {
      ch.before = b->status;
      ch.provisions_before = ids(*b);
      old.erase(it);
    }
    ch.changed_by = diff(ch.provisions_before, ch.provisions_after);
    out.push_back(std::move(ch));
  }
  for (const auto& r : before.rows) {
    auto it = old.find(key(r));
    if (it == old.end()) continue;
    status_change ch{r.topic, r.stage, r.bearer, r.in_profile, r.status, {}, ids(r), {}, {}};
    ch.changed_by = ch.provisions_before;
    out.push_back(std::move(ch));
  }
  return out;
}

}  // namespace dutymap
