from __future__ import annotations

import pytest
from rdflib import RDF, RDFS, Dataset, Graph

from kg.errors import QueryError
from kg.viz import select
from kg.viz.view import build_view
from tests.viz.kgdata import KG, PROV, iri


def labels(g: Graph) -> set[str]:
    return {n.label for n in build_view(g).nodes}


@pytest.mark.parametrize(
    ("focus", "depth", "expected"),
    [
        ("nasa", 0, {"National Aeronautics and Space Administration"}),  # an altLabel, any case
        ("NASA", 1, {"National Aeronautics and Space Administration", "Sean Duffy", "United States"}),
        (
            "  dmitry BAKANOV ",
            2,
            {
                "Dmitry Bakanov",
                "Roscosmos",
                "Sean Duffy",
                "Soyuz-19",
                "National Aeronautics and Space Administration",
            },
        ),
    ],
)
def test_select_focus_takes_the_neighbourhood(
    dataset: Dataset, focus: str, depth: int, expected: set
) -> None:
    assert labels(select(dataset, focus=focus, depth=depth)) == expected


def test_select_focus_keeps_evidence_roles_events_and_documents(dataset: Dataset) -> None:
    sub = select(dataset, focus="Soyuz-19", depth=1)
    view = build_view(sub)
    assert {n.label for n in view.nodes} == {"Soyuz-19", "Apollo", "Roscosmos"}
    assert all(e.evidence for e in view.edges)
    soyuz = next(n for n in view.nodes if n.label == "Soyuz-19")
    assert soyuz.facts[0][:2] == ("launch date", "1975-07-15") and soyuz.facts[0][2]
    assert [ev.label for ev in view.events] == ["launch of Soyuz-19"]
    roscosmos = [n.label for n in view.nodes].index("Roscosmos")
    assert view.roles == [("Director General", None, roscosmos)]  # the holder is outside the selection
    assert [d.id for d in view.docs] == ["roscosmos-nasa-2025-08-01"]


def test_select_focus_unknown_name_is_an_error_with_suggestions(dataset: Dataset) -> None:
    with pytest.raises(QueryError, match=r"E551 no entity is named 'Roscosmoss'; did you mean 'Roscosmos'"):
        select(dataset, focus="Roscosmoss")


def test_select_negative_depth_is_an_error(dataset: Dataset) -> None:
    with pytest.raises(QueryError, match="E552"):
        select(dataset, focus="NASA", depth=-1)


CONSTRUCT_HEADS = """
PREFIX kg: <https://w3id.org/kg/ontology#>
CONSTRUCT { ?s kg:heads ?o } WHERE { ?s kg:heads ?o }
"""


def test_select_query_draws_the_constructed_relations(dataset: Dataset) -> None:
    sub = select(dataset, query=CONSTRUCT_HEADS)
    view = build_view(sub)
    assert {n.label for n in view.nodes} == {
        "Dmitry Bakanov",
        "Roscosmos",
        "Sean Duffy",
        "National Aeronautics and Space Administration",
    }
    assert [view.relations[e.relation][0] for e in view.edges] == ["heads", "heads"]
    assert all(len(e.evidence) == 1 for e in view.edges)
    assert (None, KG.met, None) not in sub  # other relations between them are not drawn


def test_select_query_then_focus(dataset: Dataset) -> None:
    sub = select(dataset, query=CONSTRUCT_HEADS, focus="Roscosmos", depth=3)
    assert labels(sub) == {"Dmitry Bakanov", "Roscosmos"}  # met is not in the query's result


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("SELECT * WHERE { ?s ?p ?o }", "E554"),
        ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ", "E553"),
        ("CONSTRUCT { ?s ex:p ?o } WHERE { ?s ex:p ?o }", "E553"),  # unknown prefix
    ],
)
def test_select_bad_query_is_an_error(dataset: Dataset, query: str, code: str) -> None:
    with pytest.raises(QueryError, match=code):
        select(dataset, query=query)


def test_select_without_options_returns_everything(dataset: Dataset, graph: Graph) -> None:
    everything = select(dataset)
    assert set(everything) == set(graph)
    assert (None, RDF.type, RDF.Statement) in everything
    assert (None, PROV.value, None) in everything
    assert (iri("Apollo"), RDFS.label, None) in everything
