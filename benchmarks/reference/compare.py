"""Comparing agreements: coverage matrix, cosine and Jaccard similarity, topic-by-topic diff.

A cell of the coverage matrix is the strongest protection an instrument (with its annexed
standard contracts, by default) gives on a topic minus the strongest restriction it imposes there,
a clause weighing ``shall`` 1, ``should`` 0.6, ``may`` 0.3, halved when qualified (docs/compare.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

import numpy as np
import pandas as pd

from .corpus import ReferenceCorpus
from .vocab import STAGES

DEFAULT_WEIGHTS = {"shall": 1.0, "should": 0.6, "may": 0.3, "qualified": 0.5}


def provision_weights(corpus: ReferenceCorpus, weights: Optional[dict[str, float]] = None) -> pd.Series:
    """The weight of every provision: by strength, times the qualified factor if it has qualifiers."""
    w = {**DEFAULT_WEIGHTS, **(weights or {})}
    prov = corpus.provisions
    base = prov["strength"].map({k: w[k] for k in ("shall", "should", "may")}).astype(float)
    return base.where(prov["n_qualifiers"] == 0, base * w["qualified"])


def _rows(corpus: ReferenceCorpus, instruments: Sequence[str], with_annexes: bool) -> pd.DataFrame:
    """(row, provision) pairs: each compared instrument's provisions, then its annexes'."""
    prov = corpus.provisions
    missing = [i for i in instruments if i not in corpus.instruments.index]
    if missing:
        raise KeyError(f"unknown instrument `{missing[0]}`")
    members = pd.DataFrame({"row": range(len(instruments)), "instrument": list(instruments), "rank": 0})
    if with_annexes:
        annexes = corpus.instruments.loc[corpus.instruments["annex_to"] != "", ["annex_to", "id"]]
        folded = members.merge(annexes, left_on="instrument", right_on="annex_to")
        folded = folded.assign(instrument=folded["id"], rank=1)[["row", "instrument", "rank"]]
        members = pd.concat([members, folded], ignore_index=True)
    pos = prov[["instrument"]].rename_axis("provision").reset_index()
    out = members.merge(pos, on="instrument")
    return out.sort_values(["row", "rank", "instrument", "provision"], kind="stable")[["row", "provision"]]


@dataclass
class Comparison:
    """The coverage matrix of some instruments and what derives from it."""

    instruments: list[str]
    matrix: pd.DataFrame  #: rows instruments, columns topics, groups or stages
    topic_matrix: pd.DataFrame  #: rows instruments, columns topics: signed, weighted
    protected: pd.DataFrame  #: rows instruments, columns topics: True where protected
    restricted: pd.DataFrame  #: rows instruments, columns topics: True where restricted

    def cosine(self, rows: Optional[slice] = None) -> pd.DataFrame:
        """Cosine similarity of the signed topic rows, as one matrix product (1 on the diagonal, 0
        against an empty row). ``rows``: only those rows, against every instrument (a block of a
        matrix too large to hold whole)."""
        m = self.topic_matrix.to_numpy()
        norms = np.sqrt((m * m).sum(axis=1))
        at = _block(len(m), rows)
        denom = np.outer(norms[at], norms)
        sim = np.divide(m[at] @ m.T, denom, out=np.zeros_like(denom), where=denom > 0)
        sim[np.arange(len(at)), at] = 1.0
        return pd.DataFrame(sim, index=[self.instruments[i] for i in at], columns=self.instruments)

    def jaccard(self, rows: Optional[slice] = None) -> pd.DataFrame:
        """Jaccard similarity of the sets of (topic, protects/restricts) pairs (``rows`` as for
        :meth:`cosine`)."""
        b = np.hstack([self.protected.to_numpy(), self.restricted.to_numpy()]).astype(float)
        at = _block(len(b), rows)
        inter = b[at] @ b.T
        size = b.sum(axis=1)
        union = size[at][:, None] + size[None, :] - inter
        sim = np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)
        sim[np.arange(len(at)), at] = 1.0
        return pd.DataFrame(sim, index=[self.instruments[i] for i in at], columns=self.instruments)


def _block(n: int, rows: Optional[slice]) -> np.ndarray:
    """The row positions of a block (all of them without ``rows``)."""
    return np.arange(n)[rows if rows is not None else slice(None)]


def compare(corpus: ReferenceCorpus, instruments: Sequence[str], rollup: str = "topic", with_annexes: bool = True,
            weights: Optional[dict[str, float]] = None) -> Comparison:
    """The coverage matrix of the instruments (``rollup``: ``topic``, ``group`` or ``stage``)."""
    instruments = list(instruments)
    rows = _rows(corpus, instruments, with_annexes)
    w = provision_weights(corpus, weights)
    cells = rows.merge(corpus.provision_topics[["provision", "topic", "effect"]], on="provision")
    cells["weight"] = w.to_numpy()[cells["provision"].to_numpy()]
    topics = sorted(cells["topic"].unique())
    n = len(instruments)

    def side(frame: pd.DataFrame, effect: str, columns: list[str]) -> pd.DataFrame:
        sub = frame[frame["effect"] == effect]
        table = sub.groupby(["row", "topic"])["weight"].max().unstack("topic")
        return table.reindex(index=range(n), columns=columns).fillna(0.0)

    protect, restrict = side(cells, "protects", topics), side(cells, "restricts", topics)
    topic_matrix = protect - restrict
    for frame in (topic_matrix, protect, restrict):
        frame.index = instruments
    if rollup == "topic":
        matrix = topic_matrix.copy()
    elif rollup == "group":
        groups = pd.Index([t.split(".")[0] for t in topics])
        columns = list(dict.fromkeys(groups))
        matrix = (protect.T.groupby(groups).max().T - restrict.T.groupby(groups).max().T)[columns]
    elif rollup == "stage":
        stages = corpus.provisions["stages"].explode().dropna().rename("stage")
        by_stage = cells.merge(stages, left_on="provision", right_index=True)
        cols = {}
        for s in STAGES:
            at = by_stage[by_stage["stage"] == s]
            cols[s] = (side(at, "protects", topics) - side(at, "restricts", topics)).sum(axis=1).to_numpy()
        matrix = pd.DataFrame(cols, index=instruments)
    else:
        raise ValueError(f"rollup must be topic, group or stage, got {rollup!r}")
    return Comparison(instruments, matrix, topic_matrix, protect > 0, restrict > 0)


def _within(a: tuple, b: tuple) -> bool:
    """Whether scope ``a`` (sectors, excluded, workers) reaches a subset of what ``b`` reaches."""
    a_sectors, a_excluded, a_workers = a
    b_sectors, b_excluded, b_workers = b
    if a_sectors and b_sectors:
        sectors_in = all(x in b_sectors for x in a_sectors)
    elif a_sectors:
        sectors_in = not any(x in b_excluded for x in a_sectors)
    elif not b_sectors:
        sectors_in = all(x in a_excluded for x in b_excluded)
    else:
        sectors_in = False
    return sectors_in and (a_workers == b_workers or b_workers == "all")


def _sides(corpus: ReferenceCorpus, instrument: str, with_annexes: bool) -> dict[str, dict[str, list[int]]]:
    """Per topic, the provisions that protect and that restrict, strongest first."""
    rows = _rows(corpus, [instrument], with_annexes)
    pt = rows.merge(corpus.provision_topics, on="provision", sort=False)
    pt["weight"] = provision_weights(corpus).to_numpy()[pt["provision"].to_numpy()]
    pt["order"] = np.arange(len(pt))
    pt = pt.sort_values(["weight", "order"], ascending=[False, True], kind="stable")
    out: dict[str, dict[str, list[int]]] = {}
    for topic, effect, p in zip(pt["topic"], pt["effect"], pt["provision"]):
        out.setdefault(topic, {"protects": [], "restricts": []})[effect].append(int(p))
    return out


def diff(corpus: ReferenceCorpus, a: str, b: str, with_annexes: bool = True) -> pd.DataFrame:
    """Topic by topic, how instrument ``a`` relates to ``b``.

    Columns: topic, relation (one of :data:`.vocab.RELATIONS`), a and b (provision ids: the
    protecting ones strongest first, then the restricting ones), a_citations and b_citations.
    """
    prov = corpus.provisions
    ids = prov["id"].to_numpy()
    citations = prov["citation"].to_numpy()
    sa, sb = _sides(corpus, a, with_annexes), _sides(corpus, b, with_annexes)
    rows = []
    for topic in sorted(set(sa) | set(sb)):
        x, y = sa.get(topic), sb.get(topic)

        def cites(side: Optional[dict[str, list[int]]], names: np.ndarray = ids) -> tuple[str, ...]:
            return () if side is None else tuple(names[side["protects"] + side["restricts"]])

        if x is None or y is None:
            relation = "only_in_a" if x is not None else "only_in_b"
        elif (x["protects"] and not x["restricts"] and y["restricts"] and not y["protects"]) or (
                y["protects"] and not y["restricts"] and x["restricts"] and not x["protects"]):
            relation = "opposite"
        else:
            p = prov.loc[(x["protects"] or x["restricts"])[0]]
            q = prov.loc[(y["protects"] or y["restricts"])[0]]
            p_scope = (p["sectors"], p["excluded_sectors"], p["workers"], p["territories"])
            q_scope = (q["sectors"], q["excluded_sectors"], q["workers"], q["territories"])
            if not p["bearer_mask"] & q["bearer_mask"]:
                relation = "different_bearer"
            elif p["strength_rank"] != q["strength_rank"]:
                relation = "weaker_in_a" if p["strength_rank"] < q["strength_rank"] else "weaker_in_b"
            elif (p["n_qualifiers"] == 0) != (q["n_qualifiers"] == 0):
                relation = "qualified_in_b" if p["n_qualifiers"] == 0 else "qualified_in_a"
            elif p_scope != q_scope and _within(p_scope[:3], q_scope[:3]) != _within(q_scope[:3], p_scope[:3]):
                relation = "narrower_in_a" if _within(p_scope[:3], q_scope[:3]) else "narrower_in_b"
            else:
                relation = "equivalent"
        rows.append((topic, relation, cites(x), cites(y), cites(x, citations), cites(y, citations)))
    return pd.DataFrame(rows, columns=["topic", "relation", "a", "b", "a_citations", "b_citations"])
