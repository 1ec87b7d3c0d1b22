"""dutymap.synthetic: generated benchmark corpora, from Python (small sizes only)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

import dutymap as dm


@pytest.fixture(scope="module")
def generated() -> dm.Corpus:
    """A small synthetic corpus, shared by the tests that only read it."""
    return dm.synthetic(instruments=200, seed=7)


def test_it_is_a_corpus_with_the_instruments_asked_for(generated: dm.Corpus) -> None:
    assert isinstance(generated, dm.Corpus)
    assert len(generated.instruments) == 200
    summary = generated.summary()
    assert summary["instruments"] == 200
    assert summary["provisions"] > 200 * 20 // 2
    assert summary["restricting_provisions"] > 0
    kinds = summary["instruments_by_kind"]
    for kind in ("convention", "mou", "standard_contract", "national_law", "recommendation"):
        assert kinds[kind] > 0, kind


def test_equal_arguments_give_equal_corpora_and_seeds_differ(generated: dm.Corpus) -> None:
    assert dm.synthetic(instruments=200, seed=7) == generated
    assert dm.synthetic(instruments=200, seed=8) != generated
    assert dm.synthetic(instruments=200, seed=7, topics=100) != generated


def test_sizes_and_overrides() -> None:
    assert dm._core.SyntheticOptions.of_size("L").instruments == 10_000
    assert dm._core.SyntheticOptions.of_size("XL").instruments == 50_000
    assert dm._core.SyntheticOptions() == dm._core.SyntheticOptions.of_size("M")
    # The keyword arguments override the size's.
    few = dm.synthetic(
        "XL", instruments=30, states=5, topics=20, min_provisions=3, max_provisions=5
    )
    assert len(few.instruments) == 30
    assert len(few.topics) == 20
    assert sum(1 for a in few.actors if a.kind == "state") == 5
    for instrument in few.instruments:
        if instrument.level == "bilateral" and instrument.text != "none":
            assert 3 <= len(instrument.provisions) <= 5
        if instrument.text == "none":
            assert not instrument.provisions


@pytest.mark.parametrize(
    ("arguments", "error", "message"),
    [
        ({"size": "S"}, ValueError, "built-in corpus"),
        ({"size": "xxl"}, ValueError, "M (1,000 instruments), L (10,000) and XL"),
        ({"size": 3}, TypeError, "size must be"),
        ({"instruments": 19}, ValueError, "at least 20"),
        ({"instruments": 2.5}, TypeError, "instruments must be an int"),
        ({"topics": True}, TypeError, "topics must be an int"),
        ({"seed": -1}, ValueError, "seed must be from 0"),
        ({"states": 400}, ValueError, "states"),
        ({"min_provisions": 9, "max_provisions": 8}, ValueError, "min_provisions"),
    ],
)
def test_bad_arguments_are_refused(arguments: dict, error: type, message: str) -> None:
    with pytest.raises(error, match=message.replace("(", r"\(").replace(")", r"\)")):
        dm.synthetic(**arguments)


def test_every_provision_says_it_is_synthetic(generated: dm.Corpus) -> None:
    sources = {p.provenance.source for p in generated.provisions}
    assert sources == {"synthetic s7"}
    assert all(i.source == "synthetic corpus, seed 7" for i in generated.instruments)


def test_shapes_revisions_annexes_ratifications_profiles(generated: dm.Corpus) -> None:
    revised = [i for i in generated.instruments if i.supersedes]
    annexes = [i for i in generated.instruments if i.annex_to]
    assert revised and annexes
    chain = generated.revision_chain(revised[0].id)
    assert len(chain) >= 2 and revised[0].id in chain
    assert annexes[0].id in generated.annexes(annexes[0].annex_to)
    ratifications = generated.ratifications()
    assert len(ratifications) > 0
    assert (ratifications["status"] != "").all()
    profile = generated.profile("syn-bilateral-minimum")
    assert set(profile.accepts) == {"bilateral_agreement", "mou", "standard_contract"}


def test_gaps_and_comparisons_run_on_it(generated: dm.Corpus) -> None:
    mou = next(i for i in generated.instruments if i.kind == "mou" and not i.annex_to)
    origin, destination = mou.parties
    report = generated.gaps(origin, destination, profile="syn-core", as_of="2024-12-31")
    frame = report.to_pandas()
    assert len(frame) > 0
    assert frame["status"].nunique() >= 3
    ids = generated.bilateral_instruments(origin, destination)
    comparison = generated.compare(ids)
    assert comparison is not None


def test_instruments_of_every_text_kind_and_lacks_no_clause_contradicts(
    generated: dm.Corpus,
) -> None:
    texts = {i.text for i in generated.instruments}
    assert texts == {"full", "partial", "described", "none"}
    lacking = [i for i in generated.instruments if i.lacks]
    assert lacking
    stages = {"pre_departure", "transit", "employment", "return_home"}
    for instrument in lacking:
        # Only bilateral instruments not read in full, one to four lacks each.
        assert instrument.level == "bilateral" and instrument.text != "full", instrument.id
        assert 1 <= len(instrument.lacks) <= 4
        for lack in instrument.lacks:
            assert generated.topic(lack.topic) is not None
            assert lack.source == "synthetic review s7" and lack.passage
            assert lack.confidence in {"high", "medium", "low"}
            covered = set(lack.stages) or stages
            for p in instrument.provisions:
                for topic, effect in p.topics.items():
                    under = topic == lack.topic or topic.startswith(lack.topic + ".")
                    assert not (effect == "protects" and under and covered & set(p.stages)), (
                        f"{instrument.id} lacks {lack.topic} but {p.id} protects on {topic}"
                    )
    # Nothing known of an instrument: no provisions; known from descriptions: coded from them.
    for instrument in generated.instruments:
        if instrument.text == "none":
            assert not instrument.provisions
        if instrument.text == "described":
            assert {p.provenance.coded_from for p in instrument.provisions} <= {"secondary"}


def test_text_and_lacks_are_the_same_for_a_seed() -> None:
    def texts(corpus: dm.Corpus) -> list:
        return [
            (i.id, i.text, [(lack.topic, tuple(lack.stages), lack.confidence) for lack in i.lacks])
            for i in corpus.instruments
        ]

    first = texts(dm.synthetic(instruments=150, seed=11))
    assert first == texts(dm.synthetic(instruments=150, seed=11))
    assert first != texts(dm.synthetic(instruments=150, seed=12))


def test_gap_reports_have_unknown_and_gap_rows(generated: dm.Corpus) -> None:
    pairs = sorted(
        {tuple(i.parties) for i in generated.instruments if i.level == "bilateral"}
    )
    statuses: set[str] = set()
    for origin, destination in pairs:
        report = generated.gaps(
            origin, destination, profile="syn-bilateral-minimum", as_of="2020-12-31"
        )
        statuses |= set(report.to_pandas()["status"])
    assert {"gap", "unknown"} <= statuses


def test_save_and_load_give_an_equal_corpus(tmp_path: Path) -> None:
    corpus = dm.synthetic(instruments=40, seed=3)
    corpus.save(tmp_path / "synthetic")
    assert dm.load(tmp_path / "synthetic", builtin=False) == corpus


def test_generation_releases_the_gil_and_is_thread_safe() -> None:
    # A thread that wakes every half millisecond needs the GIL to count: it counts on while a
    # corpus is generated only if the generator lets go of the GIL.
    ticks = 0
    done = threading.Event()

    def count() -> None:
        nonlocal ticks
        while not done.wait(0.0005):
            ticks += 1

    counter = threading.Thread(target=count)
    counter.start()
    try:
        before = ticks
        dm.synthetic(instruments=1000, seed=2)
        during = ticks - before
    finally:
        done.set()
        counter.join()
    assert during >= 5

    results: list[dm.Corpus] = []
    workers = [
        threading.Thread(target=lambda: results.append(dm.synthetic(instruments=100, seed=5)))
        for _ in range(4)
    ]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert len(results) == 4 and all(r == results[0] for r in results)
