"""Small graphs of other vocabularies (schema.org, FOAF, Wikidata style), written for these tests."""

from __future__ import annotations

from rdflib import Graph

# schema.org, both the https and the old http namespace; a hostile name; a subclass chain.
SCHEMA_ORG = """
@prefix schema: <https://schema.org/> .
@prefix oldschema: <http://schema.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix ex: <http://example.org/> .

ex:ada a schema:Person ; schema:name "Ada Quill" ; schema:worksFor ex:loom ; schema:knows ex:ben .
ex:ben a oldschema:Person ; oldschema:name "Ben Orrin" ; schema:birthDate "1901-02-03" .
ex:loom a schema:Organization, ex:Workshop ; schema:name "Loomworks" ; oldschema:location ex:harbour .
ex:Workshop rdfs:subClassOf schema:Organization .
ex:harbour schema:name "</script><img src=x onerror=alert(7)>" .
"""

# FOAF, with a blank node person and an untyped friend.
FOAF = """
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix ex: <http://example.org/people#> .

ex:cora a foaf:Person ; foaf:name "Cora Vell" ; foaf:knows [ a foaf:Person ; foaf:name "Dag Brenn" ] ;
    foaf:knows ex:eli ; foaf:mbox <mailto:cora@example.org> .
ex:club a foaf:Group ; foaf:name "Chess Club" ; foaf:member ex:cora .
"""

# Wikidata style: no rdf:type at all, types as wdt:P31 links, labels in several languages,
# skos:prefLabel, and an item with no name.
WIKIDATA = """
@prefix wd: <http://www.wikidata.org/entity/> .
@prefix wdt: <http://www.wikidata.org/prop/direct/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .

wd:Q900001 rdfs:label "Mira Holt"@en, "Mira Holt"@de ; wdt:P31 wd:Q5 ; wdt:P69 wd:Q900002 ; wdt:P19 wd:Q900003 .
wd:Q5 rdfs:label "human"@en, "Mensch"@de .
wd:Q900002 skos:prefLabel "Northvale College"@en ; wdt:P31 wd:Q900004 .
wd:Q900001 wdt:P569 "1950-05-06" .
"""


def parse(text: str) -> Graph:
    return Graph().parse(data=text, format="turtle")
