"""kg: English news in, an RDF knowledge graph out.

>>> import kg
>>> callable(kg.build)
True
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["build", "extract", "run_query", "__version__"]


def build(*args: Any, **kwargs: Any) -> Any:
    """Build a graph from inputs into an output folder: see kg.pipeline.build."""
    from kg.pipeline import build as _build

    return _build(*args, **kwargs)


def extract(*args: Any, **kwargs: Any) -> Any:
    """Extract entities and relations from Documents: see kg.pipeline.extract."""
    from kg.pipeline import extract as _extract

    return _extract(*args, **kwargs)


def run_query(sparql: str, data: Any, *, fmt: str = "csv") -> str:
    """Run SPARQL over a build folder or RDF file: see kg.query.run_query (kg.query is the module)."""
    from kg.query import run_query

    return run_query(sparql, data, fmt=fmt)
