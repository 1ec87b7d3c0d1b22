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
``gap``        nothing.

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
    GUIDANCE,
    ROLE_INDEX,
    STAGE_INDEX,
    STATUSES,
    STRENGTH_INDEX,
)

#: Columns of a gap report.
REPORT_COLUMNS = ["topic", "stage", "bearer", "in_profile", "min_strength", "status", "decided_by", "actors",
                  "confidence"]


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


def evaluate(corpus: ReferenceCorpus, cx: CorridorContext, norms: pd.DataFrame) -> pd.DataFrame:
    """The status of each norm (columns topic, stage, bearer, min_strength, in_profile) in the
    corridor of ``cx``, and the provisions that decided it (strongest first)."""
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
    if not cx.corridor.sector:
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
    decided_by: list[tuple[str, ...]] = [()] * n
    confidence: list[Optional[str]] = [None] * n
    named: list[set[str]] = [set() for _ in range(n)]
    bounds = np.flatnonzero(np.diff(dm_)) + 1
    for group in np.split(np.arange(len(dm_)), bounds):
        if len(group) == 0:
            continue
        norm, provs = dm_[group[0]], dp[group]
        decided_by[norm] = tuple(ids[provs])
        confidence[norm] = CONFIDENCES[int(confidence_rank[provs].min())]
        for d in designated[provs]:
            named[norm].update(d)

    out = norms[["topic", "stage", "bearer", "in_profile", "min_strength"]].copy()
    out["status"] = [STATUSES[s] for s in status]
    out["decided_by"] = decided_by
    out["actors"] = [tuple(sorted(set(cx.actors_of[b]) | named[i])) for i, b in enumerate(norms["bearer"])]
    out["confidence"] = pd.Series(confidence, index=out.index, dtype=object)
    return out


def gaps(corpus: ReferenceCorpus, origin: str, destination: str, profile: str, sector: Optional[str] = None,
         worker_status: str = "documented", as_of: Any = None, transit: Sequence[str] = (),
         territory: Optional[str] = None, beyond_profile: bool = True) -> pd.DataFrame:
    """The gap report of a corridor against a profile, one row per norm.

    Columns: topic, stage, bearer, in_profile, min_strength, status, decided_by (provision ids,
    strongest first), actors (who plays the bearer role, and the bodies the deciding provisions
    name), confidence (the lowest of the deciding provisions). Profile norms come first in profile
    order, then restrictions outside the profile, then other protections outside it.

    >>> gaps(corpus, "KHM", "MYS", "khm-lmp-2014-mou-minimum", sector="domestic_work",
    ...      as_of="2017-12-31")   # doctest: +SKIP
    """
    corridor = make_corridor(origin, destination, sector, worker_status, as_of, transit, territory)
    return corridor_gaps(corpus, corridor, profile, beyond_profile)


def corridor_gaps(corpus: ReferenceCorpus, corridor: Corridor, profile: str, beyond_profile: bool = True,
                  judged: Optional[CorridorContext] = None) -> pd.DataFrame:
    """:func:`gaps` for a :class:`Corridor`. ``judged``: the corridor's context, when the caller
    already has it (it does not depend on the profile)."""
    if profile not in corpus.profiles.index:
        raise KeyError(f"unknown profile `{profile}`")
    cx = (judged if judged is not None else context(corpus, corridor)).accepting(
        corpus.profiles.at[profile, "accepts"])
    norms = corpus.norms[(corpus.norms["profile"] == profile).to_numpy()].sort_values("position")
    norms = norms[["topic", "stage", "bearer", "min_strength"]].assign(in_profile=True)
    extra = _extra_norms(corpus, cx, norms, beyond_profile)
    rows = evaluate(corpus, cx, pd.concat([norms, extra], ignore_index=True))
    head, tail = rows.iloc[: len(norms)], rows.iloc[len(norms):]
    tail = tail.sort_values("status", key=lambda s: s != "conflict", kind="stable")
    return pd.concat([head, tail], ignore_index=True)[REPORT_COLUMNS]


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
