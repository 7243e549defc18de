"""The remote store against a real Virtuoso server (tests/remote/conftest.py): a build written into the
server answers queries as the local build does; re-building a document replaces its graph, removing one
takes out what only it said; a failed remote build is repaired by running it again; errors are one line
with a code and never show the password."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from spacy.language import Language

from kg.errors import DataError, OutputError
from kg.pipeline import build, remove
from kg.query import run_query
from kg.store import ONTOLOGY_GRAPH
from kg.stores import MARKER, MERGED, Endpoint, _read_marker, parse_results
from tests.remote.conftest import Virtuoso
from tests.test_build import TEXTS, files, jsonl

pytestmark = [pytest.mark.remote, pytest.mark.model]
ROOT = Path(__file__).resolve().parents[2]
Triples = dict[str, set[str]]


def server_graphs(url: str) -> Triples:
    """kg's graphs on the server (the documents', MERGED's), each as a set of N-Triples lines."""
    endpoint = Endpoint.parse(url)
    _, body = endpoint.query("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }",
                             accept="application/sparql-results+json")
    out: Triples = {}
    for row in parse_results(body, "application/sparql-results+json", endpoint):  # type: ignore[union-attr]
        g = row["g"].value
        if g == MERGED.value or "/doc/" in g:
            out.setdefault(g, set()).add(str(ox.Triple(row["s"], row["p"], row["o"])))
    return out


def local_graphs(out: Path) -> Triples:
    """The same of a build folder: its documents' named graphs, and its default graph as MERGED."""
    store = ox.Store.read_only(str(out / "store"))
    got: Triples = {}
    for q in store.quads_for_pattern(None, None, None, None):
        if q.graph_name == ONTOLOGY_GRAPH:
            continue
        g = MERGED.value if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value  # type: ignore[union-attr]
        got.setdefault(g, set()).add(str(q.triple))
    return got


def test_a_build_into_the_server_answers_as_the_local_build(nlp: Language, virtuoso: Virtuoso, tmp_path: Path) -> None:
    src = jsonl(tmp_path, "abc", ["a", "b", "c"])
    build([src], out=tmp_path / "local", html=False, nlp=nlp)
    url = virtuoso.url()
    build([src], out=tmp_path / "remote", html=False, nlp=nlp, store=url)
    assert files(tmp_path / "remote") == files(tmp_path / "local")
    assert server_graphs(url) == local_graphs(tmp_path / "local")
    queries = [*sorted(str(p) for p in (ROOT / "queries").glob("*.rq")),
               "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
               "SELECT ?label WHERE { kg:Person rdfs:label ?label }",  # the ontology is in the default graph
               "SELECT ?d WHERE { ?d dcterms:identifier 'b' }",  # res: in the answer
               "SELECT ?n WHERE { res:person\\/mara-quill skos:altLabel ?n }",  # res: in the query
               "ASK { ?s a kg:Person }", "ASK { ?s a kg:Nothing }",
               "CONSTRUCT { ?s a kg:Person } WHERE { ?s a kg:Person }"]
    plain = virtuoso.url("/sparql", credentials=None)  # reading needs no credentials
    for q in queries:
        fmt = "json" if q.startswith("ASK") else "csv"
        here = run_query(q, tmp_path / "local", fmt=fmt, timeout=60)
        there = run_query(q, plain, fmt=fmt, timeout=60)
        assert sorted(there.splitlines()) == sorted(here.splitlines()), q
    assert run_query("ASK { ?s a kg:Person }", plain, fmt="csv") == "true\n"


@pytest.mark.parametrize("how", ["gsp", "granted"])  # other tests write with SPARQL Update through /sparql-auth
def test_rebuilding_a_document_replaces_its_graph_on_the_server(nlp: Language, virtuoso: Virtuoso, tmp_path: Path,
                                                                how: str) -> None:
    url = {"update": virtuoso.url(),
           "gsp": virtuoso.url(gsp="/sparql-graph-crud-auth"),
           "granted": virtuoso.url("/sparql", credentials=None)}[how]  # the SPARQL user may update (granted)
    out = tmp_path / "o"
    build([jsonl(tmp_path, "ab", ["a", "b"])], out=out, html=False, nlp=nlp, store=url)
    changed = {**TEXTS, "a": "Orbex chief Mara Quill met Ann Moro in Lakeville."}
    build([jsonl(tmp_path, "a2", ["a"], changed)], out=out, html=False, nlp=nlp, store=url)
    graphs = server_graphs(url)
    assert graphs == local_graphs(out)
    assert not any("tom-reed" in t for t in graphs[MERGED.value])  # no stale triple of the old text
    assert len(graphs) == 3  # a, b and MERGED: no duplicate graph
    build([jsonl(tmp_path, "a3", ["a"], changed)], out=out, html=False, nlp=nlp, store=url)
    assert server_graphs(url) == graphs  # the same build again changes nothing


def test_remove_takes_the_document_and_what_only_it_said_off_the_server(nlp: Language, virtuoso: Virtuoso,
                                                                        tmp_path: Path) -> None:
    url = virtuoso.url()
    out = tmp_path / "o"
    build([jsonl(tmp_path, "abc", ["a", "b", "c"])], out=out, html=False, nlp=nlp, store=url)
    remove(["c"], data=out, store=url)
    graphs = server_graphs(url)
    assert graphs == local_graphs(out)
    assert len(graphs) == 3 and not any("Kestrel" in t for t in graphs[MERGED.value])
    assert any("tom-reed" in t for t in graphs[MERGED.value])  # b and a still say it
    fresh = tmp_path / "fresh"  # another folder's first build: the server becomes its replica
    build([jsonl(tmp_path, "c", ["c"])], out=fresh, html=False, nlp=nlp, store=url)
    assert server_graphs(url) == local_graphs(fresh) and len(local_graphs(fresh)) == 2


def test_a_failed_remote_build_is_repaired_by_running_it_again(nlp: Language, virtuoso: Virtuoso, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    url = virtuoso.url()
    out = tmp_path / "o"
    build([jsonl(tmp_path, "a", ["a"])], out=out, html=False, nlp=nlp, store=url)
    before = files(out)
    real, calls = Endpoint.update, []

    def fails_midway(self: Endpoint, text: str) -> None:
        calls.append(text)
        if len(calls) == 4:  # after the check and two requests of the build
            raise OutputError("E613", "the SPARQL endpoint failed (HTTP 500)")
        real(self, text)

    monkeypatch.setattr(Endpoint, "update", fails_midway)
    monkeypatch.setattr("kg.stores.CHUNK", 50)  # many small requests
    with pytest.raises(OutputError, match="E613"):
        build([jsonl(tmp_path, "bc", ["b", "c"])], out=out, html=False, nlp=nlp, store=url)
    monkeypatch.undo()
    assert len(calls) == 4 and server_graphs(url) != local_graphs(out)  # the server holds half of it
    assert files(out) == before  # the folder is as it was
    assert _read_marker(out)["state"] is None  # and knows that the server is not
    build([jsonl(tmp_path, "bc", ["b", "c"])], out=out, html=False, nlp=nlp, store=url)
    assert server_graphs(url) == local_graphs(out)
    assert (out / ".kg" / MARKER).is_file() and _read_marker(out)["state"] is not None


@pytest.mark.parametrize(("url", "code"), [
    ("down", "E422"),  # nothing listens there
    ("sparql+http://{origin}/no-such-endpoint", "E424"),
    ("sparql+http://dba:not-the-password@{origin}/sparql-auth", "E423"),
])
def test_server_errors_have_a_code_and_come_before_any_work(nlp: Language, virtuoso: Virtuoso, tmp_path: Path,
                                                            url: str, code: str) -> None:
    if url == "down":
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            url = f"sparql+http://dba:not-the-password@127.0.0.1:{s.getsockname()[1]}/sparql"
    url = url.format(origin=virtuoso.origin)
    with pytest.raises(DataError, match=code) as e:
        run_query("SELECT * WHERE { ?s ?p ?o } LIMIT 1", url, timeout=30)
    assert "not-the-password" not in str(e.value)
    with pytest.raises(DataError, match=code) as e:
        build([jsonl(tmp_path, "a", ["a"])], out=tmp_path / "o", html=False, nlp=nlp, store=url)
    assert "not-the-password" not in str(e.value)
    assert not (tmp_path / "o").exists()  # refused before any work


def test_the_command_line_says_a_refusal_in_one_line_without_the_password(virtuoso: Virtuoso) -> None:
    url = virtuoso.url(credentials="dba:not-the-password")
    r = subprocess.run([sys.executable, "-m", "kg", "query", "ASK { ?s ?p ?o }", "--data", url], capture_output=True,
                       text=True, timeout=120)
    assert r.returncode == 1
    assert r.stderr.startswith("error: E423 ") and r.stderr.count("\n") == 1, r.stderr
    assert "not-the-password" not in r.stderr + r.stdout


def test_a_user_who_may_not_write_is_told_so(nlp: Language, virtuoso: Virtuoso, tmp_path: Path) -> None:
    url = virtuoso.url("/sparql-auth", credentials=None)  # /sparql-auth asks for credentials
    with pytest.raises((DataError, OutputError), match="E423|E611") as e:
        build([jsonl(tmp_path, "a", ["a"])], out=tmp_path / "o", html=False, nlp=nlp, store=url)
    assert "KG_SPARQL_USER" in str(e.value)
