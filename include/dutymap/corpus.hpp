#pragma once
/// The corpus: a validated, immutable, indexed collection of instruments, provisions, topics,
/// actors, ratifications and profiles.

#include <dutymap/actor.hpp>
#include <dutymap/detail/bit_matrix.hpp>
#include <dutymap/detail/source_map.hpp>
#include <dutymap/instrument.hpp>
#include <dutymap/practice.hpp>
#include <dutymap/profile.hpp>
#include <dutymap/ratification.hpp>
#include <dutymap/topic.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace dutymap {

class graph;

/// The items of a corpus as plain values, before validation and indexing. Build one in code
/// (a draft MOU, a test) and turn it into a corpus with `corpus::build`.
struct corpus_content {
  std::vector<sector> sectors;
  std::vector<topic> topics;
  std::vector<actor> actors;
  std::vector<instrument> instruments;
  std::vector<ratification> ratifications;
  std::vector<profile> profiles;
  std::vector<implementation_record> practice;  ///< what sources report was done, per provision
  bool operator==(const corpus_content&) const = default;
};

/// Counts that describe a corpus at a glance.
struct corpus_summary {
  std::size_t instruments = 0, provisions = 0, topics = 0, sectors = 0, actors = 0,
              ratifications = 0, profiles = 0;
  std::vector<std::size_t> instruments_by_kind;       ///< indexed by instrument_kind
  std::vector<std::size_t> instruments_by_level;      ///< indexed by level
  std::vector<std::size_t> provisions_by_stage;       ///< indexed by stage
  std::vector<std::size_t> provisions_by_coding;      ///< indexed by coded_from
  std::vector<std::size_t> provisions_by_confidence;  ///< indexed by confidence
  std::size_t restricting_provisions = 0;
};

/// A validated, immutable corpus with its indexes.
///
/// Copying a corpus is cheap (it shares its immutable data). Every member function is `const` and
/// safe to call from many threads at once. Items are addressed by dense indexes (`index`) that stay
/// valid for the life of the corpus; look-ups by id are hash look-ups.
class corpus {
 public:
  using index = std::uint32_t;

  /// An empty corpus.
  corpus();

  /// Validates `content` and builds the indexes. Throws `corpus_error` with every problem found
  /// (dangling references, duplicate ids, supersedes loops, ...). `where` gives the locations of
  /// items read from files, for the messages. Cost: linear in the size of the content.
  static corpus build(corpus_content content, const detail::source_map* where = nullptr);

  /// The same corpus with other ratification records (a scenario's ratifications and
  /// withdrawals): the records are validated and indexed as `build` does, and everything else is
  /// shared with this corpus, not copied. Throws `corpus_error` for an invalid record. Cost:
  /// linear in the number of records.
  corpus with_ratifications(std::vector<ratification> records) const;

  /// The items as plain values (for saving, layering, building scenarios). For a corpus made by
  /// `with_ratifications` they are put together on the first call.
  const corpus_content& content() const;

  std::span<const sector> sectors() const;
  std::span<const topic> topics() const;
  std::span<const actor> actors() const;
  std::span<const instrument> instruments() const;
  std::span<const ratification> ratifications() const;
  std::span<const profile> profiles() const;
  /// Implementation records, ordered by provision id, then period, then actor.
  std::span<const implementation_record> practice() const;

  /// Dense index of an item by id; nullopt when absent. O(1).
  std::optional<index> instrument_index(std::string_view id) const;
  std::optional<index> topic_index(std::string_view id) const;
  std::optional<index> sector_index(std::string_view id) const;
  std::optional<index> actor_index(std::string_view id) const;
  std::optional<index> profile_index(std::string_view id) const;
  std::optional<index> provision_index(std::string_view id) const;

  /// The item with this id, or nullptr. O(1).
  const instrument* find_instrument(std::string_view id) const;
  const topic* find_topic(std::string_view id) const;
  const actor* find_actor(std::string_view id) const;
  const profile* find_profile(std::string_view id) const;
  const provision* find_provision(std::string_view id) const;
  /// The state's record for a ratifiable instrument, or nullptr.
  const ratification* find_ratification(std::string_view state, std::string_view instrument) const;

  /// The item with this id; throws std::out_of_range naming the nearest valid id when absent.
  const instrument& get_instrument(std::string_view id) const;
  const topic& get_topic(std::string_view id) const;
  const actor& get_actor(std::string_view id) const;
  const profile& get_profile(std::string_view id) const;

  /// All provisions, flattened in instrument order.
  std::size_t provision_count() const;
  const provision& provision_at(index p) const;
  /// The instrument a provision belongs to.
  index instrument_of(index p) const;
  /// The provisions of an instrument: indexes [first, last).
  std::pair<index, index> provisions_of(index instrument) const;
  /// How many of an instrument's provisions are unreviewed drafts (`coded_from: draft`): while
  /// any is, its reading in full is a proposal, and what it is silent on is a provisional gap.
  std::size_t draft_provisions_in(index instrument) const;

  /// Provisions at a stage, about a topic (directly, or about one of its descendants when
  /// `with_descendants`), borne by a role, designating an actor. Sorted ascending. O(1) + output.
  std::span<const index> provisions_at(stage s) const;
  std::span<const index> provisions_about(index topic) const;
  std::vector<index> provisions_about_tree(index topic) const;
  std::span<const index> provisions_borne_by(role r) const;
  std::span<const index> provisions_designating(index actor) const;

  /// Topic sets as bit rows (one row per provision, one column per topic).
  const detail::bit_matrix& provision_topics() const;
  /// The topic's parent, or nullopt for a top-level topic.
  std::optional<index> topic_parent(index topic) const;

  /// Instruments that name the state among their parties, at a level (a bilateral instrument is
  /// listed under both its parties). Ascending. O(1) + output.
  std::span<const index> instruments_with_party(index state, level l) const;
  /// Bilateral instruments between two states, whichever is named first. Ascending.
  std::span<const index> bilateral_between(index a, index b) const;
  /// Global instruments that apply without ratification (recommendations, guidelines, global
  /// declarations): the ones that may count in every corridor. Ascending.
  std::span<const index> universal_instruments() const;
  /// Actors that are not states and belong to none (international organisations, regional
  /// bodies, ...). Ascending.
  std::span<const index> stateless_actors() const;

  /// Provisions at a stage that protect the worker on a topic or one of its sub-topics, grouped
  /// by the kind of their instrument (kinds in declaration order, each group ascending). The
  /// second form gives one kind's group. O(log n) + output.
  std::span<const index> protections(index topic, stage s) const;
  std::span<const index> protections(index topic, stage s, instrument_kind k) const;
  /// The same provisions in precedent order: binding before committing before guidance, `shall`
  /// before `should` before `may`, fewer qualifiers first, higher confidence first, then
  /// ascending.
  std::span<const index> protections_by_precedence(index topic, stage s) const;
  /// The protections of one kind (as `protections`) in the instruments that name the state
  /// among their parties and are neither global nor open to ratification: what the state agreed
  /// with others, or in its region.
  std::span<const index> party_protections(index state, index topic, stage s,
                                           instrument_kind k) const;

  /// The implementation records of a provision (indexes into `practice()`), by period then
  /// actor. O(1) + output.
  std::span<const index> practice_of(index provision) const;

  /// The ratification records of a state (indexes into `ratifications()`).
  std::span<const index> ratifications_of(index state) const;
  /// The revision chain an instrument belongs to, oldest first (itself alone if none).
  std::vector<index> revision_chain(index instrument) const;
  /// The instruments annexed to an instrument.
  std::span<const index> annexes_of(index instrument) const;
  /// The bodies of a state (ministries, departments, agencies, associations).
  std::span<const index> bodies_of(index state) const;

  /// The graph view (built on first use, then shared; thread-safe).
  const dutymap::graph& graph() const;

  /// Counts by kind, level, stage, coding and confidence.
  corpus_summary summary() const;

  /// Whether both hold equal items (indexes are derived, so equal items mean equal corpora).
  friend bool operator==(const corpus& a, const corpus& b);

  struct data;  // implementation detail

 private:
  explicit corpus(std::shared_ptr<const data> d) : data_(std::move(d)) {}
  std::shared_ptr<const data> data_;
};

}  // namespace dutymap
