"""Extractions -> an rdflib Dataset: one named graph per document (see docs/rdf-model.md).

Never imports spaCy.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

from rdflib import RDF, RDFS, SKOS, XSD, Dataset, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV

from kg.errors import InputError
from kg.model import Evidence, Extraction
from kg.ontology import DEFAULT_BASE, KG, load_ontology
from kg.text import slug

PREFIXES = {
    "kg": str(KG),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "skos": str(SKOS),
    "xsd": str(XSD),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
}


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
    """The RDF of every extraction, one named graph per document."""
    onto = load_ontology()
    iri = IRIs(base)
    ds = Dataset(default_union=True)
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns)
    ds.bind("res", iri.res)
    for x in extractions:
        d = x.document
        doc = iri.doc(d.id)
        g = ds.graph(doc)
        g.add((doc, RDF.type, KG.Document))
        g.add((doc, DCTERMS.identifier, Literal(d.id)))
        if d.title:
            g.add((doc, DCTERMS.title, Literal(d.title)))
        if d.date:
            g.add((doc, DCTERMS.date, _date(d.date)))
        if d.source:
            g.add((doc, DCTERMS.source, Literal(d.source)))
        for e in x.entities:
            node = iri.entity(e.key)
            g.add((node, RDF.type, KG[e.cls]))
            g.add((node, RDFS.label, Literal(e.label)))
            for a in e.aliases:
                g.add((node, SKOS.altLabel, Literal(a)))
            g.add((node, KG.mentionedIn, doc))
            if any(m.kind == "dateline" for m in e.mentions):
                g.add((doc, DCTERMS.publisher if onto.coarse(e.cls) == "Organization" else DCTERMS.spatial, node))
        for r in x.relations:
            s = iri.entity(r.subj)
            p = KG[r.predicate]
            o = _date(r.obj) if r.literal == "date" else iri.entity(r.obj)
            if r.asserted:
                g.add((s, p, o))
            st = iri.statement(d.id, r.subj, r.predicate, r.obj)
            g.add((st, RDF.type, RDF.Statement))
            g.add((st, RDF.subject, s))
            g.add((st, RDF.predicate, p))
            g.add((st, RDF.object, o))
            _evidence(g, st, doc, r.evidence)
            g.add((st, KG.asserted, Literal(r.asserted)))
            if r.modality:
                g.add((st, KG.modality, Literal(r.modality)))
        for role in x.roles:
            node = iri.node("role", role.holder, role.org, role.title)
            g.add((node, RDF.type, KG.Role))
            g.add((node, KG.holder, iri.entity(role.holder)))
            g.add((node, KG.roleIn, iri.entity(role.org)))
            g.add((node, KG.title, Literal(role.title)))
            g.add((node, RDFS.label, Literal(role.title)))
            g.add((node, PROV.wasDerivedFrom, doc))
        labels = {e.key: e.label for e in x.entities}
        for ev in x.events:
            node = iri.node("event", d.id, ev.kind, ev.date or "", *ev.participants)
            g.add((node, RDF.type, KG.Event))
            g.add((node, KG.eventType, Literal(ev.kind)))
            theme = [p for p in ev.participants if p.split("/")[0] in THEME.get(ev.kind, ())] or list(ev.participants)
            names = " and ".join(sorted(labels.get(p, p) for p in theme))
            when = ev.date or ev.year
            g.add((node, RDFS.label, Literal(f"{ev.kind} of {names}" + (f" ({when})" if when else ""))))
            if ev.date:
                g.add((node, KG.date, _date(ev.date)))
            elif ev.year:
                g.add((node, KG.year, Literal(ev.year, datatype=XSD.gYear)))
            for part in ev.participants:
                g.add((node, KG.participant, iri.entity(part)))
            _evidence(g, node, doc, ev.evidence)
    return ds


def _evidence(g: object, node: URIRef, doc: URIRef, ev: Evidence) -> None:
    add = g.add  # type: ignore[attr-defined]
    add((node, PROV.wasDerivedFrom, doc))
    add((node, PROV.value, Literal(ev.sentence)))
    add((node, KG.startChar, Literal(ev.start)))
    add((node, KG.endChar, Literal(ev.end)))
    add((node, KG.rule, Literal(ev.rule)))
    add((node, KG.confidence, Literal(round(ev.confidence, 3), datatype=XSD.decimal)))


def _date(value: str) -> Literal:
    return Literal(value, datatype=XSD.date)
