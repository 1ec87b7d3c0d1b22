"""Where corpora come from: the built-in corpus, files layered over a base, checks of files
before they load, and generated corpora for benchmarks."""

from __future__ import annotations

from . import _core
from ._arguments import PathLike, path_strings
from ._corpus import Corpus


def builtin() -> Corpus:
    """The built-in corpus (compiled into the library; parsed once, then shared)."""
    return Corpus(_core.builtin())


def load(*paths: PathLike, base: Corpus | None = None, builtin: bool = True) -> Corpus:
    """Load a corpus.

    With no paths, the built-in corpus. Paths (folders or files) are layered in order over
    `base`, or over the built-in corpus unless ``builtin=False``: later layers may add items and
    replace earlier ones that they mark ``replaces: true``.

    Raises
    ------
    CorpusError
        With ``.problems``: every problem found, each with file, line, column and message.
        Nothing is loaded then.

    Examples
    --------
    >>> import dutymap as dm
    >>> corpus = dm.load()
    >>> drafts = dm.load("my_mous/")  # doctest: +SKIP
    """
    if base is not None and not isinstance(base, Corpus):
        raise TypeError(f"base must be a dutymap.Corpus, got {type(base).__name__}")
    if not isinstance(builtin, bool):
        raise TypeError(f"builtin must be True or False, got {builtin!r}")
    files = path_strings(paths)
    if base is None:
        base = Corpus(_core.builtin()) if builtin else Corpus()
    if not files:
        return base
    return Corpus(_core.load(files, base._impl))


def check(*paths: PathLike, base: Corpus | None = None, builtin: bool = True) -> list[_core.Problem]:
    """Every problem in folders or files laid over `base` (default: the built-in corpus).

    An empty list means they load cleanly. Use this while drafting: the draft may refer to the
    built-in topics, actors and instruments.

    Examples
    --------
    >>> for problem in dm.check("draft_mou.yaml"):  # doctest: +SKIP
    ...     print(problem)
    """
    if base is not None and not isinstance(base, Corpus):
        raise TypeError(f"base must be a dutymap.Corpus, got {type(base).__name__}")
    files = path_strings(paths)
    if not files:
        raise TypeError("check() needs at least one path")
    if base is None:
        base = Corpus(_core.builtin()) if builtin else Corpus()
    return _core.check(files, base._impl)


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
