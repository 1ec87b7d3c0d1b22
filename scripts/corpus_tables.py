"""Rewrites the tables of docs/corpus.md that the built-in corpus itself can give.

    python scripts/corpus_tables.py            # rewrite them from the installed dutymap
    python scripts/corpus_tables.py --check    # exit 1 when they differ from the data

Two tables are drawn from the data between markers: the counts of what the corpus holds, and,
per instrument, how much of it was read (`text`), its provisions and the lacks sources report,
each with its confidence. The per-instrument table's last column (a note in words on what was
read) is written by hand and kept across rewrites, matched by instrument id; an instrument new to
the corpus gets "(to describe)" there until someone writes it.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

import dutymap as dm
from drawn import between, write_or_check

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "corpus.md"
NEW_NOTE = "(to describe)"


def marked(name: str) -> tuple[str, str]:
    return (f"<!-- {name}: drawn from the data by scripts/corpus_tables.py -->",
            f"<!-- {name}: end -->")


def counts_table(corpus: dm.Corpus) -> str:
    """What the corpus holds, counted."""
    instruments = corpus.instruments
    by_text = Counter(i.text for i in instruments)
    by_level = Counter(i.level for i in instruments)
    provisions = corpus.provisions
    ratings = Counter(r.rating for r in corpus.practice)
    rows = [
        ("instruments", f"{len(instruments)}: " + ", ".join(f"{by_level[k]} {k}" for k in dm.VOCABULARIES["level"]
                                                          if by_level[k])),
        ("how much was read", ", ".join(f"{by_text[k]} {k}" for k in dm.VOCABULARIES["text"])),
        ("provisions", f"{len(provisions)}, of which {sum(p.provenance.coded_from == 'secondary' for p in provisions)}"
                       " coded from secondary sources"),
        ("reported lacks", str(sum(len(i.lacks) for i in instruments))),
        ("topics", f"{len(corpus.topics)} ({sum(t.parent is None for t in corpus.topics)} groups), "
                   f"{len(corpus.sectors)} sectors"),
        ("actors", f"{len(corpus.actors)} ({sum(a.kind == 'state' for a in corpus.actors)} states)"),
        ("ratification records", str(len(corpus.ratifications()))),
        ("profiles", f"{len(corpus.profiles)}: "
                     + ", ".join(f"`{p.id}` ({len(p.norms)} norms)" for p in corpus.profiles)),
        ("implementation records", f"{len(corpus.practice)}: "
                                   + ", ".join(f"{ratings[k]} {k}" for k in dm.VOCABULARIES["rating"])),
    ]
    lines = ["| what | count |", "|---|---|"] + [f"| {a} | {b} |" for a, b in rows]
    return "\n".join(lines)


def instruments_table(corpus: dm.Corpus, notes: dict[str, str]) -> str:
    """Per instrument: text kind, provisions, lacks with their confidence, and the kept note."""
    lines = ["| instrument | text | provisions | lacks (confidence) | note |", "|---|---|---|---|---|"]
    for i in corpus.instruments:
        lacks = ", ".join(f"{lack.topic} ({lack.confidence})" for lack in i.lacks) or "—"
        lines.append(f"| `{i.id}` | {i.text} | {len(i.provisions)} | {lacks} | {notes.get(i.id, NEW_NOTE)} |")
    return "\n".join(lines)


def kept_notes(section: str) -> dict[str, str]:
    """The hand-written note of each instrument in the current table."""
    notes = {}
    for line in section.splitlines():
        m = re.match(r"\| `([^`]+)` \|.*\| ([^|]*) \|$", line)
        if m:
            notes[m.group(1)] = m.group(2).strip()
    return notes


def redraw(text: str, corpus: dm.Corpus) -> str:
    text = between(text, *marked("counts"), lambda _: counts_table(corpus), "docs/corpus.md")
    return between(text, *marked("instruments"), lambda body: instruments_table(corpus, kept_notes(body)),
                   "docs/corpus.md")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args(argv)
    fresh = redraw(DOC.read_text(encoding="utf-8"), dm.load())
    return write_or_check(DOC, fresh, args.check, "docs/corpus.md's tables differ from the built-in corpus: run "
                          f"`python scripts/corpus_tables.py` and describe any instrument marked {NEW_NOTE!r}.",
                          ROOT)


if __name__ == "__main__":
    sys.exit(main())
