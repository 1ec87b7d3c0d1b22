"""How fast the YAML parsers on offer read a corpus written to files: parsing only, no validation.

PyYAML's C loader (what the reference uses), rapidyaml (PyPI ``rapidyaml``, a C++ parser; timed
through its Python binding, one call per file, parsing into its own tree) and, through
``yaml_parsers`` (benchmarks/yaml_parsers.cpp), yaml-cpp (what dutymap uses) and libfyaml (Debian
``libfyaml-dev``). Each parser reads texts already in memory. dutymap's own load of the same folder
(parse, validate, index) is timed alongside.

    python benchmarks/yaml_parsers.py --size M [--parsers-binary build/bench/benchmarks/yaml_parsers]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import dutymap as dm


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--size", default="M", help="synthetic corpus size (default: %(default)s)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--parsers-binary", type=Path, help="the built yaml_parsers program")
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="dutymap-yaml-") as tmp:
        folder = Path(tmp) / "corpus"
        dm.synthetic(args.size, seed=args.seed).save(folder)
        files = sorted(folder.rglob("*.yaml"))
        texts = [f.read_text(encoding="utf-8") for f in files]
        total = sum(len(t.encode("utf-8")) for t in texts)
        rows: list[tuple[str, float]] = []

        import yaml
        start = time.perf_counter()
        for t in texts:
            yaml.load(t, Loader=yaml.CSafeLoader)
        rows.append(("PyYAML CSafeLoader (libyaml, to Python objects)", time.perf_counter() - start))
        try:
            import ryml
        except ImportError:
            print("rapidyaml not installed (pip install rapidyaml): skipped", file=sys.stderr)
        else:
            blobs = [t.encode("utf-8") for t in texts]
            start = time.perf_counter()
            for b in blobs:
                ryml.parse_in_arena(b)
            rows.append(("rapidyaml (tree)", time.perf_counter() - start))
        if args.parsers_binary:
            out = subprocess.run([str(args.parsers_binary), *map(str, files)], check=True,
                                 capture_output=True, text=True).stdout
            for line in out.splitlines():
                name, _, seconds, _ = line.split()
                rows.append((f"{name} (tree)", float(seconds)))
        start = time.perf_counter()
        dm.load(folder, builtin=False)
        rows.append(("dutymap load (libfyaml events to located nodes, then validate and index)", time.perf_counter() - start))

    print(f"{len(files):,} files, {total / 2**20:.1f} MB of YAML (size {args.size})\n")
    print("| parser | seconds | MB/s |\n|---|---|---|")
    for name, seconds in rows:
        print(f"| {name} | {seconds:.2f} | {total / 2**20 / seconds:.1f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
