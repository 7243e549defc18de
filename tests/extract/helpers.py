"""What the extractor reads in a hand-built Doc, as (subject label, predicate, object, asserted)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from kg.model import Document
from kg.pipeline import extract, extract_doc


def read_facts(doc: Doc, *, year: int = 2030) -> set[tuple[str, str, str, bool]]:
    """Every fact the pipeline's per-document stages find; dates without a year get `year`."""
    x = extract_doc(doc, Document(id="t", text=doc.text, date=f"{year}-01-01"))
    label = {e.key: e.label for e in x.entities}
    return {(label[r.subj], r.predicate, label.get(r.obj, r.obj), r.asserted) for r in x.relations}


def marked(make_doc, text: str) -> Doc:
    """A hand-built Doc from a sentence whose entities are marked: '[Ada Obi|PERSON] joined [Orbis|ORG]'."""
    words: list[str] = []
    ents: list[tuple[int, int, str]] = []
    for part in text.replace("[", "\0[").replace("]", "]\0").split("\0"):
        if part.startswith("["):
            name, label = part[1:-1].rsplit("|", 1)
            ents.append((len(words), len(words) + len(name.split()), label))
            words += name.split()
        else:
            words += part.split()
    return make_doc(" ".join(words), ents=ents)


def parsed_facts(nlp: Language, text: str) -> set[tuple[str, str, str, bool]]:
    """What the whole pipeline (the real model) reads in a text, as (subject label, predicate, object,
    asserted)."""
    (x,) = extract([Document(id="d", text=text)], nlp=nlp)
    label = {e.key: e.label for e in x.entities}
    return {(label[r.subj], r.predicate, label.get(r.obj, r.obj), r.asserted) for r in x.relations}
