"""docs/architecture.md shows the layers as the code has them (scripts/architecture.py draws it)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_architecture_picture_is_the_code_s():
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "architecture.py"), "--check"],
                         cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr
