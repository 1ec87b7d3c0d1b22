"""The example texts of examples/texts/ and their gold: the coding loads over the built-in corpus,
and every provision cites a unit listed in the text's segmentation gold (.clauses)."""

from __future__ import annotations

from pathlib import Path

import pytest

import dutymap as dm

ROOT = Path(__file__).resolve().parents[2]

TEXTS = ROOT / "examples" / "texts"
NAMES = sorted(p.stem for p in (TEXTS / "coded").glob("*.yaml"))


def units(name: str) -> list[str]:
    lines = (TEXTS / f"{name}.clauses").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip()]


def test_five_texts_with_gold():
    assert NAMES == [
        "agreement-lao-tha-numbered",
        "contract-khm-mys-domestic",
        "contract-lao-tha-worker",
        "mou-khm-tha-model",
        "mou-mmr-tha-paragraphs",
    ]
    for name in NAMES:
        assert (TEXTS / f"{name}.txt").read_text(encoding="utf-8")
        assert 25 <= len(units(name)) <= 45


def test_gold_coding_loads():
    assert dm.check(TEXTS / "coded") == []


@pytest.mark.parametrize("name", NAMES)
def test_every_citation_is_a_unit(name):
    listed = units(name)
    assert len(listed) == len(set(listed))
    instrument = dm.load(TEXTS / "coded").instrument(f"example-{name}")
    assert instrument.text == "full"
    for p in instrument.provisions:
        cite = f"{p.part}, {p.article}" if p.part else p.article
        assert cite in listed, f"{p.id} cites {cite!r}, which is not in {name}.clauses"
