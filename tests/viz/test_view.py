from __future__ import annotations

import pytest
from rdflib import RDF, RDFS, Dataset, Graph, Literal, URIRef

from kg.viz.view import View, build_view, read_ontology
from tests.viz.kgdata import ENTITIES, IMG_XSS, KG, SCRIPT_XSS, SENTENCE_XSS, iri


def by_label(view: View, label: str) -> int:
    return next(i for i, n in enumerate(view.nodes) if n.label == label)


def edges_between(view: View, a: str, b: str) -> list[tuple[str, bool]]:
    i, j = by_label(view, a), by_label(view, b)
    return [
        (view.relations[e.relation][0], e.symmetric) for e in view.edges if {e.source, e.target} == {i, j}
    ]


def test_build_view_draws_only_entities(dataset: Dataset) -> None:
    view = build_view(dataset)
    assert sorted(n.label for n in view.nodes) == sorted(ENTITIES)
    iris = {n.iri for n in view.nodes}
    assert not any("/statement/" in x or "/doc/" in x or "/role/" in x for x in iris)
    assert "https://w3id.org/kg/resource/event/0001" not in iris  # a happening: details only
    assert str(iri("Cold War")) in iris  # a named event is an entity


def test_build_view_uses_most_specific_class_and_its_colour(graph: Graph) -> None:
    g = graph
    nasa = iri("National Aeronautics and Space Administration")
    g.add((nasa, RDF.type, KG.Organization))  # a superclass as well: SpaceAgency must win
    view = build_view(g)
    node = view.nodes[by_label(view, "National Aeronautics and Space Administration")]
    label, color, _ = view.classes[node.cls]
    assert (label, color) == ("Space agency", read_ontology().colors[URIRef(KG.SpaceAgency)])
    assert node.alt == ["NASA"]


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("Dmitry Bakanov", "Sean Duffy", [("met", True)]),
        ("Soyuz-19", "Apollo", [("docked with", True)]),
        ("Dmitry Bakanov", "Roscosmos", [("heads", False)]),
    ],
)
def test_build_view_draws_symmetric_relations_once(dataset: Dataset, a: str, b: str, expected: list) -> None:
    assert edges_between(build_view(dataset), a, b) == expected


def test_build_view_attaches_evidence_to_edges(dataset: Dataset) -> None:
    view = build_view(dataset)
    i, j = by_label(view, IMG_XSS), by_label(view, SCRIPT_XSS)
    (edge,) = [e for e in view.edges if (e.source, e.target) == (i, j)]
    (ev,) = edge.evidence
    assert ev.text == SENTENCE_XSS
    assert ev.doc is not None and view.docs[ev.doc].id == "roscosmos-nasa-2025-08-01"
    assert ev.confidence == pytest.approx(0.9)


def test_build_view_puts_literals_roles_and_events_in_details(dataset: Dataset) -> None:
    view = build_view(dataset)
    soyuz = by_label(view, "Soyuz-19")
    (fact,) = view.nodes[soyuz].facts
    assert fact[:2] == ("launch date", "1975-07-15")
    assert fact[2][0].text == "Soyuz-19 lifted off on July 15, 1975."
    (event,) = view.events
    assert (event.label, event.kind, event.date, event.participants) == (
        "launch of Soyuz-19",
        "launch",
        "1975-07-15",
        [soyuz],
    )
    assert view.roles == [("Director General", by_label(view, "Dmitry Bakanov"), by_label(view, "Roscosmos"))]
    assert all(n.label not in {"1975-07-15", "Director General"} for n in view.nodes)


def test_build_view_keeps_denied_statements_as_claims_without_edge(dataset: Dataset) -> None:
    view = build_view(dataset)
    (claim,) = view.claims
    assert (claim.subject, claim.name, claim.target, claim.modality) == (
        by_label(view, "Dmitry Bakanov"),
        "met",
        by_label(view, IMG_XSS),
        "negated",
    )
    assert edges_between(view, "Dmitry Bakanov", IMG_XSS) == []


def test_build_view_same_for_dataset_and_merged_graph(dataset: Dataset, graph: Graph) -> None:
    assert build_view(dataset) == build_view(graph)


def test_build_view_reads_colours_and_labels_from_given_ontology(graph: Graph) -> None:
    onto = Graph()
    onto.add((KG.Person, KG.color, Literal("#123456")))
    onto.add((KG.Person, RDFS.label, Literal("Human")))
    onto.add((KG.Spacecraft, KG.color, Literal("red; background: url(http://x)")))  # not a colour
    onto.add((KG.met, RDFS.label, Literal("encountered")))
    view = build_view(graph, onto)
    assert sorted(c[:2] for c in view.classes) == [("Human", "#123456"), ("Spacecraft", "#8c96a3")]
    assert {n.label for n in view.nodes} >= {"Dmitry Bakanov", "Soyuz-19"}
    assert "Roscosmos" not in {n.label for n in view.nodes}  # no colour, not an entity here
    assert "encountered" in [r[0] for r in view.relations]


def test_build_view_sizes_hubs_larger(graph: Graph) -> None:
    hub = iri("Roscosmos")
    for k in range(6):
        leaf = URIRef(f"https://w3id.org/kg/resource/spacecraft/extra-{k}")
        graph.add((leaf, RDF.type, KG.Spacecraft))
        graph.add((leaf, RDFS.label, Literal(f"Extra {k}")))
        graph.add((hub, KG.launched, leaf))
    view = build_view(graph)
    sizes = {n.label: n.size for n in view.nodes}
    assert sizes["Roscosmos"] > sizes["Apollo"] > 0
    assert view.nodes[by_label(view, "Roscosmos")].degree == 8


def test_build_view_empty_graph() -> None:
    view = build_view(Graph())
    assert (view.nodes, view.edges, view.classes) == ([], [], [])
