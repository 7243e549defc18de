from __future__ import annotations

import pytest
from rdflib import RDF, RDFS, Dataset, Graph, Literal, URIRef

from kg.stats import GraphStats, format_stats, graph_stats
from tests.viz.kgdata import KG, build, iri


@pytest.fixture
def dataset() -> Dataset:
    ds = Dataset()
    build(ds)
    return ds


def test_graph_stats_counts_entities_by_class_and_relation(dataset: Dataset) -> None:
    s = graph_stats(dataset)
    assert (s.entities, s.relations, s.documents, s.statements) == (11, 8, 1, 10)
    assert s.by_class[:3] == (("Person", 3), ("Space agency", 2), ("Spacecraft", 2))
    assert sum(n for _, n in s.by_class) == s.entities
    assert dict(s.by_relation) == {
        "heads": 2,
        "based in": 1,
        "docked with": 1,  # stated both ways, counted once
        "launched": 1,
        "located in": 1,
        "met": 1,
        "works for": 1,
    }
    assert s.components == 3 and s.component_sizes == (8, 2, 1)


def test_graph_stats_ranks_the_hub_first(dataset: Dataset) -> None:
    g = Graph()
    for t in dataset.quads((None, None, None, None)):
        g.add(t[:3])
    for k in range(5):
        leaf = URIRef(f"https://w3id.org/kg/resource/spacecraft/extra-{k}")
        g.add((leaf, RDF.type, KG.Spacecraft))
        g.add((leaf, RDFS.label, Literal(f"Extra {k}")))
        g.add((iri("Roscosmos"), KG.launched, leaf))
    s = graph_stats(g, top=3)
    assert s.top_degree[0] == ("Roscosmos", 7)
    assert s.top_pagerank[0][0] == "Roscosmos"
    assert len(s.top_degree) == len(s.top_pagerank) == 3
    assert s.top_pagerank[0][1] > s.top_pagerank[1][1]
    assert s.component_sizes[0] == 13


def test_graph_stats_same_for_dataset_and_graph(dataset: Dataset) -> None:
    g = Graph()
    for t in dataset.quads((None, None, None, None)):
        g.add(t[:3])
    assert graph_stats(g) == graph_stats(dataset)


def test_graph_stats_empty_graph() -> None:
    s = graph_stats(Graph())
    assert s == GraphStats(0, 0, 0, 0, (), (), (), (), 0, ())
    assert "0 entities" in format_stats(s)


def test_format_stats_lists_every_section(dataset: Dataset) -> None:
    text = format_stats(graph_stats(dataset))
    lines = text.splitlines()
    assert lines[0] == "11 entities, 8 relations, 1 document, 10 statements"
    for heading in (
        "Entities by class",
        "Relations by property",
        "Top entities by degree",
        "Top entities by PageRank",
    ):
        assert heading in lines
    assert "  Person        3" in lines
    assert lines[-1] == "Connected components: 3 (sizes: 8, 2, 1)"


def test_format_stats_escapes_control_characters() -> None:
    s = GraphStats(1, 0, 0, 0, (("Person", 1),), (), (("Evil\x1b[2J\nName", 0),), (), 1, (1,))
    text = format_stats(s)
    assert "\x1b" not in text
    assert "Evil\\x1b[2J\\nName" in text
