"""The HTML gap report, rendered by a real browser (headless Chromium), shows statuses and citations."""

from __future__ import annotations

import shutil
import subprocess

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")


def _page(tmp_path, corpus):
    report = corpus.gaps("KHM", "MYS", profile="khm-lmp-2014-mou-minimum", sector="domestic_work", as_of="2017-12-31")
    path = tmp_path / "report.html"
    path.write_text(f"<!doctype html><html><head><meta charset='utf-8'></head><body>{report._repr_html_()}</body></html>",
                    encoding="utf-8")
    return path


def _chromium(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", *args],
                          capture_output=True, text=True, timeout=120)


def test_browser_dom_shows_statuses_and_citations(tmp_path, corpus):
    page = _page(tmp_path, corpus)
    out = _chromium("--dump-dom", page.as_uri())
    assert out.returncode == 0, out.stderr
    dom = out.stdout
    for text in ("conflict", "committed", "gap", "unknown", "mou-khm-mys-2015-dw-contract Appendix B",
                 "working_time.weekly_rest", "Evidence index 30%", "not read in full (text: described)"):
        assert text in dom


def test_browser_renders_the_status_colours(tmp_path, corpus):
    import matplotlib.image

    from dutymap._vocabulary import STATUS_COLOURS

    page = _page(tmp_path, corpus)
    shot = tmp_path / "shot.png"
    out = _chromium(f"--screenshot={shot}", "--window-size=1400,2400", page.as_uri())
    assert out.returncode == 0 and shot.exists(), out.stderr
    pixels = (matplotlib.image.imread(shot)[..., :3] * 255).round().astype(int)
    colours = {tuple(int(c[i:i + 2], 16) for i in (1, 3, 5)) for c in STATUS_COLOURS.values()}
    seen = {tuple(p) for p in pixels.reshape(-1, 3)[::7]}
    for status in ("conflict", "committed", "unknown", "gap"):
        c = STATUS_COLOURS[status]
        rgb = tuple(int(c[i:i + 2], 16) for i in (1, 3, 5))
        assert any(max(abs(a - b) for a, b in zip(rgb, px)) <= 3 for px in seen), status
    assert colours
