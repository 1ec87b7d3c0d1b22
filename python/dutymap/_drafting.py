"""The drafting assistant: from an agreement's own text to a proposed coding that loads at once.

``draft_coding`` splits a plain-text agreement (or a standard contract) into its clauses and, for
each, proposes what the corpus format asks for: topics from the taxonomy (ranked, with a score),
stage, bearer, modality and strength, effect, qualifiers and scope. The result is a corpus file
with ``text: full`` and every provision ``coded_from: draft``, ``confidence: low``, its clause as
its ``passage``: it validates and gives a gap report at once, every row that rests on it says it
is an unreviewed draft, and ``dutymap review`` lets the analyst accept or fix it.

Two kinds of knowledge, kept apart so that each can be checked:

* **rules** read what a clause's own words say outright: who is its grammatical subject ("the
  Employer shall"), its modal verb ("shall", "should", "may", "shall endeavour"), its hedges
  ("subject to the laws of"), the sectors it names, whether it binds the worker;
* a **text model** (TF-IDF and a linear classifier, scikit-learn) ranks the taxonomy's topics and
  stands in for the rules where a clause's words name no subject or modal. It is trained when
  first asked, from the corpus being drafted against (every provision's summary, written in the
  project's own words, with its coding), the taxonomy's titles and descriptions, and any labelled
  example texts given. Nothing is downloaded, and the user's text is read only at run time.
"""

from __future__ import annotations

import datetime as _dt
import html
import json
import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import _core

if TYPE_CHECKING:
    from ._corpus import Corpus

PathLike = str | Path

# A real agreement, annexes and all, is rarely over a few hundred kB of text; a larger input is far
# more likely a wrong file (a PDF's bytes, a whole gazette) than an agreement.
MAX_TEXT_BYTES = 2_000_000

KINDS = ("mou", "bilateral_agreement", "standard_contract")


class DraftError(ValueError):
    """The text cannot be drafted from: empty, binary, too large, or without numbered clauses."""


# ------------------------------------------------------------------------------ segmentation


@dataclass
class Clause:
    """One leaf unit of an agreement: the smallest numbered part, with what frames it.

    ``part`` is the annex or appendix it sits in (empty in the body), ``article`` its number as
    the corpus cites it (``"5(2)(b)"``, ``"3.1"``), ``own`` its own words, ``context`` the
    heading and chapeau lines above it ("Article 5 Recruitment", "The employer shall:"), ``line``
    the line of the text it starts on (1-based).
    """

    part: str
    article: str
    own: str
    context: list[str] = field(default_factory=list)
    line: int = 0

    @property
    def citation(self) -> str:
        """``"5(2)(b)"``, or ``"Annex A, 4"`` in an annex."""
        return f"{self.part}, {self.article}" if self.part else self.article

    @property
    def text(self) -> str:
        """The words the coding is read from: headings, chapeau and the clause's own words."""
        return " ".join([*self.context, self.own]).strip()


_DASH = r"[\s:.\-\u2013\u2014)]*"
_PART = re.compile(r"^(annex|appendix|schedule|attachment)\s+([A-Z0-9]{1,4}|[IVXivx]{1,5})\b" + _DASH + r"(.*)$", re.I)
_ARTICLE = re.compile(r"^(?:article|art\.)\s+(\d{1,3}[A-Za-z]?)\b" + _DASH + r"(.*)$", re.I)
_CLAUSE = re.compile(r"^clause\s+(\d{1,3}(?:\.\d{1,3})*)\b" + _DASH + r"(.*)$", re.I)
_DECIMAL = re.compile(r"^(\d{1,3}(?:\.\d{1,3})+)\.?\s+(.*)$")
_NUMBER = re.compile(r"^(\d{1,3})[.)]\s+(.*)$")
_PAREN_NUMBER = re.compile(r"^\((\d{1,3})\)\s*(.*)$")
_ITEM = re.compile(r"^(?:\(([ivx]{1,5}|[a-z]{1,2})\)\s*|([ivx]{1,5}|[a-z])\)\s+)(.*)$")
_HEADING = re.compile(r"^(part|chapter|section|title)\s+([A-Z0-9]{1,4}|[IVX]{1,5})\b" + _DASH + r"(.*)$", re.I)
# Where the operative text ends: the signature block.
_CLOSING = re.compile(r"^(done (at|in)\b|in witness whereof|signed (at|in|on)\b|for the (government|kingdom|republic)\b)", re.I)


class _Node:
    __slots__ = ("label", "kind", "lines", "children", "line", "word")

    def __init__(self, label: str, kind: str, line: int, word: str = "") -> None:
        self.label, self.kind, self.line, self.word = label, kind, line, word
        self.lines: list[str] = []
        self.children: list[_Node] = []


def _next_letter(label: str) -> str:
    return chr(ord(label[-1]) + 1) if len(label) == 1 else ""


def split_clauses(text: str) -> list[Clause]:
    """The leaf clauses of an agreement's text, in order.

    Recognises "Article 5" (title on the same or the next line) with paragraphs "1." or "(1)";
    "Clause 3" and "Clause 3.2" or "3.2"; decimal sections "2." with clauses "2.1"; items "(a)" or "a)",
    and "(i)" under an item; "Annex A", "Appendix 1", "Schedule 2" starting a part of their own.
    A heading with a title only is context, not a clause; so is the chapeau before a list of
    items ("The employer shall:"), which each item carries in ``context``. The preamble and the
    signature block are not clauses.
    """
    part = ""
    parts: list[tuple[str, _Node]] = [("", _Node("", "root", 0))]
    stack: list[_Node] = [parts[0][1]]  # root, then article/section, paragraph, item, sub-item
    closed = False

    def attach(node: _Node, depth: int) -> None:
        del stack[depth:]
        stack[-1].children.append(node)
        stack.append(node)

    def depth_of(kind: str) -> int:
        return {"article": 1, "para": 2, "item": 3, "subitem": 4}[kind]

    previous = ""  # the line before, "" after a blank line
    for number, raw in enumerate(text.splitlines(), 1):
        line = " ".join(raw.split())
        wrapped = _wraps(previous)
        previous = line
        if not line:
            continue
        if wrapped:
            # A line of prose broke before it: "... set out in" / "Annex A." is not a heading.
            stack[-1].lines.append(line)
            continue
        if m := _PART.match(line):
            part = f"{m.group(1).title()} {m.group(2).upper() if not m.group(2).isdigit() else m.group(2)}"
            root = _Node("", "root", number)
            parts.append((part, root))
            stack[:] = [root]
            closed = False
            if m.group(3):
                root.lines.append(m.group(3))
            continue
        if closed:
            continue
        if _CLOSING.match(line) and len(stack) > 1:
            closed = True
            continue
        if m := _ARTICLE.match(line):
            attach(_Node(m.group(1), "article", number, "Article"), 1)
            if m.group(2):
                stack[-1].lines.append(m.group(2))
            continue
        if m := (_CLAUSE.match(line) or _DECIMAL.match(line)):
            head, *rest = m.group(1).split(".")
            top = stack[1] if len(stack) > 1 and stack[1].kind == "article" and stack[1].label == head else None
            if top is None:
                top = _Node(head, "article", number, "Clause" if line[:1] in "Cc" else "")
                attach(top, 1)
            if rest:
                attach(_Node(".".join([head, *rest]), "para", number), 2)
            if m.group(2):
                stack[-1].lines.append(m.group(2))
            continue
        if m := _HEADING.match(line):
            del stack[1:]
            stack[0].lines.append(line)
            continue
        m_num = _NUMBER.match(line)
        m_par = _PAREN_NUMBER.match(line)
        if m_num or m_par:
            m = m_num or m_par
            assert m is not None
            inside_article = len(stack) > 1 and stack[1].kind == "article"
            if m_par or (inside_article and _is_paragraph_of(stack, m.group(1))):
                attach(_Node(f"({m.group(1)})", "para", number), 2)
            else:
                attach(_Node(m.group(1), "article", number), 1)
            if m.group(2):
                stack[-1].lines.append(m.group(2))
            continue
        if m := _ITEM.match(line):
            label = m.group(1) or m.group(2)
            current = stack[-1]
            if _is_subitem(stack, label):
                attach(_Node(f"({label})", "subitem", number), max(len(stack) - (current.kind == "subitem"), 2))
            else:
                # An item sits under the deepest paragraph or article above it.
                depth = 3 if any(n.kind == "para" for n in stack) else 2
                attach(_Node(f"({label})", "item", number), depth)
            if m.group(3):
                stack[-1].lines.append(m.group(3))
            continue
        stack[-1].lines.append(line)

    out: list[Clause] = []
    for part_name, root in parts:
        for article in root.children:
            _leaves(part_name, article, [], out, prefix="")
    return out


def _wraps(previous: str) -> bool:
    """Whether the line after `previous` continues its sentence: `previous` is a long line of
    prose that stops mid-sentence. Titles are short, and a sentence ends in punctuation."""
    return len(previous) > 60 and not re.search(r"[.;:!?\"\u201d)\]]$", previous)


def _is_paragraph_of(stack: list[_Node], label: str) -> bool:
    """Whether "2." inside an article is its paragraph: the article has text or paragraphs
    already, or this is its first paragraph ("1.")."""
    article = stack[1]
    paras = [c for c in article.children if c.kind == "para"]
    if paras:
        last = paras[-1].label.strip("()")
        return last.isdigit() and int(label) == int(last) + 1
    return label == "1" and article.kind == "article" and not article.children


_ROMAN_ORDER = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"]
_ROMAN = set(_ROMAN_ORDER)


def _follows(label: str, previous: str) -> bool:
    """Whether item `label` comes right after `previous` in a list of letters or of numerals."""
    if previous in _ROMAN_ORDER and label in _ROMAN_ORDER and previous != "i" or (previous == "i" and label == "ii"):
        return _ROMAN_ORDER.index(label) == _ROMAN_ORDER.index(previous) + 1
    return len(label) == 1 and len(previous) == 1 and ord(label) == ord(previous) + 1


def _is_subitem(stack: list[_Node], label: str) -> bool:
    """Whether "(i)" is a roman sub-item of the item above, rather than the next item of its list
    (the letter after "(h)", or the numeral after "(i)" in a list of numerals)."""
    if label not in _ROMAN:
        return False
    current = stack[-1]
    if current.kind == "subitem":
        return True
    if current.kind == "item":
        return not _follows(label, current.label.strip("()"))
    return False


def _leaves(part: str, node: _Node, context: list[str], out: list[Clause], prefix: str) -> None:
    if node.kind == "article":
        citation = node.label
    elif node.kind == "para" and not node.label.startswith("("):
        citation = node.label  # "3.2": its own full number
    else:
        citation = prefix + node.label
    own = " ".join(node.lines).strip()
    if not node.children:
        if own:
            out.append(Clause(part, citation, own, list(context), node.line))
        return
    heading = f"{node.word} {citation} {own}".strip()
    for child in node.children:
        _leaves(part, child, [*context, heading] if own else context, out, citation)


# ------------------------------------------------------------------------------ rules

_ROLE_WORDS: list[tuple[str, tuple[str, ...]]] = [
    (r"recruitment agenc(y|ies)|recruiting agenc(y|ies)|(licensed|private) agen(cy|cies|ts?)\b|\bagenc(y|ies)\b|recruiters?\b|placement agenc", ("recruitment_agency",)),
    (r"employers?'? (organi[sz]ations?|associations?)", ("employer_organisation",)),
    (r"\bemployers?\b|\bhouseholds?\b", ("employer",)),
    (r"trade unions?|workers'? (organi[sz]ations?|unions?)|\bunions?\b", ("worker_organisation",)),
    (r"family members?|members of (his|her|their) famil|dependants", ("worker_family",)),
    (r"\b(migrant |domestic |foreign )?(workers?|employees?)\b", ("worker",)),
    (r"civil society|non-governmental|\bngos?\b", ("civil_society",)),
    (r"international labour organi[sz]ation|\bilo\b|\biom\b|international organi[sz]ations?", ("international_organisation",)),
    (r"\basean\b", ("regional_body",)),
    (r"sending (country|state|party|side|government)|country of origin|origin (country|state)|home country", ("origin_state",)),
    (r"receiving (country|state|party|side|government)|host (country|state)|destination (country|state)|country of (employment|destination)", ("destination_state",)),
    (r"\b(both )?(parties|contracting parties|governments|sides|both countries|participants)\b|\beach party\b|\bgovernments\b|joint (working group|committee)", ("origin_state", "destination_state")),
    # A state that is not named: which one, the clause's stage says (see `_GENERIC_STATE`).
    (r"\bstates?\b|\bmembers?\b|\bgovernment\b|\bcompetent authorit(y|ies)\b|\bministr(y|ies)\b|\bauthorit(y|ies)\b", ("state",)),
]

_MODALS: list[tuple[str, str, str]] = [
    # (pattern, modality, strength); the earliest match in a sentence decides, and at the same
    # place the first pattern. A limit ("shall not exceed") is a duty to keep within it.
    (r"\b(shall|must|will) not (exceed|be (less|lower|more|greater|longer|shorter))\b", "obligation", "shall"),
    (r"\bneither\b[^.;:]{0,40}?\bshall\b|\b(shall|must|will|may) not\b|\bshall in no case\b|\bno\b[^.;:]{0,60}?\b(shall|may)\b|\b(shall|will) (make|take|charge|impose|collect|require) no\b|\bprohibit|\bforbid|\bnot (be )?(allowed|permitted)\b", "prohibition", "shall"),
    (r"\b(is|are|shall be) (entitled|free) to\b|\b(has|have) the right\b|\bshall (have|enjoy) the right\b|\bshall enjoy\b|\bright to\b", "right", "shall"),
    (r"\b(shall|will|must)\b|\bagree(s)? to\b|\bundertake(s)? to\b|\b(is|are) (required|obliged|responsible|bound)\b|\bcommit(s)? to\b", "obligation", "shall"),
    (r"\bshould\b|\bought to\b|\bencourage", "obligation", "should"),
    (r"\bmay\b|\bcan\b", "permission", "may"),
]

_QUALIFIERS: list[tuple[str, str]] = [
    (r"subject to (the |its |their )?(national |domestic |applicable )?(laws?|legislation|regulations)|in accordance with (the |its |their )?(national |domestic |applicable |relevant |respective )?(laws?|legislation|regulations)|in conformity with (the |its |their )?(national |domestic )?laws?|under (the |its |their )?(national |domestic )?laws? (and regulations )?of|within the framework of (the |their |its )?(national |domestic )?law|laws and regulations (of|in force)", "subject_to_national_law"),
    (r"\bas appropriate\b|\bwhere appropriate\b|\bwhen appropriate\b|\bif appropriate\b|\bappropriate measures\b", "as_appropriate"),
    (r"\bendeavou?r\b|\bmake (every |all )?(possible )?efforts?\b|\bstrive\b|\bseek to\b|\bbest efforts\b|\bshall promote\b", "endeavour"),
    (r"\bprogressive(ly)?\b|\bgradual(ly)?\b", "progressive"),
    (r"\bwhere (practicable|possible|feasible)\b|\bas far as (possible|practicable)\b|\bto the extent (possible|practicable)\b", "where_practicable"),
    (r"\bavailable resources\b|\bresources permit|\bsubject to (the )?availability of (funds|resources)", "subject_to_resources"),
    (r"\bas (mutually )?agreed (upon )?by\b|\bto be (determined|agreed) by\b|\bmutually agreed\b|\bthe joint (working group|committee) (shall|will) (determine|decide)", "subject_to_agreement"),
]

_RESTRICTING = re.compile(
    r"without (the |prior |written )*(approval|consent|permission|authori[sz]ation)|only (with|after) (the )?(prior |written )*(approval|consent|permission)|at (his|her|their|the worker'?s?) own (cost|expense)|shall (bear|pay|cover) the (cost|expense)|not (be )?(allowed|permitted) to (change|leave|marry|join|return)|shall return (home|to)|shall leave the (country|territory)",
    re.I,
)
_BENEFIT = re.compile(
    r"\s*(,[^,]*,\s*)?(receive|have|enjoy|benefit|keep|be (free|granted|given|entitled|covered|exempt|paid|allowed|provided|informed|protected|treated|able))\b",
    re.I,
)
_PASSIVE = re.compile(r"\b(shall|will|must|should|may)( not)? be (\w+ed|paid|given|made|kept|held|provided|granted|informed|allowed|protected|treated|sent|told|shown|taken|met|borne)\b", re.I)
_BY_WHOM = re.compile(r"\bby (the |a |an |his |her |their )?(\w+(?:'s)?(?: \w+)?)", re.I)
_DOCUMENTED = re.compile(r"\b(documented|regular|legally (employed|admitted|recruited)|lawfully|legal status|regular situation)\b", re.I)
_ALL_WORKERS = re.compile(r"\b(irrespective|regardless) of (their )?(immigration |legal |migration )?status\b|\bundocumented\b|\birregular\b|\ball migrant workers\b", re.I)
_PROCEDURAL = re.compile(
    r"enter(s)? into force|entry into force|shall remain in force|amend(ed|ment)s? (to|of) this|may be amended|terminat(e|ion) (of )?this (memorandum|agreement|mou)|any (dispute|difference)s? (between|arising)|settled amicably|authentic|in two (original|copies)|for the purposes? of this (memorandum|agreement|contract)|\bmeans\b|hereinafter referred|shall be (registered|deposited)",
    re.I,
)


def _shorten(words: str, size: int = 60) -> str:
    words = " ".join(words.split())
    return words if len(words) <= size else words[: size - 3].rsplit(" ", 1)[0] + "..."


@dataclass
class _Subject:
    roles: tuple[str, ...] = ()
    words: str = ""


def _first_sentence_with_modal(text: str) -> tuple[str, re.Match[str] | None, str, str]:
    """The first sentence (or list item) with a modal verb, the match, its modality, strength."""
    for sentence in re.split(r"(?<=[.;:])\s+", text):
        found = [(m.start(), i, m) for i, (pattern, _, _) in enumerate(_MODALS)
                 if (m := re.search(pattern, sentence, re.I))]
        if found:
            _, i, m = min(found, key=lambda f: (f[0], f[1]))
            return sentence, m, _MODALS[i][1], _MODALS[i][2]
    return text, None, "", ""


def _roles_in(words: str, parties: Sequence[tuple[str, str, str]]) -> tuple[str, ...]:
    """The roles a subject names: a party by name, else every role word in it ("an employer or
    recruitment agency"), each phrase counted once (a "workers' union" is not also a worker)."""
    low = words.lower()
    for prefix, role, _ in parties:
        if re.search(r"\b" + re.escape(prefix), low):
            return (role,)
    found: list[str] = []
    for pattern, roles in _ROLE_WORDS:
        m = re.search(pattern, low)
        if m:
            found += [r for r in roles if r not in found]
            low = low[: m.start()] + " " * (m.end() - m.start()) + low[m.end():]
    return tuple(found)


def _subject(sentence: str, m: re.Match[str] | None, parties: Sequence[tuple[str, str, str]]) -> _Subject:
    """Who a clause makes owe it: the grammatical subject before the modal verb, or the agent
    of a passive ("shall be paid by the employer")."""
    if m is None:
        return _Subject()
    before = sentence[: m.start()]
    before = re.split(r"[,;:]\s+(?=[A-Z]|the\b)", before)[-1]
    passive = _PASSIVE.search(sentence)
    if passive is not None and passive.start() <= m.end():
        by = _BY_WHOM.search(sentence[passive.end():])
        if by:
            agents = _roles_in(by.group(2), parties)
            if agents:
                return _Subject(agents, "by " + by.group(2))
        return _Subject((), before.strip())  # a passive without its agent: the model decides
    # The head of the subject is in its first words: "The wages of the worker" is not the worker.
    # "No employer shall": the subject is the modal's own match.
    words = before.strip() or m.group(0)
    head = re.split(r"\b(of|who|which|that|whose|in|under)\b", words, maxsplit=1)[0]
    roles: tuple[str, ...] = ()
    for prefix, role, _ in parties:
        if re.search(r"\b" + re.escape(prefix), words.lower()):
            roles = (role,)
            break
    return _Subject(roles or _roles_in(head, ()), words)


def _party_names(corpus: Corpus, parties: Sequence[str]) -> list[tuple[str, str, str]]:
    """(name prefix, role, id) of each party: the origin first, the destination second. The
    prefix is the first letters of the state's distinctive name word, so that "Cambodia",
    "Cambodian" and "the Cambodian side" all match."""
    generic = {"kingdom", "republic", "of", "the", "state", "people's", "democratic", "socialist", "union", "federal", "united", "lao"}
    out = []
    for role, pid in zip(("origin_state", "destination_state"), parties):
        name = corpus.actor(pid).name
        words = [w for w in re.findall(r"[A-Za-z']+", name) if w.lower() not in generic]
        word = (words[-1] if words else name.split()[-1]).lower()
        if "lao" in name.lower().split():
            word = "lao"
        out.append((word[: max(3, min(4, len(word)))], role, pid))
    return out


# ------------------------------------------------------------------------------ the text model


@dataclass
class _Labelled:
    """A clause or summary with its hand coding: what the text model learns from."""

    instrument: str
    text: str
    topics: list[str]
    bearer: str
    modality: str
    strength: str
    stage: str


def _labelled_from_corpus(corpus: Corpus, leave_out: Iterable[str] = ()) -> list[_Labelled]:
    skip = set(leave_out)
    out = []
    for p in corpus.provisions:
        if p.instrument in skip or p.provenance.coded_from == "draft":
            continue
        out.append(
            _Labelled(p.instrument, p.summary, list(p.topics), p.bearers[0], p.modality, p.strength, p.stages[0])
        )
    return out


def _find_example_texts() -> Path | None:
    here = Path(__file__).resolve().parent
    for folder in (here / "example_texts", here.parents[1] / "examples" / "texts"):
        if (folder / "coded").is_dir():
            return folder
    return None


def example_texts_folder() -> Path:
    """The folder of the example agreement texts written for dutymap (fictional; each with its
    hand coding under ``coded/``): installed beside the package, or ``examples/texts`` of a
    source checkout."""
    folder = _find_example_texts()
    if folder is None:
        raise FileNotFoundError("the example texts are not installed with this dutymap: see examples/texts in its sources")
    return folder


@dataclass
class LabelledText:
    """An example text: its clauses, and the hand coding of each clause that has one."""

    name: str
    instrument: str
    parties: list[str]
    kind: str
    text: str
    clauses: list[Clause]
    gold_clauses: list[str]  # every unit's citation, in order (the segmentation gold)
    coded: dict[str, list[Any]]  # citation -> its provisions in the hand coding


def example_texts(folder: PathLike | None = None) -> list[LabelledText]:
    """The example texts of ``folder`` (default: ``example_texts_folder()``), each with its
    segmentation gold and hand coding (``coded/<name>.yaml``)."""
    from ._loading import load

    folder = Path(folder) if folder is not None else _find_example_texts()
    if folder is None:
        return []
    corpus = load(folder / "coded")
    out = []
    for path in sorted(folder.glob("*.txt")):
        instrument = corpus.instrument(f"example-{path.stem}")
        text = path.read_text(encoding="utf-8")
        coded: dict[str, list[Any]] = {}
        for p in corpus.provisions:
            if p.instrument == instrument.id:
                coded.setdefault(f"{p.part}, {p.article}" if p.part else p.article, []).append(p)
        gold = [line.strip() for line in (folder / f"{path.stem}.clauses").read_text(encoding="utf-8").splitlines() if line.strip()]
        out.append(LabelledText(path.stem, instrument.id, list(instrument.parties), instrument.kind, text,
                                split_clauses(text), gold, coded))
    return out


def labelled_clauses(texts: Sequence[LabelledText], leave_out: Iterable[str] = ()) -> list[_Labelled]:
    """Every clause of the example texts that has a hand coding, as a labelled clause."""
    skip = set(leave_out)
    out = []
    for t in texts:
        if t.instrument in skip:
            continue
        for c in t.clauses:
            for p in t.coded.get(c.citation, []):
                out.append(_Labelled(t.instrument, c.text, list(p.topics), p.bearers[0], p.modality, p.strength, p.stages[0]))
    return out


def _stem(word: str) -> str:
    """A light suffix stripper, so that "wage" and "wages", "recruit" and "recruitment" meet."""
    for suffix in ("ations", "ation", "ments", "ment", "ings", "ing", "ies", "ers", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


class TextModel:
    """Nearest-centroid (Rocchio) classifiers over TF-IDF, one per question: topics (a score per
    topic, several may apply), bearer, modality with strength, stage.

    Each text is two TF-IDF vectors joined: stemmed words and word pairs, and character 3-5-grams
    (which catch "repatriate" in "repatriation" and spelling variants). A label's centroid is the
    normalised sum of its texts' vectors; a text's score for a label is its cosine with the
    centroid. The taxonomy's title, id and description count for a topic with weight 4, so that a
    topic no provision codes yet can still be proposed. Measured against a one-vs-rest logistic
    regression and a linear SVM on the corpus, this ranked topics as well or better and trains in a
    fraction of a second (``benchmarks/README.md``). Immutable once trained, so one model serves
    many drafts and threads.
    """

    DESCRIPTION_WEIGHT = 4.0

    def __init__(self, corpus: Corpus, examples: Sequence[_Labelled] = (), leave_out: Iterable[str] = ()) -> None:
        try:
            from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer
            from sklearn.preprocessing import normalize
        except ImportError as e:  # pragma: no cover - exercised only without scikit-learn
            raise ImportError(
                "the drafting assistant needs scikit-learn: pip install 'dutymap[draft]' "
                "(or scikit-learn>=1.3)"
            ) from e
        import numpy as np
        from scipy import sparse

        self._np, self._sparse, self._normalize = np, sparse, normalize
        stop = ENGLISH_STOP_WORDS

        def words(doc: str) -> list[str]:
            ws = [_stem(w) for w in re.findall(r"[a-z]+", doc.lower()) if w not in stop]
            return ws + [f"{a}_{b}" for a, b in zip(ws, ws[1:])]

        topics = corpus.topics
        self.topic_ids = [t.id for t in topics]
        self.topic_stages = {t.id: list(t.stages) for t in topics}
        skip = set(leave_out)
        data = _labelled_from_corpus(corpus, skip) + [e for e in examples if e.instrument not in skip]
        described = [
            _Labelled("", f"{t.title}. {t.title}. {t.id.replace('.', ' ').replace('_', ' ')}. {t.description}",
                      [t.id], "", "", "", "")
            for t in topics
        ]
        texts = [d.text for d in data + described]
        self._words = TfidfVectorizer(analyzer=words, sublinear_tf=True)
        self._chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
        self._words.fit(texts)
        self._chars.fit(texts)
        X = self.vectors(texts)
        index = {t: i for i, t in enumerate(self.topic_ids)}
        rows, cols, weights = [], [], []
        for r, d in enumerate(data + described):
            for t in d.topics:
                rows.append(r)
                cols.append(index[t])
                weights.append(self.DESCRIPTION_WEIGHT if r >= len(data) else 1.0)
        Y = sparse.csr_matrix((weights, (rows, cols)), shape=(len(texts), len(self.topic_ids)))
        self._topic_centroids = normalize(Y.T @ X)
        self.bearers = self._centroids(X[: len(data)], [d.bearer for d in data])
        self.modalities = self._centroids(X[: len(data)], [f"{d.modality}/{d.strength}" for d in data])
        self.stages = self._centroids(X[: len(data)], [d.stage for d in data])

    def _centroids(self, X: Any, labels: Sequence[str]) -> tuple[list[str], Any]:
        names = sorted(set(labels))
        index = {n: i for i, n in enumerate(names)}
        Y = self._sparse.csr_matrix(
            ([1.0] * len(labels), (range(len(labels)), [index[n] for n in labels])), shape=(len(labels), len(names))
        )
        return names, self._normalize(Y.T @ X)

    def vectors(self, texts: Sequence[str]) -> Any:
        """The texts' TF-IDF rows (words and character n-grams joined), normalised."""
        both = self._sparse.hstack([self._words.transform(texts), self._chars.transform(texts)]).tocsr()
        return self._normalize(both)

    def topic_scores(self, texts: Sequence[str]) -> Any:
        """Per text, the cosine with each topic's centroid (columns in ``topic_ids`` order)."""
        return (self.vectors(texts) @ self._topic_centroids.T).toarray()

    def predict(self, which: tuple[list[str], Any], texts: Sequence[str]) -> list[str]:
        """The nearest label of ``which`` (``bearers``, ``modalities``, ``stages``) per text."""
        names, centroids = which
        scores = (self.vectors(texts) @ centroids.T).toarray()
        return [names[i] for i in scores.argmax(axis=1)]


_models: dict[int, tuple[Any, TextModel]] = {}
_models_lock = threading.Lock()


def text_model(corpus: Corpus) -> TextModel:
    """The text model trained on ``corpus`` and the labelled example texts that ship with
    dutymap, trained once per corpus and process."""
    key = id(corpus)
    with _models_lock:
        held = _models.get(key)
        if held is not None and held[0] is corpus:
            return held[1]
    model = TextModel(corpus, labelled_clauses(example_texts()))
    with _models_lock:
        _models[key] = (corpus, model)
    return model


# ------------------------------------------------------------------------------ proposals


@dataclass
class Proposal:
    """What the assistant proposes for one clause."""

    clause: Clause
    topics: list[tuple[str, float]]  # ranked, with scores; the first ones are coded
    coded_topics: list[str]
    restricts: bool
    stages: list[str]
    bearers: list[str]
    bearer_from: str  # "subject: the Employer", "model"
    modality: str
    strength: str
    modality_from: str
    qualifiers: list[tuple[str, str]]  # (kind, the words)
    sectors: list[str]
    workers: str  # "", "documented" or "all"
    procedural: bool  # no topic of the taxonomy: not coded

    @property
    def topic_scores(self) -> str:
        return ", ".join(f"{t} {s:.2f}" for t, s in self.topics)


_STAGE_WORDS = [
    ("pre_departure", r"before (departure|leaving)|pre-?departure|prior to (departure|deployment)|recruit|orientation|selection|application|country of origin"),
    ("transit", r"\btransit\b|\btravel\b|\bjourney\b|border crossing|\bon arrival\b|\barrival\b"),
    ("return", r"\breturn\b|repatriat|reintegrat|\bhome country\b|end of (the |his |her )?(contract|employment)"),
    ("employment", r"\bduring (the )?employment\b|\bwages?\b|\bwork(ing)?\b|\bemployer\b"),
]


def propose(clauses: Sequence[Clause], corpus: Corpus, parties: Sequence[str], model: TextModel | None = None, top: int = 5) -> list[Proposal]:
    """A proposal for every clause (see ``draft_coding``)."""
    model = model or text_model(corpus)
    party_names = _party_names(corpus, parties)
    texts = [c.text for c in clauses]
    if not texts:
        return []
    scores = model.topic_scores(texts)
    model_bearers = model.predict(model.bearers, texts)
    model_modalities = model.predict(model.modalities, texts)
    sectors = [(s.id, re.compile(_sector_pattern(s.id, s.title), re.I)) for s in corpus.sectors]
    out = []
    for i, clause in enumerate(clauses):
        order = scores[i].argsort()[::-1][:top]
        ranked = [(model.topic_ids[j], float(scores[i][j])) for j in order]
        best = ranked[0][1]
        coded = [t for t, s in ranked[:3] if s >= 0.8 * best] or [ranked[0][0]]
        own = clause.own
        sentence, m, modality, strength = _first_sentence_with_modal(own)
        if m is None and clause.context:  # "(a) pay wages monthly" under "The employer shall:"
            sentence, m, modality, strength = _first_sentence_with_modal(clause.text)
        subject = _subject(sentence, m, party_names)
        qualifiers: list[tuple[str, str]] = []
        for pattern, kind in _QUALIFIERS:
            q = re.search(pattern, clause.text, re.I)
            if q and all(k != kind for k, _ in qualifiers):
                qualifiers.append((kind, q.group(0)))
        if modality:
            modality_from = f"rule: '{m.group(0)}'" if m else "rule"
            if modality == "obligation" and any(k == "endeavour" for k, _ in qualifiers):
                modality_from += " (with endeavour)"
        else:
            modality, strength = model_modalities[i].split("/")
            modality_from = "model"
        # "Workers shall receive / enjoy / be free to": a right of the worker, owed by another.
        if (subject.roles == ("worker",) and m is not None and modality == "obligation"
                and _BENEFIT.match(sentence[m.end():])):
            modality, strength = "right", "shall"
            modality_from += " (the worker receives)"
        # A worker's "may" is a freedom: a right owed to the worker, not a permission of a duty-bearer.
        if modality == "permission" and subject.roles == ("worker",):
            modality, strength = "right", "shall"
            modality_from += " (the worker's freedom)"
        if subject.roles and not (modality == "right" and "worker" in subject.roles):
            bearers, bearer_from = list(subject.roles), f"subject: '{_shorten(subject.words)}'"
        else:
            # A right's subject is whom it is owed to: who owes it is the model's guess.
            guess = model_bearers[i]
            bearers = [guess if guess != "worker" or modality != "right" else "employer"]
            bearer_from = "model"
        restricts = (
            bearer_from != "model" and bearers == ["worker"] and modality in ("obligation", "prohibition")
            and not _PASSIVE.search(sentence)
        ) or bool(_RESTRICTING.search(own))
        stage_set = _stages(clause.text, coded, model.topic_stages)
        if bearer_from == "model" and bearers[0] in ("origin_state", "destination_state"):
            bearers = ["state"]  # which state, the stage says
        if "state" in bearers:
            # "The State", "the competent authority": the origin before departure and on return,
            # the destination in transit and employment.
            state = "origin_state" if stage_set[0] in ("pre_departure", "return") else "destination_state"
            bearers = list(dict.fromkeys(state if b == "state" else b for b in bearers))
        found_sectors = [sid for sid, pattern in sectors if pattern.search(clause.text)]
        workers = "all" if _ALL_WORKERS.search(clause.text) else "documented" if _DOCUMENTED.search(clause.text) else ""
        procedural = bool(_PROCEDURAL.search(own)) or best < 0.05
        out.append(
            Proposal(clause, ranked, coded, restricts, stage_set, bearers, bearer_from, modality, strength,
                     modality_from, qualifiers, found_sectors, workers, procedural)
        )
    return out


def _sector_pattern(sector_id: str, title: str) -> str:
    stem = re.escape(title.lower().split()[0][:-1] if title.lower().endswith("ing") else title.lower())
    words = {
        "domestic_work": r"domestic (work|worker|help|helper|service)|household (work|worker)",
        "fishing": r"\bfish(ing|ers?|ery|eries)\b|fishing vessel",
        "agriculture": r"agricultur|plantation|\bfarm",
        "construction": r"\bconstruction\b",
        "manufacturing": r"manufactur|\bfactor(y|ies)\b",
        "seafaring": r"seafar|\bseamen\b",
    }
    return words.get(sector_id, stem)


def _stages(text: str, topics: Sequence[str], topic_stages: dict[str, list[str]]) -> list[str]:
    allowed: list[str] = []
    for t in topics:
        for s in topic_stages.get(t, []):
            if s not in allowed:
                allowed.append(s)
    if len(allowed) <= 1:
        return allowed or ["employment"]
    said = [s for s, pattern in _STAGE_WORDS if s in allowed and re.search(pattern, text, re.I)]
    return said[:1] or allowed[:1]


# ------------------------------------------------------------------------------ the corpus file


def _read_text(source: str | bytes | PathLike, limit: int) -> tuple[str, str]:
    """The text and a name for it, with a clear error for input that is not an agreement."""
    if isinstance(source, Path) or (isinstance(source, str) and "\n" not in source and len(source) < 4096 and Path(source).is_file()):
        path = Path(source)
        size = path.stat().st_size
        if size > limit:
            raise DraftError(_too_large(str(path), size, limit))
        return _decode(path.read_bytes(), str(path)), path.name
    if isinstance(source, bytes):
        return _decode(source, "<text>"), "<text>"
    return str(source), "<text>"


def _too_large(name: str, size: int, limit: int) -> str:
    return (
        f"{name}: {size / 1e6:.1f} MB is larger than any agreement dutymap drafts from "
        f"({limit / 1e6:.0f} MB at most): is it the right file? Split its annexes into files of "
        "their own, or pass max_bytes= (--max-bytes) to read it anyway"
    )


def _decode(data: bytes, name: str) -> str:
    if not data.strip():
        raise DraftError(f"{name}: the file is empty: give the agreement's plain text")
    if b"\x00" in data[:8192] or data[:5] == b"%PDF-" or data[:2] == b"PK":
        kind = "a PDF" if data[:5] == b"%PDF-" else "a Word or zip file" if data[:2] == b"PK" else "binary data"
        raise DraftError(
            f"{name}: this is {kind}, not plain text: save or export the agreement as plain text "
            "(UTF-8) first"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise DraftError(
            f"{name}:{line}: not UTF-8 text (byte 0x{data[e.start]:02x} at offset {e.start}): save the "
            "agreement as UTF-8 plain text"
        ) from None


def _q(s: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(s, ensure_ascii=False)


def _title_of(text: str) -> str:
    """The agreement's title: its first block of lines (up to a blank line), skipping a note in
    brackets, as written ("MEMORANDUM OF UNDERSTANDING / BETWEEN ... / ON ..." joined)."""
    block: list[str] = []
    in_note = False
    for raw in text.splitlines():
        line = " ".join(raw.split())
        if line.startswith("[") or in_note:
            in_note = not line.endswith("]")
            continue
        if not line:
            if block:
                break
            continue
        if _ARTICLE.match(line) or _CLAUSE.match(line) or _NUMBER.match(line):
            break
        block.append(line)
        if len(block) == 8:
            break
    title = " ".join(block)
    return (title[:197] + "...") if len(title) > 200 else title or "Untitled agreement"


def _summary(p: Proposal, topic_titles: dict[str, str]) -> str:
    """A placeholder summary that says what was proposed; the analyst rewrites it."""
    who = " and ".join(b.replace("_", " ") for b in p.bearers)
    what = "; ".join(topic_titles.get(t, t).lower() for t in p.coded_topics)
    restricts = ", restricting the worker" if p.restricts else ""
    return f"Draft: {p.modality} ({p.strength}) of the {who} on {what}{restricts}. Rewrite in your own words."


@dataclass
class Draft:
    """A drafted coding: the corpus file's text, and the proposals it was written from."""

    yaml: str
    instrument: str
    proposals: list[Proposal]
    clauses: list[Clause]
    sectors: list[str] = field(default_factory=list)  # the instrument's scope, from its title

    @property
    def coded(self) -> list[Proposal]:
        return [p for p in self.proposals if not p.procedural]

    def to_pandas(self) -> Any:
        """One row per clause: its citation, whether it is coded, and every proposed field with
        where it came from (``bearer_from``, ``modality_from``) and the ranked topic scores."""
        import pandas

        return pandas.DataFrame(
            [
                {
                    "clause": p.clause.citation, "line": p.clause.line, "coded": not p.procedural,
                    "topics": ", ".join(p.coded_topics), "ranked": p.topic_scores,
                    "bearers": ", ".join(p.bearers), "bearer_from": p.bearer_from,
                    "modality": p.modality, "strength": p.strength, "modality_from": p.modality_from,
                    "restricts": p.restricts, "stages": ", ".join(p.stages),
                    "qualifiers": ", ".join(k for k, _ in p.qualifiers), "sectors": ", ".join(p.sectors),
                    "workers": p.workers, "text": p.clause.own,
                }
                for p in self.proposals
            ]
        )

    def _repr_html_(self) -> str:
        columns = ["clause", "coded", "topics", "bearers", "modality", "strength", "restricts", "qualifiers", "text"]
        return f"<p>{html.escape(repr(self))}</p>" + str(self.to_pandas()[columns].to_html(index=False))

    def save(self, path: PathLike) -> Path:
        """Writes the corpus file to ``path``; returns it."""
        path = Path(path)
        path.write_text(self.yaml, encoding="utf-8")
        return path

    def __repr__(self) -> str:
        return (
            f"<Draft {self.instrument}: {len(self.clauses)} clauses, {len(self.coded)} proposed "
            f"provisions, {len(self.proposals) - len(self.coded)} not coded>"
        )


def draft_coding(
    text: str | bytes | PathLike,
    parties: Sequence[str] | str,
    kind: str = "mou",
    corpus: Corpus | None = None,
    id: str | None = None,
    title: str | None = None,
    adopted: str | None = None,
    source: str | None = None,
    max_bytes: int | None = None,
) -> Draft:
    """Drafts a corpus file from an agreement's plain text.

    ``text`` is the text itself, its bytes, or a path to a UTF-8 file. ``parties`` are the two
    states, origin first (``"KHM,THA"`` or ``["KHM", "THA"]``); ``kind`` is ``mou``,
    ``bilateral_agreement`` or ``standard_contract``. ``corpus`` is what the proposals learn from
    and are checked against (default: the built-in corpus).

    Every clause on a topic of the taxonomy becomes a provision ``coded_from: draft``,
    ``confidence: low``, with the clause as its ``passage`` and the proposal's reasons in its
    ``notes``; clauses on no topic (entry into force, definitions, disputes between the Parties)
    are listed in comments at the end. The instrument says ``text: full``: the whole text was
    read, by the assistant. Gap reports say so on every row it decides, until ``dutymap review``
    accepts the provisions. Raises ``DraftError`` for an empty, binary, oversized or unnumbered
    text.
    """
    if corpus is None:
        from ._loading import load

        corpus = load()
    if isinstance(parties, str):
        parties = [p.strip() for p in parties.split(",") if p.strip()]
    parties = list(parties)
    if len(parties) != 2:
        raise DraftError(f"give the two states party to the agreement, origin first (got {parties!r})")
    for p in parties:
        corpus.actor(p)  # a clear error naming the nearest id
    if kind not in KINDS:
        raise DraftError(f"kind `{kind}` is not one of {', '.join(KINDS)}")
    limit = MAX_TEXT_BYTES if max_bytes is None else max_bytes
    body, name = _read_text(text, limit)
    if len(body.encode("utf-8")) > limit:
        raise DraftError(_too_large(name, len(body.encode("utf-8")), limit))
    clauses = split_clauses(body)
    if not clauses:
        raise DraftError(
            f"{name}: no numbered clauses found. dutymap reads 'Article 5', '5.', '(1)', '(a)', "
            "'Clause 3.2', '2.1' and 'Annex A' / 'Appendix 1' at the start of a line: is the "
            "numbering lost (a PDF's text often loses it), or the text not an agreement?"
        )
    proposals = propose(clauses, corpus, parties)
    year = _year_of(body) or str(_dt.date.today().year)
    instrument = id or f"mou-{parties[0].lower()}-{parties[1].lower()}-{year}-draft"
    if kind == "standard_contract" and id is None:
        instrument = f"contract-{parties[0].lower()}-{parties[1].lower()}-{year}-draft"
    # Sectors the title names ("... for Domestic Workers") scope the whole instrument.
    head = body[: body.find(clauses[0].own)] if clauses[0].own in body else body[:2000]
    head = head[:2000]
    sectors = [s.id for s in corpus.sectors if re.search(_sector_pattern(s.id, s.title), head, re.I)]
    yaml = _render(instrument, title or _title_of(body), kind, parties, adopted, source or name, proposals, corpus,
                   sectors)
    return Draft(yaml, instrument, proposals, clauses, sectors)


def _year_of(text: str) -> str | None:
    years = re.findall(r"\b(19[5-9]\d|20[0-4]\d)\b", text[:3000])
    return years[0] if years else None


def _render(instrument: str, title: str, kind: str, parties: Sequence[str], adopted: str | None, source: str,
            proposals: Sequence[Proposal], corpus: Corpus, sectors: Sequence[str] = ()) -> str:
    topic_titles = {t.id: t.title for t in corpus.topics}
    today = _dt.date.today().isoformat()
    lines = [
        f"# Drafted by `dutymap draft` on {today} from {source}: every provision is a proposal.",
        "# Check each against its clause (the `passage`), fix what is wrong, rewrite the summaries in",
        "# your own words, then accept with `dutymap review FILE --accept ...`.",
        "instrument:",
        f"  id: {instrument}",
        f"  title: {_q(title)}",
        f"  kind: {kind}",
        "  level: bilateral",
        f"  parties: [{parties[0]}, {parties[1]}]",
    ]
    if adopted:
        lines.append(f"  adopted: {adopted}")
    if sectors:
        lines += ["  scope:", f"    sectors: [{', '.join(sectors)}]"]
    lines += [
        f"  source: {_q(source)}",
        "  text: full",
        f"  notes: {_q(f'Drafted by dutymap draft on {today}; proposals not yet reviewed.')}",
        "  provisions:" if any(not p.procedural for p in proposals) else "  provisions: []",
    ]
    skipped = []
    seen: dict[str, int] = {}
    for p in proposals:
        if p.procedural:
            skipped.append(p)
            continue
        c = p.clause
        key = f"{c.part}:{c.article}".lower()
        seen[key] = seen.get(key, 0) + 1
        lines.append(f"    - article: {_q(c.article)}")
        if seen[key] > 1:
            lines.append(f"      id: {_q(re.sub(r'[^a-z0-9.]+', '-', key).strip('-') + f'-{seen[key]}')}")
        if c.part:
            lines.append(f"      part: {_q(c.part)}")
        lines += [
            f"      summary: {_q(_summary(p, topic_titles))}",
            f"      modality: {p.modality}",
            f"      strength: {p.strength}",
            f"      bearers: [{', '.join(p.bearers)}]",
            f"      stages: [{', '.join(p.stages)}]",
            "      topics:",
        ]
        for t in p.coded_topics:
            lines.append(f"        - {{topic: {t}, effect: restricts}}" if p.restricts else f"        - {t}")
        if p.qualifiers:
            lines.append("      qualifiers:")
            for kind_, words in p.qualifiers:
                lines.append(f"        - {{kind: {kind_}, text: {_q(words)}}}")
        own_sectors = [x for x in p.sectors if x not in sectors]
        if own_sectors or p.workers:
            lines.append("      scope:")
            if own_sectors:
                lines.append(f"        sectors: [{', '.join(own_sectors)}]")
            if p.workers:
                lines.append(f"        workers: {p.workers}")
        cite = f"{source}, {'Article ' if not c.part and c.article[:1].isdigit() and '.' not in c.article else ''}{c.citation} (line {c.line})"
        lines += [
            "      provenance:",
            "        coded_from: draft",
            f"        source: {_q(cite)}",
            f"        passage: {_q(c.text)}",
            "        confidence: low",
            f"      notes: {_q(_reasons(p))}",
        ]
    if skipped:
        lines.append("# Clauses not coded (no topic of the taxonomy proposed; code them by hand if one applies):")
        for p in skipped:
            lines.append(f"#   {p.clause.citation} (line {p.clause.line}): {p.clause.own[:90]}")
    return "\n".join(lines) + "\n"


def _reasons(p: Proposal) -> str:
    q = "; ".join(f"{k} from '{w}'" for k, w in p.qualifiers)
    return (
        f"Draft proposal. Topics ranked: {p.topic_scores}. Bearer from {p.bearer_from}. "
        f"Modality from {p.modality_from}." + (f" Qualifiers: {q}." if q else "")
        + (" Restricts the worker." if p.restricts else "")
    )
