"""Where a build keeps its graph: three back-ends behind one interface, the Stage of kg/store.py.

A build (and `kg remove`) fills a Stage: `put_graph` sets a document's named graph, `drop_graph`
removes one, `count_triples` counts the merged graph, `finish` writes the folder's files and `publish`
makes the new state the folder's. The folder (its build index, its files, its lock and staged states)
is kept whatever the back-end: the index is what links entities across builds.

  --store disk (default)     the state's store/ (embedded Oxigraph, RocksDB): kg/store.py's Stage.
  --store memory             the graph lives in an in-memory Oxigraph store for the build; the state keeps
                             the files and the index but no store/ (MemoryStage).
  --store sparql+http://...  a disk build whose every change is also written into a SPARQL 1.1 server
                             (RemoteStage, over Endpoint): the server holds a replica of the folder.

Remote URLs (credentials in the URL, or KG_SPARQL_USER and KG_SPARQL_PASSWORD; basic or digest, as the
server asks):

  sparql+http[s]://[USER[:PASSWORD]@]HOST[:PORT]/PATH[?update=PATH-OR-URL][&gsp=PATH-OR-URL]

PATH is the query endpoint; `update` the SPARQL Update endpoint (default: PATH); `gsp` a Graph Store
Protocol endpoint (each a path, absolute or relative to PATH as in a link, or a whole URL): when
given, graphs are replaced by PUT and dropped by DELETE, else by SPARQL Update (DROP SILENT GRAPH and
INSERT DATA in one request).

On the server, each document is its named graph (the IRI of the document, as in graph.trig), the
merge of all documents is the named graph MERGED (what the local store keeps in its default graph),
and the ontology is the graph https://w3id.org/kg/ontology. `kg query --data sparql+http://...` asks
the server with MERGED and the ontology as its default graph (unless the query names its own FROM).

Never imports spaCy.

>>> parse_store("memory").kind
'memory'
>>> Endpoint.parse("sparql+http://dba:secret@127.0.0.1:8890/sparql-auth?gsp=/sparql-graph-crud-auth").shown
'sparql+http://dba:***@127.0.0.1:8890/sparql-auth?gsp=/sparql-graph-crud-auth'
"""

from __future__ import annotations

import gc
import json
import logging
import os
import re
import shutil
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

import pyoxigraph as ox

from kg.errors import DataError, InputError, OutputError
from kg.store import ONTOLOGY_GRAPH, STATE_DIR, Stage, load_state_files, ontology_quads, write_files

log = logging.getLogger(__name__)

SCHEMES = ("sparql+http://", "sparql+https://")
MERGED = ox.NamedNode("https://w3id.org/kg/merged")
IDENTIFIER = "http://purl.org/dc/terms/identifier"
MARKER = "remote.json"  # DIR/.kg/remote.json: the server this folder was last written into, and its state
CHUNK = 1_000  # triples a request writes at most (Virtuoso 7's SPARQL parser fails near 5,000 in one request)
WRITE_TIMEOUT = 300.0  # seconds a write request may take


# ---------------------------------------------------------------------------
# Choosing a back-end


@dataclass(frozen=True)
class StoreSpec:
    """A parsed `--store` value."""

    kind: str  # "disk", "memory" or "sparql"
    endpoint: Endpoint | None = None

    def stage(self) -> Callable[..., Stage]:
        """What makes this back-end's Stage: `make(out, replace=...)` (see kg.store.staged)."""
        if self.kind == "memory":
            return MemoryStage
        if self.endpoint is not None:
            endpoint = self.endpoint
            return lambda out, *, replace=False: RemoteStage(out, replace=replace, endpoint=endpoint)
        return Stage


def parse_store(text: str | StoreSpec) -> StoreSpec:
    """The back-end a `--store` value names: disk, memory, or a sparql+http(s):// URL (E420, E421).

    >>> parse_store("sparql+https://example.org/sparql").endpoint.query_url
    'https://example.org/sparql'
    """
    if isinstance(text, StoreSpec):
        return text
    if text in ("disk", "memory"):
        return StoreSpec(text)
    if is_remote(text):
        return StoreSpec("sparql", Endpoint.parse(text))
    raise InputError("E420", f"unknown --store {_redact(text)!r}: use disk, memory, or a SPARQL endpoint as "
                             "sparql+http://HOST:PORT/PATH (or sparql+https://)")


def is_remote(data: object) -> bool:
    """Whether `--data` names a SPARQL endpoint (sparql+http:// or sparql+https://)."""
    return isinstance(data, str) and data.startswith(SCHEMES)


# ---------------------------------------------------------------------------
# The in-memory back-end


class MemoryStage(Stage):
    """A state whose graph lives in memory for the build. The state keeps the build index and the files
    (graph.ttl, graph.trig, graph.html), no store/: a later build of the folder (any back-end) loads
    the graph from graph.trig, and `kg query` on the folder loads graph.trig into memory each time.

    The files are the same bytes as a disk build's: they are written in the order of the on-disk store
    (a function of the triples alone), through a scratch on-disk store made at the end and removed at
    once. Oxigraph's in-memory store keeps its quads in the order they came, which differs from build
    to build."""

    kind = "memory"

    def _open_store(self, published: Path | None) -> ox.Store:
        store = ox.Store()
        if published is not None and (published / "store").is_dir():
            src = ox.Store.read_only(str(published / "store"))
            store.extend(src.quads_for_pattern(None, None, None, None))
            del src
        elif published is not None:
            load_state_files(store, published)
        return store

    def _write_files(self, base: str | None, html: str | None) -> None:
        scratch_dir = self.dir / "scratch-store"
        scratch = ox.Store(str(scratch_dir))
        scratch.bulk_extend(self.store.quads_for_pattern(None, None, None, None))
        write_files(scratch, self.dir, base=base, html=html)
        del scratch
        gc.collect()  # RocksDB is closed when the last reference goes
        shutil.rmtree(scratch_dir)


# ---------------------------------------------------------------------------
# The remote back-end: a SPARQL 1.1 server


class _ClosesRetried:
    """Authentication that closes the 401 answer it retries after (urllib leaves its socket open)."""

    def http_error_401(self, req, fp, code, msg, headers):  # type: ignore[no-untyped-def]
        try:
            return super().http_error_401(req, fp, code, msg, headers)  # type: ignore[misc]
        finally:
            fp.close()


class _DigestAuth(_ClosesRetried, urllib.request.HTTPDigestAuthHandler):
    pass


class _BasicAuth(_ClosesRetried, urllib.request.HTTPBasicAuthHandler):
    pass


@dataclass(frozen=True)
class Endpoint:
    """A SPARQL 1.1 server: its query, update and (optional) Graph Store Protocol endpoints, and the
    credentials kg sends when it asks for them. `shown` is the URL without the password."""

    url: str  # as given, for `shown`
    query_url: str
    update_url: str
    gsp_url: str | None = None
    user: str | None = None
    password: str | None = field(default=None, repr=False)

    @classmethod
    def parse(cls, url: str) -> Endpoint:
        if not is_remote(url):
            raise InputError("E421", f"a SPARQL endpoint is written sparql+http://HOST:PORT/PATH, not {_redact(url)!r}")
        parts = urllib.parse.urlsplit(url[len("sparql+"):])
        try:
            host, port = parts.hostname, parts.port
        except ValueError as e:
            raise InputError("E421", f"bad SPARQL endpoint {_redact(url)}: {e}") from None
        if not host:
            raise InputError("E421", f"bad SPARQL endpoint {_redact(url)}: no host")
        netloc = host if ":" not in host else f"[{host}]"
        origin = f"{parts.scheme}://{netloc}" + (f":{port}" if port else "")
        options = urllib.parse.parse_qs(parts.query, keep_blank_values=True)
        unknown = sorted(set(options) - {"update", "gsp"})
        if unknown:
            raise InputError("E421", f"bad SPARQL endpoint {_redact(url)}: unknown option {unknown[0]!r} "
                                     "(the options are update= and gsp=)")
        query_url = origin + (parts.path or "/sparql")

        def option(name: str) -> str | None:
            values = options.get(name)
            if not values or not values[-1]:
                return None
            return urllib.parse.urljoin(query_url, values[-1])  # a path, relative to PATH, or a URL

        user = urllib.parse.unquote(parts.username) if parts.username else os.environ.get("KG_SPARQL_USER") or None
        password = (urllib.parse.unquote(parts.password) if parts.password is not None
                    else os.environ.get("KG_SPARQL_PASSWORD"))
        return cls(url=url, query_url=query_url, update_url=option("update") or query_url, gsp_url=option("gsp"),
                   user=user, password=password if user else None)

    @property
    def shown(self) -> str:
        return _redact(self.url)

    @property
    def key(self) -> str:
        """The server as the folder's marker names it: the URL without credentials."""
        parts = urllib.parse.urlsplit(self.url)
        netloc = parts.netloc.rsplit("@", 1)[-1]
        return urllib.parse.urlunsplit(parts._replace(netloc=netloc))

    # -- HTTP

    def _opener(self) -> urllib.request.OpenerDirector:
        handlers: list[urllib.request.BaseHandler] = []
        if self.user is not None:
            passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            for url in {self.query_url, self.update_url, self.gsp_url or self.query_url}:
                passwords.add_password(None, url, self.user, self.password or "")  # type: ignore[arg-type]
            handlers += [_DigestAuth(passwords), _BasicAuth(passwords)]
        return urllib.request.build_opener(*handlers)

    def request(self, url: str, *, data: bytes | None = None, method: str = "POST", headers: dict[str, str],
                timeout: float | None, writing: bool) -> tuple[str, bytes]:
        """One HTTP request: the answer's content type and body, or a one-line error with a code
        (E422-E425 reading, E610-E613 writing) that never shows the password."""
        req = urllib.request.Request(url, data=data, method=method, headers={"User-Agent": "kg", **headers})
        try:
            with self._opener().open(req, timeout=timeout) as res:
                return res.headers.get("Content-Type", ""), res.read()
        except urllib.error.HTTPError as e:
            raise self._http_error(e, url, writing=writing) from None
        except OSError as e:  # URLError, refused, reset, timed out
            reason = getattr(e, "reason", None) or e
            reason = getattr(reason, "strerror", None) or str(reason) or type(reason).__name__
            error = OutputError("E610", "cannot write into") if writing else DataError("E422", "cannot reach")
            raise type(error)(error.code, f"{error.message} the SPARQL endpoint {self.shown}: {reason}") from None

    def _http_error(self, e: urllib.error.HTTPError, url: str, *, writing: bool) -> Exception:
        try:
            body = e.read().decode("utf-8", "replace")
        except OSError:
            body = ""
        finally:
            e.close()  # its connection: left open, a socket would wait for the garbage collector
        said = next((line.strip() for line in body.splitlines() if line.strip() and "<" not in line[:1]), "")
        said = f": {said[:200]}" if said else ""
        where = urllib.parse.urlsplit(url)._replace(query="").geturl()
        if e.code in (401, 403):
            hint = (" (give USER:PASSWORD in the URL or KG_SPARQL_USER and KG_SPARQL_PASSWORD)" if self.user is None
                    else " (check the user and password, and that the user may write)" if writing else "")
            code, cls = ("E611", OutputError) if writing else ("E423", DataError)
            return cls(code, f"the SPARQL endpoint {where} refused {'the credentials' if self.user else 'access'} "
                             f"(HTTP {e.code}){hint}")
        if e.code == 404:
            code, cls = ("E612", OutputError) if writing else ("E424", DataError)
            return cls(code, f"no SPARQL endpoint at {where} (HTTP 404): check the path in {self.shown}")
        hint = ""
        if writing and "permission" in body.lower():
            hint = (" (the server does not let this user write: on Virtuoso grant SPARQL_UPDATE to the user, "
                    "or write through /sparql-auth with credentials)")
        code, cls = ("E613", OutputError) if writing else ("E425", DataError)
        return cls(code, f"the SPARQL endpoint {where} failed (HTTP {e.code}){said}{hint}")

    def query(self, text: str, *, accept: str, default_graphs: Sequence[str] = (),
              timeout: float | None = None) -> tuple[str, bytes]:
        """Run a query (SPARQL 1.1 Protocol, POST form-encoded); the answer's content type and body."""
        form = [("query", text), *(("default-graph-uri", g) for g in default_graphs)]
        return self.request(self.query_url, data=urllib.parse.urlencode(form).encode(), timeout=timeout,
                            headers={"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"},
                            writing=False)

    def update(self, text: str) -> None:
        """Run a SPARQL 1.1 Update request (POST form-encoded)."""
        self.request(self.update_url, data=urllib.parse.urlencode({"update": text}).encode(), timeout=WRITE_TIMEOUT,
                     headers={"Content-Type": "application/x-www-form-urlencoded"}, writing=True)

    def gsp(self, method: str, graph: ox.NamedNode, body: bytes | None = None) -> None:
        """A Graph Store Protocol request on one named graph: PUT replaces it, POST adds to it, DELETE
        drops it (a graph the server does not hold is no error)."""
        base = self.gsp_url or self.query_url
        url = f"{base}{'&' if '?' in base else '?'}{urllib.parse.urlencode({'graph': graph.value})}"
        headers = {"Content-Type": "application/n-triples"} if body is not None else {}
        try:
            self.request(url, data=body, method=method, headers=headers, timeout=WRITE_TIMEOUT, writing=True)
        except OutputError as e:
            if not (method == "DELETE" and e.code == "E612"):
                raise

    def check(self) -> None:
        """Fail early (before a build's minutes of work) when the server cannot be read or written."""
        self.query("ASK { }", accept="application/sparql-results+json", timeout=30)
        if self.gsp_url is None:
            self.update("INSERT DATA { }")
        else:
            self.gsp("DELETE", ox.NamedNode("urn:kg:probe"))

    def kg_graphs(self) -> set[ox.NamedNode]:
        """The documents' graphs the server holds: the graphs that say their own dcterms:identifier."""
        _, body = self.query(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?g <{IDENTIFIER}> ?id }} }}",
                             accept="application/sparql-results+json", timeout=WRITE_TIMEOUT)
        res = parse_results(body, "application/sparql-results+json", self)
        return {s["g"] for s in res if isinstance(s["g"], ox.NamedNode)}  # type: ignore[union-attr]


class Writer:
    """The writes of one build to a server, in order: SPARQL Update operations gathered into requests of
    at most CHUNK triples, or Graph Store Protocol requests when the endpoint has one."""

    def __init__(self, endpoint: Endpoint) -> None:
        self.endpoint = endpoint
        self.ops: list[str] = []
        self.size = 0
        self.requests = 0

    def put(self, graph: ox.NamedNode, triples: Iterable[ox.Triple]) -> None:
        """Replace a named graph."""
        first = True
        for chunk in _chunks(triples):
            if self.endpoint.gsp_url is not None:
                self._gsp("PUT" if first else "POST", graph, _ntriples(chunk))
            else:
                if first:
                    self._op(f"DROP SILENT GRAPH <{graph.value}>", 0)
                self._op(_insert(graph, chunk), len(chunk))
            first = False
        if first:
            self.drop(graph)

    def add(self, graph: ox.NamedNode, triples: Iterable[ox.Triple]) -> None:
        for chunk in _chunks(triples):
            if self.endpoint.gsp_url is not None:
                self._gsp("POST", graph, _ntriples(chunk))
            else:
                self._op(_insert(graph, chunk), len(chunk))

    def remove(self, graph: ox.NamedNode, triples: Iterable[ox.Triple]) -> None:
        for chunk in _chunks(triples):
            self._op(f"DELETE DATA {{ GRAPH <{graph.value}> {{\n{_ntriples(chunk).decode()}}} }}", len(chunk))

    def drop(self, graph: ox.NamedNode) -> None:
        if self.endpoint.gsp_url is not None:
            self._gsp("DELETE", graph, None)
        else:
            self._op(f"DROP SILENT GRAPH <{graph.value}>", 0)

    def _op(self, op: str, triples: int) -> None:
        if self.ops and self.size + triples > CHUNK:
            self.flush()
        self.ops.append(op)
        self.size += triples

    def _gsp(self, method: str, graph: ox.NamedNode, body: bytes | None) -> None:
        self.flush()  # in order
        self.endpoint.gsp(method, graph, body)
        self.requests += 1

    def flush(self) -> None:
        if self.ops:
            self.endpoint.update(" ;\n".join(self.ops))
            self.requests += 1
        self.ops, self.size = [], 0


class RemoteStage(Stage):
    """A disk state whose changes are also written into a SPARQL server, before the state is published.

    The folder keeps everything a disk build keeps (its store writes the files and says what a removed
    document alone said); the server gets each changed document's graph (replaced whole), the dropped
    ones, the change of the merged graph MERGED, and the ontology. The folder's `.kg/remote.json` names
    the server and the state it holds: it is cleared before the first write and set once the state is
    published. A build that finds it otherwise (a failed or killed remote build, a build without
    --store, another server, --replace) writes the whole folder into the server again: the documents'
    graphs the server holds that the folder does not are dropped, every graph is put anew. So a failed
    remote build is repaired by running it again."""

    def __init__(self, out: Path, *, replace: bool = False, endpoint: Endpoint) -> None:
        self.endpoint = endpoint
        self.changed: set[ox.NamedNode] = set()
        self.dropped: set[ox.NamedNode] = set()
        self.gone: set[ox.Triple] = set()
        super().__init__(out, replace=replace)

    def put_graph(self, graph: ox.NamedNode, quads: list[ox.Quad]) -> None:
        super().put_graph(graph, quads)
        self.changed.add(graph)

    def drop_graph(self, graph: ox.NamedNode | ox.BlankNode) -> list[ox.Quad]:
        gone = super().drop_graph(graph)
        if isinstance(graph, ox.NamedNode):  # a server names its graphs by IRI
            self.dropped.add(graph)
        self.gone.update(q.triple for q in gone)
        return gone

    def finish(self, *, base: str | None, html: str | None) -> None:
        self.push()
        super().finish(base=base, html=html)

    def publish(self) -> list[Path]:
        files = super().publish()
        _write_marker(self.out, {"endpoint": self.endpoint.key, "state": self.dir.name})
        return files

    def push(self) -> None:
        """Write this state's changes (or, out of step, all of it) into the server."""
        marker = _read_marker(self.out)
        in_step = (self.published is not None and marker.get("endpoint") == self.endpoint.key
                   and marker.get("state") == self.published.name)
        _write_marker(self.out, {"endpoint": self.endpoint.key, "state": None})
        t = time.monotonic()
        w = Writer(self.endpoint)
        store = self.store
        local = {g for g in store.named_graphs() if isinstance(g, ox.NamedNode) and g != ONTOLOGY_GRAPH}
        if in_step:
            put = sorted(self.changed & local, key=str)
            for g in sorted((self.dropped | self.changed) - local, key=str):
                w.drop(g)
            gone = [t for t in self.gone
                    if ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) not in store]
            w.remove(MERGED, sorted(gone, key=str))
        else:
            put = sorted(local, key=str)
            for g in sorted(self.endpoint.kg_graphs() - local, key=str):
                w.drop(g)
        for g in put:
            w.put(g, (q.triple for q in store.quads_for_pattern(None, None, None, g)))
        if in_step:
            w.add(MERGED, (q.triple for g in put for q in store.quads_for_pattern(None, None, None, g)))
        else:
            w.put(MERGED, (q.triple for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())))
        w.put(ONTOLOGY_GRAPH, (q.triple for q in ontology_quads()))
        w.flush()
        log.info("wrote %d graphs into %s (%s, %d requests) in %.1f s", len(put), self.endpoint.shown,
                 "changes" if in_step else "everything", w.requests, time.monotonic() - t)


def _read_marker(out: Path) -> dict[str, str | None]:
    try:
        data = json.loads((out / STATE_DIR / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_marker(out: Path, data: dict[str, str | None]) -> None:
    path = out / STATE_DIR / MARKER
    tmp = path.with_name(f".{MARKER}.{os.getpid()}.tmp")
    with tmp.open("w", encoding="utf-8") as f:
        f.write(json.dumps(data) + "\n")
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def _chunks(triples: Iterable[ox.Triple]) -> Iterable[list[ox.Triple]]:
    chunk: list[ox.Triple] = []
    for t in triples:
        chunk.append(t)
        if len(chunk) >= CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _insert(graph: ox.NamedNode, triples: Sequence[ox.Triple]) -> str:
    """The SPARQL Update that adds triples to a graph: INSERT DATA, or, with blank nodes (the ontology's
    lists), an INSERT template (Virtuoso refuses blank nodes in INSERT DATA)."""
    body = _ntriples(triples).decode()
    if any(isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode) for t in triples):
        return f"INSERT {{ GRAPH <{graph.value}> {{\n{body}}} }} WHERE {{ }}"
    return f"INSERT DATA {{ GRAPH <{graph.value}> {{\n{body}}} }}"


def _ntriples(triples: Sequence[ox.Triple]) -> bytes:
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""


def _redact(url: str) -> str:
    """A URL without its password (the user's part ends at the last @ before the path).

    >>> _redact("sparql+http://u:p@h/x"), _redact("sparql+http://u:p@s:s@h/x?a=b@c")
    ('sparql+http://u:***@h/x', 'sparql+http://u:***@h/x?a=b@c')
    """
    scheme, sep, rest = url.partition("://")
    end = next((i for i, c in enumerate(rest) if c in "/?#"), len(rest))
    who, at, host = rest[:end].rpartition("@")
    if not at or ":" not in who:
        return url
    return f"{scheme}{sep}{who.split(':', 1)[0]}:***@{host}{rest[end:]}"


# ---------------------------------------------------------------------------
# Queries on a server


RESULT_TYPES = {"application/sparql-results+json": ox.QueryResultsFormat.JSON,
                "application/sparql-results+xml": ox.QueryResultsFormat.XML,
                "text/csv": ox.QueryResultsFormat.CSV, "text/tab-separated-values": ox.QueryResultsFormat.TSV}
GRAPH_TYPES = {"application/n-triples": ox.RdfFormat.N_TRIPLES, "text/plain": ox.RdfFormat.N_TRIPLES,
               "text/turtle": ox.RdfFormat.TURTLE, "application/rdf+xml": ox.RdfFormat.RDF_XML}
FROM = re.compile(r"\bFROM\b", re.IGNORECASE)


def remote_execute(text: str, url: str, *, kind: str, prefixes: dict[str, str], timeout: float | None = None
                   ) -> tuple[ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples, dict[str, str]]:
    """Run a checked query on a server; its result as pyoxigraph's (as a local store's would be), and the
    prefixes it could use. `kind` is the query's form (SELECT, ASK, CONSTRUCT, DESCRIBE). kg's prefixes
    are declared before the query's text, and `res:` when the query uses it (read from the server)."""
    endpoint = Endpoint.parse(url)
    prefixes = dict(prefixes)
    if re.search(r"(?<![\w.-])res:", text):
        base = _remote_base(endpoint)
        if base is not None:
            prefixes["res"] = base
    text = expand_escaped_names(text, prefixes)
    prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in prefixes.items())
    graphs = [] if FROM.search(text) else [MERGED.value, ONTOLOGY_GRAPH.value]
    graph_kind = kind in ("CONSTRUCT", "DESCRIBE")
    accept = ("application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5" if graph_kind
              else "application/sparql-results+json, application/sparql-results+xml;q=0.9")
    ctype, body = endpoint.query(prologue + text, accept=accept, default_graphs=graphs, timeout=timeout)
    if graph_kind:
        return _triples(body, ctype, endpoint), prefixes
    res = parse_results(body, ctype, endpoint)
    if kind == "ASK" and isinstance(res, ox.QuerySolutions):  # Virtuoso 7 answers ASK with a table
        rows = [[s[v] for v in res.variables] for s in res]
        yes = bool(rows) and all(isinstance(t, ox.Literal) and t.value in ("1", "true") for t in rows[0])
        res = ox.parse_query_results(json.dumps({"head": {}, "boolean": yes}), ox.QueryResultsFormat.JSON)
    return res, prefixes


# strings, IRIs and comments (left as they are), or a prefixed name whose local part holds an escape
_TOKENS = re.compile(r'("""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
                     r"|<[^<>\s]*>|#[^\n]*)"
                     r"|(?<![\w\\])([A-Za-z][\w-]*)?:((?:[\w.:%-]|\\[-_~.!$&'()*+,;=/?#@%])*\\[-_~.!$&'()*+,;=/?#@%]"
                     r"(?:[\w.:%-]|\\[-_~.!$&'()*+,;=/?#@%])*)")


def expand_escaped_names(text: str, prefixes: dict[str, str]) -> str:
    r"""The query with kg's prefixed names that hold escapes (res:person\/ann-lee, as `kg query` shows
    names) written as full IRIs: Virtuoso 7 does not read these escapes of SPARQL 1.1.

    >>> expand_escaped_names("SELECT * { res:person\\/ann ?p 'res:a\\/b' }", {"res": "http://r/"})
    "SELECT * { <http://r/person/ann> ?p 'res:a\\/b' }"
    """
    def name(m: re.Match[str]) -> str:
        prefix = m.group(2) or ""
        if m.group(1) is not None or prefix not in prefixes:
            return m.group(0)
        local = re.sub(r"\\(.)", r"\1", m.group(3))
        return f"<{prefixes[prefix]}{local}>"

    return _TOKENS.sub(name, text)


def _remote_base(endpoint: Endpoint) -> str | None:
    _, body = endpoint.query(f"SELECT ?s WHERE {{ GRAPH <{MERGED.value}> {{ ?s <{IDENTIFIER}> ?id }} }} LIMIT 1",
                             accept="application/sparql-results+json", timeout=60)
    for s in parse_results(body, "application/sparql-results+json", endpoint):  # type: ignore[union-attr]
        subject = s["s"]
        if isinstance(subject, ox.NamedNode) and "/doc/" in subject.value:
            return subject.value.rsplit("doc/", 1)[0]
    return None


def parse_results(body: bytes, ctype: str, endpoint: Endpoint) -> ox.QuerySolutions | ox.QueryBoolean:
    fmt = RESULT_TYPES.get(ctype.split(";")[0].strip().lower(), ox.QueryResultsFormat.JSON)
    try:
        if fmt == ox.QueryResultsFormat.JSON and (b'"bnode"' in body or BOOLEAN.encode() in body):
            body = _json_terms(body)
        return ox.parse_query_results(body, fmt)
    except (SyntaxError, ValueError) as e:
        raise DataError("E426", f"cannot read the answer of {endpoint.shown} ({ctype or 'no type'}): "
                                f"{str(e).splitlines()[0] if str(e) else type(e).__name__}") from None


BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"


def _json_terms(body: bytes) -> bytes:
    """JSON results with valid blank node ids (Virtuoso writes nodeID://b10001) and booleans in their
    canonical form (Virtuoso stores "true"^^xsd:boolean as "1")."""
    data = json.loads(body)
    for row in data.get("results", {}).get("bindings", []):
        for term in row.values():
            if term.get("type") == "bnode":
                term["value"] = re.sub(r"[^A-Za-z0-9_]", "_", term["value"])
            elif term.get("datatype") == BOOLEAN and term.get("value") in ("1", "0"):
                term["value"] = "true" if term["value"] == "1" else "false"
    return json.dumps(data).encode()


def _canonical(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, ox.Literal) and term.datatype.value == BOOLEAN and term.value in ("1", "0"):
        return ox.Literal("true" if term.value == "1" else "false", datatype=term.datatype)
    return term


def _triples(body: bytes, ctype: str, endpoint: Endpoint) -> ox.QueryTriples:
    fmt = GRAPH_TYPES.get(ctype.split(";")[0].strip().lower(), ox.RdfFormat.N_TRIPLES)
    store = ox.Store()
    try:
        store.extend(ox.Quad(t.subject, t.predicate, _canonical(t.object))  # type: ignore[arg-type]
                     for t in ox.parse(body, format=fmt))
    except (SyntaxError, ValueError) as e:
        raise DataError("E426", f"cannot read the answer of {endpoint.shown} ({ctype or 'no type'}): "
                                f"{str(e).splitlines()[0] if str(e) else type(e).__name__}") from None
    return cast(ox.QueryTriples, store.query("CONSTRUCT WHERE { ?s ?p ?o }"))
