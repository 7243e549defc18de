"""The ontology and the domain data of `ontologies/`, loaded once and read as plain Python.

Nothing here imports spaCy: the RDF, store and viz stages use it too.

>>> onto = load_ontology()
>>> onto.coarse("SpaceAgency")
'Organization'
>>> onto.fits("heads", "Person", "SpaceAgency")
True
>>> onto.fits("heads", "Spacecraft", "SpaceAgency")
False
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from rdflib import OWL, RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection

from kg.errors import OntologyError
from kg.namespaces import KG_NS, ontology_dir

KG = Namespace(KG_NS)
DEFAULT_BASE = "https://w3id.org/kg/resource/"
COARSE_CLASSES = ("Person", "Organization", "Place", "Spacecraft", "Mission", "Event")


@dataclass(frozen=True)
class Property:
    name: str
    label: str
    domain: frozenset[str]  # class local names; empty = anything
    range: frozenset[str]
    symmetric: bool
    datatype: str | None  # "date" for xsd:date properties
    parents: frozenset[str] = frozenset()


@dataclass
class Ontology:
    graph: Graph
    classes: dict[str, set[str]]  # class -> its superclasses (transitive, with itself)
    properties: dict[str, Property]
    spacy_labels: dict[str, str]  # spaCy label -> class
    labels: dict[str, str] = field(default_factory=dict)  # class -> rdfs:label
    head_nouns: dict[str, str] = field(default_factory=dict)  # "spaceship" -> "Spacecraft"
    _supers: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)
    _coarse: dict[str, str | None] = field(default_factory=dict, repr=False)

    def coarse(self, cls: str) -> str | None:
        """The coarse class (Person, Organization, Place, ...) of a class, or None."""
        if cls not in self._coarse:
            sup = self.classes.get(cls, {cls})
            self._coarse[cls] = next((c for c in COARSE_CLASSES if c in sup), None)
        return self._coarse[cls]

    def is_a(self, cls: str, other: str) -> bool:
        return other in self.classes.get(cls, {cls})

    def head_noun(self, word: str) -> str | None:
        """The class a common noun names, singular or plural: 'spaceships' -> 'Spacecraft'."""
        w = word.lower()
        for form in (w, w[:-1] if w.endswith("s") else w, w[:-2] if w.endswith("es") else w):
            if form in self.head_nouns:
                return self.head_nouns[form]
        return None

    def super_properties(self, prop: str) -> frozenset[str]:
        """The properties `prop` implies through rdfs:subPropertyOf, transitively."""
        if prop not in self._supers:
            out: set[str] = set()
            todo = list(self.properties[prop].parents) if prop in self.properties else []
            while todo:
                q = todo.pop()
                if q not in out and q in self.properties:
                    out.add(q)
                    todo.extend(self.properties[q].parents)
            self._supers[prop] = frozenset(out)
        return self._supers[prop]

    def fits(self, prop: str, subj_cls: str | None, obj_cls: str | None) -> bool:
        """Whether domain and range allow the property between these classes."""
        p = self.properties.get(prop)
        if p is None:
            return False
        if p.domain and (subj_cls is None or not any(self.is_a(subj_cls, d) for d in p.domain)):
            return False
        if p.datatype:
            return obj_cls is None
        if p.range and (obj_cls is None or not any(self.is_a(obj_cls, r) for r in p.range)):
            return False
        return True


def _classes_of(g: Graph, node: Any) -> frozenset[str]:
    if node is None:
        return frozenset()
    if isinstance(node, URIRef):
        return frozenset({_local(node)})
    union = g.value(node, OWL.unionOf)
    if union is not None:
        return frozenset(_local(c) for c in Collection(g, union) if isinstance(c, URIRef))
    return frozenset()


def _local(iri: object) -> str:
    s = str(iri)
    return s.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


T = TypeVar("T")


def reachable(starts: Iterable[T], edges: Mapping[T, Iterable[T]]) -> set[T]:
    """Every node reached from `starts` along `edges`, the starts included (the transitive closure of
    one node's subclass links: its classes, here; its ancestors, for the viewer)."""
    seen: set[T] = set()
    todo = list(starts)
    while todo:
        x = todo.pop()
        if x not in seen:
            seen.add(x)
            todo.extend(edges.get(x, ()))
    return seen


@cache
def load_ontology(path: Path | None = None) -> Ontology:
    """Read `ontologies/kg.ttl` (or `path`)."""
    path = path or ontology_dir() / "kg.ttl"
    g = Graph()
    try:
        g.parse(path, format="turtle")
    except Exception as e:  # rdflib raises many types for a bad file
        raise OntologyError("E302", f"cannot parse {path}: {e}") from e
    direct: dict[str, set[str]] = {}
    labels: dict[str, str] = {}
    spacy_labels: dict[str, str] = {}
    head_nouns: dict[str, str] = {}
    for c in g.subjects(RDF.type, OWL.Class):
        if not isinstance(c, URIRef) or not str(c).startswith(str(KG)):
            continue
        name = _local(c)
        direct[name] = {_local(s) for s in g.objects(c, RDFS.subClassOf) if str(s).startswith(str(KG))}
        lab = g.value(c, RDFS.label)
        labels[name] = str(lab) if lab is not None else name
        for lbl in g.objects(c, KG.spacyLabel):
            spacy_labels[str(lbl)] = name
        for noun in g.objects(c, KG.headNoun):
            head_nouns[str(noun)] = name
    classes = {name: reachable([name], direct) for name in direct}
    props: dict[str, Property] = {}
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty):
        for p in g.subjects(RDF.type, kind):
            if not isinstance(p, URIRef) or not str(p).startswith(str(KG)):
                continue
            rng = g.value(p, RDFS.range)
            if kind == OWL.DatatypeProperty and rng is not None and not isinstance(rng, URIRef):
                # a union of datatypes ("xsd:date xsd:gYearMonth xsd:gYear": a birth known to the year): the first
                members = g.value(rng, OWL.unionOf)
                rng = g.value(members, RDF.first) if members is not None else None
            datatype = _local(rng) if kind == OWL.DatatypeProperty and isinstance(rng, URIRef) else None
            lab = g.value(p, RDFS.label)
            props[_local(p)] = Property(
                name=_local(p),
                label=str(lab) if isinstance(lab, Literal) else _local(p),
                domain=_classes_of(g, g.value(p, RDFS.domain)),
                range=frozenset() if datatype else _classes_of(g, rng),
                symmetric=(p, RDF.type, OWL.SymmetricProperty) in g,
                datatype=datatype,
                parents=frozenset(_local(s) for s in g.objects(p, RDFS.subPropertyOf)),
            )
    return Ontology(graph=g, classes=classes, properties=props, spacy_labels=spacy_labels, labels=labels,
                    head_nouns=head_nouns)


@cache
def gazetteer_rows() -> tuple[dict[str, Any], ...]:
    """The known names of ontologies/gazetteer/*.jsonl (countries, space agencies, stations …), files in
    name order. Each file is complete for the categories it names (see its README)."""
    files = sorted((ontology_dir() / "gazetteer").glob("*.jsonl"))
    return tuple(row for f in files for row in load_jsonl(f"gazetteer/{f.name}"))


def data_words(name: str, key: str) -> frozenset[str]:
    """The values of the word list `key` over the rows of ontologies/<name>: org-words.jsonl's "org_kinds",
    titles.jsonl's "honorifics" (a list may be split over several rows)."""
    return frozenset(w for row in load_jsonl(name) for w in row.get(key, []))


def data_lines(name: str) -> list[str]:
    """The lines of a data file of `ontologies/` as written (comments and blank lines too); E303 if unreadable."""
    path = ontology_dir() / name
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise OntologyError("E303", f"cannot read {path}: {e.strerror}") from e


@cache
def load_jsonl(name: str) -> tuple[dict[str, Any], ...]:
    """Read a JSONL data file of `ontologies/`: one JSON object a line, or over several lines when the
    lines after the first start with white space; lines starting with // are comments."""
    path = ontology_dir() / name
    rows: list[dict[str, Any]] = []
    lines = data_lines(name)
    records: list[tuple[int, str]] = []  # an object may go on over lines that start with white space
    for n, line in enumerate(lines, 1):
        s = line.strip()
        if not s or s.startswith("//"):
            continue
        if line[:1].isspace() and records:
            records[-1] = (records[-1][0], records[-1][1] + " " + s)
        else:
            records.append((n, s))
    for n, s in records:
        try:
            row = json.loads(s)
        except json.JSONDecodeError as e:
            raise OntologyError("E304", f"{path}:{n}: not valid JSON ({e.msg})") from e
        if not isinstance(row, dict):
            raise OntologyError("E304", f"{path}:{n}: each line must be a JSON object")
        rows.append(row)
    return tuple(rows)
