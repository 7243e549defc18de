from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from kg.viz.layout import spring_positions


def positions(g: nx.Graph, seed: int = 1) -> np.ndarray:
    return spring_positions(g.number_of_nodes(), sorted(g.edges()), seed=seed)


@pytest.mark.parametrize("n", [0, 1, 2])
def test_spring_positions_tiny_graphs(n: int) -> None:
    pos = spring_positions(n, [(0, 1)] if n == 2 else [], seed=1)
    assert pos.shape == (n, 2)
    assert np.isfinite(pos).all()


# A tree of 450 nodes is above layout._SMALL: it goes through the particle-mesh path.
TREE = nx.barabasi_albert_graph(450, 1, seed=3)


@pytest.mark.parametrize(
    "g",
    [nx.path_graph(30), nx.disjoint_union_all([nx.star_graph(5), nx.path_graph(4), nx.empty_graph(3)])],
    ids=["path", "components"],
)
def test_spring_positions_is_seeded(g: nx.Graph) -> None:
    assert np.array_equal(positions(g, seed=1), positions(g, seed=1))
    assert not np.array_equal(positions(g, seed=1), positions(g, seed=2))


def test_spring_positions_is_seeded_for_large_components() -> None:
    assert np.array_equal(positions(TREE, seed=1), positions(TREE, seed=1))


@pytest.mark.parametrize("g", [nx.path_graph(40), TREE], ids=["path", "tree"])
def test_spring_positions_keeps_neighbours_close(g: nx.Graph) -> None:
    pos = positions(g)
    edges = np.array(sorted(g.edges()))
    edge_len = np.linalg.norm(pos[edges[:, 0]] - pos[edges[:, 1]], axis=1)
    rng = np.random.default_rng(0)
    pairs = rng.integers(0, len(pos), size=(2000, 2))
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]
    any_len = np.linalg.norm(pos[pairs[:, 0]] - pos[pairs[:, 1]], axis=1)
    assert 0.3 < np.median(edge_len) < 3.0
    assert np.median(edge_len) * 3 < np.median(any_len)
    nearest = min(np.linalg.norm(pos[i] - pos[j]) for i in range(len(pos)) for j in range(i))
    assert nearest > 0.05  # no two nodes on top of each other


def test_spring_positions_packs_components_apart() -> None:
    parts = [nx.star_graph(6), nx.cycle_graph(5), nx.path_graph(3), nx.empty_graph(4)]
    g = nx.disjoint_union_all(parts)
    pos = positions(g)
    boxes = []
    for comp in nx.connected_components(g):
        p = pos[sorted(comp)]
        boxes.append((p.min(axis=0), p.max(axis=0)))
    for i, (lo1, hi1) in enumerate(boxes):
        for lo2, hi2 in boxes[:i]:
            overlap = (lo1 < hi2).all() and (lo2 < hi1).all()
            assert not overlap
    extent = pos.max(axis=0) - pos.min(axis=0)
    assert extent[0] >= extent[1]  # wider than tall, like a screen
    assert np.abs((pos.min(axis=0) + pos.max(axis=0)) / 2).max() < 1e-9  # centred


def test_spring_positions_ignores_self_loops() -> None:
    with_loop = spring_positions(3, [(0, 1), (1, 2), (1, 1)], seed=1)
    without = spring_positions(3, [(0, 1), (1, 2)], seed=1)
    assert np.allclose(with_loop, without)
