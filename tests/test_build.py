"""Builds that add to a folder: documents streamed into the store, replaced by id, removed, entities
linked across builds; outputs derived from the store (the real model, in process)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDFS, SKOS
from spacy.language import Language

from kg.errors import InputError, OutputError
from kg.pipeline import build, remove
from kg.query import run_query
from kg.store import build_lock

pytestmark = pytest.mark.model

TEXTS = {
    "a": "Orbex chief Mara Quill met Tom Reed in Lakeville on Monday.",
    "b": "Mara Quill, the head of Orbex, visited Harbin. Quill said the Vela probe was ready.",
    "c": "Tom Reed leads the Kestrel Institute. Reed flew to Harbin with Ann Moro.",
}
MARA = URIRef("https://w3id.org/kg/resource/person/mara-quill")


def jsonl(tmp: Path, name: str, ids: list[str], texts: dict[str, str] = TEXTS) -> Path:
    p = tmp / f"{name}.jsonl"
    p.write_text("".join(json.dumps({"id": i, "text": texts[i]}) + "\n" for i in ids), encoding="utf-8")
    return p


def files(out: Path) -> tuple[bytes, bytes]:
    return (out / "graph.ttl").read_bytes(), (out / "graph.trig").read_bytes()


def doc_ids(out: Path) -> set[str]:
    ds = Dataset().parse(out / "graph.trig", format="trig")
    return {str(o) for _, _, o, _ in ds.quads((None, DCTERMS.identifier, None, None))}


def test_adding_in_two_builds_equals_one_build_in_any_order(nlp: Language, tmp_path: Path) -> None:
    once = tmp_path / "once"
    build([jsonl(tmp_path, "abc", ["a", "b", "c"])], out=once, html=False, nlp=nlp)
    twice = tmp_path / "twice"
    build([jsonl(tmp_path, "cb", ["c", "b"])], out=twice, html=False, nlp=nlp)
    res = build([jsonl(tmp_path, "a", ["a"])], out=twice, html=False, nlp=nlp)
    assert (res.documents, res.total) == (1, 3)
    assert files(twice) == files(once)
    assert doc_ids(twice) == {"a", "b", "c"}


def test_one_person_in_two_builds_is_one_iri_with_every_name(nlp: Language, tmp_path: Path) -> None:
    out = tmp_path / "o"
    build([jsonl(tmp_path, "a", ["a"])], out=out, html=False, nlp=nlp)
    build([jsonl(tmp_path, "b", ["b"])], out=out, html=False, nlp=nlp)
    g = Graph().parse(out / "graph.ttl", format="turtle")
    assert set(g.objects(MARA, RDFS.label)) == {Literal("Mara Quill")}
    assert Literal("Quill") in set(g.objects(MARA, SKOS.altLabel))
    docs = {str(d).rsplit("/", 1)[1] for d in g.objects(MARA, URIRef("https://w3id.org/kg/ontology#mentionedIn"))}
    assert docs == {"a", "b"}
    people = {str(s) for s in g.subjects(RDFS.label, Literal("Mara Quill"))}
    assert people == {str(MARA)}


def test_rebuilding_a_document_replaces_its_graph(nlp: Language, tmp_path: Path) -> None:
    out = tmp_path / "o"
    build([jsonl(tmp_path, "ab", ["a", "b"])], out=out, html=False, nlp=nlp)
    changed = {**TEXTS, "a": "Orbex chief Mara Quill met Ann Moro in Lakeville."}
    build([jsonl(tmp_path, "a2", ["a"], changed)], out=out, html=False, nlp=nlp)
    fresh = tmp_path / "fresh"
    build([jsonl(tmp_path, "ab2", ["a", "b"], changed)], out=fresh, html=False, nlp=nlp)
    assert files(out) == files(fresh)
    assert b"tom-reed" not in (out / "graph.ttl").read_bytes()  # no stale triple of the old text


def test_the_same_build_twice_changes_nothing(nlp: Language, tmp_path: Path) -> None:
    out = tmp_path / "o"
    src = jsonl(tmp_path, "ab", ["a", "b"])
    build([src], out=out, html=False, nlp=nlp)
    before = files(out)
    build([src], out=out, html=False, nlp=nlp)
    assert files(out) == before
    count = run_query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                      "FILTER(?g != <https://w3id.org/kg/ontology>) }", out)
    quads = [q for q in Dataset().parse(out / "graph.trig", format="trig").quads((None, None, None, None))
             if str(q[3]) != "https://w3id.org/kg/ontology"]  # the ontology's graph: kg.ttl's, not the store's
    assert count.splitlines()[1] == str(len(quads))


def test_remove_deletes_a_document_and_only_what_it_said(nlp: Language, tmp_path: Path) -> None:
    out = tmp_path / "o"
    build([jsonl(tmp_path, "abc", ["a", "b", "c"])], out=out, html=False, nlp=nlp)
    res = remove(["c"], data=out)
    assert (res.removed, res.documents) == (1, 2)
    fresh = tmp_path / "fresh"
    build([jsonl(tmp_path, "ab", ["a", "b"])], out=fresh, html=False, nlp=nlp)
    assert files(out) == files(fresh)
    assert b"Kestrel" not in (out / "graph.ttl").read_bytes() and b"tom-reed" in (out / "graph.ttl").read_bytes()
    with pytest.raises(InputError, match="E114"):
        remove(["c"], data=out)


def test_replace_starts_afresh(nlp: Language, tmp_path: Path) -> None:
    out = tmp_path / "o"
    build([jsonl(tmp_path, "a", ["a"])], out=out, html=False, nlp=nlp)
    res = build([jsonl(tmp_path, "c", ["c"])], out=out, html=False, nlp=nlp, replace=True)
    assert (res.documents, res.total) == (1, 1)
    assert doc_ids(out) == {"c"}


def test_adding_with_another_base_iri_is_refused(nlp: Language, tmp_path: Path) -> None:
    out = tmp_path / "o"
    build([jsonl(tmp_path, "a", ["a"])], out=out, html=False, nlp=nlp)
    before = files(out)
    with pytest.raises(InputError, match="E115"):
        build([jsonl(tmp_path, "b", ["b"])], out=out, html=False, nlp=nlp, base="https://ex.org/kg/")
    assert files(out) == before


def test_a_second_build_into_a_locked_folder_is_refused(nlp: Language, tmp_path: Path) -> None:
    out = tmp_path / "o"
    build([jsonl(tmp_path, "a", ["a"])], out=out, html=False, nlp=nlp)
    with build_lock(out), pytest.raises(OutputError, match="E605"):
        build([jsonl(tmp_path, "b", ["b"])], out=out, html=False, nlp=nlp)
    assert doc_ids(out) == {"a"}


def test_outputs_are_derived_from_the_store(nlp: Language, tmp_path: Path) -> None:
    out = tmp_path / "o"
    build([jsonl(tmp_path, "abc", ["a", "b", "c"])], out=out, html=True, nlp=nlp)
    ttl = Graph().parse(out / "graph.ttl", format="turtle")
    construct = Graph().parse(data=run_query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } "
                                             "FILTER(?g != <https://w3id.org/kg/ontology>) }", out), format="turtle")
    assert len(ttl) > 50 and set(ttl) == set(construct)
    assert "Mara Quill" in (out / "graph.html").read_text(encoding="utf-8")


def test_two_workers_write_the_same_bytes_as_one(nlp: Language, tmp_path: Path) -> None:
    src = jsonl(tmp_path, "abc", ["a", "b", "c"])
    build([src], out=tmp_path / "one", html=False, nlp=nlp)
    res = build([src], out=tmp_path / "two", html=False, nlp=nlp, workers=2)
    assert res.documents == 3
    assert files(tmp_path / "two") == files(tmp_path / "one")


def test_a_published_store_keeps_no_write_ahead_log(nlp: Language, tmp_path: Path) -> None:
    """The store is published as a checkpoint of itself: RocksDB's log of the build's writes (about 2/3
    of a fresh build's store) stays behind."""
    out = tmp_path / "out"
    build([jsonl(tmp_path, "in", ["a", "b", "c"])], out=out, nlp=nlp, html=False)
    logs = list((out / "store").resolve().glob("*.log"))
    assert logs and all(f.stat().st_size < 1024 for f in logs), [(f.name, f.stat().st_size) for f in logs]
    assert "Mara Quill" in run_query("SELECT ?n WHERE { ?p rdfs:label ?n }", out, fmt="csv")
