"""The one orchestrator: documents -> extractions -> the build folder's store -> files.

>>> from kg.pipeline import build  # doctest: +SKIP
>>> result = build(["examples/"], out="output/")  # doctest: +SKIP
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Generator, Iterable, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass, replace
from pathlib import Path

import pyoxigraph as ox
from spacy.language import Language
from spacy.tokens import Doc

from kg.errors import DataError, InputError
from kg.extract.coref import resolve_coref
from kg.extract.dates import find_year, parse_date
from kg.extract.entities import _rekey, backdrops, link_documents, merge_aliases, resolve_entities, retype_short_names
from kg.extract.events import extract_events
from kg.extract.implicit import capitals, state_heads, titled_members
from kg.extract.mentions import doc_text, extract_mentions
from kg.extract.relations import (
    build_slots,
    commanders_in_crew,
    craft_over_station,
    crew_of_the_capsule,
    extract_relations,
    find_aliases,
    members_not_staff,
    merge_relations,
    through_parts,
    to_the_flight,
)
from kg.extract.years import years_of_life
from kg.index import Record, encode
from kg.io import read_inputs
from kg.model import Document, Entity, Extraction, Mention
from kg.nlp import load_nlp
from kg.ontology import DEFAULT_BASE, Ontology, load_ontology
from kg.progress import Progress
from kg.rdf import IRIs, document_quads
from kg.store import ONTOLOGY_GRAPH, Stage, check_output_dir, current_state, staged
from kg.stores import StoreSpec, parse_store
from kg.text import norm_name, strip_invisible

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BuildResult:
    documents: int
    entities: int  # in the folder
    triples: int  # in the folder's merged graph
    files: tuple[Path, ...]
    total: int = 0  # documents in the folder


def extract_doc(doc: Doc, document: Document, *, ontology: Ontology | None = None) -> Extraction:
    """Everything read in one parsed document."""
    onto = ontology or load_ontology()
    meta = doc._.kg_meta or {}
    document = _with_dateline(document, meta)
    text = doc_text(doc)
    mentions = retype_short_names(extract_mentions(doc, ontology=onto), ontology=onto, text=text)
    entities, mention_key = resolve_entities(mentions, ontology=onto, text=text)
    year = find_year(document.date or "")
    named = [(m, (mention_key[m],)) for m in mentions]
    slots = build_slots(doc, named, onto=onto, default_year=year, today=document.date)
    aliases = find_aliases(doc, slots, ontology=onto)
    if aliases:  # "X, also known as Y": one entity
        entities, mention_key = merge_aliases(entities, mention_key, aliases)
        named = [(m, (mention_key[m],)) for m in mentions]
        slots = build_slots(doc, named, onto=onto, default_year=year, today=document.date)
    relations, roles = extract_relations(doc, slots, doc_id=document.id, ontology=onto, headline=document.title)
    extra = resolve_coref(doc, mentions, mention_key, relations, ontology=onto, roles=roles, headline=document.title)
    if extra:  # a second reading with pronouns and descriptions resolved; the facts of both count
        slots = build_slots(doc, named + extra, onto=onto, default_year=year, today=document.date)
        touched = {doc[m.token_start].sent.start for m, _ in extra}
        sents = [s.start for s in doc.sents]
        for m, _ in extra:  # "the ship docked ... The crew includes A and B": a craft described is the passage's
            if onto.coarse(m.label) in ("Spacecraft", "Mission"):  # craft for the two sentences after it too
                i = sents.index(doc[m.token_start].sent.start)
                touched.update(sents[i + 1:i + 3])
        more, more_roles = extract_relations(doc, slots, doc_id=document.id, ontology=onto, sentences=touched,
                                             headline=document.title)
        relations = craft_over_station(merge_relations(relations, more, ontology=onto), entities, onto)
        roles = list({(r.holder, r.org): r for r in [*more_roles, *roles]}.values())
        entities = _add_coref_mentions(entities, extra)
    relations += state_heads(doc, mentions, mention_key, entities, relations, doc_id=document.id, onto=onto,
                             headline=document.title)
    relations += capitals(doc, mentions, mention_key, entities, relations, doc_id=document.id, onto=onto)
    relations += titled_members(doc, mentions, mention_key, entities, relations, doc_id=document.id, onto=onto)
    relations += years_of_life(doc, [*named, *extra], relations, doc_id=document.id, onto=onto)
    relations = members_not_staff(crew_of_the_capsule(to_the_flight(through_parts(relations, entities), entities),
                                                      entities, text), entities, roles, doc)
    relations = commanders_in_crew(relations)
    used = {r.subj for r in relations} | {r.obj for r in relations}
    entities = [e for e in entities if e.key in used or any(m.kind != "demonym" for m in e.mentions)
                and norm_name(e.label) not in backdrops()]  # "returned to Earth": no place the story is about
    dates: dict[int, set[str]] = {}
    for sl in slots:
        if sl.is_date:
            dates.setdefault(doc[sl.start].sent.start_char, set()).add(sl.key)
    dated = {e.sent.start_char for e in doc.ents if e.label_ == "DATE" and find_year(e.text)}  # sentences with a year
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
    """Parse and extract every document, then link entities across documents (all in memory: the
    library's way for a few documents; a build streams them into its folder instead)."""
    onto = load_ontology()
    return link_documents(list(extract_each(documents, nlp=nlp or load_nlp(model), batch_size=batch_size)),
                          ontology=onto)


def extract_each(documents: Iterable[Document], *, nlp: Language, batch_size: int = 128) -> Iterator[Extraction]:
    """Parse and extract document by document, as nlp.pipe delivers them; entities are not yet linked
    across documents. Zero-width characters and byte order marks are taken out of the texts first:
    they would split names and hide datelines. A document too long for the model is an error before
    any parsing."""
    onto = load_ontology()
    docs = [replace(d, text=strip_invisible(d.text)) for d in documents]
    _check_lengths(docs, nlp)
    for doc, d in zip(nlp.pipe((d.text for d in docs), batch_size=batch_size), docs, strict=True):
        yield extract_doc(doc, d, ontology=onto)


def _check_lengths(docs: Iterable[Document], nlp: Language) -> None:
    for d in docs:
        if len(d.text) > nlp.max_length:
            raise InputError("E113", f"document {d.id!r} has {len(d.text):,} characters, more than the model reads "
                                     f"at once ({nlp.max_length:,}): split it into several documents "
                                     "(e.g. one JSONL line each)")


def build(inputs: Sequence[str | Path], *, out: str | Path = "output", model: str | None = None,
          base: str = DEFAULT_BASE, html: bool = True, replace: bool = False,
          nlp: Language | None = None, progress: Progress | None = None, workers: int = 1,
          store: str = "disk", engine: str = "local", scheduler: str | None = None) -> BuildResult:
    """Read inputs, extract, and add them to the build folder `out` (graph.ttl, graph.trig, store/,
    graph.html); `replace=True` starts the folder afresh. A document whose id the folder holds already
    is replaced. The output folder and the base IRI are checked first: their errors come before
    minutes of work.

    Documents stream through spaCy into the folder's build index (kg/index.py); then entities are
    linked across all the folder's documents, and each document whose graph is new or changed is
    written into the store as its own named graph. graph.ttl, graph.trig and graph.html are written
    from the store. Everything happens in a new state of the folder, published at the end in one step
    (see kg/store.py): a failed or killed build leaves the folder as it was.

    `workers` > 1 parses in that many processes (forked, each with the loaded model), chunk by chunk;
    the extractions come back in input order, so the output is the same bytes as with one.

    `engine="dask"` parses and extracts on a dask.distributed cluster instead (kg/cluster.py): the
    scheduler at `scheduler` (tcp://HOST:PORT), or a LocalCluster of `workers` processes; the output
    is again the same bytes. The client then loads no model.

    `store` is where the graph is kept: "disk" (the folder's store/), "memory", or a SPARQL 1.1 server
    "sparql+http://HOST:PORT/PATH" written as well as the folder (see kg/stores.py)."""
    out = Path(out)
    check_output_dir(out)
    if engine not in ENGINES:
        raise InputError("E121", f"unknown engine {engine!r}: use {' or '.join(ENGINES)}")
    if scheduler is not None and engine != "dask":
        raise InputError("E121", "--scheduler needs --engine dask")
    spec = _store_spec(store)
    if engine == "dask":
        from kg.cluster import check_scheduler, require_dask

        require_dask()
        if scheduler is not None:
            check_scheduler(scheduler)
    iri = IRIs(base)
    progress = progress or Progress()
    t = time.monotonic()
    documents = read_inputs(inputs)
    log.info("read %d documents in %.1f s", len(documents), time.monotonic() - t)
    if engine == "local":
        t = time.monotonic()
        nlp = nlp or load_nlp(model)
        log.info("loaded the model in %.1f s", time.monotonic() - t)
    with staged(out, replace=replace, make=spec.stage()) as stage:
        _same_base(stage, str(iri.res), out)
        with progress.step("parsed", total=len(documents), counted="facts") as step, \
                closing(_extract_all(documents, nlp=nlp, workers=workers, engine=engine, model=model,
                                     scheduler=scheduler)) as extractions:
            for rec in extractions:
                stage.index.put(rec)
                step.advance(1, triples=rec.facts)
        del nlp
        entities = _link_and_write(stage, iri, progress)
        return _finish(stage, iri, documents=len(documents), entities=entities, html=html)


_WORKER_NLP: list[Language] = []  # the model a forked worker inherits
CHUNK = 8  # documents a task of a worker process, at most: small, so that no worker idles long at the end


ENGINES = ("local", "dask")


def _extract_all(documents: Sequence[Document], *, nlp: Language | None, workers: int, engine: str = "local",
                 model: str | None = None, scheduler: str | None = None) -> Generator[Record, None, None]:
    """The index records of the documents' extractions, in input order: in this process, in `workers`
    forked processes, or on a dask cluster. Workers encode their extractions themselves (kg.index.encode),
    so this process only stores bytes."""
    if engine == "dask":
        from kg.cluster import extract_on_cluster

        docs = [replace(d, text=strip_invisible(d.text)) for d in documents]
        _check_lengths(docs, nlp or _blank())  # before any work: no cluster is started for a bad input
        yield from extract_on_cluster(docs, model=model, scheduler=scheduler, workers=workers)
        return
    if nlp is None:
        nlp = load_nlp(model)
    if workers <= 1 or len(documents) < 2:
        yield from map(encode, extract_each(documents, nlp=nlp))
        return
    import multiprocessing

    _check_lengths((replace(d, text=strip_invisible(d.text)) for d in documents), nlp)  # before any work
    size = max(1, min(CHUNK, len(documents) // (workers * 4) or 1))
    chunks = [documents[i:i + size] for i in range(0, len(documents), size)]
    _WORKER_NLP[:] = [nlp]
    try:
        with multiprocessing.get_context("fork").Pool(workers, initializer=_quiet_worker) as pool:
            for recs in pool.imap(_extract_chunk, chunks):
                yield from recs
    finally:
        _WORKER_NLP.clear()


def _blank() -> Language:
    """A model-less English pipeline: its max_length is the one kg's models have (spaCy's default)."""
    import spacy

    return spacy.blank("en")


def _quiet_worker() -> None:
    """Ctrl-C is the parent's to handle: a worker ignores it (the parent ends the pool)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _extract_chunk(chunk: Sequence[Document]) -> list[Record]:
    return [encode(x) for x in extract_each(chunk, nlp=_WORKER_NLP[0])]


@dataclass(frozen=True)
class RemoveResult:
    removed: int
    documents: int
    triples: int


def remove(ids: Sequence[str], *, data: str | Path, graphs: Sequence[str] = (),
           progress: Progress | None = None, store: str = "disk") -> RemoveResult:
    """Delete documents from a build folder: their named graphs, what only they said from the merged
    graph, and their names from the entity index (entities are linked again without them). `graphs`:
    IRIs of graphs `kg load` added, removed the same way. `store` as for `build`: a server given there
    has the documents removed too."""
    out = Path(data)
    if current_state(out) is None:
        raise DataError("E403", f"{out} holds no kg build that documents can be removed from")
    spec = _store_spec(store)
    with staged(out, make=spec.stage()) as stage:
        base = stage.index.meta("base") or DEFAULT_BASE
        iri = IRIs(base)
        known = set(stage.index.ids())
        missing = [i for i in ids if i not in known]
        if missing:
            raise InputError("E114", f"{out} holds no document with the id {missing[0]!r}")
        docs = {ox.NamedNode(str(iri.doc(d))) for d in known}
        for g in graphs:
            node = ox.NamedNode(g) if _is_iri(g) else None
            if node is None or node in docs or node == ONTOLOGY_GRAPH or not stage.store.contains_named_graph(node):
                raise DataError("E413", f"{out} holds no loaded graph {g!r}" + (" (it is a document's: use --id)"
                                                                                  if node in docs else ""))
        for g in graphs:
            stage.drop_graph(ox.NamedNode(g))
        for doc_id in ids:
            stage.index.remove(doc_id)
            stage.drop_graph(ox.NamedNode(str(iri.doc(doc_id))))
        entities = _link_and_write(stage, iri, progress or Progress())
        html = (out / "graph.html").exists()
        res = _finish(stage, iri, documents=0, entities=entities, html=html)
    return RemoveResult(removed=len(set(ids)) + len(set(graphs)), documents=res.total, triples=res.triples)


def _is_iri(text: str) -> bool:
    try:
        ox.NamedNode(text)
    except ValueError:
        return False
    return True


def _store_spec(store: str) -> StoreSpec:
    """The back-end `store` names; a server is asked at once whether it can be read and written."""
    spec = parse_store(store)
    if spec.endpoint is not None:
        spec.endpoint.check()
    return spec


def _same_base(stage: Stage, base: str, out: Path) -> None:
    had = stage.index.meta("base")
    if stage.added and had is not None and had != base:
        raise InputError("E115", f"{out} was built with the base IRI {had}: add to it with the same --base-iri, "
                                 "or rebuild it with --replace")


def _link_and_write(stage: Stage, iri: IRIs, progress: Progress) -> int:
    """Link the entities of all the folder's documents and (re)write the named graph of each document
    whose linking changed (or that is new). Returns the number of entities."""
    onto = load_ontology()
    t = time.monotonic()
    items = list(stage.index.entities())
    linked = link_documents([Extraction(Document(id=d, text=""), (e,)) for d, e in items], ontology=onto)
    renames: dict[str, dict[str, tuple[str, str, str]]] = {}
    for (doc_id, e), lx in zip(items, linked, strict=True):
        le = lx.entities[0]
        renames.setdefault(doc_id, {})[e.key] = (le.key, le.label, le.cls)
    del items, linked
    log.info("linked the entities of %d documents in %.1f s", len(renames), time.monotonic() - t)
    written = stage.index.linked()
    todo = []
    for doc_id in stage.index.ids():
        signature = json.dumps(sorted(renames.get(doc_id, {}).items()), ensure_ascii=False)
        if written.get(doc_id) != signature:
            todo.append((doc_id, signature))
    with progress.step("stored", total=len(todo), unit="graphs") as step:
        for doc_id, signature in todo:
            mapping = renames.get(doc_id, {})
            x = _rekey(stage.index.get(doc_id), 0, {(0, k): v for k, v in mapping.items()})
            quads = document_quads(x, iri, ontology=onto)
            stage.put_graph(ox.NamedNode(str(iri.doc(doc_id))), quads)
            stage.index.set_linked(doc_id, signature)
            step.advance(1, triples=len(quads))
    return len({v[0] for m in renames.values() for v in m.values()})


def _finish(stage: Stage, iri: IRIs, *, documents: int, entities: int, html: bool) -> BuildResult:
    total = len(stage.index)
    triples = stage.count_triples()
    title = None
    if html:
        if total == 1:
            d = stage.index.get(next(stage.index.ids())).document
            title = f"kg \u2014 {d.title or d.id}"
        else:
            title = f"kg \u2014 {total} documents"
    t = time.monotonic()
    stage.finish(base=str(iri.res), html=title)
    log.info("wrote graph.ttl, graph.trig%s from the store in %.1f s", ", graph.html" if html else "",
             time.monotonic() - t)
    t = time.monotonic()
    files = stage.publish()
    log.info("published the new state of %s in %.1f s", stage.out, time.monotonic() - t)
    return BuildResult(documents=documents, entities=entities, triples=triples, files=tuple(files), total=total)
