"""`kg load FILE... --out DIR`: existing RDF into a build folder's store, for users who bring a graph of
their own (Turtle, N-Triples, TriG, N-Quads, JSON-LD, RDF/XML).

Where the triples go, so that the folder reads like one kg built:
  * a file's named graphs (TriG, N-Quads, JSON-LD) stay named graphs of the same names;
  * its other triples (all of a triple format's) go into the named graph of the file, its IRI
    (`file:///abs/path/name.ttl`, see `graph_of`);
  * the default graph holds the merge of all named graphs, documents' and loaded files' alike;
  * blank nodes are renamed per file (in order of appearance, under a prefix made from the file's graph
    IRI): two files never share one, and loading the same file again gives the same names.
Loading a file again replaces its graphs (like building a document again). A file's named graph may not
be a document's graph of the folder, nor the ontology's (E412). A later `kg build` adds documents and
leaves loaded graphs as they are (their entities are not linked to documents'); `kg build --replace`
starts afresh without them; `kg remove --graph IRI` removes a loaded graph (and from the merged graph
what only it said).

Everything happens in a new state of the folder, published in one step (kg/store.py), as for kg build: a
file that cannot be read (one line, E404/E405/E406) leaves the folder as it was. Never imports spaCy.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import pyoxigraph as ox

from kg.errors import DataError
from kg.progress import Progress
from kg.store import CHUNK, ONTOLOGY_GRAPH, Stage, check_output_dir, chunks, file_format, staged

log = logging.getLogger(__name__)

@dataclass(frozen=True)
class LoadResult:
    files: int
    quads: int  # read from the files
    graphs: int  # named graphs written
    triples: int  # in the folder's merged graph
    written: tuple[Path, ...]


def graph_of(path: Path) -> ox.NamedNode:
    """The named graph of a file's triples: its absolute `file:` IRI.

    >>> graph_of(Path("/data/my graph.ttl")).value
    'file:///data/my%20graph.ttl'
    """
    return ox.NamedNode(path.resolve().as_uri())


def load(files: Sequence[str | Path], *, out: str | Path, html: bool = True, replace: bool = False,
         progress: Progress | None = None) -> LoadResult:
    """Add RDF files to the build folder `out` (made if needed; `replace=True` starts it afresh) and
    rewrite graph.ttl, graph.trig (and graph.html) from its store."""
    out = Path(out)
    paths = [Path(f) for f in files]
    for p in paths:  # every file's name and type are checked before any work
        if not p.is_file():
            raise DataError("E404", f"no such file: {p}")
        file_format(p)
    check_output_dir(out)
    progress = progress or Progress()
    with staged(out, replace=replace) as stage:
        docs = _document_graphs(stage)
        quads = 0
        graphs: set[ox.NamedNode | ox.BlankNode] = set()
        with progress.step("loaded", total=len(paths), unit="files", counted="quads") as step:
            for p in paths:
                t = time.monotonic()
                n = _load_file(stage, p, docs=docs, graphs=graphs)
                log.info("loaded %s: %d quads in %.1f s", p, n, time.monotonic() - t)
                quads += n
                step.advance(1, triples=n)
        triples = stage.count_triples()
        total = len(stage.index)
        base = stage.index.meta("base")
        title = None
        if html:
            title = f"kg \u2014 {total} documents and loaded graphs" if total else f"kg \u2014 {_names(paths)}"
        stage.finish(base=base, html=title)
        written = stage.publish()
    return LoadResult(files=len(paths), quads=quads, graphs=len(graphs), triples=triples, written=tuple(written))


def _names(paths: Sequence[Path]) -> str:
    names = sorted({p.name for p in paths})
    return ", ".join(names) if len(names) <= 3 else f"{len(names)} files"


def _document_graphs(stage: Stage) -> set[ox.NamedNode]:
    """The named graphs of the folder's documents: a loaded file may not replace them."""
    from kg.ontology import DEFAULT_BASE
    from kg.rdf import IRIs

    iri = IRIs(stage.index.meta("base") or DEFAULT_BASE)
    return {ox.NamedNode(str(iri.doc(d))) for d in stage.index.ids()}


def _load_file(stage: Stage, path: Path, *, docs: set[ox.NamedNode],
               graphs: set[ox.NamedNode | ox.BlankNode]) -> int:
    """Stream one file into the stage's store, CHUNK quads at a time (pyoxigraph's bulk loader holds what
    one call gives it; it is no transaction, but the stage is published only whole). A graph the file names
    is replaced: dropped before the first chunk that holds it is written. Returns the number of quads read."""
    count = 0
    # a kg dataset file carries kg's ontology in its graph (store.dataset_quads): the folder keeps its own
    for chunk in chunks((q for q in _quads(path, graph_of(path)) if q.graph_name != ONTOLOGY_GRAPH), CHUNK):
        for g in sorted({cast(ox.NamedNode | ox.BlankNode, q.graph_name) for q in chunk} - graphs, key=str):
            if g in docs:
                raise DataError("E412", f"{path} holds the named graph {g}, a document's graph in {stage.out}: "
                                        "kg load cannot replace it")
            stage.drop_graph(g)
            graphs.add(g)
        stage.store.bulk_extend(chunk + [ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in chunk])
        count += len(chunk)
    return count


def _quads(path: Path, own: ox.NamedNode) -> Iterator[ox.Quad]:
    """The file's quads: default-graph triples moved into the file's graph, blank nodes renamed."""
    fmt = file_format(path)
    prefix = "f" + hashlib.sha256(own.value.encode("utf-8")).hexdigest()[:12] + "x"
    names: dict[str, ox.BlankNode] = {}

    def rename(b: ox.BlankNode) -> ox.BlankNode:
        new = names.get(b.value)
        if new is None:
            new = names[b.value] = ox.BlankNode(f"{prefix}{len(names)}")
        return new

    bnode = ox.BlankNode
    try:
        for q in ox.parse(path=str(path), format=fmt, base_iri=own.value):
            s, p, o = q.subject, q.predicate, q.object
            g = q.graph_name if isinstance(q, ox.Quad) else own
            if isinstance(s, bnode):
                s = rename(s)
            if isinstance(o, bnode):
                o = rename(o)
            if isinstance(g, ox.DefaultGraph):
                g = own
            elif isinstance(g, bnode):
                g = rename(g)
            yield ox.Quad(s, p, o, g)
    except (SyntaxError, ValueError, OSError) as e:
        msg = str(e).splitlines()[0] if str(e) else type(e).__name__
        raise DataError("E406", f"cannot parse {path}: {msg}") from e
