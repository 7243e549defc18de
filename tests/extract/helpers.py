"""What the extractor reads in a hand-built Doc, as (subject label, predicate, object, asserted)."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.relations import Slot, build_slots
from kg.model import Document, Extraction
from kg.ontology import load_ontology
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


def parsed_facts(nlp: Language, text: str, title: str | None = None) -> set[tuple[str, str, str, bool]]:
    """What the whole pipeline (the real model) reads in a text (with its headline, if given), as (subject label,
    predicate, object, asserted)."""
    (x,) = extract([Document(id="d", text=text, title=title)], nlp=nlp)
    label = {e.key: e.label for e in x.entities}
    return {(label[r.subj], r.predicate, label.get(r.obj, r.obj), r.asserted) for r in x.relations}


def read_texts(nlp: Language, texts: Sequence[str]) -> dict[str, tuple[set[tuple[str, ...]], Doc, Extraction]]:
    """Each text, read by the whole pipeline (the real model): every fact found, ``(s, p, o)`` when
    asserted and ``(s, p, o, modality)`` when not, with the parsed Doc and the extraction."""
    docs = [Document(id=str(i), text=text, date="2030-05-06") for i, text in enumerate(texts)]
    out = {}
    for d, x, doc in zip(docs, extract(docs, nlp=nlp), nlp.pipe(d.text for d in docs), strict=True):
        label = {e.key: e.label for e in x.entities}
        out[d.text] = ({(label[r.subj], r.predicate, label.get(r.obj, r.obj)) if r.asserted
                        else (label[r.subj], r.predicate, label.get(r.obj, r.obj), r.modality) for r in x.relations},
                       doc, x)
    return out


def named_slots(doc: Doc, x: Extraction) -> list[Slot]:
    """The slots of an extraction's named mentions (no pronouns, no descriptions), as the rules see them."""
    mentions = [(m, (e.key,)) for e in x.entities for m in e.mentions
                if m.token_start >= 0 and m.kind not in ("pronoun", "description")]
    return build_slots(doc, mentions, onto=load_ontology())
