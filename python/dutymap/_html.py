"""HTML for Jupyter and for export: plain tables, no JavaScript.

Each function takes plain data (the core's records, numbers, strings) and returns the markup; none
knows the classes that call it.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any, Optional, Sequence

from ._vocabulary import STATUS_COLOURS, percent

if TYPE_CHECKING:  # pragma: no cover
    import numpy

    from . import _core

#: Reports with more rows than this are not rendered as HTML (Jupyter falls back to repr).
MAX_HTML_ROWS = 2000

#: Matrices with more cells than this are not rendered as HTML (Jupyter falls back to repr).
MAX_HTML_CELLS = 20000


def gap_report_html(rows: Sequence[_core.GapRow], corridor: _core.Corridor, profile: str, as_of: str,
                    evidence_index: float) -> Optional[str]:
    """A gap report as a heading, its evidence index and a table of its rows coloured by status;
    None for more than :data:`MAX_HTML_ROWS` rows."""
    if len(rows) > MAX_HTML_ROWS:
        return None
    k = corridor
    e = html.escape
    head = (
        f"<p><strong>Gap report</strong> {e(k.origin)} &rarr; {e(k.destination)}"
        f"{' (' + e(k.sector) + ')' if k.sector else ''}, {e(k.worker_status)} workers, "
        f"against <code>{e(profile)}</code>, as of {e(as_of)}</p>"
    )
    norms = [r for r in rows if r.in_profile]
    unknown = sum(r.status == "unknown" for r in norms)
    head += (
        f"<p><strong>Evidence index {percent(evidence_index)}</strong>: "
        f"{len(norms) - unknown} of {len(norms)} norms rest on read text or a cited absence"
        + (f"; <span style='background:{STATUS_COLOURS['unknown']}'>&nbsp;{unknown} unknown&nbsp;</span> "
           "(an applicable instrument was not read in full: not a finding of absence)" if unknown else "")
        + ".</p>"
    )
    out = [head, "<table>", "<thead><tr><th>stage</th><th>topic</th><th>bearer</th><th>status</th>"
           "<th>evidence</th><th>explanation</th></tr></thead><tbody>"]
    for r in rows:
        colour = STATUS_COLOURS[r.status]
        cites = "<br>".join(e(str(x)) for x in r.evidence) or "&mdash;"
        topic = e(r.topic) + ("" if r.in_profile else " <em>(outside the profile)</em>")
        out.append(
            f"<tr><td>{e(r.stage)}</td><td>{topic}</td><td>{e(r.bearer)}</td>"
            f"<td style='background:{colour}'><strong>{e(r.status)}</strong></td>"
            f"<td>{cites}</td><td>{e(r.explanation)}</td></tr>"
        )
    out.append("</tbody></table>")
    return "".join(out)


def matrix_html(matrix: numpy.ndarray, instruments: Sequence[str], columns: Sequence[str]) -> Optional[str]:
    """A coverage matrix as a table, cells green where they protect and red where they restrict;
    None for more than :data:`MAX_HTML_CELLS` cells."""
    if len(instruments) * len(columns) > MAX_HTML_CELLS:
        return None
    e = html.escape
    head = "".join(f"<th>{e(c)}</th>" for c in columns)
    body = []
    for i, name in enumerate(instruments):
        cells = []
        for j in range(len(columns)):
            v = float(matrix[i, j])
            colour = "#1a9850" if v > 0 else "#b2182b" if v < 0 else "#ffffff"
            cells.append(f"<td style='background:{colour};color:{'#fff' if v else '#999'}'>{v:.1f}</td>")
        body.append(f"<tr><th>{e(name)}</th>{''.join(cells)}</tr>")
    return f"<table><thead><tr><th></th>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def corpus_summary_html(summary: dict[str, Any]) -> str:
    """A corpus's summary counts as a small table, with its instruments by kind."""
    cells = "".join(
        f"<tr><th style='text-align:left'>{html.escape(k)}</th><td>{v}</td></tr>"
        for k, v in summary.items()
        if isinstance(v, int)
    )
    kinds = ", ".join(f"{k}: {v}" for k, v in summary["instruments_by_kind"].items() if v)
    return (
        "<div><strong>dutymap corpus</strong>"
        f"<table>{cells}</table><p>Instruments by kind: {html.escape(kinds)}</p></div>"
    )


def corpus_html(instruments: Sequence[_core.Instrument]) -> str:
    """A standalone page: every instrument with its provisions, citations and provenance."""
    e = html.escape
    out = ["<!doctype html><html><head><meta charset='utf-8'><title>dutymap corpus</title></head><body>",
           "<h1>dutymap corpus</h1>"]
    for inst in instruments:
        out.append(f"<h2 id='{e(inst.id)}'>{e(inst.id)}: {e(inst.title)}</h2>")
        out.append(f"<p>{e(inst.kind)}, {e(inst.level)}, {'binding' if inst.binding else 'not binding'}"
                   f"{', parties ' + e(', '.join(inst.parties)) if inst.parties else ''}. "
                   f"Text read: <strong>{e(inst.text)}</strong>. Source: {e(inst.source)}</p>")
        if inst.lacks:
            out.append("<p>Reported lacking: " + "; ".join(
                f"{e(lk.topic)} ({e(lk.source.strip())}: &ldquo;{e(lk.passage.strip())}&rdquo;, {e(lk.confidence)})"
                for lk in inst.lacks) + "</p>")
        if not inst.provisions:
            out.append("<p><em>No provision coded.</em></p>")
            continue
        out.append("<table><thead><tr><th>citation</th><th>topics</th><th>bearers</th><th>stages</th>"
                   "<th>summary</th><th>coded from</th></tr></thead><tbody>")
        for p in inst.provisions:
            topics = ", ".join(f"{t}" + (" (restricts)" if eff == "restricts" else "") for t, eff in p.topics.items())
            out.append(f"<tr><td>{e(p.citation)}</td><td>{e(topics)}</td><td>{e(', '.join(p.bearers))}</td>"
                       f"<td>{e(', '.join(p.stages))}</td><td>{e(p.summary)}</td>"
                       f"<td>{e(p.provenance.coded_from)}, {e(p.provenance.confidence)}: {e(p.provenance.source)}</td></tr>")
        out.append("</tbody></table>")
    out.append("</body></html>")
    return "\n".join(out)
