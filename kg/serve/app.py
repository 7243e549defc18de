"""The SPARQL 1.1 Protocol over HTTP: `/sparql` (GET, POST form-encoded or application/sparql-query), a
query page at `/`. Every answer is computed by `kg.query.answer` in its own thread, within a timeout and a
row limit; errors are one line of text with their code, and an HTTP status:

| code | status | what |
|---|---|---|
| E501, E507 | 400 | the query cannot be read |
| E509 | 400 | the result has more rows than the limit |
| E572 | 400 | no query, two queries, dataset parameters (not supported), text that is not UTF-8 |
| E505 | 403 | an update (`update=`, application/sparql-update, or INSERT ... as a query) |
| E506 | 403 | SERVICE (unless allowed) |
| E571 | 406 | no format of the Accept header fits the kind of result |
| E573 | 413 | a query larger than 1 MB |
| E577 | 415 | a POST body that is neither form-encoded nor application/sparql-query |
| E578 | 400 | a Host header that names another server (DNS rebinding) |
| E508 | 503 | the query ran longer than the timeout |
| E574 | 503 | too many queries still running (stopped ones run on until their next row) |
| E502, E570 | 500 | the store cannot be read; an unexpected error (logged) |
"""

from __future__ import annotations

import logging
import socket
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache, partial
from importlib.resources import files
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import pyoxigraph as ox
import uvicorn
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kg.errors import KGError, QueryError
from kg.query import WORKER, answer, check_query, prepare
from kg.store import open_data

log = logging.getLogger(__name__)

# media type -> format, for results (SELECT, ASK) and for graphs (CONSTRUCT, DESCRIBE); the first is the default
RESULT_TYPES = {"application/sparql-results+json": "json", "application/json": "json",
                "application/sparql-results+xml": "xml", "text/csv": "csv", "text/tab-separated-values": "tsv"}
GRAPH_TYPES = {"text/turtle": "turtle", "application/n-triples": "nt", "application/rdf+xml": "xml"}
MEDIA = {("solutions", "json"): "application/sparql-results+json",
         ("solutions", "xml"): "application/sparql-results+xml",
         ("solutions", "csv"): "text/csv; charset=utf-8",
         ("solutions", "tsv"): "text/tab-separated-values; charset=utf-8",
         ("graph", "turtle"): "text/turtle; charset=utf-8",
         ("graph", "nt"): "application/n-triples",
         ("graph", "xml"): "application/rdf+xml"}
STATUS = {"E501": 400, "E507": 400, "E509": 400, "E572": 400, "E578": 400, "E505": 403, "E506": 403,
          "E571": 406, "E573": 413, "E577": 415, "E508": 503, "E574": 503}
MAX_QUERY_BYTES = 1_000_000
# query threads at most: more than the server's thread pool (40), so that only queries stopped by their
# timeout that still run (until their next row) can fill it
MAX_RUNNING = 64
PAGE_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; form-action 'self'; "
            "base-uri 'none'; frame-ancestors 'none'")
DATA_CSP = "default-src 'none'; frame-ancestors 'none'; sandbox"
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")


@dataclass(frozen=True)
class Settings:
    """What a server allows. `cors`: the origins whose pages may read answers (none by default)."""

    timeout: float | None = 60
    max_rows: int | None = 1_000_000
    allow_service: bool = False
    cors: tuple[str, ...] = ()


def negotiate(accept: str | None) -> tuple[str | None, str | None]:
    """The result format and the graph format an Accept header asks for (None: none of ours fits): the
    highest q-value wins (a type matches its most specific range), then the order of RESULT_TYPES or
    GRAPH_TYPES. No header accepts anything.

    >>> negotiate(None)
    ('json', 'turtle')
    >>> negotiate("application/n-triples, */*;q=0.1")
    ('json', 'nt')
    >>> negotiate("text/csv")
    ('csv', None)
    >>> negotiate("text/*, text/tab-separated-values;q=0")
    ('csv', 'turtle')
    """
    ranges = _ranges(accept or "*/*")

    def best(types: dict[str, str]) -> str | None:
        scored = [(_quality(t, ranges), -i, fmt) for i, (t, fmt) in enumerate(types.items())]
        q, _, fmt = max(scored)
        return fmt if q > 0 else None

    return best(RESULT_TYPES), best(GRAPH_TYPES)


def _ranges(accept: str) -> list[tuple[str, float]]:
    out = []
    for part in accept.split(","):
        media, *params = (p.strip() for p in part.split(";"))
        q = 1.0
        for p in params:
            name, _, value = p.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        if media:
            out.append((media.lower(), q))
    return out


def _quality(media: str, ranges: list[tuple[str, float]]) -> float:
    kind = media.split("/")[0]
    for pattern in (media, f"{kind}/*", "*/*"):  # the most specific range that matches
        qs = [q for r, q in ranges if r == pattern]
        if qs:
            return max(qs)
    return 0.0


def create_app(data: str | Path | ox.Store, settings: Settings = Settings(), *,  # noqa: B008 (frozen)
               hosts: Sequence[str] = LOOPBACK_NAMES) -> Starlette:
    """The ASGI application over `data` (a build folder, an RDF file or a store, opened once). `hosts`:
    the names a Host header may give (any with "*")."""
    store = data if isinstance(data, ox.Store) else open_data(data)

    async def sparql(request: Request) -> Response:
        try:
            text = await _query_text(request)
            results, graphs = negotiate(request.headers.get("accept"))
            if results is None and graphs is None:
                raise QueryError("E571", "no format of the Accept header is one kg serve writes: "
                                         f"{', '.join([*RESULT_TYPES, *GRAPH_TYPES])}")
            if sum(t.name == WORKER and t.is_alive() for t in threading.enumerate()) >= MAX_RUNNING:
                raise QueryError("E574", "too many queries are running: try again later")
            kind, body = await run_in_threadpool(partial(_answer, text, store, settings, results, graphs))
        except KGError as e:
            return _error(e)
        except Exception as e:  # one line to the client, the traceback to the log
            log.exception("kg serve: %s", e)
            return _error(QueryError("E570", f"unexpected {type(e).__name__}: see the server's log"))
        fmt = graphs if kind == "graph" else results
        media = MEDIA["graph" if kind == "graph" else "solutions", fmt or ""]
        return Response(body, media_type=media, headers={"Vary": "Accept"})

    def page(name: str, media: str) -> Route:
        content = files("kg.serve").joinpath(name).read_bytes()

        async def endpoint(request: Request) -> Response:
            return Response(content, media_type=media, headers={"Content-Security-Policy": PAGE_CSP})

        return Route("/" if name == "page.html" else f"/{name}", endpoint, methods=["GET", "HEAD"])

    routes = [Route("/sparql", sparql, methods=["GET", "POST"]), page("page.html", "text/html; charset=utf-8"),
              page("page.js", "text/javascript; charset=utf-8"), page("page.css", "text/css; charset=utf-8")]
    middleware = [Middleware(_Guard, hosts=tuple(hosts))]
    if settings.cors:
        middleware.append(Middleware(CORSMiddleware, allow_origins=list(settings.cors), allow_methods=["GET", "POST"],
                                     allow_headers=["Content-Type", "Accept"]))
    return Starlette(routes=routes, middleware=middleware)


def _answer(text: str, store: ox.Store, settings: Settings, results: str | None,
            graphs: str | None) -> tuple[str, bytes]:
    if not settings.allow_service:
        if len(text) <= CHECKED_SIZE:
            _checked(text)
        else:
            check_query(prepare(text))
    # checked above (SERVICE refused unless allowed): answer need not check again
    return answer(text, store, results=results, graphs=graphs, timeout=settings.timeout, max_rows=settings.max_rows,
                  service=True)


CHECKED_SIZE = 16_000


@lru_cache(maxsize=1024)
def _checked(text: str) -> None:
    """check_query, remembered for the texts it lets through (one it refuses raises, and is not kept): the
    check reads the query with rdflib's grammar, in Python, and costs more than most queries (2-8 ms)."""
    check_query(prepare(text))


async def _query_text(request: Request) -> str:
    """The query of a request, as the SPARQL 1.1 Protocol sends it (2.1): `query=` in the URL of a GET, in
    a form-encoded POST body, or the whole body of an application/sparql-query POST."""
    url = parse_qs(request.url.query, keep_blank_values=True)
    if request.method == "GET":
        params = url
    else:
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        body = await _body(request)
        if ctype == "application/sparql-update" or "update" in url:
            raise _update()
        if ctype == "application/x-www-form-urlencoded":
            if "query" in url:
                raise QueryError("E572", "give the query once: in the form, not also in the URL")
            params = {**url, **parse_qs(_utf8(body), keep_blank_values=True)}
        elif ctype == "application/sparql-query":
            if "query" in url:
                raise QueryError("E572", "give the query once: in the body, not also in the URL")
            params = {**url, "query": [_utf8(body)]}
        else:
            raise QueryError("E577", f"a POST sends application/x-www-form-urlencoded or application/sparql-query, "
                                     f"not {ctype or 'no Content-Type'}")
    if "update" in params:
        raise _update()
    for name in ("default-graph-uri", "named-graph-uri", "using-graph-uri", "using-named-graph-uri"):
        if name in params:
            raise QueryError("E572", f"{name} is not supported: the dataset is the build (use GRAPH in the query)")
    queries = params.get("query", [])
    if len(queries) != 1:
        raise QueryError("E572", "no query: send query=... (GET or a form POST) or a POST of "
                                 "application/sparql-query" if not queries else "give one query, not several")
    if len(queries[0].encode("utf-8")) > MAX_QUERY_BYTES:
        raise _too_large()
    return queries[0]


async def _body(request: Request) -> bytes:
    size = request.headers.get("content-length", "")
    if size.isdigit() and int(size) > 3 * MAX_QUERY_BYTES:  # a form may percent-encode every byte
        raise _too_large()
    chunks, n = [], 0
    async for chunk in request.stream():
        n += len(chunk)
        if n > 3 * MAX_QUERY_BYTES:
            raise _too_large()
        chunks.append(chunk)
    return b"".join(chunks)


def _utf8(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as e:
        raise QueryError("E572", f"the request is not UTF-8 (byte {e.start})") from None


def _update() -> QueryError:
    return QueryError("E505", "kg serve is read-only: SPARQL updates are not allowed")


def _too_large() -> QueryError:
    return QueryError("E573", f"the query is larger than {MAX_QUERY_BYTES:,} bytes")


def _error(e: KGError) -> Response:
    line = " ".join(str(e).split())
    return Response(line + "\n", status_code=STATUS.get(e.code, 500), media_type="text/plain; charset=utf-8")


class _Guard:
    """Every response: no MIME sniffing, no referrer, and a CSP that forbids everything to a page that
    sets none (an answer opened in a browser stays inert). A request whose Host header names another
    server is refused: a page of another site that made its name resolve to 127.0.0.1 (DNS rebinding)
    cannot read the endpoint."""

    def __init__(self, app: ASGIApp, hosts: tuple[str, ...]) -> None:
        self.app = app
        self.hosts = {h.lower().strip("[]") for h in hosts}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        host = dict(scope["headers"]).get(b"host", b"").decode("latin-1")
        if "*" not in self.hosts and _host_name(host) not in self.hosts:
            await _error(QueryError("E578", f"the Host header {host!r} is not this server's: use one of "
                                            f"{', '.join(sorted(self.hosts))}"))(scope, receive, send)
            return

        async def secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                headers += [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer")]
                if b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", DATA_CSP.encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, secured)


def _host_name(host: str) -> str:
    """The name of a Host header, without its port: `[::1]:7878` -> `::1`.

    >>> _host_name("[::1]:7878"), _host_name("LocalHost:80"), _host_name("127.0.0.1")
    ('::1', 'localhost', '127.0.0.1')
    """
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:].split("]")[0]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def listen(host: str, port: int) -> socket.socket:
    """A listening TCP socket on host:port (port 0: a free one), or E575."""
    try:
        return socket.create_server((host, port), family=_family(host), backlog=2048)
    except OSError as e:
        raise QueryError("E575", f"cannot listen on {host}:{port}: {e.strerror or e}") from None


def _family(host: str) -> socket.AddressFamily:
    try:
        return socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)[0][0]
    except socket.gaierror as e:
        raise QueryError("E575", f"cannot listen on {host}: {e.strerror}") from None


def url_of(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    return f"http://{f'[{host}]' if ':' in host else host}:{port}"


def _server(data: str | Path | ox.Store, settings: Settings, host: str, *, verbose: bool = False) -> uvicorn.Server:
    hosts: tuple[str, ...] = ("*",) if host in ("0.0.0.0", "::", "") else (*LOOPBACK_NAMES, host)
    app = create_app(data, settings, hosts=hosts)
    config = uvicorn.Config(app, log_level="info" if verbose else "warning", access_log=verbose, lifespan="off",
                            server_header=False, timeout_graceful_shutdown=5)
    return uvicorn.Server(config)


def serve(data: str | Path, settings: Settings = Settings(), *, host: str = "127.0.0.1",  # noqa: B008 (frozen)
          port: int = 7878, verbose: bool = False, ready: Any = None) -> None:
    """Serve `data` until Ctrl-C or SIGTERM. `ready(url)` is called once the socket listens."""
    store = open_data(data)  # errors of the data before the port is taken
    sock = listen(host, port)
    server = _server(store, settings, host, verbose=verbose)
    if ready is not None:
        ready(url_of(sock))
    with sock:
        server.run(sockets=[sock])


@contextmanager
def running(data: str | Path | ox.Store, settings: Settings = Settings(), *,  # noqa: B008 (frozen)
            host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """A server in a thread of this process, for tests and notebooks: yields its URL (`http://host:port`),
    and stops it at the end.

    >>> import urllib.request  # doctest: +SKIP
    >>> with running("output/") as url:  # doctest: +SKIP
    ...     print(urllib.request.urlopen(url + "/sparql?query=ASK%7B%3Fs%20%3Fp%20%3Fo%7D").read())
    """
    sock = listen(host, port)
    server = _server(data, settings, host)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name="kg-serve", daemon=True)
    thread.start()
    try:
        while not server.started:
            if not thread.is_alive():
                raise QueryError("E575", f"the server on {url_of(sock)} did not start")
            thread.join(0.01)
        yield url_of(sock)
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()
