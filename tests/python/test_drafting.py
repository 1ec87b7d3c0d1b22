"""The drafting assistant (dutymap draft, dm.draft_coding) and its review (dutymap review, dm.review):
clause splitting and codings checked on the example texts written for the project, the drafted
file loading and giving a gap report, reviews editing the file, and bad input refused clearly."""

from __future__ import annotations

from pathlib import Path

import pytest

import dutymap as dm
from dutymap import cli
from dutymap._drafting import example_texts

ROOT = Path(__file__).resolve().parents[2]
TEXTS = ROOT / "examples" / "texts"
NAMES = sorted(p.stem for p in TEXTS.glob("*.txt"))
PARTIES = {t.name: (t.parties, t.kind) for t in example_texts(TEXTS)}


def proposals_by_citation(draft: dm.Draft) -> dict:
    return {p.clause.citation: p for p in draft.proposals}


@pytest.fixture(scope="module")
def mou(corpus: dm.Corpus) -> dm.Draft:
    return dm.draft_coding(TEXTS / "mou-khm-tha-model.txt", parties="KHM,THA", kind="mou", corpus=corpus)


@pytest.mark.parametrize("name", NAMES)
def test_clauses_split_as_the_gold_says(name: str) -> None:
    gold = [line.strip() for line in (TEXTS / f"{name}.clauses").read_text().splitlines() if line.strip()]
    got = [c.citation for c in dm.split_clauses((TEXTS / f"{name}.txt").read_text())]
    assert got == gold


def test_numbering_styles() -> None:
    text = """AGREEMENT
Preamble text that is not a clause.

Article 1 – Scope
This Agreement applies to workers.

Article 2
Wages
1. The employer shall pay wages monthly.
2. The employer shall:
(a) pay overtime at a higher rate;
(b) keep records, in particular:
(i) hours worked;
(ii) wages paid.

Clause 3.2 The worker may join a union.

Done at Bangkok on 1 June 2026.
For the Government of the Kingdom of Thailand

Appendix 1
1. Wage: 9,000 baht a month.
2) a) food; b) housing
"""
    clauses = dm.split_clauses(text)
    assert [c.citation for c in clauses] == [
        "1", "2(1)", "2(2)(a)", "2(2)(b)(i)", "2(2)(b)(ii)", "3.2", "Appendix 1, 1", "Appendix 1, 2",
    ]
    # An item carries its chapeau, and the article heading, as context.
    overtime = clauses[2]
    assert overtime.context[-1].endswith("The employer shall:") and "Wages" in overtime.context[0]
    assert overtime.own == "pay overtime at a higher rate;"
    # The signature block is not read into the clause before it.
    assert "Done at" not in clauses[5].text


def test_a_wrapped_line_is_not_a_heading() -> None:
    text = (
        "Article 5\n1. Before the worker leaves, the employer shall sign a contract that is no less favourable than the one in\n"
        "Annex A.\n2. The contract shall be in Khmer.\n"
    )
    assert [c.citation for c in dm.split_clauses(text)] == ["5(1)", "5(2)"]


def test_mou_codings(mou: dm.Draft) -> None:
    by = proposals_by_citation(mou)
    fees = by["4(1)"]  # "No recruitment agency or employer shall collect ..."
    assert fees.coded_topics[0] == "recruitment.fees"
    assert (fees.modality, fees.strength) == ("prohibition", "shall")
    assert set(fees.bearers) == {"recruitment_agency", "employer"} and not fees.restricts
    change = by["11(1)"]  # the worker may not change employer without approval
    assert change.coded_topics == ["mobility.change_employer"] and change.restricts
    assert change.bearers == ["worker"] and change.modality == "prohibition"
    assert by["4(3)"].restricts  # the worker bears the cost of the passport
    portability = by["9(2)"]  # "The Parties shall endeavour to ..."
    assert portability.coded_topics[0] == "social_security.portability"
    assert set(portability.bearers) == {"origin_state", "destination_state"}
    assert ("endeavour" in [k for k, _ in portability.qualifiers])
    helpline = by["10(2)"]  # "The sending country should ..."
    assert (helpline.strength, helpline.bearers) == ("should", ["origin_state"])
    assert by["6(2)"].coded_topics == ["wages.payment_schedule"] and by["6(2)"].bearers == ["employer"]
    # A right is owed to the worker: the worker is not its bearer.
    assert by["7(2)"].modality == "right" and "worker" not in by["7(2)"].bearers
    # Definitions and final clauses are on no topic: listed, not coded.
    for cited in ("1(1)", "1(2)", "14", "15", "16(1)"):
        assert by[cited].procedural, cited
    assert len(mou.coded) == 36


def test_contract_scope_and_parties(corpus: dm.Corpus) -> None:
    d = dm.draft_coding(TEXTS / "contract-khm-mys-domestic.txt", parties=["KHM", "MYS"], kind="standard_contract",
                        corpus=corpus)
    assert d.instrument.startswith("contract-khm-mys-")
    # The title is the text's first block of lines, past the note in brackets.
    assert 'title: "STANDARD EMPLOYMENT CONTRACT FOR DOMESTIC WORKERS Employer in Malaysia' in d.yaml
    assert d.sectors == ["domestic_work"]  # from the title, for the whole contract
    assert "  scope:\n    sectors: [domestic_work]\n" in d.yaml
    by = proposals_by_citation(d)
    assert by["3.1"].coded_topics[0] in ("wages.minimum", "wages.payment_schedule")
    assert "subject_to_national_law" not in [k for k, _ in by["3.1"].qualifiers]


@pytest.mark.parametrize("name", NAMES)
def test_draft_loads_validates_and_reports(name: str, corpus: dm.Corpus, tmp_path: Path) -> None:
    parties, kind = PARTIES[name]
    out = tmp_path / f"{name}.yaml"
    assert cli.main(["draft", str(TEXTS / f"{name}.txt"), "--parties", ",".join(parties), "--kind", kind,
                     "-o", str(out)]) == 0
    assert dm.check(out) == []
    layered = dm.load(out)
    draft_id = next(i.id for i in layered.instruments if i.id.endswith("-draft"))
    inst = layered.instrument(draft_id)
    assert inst.text == "full"
    provisions = [p for p in layered.provisions if p.instrument == draft_id]
    assert provisions and all(p.provenance.coded_from == "draft" and p.provenance.confidence == "low"
                              and p.provenance.passage for p in provisions)
    report = layered.gaps(parties[0], parties[1], "tf-amw-framework-2009")
    decided = [r for r in report.rows if any(c.instrument == draft_id for c in r.decided_by)]
    assert decided, "the draft decides no row"
    assert all("draft coding not yet reviewed" in r.explanation for r in decided)
    frame = report.to_pandas()
    assert frame["explanation"].str.contains("draft coding not yet reviewed").sum() >= len(decided)


def test_a_drafts_silence_is_a_low_confidence_gap(mou: dm.Draft, tmp_path: Path) -> None:
    path = mou.save(tmp_path / "mou.yaml")
    report = dm.load(path).gaps("KHM", "THA", "khm-lmp-2014-mou-minimum", as_of="2026-12-31")
    rows = [r for r in report.rows if r.status == "gap" and any(e.instrument == mou.instrument for e in r.evidence)]
    assert rows
    for r in rows:
        mine = [e for e in r.evidence if e.instrument == mou.instrument]
        assert mine[0].kind == "read_in_full" and mine[0].confidence == "low"
        assert r.confidence == "low"


def test_draft_provision_needs_its_clause(tmp_path: Path, mou: dm.Draft) -> None:
    text = mou.yaml.replace("        passage:", "        notes_removed:", 1)
    text = "\n".join(line for line in text.splitlines() if "notes_removed:" not in line) + "\n"
    path = tmp_path / "broken.yaml"
    path.write_text(text)
    problems = [str(p) for p in dm.check(path)]
    assert len(problems) == 1
    assert "is a draft coding but gives no `passage`" in problems[0] and "broken.yaml:" in problems[0]


def test_review_accepts_and_drops_in_the_file(mou: dm.Draft, tmp_path: Path) -> None:
    path = mou.save(tmp_path / "mou.yaml")
    path.write_text(path.read_text().replace("  provisions:\n", "  # analyst: checked Article 4\n  provisions:\n"))
    r = dm.review(path)
    assert r.pending == len(r.provisions) == 36
    frame = r.to_pandas()
    assert list(frame.columns[:4]) == ["n", "provision", "citation", "clause"]
    assert frame["precedent"].str.len().gt(0).all()
    change = frame[frame["provision"].str.endswith(":11(1)")].iloc[0]
    assert "mobility.change_employer (restricts)" in change["topics"]
    accepted = r.accept("1-2,11(1)", confidence="high")
    assert len(accepted) == 3 and accepted[-1].endswith(":11(1)")
    reloaded = dm.load(path)
    p = reloaded.provision(accepted[-1])
    assert (p.provenance.coded_from, p.provenance.confidence) == ("text", "high")
    assert "# analyst: checked Article 4" in path.read_text()  # the analyst's own lines stay
    assert r.pending == 33
    dropped = r.drop([3])
    assert len(dropped) == 1 and dropped[0] not in {p.id for p in dm.load(path).provisions}
    assert len(r.provisions) == 35
    assert "<table>" in r._repr_html_() and "still drafts" in str(r)
    with pytest.raises(dm.DraftError, match="did you mean"):
        r.accept(accepted[-1] + "x")
    with pytest.raises(dm.DraftError, match="provisions 1 to 35"):
        r.accept("99")


def test_review_cli(mou: dm.Draft, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = mou.save(tmp_path / "mou.yaml")
    assert cli.main(["review", str(path)]) == 0
    out = capsys.readouterr().out
    assert "[1]" in out and "Nearest precedent:" in out and "Clause:" in out
    assert cli.main(["review", str(path), "--accept", "all", "--confidence", "medium"]) == 0
    err = capsys.readouterr().err
    assert "0 of 36 provisions are still drafts" in err and "drafted summary" in err
    report = dm.load(path).gaps("KHM", "THA", "khm-lmp-2014-mou-minimum")
    assert not any("draft coding not yet reviewed" in r.explanation for r in report.rows)


def test_bad_input_is_refused_clearly(tmp_path: Path, corpus: dm.Corpus, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    with pytest.raises(dm.DraftError, match="empty.txt: the file is empty"):
        dm.draft_coding(empty, "KHM,THA", corpus=corpus)
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(dm.DraftError, match="binary data, not plain text"):
        dm.draft_coding(binary, "KHM,THA", corpus=corpus)
    pdf = tmp_path / "mou.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    with pytest.raises(dm.DraftError, match="this is a PDF"):
        dm.draft_coding(pdf, "KHM,THA", corpus=corpus)
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("Article 1\nThe employer shall pay \xe9 wages.\n".encode("latin-1"))
    with pytest.raises(dm.DraftError, match=r"latin1.txt:2: not UTF-8"):
        dm.draft_coding(latin, "KHM,THA", corpus=corpus)
    prose = tmp_path / "letter.txt"
    prose.write_text("Dear colleagues,\nplease find the agreement attached.\nBest regards\n")
    with pytest.raises(dm.DraftError, match="no numbered clauses found"):
        dm.draft_coding(prose, "KHM,THA", corpus=corpus)
    huge = tmp_path / "gazette.txt"
    huge.write_text(("Article 1\nThe employer shall pay wages monthly.\n" * 130_000)[: 5_000_000])
    with pytest.raises(dm.DraftError, match=r"gazette.txt: 5.0 MB is larger than any agreement"):
        dm.draft_coding(huge, "KHM,THA", corpus=corpus)
    with pytest.raises(dm.DraftError, match="the two states"):
        dm.draft_coding(TEXTS / "mou-khm-tha-model.txt", "KHM", corpus=corpus)
    with pytest.raises(dm.UnknownIdError, match="THA"):
        dm.draft_coding(TEXTS / "mou-khm-tha-model.txt", "KHM,THX", corpus=corpus)
    # The command line says the same in one line, and exits 2.
    assert cli.main(["draft", str(empty), "--parties", "KHM,THA"]) == 2
    assert "empty.txt: the file is empty" in capsys.readouterr().err
