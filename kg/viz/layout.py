"""A force-directed layout that scales to thousands of nodes.

networkx's `spring_layout` and `forceatlas2_layout` compute every pairwise repulsion: on a
5,000-node, 20,000-edge graph they took about a minute on the reference machine. This module
keeps Fruchterman and Reingold's forces (attraction `d²/k` along edges, repulsion `k²/d`
between nodes) but computes the repulsion of a large component in two parts:

- far field by particle-mesh: nodes are counted into a 64 x 64 grid and the counts are
  convolved (FFT) with the field of one node, O(n + G² log G) per step;
- near field exactly, between the pairs closer than one grid cell, found by a k-d tree.

Each connected component is laid out on its own (small ones all together, in one vectorised
run with exact all-pairs repulsion inside each component) and the components are then packed
in rows, largest first, so news graphs, which are mostly many small components around one
larger one, neither fly apart nor pile up. Everything is seeded: the same graph gives the same
positions.

>>> pos = spring_positions(3, [(0, 1), (1, 2)], seed=1)
>>> pos.shape
(3, 2)
>>> bool((spring_positions(3, [(0, 1), (1, 2)], seed=1) == pos).all())
True
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import cache

import numpy as np
from numpy.typing import NDArray
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components
from scipy.spatial import cKDTree

__all__ = ["spring_positions"]

Array = NDArray[np.float64]
Index = NDArray[np.int64]

_GRID = 64  # cells per side of the particle-mesh grid
_SMALL = 400  # components up to this size are laid out together, with exact repulsion
_GAP = 1.5  # space between packed components, in edge lengths
_ASPECT = 1.6  # width / height of the packed layout: screens are wide


def spring_positions(n: int, edges: Sequence[tuple[int, int]], *, seed: int = 1) -> Array:
    """Positions (an `n` x 2 array; an edge is about 1 unit long) of nodes `0..n-1`.

    >>> p = spring_positions(4, [(0, 1)], seed=3)
    >>> 0.5 < float(np.linalg.norm(p[0] - p[1])) < 2.0
    True
    >>> float(np.linalg.norm(p[2] - p[3])) >= 1.0  # two lone nodes, packed apart
    True
    """
    pos = np.zeros((n, 2))
    if n == 0:
        return pos
    e = np.asarray(edges, dtype=np.int64).reshape(-1, 2)
    e = e[e[:, 0] != e[:, 1]]
    adjacency = coo_matrix((np.ones(len(e)), (e[:, 0], e[:, 1])), shape=(n, n))
    count, labels = connected_components(adjacency, directed=False)
    members = [np.flatnonzero(labels == c) for c in range(count)]
    members.sort(key=lambda m: (-len(m), int(m[0])))
    rng = np.random.default_rng(seed)
    small = [m for m in members if len(m) <= _SMALL]
    for m in members:
        if len(m) > _SMALL:
            pos[m] = _layout_large(m, e, labels, rng)
    if small:
        _layout_small(small, e, labels, pos, rng)
    _pack(members, pos)
    return pos


def _component_edges(m: Index, e: Index, labels: Index) -> Index:
    """The edges of component `m`, renumbered 0..len(m)-1."""
    inside = e[labels[e[:, 0]] == labels[m[0]]]
    local = np.full(labels.shape[0], -1, dtype=np.int64)
    local[m] = np.arange(len(m))
    return local[inside]


def _layout_large(m: Index, e: Index, labels: Index, rng: np.random.Generator) -> Array:
    """Lay out one large connected component: far field by particle-mesh, near field exact."""
    n = len(m)
    ce = _component_edges(m, e, labels)
    side = math.sqrt(n)
    pos = rng.uniform(-side / 2, side / 2, size=(n, 2))
    steps = 300 if n <= 2000 else 150
    for step in range(steps):
        disp = _far_repulsion(pos)
        near = min(1.5, _cell(pos))
        pairs = cKDTree(pos).query_pairs(near, output_type="ndarray")
        disp += _pair_repulsion(pos, pairs[:, 0], pairs[:, 1])
        disp += _attraction(pos, ce)
        disp -= 0.01 * (pos - pos.mean(axis=0))
        _move(pos, disp, side / 8 * (1.0 - step / steps) + 0.01)
    return pos


def _layout_small(comps: list[Index], e: Index, labels: Index, pos: Array, rng: np.random.Generator) -> None:
    """Lay out all small components at once; a node only feels the nodes of its own component."""
    nodes = np.concatenate(comps)
    local = np.full(labels.shape[0], -1, dtype=np.int64)
    local[nodes] = np.arange(len(nodes))
    starts = np.cumsum([0] + [len(m) for m in comps[:-1]])
    ii, jj, sides = [], [], []
    for start, m in zip(starts, comps, strict=True):
        a, b = np.triu_indices(len(m), 1)
        ii.append(a + start)
        jj.append(b + start)
        sides.append(np.full(len(m), math.sqrt(len(m))))
    i, j = np.concatenate(ii), np.concatenate(jj)
    side = np.concatenate(sides)
    inside = e[np.isin(labels[e[:, 0]], labels[nodes])]
    ce = local[inside]
    p = rng.uniform(-0.5, 0.5, size=(len(nodes), 2)) * side[:, None]
    steps = 150
    for step in range(steps):
        disp = _pair_repulsion(p, i, j) + _attraction(p, ce)
        _move(p, disp, side / 8 * (1.0 - step / steps) + 0.01)
    pos[nodes] = p


def _pack(members: list[Index], pos: Array) -> None:
    """Place the components in rows, largest first, each row centred under the one above."""
    boxes = []
    for m in members:
        lo, hi = pos[m].min(axis=0), pos[m].max(axis=0)
        boxes.append((lo, hi - lo + _GAP))
    area = sum(float(size[0] * size[1]) for _, size in boxes)
    width = max(max(float(size[0]) for _, size in boxes), math.sqrt(area * _ASPECT))
    rows: list[list[int]] = [[]]
    used = 0.0
    for k, (_, size) in enumerate(boxes):
        if rows[-1] and used + float(size[0]) > width:
            rows.append([])
            used = 0.0
        rows[-1].append(k)
        used += float(size[0])
    y = 0.0
    for row in rows:
        row_width = sum(float(boxes[k][1][0]) for k in row)
        row_height = max(float(boxes[k][1][1]) for k in row)
        x = (width - row_width) / 2
        for k in row:
            lo, size = boxes[k]
            pos[members[k]] += np.array([x, y + (row_height - float(size[1])) / 2]) - lo
            x += float(size[0])
        y += row_height
    pos -= (pos.min(axis=0) + pos.max(axis=0)) / 2


def _cell(pos: Array) -> float:
    """The side of one cell of the particle-mesh grid laid over the current positions."""
    extent = float((pos.max(axis=0) - pos.min(axis=0)).max())
    return max(extent, 1e-6) * 1.0001 / _GRID


def _far_repulsion(pos: Array) -> Array:
    """Repulsion of every node on every node, by particle-mesh.

    Counts of nodes per grid cell, convolved with the field `d/|d|²` of one node, give the push
    felt in each cell; each node reads the push of its own cell. Nodes in the same cell do not
    push each other here: the exact near-field term does that.
    """
    g = _GRID
    h = _cell(pos)
    cells = np.minimum(((pos - pos.min(axis=0)) / h).astype(np.int64), g - 1)
    flat = cells[:, 0] * g + cells[:, 1]
    counts = np.bincount(flat, minlength=g * g).reshape(g, g).astype(np.float64)
    kx, ky = _kernels()
    size = 3 * g
    spectrum = np.fft.rfft2(counts, (size, size))
    # The field of a unit charge on a grid of cell h is the field on the unit grid divided by h.
    fx = np.fft.irfft2(spectrum * kx, (size, size))[g - 1 : 2 * g - 1, g - 1 : 2 * g - 1] / h
    fy = np.fft.irfft2(spectrum * ky, (size, size))[g - 1 : 2 * g - 1, g - 1 : 2 * g - 1] / h
    return np.stack([fx.ravel()[flat], fy.ravel()[flat]], axis=1)


@cache
def _kernels() -> tuple[NDArray[np.complex128], NDArray[np.complex128]]:
    """Spectra of the field `d/|d|²` of one node, x and y parts, on a grid of unit cells.

    The transforms are 3G long (at least 3G - 2, the length of a full linear convolution), so
    the convolution does not wrap around.
    """
    g = _GRID
    offsets = np.arange(-(g - 1), g, dtype=np.float64)
    dx, dy = np.meshgrid(offsets, offsets, indexing="ij")
    r2 = dx * dx + dy * dy
    r2[g - 1, g - 1] = np.inf
    size = 3 * g
    return np.fft.rfft2(dx / r2, (size, size)), np.fft.rfft2(dy / r2, (size, size))


def _pair_repulsion(pos: Array, i: Index, j: Index) -> Array:
    """Repulsion `1/|d|` between the listed pairs of nodes, along the line joining them."""
    d = pos[i] - pos[j]
    dist2 = np.maximum((d * d).sum(axis=1), 1e-6)
    push = d / dist2[:, None]
    return _scatter(i, push, len(pos)) - _scatter(j, push, len(pos))


def _attraction(pos: Array, edges: Index) -> Array:
    """Attraction `|d|²` along each edge."""
    if not len(edges):
        return np.zeros_like(pos)
    src, dst = edges[:, 0], edges[:, 1]
    d = pos[src] - pos[dst]
    pull = d * np.sqrt((d * d).sum(axis=1))[:, None]
    return _scatter(dst, pull, len(pos)) - _scatter(src, pull, len(pos))


def _move(pos: Array, disp: Array, limit: float | Array) -> None:
    """Move each node along its displacement by at most `limit` (the temperature)."""
    length = np.maximum(np.sqrt((disp * disp).sum(axis=1)), 1e-9)
    pos += disp * (np.minimum(length, limit) / length)[:, None]


def _scatter(index: Index, values: Array, n: int) -> Array:
    """Sum the rows of `values` into `n` rows by `index` (a vectorised `np.add.at`)."""
    return np.stack(
        [
            np.bincount(index, weights=values[:, 0], minlength=n),
            np.bincount(index, weights=values[:, 1], minlength=n),
        ],
        axis=1,
    )
