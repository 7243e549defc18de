"""Writing and reading RDF: the build folder and its store, deterministic files, loading data.

A build folder's store is the truth: graph.ttl and graph.trig are serialised from it by pyoxigraph,
streaming, in the store's index order, a function of the triples alone (the same content gives the
same bytes). A build makes a new state of the folder beside the published one and publishes it with
one rename (see "The states of a build folder" below): a failed or killed build leaves the previous
output as it was. Small graphs (a Dataset, an RDF file) are serialised from quads sorted in N-Quads
order (serialize).

Never imports spaCy.
"""

from __future__ import annotations

import fcntl
import gc
import itertools
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, TypeVar

import pyoxigraph as ox

from kg.errors import DataError, OutputError
from kg.namespaces import PREFIXES

if TYPE_CHECKING:  # rdflib (and the build index, json, shutil …) are imported where used: a query needs none
    from rdflib import BNode, Dataset, Graph, Literal, URIRef

T = TypeVar("T")
FORMATS = {
    "turtle": (ox.RdfFormat.TURTLE, ".ttl"),
    "trig": (ox.RdfFormat.TRIG, ".trig"),
    "nt": (ox.RdfFormat.N_TRIPLES, ".nt"),
    "nq": (ox.RdfFormat.N_QUADS, ".nq"),
    "jsonld": (ox.RdfFormat.JSON_LD, ".jsonld"),
}
SUFFIX_FORMAT = {
    ".ttl": ox.RdfFormat.TURTLE, ".turtle": ox.RdfFormat.TURTLE, ".trig": ox.RdfFormat.TRIG,
    ".nt": ox.RdfFormat.N_TRIPLES, ".nq": ox.RdfFormat.N_QUADS, ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD, ".rdf": ox.RdfFormat.RDF_XML, ".owl": ox.RdfFormat.RDF_XML,
    ".xml": ox.RdfFormat.RDF_XML, ".n3": ox.RdfFormat.N3,
}


# ---------------------------------------------------------------------------
# rdflib <-> pyoxigraph


def _to_ox_converter() -> Callable[[object], ox.NamedNode | ox.BlankNode | ox.Literal]:
    """rdflib term -> pyoxigraph term (rdflib imported once, by the caller of the loop)."""
    from rdflib import BNode, Literal, URIRef

    def to_ox(term: object) -> ox.NamedNode | ox.BlankNode | ox.Literal:
        if isinstance(term, URIRef):
            return ox.NamedNode(str(term))
        if isinstance(term, BNode):
            return ox.BlankNode(str(term))
        if isinstance(term, Literal):
            if term.language:
                return ox.Literal(str(term), language=term.language)
            if term.datatype:
                return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
            return ox.Literal(str(term))
        raise DataError("E401", f"unsupported RDF term {term!r}")

    return to_ox


def quads_of(ds: Dataset) -> list[ox.Quad]:
    """The dataset's quads as pyoxigraph quads, sorted (N-Quads order): the basis of determinism."""
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    _to_ox = _to_ox_converter()
    out = []
    for s, p, o, g in ds.quads((None, None, None, None)):
        gid = getattr(g, "identifier", g)
        graph = ox.DefaultGraph() if gid is None or gid == DATASET_DEFAULT_GRAPH_ID else _to_ox(gid)
        out.append(ox.Quad(_to_ox(s), _to_ox(p), _to_ox(o), graph))  # type: ignore[arg-type]
    return sort_quads(out)


def sort_quads(quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    return sorted(set(quads), key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)))


def serialize(quads: Iterable[ox.Quad], fmt: str) -> bytes:
    """Serialise quads in one of FORMATS; triple formats get the union of all graphs."""
    rdf_format = FORMATS[fmt][0]
    qs = sort_quads(quads)
    data: list[ox.Quad] | list[ox.Triple]
    if rdf_format.supports_datasets:
        data = qs
    else:
        seen: dict[str, ox.Triple] = {}
        for q in qs:
            seen.setdefault(str(q.triple), q.triple)
        data = sorted(seen.values(), key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    prefixes = _prefixes(qs) if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
    return ox.serialize(data, format=rdf_format, prefixes=prefixes) or b""


def _prefixes(quads: Iterable[ox.Quad]) -> dict[str, str]:
    """kg's prefixes, and `res:` for the build's base: what precedes "doc/<id>" in the IRI of a
    document (the subject of dcterms:identifier)."""
    out = dict(PREFIXES)
    base = base_iri(quads)
    if base is not None:
        out["res"] = base
    return out


def base_iri(quads: Iterable[ox.Quad]) -> str | None:
    """The base IRI of the build these quads come from: what precedes "doc/<id>" in the IRI of a document
    (the subject of dcterms:identifier); None for data that kg did not build."""
    for q in quads:
        if q.predicate == IDENTIFIER and isinstance(q.subject, ox.NamedNode) and "/doc/" in q.subject.value:
            return q.subject.value.rsplit("doc/", 1)[0]
    return None


IDENTIFIER = ox.NamedNode("http://purl.org/dc/terms/identifier")


# ---------------------------------------------------------------------------
# Writing a build


MARKER = ".kg-output"
OUTPUT_NAMES = ("graph.ttl", "graph.trig", "graph.html", "store")


def check_output_dir(out: Path) -> None:
    """Refuse a folder kg may not write into: a file, or a folder that holds one of kg's output names
    (a store/, a graph.ttl ...) without kg's marker, so that something kg did not make is never
    replaced. Called before extraction, so that the error comes at once."""
    if out.exists() and not out.is_dir():
        raise OutputError("E604", f"--out {out} is a file, not a folder")
    if out.is_dir() and not (out / MARKER).is_file() and not _earlier_kg_build(out):
        found = [n for n in OUTPUT_NAMES if (out / n).exists()]
        if found:
            raise OutputError("E603", f"{out} holds {', '.join(found)} that kg did not write (no {MARKER} marker): "
                                      "choose another --out, or remove them")


def _earlier_kg_build(out: Path) -> bool:
    """A folder written by a kg from before the marker: its graph.trig or graph.ttl uses kg's ontology."""
    for name in ("graph.trig", "graph.ttl"):
        try:
            with (out / name).open("rb") as f:
                if b"<https://w3id.org/kg/ontology#>" in f.read(4096):
                    return True
        except OSError:
            continue
    return False


# ---------------------------------------------------------------------------
# The states of a build folder
#
#   DIR/.kg-output              kg's marker
#   DIR/.kg/lock                held (flock) by the one build or remove that writes into DIR
#   DIR/.kg/v-XXXX/             one complete state: store/, index.sqlite, graph.ttl, graph.trig,
#                               graph.html, state.json, .lock (held shared by readers); a state of a
#                               `--store memory` build has no store/ (kg/stores.py)
#   DIR/.kg/remote.json         the SPARQL server the folder was last written into (kg/stores.py)
#   DIR/.kg/current -> v-XXXX   the published state, switched by one rename of a symlink
#   DIR/store, DIR/graph.ttl, DIR/graph.trig, DIR/graph.html -> .kg/current/...
#
# A build makes a new state beside the published one (its store a RocksDB checkpoint of the
# published store: hard links, not a copy), changes it, writes the files from it, and publishes it
# with one atomic rename. Killed at any moment, the folder shows the old state or the new one,
# whole; what a killed build leaves in .kg/ is removed by the next build.

STATE_DIR = ".kg"
CURRENT = "current"
LINKS = ("store", "graph.ttl", "graph.trig", "graph.html")


def current_state(out: Path) -> Path | None:
    """The published state of a build folder, or None (no build yet, or a folder of an older kg)."""
    link = out / STATE_DIR / CURRENT
    if not link.is_symlink():
        return None
    target = out / STATE_DIR / os.readlink(link)
    return target if target.is_dir() else None


@contextmanager
def build_lock(out: Path) -> Iterator[None]:
    """Hold the folder's lock: one build (or remove) at a time writes into a folder. A killed holder
    releases it (flock)."""
    (out / STATE_DIR).mkdir(parents=True, exist_ok=True)
    fd = os.open(out / STATE_DIR / "lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputError("E605", f"another kg build is writing into {out}: wait for it to finish") from None
        yield
    finally:
        os.close(fd)


class Stage:
    """A new state of a build folder, made beside the published one: its store, its index, its files.
    Made from a copy of the published state (adding to it), or empty (`replace=True`)."""

    def __init__(self, out: Path, *, replace: bool = False) -> None:

        from kg.index import BuildIndex

        self.out = out
        self.dir = Path(tempfile.mkdtemp(prefix="v-", dir=out / STATE_DIR))
        self.dir.chmod(0o777 & ~_umask())
        (self.dir / ".lock").touch()
        published = None if replace else current_state(out)
        self.added = published is not None
        self.published = published
        self._pending: list[ox.Quad] = []  # documents' quads put_graph holds until a chunk is full
        self._pending_graphs: set[ox.NamedNode] = set()
        self.store = self._open_store(published)
        if published is not None:
            shutil.copyfile(published / "index.sqlite", self.dir / "index.sqlite")
        self.index = BuildIndex(self.dir / "index.sqlite")
        self.store.clear_graph(ONTOLOGY_GRAPH)  # the ontology of this kg
        self.store.extend(ontology_quads())

    kind = "disk"  # the back-end, as state.json records it (kg/stores.py has the others)

    def _open_store(self, published: Path | None) -> ox.Store:
        """This state's store: a RocksDB checkpoint of the published state's store (hard links to its
        immutable files), or one loaded from its files when it has no store (a `--store memory` build)."""
        if published is not None and (published / "store").is_dir():
            src = ox.Store.read_only(str(published / "store"))
            src.backup(str(self.dir / "store"))
            del src
            return ox.Store(str(self.dir / "store"))
        store = ox.Store(str(self.dir / "store"))
        if published is not None:
            load_state_files(store, published)
        return store

    # Documents' graphs are written by pyoxigraph's bulk loader, PUT_CHUNK quads at a time (one
    # document's named graph and its copy in the default graph each), not by one transactional `extend`
    # per document: every `extend` goes through RocksDB's memtables, which Oxigraph sizes for bulk work
    # (up to 128 MiB a memtable, several for each of its column families), so the process grew by about
    # 290 MiB every 1,000 fact-dense documents (957,000 triples at 3,000) and set a build's peak well
    # above spaCy's (2,939 MiB against 1,248 MiB at 10,000; bench/README.md, sessions 3 and 4). A
    # `flush()` every 250 documents bounded it too, but the bulk loader added less (93 MiB against
    # 129 MiB for 3,000 documents) in half the time: it writes sorted files and adds them to the store,
    # holding one chunk and no memtable. It is no transaction, but a stage is published whole or not at
    # all, and the store's content (so every output byte) is the same. Quads held here are written
    # before anything reads the store (the `store` property).

    @property
    def store(self) -> ox.Store:
        """This state's store, with every graph put so far written into it."""
        if self._pending:
            self._write_pending()
        return self._store

    @store.setter
    def store(self, store: ox.Store) -> None:
        self._store = store

    @store.deleter
    def store(self) -> None:
        self._pending.clear()
        self._pending_graphs.clear()
        del self._store

    def _write_pending(self) -> None:
        pending, self._pending = self._pending, []
        self._pending_graphs.clear()
        self._store.bulk_extend(pending)

    def put_graph(self, graph: ox.NamedNode, quads: list[ox.Quad]) -> None:
        """Set a document's named graph; the default graph is the merge of the documents' graphs.
        Written into the store by the next full chunk, or when the store is next read."""
        self.drop_graph(graph)
        self._pending.extend(quads)
        self._pending.extend(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in quads)
        self._pending_graphs.add(graph)
        if len(self._pending) >= PUT_CHUNK:
            self._write_pending()

    def drop_graph(self, graph: ox.NamedNode | ox.BlankNode) -> list[ox.Quad]:
        """Remove a document's named graph, and from the default graph what no other document says
        (returned). The graphs put_graph still holds are not written first (unless this is one of
        them): a triple of theirs removed here from the default graph comes back with them, so the
        store ends the same; what is returned may then hold such a triple (RemoteStage checks)."""
        if graph in self._pending_graphs:
            self._write_pending()
        store = self._store
        if not store.contains_named_graph(graph):
            return []
        triples = [q.triple for q in store.quads_for_pattern(None, None, None, graph)]
        store.remove_graph(graph)
        gone = []
        for t in triples:
            if not any(not isinstance(q.graph_name, ox.DefaultGraph) and q.graph_name != ONTOLOGY_GRAPH
                       for q in store.quads_for_pattern(t.subject, t.predicate, t.object, None)):
                gone.append(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()))
        for q in gone:
            store.remove(q)
        return gone

    def count_triples(self) -> int:
        res = self.store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        return int(next(iter(res))["n"].value)  # type: ignore[index,union-attr,arg-type]

    def finish(self, *, base: str | None, html: str | None) -> None:
        """Write graph.ttl, graph.trig and (with a title) graph.html from the store, and close it. `base`:
        the base IRI of the folder's documents, None while it has none (a folder of loaded files only:
        res: is then the base of the kg data they hold, if any)."""
        import json

        if base is not None:
            self.index.set_meta("base", base)
        self.index.close()
        self.store.flush()
        self._write_files(base, html)
        disk = self.dir / "store"
        if disk.is_dir():  # a checkpoint of the flushed store (hard links) leaves RocksDB's write-ahead log
            self.store.backup(str(self.dir / "store.new"))  # behind: about 2/3 of a fresh build's store
        del self.store
        gc.collect()  # RocksDB is closed when the last reference goes
        if disk.is_dir():
            shutil.rmtree(disk)
            os.rename(self.dir / "store.new", disk)
        for name in ("graph.ttl", "graph.trig", "graph.html", "index.sqlite"):
            if (self.dir / name).exists():
                fsync(self.dir / name)
        state = {"base": base, "html": html is not None, "store": self.kind}
        (self.dir / "state.json").write_text(json.dumps(state) + "\n", encoding="utf-8")
        fsync(self.dir / "state.json")
        fsync(self.dir)

    def _write_files(self, base: str | None, html: str | None) -> None:
        write_files(self.store, self.dir, base=base, html=html)

    def publish(self) -> list[Path]:
        """Make this state the folder's: one rename of the `current` link. Then tidy up."""
        import json

        state = json.loads((self.dir / "state.json").read_text(encoding="utf-8"))
        html = state["html"]
        kept = (self.dir / "store").is_dir()
        names = [n for n in LINKS if (n != "graph.html" or html) and (n != "store" or kept)]
        legacy = [n for n in LINKS if (self.out / n).exists() and not (self.out / n).is_symlink()]
        for name in names:  # links first: they show the new state the moment it is published
            if not (self.out / name).is_symlink():
                _symlink(Path(STATE_DIR) / CURRENT / name, self.out / name, legacy=name in legacy)
        _symlink(Path(self.dir.name), self.out / STATE_DIR / CURRENT)
        fsync(self.out / STATE_DIR)
        if not html:  # a page of an earlier build would no longer match the graph
            (self.out / "graph.html").unlink(missing_ok=True)
        if not kept and (self.out / "store").is_symlink():  # a state without a store (--store memory)
            (self.out / "store").unlink()
        collect_states(self.out)
        return [self.out / n for n in names]

    def abort(self) -> None:

        if hasattr(self, "_store"):
            del self.store  # what put_graph still holds is dropped, not written
            gc.collect()
        shutil.rmtree(self.dir, ignore_errors=True)


def write_files(store: ox.Store, folder: Path, *, base: str | None, html: str | None) -> None:
    """Write graph.ttl, graph.trig and (with a title) graph.html of a store into `folder`, streaming,
    in the store's order. `base` None: the folder holds loaded files only (res: from the kg data in them)."""
    if base is None:
        prefixes = _prefixes(store.quads_for_pattern(None, IDENTIFIER, None, None))
    else:
        prefixes = {**PREFIXES, "res": base}
    with (folder / "graph.ttl").open("wb") as f:
        store.dump(f, ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph(), prefixes=prefixes)
    with (folder / "graph.trig").open("wb") as f:
        ox.serialize(dataset_quads(store), f, ox.RdfFormat.TRIG, prefixes=prefixes)
    if html is not None:
        from kg.viz import render_html

        graph = to_graph((q.triple for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())),
                         sort=False)
        (folder / "graph.html").write_text(render_html(graph, title=html), encoding="utf-8")


def load_state_files(store: ox.Store, state: Path) -> None:
    """Fill a store from a state that keeps no store (a `--store memory` build): the documents' named
    graphs from its graph.trig, and their merge in the default graph (not the ontology's graph, which the
    file carries too: the store's own is written by whoever opens it)."""
    quads = [q for q in parse_file(state / "graph.trig") if q.graph_name != ONTOLOGY_GRAPH]
    store.extend(quads)
    store.extend(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in quads)  # in the file's order


def _symlink(target: Path, link: Path, *, legacy: bool = False) -> None:
    """Point `link` at `target` by one rename (atomic); an output of an older kg at `link` (a real file or
    folder) is moved into .kg/ first."""
    tmp = link.with_name(f".{link.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    os.symlink(target, tmp)
    if legacy:
        old = link.parent / STATE_DIR / f"old-{link.name}-{os.getpid()}"
        link.rename(old)
    os.replace(tmp, link)


def fsync(path: Path) -> None:
    """Write a file's or a folder's content to disk (a folder: the names in it)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def collect_states(out: Path) -> None:
    """Remove the states of a folder that are not published and that no reader holds (a reader holds
    its state's .lock shared), and what an older kg or a killed build left."""

    cur = current_state(out)
    for d in (out / STATE_DIR).iterdir():
        if d.name.startswith("old-"):  # an older kg's output, replaced by links
            if d.is_dir() and not d.is_symlink():
                shutil.rmtree(d, ignore_errors=True)
            else:
                d.unlink(missing_ok=True)
            continue
        if d == cur or not d.name.startswith("v-") or not d.is_dir() or d.is_symlink():
            continue
        try:
            fd = os.open(d / ".lock", os.O_RDONLY)
        except FileNotFoundError:
            shutil.rmtree(d, ignore_errors=True)
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            shutil.rmtree(d, ignore_errors=True)
        except BlockingIOError:
            continue  # a query still reads it: the next build removes it
        finally:
            os.close(fd)
    for d in out.glob(".kg-build-*"):  # staging folders of an older kg
        shutil.rmtree(d, ignore_errors=True)


def document_quads(store: ox.Store) -> Iterator[ox.Quad]:
    """The quads of the documents' named graphs (not the ontology's, not the default graph), in the
    store's order, streamed."""
    for g in store.named_graphs():
        if g != ONTOLOGY_GRAPH:
            yield from store.quads_for_pattern(None, None, None, g)


def dataset_quads(store: ox.Store) -> Iterator[ox.Quad]:
    """What a dataset file of a build holds (graph.trig, `kg export` to TriG or N-Quads): the documents' named
    graphs, then kg's ontology in its own graph, so that the file says what its classes and properties are
    ("StationModule" is a Spacecraft: rdfs:subClassOf; labels, comments) to a reader that has no kg.ttl. Of the
    ontology only the statements without blank nodes (the domains and ranges written as unions are left to
    kg.ttl), sorted: blank nodes are named anew at each parse, and the file is the same bytes at each build."""
    yield from document_quads(store)
    yield from sort_quads(q for q in store.quads_for_pattern(None, None, None, ONTOLOGY_GRAPH)
                          if not isinstance(q.subject, ox.BlankNode) and not isinstance(q.object, ox.BlankNode))


def write_outputs(ds: Dataset, out: Path, *, html: bool = True, title: str = "kg") -> list[Path]:
    """Replace a build folder's content with a small rdflib Dataset (the library's way; a build streams
    documents into a Stage instead). See check_output_dir for the folders kg writes into."""
    check_output_dir(out)
    with staged(out, replace=True) as stage:
        quads = quads_of(ds)
        for g, group in itertools.groupby(quads, key=lambda q: q.graph_name):
            if isinstance(g, ox.NamedNode):
                stage.put_graph(g, list(group))
        stage.finish(base=_prefixes(quads).get("res", ""), html=title if html else None)
        return stage.publish()


@contextmanager
def staged(out: Path, *, replace: bool = False, make: Callable[..., Stage] | None = None) -> Iterator[Stage]:
    """A new state of the folder under its lock, for the block to fill and publish; dropped if the block
    fails. An OSError is E602. `make(out, replace=)` makes the stage of another back-end (kg/stores.py)."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        mark_output(out)
        with build_lock(out):
            stage = (make or Stage)(out, replace=replace)
            try:
                yield stage
            except BaseException:
                stage.abort()
                raise
    except OSError as e:
        raise OutputError("E602", f"cannot write the build into {out}: {e.strerror or e}") from e


def mark_output(out: Path) -> None:
    marker = out / MARKER
    if not marker.is_file():
        marker.write_text("This folder is written by kg build: its outputs are replaced or added to by the next "
                          "build.\n", encoding="utf-8")


ONTOLOGY_GRAPH = ox.NamedNode("https://w3id.org/kg/ontology")


def ontology_quads() -> list[ox.Quad]:
    """The ontology, in its own named graph: queries can read class and property labels."""
    from kg.namespaces import ontology_dir

    path = ontology_dir() / "kg.ttl"
    return [ox.Quad(t.subject, t.predicate, t.object, ONTOLOGY_GRAPH)
            for t in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)]


# ---------------------------------------------------------------------------
# Reading data: a build folder (its store) or an RDF file


def open_data(data: str | Path, *, cache: bool = False) -> ox.Store:
    """A read-only store for a build folder; for an RDF file, an in-memory store loaded from it, or with
    `cache` a read-only store from the cache of files loaded once (kg/cache.py)."""
    if str(data).startswith(("sparql+http:", "sparql+https:")):
        raise DataError("E427", "this command reads a build folder or an RDF file: ask a SPARQL server with "
                                "kg query --data sparql+http://...")
    path = Path(data)
    if path.is_dir():
        if (path / STATE_DIR / CURRENT).is_symlink():
            return _open_state(path)
        if (path / "store").is_dir():
            return _read_only(path / "store", path)
        if not (path / MARKER).is_file() and not (path / STATE_DIR).is_dir():  # RDF files of another tool
            for name in ("graph.trig", "graph.ttl"):
                if (path / name).is_file():
                    return open_data(path / name)
        raise DataError("E403", f"{path} holds no kg build (no store/, graph.trig or graph.ttl)")
    if not path.is_file():
        raise DataError("E404", f"no such file or directory: {path}")
    fmt = file_format(path)
    if cache:
        from kg.cache import cached_store

        return cached_store(path, fmt)
    store = ox.Store()
    load_file(store, path, fmt)
    return store


def load_file(store: ox.Store, path: Path, fmt: ox.RdfFormat) -> None:
    """Load an RDF file into an empty store as `kg query` reads it: the file's triples (a triple format's
    in the default graph), the ontology in its graph, and the merge of all graphs in the default graph.
    Streamed: parsed by pyoxigraph and written by its bulk loader CHUNK quads at a time (the loader holds
    what one call gives it: about 1 GiB for a whole file of 1M quads, 0.3 GiB a chunk)."""
    onto = ontology_quads()
    store.extend(onto)  # small: a transaction (the bulk loader costs a tenth of a second at each call)
    store.extend(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in onto)
    try:
        for chunk in chunks(ox.parse(path=str(path), format=fmt), CHUNK):
            quads = [q if isinstance(q, ox.Quad) else ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())
                     for q in chunk]
            store.bulk_extend(quads + [ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())
                                       for q in quads if not isinstance(q.graph_name, ox.DefaultGraph)])
    except (SyntaxError, ValueError) as e:
        msg = str(e).splitlines()[0] if str(e) else type(e).__name__
        raise DataError("E406", f"cannot parse {path}: {msg}") from e


CHUNK = 100_000  # quads parsed, then written, at a time
PUT_CHUNK = 100_000  # documents' quads (with their default-graph copies) Stage.put_graph writes at a time


def chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of `size` items (the last one shorter).

    >>> [len(c) for c in chunks(range(5), 2)]
    [2, 2, 1]
    """
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def file_format(path: Path) -> ox.RdfFormat:
    """The RDF format of a file, from its suffix."""
    fmt = SUFFIX_FORMAT.get(path.suffix.lower())
    if fmt is None:
        raise DataError("E405", f"unknown RDF file type {path.suffix!r}: {path}")
    return fmt


_READERS: dict[Path, int] = {}  # the states this process reads, each held by a shared lock until exit


def _open_state(out: Path) -> ox.Store:
    """The published state's store, held against removal by a shared lock on its .lock file. A build
    that publishes a new state meanwhile makes the next look find the new one."""
    for _ in range(10):
        state = current_state(out)
        if state is None:
            break
        state = state.resolve()
        if state not in _READERS:
            try:
                fd = os.open(state / ".lock", os.O_RDONLY)
            except FileNotFoundError:  # removed between the look and the open: look again
                continue
            fcntl.flock(fd, fcntl.LOCK_SH)
            if not (state / "state.json").is_file():
                os.close(fd)
                continue
            _READERS[state] = fd
        if not (state / "store").is_dir():  # a --store memory build: its files, loaded into memory
            store = ox.Store()
            load_state_files(store, state)
            store.extend(ontology_quads())
            return store
        return _read_only(state / "store", out)
    raise DataError("E403", f"{out} holds no kg build (no published state in {STATE_DIR}/)")


def _read_only(store: Path, out: Path) -> ox.Store:
    try:
        return ox.Store.read_only(str(store))
    except (OSError, RuntimeError) as e:  # RocksDB reports a damaged store as RuntimeError
        raise DataError("E402", f"cannot open the store in {out}: {e}") from e


ONTOLOGY_HEADER = ox.Quad(ONTOLOGY_GRAPH, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                          ox.NamedNode("http://www.w3.org/2002/07/owl#Ontology"), ox.DefaultGraph())


def default_graphs(store: ox.Store) -> list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] | None:
    """The graphs a query's default graph merges: a build's store keeps the documents' merge in its
    default graph and the ontology beside it; a store of an older kg or of a file holds both in its
    default graph already (None)."""
    return None if ONTOLOGY_HEADER in store else [ox.DefaultGraph(), ONTOLOGY_GRAPH]


def parse_file(path: Path) -> list[ox.Quad]:
    """The quads of an RDF file (triples of a triple format are in the default graph)."""
    fmt = file_format(path)
    try:
        return [q if isinstance(q, ox.Quad) else ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())
                for q in ox.parse(path=str(path), format=fmt)]
    except (SyntaxError, ValueError, OSError) as e:
        msg = str(e).splitlines()[0] if str(e) else type(e).__name__
        raise DataError("E406", f"cannot parse {path}: {msg}") from e


def data_quads(store: ox.Store) -> list[ox.Quad]:
    """The documents' quads: the named graphs other than the ontology's, and the default graph's
    triples that are in none of them (the default graph also holds their merge, for queries)."""
    named = [q for q in store.quads_for_pattern(None, None, None, None)
             if not isinstance(q.graph_name, ox.DefaultGraph) and q.graph_name != ONTOLOGY_GRAPH]
    seen = {q.triple for q in named} | {q.triple for q in store.quads_for_pattern(None, None, None, ONTOLOGY_GRAPH)}
    own = [q for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph()) if q.triple not in seen]
    return sort_quads(named + own)


def export(data: str | Path, fmt: str, output: Path | None = None) -> None:
    """Write a build's graph (or an RDF file's) in one of FORMATS to `output` (through a temporary
    file and a rename) or to stdout. From a build folder the store's own serialiser streams it: the
    merged graph for triple formats, the documents' named graphs for dataset formats."""
    import sys

    from kg.io import atomic_path

    if fmt not in FORMATS:
        raise DataError("E407", f"unknown format {fmt!r} (use {', '.join(FORMATS)})")
    store = open_data(data)
    rdf_format = FORMATS[fmt][0]
    built = default_graphs(store) is not None
    prefixes = None
    if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG):
        prefixes = {**PREFIXES, **_prefixes(store.quads_for_pattern(None, IDENTIFIER, None, None))}

    def write(f: BinaryIO) -> None:
        if not built:
            f.write(serialize(data_quads(store), fmt))
        elif rdf_format.supports_datasets:
            ox.serialize(dataset_quads(store), f, rdf_format, prefixes=prefixes)
        else:
            store.dump(f, rdf_format, from_graph=ox.DefaultGraph(), prefixes=prefixes)

    try:
        if output is None:
            write(sys.stdout.buffer)
            sys.stdout.buffer.flush()
        else:
            with atomic_path(output) as tmp, tmp.open("wb") as f:
                write(f)
    except OSError as e:
        raise OutputError("E601", f"cannot write {output or 'to stdout'}: {e.strerror or e}") from e


def _from_ox_converter() -> Callable[[object], URIRef | BNode | Literal]:
    """pyoxigraph term -> rdflib term (rdflib imported once, by the caller of the loop)."""
    from rdflib import BNode, Literal, URIRef

    def from_ox(term: object) -> URIRef | BNode | Literal:
        if isinstance(term, ox.NamedNode):
            return URIRef(term.value)
        if isinstance(term, ox.BlankNode):
            return BNode(term.value)
        if isinstance(term, ox.Literal):
            if term.language:
                return Literal(term.value, lang=term.language)
            return Literal(term.value, datatype=URIRef(term.datatype.value))
        raise DataError("E401", f"unsupported RDF term {term!r}")

    return from_ox


def load_graph(data: str | Path) -> Graph:
    """The documents' triples of a build folder or an RDF file, merged into one rdflib Graph.

    A file is parsed directly (no store is needed to read it); a build is read from its store.
    Inserting into rdflib is the slow part (about 25 µs a triple)."""
    path = Path(data)
    if path.is_file():
        return to_graph({q.triple for q in parse_file(path)})
    store = open_data(path)
    if default_graphs(store) is not None:  # a build's store: its default graph is the documents' merge
        return to_graph(q.triple for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    return to_graph({q.triple for q in data_quads(store)})


def to_graph(triples: Iterable[ox.Triple], *, sort: bool = True) -> Graph:
    """pyoxigraph triples as an rdflib Graph, with kg's prefixes bound (sorted: a stable order; the
    store's order is stable too)."""
    from rdflib import Graph

    _from_ox = _from_ox_converter()
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    for t in sorted(triples, key=str) if sort else triples:
        g.add((_from_ox(t.subject), _from_ox(t.predicate), _from_ox(t.object)))  # type: ignore[arg-type]
    return g


def to_rdflib(store: ox.Store) -> Dataset:
    """An rdflib Dataset backed by the Oxigraph store (oxrdflib): rdflib's API, Oxigraph's speed."""
    from oxrdflib import OxigraphStore
    from rdflib import Dataset

    ds = Dataset(store=OxigraphStore(store=store), default_union=True)
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns)
    return ds


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
