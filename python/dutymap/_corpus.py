"""The corpus: look-ups, tables, analysis, comparison and export over the compiled corpus."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Sequence, TypeVar

from . import _core, _tables
from ._arguments import (
    PathLike,
    check_id,
    check_limits,
    instrument_ids,
    make_corridor,
    modality_weights,
    path_strings,
    question,
)
from ._compare import Comparison, instrument_diff
from ._distributed import (
    Packed,
    batches,
    check_batch_size,
    check_client,
    default_batch_size,
    map_batches,
    pack_frame,
    shipped,
    unpack_frame,
)
from ._gaps import GapReport, reports_frame
from ._html import corpus_summary_html
from ._scenario import Scenario
from ._text import corpus_report
from ._vocabulary import RATINGS, STAGES

if TYPE_CHECKING:  # pragma: no cover
    import networkx
    import pandas

T = TypeVar("T")
# A batch of a sweep: the position of its first question, and its questions.
Batch = tuple[int, Sequence[tuple[_core.Corridor, str]]]
# The options of a sweep's reports: beyond_profile, max_precedents, max_nearest, threads.
Options = tuple[bool, int, int, int]


class Corpus:
    """A validated, immutable corpus of instruments, provisions, topics, actors, ratifications
    and profiles.

    Obtain one with :func:`load` (the built-in corpus, optionally with your own folders layered
    over it). A corpus never changes; it is safe to share between threads, and cheap to copy.

    Examples
    --------
    >>> import dutymap as dm
    >>> corpus = dm.load()
    >>> [p.id for p in corpus.instrument("mou-khm-mys-2015-dw").provisions][:1]  # doctest: +SKIP
    ['mou-khm-mys-2015-dw:...']
    """

    # `_shipped`: this corpus's copies on Dask clusters, by client id (see gaps_many's `client`).
    __slots__ = ("_impl", "_shipped")

    def __init__(self, impl: _core.Corpus | None = None) -> None:
        if impl is None:
            impl = _core.Corpus()
        if not isinstance(impl, _core.Corpus):
            raise TypeError(f"Corpus wraps a dutymap._core.Corpus, got {type(impl).__name__}")
        self._impl = impl
        self._shipped: dict[str, Any] = {}

    # -- items ---------------------------------------------------------------------------------
    @property
    def instruments(self) -> list[_core.Instrument]:
        """All instruments, sorted by id."""
        return self._impl.instruments

    @property
    def provisions(self) -> list[_core.Provision]:
        """All provisions, instrument by instrument."""
        return self._impl.provisions

    @property
    def topics(self) -> list[_core.Topic]:
        """The topic taxonomy, sorted by id (parents before children)."""
        return self._impl.topics

    @property
    def sectors(self) -> list[_core.Sector]:
        """The sectors of work."""
        return self._impl.sectors

    @property
    def actors(self) -> list[_core.Actor]:
        """States, ministries, agencies, associations and organisations."""
        return self._impl.actors

    @property
    def profiles(self) -> list[_core.Profile]:
        """Reference standards that gaps are measured against."""
        return self._impl.profiles

    def instrument(self, id: str) -> _core.Instrument:
        """The instrument with this id; KeyError naming the nearest valid id otherwise.

        Examples
        --------
        >>> dm.load().instrument("ilo-c97").title  # doctest: +SKIP
        'Migration for Employment Convention (Revised), 1949'
        """
        return self._impl.instrument(check_id(id, "instrument id"))

    def topic(self, id: str) -> _core.Topic:
        """The topic with this id; KeyError naming the nearest valid id otherwise."""
        return self._impl.topic(check_id(id, "topic id"))

    def actor(self, id: str) -> _core.Actor:
        """The actor with this id; KeyError naming the nearest valid id otherwise."""
        return self._impl.actor(check_id(id, "actor id"))

    def profile(self, id: str) -> _core.Profile:
        """The profile with this id; KeyError naming the nearest valid id otherwise."""
        return self._impl.profile(check_id(id, "profile id"))

    def provision(self, id: str) -> _core.Provision:
        """The provision with this full id (``<instrument>:<local id>``)."""
        return self._impl.provision(check_id(id, "provision id"))

    def revision_chain(self, id: str) -> list[str]:
        """Ids along the instrument's ``supersedes`` chain, oldest first."""
        return self._impl.revision_chain(check_id(id, "instrument id"))

    def annexes(self, id: str) -> list[str]:
        """Ids of the instruments annexed to this one (standard contracts of an MOU)."""
        return self._impl.annexes(check_id(id, "instrument id"))

    # -- tables --------------------------------------------------------------------------------
    def ratifications(self, state: str | None = None, instrument: str | None = None) -> pandas.DataFrame:
        """Ratification records as a DataFrame, optionally for one state and/or instrument.

        Columns: state, instrument, status, signed, ratified, denounced, excludes, limited_to,
        source.

        Examples
        --------
        >>> dm.load().ratifications("THA")  # doctest: +SKIP
        """
        if state is not None:
            self.actor(state)
        if instrument is not None:
            self.instrument(instrument)
        return _tables.ratifications_frame(self._impl.ratifications, state, instrument)

    def instruments_frame(self) -> pandas.DataFrame:
        """One row per instrument: id, name, kind, level, binding, parties, dates, how much of its
        text was read (``text``), provisions, and the topics a source reports it lacks."""
        return _tables.instruments_frame(self._impl.instruments)

    def provisions_frame(self) -> pandas.DataFrame:
        """One row per provision and topic: the long format that pandas groups and pivots well.

        Columns: provision, instrument, citation, topic, effect, modality, strength, bearers,
        stages, workers, sectors, qualifiers, coded_from, confidence, summary.
        """
        return _tables.provisions_frame(self._impl.provisions)

    def summary(self) -> dict[str, Any]:
        """Counts by instrument kind and level, by how much of their text was read, provisions by
        stage, coding and confidence, and reported lacks."""
        out: dict[str, Any] = self._impl.summary()
        by_text = dict.fromkeys(_core.VOCABULARIES["text"], 0)
        for i in self._impl.instruments:
            by_text[i.text] += 1
        out["instruments_by_text"] = by_text
        out["reported_lacks"] = sum(len(i.lacks) for i in self._impl.instruments)
        return out

    def report(self) -> str:
        """A plain-text overview of the corpus, for a terminal."""
        return corpus_report(_core.__version__, self.summary(), self.instruments, self.topics, self.profiles)

    # -- analysis ------------------------------------------------------------------------------
    def gaps(
        self,
        origin: str,
        destination: str,
        profile: str,
        sector: str | None = None,
        worker_status: str = "documented",
        as_of: Any = None,
        transit: Sequence[str] = (),
        territory: str | None = None,
        beyond_profile: bool = True,
        max_precedents: int = 8,
        max_nearest: int = 6,
        _adjust: Any = None,
    ) -> GapReport:
        """The gap analysis of a corridor against a profile.

        Parameters
        ----------
        origin, destination : str
            State ids (ISO 3166 alpha-3), e.g. ``"KHM"``, ``"THA"``.
        profile : str
            The reference standard, e.g. ``"khm-lmp-2014-mou-minimum"``.
        sector : str, optional
            e.g. ``"domestic_work"``; None for workers in general.
        worker_status : {"documented", "undocumented"}
        as_of : str or datetime.date, optional
            The date of the question (default: today). ``"2017"`` means the end of 2017.
        beyond_profile : bool
            Also report protections the corridor's instruments give outside the profile.
        max_precedents, max_nearest : int
            How many precedents (what other instruments say on the row's topic) and nearest
            provisions (what did not count here, and why) each row lists; 0 leaves them out, which
            makes a report several times quicker to compute (for sweeps that only need statuses).

        Examples
        --------
        >>> report = dm.load().gaps("KHM", "MYS", profile="khm-lmp-2014-mou-minimum",
        ...                         sector="domestic_work", as_of="2017-12-31")
        >>> report.row("mobility.change_employer", "employment").status
        'conflict'
        """
        if not isinstance(profile, str):
            raise TypeError(f"profile must be a str id, got {type(profile).__name__}")
        if not isinstance(beyond_profile, bool):
            raise TypeError("beyond_profile must be True or False")
        check_limits(max_precedents, max_nearest)
        corridor = make_corridor(origin, destination, sector, worker_status, as_of, transit, territory)
        if _adjust is not None:
            corridor = _adjust(corridor)
        report = _core.gaps(self._impl, corridor, profile, beyond_profile, max_precedents, max_nearest)
        return GapReport(report, self._practice_in([report])[0])

    def gaps_many(
        self,
        questions: Iterable[tuple[Any, str]],
        threads: int | None = None,
        beyond_profile: bool = True,
        max_precedents: int = 8,
        max_nearest: int = 6,
        client: Any = None,
        batch_size: int | None = None,
    ) -> list[GapReport]:
        """The gap analyses of many corridors and profiles at once, on several threads, or on a
        Dask cluster.

        Each report is the one :meth:`gaps` gives for the same question; the reports come in the
        order of the questions. The work runs in C++ without the GIL, so other Python threads go
        on meanwhile. All the reports are kept until they are returned: on a large corpus a
        report holds about a megabyte of citations, so sweep tens of thousands of questions in
        batches.

        Parameters
        ----------
        questions : iterable of (corridor, profile)
            A corridor is ``(origin, destination)``, or a longer tuple of :meth:`gaps`'s corridor
            arguments in their order (origin, destination, sector, worker_status, as_of, transit,
            territory), or a dict of them by name; ``profile`` is a profile id.
        threads : int, optional
            How many threads to use; by default one per core. With ``client``, the threads of
            each task (by default one: the cluster runs a task per worker thread).
        beyond_profile, max_precedents, max_nearest
            As for :meth:`gaps`, for every report.
        client : distributed.Client, optional
            Compute on this Dask cluster: the corpus is sent once to every worker, the questions
            go in batches, one task each, and the reports come back pickled, batch by batch.
            Reports are large (their nearest provisions and precedents), so for sweeps
            :meth:`gaps_frame` is much quicker; see "Sweeps on a Dask cluster" in docs/gaps.md.
        batch_size : int, optional
            Questions per task with ``client`` (default: four batches per worker thread).

        Raises
        ------
        ValueError
            For an unknown state, sector or profile (the first such question, in order).
        TypeError
            For a ``client`` that is not a ``distributed.Client``.

        Examples
        --------
        >>> corpus = dm.load()
        >>> reports = corpus.gaps_many([(("KHM", "THA"), "ilo-migrant-core"),
        ...                             (("KHM", "MYS", "domestic_work"), "ilo-migrant-core")])
        >>> [r.corridor.destination for r in reports]
        ['THA', 'MYS']
        """
        parts = self._sweep(_reports_of, questions, threads, beyond_profile, max_precedents, max_nearest,
                            client, batch_size)
        return [report for part in parts for report in part]

    def gaps_frame(
        self,
        questions: Iterable[tuple[Any, str]],
        threads: int | None = None,
        beyond_profile: bool = True,
        max_precedents: int = 8,
        max_nearest: int = 6,
        client: Any = None,
        batch_size: int | None = None,
    ) -> pandas.DataFrame:
        """The gap analyses of many questions as one DataFrame: one row per question and report
        row, in order.

        Columns: ``question`` (the question's position), origin, destination, sector,
        worker_status, as_of and profile, then those of :meth:`GapReport.to_pandas`. The keyword
        arguments are those of :meth:`gaps_many`, with the same meaning. With ``client`` each task returns its batch's
        rows as a DataFrame, which is much lighter to send back than its reports: this is the
        call for sweeps on a Dask cluster.

        Examples
        --------
        >>> frame = dm.load().gaps_frame([(("KHM", "THA"), "ilo-migrant-core")])
        >>> frame.loc[0, ["question", "origin", "destination"]].tolist()
        [0, 'KHM', 'THA']
        """
        import pandas as pd

        options = {"threads": threads, "beyond_profile": beyond_profile, "max_precedents": max_precedents,
                   "max_nearest": max_nearest, "client": client, "batch_size": batch_size}
        if client is None:
            parts = self._sweep(_frame_of, questions, **options)
        else:
            parts = [unpack_frame(p) for p in self._sweep(_packed_frame_of, questions, **options)]
        # A column of a batch can be all None (object) where the whole sweep's is text, and a
        # batch without rows has no dtypes: the joined columns' dtypes are inferred again.
        filled = [part for part in parts if len(part)]
        if len(filled) > 1:
            return pd.concat(filled, ignore_index=True).infer_objects()
        return filled[0] if filled else parts[0] if parts else reports_frame([])

    def _sweep(self, batch: Callable[[Corpus, Batch, Options], T], questions: Iterable[tuple[Any, str]],
               threads: int | None = None, beyond_profile: bool = True, max_precedents: int = 8,
               max_nearest: int = 6, client: Any = None, batch_size: int | None = None) -> list[T]:
        """``batch`` of the questions after checking the arguments: of all of them in this process,
        or of one batch per task on ``client``'s cluster."""
        if threads is not None and (isinstance(threads, bool) or not isinstance(threads, int)
                                    or threads < 1):
            raise TypeError(f"threads must be a positive int or None, got {threads!r}")
        if not isinstance(beyond_profile, bool):
            raise TypeError("beyond_profile must be True or False")
        check_limits(max_precedents, max_nearest)
        if client is not None:
            check_client(client)
        check_batch_size(batch_size)
        asked = [question(q) for q in questions]
        if client is None:
            return [batch(self, (0, asked), (beyond_profile, max_precedents, max_nearest, threads or 0))]
        if not asked:
            return []
        work = batches(asked, batch_size or default_batch_size(client, len(asked)))
        remote = shipped(client, self, self._shipped)
        return map_batches(client, batch, remote, work, (beyond_profile, max_precedents, max_nearest, threads or 1))

    def _practice_in(self, reports: Sequence[_core.GapReport]) -> list[dict[str, list[str]]]:
        """For each report, the implementation records of its deciding provisions as short lines;
        the corpus is asked once whether it has any (synthetic corpora have none)."""
        if not self._impl.practice:
            return [{} for _ in reports]
        return [self._practice_lines({c.provision for r in report.rows for c in r.decided_by})
                for report in reports]

    def _practice_lines(self, provision_ids: Iterable[str]) -> dict[str, list[str]]:
        out = {}
        for pid in provision_ids:
            if records := self._impl.practice_of(pid):
                out[pid] = [_tables.practice_line(r) for r in records]
        return out

    def coverage(self, as_of: Any = None) -> pandas.DataFrame:
        """How much of each instrument was read, and what that costs the analyses: which source
        to read next.

        One row per instrument: ``text`` (how much of it was read), ``provisions``, ``lacks`` (the
        topics sources report it lacks), and ``unknown_rows``, the rows of the gap reports of every
        bilateral corridor (each bilateral instrument's parties, origin first, in general and in
        each sector an instrument of that pair names) against every profile, at ``as_of``
        (default: today), whose status is unknown because this instrument was not read in full;
        ``unknown_share`` is that count over all those reports' profile rows. Sorted by
        ``unknown_rows``, most first.
        """
        corridors: set[tuple[str, str, str | None]] = set()
        for iid in self.bilateral_instruments():
            instrument = self._impl.instrument(iid)
            origin, destination = instrument.parties[0], instrument.parties[1]
            corridors.add((origin, destination, None))
            for annexed in [iid, *self._impl.annexes(iid)]:
                for sector in self._impl.instrument(annexed).scope.sectors:
                    corridors.add((origin, destination, sector))
        questions = [({"origin": o, "destination": d, "sector": s, "as_of": as_of}, p.id)
                     for o, d, s in sorted(corridors, key=str) for p in self._impl.profiles]
        reports = self.gaps_many(questions, beyond_profile=False, max_precedents=0, max_nearest=0)
        return _tables.coverage_frame(self._impl.instruments, [r.rows for r in reports])

    # -- practice beside paper -----------------------------------------------------------------
    @property
    def practice(self) -> list[_core.ImplementationRecord]:
        """Every implementation record: what a source reports an actor did to carry out a
        provision in a period, with its rating and the source's words."""
        return self._impl.practice

    def implementation(self, actor: str | None = None, provision: str | None = None,
                       instrument: str | None = None, rating: str | None = None) -> pandas.DataFrame:
        """The implementation records, optionally of one actor, provision, instrument or rating,
        as a DataFrame: provision, instrument, citation, actor, period, rating, reported, source,
        passage, confidence, notes.

        What a provision owes is on paper (:meth:`provision`); this is what sources report was
        done about it. ``not_reported`` means the source says nothing for that period, not that
        nothing was done.

        Examples
        --------
        >>> dm.load().implementation(actor="KHM.MOLVT")[["citation", "period", "rating"]]  # doctest: +SKIP
        """
        if actor is not None:
            self.actor(check_id(actor, "actor id"))
        if instrument is not None:
            self.instrument(check_id(instrument, "instrument id"))
        if rating is not None and rating not in RATINGS:
            raise ValueError(f"unknown rating `{rating}`; the ratings are {', '.join(RATINGS)}")
        if provision is not None:
            records = self._impl.practice_of(check_id(provision, "provision id"))
        else:
            records = self._impl.practice
        chosen = [r for r in records
                  if (actor is None or r.actor == actor) and (rating is None or r.rating == rating)
                  and (instrument is None or r.provision.split(":", 1)[0] == instrument)]
        citations = {pid: self._impl.provision(pid).citation for pid in {r.provision for r in chosen}}
        return _tables.practice_frame(chosen, citations)

    def scenario(self) -> Scenario:
        """A what-if over this corpus (ratify, withdraw, add a draft, move the date)."""
        return Scenario(self)

    def instrument_statuses(self, origin: str, destination: str, **corridor: Any) -> pandas.DataFrame:
        """Which instruments apply in a corridor at its date, and why the others do not."""
        k = make_corridor(origin, destination, **corridor)
        return _tables.instrument_statuses_frame(_core.instrument_statuses(self._impl, k))

    def obligations_of(self, actor: str, origin: str, destination: str, **corridor: Any) -> pandas.DataFrame:
        """Everything an actor owes in a corridor, by stage, with citations, and beside each
        obligation what sources report was done (``practice``: "2016: partly (KHM.MOLVT)").

        Examples
        --------
        >>> dm.load().obligations_of("KHM.MOLVT", origin="KHM", destination="THA")  # doctest: +SKIP
        """
        check_id(actor, "actor id")
        k = make_corridor(origin, destination, **corridor)
        obligations = _core.obligations_of(self._impl, actor, k)
        practice = self._practice_lines({o.provision.provision for o in obligations}) if self._impl.practice else {}
        return _tables.obligations_frame(obligations, practice)

    def responsible(self, topic: str, stage: str, origin: str, destination: str, **corridor: Any) -> pandas.DataFrame:
        """The actors who owe a protection (topic and its sub-topics) at a stage, and under what."""
        check_id(topic, "topic id")
        k = make_corridor(origin, destination, **corridor)
        return _tables.responsible_frame(_core.responsible(self._impl, topic, stage, k))

    def structural_gaps(self, origin: str, destination: str, **corridor: Any) -> pandas.DataFrame:
        """Obligations nobody in particular owes, that name no responsible body, or whose bearer
        nobody oversees."""
        k = make_corridor(origin, destination, **corridor)
        return _tables.structural_gaps_frame(_core.structural_gaps(self._impl, k))

    def remedy_paths(self, origin: str, destination: str, **corridor: Any) -> tuple[pandas.DataFrame, list[str]]:
        """Referral paths to actors who take a worker's complaint, per stage; and the stages
        where there is none."""
        k = make_corridor(origin, destination, **corridor)
        found, none = _core.remedy_paths(self._impl, k)
        return _tables.remedy_paths_frame(found), list(none)

    def responsibility_load(self, origin: str, destination: str, **corridor: Any) -> pandas.DataFrame:
        """Obligations per actor and stage, and each actor's betweenness centrality."""
        k = make_corridor(origin, destination, **corridor)
        return _tables.responsibility_load_frame(_core.responsibility_load(self._impl, k))

    # -- comparison ----------------------------------------------------------------------------
    def bilateral_instruments(self, origin: str | None = None, destination: str | None = None) -> list[str]:
        """Ids of the bilateral instruments (not annexes) of an origin and/or destination state."""
        return _core.bilateral_instruments(self._impl, origin or "", destination or "")

    def compare(
        self,
        instruments: Sequence[str] | None = None,
        origin: str | None = None,
        destination: str | None = None,
        rollup: str = "topic",
        with_annexes: bool = True,
        weights: dict[str, float] | None = None,
    ) -> Comparison:
        """The coverage matrix of instruments: given by id, or all bilateral ones of an origin
        and/or destination.

        Examples
        --------
        >>> cmp = dm.load().compare(["mou-khm-mys-2015-dw", "mou-khm-mys-2015-gw"])
        >>> cmp.similarity.shape
        (2, 2)
        """
        if instruments is None:
            instruments = self.bilateral_instruments(origin, destination)
        ids = instrument_ids(instruments)
        w = modality_weights(weights)
        return Comparison(self._impl, _core.compare(self._impl, ids, w["shall"], w["should"], w["may"],
                                                    w["qualified"], bool(with_annexes), rollup))

    def diff(self, a: str, b: str, with_annexes: bool = True) -> pandas.DataFrame:
        """Topic by topic, how instrument ``a`` relates to ``b``, with both sides' citations."""
        return instrument_diff(self._impl, a, b, with_annexes)

    def revisions(self, id: str) -> pandas.DataFrame:
        """Along the instrument's supersedes chain, what each revision added, dropped and changed.

        A topic one side speaks to where the other side's text was not read in full (and no source
        reports it lacking) is ``not known``, not added or dropped."""
        return _tables.revisions_frame(_core.revisions(self._impl, check_id(id, "instrument id")))

    def score(
        self,
        profile: str,
        instruments: Sequence[str] | None = None,
        origin: str | None = None,
        destination: str | None = None,
    ) -> pandas.DataFrame:
        """Bilateral instruments scored against a profile: coverage index per stage and overall,
        each from the gap analysis of the instrument's own corridor counting only it.

        Norms whose status is ``unknown`` (the instrument was not read in full) are left out of the
        scores; ``evidence_index`` says what share of the norms the scores rest on. The ``report``
        column holds each instrument's GapReport, for the reasons.
        """
        import pandas as pd

        if instruments is None:
            instruments = self.bilateral_instruments(origin, destination)
        scores = _core.score(self._impl, list(instruments), check_id(profile, "profile id"))
        rows = [dict(instrument=s.instrument, **dict(zip(STAGES, s.by_stage)), overall=s.overall,
                     evidence_index=GapReport(s.report).evidence_index, report=GapReport(s.report))
                for s in scores]
        return pd.DataFrame(rows, columns=["instrument", *STAGES, "overall", "evidence_index", "report"]
                            ).set_index("instrument")

    # -- export --------------------------------------------------------------------------------
    def save(self, folder: PathLike, overwrite: bool = False) -> None:
        """Write the corpus as YAML files (deterministic; loading them gives an equal corpus).

        The folder is written beside the target and then moved into place, so a failure part
        way leaves an existing folder untouched.
        """
        self._impl.save(path_strings([folder])[0], bool(overwrite))

    def to_graphml(self) -> str:
        """The graph view (actors, roles, provisions, instruments, topics, stages) as GraphML."""
        return self._impl.to_graphml()

    def to_dot(self) -> str:
        """The graph view as Graphviz DOT."""
        return self._impl.to_dot()

    def graph_edges(self) -> pandas.DataFrame:
        """Every edge of the graph view: source kind and id, edge kind, target kind and id."""
        return _tables.graph_edges_frame(self._impl.graph_edges())

    def to_networkx(self) -> networkx.MultiDiGraph:
        """The graph view as a networkx MultiDiGraph; nodes are ``(kind, id)`` pairs."""
        import networkx as nx

        g = nx.MultiDiGraph()
        for sk, s, e, tk, t in self._impl.graph_edges():
            g.add_node((sk, s), kind=sk, id=s)
            g.add_node((tk, t), kind=tk, id=t)
            g.add_edge((sk, s), (tk, t), kind=e)
        return g

    # -- protocol ------------------------------------------------------------------------------
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Corpus):
            return NotImplemented
        return self._impl == other._impl

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> tuple[Any, ...]:
        return (Corpus, (self._impl,))

    def __repr__(self) -> str:
        s = self.summary()
        return (
            f"<dutymap.Corpus: {s['instruments']} instruments, {s['provisions']} provisions, "
            f"{s['topics']} topics, {s['actors']} actors, {s['ratifications']} ratifications, "
            f"{s['profiles']} profiles>"
        )

    def _repr_html_(self) -> str:
        return corpus_summary_html(self.summary())


def _reports_of(corpus: Corpus, batch: Batch, options: Options) -> list[GapReport]:
    """The reports of a batch of a sweep (a task of a sweep on a Dask cluster)."""
    reports = _core.gaps_many(corpus._impl, list(batch[1]), *options)
    return [GapReport(r, practice) for r, practice in zip(reports, corpus._practice_in(reports))]


def _frame_of(corpus: Corpus, batch: Batch, options: Options) -> pandas.DataFrame:
    """The rows of the reports of a batch of a sweep, numbered from its first question."""
    return reports_frame(_reports_of(corpus, batch, options), batch[0])


def _packed_frame_of(corpus: Corpus, batch: Batch, options: Options) -> Packed:
    """:func:`_frame_of`, packed to travel back from a task on a Dask cluster."""
    return pack_frame(_frame_of(corpus, batch, options))
