"""SPARQL over a build or an RDF file: read-only; the default graph is the merge of all documents
(and the ontology), each document is also a named graph.

>>> from kg.query import run_query  # doctest: +SKIP
>>> print(run_query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "output/", fmt="csv"))  # doctest: +SKIP
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from pyparsing import ParseBaseException, ParseResults
from rdflib import Graph
from rdflib.plugins.sparql.parser import Query as QueryGrammar
from rdflib.plugins.sparql.parser import expandUnicodeEscapes
from rdflib.plugins.sparql.parserutils import CompValue

from kg.errors import QueryError
from kg.rdf import PREFIXES
from kg.store import default_graphs, open_data, serialize
from kg.text import printable

UPDATE = re.compile(r"^\s*(?:(?:PREFIX|BASE)[^\n]*\n\s*|#[^\n]*\n\s*)*"
                    r"(?:INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.IGNORECASE)
RESULT_FORMATS = {"csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV,
                  "json": ox.QueryResultsFormat.JSON}


@dataclass(frozen=True)
class Table:
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
        text = expandUnicodeEscapes(query)
    except ValueError as e:
        raise QueryError("E501", f"bad SPARQL query: {e}") from e
    return text.replace("\r\n", "\n").replace("\r", "\n")


def check_query(text: str) -> None:
    """Refuse SERVICE, decided on the parse tree of the query (rdflib's SPARQL grammar): the engine
    (pyoxigraph) would call any endpoint it names. A query this grammar cannot read (an extension
    of the engine) is refused when it holds the word SERVICE anywhere."""
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
    todo = [tree]
    while todo:
        node = todo.pop()
        if isinstance(node, CompValue):
            yield node
            todo.extend(node.values())
        elif isinstance(node, ParseResults | list | tuple):
            todo.extend(node)


def execute(query: str, data: str | Path | ox.Store) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
    text = prepare(read_query(query))
    check_query(text)
    store = data if isinstance(data, ox.Store) else open_data(data)
    try:
        return store.query(text, prefixes=dict(PREFIXES), default_graph=default_graphs(store))
    except SyntaxError as e:
        if UPDATE.search(read_query(query)):
            raise QueryError("E505", "kg query is read-only: SPARQL updates are not allowed") from e
        msg = str(e).splitlines()[0] if str(e) else "syntax error"
        raise QueryError("E501", f"bad SPARQL query: {msg}") from e
    except OSError as e:
        raise QueryError("E502", f"query failed: {e}") from e


def run_query(query: str, data: str | Path | ox.Store, *, fmt: str = "csv") -> str:
    """The result serialised: csv, tsv or json (W3C result formats); graphs as Turtle."""
    with _evaluation_errors():
        return _run_query(query, data, fmt=fmt)


@contextmanager
def _evaluation_errors() -> Iterator[None]:
    """Results are computed while they are read: errors of evaluation surface there."""
    try:
        yield
    except (OSError, RuntimeError, ValueError) as e:
        raise QueryError("E502", f"query failed: {str(e).splitlines()[0] if str(e) else type(e).__name__}") from e


def _run_query(query: str, data: str | Path | ox.Store, *, fmt: str) -> str:
    res = execute(query, data)
    if isinstance(res, ox.QueryTriples):
        return serialize((ox.Quad(t.subject, t.predicate, t.object) for t in res), "turtle").decode()
    if fmt not in RESULT_FORMATS:
        raise QueryError("E504", f"unknown result format {fmt!r} (use csv, tsv or json)")
    if isinstance(res, ox.QueryBoolean) and fmt != "json":
        return "true\n" if bool(res) else "false\n"
    return (res.serialize(format=RESULT_FORMATS[fmt]) or b"").decode()


def construct(query: str, data: str | Path | ox.Store) -> Graph:
    """The triples of a CONSTRUCT query, as an rdflib Graph (for `kg viz --query`)."""
    from kg.store import to_graph

    with _evaluation_errors():
        res = execute(query, data)
        if not isinstance(res, ox.QueryTriples):
            kind = "an ASK" if isinstance(res, ox.QueryBoolean) else "a SELECT"
            raise QueryError("E554", f"--query needs a CONSTRUCT query, not {kind} query")
        return to_graph(res)


def query_table(query: str, data: str | Path | ox.Store) -> Table:
    """A SELECT or ASK result as a table of short strings (prefixed names, plain literals), safe to print
    on a terminal (control characters escaped)."""
    with _evaluation_errors():
        return _table(execute(query, data))


def _table(res: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples) -> Table:
    if isinstance(res, ox.QueryBoolean):
        return Table(["result"], [["true" if bool(res) else "false"]])
    if isinstance(res, ox.QueryTriples):
        rows = [[_short(t.subject), _short(t.predicate), _short(t.object)] for t in res]
        return Table(["subject", "predicate", "object"], sorted(rows))
    cols = [v.value for v in res.variables]
    rows = [[_short(sol[c]) if sol[c] is not None else "" for c in cols] for sol in res]
    return Table(cols, rows)


def _short(term: object) -> str:
    """A term as a table shows it: a prefixed name or a plain value, control characters escaped."""
    return printable(_shorten(term))


def _shorten(term: object) -> str:
    if isinstance(term, ox.Literal):
        return term.value
    if isinstance(term, ox.NamedNode):
        for prefix, ns in PREFIXES.items():
            if term.value.startswith(ns):
                return f"{prefix}:{term.value[len(ns):]}"
        return term.value
    return str(term)
