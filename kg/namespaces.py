"""The namespaces of kg's outputs as plain strings, and where its ontology lies: what a query or an export
needs, without importing rdflib (whose import costs more than most queries; kg.rdf and kg.ontology build
rdflib namespaces from these).

>>> PREFIXES["kg"]
'https://w3id.org/kg/ontology#'
"""

from __future__ import annotations

from pathlib import Path

from kg.errors import OntologyError

KG_NS = "https://w3id.org/kg/ontology#"
OWL_NS = "http://www.w3.org/2002/07/owl#"

# the prefixes of graph.ttl and graph.trig (and res: for a build's base IRI, added where it is known)
PREFIXES = {
    "kg": KG_NS,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
}


def ontology_dir() -> Path:
    """The `ontologies/` folder: inside the installed package, else beside it in the repo."""
    here = Path(__file__).resolve().parent
    for cand in (here / "ontologies", here.parent / "ontologies"):
        if (cand / "kg.ttl").is_file():
            return cand
    raise OntologyError("E301", f"ontologies/kg.ttl not found near {here}")
