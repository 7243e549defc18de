"""SPARQL over a build or an RDF file: read-only; the default graph is the merge of all documents
(and the ontology), each document is also a named graph.

>>> from kg.query import run_query  # doctest: +SKIP
>>> print(run_query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "output/", fmt="csv"))  # doctest: +SKIP
"""

from __future__ import annotations

import io
import re
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar, cast

import pyoxigraph as ox

from kg.errors import QueryError
from kg.namespaces import OWL_NS, PREFIXES
from kg.store import IDENTIFIER, base_iri, default_graphs, open_data, serialize
from kg.text import printable

if TYPE_CHECKING:  # rdflib (its SPARQL grammar, its graphs) is imported only where it is used
    from rdflib import Graph
    from rdflib.plugins.sparql.parserutils import CompValue

UPDATE = re.compile(r"^\s*(?:(?:PREFIX|BASE)[^\n]*\n\s*|#[^\n]*\n\s*)*"
                    r"(?:INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.IGNORECASE)
QUERY_FORMS = ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE")
# the prologue of a query (comments, PREFIX and BASE declarations) and the word after it
FIRST_WORD = re.compile(r"(?:\s+|#[^\n]*|PREFIX\s*[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>)*(\w*)", re.IGNORECASE)
# a codepoint escape, as rdflib's SPARQL parser reads one (\\u or \\U, then 4 or 8 hex digits)
UNICODE_ESCAPE = re.compile(r"\\u([0-9a-f]{4}(?:[0-9a-f]{4})?)", flags=re.IGNORECASE)
RESULT_FORMATS = {"csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV,
                  "json": ox.QueryResultsFormat.JSON}


class Table(NamedTuple):
    """A SELECT result as plain strings, for display."""

    columns: list[str]
    rows: list[list[str]]


def read_query(query: str) -> str:
    """The query text: the text itself, or the contents of a `.rq`/`.sparql` file."""
    p = Path(query)
    if query.endswith((".rq", ".sparql")) or (len(query) < 256 and "\n" not in query and p.is_file()):
        try:
            return p.read_text(encoding="utf-8")
        except OSError as e:
            raise QueryError("E503", f"cannot read query file {query}: {e.strerror}") from e
    return query


def prepare(query: str) -> str:
    """The text both parsers read: codepoint escapes expanded before parsing (SPARQL 1.1, 19.2) and
    every line break a newline, so that the checking parser and the engine see the same tokens.

    >>> prepare("ASK { ?s ?p 'caf\\\\u00E9' }\\r\\n# end")
    "ASK { ?s ?p 'café' }\\n# end"
    """
    try:
        text = UNICODE_ESCAPE.sub(_expand_escape, query)
    except ValueError as e:
        raise QueryError("E501", f"bad SPARQL query: {e}") from e
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _expand_escape(m: re.Match[str]) -> str:
    try:
        return chr(int(m.group(1), 16))
    except (ValueError, OverflowError) as e:
        raise ValueError("Invalid unicode code point: " + m.group(1)) from e


def check_query(text: str) -> None:
    """Refuse SERVICE, decided on the parse tree of the query (rdflib's SPARQL grammar): the engine
    (pyoxigraph) would call any endpoint it names. A query this grammar cannot read (an extension
    of the engine) is refused when it holds the word SERVICE anywhere.

    A text (as `prepare` made it: codepoint escapes expanded) that holds the word in no case is let
    through unparsed, which decides the same: the grammar reads the keyword only where the text holds
    it (its caseless match compares `.upper()`, so "\u017fervice" counts too, and is looked for so),
    and the engine reads escapes only inside strings and IRIs. The parse (milliseconds) and the import
    of rdflib's grammar (tens of milliseconds) are for texts with the word: in a prefix, a string, a
    comment or a SERVICE clause.

    >>> check_query("SELECT * WHERE { ?s ?p ?o }")
    >>> check_query("PREFIX service: <urn:x:> SELECT * WHERE { ?s service:p ?o }")
    >>> check_query("SELECT * WHERE { \u017fERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
    Traceback (most recent call last):
    kg.errors.QueryError: E506 SERVICE is not allowed: kg query reads local data only
    """
    if "SERVICE" not in text.upper() and "service" not in text.lower():
        return
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql.parser import Query as QueryGrammar

    try:
        tree = QueryGrammar.parse_string(text, parse_all=True)
    except (ParseBaseException, RecursionError):
        if "service" in text.lower():
            raise QueryError("E506", "SERVICE is not allowed: kg query reads local data only "
                                     "(and this query cannot be checked for it)") from None
        return
    if any(node.name == "ServiceGraphPattern" for node in _comp_values(tree)):
        raise QueryError("E506", "SERVICE is not allowed: kg query reads local data only")


def _comp_values(tree: object) -> Iterator[CompValue]:
    """Every node of an rdflib SPARQL parse tree."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    todo = [tree]
    while todo:
        node = todo.pop()
        if isinstance(node, CompValue):
            yield node
            todo.extend(node.values())
        elif isinstance(node, ParseResults | list | tuple):
            todo.extend(node)


def query_prefixes(store: ox.Store) -> dict[str, str]:
    """The prefixes a query may use without declaring them: those of kg's outputs (kg:, rdf:, rdfs:,
    skos:, xsd:, prov:, dcterms:), owl:, and res: for the base IRI of the build the data comes from."""
    out = {**PREFIXES, "owl": OWL_NS}
    base = base_iri(store.quads_for_pattern(None, IDENTIFIER, None, None))
    if base is not None:
        out["res"] = base
    return out


def execute(query: str, data: str | Path | ox.Store) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
    return _execute(checked(query), data)[0]


def checked(query: str) -> str:
    """The text of a query (see read_query, prepare) that check_query allows.

    The engine's results (QuerySolutions, QueryTriples) may only be dropped by the thread that made them,
    and the parser leaves reference cycles of frames, which keep their callers' frames, with their
    variables, until the cycle collector frees them, in any thread: so queries are checked by a caller
    of the functions that hold results, never below them."""
    text = prepare(read_query(query))
    check_query(text)
    return text


def _execute(text: str, data: str | Path | ox.Store
             ) -> tuple[ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples, dict[str, str]]:
    """The result of a checked query, and the prefixes the query could use (for display). `data` may
    name a SPARQL server, sparql+http(s)://... (kg/stores.py)."""
    if isinstance(data, str) and data.startswith(("sparql+http://", "sparql+https://")):
        from kg.stores import remote_execute

        word = FIRST_WORD.match(text)
        kind = word.group(1).upper() if word is not None else ""
        if kind not in QUERY_FORMS:
            if UPDATE.search(text):
                raise QueryError("E505", "kg query is read-only: SPARQL updates are not allowed")
            raise syntax_error(text, "", query_prefixes(ox.Store()))
        return remote_execute(text, data, kind=kind, prefixes=query_prefixes(ox.Store()))
    store = data if isinstance(data, ox.Store) else open_data(data)
    prefixes = query_prefixes(store)
    try:
        return store.query(text, prefixes=prefixes, default_graph=default_graphs(store)), prefixes
    except SyntaxError as e:
        if UPDATE.search(text):
            raise QueryError("E505", "kg query is read-only: SPARQL updates are not allowed") from e
        raise syntax_error(text, str(e), prefixes) from e
    except OSError as e:
        raise QueryError("E502", f"query failed: {e}") from e


def syntax_error(text: str, engine_message: str, prefixes: dict[str, str]) -> QueryError:
    """What is wrong with a query the engine cannot read, in one line. The engine's own message lists
    what its grammar could have read at the farthest point it reached (character classes, unrelated
    keywords: "expected CONSTRUCT" for a typo in SELECT), so the query is read again to say better.

    >>> print(syntax_error("SELEC ?s WHERE { ?s ?p ?o }", "", {}))
    E501 bad SPARQL query: a query starts with SELECT, CONSTRUCT, ASK or DESCRIBE, not 'SELEC'
    >>> print(syntax_error("SELECT ?s WHERE { ?s a res:Person }", "", {"kg": "https://w3id.org/kg/ontology#"}))
    E507 unknown prefix 'res:': declare it (PREFIX res: <...>) or use one of kg:
    >>> print(syntax_error("SELECT ?s WHERE { ?s ?p ?o } LIMT 3", "", {}))
    E501 bad SPARQL query at line 1, column 30: cannot read 'LIMT 3'
    """
    word = FIRST_WORD.match(text)
    if word is not None and word.group(1).upper() not in QUERY_FORMS:
        found = repr(word.group(1)) if word.group(1) else "nothing"
        return QueryError("E501", f"bad SPARQL query: a query starts with {', '.join(QUERY_FORMS[:-1])} or "
                                  f"{QUERY_FORMS[-1]}, not {found}")
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql.parser import Query as QueryGrammar

    try:
        tree = QueryGrammar.parse_string(text, parse_all=True)
    except ParseBaseException as e:
        rest = text[e.loc:].split("\n", 1)[0].strip()
        what = f"cannot read {_clip(rest)!r}" if rest else "the query ends too early"
        name = re.match(r"(?:\w[\w.-]*)?:[^\s/]*/\S*", rest)
        if name:  # as a table shows it: res:person/ann
            what += f" (a / in a prefixed name is written \\/: {name.group(0).replace('/', chr(92) + '/')})"
        return QueryError("E501", f"bad SPARQL query at line {e.lineno}, column {e.col}: {what}")
    except RecursionError:
        tree = None
    if tree is not None:
        declared = {n.get("prefix") or "" for n in _comp_values(tree) if n.name == "PrefixDecl"}
        unknown = {n.get("prefix") or "" for n in _comp_values(tree) if n.name == "pname"} - declared - set(prefixes)
        if unknown:
            names = sorted(unknown, key=lambda p: (text.find(f"{p}:"), p))
            which = "prefix" if len(names) == 1 else "prefixes"
            known = ", ".join(f"{p}:" for p in prefixes)
            return QueryError("E507", f"unknown {which} {', '.join(repr(p + ':') for p in names)}: declare it "
                                      f"(PREFIX {names[0]}: <...>) or use one of {known}")
    # the engine's message without its character classes (['A' ..= 'Z' | ...])
    msg = re.sub(r",?\s*\[[^\]]*\]", "", " ".join(engine_message.split())).strip(" ,:") or "syntax error"
    return QueryError("E501", f"bad SPARQL query: {msg}")


def _clip(text: str, size: int = 30) -> str:
    return text if len(text) <= size else text[:size - 1] + "\u2026"


def run_query(query: str, data: str | Path | ox.Store, *, fmt: str = "csv", timeout: float | None = None,
              max_rows: int | None = None) -> str:
    """The result serialised: csv, tsv or json (W3C result formats); graphs as Turtle.

    With `timeout` (seconds) the query is stopped when it runs longer (E508); with `max_rows` a result of
    more rows (or triples) is refused (E509). See `bounded` for what stopping means."""
    text = checked(query)
    return bounded(lambda stop: _run_query(text, data, fmt=fmt, rows=_RowGuard(stop, max_rows)), timeout)


@contextmanager
def _evaluation_errors() -> Iterator[None]:
    """Results are computed while they are read: errors of evaluation surface there."""
    try:
        yield
    except (OSError, RuntimeError, ValueError) as e:
        raise QueryError("E502", f"query failed: {str(e).splitlines()[0] if str(e) else type(e).__name__}") from e


T = TypeVar("T")
R = TypeVar("R")


def bounded(work: Callable[[threading.Event | None], T], timeout: float | None) -> T:
    """`work(stop)` in a daemon thread, waited for at most `timeout` seconds; with None, `work(None)` in
    this thread, for all the time it needs. On the timeout, or on Ctrl-C while it waits, `stop` is set
    and the caller gets E508 or KeyboardInterrupt at once. The query itself stops at the next row it
    yields; until then (an ORDER BY over a cross product computes every row before the first) it runs on
    in the abandoned thread until the process ends, so a program should exit after E508, as `kg query` does."""
    if timeout is None:
        with _evaluation_errors():
            return work(None)
    stop = threading.Event()
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            with _evaluation_errors():
                box["value"] = work(stop)
        except BaseException as e:  # handed to the waiting thread, without the results its frames held
            _release(e)
            box["error"] = e

    worker = threading.Thread(target=target, name=WORKER, daemon=True)
    worker.start()
    try:
        worker.join(timeout)
    finally:
        stop.set()
    if worker.is_alive():
        raise QueryError("E508", f"the query ran longer than {timeout:g} s and was stopped: narrow it or add a "
                                 "LIMIT, or allow more time with --timeout")
    if "error" in box:
        raise box["error"]
    return cast(T, box["value"])


WORKER = "kg-query"


def _release(error: BaseException | None) -> None:
    """Clear the variables of an error's frames (and of the errors it comes from), in the thread that
    made the results they may hold (see checked)."""
    import traceback

    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        traceback.clear_frames(error.__traceback__)
        error = error.__cause__ or error.__context__


def abandoned_queries() -> bool:
    """Whether a query stopped by its timeout or Ctrl-C still runs in its thread."""
    return any(t.name == WORKER and t.is_alive() for t in threading.enumerate())


class _RowGuard:
    """Counts the rows of a result as they are read: refuses more than `max_rows`, ends when stopped."""

    def __init__(self, stop: threading.Event | None, max_rows: int | None) -> None:
        self.stop = stop
        self.max_rows = max_rows
        self.idle = stop is None and max_rows is None

    def __call__(self, rows: Iterable[R]) -> Iterator[R]:
        for n, row in enumerate(rows, 1):
            if self.stop is not None and self.stop.is_set():
                raise QueryError("E508", "the query was stopped")
            if self.max_rows is not None and n > self.max_rows:
                raise QueryError("E509", f"the result has more than {self.max_rows:,} rows: narrow the query or "
                                         "add a LIMIT, or allow more rows with --limit-rows")
            yield row


def _run_query(text: str, data: str | Path | ox.Store, *, fmt: str, rows: _RowGuard) -> str:
    res = _execute(text, data)[0]
    if isinstance(res, ox.QueryTriples):
        return serialize((ox.Quad(t.subject, t.predicate, t.object) for t in rows(res)), "turtle").decode()
    if fmt not in RESULT_FORMATS:
        raise QueryError("E504", f"unknown result format {fmt!r} (use csv, tsv or json)")
    if isinstance(res, ox.QueryBoolean):
        return _serialize(res, fmt) if fmt == "json" else "true\n" if bool(res) else "false\n"
    if rows.idle:
        return _serialize(res, fmt)
    return _serialize(_guarded(res, rows), fmt)


def _guarded(res: ox.QuerySolutions, rows: _RowGuard) -> ox.QuerySolutions:
    """The solutions read row by row, so that the guard sees each: written as TSV (terms in N-Triples
    syntax), then read again by the engine (serialised, the same bytes as the result itself)."""
    columns = [v.value for v in res.variables]
    tsv = io.StringIO()
    tsv.write("\t".join(f"?{c}" for c in columns) + "\n")
    for sol in rows(res):
        tsv.write("\t".join("" if sol[c] is None else str(sol[c]) for c in columns) + "\n")
    return cast(ox.QuerySolutions, ox.parse_query_results(tsv.getvalue(), ox.QueryResultsFormat.TSV))


def _serialize(res: ox.QuerySolutions | ox.QueryBoolean, fmt: str) -> str:
    return (res.serialize(format=RESULT_FORMATS[fmt]) or b"").decode()


ANSWER_RESULT_FORMATS = {**RESULT_FORMATS, "xml": ox.QueryResultsFormat.XML}
ANSWER_GRAPH_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "xml": ox.RdfFormat.RDF_XML}


def answer(text: str, data: str | Path | ox.Store, *, results: str | None = "json", graphs: str | None = "turtle",
           timeout: float | None = None, max_rows: int | None = None, service: bool = False) -> tuple[str, bytes]:
    """The result of the query `text` (its text only, never a file name: for a server, whose clients may
    not read files) and its kind: "solutions" or "boolean" serialised in `results` (csv, tsv, json or xml),
    "graph" in `graphs` (turtle, nt or xml for RDF/XML). A kind whose format is None is refused (E571).
    SERVICE is refused unless `service`; `timeout` and `max_rows` as for `run_query`.

    >>> answer("ASK { ?s ?p ?o }", ox.Store(), results="csv")
    ('boolean', b'false\\n')
    """
    text = prepare(text)
    if not service:
        check_query(text)
    return bounded(lambda stop: _answer(text, data, results=results, graphs=graphs, rows=_RowGuard(stop, max_rows)),
                   timeout)


def _answer(text: str, data: str | Path | ox.Store, *, results: str | None, graphs: str | None,
            rows: _RowGuard) -> tuple[str, bytes]:
    res = _execute(text, data)[0]
    if isinstance(res, ox.QueryTriples):
        if graphs is None:
            raise QueryError("E571", "a CONSTRUCT or DESCRIBE query gives a graph, and no graph format was accepted")
        quads = [ox.Quad(t.subject, t.predicate, t.object) for t in rows(res)]
        if graphs == "xml":  # not one of kg's file formats
            triples = sorted({q.triple for q in quads}, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
            return "graph", ox.serialize(triples, format=ANSWER_GRAPH_FORMATS[graphs]) or b""
        return "graph", serialize(quads, graphs)
    if results is None:
        raise QueryError("E571", "a SELECT or ASK query gives a table, and no result format was accepted")
    if isinstance(res, ox.QueryBoolean):
        if results in ("csv", "tsv"):  # no W3C format: as kg query writes it
            return "boolean", b"true\n" if bool(res) else b"false\n"
        return "boolean", res.serialize(format=ANSWER_RESULT_FORMATS[results]) or b""
    solutions = res if rows.idle else _guarded(res, rows)
    return "solutions", solutions.serialize(format=ANSWER_RESULT_FORMATS[results]) or b""


def construct(query: str, data: str | Path | ox.Store, *, timeout: float | None = None,
              max_triples: int | None = None) -> Graph:
    """The triples of a CONSTRUCT query, as an rdflib Graph (for `kg viz --query`). `timeout` and
    `max_triples` as `run_query`'s timeout and row limit."""
    from kg.store import to_graph

    text = checked(query)

    def work(stop: threading.Event | None) -> Graph:
        with _evaluation_errors():
            res = _execute(text, data)[0]
            if not isinstance(res, ox.QueryTriples):
                kind = "an ASK" if isinstance(res, ox.QueryBoolean) else "a SELECT"
                raise QueryError("E554", f"--query needs a CONSTRUCT query, not {kind} query")
            return to_graph(_RowGuard(stop, max_triples)(res))

    return bounded(work, timeout)


def query_table(query: str, data: str | Path | ox.Store, *, timeout: float | None = None,
                max_rows: int | None = None) -> Table:
    """A SELECT or ASK result as a table of short strings (IRIs as prefixed names with the prefixes a
    query may use, plain literals), safe to print on a terminal (control characters escaped).
    `timeout` and `max_rows` as for `run_query`."""
    text = checked(query)
    return bounded(lambda stop: _table(*_execute(text, data), rows=_RowGuard(stop, max_rows)), timeout)


def _table(res: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples, prefixes: dict[str, str], *,
           rows: _RowGuard) -> Table:
    if isinstance(res, ox.QueryBoolean):
        return Table(["result"], [["true" if bool(res) else "false"]])
    # the longest namespace first: a base IRI may hold another namespace
    spaces = sorted(((ns, p) for p, ns in prefixes.items()), key=lambda x: -len(x[0]))
    if isinstance(res, ox.QueryTriples):
        triples = [[_short(t.subject, spaces), _short(t.predicate, spaces), _short(t.object, spaces)]
                   for t in rows(res)]
        return Table(["subject", "predicate", "object"], sorted(triples))
    cols = [v.value for v in res.variables]
    return Table(cols, [[_short(sol[c], spaces) if sol[c] is not None else "" for c in cols] for sol in rows(res)])


def _short(term: object, spaces: list[tuple[str, str]]) -> str:
    """A term as a table shows it: a prefixed name or a plain value, control characters escaped."""
    return printable(_shorten(term, spaces))


def _shorten(term: object, spaces: list[tuple[str, str]]) -> str:
    if isinstance(term, ox.Literal):
        return term.value
    if isinstance(term, ox.NamedNode):
        for ns, prefix in spaces:
            if term.value.startswith(ns) and len(term.value) > len(ns):
                return f"{prefix}:{term.value[len(ns):]}"
        return term.value
    return str(term)
