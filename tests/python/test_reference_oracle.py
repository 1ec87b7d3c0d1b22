"""dutymap and the plain-Python reference implementation (benchmarks/reference) give the same answers.

The reference reads the corpus folder itself (PyYAML, pandas, numpy, networkx) and shares no code
with dutymap, so every answer compared here is computed twice, independently: gap reports of every
bilateral corridor against every profile, coverage matrices and similarities, diffs,
accountability queries and a scenario's changes, on the corpus folder, on a layer of edge cases
written here (transit states, territories, excluded parts, denunciations, annexes, supersession,
referral chains, restrictions), and on the synthetic "M" corpus when dutymap can generate it.
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
    confidence) tuples, in report order."""
    return [
        (r.topic, r.stage, r.bearer, bool(r.in_profile), r.status, tuple(c.provision for c in r.decided_by),
         tuple(r.actors), r.confidence)
        for r in report.rows
    ]


def ref_rows(frame: pd.DataFrame) -> list[Row]:
    """A reference gap report as the same tuples."""
    return [
        (r.topic, r.stage, r.bearer, bool(r.in_profile), r.status, tuple(r.decided_by), tuple(r.actors),
         r.confidence)
        for r in frame.itertuples(index=False)
    ]


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
        expected = dm_rows(dmc.gaps(origin, destination, profile=profile, **corridor))
        actual = ref_rows(groups[(origin, destination, profile)])
        assert_same_rows(expected, actual, f"{origin}->{destination} {profile} {corridor}")
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
    layer = tmp_path_factory.mktemp("edge")
    for name, text in EDGE_LAYER.items():
        path = layer / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text.lstrip(), encoding="utf-8")
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
            expected = dm_rows(dmc.gaps(origin, destination, profile=profile, **kw))
            actual = ref_rows(ref.corridor_gaps(rc, k, profile, judged=judged))
            assert_same_rows(expected, actual, f"{origin}->{destination} {profile} {kw}")
            statuses |= {r[4] for r in expected}
    assert statuses == {"conflict", "binding", "committed", "guidance", "weak", "unassigned", "gap"}
    for origin, destination, profile, kw in [("KHM", "MYS", "ilo-migrant-core", {"transit": ["THA"], "as_of": "2016"}),
                                             ("KHM", "THA", "asean-consensus-2017", {"sector": "fishing"})]:
        expected = dm_rows(dmc.gaps(origin, destination, profile=profile, **kw))
        actual = ref_rows(ref.gaps(rc, origin, destination, profile, **kw))
        assert_same_rows(expected, actual, f"{origin}->{destination} {profile} {kw}")


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


def test_diffs(folder):
    dmc, rc = folder
    bilateral = dmc.bilateral_instruments()
    pairs = list(itertools.combinations(bilateral, 2))
    pairs += [(b, a) for a, b in pairs[::7]]
    pairs += [(b, c) for b in bilateral[::2] for c in ("ilo-c189", "asean-consensus-2017")]
    pairs += [("ilo-c97", "ilo-c143"), ("ilo-c181", "ilo-r188"), ("ilo-c29", "ilo-p029"), ("ilo-c189", "ilo-r201")]
    relations = set()
    for a, b in pairs:
        expected = [(r.topic, r.relation, tuple(r.a), tuple(r.b)) for r in dmc.diff(a, b).itertuples()]
        actual = [(r.topic, r.relation, r.a_citations, r.b_citations) for r in ref.diff(rc, a, b).itertuples()]
        assert expected == actual, f"diff({a}, {b})"
        relations |= {r[1] for r in expected}
    assert len(relations) >= 6


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
        assert [(r.topic, r.relation, tuple(r.a), tuple(r.b)) for r in dmc.diff(a, b).itertuples()] == [
            (r.topic, r.relation, r.a_citations, r.b_citations) for r in ref.diff(rc, a, b).itertuples()], (a, b)

    actors = rng.sample([a.id for a in dmc.actors], min(10, len(dmc.actors)))
    for origin, destination in sample[:3]:
        judged = ref.context(rc, ref.make_corridor(origin, destination))
        for actor in actors:
            expected_ob = obligation_rows(dmc.obligations_of(actor, origin=origin, destination=destination))
            actual_ob = obligation_rows(ref.obligations_of(rc, actor, origin, destination, judged=judged))
            assert expected_ob == actual_ob, f"obligations_of({actor}) in {origin}->{destination}"
        assert remedy_rows(dmc.remedy_paths(origin, destination)) == remedy_rows(
            ref.remedy_paths(rc, origin, destination)), f"{origin}->{destination}"
