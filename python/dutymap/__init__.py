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
from ._corpus import Corpus, builtin, check, load
from . import _core, exercises


def synthetic(
    size: str | None = None,
    *,
    instruments: int | None = None,
    seed: int = 1,
    topics: int | None = None,
    states: int | None = None,
    global_instruments: int | None = None,
    min_provisions: int | None = None,
    max_provisions: int | None = None,
) -> Corpus:
    """A generated corpus of made-up states, conventions, MOUs and ratifications, for benchmarks.

    The corpus has the shapes of a real one (a topic taxonomy in groups; states with ministries,
    inspectorates, embassies, recruitment agencies, unions and NGOs; conventions with parts and
    ratifications, some denounced or limited; regional declarations; national laws; MOUs and
    agreements between pairs of states with revisions and annexed standard contracts; reference
    profiles), but it describes nothing real: use it to measure speed and memory, never for
    analysis. Equal arguments give an equal corpus on every platform. See ``docs/synthetic.md``.

    Parameters
    ----------
    size
        ``"M"`` (1,000 instruments), ``"L"`` (10,000) or ``"XL"`` (50,000); without it, size M.
        Size S is the built-in corpus (:func:`builtin`), which is not generated.
    instruments
        Total number of instruments (at least 20); overrides the size's.
    seed
        Seed of the generator (0 to 2**64 - 1).
    topics
        Topics in the taxonomy, groups included (10 to 10,000; default 300).
    states
        Number of states (2 to 364); by default it grows with ``instruments``.
    global_instruments
        Conventions, protocols, recommendations, guidelines and declarations; by default it grows
        with ``instruments`` (at most a quarter of them).
    min_provisions, max_provisions
        Fewest and most provisions of each bilateral instrument (default 20 and 80).

    Raises
    ------
    ValueError
        For an unknown size or a value out of range.

    Examples
    --------
    >>> import dutymap as dm
    >>> corpus = dm.synthetic(instruments=200, seed=7)
    >>> len(corpus.instruments)
    200
    >>> large = dm.synthetic("L")  # doctest: +SKIP
    """
    if size is not None and not isinstance(size, str):
        raise TypeError(f"size must be 'M', 'L', 'XL' or None, got {type(size).__name__}: {size!r}")
    options = _core.SyntheticOptions.of_size(size) if size is not None else _core.SyntheticOptions()
    given = {
        "instruments": instruments,
        "seed": seed,
        "topics": topics,
        "states": states,
        "global_instruments": global_instruments,
        "min_provisions": min_provisions,
        "max_provisions": max_provisions,
    }
    for name, value in given.items():
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"{name} must be an int, got {type(value).__name__}: {value!r}")
        if value < 0 or value >= 2**64:
            raise ValueError(f"{name} must be from 0 to 2**64 - 1, got {value}")
        setattr(options, name, value)
    return Corpus(_core.synthetic_corpus(options))


__all__ = [
    "VOCABULARIES",
    "Actor",
    "Corpus",
    "CorpusError",
    "ExerciseError",
    "Instrument",
    "Norm",
    "Problem",
    "Profile",
    "Provenance",
    "Provision",
    "Ratification",
    "Scope",
    "Sector",
    "Topic",
    "UnknownIdError",
    "__version__",
    "builtin",
    "check",
    "exercises",
    "load",
    "synthetic",
]
