"""Builds killed with SIGKILL (real processes): at each rename while a build switches its outputs
(strace injects the signal), and at moments spread over a build. The folder must always show one
whole state, whose store, graph.ttl and graph.trig agree, that `kg query` reads; the same build run
again completes it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyoxigraph as ox
import pytest

from tests.conftest import EXAMPLE

pytestmark = pytest.mark.model
KG = [sys.executable, "-m", "kg"]
ONTOLOGY = ox.NamedNode("https://w3id.org/kg/ontology")
IDENTIFIER = ox.NamedNode("http://purl.org/dc/terms/identifier")


@pytest.fixture(scope="module")
def strace() -> str:
    """Debian's strace, installed when missing (as .ci/run does): these tests never skip."""
    found = shutil.which("strace")
    if found is None and shutil.which("apt-get") is not None:
        subprocess.run(["apt-get", "update", "-qq"], capture_output=True, timeout=300)
        subprocess.run(["apt-get", "install", "-y", "-qq", "strace"], capture_output=True, timeout=300)
        found = shutil.which("strace")
    assert found, "strace is missing: install Debian's strace (apt-get install strace)"
    return found


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("in")
    text = EXAMPLE.read_text(encoding="utf-8")
    first, second = tmp / "first.jsonl", tmp / "second.jsonl"
    first.write_text(json.dumps({"id": "a", "text": text}) + "\n", encoding="utf-8")
    second.write_text("".join(json.dumps({"id": f"b{i}", "text": text.replace("NASA", "Orbex")}) + "\n"
                              for i in range(3)), encoding="utf-8")
    return first, second


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory, inputs: tuple[Path, Path]) -> Path:
    out = tmp_path_factory.mktemp("base") / "out"
    r = subprocess.run([*KG, "build", str(inputs[0]), "--out", str(out), "--no-html"], capture_output=True,
                       text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    return out


def state_of(out: Path) -> set[str]:
    """The documents of a folder after checking that its store, graph.ttl and graph.trig agree and
    that `kg query` reads it."""
    r = subprocess.run([*KG, "query", "SELECT ?id WHERE { ?d dcterms:identifier ?id }", "--data", str(out),
                        "--format", "csv"], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    ids = set(r.stdout.split()[1:])
    store = ox.Store.read_only(str(out / "store"))
    merged = {q.triple for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())}
    named = {q for q in store.quads_for_pattern(None, None, None, None)
             if not isinstance(q.graph_name, ox.DefaultGraph) and q.graph_name != ONTOLOGY}
    del store
    assert {q.triple for q in ox.parse(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE)} == merged
    assert {q for q in ox.parse(path=str(out / "graph.trig"), format=ox.RdfFormat.TRIG)
            if q.graph_name != ONTOLOGY} == named  # and kg's ontology in its graph (kg/store.py dataset_quads)
    assert {q.triple for q in named} == merged
    assert {q.object.value for q in named if q.predicate == IDENTIFIER} == ids
    return ids


OLD, NEW = {"a"}, {"a", "b0", "b1", "b2"}


def kill_at_rename(strace: str, base: Path, second: Path, out: Path, n: int) -> tuple[int, set[str]]:
    """Copies the old folder to `out`, builds `second` into it with SIGKILL injected at the n-th
    rename, and checks the folder. A killed build is then run again and must complete the folder and
    remove its leftovers. Returns the killed build's exit code and the documents it left."""
    shutil.copytree(base, out, symlinks=True)
    calls = "rename,renameat,renameat2"
    r = subprocess.run([strace, "-f", "-qq", "-o", "/dev/null", "-e", f"trace={calls}",
                        "-e", f"inject={calls}:signal=SIGKILL:when={n}",
                        *KG, "build", str(second), "--out", str(out), "--no-html"],
                       capture_output=True, text=True, timeout=300)
    ids = state_of(out)
    if r.returncode != 0:
        again = subprocess.run([*KG, "build", str(second), "--out", str(out), "--no-html"],
                               capture_output=True, text=True, timeout=300)
        assert again.returncode == 0, (n, again.stderr)
        assert state_of(out) == NEW, n
        assert len([d for d in (out / ".kg").iterdir() if d.name.startswith("v-")]) == 1, n  # leftovers removed
    shutil.rmtree(out)
    return r.returncode, ids


def test_a_kill_at_each_rename_leaves_a_whole_folder(strace: str, base: Path, inputs: tuple[Path, Path],
                                                     tmp_path: Path) -> None:
    # Two kill points at a time (strace slows a build twofold; the machine has two cores), until the
    # build outlives every rename.
    seen = {"killed": 0, "old": 0, "new": 0}
    with ThreadPoolExecutor(max_workers=2) as pool:
        for first in range(1, 60, 2):
            batch = [(n, pool.submit(kill_at_rename, strace, base, inputs[1], tmp_path / f"o{n}", n))
                     for n in (first, first + 1)]
            done = False
            for n, future in batch:
                code, ids = future.result()
                assert ids in (OLD, NEW), (n, ids)
                if code == 0:
                    assert ids == NEW, n
                    done = True
                else:
                    seen["killed"] += 1
                    seen["old" if ids == OLD else "new"] += 1
            if done:
                break
        else:
            pytest.fail("the build was killed at every one of 60 renames")
    assert seen["killed"] >= 3 and seen["old"] >= 1, seen  # the kills did land while outputs were switched


def test_a_kill_at_any_moment_leaves_a_whole_folder(base: Path, inputs: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "timing"
    shutil.copytree(base, out, symlinks=True)
    t = time.monotonic()
    r = subprocess.run([*KG, "build", str(inputs[1]), "--out", str(out), "--no-html"], capture_output=True,
                       text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    took = time.monotonic() - t
    outcomes = []
    for k, frac in enumerate((0.3, 0.6, 0.8, 0.9, 0.95, 0.99)):
        out = tmp_path / f"k{k}"
        shutil.copytree(base, out, symlinks=True)
        p = subprocess.Popen([*KG, "build", str(inputs[1]), "--out", str(out), "--no-html"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(took * frac)
        p.kill()
        p.wait(timeout=60)
        ids = state_of(out)
        assert ids in (OLD, NEW), (frac, ids)
        outcomes.append(ids == NEW)
    assert not all(outcomes), "no kill landed before the build finished"


def test_queries_during_a_build_see_the_old_or_the_new_state(base: Path, inputs: tuple[Path, Path],
                                                            tmp_path: Path) -> None:
    from kg.query import run_query

    out = tmp_path / "busy"
    shutil.copytree(base, out, symlinks=True)
    p = subprocess.Popen([*KG, "build", str(inputs[1]), "--out", str(out), "--no-html"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seen = []
    while p.poll() is None:
        csv = run_query("SELECT ?id WHERE { ?d dcterms:identifier ?id }", out)
        seen.append(set(csv.split()[1:]))
    _, stderr = p.communicate(timeout=60)
    assert p.returncode == 0, stderr
    seen.append(set(run_query("SELECT ?id WHERE { ?d dcterms:identifier ?id }", out).split()[1:]))
    assert all(s in (OLD, NEW) for s in seen) and seen[0] == OLD and seen[-1] == NEW, seen
    assert len(seen) > 10
