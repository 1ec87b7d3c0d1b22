from __future__ import annotations

from pathlib import Path

import pytest

import dutymap as dm

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"


@pytest.fixture(scope="session")
def corpus() -> dm.Corpus:
    """The built-in corpus."""
    return dm.load()


@pytest.fixture(scope="session")
def small() -> dm.Corpus:
    """The small test corpus, on its own."""
    return dm.load(DATA / "small", builtin=False)


@pytest.fixture
def draft(tmp_path: Path):
    """Writes a YAML file in a temporary folder and returns its path."""

    def write(text: str, name: str = "draft.yaml") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return write
