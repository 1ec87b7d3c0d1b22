"""Accountability: what an actor owes in a corridor, and where a worker can complain."""

from __future__ import annotations

from typing import Any, Optional

import networkx as nx
import pandas as pd

from .corpus import ReferenceCorpus
from .corridor import Corridor, CorridorContext, context, make_corridor, roles_of
from .vocab import ROLE_INDEX, STAGE_INDEX, STAGES


def obligations_of(corpus: ReferenceCorpus, actor: str, origin: str, destination: str,
                   judged: Optional[CorridorContext] = None, **corridor: Any) -> pd.DataFrame:
    """Everything an actor owes in a corridor: provisions that name it, then provisions borne by a
    role it plays (a ministry plays its state's role), each once, if it applies in the corridor
    when judged for that role. Sorted by first stage, then instrument.

    ``judged``: the corridor's context, when the caller already has it (for many actors).
    Columns: provision, instrument, role, designated, stages, topics.
    """
    if actor not in corpus.actors.index:
        raise KeyError(f"unknown actor `{actor}`")
    k = make_corridor(origin, destination, **corridor)
    cx = judged if judged is not None else context(corpus, k)
    roles = roles_of(corpus, actor, k)
    prov = corpus.provisions
    designating = corpus.provision_designated
    designating = sorted(set(designating.loc[designating["actor"] == actor, "provision"]))
    masks = prov["bearer_mask"].to_numpy()
    seen: set[int] = set()
    taken = []

    def take(p: int, role: str, designated: bool) -> None:
        if p in seen:
            return
        seen.add(p)
        if cx.applies_role[p, ROLE_INDEX[role]]:
            taken.append((p, role, designated))

    for p in designating:
        bearers = prov.at[p, "bearers"]
        role = bearers[0] if bearers else "origin_state"
        for r in roles:
            if r in bearers:
                role = r
        take(p, role, True)
    for r in roles:
        for p in prov.index[(masks >> ROLE_INDEX[r]) & 1 == 1]:
            take(int(p), r, False)

    out = pd.DataFrame(taken, columns=["position", "role", "designated"])
    at = out["position"].to_numpy(dtype=int)
    for column, source in (("provision", "id"), ("instrument", "instrument"), ("stages", "stages"),
                           ("topics", "topic_ids")):
        out[column] = prov[source].to_numpy()[at]
    out["first_stage"] = [STAGE_INDEX[s[0]] if s else len(STAGES) for s in out["stages"]]
    out = out.sort_values(["first_stage", "instrument"], kind="stable")
    return out[["provision", "instrument", "role", "designated", "stages", "topics"]].reset_index(drop=True)


def corridor_actors(corpus: ReferenceCorpus, corridor: Corridor) -> list[str]:
    """The actors of a corridor: its states, their bodies, and organisations of no state that play
    some role."""
    acts = corpus.actors
    state = acts["state"].where(acts["kind"] != "state", acts["id"])
    states = {corridor.origin, corridor.destination, *corridor.transit}
    ours = state.isin(states) | ((state == "") & (acts["kind_role_mask"] != 0))
    return acts.index[ours.to_numpy(dtype=bool)].tolist()


def remedy_paths(corpus: ReferenceCorpus, origin: str, destination: str,
                 **corridor: Any) -> tuple[pd.DataFrame, list[str]]:
    """From each actor of the corridor, breadth first over the referrals valid at each stage, the
    paths to an actor that receives complaints at that stage (not going on past it); and the stages
    where there is none.

    Returns a frame (stage, path, acts) sorted by stage then path, and the stages without remedy.
    """
    k = make_corridor(origin, destination, **corridor)
    actors = corridor_actors(corpus, k)
    members = set(actors)
    paths: set[tuple[int, tuple[str, ...]]] = set()
    without = []
    for s, stage in enumerate(STAGES):
        g = corpus.referral_graphs[stage]
        receives = nx.get_node_attributes(g, "receives")
        found = False
        for start in actors:
            def neighbours(u: str, start: str = start) -> list[str]:
                if u != start and receives[u]:
                    return []  # the path ends where someone acts on the complaint
                return [v for v in g.successors(u) if v in members]

            parent = {start: start}
            if receives[start]:
                paths.add((s, (start,)))
                found = True
            for u, v in nx.generic_bfs_edges(g, start, neighbors=neighbours):
                parent[v] = u
                if receives[v]:
                    path = [v]
                    while path[-1] != start:
                        path.append(parent[path[-1]])
                    paths.add((s, tuple(reversed(path))))
                    found = True
        if not found:
            without.append(stage)
    ordered = sorted(paths)
    frame = pd.DataFrame([(STAGES[s], p, p[-1]) for s, p in ordered], columns=["stage", "path", "acts"])
    return frame, without
