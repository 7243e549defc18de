"""`kg serve`: a read-only SPARQL 1.1 Protocol endpoint over a build or an RDF file (Starlette on uvicorn).

The queries are those of `kg query` (kg/query.py): the same prefixes, read-only, SERVICE refused, a
timeout and a row limit. Needs the `serve` extra (`pip install 'kg[serve]'`).

>>> from kg.serve import negotiate
>>> negotiate("text/csv;q=0.5, application/sparql-results+xml")
('xml', None)
"""

from kg.serve.app import Settings, create_app, negotiate, running, serve

__all__ = ["Settings", "create_app", "negotiate", "running", "serve"]
