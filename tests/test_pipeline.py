"""The orchestrator on texts in other scripts and with invisible characters (the real model)."""

from __future__ import annotations

import pytest
from rdflib import RDF, RDFS, Literal, URIRef
from spacy.language import Language

from kg.errors import InputError
from kg.model import Document
from kg.ontology import KG
from kg.pipeline import extract
from kg.rdf import to_dataset

pytestmark = pytest.mark.model


def _labels(docs: dict[str, str], nlp: Language) -> dict[URIRef, set[str]]:
    ds = to_dataset(extract([Document(id=k, text=v) for k, v in docs.items()], nlp=nlp))
    people = {s for s, _, _, _ in ds.quads((None, RDF.type, KG.Person, None))}
    out: dict[URIRef, set[str]] = {}
    for s, _, o, _ in ds.quads((None, RDFS.label, None, None)):
        if s in people:
            out.setdefault(s, set()).add(str(o))  # type: ignore[arg-type]
    return out


def test_names_in_cyrillic_are_two_people(nlp: Language) -> None:
    got = _labels({"ru": "NASA Administrator Юрий Гагарин met Roscosmos chief Сергей Королёв in Houston."}, nlp)
    assert sorted(min(v) for v in got.values()) == ["Сергей Королёв", "Юрий Гагарин"]
    assert all(len(v) == 1 for v in got.values())


def test_zero_width_characters_in_a_name_give_one_label(nlp: Language) -> None:
    got = _labels({"a": "Orbex chief Mara Quill met Tom Reed in Lakeville.",
                   "b": "Orbex chief Mara Qu\u200bill met Tom Re\u2060ed in Lake\ufeffville."}, nlp)
    assert sorted(got.values(), key=sorted) == [{"Mara Quill"}, {"Tom Reed"}]


def test_a_byte_order_mark_does_not_hide_the_dateline(nlp: Language) -> None:
    text = "HOUSTON, March 3, 2031 (Reuters) - Orbex chief Mara Quill met Tom Reed."
    for doc in extract([Document(id="plain", text=text), Document(id="bom", text="\ufeff" + text)], nlp=nlp):
        assert doc.document.date == "2031-03-03", doc.document.id
    ds = to_dataset(extract([Document(id="bom", text="\ufeff" + text)], nlp=nlp))
    assert Literal("Mara Quill") in set(ds.objects(None, RDFS.label))


def test_a_document_over_the_model_limit_is_named(nlp: Language) -> None:
    text = "Orbex chief Mara Quill met Tom Reed. " * (nlp.max_length // 37 + 1)
    with pytest.raises(InputError) as e:
        extract([Document(id="small", text="Tom Reed flew."), Document(id="huge", text=text)], nlp=nlp)
    assert e.value.code == "E113" and "'huge'" in str(e.value) and "split" in str(e.value)


def test_a_blank_line_ends_a_sentence_so_no_fact_joins_two_lines(nlp: Language) -> None:
    text = ("The prize went to:\n\nAda Obi, the former chairman of the Kelm Rail Board\n\n"
            "Tom Reed, author of the novel Blue Rivers")
    doc = nlp(text)
    assert [s.text.strip() for s in doc.sents] == ["The prize went to:", "Ada Obi, the former chairman of the Kelm "
                                                   "Rail Board", "Tom Reed, author of the novel Blue Rivers"]
    (x,) = extract([Document(id="d", text=text)], nlp=nlp)
    names = {e.key: e.label for e in x.entities}
    assert not [r for r in x.relations if names.get(r.subj) == "Tom Reed" and names.get(r.obj) == "Kelm Rail Board"]
