import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.errors import QueryError
from kg.model import Document, Entity, Evidence, Extraction, Relation
from kg.query import construct, query_table, run_query
from kg.rdf import to_dataset
from kg.store import write_outputs

EV = Evidence(doc_id="a", sentence="s", start=0, end=1, rule="r", confidence=0.5)


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("build")
    xs = [Extraction(Document(id=d, text=""), (Entity("person/p", "P", "Person"), Entity("organization/o", "O", "SpaceAgency")),
                     (Relation("person/p", "heads", "organization/o", EV),)) for d in ("a", "b")]
    write_outputs(to_dataset(xs), out, html=False)
    return out


def test_union_default_graph_and_named_graphs(build: Path) -> None:
    t = query_table("SELECT DISTINCT ?s WHERE { ?s kg:heads ?o }", build)
    assert t.rows == [["res:person/p"]]
    t = query_table("SELECT ?id WHERE { GRAPH ?g { ?g dcterms:identifier ?id . ?s kg:heads ?o } } ORDER BY ?id", build)
    assert [r[0] for r in t.rows] == ["a", "b"]


def _build_at(base: str, out: Path) -> Path:
    x = Extraction(Document(id="a", text=""), (Entity("person/p", "P", "Person"),), ())
    write_outputs(to_dataset([x], base=base), out, html=False)
    return out


@pytest.mark.parametrize("query", [
    "SELECT ?s WHERE { ?s a kg:Person }",
    "SELECT ?s WHERE { res:person\\/p a ?c . BIND(res:person\\/p AS ?s) }",
    "SELECT ?s WHERE { ?s a owl:Class ; rdfs:label ?l FILTER(?s = kg:Person) }",
    "SELECT ?s WHERE { ?s a kg:Person ; prov:wasDerivedFrom* ?x ; skos:altLabel* ?y ; rdf:type ?t }",
])
def test_output_prefixes_need_no_declaration(build: Path, query: str) -> None:
    t = query_table(query, build)
    assert t.rows and t.rows[0][0] in ("res:person/p", "kg:Person"), t.rows


@pytest.mark.parametrize("base", ["https://example.org/news/", "https://w3id.org/kg/"])
def test_res_is_the_base_iri_of_the_build(tmp_path: Path, base: str) -> None:
    out = _build_at(base, tmp_path)
    assert run_query("ASK { res:person\\/p a kg:Person }", out) == "true\n"
    assert run_query(f"ASK {{ <{base}person/p> a kg:Person }}", out) == "true\n"
    # the longest namespace wins: under the base https://w3id.org/kg/ the class is still kg:Person
    assert query_table("SELECT ?s ?c WHERE { ?s a ?c FILTER(?c = kg:Person) }", out).rows == [["res:person/p", "kg:Person"]]


def test_a_declared_prefix_overrides_a_predefined_one(build: Path) -> None:
    q = "PREFIX res: <https://w3id.org/kg/ontology#>\nASK { ?s a res:Person }"
    assert run_query(q, build) == "true\n"


@pytest.mark.parametrize(("query", "data", "code", "says"), [
    ("SELECT ?s WHERE { ?s a foo:Person }", "build", "E507", "unknown prefix 'foo:'"),
    ("SELECT ?s WHERE {\n  ?s a kg:Person ;\n  foo:knows ?x }", "build", "E507", "unknown prefix 'foo:'"),
    ("SELECT ?s WHERE { ?s ?p \"1\"^^foo:int }", "build", "E507", "unknown prefix 'foo:'"),
    ("SELECT ?s WHERE { ?s a res:Person }", "file", "E507", "unknown prefix 'res:'"),
    ("SELEC ?s WHERE { ?s ?p ?o }", "build", "E501", "SELECT, CONSTRUCT, ASK or DESCRIBE, not 'SELEC'"),
    ("PREFIX a: <urn:a>\n# a comment\nASKK { ?s ?p ?o }", "build", "E501", "not 'ASKK'"),
    ("SELECT ?s WHERE { ?s ?p ?o . FILTR(?s) }", "build", "E501", "line 1, column 30: cannot read 'FILTR(?s) }'"),
    ("SELECT ?s WHERE { ?s ?p ?o ", "build", "E501", "the query ends too early"),
    ("ASK { res:person/p a kg:Person }", "build", "E501", "written \\/: res:person\\/p"),
])
def test_syntax_errors_say_what_is_wrong(build: Path, tmp_path: Path, query: str, data: str, code: str,
                                         says: str) -> None:
    (tmp_path / "g.ttl").write_text("<urn:a> <urn:b> <urn:c> .\n", encoding="utf-8")
    with pytest.raises(QueryError) as e:
        query_table(query, build if data == "build" else tmp_path / "g.ttl")
    msg = str(e.value)
    assert e.value.code == code and says in msg, msg
    assert "\n" not in msg and "..=" not in msg and "expected CONSTRUCT" not in msg and "OPTIONAL" not in msg, msg


def test_w3c_result_formats(build: Path) -> None:
    q = "SELECT ?l WHERE { ?s a kg:Person ; rdfs:label ?l }"
    assert run_query(q, build, fmt="csv").splitlines() == ["l", "P"]
    assert run_query(q, build, fmt="tsv").splitlines() == ["?l", '"P"']
    assert json.loads(run_query(q, build, fmt="json"))["results"]["bindings"][0]["l"]["value"] == "P"


def test_ontology_is_queryable(build: Path) -> None:
    t = query_table("SELECT ?l WHERE { kg:heads rdfs:label ?l }", build)
    assert t.rows == [["heads"]]


def test_updates_are_refused(build: Path) -> None:
    with pytest.raises(QueryError, match="E505"):
        run_query("PREFIX ex: <http://ex/>\nINSERT DATA { ex:a ex:b ex:c }", build)
    with pytest.raises(QueryError, match="E501"):
        run_query("SELECT ?x WHERE { ?x ", build)


def test_query_file(build: Path, tmp_path: Path) -> None:
    q = tmp_path / "q.rq"
    q.write_text("ASK { ?s kg:heads ?o }", encoding="utf-8")
    assert run_query(str(q), build) == "true\n"


@pytest.fixture
def listener() -> Iterator[tuple[int, list[bytes]]]:
    """A TCP listener on 127.0.0.1 that records every connection: a SERVICE call would reach it."""
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(8)
    srv.settimeout(0.2)
    hits: list[bytes] = []
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = srv.accept()
            except TimeoutError:
                continue
            with conn:
                conn.settimeout(1)
                try:
                    hits.append(conn.recv(4096) or b"(connected)")
                except OSError:
                    hits.append(b"(connected)")

    t = threading.Thread(target=serve, daemon=True)
    t.start()
    yield srv.getsockname()[1], hits
    stop.set()
    t.join()
    srv.close()


SERVICE_QUERIES = [
    "SELECT * WHERE {{ ?s kg:heads ?o SERVICE#comment\n<http://127.0.0.1:{port}/> {{ ?a ?b ?c }} }}",
    "PREFIX e: <http://127.0.0.1:{port}/>\nSELECT * WHERE {{ ?s kg:heads ?o SERVICE e:sparql {{ ?a ?b ?c }} }}",
    "select * where {{ ?s kg:heads ?o service silent <http://127.0.0.1:{port}/> {{ ?a ?b ?c }} }}",
    # a comment ended by a carriage return: a parser that ends comments only at \n would miss it
    "SELECT * WHERE {{ ?s kg:heads ?o # x\rSERVICE <http://127.0.0.1:{port}/> {{ ?a ?b ?c }}\n}}",
    "SELECT * WHERE {{ ?s kg:heads ?o FILTER EXISTS {{ SERVICE <http://127.0.0.1:{port}/> {{ ?a ?b ?c }} }} }}",
    # quoted triples: a query the checking parser cannot read is refused when it names SERVICE
    "SELECT * WHERE {{ << ?s kg:heads ?o >> ?p ?q SERVICE <http://127.0.0.1:{port}/> {{ ?a ?b ?c }} }}",
]


@pytest.mark.parametrize("template", SERVICE_QUERIES)
def test_service_is_refused_and_never_reached(build: Path, listener: tuple[int, list[bytes]], template: str) -> None:
    port, hits = listener
    q = template.format(port=port)
    for run in (lambda: run_query(q, build), lambda: query_table(q, build),
                lambda: construct(q.replace("SELECT *", "CONSTRUCT { ?s kg:heads ?o }")
                                   .replace("select *", "CONSTRUCT { ?s kg:heads ?o }"), build)):
        with pytest.raises(QueryError, match="E506"):
            run()
    time.sleep(0.3)
    assert hits == []


def test_service_inside_a_string_or_iri_is_only_text(build: Path) -> None:
    t = query_table('SELECT ?l WHERE { ?s a kg:Person ; rdfs:label ?l FILTER(?l != "SERVICE <x> { }") } '
                    "# SERVICE <http://127.0.0.1:9/> in a comment\n", build)
    assert t.rows == [["P"]]
    assert run_query("ASK { ?s ?p <urn:SERVICE> }", build) == "false\n"


def test_table_shows_control_characters_escaped(tmp_path: Path) -> None:
    data = tmp_path / "g.ttl"
    data.write_text('<urn:a> <urn:name> "Ann\\u001B[31m red\\u0000 \\u202Eevil" .\n', encoding="utf-8")
    t = query_table("SELECT ?n WHERE { ?s <urn:name> ?n }", data)
    assert t.rows == [["Ann\\x1b[31m red\\x00 \\u202eevil"]]
    assert run_query("SELECT ?n WHERE { ?s <urn:name> ?n }", data, fmt="csv").splitlines()[1] == "Ann\x1b[31m red\x00 \u202eevil"


ALL = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json"])
def test_row_limit_refuses_more_rows_and_keeps_the_bytes_of_fewer(build: Path, fmt: str) -> None:
    whole = run_query(ALL, build, fmt=fmt)
    n = len(query_table(ALL, build).rows)
    assert n > 10
    assert run_query(ALL, build, fmt=fmt, max_rows=n) == whole
    assert run_query(ALL, build, fmt=fmt, max_rows=n, timeout=30) == whole
    with pytest.raises(QueryError, match="E509 the result has more than 10 rows"):
        run_query(ALL, build, fmt=fmt, max_rows=10)


def test_row_limit_of_tables_and_graphs(build: Path) -> None:
    with pytest.raises(QueryError, match="E509"):
        query_table(ALL, build, max_rows=10)
    with pytest.raises(QueryError, match="E509"):
        run_query("CONSTRUCT WHERE { ?s ?p ?o }", build, max_rows=10)
    assert query_table("ASK { ?s ?p ?o }", build, max_rows=1, timeout=30).rows == [["true"]]


@pytest.fixture
def cross(tmp_path: Path) -> Path:
    """200 triples: a four-way cross product of them has 1.6 billion rows."""
    data = tmp_path / "cross.nt"
    data.write_text("".join(f'<urn:s{i}> <urn:p> "{i}" .\n' for i in range(200)), encoding="utf-8")
    return data


CROSS = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def test_timeout_stops_a_streaming_query_and_its_thread(cross: Path) -> None:
    from kg.query import abandoned_queries

    start = time.monotonic()
    with pytest.raises(QueryError, match="E508 the query ran longer than 0.5 s"):
        query_table(CROSS, cross, timeout=0.5)
    assert time.monotonic() - start < 3
    while abandoned_queries() and time.monotonic() - start < 5:
        time.sleep(0.05)
    assert not abandoned_queries(), "the query thread runs on after its timeout"


def test_a_construct_for_the_viewer_has_a_timeout_and_a_size_limit(cross: Path) -> None:
    from kg.query import abandoned_queries, construct

    start = time.monotonic()
    with pytest.raises(QueryError, match="E508"):
        construct("CONSTRUCT { ?a ?b ?j } WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }", cross, timeout=0.5)
    assert time.monotonic() - start < 3
    while abandoned_queries() and time.monotonic() - start < 5:
        time.sleep(0.05)
    with pytest.raises(QueryError, match="E509"):
        construct("CONSTRUCT WHERE { ?s ?p ?o }", cross, max_triples=10)
    assert len(construct("CONSTRUCT WHERE { ?s ?p ?o }", cross, max_triples=1_000_000, timeout=30)) >= 200
