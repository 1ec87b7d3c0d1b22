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
        if instrument.level == "bilateral":
            assert 3 <= len(instrument.provisions) <= 5


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
