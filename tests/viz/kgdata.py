"""A small kg graph built by hand, in the shape of docs/rdf-model.md, with hostile names."""

from __future__ import annotations

from rdflib import RDF, RDFS, SKOS, XSD, Dataset, Literal, Namespace, URIRef

KG = Namespace("https://w3id.org/kg/ontology#")
RES = Namespace("https://w3id.org/kg/resource/")
PROV = Namespace("http://www.w3.org/ns/prov#")
DCTERMS = Namespace("http://purl.org/dc/terms/")

IMG_XSS = "<img src=x onerror=alert(1)>"
SCRIPT_XSS = "</script><script>alert(2)</script>"
SENTENCE_XSS = "Officials said <script>alert(3)</script> & more\u2028on a new line."
DOC_ID = "roscosmos-nasa-2025-08-01"
# label -> (resource path, class); one entity per line
ENTITIES = {
    "National Aeronautics and Space Administration": ("organization/nasa", KG.SpaceAgency),
    "Roscosmos": ("organization/roscosmos", KG.SpaceAgency),
    "Dmitry Bakanov": ("person/dmitry-bakanov", KG.Person),
    "Sean Duffy": ("person/sean-duffy", KG.Person),
    "Soyuz-19": ("spacecraft/soyuz-19", KG.Spacecraft),
    "Apollo": ("spacecraft/apollo", KG.Spacecraft),
    "Cape Canaveral": ("place/cape-canaveral", KG.City),
    "United States": ("place/united-states", KG.Country),
    "Cold War": ("event/cold-war", KG.Event),
    IMG_XSS: ("person/img-xss", KG.Person),
    SCRIPT_XSS: ("organization/script-xss", KG.Organization),
}
ALT = {"National Aeronautics and Space Administration": "NASA", "Dmitry Bakanov": "Bakanov"}


def iri(label: str) -> URIRef:
    return RES[ENTITIES[label][0]]


def build(ds: Dataset) -> None:
    doc = RES[f"doc/{DOC_ID}"]
    g = ds.graph(doc)
    g.add((doc, RDF.type, KG.Document))
    g.add((doc, DCTERMS.identifier, Literal(DOC_ID)))
    g.add((doc, DCTERMS.title, Literal("Roscosmos and NASA heads meet")))
    g.add((doc, DCTERMS.date, Literal("2025-08-01", datatype=XSD.date)))
    for label, (path, cls) in ENTITIES.items():
        e = RES[path]
        g.add((e, RDF.type, cls))
        g.add((e, RDFS.label, Literal(label)))
        g.add((e, KG.mentionedIn, doc))
        if label in ALT:
            g.add((e, SKOS.altLabel, Literal(ALT[label])))
    count = 0

    def fact(
        s: str, p: URIRef, o: str | Literal, sentence: str, *, asserted: bool = True, both_ways: bool = False
    ) -> None:
        nonlocal count
        count += 1
        obj = o if isinstance(o, Literal) else iri(o)
        if asserted:
            g.add((iri(s), p, obj))
            if both_ways and not isinstance(o, Literal):
                g.add((obj, p, iri(s)))
        st = RES[f"statement/{count:04d}"]
        g.add((st, RDF.type, RDF.Statement))
        g.add((st, RDF.subject, iri(s)))
        g.add((st, RDF.predicate, p))
        g.add((st, RDF.object, obj))
        g.add((st, PROV.wasDerivedFrom, doc))
        g.add((st, PROV.value, Literal(sentence)))
        g.add((st, KG.confidence, Literal("0.9", datatype=XSD.decimal)))
        g.add((st, KG.rule, Literal("test-rule")))
        g.add((st, KG.asserted, Literal(asserted)))
        if not asserted:
            g.add((st, KG.modality, Literal("negated")))

    fact(
        "Dmitry Bakanov",
        KG.heads,
        "Roscosmos",
        "Roscosmos Director General Dmitry Bakanov said the talks went well.",
    )
    fact(
        "Sean Duffy",
        KG.heads,
        "National Aeronautics and Space Administration",
        "Acting NASA Administrator Sean Duffy met him.",
    )
    fact("Dmitry Bakanov", KG.met, "Sean Duffy", "Bakanov met Duffy in Houston.", both_ways=True)
    fact("Soyuz-19", KG.dockedWith, "Apollo", "Soyuz-19 docked with Apollo in 1975.", both_ways=True)
    fact("Roscosmos", KG.launched, "Soyuz-19", "The Soviet Union launched Soyuz-19.")
    fact(
        "Soyuz-19",
        KG.launchDate,
        Literal("1975-07-15", datatype=XSD.date),
        "Soyuz-19 lifted off on July 15, 1975.",
    )
    fact(
        "National Aeronautics and Space Administration",
        KG.basedIn,
        "United States",
        "NASA, the US space agency.",
    )
    fact("Cape Canaveral", KG.locatedIn, "United States", "Cape Canaveral in Florida, United States.")
    fact(IMG_XSS, KG.worksFor, SCRIPT_XSS, SENTENCE_XSS)
    fact("Dmitry Bakanov", KG.met, IMG_XSS, "Bakanov did not meet the impostor.", asserted=False)

    role = RES["role/0001"]
    g.add((role, RDF.type, KG.Role))
    g.add((role, KG.holder, iri("Dmitry Bakanov")))
    g.add((role, KG.roleIn, iri("Roscosmos")))
    g.add((role, KG.title, Literal("Director General")))
    event = RES["event/0001"]
    g.add((event, RDF.type, KG.Event))
    g.add((event, KG.eventType, Literal("launch")))
    g.add((event, KG.date, Literal("1975-07-15", datatype=XSD.date)))
    g.add((event, KG.participant, iri("Soyuz-19")))
    g.add((event, RDFS.label, Literal("launch of Soyuz-19")))
