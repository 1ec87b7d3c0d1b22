"""Sweeps on a Dask cluster: an object shipped once to every worker, work in batches.

Dask and ``distributed`` are imported only here, and only when a client is given, so the package
does not depend on them.
"""

from __future__ import annotations

import math
from collections.abc import Callable, MutableMapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:  # pragma: no cover
    import pandas

T = TypeVar("T")
R = TypeVar("R")

# Batches per worker thread by default: enough that a slow batch does not leave the other threads
# idle at the end, few enough that each task's overhead stays small beside its work.
BATCHES_PER_THREAD = 4


def check_client(client: Any) -> None:
    """TypeError unless ``client`` is a ``distributed.Client`` (ImportError, saying how to install
    Dask, if ``distributed`` is not installed)."""
    try:
        from distributed import Client
    except ImportError as e:
        raise ImportError("client= needs Dask: pip install dask distributed") from e
    if not isinstance(client, Client):
        raise TypeError(f"client must be a distributed.Client, got {type(client).__name__}")


def check_batch_size(batch_size: Any) -> None:
    """TypeError unless ``batch_size`` is a positive int or None."""
    if batch_size is not None and (isinstance(batch_size, bool) or not isinstance(batch_size, int)
                                   or batch_size < 1):
        raise TypeError(f"batch_size must be a positive int or None, got {batch_size!r}")


def batches(items: Sequence[T], size: int) -> list[tuple[int, Sequence[T]]]:
    """``items`` cut into consecutive batches of ``size`` (the last one may be shorter), each with
    the position of its first item."""
    return [(start, items[start:start + size]) for start in range(0, len(items), size)]


def default_batch_size(client: Any, count: int) -> int:
    """A batch size giving :data:`BATCHES_PER_THREAD` batches per thread of the cluster's workers."""
    threads = sum(client.nthreads().values()) or 1
    return max(1, math.ceil(count / (threads * BATCHES_PER_THREAD)))


def shipped(client: Any, obj: Any, cache: MutableMapping[str, Any]) -> Any:
    """A future of ``obj`` held by every worker of ``client``'s cluster, sent once: ``cache`` (kept
    beside ``obj``) maps the client's id to the future, which is reused while it holds the data.

    ``obj`` is pickled once, in this process; each worker unpickles its copy. Workers that join
    later receive it from another worker when a task needs it."""
    future = cache.get(client.id)
    if future is None or future.status != "finished":
        # hash=False: a key from the data would pickle it once more just to name it.
        future = client.scatter(obj, broadcast=True, hash=False)
        cache[client.id] = future
    return future


def map_batches(client: Any, function: Callable[..., R], remote: Any, work: Sequence[Any],
                *args: Any) -> list[R]:
    """``function(remote, batch, *args)`` for each batch, as tasks on the cluster; the results in
    the batches' order. The exception of the first failed batch, in order, is raised."""
    from distributed import wait

    futures = [client.submit(function, remote, batch, *args, pure=False) for batch in work]
    try:
        wait(futures)
        return [future.result() for future in futures]
    finally:
        client.cancel(futures)


# A DataFrame as it travels back from a task: each column either as it is (numbers, booleans,
# categories: their arrays pickle as buffers) or, for columns of Python objects, as the codes of its
# distinct values and those values (lists as tuples), since the rows of a sweep repeat their
# citations and explanations many times over.
Packed = list[tuple[str, Any, Any, Any]]


def pack_frame(frame: pandas.DataFrame) -> Packed:
    """``frame``'s columns, those of Python objects as codes of their distinct values: what
    :func:`unpack_frame` turns back into an equal frame."""
    import pandas as pd

    packed: Packed = []
    for name in frame.columns:
        column = frame[name]
        if column.dtype != object and not pd.api.types.is_string_dtype(column.dtype):
            packed.append((name, None, None, column))
            continue
        values = [tuple(v) if isinstance(v, list) else v for v in column.tolist()]
        # A missing value (None) has code -1.
        codes, distinct = pd.factorize(pd.Series(values, dtype=object))
        packed.append((name, column.dtype, codes, list(distinct)))
    return packed


def unpack_frame(packed: Packed) -> pandas.DataFrame:
    """The frame :func:`pack_frame` packed (each row with a list of its own)."""
    import numpy as np
    import pandas as pd

    columns: dict[str, Any] = {}
    for name, dtype, codes, distinct in packed:
        if dtype is None:
            columns[name] = distinct
            continue
        values = np.empty(len(distinct) + 1, dtype=object)  # code -1 picks the last: None
        values[:-1] = distinct
        rows: Any = values[codes]
        if any(isinstance(v, tuple) for v in distinct):
            rows = [list(v) if isinstance(v, tuple) else v for v in rows]
        columns[name] = pd.Series(rows, dtype=dtype)
    return pd.DataFrame(columns)
