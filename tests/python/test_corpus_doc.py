"""docs/corpus.md's counts and per-instrument table are the built-in corpus's own
(scripts/corpus_tables.py draws them)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_corpus_tables_match_the_data():
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "corpus_tables.py"), "--check"],
                         cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_every_instrument_is_described_in_words():
    text = (ROOT / "docs" / "corpus.md").read_text(encoding="utf-8")
    assert "(to describe)" not in text
