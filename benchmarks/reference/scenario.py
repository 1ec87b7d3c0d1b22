"""What-if scenarios: a changed copy of a corpus (ratify, withdraw, add, remove), asked again."""

from __future__ import annotations

import dataclasses
import os
from typing import Any

import pandas as pd

from .corpus import (CorpusRecords, ReferenceCorpus, _ratification_frame, build, parse_date,
                     provision_ratifications, read_records)
from .gaps import changes, gaps


def _with_ratifications(corpus: ReferenceCorpus, records: CorpusRecords) -> ReferenceCorpus:
    frame = _ratification_frame(records)
    return dataclasses.replace(corpus, records=records, ratifications=frame,
                               provision_ratifications=provision_ratifications(corpus.provisions, frame))


def ratify(corpus: ReferenceCorpus, state: str, instrument: str, date: Any) -> ReferenceCorpus:
    """A copy of the corpus in which the state ratified the instrument on ``date`` (replacing any
    record it had)."""
    if corpus.actors.at[state, "kind"] != "state":
        raise ValueError(f"`{state}` is not a state")
    if not corpus.instruments.at[instrument, "ratifiable"]:
        raise ValueError(f"`{instrument}` cannot be ratified")
    records = dataclasses.replace(corpus.records, ratifications=dict(corpus.records.ratifications))
    records.ratifications[(state, instrument)] = {
        "state": state, "instrument": instrument, "signed": None, "ratified": parse_date(str(date)),
        "denounced": None, "excludes": [], "limited_to": [],
    }
    return _with_ratifications(corpus, records)


def withdraw(corpus: ReferenceCorpus, state: str, instrument: str) -> ReferenceCorpus:
    """A copy of the corpus without the state's record for the instrument."""
    records = dataclasses.replace(corpus.records, ratifications=dict(corpus.records.ratifications))
    records.ratifications.pop((state, instrument), None)
    return _with_ratifications(corpus, records)


def remove(corpus: ReferenceCorpus, instrument: str) -> ReferenceCorpus:
    """A copy of the corpus without an instrument, what is annexed to it and its ratifications; a
    revision of it no longer supersedes anything."""
    records: CorpusRecords = corpus.records.copy()
    records.instruments = {i: x for i, x in records.instruments.items()
                           if i != instrument and x["annex_to"] != instrument}
    records.ratifications = {k: r for k, r in records.ratifications.items() if r["instrument"] != instrument}
    for x in records.instruments.values():
        if x["supersedes"] == instrument:
            x["supersedes"] = ""
    return build(records)


def add(corpus: ReferenceCorpus, *paths: "str | os.PathLike[str]") -> ReferenceCorpus:
    """A copy of the corpus with the items of some files or folders added (replacing same ids)."""
    return build(read_records(paths, into=corpus.records.copy()))


class Scenario:
    """Chained changes over a corpus, and the gap analysis of the changed corpus.

    >>> after = Scenario(corpus).ratify("MYS", "ilo-c189", "2018-01-01").gaps(
    ...     "KHM", "MYS", "ilo-migrant-core", sector="domestic_work")   # doctest: +SKIP
    """

    def __init__(self, corpus: ReferenceCorpus) -> None:
        self.base = corpus
        self.corpus = corpus
        self.date: Any = None

    def ratify(self, state: str, instrument: str, date: Any) -> "Scenario":
        self.corpus = ratify(self.corpus, state, instrument, date)
        return self

    def withdraw(self, state: str, instrument: str) -> "Scenario":
        self.corpus = withdraw(self.corpus, state, instrument)
        return self

    def remove(self, instrument: str) -> "Scenario":
        self.corpus = remove(self.corpus, instrument)
        return self

    def add(self, *paths: "str | os.PathLike[str]") -> "Scenario":
        self.corpus = add(self.corpus, *paths)
        return self

    def as_of(self, date: Any) -> "Scenario":
        """Every question is asked as of this date."""
        self.date = date
        return self

    def gaps(self, origin: str, destination: str, profile: str, **corridor: Any) -> pd.DataFrame:
        """The gap report on the changed corpus (arguments as :func:`.gaps.gaps`)."""
        if self.date is not None:
            corridor["as_of"] = self.date
        return gaps(self.corpus, origin, destination, profile, **corridor)

    def changes(self, origin: str, destination: str, profile: str, **corridor: Any) -> pd.DataFrame:
        """The norms whose status the changes alter in a corridor: the base corpus asked with the
        same arguments is the "before", the changed corpus (at the scenario's date) the "after"."""
        before = gaps(self.base, origin, destination, profile, **corridor)
        return changes(before, self.gaps(origin, destination, profile, **corridor))


__all__ = ["Scenario", "add", "ratify", "remove", "withdraw"]
