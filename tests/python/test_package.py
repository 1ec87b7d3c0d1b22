"""Import, loading, the model objects, errors with locations, layering, saving and pickling."""

from __future__ import annotations

import pickle
import textwrap
import threading
from pathlib import Path

import pytest

import dutymap as dm

DRAFT = textwrap.dedent(
    """\
    instrument:
      id: mou-khm-tha-2026
      title: Draft revision of the Cambodia-Thailand MOU
      kind: mou
      level: bilateral
      parties: [KHM, THA]
      adopted: 2026-06-01
      supersedes: mou-khm-tha-2015
      source: draft of 1 June 2026
      provisions:
        - article: "5(1)"
          summary: No recruitment fee or related cost is charged to the worker.
          modality: prohibition
          strength: shall
          bearers: [recruitment_agency, employer]
          stages: [pre_departure]
          topics: [recruitment.fees]
          provenance: {coded_from: text, source: draft Art. 5(1), confidence: high}
      text: full
    """
)


def test_version_and_vocabularies():
    assert dm.__version__ == "0.1.0"
    assert dm.VOCABULARIES["stage"] == ["pre_departure", "transit", "employment", "return"]
    assert "subject_to_national_law" in dm.VOCABULARIES["qualifier"]


def test_builtin_is_shared_and_equal_to_load(corpus):
    assert dm.builtin() == corpus
    assert dm.load() == corpus
    assert "instruments" in repr(corpus)
    assert "<table>" in corpus._repr_html_()


def test_model_objects(small):
    c189 = small.instrument("ilo-c189")
    assert (c189.kind, c189.level, c189.binding) == ("convention", "global", True)
    assert c189.adopted == "2011-06-16" and c189.in_force == "2013-09-05"
    p = c189.provisions[0]
    assert p.id == "ilo-c189:part-i:10"
    assert p.citation == "ilo-c189 Part I Art. 10"
    assert p.bearers == ["destination_state"] and p.beneficiaries == ["worker"]
    assert p.topics == {"working_time.weekly_rest": "protects"}
    assert p.scope.workers == "all" and p.scope.sectors == ["domestic_work"]
    assert p.provenance.coded_from == "text" and p.provenance.confidence == "high"
    assert c189.provisions[1].qualifiers == [("progressive", "")]

    contract = small.instrument("mou-khm-mys-2015-dw-contract")
    assert contract.kind == "standard_contract" and contract.annex_to == "mou-khm-mys-2015-dw"
    assert contract.parties == ["KHM", "MYS"] and contract.binding is False
    clause = small.provision("mou-khm-mys-2015-dw-contract:no-other-employer")
    assert clause.restricts and clause.topics == {"mobility.change_employer": "restricts"}
    assert clause.qualifiers == [("subject_to_national_law", "under the laws of Malaysia")]

    assert small.actor("KHM.MOLVT").state == "KHM"
    assert small.actor("KHM.MOLVT").oversees[0].actor == "KHM.ACRA"
    assert small.actor("KHM.MOLVT").receives_complaints == ["pre_departure", "employment", "return"]
    assert small.topic("wages.minimum").parent == "wages"
    assert small.profile("test-minimum").norms[1].min_strength == "should"
    assert small.revision_chain("mou-khm-tha-2015") == ["mou-khm-tha-2003", "mou-khm-tha-2015"]
    assert small.annexes("mou-khm-mys-2015-dw") == ["mou-khm-mys-2015-dw-contract"]


def test_items_keep_their_corpus_alive():
    provision = dm.load(Path(__file__).parents[1] / "data" / "small", builtin=False).provisions[0]
    import gc

    gc.collect()
    assert provision.instrument  # the corpus behind it is still there


def test_unknown_ids_raise_key_error_with_a_suggestion(corpus):
    with pytest.raises(KeyError, match="did you mean `ilo-c189`"):
        corpus.instrument("ilo-c198")
    with pytest.raises(KeyError, match="did you mean `wages.minimum`"):
        corpus.topic("wages.minimun")
    with pytest.raises(TypeError, match="instrument id must be a str"):
        corpus.instrument(189)


def test_ratifications_frame(small):
    df = small.ratifications()
    assert list(df.columns[:4]) == ["state", "instrument", "status", "signed"]
    row = small.ratifications("KHM").iloc[0]
    assert (row.instrument, row.status, row.ratified, row.excludes) == ("ilo-c189", "ratified", "2014-06-01", ["Part II"])
    assert small.ratifications("THA").iloc[0].status == "signed"
    with pytest.raises(KeyError):
        small.ratifications("XXX")


def test_frames(small):
    inst = small.instruments_frame()
    assert inst.loc["mou-khm-tha-2015", "supersedes"] == "mou-khm-tha-2003"
    prov = small.provisions_frame()
    assert set(prov.columns) >= {"provision", "topic", "effect", "strength", "coded_from"}
    assert (prov.effect == "restricts").sum() == 1


def test_corpus_error_carries_every_problem_with_locations(draft):
    path = draft(DRAFT.replace("recruitment.fees", "recruitment.feez").replace("kind: mou", "kind: memorandum"))
    with pytest.raises(dm.CorpusError) as err:
        dm.load(path)
    assert isinstance(err.value, ValueError)
    problems = err.value.problems
    assert [(p.line, p.column) for p in problems] == [(4, 9), (17, 16)]
    assert problems[0].file == str(path)
    assert "unknown instrument kind `memorandum`" in problems[0].message
    assert problems[1].message == "unknown topic `recruitment.feez`; did you mean `recruitment.fees`?"
    assert str(problems[1]) == f"{path}:17:16: {problems[1].message}"
    assert "2 problems in the corpus" in str(err.value)


def test_check_returns_problems_without_raising(draft):
    assert dm.check(draft(DRAFT)) == []
    problems = dm.check(draft("actors:\n  - {id: KHM, name: x, kind: state, source: s}\n", "dup.yaml"))
    assert len(problems) == 1 and "already defined in the base corpus" in problems[0].message
    with pytest.raises(TypeError):
        dm.check()
    with pytest.raises(TypeError, match="str or os.PathLike"):
        dm.check(42)


def test_layering_adds_and_replaces(corpus, draft):
    layered = dm.load(draft(DRAFT))
    assert layered.revision_chain("mou-khm-tha-2026")[-2:] == ["mou-khm-tha-2015", "mou-khm-tha-2026"]
    with pytest.raises(KeyError):
        corpus.instrument("mou-khm-tha-2026")  # the base corpus is untouched
    replaced = DRAFT.replace("id: mou-khm-tha-2026", "id: mou-khm-tha-2015\n  replaces: true").replace(
        "  supersedes: mou-khm-tha-2015\n", "  supersedes: mou-khm-tha-2003\n"
    )
    layered = dm.load(draft(replaced, "replace.yaml"))
    assert layered.instrument("mou-khm-tha-2015").title.startswith("Draft revision")
    assert len(layered.instruments) == len(corpus.instruments)


def test_a_failed_load_leaves_the_previous_corpus_usable(corpus, draft):
    before = corpus.instrument("ilo-c189").title
    with pytest.raises(dm.CorpusError):
        dm.load(draft("instrument: [broken\n"))
    assert corpus.instrument("ilo-c189").title == before


def test_save_round_trip_and_pickle(corpus, tmp_path):
    corpus.save(tmp_path / "copy")
    again = dm.load(tmp_path / "copy", builtin=False)
    assert again == corpus
    with pytest.raises(ValueError, match="exists"):
        corpus.save(tmp_path / "copy")
    corpus.save(tmp_path / "copy", overwrite=True)
    assert pickle.loads(pickle.dumps(corpus)) == corpus


def test_graph_exports(small):
    counts = small._impl.graph_counts()
    assert counts["vertices"] == 41
    assert counts["edges_by_kind"]["supersedes"] == 1
    edges = small.graph_edges()
    row = edges[edges.edge == "supersedes"].iloc[0]
    assert (row.source, row.target) == ("mou-khm-tha-2015", "mou-khm-tha-2003")
    assert "<graphml" in small.to_graphml()
    assert small.to_dot().startswith("digraph")
    g = small.to_networkx()
    assert g.has_edge(("instrument", "mou-khm-tha-2015"), ("instrument", "mou-khm-tha-2003"))


def test_loading_releases_the_gil_and_is_thread_safe(small):
    results = []

    def work():
        results.append(dm.load(Path(__file__).parents[1] / "data" / "small", builtin=False) == small)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [True] * 8


def test_wrong_argument_types_raise_type_error():
    with pytest.raises(TypeError):
        dm.load(base="not a corpus")
    with pytest.raises(TypeError):
        dm.load(builtin="yes")
    with pytest.raises(TypeError):
        dm.Corpus(42)
