"""Gap reports, scenarios and accountability queries: the Python face of the analysis."""

from __future__ import annotations

import html
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional, Sequence

from . import _core

if TYPE_CHECKING:  # pragma: no cover
    import matplotlib.figure
    import pandas

    from ._corpus import Corpus

STAGES = ["pre_departure", "transit", "employment", "return"]
STATUSES = list(_core.VOCABULARIES["gap_status"])
ROLES = list(_core.VOCABULARIES["role"])

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


def _percent(share: float) -> str:
    """A share as a whole percentage, "n/a" for NaN."""
    return "n/a" if share != share else f"{round(100 * share)}%"


def make_corridor(
    origin: str,
    destination: str,
    sector: Optional[str] = None,
    worker_status: str = "documented",
    as_of: Optional[str] = None,
    transit: Sequence[str] = (),
    territory: Optional[str] = None,
) -> _core.Corridor:
    """Builds a corridor, checking argument types (TypeError) and values (ValueError)."""
    for name, value in (("origin", origin), ("destination", destination), ("worker_status", worker_status)):
        if not isinstance(value, str):
            raise TypeError(f"{name} must be a str, got {type(value).__name__}: {value!r}")
    for name, optional in (("sector", sector), ("territory", territory)):
        if optional is not None and not isinstance(optional, str):
            raise TypeError(f"{name} must be a str or None, got {type(optional).__name__}: {optional!r}")
    if as_of is not None:
        import datetime

        if isinstance(as_of, (datetime.date, datetime.datetime)):
            as_of = as_of.strftime("%Y-%m-%d")
        elif not isinstance(as_of, str):
            raise TypeError(f"as_of must be a date or 'YYYY-MM-DD' text, got {type(as_of).__name__}: {as_of!r}")
    if isinstance(transit, str) or not all(isinstance(t, str) for t in transit):
        raise TypeError("transit must be a list of state ids")
    return _core.Corridor(origin, destination, sector, worker_status, as_of, list(transit), territory)


def _cites(items: Sequence[_core.CitedProvision]) -> list[str]:
    return [c.citation for c in items]


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

    __slots__ = ("_impl",)

    def __init__(self, impl: _core.GapReport) -> None:
        self._impl = impl

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
        confidence, instruments, evidence, nearest, precedents. ``evidence`` lists, one line each,
        what the status rests on: the deciding provisions; for ``gap`` the reported lacks and the
        instruments read in full; for ``unknown`` the instruments not read in full.
        """
        import pandas as pd

        rows = [
            {
                "stage": r.stage,
                "topic": r.topic,
                "bearer": r.bearer,
                "actor": ", ".join(r.actors),
                "status": r.status,
                "in_profile": r.in_profile,
                "citations": _cites(r.decided_by),
                "explanation": r.explanation,
                "confidence": r.confidence,
                "instruments": sorted({c.instrument for c in r.decided_by}),
                "evidence": [str(e) for e in r.evidence],
                "nearest": [f"{c.citation} ({c.note})" for c in r.nearest],
                "precedents": [f"{c.citation} ({c.note})" for c in r.precedents],
            }
            for r in self._impl.rows
            if r.in_profile or not profile_only
        ]
        df = pd.DataFrame(rows, columns=["stage", "topic", "bearer", "actor", "status", "in_profile", "citations",
                                         "explanation", "confidence", "instruments", "evidence", "nearest",
                                         "precedents"])
        df["stage"] = pd.Categorical(df["stage"], categories=STAGES, ordered=True)
        df["status"] = pd.Categorical(df["status"], categories=STATUSES)
        return df

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

    def text(self, width: int = 100) -> str:
        """The report as plain text for a terminal."""
        from ._report import gap_report_text

        return gap_report_text(self, width)

    def plot(self, ax: Any = None) -> matplotlib.figure.Figure:
        """Stage × topic grid coloured by status; returns the figure."""
        from ._plot import plot_gap_report

        return plot_gap_report(self, ax)

    def plot_cycle(self, ax: Any = None) -> matplotlib.figure.Figure:
        """The migration cycle: bearers as lanes, stages as columns, each norm where it falls,
        coloured by status (gaps and conflicts red)."""
        from ._plot import plot_cycle

        return plot_cycle(self, ax)

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
            f"; evidence index {_percent(self.evidence_index)}>"
        )

    def _repr_html_(self) -> Optional[str]:
        from ._html import gap_report_html

        return gap_report_html(self)


class Scenario:
    """A what-if over a corpus: ratify or withdraw, add or remove instruments, move the date.

    Every method returns the scenario, so calls chain. Questions (``gaps``) run on the changed
    corpus; the base corpus never changes.

    Examples
    --------
    >>> what_if = dm.load().scenario().ratify("MYS", "ilo-c189", "2018-01-01")
    >>> after = what_if.gaps("KHM", "MYS", profile="ilo-migrant-core", sector="domestic_work")  # doctest: +SKIP
    >>> after.changes_from(before)  # doctest: +SKIP
    """

    __slots__ = ("_added", "_as_of", "_base", "_impl", "_changes")

    def __init__(self, base: Corpus) -> None:
        self._base = base
        self._impl = _core.Scenario(base._impl)
        self._as_of: Optional[str] = None
        self._added: set[str] = set()
        # The changes in order, as plain data, so that a scenario pickles (and replays) exactly.
        self._changes: list[tuple[Any, ...]] = []

    def __reduce__(self) -> tuple[Any, ...]:
        return (_replay_scenario, (self._base, list(self._changes)))

    def ratify(self, state: str, instrument: str, date: str) -> Scenario:
        """The state ratifies the instrument on ``date`` (replacing any record it had).

        Only a state ratifies, and only conventions and protocols are ratified: anything else is
        refused here, when the change is recorded, rather than at the next question."""
        if self._base.actor(state).kind != "state":
            raise ValueError(f"`{state}` is not a state and cannot ratify")
        kind = self._base.instrument(instrument).kind
        if kind not in ("convention", "protocol"):
            raise ValueError(f"`{instrument}` is a {kind}, which cannot be ratified")
        self._impl.ratify(state, instrument, str(date))
        self._changes.append(("ratify", state, instrument, str(date)))
        return self

    def withdraw(self, state: str, instrument: str) -> Scenario:
        """The state's ratification record for the instrument is removed."""
        if self._base.actor(state).kind != "state":
            raise ValueError(f"`{state}` is not a state")
        self._base.instrument(instrument)
        self._impl.withdraw(state, instrument)
        self._changes.append(("withdraw", state, instrument))
        return self

    def add(self, path: str | os.PathLike[str]) -> Scenario:
        """Adds (or replaces, when marked ``replaces: true``) the instruments of a file or folder,
        a draft MOU for instance. Raises CorpusError if the file has problems."""
        from ._corpus import _paths

        layered = _core.load(_paths([path]), self._base._impl)
        # Keep the files' text, so that the scenario pickles without the files.
        root = Path(path)
        found = sorted(p for p in root.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file()) \
            if root.is_dir() else [root]
        files = [(str(f), f.read_bytes().decode("utf-8")) for f in found]
        return self._put(layered, files)

    def _add_texts(self, files: list[tuple[str, str]]) -> Scenario:
        return self._put(_core.load_texts([files], self._base._impl), files)

    def _put(self, layered: _core.Corpus, files: list[tuple[str, str]]) -> Scenario:
        base_ids = {i.id: i for i in self._base._impl.instruments}
        for inst in layered.instruments:
            old = base_ids.get(inst.id)
            if old is None or old.to_yaml() != inst.to_yaml():
                self._impl.put_instrument(inst)
                self._added.add(inst.id)
        for a in layered.actors:
            try:
                self._base.actor(a.id)
            except KeyError:
                self._impl.put_actor(a)
        self._changes.append(("add", files))
        return self

    def remove(self, instrument: str) -> Scenario:
        """Removes an instrument (and what is annexed to it), of the base or added here."""
        if not isinstance(instrument, str):
            raise TypeError(f"instrument must be a str id, got {type(instrument).__name__}")
        if instrument not in self._added:
            self._base.instrument(instrument)
        self._impl.remove_instrument(instrument)
        self._changes.append(("remove", instrument))
        return self

    def as_of(self, date: str) -> Scenario:
        """Every question is asked as of this date."""
        self._impl.as_of(str(date))
        self._as_of = str(date)
        self._changes.append(("as_of", str(date)))
        return self

    @property
    def corpus(self) -> Corpus:
        """The changed corpus."""
        from ._corpus import Corpus

        return Corpus(self._impl.result())

    def gaps(self, origin: str, destination: str, profile: str, **kwargs: Any) -> GapReport:
        """The gap analysis on the changed corpus; arguments as :meth:`Corpus.gaps`. A scenario
        that moves the date asks as of its date: giving another ``as_of`` here is an error."""
        asked = kwargs.get("as_of")
        if self._as_of is not None and asked is not None and str(asked) != self._as_of:
            raise ValueError(f"this scenario asks as of {self._as_of}; leave out as_of={asked!r}")
        return self.corpus.gaps(origin, destination, profile=profile, _adjust=self._impl.adjust, **kwargs)

    def __repr__(self) -> str:
        return f"<dutymap.Scenario over {self._base!r}>"


def _replay_scenario(base: Corpus, changes: list[tuple[Any, ...]]) -> Scenario:
    """A scenario rebuilt from its recorded changes (how scenarios unpickle)."""
    s = Scenario(base)
    for change in changes:
        kind, *args = change
        if kind == "add":
            s._add_texts(args[0])
        else:
            getattr(s, kind)(*args)
    return s
