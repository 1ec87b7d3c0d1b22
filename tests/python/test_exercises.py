"""Training exercises from Python and the command line: the same grading as the library, with
DataFrames in and out, HTML for notebooks, and clear errors for bad answer sheets."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import dutymap as dm

PARTIAL = """task,clause,topics,effect,modality,bearers,stages,status,strength,text
code,passport,documents.worker_keeps_passport,protects,right,employer,employment,,,
code,rest-day,working_time.weekly_rest,,right,employer,employment,,,
code,one-employer,mobility.change_employer,protects,prohibition,worker,employment,,,
code,return-fare,repatriation.cost,restricts,obligation,employer,employment,,,
code,no-deduction,wages,protects,obligation,employer,employment,,,
gaps,,wages.minimum,,,employer,employment,gap,,
gaps,,working_time.hours,,,destination_state,employment,gap,,
gaps,,mobility.change_employer,,,worker,employment,conflict,,
gaps,,working_time.weekly_rest,,,employer,employment,,,
gaps,,social_security,,,destination_state,employment,gap,,
propose,,wages.minimum,,obligation,employer,employment,,shall,The employer pays at least the minimum wage.
propose,,recruitment.fees,,prohibition,recruitment_agency,pre_departure,,may,Agencies may not charge fees.
propose,,working_time.weekly_rest,,right,employer,employment,,,A day off each week.
"""

# The same answers graded by hand (see tests/cpp/test_exercises.cpp for the working).
CODE = (1 + 1 + 0.9 + 0.6 + 0.4 / 3 + 0.5) / 12
GAPS = 6.6 / 15  # minimum wage and hours are `unknown` in the key: calling them gaps costs 0.15 each
PROPOSE = 2 / 11


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "dutymap", *args], capture_output=True, text=True,
                          cwd=cwd)


def test_the_built_in_exercises_are_listed_easiest_first():
    table = dm.exercises.list()
    assert table["id"].tolist() == ["khm-tha-2015-mou", "khm-mys-2015-gw", "khm-mys-2015-dw",
                                    "khm-subdecree-190-agencies"]
    assert table["level"].is_monotonic_increasing
    assert table.set_index("id").loc["khm-mys-2015-dw", "corridor"] == "KHM -> MYS (domestic_work)"


def test_an_unknown_exercise_names_the_nearest():
    with pytest.raises(dm.UnknownIdError, match="khm-mys-2015-dw"):
        dm.exercises.get("khm-mys-2015-wd")


def test_every_built_in_key_agrees_with_the_corpus():
    for ident in dm.exercises.list()["id"]:
        assert dm.exercises.get(ident).check_key() == [], ident


def test_the_case_shows_as_html_and_text():
    ex = dm.exercises.get("khm-mys-2015-dw")
    page = ex._repr_html_()
    assert "The domestic worker shall not work for anyone but the employer named" in page
    assert "khm-lmp-2014-mou-minimum" in page
    assert "<script" not in page
    assert "one-employer (Appendix B):" in ex.text()
    assert ex.clauses.shape == (12, 3)


def test_the_blank_sheet_is_a_dataframe_to_fill():
    sheet = dm.exercises.get("khm-mys-2015-gw").blank()
    assert list(sheet.columns) == list(dm.exercises.COLUMNS)
    assert sheet["clause"].tolist() == ["appendix-a", "hours", "pay-day", "overtime", "rest-day",
                                        "insurance", "passport"]
    assert (sheet["task"] == "code").all()
    assert dm.exercises.get("khm-mys-2015-gw").grade(sheet).score == 0


def test_the_key_earns_full_marks_and_an_empty_sheet_none():
    for ident in dm.exercises.list()["id"]:
        ex = dm.exercises.get(ident)
        assert ex.grade(ex.key()).score == 100, ident
        empty = pd.DataFrame(columns=list(dm.exercises.COLUMNS))
        assert ex.grade(empty).score == 0, ident


def test_partial_answers_from_a_dataframe_and_from_csv_grade_the_same(tmp_path):
    ex = dm.exercises.get("khm-mys-2015-dw")
    path = tmp_path / "answers.csv"
    path.write_text(PARTIAL, encoding="utf-8")
    from_csv = ex.grade(path)
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    from_frame = ex.grade(frame)
    assert from_csv.score == pytest.approx(100 * (CODE + GAPS + PROPOSE) / 3)
    assert from_frame.score == from_csv.score
    tasks = from_csv.tasks
    assert tasks.loc["code", "score"] == pytest.approx(CODE)
    assert tasks.loc["code", "precision"] == pytest.approx(20 / 25)
    assert tasks.loc["gaps", "f1"] == pytest.approx(GAPS)
    assert tasks.loc["gaps", "recall"] == pytest.approx(0.33)
    assert tasks.loc["propose", "right"] == 1
    items = from_csv.items.set_index(["task", "item"])
    assert items.loc[("code", "one-employer"), "credit"] == pytest.approx(0.9)
    assert "effect: gave protects, key restricts" in items.loc[("code", "one-employer"), "feedback"]
    assert items.loc[("gaps", "working_time.weekly_rest @ employment"), "verdict"] == "extra"
    assert items.loc[("code", "insurance"), "verdict"] == "missed"
    assert "(unknown -> committed)" in items.loc[("propose", "proposal 1"), "feedback"]
    page = from_csv._repr_html_()
    assert "Not a gap: `working_time.weekly_rest` at employment is committed" in page
    assert "<script" not in page
    assert repr(from_csv).startswith("<Grade khm-mys-2015-dw: 32.")


def test_lists_in_dataframe_cells_are_read_as_several_values():
    ex = dm.exercises.get("khm-mys-2015-dw")
    answers = [{"task": "code", "clause": "education", "topics": ["information"],
                "modality": "obligation", "bearers": ["origin_state", "destination_state"],
                "stages": ("pre_departure", "employment")}]
    grade = ex.grade(answers)
    assert grade.items.set_index("item").loc["education", "verdict"] == "right"


def test_a_malformed_sheet_names_the_row_and_column(tmp_path):
    ex = dm.exercises.get("khm-mys-2015-dw")
    frame = pd.DataFrame([
        {"task": "code", "clause": "passport", "topics": "documents.worker_keeps_passport"},
        {"task": "code", "clause": "return-fare", "topics": "repatriation.cost", "stages": "retrun"},
    ])
    with pytest.raises(dm.ExerciseError) as caught:
        ex.grade(frame)
    message = str(caught.value)
    assert "row 2, column `stages`: unknown stage `retrun`; did you mean `return`?" in message
    assert len(caught.value.problems) == 1
    with pytest.raises(dm.ExerciseError, match="unknown columns stage"):
        ex.grade(pd.DataFrame([{"task": "code", "clause": "passport", "stage": "employment"}]))
    path = tmp_path / "answers.csv"
    path.write_text("task,clause,topics\ncode,passport,documents.passport\n", encoding="utf-8")
    with pytest.raises(dm.ExerciseError) as caught:
        ex.grade(path)
    assert caught.value.problems[0].line == 2
    assert caught.value.problems[0].column == 15
    assert "row 1, column `topics`: unknown topic `documents.passport`" in str(caught.value)


TRAINER = """\
exercise:
  id: draft-tha
  title: A draft Cambodia-Thailand MOU
  level: 2
  brief: Code the two clauses and list what the draft leaves open.
  corridor: {origin: KHM, destination: THA, as_of: 2020-01-01}
  profile: khm-lmp-2014-mou-minimum
  tasks: [code, gaps]
  clauses:
    - id: rest
      text: One day off a week.
      key: {topics: [working_time.weekly_rest], modality: right, bearers: [employer], stages: [employment]}
    - id: fees
      text: The worker repays the agency's costs from her wages.
      key: {topics: [recruitment.fees], effect: restricts, modality: obligation, bearers: [worker], stages: [employment]}
"""


def test_a_trainer_writes_an_exercise_and_checks_its_key(tmp_path):
    path = tmp_path / "draft.yaml"
    path.write_text(TRAINER, encoding="utf-8")
    ex = dm.exercises.load(path)
    gaps = ex.gap_key()
    assert "working_time.weekly_rest" not in set(gaps["topic"])
    conflict = gaps[gaps["status"] == "conflict"]
    assert conflict[["topic", "stage", "in_profile"]].values.tolist() == [
        ["recruitment.fees", "employment", False]]
    assert len(gaps) == 10
    assert ex.key_report().profile == "khm-lmp-2014-mou-minimum"
    assert ex.check_key() == []
    assert ex.grade(ex.key()).score == 100
    # A hand gap list that says the rest day is open disagrees with the analysis.
    wrong = TRAINER + ("  gaps:\n    - {topic: working_time.weekly_rest, stage: employment, "
                       "bearer: employer, status: gap}\n")
    problems = dm.exercises.read(wrong, "wrong.yaml").check_key()
    assert any("`working_time.weekly_rest` at employment as gap, but the analysis of the case "
               "does not find it open" in p.message for p in problems)
    assert problems[0].file == "wrong.yaml"


def test_a_bad_exercise_file_reports_every_problem_with_its_place():
    bad = TRAINER.replace("profile: khm-lmp-2014-mou-minimum", "profile: khm-lmp-2014").replace(
        "origin: KHM", "origin: KMH")
    with pytest.raises(dm.ExerciseError) as caught:
        dm.exercises.read(bad, "bad.yaml")
    texts = [str(p) for p in caught.value.problems]
    assert "bad.yaml:6:22: unknown state `KMH` for `origin`; did you mean `KHM`?" in texts
    assert "bad.yaml:7:12: unknown profile `khm-lmp-2014`; did you mean `khm-lmp-2014-mou-minimum`?" in texts


def test_the_command_line_lists_shows_grades_and_checks(tmp_path):
    out = run_cli("exercise", "list")
    assert out.returncode == 0 and "khm-subdecree-190-agencies" in out.stdout
    out = run_cli("exercise", "show", "khm-tha-2015-mou")
    assert "neither text provides mandatory days off" in " ".join(out.stdout.split())
    sheet = tmp_path / "sheet.csv"
    assert run_cli("exercise", "blank", "khm-mys-2015-dw", "-o", str(sheet)).returncode == 0
    assert sheet.read_text(encoding="utf-8").startswith(",".join(dm.exercises.COLUMNS))
    answers = tmp_path / "answers.csv"
    answers.write_text(PARTIAL, encoding="utf-8")
    out = run_cli("exercise", "grade", "khm-mys-2015-dw", str(answers))
    assert out.returncode == 0
    assert out.stdout.startswith("The Cambodia–Malaysia domestic workers MOU and the clauses that "
                                 "work against the worker: 32.2 / 100")
    out = run_cli("exercise", "grade", "khm-mys-2015-dw", str(answers), "--format", "json")
    import json

    assert json.loads(out.stdout)["score"] == pytest.approx(100 * (CODE + GAPS + PROPOSE) / 3)
    answers.write_text("task,clause,topics\ncode,pasport,\n", encoding="utf-8")
    out = run_cli("exercise", "grade", "khm-mys-2015-dw", str(answers))
    assert out.returncode == 1
    assert "row 1, column `clause`: unknown clause `pasport`; did you mean `passport`?" in out.stderr
    assert run_cli("exercise", "check", "khm-mys-2015-gw").returncode == 0
    trainer = tmp_path / "draft.yaml"
    trainer.write_text(TRAINER + "  gaps:\n    - {topic: wages.minimum, stage: employment, "
                       "bearer: employer, status: weak}\n", encoding="utf-8")
    out = run_cli("exercise", "check", str(trainer))
    assert out.returncode == 1
    assert "the key says `wages.minimum` at employment is weak, the analysis of the case says gap" in out.stdout
    out = run_cli("exercise", "grade", "khm-mys-2015-dw")
    assert out.returncode == 2 and "needs the answers file" in out.stderr
