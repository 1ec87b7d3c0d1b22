"""Checks of the arguments the public functions take: paths, ids, list lengths and corridors.

Each check raises TypeError for an argument of the wrong type (and ValueError for a value out of
range) before anything reaches the compiled core.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any, Optional, Sequence, Union

from . import _core

PathLike = Union[str, "os.PathLike[str]"]


def path_strings(paths: Iterable[Any]) -> list[str]:
    """The paths as strings; TypeError for anything that is not a str or os.PathLike."""
    out = []
    for p in paths:
        if not isinstance(p, (str, os.PathLike)):
            raise TypeError(
                f"a corpus path must be a str or os.PathLike, got {type(p).__name__}: {p!r}"
            )
        out.append(os.fspath(p))  # the loader reports empty paths and NUL characters as problems
    return out


def check_limits(max_precedents: Any, max_nearest: Any) -> None:
    """TypeError unless both per-row list lengths of a gap report are non-negative ints."""
    for name, value in (("max_precedents", max_precedents), ("max_nearest", max_nearest)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise TypeError(f"{name} must be a non-negative int")


def check_id(value: Any, what: str) -> str:
    """The id itself; TypeError unless it is a str."""
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a str id, got {type(value).__name__}: {value!r}")
    return value


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


def question(asked: Any) -> tuple[_core.Corridor, str]:
    """One question of a sweep, ``(corridor, profile)``, as a corridor and a profile id.

    The corridor is a Corridor, a tuple of :func:`make_corridor`'s arguments in their order, or a
    dict of them by name."""
    if not isinstance(asked, (tuple, list)) or len(asked) != 2:
        raise TypeError(f"each question must be a (corridor, profile) pair, got {asked!r}")
    where, profile = asked
    if not isinstance(profile, str):
        raise TypeError(f"profile must be a str id, got {type(profile).__name__}")
    if isinstance(where, _core.Corridor):
        return where, profile
    if isinstance(where, dict):
        return make_corridor(**where), profile
    if isinstance(where, (tuple, list)):
        return make_corridor(*where), profile
    raise TypeError(f"a corridor must be a tuple, a dict or a Corridor, got {where!r}")


def instrument_ids(instruments: Any) -> list[str]:
    """The instrument ids as a list; TypeError for one string or anything but a list of str."""
    if isinstance(instruments, (str, bytes)):
        raise TypeError("instruments must be a list of instrument ids, not one string")
    try:
        ids = list(instruments)
    except TypeError:
        raise TypeError(f"instruments must be a list of instrument ids, got {type(instruments).__name__}") from None
    if not all(isinstance(i, str) for i in ids):
        raise TypeError("instruments must be a list of instrument ids")
    return ids


def modality_weights(weights: Optional[dict[str, float]]) -> dict[str, float]:
    """The weights of a comparison's cells: the defaults, with any of them replaced by ``weights``
    (ValueError for a name that is not one of them)."""
    w = {"shall": 1.0, "should": 0.6, "may": 0.3, "qualified": 0.5}
    if weights is not None:
        if not isinstance(weights, dict):
            raise TypeError("weights must be a dict")
        unknown = set(weights) - set(w)
        if unknown:
            raise ValueError(f"unknown weights {sorted(unknown)}; known: {sorted(w)}")
        w.update(weights)
    return w
