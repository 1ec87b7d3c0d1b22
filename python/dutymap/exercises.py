"""Training exercises on MOU gap analysis.

A trainee reads the clauses of an agreement, codes them (topics, protects or restricts, modality,
bearers, stages), lists the gaps and conflicts of the agreement against a reference profile, and
may propose clauses to close them; the answers are graded with partial credit and feedback that
quotes the clause, names the norm and cites its source. The format of exercise files is described
in ``docs/exercises.md``.

Examples
--------
>>> import dutymap as dm
>>> dm.exercises.list()["id"].tolist()[:2]
['khm-tha-2015-mou', 'khm-mys-2015-gw']
>>> ex = dm.exercises.get("khm-mys-2015-dw")
>>> sheet = ex.blank()                     # one row per clause to code; add gaps and proposals
>>> ex.grade(ex.key()).score               # the key itself earns full marks
100.0
"""

from __future__ import annotations

import builtins
import html
import math
import os
from pathlib import Path
from typing import Any, Sequence, Union

import pandas as pd

from . import _core
from ._core import ExerciseError
from ._corpus import Corpus
from ._gaps import GapReport
from ._loading import builtin

__all__ = ["Exercise", "Grade", "ExerciseError", "list", "get", "load", "read", "COLUMNS"]

#: The columns of an answer sheet, in order.
COLUMNS: tuple[str, ...] = tuple(_core.answer_columns())

AnswersLike = Union[pd.DataFrame, str, "os.PathLike[str]", Sequence[dict]]


def _impl(corpus: Corpus | None) -> _core.Corpus:
    return (corpus if corpus is not None else builtin())._impl


def list() -> pd.DataFrame:  # noqa: A001 - the name trainers expect: dm.exercises.list()
    """The built-in exercises, easiest first: id, level, title, corridor, profile, tasks."""
    rows = [_summary(Exercise(x)) for x in _core.builtin_exercises()]
    return pd.DataFrame(rows, columns=["id", "level", "title", "corridor", "profile", "tasks",
                                       "clauses"])


def get(id: str) -> "Exercise":  # noqa: A002
    """The built-in exercise with this id (`UnknownIdError` names the nearest one)."""
    return Exercise(_core.builtin_exercise(id))


def load(path: str | os.PathLike[str], corpus: Corpus | None = None) -> "Exercise":
    """Reads a trainer's exercise file, checked against `corpus` (the built-in one by default).

    Raises `ExerciseError` listing every problem with file, line and column.
    """
    text = Path(path).read_text(encoding="utf-8-sig") if Path(path).is_file() else None
    ex = Exercise(_core.load_exercise(os.fspath(path), _impl(corpus)), corpus)
    ex._text = text
    return ex


def read(text: str, name: str = "<exercise>", corpus: Corpus | None = None) -> "Exercise":
    """As `load`, from YAML text (``name`` is used in messages)."""
    ex = Exercise(_core.read_exercise(text, name, _impl(corpus)), corpus)
    ex._text = text
    return ex


def _summary(ex: "Exercise") -> dict[str, Any]:
    k = ex.corridor
    where = f"{k.origin} -> {k.destination}" + (f" ({k.sector})" if k.sector else "")
    return {"id": ex.id, "level": ex.level, "title": ex.title, "corridor": where,
            "profile": ex.profile, "tasks": ", ".join(ex.tasks), "clauses": len(ex.clauses)}


def _cell(value: Any) -> str:
    """A table cell as the text the grader reads: lists joined by ';', missing values empty."""
    if value is None:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    if isinstance(value, (builtins.list, tuple, set, frozenset)):
        return "; ".join(str(v) for v in value)
    return str(value)


def _answer_list(answers: Sequence[_core.Answer]) -> pd.DataFrame:
    rows = []
    for a in answers:
        rows.append({
            "task": a.task, "clause": a.clause, "text": a.text, "topics": "; ".join(a.topics),
            "effect": a.effect or "", "modality": a.modality or "", "bearers": "; ".join(a.bearers),
            "stages": "; ".join(a.stages), "status": a.status or "", "strength": a.strength or "",
        })
    return pd.DataFrame(rows, columns=builtins.list(COLUMNS))


class Exercise:
    """A training exercise: the case, the tasks and the answer key.

    Get one with :func:`get` (built-in) or :func:`load` (a trainer's file). In Jupyter it shows the
    case as HTML.
    """

    def __init__(self, impl: _core.Exercise, corpus: Corpus | None = None) -> None:
        self._impl = impl
        self._corpus = corpus
        self._text: str | None = None  # the YAML it was read from, for pickling

    def __reduce__(self) -> tuple[Any, ...]:
        # A built-in exercise pickles as its id; a trainer's as its file's text (and corpus).
        if self._text is None:
            return (get, (self.id,))
        return (read, (self._text, self.file, self._corpus))

    # The case ---------------------------------------------------------------------------------
    @property
    def id(self) -> str:
        return self._impl.id

    @property
    def title(self) -> str:
        return self._impl.title

    @property
    def level(self) -> int:
        """Difficulty, 1 (first) to 5."""
        return self._impl.level

    @property
    def brief(self) -> str:
        """What the trainee is told."""
        return self._impl.brief

    @property
    def source(self) -> str:
        return self._impl.source

    @property
    def corridor(self) -> _core.Corridor:
        return self._impl.corridor

    @property
    def profile(self) -> str:
        return self._impl.profile

    @property
    def instruments(self) -> builtins.list[str]:
        """The corpus instruments the case is, when it is one."""
        return builtins.list(self._impl.instruments)

    @property
    def tasks(self) -> builtins.list[str]:
        """Among ``code``, ``gaps`` and ``propose``."""
        return builtins.list(self._impl.tasks)

    @property
    def file(self) -> str:
        return self._impl.file

    @property
    def clauses(self) -> pd.DataFrame:
        """The clauses to code: id, where in the agreement, text."""
        return pd.DataFrame([(c.id, c.where, c.text) for c in self._impl.clauses],
                            columns=["clause", "where", "text"])

    # For the trainee --------------------------------------------------------------------------
    def blank(self) -> pd.DataFrame:
        """The answer sheet: one ``code`` row per clause (when coding is asked), to fill in.

        Add rows with ``task`` = ``gaps`` (one topic, one stage, a bearer and a status: gap, weak,
        unassigned or conflict) and ``propose`` (topics, modality, bearers, stages, strength and
        the wording). Cells may list several values separated by ``;``.
        """
        return pd.DataFrame(_core.blank_answers(self._impl), columns=builtins.list(COLUMNS))

    def grade(self, answers: AnswersLike) -> "Grade":
        """Grades answers: a DataFrame laid out as :meth:`blank`, a path to a CSV file, or a list
        of dicts. Raises `ExerciseError` naming the row and column of every problem."""
        impl = _impl(self._corpus)
        if isinstance(answers, (str, os.PathLike)):
            path = Path(answers)
            rows = _core.read_answer_csv(path.read_text(encoding="utf-8-sig"), str(path), impl,
                                         self._impl)
        else:
            frame = answers if isinstance(answers, pd.DataFrame) else pd.DataFrame(builtins.list(answers))
            table = []
            for position, (_, row) in enumerate(frame.iterrows(), start=1):
                cells = {str(k).strip().lower(): _cell(v) for k, v in row.items()}
                table.append((f"row {position}", 0, cells))
            unknown = [c for c in frame.columns
                       if str(c).strip().lower() not in COLUMNS and not str(c).lower().startswith("note")]
            if unknown:
                error = ExerciseError(
                    f"the answers have unknown columns {', '.join(map(str, unknown))} "
                    f"(columns: {', '.join(COLUMNS)}; columns named note... are not graded)")
                error.problems = []
                raise error
            rows = _core.read_answers(table, impl, self._impl, "the answers")
        return Grade(_core.grade(impl, self._impl, rows), self)

    # For the trainer --------------------------------------------------------------------------
    def key(self) -> pd.DataFrame:
        """The answer key as a filled answer sheet (grading it gives 100)."""
        return _answer_list(_core.key_answers(_impl(self._corpus), self._impl))

    def gap_key(self) -> pd.DataFrame:
        """The gap list of the key with its explanations."""
        key = _core.resolve_key(_impl(self._corpus), self._impl)
        return pd.DataFrame([(g.topic, g.stage, g.bearer, g.status, g.in_profile, g.explanation)
                             for g in key.gaps],
                            columns=["topic", "stage", "bearer", "status", "in_profile",
                                     "explanation"])

    def key_report(self) -> GapReport:
        """The gap report of the case judged on its own, that the gap key comes from."""
        return GapReport(_core.resolve_key(_impl(self._corpus), self._impl).report)

    def check_key(self) -> builtins.list[_core.Problem]:
        """Where a hand-written key disagrees with the corpus's coding of the same instruments, or
        with the analysis of the case (empty when they agree)."""
        return builtins.list(_core.key_disagreements(_impl(self._corpus), self._impl))

    # Display ----------------------------------------------------------------------------------
    def __repr__(self) -> str:
        return f"<Exercise {self.id!r} (level {self.level}): {self.title}>"

    def _repr_html_(self) -> str:
        e = html.escape
        k = self.corridor
        out = [f"<h3>{e(self.title)}</h3>",
               f"<p><code>{e(self.id)}</code> &middot; level {self.level} &middot; "
               f"{e(k.origin)} &rarr; {e(k.destination)}{' (' + e(k.sector) + ')' if k.sector else ''}"
               f"{', as of ' + e(k.as_of) if k.as_of else ''} &middot; judged against "
               f"<code>{e(self.profile)}</code> &middot; tasks: {e(', '.join(self.tasks))}</p>",
               f"<p>{e(self.brief)}</p>"]
        if self._impl.clauses:
            out.append("<table><thead><tr><th>clause</th><th>where</th><th>text</th></tr></thead><tbody>")
            for c in self._impl.clauses:
                out.append(f"<tr><td><code>{e(c.id)}</code></td><td>{e(c.where)}</td><td>{e(c.text)}</td></tr>")
            out.append("</tbody></table>")
        out.append(f"<p><small>Source: {e(self.source)}</small></p>")
        return "".join(out)

    def text(self, width: int = 100) -> str:
        """The case as plain text, for a terminal or a handout."""
        import textwrap

        k = self.corridor
        lines = [f"{self.title}", f"{self.id} | level {self.level} | {k.origin} -> {k.destination}"
                 f"{' (' + k.sector + ')' if k.sector else ''}"
                 f"{' | as of ' + k.as_of if k.as_of else ''} | profile {self.profile} | tasks: "
                 f"{', '.join(self.tasks)}", ""]
        lines += textwrap.wrap(self.brief, width, break_on_hyphens=False)
        if self._impl.clauses:
            lines.append("")
            for c in self._impl.clauses:
                head = f"  {c.id}" + (f" ({c.where})" if c.where else "") + ": "
                lines += textwrap.wrap(c.text, width, initial_indent=head,
                                       subsequent_indent=" " * 6, break_on_hyphens=False)
        lines += ["", *textwrap.wrap(f"Source: {self.source}", width, break_on_hyphens=False)]
        return "\n".join(lines)


_VERDICT_COLOURS = {"right": "#b7e1a1", "closes": "#b7e1a1", "partly right": "#fde58a",
                    "wrong": "#f4a6a6", "missed": "#f4a6a6", "extra": "#f7c9a0",
                    "closes nothing": "#f7c9a0"}


class Grade:
    """The result of grading: ``score`` out of 100, ``tasks`` and ``items`` as DataFrames, and
    feedback sentences with their citations. Shows as HTML in Jupyter."""

    def __init__(self, impl: _core.GradeResult, exercise: Exercise) -> None:
        self._impl = impl
        self.exercise = exercise

    @property
    def score(self) -> float:
        """Out of 100: the mean of the task scores."""
        return float(self._impl.score)

    @property
    def tasks(self) -> pd.DataFrame:
        """One row per task: score, precision, recall, F1, items in the key, answered, right,
        partly right."""
        return pd.DataFrame(
            [(t.task, t.score, t.precision, t.recall, t.f1, t.key_items, t.answered, t.right, t.partly)
             for t in self._impl.tasks],
            columns=["task", "score", "precision", "recall", "f1", "key_items", "answered", "right",
                     "partly"]).set_index("task")

    @property
    def items(self) -> pd.DataFrame:
        """One row per graded item: task, item, answer row, credit, verdict, mistakes, feedback."""
        return pd.DataFrame(
            [(i.task, i.item, i.answer, i.credit, i.verdict, "; ".join(i.mistakes), i.feedback,
              builtins.list(i.cites)) for i in self._impl.items],
            columns=["task", "item", "answer", "credit", "verdict", "mistakes", "feedback", "cites"])

    def table(self) -> pd.DataFrame:
        """Same as :attr:`items`."""
        return self.items

    @property
    def feedback(self) -> builtins.list[str]:
        """The feedback sentences, in the order of the items."""
        return [i.feedback for i in self._impl.items]

    def to_pandas(self) -> pd.DataFrame:
        return self.items

    def __repr__(self) -> str:
        return f"<Grade {self.exercise.id}: {self.score:.1f}/100>"

    def text(self, width: int = 100) -> str:
        """The grade and the feedback as plain text."""
        import textwrap

        lines = [f"{self.exercise.title}: {self.score:.1f} / 100"]
        for t in self._impl.tasks:
            lines.append(f"  {t.task:<8} score {100 * t.score:5.1f}  precision {t.precision:.2f}  "
                         f"recall {t.recall:.2f}  F1 {t.f1:.2f}  ({t.right} right, {t.partly} partly "
                         f"right, {t.answered} answered, {t.key_items} in the key)")
        for i in self._impl.items:
            lines.append("")
            head = f"[{i.task}] {i.item}: {i.verdict} ({i.credit:.2f})"
            lines.append(head)
            lines += textwrap.wrap(i.feedback, width, initial_indent="    ", subsequent_indent="    ",
                                   break_on_hyphens=False)
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        e = html.escape
        out = [f"<h3>{e(self.exercise.title)}: {self.score:.1f} / 100</h3>",
               "<table><thead><tr><th>task</th><th>score</th><th>precision</th><th>recall</th>"
               "<th>F1</th><th>right</th><th>partly</th><th>answered</th><th>in the key</th></tr>"
               "</thead><tbody>"]
        for t in self._impl.tasks:
            out.append(f"<tr><td>{e(t.task)}</td><td>{100 * t.score:.1f}</td><td>{t.precision:.2f}</td>"
                       f"<td>{t.recall:.2f}</td><td>{t.f1:.2f}</td><td>{t.right}</td><td>{t.partly}</td>"
                       f"<td>{t.answered}</td><td>{t.key_items}</td></tr>")
        out.append("</tbody></table><table><thead><tr><th>task</th><th>item</th><th>verdict</th>"
                   "<th>credit</th><th>feedback</th></tr></thead><tbody>")
        for i in self._impl.items:
            colour = _VERDICT_COLOURS.get(i.verdict, "#ffffff")
            out.append(f"<tr><td>{e(i.task)}</td><td><code>{e(i.item)}</code></td>"
                       f"<td style='background:{colour}'>{e(i.verdict)}</td><td>{i.credit:.2f}</td>"
                       f"<td>{e(i.feedback)}</td></tr>")
        out.append("</tbody></table>")
        return "".join(out)
