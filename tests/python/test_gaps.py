"""Gap analysis, scenarios and accountability from Python: the same answers as the C++ tests,
as DataFrames, plus the representations and plots."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import dutymap as dm
from dutymap._vocabulary import STATUSES

DATA = Path(__file__).resolve().parents[1] / "data"
LMP = "khm-lmp-2014-mou-minimum"


@pytest.fixture(scope="module")
def thailand(corpus):
    return corpus.gaps("KHM", "THA", profile=LMP, as_of="2017-12-31")


@pytest.fixture(scope="module")
def malaysia_dw(corpus):
    return corpus.gaps("KHM", "MYS", profile=LMP, sector="domestic_work", as_of="2017-12-31")


def test_thailand_gaps_named_by_the_review(thailand):
    df = thailand.to_pandas()
    assert list(df.columns[:5]) == ["stage", "topic", "bearer", "actor", "status"]
    status = df.set_index(["topic", "stage"])["status"]
    for topic in ["working_time.weekly_rest", "working_time.hours", "social_security.portability", "wages.minimum"]:
        assert status[(topic, "employment")] == "gap"
    assert status[("skills.certification", "pre_departure")] == "gap"
    # What the review does not speak to, in a text nobody has read, is unknown, not a gap.
    for topic, stage in [("recruitment.fees", "pre_departure"), ("conditions.accommodation", "employment"),
                         ("conditions.occupational_safety", "employment"),
                         ("contract.standard_contract", "pre_departure"),
                         ("contract.written_before_departure", "pre_departure")]:
        assert status[(topic, stage)] == "unknown"
    assert "KHM" in df.set_index("topic").loc["recruitment.fees", "actor"]
    summary = thailand.summary()
    assert summary.loc["employment", "gap"] == 4
    assert summary.loc["employment", "unknown"] == 2
    assert summary[list(STATUSES)].values.sum() == len(dm.load().profile(LMP).norms)
    assert summary.attrs["evidence_index"] == thailand.evidence_index == 0.5
    assert summary.loc["pre_departure", "evidence_index"] == pytest.approx(1 / 4)
    assert pd.isna(summary.loc["transit", "evidence_index"])


def test_malaysia_domestic_conflicts_and_commitments(malaysia_dw):
    conflict = malaysia_dw.row("mobility.change_employer", "employment")
    assert conflict.status == "conflict" and not conflict.in_profile
    assert {c.instrument for c in conflict.decided_by} <= {"mou-khm-mys-2015-dw", "mou-khm-mys-2015-dw-contract"}
    assert malaysia_dw.row("repatriation.cost", "return").status == "conflict"
    rest = malaysia_dw.row("working_time.weekly_rest", "employment")
    assert rest.status == "committed"
    assert [c.citation for c in rest.decided_by] == ["mou-khm-mys-2015-dw-contract Appendix B"]
    assert rest.confidence == "medium"
    assert malaysia_dw.row("documents.worker_keeps_passport", "employment").status == "committed"
    assert "restrictions beyond the profile" in repr(malaysia_dw)


def test_python_matches_the_cli_json(malaysia_dw):
    out = subprocess.run(
        [sys.executable, "-m", "dutymap", "gaps", "KHM", "MYS", "--sector", "domestic_work", "--as-of", "2017-12-31",
         "--format", "json"],
        capture_output=True, text=True, check=True,
    )
    payload = json.loads(out.stdout)
    assert payload["as_of"] == "2017-12-31"
    cli = {(r["topic"], r["stage"]): r["status"] for r in payload["rows"]}
    py = {(r.topic, r.stage): r.status for r in malaysia_dw.rows}
    assert cli == py


def test_cli_text_report_is_readable():
    out = subprocess.run([sys.executable, "-m", "dutymap", "gaps", "KHM", "THA", "--as-of", "2017-12-31"],
                         capture_output=True, text=True, check=True)
    assert out.stdout.startswith("Gap report: KHM -> THA")
    assert "GAP        employment    working_time.weekly_rest" in out.stdout
    bad = subprocess.run([sys.executable, "-m", "dutymap", "gaps", "KHM", "THX"], capture_output=True, text=True)
    assert bad.returncode == 2 and "did you mean `THA`?" in bad.stderr


def test_scenario_ratification_changes_exactly_one_norm(corpus):
    layered = dm.load(DATA / "profiles")
    before = layered.gaps("KHM", "MYS", profile="test-weekly-rest", sector="domestic_work", as_of="2019-12-31",
                          beyond_profile=False)
    what_if = layered.scenario().ratify("MYS", "ilo-c189", "2018-01-01")
    after = what_if.gaps("KHM", "MYS", profile="test-weekly-rest", sector="domestic_work", as_of="2019-12-31",
                         beyond_profile=False)
    changes = after.changes_from(before)
    assert len(changes) == 1
    change = changes.iloc[0]
    assert (change.topic, change.after) == ("working_time.weekly_rest", "binding")
    assert any(p.startswith("ilo-c189:") for p in change.changed_by)
    assert layered.ratifications("MYS", "ilo-c189").empty  # the base is untouched


def test_scenario_with_a_draft_mou_closes_gaps(corpus, tmp_path):
    draft = tmp_path / "draft.yaml"
    draft.write_text(
        """\
instrument:
  id: mou-khm-tha-2026
  title: Draft revision of the Cambodia-Thailand MOU
  kind: mou
  text: full
  level: bilateral
  parties: [KHM, THA]
  adopted: 2026-06-01
  supersedes: mou-khm-tha-2015
  source: draft
  provisions:
    - article: "7"
      summary: The worker has at least one paid day of rest each week.
      modality: right
      strength: shall
      bearers: [employer]
      stages: [employment]
      topics: [working_time.weekly_rest]
      provenance: {coded_from: text, source: draft Art. 7, confidence: high}
""",
        encoding="utf-8",
    )
    before = corpus.gaps("KHM", "THA", profile=LMP, as_of="2026-12-31")
    after = corpus.scenario().add(draft).gaps("KHM", "THA", profile=LMP, as_of="2026-12-31")
    changes = after.changes_from(before)
    # Read in full, the draft settles what the unread 2015 MOU left unknown (gaps now, as the draft
    # has no clause on them), and its weekly-rest clause covers what the review said was missing.
    assert changes[["topic", "before", "after"]].fillna("-").values.tolist() == [
        ["recruitment.fees", "unknown", "gap"],
        ["working_time.weekly_rest", "gap", "committed"],
        ["conditions.accommodation", "unknown", "gap"],
        ["conditions.occupational_safety", "unknown", "gap"],
        ["contract.standard_contract", "unknown", "gap"],
        ["contract.written_before_departure", "unknown", "gap"],
        # Outside the profile, the 2015 MOU's reported terms no longer apply: the draft supersedes it.
        ["documents.work_permit", "weak", "-"],
        ["irregular_migration.regularisation", "committed", "-"],
    ]
    settled = changes.set_index("topic").loc["recruitment.fees", "evidence"]
    assert settled == ["mou-khm-tha-2026 read in full: no clause on it"]
    assert after.evidence_index == 1.0
    # Before the draft applies, nothing changes.
    assert corpus.scenario().add(draft).gaps("KHM", "THA", profile=LMP, as_of="2025-12-31").changes_from(
        corpus.gaps("KHM", "THA", profile=LMP, as_of="2025-12-31")).empty


def test_undocumented_worker(corpus):
    doc = corpus.gaps("KHM", "THA", profile="ilo-migrant-core", as_of="2019-12-31").to_pandas(profile_only=True)
    undoc = corpus.gaps("KHM", "THA", profile="ilo-migrant-core", as_of="2019-12-31",
                        worker_status="undocumented").to_pandas(profile_only=True)
    assert len(doc) == len(undoc)
    assert (doc.status != undoc.status).any()


def test_instrument_statuses_follow_the_date(corpus):
    early = corpus.instrument_statuses("KHM", "THA", as_of="2014-06-30").set_index("instrument")
    late = corpus.instrument_statuses("KHM", "THA", as_of="2017-12-31").set_index("instrument")
    assert early.loc["mou-khm-tha-2003", "status"] == "counts"
    assert early.loc["mou-khm-tha-2015", "status"] == "not_yet_in_force"
    assert late.loc["mou-khm-tha-2003", "status"] == "superseded"
    assert "superseded by mou-khm-tha-2015" in late.loc["mou-khm-tha-2003", "why"]


def test_accountability_queries(corpus):
    ob = corpus.obligations_of("KHM.MOLVT", origin="KHM", destination="THA", as_of="2017-12-31")
    assert not ob.empty
    assert set(ob.role) <= {"origin_state"} | set(dm.VOCABULARIES["role"])
    assert ob.designated.any()
    who = corpus.responsible("forced_labour.protection", "employment", origin="KHM", destination="THA", as_of="2019-12-31")
    assert {"THA", "KHM"} & set(who.actor)
    assert "ilo-c29" in set(who.instrument)
    structural = corpus.structural_gaps("KHM", "THA", as_of="2017-12-31")
    assert set(structural.kind) <= {"no_bearer", "no_designated_body", "no_oversight"}
    assert (structural.kind == "no_designated_body").any()
    paths, none = corpus.remedy_paths("KHM", "THA", as_of="2017-12-31")
    assert set(none) <= {"pre_departure", "transit", "employment", "return"}
    assert set(paths.stage) | set(none) == {"pre_departure", "transit", "employment", "return"}
    load = corpus.responsibility_load("KHM", "THA", as_of="2017-12-31")
    assert load.loc["KHM", "total"] > 0
    assert load.centrality.between(0, 1).all()


def test_html_and_plot(malaysia_dw, tmp_path):
    html = malaysia_dw._repr_html_()
    assert "<table>" in html and "conflict" in html and "mou-khm-mys-2015-dw-contract Appendix B" in html
    assert "<script" not in html
    import matplotlib

    matplotlib.use("Agg")
    fig = malaysia_dw.plot()
    path = tmp_path / "report.png"
    fig.savefig(path)
    assert path.stat().st_size > 10_000


def test_bad_arguments(corpus):
    with pytest.raises(TypeError):
        corpus.gaps("KHM", 42, profile=LMP)
    with pytest.raises(ValueError, match="worker_status"):
        corpus.gaps("KHM", "THA", profile=LMP, worker_status="illegal")
    with pytest.raises(ValueError, match="did you mean `khm-lmp-2014-mou-minimum`"):
        corpus.gaps("KHM", "THA", profile="khm-lmp-2014-mou-minimun")
    with pytest.raises(ValueError, match="as_of"):
        corpus.gaps("KHM", "THA", profile=LMP, as_of="31/12/2017")
    with pytest.raises(KeyError):
        corpus.scenario().ratify("MYX", "ilo-c189", "2018")
    with pytest.raises(ValueError, match="not a state"):
        corpus.scenario().ratify("KHM.MOLVT", "ilo-c189", "2018")
    with pytest.raises(ValueError, match="cannot be ratified"):
        corpus.scenario().ratify("KHM", "mou-khm-tha-2015", "2018")
    with pytest.raises(TypeError):
        corpus.gaps("KHM", "THA", profile=LMP).changes_from("not a report")


def test_coverage_index_weights(malaysia_dw):
    default = malaysia_dw.coverage_index()
    assert default.index.tolist() == ["pre_departure", "transit", "employment", "return"]
    assert default.isna()["transit"]
    higher = malaysia_dw.coverage_index({"committed": 1.0})
    assert higher["employment"] > default["employment"]
    with pytest.raises(ValueError):
        malaysia_dw.coverage_index({"nonsense": 1.0})
