"""The example notebooks: each runs from a clean kernel, in an empty working directory, with the
dutymap these tests import, and shows what its prose says it shows.

Outputs are read from the executed cells (``text/plain``, ``text/html`` and printed text); HTML
tables (DataFrames and gap reports) are parsed into rows keyed by column name, so that a check
can say "in the row of this topic, the Thailand column reads gap".
"""

from __future__ import annotations

import os
import re
import site
import sys
import time
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Callable

import pytest

import dutymap as dm

nbformat = pytest.importorskip("nbformat", reason="the notebook tests need nbformat")
nbclient = pytest.importorskip("nbclient", reason="the notebook tests need nbclient")
pytest.importorskip("ipykernel", reason="the notebook tests need ipykernel")
pytest.importorskip("matplotlib", reason="the notebooks plot with matplotlib")

NOTEBOOKS = Path(__file__).resolve().parents[2] / "examples" / "notebooks"
NAMES = sorted(p.name for p in NOTEBOOKS.glob("*.ipynb"))
TIMEOUT = 120  # seconds, per notebook (and per cell)

DW, GW = "mou-khm-mys-2015-dw", "mou-khm-mys-2015-gw"


# -- reading outputs -----------------------------------------------------------------------------


class _Tables(HTMLParser):
    """Collects the tables of an HTML fragment as lists of rows of (tag, text) cells, header
    rows first."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[dict[str, list[list[tuple[str, str]]]]] = []
        self._section = "tbody"
        self._row: list[tuple[str, str]] | None = None
        self._cell: list[str] | None = None
        self._tag = ""

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag == "table":
            self.tables.append({"head": [], "body": []})
            self._section = "tbody"
        elif tag in ("thead", "tbody"):
            self._section = tag
        elif tag == "tr" and self.tables:
            self._row = []
        elif tag in ("th", "td") and self._row is not None:
            self._cell, self._tag = [], tag

    def handle_endtag(self, tag: str) -> None:
        if tag in ("th", "td") and self._cell is not None and self._row is not None:
            self._row.append((self._tag, " ".join("".join(self._cell).split())))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.tables[-1]["head" if self._section == "thead" else "body"].append(self._row)
            self._row = None
        elif tag == "thead":
            self._section = "tbody"

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _texts(cell: Any) -> list[str]:
    out = []
    for o in cell.get("outputs", []):
        if o.output_type == "stream":
            out.append(o.text)
        elif o.output_type in ("execute_result", "display_data"):
            out.extend(str(o.data[k]) for k in ("text/plain", "text/html") if k in o.data)
    return out


def text_of(nb: Any) -> str:
    """Everything the notebook's cells printed or displayed as text or HTML."""
    return "\n".join(t for cell in nb.cells for t in _texts(cell))


def rows_of(nb: Any) -> list[dict[str, Any]]:
    """Every body row of every HTML table the notebook displayed, as {column: text}. The data
    cells (td) are matched to the last column names of the first header row; the index cells
    (th) are kept under ``"_index"``."""
    rows = []
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            html = getattr(o, "data", {}).get("text/html")
            if not html:
                continue
            parser = _Tables()
            parser.feed(str(html))
            for table in parser.tables:
                header = [text for _, text in table["head"][0]] if table["head"] else []
                for body in table["body"]:
                    values = [text for tag, text in body if tag == "td"]
                    names = header[len(header) - len(values):] if len(values) <= len(header) else []
                    row: dict[str, Any] = dict(zip(names, values))
                    row["_index"] = [text for tag, text in body if tag == "th"]
                    rows.append(row)
    return rows


def find(rows: list[dict[str, Any]], label: str | None = None, **columns: str) -> list[dict[str, Any]]:
    """Rows that show ``label`` in any cell (index or data) and, for each keyword, that text in
    that column. Keywords use the column name with spaces and commas as underscores."""
    def key(name: str) -> str:
        return re.sub(r"[^0-9a-zA-Z]+", "_", name).strip("_")

    found = []
    for row in rows:
        cells = {key(k): v for k, v in row.items() if k != "_index"}
        if label is not None and label not in row["_index"] and label not in cells.values():
            continue
        if all(cells.get(k) == v for k, v in columns.items()):
            found.append(row)
    return found


# -- running notebooks ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def kernel(tmp_path_factory: pytest.TempPathFactory):
    """A "python3" kernel that is this interpreter and imports this dutymap.

    The kernelspec is installed for ``sys.executable`` into a temporary prefix that comes first on
    ``JUPYTER_PATH``, so no user or system kernelspec can take its place; the kernel inherits the
    environment, with the folder this dutymap was imported from on ``PYTHONPATH`` unless it is a
    site-packages folder the interpreter searches anyway.
    """
    from ipykernel.kernelspec import install

    prefix = tmp_path_factory.mktemp("kernelspec")
    install(kernel_name="python3", prefix=str(prefix))
    package_root = str(Path(dm.__file__).resolve().parents[1])
    site_dirs = {str(Path(p).resolve()) for p in [*site.getsitepackages(), site.getusersitepackages()]}
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("JUPYTER_PATH", str(prefix / "share" / "jupyter"))
        # Standard platform directories: without this, some jupyter_core versions warn
        # (DeprecationWarning, an error under this project's pytest settings) that they will move.
        mp.setenv("JUPYTER_PLATFORM_DIRS", "1")
        mp.delenv("MPLBACKEND", raising=False)  # the kernel's own inline backend, so plots are outputs
        if package_root not in site_dirs:
            current = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
            mp.setenv("PYTHONPATH", os.pathsep.join([package_root, *current]))
        yield


PROBE = "import os, sys, dutymap\nprint('PROBE', sys.executable, dutymap.__file__, os.getcwd(), sep='|')"


@pytest.fixture(scope="module")
def executed(kernel, tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], tuple[Any, Path, float]]:
    """Runs a notebook once (from a fresh kernel, in an empty working directory) and returns the
    executed notebook, that directory and the run time. A probe cell is put first to report which
    interpreter, dutymap and working directory the kernel has."""
    cache: dict[str, tuple[Any, Path, float]] = {}

    def run(name: str) -> tuple[Any, Path, float]:
        if name not in cache:
            nb = nbformat.read(NOTEBOOKS / name, as_version=4)
            nb.cells.insert(0, nbformat.v4.new_code_cell(PROBE))
            workdir = tmp_path_factory.mktemp(Path(name).stem)
            start = time.perf_counter()
            nbclient.NotebookClient(nb, kernel_name="python3", timeout=TIMEOUT,
                                    resources={"metadata": {"path": str(workdir)}}).execute()
            cache[name] = (nb, workdir, time.perf_counter() - start)
        return cache[name]

    return run


# -- what each notebook must show ----------------------------------------------------------------


def check_corridor_gaps(nb: Any) -> None:
    rows, text = rows_of(nb), text_of(nb)
    flat = " ".join(text.split())
    # Three corridors with their evidence indexes: half of Thailand's norms, and most of
    # Malaysia's, are unknown (the MOUs are known from the 2017 review only).
    assert ("<GapReport KHM->THA vs khm-lmp-2014-mou-minimum as of 2017-12-31: 5 unknown, 5 gap; "
            "evidence index 50%>") in text
    assert ("<GapReport KHM->MYS domestic_work vs khm-lmp-2014-mou-minimum as of 2017-12-31: 2 committed, "
            "7 unknown, 1 gap; 2 restrictions beyond the profile; evidence index 30%>") in text
    assert find(rows, "Thailand", gap="5", unknown="5", evidence_index="0.5")
    assert find(rows, "Malaysia", weak="3", unknown="6", gap="1", evidence_index="0.4")
    assert find(rows, "Malaysia, domestic work", committed="2", unknown="7", gap="1", evidence_index="0.3")
    # The side-by-side table: weekly rest is a gap in Thailand (the review reports it lacking), a
    # commitment for domestic workers in Malaysia (the 2015 standard contract); what the review does
    # not mention is unknown, not a gap.
    assert find(rows, "working_time.weekly_rest", Thailand="gap", Malaysia_domestic_work="committed")
    assert find(rows, "contract.standard_contract", Thailand="unknown", Malaysia_domestic_work="committed")
    assert find(rows, "wages.minimum", Thailand="gap", Malaysia_domestic_work="unknown")
    for topic in ["recruitment.fees", "conditions.accommodation", "conditions.occupational_safety",
                  "contract.written_before_departure"]:
        assert find(rows, topic, Thailand="unknown")
    # Why: the Thai MOU counts, is known from descriptions only, has two terms coded from later
    # reports (none on an LMP norm), and a source reports what it lacks; its agreement has nothing
    # coded; the superseded 2003 MOU has one term and no reported lack.
    thai = find(rows, instrument="mou-khm-tha-2015", status="counts", coded_provisions="2", text="described")
    assert thai and thai[0]["reported lacking"].startswith("working_time.weekly_rest, working_time.hours")
    agreement = find(rows, instrument="mou-khm-tha-2015-agreement", status="counts", coded_provisions="0",
                     text="described")
    assert agreement and agreement[0]["reported lacking"].startswith("working_time.weekly_rest, working_time.hours")
    assert find(rows, instrument="mou-khm-tha-2003", status="superseded", coded_provisions="1", text="described",
                reported_lacking="")
    # The two coded terms are rows beyond the LMP list: the work permit a `may`, so weak; the
    # regular pathway committed; both on low-confidence coding.
    assert ("documents.work_permit | weak | Covered only weakly: mou-khm-tha-2015 clause not identified, below "
            "the required strength (`may`, needs `shall`). This rests on low-confidence coding (a press report "
            "or similar source).") in text
    assert ("irregular_migration.regularisation | committed | Protected only by non-binding commitments: "
            "mou-khm-tha-2015 clause not identified. This rests on low-confidence coding (a press report or "
            "similar source).") in text
    # The evidence: a cited lack (with its passage and confidence) against an unread text.
    assert find(rows, "working_time.weekly_rest", status="gap", evidence="reported_lack",
                instrument="mou-khm-tha-2015", passage="no mandatory days off", confidence="low")
    assert find(rows, "working_time.weekly_rest", status="gap", evidence="reported_lack",
                instrument="mou-khm-tha-2015-agreement", confidence="medium")
    low = find(rows, status="gap", evidence="reported_lack", instrument="mou-khm-tha-2015", confidence="low")
    assert {r["topic"] for r in low} == {"working_time.weekly_rest", "working_time.hours", "skills.certification",
                                         "wages.minimum"}
    assert find(rows, "social_security.portability", status="gap", evidence="reported_lack",
                instrument="mou-khm-tha-2015", passage="MOUs do not address portability of benefits")
    assert find(rows, "contract.standard_contract", status="unknown", evidence="not_read",
                instrument="mou-khm-tha-2015")
    assert not find(rows, status="unknown", evidence="reported_lack")
    assert ("To settle it, read mou-khm-tha-2015, mou-khm-tha-2015-agreement." in flat)
    # The domestic-work report: portability is reported lacking in both texts; the minimum wage
    # only in the contract, so with the MOU unread it is unknown.
    assert "Evidence index 30%" in text
    portability = find(rows, "social_security.portability", bearer="destination_state", status="gap")
    assert portability and all(s in portability[0]["evidence"] for s in [
        "mou-khm-mys-2015-dw lacks it", '"MOUs do not address portability of benefits"',
        "mou-khm-mys-2015-dw-contract lacks it"])
    wage = find(rows, "wages.minimum", bearer="employer", status="unknown")
    assert wage and "mou-khm-mys-2015-dw not read in full (text: described)" in wage[0]["evidence"]
    assert "mou-khm-mys-2015-dw-contract lacks it" in wage[0]["evidence"]
    assert "To settle it, read mou-khm-mys-2015-dw." in wage[0]["explanation"]
    assert find(rows, "working_time.weekly_rest", status="committed",
                evidence="mou-khm-mys-2015-dw-contract Appendix B")
    # Coverage leaves the unknown norms out; the stage summary gives the evidence by stage.
    assert find(rows, "Thailand", pre_departure="0.0", employment="0.0", transit="NaN")
    assert find(rows, "pre_departure", committed="1", unknown="3", evidence_index="0.250000")
    assert find(rows, "employment", committed="1", unknown="4", gap="1", evidence_index="0.333333")
    # The conflicts of the Malaysia domestic-workers MOU.
    conflicts = find(rows, "mobility.change_employer", status="conflict")
    assert conflicts and any("mou-khm-mys-2015-dw-contract" in r.get("citations", "") for r in conflicts)
    assert find(rows, "repatriation.cost", status="conflict")
    assert find(rows, restricts="mobility.change_employer", coded_from="secondary")
    # Precedents: Cambodia's own Malaysia contract is among what others agreed on weekly rest.
    assert re.search(r"^gap \| Nothing applicable in this corridor protects it: a source reports that "
                     r"mou-khm-tha-2015, mou-khm-tha-2015-agreement lack it", text, re.MULTILINE)
    assert find(rows, citation="mou-khm-mys-2015-dw-contract Appendix B", tier="committed")
    assert find(rows, tier="binding", strength="shall")
    # Accountability.
    assert find(rows, citation="khm-subdecree-190-2011 6-9", tier="binding")
    line = next(ln for ln in text.splitlines() if ln.startswith("Thailand, stages with nobody"))
    assert "employment" in line
    assert find(rows, stage="employment", acts="MYS.JTK")
    assert find(rows, kind="no_designated_body", citation="mou-khm-mys-2015-dw Appendix B")
    # Practice beside paper: no record on the clauses that decide the gap reports; three records of
    # what the review reports MOLVT did.
    assert "practice records on the reports' deciding clauses: 0" in text
    practice = [r for r in rows if {"period", "rating", "reported"} <= set(r)]
    assert [(r["citation"], r["period"], r["rating"], r["confidence"]) for r in practice] == [
        ("khm-lmp-2014 Action points 2017, 5.4", "2017", "partly", "low"),
        ("khm-lmp-2014 Policy goal 4, activity 4.11", "2016", "done", "high"),
        ("khm-lmp-2014 Policy goal 4, activity 4.11", "2017", "done", "high")]
    assert practice[0]["reported"].startswith("MOLVT works with a legal-aid NGO (LSCW) and a trade union alliance")
    # The plot: its title gives the evidence index, its legend both unknown and gap.
    assert any("image/png" in getattr(o, "data", {}) for c in nb.cells for o in c.get("outputs", []))
    assert "evidence index 30%" in text
    assert "legend: conflict, committed, unknown (text not read), gap (verified absence)" in text


def check_compare_mous(nb: Any) -> None:
    rows, text = rows_of(nb), text_of(nb)
    # What is known of each agreement: how much of its text was read, and what it is reported to lack.
    assert find(rows, "mou-khm-tha-2015", text="described", coded_provisions="2", reported_lacking="5")
    assert find(rows, "mou-khm-tha-2003", text="described", coded_provisions="1", reported_lacking="0")
    assert find(rows, "mou-khm-mys-2015-dw", text="described", coded_provisions="12", reported_lacking="4")
    assert find(rows, "mou-khm-jpn-2017", text="none", coded_provisions="0", reported_lacking="0")
    # Coverage matrix (topics down): the domestic-workers MOU restricts changing employer.
    assert find(rows, "mobility.change_employer", **{DW.replace("-", "_"): "-1.0", GW.replace("-", "_"): "0.0"})
    assert find(rows, "working_time.hours", **{DW.replace("-", "_"): "0.0", GW.replace("-", "_"): "1.0"})
    # Diff of the general against the domestic-workers MOU: both known from the review only, so a
    # topic one of them is silent on is not known there, not missing.
    assert find(rows, "working_time.hours", relation="unknown_in_b")
    assert find(rows, "mobility.change_employer", relation="unknown_in_a")
    assert find(rows, "repatriation.cost", relation="unknown_in_a")
    assert find(rows, "working_time.weekly_rest", relation="equivalent")
    # Hours: the review reports the DW contract lacking them, so only the DW MOU is left to read.
    hours = next(ln for ln in text.splitlines() if ln.startswith("mou-khm-mys-2015-gw speaks to working_time.hours"))
    assert hours == ("mou-khm-mys-2015-gw speaks to working_time.hours; whether mou-khm-mys-2015-dw does is not "
                     "known: mou-khm-mys-2015-dw (text: described) not read in full, and no source reports it lacking")
    # Against the Thailand MOU, reported lacking weekly rest and the minimum wage: verified
    # differences there, not known elsewhere. No other diff in the notebook claims an absence.
    assert {r["topic"] for r in find(rows, relation="only_in_a")} == {"wages.minimum", "working_time.weekly_rest"}
    assert not find(rows, relation="only_in_b")
    assert find(rows, "skills.training", relation="unknown_in_b", a="[mou-khm-sau-2016 clause not identified]")
    # The two terms coded for the Thailand MOU from later reports: not known in the Saudi MOU.
    for topic in ["documents.work_permit", "irregular_migration.regularisation"]:
        known_in_b = find(rows, topic, relation="unknown_in_a", a="[]")
        assert known_in_b and known_in_b[0]["explanation"].startswith(
            f"mou-khm-tha-2015 speaks to {topic}; whether mou-khm-sau-2016 does is not known"), topic
    # 2015 -> 2023 domestic-workers MOU: whether the 2023 one keeps the restrictions is not known.
    assert re.search(r"^unknown_in_b +11\nunknown_in_a +1\nequivalent +1$", text, re.MULTILINE)
    assert find(rows, "mobility.change_employer", relation="unknown_in_b", b="[]")
    assert find(rows, "cooperation.joint_committee", relation="unknown_in_a",
                b="[mou-khm-mys-2023-dw clause not identified]")
    assert find(rows, "social_security.insurance", relation="equivalent",
                b="[mou-khm-mys-2023-dw clause not identified]")
    # Similarity: the general-workers MOU's nearest neighbour is the domestic-workers MOU.
    nearest = [r for r in rows if set(r) >= {"cosine", "jaccard"}]
    assert [r["_index"] for r in nearest[:2]] == [[GW], [DW]]
    assert re.search(r"^No coded content: mou-khm-jpn-2017, mou-khm-mys-2023-gw$", text, re.MULTILINE)
    # The two Thailand MOUs share the one coded pathway: alike to each other, to nothing else.
    assert find(rows, "mou-khm-tha-2015", mou_khm_tha_2003="0.96", mou_khm_sau_2016="0.00",
                mou_khm_mys_2015_gw="0.00")
    # Scores by stage, over the known norms, with the evidence they rest on.
    scored = [r for r in rows if "overall" in r and r["_index"] == [DW]]
    assert scored and float(scored[0]["employment"]) > 0 and scored[0]["evidence_index"] == "0.3"
    assert find(rows, "mou-khm-tha-2015", pre_departure="0.0", employment="0.0", evidence_index="0.5")
    assert find(rows, "mou-khm-jpn-2017", overall="NaN", evidence_index="0.0")
    assert find(rows, "mou-khm-tha-2003", overall="NaN", evidence_index="0.0")
    assert find(rows, "mou-khm-mys-2023-dw", pre_departure="NaN", employment="0.0", evidence_index="0.1")
    # The weakest per stage, and how many norms that rests on.
    assert find(rows, stage="pre_departure", lowest_score="0.0", weakest="mou-khm-tha-2015", rests_on="1 of 4 norms")
    assert find(rows, stage="employment", lowest_score="0.0", weakest="mou-khm-mys-2023-dw, mou-khm-tha-2015",
                rests_on="1 of 6 norms; 4 of 6 norms")
    assert find(rows, stage="return", weakest="(no LMP norm at this stage)")
    # The reasons: hours committed for general workers, unknown for domestic workers.
    assert find(rows, "working_time.weekly_rest", status="committed")
    assert find(rows, "working_time.hours", status="committed")
    unknown_hours = find(rows, "working_time.hours", status="unknown")
    assert unknown_hours and unknown_hours[0]["explanation"].startswith(
        "Not known: nothing read covers it, but mou-khm-mys-2015-dw (text: described) applies here")
    assert find(rows, "social_security.portability", status="gap")
    # The Myanmar-Thailand revision chain: both ends coded from descriptions only, so every topic
    # of the step is not known (six of 2016, one of 2003), none added, dropped or changed.
    assert "mou-mmr-tha-2003 → mou-mmr-tha-2016" in text
    step = [r for r in rows if r.get("to") == "mou-mmr-tha-2016"]
    assert {r["change"] for r in step} == {"not known"}
    assert {(r["topic"], r["relation"]) for r in step} == {
        ("complaints.mechanism", "unknown_in_b"), ("documents.work_permit", "unknown_in_b"),
        ("information.pre_departure_orientation", "unknown_in_b"),
        ("information.rights_and_conditions", "unknown_in_b"), ("recruitment.fees", "unknown_in_b"),
        ("skills.training", "unknown_in_b"), ("irregular_migration.regularisation", "unknown_in_a")}
    assert not find(rows, change="not comparable")
    assert find(rows, instrument="mou-mmr-tha-2003", coded_provisions="2", coded_from="[secondary]", confidence="[low]")
    assert find(rows, instrument="mou-mmr-tha-2016", coded_provisions="6", coded_from="[secondary]", confidence="[low]")
    # The re-entry wait: both ends restrict at `shall`, so diff calls it equivalent and revisions
    # leaves it out, though the terms differ (three years at home, then 30 days).
    assert "mobility.reentry_wait: equivalent (both restrict at `shall`)" in text
    waits = [r for r in rows if "effect" in r and "summary" in r]
    assert [(r["instrument"], r["effect"], r["strength"], r["confidence"]) for r in waits] == [
        ("mou-mmr-tha-2003", "restricts", "shall", "low"), ("mou-mmr-tha-2016", "restricts", "shall", "low")]
    assert "return to Myanmar and stay there for three years" in waits[0]["summary"]
    assert "stay there for at least 30 days" in waits[1]["summary"]
    # The Cambodia-Thailand chain: the shared pathway is equivalent, the work permit not known.
    khm_step = [r for r in rows if r.get("to") == "mou-khm-tha-2015"]
    assert [(r["from"], r["change"], r["topic"], r["relation"]) for r in khm_step] == [
        ("mou-khm-tha-2003", "not known", "documents.work_permit", "unknown_in_b")]


def check_what_if_ratification(nb: Any) -> None:
    rows, text = rows_of(nb), text_of(nb)
    assert "before:" in text and "vs ilo-migrant-core as of 2019-12-31" in text
    assert re.search(r"^before: <GapReport .*: 1 conflict, 6 binding, 5 committed, 4 guidance, 7 weak, 10 unknown; "
                     r".*evidence index 70%>$", text, re.MULTILINE)
    assert re.search(r"^after: +<GapReport .*: 1 conflict, 13 binding, 2 committed, 2 guidance, 8 weak, 7 unknown; "
                     r".*evidence index 79%>$", text, re.MULTILINE)
    assert find(rows, "before", binding="6", unknown="10", gap="0", evidence_index="0.70")
    assert find(rows, "after", binding="13", unknown="7", gap="0", evidence_index="0.79")
    # The change table: weekly rest becomes binding, by C189; three unknown norms become weak.
    changed = find(rows, "working_time.weekly_rest", before="committed", after="binding")
    assert changed and "ilo-c189:art-10-2" in changed[0]["changed_by"]
    assert find(rows, "documents.worker_keeps_passport", after="binding")
    for topic in ["wages.minimum", "working_time.hours", "social_security.equal_treatment"]:
        assert find(rows, topic, before="unknown", after="weak")
    # Explanations of the hedged ones, and what the minimum wage rested on before and after.
    assert re.search(r"wages\.minimum\s+weak\s+Covered only weakly: ilo-c189", text)
    assert "unknown before: 15 not_read, 1 read_in_full, 1 reported_lack" in text
    assert "  ilo-c105 read in full: no clause on it" in text
    assert "  mou-khm-mys-2015-dw-contract lacks it, per seed 001" in text
    assert "after: ilo-c189 Art. 11\n" in text
    # Nothing is a verified gap; seven norms stay unknown, with the texts to read.
    assert not find(rows, status="gap")
    unknown = find(rows, status="unknown", texts_not_read_in_full="17",
                   of_which_agreements="mou-khm-mys-2015-dw, mou-khm-mys-2015-dw-contract")
    assert {r["topic"] for r in unknown} == {
        "recruitment.public_services", "cooperation.bilateral_agreements", "contract.written_before_departure",
        "transit.facilitation", "residence.security", "repatriation.final_pay", "reintegration.personal_effects"}
    # Withdrawing a ratification.
    withdrawn = find(rows, withdrawn="ilo-c98")
    assert withdrawn and "association.join_union: binding → guidance" in withdrawn[0]["changes"]
    assert find(rows, "association.join_union", before="binding", after="guidance")
    # Moving the date: nothing before the ratification; after the MOU expired, weekly rest is
    # unknown without the ratification and binding with it.
    assert find(rows, as_of="2016-12-31", norms_that_change="0")
    assert find(rows, as_of="2021-12-31", **{"2015_DW_MOU": "expired", "weekly_rest_before": "unknown",
                                              "weekly_rest_after": "binding"})


def check_draft_mou(nb: Any) -> None:
    rows, text = rows_of(nb), text_of(nb)
    # The baseline: five norms the review reports missing, five not known.
    assert ("<GapReport KHM->THA vs khm-lmp-2014-mou-minimum as of 2027-06-30: 5 unknown, 5 gap; "
            "evidence index 50%>") in text
    assert find(rows, "recruitment.fees", status="unknown") and find(rows, "wages.minimum", status="gap")
    # The deliberate mistake, reported at its place with the nearest valid topic; then fixed. The
    # draft declares `text: full`, so that is the only problem.
    problems = [ln for ln in text.splitlines() if "mou-khm-tha-2027.yaml:" in ln]
    assert len(problems) == 1 and re.search(r"mou-khm-tha-2027\.yaml:\d+:\d+: unknown topic `wages\.minimun`; "
                                            r"did you mean `wages\.minimum`\?$", problems[0])
    assert "no problems: the draft is valid" in text
    # The draft supersedes the 2015 MOU in the scenario.
    assert find(rows, instrument="mou-khm-tha-2015", status="superseded")
    assert find(rows, instrument="mou-khm-tha-2027", status="counts")
    # Read in full, the draft settles every norm: the evidence index goes to 100%.
    assert re.search(r"^after: +<GapReport KHM->THA vs khm-lmp-2014-mou-minimum as of 2027-06-30: 6 committed, "
                     r"3 weak, 1 gap; 1 restriction beyond the profile; evidence index 100%>$", text, re.MULTILINE)
    # Gaps and unknowns it closes, half-closes, and the restriction it introduces.
    assert find(rows, "working_time.weekly_rest", before="gap", after="committed")
    assert find(rows, "recruitment.fees", before="unknown", after="committed")
    assert find(rows, "contract.written_before_departure", before="unknown", after="committed")
    assert find(rows, "skills.certification", before="gap", after="weak")
    assert find(rows, "conditions.accommodation", before="unknown", after="weak")
    conflicts = find(rows, "mobility.change_employer", status="conflict")
    assert conflicts and "mou-khm-tha-2027 Annex A clause 9" in conflicts[0]["citations"]
    assert re.search(r"^closed: +recruitment\.fees, wages\.minimum, working_time\.weekly_rest, working_time\.hours, "
                     r"contract\.standard_contract, contract\.written_before_departure$", text, re.MULTILINE)
    assert re.search(r"^half-closed: +skills\.certification, conditions\.accommodation, "
                     r"conditions\.occupational_safety$", text, re.MULTILINE)
    # What stays open: a gap verified by reading the draft in full, with precedents.
    assert ("social_security.portability: gap; evidence: mou-khm-tha-2027 read in full: no clause on it"
            in text)
    assert find(rows, "social_security.portability", tier="binding")
    # The same draft known only from a summary: its silence proves nothing, the norm is unknown.
    assert re.search(r"^from a summary: <GapReport .*: 6 committed, 3 weak, 1 unknown; .*evidence index 90%>$",
                     text, re.MULTILINE)
    assert re.search(r"^unknown \| Not known: nothing read covers it, but mou-khm-tha-2027 \(text: described\) "
                     r"applies here and was not read in full.* To settle it, read mou-khm-tha-2027\.",
                     text, re.MULTILINE)


def check_exercise_trainee(nb: Any) -> None:
    rows, text = rows_of(nb), text_of(nb)
    flat = " ".join(text.split())
    # The list of built-in exercises, and the case shown with its clauses.
    assert find(rows, id="khm-mys-2015-dw", level="3", tasks="code, gaps, propose", clauses="12")
    assert find(rows, clause="one-employer", where="Appendix B")
    # The first grade: exact scores, and the feedback the prose reads.
    assert "first attempt: 54.4 / 100" in text
    assert find(rows, task="code", score="88.3", right="7", partly="5", answered="12")
    assert find(rows, task="gaps", score="55.0", right="1", partly="4", answered="6")
    assert find(rows, task="propose", score="20.0", right="1")
    one_employer = find(rows, item="one-employer", verdict="partly right", credit="0.70")
    assert one_employer
    assert ("bearers: gave employer, key worker; effect: gave protects, key restricts"
            in one_employer[0]["feedback"])
    assert '"cannot work for another employer"' in one_employer[0]["feedback"]
    assert "education: partly right (0.40)" in text
    assert "topics: gave skills.certification, key information" in flat
    rest = find(rows, item="working_time.weekly_rest @ employment", verdict="extra", credit="0.00")
    assert rest and rest[0]["feedback"].startswith(
        "Not a gap: `working_time.weekly_rest` at employment is committed in this case.")
    # Gap where the key says unknown: partial credit, and the feedback says what the absence would
    # rest on (the MOU, not read in full); portability, reported lacking, is rightly a gap.
    for item in ["wages.minimum @ employment", "working_time.hours @ employment", "recruitment.fees @ pre_departure"]:
        unknown = find(rows, item=item, verdict="partly right", credit="0.85")
        assert unknown and "status: gave gap, key unknown." in unknown[0]["feedback"], item
        assert unknown[0]["feedback"].endswith(
            "the absence is not verified, so the answer is `unknown`, not `gap`."), item
    assert ("wages.minimum @ employment: partly right (0.85) Partly right: `wages.minimum` at employment, owed by "
            "employer is unknown in this case. status: gave gap, key unknown.") in flat
    assert ("Nothing read covers it, but mou-khm-mys-2015-dw (text: described) was not read in full and no source "
            "reports it lacking: the absence is not verified, so the answer is `unknown`, not `gap`.") in flat
    assert find(rows, item="social_security.portability @ employment", verdict="right", credit="1.00")
    assert ("social_security.portability @ employment: right (1.00) Right: `social_security.portability` at "
            "employment, owed by destination_state is gap in this case.") in flat
    fare = find(rows, item="repatriation.cost @ return", verdict="partly right", credit="0.85")
    assert fare and "bearer: gave employer, key worker" in fare[0]["feedback"]
    assert find(rows, item="mobility.change_employer @ employment", verdict="missed")
    assert find(rows, item="skills.certification @ pre_departure", verdict="missed")
    closes = find(rows, item="proposal 1", verdict="closes")
    assert closes and ("closes `wages.minimum` at employment, owed by employer (unknown -> committed)"
                       in closes[0]["feedback"])
    too_weak = find(rows, item="proposal 2", verdict="closes nothing")
    assert too_weak and "below the required strength (`may`, needs `shall`)" in too_weak[0]["feedback"]
    # The second attempt: the score rises, coding and the gap list are fully right, three unknown
    # norms are still missed.
    assert re.search(r"first attempt: +54\.4 / 100\nsecond attempt: 74\.1 / 100", text)
    assert find(rows, "code", first="0.883", second="1.000")
    assert find(rows, "gaps", first="0.550", second="0.824")
    assert find(rows, "propose", first="0.200", second="0.400")
    remaining = {r["item"] for r in rows if r["_index"] and r.get("verdict") in ("missed", "partly right", "extra")}
    assert remaining == {"conditions.accommodation @ employment",
                         "conditions.occupational_safety @ employment",
                         "contract.written_before_departure @ pre_departure"}


def check_exercise_trainer(nb: Any) -> None:
    rows, text = rows_of(nb), text_of(nb)
    # The first version's mistakes, each at its line and column with the nearest valid id.
    assert "line 12, column 17: unknown task `gap`; did you mean `gaps`?" in text
    assert ("line 38, column 18: unknown topic `working_time.weekly_rests`; did you mean "
            "`working_time.weekly_rest`?") in text
    assert "line 40, column 19: unknown role `employeer`; did you mean `employer`?" in text
    # Fixed, it loads and shows its clauses.
    assert find(rows, clause="transfer", where="Annex A, clause 8")
    # The gap key derived by analysing the clauses: the case is the trainer's own text, read in
    # full, so the five open norms are verified gaps (not unknown); and the restriction.
    derived = [r for r in find(rows, status="gap") if r.get("explanation", "").startswith(
        "Nothing applicable in this corridor protects it: exercise-case-draft-khm-tha-mou was read in full")]
    assert {r["topic"] for r in derived} == {
        "social_security.portability", "skills.certification", "working_time.hours",
        "conditions.accommodation", "conditions.occupational_safety"}
    assert not find(rows, status="unknown")
    assert find(rows, topic="mobility.change_employer", bearer="worker", status="conflict",
                in_profile="False")
    assert ("<GapReport KHM->THA vs khm-lmp-2014-mou-minimum as of 2025-06-30: 5 committed, 5 gap; "
            "1 restriction beyond the profile; evidence index 100%>") in text
    assert find(rows, topic="working_time.weekly_rest", status="committed",
                evidence="[exercise-case-draft-khm-tha-mou Annex A, clause 2]")
    read_in_full = find(rows, status="gap", evidence="[exercise-case-draft-khm-tha-mou read in full: no clause on it]")
    assert {r["topic"] for r in read_in_full} == {r["topic"] for r in derived}
    # A case known from the review only: gap where the review reports a lack, unknown elsewhere.
    assert re.search(r"^gap +social_security\.portability, skills\.certification, wages\.minimum, "
                     r"working_time\.weekly_rest, working_time\.hours$", text, re.MULTILINE)
    assert re.search(r"^unknown +recruitment\.fees, conditions\.accommodation, conditions\.occupational_safety, "
                     r"contract\.standard_contract, contract\.written_before_departure$", text, re.MULTILINE)
    assert ("nobody can say it is absent. Unknown, not gap; reading mou-khm-tha-2015 would settle it."
            in " ".join(text.split()))
    # The hand-written gap list, checked against the analysis, then fixed.
    for disagreement in [
            r":\d+:7: the key puts `social_security\.portability` at employment on employer, the "
            r"analysis on destination_state",
            r":\d+:7: the key lists `working_time\.weekly_rest` at employment as gap, but the "
            r"analysis of the case does not find it open",
            r":\d+:7: the key says `conditions\.occupational_safety` at employment is weak, the "
            r"analysis of the case says gap",
            r":\d+:\d+: the analysis of the case finds `mobility\.change_employer` at employment "
            r"conflict, but the key's gap list leaves it out"]:
        assert re.search(r"^draft-khm-tha-mou\.yaml" + disagreement + "$", text, re.MULTILINE)
    assert "the hand-written gap list agrees with the analysis" in text
    hand = find(rows, topic="mobility.change_employer", status="conflict", in_profile="False")
    assert any(r.get("explanation", "").startswith("Clause 8 makes the first employer's consent")
               for r in hand)
    # The key earns full marks, the blank sheet none; the built-in keys agree with the corpus.
    assert re.search(r"the key: +100\.0\nthe blank sheet: 0\.0", text)
    for exercise in ["khm-tha-2015-mou", "khm-mys-2015-gw", "khm-mys-2015-dw", "khm-subdecree-190-agencies"]:
        assert re.search(rf"^{exercise} +\[\]$", text, re.MULTILINE)
    # A CSV answer sheet with typing mistakes: the row and the column of each, then a grade.
    assert ("answers.csv:5:7: row 4, column `topics`: unknown topic `conditions.acommodation`; "
            "did you mean `conditions.accommodation`?") in text
    assert re.search(r"answers\.csv:6:\d+: row 5, column `strength`: unknown strength `shal`; "
                     r"did you mean `shall`\?", text)
    assert re.search(r"^36\.7 / 100$", text, re.MULTILINE)
    flat = " ".join(text.split())
    assert re.search(r"partly right \(0\.80\) Clause `transfer` \(Annex A, clause 8\).*effect: gave "
                     r"protects, key restricts.*It reads like a permission, but it ties the worker to "
                     r"her first employer", flat)


def check_draft_from_text(nb: Any) -> None:
    text = text_of(nb)
    assert "<Draft mou-khm-tha-model-draft: 43 clauses, 36 proposed provisions, 7 not coded>" in text
    # Definitions and final clauses are not coded; the four clauses that bind the worker restrict.
    assert "['1(1)', '1(2)', '1(3)', '14', '15', '16(1)', '16(2)']" in text
    assert re.search(r"11\(1\) +mobility\.change_employer +worker +prohibition +shall", text)
    assert "<DraftReview mou-khm-tha-model-draft: 36 provisions, 36 drafts>" in text
    assert "accepted 10; 26 of 36 still drafts" in text
    # The draft decides rows of the report, each saying it rests on an unreviewed draft.
    assert re.search(r"<GapReport KHM->THA vs khm-lmp-2014-mou-minimum as of 2026-12-31: .*evidence index 90%>",
                     text)
    assert "rows still resting on drafts: [" in text and "'mobility.change_employer'" in text


CHECKS: dict[str, Callable[[Any], None]] = {
    "draft_from_text.ipynb": check_draft_from_text,
    "corridor_gaps.ipynb": check_corridor_gaps,
    "compare_mous.ipynb": check_compare_mous,
    "what_if_ratification.ipynb": check_what_if_ratification,
    "draft_mou.ipynb": check_draft_mou,
    "exercise_trainee.ipynb": check_exercise_trainee,
    "exercise_trainer.ipynb": check_exercise_trainer,
}


# -- tests ---------------------------------------------------------------------------------------


def test_every_notebook_has_content_checks():
    assert NAMES, f"no notebooks in {NOTEBOOKS}"
    assert set(NAMES) == set(CHECKS)


@pytest.mark.parametrize("name", NAMES)
def test_notebook_is_stored_clean(name):
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and any(c.cell_type == "markdown" for c in nb.cells)
    for cell in code:
        assert cell.outputs == [], f"{name}: a cell is stored with outputs:\n{cell.source[:200]}"
        assert cell.execution_count is None, f"{name}: a cell is stored with an execution count"


@pytest.mark.parametrize("name", NAMES)
def test_notebook_runs_and_shows_its_findings(name, executed):
    nb, workdir, seconds = executed(name)
    assert seconds < TIMEOUT
    probe = next(line for line in nb.cells[0].outputs[0].text.splitlines() if line.startswith("PROBE|"))
    executable, package, cwd = probe.split("|")[1:]
    assert Path(package).resolve() == Path(dm.__file__).resolve(), "the kernel imported another dutymap"
    assert Path(executable).resolve() == Path(sys.executable).resolve()
    assert Path(cwd).resolve() == workdir.resolve()
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert not errors
    CHECKS[name](nb)
    assert not any(workdir.iterdir()), "the notebook left files in its working directory"
