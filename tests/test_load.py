"""kg load: existing RDF files into a build folder's store (kg/load.py), staged and published like a build."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import RDFS, BNode, Dataset, Graph, URIRef
from rdflib.compare import isomorphic
from spacy.language import Language

from kg.errors import DataError
from kg.load import graph_of, load
from kg.query import run_query
from kg.store import current_state

EX = "http://example.org/"
TURTLE = f"""@prefix ex: <{EX}> .
ex:ann ex:knows ex:bo , [ ex:name "anon" ] .
_:x ex:name "x" .
"""
# the same graph in every format kg load reads
SOURCES = {
    "ttl": TURTLE,
    "nt": f'<{EX}ann> <{EX}knows> <{EX}bo> .\n<{EX}ann> <{EX}knows> _:a .\n_:a <{EX}name> "anon" .\n_:x <{EX}name> "x" .\n',
    "trig": TURTLE,  # the default graph of a TriG file
    "nq": f'<{EX}ann> <{EX}knows> <{EX}bo> .\n<{EX}ann> <{EX}knows> _:a .\n_:a <{EX}name> "anon" .\n_:x <{EX}name> "x" .\n',
    "jsonld": json.dumps({"@graph": [
        {"@id": f"{EX}ann", f"{EX}knows": [{"@id": f"{EX}bo"}, {"@id": "_:a"}]},
        {"@id": "_:a", f"{EX}name": "anon"}, {"@id": "_:x", f"{EX}name": "x"}]}),
    "rdf": f"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="{EX}">
  <rdf:Description rdf:about="{EX}ann"><ex:knows rdf:resource="{EX}bo"/>
    <ex:knows><rdf:Description><ex:name>anon</ex:name></rdf:Description></ex:knows></rdf:Description>
  <rdf:Description rdf:nodeID="x"><ex:name>x</ex:name></rdf:Description>
</rdf:RDF>
""",
}


def count(out: Path, where: str) -> int:
    return int(run_query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}", out).splitlines()[1])


def graph(out: Path, name: str) -> Graph:
    ds = Dataset().parse(out / "graph.trig", format="trig")
    g = Graph()
    for t in ds.graph(URIRef(name)):
        g.add(t)
    return g


@pytest.mark.parametrize("suffix", sorted(SOURCES))
def test_each_format_loads_into_the_files_graph_and_the_merge(tmp_path: Path, suffix: str) -> None:
    f = tmp_path / f"g.{suffix}"
    f.write_text(SOURCES[suffix], encoding="utf-8")
    res = load([f], out=tmp_path / "out", html=False)
    out = tmp_path / "out"
    assert (res.files, res.quads, res.graphs) == (1, 4, 1)
    assert count(out, f"GRAPH <{graph_of(f).value}> {{ ?s ?p ?o }}") == 4
    assert count(out, f"?s <{EX}name> ?n") == 2  # the merged graph
    expected = Graph().parse(data=TURTLE, format="turtle")
    assert isomorphic(graph(out, graph_of(f).value), expected)
    assert isomorphic(Graph().parse(out / "graph.ttl", format="turtle"), expected)


def test_named_graphs_of_a_dataset_stay_named(tmp_path: Path) -> None:
    f = tmp_path / "d.trig"
    f.write_text(f"@prefix ex: <{EX}> .\nex:g1 {{ ex:a ex:p ex:b . _:x ex:p ex:c . }}\nex:d ex:p ex:e .\n", encoding="utf-8")
    load([f], out=tmp_path / "out", html=False)
    out = tmp_path / "out"
    assert count(out, f"GRAPH <{EX}g1> {{ ?s ?p ?o }}") == 2
    assert count(out, f"GRAPH <{graph_of(f).value}> {{ ?s ?p ?o }}") == 1
    assert count(out, f"?s <{EX}p> ?o") == 3


def test_blank_nodes_of_two_files_are_kept_apart_and_named_the_same_at_each_load(tmp_path: Path) -> None:
    for name in ("a", "b"):
        (tmp_path / f"{name}.nt").write_text(f'_:x <{EX}name> "{name}" .\n', encoding="utf-8")
    out = tmp_path / "out"
    load([tmp_path / "a.nt", tmp_path / "b.nt"], out=out, html=False)
    assert count(out, f"?s <{EX}name> ?n") == 2  # two nodes, not one with two names
    first = (out / "graph.trig").read_bytes()
    load([tmp_path / "a.nt", tmp_path / "b.nt"], out=out, html=False)
    assert (out / "graph.trig").read_bytes() == first


def test_loading_a_file_again_replaces_its_graph(tmp_path: Path) -> None:
    f = tmp_path / "g.nt"
    f.write_text(f"<{EX}a> <{EX}p> <{EX}old> .\n", encoding="utf-8")
    out = tmp_path / "out"
    load([f], out=out, html=False)
    f.write_text(f"<{EX}a> <{EX}p> <{EX}new> .\n", encoding="utf-8")
    load([f], out=out, html=False)
    assert run_query(f"SELECT ?o WHERE {{ <{EX}a> <{EX}p> ?o }}", out).splitlines()[1:] == [f"{EX}new"]


@pytest.fixture
def build(nlp: Language, tmp_path: Path) -> Path:
    """A folder built by kg build (the real model): one document, in the build index."""
    from kg.pipeline import build as kg_build

    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps({"id": "a", "text": "Orbex chief Mara Quill met Tom Reed in Lakeville on Monday."}) + "\n",
                   encoding="utf-8")
    kg_build([src], out=tmp_path / "build", html=False, nlp=nlp)
    return tmp_path / "build"


MARA = "https://w3id.org/kg/resource/person/mara-quill"


@pytest.mark.model
def test_adding_to_a_build_then_building_and_removing(build: Path, nlp: Language, tmp_path: Path) -> None:
    from kg.pipeline import build as kg_build
    from kg.pipeline import remove

    f = tmp_path / "g.ttl"
    f.write_text(f"<{EX}a> <{EX}p> <{MARA}> .\n", encoding="utf-8")
    load([f], out=build)
    assert (build / "graph.html").is_file()
    assert run_query(f"ASK {{ <{MARA}> a kg:Person }}", build) == "true\n"
    assert count(build, f"?s <{EX}p> res:person\\/mara-quill") == 1
    # a later build adds documents and keeps the loaded graph
    src = tmp_path / "b.jsonl"
    src.write_text(json.dumps({"id": "b", "text": "Tom Reed leads the Kestrel Institute."}) + "\n", encoding="utf-8")
    kg_build([src], out=build, html=False, nlp=nlp)
    assert run_query("SELECT ?id WHERE { GRAPH ?g { ?g dcterms:identifier ?id } } ORDER BY ?id", build
                     ).splitlines()[1:] == ["a", "b"]
    assert count(build, f"GRAPH <{graph_of(f).value}> {{ <{EX}a> <{EX}p> ?o }}") == 1
    # kg remove --graph takes it out: the same bytes as a folder that never had it
    res = remove([], data=build, graphs=[graph_of(f).value])
    assert res.documents == 2
    fresh = tmp_path / "fresh"
    kg_build([tmp_path / "a.jsonl", src], out=fresh, html=False, nlp=nlp)
    assert [(build / n).read_bytes() for n in ("graph.ttl", "graph.trig")] == \
           [(fresh / n).read_bytes() for n in ("graph.ttl", "graph.trig")]
    with pytest.raises(DataError, match="E413"):
        remove([], data=build, graphs=["https://w3id.org/kg/resource/doc/a"])


@pytest.mark.model
def test_a_named_graph_of_a_document_is_refused(build: Path, tmp_path: Path) -> None:
    f = tmp_path / "g.nq"
    f.write_text(f"<{EX}a> <{EX}p> <{EX}b> <https://w3id.org/kg/resource/doc/a> .\n", encoding="utf-8")
    state = current_state(build)
    with pytest.raises(DataError, match="E412"):
        load([f], out=build)
    assert current_state(build) == state


@pytest.mark.model
def test_a_builds_dataset_file_carries_the_ontology_and_loads_elsewhere(build: Path, tmp_path: Path) -> None:
    """graph.trig holds kg's ontology in its graph (what its classes are, for a reader without kg.ttl); loading
    that file into another folder passes the ontology's graph over and keeps the documents' quads."""
    ds = Dataset().parse(build / "graph.trig", format="trig")
    onto = ds.graph(URIRef("https://w3id.org/kg/ontology"))
    kg = "https://w3id.org/kg/ontology#"
    assert (URIRef(kg + "StationModule"), RDFS.subClassOf, URIRef(kg + "Spacecraft")) in onto
    assert not any(isinstance(t, BNode) for q in onto for t in q)  # no blank node: the same bytes at each build
    other = tmp_path / "other"
    load([build / "graph.trig"], out=other, html=False)
    back = Dataset().parse(other / "graph.trig", format="trig")
    docs = {(s, p, o) for s, p, o, g in ds.quads((None, None, None, None)) if str(g) != str(onto.identifier)}
    assert docs <= {(s, p, o) for s, p, o, _ in back.quads((None, None, None, None))}


@pytest.mark.model
@pytest.mark.parametrize("content", [f"<{EX}a> <{EX}p> <{EX}b> .\n" * 3 + "<oops\n", "not rdf at all"])
def test_a_bad_file_is_one_line_and_nothing_is_published(build: Path, tmp_path: Path, content: str) -> None:
    good = tmp_path / "good.nt"
    good.write_text(f"<{EX}a> <{EX}p> <{EX}c> .\n", encoding="utf-8")
    bad = tmp_path / "bad.nt"
    bad.write_text(content, encoding="utf-8")
    state, trig = current_state(build), (build / "graph.trig").read_bytes()
    p = subprocess.run([sys.executable, "-m", "kg", "load", str(good), str(bad), "--out", str(build)],
                       capture_output=True, text=True, timeout=60)
    assert p.returncode == 1
    assert p.stderr.count("\n") == 1 and "E406 cannot parse" in p.stderr and "Traceback" not in p.stderr
    assert current_state(build) == state and (build / "graph.trig").read_bytes() == trig
    assert sorted(d.name for d in (build / ".kg").iterdir() if d.name.startswith("v-")) == [state.name]


def test_missing_or_unknown_files_are_refused_before_any_work(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="E404"):
        load([tmp_path / "none.ttl"], out=tmp_path / "out")
    (tmp_path / "g.csv").write_text("a,b\n", encoding="utf-8")
    with pytest.raises(DataError, match="E405"):
        load([tmp_path / "g.csv"], out=tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_cli_load_and_remove_graph(tmp_path: Path) -> None:
    f = tmp_path / "g.nt"
    f.write_text(f"<{EX}a> <{EX}p> <{EX}b> .\n", encoding="utf-8")
    out = tmp_path / "out"

    def kg(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, timeout=60)

    p = kg("load", str(f), "--out", str(out), "--no-html")
    assert p.returncode == 0 and "1 files, 1 quads in 1 graphs" in p.stdout, p.stderr
    assert not (out / "graph.html").exists()
    p = kg("remove", "--data", str(out))
    assert p.returncode == 2 and "give at least one --id or --graph" in p.stderr
    p = kg("remove", "--graph", graph_of(f).value, "--data", str(out))
    assert p.returncode == 0, p.stderr
    assert run_query(f"ASK {{ <{EX}a> ?p ?o }}", out) == "false\n"
