"""Comparing agreements: coverage matrix, cosine and Jaccard similarity, topic-by-topic diff,
revisions and scores against a profile.

A cell of the coverage matrix is the strongest protection an instrument (with its annexed
standard contracts, by default) gives on a topic minus the strongest restriction it imposes there,
a clause weighing ``shall`` 1, ``should`` 0.6, ``may`` 0.3, halved when qualified (docs/compare.md).

A topic only one side of a diff speaks to is absent from the other only where that side (with its
annexes, when they count) was read in full or is reported to lack the topic at every stage;
otherwise whether it covers the topic is not known (``unknown_in_a`` / ``unknown_in_b``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

import numpy as np
import pandas as pd

from .corpus import ReferenceCorpus
from .corridor import make_corridor
from .gaps import corridor_gaps, coverage_index, evidence_index
from .vocab import COVERAGE_WEIGHTS, STAGES

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

    def top_k(self, k: int = 10, metric: str = "cosine", block: Optional[int] = None) -> pd.DataFrame:
        """Each instrument's ``k`` most similar other instruments (not itself), from the
        similarity matrix computed ``block`` rows at a time (default: blocks of about 256 MB), so
        that the whole matrix is never held. Ranked by decreasing similarity, ties by the lower
        position. Columns: instrument, rank (from 1), neighbour, similarity."""
        n = len(self.instruments)
        k = min(k, n - 1)
        if k < 1:
            return pd.DataFrame({"instrument": [], "rank": [], "neighbour": [], "similarity": []})
        block = block or max(1, 2**28 // (8 * max(n, 1)))
        similarity = self.cosine if metric == "cosine" else self.jaccard
        ids = np.asarray(self.instruments, dtype=object)
        picked = np.empty((n, k), dtype=np.int64)
        values = np.empty((n, k))
        for start in range(0, n, block):
            sim = similarity(slice(start, min(n, start + block))).to_numpy(copy=True)
            rows = np.arange(len(sim))
            sim[rows, start + rows] = -np.inf  # not its own neighbour
            # The k largest; where the k-th ties with others outside them, every tied one is a
            # candidate and the lower positions win.
            part = np.argpartition(-sim, k - 1, axis=1)[:, :k]
            kth = sim[rows[:, None], part].min(axis=1)
            for r in rows:
                candidates = np.flatnonzero(sim[r] >= kth[r])
                best = candidates[np.lexsort((candidates, -sim[r, candidates]))[:k]]
                picked[start + r] = best
                values[start + r] = sim[r, best]
            del sim
        return pd.DataFrame({"instrument": np.repeat(ids, k), "rank": np.tile(np.arange(1, k + 1), n),
                             "neighbour": ids[picked.ravel()], "similarity": values.ravel()})

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


def _unread(corpus: ReferenceCorpus, instrument: str, with_annexes: bool) -> dict[str, list[str]]:
    """The parts of an instrument (itself, and its annexes when they count with it) not read in
    full, each with the topics a source reports it lacks at every stage: where such a part is
    silent on a topic under none of those, its silence is not known to be absence."""
    parts = [instrument, *(corpus.annexes_of(instrument) if with_annexes else [])]
    text = corpus.instruments["text"]
    lacks = corpus.lacks
    everywhere = lacks[(lacks["stages"].map(len) == 0).to_numpy()]
    return {p: everywhere.loc[everywhere["instrument"] == p, "topic"].tolist() for p in parts if text[p] != "full"}


def _known_absent(unread: dict[str, list[str]], topic: str) -> bool:
    """Whether every part not read in full is reported to lack the topic (or one above it)."""
    return all(any(topic == t or topic.startswith(t + ".") for t in lacking) for lacking in unread.values())


def diff(corpus: ReferenceCorpus, a: str, b: str, with_annexes: bool = True) -> pd.DataFrame:
    """Topic by topic, how instrument ``a`` relates to ``b``.

    Columns: topic, relation (one of :data:`.vocab.RELATIONS`; a topic one side is silent on is
    ``only_in_*`` where that side is known to lack it, ``unknown_in_*`` where it is not), a and b
    (provision ids: the protecting ones strongest first, then the restricting ones), a_citations
    and b_citations.
    """
    prov = corpus.provisions
    ids = prov["id"].to_numpy()
    citations = prov["citation"].to_numpy()
    sa, sb = _sides(corpus, a, with_annexes), _sides(corpus, b, with_annexes)
    unread_a, unread_b = _unread(corpus, a, with_annexes), _unread(corpus, b, with_annexes)
    rows = []
    for topic in sorted(set(sa) | set(sb)):
        x, y = sa.get(topic), sb.get(topic)

        def cites(side: Optional[dict[str, list[int]]], names: np.ndarray = ids) -> tuple[str, ...]:
            return () if side is None else tuple(names[side["protects"] + side["restricts"]])

        if x is None:
            relation = "only_in_b" if _known_absent(unread_a, topic) else "unknown_in_a"
        elif y is None:
            relation = "only_in_a" if _known_absent(unread_b, topic) else "unknown_in_b"
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


def revisions(corpus: ReferenceCorpus, instrument: str) -> pd.DataFrame:
    """Along the instrument's supersedes chain, oldest first, what each revision added, dropped
    and changed (the later one diffed against the earlier, annexes counting with each), and the
    topics one side speaks to where the other was not read in full (``not known``). A step where
    either side has no coded provision claims no change (``not comparable``).

    Columns: from, to, change, topic, relation.
    """
    if instrument not in corpus.instruments.index:
        raise KeyError(f"unknown instrument `{instrument}`")
    chain = corpus.revision_chain(instrument)
    counts = corpus.instruments["provision_count"]
    rows = []
    for old, new in zip(chain, chain[1:]):
        coded = [counts[i] + sum(counts[x] for x in corpus.annexes_of(i)) > 0 for i in (old, new)]
        if not all(coded):
            rows.append((old, new, "not comparable", None, None))
            continue
        by_change: dict[str, list[tuple[str, str]]] = {"added": [], "dropped": [], "changed": [], "not known": []}
        for d in diff(corpus, new, old).itertuples(index=False):
            change = {"only_in_a": "added", "only_in_b": "dropped", "unknown_in_a": "not known",
                      "unknown_in_b": "not known", "equivalent": None}.get(d.relation, "changed")
            if change is not None:
                by_change[change].append((d.topic, d.relation))
        rows += [(old, new, change, topic, relation) for change, items in by_change.items()
                 for topic, relation in items]
    return pd.DataFrame(rows, columns=["from", "to", "change", "topic", "relation"])


def _effective(corpus: ReferenceCorpus, instrument: str) -> Optional[str]:
    """The date an instrument takes effect as written (in force, else adopted), or None."""
    for key in ("in_force", "adopted"):
        date = corpus.instruments.at[instrument, key]
        if isinstance(date, str) and date:  # a missing date is None or NaN in the table
            return date
    return None


def _score_date(corpus: ReferenceCorpus, instrument: str) -> Optional[str]:
    """The date an instrument is scored at: the date it took effect; with none known, the year
    before its successor took effect, if that is known; else None (today)."""
    effective = _effective(corpus, instrument)
    if effective:
        return effective
    chain = corpus.revision_chain(instrument)
    later = chain[chain.index(instrument) + 1:]
    following = _effective(corpus, later[0]) if later else None
    if following and int(following[:4]) > 1:
        return f"{int(following[:4]) - 1:04d}"
    return None


def score(corpus: ReferenceCorpus, instruments: Sequence[str], profile: str,
          weights: Optional[dict[str, float]] = None) -> pd.DataFrame:
    """Bilateral instruments scored against a profile: the gap analysis of each instrument's own
    corridor (its first party as origin, its second as destination, at the date it took effect,
    in its sector when it names exactly one) counting only it and its annexes, a provision for
    fewer sectors than the corridor not counting as weak. Norms of ``unknown`` status are left out
    of the scores.

    Columns (indexed by instrument): the coverage index of each stage, overall (the mean weight of
    the profile's norms of known status; NaN where none is known), evidence_index, report.
    """
    w = {**COVERAGE_WEIGHTS, **(weights or {})}
    inst = corpus.instruments
    rows = []
    for i in instruments:
        if i not in inst.index:
            raise KeyError(f"unknown instrument `{i}`")
        parties = inst.at[i, "parties"]
        if inst.at[i, "level"] != "bilateral" or len(parties) != 2:
            raise ValueError(f"only bilateral instruments are scored against a profile; `{i}` is "
                             f"{inst.at[i, 'level']}")
        sectors = inst.at[i, "sectors"]
        corridor = make_corridor(parties[0], parties[1], sectors[0] if len(sectors) == 1 else None,
                                 as_of=_score_date(corpus, i))
        report = corridor_gaps(corpus, corridor, profile, only_instruments=[i, *corpus.annexes_of(i)],
                               judge_scope=False)
        known = report.loc[report["in_profile"].to_numpy(dtype=bool) & (report["status"] != "unknown").to_numpy(),
                           "status"]
        overall = float(known.map(w).mean()) if len(known) else float("nan")
        rows.append({"instrument": i, **coverage_index(report, weights).to_dict(), "overall": overall,
                     "evidence_index": evidence_index(report), "report": report})
    return pd.DataFrame(rows, columns=["instrument", *STAGES, "overall", "evidence_index", "report"]
                        ).set_index("instrument")
