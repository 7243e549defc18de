"""The build index: what a build folder remembers besides its RDF, so that later builds can add to it.

One SQLite file per state of the folder (`index.sqlite` beside `store/`), holding for every document
  * its extraction as read, before entities were linked across documents (JSON, compressed): the
    document's named graph is rewritten from it when the linking of its entities changes;
  * its entities' names and classes (the entity index that linking reads: one row per entity);
  * the linking its named graph was written with (JSON), to find the graphs a new build changes.

SQLite rather than the Oxigraph store: these are private records of kg (never RDF a query should see),
read by key, and one file is copied with the store into each new state of the folder.

>>> import tempfile, pathlib
>>> from kg.model import Document, Entity, Extraction
>>> with tempfile.TemporaryDirectory() as d:
...     ix = BuildIndex(pathlib.Path(d) / "index.sqlite")
...     _ = ix.put(Extraction(Document(id="a", text=""), (Entity("person/ann-lee", "Ann Lee", "Person"),)))
...     print(ix.get("a").entities[0].label, list(ix.ids()))
...     ix.close()
Ann Lee ['a']
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from kg.errors import DataError
from kg.model import Document, Entity, Event, Evidence, Extraction, Mention, Relation, Role

SCHEMA = 1


@dataclass(frozen=True)
class Record:
    """A document's extraction as the index stores it. Made where the document was extracted (a worker
    process): what travels back to the build's process is a few bytes, not a tree of objects, and the
    encoding is done in parallel."""

    doc_id: str
    blob: bytes  # the Extraction as compressed JSON
    entities: tuple[tuple[str, str, str, str], ...]  # local key, label, class, aliases (JSON)
    facts: int  # relations read


def encode(x: Extraction) -> Record:
    """The index's record of an extraction."""
    blob = zlib.compress(json.dumps(asdict(x), ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 1)
    return Record(doc_id=x.document.id, blob=blob, facts=len(x.relations),
                  entities=tuple((e.key, e.label, e.cls, json.dumps(e.aliases, ensure_ascii=False))
                                 for e in x.entities))


class BuildIndex:
    """The index of one state of a build folder (see the module's docstring)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.db = sqlite3.connect(str(path), isolation_level=None)
            self.db.execute("PRAGMA journal_mode=DELETE")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.executescript("""
                CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS docs (id TEXT PRIMARY KEY, extraction BLOB NOT NULL, linked TEXT);
                CREATE TABLE IF NOT EXISTS entities (doc_id TEXT NOT NULL, n INTEGER NOT NULL, local_key TEXT NOT NULL,
                    label TEXT NOT NULL, cls TEXT NOT NULL, aliases TEXT NOT NULL, PRIMARY KEY (doc_id, n));
            """)
            self.db.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (str(SCHEMA),))
            (schema,) = self.db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        except sqlite3.Error as e:
            raise DataError("E408", f"cannot read the build index {path}: {e}") from e
        if schema != str(SCHEMA):
            raise DataError("E408", f"the build index {path} is of another kg (schema {schema}): "
                                    "build with --replace")
        self.db.execute("BEGIN")

    def meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def put(self, x: Extraction | Record) -> bool:
        """Record a document's extraction (before linking), or its encoding; True when it replaces one of
        the same id."""
        rec = x if isinstance(x, Record) else encode(x)
        had = self.remove(rec.doc_id)
        self.db.execute("INSERT INTO docs VALUES (?, ?, NULL)", (rec.doc_id, rec.blob))
        self.db.executemany("INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?)",
                            [(rec.doc_id, n, *e) for n, e in enumerate(rec.entities)])
        return had

    def remove(self, doc_id: str) -> bool:
        had = self.db.execute("DELETE FROM docs WHERE id = ?", (doc_id,)).rowcount > 0
        self.db.execute("DELETE FROM entities WHERE doc_id = ?", (doc_id,))
        return had

    def get(self, doc_id: str) -> Extraction:
        row = self.db.execute("SELECT extraction FROM docs WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise KeyError(doc_id)
        return _extraction(json.loads(zlib.decompress(row[0])))

    def ids(self) -> Iterator[str]:
        """Document ids, sorted: the order of linking, whatever the order of the builds."""
        for (doc_id,) in self.db.execute("SELECT id FROM docs ORDER BY id"):
            yield doc_id

    def __len__(self) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM docs").fetchone()[0])

    def entities(self) -> Iterator[tuple[str, Entity]]:
        """(document id, entity as read in it), in document id order, then the document's order."""
        for doc_id, key, label, cls, aliases in self.db.execute(
                "SELECT doc_id, local_key, label, cls, aliases FROM entities ORDER BY doc_id, n"):
            yield doc_id, Entity(key=key, label=label, cls=cls, aliases=tuple(json.loads(aliases)))

    def linked(self) -> dict[str, str | None]:
        return dict(self.db.execute("SELECT id, linked FROM docs"))

    def set_linked(self, doc_id: str, linked: str) -> None:
        self.db.execute("UPDATE docs SET linked = ? WHERE id = ?", (linked, doc_id))

    def close(self) -> None:
        """Commit and close."""
        self.db.execute("COMMIT")
        self.db.close()


def _extraction(d: dict[str, Any]) -> Extraction:
    def ev(e: dict[str, Any]) -> Evidence:
        return Evidence(**e)

    return Extraction(
        document=Document(**d["document"]),
        entities=tuple(Entity(key=e["key"], label=e["label"], cls=e["cls"], aliases=tuple(e["aliases"]),
                              mentions=tuple(Mention(**m) for m in e["mentions"])) for e in d["entities"]),
        relations=tuple(Relation(**{**r, "evidence": ev(r["evidence"])}) for r in d["relations"]),
        roles=tuple(Role(**{**r, "evidence": ev(r["evidence"])}) for r in d["roles"]),
        events=tuple(Event(**{**e, "participants": tuple(e["participants"]), "evidence": ev(e["evidence"])})
                     for e in d["events"]),
    )
