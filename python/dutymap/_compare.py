"""Comparing agreements: the coverage matrix of a set of instruments, and topic-by-topic
differences between two."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

from . import _core
from ._arguments import check_id
from ._html import matrix_html
from ._plot import plot_matrix
from ._tables import diff_frame

if TYPE_CHECKING:  # pragma: no cover
    import matplotlib.figure
    import numpy
    import pandas


def instrument_diff(corpus: _core.Corpus, a: str, b: str, with_annexes: bool = True) -> pandas.DataFrame:
    """Topic by topic, how instrument ``a`` of the corpus relates to ``b``, with both sides'
    citations."""
    return diff_frame(_core.diff(corpus, check_id(a, "instrument id"), check_id(b, "instrument id"),
                                 bool(with_annexes)))


class Comparison:
    """The coverage matrix of a set of instruments, and what derives from it.

    ``values`` is the matrix as a numpy array shared with the compiled core (no copy);
    ``matrix`` the same as a DataFrame labelled with instrument ids and topic (or group, or stage)
    ids. Cells are signed: protections positive, restrictions negative, weighted by strength
    (shall 1, should 0.6, may 0.3; halved when qualified). See docs/compare.md.

    Examples
    --------
    >>> cmp = dm.load().compare(["mou-khm-mys-2015-dw", "mou-khm-mys-2015-gw"])
    >>> cmp.matrix.loc["mou-khm-mys-2015-dw", "mobility.change_employer"]
    -1.0
    """

    __slots__ = ("_corpus", "_impl")

    def __init__(self, corpus: _core.Corpus, impl: _core.Comparison) -> None:
        self._corpus = corpus
        self._impl = impl

    @property
    def instruments(self) -> list[str]:
        return list(self._impl.instruments)

    @property
    def columns(self) -> list[str]:
        return list(self._impl.columns)

    @property
    def values(self) -> numpy.ndarray:
        """The matrix as a read-only numpy view (instruments x columns)."""
        return self._impl.matrix

    @property
    def matrix(self) -> pandas.DataFrame:
        """The matrix as a DataFrame, rows instruments, columns topics (or groups, or stages)."""
        import pandas as pd

        return pd.DataFrame(self._impl.matrix, index=self.instruments, columns=self.columns, copy=False)

    @property
    def similarity(self) -> pandas.DataFrame:
        """Cosine similarity of the topic-level rows."""
        return self.similarity_matrix("cosine")

    def similarity_matrix(self, metric: str = "cosine") -> pandas.DataFrame:
        """Similarity between the instruments: ``"cosine"`` (signed, weighted topic rows) or
        ``"jaccard"`` (sets of topic and effect)."""
        import pandas as pd

        if metric not in ("cosine", "jaccard"):
            raise ValueError(f"metric must be 'cosine' or 'jaccard', got {metric!r}")
        m = self._impl.cosine() if metric == "cosine" else self._impl.jaccard()
        # The array is ours alone (made for this call): wrapping it saves a copy of n^2 doubles.
        return pd.DataFrame(m, index=self.instruments, columns=self.instruments, copy=False)

    def nearest(self, id: str, k: int = 5, metric: str = "cosine") -> pandas.Series:
        """The ``k`` instruments most similar to ``id`` (itself first)."""
        import pandas as pd

        if not isinstance(id, str):
            raise TypeError(f"id must be a str, got {type(id).__name__}")
        if isinstance(k, bool) or not isinstance(k, int):
            raise TypeError(f"k must be an int, got {type(k).__name__}")
        if k < 0:
            raise ValueError(f"k must be 0 or more, got {k}")
        if metric not in ("cosine", "jaccard"):
            raise ValueError(f"metric must be 'cosine' or 'jaccard', got {metric!r}")
        pairs = self._impl.nearest(id, min(k, len(self._impl.instruments)), metric == "jaccard")
        return pd.Series([s for _, s in pairs], index=[i for i, _ in pairs], name=metric)

    def top_k(self, k: int = 10, metric: str = "cosine") -> pandas.DataFrame:
        """Each instrument's ``k`` most similar other instruments, as one tidy table.

        The question an analyst usually asks of a similarity matrix ("which agreements are most
        like this one?"), answered without the n x n matrix: the compiled core compares every
        pair in blocks and keeps only the best ``k`` of each instrument, so memory grows with
        n k rather than n^2 (about 1 GB of matrix for 11,000 instruments, 8 GB for 33,000).

        An instrument is not its own neighbour (unlike :meth:`nearest`, which lists ``id``
        first): ``top_k(k)`` for ``id`` is ``nearest(id, k + 1)`` without ``id``, save for the
        order of ties. With fewer than ``k`` other instruments, each has them all.

        Parameters
        ----------
        k:
            How many neighbours per instrument (1 or more).
        metric:
            ``"cosine"`` (signed, weighted topic rows) or ``"jaccard"`` (sets of topic and
            effect), the values :meth:`similarity_matrix` gives.

        Returns
        -------
        pandas.DataFrame
            Columns ``instrument``, ``rank`` (1 for the most similar), ``neighbour`` and
            ``similarity``: ``min(k, n - 1)`` rows per instrument, instruments in comparison
            order, ranks by decreasing similarity (ties: the instrument compared earlier first).

        Examples
        --------
        >>> cmp = dm.load().compare(dm.load().bilateral_instruments())
        >>> cmp.top_k(3).query("instrument == 'mou-khm-mys-2015-gw'")["neighbour"].iloc[0]
        'mou-khm-mys-2015-dw'
        """
        import numpy as np
        import pandas as pd

        if isinstance(k, bool) or not isinstance(k, int):
            raise TypeError(f"k must be an int, got {type(k).__name__}")
        if k < 1:
            raise ValueError(f"k must be 1 or more, got {k}")
        if metric not in ("cosine", "jaccard"):
            raise ValueError(f"metric must be 'cosine' or 'jaccard', got {metric!r}")
        rows, similarity = self._impl.top_k(k, metric == "jaccard")
        n, per = rows.shape
        ids = np.asarray(self._impl.instruments, dtype=object)
        return pd.DataFrame({
            "instrument": np.repeat(ids, per),
            "rank": np.tile(np.arange(1, per + 1, dtype=np.int64), n),
            "neighbour": ids[rows.ravel()],
            "similarity": similarity.ravel(),
        })

    def diff(self, a: str, b: str) -> pandas.DataFrame:
        """Topic by topic, how ``a`` relates to ``b`` (only_in_a, weaker_in_a, opposite, ...)."""
        return instrument_diff(self._corpus, a, b)

    def plot(self, ax: Any = None) -> matplotlib.figure.Figure:
        """A heatmap of the matrix: green protects, red restricts."""
        return plot_matrix(self._impl.matrix, self.instruments, self.columns, ax)

    def __repr__(self) -> str:
        return f"<Comparison of {len(self.instruments)} instruments over {len(self.columns)} columns>"

    def _repr_html_(self) -> Optional[str]:
        return matrix_html(self._impl.matrix, self.instruments, self.columns)
