"""A plain-Python reference implementation of dutymap's analyses: the baseline and the oracle.

This package answers the same questions as dutymap (gap reports with their evidence, coverage and
evidence indexes, coverage matrices and similarities, diffs, revisions, scores against a profile,
accountability queries, scenarios) the way a policy analyst would without
dutymap: the corpus folder is read with PyYAML's C loader into pandas DataFrames, the rules of
docs/gaps.md and docs/compare.md are applied with merges, group-bys and numpy arithmetic, and
referral paths are found with networkx. It shares no code with dutymap.

It serves two purposes: a baseline to measure dutymap's speed against, and an independent oracle
whose answers must equal dutymap's (tests/python/test_reference_oracle.py).

>>> from benchmarks import reference as ref
>>> corpus = ref.load("corpus/")                                            # doctest: +SKIP
>>> ref.gaps(corpus, "KHM", "MYS", "khm-lmp-2014-mou-minimum",
...          sector="domestic_work", as_of="2017-12-31")                    # doctest: +SKIP
>>> ref.compare(corpus, corpus.bilateral_instruments()).cosine()            # doctest: +SKIP
"""

from .accountability import corridor_actors, obligations_of, remedy_paths
from .compare import Comparison, compare, diff, revisions, score
from .corpus import ReferenceCorpus, load
from .corridor import Corridor, context, make_corridor, roles_of
from .gaps import (REPORT_COLUMNS, all_corridor_gaps, bilateral_corridors, changes, corridor_gaps, coverage_index,
                   evidence_index, gaps)
from .scenario import Scenario, add, ratify, remove, withdraw

__all__ = [
    "REPORT_COLUMNS",
    "Comparison",
    "Corridor",
    "ReferenceCorpus",
    "Scenario",
    "add",
    "all_corridor_gaps",
    "bilateral_corridors",
    "changes",
    "compare",
    "context",
    "corridor_actors",
    "corridor_gaps",
    "coverage_index",
    "diff",
    "evidence_index",
    "gaps",
    "load",
    "make_corridor",
    "obligations_of",
    "ratify",
    "remedy_paths",
    "remove",
    "revisions",
    "roles_of",
    "score",
    "withdraw",
]
