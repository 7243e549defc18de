"""Numbers about a kg graph: what it holds and which entities matter most (networkx).

The entities and relations counted are the ones the HTML graph draws (`kg.viz.view.collect`):
nodes with a class of the ontology, and the triples between two of them, a symmetric relation
stated both ways counting once.

>>> from rdflib import Graph
>>> g = Graph().parse(data='''
... @prefix kg: <https://w3id.org/kg/ontology#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
... <urn:a> a kg:Person ; rdfs:label "Ann" ; kg:met <urn:b> .
... <urn:b> a kg:Person ; rdfs:label "Bob" ; kg:met <urn:a> .
... <urn:n> a kg:SpaceAgency ; rdfs:label "NASA" .
... ''', format="turtle")
>>> s = graph_stats(g)
>>> s.entities, s.by_class, s.by_relation, s.component_sizes
(3, (('Person', 2), ('Space agency', 1)), (('met', 1),), (2, 1))
>>> s.top_degree[0]
('Ann', 1)
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import networkx as nx
from rdflib import RDF, Graph

from kg.ontology import KG
from kg.text import printable
from kg.viz.view import collect

__all__ = ["GraphStats", "entity_graph", "format_stats", "graph_stats"]


@dataclass(frozen=True)
class GraphStats:
    """Counts and rankings of one graph. Lists are sorted: largest first, then by name."""

    entities: int
    relations: int
    documents: int
    statements: int  # reified statements (evidence), asserted or not
    by_class: tuple[tuple[str, int], ...]  # (class label, entities)
    by_relation: tuple[tuple[str, int], ...]  # (property label, relations)
    top_degree: tuple[tuple[str, int], ...]  # (entity label, relations it takes part in)
    top_pagerank: tuple[tuple[str, float], ...]  # (entity label, PageRank)
    components: int
    component_sizes: tuple[int, ...]  # entities in each connected component


def entity_graph(graph: Graph, *, ontology: Graph | None = None) -> nx.MultiDiGraph:
    """The entities and their relations as a networkx multigraph, for your own analysis.

    Nodes are the entities' IRIs, with `label` and `cls` (the class's label) attributes; each
    relation is an edge with `relation` (the property's label) and `iri` (the property)
    attributes. A symmetric relation is one edge, whichever way it was stated.

    >>> from rdflib import Graph
    >>> g = Graph().parse(data='''
    ... @prefix kg: <https://w3id.org/kg/ontology#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    ... <urn:a> a kg:Person ; rdfs:label "Ann" ; kg:worksFor <urn:n> .
    ... <urn:n> a kg:SpaceAgency ; rdfs:label "NASA" .
    ... ''', format="turtle")
    >>> nxg = entity_graph(g)
    >>> nxg.nodes["urn:a"]["label"], list(nxg.edges(data="relation"))
    ('Ann', [('urn:a', 'urn:n', 'works for')])
    """
    c = collect(graph, ontology)
    g: nx.MultiDiGraph = nx.MultiDiGraph()
    for e in c.entities:
        g.add_node(str(e), label=c.label(e), cls=c.onto.label(c.cls[e]))
    for s, p, o in c.relations:
        g.add_edge(str(s), str(o), relation=c.onto.label(p), iri=str(p))
    return g


def graph_stats(graph: Graph, *, ontology: Graph | None = None, top: int = 10) -> GraphStats:
    """Count a graph (a Graph, or a Dataset whose named graphs are merged) and rank its entities.

    PageRank runs on the undirected graph of entities (networkx, scipy), `top` entities are
    kept in each ranking.
    """
    c = collect(graph, ontology)
    onto = c.onto
    labels = [c.label(e) for e in c.entities]
    by_class = Counter(onto.label(c.cls[e]) for e in c.entities)
    by_relation = Counter(onto.label(p) for _, p, _ in c.relations)
    degree = dict(enumerate(c.degrees()))
    g = c.graph()
    rank = nx.pagerank(g) if len(g) else {}
    components = sorted((len(part) for part in nx.connected_components(g)), reverse=True)

    def ranked(values: dict[int, float] | dict[int, int]) -> list[int]:
        return sorted(range(len(labels)), key=lambda i: (-values.get(i, 0), labels[i], str(c.entities[i])))[
            :top
        ]

    return GraphStats(
        entities=len(c.entities),
        relations=len(c.relations),
        documents=sum(1 for ts in c.types.values() if KG.Document in ts),
        statements=sum(1 for ts in c.types.values() if RDF.Statement in ts),
        by_class=_sorted_counts(by_class),
        by_relation=_sorted_counts(by_relation),
        top_degree=tuple((labels[i], degree[i]) for i in ranked(degree)),
        top_pagerank=tuple((labels[i], float(rank.get(i, 0.0))) for i in ranked(rank)),
        components=len(components),
        component_sizes=tuple(components),
    )


def _sorted_counts(counts: Counter[str]) -> tuple[tuple[str, int], ...]:
    return tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def format_stats(stats: GraphStats) -> str:
    """The numbers as plain text, for `kg stats`.

    >>> one = GraphStats(1, 0, 0, 0, (("Person", 1),), (), (("Ann", 0),), (("Ann", 1.0),), 1, (1,))
    >>> print(format_stats(one))
    1 entity, 0 relations, 0 documents, 0 statements
    <BLANKLINE>
    Entities by class
      Person  1
    <BLANKLINE>
    Relations by property
      (none)
    <BLANKLINE>
    Top entities by degree
      Ann  0
    <BLANKLINE>
    Top entities by PageRank
      Ann  1.0000
    <BLANKLINE>
    Connected components: 1 (sizes: 1)
    """

    def table(rows: list[tuple[str, str]]) -> list[str]:
        if not rows:
            return ["  (none)"]
        rows = [(printable(name), value) for name, value in rows]
        width = max(len(name) for name, _ in rows)
        value_width = max(len(value) for _, value in rows)
        return [f"  {name.ljust(width)}  {value.rjust(value_width)}" for name, value in rows]

    def plural(n: int, one: str, many: str) -> str:
        return f"{n:,} {one if n == 1 else many}"

    sizes = ", ".join(str(s) for s in stats.component_sizes[:20])
    if len(stats.component_sizes) > 20:
        sizes += ", …"
    lines = [
        ", ".join(
            [
                plural(stats.entities, "entity", "entities"),
                plural(stats.relations, "relation", "relations"),
                plural(stats.documents, "document", "documents"),
                plural(stats.statements, "statement", "statements"),
            ]
        ),
        "",
        "Entities by class",
        *table([(name, f"{n:,}") for name, n in stats.by_class]),
        "",
        "Relations by property",
        *table([(name, f"{n:,}") for name, n in stats.by_relation]),
        "",
        "Top entities by degree",
        *table([(name, f"{n:,}") for name, n in stats.top_degree]),
        "",
        "Top entities by PageRank",
        *table([(name, f"{v:.4f}") for name, v in stats.top_pagerank]),
        "",
        f"Connected components: {stats.components:,}" + (f" (sizes: {sizes})" if sizes else ""),
    ]
    return "\n".join(lines)
