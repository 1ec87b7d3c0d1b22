"""HTML for Jupyter: plain tables, no JavaScript."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Optional

if TYPE_CHECKING:  # pragma: no cover
    from ._gaps import GapReport

#: Reports with more rows than this are not rendered as HTML (Jupyter falls back to repr).
MAX_HTML_ROWS = 2000


def gap_report_html(report: GapReport) -> Optional[str]:
    from ._gaps import STATUS_COLOURS, _percent

    rows = report.rows
    if len(rows) > MAX_HTML_ROWS:
        return None
    k = report.corridor
    e = html.escape
    head = (
        f"<p><strong>Gap report</strong> {e(k.origin)} &rarr; {e(k.destination)}"
        f"{' (' + e(k.sector) + ')' if k.sector else ''}, {e(k.worker_status)} workers, "
        f"against <code>{e(report.profile)}</code>, as of {e(report.as_of)}</p>"
    )
    norms = [r for r in rows if r.in_profile]
    unknown = sum(r.status == "unknown" for r in norms)
    share = report.evidence_index
    head += (
        f"<p><strong>Evidence index {_percent(share)}</strong>: "
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


def corpus_html(corpus) -> str:
    """A standalone page: every instrument with its provisions, citations and provenance."""
    e = html.escape
    out = ["<!doctype html><html><head><meta charset='utf-8'><title>dutymap corpus</title></head><body>",
           "<h1>dutymap corpus</h1>"]
    for inst in corpus.instruments:
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
