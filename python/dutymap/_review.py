"""Reviewing a drafted coding: each proposed provision beside its clause and the nearest coded
precedent, and accepting (or dropping) proposals in the file itself.

Accepting edits only the provenance lines of the accepted provisions (``coded_from: draft`` becomes
``text``, ``confidence`` what the analyst sets), so everything else the analyst has fixed by hand in
the file, comments included, stays as it is.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas

from ._drafting import DraftError, PathLike, text_model
from ._loading import load
from ._text import _wrap


def wrap(text: str, width: int, indent: str) -> list[str]:
    return _wrap(text, width, indent).splitlines()


@dataclass
class _Block:
    """The lines [start, end) of one provision in the draft file."""

    start: int
    end: int
    article: str
    part: str


_ARTICLE_LINE = re.compile(r"^\s*(?:-\s+)?article:\s*(.+?)\s*$")
_PART_LINE = re.compile(r"^\s*part:\s*(.+?)\s*$")


def _unquote(value: str) -> str:
    value = value.split(" #")[0].strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def _blocks(lines: Sequence[str], path: Path) -> list[_Block]:
    """The provision blocks of a one-instrument corpus file: the list items under `provisions:`."""
    try:
        first = next(i for i, line in enumerate(lines) if re.match(r"^\s+provisions:\s*$", line))
    except StopIteration:
        raise DraftError(f"{path}: no `provisions:` list: is it a drafted corpus file?") from None
    indent = len(lines[first]) - len(lines[first].lstrip())
    blocks: list[_Block] = []
    item_indent = None
    for i in range(first + 1, len(lines)):
        line = lines[i]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        here = len(line) - len(line.lstrip())
        if here <= indent:
            break
        if line.lstrip().startswith("- ") and (item_indent is None or here == item_indent):
            item_indent = here
            if blocks:
                blocks[-1].end = i
            blocks.append(_Block(i, len(lines), "", ""))
        if blocks:
            if (m := _ARTICLE_LINE.match(line)) and not blocks[-1].article:
                blocks[-1].article = _unquote(m.group(1))
            elif (m := _PART_LINE.match(line)) and here == (item_indent or 0) + 2:
                blocks[-1].part = _unquote(m.group(1))
    if blocks:
        # The last block ends at its last line of its own, not at the comments after it.
        end = blocks[-1].end
        while end > blocks[-1].start and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
            end -= 1
        blocks[-1].end = end
    return blocks


class DraftReview:
    """The provisions of a drafted corpus file, each beside its clause and the nearest coded
    precedent in the corpus. ``to_pandas()`` for a table, rich display in a notebook, ``str()``
    in a terminal; ``accept`` and ``drop`` edit the file."""

    def __init__(self, path: PathLike, *layers: PathLike) -> None:
        self.path = Path(path)
        self.layers = layers
        self.corpus = load(*layers, self.path)  # raises CorpusError, with file:line:col, if invalid
        text = self.path.read_text(encoding="utf-8")
        ids = re.findall(r"(?m)^instrument:\s*\n(?:\s+#.*\n)*\s+id:\s*(\S+)", text)
        if not ids:
            raise DraftError(f"{self.path}: no `instrument:` with an `id`: is it a drafted corpus file?")
        self.instrument = _unquote(ids[0])
        self.provisions = [p for p in self.corpus.provisions if p.instrument == self.instrument]
        self.frame = self._frame()

    def _frame(self) -> pandas.DataFrame:
        precedents = [p for p in self.corpus.provisions if p.instrument != self.instrument and p.provenance.coded_from != "draft"]
        rows = []
        if self.provisions:
            model = text_model(self.corpus)
            clauses = [p.provenance.passage or p.summary for p in self.provisions]
            sims = (model.vectors(clauses) @ model.vectors([q.summary for q in precedents]).T).toarray()
        for n, p in enumerate(self.provisions):
            # The nearest precedent on one of the proposed topics, else the nearest at all.
            order = sims[n].argsort()[::-1]
            topics = set(p.topics)
            best = next((j for j in order if topics & set(precedents[j].topics)), order[0])
            near = precedents[best]
            rows.append({
                "n": n + 1,
                "provision": p.id,
                "citation": p.citation,
                "clause": p.provenance.passage,
                "topics": ", ".join(t if e == "protects" else f"{t} (restricts)" for t, e in p.topics.items()),
                "bearers": ", ".join(p.bearers),
                "modality": f"{p.modality}/{p.strength}",
                "stages": ", ".join(p.stages),
                "qualifiers": ", ".join(kind for kind, _ in p.qualifiers),
                "coded_from": p.provenance.coded_from,
                "confidence": p.provenance.confidence,
                "why": p.notes,
                "precedent": near.citation,
                "precedent_summary": near.summary,
                "precedent_similarity": round(float(sims[n][best]), 3),
            })
        columns = ["n", "provision", "citation", "clause", "topics", "bearers", "modality", "stages", "qualifiers",
                   "coded_from", "confidence", "why", "precedent", "precedent_summary", "precedent_similarity"]
        return pandas.DataFrame(rows, columns=columns)

    @property
    def pending(self) -> int:
        """How many provisions are still unreviewed drafts."""
        return int((self.frame["coded_from"] == "draft").sum())

    def to_pandas(self) -> pandas.DataFrame:
        return self.frame.copy()

    # ---------------------------------------------------------------- editing the file

    def _select(self, which: str | int | Iterable[str | int]) -> list[int]:
        """Row numbers (1-based) from numbers, ranges ("3-5"), provision ids, citations or "all"."""
        if isinstance(which, (str, int)):
            which = [which]
        out: list[int] = []
        size = len(self.provisions)
        for item in which:
            for token in str(item).split(","):
                token = token.strip()
                if not token:
                    continue
                if token == "all":
                    out += range(1, size + 1)
                elif re.fullmatch(r"\d+(-\d+)?", token):
                    a, _, b = token.partition("-")
                    lo, hi = int(a), int(b or a)
                    if not (1 <= lo <= hi <= size):
                        raise DraftError(f"{self.path}: no provision {token}: the draft has provisions 1 to {size}")
                    out += range(lo, hi + 1)
                else:
                    hits = [i + 1 for i, p in enumerate(self.provisions) if token in (p.id, p.citation, p.article)]
                    if not hits:
                        from difflib import get_close_matches

                        near = get_close_matches(token, [p.id for p in self.provisions], n=1)
                        hint = f"; did you mean `{near[0]}`?" if near else ""
                        raise DraftError(f"{self.path}: no provision `{token}` in the draft{hint}")
                    out += hits
        return sorted(set(out))

    def _located(self) -> tuple[list[str], list[_Block]]:
        lines = self.path.read_text(encoding="utf-8").splitlines(keepends=True)
        blocks = _blocks(lines, self.path)
        if len(blocks) != len(self.provisions) or any(
            b.article != p.article or b.part != p.part for b, p in zip(blocks, self.provisions)
        ):
            raise DraftError(
                f"{self.path}: the provisions in the file do not line up with the loaded ones (was the "
                "file changed since this review was made?); make the review again"
            )
        return lines, blocks

    def accept(self, which: str | int | Iterable[str | int], confidence: str = "medium") -> list[str]:
        """Marks provisions as reviewed: ``coded_from: text`` and ``confidence`` as given (the
        analyst vouches that the coding matches the clause). Rewrites the file and reloads the
        review; returns the provision ids accepted."""
        if confidence not in ("low", "medium", "high"):
            raise DraftError(f"confidence `{confidence}` is not one of low, medium, high")
        rows = self._select(which)
        lines, blocks = self._located()
        for n in rows:
            b = blocks[n - 1]
            for i in range(b.start, b.end):
                lines[i] = re.sub(r"^(\s*coded_from:\s*)draft\b", r"\1text", lines[i])
                lines[i] = re.sub(r"^(\s*confidence:\s*)(low|medium|high)\b", rf"\g<1>{confidence}", lines[i])
        self._write(lines)
        return [self.provisions[n - 1].id for n in rows]

    def drop(self, which: str | int | Iterable[str | int]) -> list[str]:
        """Removes proposals that are wrong outright (the clause is on no topic). Rewrites the file
        and reloads the review; returns the provision ids dropped."""
        rows = self._select(which)
        lines, blocks = self._located()
        ids = [self.provisions[n - 1].id for n in rows]
        for n in sorted(rows, reverse=True):
            b = blocks[n - 1]
            del lines[b.start : b.end]
        if len(rows) == len(blocks):
            lines = [re.sub(r"^(\s+provisions:)\s*$", r"\1 []", line) for line in lines]
        self._write(lines)
        return ids

    def _write(self, lines: list[str]) -> None:
        old = self.path.read_text(encoding="utf-8")
        self.path.write_text("".join(lines), encoding="utf-8")
        try:
            self.__init__(self.path, *self.layers)  # type: ignore[misc]
        except Exception:
            self.path.write_text(old, encoding="utf-8")  # never leave a file that does not load
            raise

    # ---------------------------------------------------------------- presenting

    def text(self, width: int = 100) -> str:
        """The review as text for a terminal: one block per provision."""
        out = [
            f"Review of {self.path} ({self.instrument}): {len(self.provisions)} provisions, "
            f"{self.pending} still drafts.",
            "Accept with `dutymap review FILE --accept N,M-K [--confidence medium]`; drop wrong ones "
            "with `--drop N`; fix anything else in the file itself.",
        ]
        for r in self.frame.itertuples():
            out.append("")
            state = "DRAFT" if r.coded_from == "draft" else f"accepted ({r.confidence})"
            out.append(f"[{r.n}] {r.citation}  {state}")
            out += wrap(f"Clause: {r.clause}", width, "    ")
            out += wrap(f"Proposed: {r.topics}; {r.modality} on {r.bearers}; {r.stages}"
                        + (f"; qualified: {r.qualifiers}" if r.qualifiers else ""), width, "    ")
            if r.why:
                out += wrap(f"Why: {r.why}", width, "    ")
            out += wrap(f"Nearest precedent: {r.precedent} ({r.precedent_similarity:.2f}): {r.precedent_summary}",
                        width, "    ")
        return "\n".join(out)

    def __str__(self) -> str:
        return self.text()

    def __repr__(self) -> str:
        return f"<DraftReview {self.instrument}: {len(self.provisions)} provisions, {self.pending} drafts>"

    def _repr_html_(self) -> str:
        e = html.escape
        head = (f"<p><b>{e(self.instrument)}</b> ({e(str(self.path))}): {len(self.provisions)} provisions, "
                f"{self.pending} still drafts.</p>")
        rows = []
        for r in self.frame.itertuples():
            draft = r.coded_from == "draft"
            rows.append(
                f"<tr style='vertical-align:top'><td>{r.n}</td><td>{e(r.citation)}<br>"
                f"<span style='color:{'#b45309' if draft else '#15803d'}'>{'draft' if draft else 'accepted'}</span></td>"
                f"<td style='max-width:30em'>{e(r.clause)}</td>"
                f"<td>{e(r.topics)}<br><i>{e(r.modality)}</i> on {e(r.bearers)}<br>{e(r.stages)}"
                f"{'<br>qualified: ' + e(r.qualifiers) if r.qualifiers else ''}</td>"
                f"<td style='max-width:22em'>{e(r.precedent)} ({r.precedent_similarity:.2f})<br>"
                f"<small>{e(r.precedent_summary)}</small></td></tr>"
            )
        return (head + "<table><thead><tr><th>#</th><th>citation</th><th>clause</th><th>proposed coding</th>"
                "<th>nearest precedent</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>")


def review(path: PathLike, *layers: PathLike) -> DraftReview:
    """The review of a drafted corpus file (see ``DraftReview``), loaded over the built-in corpus
    and any ``layers`` (folders or files) it needs."""
    return DraftReview(path, *layers)
