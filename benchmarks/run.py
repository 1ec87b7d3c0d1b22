"""dutymap against the plain-Python reference, side by side, in one run.

For each corpus size (S = the built-in corpus; M, L, XL = synthetic corpora written to files), the
same inputs are given to dutymap and to the reference (PyYAML + pandas + networkx, in
benchmarks/reference/), and each operation is timed in this process: median of repeats for quick
operations, one run for slow ones. Where the reference would take too long (the all-corridors
sweep at large sizes), it is timed on a random sample of the work and scaled, and the table says
so. The answers are compared where the comparison is cheap (a corridor's report, the similarity
matrices), so that a fast wrong answer cannot pass.

Peak memory is the highest resident set size seen while the operation ran, above what the process
held before it (sampled every millisecond from /proc/self/statm), so it counts C++ and Python
allocations alike.

Run it with ``bash benchmarks/run.sh`` (which builds and installs what it needs), or directly:
``python benchmarks/run.py --sizes S,M,L`` with dutymap importable.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import platform
import random
import statistics
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator, Optional

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import dutymap as dm  # noqa: E402
from benchmarks import reference as ref  # noqa: E402

PAGE = os.sysconf("SC_PAGE_SIZE")


def rss() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * PAGE


class PeakSampler:
    """Highest RSS while a block runs, above the RSS before it."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()

    def __enter__(self) -> "PeakSampler":
        gc.collect()
        self.base = rss()
        self.peak = self.base
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, rss())
            time.sleep(0.001)

    def __exit__(self, *exc: Any) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, rss())

    @property
    def extra(self) -> int:
        return self.peak - self.base


@dataclass
class Timing:
    seconds: float
    peak: int
    note: str = ""


def measure(fn: Callable[[], Any], repeat: int = 5, budget: float = 2.0) -> tuple[Timing, Any]:
    """Runs fn once with the memory sampler, then again until `repeat` runs or `budget` seconds;
    reports the median time."""
    with PeakSampler() as sampler:
        t0 = time.perf_counter()
        result = fn()
        first = time.perf_counter() - t0
    times = [first]
    spent = first
    while len(times) < repeat and spent + first < budget:
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
        spent += times[-1]
    return Timing(statistics.median(times), sampler.extra), result


@dataclass
class Row:
    operation: str
    size: str
    dutymap: Optional[Timing]
    reference: Optional[Timing]
    note: str = ""

    def ratio(self) -> Optional[float]:
        if self.dutymap is None or self.reference is None or self.dutymap.seconds <= 0:
            return None
        return self.reference.seconds / self.dutymap.seconds


@dataclass
class Results:
    rows: list[Row] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)

    def add(self, row: Row) -> None:
        self.rows.append(row)
        print(format_row(row), flush=True)


def seconds_text(t: Optional[Timing]) -> str:
    if t is None:
        return "-"
    s = t.seconds
    if s < 1e-3:
        return f"{s * 1e6:.1f} µs"
    if s < 1:
        return f"{s * 1e3:.1f} ms"
    return f"{s:.2f} s"


def mb(n: int) -> str:
    return f"{n / 2**20:.0f} MB" if n >= 2**20 else f"{n / 2**10:.0f} kB"


def format_row(r: Row) -> str:
    ratio = r.ratio()
    ratio_text = "-" if ratio is None else (f"{ratio:.0f}x" if ratio >= 10 else f"{ratio:.1f}x")
    mem = " / ".join(mb(t.peak) if t else "-" for t in (r.dutymap, r.reference))
    return (f"| {r.operation} | {r.size} | {seconds_text(r.dutymap)} | {seconds_text(r.reference)} | "
            f"{ratio_text} | {mem} | {r.note} |")


HEADER = ("| operation | size | dutymap | reference | ratio | peak memory (dutymap / reference) | note |\n"
          "|---|---|---|---|---|---|---|")


# -- inputs -------------------------------------------------------------------------------------


def corpus_folder(size: str, work: Path, seed: int) -> tuple[Path, dm.Corpus]:
    if size == "S":
        return ROOT / "corpus", dm.builtin()
    folder = work / size
    generated = dm.synthetic(size, seed=seed)
    generated.save(folder, overwrite=True)
    return folder, generated


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*.y*ml"))


def bilateral_counts(corpus: dm.Corpus) -> dict[tuple[str, str], int]:
    """Bilateral instruments by ordered (first party, second party) pair."""
    counts: dict[tuple[str, str], int] = {}
    for inst in corpus.instruments:
        if inst.level == "bilateral" and len(inst.parties) == 2:
            key = (inst.parties[0], inst.parties[1])
            counts[key] = counts.get(key, 0) + 1
    return counts


def busiest_corridor(corpus: dm.Corpus) -> tuple[str, str]:
    """The ordered state pair with the most bilateral instruments (ties by id)."""
    counts = bilateral_counts(corpus)
    return max(sorted(counts), key=lambda k: counts[k])


def typical_corridor(corpus: dm.Corpus) -> tuple[str, str]:
    """The median ordered state pair by number of bilateral instruments (ties by id), as
    benchmarks/bench_core.cpp picks it."""
    ranked = sorted((n, key) for key, n in bilateral_counts(corpus).items())
    return ranked[len(ranked) // 2][1]


def bilateral_profile(corpus: dm.Corpus) -> str:
    ids = [p.id for p in corpus.profiles]
    for wanted in ("khm-lmp-2014-mou-minimum", "syn-bilateral-minimum"):
        if wanted in ids:
            return wanted
    return ids[0]


def rows_key(frame: Any) -> list[tuple[str, str, str]]:
    return sorted(zip(frame["topic"], frame["stage"], frame["status"]))


# -- the run --------------------------------------------------------------------------------------


def run_size(size: str, work: Path, args: argparse.Namespace, out: Results) -> None:
    folder, generated = corpus_folder(size, work, args.seed)
    nbytes = folder_bytes(folder)
    with_reference = size in args.reference_sizes

    # Load and validate.
    d_load, corpus = measure(lambda: dm.load(folder, builtin=False), repeat=3 if size in "SM" else 1,
                             budget=10)
    provisions = len(corpus.provisions)
    r_load = None
    rcorpus = None
    if with_reference:
        r_load, rcorpus = measure(lambda: ref.load(folder), repeat=3 if size in "SM" else 1, budget=30)
    note = (f"{nbytes / 2**20:.1f} MB of YAML, {len(corpus.instruments):,} instruments, "
            f"{provisions:,} provisions; dutymap {nbytes / 2**20 / d_load.seconds:.1f} MB/s")
    if r_load:
        note += f", reference {nbytes / 2**20 / r_load.seconds:.1f} MB/s"
    out.add(Row("load and validate", size, d_load, r_load, note))
    # (Bytes per provision are measured in a process that only loads, not here: the sampler waits
    # while the load holds the interpreter, and memory freed by earlier sizes is reused.)
    if size != "S":
        # The generated corpus was only needed to write the files.
        del generated
    gc.collect()
    if args.only_similarity:
        ids = corpus.bilateral_instruments()
        comparison = corpus.compare(ids)
        rcomparison = ref.compare(rcorpus, ids) if rcorpus is not None else None
        rcorpus = None
        gc.collect()
        similarity_rows(size, ids, comparison, rcomparison, args, out)
        return

    origin, destination = busiest_corridor(corpus)
    profile = bilateral_profile(corpus)
    profiles = [p.id for p in corpus.profiles]

    # One corridor's gap report: the busiest corridor, and one of the middle of the field (the
    # median pair by number of bilateral agreements), whose report should cost about the same at
    # every size, as it reads only what can apply to it.
    r_gap, r_report = report_row(out, size, "one corridor's gap report", corpus, rcorpus,
                                 (origin, destination), profile)
    report_row(out, size, "one typical corridor's gap report", corpus, rcorpus,
               typical_corridor(corpus), profile)
    # The reference computes statuses, deciding provisions, actors and confidence, not the nearest
    # provisions and precedents dutymap lists per row: the same report with only what both compute.
    d_lean, d_lean_report = measure(
        lambda: corpus.gaps(origin, destination, profile, max_precedents=0, max_nearest=0), repeat=20)
    note = "without nearest provisions and precedents (what the reference computes)"
    if rcorpus is not None:
        same = rows_key(d_lean_report.to_pandas()) == rows_key(r_report)
        note += "; same answer" if same else "; ANSWERS DIFFER"
    out.add(Row("one corridor's gap report, statuses only", size, d_lean, r_gap, note))

    # All corridors x all profiles.
    corridors = ref.bilateral_corridors(rcorpus) if rcorpus is not None else sorted(
        {(i.parties[0], i.parties[1]) for i in corpus.instruments
         if i.level == "bilateral" and len(i.parties) == 2})
    pairs = [((o, d), p) for (o, d) in corridors for p in profiles]
    # Past `--sweep-cap` questions dutymap is timed on a random sample and scaled too; the reports
    # are asked for in batches and dropped, as a sweep that does not fit in memory would be run.
    swept = pairs
    if len(pairs) > args.sweep_cap:
        swept = random.Random(args.seed + 1).sample(pairs, args.sweep_cap)
    scale = len(pairs) / len(swept)

    def sweep(threads: Optional[int]) -> None:
        for start in range(0, len(swept), 1000):
            corpus.gaps_many(swept[start:start + 1000], threads=threads)

    d_one, _ = measure(lambda: sweep(1), repeat=1)
    d_all, _ = measure(lambda: sweep(None), repeat=1)
    d_one = Timing(d_one.seconds * scale, d_one.peak)
    d_all = Timing(d_all.seconds * scale, d_all.peak)
    out.facts.append(f"{size}: all {len(pairs):,} corridor x profile reports: 1 thread "
                     f"{seconds_text(d_one)}, all cores {seconds_text(d_all)}, parallel speed-up "
                     f"{d_one.seconds / d_all.seconds:.2f}x")
    r_all = None
    note = f"{len(corridors):,} corridors x {len(profiles)} profiles = {len(pairs):,} reports"
    if len(swept) < len(pairs):
        note += f"; dutymap timed on {len(swept):,} of them and scaled"
    if rcorpus is not None:
        sample = pairs
        if len(pairs) > args.sample:
            sample = random.Random(args.seed).sample(pairs, args.sample)
        r_sample, _ = measure(lambda: [ref.gaps(rcorpus, o, d, p) for (o, d), p in sample], repeat=1)
        r_all = Timing(r_sample.seconds * len(pairs) / len(sample), r_sample.peak)
        if len(sample) < len(pairs):
            note += f"; reference timed on {len(sample)} of them and scaled"
    out.add(Row("all corridors x all profiles", size, d_all, r_all, note))
    if args.only_gaps:
        return

    # Coverage matrix and all-pairs similarity over the bilateral instruments.
    ids = corpus.bilateral_instruments()
    d_cov, comparison = measure(lambda: corpus.compare(ids), repeat=3, budget=10)
    r_cov, rcomparison = (measure(lambda: ref.compare(rcorpus, ids), repeat=3, budget=30)
                          if rcorpus is not None else (None, None))
    out.add(Row("coverage matrix", size, d_cov, r_cov,
                f"{len(ids):,} instruments x {len(comparison.columns):,} topics"))

    # Diff of two instruments of the busiest corridor.
    between = corpus.bilateral_instruments(origin, destination)
    a, b = between[0], between[-1] if len(between) > 1 else ids[1]
    d_diff, _ = measure(lambda: corpus.diff(a, b), repeat=20)
    r_diff = measure(lambda: ref.diff(rcorpus, a, b), repeat=5)[0] if rcorpus is not None else None
    out.add(Row("diff of two instruments", size, d_diff, r_diff, f"{a} vs {b}"))

    # Obligations of an actor, remedy paths of a corridor.
    actor = next(x.id for x in corpus.actors if x.kind == "ministry" and x.id.startswith(origin))
    d_obl, _ = measure(lambda: corpus.obligations_of(actor, origin, destination), repeat=20)
    r_obl = (measure(lambda: ref.obligations_of(rcorpus, actor, origin, destination), repeat=5)[0]
             if rcorpus is not None else None)
    out.add(Row("obligations of an actor", size, d_obl, r_obl, actor))
    d_rem, _ = measure(lambda: corpus.remedy_paths(origin, destination), repeat=20)
    r_rem = (measure(lambda: ref.remedy_paths(rcorpus, origin, destination), repeat=5)[0]
             if rcorpus is not None else None)
    out.add(Row("remedy paths of a corridor", size, d_rem, r_rem, f"{origin}->{destination}"))

    # A scenario's changes: the destination ratifies a convention it has not ratified.
    convention = next(i.id for i in corpus.instruments
                      if i.kind == "convention" and corpus.ratifications(destination, i.id).empty)
    when = "2030-01-01"

    def with_dutymap() -> Any:
        s = corpus.scenario().ratify(destination, convention, when)
        before = corpus.gaps(origin, destination, profile, as_of=when)
        return s.gaps(origin, destination, profile, as_of=when).changes_from(before)

    d_scn, _ = measure(with_dutymap, repeat=5, budget=10)
    r_scn = None
    if rcorpus is not None:
        def with_reference() -> Any:
            after_corpus = ref.ratify(rcorpus, destination, convention, when)
            before = ref.gaps(rcorpus, origin, destination, profile, as_of=when)
            after = ref.gaps(after_corpus, origin, destination, profile, as_of=when)
            return ref.changes(before, after)
        r_scn = measure(with_reference, repeat=3, budget=30)[0]
    out.add(Row("a scenario's changes", size, d_scn, r_scn, f"{destination} ratifies {convention}"))

    # A call that does almost nothing: look up an instrument by id.
    some = ids[len(ids) // 2]
    n = 200_000
    t0 = time.perf_counter()
    for _ in range(n):
        corpus.instrument(some)
    d_look = Timing((time.perf_counter() - t0) / n, 0)
    r_look = None
    if rcorpus is not None:
        frame = rcorpus.instruments.set_index("id") if "id" in rcorpus.instruments else rcorpus.instruments
        m = 20_000
        t0 = time.perf_counter()
        for _ in range(m):
            frame.loc[some]
        r_look = Timing((time.perf_counter() - t0) / m, 0)
    out.add(Row("look up an instrument by id", size, d_look, r_look, "Python call, per call"))

    # The similarity matrices come last, once the reference's corpus is no longer needed: at XL one
    # matrix is 8 GiB, and the reference's corpus alone held 11 GB at its peak. Only the coverage
    # matrices of both sides are kept for it.
    rcorpus = None
    gc.collect()
    similarity_rows(size, ids, comparison, rcomparison, args, out)
    del comparison, rcomparison
    gc.collect()


def report_row(out: Results, size: str, label: str, corpus: dm.Corpus, rcorpus: Any,
               corridor: tuple[str, str], profile: str) -> tuple[Optional[Timing], Any]:
    """Times one corridor's gap report on both sides, compares them and adds the row; returns the
    reference's timing and report."""
    origin, destination = corridor
    d_time, d_report = measure(lambda: corpus.gaps(origin, destination, profile), repeat=20)
    r_time = r_report = None
    note = (f"{origin}->{destination} ({len(corpus.bilateral_instruments(origin, destination))} "
            f"bilateral instruments) against {profile}: {len(d_report.rows)} rows")
    if rcorpus is not None:
        r_time, r_report = measure(lambda: ref.gaps(rcorpus, origin, destination, profile), repeat=5,
                                   budget=20)
        same = rows_key(d_report.to_pandas()) == rows_key(r_report)
        note += "; same answer" if same else "; ANSWERS DIFFER"
    out.add(Row(label, size, d_time, r_time, note))
    return r_time, r_report


def similarity_rows(size: str, ids: list[str], comparison: Any, rcomparison: Any,
                    args: argparse.Namespace, out: Results) -> None:
    """The all-pairs similarity rows (cosine, Jaccard) of the bilateral instruments, then each
    instrument's 10 nearest others by either."""
    # A similarity matrix is n^2 doubles. The reference holds three or four at once (product,
    # denominators, result): at XL (33,000 bilateral instruments, 8.7 GB a matrix) they do not fit
    # in memory, so it computes a block of rows against all, as an analyst short of memory would,
    # and that time is scaled to the whole; dutymap computes the whole matrix (once) where one fits.
    n = len(ids)
    matrix_bytes = 8 * n ** 2
    available = args.memory or os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_AVPHYS_PAGES")
    whole = 6 * matrix_bytes < available
    fits = 5 * matrix_bytes < 4 * available  # dutymap's one matrix, with room to spare
    if not fits:
        out.facts.append(f"{size}: all-pairs similarity not run: one {n:,} x {n:,} matrix is "
                         f"{matrix_bytes / 2**30:.1f} GiB, more than the memory free")
    for metric in ("cosine", "jaccard") if whole or fits else ():
        d_sim, d_matrix = measure(lambda: comparison.similarity_matrix(metric),
                                  repeat=3 if whole else 1, budget=10)
        block = n if whole else max(1, min(n, int(available / 8 / (8 * n))))
        d_block = d_matrix.iloc[:block].to_numpy().copy()
        d_labels = (list(d_matrix.index[:block]), list(d_matrix.columns))
        del d_matrix
        gc.collect()
        r_sim = None
        note = f"{n:,} x {n:,}"
        if rcomparison is not None:
            rows = None if block == n else slice(0, block)
            r_sim, r_matrix = measure(lambda: getattr(rcomparison, metric)(rows), repeat=3 if whole else 1,
                                      budget=30)
            r_values = r_matrix.loc[d_labels[0], d_labels[1]].to_numpy()
            del r_matrix
            same = np.allclose(d_block, r_values)
            if block < n:
                r_sim = Timing(r_sim.seconds * n / block, r_sim.peak)
                note += (f"; the reference's matrices do not fit in memory: it computed {block:,} "
                         f"rows against all, timed and scaled; answers compared on those rows")
            note += "; same answer" if same else "; ANSWERS DIFFER"
        del d_block
        gc.collect()
        out.add(Row(f"all-pairs similarity ({metric})", size, d_sim, r_sim, note))
    # Each instrument's 10 nearest others, without the n x n matrix on either side (the reference
    # ranks blocks of rows of its matrix product), at every size.
    for metric in ("cosine", "jaccard"):
        d_top, d_frame = measure(lambda: comparison.top_k(10, metric), repeat=3, budget=10)
        note = f"{n:,} x 10 (the n x n matrix would be {matrix_bytes / 2**20:,.0f} MB)"
        r_top = None
        if rcomparison is not None:
            r_top, r_frame = measure(lambda: rcomparison.top_k(10, metric), repeat=3, budget=30)
            same, swapped = same_neighbours(d_frame, r_frame)
            note += ("; same answer" if same else "; ANSWERS DIFFER") + (
                f" ({swapped} neighbours of near-equal similarity, within 1e-12, in another order: "
                "BLAS sums in another order)" if swapped else "")
            del r_frame
        del d_frame
        gc.collect()
        out.add(Row(f"top-10 neighbours ({metric})", size, d_top, r_top, note))


def same_neighbours(d: Any, r: Any, tol: float = 1e-12) -> tuple[bool, int]:
    """Whether two top-k tables agree: the same instruments and ranks, similarities within `tol`
    rank by rank, and the same neighbours except where two similarities are within `tol` of each
    other (a tie, or a near-tie that a sum in another order rounds the other way); and how many
    neighbours differ so."""
    if not (d["instrument"].astype(object).equals(r["instrument"].astype(object))
            and d["rank"].astype(object).equals(r["rank"].astype(object))):
        return False, 0
    ds, rs = d["similarity"].to_numpy(), r["similarity"].to_numpy()
    if len(ds) != len(rs) or not np.allclose(ds, rs, rtol=0, atol=tol):
        return False, 0
    differ = np.flatnonzero(d["neighbour"].astype(object).to_numpy() != r["neighbour"].astype(object).to_numpy())
    k = int(d["rank"].max()) if len(d) else 0
    for at in differ:
        row = slice(at - at % k, at - at % k + k)
        near = np.abs(ds[row] - ds[at]) <= tol
        # A swap within the list, or a tie at its end with one left out.
        if near.sum() < 2 and not (at % k == k - 1):
            return False, 0
    return True, len(differ)


DASK_MISSING = ("the Dask sweep needs dask and distributed: .venv/bin/python -m pip install dask distributed "
                "(or bash scripts/setup.sh), or --dask-size '' to skip it")


def run_dask(size: str, work: Path, args: argparse.Namespace, out: Results) -> None:
    """The all-corridors sweep as one DataFrame on local Dask clusters of 2 and of 1 worker
    processes (one thread each; the corpus sent once to each worker, questions in batches), against
    the same sweep in one process on all cores; the answers checked equal."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        print(f"Skipped: {DASK_MISSING}.", flush=True)
        out.facts.append(f"Dask ({size}): not run, {DASK_MISSING}")
        return

    corpus = dm.builtin() if size == "S" else dm.synthetic(size, seed=args.seed)
    corridors = sorted({(i.parties[0], i.parties[1]) for i in corpus.instruments
                        if i.level == "bilateral" and len(i.parties) == 2})
    # One date for every question, so that a run across midnight compares like with like.
    today = dt.date.today().isoformat()
    pairs = [({"origin": o, "destination": d, "as_of": today}, p.id) for o, d in corridors for p in corpus.profiles]
    # The frame of a sweep holds every row's citations: past `--dask-cap` questions a sample.
    questions = pairs
    if len(pairs) > args.dask_cap:
        questions = random.Random(args.seed + 2).sample(pairs, args.dask_cap)
    t0 = time.perf_counter()
    corpus.gaps_many(questions)
    reports_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    single = corpus.gaps_frame(questions)
    single_s = time.perf_counter() - t0
    timed: dict[int, tuple[float, float]] = {}
    same = True
    for workers in (2, 1):
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                          dashboard_address=":0") as cluster, Client(cluster) as client:
            t0 = time.perf_counter()
            corpus.gaps_frame(questions[:1], client=client)  # sends the corpus to the workers
            ship_s = time.perf_counter() - t0
            t0 = time.perf_counter()
            frame = corpus.gaps_frame(questions, client=client)
            timed[workers] = (ship_s, time.perf_counter() - t0)
            same = same and frame.equals(single)
    (ship2, two), (ship1, one) = timed[2], timed[1]
    sampled = f" (a sample of {len(pairs):,})" if len(questions) < len(pairs) else ""
    out.facts.append(
        f"Dask ({size}): {len(questions):,} corridor x profile reports{sampled} as one DataFrame of "
        f"{len(single):,} rows: 2 worker processes {two:.2f} s, 1 worker {one:.2f} s "
        f"(speed-up {one / two:.2f}x); one process on all cores {single_s:.2f} s (the reports alone, "
        f"gaps_many: {reports_s:.2f} s), 2 workers / one process {two / single_s:.2f}x; sending the "
        f"corpus to the workers first {ship2:.2f} s (2 workers), {ship1:.2f} s (1); answers "
        f"{'equal' if same else 'DIFFER'}")
    if not same:
        raise SystemExit("the Dask sweep's answers differ from the single-process ones")


def main(argv: Optional[list[str]] = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", default="S,M,L,XL", help="comma-separated sizes (default: %(default)s)")
    p.add_argument("--reference-sizes", default="S,M,L,XL",
                   help="sizes at which the reference runs too (default: %(default)s)")
    p.add_argument("--sample", type=int, default=200,
                   help="corridor x profile reports the reference computes in the sweep before "
                   "scaling (default: %(default)s)")
    p.add_argument("--sweep-cap", type=int, default=20_000,
                   help="largest sweep dutymap runs whole; larger ones are sampled and scaled "
                        "(default: %(default)s)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--only-similarity", action="store_true",
                   help="after loading, only the similarity rows (all pairs, and top-10 neighbours)")
    p.add_argument("--only-gaps", action="store_true",
                   help="after loading, only the gap-report rows (one corridor's reports and the sweep)")
    p.add_argument("--memory", type=int, default=0,
                   help="bytes of memory to plan the similarity matrices for (default: what is free)")
    p.add_argument("--dask-size", default="M", help="size of the Dask sweep ('' to skip)")
    p.add_argument("--dask-cap", type=int, default=4_000,
                   help="most questions of the Dask sweep; larger sweeps are sampled (default: %(default)s)")
    p.add_argument("--output", type=Path, help="also write the table (markdown) here")
    args = p.parse_args(argv)
    args.reference_sizes = set(filter(None, args.reference_sizes.split(",")))
    out = Results()
    started = dt.datetime.now(dt.timezone.utc)
    print(HEADER, flush=True)
    with tempfile.TemporaryDirectory(prefix="dutymap-bench-") as tmp:
        for size in filter(None, args.sizes.split(",")):
            run_size(size, Path(tmp), args, out)
        if args.dask_size:
            run_dask(args.dask_size, Path(tmp), args, out)
    for fact in out.facts:
        print(f"- {fact}")
    if args.output:
        machine = (f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
                   f"dutymap {dm.__version__}")
        text = [f"Run of {started:%Y-%m-%d %H:%M} UTC on {machine}.", "", HEADER,
                *(format_row(r) for r in out.rows), "", *(f"- {f}" for f in out.facts), ""]
        args.output.write_text("\n".join(text), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
