"""Writing and reading RDF: deterministic files, the embedded Oxigraph store, loading data.

Files are serialised by pyoxigraph from quads sorted in N-Quads order, so the same graph
always gives the same bytes. Every output is first written into a staging folder and then
renamed into place: a failed build leaves the previous output as it was.

Never imports spaCy.
"""

from __future__ import annotations

import gc
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kg.errors import DataError, OutputError
from kg.rdf import PREFIXES

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


def _to_ox(term: object) -> ox.NamedNode | ox.BlankNode | ox.Literal:
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


def quads_of(ds: Dataset) -> list[ox.Quad]:
    """The dataset's quads as pyoxigraph quads, sorted (N-Quads order): the basis of determinism."""
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


@contextmanager
def _staging(out: Path) -> Iterator[Path]:
    out.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=".kg-build-", dir=out))
    try:
        yield stage
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def write_outputs(ds: Dataset, out: Path, *, html: bool = True, title: str = "kg") -> list[Path]:
    """graph.ttl, graph.trig, store/ and (unless html=False) graph.html, in a folder marked as kg's
    by a `.kg-output` file (see check_output_dir). All are made in a staging folder first, so a
    failure while making them leaves the previous build as it was; they are then renamed into
    place one after the other."""
    check_output_dir(out)
    quads = quads_of(ds)
    try:
        out.mkdir(parents=True, exist_ok=True)
        (out / MARKER).write_text("This folder is written by kg build: its outputs are replaced by the next build.\n",
                                  encoding="utf-8")
        with _staging(out) as stage:
            (stage / "graph.ttl").write_bytes(serialize(quads, "turtle"))
            (stage / "graph.trig").write_bytes(serialize(quads, "trig"))
            _write_store(stage / "store", quads)
            names = ["graph.ttl", "graph.trig", "store"]
            if html:
                from kg.viz import render_html

                union = Graph()
                for s, p, o, _ in ds.quads((None, None, None, None)):
                    union.add((s, p, o))
                (stage / "graph.html").write_text(render_html(union, title=title), encoding="utf-8")
                names.append("graph.html")
            for name in names:
                _replace(stage / name, out / name)
            if not html:  # a page of an earlier build would no longer match the graph
                (out / "graph.html").unlink(missing_ok=True)
    except OSError as e:
        raise OutputError("E602", f"cannot write the build into {out}: {e.strerror or e}") from e
    return [out / n for n in names]


def _replace(src: Path, dst: Path) -> None:
    """Move src over dst; a directory is swapped through a backup name."""
    if src.is_dir():
        backup = dst.with_name(f".{dst.name}.old")
        shutil.rmtree(backup, ignore_errors=True)
        if dst.exists():
            dst.rename(backup)
        src.rename(dst)
        shutil.rmtree(backup, ignore_errors=True)
    else:
        src.replace(dst)


ONTOLOGY_GRAPH = ox.NamedNode("https://w3id.org/kg/ontology")


def ontology_quads() -> list[ox.Quad]:
    """The ontology, in its own named graph: queries can read class and property labels."""
    from kg.ontology import ontology_dir

    path = ontology_dir() / "kg.ttl"
    return [ox.Quad(t.subject, t.predicate, t.object, ONTOLOGY_GRAPH)
            for t in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)]


def _write_store(path: Path, quads: list[ox.Quad]) -> None:
    """Named graphs for documents and the ontology; their merge (a set) as the default graph."""
    store = ox.Store(str(path))
    onto = ontology_quads()
    store.bulk_extend(quads)
    store.bulk_extend(onto)
    store.bulk_extend(_union(quads + onto))
    store.flush()
    del store
    gc.collect()


# ---------------------------------------------------------------------------
# Reading data: a build folder (its store) or an RDF file


def open_data(data: str | Path) -> ox.Store:
    """A read-only store for a build folder, or an in-memory store loaded from an RDF file."""
    path = Path(data)
    if path.is_dir():
        if (path / "store").is_dir():
            try:
                return ox.Store.read_only(str(path / "store"))
            except (OSError, RuntimeError) as e:  # RocksDB reports a damaged store as RuntimeError
                raise DataError("E402", f"cannot open the store in {path}: {e}") from e
        for name in ("graph.trig", "graph.ttl"):
            if (path / name).is_file():
                return open_data(path / name)
        raise DataError("E403", f"{path} holds no kg build (no store/, graph.trig or graph.ttl)")
    if not path.is_file():
        raise DataError("E404", f"no such file or directory: {path}")
    store = ox.Store()
    store.extend(parse_file(path))
    onto = ontology_quads()
    store.extend(onto)
    store.extend(_union([*store.quads_for_pattern(None, None, None, None), *onto]))
    return store


def parse_file(path: Path) -> list[ox.Quad]:
    """The quads of an RDF file (triples of a triple format are in the default graph)."""
    fmt = SUFFIX_FORMAT.get(path.suffix.lower())
    if fmt is None:
        raise DataError("E405", f"unknown RDF file type {path.suffix!r}: {path}")
    try:
        return [q if isinstance(q, ox.Quad) else ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())
                for q in ox.parse(path=str(path), format=fmt)]
    except (SyntaxError, ValueError, OSError) as e:
        msg = str(e).splitlines()[0] if str(e) else type(e).__name__
        raise DataError("E406", f"cannot parse {path}: {msg}") from e


def _union(quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    """The RDF merge of all graphs, as quads of the default graph."""
    return [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in {q.triple for q in quads}]


def data_quads(store: ox.Store) -> list[ox.Quad]:
    """The documents' quads: the named graphs other than the ontology's, and the default graph's
    triples that are in none of them (the default graph also holds their merge, for queries)."""
    named = [q for q in store.quads_for_pattern(None, None, None, None)
             if not isinstance(q.graph_name, ox.DefaultGraph) and q.graph_name != ONTOLOGY_GRAPH]
    seen = {q.triple for q in named} | {q.triple for q in store.quads_for_pattern(None, None, None, ONTOLOGY_GRAPH)}
    own = [q for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph()) if q.triple not in seen]
    return sort_quads(named + own)


def _from_ox(term: object) -> URIRef | BNode | Literal:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise DataError("E401", f"unsupported RDF term {term!r}")


def load_graph(data: str | Path) -> Graph:
    """The documents' triples of a build folder or an RDF file, merged into one rdflib Graph.

    A file is parsed directly (no store is needed to read it); a build is read from its store.
    Inserting into rdflib is the slow part (about 25 µs a triple)."""
    path = Path(data)
    quads = parse_file(path) if path.is_file() else data_quads(open_data(path))
    return to_graph({q.triple for q in quads})


def to_graph(triples: Iterable[ox.Triple]) -> Graph:
    """pyoxigraph triples as an rdflib Graph, with kg's prefixes bound (sorted: a stable order)."""
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    for t in sorted(triples, key=str):
        g.add((_from_ox(t.subject), _from_ox(t.predicate), _from_ox(t.object)))  # type: ignore[arg-type]
    return g


def to_rdflib(store: ox.Store) -> Dataset:
    """An rdflib Dataset backed by the Oxigraph store (oxrdflib): rdflib's API, Oxigraph's speed."""
    from oxrdflib import OxigraphStore

    ds = Dataset(store=OxigraphStore(store=store), default_union=True)
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns)
    return ds
