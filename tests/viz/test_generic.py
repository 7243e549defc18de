"""Graphs that do not use kg's ontology: drawn generically (nodes, names, classes, relations)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from rdflib import RDF, RDFS, Dataset, Graph, Literal, URIRef

from kg.stats import graph_stats
from kg.viz import render_html, select
from kg.viz.view import View, build_view, class_color, collect
from tests.viz.generic import FOAF, SCHEMA_ORG, WIKIDATA, parse
from tests.viz.kgdata import KG


def nodes(view: View) -> dict[str, tuple[str, str]]:
    """label -> (class label, class colour)"""
    return {n.label: view.classes[n.cls][:2] for n in view.nodes}


def edges(view: View) -> set[tuple[str, str, str]]:
    return {(view.nodes[e.source].label, view.relations[e.relation][0], view.nodes[e.target].label) for e in view.edges}


def test_build_view_draws_a_schema_org_graph() -> None:
    view = build_view(parse(SCHEMA_ORG))
    person, org = URIRef("https://schema.org/Person"), URIRef("https://schema.org/Organization")
    assert nodes(view) == {
        "Ada Quill": ("Person", class_color(person)),
        "Ben Orrin": ("Person", class_color(person)),  # http://schema.org/ is read as https
        "Loomworks": ("Workshop", class_color(URIRef("http://example.org/Workshop"))),  # the subclass wins
        "</script><img src=x onerror=alert(7)>": ("(no type)", "#8c96a3"),
    }
    assert class_color(person) != class_color(org)
    assert edges(view) == {
        ("Ada Quill", "worksFor", "Loomworks"),
        ("Ada Quill", "knows", "Ben Orrin"),
        ("Loomworks", "location", "</script><img src=x onerror=alert(7)>"),
    }
    # the legend has the classes present, with their counts; names are not facts, other literals are
    assert sorted((c[0], c[2]) for c in view.classes) == [("(no type)", 1), ("Person", 2), ("Workshop", 1)]
    assert [r[1] for r in view.relations] == [f"https://schema.org/{p}" for p in ("knows", "location", "worksFor")]
    ben = next(n for n in view.nodes if n.label == "Ben Orrin")
    assert [f[:2] for f in ben.facts] == [("birthDate", "1901-02-03")]


def test_build_view_draws_a_foaf_graph_with_blank_nodes() -> None:
    view = build_view(parse(FOAF))
    assert nodes(view) == {
        "Cora Vell": ("Person", class_color(URIRef("http://xmlns.com/foaf/0.1/Person"))),
        "Dag Brenn": ("Person", class_color(URIRef("http://xmlns.com/foaf/0.1/Person"))),
        "Chess Club": ("Group", class_color(URIRef("http://xmlns.com/foaf/0.1/Group"))),
        "eli": ("(no type)", "#8c96a3"),
        "cora@example.org": ("(no type)", "#8c96a3"),
    }
    assert edges(view) == {
        ("Cora Vell", "knows", "Dag Brenn"),
        ("Cora Vell", "knows", "eli"),
        ("Cora Vell", "mbox", "cora@example.org"),
        ("Chess Club", "member", "Cora Vell"),
    }
    dag = next(n for n in view.nodes if n.label == "Dag Brenn")
    assert dag.iri and not dag.iri.startswith("http")  # a blank node, drawn all the same


def test_build_view_draws_a_wikidata_style_graph() -> None:
    view = build_view(parse(WIKIDATA))
    assert {label: cls for label, (cls, _) in nodes(view).items()} == {
        "Mira Holt": "(no type)",
        "human": "(no type)",
        "Northvale College": "(no type)",  # skos:prefLabel
        "Q900003": "(no type)",  # no name: the IRI's local name
        "Q900004": "(no type)",
    }
    assert edges(view) == {
        ("Mira Holt", "P31", "human"),
        ("Mira Holt", "P69", "Northvale College"),
        ("Mira Holt", "P19", "Q900003"),
        ("Northvale College", "P31", "Q900004"),
    }
    mira = next(n for n in view.nodes if n.label == "Mira Holt")
    assert mira.facts[0][:2] == ("P569", "1950-05-06") and mira.degree == 3
    human = next(n for n in view.nodes if n.label == "human")
    assert human.alt == ["Mensch"]


def test_collect_label_order_in_a_generic_graph() -> None:
    g = Graph()
    thing = URIRef("http://example.org/thing/t1")
    g.add((thing, RDF.type, URIRef("http://example.org/Thing")))
    c = collect(g)
    assert c.label(thing) == "t1"
    for prop, name in [
        (URIRef("http://xmlns.com/foaf/0.1/name"), "foaf"),
        (URIRef("http://schema.org/name"), "schema-http"),
        (URIRef("https://schema.org/name"), "schema-https"),
        (URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"), "pref"),
        (RDFS.label, "label"),
    ]:
        g.add((thing, prop, Literal(name)))
        assert collect(g).label(thing) == name  # each name outranks the ones before
    assert sorted(collect(g).all_names(thing)) == sorted(["foaf", "schema-http", "schema-https", "pref", "label"])


def test_kg_graph_keeps_kg_path_and_ignores_foreign_classes(dataset: Dataset) -> None:
    before = build_view(dataset)
    assert not collect(dataset).generic
    dataset.default_context.parse(data=SCHEMA_ORG, format="turtle")
    after = build_view(dataset)
    assert [n.label for n in after.nodes] == [n.label for n in before.nodes]  # schema:Person is not drawn
    assert after.classes == before.classes


def test_kg_graph_without_entities_stays_empty() -> None:
    g = Graph()
    doc = URIRef("https://w3id.org/kg/resource/doc/d1")
    g.add((doc, RDF.type, KG.Document))
    g.add((doc, URIRef("http://purl.org/dc/terms/source"), URIRef("https://example.org/news/1")))
    view = build_view(g)
    assert view.nodes == [] and [d.id for d in view.docs] == ["d1"]


def test_render_html_of_a_generic_graph_keeps_names_as_data() -> None:
    page = render_html(parse(SCHEMA_ORG), title="schema")
    assert "<img" not in page and "alert(7)" in page
    (body,) = re.findall(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    assert "<" not in body and ">" not in body
    data = json.loads(body)
    assert "</script><img src=x onerror=alert(7)>" in [n["label"] for n in data["nodes"]]
    assert [r[0] for r in data["relations"]] == ["knows", "location", "worksFor"]


def test_select_and_stats_read_a_generic_graph() -> None:
    g = parse(FOAF)
    sub = select(g, focus="dag brenn", depth=1)
    assert {n.label for n in build_view(sub).nodes} == {"Dag Brenn", "Cora Vell"}
    s = graph_stats(g)
    assert (s.entities, s.relations) == (5, 4)
    assert dict(s.by_class) == {"Person": 2, "Group": 1, "(no type)": 2}


def test_kg_viz_command_draws_a_foaf_file(tmp_path: Path) -> None:
    data = tmp_path / "people.ttl"
    data.write_text(FOAF, encoding="utf-8")
    out = tmp_path / "people.html"
    r = subprocess.run(
        [sys.executable, "-m", "kg", "viz", "--data", str(data), "-o", str(out), "--focus", "Cora Vell"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr
    (body,) = re.findall(r'<script type="application/json" id="kg-data">(.*?)</script>', out.read_text(), re.S)
    labels = sorted(n["label"] for n in json.loads(body)["nodes"])
    assert labels == ["Chess Club", "Cora Vell", "Dag Brenn", "cora@example.org", "eli"]
