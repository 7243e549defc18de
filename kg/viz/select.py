"""Choose what to draw: the result of a SPARQL CONSTRUCT, and/or the neighbourhood of one entity.

The selection keeps what the page needs to show the chosen entities and relations: their types
and names, literal facts and the documents they are mentioned in, the statement nodes (evidence)
behind the chosen relations with their documents, and the roles and events they take part in.

>>> from rdflib import Graph
>>> g = Graph().parse(data='''
... @prefix kg: <https://w3id.org/kg/ontology#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
... <urn:a> a kg:Person ; rdfs:label "Ann" ; kg:met <urn:b> .
... <urn:b> a kg:Person ; rdfs:label "Bob" ; kg:met <urn:c> .
... <urn:c> a kg:Person ; rdfs:label "Cy" .
... ''', format="turtle")
>>> sorted(str(o) for o in select(g, focus="ann", depth=1).objects(None, RDFS.label))
['Ann', 'Bob']
"""

from __future__ import annotations

import difflib
from collections import defaultdict

from pyparsing import ParseException
from rdflib import RDF, RDFS, SKOS, Graph, Literal
from rdflib.term import Node

from kg.errors import QueryError
from kg.ontology import KG
from kg.viz.view import PROV, collect, triples_of

__all__ = ["select"]

_DESCRIBE_ALWAYS = (RDF.type, RDFS.label, SKOS.altLabel, SKOS.prefLabel, KG.mentionedIn)


def select(
    graph: Graph,
    *,
    query: str | None = None,
    chosen: Graph | None = None,
    focus: str | None = None,
    depth: int = 1,
    ontology: Graph | None = None,
) -> Graph:
    """The part of `graph` to draw.

    `query` is a SPARQL CONSTRUCT run on the graph (on the union of the named graphs of a
    Dataset): its triples are the relations to draw. `focus` names an entity (its rdfs:label or
    a skos:altLabel, compared case-insensitively); the selection is then its neighbourhood up to
    `depth` relations away (in the query's result when both are given). Every entity that has
    the name is a centre. Raises `QueryError` for a bad query or a name that matches nothing.
    `chosen` is the result of such a CONSTRUCT already run elsewhere (`kg viz` runs it on the
    Oxigraph store, as `kg query` does, so that `GRAPH ?g` reaches one document).
    """
    if depth < 0:
        raise QueryError("E552", f"--depth must be 0 or more, not {depth}")
    union = _union(graph)
    if query is not None:
        chosen = _construct(union, query)
    if chosen is not None:
        union = _describe(union, chosen, ontology)
    if focus is not None:
        union = _neighbourhood(union, focus, depth, ontology)
    return union


def _union(graph: Graph) -> Graph:
    out = Graph()
    for prefix, ns in graph.namespaces():
        out.bind(prefix, ns, override=False)
    for t in triples_of(graph):
        out.add(t)
    return out


def _construct(graph: Graph, query: str) -> Graph:
    try:
        result = graph.query(query, initNs=dict(graph.namespaces()))
    except ParseException as e:
        raise QueryError(
            "E553", f"the query is not valid SPARQL: {e.msg} (line {e.lineno}, column {e.col})"
        ) from e
    except Exception as e:  # rdflib's evaluator raises many types (e.g. on unknown prefixes)
        raise QueryError("E553", f"the query failed: {e}") from e
    if result.type != "CONSTRUCT" or result.graph is None:
        raise QueryError("E554", f"--query needs a CONSTRUCT query, not a {result.type} query")
    return result.graph


def _describe(source: Graph, chosen: Graph, ontology: Graph | None) -> Graph:
    """`chosen` plus what the page needs to show it, taken from `source`."""
    c = collect(source, ontology)
    entities = set(c.entities)
    triples = set(chosen)
    keep = {s for s, _, _ in triples} | {o for _, _, o in triples if not isinstance(o, Literal)}
    return _with_context(source, c.props, triples, {n for n in keep if n in entities})


def _neighbourhood(graph: Graph, focus: str, depth: int, ontology: Graph | None) -> Graph:
    c = collect(graph, ontology)
    wanted = focus.strip().casefold()
    centres = [e for e in c.entities if any(name.casefold() == wanted for name in c.all_names(e))]
    if not centres:
        known = sorted({name for e in c.entities for name in c.all_names(e)})
        close = difflib.get_close_matches(focus, known, n=3, cutoff=0.6)
        hint = f"; did you mean {', '.join(repr(x) for x in close)}?" if close else ""
        raise QueryError("E551", f"no entity is named {focus!r}{hint}")
    neighbours: dict[Node, set[Node]] = defaultdict(set)
    for s, _, o in c.relations:
        neighbours[s].add(o)
        neighbours[o].add(s)
    seen = set(centres)
    frontier = set(centres)
    for _ in range(depth):
        frontier = {n for f in frontier for n in neighbours[f]} - seen
        seen |= frontier
    triples = {(s, p, o) for s, p, o in graph if s in seen and o in seen and p != RDF.type}
    return _with_context(graph, c.props, triples, seen)


def _with_context(
    source: Graph,
    props: dict[Node, dict[Node, list[Node]]],
    triples: set[tuple[Node, Node, Node]],
    entities: set[Node],
) -> Graph:
    result = Graph()
    for prefix, ns in source.namespaces():
        result.bind(prefix, ns, override=False)
    for t in triples:
        result.add(t)
    docs: set[Node] = set()
    for e in entities:
        for name in _DESCRIBE_ALWAYS:
            for value in source.objects(e, name):
                result.add((e, name, value))
                if name == KG.mentionedIn:
                    docs.add(value)
        for prop, objects in props.get(e, {}).items():
            for value in objects:
                if isinstance(value, Literal):
                    result.add((e, prop, value))
    # Evidence for the chosen triples (and the literal facts just added), with its documents.
    for st in source.subjects(RDF.type, RDF.Statement):
        s, p, o = (source.value(st, x) for x in (RDF.subject, RDF.predicate, RDF.object))
        if s is None or p is None or o is None or s not in entities:
            continue
        if (
            (s, p, o) in result
            or (o in entities and (o, p, s) in result)
            or (o in entities and s in entities)
        ):
            for t in source.triples((st, None, None)):
                result.add(t)
            docs.update(source.objects(st, PROV.wasDerivedFrom))
    # Roles and events in which the chosen entities take part.
    for prop in (KG.holder, KG.roleIn, KG.participant):
        for record, who in source.subject_objects(prop):
            if who in entities:
                for t in source.triples((record, None, None)):
                    if not (t[1] in (KG.holder, KG.roleIn, KG.participant) and t[2] not in entities):
                        result.add(t)
    for d in docs:
        for t in source.triples((d, None, None)):
            result.add(t)
    return result
