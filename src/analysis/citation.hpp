#pragma once
// A citation record for a provision, shared by the gap analysis and the comparisons.

#include <dutymap/corpus.hpp>
#include <dutymap/gaps.hpp>

#include <string>

namespace dutymap::detail {

// Binding, committed or guidance: what the provision's instrument is.
inline gap_status tier_of(const instrument& in) {
  if (in.kind == instrument_kind::recommendation || in.kind == instrument_kind::guidelines)
    return gap_status::guidance;
  return in.binding ? gap_status::binding : gap_status::committed;
}

inline cited_provision cite(const corpus& c, corpus::index pi, std::string note = {}) {
  const provision& p = c.provision_at(pi);
  cited_provision out;
  out.provision = p.id;
  out.instrument = p.instrument;
  out.citation = p.citation();
  out.summary = p.summary;
  out.strength = p.strength;
  out.confidence = p.provenance.level;
  out.coded_from = p.provenance.from;
  const auto& in = c.instruments()[c.instrument_of(pi)];
  out.tier = tier_of(in);
  out.text = in.text;
  out.note = std::move(note);
  return out;
}

}  // namespace dutymap::detail
