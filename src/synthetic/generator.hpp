#pragma once
// The synthetic corpus generator: one method for each part of the corpus, each drawing from its
// own stream, so that changing how one part is drawn leaves the others as they were. The parts are
// defined in the files named after them: topics_and_states.cpp, provisions.cpp, instruments.cpp
// (global, regional, national and bilateral, and the ratifications), text_read.cpp, actors.cpp
// and profiles.cpp; the sizes of the parts in synthetic.cpp.

#include <dutymap/synthetic.hpp>

#include "shapes.hpp"
#include "stream.hpp"

#include <array>
#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

namespace dutymap::synthetic_parts {

class generator {
 public:
  explicit generator(const synthetic_options& o)
      : o_(o),
        source_("synthetic corpus, seed " + std::to_string(o.seed)),
        coded_source_("synthetic s" + std::to_string(o.seed)) {}

  corpus_content run() {
    plan();
    make_topics();
    make_states();
    make_global();
    make_ratifications();
    make_regional();
    make_national();
    make_bilateral();
    make_actors();
    make_profiles();
    make_text();  // after the profiles: reviews report lacks on what standards expect
    return std::move(out_);
  }

 private:
  // ------------------------------------------------------------------ sizes
  void plan();

  // ------------------------------------------------------------------ topics and sectors
  void make_topics();

  // A topic for an agreement: often one of the common ones.
  std::size_t agreement_topic(stream& r);

  // ------------------------------------------------------------------ states
  void make_states();

  // ------------------------------------------------------------------ provisions
  std::size_t pick_topic(stream& r, const style& st);

  role bearer_at(stream& r, stage s, const style& st);

  // The actor an instrument names as responsible for a duty of this role, if it names one.
  std::string designee(stream& r, role bearer, stage s, const instrument& in);

  // One provision, on `topic` when given (unless it restricts the worker), else on a drawn topic.
  provision make_provision(stream& r, const instrument& in, std::size_t number, const style& st,
                           std::optional<std::size_t> topic = std::nullopt);

  void fill(stream& r, instrument& in, std::size_t count, const style& st);

  std::string unique_id(std::string id);

  instrument& add(instrument in);

  // ------------------------------------------------------------------ global instruments
  void make_global();

  // ------------------------------------------------------------------ ratifications
  void make_ratifications();

  // ------------------------------------------------------------------ regional instruments
  void make_regional();

  // ------------------------------------------------------------------ national laws and policies
  void make_national();

  // ------------------------------------------------------------------ bilateral instruments
  void make_bilateral();

  std::size_t provision_count(stream& r);

  // Provisions of a bilateral instrument, most on its chain's core topics.
  void bilateral_provisions(stream& r, instrument& in, const std::vector<std::size_t>& core,
                            const style& st);

  // The standard employment contract annexed to a bilateral instrument: it shares the parent's
  // parties, level, binding force, dates and scope, as an annex file inherits them.
  instrument contract_of(stream& r, const instrument& parent);

  // ------------------------------------------------------------------ text read, reported lacks
  // Shares of the texts read in full, in part and known from descriptions only, per kind, in
  // percent; the rest are not known at all. As in the real corpus: global texts are public and
  // mostly read in full or in part, national laws mostly in part or through descriptions, and
  // bilateral MOUs and their contracts, rarely published, often known only from descriptions.
  struct text_shares {
    unsigned full, partial, described;
  };
  static text_shares shares_of(instrument_kind k);

  // Whether `topic` is `ancestor` or under it.
  static bool within(std::string_view topic, std::string_view ancestor);

  // Whether a protecting provision of `in` contradicts the lack (the validator's rule: a clause
  // protecting the worker on the lacked topic, or under it, at a stage the lack covers).
  static bool contradicts(const instrument& in, const reported_lack& l);

  // Each instrument's `text`, drawn from a stream of its own, so the other parts stay as they
  // were. An instrument of which nothing is known has no provisions; the provisions of one known
  // only from descriptions are coded from them. A third of the bilateral instruments not read in
  // full have one to four topics a (synthetic) review reports them lacking, never one a
  // protecting clause of theirs covers.
  void make_text();

  void add_lacks(stream& r, instrument& in, const std::vector<const norm*>& expected,
                 const std::string& source);

  // ------------------------------------------------------------------ actors
  void make_actors();

  // ------------------------------------------------------------------ profiles
  void make_profiles();

  const synthetic_options& o_;
  const std::string source_;  // of instruments, actors, ratifications and profiles
  // Of provisions: "synthetic s<seed>", short enough to live inside the string object (no
  // allocation), as there are millions of provisions.
  const std::string coded_source_;
  corpus_content out_;
  std::size_t states_n_ = 0, global_n_ = 0, regions_n_ = 0, regional_n_ = 0, national_n_ = 0;
  std::vector<topic_info> topics_;
  std::vector<std::size_t> groups_, leaves_, restrictable_, common_;
  std::array<std::vector<std::size_t>, 4> leaves_by_stage_;
  std::vector<state_info> states_;
  std::vector<std::size_t> origins_, destinations_;
  std::vector<unsigned> popularity_;                     // per global instrument, percent
  std::set<std::pair<std::size_t, std::size_t>> pairs_;  // (origin, destination) with instruments
  std::unordered_set<std::string> ids_;
};

}  // namespace dutymap::synthetic_parts
