"""HTML for Jupyter: plain tables, no JavaScript."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Optional

if TYPE_CHECKING:  # pragma: no cover
    from ._gaps import GapReport

#: Reports with more rows than this are not rendered as HTML (Jupyter falls back to repr).
MAX_HTML_ROWS = 2000


def gap_report_html(report: GapReport) -> Optional[str]:
    from ._gaps import STATUS_COLOURS

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
    out = [head, "<table>", "<thead><tr><th>stage</th><th>topic</th><th>bearer</th><th>status</th>"
           "<th>citations</th><th>explanation</th></tr></thead><tbody>"]
    for r in rows:
        colour = STATUS_COLOURS[r.status]
        cites = "<br>".join(e(c.citation) for c in r.decided_by) or "&mdash;"
        topic = e(r.topic) + ("" if r.in_profile else " <em>(outside the profile)</em>")
        out.append(
            f"<tr><td>{e(r.stage)}</td><td>{topic}</td><td>{e(r.bearer)}</td>"
            f"<td style='background:{colour}'><strong>{e(r.status)}</strong></td>"
            f"<td>{cites}</td><td>{e(r.explanation)}</td></tr>"
        )
    out.append("</tbody></table>")
    return "".join(out)
