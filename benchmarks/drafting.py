"""How good the drafting assistant's proposals are, measured leave-one-instrument-out.

For each held-out instrument the text model is trained on everything else (the built-in corpus's
other provisions, the other example texts, the taxonomy), then:

* a **corpus instrument** is drafted from its provisions' summaries, one clause per provision (its
  summaries are in the project's own words, so this measures the coding, not the splitting);
* an **example text** (``examples/texts/``, written for the project) is drafted from its whole
  text: clause splitting against its ``.clauses`` gold, then the coding of each clause that the
  hand coding codes.

Measures (per coded provision; a clause with two hand-coded provisions is compared with each):
  topic hit@1: the first proposed topic is one of the coded topics;
  topic recall@3: the share of coded topics among the first three proposed (of at most three);
  bearer: the first proposed bearer is one of the coded bearers; bearer set: the sets are equal;
  modality: the same modality; strength: the same strength;
  restrictions: of the provisions coded as restricting the worker, the share proposed so, and of
  those proposed so, the share coded so;
  coded or not: an example text's clause is proposed for coding exactly when the hand coding
  codes it.

Usage: python benchmarks/drafting.py [--markdown]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import dutymap as dm
from dutymap._drafting import (
    Clause,
    TextModel,
    example_texts,
    labelled_clauses,
    propose,
    split_clauses,
)

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Tally:
    n: int = 0
    hit1: float = 0
    recall3: float = 0
    bearer: float = 0
    bearer_set: float = 0
    modality: float = 0
    strength: float = 0
    restricts_gold: int = 0
    restricts_found: int = 0
    restricts_proposed: int = 0
    restricts_right: int = 0
    coded_right: int = 0
    coded_n: int = 0
    seg: list[float] = field(default_factory=list)

    def add(self, proposal, gold) -> None:
        topics = [t for t, _ in proposal.topics]
        coded = set(gold.topics)
        self.n += 1
        self.hit1 += topics[0] in coded
        self.recall3 += len(coded & set(topics[:3])) / min(3, len(coded))
        self.bearer += proposal.bearers[0] in gold.bearers
        self.bearer_set += set(proposal.bearers) == set(gold.bearers)
        self.modality += proposal.modality == gold.modality
        self.strength += proposal.strength == gold.strength
        restricts = any(e == "restricts" for e in gold.topics.values())
        self.restricts_gold += restricts
        self.restricts_found += restricts and proposal.restricts
        self.restricts_proposed += proposal.restricts
        self.restricts_right += restricts and proposal.restricts

    def row(self, label: str) -> list[str]:
        def share(a: float, b: float) -> str:
            return f"{a / b:.2f}" if b else "n/a"

        return [
            label, str(self.n), share(self.hit1, self.n), share(self.recall3, self.n), share(self.bearer, self.n),
            share(self.bearer_set, self.n), share(self.modality, self.n), share(self.strength, self.n),
            f"{share(self.restricts_found, self.restricts_gold)} of {self.restricts_gold}",
            share(self.restricts_right, self.restricts_proposed),
            f"{statistics.mean(self.seg):.3f}" if self.seg else "n/a",
            share(self.coded_right, self.coded_n),
        ]


HEADER = ["held out", "provisions", "topic hit@1", "topic recall@3", "bearer", "bearer set", "modality",
          "strength", "restrictions found", "restriction precision", "segmentation F1", "coded or not"]


def segmentation_f1(gold: list[str], got: list[str]) -> float:
    tp = len(set(gold) & set(got))
    if not tp:
        return 0.0
    p, r = tp / len(got), tp / len(gold)
    return 2 * p * r / (p + r)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--markdown", action="store_true", help="print the tables as markdown")
    args = ap.parse_args(argv)
    corpus = dm.load()
    texts = example_texts(ROOT / "examples" / "texts")
    examples = labelled_clauses(texts)

    # Corpus instruments, drafted from their provisions' summaries.
    corpus_tally = Tally()
    instruments = sorted({p.instrument for p in corpus.provisions})
    started = time.perf_counter()
    for inst in instruments:
        held = [p for p in corpus.provisions if p.instrument == inst]
        model = TextModel(corpus, examples, leave_out=[inst])
        parties = list(corpus.instrument(inst).parties)
        parties = parties if len(parties) == 2 else ["KHM", "THA"]
        clauses = [Clause(p.part, p.article or p.chapter, p.summary) for p in held]
        for proposal, gold in zip(propose(clauses, corpus, parties, model), held):
            corpus_tally.add(proposal, gold)
    corpus_seconds = time.perf_counter() - started

    # Example texts, drafted from their whole text.
    rows = []
    all_texts = Tally()
    for t in texts:
        tally = Tally()
        model = TextModel(corpus, examples, leave_out=[t.instrument])
        clauses = split_clauses(t.text)
        tally.seg.append(segmentation_f1(t.gold_clauses, [c.citation for c in clauses]))
        for proposal in propose(clauses, corpus, t.parties, model):
            cited = proposal.clause.citation
            if cited not in t.gold_clauses:
                continue
            tally.coded_n += 1
            tally.coded_right += (not proposal.procedural) == (cited in t.coded)
            for gold in t.coded.get(cited, []):
                tally.add(proposal, gold)
        rows.append(tally.row(t.name))
        for k, v in vars(tally).items():
            setattr(all_texts, k, getattr(all_texts, k) + v)

    # Speed: a 43-clause MOU, with the model trained (as after the first draft) and from cold.
    mou = ROOT / "examples" / "texts" / "mou-khm-tha-model.txt"
    started = time.perf_counter()
    model = TextModel(corpus, examples)
    train_seconds = time.perf_counter() - started
    times = []
    for _ in range(5):
        started = time.perf_counter()
        propose(split_clauses(mou.read_text(encoding="utf-8")), corpus, ["KHM", "THA"], model)
        times.append(time.perf_counter() - started)

    table = [HEADER, corpus_tally.row(f"each of {len(instruments)} corpus instruments (from summaries)"),
             *rows, all_texts.row(f"all {len(texts)} example texts")]
    if args.markdown:
        print("| " + " | ".join(table[0]) + " |")
        print("|" + "---|" * len(table[0]))
        for r in table[1:]:
            print("| " + " | ".join(r) + " |")
    else:
        widths = [max(len(r[i]) for r in table) for i in range(len(HEADER))]
        for r in table:
            print("  ".join(c.ljust(w) for c, w in zip(r, widths)))
    print()
    print(f"Training the text model on the corpus and the example texts: {train_seconds:.2f} s. "
          f"Drafting the 43-clause mou-khm-tha-model with it trained: best of 5 {min(times) * 1000:.0f} ms. "
          f"Leave-one-out over the corpus instruments: {corpus_seconds:.1f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
