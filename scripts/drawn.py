"""What the scripts that draw parts of the docs from the code share: the text between two marker
lines replaced, and the file rewritten, or, with --check, compared."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path


def between(text: str, begin: str, end: str, draw: Callable[[str], str], where: str) -> str:
    """`text` with what stands between the markers replaced by ``draw(what stood there)``."""
    if begin not in text or end not in text:
        raise SystemExit(f"{where} has no markers {begin} ... {end}")
    head, rest = text.split(begin, 1)
    body, tail = rest.split(end, 1)
    return f"{head}{begin}\n{draw(body)}\n{end}{tail}"


def write_or_check(path: Path, fresh: str, check: bool, stale: str, root: Path) -> int:
    """Writes `fresh` to `path` if it differs; with `check`, writes nothing and returns 1 (after
    printing `stale`) when it differs."""
    if fresh == path.read_text(encoding="utf-8"):
        return 0
    if check:
        print(stale, file=sys.stderr)
        return 1
    path.write_text(fresh, encoding="utf-8")
    print(f"wrote {path.relative_to(root)}")
    return 0
