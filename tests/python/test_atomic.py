"""Nothing lost: a save killed at any moment leaves the target folder whole (the old content or the
new, never a mix or a half-written file), leftovers of a killed save do not break loading, and a
failed load leaves a loaded corpus as it was."""

from __future__ import annotations

import os
import pickle
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

import dutymap as dm

DATA = Path(__file__).resolve().parents[1] / "data"
BUILTIN = dm.builtin()
# The child processes import dutymap exactly as this test does.
ENV = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p), PYTHONDONTWRITEBYTECODE="1")

SAVE_IN_A_LOOP = """
import sys
import dutymap as dm
corpus = dm.builtin()
corpus.save(sys.argv[1], overwrite=True)
print("ready", flush=True)
while True:
    corpus.save(sys.argv[1], overwrite=True)
"""


def export_command(target: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "dutymap", "export", "--format", "yaml", "-o", str(target) + "".join(extra),
            "--overwrite"]


def read_tree(folder: Path) -> dict[str, bytes]:
    """Every file below the folder, hidden ones included, by relative path."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The files of a clean save of the built-in corpus."""
    folder = tmp_path_factory.mktemp("reference") / "corpus"
    BUILTIN.save(folder)
    return read_tree(folder)


def assert_whole(target: Path, reference: dict[str, bytes], when: str) -> None:
    """The target holds exactly the files of a complete save, and loads as the built-in corpus."""
    assert target.is_dir(), f"{when}: the target folder is gone; beside it: {sorted(os.listdir(target.parent))}"
    files = read_tree(target)
    assert sorted(files) == sorted(reference), f"{when}: the target holds other files than a complete save"
    for name, body in reference.items():
        assert files[name] == body, f"{when}: {name} is not the file a complete save writes"
    assert dm.load(target, builtin=False) == BUILTIN, when


def strays(target: Path) -> list[str]:
    return sorted(p.name for p in target.parent.iterdir() if p.name != target.name)


# ---------------------------------------------------------------------------------------------
# a. Corpus.save killed at random moments
# ---------------------------------------------------------------------------------------------
def test_a_save_killed_at_random_moments_leaves_the_folder_whole(tmp_path, reference):
    target = tmp_path / "out" / "corpus"
    BUILTIN.save(target)
    rng = random.Random()
    seed = rng.randrange(1 << 30)
    rng.seed(seed)
    for kill in range(8):
        child = subprocess.Popen([sys.executable, "-c", SAVE_IN_A_LOOP, str(target)], stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, env=ENV)
        try:
            line = child.stdout.readline()
            assert line == b"ready\n", child.stderr.read().decode()
            delay = rng.uniform(0.0, 0.25)
            time.sleep(delay)
        finally:
            child.send_signal(signal.SIGKILL)
            child.wait()
            child.stdout.close()
            child.stderr.close()
        assert_whole(target, reference, f"kill {kill} after {delay:.3f} s (seed {seed})")
    # Leftovers of the killed saves lie beside the target, never in it; neither loading the target
    # nor saving over it again is disturbed by them.
    assert all(name.startswith(".corpus.") for name in strays(target)), strays(target)
    BUILTIN.save(target, overwrite=True)
    assert_whole(target, reference, "a save after the kills")


# ---------------------------------------------------------------------------------------------
# b. the command-line export killed at random moments
# ---------------------------------------------------------------------------------------------
def test_the_command_line_export_killed_at_random_moments_leaves_the_folder_whole(tmp_path, reference):
    target = tmp_path / "out" / "corpus"
    start = time.monotonic()
    done = subprocess.run(export_command(target), capture_output=True, text=True, env=ENV)
    took = time.monotonic() - start
    assert done.returncode == 0, done.stderr
    assert_whole(target, reference, "the first export")
    rng = random.Random()
    seed = rng.randrange(1 << 30)
    rng.seed(seed)
    for kill in range(8):
        child = subprocess.Popen(export_command(target), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                 env=ENV)
        # The save is the last part of an export: aim most kills at it.
        delay = rng.uniform(0.5 * took, 1.1 * took)
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        child.wait()
        assert_whole(target, reference, f"kill {kill} after {delay:.3f} s of {took:.3f} s (seed {seed})")
    done = subprocess.run(export_command(target), capture_output=True, text=True, env=ENV)
    assert done.returncode == 0, done.stderr
    assert_whole(target, reference, "an export after the kills")


# ---------------------------------------------------------------------------------------------
# a and b, deterministically: killed at each step that moves a folder
# ---------------------------------------------------------------------------------------------
def _strace() -> str | None:
    strace = shutil.which("strace")
    if strace is None:
        return None
    ok = subprocess.run([strace, "-f", "-qq", "-o", os.devnull, "true"], capture_output=True)
    return strace if ok.returncode == 0 else None


STRACE = _strace()
RENAMES = "rename,renameat,renameat2"
SAVE_ONCE = "import sys, dutymap as dm; dm.builtin().save(sys.argv[1], overwrite=True)"


@pytest.mark.skipif(STRACE is None, reason="needs strace, allowed to trace child processes")
@pytest.mark.parametrize("how", ["save", "export"])
def test_a_save_killed_at_each_rename_leaves_the_folder_whole(tmp_path, reference, how):
    """The save writes each file and then moves folders into place by renaming: the child is
    killed just before each of the last renames (those that move the folders), and before a
    few of the file renames."""
    target = tmp_path / "out" / "corpus"
    BUILTIN.save(target)
    command = [sys.executable, "-c", SAVE_ONCE, str(target)] if how == "save" else export_command(target)
    log = tmp_path / "renames.log"
    subprocess.run([STRACE, "-f", "-qq", "-o", str(log), "-e", f"trace={RENAMES}", *command], env=ENV, check=True)
    renames = [line for line in log.read_text().splitlines() if "rename" in line and line.rstrip().endswith("= 0")]
    assert len(renames) >= 3, renames
    last = len(renames)
    broken = []
    for n in sorted({1, last // 2, last - 2, last - 1, last}):
        subprocess.run([STRACE, "-f", "-qq", "-o", os.devnull, "-e", f"trace={RENAMES}",
                        "-e", f"inject={RENAMES}:signal=KILL:when={n}", *command], env=ENV,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            assert_whole(target, reference, f"killed just before rename {n} of {last}, "
                                            f"{renames[n - 1].split(' ', 1)[1].rsplit(' = ', 1)[0]}")
        except AssertionError as e:
            broken.append(str(e).splitlines()[0])
            BUILTIN.save(target, overwrite=True)  # start the next kill from a whole folder
    assert not broken, "\n".join(broken)


# ---------------------------------------------------------------------------------------------
# Saving over a folder named with a final slash
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("how", ["save", "export"])
def test_saving_over_a_folder_given_with_a_final_slash_keeps_it_whole(tmp_path, reference, how):
    target = tmp_path / "corpus"
    BUILTIN.save(target)
    if how == "save":
        try:
            BUILTIN.save(str(target) + os.sep, overwrite=True)
        except (RuntimeError, OSError, ValueError):
            pass  # refusing is acceptable; leaving the folder broken is not
    else:
        subprocess.run(export_command(target, os.sep), capture_output=True, env=ENV)
    assert_whole(target, reference, f"after saving to `{target}{os.sep}`")
    assert strays(target) == []


def test_saving_to_a_new_folder_given_with_a_final_slash_creates_it(tmp_path, reference):
    target = tmp_path / "new"
    BUILTIN.save(str(target) + os.sep)
    assert_whole(target, reference, f"after saving to `{target}{os.sep}`")


# ---------------------------------------------------------------------------------------------
# c. a failed load leaves a loaded corpus as it was
# ---------------------------------------------------------------------------------------------
DRAFT = """\
instrument:
  id: mou-khm-tha-2031
  title: Draft revision of the Cambodia-Thailand MOU
  kind: mou
  text: full
  level: bilateral
  parties: [KHM, THA]
  adopted: 2031-06-01
  supersedes: mou-khm-tha-2015
  source: draft of 1 June 2031
  provisions:
    - article: "5(1)"
      summary: No recruitment fee or related cost is charged to the worker.
      modality: prohibition
      strength: shall
      bearers: [recruitment_agency, employer]
      stages: [pre_departure]
      topics: [recruitment.fees]
      provenance: {coded_from: text, source: draft Art. 5(1), confidence: high}
"""

BROKEN = {
    "syntax.yaml": "instrument: [broken\n",
    "unknown-key.yaml": DRAFT.replace("  kind: mou\n  text: full\n", "  kind: mou\n  text: full\n  colour: blue\n"),
    "same-id.yaml": DRAFT,  # the same id again, without `replaces: true`
    "bad-topic.yaml": DRAFT.replace("mou-khm-tha-2031", "mou-khm-tha-2032").replace("recruitment.fees", "fees"),
    "not-utf8.yaml": "instrument:\n  id: caf\xe9\n",
    "empty.yaml": "",
}


def test_a_failed_load_leaves_a_loaded_corpus_fully_usable(tmp_path):
    (tmp_path / "draft").mkdir()
    (tmp_path / "draft" / "mou.yaml").write_text(DRAFT, encoding="utf-8")
    corpus = dm.load(tmp_path / "draft")
    copy = pickle.loads(pickle.dumps(corpus))
    question = dict(profile="khm-lmp-2014-mou-minimum", as_of="2032-01-01")
    before = corpus.gaps("KHM", "THA", **question).to_pandas()
    statuses = corpus.instrument_statuses("KHM", "THA", as_of="2032-01-01")

    for name, body in BROKEN.items():
        path = tmp_path / "broken" / name
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(body.encode("latin-1") if name == "not-utf8.yaml" else body.encode("utf-8"))
        attempts = {"over the draft": lambda: dm.load(path, base=corpus),
                    "after the draft": lambda: dm.load(tmp_path / "draft", path),
                    "added to a scenario": lambda: corpus.scenario().add(path)}
        if name != "same-id.yaml":  # the others are broken on their own too
            attempts["alone"] = lambda: dm.load(path)
        for how, attempt in attempts.items():
            with pytest.raises(dm.CorpusError):
                attempt()
                pytest.fail(f"{name} {how} loaded")
        assert corpus == copy, name
        pd.testing.assert_frame_equal(corpus.gaps("KHM", "THA", **question).to_pandas(), before)
        pd.testing.assert_frame_equal(corpus.instrument_statuses("KHM", "THA", as_of="2032-01-01"), statuses)
        assert corpus.revision_chain("mou-khm-tha-2031")[-2:] == ["mou-khm-tha-2015", "mou-khm-tha-2031"]
        assert BUILTIN == dm.load(), "the built-in corpus changed"

    # A failed save does not disturb it either.
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises((RuntimeError, OSError, ValueError)):
        corpus.save(blocker / "corpus")
    pd.testing.assert_frame_equal(corpus.gaps("KHM", "THA", **question).to_pandas(), before)
    corpus.save(tmp_path / "saved")
    assert dm.load(tmp_path / "saved", builtin=False) == corpus
