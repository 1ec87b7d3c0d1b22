"""The gap analysis: for each expected norm of a profile, who owes it in a corridor and how firmly.

For every norm (topic, stage, expected bearer, least strength) the candidate provisions are those
about the topic or one of its sub-topics at the stage. A candidate counts if it applies in the
corridor (see :mod:`.corridor`), judged for the expected bearer when it names that bearer and for
any of its own bearers otherwise. Then, in this order (docs/gaps.md):

``conflict``   some counting candidate restricts the worker on the topic;
``binding`` / ``committed`` / ``guidance``
               the strongest tier among counting, assigned, unweakened protections;
``weak``       only weakened protections (below strength, qualified, or narrower in sectors than a
               corridor of no particular sector); ``guidance`` if all of them are guidance;
``unassigned`` only protections whose bearer roles nobody plays in the corridor;
``unknown``    nothing known covers it, but an answerable instrument was not read in full and no
               source reports it lacking the topic;
``gap``        nothing: every answerable instrument was read in full or is reported to lack the
               topic (or there is no answerable instrument at all).

The answerable instruments are those of the corridor's universe (or the instruments named by
``only_instruments``) that apply in the corridor as a whole at its date, are of a kind the profile
accepts, and reach the corridor's sector and workers (see :meth:`.CorridorContext.answerable`).
A reported lack on a topic settles that topic and its sub-topics, at the stages it names (at every
stage when it names none).

Each row carries its evidence, as (kind, instrument) pairs: a ``provision`` pair per deciding
provision; for ``gap`` and ``unknown``, one pair per answerable instrument, in corpus order:
``reported_lack``, ``read_in_full`` or ``not_read``. A gap's confidence is the lowest among its
reported lacks (each instrument's first lack that settles it); an unknown row has none.

The report also has a row per (topic, stage) that applicable provisions restrict (and, unless
``beyond_profile=False``, protect) outside the profile's norms; its bearer is the first bearer of
the first provision found, and its provisions are judged for any bearer they name.

Everything is computed for all norms of a report at once with merges and group-bys.
"""

from __future__ import annotations

from typing import Any, Iterable, Optional, Sequence

import numpy as np
import pandas as pd

from .corpus import ReferenceCorpus
from .corridor import Corridor, CorridorContext, context, make_corridor
from .vocab import (
    CONFIDENCES,
    COVERAGE_WEIGHTS,
    EVIDENCE_KINDS,
    GUIDANCE,
    ROLE_INDEX,
    STAGE_INDEX,
    STAGES,
    STATUSES,
    STRENGTH_INDEX,
)

#: Columns of a gap report.
REPORT_COLUMNS = ["topic", "stage", "bearer", "in_profile", "min_strength", "status", "decided_by", "actors",
                  "confidence", "evidence"]

#: A row's evidence: (kind, instrument) pairs.
Evidence = tuple[tuple[str, str], ...]

_GAP, _UNKNOWN = STATUSES.index("gap"), STATUSES.index("unknown")
_LACK, _READ, _NOT_READ = (EVIDENCE_KINDS.index(k) for k in ("reported_lack", "read_in_full", "not_read"))


def _extra_norms(corpus: ReferenceCorpus, cx: CorridorContext, norms: pd.DataFrame,
                 beyond_profile: bool) -> pd.DataFrame:
    """The (topic, stage) pairs that applicable provisions restrict (or protect) outside the profile,
    each with the first bearer of the first provision that speaks to it."""
    pts = corpus.provision_topic_stages
    keep = cx.applies_any[pts["provision"].to_numpy()]
    if not beyond_profile:
        keep &= (pts["effect"] == "restricts").to_numpy()
    pts = pts[keep]
    # (topic, stage) pairs already under a norm of the profile: the norm's topic or a sub-topic.
    anc = corpus.topic_ancestors
    covered = anc.merge(norms[["topic", "stage"]].rename(columns={"topic": "ancestor"}), on="ancestor")
    pts = pts[~pts["key"].isin(covered["topic"] + "@" + covered["stage"])]
    first = pts.drop_duplicates("key")  # in corpus order: the first provision's bearer
    extra = pd.DataFrame({
        "topic": first["topic"].to_numpy(),
        "stage": first["stage"].to_numpy(),
        "bearer": corpus.provisions["first_bearer"].to_numpy()[first["provision"].to_numpy()],
        "min_strength": "shall",
        "in_profile": False,
    })
    extra["stage_rank"] = extra["stage"].map(STAGE_INDEX)
    return extra.sort_values(["topic", "stage_rank"], kind="stable").drop(columns="stage_rank")


def _settle_absences(corpus: ReferenceCorpus, cx: CorridorContext, topics: np.ndarray,
                     stages: np.ndarray) -> tuple[np.ndarray, list[Evidence], list[Optional[str]]]:
    """For norms nothing covers (their topics and stages): whether each is ``gap`` or ``unknown``,
    its evidence and its confidence, from what is known of each answerable instrument."""
    n = len(topics)
    answerable = cx.answerable()
    if n == 0 or len(answerable) == 0:
        return np.full(n, _GAP), [()] * n, [None] * n
    # What each answerable instrument is reported to lack: a lack on a topic settles the topic and
    # every topic under it, at the stages it names (at every stage when it names none). Later lacks
    # are applied first, so that each instrument's first lack (in file order) that settles a norm
    # is the one it keeps.
    lacks = corpus.lacks[np.isin(corpus.lacks["position"].to_numpy(), answerable)]
    lack_rank = np.full((n, len(answerable)), -1)
    topics = topics.astype(str)
    for position, topic, lacking_at, rank in zip(*(lacks[c].to_numpy()[::-1] for c in (
            "position", "topic", "stages", "confidence_rank"))):
        hit = (topics == topic) | np.char.startswith(topics, topic + ".")
        if lacking_at:
            hit &= np.isin(stages, lacking_at)
        lack_rank[hit, np.searchsorted(answerable, position)] = rank
    full = corpus.instruments["text"].to_numpy()[answerable] == "full"
    kind = np.where(lack_rank >= 0, _LACK, np.where(full[None, :], _READ, _NOT_READ))
    unknown = (kind == _NOT_READ).any(axis=1)
    lowest = np.where(lack_rank >= 0, lack_rank, len(CONFIDENCES)).min(axis=1)
    ids = corpus.instruments.index.to_numpy()[answerable]
    evidence = [tuple(zip([EVIDENCE_KINDS[k] for k in row], ids)) for row in kind]
    confidence = [None if u or r == len(CONFIDENCES) else CONFIDENCES[r] for u, r in zip(unknown, lowest)]
    return np.where(unknown, _UNKNOWN, _GAP), evidence, confidence


def evaluate(corpus: ReferenceCorpus, cx: CorridorContext, norms: pd.DataFrame,
             judge_scope: bool = True) -> pd.DataFrame:
    """The status of each norm (columns topic, stage, bearer, min_strength, in_profile) in the
    corridor of ``cx``, the provisions that decided it (strongest first) and the evidence it rests
    on. ``judge_scope``: whether a provision for fewer sectors than a corridor of no particular
    sector is weak."""
    norms = norms.reset_index(drop=True)
    n = len(norms)
    prov = corpus.provisions
    # Candidates: provisions about the norm's topic or a sub-topic, at the norm's stage.
    keys = pd.DataFrame({"norm": np.arange(n), "key": (norms["topic"] + "@" + norms["stage"]).to_numpy()})
    cand = keys.merge(corpus.candidates[["key", "provision", "protects", "restricts"]], on="key")

    p = cand["provision"].to_numpy()
    m = cand["norm"].to_numpy()
    bearer_idx = norms["bearer"].map(ROLE_INDEX).to_numpy()[m]
    min_rank = norms["min_strength"].map(STRENGTH_INDEX).to_numpy()[m]
    mask = prov["bearer_mask"].to_numpy()[p]
    tier = prov["tier"].to_numpy()[p]
    strength = prov["strength_rank"].to_numpy()[p]
    # A provision that names the profile's expected bearer is judged for that bearer; one that does
    # not, for any bearer it names. A row outside the profile has no expected bearer (its bearer
    # column only describes the first provision found): docs/gaps.md lists there every restriction
    # and protection that applies, so its provisions are judged for any bearer they name.
    judged_for_bearer = ((mask >> bearer_idx) & 1 == 1) & norms["in_profile"].to_numpy(dtype=bool)[m]
    counts = np.where(judged_for_bearer, cx.applies_role[p, bearer_idx], cx.applies_any[p])
    assigned = (mask & cx.played_mask) != 0
    weak_reasons = ((tier != GUIDANCE) & (strength < min_rank)).astype(int) + prov["n_qualifiers"].to_numpy()[p]
    if judge_scope and not cx.corridor.sector:
        weak_reasons = weak_reasons + prov["has_scope_sectors"].to_numpy()[p].astype(int)
    protects = counts & cand["protects"].to_numpy()
    strong = protects & assigned & (weak_reasons == 0)
    weak = protects & assigned & (weak_reasons > 0)
    cand = pd.DataFrame({
        "norm": m, "conflict": counts & cand["restricts"].to_numpy(), "strong": strong, "weak": weak,
        "firm_weak": weak & (tier != GUIDANCE), "unassigned": protects & ~assigned,
        "strong_tier": np.where(strong, tier, 99),
    })

    per_norm = cand.groupby("norm")[["conflict", "weak", "firm_weak", "unassigned"]].any()
    per_norm["strong_tier"] = cand.groupby("norm")["strong_tier"].min()
    per_norm = per_norm.reindex(np.arange(n))
    conflict = per_norm["conflict"].fillna(False).to_numpy(dtype=bool)
    strong_tier = per_norm["strong_tier"].fillna(99).to_numpy(dtype=int)
    weak = per_norm["weak"].fillna(False).to_numpy(dtype=bool)
    firm_weak = per_norm["firm_weak"].fillna(False).to_numpy(dtype=bool)
    unassigned = per_norm["unassigned"].fillna(False).to_numpy(dtype=bool)
    source = np.select([conflict, strong_tier < 99, weak, unassigned],
                       ["conflict", "strong", "weak", "unassigned"], default="gap")
    status = np.select(
        [source == "conflict", source == "strong", source == "weak", source == "unassigned"],
        [STATUSES.index("conflict"), strong_tier,
         np.where(firm_weak, STATUSES.index("weak"), STATUSES.index("guidance")), STATUSES.index("unassigned")],
        default=STATUSES.index("gap"))

    # The deciding provisions, strongest first (tier, strength, fewest weaknesses; then corpus order).
    src = source[m]
    decided = (
        ((src == "conflict") & cand["conflict"].to_numpy())
        | ((src == "strong") & cand["strong"].to_numpy() & (tier == strong_tier[m]))
        | ((src == "weak") & cand["weak"].to_numpy() & (~firm_weak[m] | (tier != GUIDANCE)))
        | ((src == "unassigned") & cand["unassigned"].to_numpy())
    )
    dp, dm_ = p[decided], m[decided]
    order = np.lexsort((dp, weak_reasons[decided], -strength[decided], tier[decided], dm_))
    dp, dm_ = dp[order], dm_[order]
    ids = prov["id"].to_numpy()
    confidence_rank = prov["confidence_rank"].to_numpy()
    designated = prov["designated"].to_numpy()
    of_instrument = prov["instrument"].to_numpy()
    decided_by: list[tuple[str, ...]] = [()] * n
    evidence: list[Evidence] = [()] * n
    confidence: list[Optional[str]] = [None] * n
    named: list[set[str]] = [set() for _ in range(n)]
    bounds = np.flatnonzero(np.diff(dm_)) + 1
    for group in np.split(np.arange(len(dm_)), bounds):
        if len(group) == 0:
            continue
        norm, provs = dm_[group[0]], dp[group]
        decided_by[norm] = tuple(ids[provs])
        evidence[norm] = tuple(("provision", i) for i in of_instrument[provs])
        confidence[norm] = CONFIDENCES[int(confidence_rank[provs].min())]
        for d in designated[provs]:
            named[norm].update(d)

    # Where nothing decided, the evidence is what is known of each answerable instrument, which
    # tells a verified gap from an unknown.
    absent = np.flatnonzero(status == _GAP)
    settled, absent_evidence, absent_confidence = _settle_absences(
        corpus, cx, norms["topic"].to_numpy()[absent], norms["stage"].to_numpy()[absent])
    status[absent] = settled
    for k, norm in enumerate(absent):
        evidence[norm], confidence[norm] = absent_evidence[k], absent_confidence[k]

    out = norms[["topic", "stage", "bearer", "in_profile", "min_strength"]].copy()
    out["status"] = [STATUSES[s] for s in status]
    out["decided_by"] = decided_by
    out["actors"] = [tuple(sorted(set(cx.actors_of[b]) | named[i])) for i, b in enumerate(norms["bearer"])]
    out["confidence"] = pd.Series(confidence, index=out.index, dtype=object)
    out["evidence"] = pd.Series(evidence, index=out.index, dtype=object)
    return out


def gaps(corpus: ReferenceCorpus, origin: str, destination: str, profile: str, sector: Optional[str] = None,
         worker_status: str = "documented", as_of: Any = None, transit: Sequence[str] = (),
         territory: Optional[str] = None, beyond_profile: bool = True,
         only_instruments: Optional[Sequence[str]] = None, judge_scope: bool = True) -> pd.DataFrame:
    """The gap report of a corridor against a profile, one row per norm.

    Columns: topic, stage, bearer, in_profile, min_strength, status, decided_by (provision ids,
    strongest first), actors (who plays the bearer role, and the bodies the deciding provisions
    name), confidence (the lowest of the deciding provisions, or for a gap of its reported lacks),
    evidence ((kind, instrument) pairs). Profile norms come first in profile order, then
    restrictions outside the profile, then other protections outside it.

    ``only_instruments``: when given (and not empty), only these instruments count, and only their
    silence can make a gap. ``judge_scope``: whether a provision for fewer sectors than a corridor
    of no particular sector counts as weak.

    >>> gaps(corpus, "KHM", "MYS", "khm-lmp-2014-mou-minimum", sector="domestic_work",
    ...      as_of="2017-12-31")   # doctest: +SKIP
    """
    corridor = make_corridor(origin, destination, sector, worker_status, as_of, transit, territory)
    return corridor_gaps(corpus, corridor, profile, beyond_profile, only_instruments=only_instruments,
                         judge_scope=judge_scope)


def corridor_gaps(corpus: ReferenceCorpus, corridor: Corridor, profile: str, beyond_profile: bool = True,
                  judged: Optional[CorridorContext] = None, only_instruments: Optional[Sequence[str]] = None,
                  judge_scope: bool = True) -> pd.DataFrame:
    """:func:`gaps` for a :class:`Corridor`. ``judged``: the corridor's context, when the caller
    already has it (it does not depend on the profile)."""
    if profile not in corpus.profiles.index:
        raise KeyError(f"unknown profile `{profile}`")
    cx = (judged if judged is not None else context(corpus, corridor)).accepting(
        corpus.profiles.at[profile, "accepts"])
    if only_instruments:
        cx = cx.only(only_instruments)
    norms = corpus.norms[(corpus.norms["profile"] == profile).to_numpy()].sort_values("position")
    norms = norms[["topic", "stage", "bearer", "min_strength"]].assign(in_profile=True)
    extra = _extra_norms(corpus, cx, norms, beyond_profile)
    rows = evaluate(corpus, cx, pd.concat([norms, extra], ignore_index=True), judge_scope)
    head, tail = rows.iloc[: len(norms)], rows.iloc[len(norms):]
    tail = tail.sort_values("status", key=lambda s: s != "conflict", kind="stable")
    return pd.concat([head, tail], ignore_index=True)[REPORT_COLUMNS]


def coverage_index(report: pd.DataFrame, weights: Optional[dict[str, float]] = None) -> pd.Series:
    """Per stage, the mean weight of the profile's norms whose status is known (NaN for a stage
    with none): ``unknown`` norms are neither covered nor gaps, and are left out. ``weights``
    changes some of :data:`.vocab.COVERAGE_WEIGHTS`."""
    w = {**COVERAGE_WEIGHTS, **(weights or {})}
    known = report[report["in_profile"].to_numpy(dtype=bool) & (report["status"] != "unknown").to_numpy()]
    means = known["status"].map(w).astype(float).groupby(known["stage"].to_numpy()).mean()
    return means.reindex(STAGES).rename("coverage")


def evidence_index(report: pd.DataFrame) -> float:
    """The share of the profile's norms whose status is known (not ``unknown``): it rests on read
    text or a cited absence. NaN for a profile without norms."""
    status = report.loc[report["in_profile"].to_numpy(dtype=bool), "status"]
    return float((status != "unknown").mean()) if len(status) else float("nan")


def changes(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """The norms whose status differs between two reports of the same corridor and profile, in the
    order of ``after`` then the rows only ``before`` has.

    Columns: topic, stage, bearer, in_profile, before, after (None where a side has no row),
    provisions_before, provisions_after, changed_by (provisions deciding one side only, sorted).
    """
    key_cols = ["topic", "stage", "bearer", "in_profile"]
    old: dict[tuple, Any] = {}
    for row in before.itertuples(index=False):
        old.setdefault(tuple(getattr(row, c) for c in key_cols), row)
    out = []
    for row in after.itertuples(index=False):
        key = tuple(getattr(row, c) for c in key_cols)
        b = old.pop(key, None)
        if b is not None and b.status == row.status:
            continue
        prev = tuple(b.decided_by) if b is not None else ()
        out.append((*key, b.status if b is not None else None, row.status, prev, tuple(row.decided_by),
                    tuple(sorted(set(prev) ^ set(row.decided_by)))))
    for row in before.itertuples(index=False):
        key = tuple(getattr(row, c) for c in key_cols)
        if old.pop(key, None) is None:
            continue
        out.append((*key, row.status, None, tuple(row.decided_by), (), tuple(sorted(row.decided_by))))
    return pd.DataFrame(out, columns=[*key_cols, "before", "after", "provisions_before", "provisions_after",
                                      "changed_by"])


def bilateral_corridors(corpus: ReferenceCorpus) -> list[tuple[str, str]]:
    """Every ordered pair of states between which the corpus has a bilateral instrument."""
    inst = corpus.instruments
    pairs = inst.loc[(inst["level"] == "bilateral") & (inst["parties"].map(len) == 2), "parties"]
    return sorted({(a, b) for a, b in pairs} | {(b, a) for a, b in pairs})


def all_corridor_gaps(corpus: ReferenceCorpus, profiles: Optional[Iterable[str]] = None,
                      corridors: Optional[Iterable[tuple[str, str]]] = None, **corridor: Any) -> pd.DataFrame:
    """The gap reports of every bilateral corridor (both directions) against every profile, in one
    frame with origin, destination and profile columns. Extra keyword arguments (sector,
    worker_status, as_of, transit, territory, beyond_profile) go to :func:`gaps`."""
    profiles = list(corpus.profiles.index) if profiles is None else list(profiles)
    corridors = bilateral_corridors(corpus) if corridors is None else list(corridors)
    beyond_profile = corridor.pop("beyond_profile", True)
    frames = []
    for origin, destination in corridors:
        k = make_corridor(origin, destination, **corridor)
        judged = context(corpus, k)
        for profile in profiles:
            report = corridor_gaps(corpus, k, profile, beyond_profile, judged)
            frames.append(report.assign(origin=origin, destination=destination, profile=profile))
    if not frames:
        return pd.DataFrame(columns=["origin", "destination", "profile", *REPORT_COLUMNS])
    return pd.concat(frames, ignore_index=True)[["origin", "destination", "profile", *REPORT_COLUMNS]]
