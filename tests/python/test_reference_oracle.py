"""dutymap and the plain-Python reference implementation (benchmarks/reference) give the same answers.

The reference reads the corpus folder itself (PyYAML, pandas, numpy, networkx) and shares no code
with dutymap, so every answer compared here is computed twice, independently: gap reports of every
bilateral corridor against every profile (statuses, the evidence of each row, evidence and
coverage indexes), coverage matrices and similarities, diffs, revisions, scores against a profile,
accountability queries and a scenario's changes, on the corpus folder, on a layer of edge cases
written here (transit states, territories, excluded parts, denunciations, annexes, supersession,
referral chains, restrictions), on a layer of absences (every kind of `text`, reported lacks with
and without stages and on parent topics, supersession by a revision not read, a sector-scoped
instrument, scores counting one agreement only), and on the synthetic "M" corpus when dutymap can
generate it.
"""

from __future__ import annotations

import inspect
import itertools
import random
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

import dutymap as dm

pytest.importorskip("yaml")

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import reference as ref  # noqa: E402

Row = tuple[Any, ...]


# ---------------------------------------------------------------------------------------------
# Both sides as plain tuples


def dm_rows(report: Any) -> list[Row]:
    """A dutymap gap report as (topic, stage, bearer, in_profile, status, decided_by, actors,
    confidence, evidence) tuples, in report order; the evidence as sorted (kind, instrument) pairs."""
    return [
        (r.topic, r.stage, r.bearer, bool(r.in_profile), r.status, tuple(c.provision for c in r.decided_by),
         tuple(r.actors), r.confidence, tuple(sorted((e.kind, e.instrument) for e in r.evidence)))
        for r in report.rows
    ]


def ref_rows(frame: pd.DataFrame) -> list[Row]:
    """A reference gap report as the same tuples."""
    return [
        (r.topic, r.stage, r.bearer, bool(r.in_profile), r.status, tuple(r.decided_by), tuple(r.actors),
         r.confidence, tuple(sorted(r.evidence)))
        for r in frame.itertuples(index=False)
    ]


def same_number(a: float, b: float) -> bool:
    """Equal up to rounding, NaN equal to NaN."""
    return bool(np.isclose(a, b, equal_nan=True))


def assert_same_indexes(report: Any, frame: pd.DataFrame, what: str) -> None:
    """The evidence index and the coverage index of each stage agree."""
    assert same_number(report.evidence_index, ref.evidence_index(frame)), (
        f"{what}: evidence index {report.evidence_index} (dutymap) vs {ref.evidence_index(frame)} (reference)")
    assert np.allclose(report.coverage_index().to_numpy(), ref.coverage_index(frame).to_numpy(), equal_nan=True), (
        f"{what}: coverage index {list(report.coverage_index())} (dutymap) vs "
        f"{list(ref.coverage_index(frame))} (reference)")


def assert_same_report(report: Any, frame: pd.DataFrame, what: str) -> None:
    """Rows (statuses, deciding provisions, actors, confidence, evidence) and indexes agree."""
    assert_same_rows(dm_rows(report), ref_rows(frame), what)
    assert_same_indexes(report, frame, what)


def assert_same_rows(expected: list[Row], actual: list[Row], what: str) -> None:
    """Equal lists of rows, or a message naming the rows that differ."""
    if expected == actual:
        return
    by_key_e = {r[:4]: r for r in expected}
    by_key_a = {r[:4]: r for r in actual}
    lines = [f"{what}: dutymap and the reference differ"]
    for key in list(dict.fromkeys([*by_key_e, *by_key_a])):
        e, a = by_key_e.get(key), by_key_a.get(key)
        if e != a:
            lines.append(f"  {key}:\n    dutymap   {e}\n    reference {a}")
    if len(lines) == 1:
        lines.append("  same rows in another order")
    raise AssertionError("\n".join(lines[:25]))


def compare_reports(dmc: dm.Corpus, rc: ref.ReferenceCorpus, corridors: list[tuple[str, str]],
                    profiles: list[str], **corridor: Any) -> int:
    """Every corridor x profile, dutymap against the reference; returns the number of reports."""
    both = ref.all_corridor_gaps(rc, profiles, corridors, **corridor)
    groups = dict(tuple(both.groupby(["origin", "destination", "profile"], sort=False)))
    for (origin, destination), profile in itertools.product(corridors, profiles):
        assert_same_report(dmc.gaps(origin, destination, profile=profile, **corridor),
                           groups[(origin, destination, profile)], f"{origin}->{destination} {profile} {corridor}")
    return len(corridors) * len(profiles)


def ordered_pairs(dmc: dm.Corpus) -> list[tuple[str, str]]:
    """Both directions of every bilateral instrument's corridor, from dutymap's side."""
    pairs = set()
    for i in dmc.bilateral_instruments():
        a, b = dmc.instrument(i).parties
        pairs |= {(a, b), (b, a)}
    return sorted(pairs)


# ---------------------------------------------------------------------------------------------
# Corpora


@pytest.fixture(scope="module")
def folder() -> tuple[dm.Corpus, ref.ReferenceCorpus]:
    """The corpus folder, loaded by dutymap (on its own) and by the reference."""
    return dm.load(CORPUS, builtin=False), ref.load(CORPUS)


EDGE_LAYER = {
    "instruments/test-c900.yaml": """
instrument:
  id: test-c900
  title: Test convention
  kind: convention
  text: full
  level: global
  adopted: 2001-06-15
  scope: {workers: all}
  source: test
  provisions:
    - {part: Part I, article: "1", summary: Minimum wage; no change of employer., modality: obligation,
       strength: shall, bearers: [origin_state, destination_state], stages: [employment],
       topics: [wages.minimum, {topic: mobility.change_employer, effect: restricts}],
       provenance: {coded_from: text, source: test, confidence: high}}
    - {part: Part II, article: "2(1)", summary: Safe passage., modality: obligation, strength: shall,
       bearers: [transit_state], stages: [transit], topics: [transit.safe_passage],
       provenance: {coded_from: text, source: test, confidence: medium}}
    - {part: Part II, article: "3", summary: No fees as appropriate., modality: prohibition, strength: should,
       bearers: [recruitment_agency], stages: [pre_departure], topics: [recruitment.fees],
       scope: {sectors: [domestic_work], workers: documented}, qualifiers: [as_appropriate],
       provenance: {coded_from: secondary, source: test, passage: x, confidence: low}}
    - {article: "4", summary: Information and unions., modality: obligation, strength: shall,
       bearers: [regional_body, worker_organisation], stages: [pre_departure, employment],
       topics: [information.rights_and_conditions, association.join_union],
       provenance: {coded_from: text, source: test, confidence: high}}
    - {article: "5", summary: The worker pays the way home., modality: obligation, strength: shall,
       bearers: [worker], stages: [return], topics: [{topic: repatriation.cost, effect: restricts}],
       scope: {excluded_sectors: [fishing]}, provenance: {coded_from: text, source: test, confidence: high}}
    - {chapter: VI, summary: Overtime may be paid., modality: permission, strength: may, bearers: [employer],
       stages: [employment], topics: [wages.overtime_pay],
       provenance: {coded_from: text, source: test, confidence: high}}
""",
    "instruments/test-p900.yaml": """
instrument:
  id: test-p900
  title: Test protocol
  kind: protocol
  text: full
  level: global
  adopted: 2014
  source: test
  provisions:
    - {article: "1", summary: Security of residence., modality: right, strength: shall,
       bearers: [destination_state], stages: [employment, return], topics: [residence.security],
       scope: {workers: all}, provenance: {coded_from: text, source: test, confidence: high}}
""",
    "instruments/test-r900.yaml": """
instrument:
  id: test-r900
  title: Test recommendation
  kind: recommendation
  text: full
  level: global
  adopted: 2001
  source: test
  provisions:
    - {article: "1", summary: Reception in transit., modality: obligation, strength: should,
       bearers: [transit_state], stages: [transit], topics: [transit.reception],
       provenance: {coded_from: text, source: test, confidence: high}}
    - {article: "2", summary: Minimum wage under national law., modality: obligation, strength: shall,
       bearers: [employer], stages: [employment], topics: [wages.minimum],
       qualifiers: [{kind: subject_to_national_law, text: under national law}],
       provenance: {coded_from: text, source: test, confidence: medium}}
""",
    "instruments/test-mou-khm-tha-2018.yaml": """
instrument:
  id: test-mou-khm-tha-2018
  title: Test MOU
  kind: mou
  text: full
  level: bilateral
  parties: [KHM, THA]
  in_force: 2018-03
  expires: 2025
  supersedes: mou-khm-tha-2015
  source: test
  provisions:
    - {article: "7", summary: No change of employer., modality: obligation, strength: shall, bearers: [worker],
       stages: [employment], topics: [{topic: mobility.change_employer, effect: restricts}],
       provenance: {coded_from: text, source: test, confidence: high}}
    - {article: "8", summary: No fees., modality: prohibition, strength: shall,
       bearers: [recruitment_agency, employer], designated: [KHM.MOLVT], stages: [pre_departure],
       topics: [recruitment.fees], provenance: {coded_from: text, source: test, confidence: high}}
    - {article: "9", summary: Safe passage., modality: obligation, strength: shall, bearers: [transit_state],
       stages: [transit], topics: [transit.safe_passage],
       provenance: {coded_from: text, source: test, confidence: high}}
    - {article: "10 (a), and (b)", summary: Complaints., modality: obligation, strength: should,
       bearers: [destination_state], designated: [THA.MOL], stages: [employment],
       topics: [complaints.mechanism], provenance: {coded_from: text, source: test, confidence: high}}
""",
    "instruments/test-mou-khm-tha-2018-contract.yaml": """
instrument:
  id: test-mou-khm-tha-2018-contract
  title: Test contract
  annex_to: test-mou-khm-tha-2018
  text: full
  scope: {sectors: [domestic_work]}
  source: test
  provisions:
    - {article: Clause 1, summary: Weekly rest., modality: right, strength: shall, bearers: [employer],
       stages: [employment], topics: [working_time.weekly_rest],
       provenance: {coded_from: text, source: test, confidence: high}}
    - {article: Clause 2, summary: Minimum wage under national law., modality: right, strength: shall,
       bearers: [employer], stages: [employment], topics: [wages.minimum], qualifiers: [subject_to_national_law],
       provenance: {coded_from: text, source: test, confidence: high}}
""",
    "instruments/test-law-tha.yaml": """
instrument:
  id: test-law-tha
  title: Test law
  kind: national_law
  text: full
  level: national
  parties: [THA]
  source: test
  provisions:
    - {article: "1", summary: Minimum wage., modality: obligation, strength: shall, bearers: [employer],
       stages: [employment], topics: [wages.minimum], provenance: {coded_from: text, source: test, confidence: high}}
    - {article: "2", summary: No family reunification., modality: prohibition, strength: shall,
       bearers: [destination_state], stages: [employment],
       topics: [{topic: family.reunification, effect: restricts}],
       provenance: {coded_from: text, source: test, confidence: high}}
""",
    "instruments/test-mou-mmr-tha-2030.yaml": """
instrument:
  id: test-mou-mmr-tha-2030
  title: Test future MOU
  kind: mou
  text: full
  level: bilateral
  parties: [MMR, THA]
  adopted: 2030
  source: test
  provisions:
    - {article: "1", summary: Weekly rest., modality: right, strength: shall, bearers: [employer],
       stages: [employment], topics: [working_time.weekly_rest],
       provenance: {coded_from: text, source: test, confidence: high}}
""",
    "ratifications/test.yaml": """
ratifications:
  - {state: KHM, instrument: test-c900, ratified: 2010, excludes: [Part II], source: test}
  - {state: THA, instrument: test-c900, ratified: 2012-05, denounced: 2019, source: test}
  - {state: MYS, instrument: test-c900, ratified: 2015-03-01, limited_to: [Sabah], source: test}
  - {state: LAO, instrument: test-c900, signed: 2011, source: test}
  - {state: MMR, instrument: test-c900, ratified: 2030, source: test}
  - {state: THA, instrument: test-p900, ratified: 2016, source: test}
  - {state: MYS, instrument: test-p900, ratified: 2014, source: test}
""",
    "actors/test.yaml": """
actors:
  - id: THA.TESTDESK
    name: Test desk
    kind: department
    state: THA
    receives_complaints: [employment]
    refers_to:
      - {actor: THA.DOE, stages: [employment], source: test}
      - {actor: KHM.MOLVT, source: test}
    source: test
  - id: THA.TESTUNION
    name: Test union
    kind: union
    state: THA
    refers_to: [{actor: THA.TESTDESK, source: test}]
    source: test
  - id: TESTNGO
    name: Test NGO
    kind: ngo
    receives_complaints: [return]
    refers_to:
      - {actor: THA.TESTUNION, stages: [employment, return], source: test}
      - {actor: KHM.TESTHOTLINE, source: test}
    source: test
  - id: KHM.TESTHOTLINE
    name: Test hotline
    kind: service
    state: KHM
    roles: [civil_society]
    receives_complaints: [pre_departure]
    refers_to:
      - {actor: KHM.PDLVT, source: test}
      - {actor: TESTNGO, stages: [return], source: test}
    source: test
""",
    "profiles/test.yaml": """
profiles:
  - id: test-edge
    title: Test profile
    source: test
    norms:
      - {topic: mobility.change_employer, stage: employment, bearer: destination_state, source: test}
      - {topic: wages, stage: employment, bearer: employer, min_strength: should, source: test}
      - {topic: wages.minimum, stage: employment, bearer: employer, source: test}
      - {topic: transit.safe_passage, stage: transit, bearer: transit_state, source: test}
      - {topic: transit.reception, stage: transit, bearer: transit_state, source: test}
      - {topic: recruitment.fees, stage: pre_departure, bearer: recruitment_agency, min_strength: should,
         source: test}
      - {topic: information.rights_and_conditions, stage: pre_departure, bearer: regional_body, source: test}
      - {topic: association.join_union, stage: employment, bearer: worker_organisation, source: test}
      - {topic: repatriation.cost, stage: return, bearer: origin_state, source: test}
      - {topic: residence.security, stage: return, bearer: origin_state, source: test}
      - {topic: complaints.mechanism, stage: employment, bearer: destination_state, source: test}
      - {topic: working_time.weekly_rest, stage: employment, bearer: employer, source: test}
  - id: test-edge-mou
    title: Test profile, MOUs only
    source: test
    accepts: [mou, standard_contract]
    norms:
      - {topic: wages.minimum, stage: employment, bearer: employer, source: test}
      - {topic: recruitment, stage: pre_departure, bearer: employer, source: test}
""",
}


@pytest.fixture(scope="module")
def edge(tmp_path_factory: pytest.TempPathFactory) -> tuple[dm.Corpus, ref.ReferenceCorpus]:
    """The corpus folder with a layer of edge cases over it, loaded by both."""
    layer = write_layer(tmp_path_factory.mktemp("edge"), EDGE_LAYER)
    return dm.load(CORPUS, layer, builtin=False), ref.load(CORPUS, layer)


ABSENCE_LAYER = {
    # Three states of their own, so that only the instruments below can answer for them.
    "actors/test-absence.yaml": """
actors:
  - {id: XAA, name: Test origin, kind: state, source: test}
  - {id: XBB, name: Test destination, kind: state, source: test}
  - {id: XCC, name: Test transit, kind: state, source: test}
""",
    # Partial, with no date: applies until its revision takes effect.
    "instruments/test-mou-xaa-xbb-2003.yaml": """
instrument:
  id: test-mou-xaa-xbb-2003
  title: Test MOU, first
  kind: mou
  level: bilateral
  parties: [XAA, XBB]
  source: test
  text: partial
  lacks:
    - {topic: health.medical_care, source: test review, passage: no medical care, confidence: medium}
  provisions:
    - {article: "1", summary: Minimum wage., modality: obligation, strength: should, bearers: [employer],
       stages: [employment], topics: [wages.minimum], provenance: {coded_from: text, source: test, confidence: high}}
    - {article: "2", summary: No fees., modality: prohibition, strength: shall, bearers: [recruitment_agency],
       stages: [pre_departure], topics: [recruitment.fees],
       provenance: {coded_from: text, source: test, confidence: high}}
    - {article: "3", summary: Weekly rest., modality: right, strength: shall, bearers: [employer],
       stages: [employment], topics: [working_time.weekly_rest],
       provenance: {coded_from: text, source: test, confidence: high}}
""",
    # Read in full; its annexed contract only in part, with lacks on a parent topic, at a stage, ...
    "instruments/test-mou-xaa-xbb-2010.yaml": """
instrument:
  id: test-mou-xaa-xbb-2010
  title: Test MOU, second
  kind: mou
  level: bilateral
  parties: [XAA, XBB]
  adopted: 2010
  supersedes: test-mou-xaa-xbb-2003
  source: test
  text: full
  provisions:
    - {article: "1", summary: Minimum wage., modality: obligation, strength: shall, bearers: [employer],
       stages: [employment], topics: [wages.minimum], provenance: {coded_from: text, source: test, confidence: high}}
    - {article: "2", summary: Complaints., modality: obligation, strength: shall, bearers: [destination_state],
       stages: [employment], topics: [complaints.mechanism],
       provenance: {coded_from: text, source: test, confidence: high}}
""",
    "instruments/test-mou-xaa-xbb-2010-contract.yaml": """
instrument:
  id: test-mou-xaa-xbb-2010-contract
  title: Test MOU, second, contract
  annex_to: test-mou-xaa-xbb-2010
  source: test
  text: partial
  lacks:
    - {topic: working_time, source: test review, passage: no working time, confidence: medium}
    - {topic: social_security, stages: [employment], source: test review, passage: no social security at work,
       confidence: low}
    - {topic: wages.overtime_pay, source: test review, passage: no overtime, confidence: medium}
    - {topic: health, stages: [transit], source: test review, passage: no care in transit, confidence: high,
       notes: only in transit}
  provisions:
    - {article: Clause 1, summary: Passport kept., modality: right, strength: shall, bearers: [employer],
       stages: [employment], topics: [documents.worker_keeps_passport],
       provenance: {coded_from: text, source: test, confidence: high}}
""",
    # The revision in force from 2018, known only from a description.
    "instruments/test-mou-xaa-xbb-2018.yaml": """
instrument:
  id: test-mou-xaa-xbb-2018
  title: Test MOU, third
  kind: mou
  level: bilateral
  parties: [XAA, XBB]
  in_force: 2018-03
  supersedes: test-mou-xaa-xbb-2010
  scope: {workers: all}
  source: test
  text: described
  lacks:
    - {topic: working_time.hours, source: test press report, passage: no hours, confidence: low}
    - {topic: social_security.portability, stages: [return], source: test review, passage: nothing on return,
       confidence: high}
    - {topic: health, source: test review, passage: no health, confidence: medium}
  provisions:
    - {article: "1", summary: Minimum wage., modality: obligation, strength: shall, bearers: [employer],
       stages: [employment], topics: [wages.minimum],
       provenance: {coded_from: secondary, source: test, passage: x, confidence: medium}}
    - {article: "2", summary: Annual leave., modality: right, strength: shall, bearers: [employer],
       stages: [employment], topics: [working_time.annual_leave],
       provenance: {coded_from: secondary, source: test, passage: x, confidence: medium}}
""",
    # Nothing known of it; for fishing only, 2005 to 2013.
    "instruments/test-mou-xbb-xaa-fishing.yaml": """
instrument:
  id: test-mou-xbb-xaa-fishing
  title: Test fishing MOU
  kind: mou
  level: bilateral
  parties: [XBB, XAA]
  adopted: 2005
  expires: 2013
  scope: {sectors: [fishing]}
  source: test
  text: none
  provisions: []
""",
    "instruments/test-law-xbb.yaml": """
instrument:
  id: test-law-xbb
  title: Test law of XBB
  kind: national_law
  level: national
  parties: [XBB]
  adopted: 2000
  scope: {workers: all}
  source: test
  text: full
  provisions:
    - {article: "1", summary: Insurance., modality: obligation, strength: shall, bearers: [destination_state],
       stages: [employment], topics: [social_security.insurance],
       provenance: {coded_from: text, source: test, confidence: high}}
""",
    "instruments/test-policy-xaa.yaml": """
instrument:
  id: test-policy-xaa
  title: Test policy of XAA
  kind: policy
  level: national
  parties: [XAA]
  adopted: 2020
  source: test
  text: none
  provisions: []
""",
    "instruments/test-c901.yaml": """
instrument:
  id: test-c901
  title: Test convention, read in part
  kind: convention
  level: global
  adopted: 2000
  scope: {workers: all}
  source: test
  text: partial
  lacks:
    - {topic: health, stages: [employment], source: test review, passage: no care at work, confidence: low}
  provisions:
    - {article: "1", summary: Equal social security., modality: obligation, strength: shall,
       bearers: [destination_state], stages: [employment], topics: [social_security.equal_treatment],
       provenance: {coded_from: text, source: test, confidence: high}}
""",
    "ratifications/test-absence.yaml": """
ratifications:
  - {state: XBB, instrument: test-c901, ratified: 2015, limited_to: [Island], source: test}
  - {state: XAA, instrument: test-c901, ratified: 2016-06, denounced: 2019-01-01, source: test}
  - {state: XCC, instrument: test-c901, ratified: 2001, source: test}
""",
    "profiles/test-absence.yaml": """
profiles:
  - id: test-absence
    title: Test profile of absences
    source: test
    accepts: [convention, mou, standard_contract, national_law, policy]
    norms:
      - {topic: wages.minimum, stage: employment, bearer: employer, source: test}
      - {topic: wages.overtime_pay, stage: employment, bearer: employer, source: test}
      - {topic: working_time, stage: employment, bearer: employer, source: test}
      - {topic: working_time.weekly_rest, stage: employment, bearer: employer, source: test}
      - {topic: working_time.hours, stage: employment, bearer: employer, source: test}
      - {topic: recruitment.fees, stage: pre_departure, bearer: recruitment_agency, source: test}
      - {topic: health.medical_care, stage: employment, bearer: destination_state, source: test}
      - {topic: health.medical_care, stage: transit, bearer: transit_state, source: test}
      - {topic: social_security.portability, stage: employment, bearer: destination_state, source: test}
      - {topic: social_security.portability, stage: return, bearer: origin_state, source: test}
      - {topic: complaints.mechanism, stage: employment, bearer: destination_state, source: test}
  - id: test-absence-all
    title: Test profile of absences, any kind
    source: test
    norms:
      - {topic: health.medical_care, stage: employment, bearer: destination_state, source: test}
      - {topic: working_time.hours, stage: employment, bearer: employer, source: test}
      - {topic: social_security.portability, stage: return, bearer: origin_state, source: test}
  - id: test-absence-agreements
    title: Test profile of absences, agreements only
    source: test
    accepts: [bilateral_agreement]
    norms:
      - {topic: wages.minimum, stage: employment, bearer: employer, source: test}
      - {topic: health.medical_care, stage: employment, bearer: destination_state, source: test}
""",
}


def write_layer(folder: Path, layer: dict[str, str]) -> Path:
    """Writes a layer's files below a folder; returns the folder."""
    for name, text in layer.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text.lstrip(), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def absence(tmp_path_factory: pytest.TempPathFactory) -> tuple[dm.Corpus, ref.ReferenceCorpus]:
    """The corpus folder with the layer of absences over it, loaded by both."""
    layer = write_layer(tmp_path_factory.mktemp("absence"), ABSENCE_LAYER)
    return dm.load(CORPUS, layer, builtin=False), ref.load(CORPUS, layer)


# ---------------------------------------------------------------------------------------------
# Gap reports


def test_the_reference_reads_the_same_corpus(folder):
    dmc, rc = folder
    assert list(rc.instruments.index) == [i.id for i in dmc.instruments]
    assert list(rc.provisions["id"]) == [p.id for p in dmc.provisions]
    assert list(rc.profiles.index) == [p.id for p in dmc.profiles]
    assert sorted(rc.actors.index) == sorted(a.id for a in dmc.actors)
    assert len(rc.ratifications) == len(dmc.ratifications())
    assert ref.bilateral_corridors(rc) == ordered_pairs(dmc)
    assert rc.bilateral_instruments() == dmc.bilateral_instruments()


CORRIDOR_VARIANTS = {
    "today": {},
    "2016-domestic-work": {"as_of": "2016", "sector": "domestic_work"},
    "2003-06-undocumented": {"as_of": "2003-06", "worker_status": "undocumented"},
    "2021-seafaring-undocumented": {"as_of": "2021-06-30", "sector": "seafaring", "worker_status": "undocumented"},
}


@pytest.mark.parametrize("variant", list(CORRIDOR_VARIANTS))
def test_gap_reports_of_every_bilateral_corridor_and_profile(folder, variant):
    dmc, rc = folder
    n = compare_reports(dmc, rc, ordered_pairs(dmc), [p.id for p in dmc.profiles], **CORRIDOR_VARIANTS[variant])
    assert n >= 40


def test_gap_reports_of_the_edge_layer(edge):
    dmc, rc = edge
    corridors = [
        ("KHM", "THA", {}), ("THA", "KHM", {}), ("KHM", "MYS", {"transit": ("THA",)}),
        ("KHM", "MYS", {"transit": ("THA",), "territory": "Sabah"}), ("KHM", "MYS", {"territory": "Sarawak"}),
        ("LAO", "THA", {"transit": ("KHM",)}), ("MMR", "THA", {}),
    ]
    dates = [None, "2011-06", "2016-06-30", "2018-04-01", "2031"]
    statuses = set()
    for (origin, destination, where), date, (sector, worker) in itertools.product(
            corridors, dates, [(None, "documented"), ("domestic_work", "undocumented")]):
        kw = dict(where, as_of=date, sector=sector, worker_status=worker)
        k = ref.make_corridor(origin, destination, **kw)
        judged = ref.context(rc, k)
        for profile in ("test-edge", "test-edge-mou"):
            report = dmc.gaps(origin, destination, profile=profile, **kw)
            assert_same_report(report, ref.corridor_gaps(rc, k, profile, judged=judged),
                               f"{origin}->{destination} {profile} {kw}")
            statuses |= {r.status for r in report.rows}
    assert statuses == {"conflict", "binding", "committed", "guidance", "weak", "unassigned", "unknown", "gap"}
    for origin, destination, profile, kw in [("KHM", "MYS", "ilo-migrant-core", {"transit": ["THA"], "as_of": "2016"}),
                                             ("KHM", "THA", "asean-consensus-2017", {"sector": "fishing"})]:
        assert_same_report(dmc.gaps(origin, destination, profile=profile, **kw),
                           ref.gaps(rc, origin, destination, profile, **kw), f"{origin}->{destination} {profile} {kw}")


#: Rows outside the profile whose provisions count for a bearer other than the row's bearer.
OUTSIDE_PROFILE_CASES = {
    # MYS ratified P029 on 2022-03-21 and Art. 5 names the destination state among its bearers, so it
    # protects the worker in this corridor, although the row's bearer (the first provision's first
    # bearer) is the origin state, which has not ratified P029.
    "KHM-MYS asean-consensus-2017 cooperation.information_exchange at transit": (
        "folder", ("KHM", "MYS", "asean-consensus-2017", {}), ("cooperation.information_exchange", "transit"),
        ("binding", ("ilo-p029:art-5",)),
    ),
    # THA ratified test-c900 in May 2012 (denounced 2019): its Part I Art. 1 restricts the worker's
    # change of employer in a Lao-Thai corridor in 2013: a conflict, although the row's bearer is
    # the origin state (LAO only signed).
    "LAO-THA asean-consensus-2017 (2013) mobility.change_employer at employment": (
        "edge", ("LAO", "THA", "asean-consensus-2017", {"as_of": "2013"}), ("mobility.change_employer", "employment"),
        ("conflict", ("test-c900:part-i:1",)),
    ),
}


@pytest.mark.parametrize("case", list(OUTSIDE_PROFILE_CASES))
def test_rows_outside_the_profile_list_what_applies(folder, edge, case):
    which, (origin, destination, profile, kw), (topic, stage), (status, decided) = OUTSIDE_PROFILE_CASES[case]
    dmc, rc = folder if which == "folder" else edge
    reference = ref.gaps(rc, origin, destination, profile, **kw)
    row = reference[(reference["topic"] == topic) & (reference["stage"] == stage)].iloc[0]
    assert (row["status"], row["decided_by"], row["in_profile"]) == (status, decided, False)
    got = dmc.gaps(origin, destination, profile=profile, **kw).row(topic, stage)
    assert (got.status, tuple(c.provision for c in got.decided_by)) == (status, decided)


def test_every_row_outside_the_profile_lists_what_applies(folder):
    dmc, rc = folder
    for (origin, destination), profile in itertools.product(ordered_pairs(dmc), [p.id for p in dmc.profiles]):
        expected = {r[:2]: r[4:6] for r in dm_rows(dmc.gaps(origin, destination, profile=profile)) if not r[3]}
        actual = {r[:2]: r[4:6] for r in ref_rows(ref.gaps(rc, origin, destination, profile)) if not r[3]}
        assert expected == actual, f"{origin}->{destination} {profile}"


def test_gap_reports_of_the_absence_layer(absence):
    dmc, rc = absence
    corridors = [("XAA", "XBB", {}), ("XBB", "XAA", {}), ("XAA", "XBB", {"transit": ("XCC",)}),
                 ("XAA", "XBB", {"territory": "Island"})]
    dates = [None, "2008", "2011", "2016-12", "2019-06", "2021"]
    seen: dict[str, set[Any]] = {"status": set(), "evidence": set(), "gap confidence": set()}
    for (origin, destination, where), date, (sector, worker) in itertools.product(
            corridors, dates, [(None, "documented"), ("fishing", "documented"), ("domestic_work", "undocumented")]):
        kw = dict(where, as_of=date, sector=sector, worker_status=worker)
        k = ref.make_corridor(origin, destination, **kw)
        judged = ref.context(rc, k)
        for profile in ("test-absence", "test-absence-all", "test-absence-agreements"):
            report = dmc.gaps(origin, destination, profile=profile, **kw)
            assert_same_report(report, ref.corridor_gaps(rc, k, profile, judged=judged),
                               f"{origin}->{destination} {profile} {kw}")
            seen["status"] |= {r.status for r in report.rows}
            seen["evidence"] |= {e.kind for r in report.rows for e in r.evidence}
            seen["gap confidence"] |= {r.confidence for r in report.rows if r.status == "gap"}
    assert {"committed", "weak", "binding", "unknown", "gap"} <= seen["status"]
    assert seen["evidence"] == {"provision", "reported_lack", "read_in_full", "not_read"}
    assert seen["gap confidence"] == {None, "low", "medium", "high"}


LAW, MOU03, MOU10, CONTRACT10, MOU18 = ("test-law-xbb", "test-mou-xaa-xbb-2003", "test-mou-xaa-xbb-2010",
                                        "test-mou-xaa-xbb-2010-contract", "test-mou-xaa-xbb-2018")

#: Norms of the absence layer settled by hand: (corridor, profile, topic, stage) -> (status,
#: confidence, evidence). In 2011 the 2010 MOU (read in full) and its contract (read in part)
#: apply, with the law of XBB (read in full); in 2019 the 2018 revision (described) has superseded
#: both; the fishing MOU (nothing known) applies 2005-2013 where its sector is not excluded.
ABSENCE_CASES = {
    "a lack on a parent topic settles a sub-topic": (
        ("XAA", "XBB", "test-absence", {"as_of": "2011", "sector": "domestic_work"}),
        ("working_time.weekly_rest", "employment"),
        ("gap", "medium", {("read_in_full", LAW), ("read_in_full", MOU10), ("reported_lack", CONTRACT10)}),
    ),
    "a lack at some stages settles the norm at one of them": (
        ("XAA", "XBB", "test-absence", {"as_of": "2011", "sector": "domestic_work"}),
        ("social_security.portability", "employment"),
        ("gap", "low", {("read_in_full", LAW), ("read_in_full", MOU10), ("reported_lack", CONTRACT10)}),
    ),
    "a lack at some stages leaves the norm at another unknown": (
        ("XAA", "XBB", "test-absence", {"as_of": "2011", "sector": "domestic_work"}),
        ("social_security.portability", "return"),
        ("unknown", None, {("read_in_full", LAW), ("read_in_full", MOU10), ("not_read", CONTRACT10)}),
    ),
    "a lack on a parent topic at one stage": (
        ("XAA", "XBB", "test-absence", {"as_of": "2011", "sector": "domestic_work"}),
        ("health.medical_care", "transit"),
        ("gap", "high", {("read_in_full", LAW), ("read_in_full", MOU10), ("reported_lack", CONTRACT10)}),
    ),
    "a convention a transit state alone ratified is not answerable": (
        ("XAA", "XBB", "test-absence", {"as_of": "2011", "sector": "domestic_work", "transit": ["XCC"]}),
        ("health.medical_care", "transit"),
        ("gap", "high", {("read_in_full", LAW), ("read_in_full", MOU10), ("reported_lack", CONTRACT10)}),
    ),
    "a sector-scoped text not read reaches a corridor of no sector": (
        ("XAA", "XBB", "test-absence", {"as_of": "2011"}),
        ("working_time.weekly_rest", "employment"),
        ("unknown", None, {("read_in_full", LAW), ("read_in_full", MOU10), ("reported_lack", CONTRACT10),
                           ("not_read", "test-mou-xbb-xaa-fishing")}),
    ),
    "a sector-scoped text not read reaches its own sector": (
        ("XBB", "XAA", "test-absence", {"as_of": "2011", "sector": "fishing"}),
        ("working_time.weekly_rest", "employment"),
        ("unknown", None, {("read_in_full", LAW), ("read_in_full", MOU10), ("reported_lack", CONTRACT10),
                           ("not_read", "test-mou-xbb-xaa-fishing")}),
    ),
    "a revision known only from a description supersedes a text read in full": (
        ("XAA", "XBB", "test-absence", {"as_of": "2019-06"}),
        ("working_time.weekly_rest", "employment"),
        ("unknown", None, {("read_in_full", LAW), ("not_read", MOU18)}),
    ),
    "the revision is reported to lack the topic": (
        ("XAA", "XBB", "test-absence", {"as_of": "2019-06"}),
        ("working_time.hours", "employment"),
        ("gap", "low", {("read_in_full", LAW), ("reported_lack", MOU18)}),
    ),
    "every unread text reported lacking: the lowest confidence": (
        ("XAA", "XBB", "test-absence", {"as_of": "2019-06", "territory": "Island"}),
        ("health.medical_care", "employment"),
        ("gap", "low", {("reported_lack", "test-c901"), ("read_in_full", LAW), ("reported_lack", MOU18)}),
    ),
    "one of two lacks at the stage: unknown, with no confidence": (
        ("XAA", "XBB", "test-absence", {"as_of": "2019-06", "territory": "Island"}),
        ("health.medical_care", "transit"),
        ("unknown", None, {("not_read", "test-c901"), ("read_in_full", LAW), ("reported_lack", MOU18)}),
    ),
    "for an undocumented worker only a text read in full applies": (
        ("XAA", "XBB", "test-absence", {"as_of": "2011", "sector": "domestic_work", "worker_status": "undocumented"}),
        ("wages.minimum", "employment"),
        ("gap", None, {("read_in_full", LAW)}),
    ),
    "a text nothing is known of": (
        ("XAA", "XBB", "test-absence", {"as_of": "2021"}),
        ("working_time.hours", "employment"),
        ("unknown", None, {("read_in_full", LAW), ("reported_lack", MOU18), ("not_read", "test-policy-xaa")}),
    ),
    "a text read in part, with no date, before its revision": (
        ("XAA", "XBB", "test-absence", {"as_of": "2008", "sector": "domestic_work"}),
        ("health.medical_care", "employment"),
        ("gap", "medium", {("read_in_full", LAW), ("reported_lack", MOU03)}),
    ),
    "no instrument of an accepted kind applies": (
        ("XAA", "XBB", "test-absence-agreements", {"as_of": "2019-06"}),
        ("health.medical_care", "employment"),
        ("gap", None, set()),
    ),
}


@pytest.mark.parametrize("case", list(ABSENCE_CASES))
def test_absences_settled_by_hand(absence, case):
    dmc, rc = absence
    (origin, destination, profile, kw), (topic, stage), expected = ABSENCE_CASES[case]
    reference = ref.gaps(rc, origin, destination, profile, **kw)
    row = reference[(reference["topic"] == topic) & (reference["stage"] == stage)].iloc[0]
    assert (row["status"], row["confidence"], set(row["evidence"])) == expected
    got = dmc.gaps(origin, destination, profile=profile, **kw).row(topic, stage)
    assert (got.status, got.confidence, {(e.kind, e.instrument) for e in got.evidence}) == expected


def test_evidence_index_of_the_absence_layer(absence):
    dmc, rc = absence
    # 2011, domestic work: 3 of the 11 norms are unknown (fees, medical care at work, portability
    # on return); the coverage index leaves them out.
    kw = {"as_of": "2011", "sector": "domestic_work"}
    report = dmc.gaps("XAA", "XBB", profile="test-absence", **kw)
    frame = ref.gaps(rc, "XAA", "XBB", "test-absence", **kw)
    assert same_number(report.evidence_index, 8 / 11) and same_number(ref.evidence_index(frame), 8 / 11)
    # Employment: 2 committed (0.6) and 5 gaps (0), the unknown one left out; transit: a gap;
    # pre-departure and return: only unknown norms, so no index.
    expected = [np.nan, 0.0, 2 * 0.6 / 7, np.nan]
    assert np.allclose(report.coverage_index().to_numpy(), expected, equal_nan=True)
    assert np.allclose(ref.coverage_index(frame).to_numpy(), expected, equal_nan=True)


# ---------------------------------------------------------------------------------------------
# Scenarios


def changes_rows(frame: pd.DataFrame) -> list[Row]:
    def value(x: Any) -> Any:
        return None if x is None or (isinstance(x, float) and np.isnan(x)) else x

    return [(r.topic, r.stage, r.bearer, bool(r.in_profile), value(r.before), value(r.after), tuple(r.changed_by))
            for r in frame.itertuples(index=False)]


SCENARIOS = {
    "MYS ratifies C189": (
        lambda s: s.ratify("MYS", "ilo-c189", "2018-01-01"),
        ("KHM", "MYS", "ilo-migrant-core", {"sector": "domestic_work", "as_of": "2019-06-30"}),
    ),
    "C29 withdrawn on both sides, the 2015 domestic workers MOU removed": (
        lambda s: s.withdraw("MYS", "ilo-c29").withdraw("KHM", "ilo-c29").remove("mou-khm-mys-2015-dw"),
        ("KHM", "MYS", "khm-lmp-2014-mou-minimum", {"sector": "domestic_work", "as_of": "2017-12-31"}),
    ),
    "KHM ratifies C181 and C97": (
        lambda s: s.ratify("KHM", "ilo-c181", "2020").ratify("KHM", "ilo-c97", "2020-05"),
        ("KHM", "THA", "ilo-fair-recruitment", {}),
    ),
}


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_scenario_changes(folder, name):
    dmc, rc = folder
    change, (origin, destination, profile, kw) = SCENARIOS[name]
    kw = dict(kw)
    before = dmc.gaps(origin, destination, profile=profile, **kw)
    expected = changes_rows(change(dmc.scenario()).gaps(origin, destination, profile, **kw).changes_from(before))
    scenario = change(ref.Scenario(rc))
    actual = changes_rows(scenario.changes(origin, destination, profile, **kw))
    assert expected, "the scenario changes nothing: a weak test"
    assert expected == actual


# ---------------------------------------------------------------------------------------------
# Comparisons


@pytest.mark.parametrize("rollup", ["topic", "group", "stage"])
def test_coverage_matrix_and_similarities(folder, rollup):
    dmc, rc = folder
    for ids, with_annexes in ((dmc.bilateral_instruments(), True), ([i.id for i in dmc.instruments], False)):
        expected = dmc.compare(ids, rollup=rollup, with_annexes=with_annexes)
        actual = ref.compare(rc, ids, rollup=rollup, with_annexes=with_annexes)
        assert expected.instruments == list(actual.matrix.index)
        assert expected.columns == list(actual.matrix.columns)
        assert np.allclose(expected.values, actual.matrix.to_numpy())
        assert np.allclose(expected.similarity.to_numpy(), actual.cosine().to_numpy())
        assert np.allclose(expected.similarity_matrix("jaccard").to_numpy(), actual.jaccard().to_numpy())


def test_coverage_matrix_with_other_weights(folder):
    dmc, rc = folder
    weights = {"shall": 0.9, "should": 0.5, "may": 0.2, "qualified": 0.25}
    ids = dmc.bilateral_instruments()
    assert np.allclose(dmc.compare(ids, weights=weights).values, ref.compare(rc, ids, weights=weights).matrix)


def diff_rows(dmc: dm.Corpus, rc: ref.ReferenceCorpus, a: str, b: str, with_annexes: bool = True
              ) -> tuple[list[Row], list[Row]]:
    """A diff from both sides, as (topic, relation, a citations, b citations) tuples."""
    expected = [(r.topic, r.relation, tuple(r.a), tuple(r.b))
                for r in dmc.diff(a, b, with_annexes=with_annexes).itertuples()]
    actual = [(r.topic, r.relation, r.a_citations, r.b_citations)
              for r in ref.diff(rc, a, b, with_annexes=with_annexes).itertuples()]
    return expected, actual


def test_diffs(folder):
    dmc, rc = folder
    bilateral = dmc.bilateral_instruments()
    pairs = list(itertools.combinations(bilateral, 2))
    pairs += [(b, a) for a, b in pairs[::7]]
    pairs += [(b, c) for b in bilateral[::2] for c in ("ilo-c189", "asean-consensus-2017")]
    pairs += [("ilo-c97", "ilo-c143"), ("ilo-c181", "ilo-r188"), ("ilo-c29", "ilo-p029"), ("ilo-c189", "ilo-r201")]
    relations = set()
    for (a, b), with_annexes in itertools.chain(zip(pairs, itertools.repeat(True)),
                                                zip(pairs[::5], itertools.repeat(False))):
        expected, actual = diff_rows(dmc, rc, a, b, with_annexes)
        assert expected == actual, f"diff({a}, {b}, with_annexes={with_annexes})"
        relations |= {r[1] for r in expected}
    assert len(relations) >= 6
    # Most of the built-in texts were not read in full: a topic one side is silent on is mostly
    # not known to be absent from it.
    assert {"only_in_a", "only_in_b", "unknown_in_a", "unknown_in_b"} <= relations


def test_diffs_in_the_absence_layer(absence):
    dmc, rc = absence
    ids = [LAW, MOU03, MOU10, CONTRACT10, MOU18, "test-mou-xbb-xaa-fishing", "test-policy-xaa", "test-c901"]
    relations = set()
    for (a, b), with_annexes in itertools.product(itertools.permutations(ids, 2), (True, False)):
        expected, actual = diff_rows(dmc, rc, a, b, with_annexes)
        assert expected == actual, f"diff({a}, {b}, with_annexes={with_annexes})"
        relations |= {r[1] for r in expected}
    assert {"only_in_a", "only_in_b", "unknown_in_a", "unknown_in_b"} <= relations
    # The 2010 MOU was read in full, its contract in part: weekly rest, which the contract is
    # reported to lack (as working time), is absent from them; recruitment fees, which nobody
    # reports the contract lacking, are not known to be; without the contract both are absent.
    expected, _ = diff_rows(dmc, rc, MOU10, MOU03)
    relations_of = {topic: relation for topic, relation, *_ in expected}
    assert relations_of["working_time.weekly_rest"] == "only_in_b"
    assert relations_of["recruitment.fees"] == "unknown_in_a"
    assert relations_of["complaints.mechanism"] == "unknown_in_b"
    expected, _ = diff_rows(dmc, rc, MOU10, MOU03, with_annexes=False)
    assert {topic: relation for topic, relation, *_ in expected}["recruitment.fees"] == "only_in_b"


def revision_rows(frame: pd.DataFrame) -> list[Row]:
    """Revision steps as (from, to, change, topic, relation) tuples."""
    return list(frame[["from", "to", "change", "topic", "relation"]].itertuples(index=False, name=None))


@pytest.mark.parametrize("which", ["folder", "absence"])
def test_revisions(folder, absence, which):
    dmc, rc = folder if which == "folder" else absence
    revised = [i.id for i in dmc.instruments if i.supersedes]
    assert revised
    for instrument in revised:
        assert revision_rows(dmc.revisions(instrument)) == revision_rows(ref.revisions(rc, instrument)), instrument
    if which == "absence":
        steps = set(revision_rows(ref.revisions(rc, MOU18)))
        assert {(MOU03, MOU10, "dropped", "working_time.weekly_rest", "only_in_b"),
                (MOU03, MOU10, "not known", "recruitment.fees", "unknown_in_a"),
                (MOU03, MOU10, "not known", "complaints.mechanism", "unknown_in_b"),
                (MOU03, MOU10, "changed", "wages.minimum", "weaker_in_b"),
                (MOU10, MOU18, "added", "working_time.annual_leave", "only_in_a"),
                (MOU10, MOU18, "not known", "complaints.mechanism", "unknown_in_a")} <= steps


def assert_same_scores(dmc: dm.Corpus, rc: ref.ReferenceCorpus, instruments: list[str], profile: str) -> None:
    """Scores against a profile (per stage, overall, evidence index) and the reports behind them."""
    expected, actual = dmc.score(profile, instruments), ref.score(rc, instruments, profile)
    assert list(expected.index) == list(actual.index) == instruments
    columns = ["pre_departure", "transit", "employment", "return", "overall", "evidence_index"]
    assert np.allclose(expected[columns].to_numpy(float), actual[columns].to_numpy(float), equal_nan=True), profile
    for i in instruments:
        assert_same_report(expected.at[i, "report"], actual.at[i, "report"], f"score({i}, {profile})")


def test_scores(folder):
    dmc, rc = folder
    for profile in [p.id for p in dmc.profiles]:
        assert_same_scores(dmc, rc, dmc.bilateral_instruments(), profile)


def test_scores_in_the_absence_layer(absence):
    dmc, rc = absence
    scored = [MOU03, MOU10, MOU18, "test-mou-xbb-xaa-fishing"]
    for profile in ("test-absence", "test-absence-all", "test-absence-agreements"):
        assert_same_scores(dmc, rc, scored, profile)
    scores = ref.score(rc, scored, "test-absence")
    # The 2003 MOU, counted alone in 2009 (the year before its revision): weak minimum wage (0.3),
    # three committed norms (0.6), two gaps it is reported to lack; five norms unknown.
    assert same_number(scores.at[MOU03, "overall"], (0.3 + 3 * 0.6) / 6)
    assert same_number(scores.at[MOU03, "evidence_index"], 6 / 11)
    # Nothing is known of the fishing MOU: no norm has a known status, so there is no score.
    assert np.isnan(scores.at["test-mou-xbb-xaa-fishing", "overall"])
    assert scores.at["test-mou-xbb-xaa-fishing", "evidence_index"] == 0


# ---------------------------------------------------------------------------------------------
# Accountability


def obligation_rows(frame: pd.DataFrame) -> list[Row]:
    return [(r.provision, r.role, bool(r.designated), tuple(r.stages), tuple(r.topics))
            for r in frame.itertuples(index=False)]


def test_obligations_of_every_actor(folder):
    dmc, rc = folder
    corridors = [(o, d, {}) for o, d in ordered_pairs(dmc)] + [("KHM", "THA", {"as_of": "2010"})]
    found = 0
    for origin, destination, kw in corridors:
        judged = ref.context(rc, ref.make_corridor(origin, destination, **kw))
        for actor in [a.id for a in dmc.actors]:
            expected = obligation_rows(dmc.obligations_of(actor, origin=origin, destination=destination, **kw))
            actual = obligation_rows(ref.obligations_of(rc, actor, origin, destination, judged=judged, **kw))
            assert expected == actual, f"obligations_of({actor}) in {origin}->{destination} {kw}"
            found += len(expected)
    assert found > 0


def test_obligations_in_the_edge_layer(edge):
    dmc, rc = edge
    actors = ["KHM", "THA", "MYS", "KHM.MOLVT", "THA.MOL", "THA.TESTUNION", "TESTNGO", "KHM.TESTHOTLINE", "ASEAN",
              "ILO", "KHM.ACRA"]
    for (origin, destination, kw), actor in itertools.product(
            [("KHM", "THA", {}), ("KHM", "MYS", {"transit": ["THA"], "as_of": "2016"}),
             ("LAO", "THA", {"as_of": "2013", "sector": "domestic_work"})], actors):
        expected = obligation_rows(dmc.obligations_of(actor, origin=origin, destination=destination, **kw))
        actual = obligation_rows(ref.obligations_of(rc, actor, origin, destination, **kw))
        assert expected == actual, f"obligations_of({actor}) in {origin}->{destination} {kw}"


def remedy_rows(result: tuple[pd.DataFrame, list[str]]) -> tuple[list[Row], list[str]]:
    frame, none = result
    return [(r.stage, tuple(r.path)) for r in frame.itertuples(index=False)], list(none)


@pytest.mark.parametrize("which", ["folder", "edge"])
def test_remedy_paths_of_every_corridor(folder, edge, which):
    dmc, rc = folder if which == "folder" else edge
    corridors = [(o, d, {}) for o, d in ordered_pairs(dmc)] + [("KHM", "MYS", {"transit": ["THA"]}),
                                                               ("LAO", "THA", {"transit": ["KHM"]})]
    paths = 0
    for origin, destination, kw in corridors:
        expected = remedy_rows(dmc.remedy_paths(origin, destination, **kw))
        assert expected == remedy_rows(ref.remedy_paths(rc, origin, destination, **kw)), f"{origin}->{destination}"
        paths += len(expected[0])
    assert paths > 0


# ---------------------------------------------------------------------------------------------
# The synthetic "M" corpus (1,000 instruments), when dutymap can generate it


def synthetic_corpus(size: str) -> dm.Corpus:
    make = dm.synthetic  # type: ignore[attr-defined]
    params = inspect.signature(make).parameters
    return make(size=size) if "size" in params else make(size)


def test_synthetic_m_corpus(tmp_path):
    if not hasattr(dm, "synthetic"):
        pytest.skip("dutymap.synthetic is not available")
    dmc = synthetic_corpus("M")
    dmc.save(tmp_path / "m")
    rc = ref.load(tmp_path / "m")
    assert list(rc.provisions["id"]) == [p.id for p in dmc.provisions]
    assert ref.bilateral_corridors(rc) == ordered_pairs(dmc)

    rng = random.Random(20240601)
    profiles = [p.id for p in dmc.profiles]
    sample = rng.sample(ordered_pairs(dmc), min(len(ordered_pairs(dmc)), max(2, 12 // max(1, len(profiles)))))
    compare_reports(dmc, rc, sample, profiles)
    compare_reports(dmc, rc, sample[:1], profiles[:2], as_of="2015", worker_status="undocumented")

    ids = rng.sample(dmc.bilateral_instruments(), min(len(dmc.bilateral_instruments()), 300))
    expected, actual = dmc.compare(ids), ref.compare(rc, ids)
    assert expected.columns == list(actual.matrix.columns)
    assert np.allclose(expected.values, actual.matrix.to_numpy())
    assert np.allclose(expected.similarity.to_numpy(), actual.cosine().to_numpy())
    assert np.allclose(expected.similarity_matrix("jaccard").to_numpy(), actual.jaccard().to_numpy())
    for a, b in zip(ids[:10], ids[10:20]):
        expected_diff, actual_diff = diff_rows(dmc, rc, a, b)
        assert expected_diff == actual_diff, (a, b)
    assert_same_scores(dmc, rc, ids[:20], profiles[0])
    for instrument in [i.id for i in dmc.instruments if i.supersedes][:10]:
        assert revision_rows(dmc.revisions(instrument)) == revision_rows(ref.revisions(rc, instrument)), instrument

    actors = rng.sample([a.id for a in dmc.actors], min(10, len(dmc.actors)))
    for origin, destination in sample[:3]:
        judged = ref.context(rc, ref.make_corridor(origin, destination))
        for actor in actors:
            expected_ob = obligation_rows(dmc.obligations_of(actor, origin=origin, destination=destination))
            actual_ob = obligation_rows(ref.obligations_of(rc, actor, origin, destination, judged=judged))
            assert expected_ob == actual_ob, f"obligations_of({actor}) in {origin}->{destination}"
        assert remedy_rows(dmc.remedy_paths(origin, destination)) == remedy_rows(
            ref.remedy_paths(rc, origin, destination)), f"{origin}->{destination}"
