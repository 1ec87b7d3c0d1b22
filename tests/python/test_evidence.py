"""What the corpus knows apart from what it does not, as a Python user meets it: `unknown` beside
`gap`, the evidence of every row, the evidence index in the text, the summary, the HTML, the plot
and the command line, instruments' `text` and `lacks`, and pickling."""

from __future__ import annotations

import json
import math
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

import dutymap as dm

LMP = "khm-lmp-2014-mou-minimum"
REPORTED = {"working_time.weekly_rest", "working_time.hours", "social_security.portability",
            "skills.certification", "wages.minimum"}


@pytest.fixture(scope="module")
def corpus() -> dm.Corpus:
    return dm.load()


@pytest.fixture(scope="module")
def thailand(corpus):
    return corpus.gaps("KHM", "THA", profile=LMP, as_of="2017-12-31")


def test_statuses_and_evidence_as_a_dataframe(thailand):
    df = thailand.to_pandas(profile_only=True).set_index("topic")
    assert "unknown" in list(df["status"].cat.categories)
    assert set(df.index[df["status"] == "gap"]) == REPORTED
    assert set(df.index[df["status"] == "unknown"]) == {
        "recruitment.fees", "conditions.accommodation", "conditions.occupational_safety",
        "contract.standard_contract", "contract.written_before_departure"}
    # A gap's evidence cites the review's words; an unknown's names the text to read.
    rest = df.loc["working_time.weekly_rest", "evidence"]
    assert any(line.startswith("mou-khm-tha-2015-agreement lacks it, per seed 001_f9b74ad6f969ad03.txt")
               and '("no mandatory days off")' in line for line in rest)
    fees = df.loc["recruitment.fees", "evidence"]
    assert fees == ["mou-khm-tha-2015 not read in full (text: described): may cover it",
                    "mou-khm-tha-2015-agreement not read in full (text: described): may cover it"]
    assert "To settle it, read mou-khm-tha-2015" in df.loc["recruitment.fees", "explanation"]
    assert thailand.row("recruitment.fees", "pre_departure").confidence is None


def test_evidence_objects(thailand):
    row = thailand.row("wages.minimum", "employment")
    kinds = {(e.kind, e.instrument) for e in row.evidence}
    assert kinds == {("reported_lack", "mou-khm-tha-2015"), ("reported_lack", "mou-khm-tha-2015-agreement")}
    lack = next(e for e in row.evidence if e.instrument == "mou-khm-tha-2015-agreement")
    assert lack.text == "described" and lack.confidence == "medium" and lack.provision is None
    assert "minimum wages" in lack.passage
    fees = thailand.row("recruitment.fees", "pre_departure")
    assert [e.kind for e in fees.evidence] == ["not_read", "not_read"]
    assert repr(fees.evidence[0]) == "Evidence(not_read, 'mou-khm-tha-2015')"


def test_covered_rows_rest_on_their_provisions(corpus):
    dw = corpus.gaps("KHM", "MYS", profile=LMP, sector="domestic_work", as_of="2017-12-31")
    rest = dw.row("working_time.weekly_rest", "employment")
    assert rest.status == "committed"
    assert [(e.kind, e.provision) for e in rest.evidence] == [("provision", c.provision) for c in rest.decided_by]
    assert [str(e) for e in rest.evidence] == ["mou-khm-mys-2015-dw-contract Appendix B"]


def test_evidence_index_everywhere(thailand):
    import matplotlib

    matplotlib.use("Agg")
    assert thailand.evidence_index == 0.5
    summary = thailand.summary()
    assert summary.attrs["evidence_index"] == 0.5
    assert list(summary.loc[["pre_departure", "employment"], "evidence_index"]) == [0.25, 4 / 6]
    assert "evidence index 50%" in repr(thailand)
    text = thailand.text()
    assert "Evidence index: 50% (5 of 10 norms rest on read text or a cited absence; 5 unknown" in text
    assert "unknown = nothing read covers it" in text
    page = thailand._repr_html_()
    assert "<strong>Evidence index 50%</strong>" in page and "5 unknown" in page
    assert "#b8b8b8" in page  # unknown's own colour
    fig = thailand.plot()
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert "unknown (text not read)" in labels and "gap (verified absence)" in labels
    assert "evidence index 50%" in fig.axes[0].get_title()
    fig = thailand.plot_cycle()
    assert "unknown (text not read)" in [t.get_text() for t in fig.axes[0].get_legend().get_texts()]


def test_coverage_leaves_unknown_out(thailand):
    index = thailand.coverage_index()
    assert index["employment"] == 0.0  # four gaps known; the two unknown norms are not counted
    assert math.isnan(index["transit"])
    with pytest.raises(ValueError, match="`unknown` has no weight"):
        thailand.coverage_index({"unknown": 0.5})


def test_instruments_say_how_much_was_read(corpus):
    frame = corpus.instruments_frame()
    assert set(frame["text"]) <= {"full", "partial", "described", "none"}
    assert frame.loc["mou-khm-tha-2015", "text"] == "described"
    assert frame.loc["ilo-c97", "text"] == "full"
    assert "working_time.weekly_rest" in frame.loc["mou-khm-tha-2015-agreement", "lacks"]
    lack = corpus.instrument("mou-khm-tha-2015-agreement").lacks[0]
    assert lack.source.startswith("seed 001_f9b74ad6f969ad03.txt") and lack.passage and lack.confidence
    s = corpus.summary()
    assert sum(s["instruments_by_text"].values()) == s["instruments"]
    assert s["reported_lacks"] == sum(len(i.lacks) for i in corpus.instruments)
    assert "How much of each instrument was read: full" in corpus.report()


def test_reports_with_evidence_pickle(thailand):
    again = pickle.loads(pickle.dumps(thailand))
    assert [str(e) for r in again.rows for e in r.evidence] == [str(e) for r in thailand.rows for e in r.evidence]
    assert again.evidence_index == thailand.evidence_index


def test_score_rests_on_known_norms(corpus):
    scores = corpus.score(LMP, origin="KHM")
    tha = scores.loc["mou-khm-tha-2015"]
    assert 0 < tha["evidence_index"] < 1
    assert tha["overall"] == 0.0  # what is known of it: the five reported gaps
    assert all(0 <= x <= 1 for x in scores["evidence_index"])


def test_the_command_line_reads_truthfully():
    run = [sys.executable, "-m", "dutymap", "gaps", "KHM", "THA", "--as-of", "2017-12-31"]
    out = subprocess.run(run, capture_output=True, text=True, check=True).stdout
    head = out.splitlines()[:8]
    assert head[1].startswith("Evidence index: 50%")
    assert any(line.split()[:3] == ["stage", "unknown", "gap"] for line in head)
    assert out.count("\nGAP ") == 5 and out.count("\nUNKNOWN ") == 5
    payload = json.loads(subprocess.run(run + ["--format", "json"], capture_output=True, text=True,
                                        check=True).stdout)
    assert payload["evidence_index"] == 0.5
    fees = next(r for r in payload["rows"] if r["topic"] == "recruitment.fees")
    assert fees["status"] == "unknown" and len(fees["evidence"]) == 2
    summary = subprocess.run([sys.executable, "-m", "dutymap", "summary"], capture_output=True, text=True,
                             check=True).stdout
    assert "A norm that an instrument not read in full might cover is reported `unknown`" in summary


def test_a_draft_without_text_is_refused_with_the_reason(tmp_path):
    draft = tmp_path / "draft.yaml"
    draft.write_text("instrument:\n  id: mou-khm-tha-2031\n  title: t\n  kind: mou\n  level: bilateral\n"
                     "  parties: [KHM, THA]\n  source: s\n  provisions: []\n", encoding="utf-8")
    problems = dm.check(draft)
    assert [(p.line, p.column) for p in problems] == [(2, 3)]
    assert "missing required key `text`" in problems[0].message
    assert "(full, partial, described or none)" in problems[0].message


def test_a_lack_cannot_contradict_a_clause(tmp_path):
    draft = Path(tmp_path / "draft.yaml")
    draft.write_text(
        "instrument:\n  id: mou-khm-tha-2031\n  title: t\n  kind: mou\n  level: bilateral\n"
        "  parties: [KHM, THA]\n  source: s\n  text: full\n"
        "  lacks:\n    - {topic: working_time, source: a review, passage: no hours, confidence: low}\n"
        "  provisions:\n"
        "    - {article: '4', summary: A weekly day off., modality: right, strength: shall,\n"
        "       bearers: [employer], stages: [employment], topics: [working_time.weekly_rest],\n"
        "       provenance: {coded_from: text, source: s, confidence: high}}\n",
        encoding="utf-8")
    problems = dm.check(draft)
    assert len(problems) == 1 and problems[0].line == 10
    assert "protects the worker on `working_time.weekly_rest`" in problems[0].message


def test_exercise_grading_accepts_unknown():
    ex = dm.exercises.get("khm-tha-2015-mou")
    key = ex.key()
    assert set(key.loc[key["task"] == "gaps", "status"]) == {"gap", "unknown"}
    answers = key.copy()
    answers.loc[answers["status"] == "unknown", "status"] = "gap"  # calls every open norm a gap
    grade = ex.grade(answers)
    items = grade.items.set_index("item")
    fees = items.loc["recruitment.fees @ pre_departure"]
    assert fees["verdict"] == "partly right" and fees["credit"] == pytest.approx(0.85)
    assert "the absence is not verified, so the answer is `unknown`, not `gap`" in fees["feedback"]
    assert ex.grade(key).score == 100
