#pragma once
/// Instruments: conventions, declarations, MOUs, contracts, laws and policies.

#include <dutymap/date.hpp>
#include <dutymap/provenance.hpp>
#include <dutymap/provision.hpp>
#include <dutymap/scope.hpp>

#include <optional>
#include <string>
#include <vector>

namespace dutymap {

/// What kind of text an instrument is.
enum class instrument_kind : std::uint8_t {
  convention,
  protocol,
  recommendation,
  declaration,
  consensus,
  guidelines,
  bilateral_agreement,
  mou,
  standard_contract,
  national_law,
  policy,
};

/// The level at which an instrument is made.
enum class level : std::uint8_t { global, regional, bilateral, national };

template <>
struct enum_names<instrument_kind> {
  static constexpr std::string_view what = "instrument kind";
  static constexpr std::array<std::string_view, 11> values{
      "convention",          "protocol",  "recommendation",
      "declaration",         "consensus", "guidelines",
      "bilateral_agreement", "mou",       "standard_contract",
      "national_law",        "policy"};
};
template <>
struct enum_names<level> {
  static constexpr std::string_view what = "level";
  static constexpr std::array<std::string_view, 4> values{"global", "regional", "bilateral",
                                                          "national"};
};

/// How much of an instrument's own text the corpus has read, and so how far its silence on a topic
/// can be trusted (docs/gaps.md: only `full` silence, or a reported lack, makes a `gap`).
enum class text_coverage : std::uint8_t {
  full,       ///< its own text read, every clause on a topic of the taxonomy coded
  partial,    ///< its own text read in part (the notes say which articles)
  described,  ///< known only from secondary descriptions
  none,       ///< nothing known of its content
};

template <>
struct enum_names<text_coverage> {
  static constexpr std::string_view what = "text";
  static constexpr std::array<std::string_view, 4> values{"full", "partial", "described", "none"};
};

/// A topic that a source reports an instrument does not cover: a cited absence, the evidence a
/// `gap` may rest on where the instrument's own text was not read in full.
struct reported_lack {
  std::string topic;  ///< the topic and its whole subtree
  stage_set stages;   ///< the stages it is reported lacking at; empty: every stage
  dutymap::provenance provenance;
  std::string notes;

  /// Whether the lack is of `norm_topic` (that topic or one of its ancestors), whatever the stage.
  bool covers_topic(std::string_view norm_topic) const {
    return norm_topic == topic ||
           (norm_topic.size() > topic.size() && norm_topic.substr(0, topic.size()) == topic &&
            norm_topic[topic.size()] == '.');
  }
  /// Whether the lack settles a norm on `norm_topic` at `s`.
  bool covers(std::string_view norm_topic, stage s) const {
    return covers_topic(norm_topic) && (stages.empty() || stages.contains(s));
  }
  bool operator==(const reported_lack&) const = default;
};

/// Whether states become bound by ratifying an instrument of this kind.
constexpr bool is_ratifiable(instrument_kind k) {
  return k == instrument_kind::convention || k == instrument_kind::protocol;
}

/// Whether instruments of this kind bind their parties unless they say otherwise.
constexpr bool binding_by_default(instrument_kind k) {
  return k == instrument_kind::convention || k == instrument_kind::protocol ||
         k == instrument_kind::bilateral_agreement || k == instrument_kind::national_law;
}

/// An instrument and its provisions. A value type.
struct instrument {
  std::string id;
  std::string title;
  std::string short_title;
  instrument_kind kind = instrument_kind::convention;
  dutymap::level level = level::global;
  bool binding = true;
  std::vector<std::string> parties;  ///< state ids; empty for global conventions
  std::string region;                ///< regional body, for a regional instrument
  std::optional<date> adopted;
  std::optional<date> in_force;  ///< when absent, `adopted` is used
  std::optional<date> expires;
  std::string supersedes;  ///< id of the instrument it revises, or empty
  std::string annex_to;    ///< id of the instrument it is annexed to, or empty
  dutymap::scope scope;    ///< default scope of its provisions
  std::string source;
  text_coverage text = text_coverage::full;  ///< how much of its own text was read
  std::string notes;
  std::vector<reported_lack> lacks;  ///< topics a source reports it does not cover
  std::vector<provision> provisions;

  /// The date from which it applies, if known.
  std::optional<date> effective() const { return in_force ? in_force : adopted; }
  /// A name for tables: the short title, else the title.
  const std::string& display_name() const { return short_title.empty() ? title : short_title; }
  /// The first reported lack that settles a norm on `topic` at `s`, or nullptr.
  const reported_lack* lack_of(std::string_view topic, stage s) const {
    for (const auto& l : lacks)
      if (l.covers(topic, s)) return &l;
    return nullptr;
  }
  bool operator==(const instrument&) const = default;
};

}  // namespace dutymap
