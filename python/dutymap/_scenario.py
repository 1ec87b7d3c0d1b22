"""Scenarios: what-ifs over a corpus (ratify, withdraw, add or remove instruments, move the
date), asked the same questions as the corpus."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

from . import _core
from ._arguments import path_strings

if TYPE_CHECKING:  # pragma: no cover
    from ._corpus import Corpus
    from ._gaps import GapReport


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
        layered = _core.load(path_strings([path]), self._base._impl)
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
        """The changed corpus (of the base's class, which this module does not import: the corpus
        imports scenarios, so a scenario goes through the corpus it was given)."""
        return type(self._base)(self._impl.result())

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
