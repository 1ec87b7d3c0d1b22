"""Runs the reference over every bilateral corridor and profile of a corpus folder, and times it.

    python -m benchmarks.reference [corpus folder] [--as-of DATE] [--sector SECTOR]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from . import all_corridor_gaps, bilateral_corridors, load


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.reference", description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(Path(__file__).resolve().parents[2] / "corpus"))
    parser.add_argument("--as-of", default=None)
    parser.add_argument("--sector", default=None)
    args = parser.parse_args()

    start = time.perf_counter()
    corpus = load(args.folder)
    loaded = time.perf_counter()
    rows = all_corridor_gaps(corpus, as_of=args.as_of, sector=args.sector)
    done = time.perf_counter()
    reports = len(bilateral_corridors(corpus)) * len(corpus.profiles)
    print(f"{len(corpus.instruments)} instruments, {len(corpus.provisions)} provisions: loaded in "
          f"{loaded - start:.2f} s")
    print(f"{reports} gap reports ({len(rows)} rows) in {done - loaded:.2f} s, "
          f"{1000 * (done - loaded) / max(reports, 1):.1f} ms each")
    print(rows.groupby("status", observed=True).size().to_string())


if __name__ == "__main__":
    main()
