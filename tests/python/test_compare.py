"""Comparing agreements from Python: labelled DataFrames, zero-copy arrays, the same answers as C++."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

DW, GW = "mou-khm-mys-2015-dw", "mou-khm-mys-2015-gw"


def test_matrix_is_labelled_signed_and_zero_copy(corpus):
    cmp = corpus.compare([DW, GW])
    m = cmp.matrix
    assert list(m.index) == [DW, GW]
    assert m.loc[DW, "mobility.change_employer"] == -1.0
    assert m.loc[GW, "working_time.hours"] == 1.0
    assert m.loc[DW, "working_time.hours"] == 0.0
    v = cmp.values
    assert isinstance(v, np.ndarray) and not v.flags["OWNDATA"]  # a view into the compiled object
    assert np.shares_memory(v, cmp.values)
    assert cmp.matrix.values.tolist() == v.tolist()


def test_diff_matches_the_review(corpus):
    # Neither MOU's own text was read in full: what one codes and the other does not is "not
    # known" on the other side, not absent from it.
    d = corpus.diff(GW, DW).set_index("topic")
    assert d.loc["working_time.hours", "relation"] == "unknown_in_b"
    assert "whether mou-khm-mys-2015-dw does is not known" in d.loc["working_time.hours", "explanation"]
    assert d.loc["wages.overtime_pay", "relation"] == "unknown_in_b"
    assert d.loc["mobility.change_employer", "relation"] == "unknown_in_a"
    assert d.loc["repatriation.cost", "relation"] == "unknown_in_a"
    assert not (d["relation"].isin(["only_in_a", "only_in_b"])).any()
    assert d.loc["working_time.weekly_rest", "a"] == ["mou-khm-mys-2015-gw-contract Appendix A"]


def test_similarity_symmetric_unit_diagonal_and_nearest(corpus):
    cmp = corpus.compare(origin="KHM")
    for metric in ("cosine", "jaccard"):
        s = cmp.similarity_matrix(metric)
        assert np.allclose(s.values, s.values.T)
        assert np.allclose(np.diag(s.values), 1.0)
        assert list(s.index) == list(s.columns) == cmp.instruments
        for i in cmp.instruments:
            assert cmp.nearest(i, 3, metric).index[0] == i
    assert cmp.nearest(GW, 2).index[1] == DW
    with pytest.raises(ValueError):
        cmp.similarity_matrix("euclid")


def _ranked(sim: np.ndarray, k: int) -> np.ndarray:
    """Each row's k best other columns of a full similarity matrix: by similarity, then by
    position."""
    n = len(sim)
    out = []
    for i in range(n):
        others = [j for j in range(n) if j != i]
        out.append(sorted(others, key=lambda j: (-sim[i, j], j))[:k])
    return np.array(out, dtype=np.int64).reshape(n, min(k, n - 1))


@pytest.mark.parametrize("metric", ["cosine", "jaccard"])
def test_top_k_is_the_full_matrix_ranked(corpus, metric):
    import dutymap as dm

    for cmp in (corpus.compare(corpus.bilateral_instruments()),
                dm.synthetic("M", seed=3).compare(dm.synthetic("M", seed=3).bilateral_instruments())):
        sim = cmp.similarity_matrix(metric).to_numpy()
        n = len(cmp.instruments)
        position = {x: j for j, x in enumerate(cmp.instruments)}
        for k in (1, 10, n - 1, n + 5):
            top = cmp.top_k(k, metric)
            per = min(k, n - 1)
            assert list(top.columns) == ["instrument", "rank", "neighbour", "similarity"]
            assert len(top) == n * per
            assert top["instrument"].tolist() == [x for x in cmp.instruments for _ in range(per)]
            assert top["rank"].tolist() == list(range(1, per + 1)) * n
            expected = _ranked(sim, per)
            got = top["neighbour"].map(position).to_numpy().reshape(n, per)
            assert np.array_equal(got, expected)
            assert np.array_equal(top["similarity"].to_numpy().reshape(n, per),
                                  np.take_along_axis(sim, expected, axis=1))


def test_top_k_leaves_the_instrument_out_and_agrees_with_nearest(corpus):
    cmp = corpus.compare(corpus.bilateral_instruments())
    top = cmp.top_k(3)
    assert not (top["instrument"] == top["neighbour"]).any()
    for i in cmp.instruments:
        near = cmp.nearest(i, 4)
        mine = top[top["instrument"] == i]
        assert mine["neighbour"].tolist() == list(near.index[1:])
        assert mine["similarity"].tolist() == near.iloc[1:].tolist()
    assert top.query("instrument == @GW")["neighbour"].iloc[0] == DW


def test_top_k_refuses_a_bad_k_or_metric(corpus):
    cmp = corpus.compare(origin="KHM")
    for k in (0, -1):
        with pytest.raises(ValueError, match="k must be 1 or more"):
            cmp.top_k(k)
    for k in (2.5, True, "3", None):
        with pytest.raises(TypeError, match="k must be an int"):
            cmp.top_k(k)
    with pytest.raises(ValueError, match="metric must be 'cosine' or 'jaccard'"):
        cmp.top_k(3, "euclid")


def test_rollups_and_weights(corpus):
    stages = corpus.compare([DW, GW], rollup="stage")
    assert stages.columns == ["pre_departure", "transit", "employment", "return"]
    assert stages.matrix.loc[DW, "return"] < 0
    groups = corpus.compare([DW, GW], rollup="group")
    assert "working_time" in groups.columns
    half = corpus.compare([DW, GW], weights={"shall": 0.5})
    assert half.matrix.loc[GW, "working_time.hours"] == 0.5
    with pytest.raises(ValueError):
        corpus.compare([DW, GW], rollup="article")
    with pytest.raises(ValueError):
        corpus.compare([DW, GW], weights={"must": 1})
    with pytest.raises(ValueError, match="did you mean"):
        corpus.compare([DW, "mou-khm-mys-2015-gx"])


def test_revisions(corpus):
    tha = corpus.revisions("mou-khm-tha-2015")
    # Both Thai MOUs are coded only from descriptions, neither read in full: nothing is claimed to
    # have changed, and the table says what is not known.
    assert set(tha.change) == {"not known"}
    mmr = corpus.revisions("mou-mmr-tha-2016")
    assert set(mmr.change) == {"not known"} and len(mmr) >= 2
    assert set(mmr["from"]) == {"mou-mmr-tha-2003"} and set(mmr["to"]) == {"mou-mmr-tha-2016"}


def test_scores_by_stage(corpus):
    scores = corpus.score("khm-lmp-2014-mou-minimum", origin="KHM", destination="MYS")
    assert DW in scores.index
    assert scores.loc[DW, "employment"] > 0
    assert scores.loc[DW, "report"].row("working_time.weekly_rest", "employment").status == "committed"
    assert np.isnan(scores.loc[DW, "return"])  # the profile has no return norm
    weakest = scores["overall"].idxmin()
    assert scores.loc[weakest, "overall"] <= scores.loc[DW, "overall"]


def test_cli_compare_json_matches_python(corpus):
    out = subprocess.run([sys.executable, "-m", "dutymap", "compare", GW, DW, "--format", "json"],
                         capture_output=True, text=True, check=True)
    payload = json.loads(out.stdout)
    cmp = corpus.compare([GW, DW])
    assert payload["instruments"] == [GW, DW]
    assert np.allclose(payload["matrix"], cmp.values)
    assert np.allclose(payload["cosine"], cmp.similarity.values)
    assert {r["topic"]: r["relation"] for r in payload["diff"]}["working_time.hours"] == "unknown_in_b"


def test_html_and_plot(corpus, tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    cmp = corpus.compare([DW, GW])
    assert "<table>" in cmp._repr_html_()
    fig = cmp.plot()
    fig.savefig(tmp_path / "cmp.png")
    assert (tmp_path / "cmp.png").stat().st_size > 5_000
