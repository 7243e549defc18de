"""The store back-ends without a server: --store memory writes the bytes of a disk build and adds to
(and is added to by) disk builds; --store values and SPARQL endpoint URLs are read or refused with a
code; an endpoint that does not answer is a one-line error without the password. The remote store
against a real server: tests/remote/."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from spacy.language import Language

from kg.errors import DataError, InputError, OutputError
from kg.pipeline import build, remove
from kg.query import run_query
from kg.stores import Endpoint, parse_store
from tests.test_build import files, jsonl


@pytest.mark.model
def test_a_memory_build_writes_the_bytes_of_a_disk_build(nlp: Language, tmp_path: Path) -> None:
    src = jsonl(tmp_path, "abc", ["a", "b", "c"])
    build([src], out=tmp_path / "disk", nlp=nlp)
    res = build([src], out=tmp_path / "mem", nlp=nlp, store="memory")
    assert files(tmp_path / "mem") == files(tmp_path / "disk")
    assert (tmp_path / "mem" / "graph.html").read_bytes() == (tmp_path / "disk" / "graph.html").read_bytes()
    assert not (tmp_path / "mem" / "store").exists() and tmp_path / "mem" / "store" not in res.files
    assert not list((tmp_path / "mem" / ".kg").glob("v-*/store")) and not list((tmp_path / "mem").rglob("scratch*"))
    for q in ("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "SELECT ?g ?id WHERE { GRAPH ?g { ?g dcterms:identifier ?id } }",
              "SELECT ?label WHERE { kg:Person rdfs:label ?label }"):
        assert sorted(run_query(q, tmp_path / "mem").splitlines()) == sorted(run_query(q, tmp_path / "disk").splitlines())


@pytest.mark.model
def test_memory_and_disk_builds_add_to_each_other(nlp: Language, tmp_path: Path) -> None:
    build([jsonl(tmp_path, "abc", ["a", "b", "c"])], out=tmp_path / "once", html=False, nlp=nlp)
    for first, then in (("memory", "disk"), ("disk", "memory")):
        out = tmp_path / f"{first}-{then}"
        build([jsonl(tmp_path, "cb", ["c", "b"])], out=out, html=False, nlp=nlp, store=first)
        res = build([jsonl(tmp_path, "a", ["a"])], out=out, html=False, nlp=nlp, store=then)
        assert (res.documents, res.total) == (1, 3)
        assert files(out) == files(tmp_path / "once"), (first, then)
    out = tmp_path / "disk-memory"
    res = remove(["c"], data=out, store="memory")
    assert res.documents == 2 and b"doc/c>" not in (out / "graph.trig").read_bytes()
    assert not (out / "store").exists()


@pytest.mark.parametrize(("value", "code"), [
    ("rocksdb", "E420"), ("http://127.0.0.1:8890/sparql", "E420"), ("sparql+http:///sparql", "E421"),
    ("sparql+http://h:99999/sparql", "E421"), ("sparql+http://h/sparql?graph=x", "E421"),
    ("sparql+ftp://u:pw@h/sparql", "E420"),
])
def test_a_bad_store_is_refused_with_a_code(value: str, code: str) -> None:
    with pytest.raises(InputError, match=code) as e:
        parse_store(value)
    assert ":pw@" not in str(e.value)


def test_an_endpoint_url_names_its_query_update_and_graph_store_endpoints(monkeypatch: pytest.MonkeyPatch) -> None:
    e = Endpoint.parse("sparql+https://h:8443/sparql-auth?update=/sparql-auth&gsp=/sparql-graph-crud-auth")
    assert (e.query_url, e.update_url, e.gsp_url) == ("https://h:8443/sparql-auth", "https://h:8443/sparql-auth",
                                                       "https://h:8443/sparql-graph-crud-auth")
    e = Endpoint.parse("sparql+http://h/ds/query?update=update&gsp=http://other:3030/ds/data")
    assert (e.query_url, e.update_url, e.gsp_url) == ("http://h/ds/query", "http://h/ds/update",
                                                       "http://other:3030/ds/data")
    assert (e.user, e.password) == (None, None)
    monkeypatch.setenv("KG_SPARQL_USER", "ann")
    monkeypatch.setenv("KG_SPARQL_PASSWORD", "s3cret")
    e = Endpoint.parse("sparql+http://h/sparql")
    assert (e.user, e.password) == ("ann", "s3cret") and "s3cret" not in e.shown + repr(e)
    e = Endpoint.parse("sparql+http://bob:p%40ss@h/sparql")  # the URL's credentials come first
    assert (e.user, e.password, e.shown, e.key) == ("bob", "p@ss", "sparql+http://bob:***@h/sparql",
                                                     "sparql+http://h/sparql")


def test_an_endpoint_that_does_not_answer_is_an_error_with_a_code() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        url = f"sparql+http://u:secret-pw@127.0.0.1:{s.getsockname()[1]}/sparql"
    with pytest.raises(DataError, match="E422") as e:
        run_query("ASK { }", url)
    with pytest.raises(OutputError, match="E610") as w:
        Endpoint.parse(url).update("INSERT DATA { }")
    assert "secret-pw" not in str(e.value) + str(w.value) and "u:***@" in str(e.value)


def test_commands_that_read_folders_refuse_a_server_with_a_code() -> None:
    from kg.store import export, load_graph

    for read in (lambda: load_graph("sparql+http://h/sparql"), lambda: export("sparql+https://h/sparql", "nt")):
        with pytest.raises(DataError, match="E427"):
            read()


@pytest.mark.parametrize(("text", "code"), [("INSERT DATA { <a:b> <a:c> <a:d> }", "E505"), ("SELEC ?s", "E501"),
                                            ("SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }", "E506")])
def test_a_query_a_server_must_not_get_is_refused_before_it_is_sent(text: str, code: str) -> None:
    from kg.errors import QueryError

    with pytest.raises(QueryError, match=code):
        run_query(text, "sparql+http://127.0.0.1:9/sparql")  # nothing is asked: port 9 would refuse
