"""The interactive graph: one self-contained HTML page that makes no network request.

The page is our own template (`template.html`, `style.css`, `app.js` beside this file) around
vis-network, whose minified build is read from the installed pyvis package and inlined. The
data goes in as JSON inside `<script type="application/json">`, escaped so that it cannot close
its element, and the page script builds every piece of text with `textContent`. A
Content-Security-Policy allows only the page's own two inline scripts (by SHA-256 hash), inline
styles and `data:` images.

>>> from rdflib import Graph
>>> g = Graph().parse(data='''
... @prefix kg: <https://w3id.org/kg/ontology#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
... <urn:x> a kg:Person ; rdfs:label "</script><b>x</b>" .
... ''', format="turtle")
>>> page = render_html(g, title="demo")
>>> page.startswith("<!DOCTYPE html>"), "</script><b>" in page
(True, False)
>>> r"\\u003c/script\\u003e\\u003cb\\u003ex" in page
True
"""

from __future__ import annotations

import base64
import hashlib
import html
import importlib.util
import json
import os
import re
from functools import cache
from pathlib import Path
from typing import Any

from rdflib import Graph

from kg.errors import OutputError
from kg.io import atomic_path
from kg.viz.view import Evidence, View, build_view

__all__ = ["LARGE_NODES", "PHYSICS_MAX_NODES", "render_html", "to_iframe", "write_html"]

PHYSICS_MAX_NODES = 150  # up to this many entities the layout stays live (vis.js physics)
LARGE_NODES = 1000  # above this, labels and edges are lightened while dragging and zooming
LARGE_EDGES = 3000

_HERE = Path(__file__).resolve().parent
_SLOT = re.compile(r"\{\{(\w+)\}\}")
_JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def render_html(graph: Graph, *, ontology: Graph | None = None, title: str = "kg") -> str:
    """The full page showing `graph` (a Graph, or a Dataset whose named graphs are merged).

    `ontology` gives the classes' colours and the properties' labels; None reads the project's
    `ontologies/kg.ttl`. The same graph always gives the same bytes.
    """
    view = build_view(graph, ontology)
    return _page(view, title)


def write_html(
    graph: Graph, path: str | os.PathLike[str], *, ontology: Graph | None = None, title: str = "kg"
) -> None:
    """Render `graph` and write the page to `path` atomically (a temporary file, then a rename).

    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as d:
    ...     write_html(Graph(), pathlib.Path(d) / "graph.html")
    ...     sorted(p.name for p in pathlib.Path(d).iterdir())
    ['graph.html']
    """
    page = render_html(graph, ontology=ontology, title=title)
    target = Path(path)
    try:
        with atomic_path(target) as tmp:
            tmp.write_text(page, encoding="utf-8", newline="\n")
    except OSError as e:
        raise OutputError("E651", f"cannot write {target}: {e.strerror or e}") from e


def to_iframe(graph: Graph, *, ontology: Graph | None = None, title: str = "kg", height: int = 640) -> str:
    """The page inside a sandboxed `<iframe srcdoc>`: for notebooks (`IPython.display.HTML`).

    The frame may run scripts but gets an opaque origin (no `allow-same-origin`): the graph cannot
    reach the notebook around it, and its own Content-Security-Policy still holds.

    >>> frame = to_iframe(Graph(), title="t", height=300)
    >>> frame.startswith('<div class="kg-graph"><iframe sandbox="allow-scripts" title="t"')
    True
    """
    page = render_html(graph, ontology=ontology, title=title)
    return (
        f'<div class="kg-graph"><iframe sandbox="allow-scripts" title="{html.escape(title, quote=True)}" '
        f'style="width: 100%; height: {int(height)}px; border: 1px solid #e4e7eb; border-radius: 6px" '
        f'srcdoc="{html.escape(page, quote=True)}"></iframe></div>'
    )


# ---------------------------------------------------------------------------


def _page(view: View, title: str) -> str:
    vis_js = _vis_js()
    app_js = _asset("app.js")
    style = _asset("style.css")
    data = _embed_json(_payload(view, title))
    csp = "; ".join(
        [
            "default-src 'none'",
            f"script-src {_hash(vis_js)} {_hash(app_js)}",
            "style-src 'unsafe-inline'",
            "img-src data:",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )
    values = {
        "csp": csp,
        "title": html.escape(title, quote=True),
        "style": style,
        "data": data,
        "vis": vis_js,
        "app": app_js,
    }
    # One pass: text put into a slot is never scanned for further slots.
    return _SLOT.sub(lambda m: values[m.group(1)], _asset("template.html"))


def _hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def _embed_json(value: Any) -> str:
    """JSON that is safe inside a `<script>` element: no `<`, `>`, `&`, U+2028 or U+2029 left."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return re.sub("[<>&\u2028\u2029]", lambda m: _JSON_ESCAPES[m.group(0)], text)


def _evidence(ev: list[Evidence]) -> list[list[Any]]:
    return [[e.text, e.doc, e.confidence, e.rule] for e in ev]


def _payload(view: View, title: str) -> dict[str, Any]:
    n, m = len(view.nodes), len(view.edges)
    nodes: list[dict[str, Any]] = []
    for node in view.nodes:
        item: dict[str, Any] = {
            "iri": node.iri,
            "label": node.label,
            "cls": node.cls,
            "types": node.types,
            "x": node.x,
            "y": node.y,
            "size": node.size,
            "degree": node.degree,
            "rank": node.rank,
        }
        if node.alt:
            item["alt"] = node.alt
        if node.facts:
            item["facts"] = [[name, value, _evidence(ev)] for name, value, ev in node.facts]
        if node.docs:
            item["docs"] = node.docs
        nodes.append(item)
    edges: list[dict[str, Any]] = []
    for e in view.edges:
        item = {"from": e.source, "to": e.target, "rel": e.relation}
        if e.symmetric:
            item["sym"] = True
        if e.curve:
            item["curve"] = e.curve
        if e.evidence:
            item["ev"] = _evidence(e.evidence)
        edges.append(item)
    return {
        "title": title,
        "physics": 0 < n <= PHYSICS_MAX_NODES,
        "large": n > LARGE_NODES or m > LARGE_EDGES,
        "classes": [[label, color, count] for label, color, count in view.classes],
        "relations": [[label, iri, sym, count] for label, iri, sym, count in view.relations],
        "docs": [[d.id, d.title, d.date, d.source, d.iri] for d in view.docs],
        "nodes": nodes,
        "edges": edges,
        "roles": [list(r) for r in view.roles],
        "events": [
            [ev.label, ev.kind, ev.date, ev.participants, _evidence(ev.evidence)] for ev in view.events
        ],
        "claims": [
            [c.subject, c.name, c.target, c.value, c.modality, _evidence(c.evidence)] for c in view.claims
        ],
    }


@cache
def _asset(name: str) -> str:
    text = (_HERE / name).read_text(encoding="utf-8")
    if not name.endswith(".html"):
        _check_inline(name, text)
    return text


@cache
def _vis_js() -> str:
    """vis-network's standalone build, read from the installed pyvis package (the newest it ships)."""
    spec = importlib.util.find_spec("pyvis")
    roots = list(spec.submodule_search_locations or []) if spec else []
    found: list[tuple[tuple[int, ...], Path]] = []
    for root in roots:
        for js in Path(root).glob("lib/vis-*/vis-network.min.js"):
            version = re.findall(r"\d+", js.parent.name.removeprefix("vis-"))
            found.append((tuple(int(v) for v in version), js))
    if not found:
        raise OutputError("E652", "vis-network not found: install pyvis (pip install 'pyvis>=0.3.2')")
    path = max(found)[1]
    text = path.read_text(encoding="utf-8")
    _check_inline(str(path), text)
    return text


def _check_inline(name: str, text: str) -> None:
    """Refuse a script or style that could end its element or open an HTML comment early."""
    lowered = text.lower()
    if "</script" in lowered or "<!--" in lowered or "</style" in lowered:
        raise OutputError("E653", f"{name} cannot be inlined: it contains '</script', '</style' or '<!--'")
