"""One hierarchy of errors, each with a stable code, so messages can be grepped and documented.

>>> str(InputError("E101", "no such file: x.txt"))
'E101 no such file: x.txt'
"""

from __future__ import annotations


class KGError(Exception):
    """Base of every error kg raises on purpose. The CLI prints it as one line."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code} {message}")
        self.code = code
        self.message = message

    def __reduce__(self) -> tuple[type[KGError], tuple[str, str]]:
        """Pickled with its code and message (an error raised on a dask worker reaches the client whole)."""
        return (type(self), (self.code, self.message))


class InputError(KGError):
    """The input cannot be read: missing file, unknown extension, bad JSONL line (E1xx)."""


class ModelError(KGError):
    """The spaCy model cannot be loaded (E2xx)."""


class OntologyError(KGError):
    """The ontology or a data file in ontologies/ is missing or malformed (E3xx)."""


class DataError(KGError):
    """An RDF file or store cannot be read (E4xx)."""


class QueryError(KGError):
    """A SPARQL query is malformed or not allowed (E5xx)."""


class OutputError(KGError):
    """An output cannot be written (E6xx)."""
