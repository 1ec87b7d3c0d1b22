// The key of an exercise written as answers: a perfect answer sheet, with a model clause for each
// open norm.

#include "feedback.hpp"

#include <dutymap/grading.hpp>

namespace dutymap {

using namespace teaching;

namespace {

// A clause elsewhere in the corpus that protects the worker on the topic at the stage at least as
// strongly as asked: from an instrument of a kind the profile accepts when there is one.
const provision* model_clause(const corpus& c, const profile& prof, const std::string& topic,
                              stage s, std::optional<strength> min) {
  const auto t = c.topic_index(topic);
  if (!t) return nullptr;
  const provision* fallback = nullptr;
  for (auto pi : c.provisions_about(*t)) {
    const provision& p = c.provision_at(pi);
    if (!p.stages.contains(s) || p.restricts() || !p.qualifiers.empty()) continue;
    if (min && static_cast<int>(p.strength) < static_cast<int>(*min)) continue;
    if (prof.accepts_kind(c.instruments()[c.instrument_of(pi)].kind)) return &p;
    if (!fallback) fallback = &p;
  }
  return fallback;
}

}  // namespace

std::vector<answer> key_answers(const corpus& c, const exercise& ex) {
  const auto key = resolve_key(c, ex);
  std::vector<answer> out;
  if (ex.tasks.contains(exercise_task::code))
    for (std::size_t i = 0; i < ex.clauses.size(); ++i) {
      answer a;
      a.label = "key clause " + ex.clauses[i].id;
      a.task = exercise_task::code;
      a.clause = ex.clauses[i].id;
      a.topics = key.clauses[i].topics;
      a.effect = key.clauses[i].effect;
      a.modality = key.clauses[i].modality;
      a.bearers = key.clauses[i].bearers;
      a.stages = key.clauses[i].stages;
      out.push_back(std::move(a));
    }
  if (ex.tasks.contains(exercise_task::propose)) {
    // A model clause for each open norm: its topic, stage and bearer at the profile's strength,
    // quoting a protecting clause from elsewhere in the corpus when there is one.
    const profile& prof = c.get_profile(ex.profile);
    for (const auto& g : key.gaps) {
      if (!g.in_profile || g.status == gap_status::conflict) continue;
      answer a;
      a.label = "key proposal " + g.topic;
      a.task = exercise_task::propose;
      a.topics = {g.topic};
      a.stages = {g.stage};
      a.bearers = {g.bearer};
      a.modality = modality::obligation;
      if (const norm* n = find_norm(prof, g.topic, g.stage)) a.strength = n->min_strength;
      if (const provision* model = model_clause(c, prof, g.topic, g.stage, a.strength))
        a.text = "As in " + model->citation() + ": " + model->summary;
      else
        a.text = "The " + std::string(name_of(g.bearer)) + " shall provide for " + g.topic +
                 " at " + std::string(name_of(g.stage)) + ".";
      out.push_back(std::move(a));
    }
  }
  if (ex.tasks.contains(exercise_task::gaps))
    for (const auto& g : key.gaps) {
      answer a;
      a.label = "key gap " + g.topic;
      a.task = exercise_task::gaps;
      a.topics = {g.topic};
      a.stages = {g.stage};
      a.bearers = {g.bearer};
      a.status = g.status;
      out.push_back(std::move(a));
    }
  return out;
}

}  // namespace dutymap
