"""kg query --data FILE loads an RDF file into a cached on-disk store once (kg/cache.py)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

import kg.cache
import kg.store
from kg.cache import cache_dir, entries
from kg.errors import DataError
from kg.query import run_query
from kg.store import open_data

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s <urn:p> ?o }"


@pytest.fixture(autouse=True)
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    d = tmp_path / "cache"
    monkeypatch.setenv("KG_CACHE_DIR", str(d))
    return d


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The files parsed into a store (kg.store.load_file), spied."""
    seen: list[Path] = []
    real = kg.store.load_file

    def spy(store: object, path: Path, fmt: object) -> None:
        seen.append(path)
        real(store, path, fmt)  # type: ignore[arg-type]

    monkeypatch.setattr(kg.store, "load_file", spy)
    return seen


def nt(path: Path, n: int) -> Path:
    path.write_text("".join(f"<urn:s{i}> <urn:p> <urn:o{i}> .\n" for i in range(n)), encoding="utf-8")
    return path


def new_process() -> None:
    """Let go of the entries this process reads, as a process that ends does."""
    while kg.cache._READERS:
        os.close(kg.cache._READERS.popitem()[1])


def count(path: Path) -> str:
    return run_query(COUNT, open_data(path, cache=True)).splitlines()[1]


def test_second_query_reads_the_cache_without_parsing(tmp_path: Path, loads: list[Path]) -> None:
    f = nt(tmp_path / "g.nt", 3)
    assert count(f) == "3"
    assert count(f) == "3"
    assert loads == [f]
    assert [e.source for e in entries()] == [str(f.resolve())]


def test_a_copy_of_the_file_shares_its_entry(tmp_path: Path, loads: list[Path]) -> None:
    f = nt(tmp_path / "g.nt", 3)
    (tmp_path / "copy.nt").write_bytes(f.read_bytes())
    assert count(f) == count(tmp_path / "copy.nt") == "3"
    assert len(loads) == 1  # the key is the content's hash, not the name


def test_a_changed_file_is_read_again(tmp_path: Path, loads: list[Path]) -> None:
    f = nt(tmp_path / "g.nt", 3)
    assert count(f) == "3"
    nt(f, 5)
    assert count(f) == "5"
    assert len(loads) == 2


def test_same_size_same_mtime_but_new_content_is_read_again(tmp_path: Path) -> None:
    """Even a writer that puts the old mtime back cannot hide a change: the key is the content's hash, and a
    stat record also holds the ctime."""
    f = tmp_path / "g.nt"
    f.write_text("<urn:s> <urn:p> <urn:a> .\n", encoding="utf-8")
    old = time.time_ns() - 10**10
    os.utime(f, ns=(old, old))
    assert run_query("SELECT ?o WHERE { ?s <urn:p> ?o }", open_data(f, cache=True)).splitlines()[1] == "urn:a"
    assert list((cache_dir() / "stat").iterdir())  # the hash is remembered for this (inode, size, mtime, ctime)
    f.write_text("<urn:s> <urn:p> <urn:b> .\n", encoding="utf-8")
    os.utime(f, ns=(old, old))
    assert run_query("SELECT ?o WHERE { ?s <urn:p> ?o }", open_data(f, cache=True)).splitlines()[1] == "urn:b"


def test_an_unchanged_old_file_is_not_hashed_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    f = nt(tmp_path / "g.nt", 2)
    old = time.time_ns() - 10**10
    os.utime(f, ns=(old, old))
    hashed: list[Path] = []
    real = kg.cache.content_key
    monkeypatch.setattr(kg.cache, "content_key", lambda p, fmt: hashed.append(p) or real(p, fmt))
    assert count(f) == count(f) == "2"
    assert hashed == [f]


@pytest.mark.parametrize("damage", ["meta", "current", "manifest", "store-gone"])
def test_a_damaged_entry_is_built_again(tmp_path: Path, loads: list[Path], damage: str) -> None:
    f = nt(tmp_path / "g.nt", 4)
    assert count(f) == "4"
    entry = next(p for p in (cache_dir() / "stores").iterdir() if p.is_dir() and not p.name.startswith("."))
    new_process()
    if damage == "meta":
        (entry / "meta.json").write_text("{not json", encoding="utf-8")
    elif damage == "current":
        (entry / "store" / "CURRENT").write_text("MANIFEST-999999\n", encoding="utf-8")
    elif damage == "manifest":
        for m in (entry / "store").glob("MANIFEST-*"):
            m.write_bytes(b"\0garbage" * 8)
    else:
        import shutil

        shutil.rmtree(entry / "store")
    assert count(f) == "4"
    assert len(loads) == 2


def test_no_cache_writes_nothing(tmp_path: Path) -> None:
    f = nt(tmp_path / "g.nt", 2)
    assert run_query(COUNT, open_data(f)).splitlines()[1] == "2"
    assert not cache_dir().exists()


def test_a_bad_file_is_one_error_and_leaves_no_entry(tmp_path: Path) -> None:
    f = tmp_path / "bad.ttl"
    f.write_text("<urn:s> <urn:p> .\n", encoding="utf-8")
    with pytest.raises(DataError, match="E406"):
        open_data(f, cache=True)
    assert entries() == []
    assert not [p for p in (cache_dir() / "stores").iterdir() if p.name.startswith(".tmp-")]


def test_the_cache_keeps_the_most_recently_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_CACHE_ENTRIES", "2")
    files = [nt(tmp_path / f"g{n}.nt", n) for n in (1, 2, 3)]
    for f in files:
        count(f)
        new_process()
        time.sleep(0.02)
    kept = {e.source for e in entries()}
    assert kept == {str(files[1].resolve()), str(files[2].resolve())}


def test_same_results_with_and_without_the_cache(tmp_path: Path) -> None:
    f = tmp_path / "g.trig"
    f.write_text("<urn:g> { <urn:a> <urn:p> <urn:b> . } <urn:c> <urn:p> <urn:d> .\n", encoding="utf-8")
    for q in ("SELECT ?s ?o WHERE { ?s <urn:p> ?o } ORDER BY ?s",
              "SELECT ?g ?s WHERE { GRAPH ?g { ?s <urn:p> ?o } } ORDER BY ?g",
              "SELECT ?c WHERE { ?c a owl:Class } ORDER BY ?c LIMIT 3"):
        assert run_query(q, open_data(f, cache=True)) == run_query(q, open_data(f))


def test_concurrent_first_queries_build_one_entry(tmp_path: Path, cache: Path) -> None:
    f = nt(tmp_path / "g.nt", 2000)
    env = {**os.environ, "KG_CACHE_DIR": str(cache)}
    procs = [subprocess.Popen([sys.executable, "-m", "kg", "query", COUNT, "--data", str(f), "--format", "csv"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env) for _ in range(3)]
    results = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], results
    assert all(out.splitlines()[1] == "2000" for out, _ in results)
    assert len(entries()) == 1
    assert not [p for p in (cache / "stores").iterdir() if p.name.startswith((".tmp-", ".trash-"))]


def test_cli_no_cache_and_cache_clear(tmp_path: Path, cache: Path) -> None:
    f = nt(tmp_path / "g.nt", 2)
    env = {**os.environ, "KG_CACHE_DIR": str(cache)}

    def kg(*args: str) -> str:
        p = subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, env=env, timeout=60)
        assert p.returncode == 0, p.stderr
        return p.stdout

    assert kg("query", COUNT, "--data", str(f), "--format", "csv", "--no-cache").splitlines()[1] == "2"
    assert not cache.exists()
    kg("query", COUNT, "--data", str(f), "--format", "csv")
    assert "1 stores" in kg("cache", "list")
    assert "removed 1 stores" in kg("cache", "clear")
    assert entries() == []
