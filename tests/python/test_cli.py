"""The dutymap command: exit statuses, the validate format, json output."""

from __future__ import annotations

import json
import subprocess
import sys

from dutymap.cli import main


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "dutymap", *args], capture_output=True, text=True)


def test_summary_is_readable(corpus):
    out = run("summary")
    assert out.returncode == 0, out.stderr
    assert f"{len(corpus.instruments)} instruments" in out.stdout
    assert "Instruments by kind and level" in out.stdout
    assert "mou-khm-mys-2015-dw-contract" in out.stdout


def test_summary_json_matches_python(corpus):
    out = run("summary", "--format", "json")
    assert json.loads(out.stdout) == corpus.summary()


def test_validate_prints_one_problem_per_line_and_exits_1(draft):
    bad = draft("actors:\n  - {id: LAO.MOLSW, name: Ministry, kind: ministri, state: LOA, source: s}\n")
    out = run("validate", str(bad))
    assert out.returncode == 1
    lines = out.stdout.splitlines()
    assert lines == [
        f"{bad}:2:43: unknown actor kind `ministri`; did you mean `ministry`? (allowed: state, ministry, "
        "department, agency, association, union, ngo, employer, service, international_organisation, regional_body)",
        f"{bad}:2:60: unknown actor `LOA`; did you mean `LAO`?",
    ]
    assert "2 problems" in out.stderr


def test_validate_clean_file_exits_0(draft):
    good = draft("actors:\n  - {id: LAO.MOLSW, name: Ministry of Labour and Social Welfare, kind: ministry, state: LAO, source: s}\n")
    out = run("validate", str(good))
    assert out.returncode == 0, out.stdout
    assert out.stdout == ""


def test_show_and_unknown_id(capsys):
    assert main(["show", "mou-khm-mys-2015-dw-contract"]) == 0
    assert "annex_to: mou-khm-mys-2015-dw" in capsys.readouterr().out
    assert main(["show", "mou-khm-mys-2015-dww"]) == 2
    assert "did you mean" in capsys.readouterr().err


def test_export_formats(tmp_path, corpus):
    assert main(["export", "--format", "graphml", "-o", str(tmp_path / "g.graphml")]) == 0
    assert "<graphml" in (tmp_path / "g.graphml").read_text()
    assert main(["export", "--format", "json", "-o", str(tmp_path / "p.json")]) == 0
    rows = json.loads((tmp_path / "p.json").read_text())
    assert len({r["provision"] for r in rows}) == len(corpus.provisions)
    assert main(["export", "--format", "html", "-o", str(tmp_path / "c.html")]) == 0
    page = (tmp_path / "c.html").read_text()
    assert "mou-khm-mys-2015-dw-contract Appendix B" in page and "(restricts)" in page
    assert main(["export", "--format", "yaml", "-o", str(tmp_path / "copy")]) == 0
    import dutymap as dm

    assert dm.load(tmp_path / "copy", builtin=False) == corpus


def test_help_mentions_every_command():
    out = run("--help")
    for cmd in ("summary", "validate", "show", "export"):
        assert cmd in out.stdout
