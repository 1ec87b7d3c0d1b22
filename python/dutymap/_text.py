"""Plain text for a terminal: tables, the corpus overview and gap reports.

Each function takes plain data (the core's records, DataFrames, dicts, strings) and returns the
text; none knows the classes that call it.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Any, Mapping, Optional, Sequence

from ._vocabulary import STAGES, STATUSES, percent

if TYPE_CHECKING:  # pragma: no cover
    import pandas

    from . import _core


def table(headers: Sequence[object], rows: Sequence[Sequence[object]], right: set[int] | None = None) -> str:
    """A plain-text table with columns sized to their contents."""
    right = right or set()
    cells = [[str(h) for h in headers]] + [[str(c) for c in r] for r in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]

    def line(row: list[str]) -> str:
        return "  ".join(
            c.rjust(widths[i]) if i in right else c.ljust(widths[i]) for i, c in enumerate(row)
        ).rstrip()

    out = [line(cells[0]), "  ".join("-" * w for w in widths)]
    out += [line(r) for r in cells[1:]]
    return "\n".join(out)


def corpus_report(
    version: str,
    summary: dict[str, Any],
    instruments: Sequence[_core.Instrument],
    topics: Sequence[_core.Topic],
    profiles: Sequence[_core.Profile],
) -> str:
    """Instruments by kind and level, provisions by stage and coding, topics by group."""
    s = summary
    out = [
        f"dutymap {version}: corpus overview",
        "",
        f"{s['instruments']} instruments, {s['provisions']} provisions, {s['topics']} topics, "
        f"{s['actors']} actors, {s['ratifications']} ratification records, {s['profiles']} profiles",
        "",
        "Instruments by kind and level",
    ]
    levels = [lv for lv, n in s["instruments_by_level"].items() if n]
    counts: dict[tuple[str, str], int] = {}
    for i in instruments:
        counts[(i.kind, i.level)] = counts.get((i.kind, i.level), 0) + 1
    rows = []
    for kind, n in s["instruments_by_kind"].items():
        if n:
            rows.append([kind] + [counts.get((kind, lv), 0) for lv in levels] + [n])
    out.append(table(["kind"] + levels + ["total"], rows, right=set(range(1, len(levels) + 2))))
    by_text = s["instruments_by_text"]
    out += [
        "",
        "How much of each instrument was read: "
        + ", ".join(f"{kind} {n}" for kind, n in by_text.items())
        + f". Topics a cited source reports an instrument lacks: {s['reported_lacks']}.",
        "A norm that an instrument not read in full might cover is reported `unknown`, not `gap`.",
    ]
    out += ["", "Provisions by stage (a provision may apply at several stages)"]
    out.append(
        table(["stage", "provisions"], [[k, v] for k, v in s["provisions_by_stage"].items()], right={1})
    )
    total = max(s["provisions"], 1)
    coding = s["provisions_by_coding"]
    conf = s["provisions_by_confidence"]
    out += [
        "",
        f"Coded from the instrument's own text: {coding['text']} "
        f"({100 * coding['text'] // total}%); from a secondary description: {coding['secondary']}"
        + (f"; unreviewed drafts: {coding['draft']}." if coding.get("draft") else "."),
        f"Confidence: high {conf['high']}, medium {conf['medium']}, low {conf['low']}. "
        f"Provisions that restrict the worker: {s['restricting_provisions']}.",
        "",
        "Topics by group",
    ]
    groups: dict[str, list[str]] = {}
    for t in topics:
        root = t.id.split(".")[0]
        groups.setdefault(root, [])
        if t.id != root:
            groups[root].append(t.id.split(".", 1)[1])
    out.append(
        table(
            ["group", "topics"],
            [[g, ", ".join(children) if children else "(one topic)"] for g, children in groups.items()],
        )
    )
    out += ["", "Instruments"]
    rows = [
        [i.id, i.kind, i.level, "yes" if i.binding else "no", i.text, len(i.provisions), len(i.lacks), i.name[:50]]
        for i in instruments
    ]
    out.append(table(["id", "kind", "level", "binding", "text", "provisions", "lacks", "name"], rows,
                     right={5, 6}))
    out += ["", "Profiles"]
    out.append(
        table(["id", "norms", "title"], [[p.id, len(p.norms), p.title[:70]] for p in profiles], right={1})
    )
    return "\n".join(out)


def _wrap(text: str, width: int, indent: str) -> str:
    return textwrap.fill(text, width=width, initial_indent=indent, subsequent_indent=indent)


def gap_report_text(rows: Sequence[_core.GapRow], corridor: _core.Corridor, profile: str, as_of: str,
                    evidence_index: float, summary: pandas.DataFrame, width: int = 100,
                    practice: Optional[Mapping[tuple[str, str], Sequence[str]]] = None) -> str:
    """A gap report for a terminal: the counts (``summary``: norms by stage and status), then
    each norm with its status and citations, and what sources report was done (``practice``, by
    topic and stage)."""
    practice = practice or {}
    k = corridor
    norms = [r for r in rows if r.in_profile]
    unknown = sum(r.status == "unknown" for r in norms)
    out = [
        f"Gap report: {k.origin} -> {k.destination}"
        f"{' (' + k.sector + ')' if k.sector else ''}, {k.worker_status} workers, "
        f"against {profile}, as of {as_of}",
        f"Evidence index: {percent(evidence_index)} "
        f"({len(norms) - unknown} of {len(norms)} norms rest on read text or a cited absence"
        + (f"; {unknown} unknown: the instruments that would settle them were not read" if unknown else "")
        + ")",
        "",
    ]
    cols = [s for s in STATUSES if summary[s].sum() > 0]
    out.append(table(["stage"] + cols, [[st] + [int(summary.loc[st, c]) for c in cols] for st in STAGES
                                        if summary.loc[st].sum() > 0], right=set(range(1, len(cols) + 1))))
    out.append("")
    sections = [
        ("Norms of the profile", norms),
        ("Restrictions on the worker outside the profile", [r for r in rows if not r.in_profile and r.status == "conflict"]),
        ("Other protections outside the profile", [r for r in rows if not r.in_profile and r.status != "conflict"]),
    ]
    for title, section in sections:
        if not section:
            continue
        out += [title, "-" * len(title)]
        for r in section:
            out.append(f"{r.status.upper():<10} {r.stage:<13} {r.topic}  [{r.bearer}]")
            out.append(_wrap(r.explanation, width, " " * 11))
            if r.status == "gap":
                for e in r.evidence:
                    if e.kind == "reported_lack":
                        out.append(_wrap(f"Evidence: {e}", width, " " * 11))
            for line in practice.get((r.topic, r.stage), ()):
                out.append(_wrap(f"Reported in practice: {line}", width, " " * 11))
            if r.status in ("gap", "unknown", "weak", "conflict") and r.precedents:
                agreed = "; ".join(p.citation for p in r.precedents[:3])
                out.append(_wrap(f"Agreed elsewhere: {agreed}", width, " " * 11))
        out.append("")
    out.append(_wrap("Statuses: conflict = an applicable provision restricts the worker; binding = a binding "
                     "instrument protects; committed = only non-binding commitments; guidance = only "
                     "recommendations or guidelines; weak = qualified, below strength or narrower in scope; "
                     "unassigned = nobody in the corridor plays the bearer role; unknown = nothing read "
                     "covers it, but an applicable instrument whose text was not read in full might; "
                     "gap = verified absence (every applicable instrument read in full, or a cited source "
                     "reports the topic lacking).",
                     width, ""))
    return "\n".join(out)
