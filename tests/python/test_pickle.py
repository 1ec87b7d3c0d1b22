"""Corpora, scenarios and results pickle, so that a sweep can run on other processes or machines
and send its answers back."""

from __future__ import annotations

import pickle
from pathlib import Path

import numpy as np

import dutymap as dm

DRAFT = """\
instrument:
  id: mou-khm-tha-2026-draft
  title: Draft
  kind: mou
  text: full
  level: bilateral
  binding: false
  parties: [KHM, THA]
  adopted: 2026-01
  source: a draft
  provisions:
    - article: "1"
      summary: The employer pays at least the minimum wage.
      modality: obligation
      strength: shall
      bearers: [employer]
      stages: [employment]
      topics: [wages.minimum]
      provenance: {coded_from: text, source: the draft, confidence: high}
"""


def roundtrip(x):
    return pickle.loads(pickle.dumps(x, protocol=pickle.HIGHEST_PROTOCOL))


def test_a_gap_report_pickles_with_every_field():
    report = dm.builtin().gaps("KHM", "MYS", "khm-lmp-2014-mou-minimum", sector="domestic_work",
                               as_of="2017-12-31")
    back = roundtrip(report)
    assert back.to_pandas().equals(report.to_pandas())
    assert back.text() == report.text()
    row, row_back = report.rows[0], back.rows[0]
    assert [c.citation for c in row_back.nearest] == [c.citation for c in row.nearest]
    assert [c.note for c in row_back.precedents] == [c.note for c in row.precedents]
    assert back.corridor.as_of == "2017-12-31" and back.corridor.sector == "domestic_work"
    assert back.changes_from(report).empty


def test_a_comparison_pickles_with_its_matrices():
    c = dm.builtin().compare(dm.builtin().bilateral_instruments())
    back = roundtrip(c)
    assert np.array_equal(back.values, c.values)
    assert back.similarity_matrix("jaccard").equals(c.similarity_matrix("jaccard"))
    assert back.similarity_matrix("cosine").equals(c.similarity_matrix("cosine"))


def test_a_scenario_pickles_as_its_changes_and_answers_the_same(tmp_path: Path):
    draft = tmp_path / "draft.yaml"
    draft.write_text(DRAFT, encoding="utf-8")
    s = (dm.builtin().scenario().ratify("THA", "ilo-c189", "2020-01-01").add(draft)
         .remove("mou-khm-tha-2015").as_of("2026-06-01"))
    draft.unlink()  # the pickle carries the draft's text, not its path
    back = roundtrip(s)
    before = s.gaps("KHM", "THA", "khm-lmp-2014-mou-minimum").to_pandas()
    after = back.gaps("KHM", "THA", "khm-lmp-2014-mou-minimum").to_pandas()
    assert before.equals(after)
    assert (after.set_index("topic").loc["wages.minimum", "status"] == "committed")


def test_exercises_and_grades_pickle():
    ex = dm.exercises.get("khm-mys-2015-dw")
    grade = ex.grade(ex.key())
    back = roundtrip(grade)
    assert back.score == 100
    assert back.items.equals(grade.items)
    assert back.tasks.equals(grade.tasks)
    assert roundtrip(ex).id == ex.id
    trainer = dm.exercises.read(
        "exercise:\n  id: t\n  title: T\n  brief: B\n  corridor: {origin: KHM, destination: THA}\n"
        "  profile: khm-lmp-2014-mou-minimum\n  tasks: [code]\n  clauses:\n    - id: a\n"
        "      text: A day off.\n      key: {topics: [working_time.weekly_rest], modality: right, "
        "bearers: [employer], stages: [employment]}\n", "t.yaml")
    assert roundtrip(trainer).clauses.equals(trainer.clauses)


def test_a_corpus_pickles():
    c = dm.synthetic(instruments=60, seed=3)
    back = roundtrip(c)
    assert back == c
