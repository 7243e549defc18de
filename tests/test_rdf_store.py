from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import RDF, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, PROV

from kg.errors import DataError, OutputError
from kg.model import Document, Entity, Evidence, Extraction, Relation, Role
from kg.ontology import KG
from kg.rdf import to_dataset
from kg.store import ONTOLOGY_GRAPH, open_data, quads_of, serialize, staged, write_outputs

EV = Evidence(doc_id="d1", sentence="Mara Quill, head of Orbex, met Tom Reed.", start=0, end=41, rule="r", confidence=0.9)


def extraction() -> Extraction:
    ents = (Entity("person/mara-quill", "Mara Quill", "Person", ("Quill",)),
            Entity("organization/orbex", "Orbex", "SpaceAgency"),
            Entity("person/tom-reed", "Tom Reed", "Person"))
    rels = (Relation("person/mara-quill", "heads", "organization/orbex", EV),
            Relation("person/mara-quill", "met", "person/tom-reed", EV, asserted=False, modality="negated"))
    return Extraction(Document(id="d1", text="", date="2030-01-02"), ents, rels,
                      roles=(Role("person/mara-quill", "organization/orbex", "head", EV),))


def test_entities_facts_and_evidence_in_the_document_graph() -> None:
    ds = to_dataset([extraction()], base="http://ex.org/")
    (g,) = [c for c in ds.graphs() if (None, DCTERMS.identifier, Literal("d1")) in c]
    mara, orbex, reed = (URIRef(f"http://ex.org/{k}") for k in ("person/mara-quill", "organization/orbex",
                                                                  "person/tom-reed"))
    assert (mara, RDF.type, KG.Person) in g
    assert (mara, KG.heads, orbex) in g
    assert (mara, KG.met, reed) not in g  # negated: only a statement, never a plain triple
    st = [s for s in g.subjects(RDF.type, RDF.Statement) if (s, RDF.predicate, KG.met) in g]
    assert len(st) == 1 and (st[0], KG.asserted, Literal(False)) in g
    ev = next(s for s in g.subjects(RDF.predicate, KG.heads))
    assert (ev, PROV.value, Literal(EV.sentence)) in g
    assert (ev, PROV.wasDerivedFrom, g.identifier) in g


def test_turtle_is_deterministic_and_reparses_isomorphic(tmp_path: Path) -> None:
    a = serialize(quads_of(to_dataset([extraction()])), "turtle")
    b = serialize(quads_of(to_dataset([extraction()])), "turtle")
    assert a == b
    g1 = Graph().parse(data=a, format="turtle")
    ds = to_dataset([extraction()])
    g2 = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g2.add((s, p, o))
    assert isomorphic(g1, g2)


def test_trig_keeps_one_named_graph_per_document() -> None:
    x2 = Extraction(Document(id="d2", text=""), (Entity("organization/orbex", "Orbex", "SpaceAgency"),))
    data = serialize(quads_of(to_dataset([extraction(), x2])), "trig")
    ds = Dataset()
    ds.parse(data=data, format="trig")
    ids = {str(o) for _, _, o, _ in ds.quads((None, DCTERMS.identifier, None, None))}
    assert ids == {"d1", "d2"}


def test_failed_build_keeps_previous_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_outputs(to_dataset([extraction()]), tmp_path, html=False)
    before = (tmp_path / "graph.ttl").read_bytes()

    def boom(*a: object, **k: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("kg.store.Stage.finish", boom)
    x2 = Extraction(Document(id="d2", text=""), (Entity("organization/orbex", "Orbex", "SpaceAgency"),))
    with pytest.raises(Exception, match="E602"):
        write_outputs(to_dataset([x2]), tmp_path, html=False)
    assert (tmp_path / "graph.ttl").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".kg", ".kg-output", "graph.trig", "graph.ttl", "store"]
    assert [p.name for p in (tmp_path / ".kg").iterdir() if p.name.startswith("v-")] == [
        (tmp_path / ".kg" / "current").readlink().name]  # the failed build's state is gone


@pytest.mark.parametrize("foreign", ["store/CURRENT", "graph.ttl", "graph.html"])
def test_write_outputs_refuses_outputs_kg_did_not_make(tmp_path: Path, foreign: str) -> None:
    (tmp_path / foreign).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / foreign).write_text("not kg's", encoding="utf-8")
    with pytest.raises(OutputError, match="E603"):
        write_outputs(to_dataset([extraction()]), tmp_path, html=False)
    assert (tmp_path / foreign).read_text(encoding="utf-8") == "not kg's"
    assert sorted(p.name for p in tmp_path.iterdir()) == [foreign.split("/")[0]]


def test_write_outputs_builds_again_into_its_own_folder_and_leaves_other_files(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    write_outputs(to_dataset([extraction()]), tmp_path, html=False)
    write_outputs(to_dataset([extraction()]), tmp_path, html=False)
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert (tmp_path / "store").is_dir() and (tmp_path / ".kg-output").is_file()


def test_write_outputs_takes_over_a_build_from_before_the_marker(tmp_path: Path) -> None:
    write_outputs(to_dataset([extraction()]), tmp_path, html=False)
    (tmp_path / ".kg-output").unlink()  # as an older kg left it: its graph files use kg's ontology
    write_outputs(to_dataset([extraction()]), tmp_path, html=False)
    assert (tmp_path / ".kg-output").is_file()


def test_write_outputs_refuses_a_file_as_the_folder(tmp_path: Path) -> None:
    (tmp_path / "out").write_text("a file", encoding="utf-8")
    with pytest.raises(OutputError, match="E604"):
        write_outputs(to_dataset([extraction()]), tmp_path / "out", html=False)


def test_open_data_errors(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="E404"):
        open_data(tmp_path / "none.ttl")
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .", encoding="utf-8")
    with pytest.raises(DataError, match="E406"):
        open_data(bad)
    with pytest.raises(DataError, match="E403"):
        open_data(tmp_path)


def test_export_keeps_default_graph_triples_of_a_dataset_file(tmp_path: Path) -> None:
    from kg.store import data_quads

    f = tmp_path / "mix.trig"
    f.write_text("<urn:a> <urn:p> <urn:b> .\n<urn:g> { <urn:c> <urn:p> <urn:d> . }\n", encoding="utf-8")
    got = {(q.subject.value, str(q.graph_name)) for q in data_quads(open_data(f))}
    assert got == {("urn:a", "DEFAULT"), ("urn:c", "<urn:g>")}


def test_res_prefix_is_the_base_even_when_it_holds_doc() -> None:
    ttl = serialize(quads_of(to_dataset([extraction()], base="https://ex.org/doc/")), "turtle").decode()
    assert "@prefix res: <https://ex.org/doc/> ." in ttl


def test_a_folder_of_an_older_kg_becomes_links_to_a_published_state(tmp_path: Path) -> None:
    import pyoxigraph as ox

    (tmp_path / ".kg-output").write_text("kg\n", encoding="utf-8")
    (tmp_path / "graph.ttl").write_text("<urn:old> <urn:p> <urn:o> .\n", encoding="utf-8")
    (tmp_path / "graph.trig").write_text("<urn:g> { <urn:old> <urn:p> <urn:o> . }\n", encoding="utf-8")
    old = ox.Store(str(tmp_path / "store"))
    old.add(ox.Quad(ox.NamedNode("urn:old"), ox.NamedNode("urn:p"), ox.NamedNode("urn:o")))
    del old
    write_outputs(to_dataset([extraction()]), tmp_path, html=False)
    assert all((tmp_path / n).is_symlink() for n in ("store", "graph.ttl", "graph.trig"))
    assert b"urn:old" not in (tmp_path / "graph.ttl").read_bytes()
    assert sorted(p.name for p in (tmp_path / ".kg").iterdir() if not p.name.startswith("v-")) == ["current", "lock"]
    store = open_data(tmp_path)
    assert not list(store.quads_for_pattern(ox.NamedNode("urn:old"), None, None))
    ids = {q.object.value for q in store.quads_for_pattern(None, ox.NamedNode(str(DCTERMS.identifier)), None)}
    assert ids == {"d1"}


def _doc_graph(n: int, shared: bool = False) -> tuple[ox.NamedNode, list[ox.Quad]]:
    g = ox.NamedNode(f"http://example.org/doc/{n}")
    p = ox.NamedNode("http://example.org/p")
    quads = [ox.Quad(ox.NamedNode(f"http://example.org/s{n}"), p, ox.Literal(str(i)), g) for i in range(3)]
    if shared:
        quads.append(ox.Quad(ox.NamedNode("http://example.org/shared"), p, ox.Literal("x"), g))
    return g, quads


def test_stage_writes_documents_graphs_by_the_bulk_loader_a_chunk_at_a_time(tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """put_graph holds the quads until PUT_CHUNK are held (bulk loading, not a memtable per document:
    the memory of fact-dense builds); reading the store writes what is held; the content is what one
    transaction a document gives, with graphs dropped while others are held."""
    monkeypatch.setattr("kg.store.PUT_CHUNK", 12)
    with staged(tmp_path / "out", replace=True) as stage:
        raw = stage._store
        ontology = len(raw)
        stage.put_graph(*_doc_graph(0, shared=True))  # 8 quads with the default graph's copies: held
        assert len(raw) == ontology and not raw.contains_named_graph(_doc_graph(0)[0])
        stage.put_graph(*_doc_graph(1, shared=True))  # 16: written
        assert raw.contains_named_graph(_doc_graph(1)[0]) and len(raw) == ontology + 15
        stage.put_graph(*_doc_graph(2, shared=True))  # held
        stage.drop_graph(_doc_graph(0)[0])  # the shared triple stays: documents 1 and 2 say it
        stage.put_graph(*_doc_graph(3))
        stage.drop_graph(_doc_graph(3)[0])  # held: written first, then dropped
        stage.put_graph(*_doc_graph(4))  # held until the store is read
        assert not raw.contains_named_graph(_doc_graph(4)[0])
        got = {q for q in stage.store if q.graph_name != ONTOLOGY_GRAPH}
        stage.abort()
    expected = ox.Store()
    for n in (1, 2, 4):
        quads = _doc_graph(n, shared=n < 3)[1]
        expected.extend(quads)
        expected.extend(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in quads)
    assert got == set(expected)


def test_a_stage_dropped_with_graphs_held_writes_nothing(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError), staged(tmp_path / "out", replace=True) as stage:
        stage.put_graph(*_doc_graph(0))
        raise RuntimeError("boom")
    assert not stage._pending and not hasattr(stage, "_store")
    assert [p.name for p in (tmp_path / "out" / ".kg").iterdir() if p.name.startswith("v-")] == []


def test_a_date_to_the_year_or_month_has_its_own_datatype() -> None:
    """kg/extract/years.py writes "1932" and "2007-03": xsd:gYear and xsd:gYearMonth, a full date xsd:date."""
    from rdflib.namespace import XSD

    ents = (Entity("person/mara-quill", "Mara Quill", "Person"),)
    rels = tuple(Relation("person/mara-quill", p, v, EV, literal="date")
                 for p, v in (("birthDate", "1932"), ("deathDate", "2007-03"), ("launchDate", "2030-01-02")))
    ds = to_dataset([Extraction(Document(id="d1", text=""), ents, rels)], base="http://ex.org/")
    mara = URIRef("http://ex.org/person/mara-quill")
    objects = {o for g in ds.graphs() for o in g.objects(mara, None) if isinstance(o, Literal)}
    assert Literal("1932", datatype=XSD.gYear) in objects
    assert Literal("2007-03", datatype=XSD.gYearMonth) in objects
    assert Literal("2030-01-02", datatype=XSD.date) in objects
