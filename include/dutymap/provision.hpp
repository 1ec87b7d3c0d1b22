#pragma once
/// Provisions: what an instrument says, one article or clause at a time.

#include <dutymap/modality.hpp>
#include <dutymap/provenance.hpp>
#include <dutymap/qualifier.hpp>
#include <dutymap/role.hpp>
#include <dutymap/scope.hpp>
#include <dutymap/stage.hpp>

#include <string>
#include <vector>

namespace dutymap {

/// A topic a provision concerns, and whether it protects or restricts the worker on it.
struct topic_effect {
  std::string topic;
  dutymap::effect effect = effect::protects;
  bool operator==(const topic_effect&) const = default;
};

/// One article or clause of an instrument. A value type.
struct provision {
  std::string id;          ///< `<instrument>:<local id>`
  std::string instrument;  ///< the instrument's id
  std::string article;     ///< article, paragraph or clause; empty when only the chapter is known
  std::string chapter;
  std::string part;  ///< part or annex ("Part I", "Annex II"), if any
  std::string summary;
  dutymap::modality modality = modality::obligation;
  dutymap::strength strength = strength::shall;
  role_set bearers;
  role_set beneficiaries;
  std::vector<std::string> designated;  ///< actors the instrument names as responsible
  stage_set stages;
  std::vector<topic_effect> topics;
  dutymap::scope scope;
  std::vector<qualifier> qualifiers;
  dutymap::provenance provenance;
  std::string notes;

  /// The citation as a reader writes it: "ilo-c97 Annex II Art. 4(2)", "asean-consensus-2017 Ch.
  /// 6".
  std::string citation() const {
    std::string out;
    out.reserve(instrument.size() + part.size() + article.size() + chapter.size() + 8);
    out += instrument;
    if (!part.empty()) out.append(1, ' ').append(part);
    if (!article.empty()) {
      const bool plain =
          article.find_first_not_of("0123456789()abcdefghijklmnopqrstuvwxyz.") == std::string::npos;
      out.append(plain ? " Art. " : " ").append(article);
    } else if (!chapter.empty()) {
      out.append(" Ch. ").append(chapter);
    }
    return out;
  }
  /// The local part of the id (after "<instrument>:").
  std::string local_id() const { return id.substr(instrument.size() + 1); }

  /// Whether it restricts the worker on at least one topic.
  bool restricts() const {
    for (const auto& t : topics)
      if (t.effect == effect::restricts) return true;
    return false;
  }
  bool operator==(const provision&) const = default;
};

}  // namespace dutymap
