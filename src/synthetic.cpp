// The synthetic corpus generator. Every random choice comes from splitmix64 with explicit integer
// maths (no <random> distributions, whose output differs between standard libraries), and every
// part of the corpus draws from its own stream, so equal options give equal content everywhere.

#include <dutymap/synthetic.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

namespace dutymap {

namespace {

// splitmix64's output function (Steele, Lea and Flood, 2014).
constexpr std::uint64_t mix(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// The parts of the corpus, each with its own stream: changing how one part is drawn leaves the
// others as they were.
enum part : std::uint64_t {
  part_topics = 1,
  part_states,
  part_global,
  part_ratifications,
  part_regional,
  part_national,
  part_bilateral,
  part_actors,
  part_profiles,
  part_text,  // how much of each instrument's text was read, and what it is reported to lack
};

// A splitmix64 stream for one item of one part.
class stream {
 public:
  stream(std::uint64_t seed, part p, std::uint64_t item = 0)
      : state_(mix(mix(seed ^ mix(0x9e3779b97f4a7c15ULL * p)) + item)) {}

  std::uint64_t next() {
    state_ += 0x9e3779b97f4a7c15ULL;
    return mix(state_);
  }
  // Uniform in [0, n) for n >= 1, by multiply and shift (Lemire); the bias, below 2^-32, does not
  // matter here and the result is the same on every platform.
  std::uint32_t below(std::size_t n) {
    return static_cast<std::uint32_t>(((next() >> 32) * static_cast<std::uint64_t>(n)) >> 32);
  }
  int between(int lo, int hi) {
    return lo + static_cast<int>(below(static_cast<std::size_t>(hi - lo + 1)));
  }
  bool percent(unsigned p) { return below(100) < p; }
  // Skewed towards the start of [0, n): the first items (popular destinations) come up more.
  std::uint32_t skewed(std::size_t n) { return std::min(below(n), below(n)); }
  template <class T>
  const T& pick(const std::vector<T>& v) {
    return v[below(v.size())];
  }

 private:
  std::uint64_t state_;
};

constexpr stage pre = stage::pre_departure, tra = stage::transit, emp = stage::employment,
                ret = stage::return_home;

// The top-level topic groups of the real taxonomy, with the stages at which they matter and
// whether agreements tend to restrict the worker on them (change of employer, passports, ...).
struct group_spec {
  std::string_view id;
  stage_set stages;
  bool restrictable;
};
const std::array<group_spec, 30> group_specs{{
    {"recruitment", {pre}, false},
    {"contract", {pre, emp}, false},
    {"information", {pre, tra, emp}, false},
    {"skills", {pre, ret}, false},
    {"documents", {pre, emp}, true},
    {"health", {pre, emp}, false},
    {"transit", {tra}, false},
    {"wages", {emp}, true},
    {"working_time", {emp}, false},
    {"conditions", {emp}, false},
    {"social_security", {emp, ret}, false},
    {"association", {emp}, true},
    {"mobility", {emp}, true},
    {"termination", {emp, ret}, true},
    {"residence", {emp}, true},
    {"complaints", {pre, tra, emp, ret}, false},
    {"justice", {emp, ret}, false},
    {"consular", {tra, emp, ret}, false},
    {"forced_labour", {pre, emp}, false},
    {"trafficking", {pre, tra, emp}, false},
    {"equality", {emp}, false},
    {"child_labour", {pre, emp}, false},
    {"family", {emp}, false},
    {"irregular_migration", {tra, emp}, true},
    {"labour_inspection", {emp}, false},
    {"repatriation", {ret}, true},
    {"reintegration", {ret}, false},
    {"data", {pre, ret}, false},
    {"welfare_fund", {pre, emp, ret}, false},
    {"cooperation", {pre, tra, emp, ret}, false},
}};

struct sector_spec {
  std::string_view id, title, code;  // code: the suffix of a sector's MOU ids ("-dw")
};
const std::array<sector_spec, 7> sector_specs{{
    {"domestic_work", "Domestic work", "dw"},
    {"fishing", "Fishing", "fi"},
    {"agriculture", "Agriculture", "ag"},
    {"construction", "Construction", "co"},
    {"manufacturing", "Manufacturing", "mf"},
    {"services", "Services", "sv"},
    {"seafaring", "Seafaring", "sf"},
}};

constexpr std::array<qualifier_kind, 7> qualifier_kinds{qualifier_kind::subject_to_national_law,
                                                        qualifier_kind::as_appropriate,
                                                        qualifier_kind::endeavour,
                                                        qualifier_kind::progressive,
                                                        qualifier_kind::where_practicable,
                                                        qualifier_kind::subject_to_resources,
                                                        qualifier_kind::subject_to_agreement};

// Which way a state's workers mostly move.
enum class orientation : std::uint8_t { origin, destination, both };

struct state_info {
  std::string id;
  orientation way = orientation::both;
  unsigned propensity = 50;  // percent: how readily it ratifies
  int region = -1;
  bool sends() const { return way != orientation::destination; }
  bool receives() const { return way != orientation::origin; }
};

struct topic_info {
  std::string id;
  stage_set stages;
  bool restrictable = false;
};

std::string two_digits(std::size_t n) {
  return (n < 10 ? "0" : "") + std::to_string(n);
}

std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

// The k-th stage of a set (k < size()), without the allocation of `values()`: this runs millions
// of times.
stage nth_stage(stage_set set, std::size_t k) {
  std::uint32_t bits = set.bits();
  for (; k > 0; --k) bits &= bits - 1;
  return static_cast<stage>(std::countr_zero(bits));
}

stage any_stage(stream& r, stage_set set) {
  return nth_stage(set, r.below(set.size()));
}

date full_date(stream& r, int year) {
  return date{year, r.between(1, 12), r.between(1, 28)};
}

date plus_months(date d, int months) {
  const int m = d.month - 1 + months;
  return date{d.year + m / 12, m % 12 + 1, d.day};
}

// How an instrument's provisions are drawn.
struct style {
  unsigned shall = 60, should = 30;  // percent; the rest are `may`
  unsigned restricts = 0;            // percent restricting the worker on a topic
  unsigned qualified = 10;           // percent hollowed by a qualifier
  unsigned secondary = 5;            // percent coded from a secondary description
  unsigned sector_scoped = 0;        // percent reaching one sector only, or excluding one
  unsigned all_workers = 5;          // percent covering undocumented workers too
  unsigned designates = 0;           // percent naming a responsible actor
  bool contract = false;             // a standard contract: employment terms, borne by employers
  bool chapters = false;             // cited by chapter only, as consensus texts are
};

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
  void plan() {
    const std::size_t n = o_.instruments;
    if (n < 20)
      throw std::invalid_argument("synthetic corpus: `instruments` must be at least 20, got " +
                                  std::to_string(n));
    if (o_.topics < 10 || o_.topics > 10000)
      throw std::invalid_argument("synthetic corpus: `topics` must be from 10 to 10000, got " +
                                  std::to_string(o_.topics));
    if (o_.min_provisions < 1 || o_.min_provisions > o_.max_provisions || o_.max_provisions > 1000)
      throw std::invalid_argument(
          "synthetic corpus: needs 1 <= `min_provisions` <= `max_provisions` <= 1000, got " +
          std::to_string(o_.min_provisions) + " and " + std::to_string(o_.max_provisions));
    states_n_ = o_.states;
    if (states_n_ == 0) {
      // 100 states at M, 150 at L, 200 at XL, linear in between: enough pairs for the MOUs.
      if (n <= 1000)
        states_n_ = std::max<std::size_t>(4, n / 10);
      else if (n <= 10000)
        states_n_ = 100 + 50 * (n - 1000) / 9000;
      else if (n <= 50000)
        states_n_ = 150 + 50 * (n - 10000) / 40000;
      else
        states_n_ = std::min<std::size_t>(364, 200 + (n - 50000) / 1000);
    }
    if (states_n_ < 2 || states_n_ > 364)
      throw std::invalid_argument(
          "synthetic corpus: `states` must be from 2 to 364 (or 0 to scale with size), got " +
          std::to_string(states_n_));
    global_n_ = o_.global_instruments;
    if (global_n_ == 0)
      global_n_ = std::min<std::size_t>(std::min<std::size_t>(40, 20 + n / 2500),
                                        std::max<std::size_t>(2, n / 10));
    if (global_n_ > n / 4)
      throw std::invalid_argument(
          "synthetic corpus: `global_instruments` may be at most a quarter of `instruments` (" +
          std::to_string(n / 4) + "), got " + std::to_string(global_n_));
    regions_n_ = std::clamp<std::size_t>(states_n_ / 20, 1, 8);
    regional_n_ = std::min<std::size_t>(regions_n_ * 2, std::max<std::size_t>(1, n / 40));
    national_n_ = std::min<std::size_t>(states_n_ + states_n_ / 2, n / 8);
    // Bilateral instruments fill the rest: at least three fifths of the total.
    out_.instruments.reserve(n);
  }

  // ------------------------------------------------------------------ topics and sectors
  void make_topics() {
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
      topic_info t{parent.id + ".t" + two_digits(k / groups + 1), parent.stages,
                   parent.restrictable};
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

  // A topic for an agreement: often one of the common ones.
  std::size_t agreement_topic(stream& r) {
    return r.percent(60) ? r.pick(common_) : r.pick(leaves_);
  }

  // ------------------------------------------------------------------ states
  void make_states() {
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

  // ------------------------------------------------------------------ provisions
  std::size_t pick_topic(stream& r, const style& st) {
    if (st.contract && !leaves_by_stage_[static_cast<int>(emp)].empty() && r.percent(80))
      return r.pick(leaves_by_stage_[static_cast<int>(emp)]);
    if (r.percent(8)) return r.pick(groups_);
    return r.pick(leaves_);
  }

  role bearer_at(stream& r, stage s, const style& st) {
    if (st.contract && r.percent(80)) return role::employer;
    // Now and then a duty falls on unions, NGOs or employers' organisations, which not every
    // corridor has.
    if (r.percent(3)) {
      static constexpr std::array<role, 3> others{role::worker_organisation, role::civil_society,
                                                  role::employer_organisation};
      return others[r.below(others.size())];
    }
    const auto x = r.below(100);
    switch (s) {
      case stage::pre_departure:
        return x < 45   ? role::origin_state
               : x < 80 ? role::recruitment_agency
               : x < 90 ? role::employer
                        : role::destination_state;
      case stage::transit:
        return x < 30 ? role::origin_state : x < 75 ? role::transit_state : role::destination_state;
      case stage::employment:
        return x < 45 ? role::employer : x < 90 ? role::destination_state : role::origin_state;
      case stage::return_home:
        return x < 50 ? role::origin_state : x < 75 ? role::destination_state : role::employer;
    }
    return role::destination_state;
  }

  // The actor an instrument names as responsible for a duty of this role, if it names one.
  std::string designee(stream& r, role bearer, stage s, const instrument& in) {
    if (in.parties.empty()) return {};
    const std::string& origin = in.parties.front();
    const std::string& destination = in.parties.back();
    switch (bearer) {
      case role::origin_state:
      case role::recruitment_agency:
        if (in.parties.size() == 2 && s != stage::pre_departure && r.percent(50))
          return origin + ".EMB-" + destination;
        return origin + ".MOL";
      case role::destination_state:
      case role::employer:
        return destination + (r.percent(50) ? ".LI" : ".MOL");
      default:
        return {};
    }
  }

  // One provision, on `topic` when given (unless it restricts the worker), else on a drawn topic.
  provision make_provision(stream& r, const instrument& in, std::size_t number, const style& st,
                           std::optional<std::size_t> topic = std::nullopt) {
    provision p;
    p.instrument = in.id;
    const std::string n = std::to_string(number);
    if (st.contract) {
      p.article = "Clause " + n;
      p.id = in.id + ":c" + n;
    } else if (st.chapters) {
      p.chapter = std::to_string((number - 1) / 6 + 1);
      p.id = in.id + ":ch-" + p.chapter + "-" + n;
    } else {
      p.article = n;
      p.id = in.id + ":" + n;
    }
    const bool restricts = st.restricts && r.percent(st.restricts);
    const topic_info& t = topics_[restricts ? r.pick(restrictable_)
                                  : topic   ? *topic
                                            : pick_topic(r, st)];
    p.topics.push_back({t.id, restricts ? effect::restricts : effect::protects});
    if (!restricts && r.percent(15)) {
      const topic_info& other = topics_[pick_topic(r, st)];
      if (other.id != t.id) p.topics.push_back({other.id, effect::protects});
    }
    const stage s = any_stage(r, t.stages);
    p.stages = t.stages.size() > 1 && r.percent(15) ? t.stages : stage_set{s};
    // Short enough to be stored inside the string object: there are millions of summaries.
    p.summary = "synthetic " + n;

    const auto m = r.below(100);
    role first_bearer = role::worker;
    if (restricts) {
      // "The worker may change employer only with the first employer's consent."
      p.modality = m < 60 ? modality::obligation : modality::prohibition;
      first_bearer = m < 60 ? role::worker : role::employer;
      p.bearers = {first_bearer};
    } else {
      p.modality = m < 55   ? modality::obligation
                   : m < 80 ? modality::right
                   : m < 95 ? modality::prohibition
                            : modality::permission;
      const role b = first_bearer = bearer_at(r, s, st);
      p.bearers = {b};
      if (r.percent(12))
        p.bearers.insert(b == role::origin_state ? role::destination_state : role::origin_state);
    }
    const auto x = r.below(100);
    p.strength = x < st.shall               ? strength::shall
                 : x < st.shall + st.should ? strength::should
                                            : strength::may;
    p.beneficiaries = {role::worker};
    if (r.percent(8)) p.beneficiaries.insert(role::worker_family);
    if (st.designates && r.percent(st.designates)) {
      auto who = designee(r, first_bearer, s, in);
      if (!who.empty()) p.designated.push_back(std::move(who));
    }
    p.scope = in.scope;
    if (st.sector_scoped && r.percent(st.sector_scoped)) {
      const auto& sector = sector_specs[r.below(sector_specs.size())].id;
      if (r.percent(70) && p.scope.sectors.empty())
        p.scope.sectors = {std::string(sector)};
      else if (p.scope.excluded_sectors.empty())
        p.scope.excluded_sectors = {std::string(sector)};
    }
    if (r.percent(st.all_workers)) p.scope.workers = worker_coverage::all;
    if (r.percent(st.qualified))
      p.qualifiers.push_back({qualifier_kinds[r.below(qualifier_kinds.size())], {}});
    if (r.percent(st.secondary)) {
      p.provenance.from = coded_from::secondary;
      p.provenance.passage = "synthetic";
      p.provenance.level = r.percent(60) ? confidence::medium : confidence::low;
    } else {
      p.provenance.from = coded_from::text;
      p.provenance.level = r.percent(85) ? confidence::high : confidence::medium;
    }
    p.provenance.source = coded_source_;
    return p;
  }

  void fill(stream& r, instrument& in, std::size_t count, const style& st) {
    in.provisions.reserve(count);
    for (std::size_t k = 1; k <= count; ++k) in.provisions.push_back(make_provision(r, in, k, st));
  }

  std::string unique_id(std::string id) {
    if (ids_.insert(id).second) return id;
    for (int k = 2;; ++k)
      if (ids_.insert(id + "-" + std::to_string(k)).second) return id + "-" + std::to_string(k);
  }

  instrument& add(instrument in) {
    out_.instruments.push_back(std::move(in));
    return out_.instruments.back();
  }

  // ------------------------------------------------------------------ global instruments
  void make_global() {
    // The real mix: conventions, their protocols and recommendations, a few guidelines and
    // declarations.
    static constexpr std::array<instrument_kind, 8> pattern{
        instrument_kind::convention, instrument_kind::recommendation,
        instrument_kind::convention, instrument_kind::convention,
        instrument_kind::protocol,   instrument_kind::recommendation,
        instrument_kind::convention, instrument_kind::guidelines};
    for (std::size_t i = 0; i < global_n_; ++i) {
      stream r(o_.seed, part_global, i);
      instrument in;
      in.kind = pattern[i % pattern.size()];
      if (in.kind == instrument_kind::guidelines && (i / pattern.size()) % 2 == 1)
        in.kind = instrument_kind::declaration;
      const char letter = in.kind == instrument_kind::convention       ? 'c'
                          : in.kind == instrument_kind::protocol       ? 'p'
                          : in.kind == instrument_kind::recommendation ? 'r'
                          : in.kind == instrument_kind::guidelines     ? 'g'
                                                                       : 'd';
      in.id = unique_id(std::string("intl-") + letter + two_digits(i + 1));
      in.level = level::global;
      in.binding = binding_by_default(in.kind);
      const int year = 1930 + static_cast<int>(i * 90 / global_n_) + r.between(0, 2);
      in.adopted = full_date(r, year);
      if (is_ratifiable(in.kind) && r.percent(70))
        in.in_force = plus_months(*in.adopted, r.between(12, 30));
      in.title = "Synthetic " + std::string(name_of(in.kind)) + " " + two_digits(i + 1);
      in.source = source_;
      if (in.kind == instrument_kind::convention && r.percent(15))
        in.scope.workers = worker_coverage::all;
      if (r.percent(12))
        in.scope.sectors = {std::string(sector_specs[r.below(sector_specs.size())].id)};
      style st;
      if (is_ratifiable(in.kind)) {
        st.shall = 75, st.should = 20, st.qualified = 12;
      } else if (in.kind == instrument_kind::declaration) {
        st.shall = 20, st.should = 60, st.qualified = 30;
      } else {
        st.shall = 0, st.should = 80, st.qualified = 15;
      }
      st.restricts = 1;
      st.sector_scoped = 5;
      fill(r, in, static_cast<std::size_t>(r.between(10, 40)), st);
      // Some conventions come in parts (or annexes) that a state may leave out when ratifying.
      if (is_ratifiable(in.kind) && r.percent(40)) {
        const bool annexes = r.percent(40);
        const std::size_t parts = static_cast<std::size_t>(r.between(2, 3));
        static constexpr std::array<std::string_view, 3> numerals{"I", "II", "III"};
        for (std::size_t k = 0; k < in.provisions.size(); ++k) {
          const auto which = k * parts / in.provisions.size();
          in.provisions[k].part =
              std::string(annexes ? "Annex " : "Part ") + std::string(numerals[which]);
        }
      }
      popularity_.push_back(30 + r.below(66));
      add(std::move(in));
    }
  }

  // ------------------------------------------------------------------ ratifications
  void make_ratifications() {
    for (std::size_t s = 0; s < states_.size(); ++s) {
      for (std::size_t i = 0; i < global_n_; ++i) {
        const instrument& in = out_.instruments[i];
        if (!is_ratifiable(in.kind)) continue;
        stream r(o_.seed, part_ratifications, (std::uint64_t{s} << 32) | i);
        ratification rec;
        rec.state = states_[s].id;
        rec.instrument = in.id;
        rec.source = source_;
        const int first = std::min(in.adopted->year + 1, 2024);
        if (!r.percent(states_[s].propensity * popularity_[i] / 100)) {
          if (!r.percent(5)) continue;
          rec.signed_on = full_date(r, r.between(first, 2024));  // signed, never ratified
          out_.ratifications.push_back(std::move(rec));
          continue;
        }
        const int year = r.between(first, 2024);
        // Like the real records, some give only the year.
        rec.ratified_on = r.percent(20) ? date{year, 0, 0} : full_date(r, year);
        if (r.percent(20))
          rec.signed_on = full_date(r, std::max(year - r.between(1, 3), first - 1));
        if (year < 2024 && r.percent(3)) rec.denounced_on = full_date(r, r.between(year + 1, 2024));
        if (!in.provisions.back().part.empty() && r.percent(15))
          rec.excludes = {in.provisions.back().part};
        if (r.percent(3)) rec.limited_to = {rec.state + "-mainland"};
        out_.ratifications.push_back(std::move(rec));
      }
    }
  }

  // ------------------------------------------------------------------ regional instruments
  void make_regional() {
    std::vector<std::vector<std::string>> members(regions_n_);
    for (const auto& st : states_)
      if (st.region >= 0) members[static_cast<std::size_t>(st.region)].push_back(st.id);
    static constexpr std::array<instrument_kind, 3> kinds{
        instrument_kind::declaration, instrument_kind::consensus, instrument_kind::guidelines};
    std::size_t made = 0;
    for (std::size_t k = 0; made < regional_n_; ++k) {
      const std::size_t g = k % regions_n_;
      stream r(o_.seed, part_regional, k);
      instrument in;
      in.kind = kinds[(k / regions_n_) % kinds.size()];
      in.level = level::regional;
      in.binding = false;
      in.region = "REG" + std::to_string(g + 1);
      // A region too small for an instrument of its own still gets one, among all states.
      if (members[g].size() >= 2) {
        in.parties = members[g];
      } else {
        for (const auto& st : states_) in.parties.push_back(st.id);
      }
      const int year = r.between(1995, 2022);
      in.id = unique_id("reg" + std::to_string(g + 1) + "-" + std::string(name_of(in.kind)) + "-" +
                        std::to_string(year));
      in.title = "Synthetic regional " + std::string(name_of(in.kind)) + " of REG" +
                 std::to_string(g + 1) + " (" + std::to_string(year) + ")";
      in.adopted = full_date(r, year);
      in.source = source_;
      style st;
      st.shall = 25, st.should = 50, st.qualified = 35, st.secondary = 10, st.restricts = 1;
      st.chapters = in.kind == instrument_kind::consensus;
      fill(r, in, static_cast<std::size_t>(r.between(10, 30)), st);
      add(std::move(in));
      ++made;
    }
  }

  // ------------------------------------------------------------------ national laws and policies
  void make_national() {
    std::size_t made = 0;
    // A labour-migration law for each state, then policies of the sending states.
    for (std::size_t pass = 0; pass < 2 && made < national_n_; ++pass) {
      for (std::size_t s = 0; s < states_.size() && made < national_n_; ++s) {
        const state_info& st = states_[s];
        if (pass == 1 && !st.sends()) continue;
        stream r(o_.seed, part_national, pass * 1024 + s);
        instrument in;
        in.kind = pass == 0 ? instrument_kind::national_law : instrument_kind::policy;
        in.level = level::national;
        in.binding = binding_by_default(in.kind);
        in.parties = {st.id};
        const int year = r.between(1985, 2022);
        in.id =
            unique_id((pass == 0 ? "law-" : "policy-") + lower(st.id) + "-" + std::to_string(year));
        in.title = std::string(pass == 0 ? "Synthetic labour migration law" : "Synthetic policy") +
                   " of " + st.id + " (" + std::to_string(year) + ")";
        in.adopted = full_date(r, year);
        if (pass == 1 && r.percent(50)) in.expires = date{year + 4, 12, 31};
        in.source = source_;
        style sty;
        sty.shall = pass == 0 ? 80 : 40, sty.should = pass == 0 ? 15 : 45;
        sty.restricts = st.receives() ? 5 : 1;
        sty.designates = 0;  // set below: a law names its own ministry, not a partner's
        sty.sector_scoped = 8;
        fill(r, in, static_cast<std::size_t>(r.between(10, 40)), sty);
        for (auto& p : in.provisions)
          if (r.percent(30)) p.designated = {st.id + (r.percent(60) ? ".MOL" : ".LI")};
        add(std::move(in));
        ++made;
      }
    }
  }

  // ------------------------------------------------------------------ bilateral instruments
  void make_bilateral() {
    // Whatever the other parts made (few sending states make fewer policies), the total is exact.
    std::size_t left = o_.instruments - out_.instruments.size();
    for (std::size_t chain = 0; left > 0; ++chain) {
      stream r(o_.seed, part_bilateral, chain);
      const std::size_t o = origins_[r.skewed(origins_.size())];
      std::size_t d = destinations_[r.skewed(destinations_.size())];
      if (d == o) {
        // A state of both kinds drawn twice: take the next destination instead.
        const auto at =
            std::find(destinations_.begin(), destinations_.end(), d) - destinations_.begin();
        d = destinations_[(static_cast<std::size_t>(at) + 1) % destinations_.size()];
        if (d == o) continue;  // a single destination that also sends: no pair
      }
      pairs_.insert({o, d});
      const std::string& origin = states_[o].id;
      const std::string& destination = states_[d].id;
      const bool agreement = r.percent(25);
      const int sector = r.percent(35) ? static_cast<int>(r.below(sector_specs.size())) : -1;
      const auto w = r.below(10);
      const int revisions = w < 4 ? 1 : w < 7 ? 2 : w < 9 ? 3 : 4;
      int year = r.between(1995, 2016);
      // Revisions keep most of what the earlier text covered: a core of topics drawn once.
      std::vector<std::size_t> core;
      for (int k = 0; k < 30; ++k) core.push_back(agreement_topic(r));
      std::string previous;
      for (int rev = 0; rev < revisions && left > 0 && year <= 2024; ++rev) {
        instrument in;
        in.kind = agreement ? instrument_kind::bilateral_agreement : instrument_kind::mou;
        in.level = level::bilateral;
        in.binding = binding_by_default(in.kind);
        in.parties = {origin, destination};  // origin first
        std::string id = std::string(agreement ? "agr-" : "mou-") + lower(origin) + "-" +
                         lower(destination) + "-" + std::to_string(year);
        if (sector >= 0)
          id += "-" + std::string(sector_specs[static_cast<std::size_t>(sector)].code);
        in.id = unique_id(std::move(id));
        in.title = std::string(agreement ? "Agreement" : "Memorandum of Understanding") +
                   " between " + origin + " and " + destination +
                   " on the employment of workers (" + std::to_string(year) + ")";
        in.adopted = full_date(r, year);
        if (r.percent(25)) in.in_force = plus_months(*in.adopted, r.between(1, 6));
        if (r.percent(agreement ? 30 : 60)) {
          const date from = in.in_force ? *in.in_force : *in.adopted;
          in.expires = date{from.year + (agreement ? 10 : 5), from.month, from.day};
        }
        in.supersedes = previous;
        if (sector >= 0)
          in.scope.sectors = {std::string(sector_specs[static_cast<std::size_t>(sector)].id)};
        in.source = source_;
        style st;
        st.shall = std::min(90u, (agreement ? 70u : 50u) + 8u * static_cast<unsigned>(rev));
        st.should = (100 - st.shall) * 2 / 3;
        st.restricts = 6, st.qualified = 14, st.secondary = 12,
        st.sector_scoped = sector < 0 ? 6 : 0;
        st.designates = 15;
        bilateral_provisions(r, in, core, st);
        previous = in.id;
        const bool annex = left > 1 && r.percent(50);
        instrument& parent = add(std::move(in));
        --left;
        if (annex) {
          add(contract_of(r, parent));
          --left;
        }
        // The next revision replaces part of the core.
        for (auto& t : core)
          if (r.percent(20)) t = agreement_topic(r);
        year += r.between(3, 8);
      }
    }
  }

  std::size_t provision_count(stream& r) {
    return static_cast<std::size_t>(
        r.between(static_cast<int>(o_.min_provisions), static_cast<int>(o_.max_provisions)));
  }

  // Provisions of a bilateral instrument, most on its chain's core topics.
  void bilateral_provisions(stream& r, instrument& in, const std::vector<std::size_t>& core,
                            const style& st) {
    const std::size_t count = provision_count(r);
    in.provisions.reserve(count);
    for (std::size_t k = 1; k <= count; ++k) {
      std::optional<std::size_t> topic;
      if (r.percent(70)) topic = core[r.below(core.size())];
      in.provisions.push_back(make_provision(r, in, k, st, topic));
    }
  }

  // The standard employment contract annexed to a bilateral instrument: it shares the parent's
  // parties, level, binding force, dates and scope, as an annex file inherits them.
  instrument contract_of(stream& r, const instrument& parent) {
    instrument in;
    in.id = unique_id(parent.id + "-contract");
    in.title = "Standard employment contract annexed to " + parent.id;
    in.kind = instrument_kind::standard_contract;
    in.level = parent.level;
    in.binding = parent.binding;
    in.parties = parent.parties;
    in.adopted = parent.adopted;
    in.in_force = parent.in_force;
    in.expires = parent.expires;
    in.annex_to = parent.id;
    in.scope = parent.scope;
    in.source = source_;
    style st;
    st.contract = true;
    st.shall = 85, st.should = 10, st.restricts = 8, st.qualified = 5, st.secondary = 12;
    st.designates = 5;
    fill(r, in, provision_count(r), st);
    return in;
  }

  // ------------------------------------------------------------------ text read, reported lacks
  // Shares of the texts read in full, in part and known from descriptions only, per kind, in
  // percent; the rest are not known at all. As in the real corpus: global texts are public and
  // mostly read in full or in part, national laws mostly in part or through descriptions, and
  // bilateral MOUs and their contracts, rarely published, often known only from descriptions.
  struct text_shares {
    unsigned full, partial, described;
  };
  static text_shares shares_of(instrument_kind k) {
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

  // Whether `topic` is `ancestor` or under it.
  static bool within(std::string_view topic, std::string_view ancestor) {
    return topic.size() >= ancestor.size() && topic.substr(0, ancestor.size()) == ancestor &&
           (topic.size() == ancestor.size() || topic[ancestor.size()] == '.');
  }

  // Whether a protecting provision of `in` contradicts the lack (the validator's rule: a clause
  // protecting the worker on the lacked topic, or under it, at a stage the lack covers).
  static bool contradicts(const instrument& in, const reported_lack& l) {
    for (const auto& p : in.provisions)
      for (const auto& te : p.topics) {
        if (te.effect != effect::protects) continue;
        for (std::size_t s = 0; s < enum_names<stage>::values.size(); ++s)
          if (p.stages.contains(static_cast<stage>(s)) && l.covers(te.topic, static_cast<stage>(s)))
            return true;
      }
    return false;
  }

  // Each instrument's `text`, drawn from a stream of its own, so the other parts stay as they
  // were. An instrument of which nothing is known has no provisions; the provisions of one known
  // only from descriptions are coded from them. A third of the bilateral instruments not read in
  // full have one to four topics a (synthetic) review reports them lacking, never one a
  // protecting clause of theirs covers.
  void make_text() {
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

  void add_lacks(stream& r, instrument& in, const std::vector<const norm*>& expected,
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
      l.provenance.level = c < 20   ? confidence::high
                           : c < 70 ? confidence::medium
                                    : confidence::low;
      const bool overlaps = std::any_of(in.lacks.begin(), in.lacks.end(), [&](const auto& o) {
        return within(l.topic, o.topic) || within(o.topic, l.topic);
      });
      if (overlaps || contradicts(in, l)) continue;
      in.lacks.push_back(std::move(l));
    }
  }

  // ------------------------------------------------------------------ actors
  void make_actors() {
    auto& actors = out_.actors;
    auto body = [&](const std::string& state, const std::string& code, std::string name,
                    actor_kind kind) -> actor& {
      actor a;
      a.id = state + "." + code;
      a.name = std::move(name);
      a.kind = kind;
      a.state = state;
      a.source = source_;
      actors.push_back(std::move(a));
      return actors.back();
    };
    std::vector<std::vector<std::string>> embassies(states_.size());
    for (const auto& [o, d] : pairs_) embassies[o].push_back(states_[d].id);
    for (std::size_t s = 0; s < states_.size(); ++s) {
      stream r(o_.seed, part_actors, s);
      const state_info& st = states_[s];
      actor state;
      state.id = st.id;
      state.name = "Synthetic state " + st.id;
      state.kind = actor_kind::state;
      state.source = source_;
      actors.push_back(std::move(state));

      actor& mol = body(st.id, "MOL", "Ministry of Labour", actor_kind::ministry);
      if (st.sends()) mol.oversees.push_back({{}, role::recruitment_agency, "licensing", source_});
      if (st.receives()) mol.oversees.push_back({{}, role::employer, "work permits", source_});
      mol.refers_to.push_back({st.id + ".LI", {emp}, source_});
      mol.receives_complaints = st.sends() ? stage_set{pre, ret} : stage_set{emp};
      if (st.sends() && st.receives()) mol.receives_complaints = stage_set{pre, emp, ret};

      actor& li = body(st.id, "LI", "Labour Inspectorate", actor_kind::department);
      li.oversees.push_back({{}, role::employer, "inspection", source_});
      li.receives_complaints = {emp};

      actor& mofa = body(st.id, "MOFA", "Ministry of Foreign Affairs", actor_kind::ministry);
      for (std::size_t k = 0; k < embassies[s].size() && k < 3; ++k)
        mofa.oversees.push_back({st.id + ".EMB-" + embassies[s][k], {}, "consular", source_});
      for (const auto& d : embassies[s]) {
        actor& e =
            body(st.id, "EMB-" + d, "Embassy in " + d + " (labour attache)", actor_kind::agency);
        e.receives_complaints = {emp, ret};
        e.refers_to.push_back({st.id + ".MOL", {ret}, source_});
      }
      if (st.sends()) {
        const int agencies = r.between(1, 3);
        for (int k = 1; k <= agencies; ++k) {
          actor& a = body(st.id, "RA" + std::to_string(k),
                          "Recruitment agency " + std::to_string(k), actor_kind::agency);
          a.roles = {role::recruitment_agency};
        }
        if (r.percent(50)) {
          actor& a =
              body(st.id, "RAA", "Association of recruitment agencies", actor_kind::association);
          a.roles = {role::employer_organisation};
        }
        if (r.percent(40)) {
          actor& a = body(st.id, "MRC", "Migrant resource centre", actor_kind::service);
          a.receives_complaints = {pre, ret};
          a.refers_to.push_back({st.id + ".MOL", {pre, ret}, source_});
        }
      }
      if (st.receives()) {
        actor& a = body(st.id, "EF", "Employers' federation", actor_kind::association);
        a.roles = {role::employer_organisation};
      }
      if (r.percent(70)) {
        actor& a = body(st.id, "TU", "Trade union centre", actor_kind::union_);
        a.receives_complaints = {emp};
        a.refers_to.push_back({st.id + ".LI", {emp}, source_});
      }
      if (r.percent(50)) {
        actor& a = body(st.id, "NGO", "Migrant workers' support group", actor_kind::ngo);
        a.receives_complaints = stage_set::all();
        a.refers_to.push_back({st.id + ".MOL", {pre, ret}, source_});
      }
    }
    for (std::size_t g = 0; g < regions_n_; ++g) {
      actor a;
      a.id = "REG" + std::to_string(g + 1);
      a.name = "Synthetic regional body " + std::to_string(g + 1);
      a.kind = actor_kind::regional_body;
      a.roles = {role::regional_body};
      a.source = source_;
      actors.push_back(std::move(a));
    }
    for (const char* id : {"IO-LABOUR", "IO-MIGRATION"}) {
      actor a;
      a.id = id;
      a.name = std::string("Synthetic international organisation ") + (id + 3);
      a.kind = actor_kind::international_organisation;
      a.roles = {role::international_organisation};
      a.source = source_;
      actors.push_back(std::move(a));
    }
  }

  // ------------------------------------------------------------------ profiles
  void make_profiles() {
    stream r(o_.seed, part_profiles);
    auto bearer_for = [&](stage s) {
      switch (s) {
        case stage::pre_departure:
          return r.percent(60) ? role::origin_state : role::recruitment_agency;
        case stage::transit:
          return r.percent(70) ? role::origin_state : role::transit_state;
        case stage::employment:
          return r.percent(50) ? role::destination_state : role::employer;
        case stage::return_home:
          return r.percent(70) ? role::origin_state : role::destination_state;
      }
      return role::destination_state;
    };
    auto make = [&](std::string id, std::string title, std::vector<instrument_kind> accepts) {
      profile p;
      p.id = std::move(id);
      p.title = std::move(title);
      p.source = source_;
      p.accepts = std::move(accepts);
      return p;
    };
    std::set<std::pair<std::size_t, int>> seen;
    auto add_norm = [&](profile& p, std::size_t t, stage s, role bearer, strength min) {
      if (!seen.insert({t, static_cast<int>(s)}).second) return;
      p.norms.push_back({topics_[t].id, s, bearer, min, source_, {}});
    };
    auto finish = [&](profile p) {
      seen.clear();
      if (!p.norms.empty()) out_.profiles.push_back(std::move(p));
    };

    // The core standard: every group at every stage it matters, and some precise topics.
    profile core = make("syn-core", "Synthetic core standard", {});
    for (std::size_t g : groups_)
      for (stage s : topics_[g].stages.values())
        add_norm(core, g, s, bearer_for(s), strength::shall);
    for (int k = 0; k < 20; ++k) {
      const std::size_t t = r.pick(leaves_);
      const stage s = any_stage(r, topics_[t].stages);
      add_norm(core, t, s, bearer_for(s), strength::shall);
    }
    finish(std::move(core));

    // What bilateral agreements and their contracts alone must contain.
    profile bilateral =
        make("syn-bilateral-minimum", "Synthetic minimum content of bilateral agreements",
             {instrument_kind::bilateral_agreement, instrument_kind::mou,
              instrument_kind::standard_contract});
    for (int k = 0; k < 30; ++k) {
      const std::size_t t = r.percent(80) ? r.pick(common_) : r.pick(leaves_);
      const stage s = any_stage(r, topics_[t].stages);
      // One draw per statement: the order in which arguments are evaluated is unspecified.
      const role bearer = s == emp ? role::employer : bearer_for(s);
      const strength min = r.percent(70) ? strength::shall : strength::should;
      add_norm(bilateral, t, s, bearer, min);
    }
    finish(std::move(bilateral));

    // One standard per stage.
    struct stage_profile {
      const char* id;
      const char* title;
      stage s;
      int norms;
    };
    for (const auto& sp :
         {stage_profile{"syn-recruitment", "Synthetic fair recruitment", pre, 20},
          stage_profile{"syn-transit", "Synthetic safe transit", tra, 10},
          stage_profile{"syn-employment", "Synthetic decent work", emp, 25},
          stage_profile{"syn-return", "Synthetic return and reintegration", ret, 15}}) {
      profile p = make(sp.id, sp.title, {});
      const auto& pool = leaves_by_stage_[static_cast<int>(sp.s)];
      for (int k = 0; k < sp.norms && !pool.empty(); ++k) {
        const std::size_t t = r.pick(pool);
        const role bearer = bearer_for(sp.s);
        const strength min = r.percent(80) ? strength::shall : strength::should;
        add_norm(p, t, sp.s, bearer, min);
      }
      finish(std::move(p));
    }
  }

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

}  // namespace

synthetic_options synthetic_options::of_size(std::string_view size) {
  synthetic_options o;
  if (size == "M")
    o.instruments = 1000;
  else if (size == "L")
    o.instruments = 10000;
  else if (size == "XL")
    o.instruments = 50000;
  else if (size == "S")
    throw std::invalid_argument(
        "size `S` is the built-in corpus (builtin()), which is not generated; synthetic sizes are "
        "M, L and XL");
  else
    throw std::invalid_argument("unknown synthetic corpus size `" + std::string(size) +
                                "`; valid sizes are M (1,000 instruments), L (10,000) and XL "
                                "(50,000)");
  return o;
}

corpus_content synthetic_content(const synthetic_options& options) {
  return generator(options).run();
}

corpus synthetic_corpus(const synthetic_options& options) {
  return corpus::build(synthetic_content(options));
}

}  // namespace dutymap
