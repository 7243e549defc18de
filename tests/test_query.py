import json
from pathlib import Path

import pytest

from kg.errors import QueryError
from kg.model import Document, Entity, Evidence, Extraction, Relation
from kg.query import query_table, run_query
from kg.rdf import to_dataset
from kg.store import write_outputs

EV = Evidence(doc_id="a", sentence="s", start=0, end=1, rule="r", confidence=0.5)


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("build")
    xs = [Extraction(Document(id=d, text=""), (Entity("person/p", "P", "Person"), Entity("organization/o", "O", "SpaceAgency")),
                     (Relation("person/p", "heads", "organization/o", EV),)) for d in ("a", "b")]
    write_outputs(to_dataset(xs), out, html=False)
    return out


def test_union_default_graph_and_named_graphs(build: Path) -> None:
    t = query_table("SELECT DISTINCT ?s WHERE { ?s kg:heads ?o }", build)
    assert t.rows == [["res:person/p"]] or t.rows[0][0].endswith("person/p")
    t = query_table("SELECT ?id WHERE { GRAPH ?g { ?g dcterms:identifier ?id . ?s kg:heads ?o } } ORDER BY ?id", build)
    assert [r[0] for r in t.rows] == ["a", "b"]


def test_w3c_result_formats(build: Path) -> None:
    q = "SELECT ?l WHERE { ?s a kg:Person ; rdfs:label ?l }"
    assert run_query(q, build, fmt="csv").splitlines() == ["l", "P"]
    assert run_query(q, build, fmt="tsv").splitlines() == ["?l", '"P"']
    assert json.loads(run_query(q, build, fmt="json"))["results"]["bindings"][0]["l"]["value"] == "P"


def test_ontology_is_queryable(build: Path) -> None:
    t = query_table("SELECT ?l WHERE { kg:heads rdfs:label ?l }", build)
    assert t.rows == [["heads"]]


def test_updates_are_refused(build: Path) -> None:
    with pytest.raises(QueryError, match="E505"):
        run_query("PREFIX ex: <http://ex/>\nINSERT DATA { ex:a ex:b ex:c }", build)
    with pytest.raises(QueryError, match="E501"):
        run_query("SELECT ?x WHERE { ?x ", build)


def test_query_file(build: Path, tmp_path: Path) -> None:
    q = tmp_path / "q.rq"
    q.write_text("ASK { ?s kg:heads ?o }", encoding="utf-8")
    assert run_query(str(q), build) == "true\n"
