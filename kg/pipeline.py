"""The one orchestrator: documents -> extractions -> RDF dataset -> files.

>>> from kg.pipeline import build  # doctest: +SKIP
>>> result = build(["examples/"], out="output/")  # doctest: +SKIP
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from kg.errors import InputError
from kg.extract.coref import resolve_coref
from kg.extract.dates import find_year, parse_date
from kg.extract.entities import link_documents, merge_aliases, resolve_entities
from kg.extract.events import extract_events
from kg.extract.mentions import extract_mentions
from kg.extract.relations import build_slots, extract_relations, find_aliases, merge_relations, through_parts
from kg.io import read_inputs
from kg.model import Document, Entity, Extraction, Mention
from kg.nlp import load_nlp
from kg.ontology import DEFAULT_BASE, Ontology, load_ontology
from kg.rdf import IRIs, to_dataset
from kg.store import check_output_dir, write_outputs
from kg.text import strip_invisible

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BuildResult:
    documents: int
    entities: int
    triples: int
    files: tuple[Path, ...]


def extract_doc(doc: Doc, document: Document, *, ontology: Ontology | None = None) -> Extraction:
    """Everything read in one parsed document."""
    onto = ontology or load_ontology()
    meta = doc._.kg_meta or {}
    document = _with_dateline(document, meta)
    mentions = extract_mentions(doc, ontology=onto)
    entities, mention_key = resolve_entities(mentions, ontology=onto)
    year = find_year(document.date or "")
    named = [(m, (mention_key[m],)) for m in mentions]
    slots = build_slots(doc, named, onto=onto, default_year=year, today=document.date)
    aliases = find_aliases(doc, slots, ontology=onto)
    if aliases:  # "X, also known as Y": one entity
        entities, mention_key = merge_aliases(entities, mention_key, aliases)
        named = [(m, (mention_key[m],)) for m in mentions]
        slots = build_slots(doc, named, onto=onto, default_year=year, today=document.date)
    relations, roles = extract_relations(doc, slots, doc_id=document.id, ontology=onto)
    extra = resolve_coref(doc, mentions, mention_key, relations, ontology=onto, roles=roles)
    if extra:  # a second reading with pronouns and descriptions resolved; the facts of both count
        slots = build_slots(doc, named + extra, onto=onto, default_year=year, today=document.date)
        touched = {doc[m.token_start].sent.start for m, _ in extra}
        more, more_roles = extract_relations(doc, slots, doc_id=document.id, ontology=onto, sentences=touched)
        relations = merge_relations(relations, more, ontology=onto)
        roles = list({(r.holder, r.org): r for r in [*more_roles, *roles]}.values())
        entities = _add_coref_mentions(entities, extra)
    relations = through_parts(relations, entities)
    used = {r.subj for r in relations} | {r.obj for r in relations}
    entities = [e for e in entities if e.key in used or any(m.kind != "demonym" for m in e.mentions)]
    dates: dict[int, set[str]] = {}
    for sl in slots:
        if sl.is_date:
            dates.setdefault(doc[sl.start].sent.start_char, set()).add(sl.key)
    dated = {s.start_char for s in doc.sents if any(e.label_ == "DATE" and find_year(e.text) for e in s.ents)}
    events = extract_events(relations, sentence_dates=dates, dated_sentences=dated,
                            report_year=document.date[:4] if document.date else None)
    return Extraction(document=document, entities=tuple(entities), relations=tuple(relations),
                      roles=tuple(roles), events=tuple(events))


def _add_coref_mentions(entities: Sequence[Entity], extra: Sequence[tuple[Mention, tuple[str, ...]]]) -> list[Entity]:
    by_key = {e.key: e for e in entities}
    for m, keys in extra:
        for k in keys:
            if k in by_key:
                by_key[k] = replace(by_key[k], mentions=by_key[k].mentions + (m,))
    return list(by_key.values())


def _with_dateline(document: Document, meta: dict[str, object]) -> Document:
    """Fill the document's date from its header or dateline when the input gave none."""
    if document.date:
        return document
    date = meta.get("date")
    if isinstance(date, str) and parse_date(date):  # a header's date, if it is a real day
        return replace(document, date=date)
    month_day, year = meta.get("month_day"), meta.get("dateline_year")
    if isinstance(month_day, tuple) and isinstance(year, str):  # "WASHINGTON, March 3, 2032 (Reuters)"
        iso = parse_date(f"{month_day[0]} {month_day[1]}", year=int(year))
        if iso:
            return replace(document, date=iso)
    return document


def extract(documents: Iterable[Document], *, nlp: Language | None = None, model: str | None = None,
            batch_size: int = 128) -> list[Extraction]:
    """Parse and extract every document, then link entities across documents. Zero-width characters
    and byte order marks are taken out of the texts first: they would split names and hide datelines."""
    nlp = nlp or load_nlp(model)
    onto = load_ontology()
    docs = [replace(d, text=strip_invisible(d.text)) for d in documents]
    for d in docs:
        if len(d.text) > nlp.max_length:
            raise InputError("E113", f"document {d.id!r} has {len(d.text):,} characters, more than the model reads "
                                     f"at once ({nlp.max_length:,}): split it into several documents "
                                     "(e.g. one JSONL line each)")
    out = [extract_doc(doc, d, ontology=onto)
           for doc, d in zip(nlp.pipe((d.text for d in docs), batch_size=batch_size), docs, strict=True)]
    return link_documents(out, ontology=onto)


def build(inputs: Sequence[str | Path], *, out: str | Path = "output", model: str | None = None,
          base: str = DEFAULT_BASE, html: bool = True) -> BuildResult:
    """Read inputs, extract, and write graph.ttl, graph.trig, store/ and graph.html into `out`.
    The output folder and the base IRI are checked first: their errors come before minutes of work."""
    check_output_dir(Path(out))
    IRIs(base)
    documents = read_inputs(inputs)
    extractions = extract(documents, model=model)
    ds = to_dataset(extractions, base=base)
    title = (documents[0].title or documents[0].id) if len(documents) == 1 else f"{len(documents)} documents"
    files = write_outputs(ds, Path(out), html=html, title=f"kg \u2014 {title}")
    n_entities = len({e.key for x in extractions for e in x.entities})
    n_triples = len(set(ds.quads((None, None, None, None))))
    return BuildResult(documents=len(documents), entities=n_entities, triples=n_triples, files=tuple(files))
