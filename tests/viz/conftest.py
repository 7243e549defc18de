"""Fixtures of the viz tests: the hand-built graph of kgdata.py, as a Dataset and as a Graph."""

from __future__ import annotations

import pytest
from rdflib import Dataset, Graph

from tests.viz.kgdata import build


@pytest.fixture
def dataset() -> Dataset:
    ds = Dataset()
    build(ds)
    return ds


@pytest.fixture
def graph(dataset: Dataset) -> Graph:
    g = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        g.add((s, p, o))
    return g
