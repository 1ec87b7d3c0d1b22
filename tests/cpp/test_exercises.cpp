// Training exercises: the format and its checks, the built-in exercises and their keys, grading.

#include "support.hpp"

using namespace dutymap;
using Catch::Matchers::Contains;

namespace {

std::string all(const std::vector<problem>& ps) {
  std::string s;
  for (const auto& p : ps) s += p.str() + "\n";
  return s;
}

std::vector<answer> answers_from_csv(const std::string& csv, const exercise& ex) {
  return read_answers(parse_answer_csv(csv, "answers.csv"), builtin(), ex, "answers.csv");
}

const item_grade& item(const grade_result& r, exercise_task t, const std::string& id) {
  for (const auto& i : r.items)
    if (i.task == t && i.item == id) return i;
  FAIL("no graded item " << id);
  throw std::logic_error("unreachable");
}

// Problems of an exercise file in memory, judged against the built-in corpus.
std::vector<problem> exercise_problems(const std::string& yaml) {
  return check_exercise(source_file{"ex.yaml", yaml}, builtin());
}

const std::string minimal_exercise =
    "exercise:\n"
    "  id: draft\n"
    "  title: A draft\n"
    "  brief: Code it.\n"
    "  corridor: {origin: KHM, destination: THA, as_of: 2020-01-01}\n"
    "  profile: khm-lmp-2014-mou-minimum\n"
    "  tasks: [code, gaps, propose]\n"
    "  clauses:\n"
    "    - id: rest\n"
    "      text: One day off a week.\n"
    "      key:\n"
    "        topics: [working_time.weekly_rest]\n"
    "        modality: right\n"
    "        bearers: [employer]\n"
    "        stages: [employment]\n"
    "    - id: fees\n"
    "      text: The worker repays the agency's costs from her wages.\n"
    "      key:\n"
    "        topics: [recruitment.fees]\n"
    "        effect: restricts\n"
    "        modality: obligation\n"
    "        bearers: [worker]\n"
    "        stages: [employment]\n";

}  // namespace

TEST_CASE("the built-in exercises read cleanly, rise in difficulty and cover the seeds' cases",
          "[exercises]") {
  const auto& all_ex = builtin_exercises();
  REQUIRE(all_ex.size() >= 4);
  std::vector<std::string> ids;
  for (const auto& ex : all_ex) ids.push_back(ex.id);
  CHECK(ids == std::vector<std::string>{"khm-tha-2015-mou", "khm-mys-2015-gw", "khm-mys-2015-dw",
                                        "khm-subdecree-190-agencies"});
  for (std::size_t i = 1; i < all_ex.size(); ++i) CHECK(all_ex[i - 1].level < all_ex[i].level);
  for (const auto& f : builtin_exercise_sources()) CHECK(check_exercise(f, builtin()).empty());
  CHECK(builtin_exercise("khm-mys-2015-dw").clauses.size() == 12);
  CHECK_THROWS_WITH(builtin_exercise("khm-mys-2015-wd"), Contains("khm-mys-2015-dw"));
}

TEST_CASE("the keys of the built-in exercises agree with the corpus's coding", "[exercises]") {
  for (const auto& ex : builtin_exercises()) {
    INFO(ex.id);
    const auto disagreements = key_disagreements(builtin(), ex);
    INFO(all(disagreements));
    CHECK(disagreements.empty());
    // Every clause has a hand key and an explanation, and the gap list is given by hand too, so
    // this check compares two independent statements.
    for (const auto& cl : ex.clauses) {
      CHECK(cl.key.has_value());
      CHECK_FALSE(cl.explanation.empty());
    }
    REQUIRE(ex.gaps.has_value());
    for (const auto& g : *ex.gaps) CHECK_FALSE(g.explanation.empty());
  }
}

TEST_CASE("a hand key that drifts from the corpus is reported at its place", "[exercises]") {
  auto ex = builtin_exercise("khm-mys-2015-dw");
  ex.clauses[4].key->stages = {stage::pre_departure};  // passport
  ex.clauses[10].key->effect = effect::protects;       // one-employer
  (*ex.gaps)[0].status = gap_status::weak;
  ex.gaps->pop_back();
  const auto ps = key_disagreements(builtin(), ex);
  INFO(all(ps));
  REQUIRE(ps.size() == 4);
  CHECK_THAT(ps[0].message, Contains("clause `passport`: the key gives stages pre_departure but "
                                     "the corpus codes mou-khm-mys-2015-dw-contract:appendix-b-"
                                     "passport at employment"));
  CHECK(ps[0].file == "exercises/03-khm-mys-2015-dw.yaml");
  CHECK(ps[0].line == ex.clauses[4].line);
  CHECK_THAT(ps[1].message, Contains("clause `one-employer`: the key says it protects"));
  CHECK_THAT(ps[2].message, Contains("the key says `recruitment.fees` at pre_departure is weak, "
                                     "the analysis of the case says unknown"));
  CHECK_THAT(ps[3].message, Contains("finds `repatriation.cost` at return conflict, but the key's "
                                     "gap list leaves it out"));
}

TEST_CASE("the gap keys say what the LMP review says about the MOUs", "[exercises]") {
  auto listed = [](const std::string& id) {
    std::vector<std::string> out;
    for (const auto& g : resolve_key(builtin(), builtin_exercise(id)).gaps)
      out.push_back(g.topic + " " + std::string(name_of(g.status)));
    return out;
  };
  // Seed 001, item 3.3: the Thai MOU lacks five of the protections (gaps); of the other five
  // nothing is known (its text is not public), so they are unknown, not gaps.
  const auto tha = listed("khm-tha-2015-mou");
  CHECK(tha.size() == 10);
  CHECK(std::count_if(tha.begin(), tha.end(), [](const std::string& s) {
          return s.size() > 4 && s.compare(s.size() - 4, 4, " gap") == 0;
        }) == 5);
  CHECK(std::count(tha.begin(), tha.end(), "working_time.weekly_rest gap") == 1);
  CHECK(std::count(tha.begin(), tha.end(), "recruitment.fees unknown") == 1);
  // Item 3.2: Appendix A has hours, rest day, pay schedule, overtime, insurance, passport; it
  // lacks minimum wages, portability and skills certification. The review says every MOU lacks
  // portability (a gap); of the MOU body's other clauses nothing is known (unknown).
  const auto gw = listed("khm-mys-2015-gw");
  CHECK(std::count(gw.begin(), gw.end(), "wages.minimum unknown") == 1);
  CHECK(std::count(gw.begin(), gw.end(), "social_security.portability gap") == 1);
  CHECK(std::count(gw.begin(), gw.end(), "working_time.hours gap") == 0);
  CHECK(std::count(gw.begin(), gw.end(), "working_time.weekly_rest gap") == 0);
  // Item 3.2: the DW contract's worrying clauses are conflicts.
  const auto dw = listed("khm-mys-2015-dw");
  CHECK(std::count(dw.begin(), dw.end(), "mobility.change_employer conflict") == 1);
  CHECK(std::count(dw.begin(), dw.end(), "repatriation.cost conflict") == 1);
  CHECK(std::count(dw.begin(), dw.end(), "working_time.hours unknown") == 1);
  CHECK(dw.size() == 10);
}

TEST_CASE("a perfect answer gets full marks and an empty one none", "[exercises]") {
  for (const auto& ex : builtin_exercises()) {
    INFO(ex.id);
    const auto perfect = grade(builtin(), ex, key_answers(builtin(), ex));
    CHECK(perfect.score == 100);
    for (const auto& t : perfect.tasks) {
      INFO(name_of(t.task));
      if (t.task == exercise_task::propose) continue;  // the key proposes nothing
      CHECK(t.score == 1);
      CHECK(t.precision == 1);
      CHECK(t.recall == 1);
      CHECK(t.f1 == 1);
    }
    const auto empty = grade(builtin(), ex, {});
    CHECK(empty.score == 0);
    for (const auto& t : empty.tasks) CHECK(t.score == 0);
  }
  // A perfect answer in the exercise without proposals is 100 with every item right.
  const auto& gw = builtin_exercise("khm-mys-2015-gw");
  const auto r = grade(builtin(), gw, key_answers(builtin(), gw));
  for (const auto& i : r.items) CHECK(i.verdict == "right");
}

TEST_CASE("a realistic partial answer earns exact partial credit with explained feedback",
          "[exercises]") {
  const auto& ex = builtin_exercise("khm-mys-2015-dw");
  const std::string csv =
      "task,clause,topics,effect,modality,bearers,stages,status,strength,text\n"
      "code,passport,documents.worker_keeps_passport,protects,right,employer,employment,,,\n"
      "code,rest-day,working_time.weekly_rest,,right,employer,employment,,,\n"
      "code,one-employer,mobility.change_employer,protects,prohibition,worker,employment,,,\n"
      "code,return-fare,repatriation.cost,restricts,obligation,employer,employment,,,\n"
      "code,no-deduction,wages,protects,obligation,employer,employment,,,\n"
      "code,insurance,,,,,,,,\n"
      "gaps,,wages.minimum,,,employer,employment,gap,,\n"
      "gaps,,working_time.hours,,,destination_state,employment,gap,,\n"
      "gaps,,mobility.change_employer,,,worker,employment,conflict,,\n"
      "gaps,,working_time.weekly_rest,,,employer,employment,,,\n"
      "gaps,,social_security,,,destination_state,employment,gap,,\n"
      "propose,,wages.minimum,,obligation,employer,employment,,shall,\"The employer pays at "
      "least the minimum wage, in full.\"\n"
      "propose,,recruitment.fees,,prohibition,recruitment_agency,pre_departure,,may,Agencies "
      "may not charge fees.\n"
      "propose,,working_time.weekly_rest,,right,employer,employment,,,A day off each week.\n";
  const auto r = grade(builtin(), ex, answers_from_csv(csv, ex));

  // Coding: (1 + 1 + 0.9 + 0.6 + (0.4/3 + 0.5)) / 12.
  const auto* code = r.task(exercise_task::code);
  REQUIRE(code);
  CHECK(code->score == Approx((1 + 1 + 0.9 + 0.6 + 0.4 / 3 + 0.5) / 12));
  CHECK(code->answered == 5);
  CHECK(code->right == 2);
  CHECK(code->partly == 3);
  CHECK(code->precision == Approx(20.0 / 25));  // codes given: 25, right: 20
  CHECK(code->recall == Approx(20.0 / 65));     // codes in the key: 65
  CHECK(code->f1 == Approx(40.0 / 90));
  const auto& one_employer = item(r, exercise_task::code, "one-employer");
  CHECK(one_employer.credit == Approx(0.9));
  CHECK(one_employer.verdict == "partly right");
  CHECK_THAT(one_employer.feedback,
             Contains("Clause `one-employer` (Appendix B), \"The domestic worker shall not work "
                      "for anyone but the employer named in the contract.\": partly right. "
                      "effect: gave protects, key restricts"));
  CHECK_THAT(one_employer.feedback,
             Contains("Source: mou-khm-mys-2015-dw-contract Appendix B (coded from a secondary "
                      "source: seed 001_f9b74ad6f969ad03.txt"));
  const auto& fare = item(r, exercise_task::code, "return-fare");
  CHECK(fare.credit == Approx(0.6));
  CHECK(fare.mistakes == std::vector<std::string>{"stages: gave employment, key return",
                                                  "bearers: gave employer, key worker"});
  CHECK(item(r, exercise_task::code, "insurance").verdict == "missed");
  CHECK_THAT(item(r, exercise_task::code, "no-deduction").mistakes.front(),
             Contains("topics: gave wages, key wages.no_unlawful_deduction"));

  // Gaps: credits 0.85 + 0.7 + 1 + 0.75 over 5 rows given and 10 in the key. Minimum wage and
  // hours are `unknown` in the key (the MOU's own text was not read): calling them gaps costs
  // the status's share, and the feedback says why.
  const auto* gaps = r.task(exercise_task::gaps);
  REQUIRE(gaps);
  CHECK(gaps->precision == Approx(3.3 / 5));
  CHECK(gaps->recall == Approx(3.3 / 10));
  CHECK(gaps->f1 == Approx(6.6 / 15));
  CHECK(gaps->score == gaps->f1);
  const auto& wage = item(r, exercise_task::gaps, "wages.minimum @ employment");
  CHECK(wage.credit == Approx(0.85));
  CHECK(wage.mistakes == std::vector<std::string>{"status: gave gap, key unknown"});
  CHECK_THAT(wage.feedback, Contains("mou-khm-mys-2015-dw (text: described) was not read in full "
                                     "and no source reports it lacking: the absence is not "
                                     "verified, so the answer is `unknown`, not `gap`."));
  const auto& hours = item(r, exercise_task::gaps, "working_time.hours @ employment");
  CHECK(hours.credit == Approx(0.7));
  CHECK(hours.mistakes == std::vector<std::string>{"bearer: gave destination_state, key employer",
                                                   "status: gave gap, key unknown"});
  CHECK_THAT(hours.feedback, Contains("The norm: profile `khm-lmp-2014-mou-minimum`"));
  const auto& portability =
      item(r, exercise_task::gaps, "social_security.portability @ employment");
  CHECK(portability.credit == Approx(0.75));
  const auto& rest = item(r, exercise_task::gaps, "working_time.weekly_rest @ employment");
  CHECK(rest.verdict == "extra");
  CHECK_THAT(rest.feedback, Contains("Not a gap: `working_time.weekly_rest` at employment is "
                                     "committed in this case."));
  CHECK_THAT(rest.feedback, Contains("mou-khm-mys-2015-dw-contract Appendix B"));
  const auto& missed = item(r, exercise_task::gaps, "repatriation.cost @ return");
  CHECK(missed.verdict == "missed");
  CHECK_THAT(missed.feedback, Contains("Missed: `repatriation.cost` at return, owed by worker is "
                                       "conflict in this case."));
  CHECK_THAT(missed.feedback, Contains("pay her own fare home"));

  // Proposals: the minimum wage clause closes its gap; a "may" clause is too weak; the rest day
  // was not open.
  const auto* propose = r.task(exercise_task::propose);
  REQUIRE(propose);
  CHECK(propose->right == 1);
  CHECK(propose->precision == Approx(1.0 / 3));
  CHECK(propose->recall == Approx(1.0 / 8));
  CHECK(propose->f1 == Approx(2.0 / 11));
  CHECK_THAT(item(r, exercise_task::propose, "proposal 1").feedback,
             Contains("closes `wages.minimum` at employment, owed by employer (unknown -> "
                      "committed)"));
  CHECK_THAT(item(r, exercise_task::propose, "proposal 2").feedback,
             Contains("`recruitment.fees` at pre_departure, owed by origin_state becomes weak"));
  CHECK_THAT(item(r, exercise_task::propose, "proposal 3").feedback,
             Contains("No open norm of profile `khm-lmp-2014-mou-minimum` is about "
                      "working_time.weekly_rest"));

  CHECK(r.score ==
        Approx(100 * ((1 + 1 + 0.9 + 0.6 + 0.4 / 3 + 0.5) / 12 + 6.6 / 15 + 2.0 / 11) / 3));
}

TEST_CASE("a malformed answer sheet gets every problem with its row and column", "[exercises]") {
  const auto& ex = builtin_exercise("khm-mys-2015-dw");
  auto problems_of = [&](const std::string& csv) {
    try {
      answers_from_csv(csv, ex);
    } catch (const exercise_error& e) {
      return e.problems();
    }
    return std::vector<problem>{};
  };
  auto ps = problems_of(
      "task,clause,topics,stages\n"
      "code,passport,documents.worker_keeps_pasport,employment\n"
      "code,pasport,,\n"
      "gap,,wages.minimum,employment\n"
      "gaps,,wages.minimum,employmnt\n"
      "code,passport,,\n");
  INFO(all(ps));
  REQUIRE(ps.size() == 5);
  CHECK(ps[0].str() ==
        "answers.csv:2:15: row 1, column `topics`: unknown topic "
        "`documents.worker_keeps_pasport`; did you mean `documents.worker_keeps_passport`?");
  CHECK_THAT(ps[1].str(), Contains("answers.csv:3:6: row 2, column `clause`: unknown clause "
                                   "`pasport`; did you mean `passport`?"));
  CHECK_THAT(ps[2].str(), Contains("answers.csv:4:1: row 3, column `task`: unknown task `gap`; "
                                   "did you mean `gaps`?"));
  CHECK_THAT(ps[3].str(), Contains("row 4, column `stages`: unknown stage `employmnt`; did you "
                                   "mean `employment`?"));
  CHECK_THAT(ps[4].str(), Contains("row 5, column `clause`: clause `passport` is coded twice"));

  ps = problems_of("task,clause,topcs\ncode,passport,x\n");
  REQUIRE(ps.size() == 1);
  CHECK(ps[0].str() ==
        "answers.csv:1:13: unknown column `topcs`; did you mean `topics`? "
        "(columns: task, clause, text, topics, effect, modality, bearers, stages, "
        "status, strength; columns named note... are kept for the trainee and not "
        "graded)");
  ps = problems_of("task,clause\ncode,\"passport\n");
  REQUIRE(ps.size() == 1);
  CHECK(ps[0].str() == "answers.csv:2:6: a quoted cell is never closed");
  ps = problems_of("task,clause\ncode,passport,extra\n");
  REQUIRE(ps.size() == 1);
  CHECK_THAT(ps[0].str(), Contains("answers.csv:2:15: row 1: 3 cells, but the header names 2"));
  ps = problems_of("clause\npassport\n");
  CHECK_THAT(all(ps), Contains("the header has no `task` column"));
  ps = problems_of("");
  CHECK_THAT(all(ps), Contains("no header row"));
  ps = problems_of("task,topics,stages\npropose,wages.minimum,employment\n");
  CHECK_THAT(all(ps), Contains("row 1, column `bearers`: a `propose` row gives the proposed "
                               "clause's bearers"));
  // A task the exercise does not ask for.
  const auto& first = builtin_exercise("khm-tha-2015-mou");
  try {
    read_answers(parse_answer_csv("task,clause\ncode,x\n", "a.csv"), builtin(), first, "a.csv");
    FAIL("no error");
  } catch (const exercise_error& e) {
    CHECK_THAT(e.what(), Contains("does not ask for `code` (it asks for gaps)"));
  }
}

TEST_CASE("CSV cells may be quoted, hold separators, and come with CRLF and a BOM", "[exercises]") {
  const auto rows = parse_answer_csv(
      "\xEF\xBB\xBFtask,clause,topics,text\r\ncode,passport,\"documents.worker_keeps_passport; "
      "wages\",\"She said \"\"no\"\",\nthen left\"\r\n\r\n",
      "a.csv");
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].cells.at("text") == "She said \"no\",\nthen left");
  const auto& ex = builtin_exercise("khm-mys-2015-dw");
  const auto answers = read_answers(rows, builtin(), ex, "a.csv");
  REQUIRE(answers.size() == 1);
  CHECK(answers[0].topics == std::vector<std::string>{"documents.worker_keeps_passport", "wages"});
}

TEST_CASE("exercise files are checked with locations and nearest ids", "[exercises]") {
  CHECK(exercise_problems(minimal_exercise).empty());
  auto replace = [](std::string s, const std::string& from, const std::string& to) {
    const auto at = s.find(from);
    REQUIRE(at != std::string::npos);
    return s.replace(at, from.size(), to);
  };
  auto ps = exercise_problems(
      replace(minimal_exercise, "profile: khm-lmp-2014-mou-minimum", "profile: khm-lmp-2014"));
  REQUIRE(ps.size() == 1);
  CHECK(ps[0].str() ==
        "ex.yaml:6:12: unknown profile `khm-lmp-2014`; did you mean "
        "`khm-lmp-2014-mou-minimum`?");
  ps = exercise_problems(replace(minimal_exercise, "origin: KHM", "origin: KHN"));
  REQUIRE(ps.size() == 1);
  CHECK(ps[0].str() == "ex.yaml:5:22: unknown state `KHN` for `origin`; did you mean `CHN`?");
  ps = exercise_problems(
      replace(minimal_exercise, "topics: [working_time.weekly_rest]", "topics: [weekly_rest]"));
  REQUIRE(ps.size() == 1);
  CHECK_THAT(ps[0].str(), Contains("ex.yaml:12:18: unknown topic `weekly_rest`; did you mean "
                                   "`working_time.weekly_rest`?"));
  ps = exercise_problems(
      replace(minimal_exercise, "tasks: [code, gaps, propose]", "tasks: [code, gap]"));
  CHECK_THAT(all(ps), Contains("ex.yaml:7:17: unknown task `gap`; did you mean `gaps`?"));
  ps = exercise_problems(replace(minimal_exercise, "      key:\n        topics: [recruitment.fees]",
                                 "      kee:\n        topics: [recruitment.fees]"));
  CHECK_THAT(all(ps), Contains("unknown key `kee` in clause; did you mean `key`?"));
  CHECK_THAT(all(ps), Contains("clause `fees` has neither `provision`"));
  ps = exercise_problems(minimal_exercise +
                         "  gaps:\n"
                         "    - {topic: wages.minimum, stage: employment, bearer: employer, "
                         "status: binding}\n"
                         "    - {topic: wages.overtime_pay, stage: employment, bearer: employer, "
                         "status: gap}\n");
  REQUIRE(ps.size() == 2);
  CHECK_THAT(ps[0].str(), Contains("ex.yaml:25:75: `binding` is not a gap"));
  CHECK_THAT(ps[1].str(), Contains("ex.yaml:26:7: `wages.overtime_pay` at employment is not a "
                                   "norm of profile `khm-lmp-2014-mou-minimum`"));
  ps = exercise_problems(
      "exercise:\n  id: x\n  title: X\n  brief: B\n  corridor: {origin: KHM, destination: MYS}\n"
      "  profile: khm-lmp-2014-mou-minimum\n  instruments: [mou-khm-mys-2015-dw]\n  tasks: [code]\n"
      "  clauses:\n    - id: a\n      text: T\n      provision: "
      "mou-khm-mys-2015-gw:standard-contract-appendix-a\n"
      "    - id: b\n      text: T\n      provision: "
      "mou-khm-mys-2015-dw-contract:appendix-b-pasport\n");
  REQUIRE(ps.size() == 2);
  CHECK_THAT(ps[0].message, Contains("is not one of the case's instruments"));
  CHECK_THAT(ps[1].message, Contains("did you mean `mou-khm-mys-2015-dw-contract:appendix-b-"
                                     "passport`?"));
  CHECK_THAT(all(exercise_problems("exercise: [")), Contains("YAML syntax error"));
  CHECK_THAT(all(exercise_problems("# nothing\n")), Contains("file is empty"));
  CHECK_THROWS_AS(load_exercise("/nonexistent/ex.yaml", builtin()), exercise_error);
}

TEST_CASE("a trainer's exercise outside the corpus is keyed by analysing its clauses",
          "[exercises]") {
  const auto ex = read_exercise(source_file{"ex.yaml", minimal_exercise}, builtin());
  const auto key = resolve_key(builtin(), ex);
  REQUIRE(key.draft.has_value());
  CHECK(key.judged == std::vector<std::string>{"exercise-case-draft"});
  std::vector<std::string> listed;
  for (const auto& g : key.gaps) listed.push_back(g.topic + " " + std::string(name_of(g.status)));
  // The rest day is covered (committed, an MOU); nine norms stay open; the repayment clause
  // restricts the worker on recruitment fees.
  CHECK(std::count(listed.begin(), listed.end(), "working_time.weekly_rest committed") == 0);
  CHECK(std::count(listed.begin(), listed.end(), "recruitment.fees conflict") == 1);
  CHECK(listed.size() == 10);
  CHECK(key_disagreements(builtin(), ex).empty());
  // A proposal beside the draft closes what it should.
  answer p;
  p.task = exercise_task::propose;
  p.label = "row 1";
  p.topics = {"wages.minimum"};
  p.modality = modality::obligation;
  p.bearers = {role::employer};
  p.stages = {stage::employment};
  const auto r = grade(builtin(), ex, {p});
  CHECK(r.task(exercise_task::propose)->right == 1);
  CHECK(r.task(exercise_task::propose)->recall == Approx(1.0 / 9));
}

TEST_CASE("the blank sheet has one coding row per clause", "[exercises]") {
  const auto& ex = builtin_exercise("khm-subdecree-190-agencies");
  const auto rows = blank_answers(ex);
  REQUIRE(rows.size() == ex.clauses.size());
  CHECK(rows[0].cells.at("task") == "code");
  CHECK(rows[0].cells.at("clause") == "licence");
  CHECK(rows[0].cells.size() == answer_columns.size());
  CHECK(blank_answers(builtin_exercise("khm-tha-2015-mou")).empty());
  // The blank sheet, graded as it is, earns nothing and reads without error.
  const auto answers = read_answers(rows, builtin(), ex);
  CHECK(grade(builtin(), ex, answers).score == 0);
}
