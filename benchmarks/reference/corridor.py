"""What a corridor means for a corpus: who plays which role, and which provisions count.

All the applicability rules of docs/gaps.md ("Which provisions count") are evaluated here for every
provision at once, as boolean columns over the provisions table:

* the profile's accepted kinds;
* parties (bilateral and regional instruments between both corridor states, national ones of a
  corridor state, global non-ratifiable ones everywhere);
* dates (entry into force or adoption, partial dates counting from their last day; expiry;
  supersession by a revision already in force; an annex follows its MOU);
* ratification of conventions and protocols by the state(s) whose acceptance matters for a bearer
  role (denunciation, excluded parts, territorial limits);
* the corridor's sector and the worker's status.

The same rules judge whole instruments (the instrument-level check of docs/gaps.md: parties,
dates, and for conventions ratification by the origin or the destination state), for what a norm
nothing covers rests on: the "answerable" instruments whose silence on it is known to be absence
when read in full or reported lacking it, and otherwise makes its status ``unknown``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any, Optional, Sequence

import numpy as np
import pandas as pd

from .corpus import ReferenceCorpus, last_day, parse_date
from .vocab import ROLE_INDEX, ROLES, role_mask

#: Whose ratification makes a convention's duty on a role apply: the origin state's for the origin
#: state, a transit state's for transit states, the destination state's for the destination state,
#: employers and every other role, either's for recruitment agencies, workers and their families.
_ORIGIN_ANCHORED = frozenset({"origin_state", "recruitment_agency", "worker", "worker_family"})
_TRANSIT_ANCHORED = frozenset({"transit_state"})
_DESTINATION_ANCHORED = frozenset(ROLES) - {"origin_state", "transit_state"}

_ORIGIN_MASK = role_mask(_ORIGIN_ANCHORED)
_TRANSIT_MASK = role_mask(_TRANSIT_ANCHORED)
_DESTINATION_MASK = role_mask(_DESTINATION_ANCHORED)


@dataclass(frozen=True)
class Corridor:
    """A migration corridor: origin, destination, sector, worker status, date, transit, territory."""

    origin: str
    destination: str
    sector: Optional[str] = None
    worker_status: str = "documented"
    as_of: Optional[str] = None
    transit: tuple[str, ...] = ()
    territory: str = ""

    def day(self) -> float:
        """The ordinal of the day the question is asked (a partial date means its last day)."""
        today = dt.datetime.now(dt.timezone.utc).date().isoformat()  # dutymap's "today" is UTC's
        date = parse_date(self.as_of) if self.as_of is not None else today
        return last_day(date)


def make_corridor(origin: str, destination: str, sector: Optional[str] = None,
                  worker_status: str = "documented", as_of: Any = None, transit: Sequence[str] = (),
                  territory: Optional[str] = None) -> Corridor:
    """A corridor from the arguments :func:`gaps` takes."""
    if isinstance(as_of, (dt.date, dt.datetime)):
        as_of = as_of.strftime("%Y-%m-%d")
    if worker_status not in ("documented", "undocumented"):
        raise ValueError(f"worker_status must be documented or undocumented, got {worker_status!r}")
    return Corridor(origin, destination, sector or None, worker_status, as_of, tuple(transit), territory or "")


@dataclass
class CorridorContext:
    """A corridor judged against a corpus.

    ``applies_any``: whether each provision counts for some bearer it names. ``applies_role``: an
    array provisions x roles, whether it counts when judged for that role. Both are restricted to
    the instrument kinds of ``accepts`` when that is not empty (see :meth:`accepting`), and to the
    instruments of ``universe`` when the caller names them (see :meth:`only`).

    Per instrument (by position): ``universe``, the instruments that may apply here (or those
    named); ``instrument_applies``, whether it applies here at the corridor's date as a whole;
    ``reaches_workers``, whether its own scope reaches the corridor's sector and workers.
    """

    corpus: ReferenceCorpus
    corridor: Corridor
    day: float
    played_mask: int
    actors_of: dict[str, list[str]]
    applies_any: np.ndarray
    applies_role: np.ndarray
    universe: np.ndarray
    instrument_applies: np.ndarray
    reaches_workers: np.ndarray
    accepts: tuple[str, ...] = ()

    def accepting(self, kinds: Sequence[str]) -> "CorridorContext":
        """The same corridor for a profile that accepts only these instrument kinds (empty: any)."""
        if not kinds:
            return self
        ok = self.corpus.provisions["kind"].isin(kinds).to_numpy()
        return dataclasses.replace(self, applies_any=self.applies_any & ok,
                                   applies_role=self.applies_role & ok[:, None], accepts=tuple(kinds))

    def only(self, instruments: Sequence[str]) -> "CorridorContext":
        """The same corridor where only these instruments count (ids the corpus does not have are
        ignored): to score one agreement, with its annexes, against a profile."""
        chosen = self.corpus.instruments.index.isin(list(instruments))
        ok = chosen[self.corpus.provisions["instrument_position"].to_numpy()]
        return dataclasses.replace(self, applies_any=self.applies_any & ok,
                                   applies_role=self.applies_role & ok[:, None], universe=chosen)

    def answerable(self) -> np.ndarray:
        """Positions, ascending, of the instruments a norm nothing covers rests on: those of the
        universe that apply here as a whole, are of a kind the profile accepts, and reach the
        corridor's sector and workers."""
        ok = self.universe & self.instrument_applies & self.reaches_workers
        if self.accepts:
            ok = ok & self.corpus.instruments["kind"].isin(self.accepts).to_numpy()
        return np.flatnonzero(ok)


def _require_state(corpus: ReferenceCorpus, state: str, what: str) -> None:
    actors = corpus.actors
    if state not in actors.index or actors.at[state, "kind"] != "state":
        raise KeyError(f"unknown {what} state `{state}`")


def _instrument_in_time(corpus: ReferenceCorpus, day: float) -> np.ndarray:
    """Per instrument: in force at the day, not expired, not superseded, and its MOU likewise."""
    inst = corpus.instruments
    effective = inst["effective_last"].to_numpy()
    not_yet = effective > day  # NaN (no known date) compares False: taken to apply
    expired = inst["expires_first"].to_numpy() <= day
    started = pd.Series(np.isnan(effective) | (effective <= day), index=inst.index)
    succ = corpus.instrument_successors
    superseded_ids = succ.loc[started.reindex(succ["later"]).to_numpy(dtype=bool), "instrument"]
    superseded = inst.index.isin(superseded_ids)
    own = pd.Series(~not_yet & ~expired & ~superseded, index=inst.index)
    parent = inst["annex_to"]
    annexed = (parent != "").to_numpy()
    parent_ok = np.ones(len(inst), bool)
    parent_ok[annexed] = own.reindex(parent[annexed]).to_numpy(dtype=bool)
    return own.to_numpy() & parent_ok


def _instrument_reaches(corpus: ReferenceCorpus, k: Corridor) -> np.ndarray:
    """Per instrument: whether its parties put it in this corridor (conventions and protocols
    always: their reach is decided by ratification)."""
    inst = corpus.instruments
    parties = corpus.instrument_parties
    with_origin = inst.index.isin(parties.loc[parties["state"] == k.origin, "instrument"])
    with_destination = inst.index.isin(parties.loc[parties["state"] == k.destination, "instrument"])
    of_corridor = inst.index.isin(parties.loc[parties["state"].isin([k.origin, k.destination, *k.transit]),
                                              "instrument"])
    level = inst["level"].to_numpy()
    reach = np.select([level == "global", (level == "regional") | (level == "bilateral"), level == "national"],
                      [True, with_origin & with_destination, of_corridor], default=True)
    return reach | inst["ratifiable"].to_numpy()


def _instrument_may_apply(corpus: ReferenceCorpus, k: Corridor, reach: np.ndarray) -> np.ndarray:
    """Per instrument: whether it can count in the corridor whatever the date, sector or bearer
    (given ``reach``, from :func:`_instrument_reaches`): global ones that need no ratification,
    conventions and protocols a corridor state has a record for, regional ones of both states,
    bilateral ones between exactly them, national ones of a corridor state."""
    inst = corpus.instruments
    states = [k.origin, k.destination, *k.transit]
    recorded = inst.index.isin(corpus.ratifications.loc[corpus.ratifications["state"].isin(states), "instrument"])
    # A bilateral instrument is between the corridor's states only with exactly those two parties.
    pair = inst["party_count"].to_numpy() == 2
    if k.origin == k.destination:
        pair &= inst["parties"].map(lambda p: p[0] == p[-1]).to_numpy(dtype=bool)
    bilateral = (inst["level"] == "bilateral").to_numpy()
    return np.where(inst["ratifiable"].to_numpy(dtype=bool), recorded, reach & (pair | ~bilateral))


def _instrument_ratified(corpus: ReferenceCorpus, k: Corridor, day: float) -> np.ndarray:
    """Per instrument: whether the origin's or the destination's ratification binds it on the day
    (ratified by then, not denounced, its territorial limits including the corridor's); no part
    is excluded from a whole instrument."""
    rat = corpus.ratifications
    rat = rat[rat["state"].isin([k.origin, k.destination]).to_numpy()]
    binds = (rat["ratified_last"].to_numpy() <= day) & ~(rat["denounced_first"].to_numpy() <= day)
    binds &= np.array([not lim or k.territory in lim for lim in rat["limited_to"]], dtype=bool)
    return corpus.instruments.index.isin(rat.loc[binds, "instrument"])


def _instrument_reaches_workers(corpus: ReferenceCorpus, k: Corridor) -> np.ndarray:
    """Per instrument: whether its own scope reaches the corridor's sector (when it has one) and,
    for an undocumented worker, covers more than documented workers."""
    inst = corpus.instruments
    ok = np.ones(len(inst), bool)
    if k.sector:
        ok &= np.array([k.sector not in ex and (not sectors or k.sector in sectors)
                        for sectors, ex in zip(inst["sectors"], inst["excluded_sectors"])], dtype=bool)
    if k.worker_status == "undocumented":
        ok &= (inst["workers"] != "documented").to_numpy()
    return ok


def _ratified_by(corpus: ReferenceCorpus, state: str, k: Corridor, day: float) -> np.ndarray:
    """Per provision: whether the state's ratification binds it on the day (ratified by then, not
    denounced, its part not excluded, its territory not outside the ratification's limits)."""
    pr = corpus.provision_ratifications
    pr = pr[(pr["state"] == state).to_numpy()]
    binds = (pr["ratified_last"].to_numpy() <= day) & ~(pr["denounced_first"].to_numpy() <= day)
    binds &= ~pr["part_excluded"].to_numpy(dtype=bool)
    binds &= np.array([not lim or k.territory in lim for lim in pr["limited_to"]], dtype=bool)
    out = np.zeros(len(corpus.provisions), bool)
    out[pr["provision"].to_numpy()[binds]] = True
    return out


def context(corpus: ReferenceCorpus, corridor: Corridor, accepts: Sequence[str] = ()) -> CorridorContext:
    """Judges every provision of the corpus for a corridor.

    ``accepts``: the instrument kinds a profile accepts (empty: any kind).
    """
    k = corridor
    _require_state(corpus, k.origin, "origin")
    _require_state(corpus, k.destination, "destination")
    for t in k.transit:
        _require_state(corpus, t, "transit")
    if k.sector and k.sector not in set(corpus.sectors["id"]):
        raise KeyError(f"unknown sector `{k.sector}`")
    day = k.day()

    # Roles and the actors that play them: the corridor's states, every worker, employer and
    # recruiter (even unnamed), and the roles of the bodies of its states and of stateless bodies.
    actors_of: dict[str, list[str]] = {r: [] for r in ROLES}
    actors_of["origin_state"].append(k.origin)
    actors_of["destination_state"].append(k.destination)
    actors_of["transit_state"].extend(dict.fromkeys(k.transit))
    played = {"origin_state", "destination_state", "worker", "worker_family", "employer", "recruitment_agency"}
    if k.transit:
        played.add("transit_state")
    acts = corpus.actors
    present = acts["state"].isin({k.origin, k.destination, *k.transit}) | (
        (acts["state"] == "") & (acts["kind"] != "state"))
    for aid, mask in acts.loc[present.to_numpy(dtype=bool), "kind_role_mask"].items():
        for r in ROLES:
            if mask >> ROLE_INDEX[r] & 1:
                played.add(r)
                if aid not in actors_of[r]:
                    actors_of[r].append(aid)

    # Instruments: parties and dates; then the provisions' own scope.
    prov = corpus.provisions
    reach = _instrument_reaches(corpus, k)
    by_instrument = reach & _instrument_in_time(corpus, day)
    base = by_instrument[prov["instrument_position"].to_numpy()]
    # A whole instrument: a convention applies where the origin or the destination is bound by it.
    instrument_applies = by_instrument & (~corpus.instruments["ratifiable"].to_numpy(dtype=bool)
                                          | _instrument_ratified(corpus, k, day))
    if k.sector:
        ps = corpus.provision_sectors
        ps = ps[(ps["sector"] == k.sector).to_numpy()]
        excluded = prov.index.isin(ps.loc[ps["excluded"], "provision"])
        listed = prov.index.isin(ps.loc[~ps["excluded"], "provision"])
        base = base & ~excluded & ((prov["sectors"].map(len) == 0).to_numpy(dtype=bool) | listed)
    if k.worker_status == "undocumented":
        base = base & ~prov["documented_only"].to_numpy(dtype=bool)

    # Ratification, for conventions and protocols: whose depends on the bearer judged.
    ratifiable = prov["ratifiable"].to_numpy(dtype=bool)
    ok_o = _ratified_by(corpus, k.origin, k, day)
    ok_d = _ratified_by(corpus, k.destination, k, day)
    ok_t = np.zeros(len(prov), bool)
    for t in k.transit:
        ok_t |= _ratified_by(corpus, t, k, day)
    by_role = {r: ok_d for r in ROLES}
    by_role["origin_state"] = ok_o
    by_role["transit_state"] = ok_t
    for r in ("recruitment_agency", "worker", "worker_family"):
        by_role[r] = ok_o | ok_d
    applies_role = np.column_stack([base & (~ratifiable | by_role[r]) for r in ROLES])
    mask = prov["bearer_mask"].to_numpy()
    any_bearer = (((mask & _ORIGIN_MASK) != 0) & ok_o) | (((mask & _DESTINATION_MASK) != 0) & ok_d) | (
        ((mask & _TRANSIT_MASK) != 0) & ok_t)
    cx = CorridorContext(corpus, k, day, role_mask(played), actors_of, base & (~ratifiable | any_bearer),
                         applies_role, _instrument_may_apply(corpus, k, reach), instrument_applies,
                         _instrument_reaches_workers(corpus, k))
    return cx.accepting(accepts)


def roles_of(corpus: ReferenceCorpus, actor: str, corridor: Corridor) -> list[str]:
    """The roles an actor plays in a corridor, in role order: its own (and those its kind implies),
    and, for a state or a body of a state that lists no roles, the state's corridor role."""
    a = corpus.actors.loc[actor]
    mask = int(a["kind_role_mask"])
    state = a["id"] if a["kind"] == "state" else a["state"]
    if (a["kind"] == "state" or not a["roles"]) and state:
        if state == corridor.origin:
            mask |= role_mask(["origin_state"])
        if state == corridor.destination:
            mask |= role_mask(["destination_state"])
        if state in corridor.transit:
            mask |= role_mask(["transit_state"])
    return [r for r in ROLES if mask >> ROLE_INDEX[r] & 1]
