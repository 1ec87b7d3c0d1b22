"""Corpus.gaps_many: many corridors and profiles at once, on several threads, with the answers
of Corpus.gaps one by one."""

from __future__ import annotations

import threading
import time

import pytest

import dutymap as dm
from dutymap._gaps import GapReport


def _rows(report: GapReport) -> list[tuple]:
    return [
        (r.topic, r.stage, r.bearer, r.status, r.in_profile, r.explanation, tuple(r.actors),
         tuple(c.provision for c in r.decided_by), tuple((c.provision, c.note) for c in r.nearest),
         tuple((c.provision, c.note) for c in r.precedents))
        for r in report.rows
    ]


def _pairs(corpus: dm.Corpus) -> list[tuple[str, str]]:
    return sorted({(i.parties[0], i.parties[1]) for i in corpus.instruments
                   if i.level == "bilateral" and len(i.parties) == 2})


def test_same_answers_as_one_by_one_in_order(corpus):
    questions = [((o, d), p.id) for o, d in _pairs(corpus) for p in corpus.profiles]
    questions += [(dict(origin="KHM", destination="MYS", sector="domestic_work", as_of="2017-12-31"),
                   "khm-lmp-2014-mou-minimum"),
                  (("MMR", "THA", None, "undocumented", "2019"), "ilo-migrant-core"),
                  (dm._core.Corridor("LAO", "THA", as_of="2016"), "asean-consensus-2017")]
    reports = corpus.gaps_many(questions)
    assert len(reports) == len(questions)
    for (where, profile), report in zip(questions, reports):
        if isinstance(where, dict):
            single = corpus.gaps(profile=profile, **where)
        elif isinstance(where, tuple):
            single = corpus.gaps(*where[:2], profile, *where[2:])
        else:
            single = corpus.gaps(where.origin, where.destination, profile, as_of=where.as_of)
        assert isinstance(report, GapReport)
        assert report.profile == profile
        assert _rows(report) == _rows(single)


@pytest.mark.parametrize("threads", [1, 2, 7])
def test_any_number_of_threads(corpus, threads):
    questions = [((o, d), p.id) for o, d in _pairs(corpus) for p in corpus.profiles]
    expected = [_rows(r) for r in corpus.gaps_many(questions, threads=1)]
    assert [_rows(r) for r in corpus.gaps_many(questions, threads=threads)] == expected


def test_options_apply_to_every_report(corpus):
    questions = [(("KHM", "THA", None, "documented", "2017-12-31"), "khm-lmp-2014-mou-minimum")]
    (narrow,) = corpus.gaps_many(questions, beyond_profile=False, max_precedents=1)
    single = corpus.gaps("KHM", "THA", "khm-lmp-2014-mou-minimum", as_of="2017-12-31",
                         beyond_profile=False, max_precedents=1)
    assert _rows(narrow) == _rows(single)
    assert all(r.in_profile for r in narrow.rows)
    assert all(len(r.precedents) <= 1 for r in narrow.rows)


def test_lean_reports_keep_every_status_and_citation(corpus):
    """Without nearest provisions and precedents a report keeps its statuses, deciding provisions
    and actors: only the two lists go (and the explanation's mention of the nearest)."""
    def core(report: GapReport) -> list[tuple]:
        return [row[:5] + row[6:8] for row in _rows(report)]

    for origin, destination in _pairs(corpus):
        full = corpus.gaps(origin, destination, "khm-lmp-2014-mou-minimum")
        lean = corpus.gaps(origin, destination, "khm-lmp-2014-mou-minimum", max_precedents=0,
                           max_nearest=0)
        assert core(lean) == core(full)
        assert not any(r.nearest or r.precedents for r in lean.rows)
    assert any(r.nearest for r in full.rows) and any(r.precedents for r in full.rows)
    (many,) = corpus.gaps_many([((origin, destination), "khm-lmp-2014-mou-minimum")],
                               max_precedents=0, max_nearest=0)
    assert _rows(many) == _rows(lean)
    with pytest.raises(TypeError, match="max_nearest must be a non-negative int"):
        corpus.gaps("KHM", "THA", "khm-lmp-2014-mou-minimum", max_nearest=-1)
    with pytest.raises(TypeError, match="max_nearest must be a non-negative int"):
        corpus.gaps_many([(("KHM", "THA"), "khm-lmp-2014-mou-minimum")], max_nearest=True)


def test_empty_and_generator_input(corpus):
    assert corpus.gaps_many([]) == []
    reports = corpus.gaps_many(((("KHM", d), "ilo-migrant-core") for d in ("THA", "MYS")))
    assert [r.corridor.destination for r in reports] == ["THA", "MYS"]


def test_the_first_bad_question_is_reported(corpus):
    questions = [(("KHM", "THA"), "ilo-migrant-core")] * 10
    questions[6] = (("KHM", "THA"), "no-such-profile")
    questions[3] = (("XXX", "THA"), "ilo-migrant-core")
    for threads in (1, 2, 4):
        with pytest.raises(ValueError, match="XXX"):
            corpus.gaps_many(questions, threads=threads)


@pytest.mark.parametrize("bad", [
    [("KHM", "THA")],
    [(("KHM", "THA"), 3)],
    [(42, "ilo-migrant-core")],
    [(("KHM", 7), "ilo-migrant-core")],
])
def test_malformed_questions_raise_type_error(corpus, bad):
    with pytest.raises(TypeError):
        corpus.gaps_many(bad)


@pytest.mark.parametrize("threads", [0, -1, 1.5, True, "2"])
def test_bad_thread_counts(corpus, threads):
    with pytest.raises(TypeError, match="threads"):
        corpus.gaps_many([(("KHM", "THA"), "ilo-migrant-core")], threads=threads)


def test_other_python_threads_run_meanwhile():
    corpus = dm.synthetic(instruments=300, seed=3)
    questions = [((o, d), p.id) for o, d in _pairs(corpus) for p in corpus.profiles]
    ticks = 0
    done = threading.Event()

    def tick() -> None:
        nonlocal ticks
        while not done.is_set():
            ticks += 1
            time.sleep(0.001)

    ticker = threading.Thread(target=tick)
    ticker.start()
    try:
        start = time.perf_counter()
        corpus.gaps_many(questions, threads=1)
        elapsed = time.perf_counter() - start
    finally:
        done.set()
        ticker.join()
    # With the GIL held for the whole sweep the ticker could not tick at all.
    assert elapsed < 0.05 or ticks >= 5
