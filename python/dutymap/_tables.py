"""The corpus's records and the answers of its queries as pandas DataFrames.

Each function takes what the compiled core returns (lists of its records) and lays it out as a
table with fixed columns, so that an empty answer still has them; none knows the classes that
call it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Mapping, Optional, Sequence

from ._vocabulary import RATINGS as _RATINGS

if TYPE_CHECKING:  # pragma: no cover
    import pandas

    from . import _core


def _frame(rows: Sequence[Any], columns: Sequence[str]) -> pandas.DataFrame:
    import pandas as pd

    return pd.DataFrame(rows, columns=columns)


def ratifications_frame(
    ratifications: Sequence[_core.Ratification], state: Optional[str] = None, instrument: Optional[str] = None
) -> pandas.DataFrame:
    """Ratification records, optionally of one state and/or instrument."""
    rows = [
        {
            "state": r.state,
            "instrument": r.instrument,
            "status": r.status,
            "signed": r.signed,
            "ratified": r.ratified,
            "denounced": r.denounced,
            "excludes": list(r.excludes),
            "limited_to": list(r.limited_to),
            "source": r.source,
        }
        for r in ratifications
        if (state is None or r.state == state) and (instrument is None or r.instrument == instrument)
    ]
    columns = ["state", "instrument", "status", "signed", "ratified", "denounced",
               "excludes", "limited_to", "source"]
    return _frame(rows, columns)


def instruments_frame(instruments: Sequence[_core.Instrument]) -> pandas.DataFrame:
    """One row per instrument, indexed by id (an empty frame without columns for none)."""
    import pandas as pd

    rows = [
        {
            "id": i.id,
            "name": i.name,
            "kind": i.kind,
            "level": i.level,
            "binding": i.binding,
            "parties": list(i.parties),
            "adopted": i.adopted,
            "in_force": i.in_force,
            "expires": i.expires,
            "supersedes": i.supersedes,
            "annex_to": i.annex_to,
            "text": i.text,
            "provisions": len(i.provisions),
            "lacks": [lk.topic for lk in i.lacks],
        }
        for i in instruments
    ]
    return pd.DataFrame(rows).set_index("id") if rows else pd.DataFrame()


def provisions_frame(provisions: Sequence[_core.Provision]) -> pandas.DataFrame:
    """One row per provision and topic (no columns for no provision)."""
    import pandas as pd

    rows = []
    for p in provisions:
        for topic, effect in p.topics.items():
            rows.append(
                {
                    "provision": p.id,
                    "instrument": p.instrument,
                    "citation": p.citation,
                    "topic": topic,
                    "effect": effect,
                    "modality": p.modality,
                    "strength": p.strength,
                    "bearers": list(p.bearers),
                    "stages": list(p.stages),
                    "workers": p.scope.workers,
                    "sectors": list(p.scope.sectors),
                    "qualifiers": [q for q, _ in p.qualifiers],
                    "coded_from": p.provenance.coded_from,
                    "confidence": p.provenance.confidence,
                    "summary": p.summary,
                }
            )
    return pd.DataFrame(rows)


def instrument_statuses_frame(statuses: Sequence[_core.InstrumentStatus]) -> pandas.DataFrame:
    """Which instruments apply in a corridor, and why the others do not."""
    rows = [{"instrument": s.instrument, "status": s.status, "why": s.why} for s in statuses]
    return _frame(rows, ["instrument", "status", "why"])


def practice_line(record: _core.ImplementationRecord) -> str:
    """One implementation record in a few words: period, rating, actor."""
    return f"{record.period}: {record.rating.replace('_', ' ')} ({record.actor})"


def practice_frame(records: Sequence[_core.ImplementationRecord],
                   citations: Mapping[str, str]) -> pandas.DataFrame:
    """Implementation records beside the provisions they carry out; ``citations`` maps each
    provision id to its citation."""
    import pandas as pd

    rows = [
        {
            "provision": r.provision,
            "instrument": r.provision.split(":", 1)[0],
            "citation": citations.get(r.provision, ""),
            "actor": r.actor,
            "period": r.period,
            "rating": r.rating,
            "reported": r.reported.strip(),
            "source": r.source.strip(),
            "passage": r.passage,
            "confidence": r.confidence,
            "notes": r.notes.strip(),
        }
        for r in records
    ]
    df = _frame(rows, ["provision", "instrument", "citation", "actor", "period", "rating", "reported", "source",
                       "passage", "confidence", "notes"])
    df["rating"] = pd.Categorical(df["rating"], categories=_RATINGS, ordered=True)
    return df


def coverage_frame(instruments: Sequence[_core.Instrument],
                   reports: Sequence[Sequence[_core.GapRow]]) -> pandas.DataFrame:
    """Per instrument: how much was read, its provisions and lacks, and how many of the reports'
    rows are unknown because it was not read in full; most first. ``attrs`` hold the numbers of
    reports and rows counted."""
    unknown: dict[str, int] = {}
    rows = 0
    for report in reports:
        for r in report:
            rows += 1
            if r.status == "unknown":
                for iid in {e.instrument for e in r.evidence if e.kind == "not_read"}:
                    unknown[iid] = unknown.get(iid, 0) + 1
    table = _frame(
        [{"instrument": i.id, "text": i.text, "provisions": len(i.provisions), "lacks": len(i.lacks),
          "unknown_rows": unknown.get(i.id, 0), "unknown_share": unknown.get(i.id, 0) / rows if rows else float("nan")}
         for i in instruments],
        ["instrument", "text", "provisions", "lacks", "unknown_rows", "unknown_share"])
    table = table.sort_values(["unknown_rows", "instrument"], ascending=[False, True], ignore_index=True)
    table.attrs["reports"] = len(reports)
    table.attrs["rows"] = rows
    return table


def obligations_frame(obligations: Sequence[_core.Obligation],
                      practice: Optional[Mapping[str, Sequence[str]]] = None) -> pandas.DataFrame:
    """What an actor owes, by stage, with citations, and beside each obligation what sources
    report was done (``practice``: provision id to lines, as :func:`practice_line` writes them)."""
    practice = practice or {}
    rows = [
        {
            "stages": list(o.stages),
            "citation": o.provision.citation,
            "instrument": o.provision.instrument,
            "role": o.role,
            "designated": o.designated,
            "tier": o.provision.tier,
            "topics": list(o.topics),
            "summary": o.provision.summary,
            "provision": o.provision.provision,
            "practice": list(practice.get(o.provision.provision, ())),
        }
        for o in obligations
    ]
    return _frame(rows, ["stages", "citation", "instrument", "role", "designated", "tier", "topics", "summary",
                         "provision", "practice"])


def responsible_frame(responsible: Sequence[_core.Responsibility]) -> pandas.DataFrame:
    """The actors who owe a protection, and under what."""
    rows = [
        {"actor": r.actor, "role": r.role, "citation": r.provision.citation,
         "instrument": r.provision.instrument, "tier": r.provision.tier, "provision": r.provision.provision}
        for r in responsible
    ]
    return _frame(rows, ["actor", "role", "citation", "instrument", "tier", "provision"])


def structural_gaps_frame(gaps: Sequence[_core.StructuralGap]) -> pandas.DataFrame:
    """Obligations nobody in particular owes, that name no responsible body, or whose bearer nobody
    oversees."""
    rows = [{"kind": g.kind, "bearer": g.bearer, "citation": g.provision.citation,
             "instrument": g.provision.instrument, "explanation": g.explanation, "provision": g.provision.provision}
            for g in gaps]
    return _frame(rows, ["kind", "bearer", "citation", "instrument", "explanation", "provision"])


def remedy_paths_frame(paths: Sequence[tuple[str, Sequence[str]]]) -> pandas.DataFrame:
    """Referral paths per stage; ``acts`` is the actor at the end of the path."""
    return _frame([{"stage": s, "path": list(p), "acts": p[-1]} for s, p in paths], ["stage", "path", "acts"])


def responsibility_load_frame(load: Sequence[Sequence[Any]]) -> pandas.DataFrame:
    """Obligations per actor and stage, and each actor's centrality, indexed by actor."""
    import pandas as pd

    cols = ["actor", "pre_departure", "transit", "employment", "return", "total", "centrality"]
    return pd.DataFrame(load, columns=cols).set_index("actor")


def diff_frame(items: Sequence[_core.TopicDifference]) -> pandas.DataFrame:
    """Topic by topic, how one instrument relates to another, with both sides' citations."""
    rows = [
        {
            "topic": d.topic,
            "relation": d.relation,
            "a": [c.citation for c in d.a],
            "b": [c.citation for c in d.b],
            "explanation": d.explanation,
        }
        for d in items
    ]
    return _frame(rows, ["topic", "relation", "a", "b", "explanation"])


def revisions_frame(steps: Sequence[_core.RevisionStep]) -> pandas.DataFrame:
    """What each revision along a supersedes chain added, dropped, changed, or leaves not known."""
    rows: list[dict[str, Any]] = []
    for step in steps:
        if not step.both_coded:
            rows.append({"from": step.from_, "to": step.to, "change": "not comparable", "topic": None,
                         "relation": None,
                         "explanation": "one of the two has no coded provision, so no change is claimed"})
            continue
        for change, items in (("added", step.added), ("dropped", step.dropped), ("changed", step.changed),
                              ("not known", step.not_known)):
            for d in items:
                rows.append({"from": step.from_, "to": step.to, "change": change, "topic": d.topic,
                             "relation": d.relation, "explanation": d.explanation})
    return _frame(rows, ["from", "to", "change", "topic", "relation", "explanation"])


def graph_edges_frame(edges: Sequence[Sequence[str]]) -> pandas.DataFrame:
    """Every edge of the graph view: source kind and id, edge kind, target kind and id."""
    return _frame(edges, ["source_kind", "source", "edge", "target_kind", "target"])
