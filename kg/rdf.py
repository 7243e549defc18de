"""Extractions -> RDF: one named graph per document (see docs/rdf-model.md), as pyoxigraph quads
(document_quads, what a build streams into its store) or as an rdflib Dataset (to_dataset).

Never imports spaCy.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

import pyoxigraph as ox
from rdflib import RDF, RDFS, SKOS, XSD, Dataset, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV

from kg.errors import InputError
from kg.model import Evidence, Extraction
from kg.namespaces import PREFIXES
from kg.ontology import DEFAULT_BASE, KG, Ontology, load_ontology
from kg.text import slug

# the participants an event's label names: what was launched or docked, who met
THEME = {"launch": {"spacecraft", "mission"}, "docking": {"spacecraft"}, "meeting": {"person"}}


def _hash(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


class IRIs:
    """The IRIs of a build: stable functions of names and keys under one base."""

    def __init__(self, base: str = DEFAULT_BASE) -> None:
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*:(?:[^\s<>\"{}|\\^`%]|%[0-9A-Fa-f]{2})+", base):
            raise InputError("E112", f"the base IRI must be an absolute IRI (https://example.org/kg/) with "
                                        f"valid %XX escapes, not {base!r}")
        if not base.endswith(("/", "#")):
            base += "/"
        self.res = Namespace(base)

    def doc(self, doc_id: str) -> URIRef:
        s = slug(doc_id)
        # an id that is not already a slug gets a short hash, so two ids never share an IRI
        return self.res[f"doc/{s}" if s == doc_id else f"doc/{s}-{_hash(doc_id)[:6]}"]

    def entity(self, key: str) -> URIRef:
        return self.res[key]

    def statement(self, doc_id: str, s: str, p: str, o: str) -> URIRef:
        return self.res[f"statement/{_hash(doc_id, s, p, o)}"]

    def node(self, kind: str, *parts: str) -> URIRef:
        return self.res[f"{kind}/{_hash(*parts)}"]


def to_dataset(extractions: Sequence[Extraction], *, base: str = DEFAULT_BASE) -> Dataset:
    """The RDF of every extraction, one named graph per document, as an rdflib Dataset (the library
    interface; a build writes document_quads into its store instead)."""
    onto = load_ontology()
    iri = IRIs(base)
    ds = Dataset(default_union=True)
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns)
    ds.bind("res", iri.res)
    for x in extractions:
        quads = document_quads(x, iri, ontology=onto)
        if quads:
            g = ds.graph(URIRef(quads[0].graph_name.value))  # type: ignore[union-attr]
            for q in quads:
                g.add((_term(q.subject), _term(q.predicate), _term(q.object)))
    return ds


def _term(t: object) -> URIRef | Literal:
    if isinstance(t, ox.NamedNode):
        return URIRef(t.value)
    if isinstance(t, ox.Literal):
        if t.language:
            return Literal(t.value, lang=t.language)
        if t.datatype.value == _XSD + "string":
            return Literal(t.value)
        return Literal(t.value, datatype=URIRef(t.datatype.value))
    raise TypeError(f"unexpected RDF term {t!r}")


_RDF, _RDFS, _SKOS, _XSD, _PROV, _DCT, _KG = (str(RDF), str(RDFS), str(SKOS), str(XSD), str(PROV), str(DCTERMS),
                                              str(KG))
_N = ox.NamedNode
_TYPE, _LABEL, _ALT = _N(_RDF + "type"), _N(_RDFS + "label"), _N(_SKOS + "altLabel")
_DERIVED, _VALUE = _N(_PROV + "wasDerivedFrom"), _N(_PROV + "value")
_INTEGER, _DECIMAL, _BOOLEAN = _N(_XSD + "integer"), _N(_XSD + "decimal"), _N(_XSD + "boolean")
_DATE, _GYEAR, _GYEARMONTH = _N(_XSD + "date"), _N(_XSD + "gYear"), _N(_XSD + "gYearMonth")


def _date_type(value: str) -> ox.NamedNode:
    """A date's datatype by its form: "1932" is an xsd:gYear, "2007-03" an xsd:gYearMonth (kg.extract.years), else
    an xsd:date."""
    return _GYEAR if len(value) == 4 else _GYEARMONTH if len(value) == 7 else _DATE


def document_quads(x: Extraction, iri: IRIs, *, ontology: Ontology | None = None) -> list[ox.Quad]:
    """The quads of one document's named graph (see docs/rdf-model.md), as pyoxigraph terms: what a
    build streams into its store, one document at a time.

    >>> from kg.model import Document
    >>> [str(q.predicate) for q in document_quads(Extraction(Document(id="d", text=""), ()), IRIs())]
    ['<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>', '<http://purl.org/dc/terms/identifier>']
    """
    onto = ontology or load_ontology()
    d = x.document
    doc = _N(str(iri.doc(d.id)))
    out: list[ox.Quad] = []

    def add(s: ox.NamedNode, p: ox.NamedNode, o: ox.NamedNode | ox.Literal) -> None:
        out.append(ox.Quad(s, p, o, doc))

    def ent(key: str) -> ox.NamedNode:
        return _N(str(iri.entity(key)))

    def kg(name: str) -> ox.NamedNode:
        return _N(_KG + name)

    def evidence(node: ox.NamedNode, ev: Evidence) -> None:
        add(node, _DERIVED, doc)
        add(node, _VALUE, ox.Literal(ev.sentence))
        add(node, kg("startChar"), ox.Literal(str(ev.start), datatype=_INTEGER))
        add(node, kg("endChar"), ox.Literal(str(ev.end), datatype=_INTEGER))
        add(node, kg("rule"), ox.Literal(ev.rule))
        add(node, kg("confidence"), ox.Literal(str(round(ev.confidence, 3)), datatype=_DECIMAL))

    add(doc, _TYPE, kg("Document"))
    add(doc, _N(_DCT + "identifier"), ox.Literal(d.id))
    if d.title:
        add(doc, _N(_DCT + "title"), ox.Literal(d.title))
    if d.date:
        add(doc, _N(_DCT + "date"), ox.Literal(d.date, datatype=_DATE))
    if d.source:
        add(doc, _N(_DCT + "source"), ox.Literal(d.source))
    for e in x.entities:
        node = ent(e.key)
        add(node, _TYPE, kg(e.cls))
        add(node, _LABEL, ox.Literal(e.label))
        for a in e.aliases:
            add(node, _ALT, ox.Literal(a))
        add(node, kg("mentionedIn"), doc)
        if any(m.kind == "dateline" for m in e.mentions):
            add(doc, _N(_DCT + ("publisher" if onto.coarse(e.cls) == "Organization" else "spatial")), node)
    for r in x.relations:
        s = ent(r.subj)
        p = kg(r.predicate)
        o: ox.NamedNode | ox.Literal = ox.Literal(r.obj, datatype=_date_type(r.obj)) if r.literal == "date" \
            else ent(r.obj)
        if r.asserted:
            add(s, p, o)
        st = _N(str(iri.statement(d.id, r.subj, r.predicate, r.obj)))
        add(st, _TYPE, _N(_RDF + "Statement"))
        add(st, _N(_RDF + "subject"), s)
        add(st, _N(_RDF + "predicate"), p)
        add(st, _N(_RDF + "object"), o)
        evidence(st, r.evidence)
        add(st, kg("asserted"), ox.Literal("true" if r.asserted else "false", datatype=_BOOLEAN))
        if r.modality:
            add(st, kg("modality"), ox.Literal(r.modality))
    for role in x.roles:
        node = _N(str(iri.node("role", role.holder, role.org, role.title)))
        add(node, _TYPE, kg("Role"))
        add(node, kg("holder"), ent(role.holder))
        add(node, kg("roleIn"), ent(role.org))
        add(node, kg("title"), ox.Literal(role.title))
        add(node, _LABEL, ox.Literal(role.title))
        add(node, _DERIVED, doc)
    labels = {e.key: e.label for e in x.entities}
    for ev in x.events:
        node = _N(str(iri.node("event", d.id, ev.kind, ev.date or "", *ev.participants)))
        add(node, _TYPE, kg("Event"))
        add(node, kg("eventType"), ox.Literal(ev.kind))
        theme = [p for p in ev.participants if p.split("/")[0] in THEME.get(ev.kind, ())] or list(ev.participants)
        names = " and ".join(sorted(labels.get(p, p) for p in theme))
        when = ev.date or ev.year
        add(node, _LABEL, ox.Literal(f"{ev.kind} of {names}" + (f" ({when})" if when else "")))
        if ev.date:
            add(node, kg("date"), ox.Literal(ev.date, datatype=_DATE))
        elif ev.year:
            add(node, kg("year"), ox.Literal(ev.year, datatype=_GYEAR))
        for part in ev.participants:
            add(node, kg("participant"), ent(part))
        evidence(node, ev.evidence)
    return list(dict.fromkeys(out))  # a set, in a stable order
