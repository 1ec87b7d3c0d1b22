"""The words every part of the package shares: stages, statuses, roles, practice ratings, status
colours, and how a share is written as a percentage.

The stages, statuses, roles and ratings come from the compiled core, in the order of the counts it
returns; nothing here imports another module of the package but the core.
"""

from __future__ import annotations

from . import _core

#: The stages of the migration cycle, in order.
STAGES = list(_core.VOCABULARIES["stage"])
#: The statuses of a gap report's rows, in the order of the core's counts.
STATUSES = list(_core.VOCABULARIES["gap_status"])
#: The roles that bear obligations.
ROLES = list(_core.VOCABULARIES["role"])
#: How far a source says a provision was carried out, from the most done; ``not_reported`` is
#: the source's silence.
RATINGS = list(_core.VOCABULARIES["rating"])

#: Colours of the statuses in tables and plots (red for gap, purple for conflict, greens for
#: coverage, grey for unknown: what the corpus has not read is neither covered nor a gap).
STATUS_COLOURS = {
    "conflict": "#762a83",
    "binding": "#1a9850",
    "committed": "#91cf60",
    "guidance": "#d9ef8b",
    "weak": "#fee08b",
    "unassigned": "#fc8d59",
    "unknown": "#b8b8b8",
    "gap": "#d73027",
}


def percent(share: float) -> str:
    """A share as a whole percentage, "n/a" for NaN."""
    return "n/a" if share != share else f"{round(100 * share)}%"
