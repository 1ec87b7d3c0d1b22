"""Pictures of results (matplotlib).

Each function takes plain data (the core's records, arrays, numbers, strings) and returns the
figure; none knows the classes that call it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Sequence

from ._vocabulary import STAGES, STATUS_COLOURS, percent

if TYPE_CHECKING:  # pragma: no cover
    import matplotlib.figure
    import numpy

    from . import _core


def _hatch(row: Any) -> str | None:
    # Unknown is dotted, so that it stays apart from a gap in print and for colour-blind readers.
    if row.status == "unknown":
        return ".."
    return None if row.in_profile else "//"


def _legend(rows: Any) -> list[Any]:
    """A legend entry for each status present; `unknown` and `gap` always, as the two are read
    against each other."""
    from matplotlib.patches import Patch

    shown = [s for s in STATUS_COLOURS if s in ("unknown", "gap") or any(r.status == s for r in rows)]
    labels = {"unknown": "unknown (text not read)", "gap": "gap (verified absence)"}
    return [Patch(facecolor=STATUS_COLOURS[s], hatch=".." if s == "unknown" else None, label=labels.get(s, s))
            for s in shown]


def _evidence_words(evidence_index: float) -> str:
    return f"evidence index {percent(evidence_index)}"


def plot_gap_report(rows: Sequence[_core.GapRow], corridor: _core.Corridor, profile: str, as_of: str,
                    evidence_index: float, ax: Any = None) -> matplotlib.figure.Figure:
    """A grid: topics down, stages across, each cell coloured by the status of its norm."""
    import matplotlib.pyplot as plt

    topics = sorted({r.topic for r in rows}, key=lambda t: (not any(x.in_profile for x in rows if x.topic == t), t))
    if ax is None:
        fig, ax = plt.subplots(figsize=(8, 0.35 * max(len(topics), 4) + 1.5))
    else:
        fig = ax.figure
    for r in rows:
        y = topics.index(r.topic)
        x = STAGES.index(r.stage)
        ax.add_patch(plt.Rectangle((x, y), 0.95, 0.9, color=STATUS_COLOURS[r.status],
                                   hatch=_hatch(r), alpha=1 if r.in_profile else 0.7))
    ax.set_xlim(0, len(STAGES))
    ax.set_ylim(len(topics), 0)
    ax.set_xticks([i + 0.47 for i in range(len(STAGES))], STAGES)
    ax.set_yticks([i + 0.45 for i in range(len(topics))], topics, fontsize=8)
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    k = corridor
    ax.set_title(f"{k.origin} → {k.destination}{' ' + k.sector if k.sector else ''} vs {profile}, "
                 f"as of {as_of}\n{_evidence_words(evidence_index)}", fontsize=10)
    ax.legend(handles=_legend(rows), loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False)
    fig.tight_layout()
    return fig


def plot_cycle(rows: Sequence[_core.GapRow], corridor: _core.Corridor, profile: str, as_of: str,
               evidence_index: float, ax: Any = None) -> matplotlib.figure.Figure:
    """The migration cycle of a corridor: the bearers as lanes, the four stages as columns, each
    norm of the report placed in its lane and stage and coloured by its status."""
    import matplotlib.pyplot as plt
    from matplotlib.patches import FancyBboxPatch

    lanes = []
    for r in rows:
        if r.bearer not in lanes:
            lanes.append(r.bearer)
    cells: dict[tuple[int, int], list] = {}
    for r in rows:
        cells.setdefault((lanes.index(r.bearer), STAGES.index(r.stage)), []).append(r)
    per_lane = [max([len(cells.get((i, s), [])) for s in range(len(STAGES))] + [1]) for i in range(len(lanes))]
    height = sum(per_lane) * 0.32 + 0.6 * len(lanes) + 1.2
    if ax is None:
        fig, ax = plt.subplots(figsize=(13, max(3.0, height)))
    else:
        fig = ax.figure
    y = 0.0
    k = corridor
    for i, lane in enumerate(lanes):
        lane_h = per_lane[i] * 0.32 + 0.5
        ax.add_patch(plt.Rectangle((0, y), len(STAGES), lane_h, fill=i % 2 == 0, color="#f4f4f4", lw=0))
        actors = sorted({a for r in rows if r.bearer == lane for a in r.actors})
        label = lane.replace("_", " ") + (f"\n({', '.join(actors[:3])}{'…' if len(actors) > 3 else ''})" if actors else "")
        ax.text(-0.05, y + lane_h / 2, label, ha="right", va="center", fontsize=8)
        for s in range(len(STAGES)):
            items = cells.get((i, s), [])
            if not items:
                ax.text(s + 0.5, y + lane_h / 2, "nothing expected", ha="center", va="center", fontsize=6, color="#bbb")
            for j, r in enumerate(items):
                top = y + 0.25 + j * 0.32
                ax.add_patch(FancyBboxPatch((s + 0.04, top), 0.92, 0.26, boxstyle="round,pad=0.01",
                                            color=STATUS_COLOURS[r.status], hatch=_hatch(r),
                                            alpha=1 if r.in_profile else 0.55))
                ax.text(s + 0.08, top + 0.13, f"{r.topic} · {r.status}", va="center", fontsize=6.5,
                        color="white" if r.status in ("conflict", "gap", "binding") else "black")
        y += lane_h
    for s in range(len(STAGES) + 1):
        ax.axvline(s, color="#999", lw=0.6)
    ax.set_xlim(0, len(STAGES))
    ax.set_ylim(y, 0)
    ax.set_xticks([s + 0.5 for s in range(len(STAGES))], [st.replace("_", " ") for st in STAGES])
    ax.xaxis.tick_top()
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_title(f"Migration cycle {k.origin} → {k.destination}{' (' + k.sector + ')' if k.sector else ''}: "
                 f"who owes what ({profile}, as of {as_of}); {_evidence_words(evidence_index)}",
                 fontsize=10, pad=24)
    handles = _legend(rows)
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.01), ncol=len(handles), fontsize=8,
              frameon=False)
    fig.tight_layout()
    return fig


def plot_matrix(
    matrix: numpy.ndarray, instruments: Sequence[str], columns: Sequence[str], ax: Any = None
) -> matplotlib.figure.Figure:
    """A heatmap of a coverage matrix (instruments down, columns across): green protects, red
    restricts."""
    import matplotlib.pyplot as plt

    if ax is None:
        fig, ax = plt.subplots(figsize=(max(6, 0.28 * len(columns) + 3), 0.45 * len(instruments) + 2))
    else:
        fig = ax.figure
    im = ax.imshow(matrix, cmap="RdYlGn", vmin=-1, vmax=1, aspect="auto")
    ax.set_xticks(range(len(columns)), columns, rotation=90, fontsize=7)
    ax.set_yticks(range(len(instruments)), instruments, fontsize=8)
    fig.colorbar(im, ax=ax, label="restricts  <  0  <  protects")
    fig.tight_layout()
    return fig
