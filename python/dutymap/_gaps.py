"""Gap reports: the result of the gap analysis of a corridor against a profile."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Mapping, Optional, Sequence

from . import _core
from ._html import gap_report_html
from ._plot import plot_cycle, plot_gap_report
from ._text import gap_report_text
from ._vocabulary import ROLES, STAGES, STATUSES, percent

if TYPE_CHECKING:  # pragma: no cover
    import matplotlib.figure
    import pandas


def _cites(items: Sequence[_core.CitedProvision]) -> list[str]:
    return [c.citation for c in items]


def _noted(items: Sequence[_core.CitedProvision]) -> list[str]:
    return [f"{c.citation} ({c.note})" for c in items]


# The columns of GapReport.to_pandas, and those gaps_frame puts before them.
ROW_COLUMNS = ["stage", "topic", "bearer", "actor", "status", "in_profile", "citations", "explanation",
               "confidence", "instruments", "evidence", "practice", "nearest", "precedents"]
QUESTION_COLUMNS = ["question", "origin", "destination", "sector", "worker_status", "as_of", "profile"]


def _frame(columns: dict[str, list[Any]]) -> pandas.DataFrame:
    """A DataFrame of gap-report rows from its columns: stage and status categorical."""
    import pandas as pd

    df = pd.DataFrame(columns, columns=[c for c in [*QUESTION_COLUMNS, *ROW_COLUMNS] if c in columns])
    df["stage"] = pd.Categorical(df["stage"], categories=STAGES, ordered=True)
    df["status"] = pd.Categorical(df["status"], categories=STATUSES)
    return df


class GapReport:
    """The gap analysis of a corridor against a profile.

    One row per expected norm of the profile, then the restrictions the corridor's instruments
    impose (``in_profile`` False, status ``conflict``), then protections they give beyond the
    profile. Each row has its status, the deciding citations, an explanation, the evidence the
    status rests on, and for gaps the nearest provisions that did not count and what other
    agreements say (precedents).

    A norm nothing known covers is ``gap`` only where the absence is verified (every applicable
    instrument of an accepted kind was read in full, or a cited source reports the topic lacking);
    otherwise it is ``unknown``, naming the instruments whose text would settle it.
    :attr:`evidence_index` is the share of the profile's norms whose status is known.

    Examples
    --------
    >>> report = dm.load().gaps("KHM", "THA", profile="khm-lmp-2014-mou-minimum", as_of="2017-12-31")
    >>> report.to_pandas()[["stage", "topic", "status"]].head()  # doctest: +SKIP
    """

    __slots__ = ("_impl", "_practice")

    def __init__(self, impl: _core.GapReport, practice: Optional[Mapping[str, Sequence[str]]] = None) -> None:
        self._impl = impl
        self._practice = {k: list(v) for k, v in (practice or {}).items()}

    @property
    def practice(self) -> dict[str, list[str]]:
        """What sources report was done to carry out the report's deciding provisions: provision
        id to lines ("2016: partly (KHM.MOLVT)"), for those with implementation records."""
        return {k: list(v) for k, v in self._practice.items()}

    def _practice_of(self, row: _core.GapRow) -> list[str]:
        return [f"{c.citation}, {line}" for c in row.decided_by for line in self._practice.get(c.provision, ())]

    @property
    def rows(self) -> list[_core.GapRow]:
        """The rows, profile norms first."""
        return self._impl.rows

    @property
    def corridor(self) -> _core.Corridor:
        return self._impl.corridor

    @property
    def profile(self) -> str:
        return self._impl.profile

    @property
    def as_of(self) -> str:
        """The date the analysis used."""
        return self._impl.as_of

    @property
    def evidence_index(self) -> float:
        """The share of the profile's norms whose status rests on read text or a cited absence
        (every status but ``unknown``), from 0 to 1; NaN for a profile without norms."""
        return self._impl.evidence_index()

    def row(self, topic: str, stage: str) -> _core.GapRow:
        """The row of a topic at a stage; KeyError if the report has none."""
        for r in self._impl.rows:
            if r.topic == topic and r.stage == stage:
                return r
        raise _core.UnknownIdError(f"no row for {topic} at {stage}")

    def to_pandas(self, profile_only: bool = False) -> pandas.DataFrame:
        """The rows as a DataFrame.

        Columns: stage, topic, bearer, actor, status, in_profile, citations, explanation,
        confidence, instruments, evidence, practice, nearest, precedents. ``evidence`` lists, one
        line each, what the status rests on: the deciding provisions; for ``gap`` the reported
        lacks and the instruments read in full; for ``unknown`` the instruments not read in full.
        ``practice`` lists what sources report was done to carry out the deciding provisions
        (paper is in ``citations``, practice beside it).
        """
        return _frame(self._columns(profile_only))

    def _columns(self, profile_only: bool = False) -> dict[str, list[Any]]:
        """The columns of :meth:`to_pandas`, as lists."""
        rows = [r for r in self._impl.rows if r.in_profile or not profile_only]
        decided = [r.decided_by for r in rows]
        return {
            "stage": [r.stage for r in rows],
            "topic": [r.topic for r in rows],
            "bearer": [r.bearer for r in rows],
            "actor": [", ".join(r.actors) for r in rows],
            "status": [r.status for r in rows],
            "in_profile": [r.in_profile for r in rows],
            "citations": [_cites(d) for d in decided],
            "explanation": [r.explanation for r in rows],
            "confidence": [r.confidence for r in rows],
            "instruments": [sorted({c.instrument for c in d}) for d in decided],
            "evidence": [[str(e) for e in r.evidence] for r in rows],
            "practice": [self._practice_of(r) for r in rows],
            "nearest": [_noted(r.nearest) for r in rows],
            "precedents": [_noted(r.precedents) for r in rows],
        }

    def summary(self) -> pandas.DataFrame:
        """Counts of the profile's norms by stage (rows) and status (columns), and each stage's
        evidence index (the share of its norms whose status is known; NaN where the profile has
        none). ``attrs["evidence_index"]`` holds the report's."""
        import pandas as pd

        df = pd.DataFrame(self._impl.counts_by_stage(), index=STAGES, columns=STATUSES)
        norms = df.sum(axis=1)
        df["evidence_index"] = ((norms - df["unknown"]) / norms.where(norms > 0)).astype(float)
        df.attrs["evidence_index"] = self.evidence_index
        return df

    def by_bearer(self) -> pandas.DataFrame:
        """Counts of the profile's norms by expected bearer and status (bearers with norms only)."""
        import pandas as pd

        df = pd.DataFrame(self._impl.counts_by_bearer(), index=ROLES, columns=STATUSES)
        return df[df.sum(axis=1) > 0]

    def coverage_index(self, weights: Optional[dict[str, float]] = None) -> pandas.Series:
        """Mean weight of the profile's norms of known status at each stage (NaN where there are
        none): ``unknown`` norms are left out, being neither covered nor gaps.

        Default weights: binding 1, committed 0.6, guidance 0.3, weak 0.3, unassigned 0.2,
        gap 0, conflict -0.5; pass ``weights`` to change any of them.
        """
        import pandas as pd

        if weights is not None and not isinstance(weights, dict):
            raise TypeError("weights must be a dict of status -> number")
        return pd.Series(self._impl.coverage_index(dict(weights or {})), index=STAGES, name="coverage")

    def changes_from(self, before: GapReport) -> pandas.DataFrame:
        """The norms whose status differs from ``before`` (this report is the 'after'), with the
        provisions that changed and the evidence the new status rests on."""
        import pandas as pd

        if not isinstance(before, GapReport):
            raise TypeError(f"changes_from takes a GapReport, got {type(before).__name__}")
        a, b = before.corridor, self.corridor
        if before.profile != self.profile or (a.origin, a.destination, a.sector, a.worker_status) != (
            b.origin, b.destination, b.sector, b.worker_status
        ):
            raise ValueError(
                f"changes_from compares two reports of the same corridor and profile; got {before!r} and {self!r}"
            )
        # What the new status rests on (a row settled from `unknown` shows its evidence here).
        after = {(r.topic, r.stage, r.bearer, r.in_profile): r for r in self._impl.rows}

        def evidence(c: _core.StatusChange) -> list[str]:
            r = after.get((c.topic, c.stage, c.bearer, c.in_profile))
            return [str(e) for e in r.evidence] if r is not None else []

        rows = [
            {
                "stage": c.stage,
                "topic": c.topic,
                "bearer": c.bearer,
                "in_profile": c.in_profile,
                "before": c.before,
                "after": c.after,
                "changed_by": list(c.changed_by),
                "evidence": evidence(c),
            }
            for c in _core.changes(before._impl, self._impl)
        ]
        df = pd.DataFrame(rows, columns=["stage", "topic", "bearer", "in_profile", "before", "after", "changed_by",
                                         "evidence"])
        return df.astype({"in_profile": bool})

    def _shown(self) -> dict[str, Any]:
        """What every presentation of the report shows (its rows, corridor, profile, date and
        evidence index), as keyword arguments of the presenters."""
        return {"rows": self._impl.rows, "corridor": self.corridor, "profile": self.profile,
                "as_of": self.as_of, "evidence_index": self.evidence_index}

    def text(self, width: int = 100) -> str:
        """The report as plain text for a terminal."""
        return gap_report_text(**self._shown(), summary=self.summary(), width=width,
                               practice={(r.topic, r.stage): self._practice_of(r) for r in self._impl.rows})

    def plot(self, ax: Any = None) -> matplotlib.figure.Figure:
        """Stage × topic grid coloured by status; returns the figure."""
        return plot_gap_report(**self._shown(), ax=ax)

    def plot_cycle(self, ax: Any = None) -> matplotlib.figure.Figure:
        """The migration cycle: bearers as lanes, stages as columns, each norm where it falls,
        coloured by status (gaps and conflicts red)."""
        return plot_cycle(**self._shown(), ax=ax)

    def __len__(self) -> int:
        return len(self._impl.rows)

    def __repr__(self) -> str:
        k = self._impl.corridor
        counts: dict[str, int] = {}
        for r in self._impl.rows:
            if r.in_profile:
                counts[r.status] = counts.get(r.status, 0) + 1
        parts = ", ".join(f"{n} {s}" for s, n in sorted(counts.items(), key=lambda x: STATUSES.index(x[0])))
        extra = sum(1 for r in self._impl.rows if not r.in_profile and r.status == "conflict")
        plural = "" if extra == 1 else "s"
        return (
            f"<GapReport {k.origin}->{k.destination}"
            f"{' ' + k.sector if k.sector else ''} vs {self.profile} as of {self.as_of}: {parts}"
            f"{f'; {extra} restriction{plural} beyond the profile' if extra else ''}"
            f"; evidence index {percent(self.evidence_index)}>"
        )

    def _repr_html_(self) -> Optional[str]:
        return gap_report_html(**self._shown())


def reports_frame(reports: Sequence[GapReport], first: int = 0) -> pandas.DataFrame:
    """The rows of many reports as one DataFrame: the columns of :meth:`GapReport.to_pandas`
    after the question each row answers (``question``, its position counting from ``first``, then
    the report's corridor and profile)."""
    columns: dict[str, list[Any]] = {c: [] for c in [*QUESTION_COLUMNS, *ROW_COLUMNS]}
    for number, report in enumerate(reports, first):
        k, n = report.corridor, len(report)
        asked = (number, k.origin, k.destination, k.sector, k.worker_status, report.as_of, report.profile)
        for name, value in zip(QUESTION_COLUMNS, asked):
            columns[name] += [value] * n
        for name, values in report._columns().items():
            columns[name] += values
    return _frame(columns)
