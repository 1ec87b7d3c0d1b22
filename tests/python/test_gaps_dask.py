"""Sweeps on a Dask cluster give the answers of the same sweep in one process, in order."""

from __future__ import annotations

import pytest

pytest.importorskip("dask")
distributed = pytest.importorskip("distributed")

import dutymap as dm  # noqa: E402


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0") as cluster, distributed.Client(cluster) as c:
        yield c


def sweep_of(corpus: dm.Corpus) -> list:
    corridors = sorted({(i.parties[0], i.parties[1]) for i in corpus.instruments
                        if i.level == "bilateral" and len(i.parties) == 2})
    return [((o, d, None, "documented", "2024-06-30"), p.id) for o, d in corridors for p in corpus.profiles]


def answers(report: dm.GapReport) -> list:
    return [(r.topic, r.stage, r.status, [c.citation for c in r.decided_by], r.explanation)
            for r in report.rows]


CORPORA = {"builtin": dm.builtin, "synthetic": lambda: dm.synthetic(instruments=60, seed=3)}


@pytest.mark.parametrize("name", sorted(CORPORA))
@pytest.mark.parametrize("batch_size", [1, 7, None])
def test_same_reports_and_rows_as_one_process(client, name, batch_size):
    corpus = CORPORA[name]()
    questions = sweep_of(corpus)[:40]
    here = corpus.gaps_many(questions)
    there = corpus.gaps_many(questions, client=client, batch_size=batch_size)
    assert [(r.corridor.origin, r.corridor.destination, r.profile) for r in there] == \
        [(r.corridor.origin, r.corridor.destination, r.profile) for r in here]
    assert [answers(r) for r in there] == [answers(r) for r in here]
    assert [r.practice for r in there] == [r.practice for r in here]
    frame = corpus.gaps_frame(questions, client=client, batch_size=batch_size)
    assert frame.equals(corpus.gaps_frame(questions))
    assert frame["question"].is_monotonic_increasing and frame["question"].iloc[-1] == len(questions) - 1


def test_frame_rows_are_the_reports_rows():
    corpus = dm.builtin()
    questions = sweep_of(corpus)[:3]
    frame = corpus.gaps_frame(questions)
    for number, report in enumerate(corpus.gaps_many(questions)):
        rows = frame[frame["question"] == number].drop(columns=["question", "origin", "destination", "sector",
                                                                "worker_status", "as_of", "profile"])
        assert rows.reset_index(drop=True).equals(report.to_pandas())


def test_a_bad_question_raises_what_it_raises_in_one_process(client):
    corpus = dm.builtin()
    questions = [(("KHM", "THA"), "ilo-migrant-core"), (("KHM", "XXX"), "ilo-migrant-core"),
                 (("KHM", "THA"), "no-such-profile")]
    with pytest.raises(Exception) as here:
        corpus.gaps_many(questions)
    for call in (corpus.gaps_many, corpus.gaps_frame):
        with pytest.raises(type(here.value)) as there:
            call(questions, client=client, batch_size=1)
        assert str(there.value) == str(here.value)
    with pytest.raises(TypeError):
        corpus.gaps_many([("KHM", "THA")], client=client)


def test_the_corpus_is_sent_once_per_client(client):
    corpus = dm.synthetic(instruments=40, seed=5)
    questions = sweep_of(corpus)[:4]
    corpus.gaps_many(questions, client=client)
    first = corpus._shipped[client.id]
    corpus.gaps_frame(questions, client=client)
    assert corpus._shipped[client.id] is first


@pytest.mark.parametrize("bad", [object(), "tcp://scheduler:8786", 4])
def test_client_must_be_a_distributed_client(bad):
    with pytest.raises(TypeError, match="distributed.Client"):
        dm.builtin().gaps_many([(("KHM", "THA"), "ilo-migrant-core")], client=bad)


@pytest.mark.parametrize("bad", [0, -1, 2.0, True])
def test_batch_size_must_be_a_positive_int(client, bad):
    with pytest.raises(TypeError, match="batch_size"):
        dm.builtin().gaps_frame([(("KHM", "THA"), "ilo-migrant-core")], client=client, batch_size=bad)
