// The words of grading feedback.

#include "feedback.hpp"

#include <algorithm>

namespace dutymap::teaching {

std::string join(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (const auto& x : v) out += (out.empty() ? "" : sep) + x;
  return out;
}

std::string quoted(const std::string& text, std::size_t max) {
  std::string t = text;
  std::replace(t.begin(), t.end(), '\n', ' ');
  if (t.size() > max) {
    // Cut at a word boundary (which never splits a UTF-8 character).
    std::size_t cut = t.rfind(' ', max);
    if (cut == std::string::npos || cut < max / 2) {
      cut = max;
      while (cut > 0 && (static_cast<unsigned char>(t[cut]) & 0xC0) == 0x80) --cut;
    }
    t = t.substr(0, cut) + "...";
  }
  return "\"" + t + "\"";
}

std::string describe(const clause_coding& k) {
  return join(k.topics) + " (" + std::string(name_of(k.effect)) + "), " +
         std::string(name_of(k.modality)) + ", borne by " + set_names(k.bearers) + ", at " +
         set_names(k.stages);
}

std::string source_of(const corpus& c, const std::string& provision_id) {
  const provision* p = c.find_provision(provision_id);
  if (!p) return {};
  std::string out = p->citation();
  if (!p->provenance.source.empty())
    out += " (coded from " +
           std::string(p->provenance.from == coded_from::secondary ? "a secondary source: "
                       : p->provenance.from == coded_from::draft   ? "an unreviewed draft: "
                                                                   : "the text: ") +
           p->provenance.source + ")";
  return out;
}

const norm* find_norm(const profile& p, const std::string& topic, stage s) {
  for (const auto& n : p.norms)
    if (n.topic == topic && n.stage == s) return &n;
  return nullptr;
}

std::string norm_words(const std::string& topic, stage s, role bearer) {
  return "`" + topic + "` at " + std::string(name_of(s)) + ", owed by " +
         std::string(name_of(bearer));
}

std::string absence_words(const gap_row& row) {
  std::vector<std::string> unread, lacking, read;
  for (const auto& e : row.evidence) {
    if (e.kind == evidence_kind::not_read)
      unread.push_back(e.instrument + " (text: " + std::string(name_of(e.text)) + ")");
    else if (e.kind == evidence_kind::reported_lack)
      lacking.push_back(e.instrument + " lacks it according to " + e.citation);
    else if (e.kind == evidence_kind::read_in_full)
      read.push_back(e.instrument);
  }
  if (row.status == gap_status::unknown)
    return "Nothing read covers it, but " + join(unread, ", ") +
           (unread.size() == 1 ? " was" : " were") +
           " not read in full and no source reports it lacking: the absence is not verified, so "
           "the answer is `unknown`, not `gap`.";
  if (row.status == gap_status::gap) {
    std::string out = "The absence is verified: ";
    if (!lacking.empty()) out += join(lacking, "; ");
    if (!lacking.empty() && !read.empty()) out += "; ";
    if (!read.empty()) out += join(read, ", ") + " read in full";
    if (lacking.empty() && read.empty()) out += "no instrument of an accepted kind applies";
    return out + ", so the answer is `gap`.";
  }
  return {};
}

}  // namespace dutymap::teaching
