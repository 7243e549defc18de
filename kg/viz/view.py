"""Read a kg graph (docs/rdf-model.md) as what a person should see: entities, relations, evidence.

Entities are the nodes that have a class of the ontology with a `kg:color`. Statement nodes,
documents, roles and the per-document event nodes (`kg:Event` with a `kg:eventType` or a
`kg:participant`) are records, not entities: their content goes into the entities' details.

A graph in which no node has a class of the ontology (schema.org, FOAF, Wikidata…) is read
generically instead: every IRI or blank node with an `rdf:type`, or at either end of a triple
between two resources, is drawn; see `collect`.

>>> from rdflib import Graph
>>> g = Graph().parse(data='''
... @prefix kg: <https://w3id.org/kg/ontology#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
... <urn:a> a kg:Person ; rdfs:label "Ann" ; kg:met <urn:b> .
... <urn:b> a kg:Person ; rdfs:label "Bob" ; kg:met <urn:a> .
... ''', format="turtle")
>>> view = build_view(g)
>>> [n.label for n in view.nodes], [(e.source, e.relation, e.target) for e in view.edges]
(['Ann', 'Bob'], [(0, 0, 1)])
"""

from __future__ import annotations

import colorsys
import hashlib
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache

import networkx as nx
from rdflib import OWL, RDF, RDFS, SKOS, BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.graph import ConjunctiveGraph
from rdflib.namespace import FOAF, SDO
from rdflib.term import Node

from kg.ontology import KG, load_ontology, reachable

__all__ = [
    "Claim",
    "Collected",
    "Doc",
    "Edge",
    "EntityNode",
    "EventNote",
    "Evidence",
    "OntologyInfo",
    "View",
    "build_view",
    "collect",
    "load_ontology_graph",
    "local_name",
    "read_ontology",
    "triples_of",
]

PROV = Namespace("http://www.w3.org/ns/prov#")
DCTERMS = Namespace("http://purl.org/dc/terms/")

# The vocabulary read here, resolved once (Namespace attribute lookups are slow in loops).
_TYPE, _LABEL, _STATEMENT = RDF.type, RDFS.label, RDF.Statement
_ALT_NAMES = frozenset({SKOS.altLabel, SKOS.prefLabel})
_DOCUMENT, _ROLE, _EVENT = URIRef(KG.Document), URIRef(KG.Role), URIRef(KG.Event)
_EVENT_PROPS = frozenset({URIRef(KG.eventType), URIRef(KG.participant)})
_MENTIONED_IN = URIRef(KG.mentionedIn)
_SUBJECT, _PREDICATE, _OBJECT = RDF.subject, RDF.predicate, RDF.object
_VALUE, _DERIVED_FROM = URIRef(PROV.value), URIRef(PROV.wasDerivedFrom)
_CONFIDENCE, _RULE, _ASSERTED, _MODALITY = (
    URIRef(KG[x]) for x in ("confidence", "rule", "asserted", "modality")
)

# The names of a node in a graph of another vocabulary, best first (after rdfs:label, skos:prefLabel).
_OLD_SDO = "http://schema.org/"  # schema.org's earlier namespace: its terms are read as the https ones
_OTHER_NAMES = (SDO.name, URIRef(_OLD_SDO + "name"), FOAF.name)
_PREF = SKOS.prefLabel
# Statements about classes and properties (schema), not relations between the things described.
_SCHEMA_AXIOMS = frozenset(
    {RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain, RDFS.range}
    | {OWL.equivalentClass, OWL.equivalentProperty, OWL.inverseOf, OWL.disjointWith}
)
_UNTYPED = RDFS.Resource  # the class of the untyped nodes of such a graph
_UNTYPED_LABEL = "(no type)"

_COLOR = re.compile(r"#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3}")
_FALLBACK_COLOR = "#8c96a3"
_EDGE_PX = 110.0  # pixels per unit edge length of the layout

Props = dict[Node, list[Node]]


# ---------------------------------------------------------------------------
# The ontology, as the page needs it


@dataclass(frozen=True)
class OntologyInfo:
    """Colours and labels of the classes, labels of the properties, the symmetric properties."""

    colors: dict[URIRef, str]
    class_labels: dict[URIRef, str]
    ancestors: dict[URIRef, frozenset[URIRef]]
    property_labels: dict[URIRef, str]
    symmetric: frozenset[URIRef]

    def label(self, iri: Node) -> str:
        """The rdfs:label of a class or property, else the last part of its IRI."""
        if isinstance(iri, URIRef):
            return self.property_labels.get(iri) or self.class_labels.get(iri) or local_name(iri)
        return str(iri)


def load_ontology_graph(ontology: Graph | None = None) -> Graph:
    """`ontology` itself, or the project's `ontologies/kg.ttl` (kg.ontology reads it once)."""
    return ontology if ontology is not None else load_ontology().graph


def read_ontology(ontology: Graph | None = None) -> OntologyInfo:
    """Extract what the page needs from an ontology graph.

    >>> info = read_ontology()
    >>> info.colors[KG.Person], info.label(KG.dockedWith), KG.met in info.symmetric
    ('#e4572e', 'docked with', True)
    """
    if ontology is None:
        return _default_info()
    return _read_ontology(ontology)


@cache
def _default_info() -> OntologyInfo:
    return _read_ontology(load_ontology().graph)


def _read_ontology(g: Graph) -> OntologyInfo:
    colors: dict[URIRef, str] = {}
    for c, color in g.subject_objects(KG.color):
        if isinstance(c, URIRef):
            text = str(color).strip()
            colors[c] = text if _COLOR.fullmatch(text) else _FALLBACK_COLOR
    labels: dict[URIRef, list[Node]] = defaultdict(list)
    for s, lab in g.subject_objects(RDFS.label):
        if isinstance(s, URIRef):
            labels[s].append(lab)
    classes = {c for c in g.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef)} | set(colors)
    parents: dict[URIRef, set[URIRef]] = defaultdict(set)
    for c, p in g.subject_objects(RDFS.subClassOf):
        if isinstance(c, URIRef) and isinstance(p, URIRef):
            parents[c].add(p)
    ancestors: dict[URIRef, frozenset[URIRef]] = {}
    for c in classes:
        seen: set[URIRef] = set()
        todo = list(parents[c])
        while todo:
            x = todo.pop()
            if x not in seen:
                seen.add(x)
                todo.extend(parents[x])
        ancestors[c] = frozenset(seen)
    class_labels = {c: best_name(labels[c]) or local_name(c) for c in classes}
    property_labels = {s: best_name(v) for s, v in labels.items() if s not in classes and best_name(v)}
    symmetric = frozenset(p for p in g.subjects(RDF.type, OWL.SymmetricProperty) if isinstance(p, URIRef))
    return OntologyInfo(colors, class_labels, ancestors, property_labels, symmetric)


# ---------------------------------------------------------------------------
# Triples and entities


def triples_of(graph: Graph) -> Iterator[tuple[Node, Node, Node]]:
    """Every distinct triple of a Graph, or of all the named graphs of a Dataset."""
    if isinstance(graph, ConjunctiveGraph | Dataset):
        seen: set[tuple[Node, Node, Node]] = set()
        for s, p, o, _ in graph.quads((None, None, None, None)):
            t = (s, p, o)
            if t not in seen:
                seen.add(t)
                yield t
    else:
        yield from graph


def local_name(iri: Node) -> str:
    """The last segment of an IRI.

    >>> local_name(URIRef("https://w3id.org/kg/resource/person/dmitry-bakanov"))
    'dmitry-bakanov'
    """
    text = str(iri)
    return re.split(r"[#/:]", text.rstrip("/#"))[-1] or text


def best_name(values: Iterable[Node]) -> str:
    """The name to show among several literals: English or untagged first, then alphabetical."""
    lits = [v for v in values if isinstance(v, Literal)]
    if not lits:
        return ""
    best = min(lits, key=lambda v: (not (v.language is None or v.language.lower().startswith("en")), str(v)))
    return str(best)


def _is_record(types: Iterable[Node], props: Iterable[Node]) -> bool:
    """Statement, document, role, or a happening described in one document (not an entity)."""
    ts = set(types)
    if _STATEMENT in ts or _DOCUMENT in ts or _ROLE in ts:
        return True
    return _EVENT in ts and any(p in _EVENT_PROPS for p in props)


@dataclass
class Collected:
    """One pass over the triples, indexed: the input of the view, of `select` and of `kg.stats`."""

    entities: list[Node]  # sorted by IRI
    cls: dict[Node, URIRef]  # the most specific coloured class of each entity
    types: dict[Node, set[Node]]
    names: dict[Node, list[Node]]  # rdfs:label values
    alt_names: dict[Node, list[Node]]  # skos:altLabel and skos:prefLabel values
    props: dict[Node, Props]  # every other property of each subject
    relations: list[tuple[Node, URIRef, Node]]  # entity-to-entity triples, symmetric ones once, sorted
    onto: OntologyInfo  # for a generic graph, with the colours and labels of its own classes
    generic: bool = False  # the graph has no class of the ontology: read as any RDF graph
    pref: dict[Node, list[Node]] = field(default_factory=dict)  # skos:prefLabel values (also in alt_names)

    def label(self, node: Node) -> str:
        """The name a node is shown with."""
        if self.generic:
            return self._generic_label(node)
        return (
            best_name(self.names.get(node, ())) or best_name(self.alt_names.get(node, ())) or local_name(node)
        )

    def _generic_label(self, node: Node) -> str:
        """rdfs:label, skos:prefLabel, schema:name, foaf:name, skos:altLabel, else the local name."""
        found = best_name(self.names.get(node, ())) or best_name(self.pref.get(node, ()))
        if found:
            return found
        own = self.props.get(node, {})
        for p in _OTHER_NAMES:
            found = best_name(own.get(p, ()))
            if found:
                return found
        return best_name(self.alt_names.get(node, ())) or local_name(node)

    def all_names(self, node: Node) -> list[str]:
        values = self.names.get(node, []) + self.alt_names.get(node, [])
        if self.generic:
            own = self.props.get(node, {})
            values = values + [v for p in _OTHER_NAMES for v in own.get(p, ())]
        return [str(v) for v in values if isinstance(v, Literal)]

    def first(self, node: Node, prop: Node) -> Node | None:
        """One value of `prop` on `node` (the smallest, so the choice is stable), or None."""
        values = self.props.get(node, {}).get(prop)
        if not values:
            return None
        return values[0] if len(values) == 1 else min(values, key=str)

    def degrees(self) -> list[int]:
        """How many relations each entity takes part in (a self-relation counts once)."""
        index = {e: i for i, e in enumerate(self.entities)}
        counts = [0] * len(self.entities)
        for s, _, o in self.relations:
            counts[index[s]] += 1
            if o != s:
                counts[index[o]] += 1
        return counts

    def graph(self) -> nx.Graph:
        """The entities (as indexes into `entities`) and who is related to whom, undirected."""
        index = {e: i for i, e in enumerate(self.entities)}
        g: nx.Graph = nx.Graph()
        g.add_nodes_from(range(len(self.entities)))
        g.add_edges_from((index[s], index[o]) for s, _, o in self.relations if s != o)
        return g


def collect(graph: Graph, ontology: Graph | None = None) -> Collected:
    """Index the triples of `graph` and find its entities and the relations between them.

    A graph in which some node has a class of the ontology is a kg graph: its entities are the
    nodes with a coloured class that are not records. Any other graph is read generically: its
    entities are the IRIs and blank nodes that have an `rdf:type` or stand at either end of a
    triple between two resources (`rdf:type` and schema axioms such as `rdfs:subClassOf` aside),
    each in its most specific type (by the graph's own `rdfs:subClassOf`) with a colour derived
    from the class's IRI, or in the class `(no type)`; its relations are all the triples between
    two of them. Names: `rdfs:label`, `skos:prefLabel`, `schema:name` (https or http),
    `foaf:name`, `skos:altLabel`, else the IRI's local name; `http://schema.org/` terms are read
    as `https://schema.org/` ones.

    >>> g = Graph().parse(data='''
    ... @prefix schema: <https://schema.org/> .
    ... <urn:x:a> a schema:Person ; schema:name "Ann" ; schema:knows <urn:x:b> .
    ... ''', format="turtle")
    >>> c = collect(g)
    >>> c.generic, [c.label(e) for e in c.entities], [c.onto.label(c.cls[e]) for e in c.entities]
    (True, ['Ann', 'b'], ['Person', '(no type)'])
    """
    onto = read_ontology(ontology)
    types: dict[Node, set[Node]] = defaultdict(set)
    names: dict[Node, list[Node]] = defaultdict(list)
    alt: dict[Node, list[Node]] = defaultdict(list)
    pref: dict[Node, list[Node]] = defaultdict(list)
    props: dict[Node, Props] = defaultdict(lambda: defaultdict(list))
    for s, p, o in triples_of(graph):
        if p == _TYPE:
            types[s].add(o)
        elif p == _LABEL:
            names[s].append(o)
        elif p in _ALT_NAMES:
            alt[s].append(o)
            if p == _PREF:
                pref[s].append(o)
        else:
            props[s][p].append(o)
    known = onto.class_labels
    if not any(t in known for ts in types.values() for t in ts):
        return _collect_generic(types, names, alt, pref, props, onto)
    cls: dict[Node, URIRef] = {}
    for node, ts in types.items():
        if not isinstance(node, URIRef | BNode):
            continue
        coloured = sorted(t for t in ts if isinstance(t, URIRef) and t in onto.colors)
        if not coloured or _is_record(ts, props.get(node, {})):
            continue
        inherited: set[URIRef] = set().union(*(onto.ancestors.get(t, frozenset()) for t in coloured))
        specific = [t for t in coloured if t not in inherited] or coloured
        cls[node] = specific[0]
    entities = sorted(cls, key=str)
    index = {e: i for i, e in enumerate(entities)}
    relations: set[tuple[Node, URIRef, Node]] = set()
    for s in entities:
        for p, objects in props.get(s, {}).items():
            if not isinstance(p, URIRef):
                continue
            for o in objects:
                if o in index:
                    relations.add((o, p, s) if p in onto.symmetric and index[o] < index[s] else (s, p, o))
    rels = sorted(relations, key=lambda t: (index[t[0]], index[t[2]], str(t[1])))
    return Collected(
        entities,
        cls,
        dict(types),
        dict(names),
        dict(alt),
        {k: dict(v) for k, v in props.items()},
        rels,
        onto,
        pref=dict(pref),
    )


def _collect_generic(
    types: dict[Node, set[Node]],
    names: dict[Node, list[Node]],
    alt: dict[Node, list[Node]],
    pref: dict[Node, list[Node]],
    all_props: dict[Node, Props],
    onto: OntologyInfo,
) -> Collected:
    """`collect` for a graph of another vocabulary (no node has a class of the ontology)."""
    props = {k: dict(v) for k, v in all_props.items()}
    drawn: set[Node] = {n for n in types if isinstance(n, URIRef | BNode)}
    links: list[tuple[Node, URIRef, Node]] = []
    for s, own in props.items():
        if not isinstance(s, URIRef | BNode):
            continue
        for p, objects in own.items():
            if not isinstance(p, URIRef) or p in _SCHEMA_AXIOMS:
                continue
            for o in objects:
                if isinstance(o, URIRef | BNode):
                    links.append((s, _same_term(p), o))
                    drawn.add(s)
                    drawn.add(o)
    entities = sorted(drawn, key=str)

    # The most specific type of each node: one that none of its other types is a subclass of.
    parents: dict[Node, list[Node]] = defaultdict(list)
    for k, v in props.items():
        if isinstance(k, URIRef):
            parents[_same_term(k)].extend(_same_term(x) for x in v.get(RDFS.subClassOf, ()) if isinstance(x, URIRef))
    ancestors: dict[Node, set[Node]] = {}

    def ancestors_of(k: Node) -> set[Node]:
        if k not in ancestors:
            ancestors[k] = reachable(parents.get(k, ()), parents)
        return ancestors[k]

    cls: dict[Node, URIRef] = {}
    for e in entities:
        ts = sorted({_same_term(t) for t in types.get(e, ()) if isinstance(t, URIRef)})
        if len(ts) > 1:
            inherited = set().union(*(ancestors_of(t) for t in ts))
            ts = [t for t in ts if t not in inherited] or ts
        cls[e] = ts[0] if ts else _UNTYPED

    index = {e: i for i, e in enumerate(entities)}
    relations = {(o, p, s) if p in onto.symmetric and index[o] < index[s] else (s, p, o) for s, p, o in links}
    c = Collected(
        entities,
        cls,
        dict(types),
        dict(names),
        dict(alt),
        props,
        sorted(relations, key=lambda t: (index[t[0]], index[t[2]], str(t[1]))),
        onto,
        generic=True,
        pref=dict(pref),
    )
    colors, class_labels = dict(onto.colors), dict(onto.class_labels)
    for k in set(cls.values()):
        colors[k] = _FALLBACK_COLOR if k == _UNTYPED else class_color(k)
        class_labels[k] = _UNTYPED_LABEL if k == _UNTYPED else c.label(k)
    c.onto = OntologyInfo(colors, class_labels, onto.ancestors, onto.property_labels, onto.symmetric)
    return c


def _same_term(iri: URIRef) -> URIRef:
    """A schema.org term in its current (https) namespace; any other IRI as it is."""
    return URIRef("https://" + iri[7:]) if iri.startswith(_OLD_SDO) else iri


def class_color(iri: Node) -> str:
    """The colour of a class of another vocabulary: derived from its IRI, the same in every graph.

    >>> class_color(URIRef("https://schema.org/Person")) == class_color(URIRef("https://schema.org/Person"))
    True
    >>> len({class_color(URIRef(f"urn:class:{i}")) for i in range(20)})
    20
    """
    digest = hashlib.sha256(str(iri).encode("utf-8")).digest()
    hue = int.from_bytes(digest[:2], "big") / 65536
    lightness = 0.40 + digest[2] / 255 * 0.18
    r, g, b = colorsys.hls_to_rgb(hue, lightness, 0.6)
    return "#" + "".join(f"{round(v * 255):02x}" for v in (r, g, b))


# ---------------------------------------------------------------------------
# The view


@dataclass(frozen=True)
class Evidence:
    """A sentence behind a statement, and where it was read."""

    text: str
    doc: int | None  # index into View.docs
    confidence: float | None
    rule: str | None

    def key(self) -> tuple[int, str, str, float]:
        return (self.doc if self.doc is not None else -1, self.text, self.rule or "", self.confidence or 0.0)


@dataclass(frozen=True)
class Doc:
    iri: str
    id: str
    title: str | None
    date: str | None
    source: str | None


@dataclass
class EntityNode:
    iri: str
    label: str
    alt: list[str]
    cls: int  # index into View.classes
    types: list[str]
    x: int
    y: int
    size: float
    degree: int
    rank: float  # PageRank x number of entities (1.0 = average)
    facts: list[tuple[str, str, list[Evidence]]] = field(default_factory=list)
    docs: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class Edge:
    source: int
    relation: int  # index into View.relations
    target: int
    symmetric: bool
    evidence: list[Evidence]
    curve: float  # 0 = straight; parallel edges between the same two nodes fan out


@dataclass(frozen=True)
class Claim:
    """A statement the text denies or only calls possible: evidence without an edge."""

    subject: int
    name: str
    target: int | None
    value: str | None
    modality: str
    evidence: list[Evidence]


@dataclass(frozen=True)
class EventNote:
    """A happening read in one document (a `kg:Event` record), shown with its participants."""

    label: str
    kind: str | None
    date: str | None
    participants: list[int]
    evidence: list[Evidence]


@dataclass
class View:
    classes: list[tuple[str, str, int]]  # (label, colour, count), by label
    relations: list[tuple[str, str, bool, int]]  # (label, IRI, symmetric, count), by label
    docs: list[Doc]
    nodes: list[EntityNode]
    edges: list[Edge]
    roles: list[tuple[str, int | None, int | None]]  # (title, holder, in)
    events: list[EventNote]
    claims: list[Claim]


def _text(value: Node | None) -> str | None:
    return None if value is None else str(value)


def _unique(evidence: Iterable[Evidence]) -> list[Evidence]:
    by_key = {e.key(): e for e in evidence}
    return [by_key[k] for k in sorted(by_key)]


def _documents(c: Collected, statements: list[Node]) -> list[Doc]:
    """Everything typed kg:Document or named as a source, sorted by identifier."""
    nodes = {n for n, ts in c.types.items() if _DOCUMENT in ts}
    for e in c.entities:
        nodes.update(o for o in c.props.get(e, {}).get(_MENTIONED_IN, ()) if not isinstance(o, Literal))
    for st in statements:
        nodes.update(o for o in c.props.get(st, {}).get(_DERIVED_FROM, ()) if not isinstance(o, Literal))
    docs = []
    for d in nodes:
        ident = c.first(d, DCTERMS.identifier)
        docs.append(
            Doc(
                iri=str(d),
                id=str(ident) if ident is not None else local_name(d),
                title=_text(c.first(d, DCTERMS.title)),
                date=_text(c.first(d, DCTERMS.date)),
                source=_text(c.first(d, DCTERMS.source)),
            )
        )
    return sorted(docs, key=lambda d: (d.id, d.iri))


def build_view(graph: Graph, ontology: Graph | None = None) -> View:
    """Everything the page shows, with a seeded layout: the same graph gives the same view."""
    from kg.viz.layout import spring_positions

    c = collect(graph, ontology)
    onto = c.onto
    index = {e: i for i, e in enumerate(c.entities)}
    statements = sorted((n for n, ts in c.types.items() if _STATEMENT in ts), key=str)
    docs = _documents(c, statements)
    doc_index = {d.iri: i for i, d in enumerate(docs)}

    def evidence_of(record: Node) -> Evidence:
        src = c.first(record, _DERIVED_FROM)
        return Evidence(
            text=_text(c.first(record, _VALUE)) or "",
            doc=doc_index.get(str(src)) if src is not None else None,
            confidence=_as_float(c.first(record, _CONFIDENCE)),
            rule=_text(c.first(record, _RULE)),
        )

    # Evidence, keyed by the (subject, predicate, object) of each reified statement.
    evidence: dict[tuple[Node, Node, Node], list[Evidence]] = defaultdict(list)
    claims: dict[tuple[int, str, int | None, str | None, str], list[Evidence]] = defaultdict(list)
    for st in statements:
        s, p, o = c.first(st, _SUBJECT), c.first(st, _PREDICATE), c.first(st, _OBJECT)
        if s is None or p is None or o is None:
            continue
        ev = evidence_of(st)
        asserted = c.first(st, _ASSERTED)
        if isinstance(asserted, Literal) and asserted.toPython() is False:
            if s in index:
                value = None if o in index else (str(o) if isinstance(o, Literal) else c.label(o))
                modality = _text(c.first(st, _MODALITY)) or "not asserted"
                claims[(index[s], onto.label(p), index.get(o), value, modality)].append(ev)
            continue
        evidence[(s, p, o)].append(ev)
        if p in onto.symmetric:
            evidence[(o, p, s)].append(ev)

    # Classes and relations, with counts, in alphabetical order.
    class_iris = sorted(set(c.cls.values()), key=lambda k: (onto.label(k).lower(), str(k)))
    class_index = {k: i for i, k in enumerate(class_iris)}
    class_counts: dict[URIRef, int] = defaultdict(int)
    for k in c.cls.values():
        class_counts[k] += 1
    rel_iris = sorted({p for _, p, _ in c.relations}, key=lambda k: (onto.label(k).lower(), str(k)))
    rel_index = {p: i for i, p in enumerate(rel_iris)}
    rel_counts: dict[URIRef, int] = defaultdict(int)
    for _, p, _ in c.relations:
        rel_counts[p] += 1

    # Importance (PageRank on the undirected entity graph) and layout.
    n = len(c.entities)
    simple = c.graph()
    rank = nx.pagerank(simple) if n else {}
    positions = spring_positions(n, sorted(simple.edges()), seed=1) * _EDGE_PX
    degrees = c.degrees()

    nodes: list[EntityNode] = []
    for i, e in enumerate(c.entities):
        label = c.label(e)
        alt = set(c.all_names(e)) - {label}
        r = rank.get(i, 0.0) * n
        facts: list[tuple[str, str, list[Evidence]]] = []
        mentioned: set[int] = set()
        for p, objects in c.props.get(e, {}).items():
            for o in objects:
                if p == _MENTIONED_IN:
                    if str(o) in doc_index:
                        mentioned.add(doc_index[str(o)])
                elif o in index or (c.generic and p in _OTHER_NAMES):
                    continue  # a relation (an edge), or a name (shown as one)
                elif isinstance(o, Literal):
                    facts.append((onto.label(p), str(o), _unique(evidence.get((e, p, o), ()))))
                elif not _is_record(c.types.get(o, ()), c.props.get(o, {})):
                    shown = c.label(o) if o in c.names or o in c.alt_names else str(o)
                    facts.append((onto.label(p), shown, _unique(evidence.get((e, p, o), ()))))
        facts.sort(key=lambda f: (f[0].lower(), f[1]))
        nodes.append(
            EntityNode(
                iri=str(e),
                label=label,
                alt=sorted(alt, key=lambda s: (s.lower(), s)),
                cls=class_index[c.cls[e]],
                types=sorted({onto.label(t) for t in c.types.get(e, ())}, key=str.lower),
                x=int(round(float(positions[i, 0]))),
                y=int(round(float(positions[i, 1]))),
                size=round(min(36.0, 8.0 + 8.0 * math.sqrt(r)), 1),
                degree=degrees[i],
                rank=round(r, 3),
                facts=facts,
                docs=sorted(mentioned),
            )
        )

    # Edges; parallel ones between the same two entities fan out.
    pair_count: dict[tuple[int, int], int] = defaultdict(int)
    for s, _, o in c.relations:
        pair_count[(min(index[s], index[o]), max(index[s], index[o]))] += 1
    pair_seen: dict[tuple[int, int], int] = defaultdict(int)
    edges: list[Edge] = []
    for s, p, o in c.relations:
        a, b = index[s], index[o]
        pair = (min(a, b), max(a, b))
        nth = pair_seen[pair]
        pair_seen[pair] += 1
        curve = (nth - (pair_count[pair] - 1) / 2) * 0.25
        found = evidence.get((s, p, o), [])
        edges.append(
            Edge(
                a, rel_index[p], b, p in onto.symmetric, _unique(found), round(-curve if a > b else curve, 3)
            )
        )

    # Roles and per-document events, attached to the entities they concern.
    roles: list[tuple[str, int | None, int | None]] = []
    events: list[EventNote] = []
    for node in sorted(c.types, key=str):
        ts = c.types[node]
        if _ROLE in ts:
            holder, where = c.first(node, KG.holder), c.first(node, KG.roleIn)
            who, org = index.get(holder) if holder else None, index.get(where) if where else None
            if who is None and org is None:
                continue
            titles = sorted(str(t) for t in c.props.get(node, {}).get(KG.title, ())) or [onto.label(_ROLE)]
            roles.extend((title, who, org) for title in titles)
        elif _EVENT in ts and node not in index and _is_record(ts, c.props.get(node, {})):
            kind = _text(c.first(node, KG.eventType))
            who_all = sorted({index[o] for o in c.props.get(node, {}).get(KG.participant, ()) if o in index})
            if who_all:
                label = c.label(node) if node in c.names else (kind or local_name(node))
                found = [evidence_of(node)] if c.first(node, _VALUE) is not None else []
                events.append(EventNote(label, kind, _text(c.first(node, KG.date)), who_all, found))

    return View(
        classes=[(onto.label(k), onto.colors[k], class_counts[k]) for k in class_iris],
        relations=[(onto.label(p), str(p), p in onto.symmetric, rel_counts[p]) for p in rel_iris],
        docs=docs,
        nodes=nodes,
        edges=edges,
        roles=roles,
        events=events,
        claims=[Claim(*key, evidence=_unique(ev)) for key, ev in sorted(claims.items(), key=_claim_order)],
    )


def _claim_order(
    item: tuple[tuple[int, str, int | None, str | None, str], list[Evidence]],
) -> tuple[object, ...]:
    s, name, target, value, modality = item[0]
    return (s, name, -1 if target is None else target, value or "", modality)


def _as_float(value: Node | None) -> float | None:
    if isinstance(value, Literal):
        try:
            return float(value)
        except (TypeError, ValueError):
            return None
    return None
