"""dutymap: who owes what to a migrant worker, at each stage, under which instrument.

dutymap models the labour-migration cycle (pre-departure, transit, employment, return) as a
graph of actors and the obligations they bear under conventions, regional commitments, bilateral
MOUs and national law, and finds where nobody owes anything.

Examples
--------
>>> import dutymap as dm
>>> corpus = dm.load()                      # the built-in corpus
>>> corpus.instrument("ilo-c189").kind
'convention'
"""

from __future__ import annotations

from ._core import (
    VOCABULARIES,
    Actor,
    CorpusError,
    ExerciseError,
    GapRow,
    Instrument,
    Norm,
    Problem,
    Profile,
    Provenance,
    Provision,
    Ratification,
    Scope,
    Sector,
    Topic,
    UnknownIdError,
    __version__,
)
from ._compare import Comparison
from ._corpus import Corpus
from ._gaps import GapReport
from ._scenario import Scenario
from ._loading import builtin, check, load, synthetic
from ._drafting import Draft, DraftError, draft_coding, example_texts_folder, split_clauses
from ._review import DraftReview, review
from . import _core, exercises


__all__ = [
    "VOCABULARIES",
    "Actor",
    "Comparison",
    "Corpus",
    "CorpusError",
    "Draft",
    "DraftError",
    "DraftReview",
    "ExerciseError",
    "GapReport",
    "GapRow",
    "Instrument",
    "Norm",
    "Problem",
    "Profile",
    "Provenance",
    "Provision",
    "Ratification",
    "Scenario",
    "Scope",
    "Sector",
    "Topic",
    "UnknownIdError",
    "__version__",
    "builtin",
    "check",
    "draft_coding",
    "example_texts_folder",
    "exercises",
    "load",
    "review",
    "split_clauses",
    "synthetic",
]
