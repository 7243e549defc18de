"""kg serve against real clients: a server on 127.0.0.1 (a free port) in a thread of the test, and once
the `kg serve` command in a subprocess. The data is a small build written without the spaCy model."""

import csv
import io
import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, TURTLE, XML, SPARQLWrapper

from kg.model import Document, Entity, Evidence, Extraction, Relation
from kg.rdf import to_dataset
from kg.serve import Settings, running
from kg.store import write_outputs
from tests.test_query import CROSS, SERVICE_QUERIES, listener  # noqa: F401 (a fixture)

BASE = "http://ex.org/"
EV = Evidence(doc_id="a", sentence="s", start=0, end=1, rule="r", confidence=0.5)
HEADS = "SELECT ?p ?o WHERE { ?p kg:heads ?o } ORDER BY ?p"


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two documents: Vela Stroud heads Corvane, Odo Brask heads Talmet (written for these tests)."""
    out = tmp_path_factory.mktemp("build")
    xs = [Extraction(Document(id="a", text=""), (Entity("person/vela-stroud", "Vela Stroud", "Person"),
                                                 Entity("organization/corvane", "Corvane", "SpaceAgency")),
                     (Relation("person/vela-stroud", "heads", "organization/corvane", EV),)),
          Extraction(Document(id="b", text=""), (Entity("person/odo-brask", "Odo Brask", "Person"),
                                                 Entity("organization/talmet", "Talmet", "Organization")),
                     (Relation("person/odo-brask", "heads", "organization/talmet", EV),))]
    write_outputs(to_dataset(xs, base=BASE), out, html=False)
    return out


@pytest.fixture(scope="module", autouse=True)
def no_proxy() -> Iterator[None]:
    """urllib (SPARQLWrapper, rdflib) without the environment's proxies: requests go to 127.0.0.1 only."""
    urllib.request.install_opener(urllib.request.build_opener(urllib.request.ProxyHandler({})))
    yield
    urllib.request.install_opener(None)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def url(build: Path) -> Iterator[str]:
    with running(build) as base:
        assert base.startswith("http://127.0.0.1:")
        yield base


@pytest.fixture
def http(url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=url, trust_env=False, timeout=30) as client:
        yield client


# ---------------------------------------------------------------------------
# real clients


def test_sparqlwrapper_select_ask_and_construct(url: str) -> None:
    sw = SPARQLWrapper(url + "/sparql")
    sw.setQuery(HEADS)
    for fmt in (JSON, XML, CSV):
        sw.setReturnFormat(fmt)
        res = sw.query()
        if fmt == JSON:
            rows = [b["p"]["value"] for b in res.convert()["results"]["bindings"]]
        elif fmt == XML:
            rows = [b.firstChild.nodeValue for b in res.convert().getElementsByTagName("uri")][::2]
        else:
            rows = [r[0] for r in list(csv.reader(io.StringIO(res.convert().decode())))[1:]]
        assert rows == [BASE + "person/odo-brask", BASE + "person/vela-stroud"], (fmt, rows)
    sw.setQuery("ASK { res:person\\/vela-stroud kg:heads res:organization\\/corvane }")
    sw.setReturnFormat(JSON)
    assert sw.query().convert()["boolean"] is True
    sw.setQuery("CONSTRUCT { ?p kg:heads ?o } WHERE { ?p kg:heads ?o }")
    for fmt in (TURTLE, XML):
        sw.setReturnFormat(fmt)
        g = sw.query().convert()
        if isinstance(g, bytes):
            g = Graph().parse(data=g, format="turtle")
        assert (URIRef(BASE + "person/odo-brask"), URIRef("https://w3id.org/kg/ontology#heads"),
                URIRef(BASE + "organization/talmet")) in g, fmt
        assert len(g) == 2


def test_sparqlwrapper_post(url: str) -> None:
    sw = SPARQLWrapper(url + "/sparql")
    sw.setMethod("POST")
    sw.setQuery("SELECT (COUNT(?p) AS ?n) WHERE { ?p kg:heads ?o }")
    sw.setReturnFormat(JSON)
    assert sw.query().convert()["results"]["bindings"][0]["n"]["value"] == "2"


def test_rdflib_sparqlstore_reads_the_endpoint(url: str) -> None:
    g = Graph(store=SPARQLStore(url + "/sparql"))
    rows = list(g.query("SELECT ?l WHERE { ?p <https://w3id.org/kg/ontology#heads> ?o . ?p "
                        "<http://www.w3.org/2000/01/rdf-schema#label> ?l } ORDER BY ?l"))
    assert [str(r[0]) for r in rows] == ["Odo Brask", "Vela Stroud"]
    assert g.query("ASK { ?s ?p ?o }").askAnswer is True
    built = g.query("CONSTRUCT { ?p <urn:heads> ?o } WHERE { ?p <https://w3id.org/kg/ontology#heads> ?o }").graph
    assert built is not None and len(built) == 2
    labels = set(g.objects(URIRef(BASE + "person/vela-stroud"), URIRef("http://www.w3.org/2000/01/rdf-schema#label")))
    assert labels == {Literal("Vela Stroud")}


# ---------------------------------------------------------------------------
# the protocol


@pytest.mark.parametrize(("accept", "media"), [
    (None, "application/sparql-results+json"),
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("text/csv;q=0.5, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "application/sparql-results+json"),
])
def test_select_content_negotiation(http: httpx.Client, accept: str | None, media: str) -> None:
    headers = {"Accept": accept} if accept else {}
    r = http.get("/sparql", params={"query": HEADS}, headers=headers)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].split(";")[0] == media
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "default-src 'none'" in r.headers["content-security-policy"]
    assert "odo-brask" in r.text and "vela-stroud" in r.text


@pytest.mark.parametrize(("accept", "media", "fmt"), [
    (None, "text/turtle", "turtle"),
    ("application/n-triples", "application/n-triples", "nt"),
    ("application/rdf+xml", "application/rdf+xml", "xml"),
    ("application/sparql-results+json, application/n-triples;q=0.5", "application/n-triples", "nt"),
])
def test_construct_and_describe_content_negotiation(http: httpx.Client, accept: str | None, media: str,
                                                    fmt: str) -> None:
    headers = {"Accept": accept} if accept else {}
    for q in ("CONSTRUCT WHERE { ?p kg:heads ?o }", "DESCRIBE res:person\\/vela-stroud"):
        r = http.get("/sparql", params={"query": q}, headers=headers)
        assert r.status_code == 200, r.text
        assert r.headers["content-type"].split(";")[0] == media
        g = Graph().parse(data=r.text, format=fmt)
        assert (URIRef(BASE + "person/vela-stroud"), URIRef("https://w3id.org/kg/ontology#heads"),
                URIRef(BASE + "organization/corvane")) in g


def test_post_form_and_direct(http: httpx.Client) -> None:
    a = http.post("/sparql", data={"query": HEADS}, headers={"Accept": "text/csv"})
    b = http.post("/sparql", content=HEADS.encode(), headers={"Content-Type": "application/sparql-query",
                                                              "Accept": "text/csv"})
    c = http.get("/sparql", params={"query": HEADS}, headers={"Accept": "text/csv"})
    assert a.status_code == b.status_code == c.status_code == 200
    assert a.text == b.text == c.text
    assert a.text.splitlines()[1:] == [f"{BASE}person/odo-brask,{BASE}organization/talmet",
                                       f"{BASE}person/vela-stroud,{BASE}organization/corvane"]


def _one_line(r: httpx.Response, status: int, code: str) -> str:
    assert r.status_code == status, (r.status_code, r.text)
    assert r.headers["content-type"].startswith("text/plain")
    assert r.text.startswith(code + " ") and r.text.count("\n") == 1, r.text
    return r.text


INSERT = "PREFIX ex: <http://ex/>\nINSERT DATA { ex:a ex:b ex:c }"


@pytest.mark.parametrize("how", ["form", "update-type", "query-param", "form-query", "get-update"])
def test_updates_are_refused_with_403(http: httpx.Client, how: str) -> None:
    if how == "form":
        r = http.post("/sparql", data={"update": INSERT})
    elif how == "update-type":
        r = http.post("/sparql", content=INSERT, headers={"Content-Type": "application/sparql-update"})
    elif how == "query-param":
        r = http.post("/sparql", content=INSERT, headers={"Content-Type": "application/sparql-query"})
    elif how == "form-query":
        r = http.post("/sparql", data={"query": INSERT})
    else:
        r = http.get("/sparql", params={"update": INSERT})
    _one_line(r, 403, "E505")
    assert http.get("/sparql", params={"query": "ASK { <http://ex/a> ?p ?o }"}).json()["boolean"] is False


@pytest.mark.parametrize(("request_", "status", "code", "says"), [
    ({"params": {"query": "SELEC ?s WHERE { ?s ?p ?o }"}}, 400, "E501", "not 'SELEC'"),
    ({"params": {"query": "SELECT ?s WHERE { ?s a foo:Person }"}}, 400, "E507", "unknown prefix 'foo:'"),
    ({"params": {}}, 400, "E572", "no query"),
    ({"params": [("query", "ASK {}"), ("query", "ASK {}")]}, 400, "E572", "one query"),
    ({"params": {"query": "ASK {}", "default-graph-uri": "urn:g"}}, 400, "E572", "default-graph-uri"),
    ({"params": {"query": HEADS}, "headers": {"Accept": "text/turtle"}}, 406, "E571", "no result format"),
    ({"params": {"query": "CONSTRUCT WHERE { ?s ?p ?o }"}, "headers": {"Accept": "text/csv"}}, 406, "E571",
     "no graph format"),
    ({"params": {"query": HEADS}, "headers": {"Accept": "image/png"}}, 406, "E571", "text/turtle"),
    ({"method": "POST", "content": b"ASK {}", "headers": {"Content-Type": "text/plain"}}, 415, "E577", "text/plain"),
    ({"method": "POST", "content": b"ASK { ?s ?p '\xff' }", "headers": {"Content-Type": "application/sparql-query"}},
     400, "E572", "not UTF-8"),
    ({"method": "POST", "content": b"#" * 3_000_001, "headers": {"Content-Type": "application/sparql-query"}},
     413, "E573", "larger than"),
    ({"params": {"query": "#" * 1_000_001}, "method": "POST"}, 413, "E573", "larger than"),
])
def test_bad_requests_give_one_line(http: httpx.Client, request_: dict, status: int, code: str, says: str) -> None:
    req = dict(request_)
    method = req.pop("method", "GET")
    if method == "POST" and "params" in req:  # as a form
        req["data"] = req.pop("params")
    r = http.request(method, "/sparql", **req)
    assert says in _one_line(r, status, code)


@pytest.mark.parametrize("template", SERVICE_QUERIES[:3])
def test_service_is_refused_and_never_reached(http: httpx.Client, listener: tuple[int, list[bytes]],  # noqa: F811
                                              template: str) -> None:
    port, hits = listener
    for _ in range(2):  # refused again: a refused text is never remembered as checked
        r = http.get("/sparql", params={"query": template.format(port=port)})
        _one_line(r, 403, "E506")
    time.sleep(0.3)
    assert hits == []


def test_allow_service_lets_a_query_reach_another_endpoint(build: Path,
                                                           listener: tuple[int, list[bytes]]) -> None:  # noqa: F811
    """The switch works: with --allow-service the engine calls the endpoint (a listener on 127.0.0.1)."""
    port, hits = listener
    with running(build, Settings(allow_service=True, timeout=5)) as base, \
            httpx.Client(base_url=base, trust_env=False, timeout=30) as client:
        client.get("/sparql", params={"query": SERVICE_QUERIES[0].format(port=port)})
    deadline = time.monotonic() + 5
    while not hits and time.monotonic() < deadline:
        time.sleep(0.05)
    assert hits and hits[0].startswith((b"GET ", b"POST ")), hits


def test_timeout_and_row_limit(tmp_path: Path) -> None:
    data = tmp_path / "cross.nt"
    data.write_text("".join(f'<urn:s{i}> <urn:p> "{i}" .\n' for i in range(200)), encoding="utf-8")
    with running(data, Settings(timeout=0.5)) as base, \
            httpx.Client(base_url=base, trust_env=False, timeout=30) as client:
        start = time.monotonic()
        r = client.get("/sparql", params={"query": CROSS})
        assert "ran longer than 0.5 s" in _one_line(r, 503, "E508")
        assert time.monotonic() - start < 5
        assert client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"] is True
    with running(data, Settings(max_rows=50)) as base, \
            httpx.Client(base_url=base, trust_env=False, timeout=30) as client:
        _one_line(client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"}), 400, "E509")
        _one_line(client.get("/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"}), 400, "E509")
        r = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 50"})
        assert r.status_code == 200 and len(r.json()["results"]["bindings"]) == 50


def test_cors_is_off_by_default_and_on_for_the_origin_given(build: Path, http: httpx.Client) -> None:
    origin = "http://127.0.0.1:9999"
    r = http.get("/sparql", params={"query": "ASK {}"}, headers={"Origin": origin})
    assert r.status_code == 200 and "access-control-allow-origin" not in r.headers
    pre = {"Origin": origin, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"}
    assert "access-control-allow-origin" not in http.options("/sparql", headers=pre).headers
    with running(build, Settings(cors=(origin,))) as base, \
            httpx.Client(base_url=base, trust_env=False, timeout=30) as client:
        r = client.get("/sparql", params={"query": "ASK {}"}, headers={"Origin": origin})
        assert r.headers["access-control-allow-origin"] == origin
        r = client.options("/sparql", headers=pre)
        assert r.status_code == 200 and r.headers["access-control-allow-origin"] == origin
        r = client.get("/sparql", params={"query": "ASK {}"}, headers={"Origin": "http://127.0.0.1:9998"})
        assert "access-control-allow-origin" not in r.headers


@pytest.mark.parametrize(("host", "status"), [("localhost:7878", 200), ("127.0.0.1", 200), ("[::1]:80", 200),
                                              ("attacker.example", 400), ("attacker.example:7878", 400)])
def test_host_header_of_another_name_is_refused(http: httpx.Client, host: str, status: int) -> None:
    r = http.get("/sparql", params={"query": "ASK {}"}, headers={"Host": host})
    assert r.status_code == status, r.text
    if status != 200:
        _one_line(r, status, "E578")


def test_query_page_is_self_contained_and_shows_answers_as_text(http: httpx.Client) -> None:
    r = http.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    csp = r.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp and "unsafe" not in csp
    assert not re.search(r"(src|href)=\"(https?:)?//", r.text), "an external resource"
    assert "<script>" not in r.text  # no inline script: the CSP would block it
    js = http.get("/page.js")
    assert js.status_code == 200 and js.headers["content-type"].startswith("text/javascript")
    assert "textContent" in js.text
    assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(", js.text)
    assert http.get("/page.css").headers["content-type"].startswith("text/css")
    assert http.get("/nothing").status_code == 404


def test_concurrent_clients_get_the_same_answer(url: str) -> None:
    """Queries run in threads of their own, against one store: answers do not mix."""
    from concurrent.futures import ThreadPoolExecutor

    queries = [HEADS, "SELECT ?l WHERE { ?s a kg:Person ; rdfs:label ?l } ORDER BY ?l",
               "SELECT ?c (COUNT(?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c ORDER BY ?c"]
    with httpx.Client(base_url=url, trust_env=False, timeout=30) as client:
        expected = [client.get("/sparql", params={"query": q}).text for q in queries]

        def ask(i: int) -> bool:
            return client.get("/sparql", params={"query": queries[i % 3]}).text == expected[i % 3]

        with ThreadPoolExecutor(16) as pool:
            assert all(pool.map(ask, range(96)))


# ---------------------------------------------------------------------------
# the command


def test_kg_serve_command_binds_loopback_answers_and_stops(build: Path) -> None:
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--data", str(build), "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        m = re.match(r"kg serve: (http://127\.0\.0\.1:\d+)/sparql ", line)
        assert m, line
        with httpx.Client(base_url=m.group(1), trust_env=False, timeout=30) as client:
            r = client.get("/sparql", params={"query": "ASK { ?s kg:heads ?o }"})
            assert r.status_code == 200 and r.json()["boolean"] is True
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=20)
        assert proc.returncode == 0, err
        assert "kg serve: stopped" in out and "Traceback" not in err
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_kg_serve_command_errors_are_one_line(build: Path, tmp_path: Path) -> None:
    with running(build) as base:
        port = base.rsplit(":", 1)[1]
        r = subprocess.run([sys.executable, "-m", "kg", "serve", "--data", str(build), "--port", port],
                           capture_output=True, text=True, timeout=60)
    assert r.returncode == 1 and r.stderr.startswith("error: E575 cannot listen on 127.0.0.1:" + port), r.stderr
    r = subprocess.run([sys.executable, "-m", "kg", "serve", "--data", str(tmp_path / "none"), "--port", "0"],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 1 and r.stderr.startswith("error: E404 no such file or directory"), r.stderr
    assert r.stderr.count("\n") == 1


def test_answers_are_json_of_the_w3c_shape(http: httpx.Client) -> None:
    data = json.loads(http.get("/sparql", params={"query": HEADS}).text)
    assert data["head"]["vars"] == ["p", "o"]
    assert data["results"]["bindings"][0]["o"] == {"type": "uri", "value": BASE + "organization/talmet"}
