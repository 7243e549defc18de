"""The interactive HTML graph of a kg graph, and the selection of what to draw.

>>> from rdflib import Graph
>>> page = render_html(Graph(), title="empty")
>>> "default-src 'none'" in page
True
"""

from __future__ import annotations

from kg.viz.html import render_html, to_iframe, write_html
from kg.viz.select import select

__all__ = ["render_html", "select", "to_iframe", "write_html"]
