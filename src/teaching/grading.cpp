// Grading answers to an exercise: credit per item, precision and recall per task, proposals run as
// a scenario, and the feedback of each item.

#include "feedback.hpp"

#include <dutymap/grading.hpp>
#include <dutymap/scenario.hpp>

#include <algorithm>
#include <cmath>
#include <set>

namespace dutymap {

using namespace teaching;

namespace {

bool in_subtree(const std::string& topic, const std::string& root) {
  return topic == root || (topic.size() > root.size() && topic.compare(0, root.size(), root) == 0 &&
                           topic[root.size()] == '.');
}

bool related(const std::string& a, const std::string& b) {
  return in_subtree(a, b) || in_subtree(b, a);
}

// Soft overlap of two topic lists: a parent or child of a key topic counts half.
double topic_overlap(const std::vector<std::string>& given, const std::vector<std::string>& key) {
  if (given.empty() && key.empty()) return 1;
  double matched = 0;
  std::vector<bool> used(key.size(), false);
  // Exact matches first, then related ones.
  for (int pass = 0; pass < 2; ++pass)
    for (const auto& g : given)
      for (std::size_t k = 0; k < key.size(); ++k) {
        if (used[k]) continue;
        const bool exact = g == key[k];
        if (pass == 0 ? exact : (!exact && related(g, key[k]))) {
          if (pass == 1 && std::find(key.begin(), key.end(), g) != key.end()) break;
          used[k] = true;
          matched += pass == 0 ? 1.0 : 0.5;
          break;
        }
      }
  const double unio = static_cast<double>(given.size() + key.size()) - matched;
  return unio <= 0 ? 1 : matched / unio;
}

template <class E>
double set_overlap(flag_set<E> given, flag_set<E> key) {
  if (given.empty() && key.empty()) return 1;
  const auto both = flag_set<E>::from_bits(given.bits() & key.bits()).size();
  const auto either = flag_set<E>::from_bits(given.bits() | key.bits()).size();
  return static_cast<double>(both) / static_cast<double>(either);
}

std::string verdict_of(double credit) {
  return credit >= 1 - 1e-9 ? "right" : credit > 0 ? "partly right" : "wrong";
}

// Rounds away binary noise so that scores read (and compare) as the sums they are.
double clean(double x) {
  return std::round(x * 1e9) / 1e9;
}

task_grade totals(exercise_task t, const std::vector<item_grade>& items, std::size_t key_items,
                  std::size_t answered) {
  task_grade g;
  g.task = t;
  g.key_items = key_items;
  g.answered = answered;
  double credit = 0;
  for (const auto& i : items) {
    if (i.task != t) continue;
    if (i.verdict == "right" || i.verdict == "closes") ++g.right;
    if (i.verdict == "partly right") ++g.partly;
    if (!i.answer.empty() && !i.item.empty()) credit += i.credit;
  }
  g.precision = answered ? clean(credit / static_cast<double>(answered)) : (key_items ? 0 : 1);
  g.recall = key_items ? clean(credit / static_cast<double>(key_items)) : 1;
  g.f1 = (answered + key_items) ? clean(2 * credit / static_cast<double>(answered + key_items)) : 1;
  g.score = g.f1;
  return g;
}

// Credit for a listed gap matched to a key item (topic related to the key's), with the mistakes.
double gap_credit(const expected_gap& kg, const answer& a, const grading_weights& w,
                  std::vector<std::string>* mistakes = nullptr) {
  auto wrong = [&](const char* what, std::string_view gave, std::string_view key) {
    if (mistakes)
      mistakes->push_back(std::string(what) + ": gave " + std::string(gave) + ", key " +
                          std::string(key));
  };
  const std::string& topic = a.topics.front();
  double credit = topic == kg.topic ? w.gap_topic : w.gap_topic / 2;
  if (topic != kg.topic) wrong("topic", topic, kg.topic);
  const stage s = a.stages.values().front();
  if (s == kg.stage)
    credit += w.gap_stage;
  else
    wrong("stage", name_of(s), name_of(kg.stage));
  if (!a.bearers.empty() && a.bearers.values().front() == kg.bearer)
    credit += w.gap_bearer;
  else
    wrong("bearer", a.bearers.empty() ? "none" : name_of(a.bearers.values().front()),
          name_of(kg.bearer));
  const gap_status said = a.status.value_or(gap_status::gap);
  if (said == kg.status)
    credit += w.gap_status;
  else
    wrong("status", name_of(said), name_of(kg.status));
  return clean(credit);
}

}  // namespace

grade_result grade(const corpus& c, const exercise& ex, const std::vector<answer>& answers,
                   const grading_weights& w) {
  const exercise_key key = resolve_key(c, ex);
  const profile& prof = c.get_profile(ex.profile);
  grade_result result;
  result.exercise = ex.id;

  // Coding: one item per clause.
  if (ex.tasks.contains(exercise_task::code)) {
    std::size_t key_codes = 0, given_codes = 0, right_codes = 0, answered = 0;
    for (std::size_t i = 0; i < ex.clauses.size(); ++i) {
      const auto& cl = ex.clauses[i];
      const clause_coding& k = key.clauses[i];
      key_codes += k.topics.size() + k.bearers.size() + k.stages.size() + 2;
      item_grade g;
      g.task = exercise_task::code;
      g.item = cl.id;
      auto it = std::find_if(answers.begin(), answers.end(), [&](const answer& a) {
        return a.task == exercise_task::code && a.clause == cl.id;
      });
      const std::string clause_words = "Clause `" + cl.id + "`" +
                                       (cl.where.empty() ? "" : " (" + cl.where + ")") + ", " +
                                       quoted(cl.text);
      const std::string key_words = "The key codes it as " + describe(k) + ".";
      std::string why = cl.explanation.empty() ? "" : " " + cl.explanation;
      std::string cite;
      if (!cl.provision.empty()) {
        cite = source_of(c, cl.provision);
        g.cites.push_back(cl.provision);
      }
      const std::string source_words = cite.empty() ? "" : " Source: " + cite + ".";
      if (it == answers.end() || !it->answered()) {
        if (it != answers.end()) g.answer = it->label;
        g.verdict = "missed";
        g.feedback = clause_words + ": not coded. " + key_words + why + source_words;
        result.items.push_back(std::move(g));
        continue;
      }
      ++answered;
      const answer& a = *it;
      g.answer = a.label;
      const effect given_effect = a.effect.value_or(effect::protects);
      given_codes +=
          a.topics.size() + a.bearers.size() + a.stages.size() + 1 + (a.modality ? 1 : 0);
      for (const auto& t : a.topics) right_codes += std::count(k.topics.begin(), k.topics.end(), t);
      right_codes += flag_set<role>::from_bits(a.bearers.bits() & k.bearers.bits()).size();
      right_codes += flag_set<stage>::from_bits(a.stages.bits() & k.stages.bits()).size();
      right_codes += given_effect == k.effect;
      right_codes += a.modality == k.modality;

      const double t = topic_overlap(a.topics, k.topics);
      const double s = set_overlap(a.stages, k.stages);
      const double b = set_overlap(a.bearers, k.bearers);
      g.credit =
          clean(w.topics * t + w.stages * s + w.bearers * b +
                w.effect * (given_effect == k.effect) + w.modality * (a.modality == k.modality));
      if (t < 1) g.mistakes.push_back("topics: gave " + join(a.topics) + ", key " + join(k.topics));
      if (s < 1)
        g.mistakes.push_back("stages: gave " + set_names(a.stages) + ", key " +
                             set_names(k.stages));
      if (b < 1)
        g.mistakes.push_back("bearers: gave " + set_names(a.bearers) + ", key " +
                             set_names(k.bearers));
      if (given_effect != k.effect)
        g.mistakes.push_back("effect: gave " + std::string(name_of(given_effect)) + ", key " +
                             std::string(name_of(k.effect)) +
                             (k.effect == effect::restricts
                                  ? " (the clause limits what the worker may do or puts "
                                    "a cost on the worker)"
                                  : " (the clause protects the worker)"));
      if (a.modality != k.modality)
        g.mistakes.push_back("modality: gave " +
                             std::string(a.modality ? name_of(*a.modality) : "none") + ", key " +
                             std::string(name_of(k.modality)));
      g.verdict = verdict_of(g.credit);
      g.feedback = clause_words + ": " + g.verdict + ".";
      if (!g.mistakes.empty()) g.feedback += " " + join(g.mistakes, "; ") + ".";
      g.feedback += " " + key_words + why + source_words;
      result.items.push_back(std::move(g));
    }
    task_grade tg;
    tg.task = exercise_task::code;
    tg.key_items = ex.clauses.size();
    tg.answered = answered;
    double credit = 0;
    for (const auto& i : result.items)
      if (i.task == exercise_task::code) {
        credit += i.credit;
        tg.right += i.verdict == "right";
        tg.partly += i.verdict == "partly right";
      }
    tg.score = ex.clauses.empty() ? 1 : clean(credit / static_cast<double>(ex.clauses.size()));
    tg.precision = given_codes ? clean(static_cast<double>(right_codes) / given_codes) : 0;
    tg.recall = key_codes ? clean(static_cast<double>(right_codes) / key_codes) : 1;
    tg.f1 = (given_codes + key_codes)
                ? clean(2.0 * static_cast<double>(right_codes) / (given_codes + key_codes))
                : 1;
    result.tasks.push_back(tg);
  }

  // The gap list: key items matched one to one with the rows that fit them best.
  auto row_of = [&](const std::string& topic, stage s) { return key.report.find(topic, s); };
  if (ex.tasks.contains(exercise_task::gaps)) {
    std::vector<const answer*> given;
    for (const auto& a : answers)
      if (a.task == exercise_task::gaps && !a.topics.empty() && !a.stages.empty())
        given.push_back(&a);
    struct pairing {
      double credit;
      std::size_t k, a;
    };
    std::vector<pairing> pairs;
    for (std::size_t k = 0; k < key.gaps.size(); ++k)
      for (std::size_t a = 0; a < given.size(); ++a) {
        const auto& kg = key.gaps[k];
        const answer& ga = *given[a];
        if (!related(ga.topics.front(), kg.topic)) continue;
        pairs.push_back({gap_credit(kg, ga, w), k, a});
      }
    std::stable_sort(pairs.begin(), pairs.end(),
                     [](const pairing& x, const pairing& y) { return x.credit > y.credit; });
    std::vector<int> match_of_key(key.gaps.size(), -1), match_of_answer(given.size(), -1);
    for (const auto& p : pairs)
      if (match_of_key[p.k] < 0 && match_of_answer[p.a] < 0) {
        match_of_key[p.k] = static_cast<int>(p.a);
        match_of_answer[p.a] = static_cast<int>(p.k);
      }
    for (std::size_t k = 0; k < key.gaps.size(); ++k) {
      const auto& kg = key.gaps[k];
      item_grade g;
      g.task = exercise_task::gaps;
      g.item = kg.topic + " @ " + std::string(name_of(kg.stage));
      const gap_row* row = row_of(kg.topic, kg.stage);
      const norm* n = find_norm(prof, kg.topic, kg.stage);
      std::string what = norm_words(kg.topic, kg.stage, kg.bearer) + " is " +
                         std::string(name_of(kg.status)) + " in this case";
      std::string because = kg.explanation.empty() && row ? row->explanation : kg.explanation;
      std::string norm_source = n ? " The norm: profile `" + prof.id + "`" +
                                        (n->source.empty() ? "" : ", " + n->source) + "."
                                  : "";
      if (n && !n->source.empty()) g.cites.push_back(n->source);
      if (row)
        for (const auto& d : row->decided_by) g.cites.push_back(d.provision);
      std::string decided;
      if (row && !row->decided_by.empty()) {
        std::vector<std::string> cites;
        for (const auto& d : row->decided_by)
          cites.push_back(d.citation + " " + quoted(d.summary, 90));
        decided = " Decided by " + join(cites, "; ") + ".";
      }
      if (match_of_key[k] < 0) {
        g.verdict = "missed";
        g.feedback = "Missed: " + what + ". " + because + decided + norm_source;
        result.items.push_back(std::move(g));
        continue;
      }
      const answer& a = *given[static_cast<std::size_t>(match_of_key[k])];
      g.answer = a.label;
      g.credit = gap_credit(kg, a, w, &g.mistakes);
      g.verdict = verdict_of(g.credit);
      g.feedback = (g.verdict == "right" ? "Right: " : "Partly right: ") + what + ".";
      if (!g.mistakes.empty()) g.feedback += " " + join(g.mistakes, "; ") + ".";
      g.feedback += " " + because + decided + norm_source;
      // Telling a verified absence from a text nobody has read is the point of `unknown`.
      const gap_status said = a.status.value_or(gap_status::gap);
      if (row && said != kg.status &&
          (said == gap_status::unknown || kg.status == gap_status::unknown))
        g.feedback += " " + absence_words(*row);
      result.items.push_back(std::move(g));
    }
    for (std::size_t a = 0; a < given.size(); ++a) {
      if (match_of_answer[a] >= 0) continue;
      const answer& ga = *given[a];
      item_grade g;
      g.task = exercise_task::gaps;
      g.answer = ga.label;
      g.verdict = "extra";
      const std::string& topic = ga.topics.front();
      const stage s = ga.stages.values().front();
      g.item = topic + " @ " + std::string(name_of(s));
      const gap_row* row = row_of(topic, s);
      if (row && row->in_profile && !is_listed_gap(row->status)) {
        std::vector<std::string> cites;
        for (const auto& d : row->decided_by) {
          cites.push_back(d.citation + " " + quoted(d.summary, 90));
          g.cites.push_back(d.provision);
        }
        g.feedback = "Not a gap: `" + topic + "` at " + std::string(name_of(s)) + " is " +
                     std::string(name_of(row->status)) + " in this case. " + row->explanation +
                     (cites.empty() ? "" : " Covered by " + join(cites, "; ") + ".");
      } else if (find_norm(prof, topic, s)) {
        g.feedback = "Not listed by the key: `" + topic + "` at " + std::string(name_of(s)) +
                     " is a norm of profile `" + prof.id + "`, but the key does not count it open.";
      } else {
        g.feedback = "Not a gap: `" + topic + "` at " + std::string(name_of(s)) +
                     " is not a norm of profile `" + prof.id +
                     "`, and the case does not restrict the worker on it.";
      }
      result.items.push_back(std::move(g));
    }
    result.tasks.push_back(
        totals(exercise_task::gaps, result.items, key.gaps.size(), given.size()));
  }

  // Proposals: run as a draft instrument beside the case, to see which open norms they close.
  if (ex.tasks.contains(exercise_task::propose)) {
    std::vector<const answer*> proposals;
    for (const auto& a : answers)
      if (a.task == exercise_task::propose && a.answered()) proposals.push_back(&a);
    std::vector<const expected_gap*> closable;
    for (const auto& g : key.gaps)
      if (g.in_profile && g.status != gap_status::conflict) closable.push_back(&g);
    instrument draft;
    draft.id = "your-proposals";
    draft.title = "Clauses proposed for exercise " + ex.id;
    draft.kind = instrument_kind::mou;
    draft.level = level::bilateral;
    draft.binding = false;
    draft.parties = {ex.corridor.origin, ex.corridor.destination};
    if (!ex.instruments.empty()) {
      // The proposals amend the case: they share its kind, level, force and parties.
      const instrument& base = c.get_instrument(ex.instruments.front());
      draft.kind = base.kind;
      draft.level = base.level;
      draft.binding = base.binding;
      draft.parties = base.parties;
      draft.region = base.region;
      draft.scope = base.scope;
      draft.adopted = base.effective();
      draft.expires = base.expires;
    }
    if (!draft.adopted) draft.adopted = ex.corridor.as_of;
    draft.source = "proposals graded for exercise " + ex.id;
    for (std::size_t i = 0; i < proposals.size(); ++i) {
      const answer& a = *proposals[i];
      provision p;
      p.instrument = draft.id;
      p.id = draft.id + ":p" + std::to_string(i + 1);
      p.article = "proposal " + std::to_string(i + 1);
      p.summary = !a.text.empty() ? a.text
                                  : "Proposed: " + join(a.topics) + " at " + set_names(a.stages) +
                                        ", borne by " + set_names(a.bearers) + ".";
      p.modality = a.modality.value_or(modality::obligation);
      p.strength = a.strength.value_or(strength::shall);
      p.bearers = a.bearers;
      p.stages = a.stages;
      for (const auto& t : a.topics) p.topics.push_back({t, a.effect.value_or(effect::protects)});
      // The proposal is its own text.
      p.provenance.from = coded_from::text;
      p.provenance.source = "proposal in " + a.label;
      draft.provisions.push_back(std::move(p));
    }
    std::vector<std::set<std::size_t>> closes(proposals.size());
    gap_report after;
    if (!proposals.empty()) {
      scenario sc(c);
      if (key.draft) sc.put_instrument(*key.draft);
      sc.put_instrument(draft);
      gap_options o;
      o.beyond_profile = false;
      o.judge_scope = false;
      o.only_instruments = key.judged;
      o.only_instruments.push_back(draft.id);
      after = sc.gaps(ex.corridor, ex.profile, o);
      for (std::size_t k = 0; k < closable.size(); ++k) {
        const gap_row* r = after.find(closable[k]->topic, closable[k]->stage);
        if (!r || is_listed_gap(r->status)) continue;
        for (const auto& d : r->decided_by)
          if (d.instrument == draft.id) {
            const std::size_t i = std::stoul(d.provision.substr(draft.id.size() + 2)) - 1;
            closes[i].insert(k);
          }
      }
    }
    std::set<std::size_t> closed;
    for (std::size_t i = 0; i < proposals.size(); ++i) {
      const answer& a = *proposals[i];
      item_grade g;
      g.task = exercise_task::propose;
      g.answer = a.label;
      g.item = "proposal " + std::to_string(i + 1);
      const std::string said = "Proposal " + std::to_string(i + 1) +
                               (a.text.empty() ? "" : " " + quoted(a.text)) + " (" +
                               join(a.topics) + ", " +
                               std::string(name_of(a.strength.value_or(strength::shall))) +
                               ", at " + set_names(a.stages) + ")";
      if (!closes[i].empty()) {
        std::vector<std::string> which;
        for (auto k : closes[i]) {
          const auto& kg = *closable[k];
          const gap_row* r = after.find(kg.topic, kg.stage);
          which.push_back(norm_words(kg.topic, kg.stage, kg.bearer) + " (" +
                          std::string(name_of(kg.status)) + " -> " +
                          std::string(name_of(r->status)) + ")");
          closed.insert(k);
          if (const norm* n = find_norm(prof, kg.topic, kg.stage); n && !n->source.empty())
            g.cites.push_back(n->source);
        }
        g.credit = 1;
        g.verdict = "closes";
        g.feedback = said + " closes " + join(which, "; ") + ".";
      } else {
        g.verdict = "closes nothing";
        std::vector<std::string> why;
        for (const auto* kg : closable)
          for (const auto& t : a.topics)
            if (related(t, kg->topic) && a.stages.contains(kg->stage)) {
              const gap_row* r = after.find(kg->topic, kg->stage);
              const bool same = !r || r->status == kg->status;
              why.push_back(norm_words(kg->topic, kg->stage, kg->bearer) +
                            (same ? " stays " : " becomes ") +
                            std::string(r ? name_of(r->status) : name_of(kg->status)) +
                            (r ? ": " + r->explanation : std::string()));
            }
        g.feedback = said + " closes no gap of the key. " +
                     (why.empty() ? "No open norm of profile `" + prof.id + "` is about " +
                                        join(a.topics) + " at " + set_names(a.stages) + "."
                                  : join(why, " "));
      }
      result.items.push_back(std::move(g));
    }
    task_grade tg;
    tg.task = exercise_task::propose;
    tg.key_items = closable.size();
    tg.answered = proposals.size();
    for (const auto& i : result.items)
      if (i.task == exercise_task::propose) tg.right += i.verdict == "closes";
    tg.precision = proposals.empty() ? (closable.empty() ? 1 : 0)
                                     : clean(static_cast<double>(tg.right) / proposals.size());
    tg.recall = closable.empty() ? 1 : clean(static_cast<double>(closed.size()) / closable.size());
    tg.f1 = tg.precision + tg.recall > 0
                ? clean(2 * tg.precision * tg.recall / (tg.precision + tg.recall))
                : 0;
    tg.score = tg.f1;
    result.tasks.push_back(tg);
  }

  double sum = 0;
  for (const auto& t : result.tasks) sum += t.score;
  result.score =
      result.tasks.empty() ? 0 : clean(100 * sum / static_cast<double>(result.tasks.size()));
  return result;
}

}  // namespace dutymap
