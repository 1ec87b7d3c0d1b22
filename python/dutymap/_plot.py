"""Pictures of results (matplotlib)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import matplotlib.figure

    from ._gaps import GapReport


def plot_gap_report(report: GapReport, ax: Any = None) -> matplotlib.figure.Figure:
    """A grid: topics down, stages across, each cell coloured by the status of its norm."""
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    from ._gaps import STAGES, STATUS_COLOURS

    rows = report.rows
    topics = sorted({r.topic for r in rows}, key=lambda t: (not any(x.in_profile for x in rows if x.topic == t), t))
    if ax is None:
        fig, ax = plt.subplots(figsize=(8, 0.35 * max(len(topics), 4) + 1.5))
    else:
        fig = ax.figure
    for r in rows:
        y = topics.index(r.topic)
        x = STAGES.index(r.stage)
        ax.add_patch(plt.Rectangle((x, y), 0.95, 0.9, color=STATUS_COLOURS[r.status],
                                   hatch=None if r.in_profile else "//", alpha=1 if r.in_profile else 0.7))
    ax.set_xlim(0, len(STAGES))
    ax.set_ylim(len(topics), 0)
    ax.set_xticks([i + 0.47 for i in range(len(STAGES))], STAGES)
    ax.set_yticks([i + 0.45 for i in range(len(topics))], topics, fontsize=8)
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    k = report.corridor
    ax.set_title(f"{k.origin} → {k.destination}{' ' + k.sector if k.sector else ''} vs {report.profile}, "
                 f"as of {report.as_of}", fontsize=10)
    present = [s for s in STATUS_COLOURS if any(r.status == s for r in rows)]
    ax.legend(handles=[Patch(color=STATUS_COLOURS[s], label=s) for s in present],
              loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False)
    fig.tight_layout()
    return fig
