// Synthetic instruments: global conventions and their ratifications, regional declarations,
// national laws and policies, bilateral MOUs and agreements with their revisions and annexed
// contracts.

#include "generator.hpp"

#include <algorithm>
#include <string>
#include <utility>

namespace dutymap::synthetic_parts {

void generator::make_global() {
  // The real mix: conventions, their protocols and recommendations, a few guidelines and
  // declarations.
  static constexpr std::array<instrument_kind, 8> pattern{
      instrument_kind::convention, instrument_kind::recommendation, instrument_kind::convention,
      instrument_kind::convention, instrument_kind::protocol,       instrument_kind::recommendation,
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

void generator::make_ratifications() {
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
      if (r.percent(20)) rec.signed_on = full_date(r, std::max(year - r.between(1, 3), first - 1));
      if (year < 2024 && r.percent(3)) rec.denounced_on = full_date(r, r.between(year + 1, 2024));
      if (!in.provisions.back().part.empty() && r.percent(15))
        rec.excludes = {in.provisions.back().part};
      if (r.percent(3)) rec.limited_to = {rec.state + "-mainland"};
      out_.ratifications.push_back(std::move(rec));
    }
  }
}

void generator::make_regional() {
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

void generator::make_national() {
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

void generator::make_bilateral() {
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
      if (sector >= 0) id += "-" + std::string(sector_specs[static_cast<std::size_t>(sector)].code);
      in.id = unique_id(std::move(id));
      in.title = std::string(agreement ? "Agreement" : "Memorandum of Understanding") +
                 " between " + origin + " and " + destination + " on the employment of workers (" +
                 std::to_string(year) + ")";
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
      st.restricts = 6, st.qualified = 14, st.secondary = 12, st.sector_scoped = sector < 0 ? 6 : 0;
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

std::size_t generator::provision_count(stream& r) {
  return static_cast<std::size_t>(
      r.between(static_cast<int>(o_.min_provisions), static_cast<int>(o_.max_provisions)));
}

void generator::bilateral_provisions(stream& r, instrument& in,
                                     const std::vector<std::size_t>& core, const style& st) {
  const std::size_t count = provision_count(r);
  in.provisions.reserve(count);
  for (std::size_t k = 1; k <= count; ++k) {
    std::optional<std::size_t> topic;
    if (r.percent(70)) topic = core[r.below(core.size())];
    in.provisions.push_back(make_provision(r, in, k, st, topic));
  }
}

instrument generator::contract_of(stream& r, const instrument& parent) {
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

}  // namespace dutymap::synthetic_parts
