"""Mentions + parsed sentences -> Relations, with evidence, roles and events.

Patterns are data (ontologies/patterns/*.jsonl, macros first). Three kinds:

* ``seq``: a regular expression over the sentence's *signature*: its tokens in lower case,
  with every mention replaced by a slot marker ``⟦Class.n⟧`` (coarse class: Person,
  Organization, Place, Spacecraft, Mission, Event, Date). Named groups ``s`` and ``o``
  hold the subject and object slots (every slot inside a group counts, so a group can
  hold a list: "carrying A, B and C"); a group ``pair`` relates every two slots in it
  (symmetric predicates); groups ``s2``, ``o2``... are alternatives of ``s`` and ``o`` (regexes
  cannot repeat a group name); a group ``title`` picks the predicate from ontologies/titles.jsonl.
  A pattern with ``"subj": "main-subject"`` and no ``s`` group takes as subject the person the
  sentence is about (its only person, else the one subject of its main verb): "Born in X, she
  later flew on Y". With ``"obj": "sole-craft"`` and no ``o`` group, the object is the one
  spacecraft or mission the sentence names: "X was the commander and Y the backup pilot".
* ``dep``: a regular expression over the dependency path between two mentions, written
  ``<dep word`` for each step up from the subject and ``>dep word`` for each step down
  to the object (the object's own word left out; words in lower case, lemmas if the pipeline has
  a lemmatizer, which kg's does not load). Conjuncts stand for their list's head.
* ``cooc``: every slot of one class with the single date of a sentence that matches
  ``requires`` (launched on ...), for slots no other pattern used as an object.

A pattern may add ``requires`` (a regex the whole signature must match), ``not_after`` (a regex the
signature right before a seq match must not end with: "A, the CEO of Y, B" is a list), ``named`` (its
subject must be a name, not a pronoun: "Greek officials welcomed him"), ``cue`` (a regex the
raw lower-case sentence must match: a cheap filter) and ``country_predicate`` (the predicate
when the object is a country: "X of Denmark" is a nationality, "X of Lakeville" a residence).
Every pattern carries ``examples``, as a token rule does (kg/extract/rules.py): sentences written for
it (never taken from evaluation data) and the facts the whole pipeline must read in them, ``[s, p, o]``
(``[a, "@alias", b]``: one entity of both names), the pattern matching in each; an empty list of facts:
the pattern must give nothing there (tests/extract/test_patterns.py).
Every candidate is checked against the ontology's domain and range. Negation and modality words
(ontologies/patterns/modality.json) between the two mentions turn the fact into a
non-asserted statement.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache, partial
from itertools import combinations
from typing import Any

from spacy.tokens import Doc, Span, Token

from kg.errors import OntologyError
from kg.extract.dates import MONTHS, find_year, parse_date, relative_date
from kg.extract.entities import gazetteer, programs
from kg.extract.mentions import (
    FUNCTION_WORDS,
    POSSESSIVE,
    SentenceIndex,
    deployed_heads,
    description_kinds,
    doc_text,
    honorifics,
    kin_words,
    member_roles,
    membership_heads,
    named_in,
    org_names,
    party_letters,
    party_words,
    person_cues,
    settlement_words,
    site_heads,
    title_hyphen,
    title_key,
    title_table,
    title_words,
)
from kg.extract.prefilter import of_words, required_markers, required_strings
from kg.extract.rules import (
    TokenRule,
    load_rules,
    match_rules,
    party_modifier_words,
    word_before,
    word_lists,
    word_phrases,
)
from kg.model import Entity, Evidence, Mention, Relation, Role
from kg.ontology import Ontology, data_words, gazetteer_rows, load_jsonl, load_ontology, ontology_dir
from kg.text import norm_name, slug

ALIAS = "@alias"  # the predicate of patterns that find another name of an entity
QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


@dataclass(frozen=True)
class Slot:
    """A mention as the patterns see it: token span, entity keys (or a date), class."""

    start: int
    end: int
    key: str  # entity key, or the ISO date for a Date slot
    cls: str
    coarse: str
    kind: str = "name"

    @property
    def is_date(self) -> bool:
        return self.coarse == "Date"


@dataclass(frozen=True)
class Pattern:
    id: str
    kind: str
    regex: re.Pattern[str]
    predicate: str
    inverse: bool = False
    confidence: float = 0.8
    requires: re.Pattern[str] | None = None
    not_after: re.Pattern[str] | None = None  # seq: must not match the signature right before a match
    named: bool = False  # seq: its subject is a name, never a pronoun ("Kenyan runner X")
    cue: re.Pattern[str] | None = None  # over the raw lower-case sentence: a cheap filter
    markers: frozenset[str] = frozenset()  # slot classes the regex names: one must be in the sentence
    # the classes a match needs, an AND of ORs (prefilter.required_markers): one of each set in the sentence
    marker_sets: tuple[frozenset[str], ...] = ()
    country_predicate: str | None = None  # the predicate when the object is a country
    subj: str | None = None  # cooc: the slot class
    obj: str | None = None
    modality: bool = True  # negation and modality words between the mentions make the fact non-asserted
    forced_modality: str | None = None  # the construction's own modality (token rules only)
    examples: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...] = ()  # text, facts, as a token rule's


# ---------------------------------------------------------------------------
# Loading patterns


@cache
def rank_words() -> frozenset[str]:
    """Words before a title that rank its holder among the title's holders (titles.jsonl rank_words: "chief
    negotiator", "head nurse")."""
    return data_words("titles.jsonl", "rank_words")


@cache
def shared_head_ranks() -> frozenset[str]:
    """Rank words that make a head's title one of several heads' (titles.jsonl shared_head_ranks: "senior leader",
    "lead director"): worksFor."""
    return data_words("titles.jsonl", "shared_head_ranks")


def title_predicate(title: str) -> str:
    """The predicate of a title's holder (titles.jsonl): 'chief executive' -> 'heads'. Coordinated titles
    ("president and chief executive", "chairman & CEO") give heads if one of them does; '' for no title.
    A deputy's title the table does not hold ("deputy leader", the UNDER words of rules/roles.jsonl) gives
    worksFor where the title alone gives any predicate; a ranked one ("chief negotiator", rank_words) the
    title's own predicate ("chief administrator" heads), but worksFor for a head's ranked by a shared_head_ranks
    word ("senior leader", "lead director": one of several)."""
    preds = []
    for part in re.split(r"\s+(?:and|&)\s+", title.lower()):
        key = title_key(part)
        pred = title_table().get(key, "")
        first, _, rest = key.partition(" ")
        if not pred and rest and first in word_lists()["UNDER"]:
            pred = "worksFor" if title_table().get(rest) else ""
        elif not pred and rest and first in rank_words():  # "chief negotiator": a negotiator's predicate;
            pred = title_table().get(rest, "")  # "senior leader": one of several ("Hamas senior leader X")
            pred = "worksFor" if pred == "heads" and first in shared_head_ranks() else pred
        preds.append(pred)
    return "heads" if "heads" in preds else next((p for p in preds if p), "")


def pattern_files() -> list[str]:
    """Every ontologies/patterns/*.jsonl, in name order; macros are shared between files."""
    return [f"patterns/{p.name}" for p in sorted((ontology_dir() / "patterns").glob("*.jsonl"))]


@cache
def load_patterns() -> tuple[Pattern, ...]:
    rows = [r for f in pattern_files() for r in load_jsonl(f)]
    macros: dict[str, str] = {}
    titles = sorted(title_table(), key=lambda t: (-len(t), t))
    mods = sorted(data_words("titles.jsonl", "modifiers"), key=lambda t: (-len(t), t))
    # "chief negotiator" is a negotiator's title, not a chief's; an occupation's word that is a title too
    # ("economist") is an Occupation slot in the signature, and the title still (title_predicate reads its words)
    ranks = "|".join(sorted(rank_words()))
    macros["TITLE"] = f"(?:(?:{ranks}) )?(?:" + "|".join(re.escape(t).replace(r"\ ", " ") for t in titles) \
        + "|\u27e6Occupation\\.\\d+\u27e7)"
    macros["MOD"] = "(?:" + "|".join(re.escape(t).replace(r"\ ", " ") for t in mods) + ")"
    macros["AGE"] = r"\d{1,3} - year - old"  # "X, a 49-year-old Kelm engineer": before a title's modifier ("former")
    macros["PARTYMOD"] = "(?:" + "|".join(re.escape(w) for w in sorted(party_modifier_words())) + ")"
    macros["KIN"] = "(?:" + "|".join(re.escape(w) for w in sorted(kin_words())) + ")s?"  # "wife", "sons" ...
    macros["SETTLEMENT"] = "(?:" + "|".join(re.escape(w) for w in sorted(settlement_words())) + ")"  # "city", "state"
    macros["NOTNOW"] = "(?:" + "|".join(re.escape(w) for w in sorted(word_lists()["NOT_CURRENT"])) + ")"  # "former"
    for r in rows:
        if "macro" in r:
            macros[r["macro"]] = _expand(r["regex"], macros)
    out = []
    props = load_ontology().properties
    for r in rows:
        if "macro" in r:
            continue
        if not {"id", "kind", "predicate"} <= set(r) or r["kind"] not in ("seq", "dep", "cooc") or \
                not (r["predicate"] in props or r["predicate"] in ("@title", ALIAS)):
            raise OntologyError("E306", f"pattern {r.get('id', r)}: needs an id, a kind (seq, dep, cooc) and a "
                                        "predicate of the ontology, @title or @alias")
        try:
            regex = re.compile(_expand(r.get("regex", ""), macros))
            requires = re.compile(_expand(r["requires"], macros)) if r.get("requires") else None
            not_after = re.compile(f"(?:{_expand(r['not_after'], macros)})$") if r.get("not_after") else None
            cue = re.compile(r["cue"]) if r.get("cue") else None
        except re.error as e:
            raise OntologyError("E305", f"pattern {r.get('id')}: bad regex ({e})") from e
        markers = frozenset(re.findall(r"\w+", " ".join(re.findall(r"\u27e6\(?(?:\?:)?([\w|]+)", regex.pattern))))
        out.append(Pattern(id=r["id"], kind=r["kind"], regex=regex, predicate=r["predicate"], markers=markers,
                           marker_sets=required_markers(regex) if r["kind"] == "seq" else (),
                           inverse=bool(r.get("inverse")), confidence=float(r.get("confidence", 0.8)),
                           requires=requires, not_after=not_after, named=bool(r.get("named")), cue=cue,
                           subj=r.get("subj"), obj=r.get("obj"),
                           country_predicate=r.get("country_predicate"),
                           examples=tuple((text, tuple(tuple(f) for f in facts))
                                          for text, facts in r.get("examples", []))))
    return tuple(out)


def _expand(regex: str, macros: dict[str, str]) -> str:
    for _ in range(5):
        new = re.sub(r"\{([A-Z_]+)\}", lambda m: macros.get(m.group(1), m.group(0)), regex)
        if new == regex:
            break
        regex = new
    return regex


@cache
def modality_words() -> dict[str, frozenset[str]]:
    data = json.loads((ontology_dir() / "patterns" / "modality.json").read_text(encoding="utf-8"))
    return {k: frozenset(v) for k, v in data.items()}


# ---------------------------------------------------------------------------
# Slots


def build_slots(doc: Doc, mentions: Sequence[tuple[Mention, tuple[str, ...]]], *, onto: Ontology,
                default_year: int | None = None, today: str | None = None) -> list[Slot]:
    """Slots for resolved mentions and for the dates of the document, in token order. Dates
    without a year take the last year written before them in their paragraph, else `default_year`
    (a paragraph of history before the news does not date the news: "... banned in 2005." then, in the
    next paragraph, "X died on October 13": the report's year); weekdays and 'yesterday' are read
    against the report's date `today`."""
    slots: list[Slot] = []
    for m, keys in mentions:
        if m.token_start < 0:
            continue
        coarse = onto.coarse(m.label) or m.label
        for k in keys:
            slots.append(Slot(m.token_start, m.token_end, k, m.label, coarse, m.kind))
    year, year_at = default_year, 0
    body = int((doc._.kg_meta or {}).get("body_start", 0)) if doc.has_extension("kg_meta") else 0
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME") or ent.start_char < body:
            continue
        if ent.label_ == "TIME":  # "this morning", "late last night": a day only when relative to the report's
            iso = relative_date(ent.text, today=today)
        else:
            if year_at and "\n\n" in doc.text[year_at:ent.start_char]:
                year, year_at = default_year, 0  # a year written in an earlier paragraph is that paragraph's
            y = find_year(ent.text)
            by_year = parse_date(ent.text, year=year)
            iso = by_year or relative_date(ent.text, today=today)
            if y:
                year, year_at = y, ent.end_char
            elif by_year and not year_at and parse_date(ent.text) is None:  # the report's year, guessed
                if today and year and by_year > today and _told_as_past(ent.root):
                    by_year = parse_date(ent.text, year=year - 1) or by_year  # "died on 30 December" told in May
                slots.append(Slot(ent.start, ent.end, by_year, "Date", "Date", "date-guessed"))
                continue
        if iso:
            slots.append(Slot(ent.start, ent.end, iso, "Date", "Date", "date"))
    slots.sort(key=lambda s: (s.start, s.end))
    return slots


SCHEDULING = frozenset({"scheduled", "rescheduled", "planned", "due", "expected", "set", "slated", "moved", "postponed",
                        "delayed", "pushed", "delay", "postpone", "would", "will", "'ll", "shall", "to"})


def _told_as_past(tok: Token) -> bool:
    """The verb a date hangs on tells a past event: "died on 30 December", not "would launch on", "is scheduled to
    launch on", "was moved to 3 March" (a new date, likely ahead)."""
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            break
        tok = tok.head
    if tok.tag_ not in ("VBD", "VBN") or tok.lower_ in SCHEDULING:
        return False
    near = [c.lower_ for c in tok.children] + [tok.head.lower_] + [c.lower_ for c in tok.head.children]
    return not any(w in SCHEDULING for w in near)


def signature(sent: Span, slots: Sequence[Slot], onto: Ontology) -> tuple[str, list[tuple[int, int, int]], list[int]]:
    """The sentence as pattern text; slot markers' (start, end, slot index); token of each char."""
    pieces: list[tuple[str, int, int | None]] = []  # text, token, slot index
    by_start: dict[int, list[int]] = {}
    for i, s in enumerate(slots):
        by_start.setdefault(s.start, []).append(i)
    i = sent.start
    while i < sent.end:
        if i in by_start:
            idx = by_start[i]
            end = max(slots[j].end for j in idx)
            for n, j in enumerate(idx):
                if n:
                    pieces.append(("and", i, None))
                pieces.append((f"\u27e6{_marker(slots[j])}.{j}\u27e7", i, j))
            i = _absorb_head_noun(sent.doc, end, slots[idx[0]], onto, sent.end)
            i = _restated(sent, i, {slots[j].key for j in idx}, by_start, slots)
            if slots[idx[0]].coarse == "Person":
                i = _after_party_bracket(sent, i)
            continue
        tok = sent.doc[i]
        if tok.lower_.rstrip(".") in honorifics():  # "the president of Chile, Mr. X": the patterns see ", X"
            after = i + 2 if i + 2 < sent.end and sent.doc[i + 1].text == "." else i + 1
            if after in by_start and any(slots[j].coarse == "Person" for j in by_start[after]):
                i = after
                continue
        if not tok.is_space and not title_hyphen(tok):  # "Secretary-General" reads as titles.jsonl writes it
            pieces.append((tok.lower_.translate(QUOTES), i, None))
        i += 1
    text: list[str] = []
    marks: list[tuple[int, int, int]] = []
    char_tok: list[int] = []
    pos = 0
    for piece, tok_i, slot in pieces:
        if text:
            text.append(" ")
            char_tok.append(tok_i)
            pos += 1
        if slot is not None:
            marks.append((pos, pos + len(piece), slot))
        text.append(piece)
        char_tok.extend([tok_i] * len(piece))
        pos += len(piece)
    return "".join(text), marks, char_tok


def _marker(slot: Slot) -> str:
    """A demonym ("American") is a country for the facts but only a nationality for patterns."""
    return "Nat" if slot.kind == "demonym" else slot.coarse


def _after_party_bracket(sent: Span, i: int) -> int:
    """The token after a politician's party and state in brackets right after the name ("Senator X (D-Mass.) met
    Y": the patterns read "X met Y"; the party is read from the bracket by the token rules); else `i`."""
    doc = sent.doc
    if i + 3 < sent.end and doc[i].text == "(" and doc[i + 1].text in party_letters() \
            and doc[i + 2].text in ("-", "\u2013") and doc[i + 3].text[:1].isupper():
        close = next((k for k in range(i + 4, min(i + 8, sent.end)) if doc[k].text == ")"), None)
        if close is not None:
            return close + 1
    return i


def _restated(sent: Span, i: int, keys: set[str], by_start: dict[int, list[int]], slots: Sequence[Slot]) -> int:
    """The token after a bracket that only names again what the name before it named ("the Indian Space Research
    Organisation (ISRO) on Thursday launched ...": the patterns read the name once); else `i`."""
    doc = sent.doc
    if i + 2 < sent.end and doc[i].text == "(" and i + 1 in by_start \
            and {slots[j].key for j in by_start[i + 1]} == keys:
        end = max(slots[j].end for j in by_start[i + 1])
        if end < sent.end and doc[end].text == ")":
            return end + 1
    return i


def _absorb_head_noun(doc: Doc, end: int, slot: Slot, onto: Ontology, limit: int) -> int:
    """Skip 'spacecraft' in 'the Apollo spacecraft', 'manned spaceship' after 'Soyuz-19'."""
    for width in (1, 2):
        if end + width > limit:
            break
        last = doc[end + width - 1]
        cls = onto.head_noun(last.lower_)
        if cls and last.pos_ == "NOUN" and onto.coarse(cls) == slot.coarse and last.tag_ not in ("NNS", "NNPS"):
            if width == 1 or doc[end].pos_ in ("ADJ", "VERB", "NOUN"):
                return end + width
    return end


# ---------------------------------------------------------------------------
# Dependency paths


def _root(doc: Doc, slot: Slot, onto: Ontology) -> Token:
    root = doc[slot.start:slot.end].root
    while root.dep_ in ("compound", "nmod") and root.head.pos_ == "NOUN" and \
            onto.coarse(onto.head_noun(root.head.lower_) or "") == slot.coarse:
        root = root.head
    return root


def _lemma(t: Token) -> str:
    """The lemma when the pipeline has a lemmatizer, else the lower-case form."""
    return (t.lemma_ or t.lower_).lower()


def dep_path(doc: Doc, a: Slot, b: Slot, onto: Ontology) -> str | None:
    """'<nsubjpass bear >prep in >pobj' from a to b; '=coord <nsubj meet' for conjoined a and b."""
    ta, tb = _root(doc, a, onto), _root(doc, b, onto)
    while ta.dep_ == "conj" and ta.head != ta:
        ta = ta.head
    while tb.dep_ == "conj" and tb.head != tb:
        tb = tb.head
    if ta == tb:
        return f"=coord <{ta.dep_} {_lemma(ta.head)}" if ta.head != ta else None
    up = [ta, *ta.ancestors]
    down = [tb, *tb.ancestors]
    common = next((t for t in up if t in down), None)
    if common is None:
        return None
    up = up[: up.index(common) + 1]
    down = down[: down.index(common) + 1][::-1]
    if len(up) + len(down) > 9:
        return None
    parts = []
    for t, h in zip(up, up[1:], strict=False):
        parts.append(f"<{t.dep_}")
        if h != tb:
            parts.append(_lemma(h))
    for t in down[1:]:
        parts.append(f">{t.dep_}")
        if t != tb:
            parts.append(_lemma(t))
    return " ".join(parts)


# ---------------------------------------------------------------------------
# Extraction


def extract_relations(doc: Doc, slots: Sequence[Slot], *, doc_id: str, ontology: Ontology | None = None,
                      sentences: set[int] | None = None, headline: str | None = None
                      ) -> tuple[list[Relation], list[Role]]:
    """Every fact the patterns find in the document (or in the sentences starting at the token
    indices `sentences`), and the roles (titles) behind them. The `headline` (Document.title) settles which of
    two crafts a passage is about."""
    onto = ontology or load_ontology()
    patterns = load_patterns()
    rels: dict[tuple[str, str, str], Relation] = {}
    roles: dict[tuple[str, str], Role] = {}
    by_sent = _slots_by_sentence(doc, slots)
    starts = SentenceIndex(doc).starts
    full_text = doc_text(doc)  # once: a Span's .text joins its tokens again at every call
    for sent in doc.sents:
        if sentences is not None and sent.start not in sentences:
            continue
        in_sent = by_sent.get(sent.start, [])
        if not in_sent:
            continue
        stext = full_text[sent.start_char:sent.end_char]
        lower = stext.lower()
        found: list[Found] = []
        if len(in_sent) >= 2:
            found.extend(_match_patterns(patterns, sent, in_sent, onto, text=lower))
        # token rules: one mention is enough for a rule whose object is implicit ("The crew includes A")
        found.extend(_resolve_titles(_match_rules(sent, in_sent, partial(_salient_craft, sent, by_sent, starts,
                                                                         headline), text=lower)))
        if len(in_sent) >= 2:
            found.extend(_resolve_titles(_match_title_deps(sent, in_sent)))
            found.extend(_match_crew_deps(sent, in_sent))
        for s, pred, o, how, (t0, t1), title in _with_conjuncts(found, in_sent, doc):
            if how.inverse:
                s, o = o, s
            if how.country_predicate and o.cls == "Country":  # "a physicist from Denmark": a citizen
                pred = how.country_predicate
            if s.key == o.key or not _fits(onto, pred, s, o) or pred != "locatedIn" and _modifier_only(doc, o, t1) \
                    or pred in ("heads", "worksFor", "memberOf") and _modifies_a_noun(doc, o, t1):
                continue
            if pred == "worksFor" and onto.is_a(o.cls, "Country") and not _serves_the_country(doc, o, title):
                continue  # "US astronaut X" works for no country
            if pred == "residence" and s.start > o.end and (
                    _heads_a_department(" ".join(t.text for t in doc[o.end:s.start] if t.is_alpha))
                    or _not_current(doc, t0, t1)):
                continue  # "Northern Ireland Secretary X", "England's transport secretary, X": a portfolio, no home;
                # "former Ohio governor X": the place of an office held once need be no home now (7 of the 11 wrong
                # of 15 place-role-name residences read on the 1,000 corpus articles, session 27)
            if pred in ROLE_PREDICATES and _period_over(doc, t0, t1, sent.end):
                continue  # "X was prime minister of Kelm from 1968 to 1984": held once, not now (as "former")
            if pred in ("crewMemberOf", "commanderOf") and _uncrewed(o):
                continue  # "Progress MS-36 carried food, and X unpacked it": a cargo ship has no crew
            if _name_goes_on(doc, o, t1, in_sent):
                continue
            if pred == "heads" and title and o.coarse == "Place" and _heads_a_department(title):
                if not (onto.is_a(o.cls, "Country") and _serves_the_country(doc, o, title)) \
                        or _heads_a_part(doc, o, title) \
                        or any(t.lower_ in _not_government() for t in doc[max(sent.start, t0 - 3):t0]):
                    continue  # "Northern Ireland Secretary X": a ministry, not the place; "secretary of India's party";
                    # "the former defence secretary of Britain, X", "Shadow Foreign Secretary X of Britain"
                pred = "worksFor"  # "Finance Minister X of Norway": a minister of its government, no head of it
            if title and o.coarse == "Place" and "board" in title.lower().split():
                continue  # "Lagos board chairwoman X": a board of the place's, not the place
            if pred == "heads" and title and not _heads_this_kind(doc, o, title):
                if onto.is_a(o.cls, "Country") and not _serves_the_country(doc, o, title):
                    continue  # (a country's staff, as above)
                pred = "worksFor"  # "White House speaker X": a spokesman; the Speaker of the House heads it
            if title and pred in ("heads", "worksFor") and _party_office(doc, o, title):
                pred = "memberOf"  # "Democratic mayor X": the party's member, mayor of a city
            if pred == "worksFor" and o.coarse == "Organization" and o.start > 0 \
                    and doc[o.start - 1].lower_ in party_cues():
                pred = "memberOf"  # "X of the right-wing Likud": a political word makes the body a party
            if pred in ("basedIn", "country", "locatedIn") and _party_office(doc, s, doc[s.end:s.end + 1].text):
                continue  # "Maryland's Republican Governor X": the governor's state, not the party's seat
            if how.id == "dateline-agency" and any(_a_launch_site(doc, sl) for sl in in_sent if t0 <= sl.start < t1):
                continue  # "CAPE CANAVERAL, Fla. (Reuters)": where a launch was reported from, no wire's seat
            if pred == "basedIn" and _a_site(doc, s, t0, t1):
                pred = "locatedIn"  # "the British Embassy in Beijing": where it stands, not a seat it is run from
            if pred == "basedIn" and s.end < len(doc) and doc[s.end].lower_ == "in" \
                    and doc[s.end - 1].text in deployed_heads():
                continue  # "the British Army in Iraq": where it serves, not its seat
            if pred in ("locatedIn", "basedIn") and o.coarse == "Place":
                inner = _possessed_place(doc, o, in_sent)  # "a city in north China's Hebei Province": Hebei's
                o = inner if inner is not None and inner.key != s.key else o
            if pred == "heads" and title and _heads_a_part(doc, o, title):
                named = _apposed_org(doc, o, in_sent)
                if named is not None:
                    o = named  # "the chief executive of Norway's oil firm, Kelm Oil": the firm named after
                elif o.coarse == "Organization":
                    pred = "worksFor"  # "X, director of Kelm's biofuel unit": on Kelm's staff, not its head
                else:
                    continue  # "X, head of Norway's delegation": not the head of Norway
            if pred == "heads" and title and _one_of_several(doc, t0, t1, title, o):
                if o.coarse != "Organization":
                    continue  # "X, a governor of Ohio": no place's staff
                pred = "worksFor"  # "X, a managing director at Y": one of the bank's several, not its head
            if pred == "birthDate" and o.kind == "date-guessed":
                continue  # "was born on 3 March" with no year written in its paragraph: not the report's year
            start = _governed_from(doc, t0)
            if getattr(how, "subj", None) == "main-subject" and s.end <= start:
                start = _verb_group_start(doc, start, s.end)  # "X will not fly aboard Y": the cue's auxiliaries
            mod = how.forced_modality or (modality(doc, start, t1) if how.modality else None)
            conf = how.confidence if s.kind == o.kind == "name" else how.confidence * 0.9
            ev = Evidence(doc_id=doc_id, sentence=stext.strip(), start=sent.start_char, end=sent.end_char,
                          rule=how.id, confidence=conf)
            rel = Relation(subj=s.key, predicate=pred, obj=o.key, evidence=ev,
                           literal="date" if o.is_date else None, asserted=mod is None, modality=mod)
            k = _fact_key(rel, onto)
            if k not in rels or _better(rel, rels[k]):
                rels[k] = rel
            if title and mod is None:
                roles.setdefault((s.key, o.key), Role(holder=s.key, org=o.key, title=title, evidence=ev))
    return prune_implied(list(rels.values()), onto), list(roles.values())


@cache
def party_cues() -> frozenset[str]:
    """The party modifiers that stand right before a party's name and nothing else's ("the ruling", "the
    opposition", "right-wing"; not "main": "the main bank")."""
    return party_modifier_words() - {"main", "-", "moderate", "banned", "outlawed"}


# "the UN-run panel", "a NATO-led force", "a Paris-born architect": a name before one of these is a modifier
MODIFIER_PARTICIPLES = frozenset({"led", "run", "backed", "based", "owned", "funded", "sponsored", "controlled",
                                  "dominated", "brokered", "allied", "linked", "affiliated", "operated", "supported",
                                  "appointed", "installed", "held", "bound", "made", "built", "born", "bred", "raised",
                                  "educated", "trained"})


def _modifier_only(doc: Doc, o: Slot, end: int) -> bool:
    """The match ends with a name that only modifies the next noun ("X, the chair of the UN-run Panel on Y": not
    the UN's chair; "head of the US-backed government"). A rule that reads the modifier itself ("Lagos-based
    Kelm Bank") goes on past it. A place in a place keeps it: "Ohio, US-based X" (the caller)."""
    return end <= o.end and o.end + 1 < len(doc) and doc[o.end].text in ("-", "\u2013") \
        and doc[o.end + 1].lower_ in MODIFIER_PARTICIPLES


@cache
def _launch_sites() -> tuple[frozenset[str], tuple[str, ...]]:
    """The gazetteer's spaceports (gazetteer/space.jsonl "launch_site"), every name of each, normalised; and the
    heads of launch sites' names (org-words.jsonl launch_site_heads), lower case."""
    names = frozenset(norm_name(n) for r in gazetteer_rows() if r.get("launch_site")
                      for n in (r["label"], *r.get("aliases", [])))
    return names, tuple(sorted(h.lower() for h in data_words("org-words.jsonl", "launch_site_heads")))


def _a_launch_site(doc: Doc, sl: Slot) -> bool:
    """A place's slot that names a launch site: a spaceport of the gazetteer, or a name ending in a launch site's
    head ("Vostochny Cosmodrome", "Satish Dhawan Space Centre"; in a dateline's capitals too)."""
    text = doc[sl.start:sl.end].text
    names, heads = _launch_sites()
    return sl.coarse == "Place" and (norm_name(text) in names or text.lower().endswith(heads))


def _a_site(doc: Doc, s: Slot, t0: int, t1: int) -> bool:
    """An organisation whose name ends in a site's word (org-words.jsonl site_heads, of one to three words: "Kelm
    Hospital", "Kelm Space Centre"), so that where it is, is where it stands; not a company so named ("the Kelm
    Rocket and Space Centre": "and" in its name) nor one the sentence says is headquartered or based there."""
    words = [t.text for t in doc[s.start:s.end]]
    head = next((n for n in (3, 2, 1) if " ".join(words[-n:]) in site_heads()), 0)
    if not head or head > 1 and "and" in words:
        return False  # "Brigham and Women's Hospital" is a hospital, "Kelm Rocket and Space Centre" a company
    return not any(t.lower_.startswith(("headquarter", "based")) for t in doc[t0:t1])


def _modifies_a_noun(doc: Doc, o: Slot, end: int) -> bool:
    """A role's match ends with a place's name that modifies the common noun after it: the role is the noun's
    ("chief executive of the U.S. carmaker", "head of the Kenyan-run Nairobi delegation"), not the place's."""
    if end > o.end or o.end >= len(doc) or o.coarse != "Place":
        return False  # a body's name before its noun is the name of that body ("the PayPal division")
    root = doc[o.start:o.end].root
    noun = root.head
    if not (doc[o.end].is_lower and doc[o.end].is_alpha and root.dep_ in ("compound", "nmod", "amod")
            and noun.i >= o.end and noun.pos_ == "NOUN" and noun.is_lower):
        return False
    if noun.lower_ in word_lists()["PLACE_KINDS"]:
        return False  # "governor of Lagos state": the place itself
    return not (noun.i == o.end and noun.lower_ in description_kinds())
    # "Kaupthing bank": the body's own kind word right after its name; not "the Brazil central bank"


def _name_goes_on(doc: Doc, o: Slot, end: int, slots: Sequence[Slot]) -> bool:
    """The match ends with a place whose name a capitalised word goes on from, a word outside any mention and any
    entity of the NER's ("the Liberation Tigers of Tamil" + "Eelam"): the place is the start of a longer name the
    NER cut, not the object. A date's word is no such word ("died in Oslo Tuesday")."""
    i = o.end
    return end <= o.end and o.coarse == "Place" and i < len(doc) and doc[i].is_alpha and doc[i].text[:1].isupper() \
        and not doc[i].is_sent_start and doc[i].ent_iob_ == "O" and not any(sl.start <= i < sl.end for sl in slots)


# Predicates whose object may be a list: "educated at A and B", "a member of A and B"
COORDINATED = frozenset({"almaMater", "memberOf", "worksFor", "met", "award", "crewMemberOf"})


def _with_conjuncts(found: Sequence[Found], slots: Sequence[Slot], doc: Doc) -> list[Found]:
    """Each fact, and the same fact of every name coordinated with its object ("educated at Eton College
    and Oxford University": both), by the parse: a conjunct of the object's head word, of its class."""
    out = list(found)
    have = {(s.key, pred, o.key) for s, pred, o, *_ in found}
    for s, pred, o, how, span, title in found:
        if pred not in COORDINATED or how.inverse:
            continue
        head = next((t for t in doc[o.start:o.end] if not o.start <= t.head.i < o.end or t.head.i == t.i), None)
        if head is None:
            continue
        for c in head.conjuncts:
            other = next((sl for sl in slots if sl.start <= c.i < sl.end and sl.coarse == o.coarse
                          and sl.key not in (o.key, s.key) and sl.start >= o.end), None)
            if other is not None and (s.key, pred, other.key) not in have:
                have.add((s.key, pred, other.key))
                out.append((s, pred, other, how, (span[0], max(span[1], other.end)), title))
    return out


def _slots_by_sentence(doc: Doc, slots: Sequence[Slot]) -> dict[int, list[Slot]]:
    """The slots of each sentence, by the sentence's first token."""
    index = SentenceIndex(doc)
    out: dict[int, list[Slot]] = {}
    for sl in slots:
        out.setdefault(index.starts[index[sl.start]], []).append(sl)
    return out


# A role read from a title says more than the residence a place word before a name suggests
# ("the Bihar governor X" heads Bihar; that he lives there is no separate finding).
SUPERSEDES = {"heads": {"residence"}, "worksFor": {"residence"}}


# Sub-properties whose super-property is written too (commanders_in_crew), not pruned: a reader who asks a craft's
# crew in SPARQL, without RDFS inference, must find its commander among them.
WRITTEN_WITH_SUPER = {"commanderOf": "crewMemberOf"}


def prune_implied(relations: Sequence[Relation], onto: Ontology) -> list[Relation]:
    """Drop a fact that a more specific asserted fact of the same pair implies through
    rdfs:subPropertyOf (heads implies worksFor implies memberOf), except a commander's crewMemberOf
    (WRITTEN_WITH_SUPER)."""
    by_pair: dict[tuple[str, str], set[str]] = {}
    for r in relations:
        if r.asserted:
            by_pair.setdefault((r.subj, r.obj), set()).add(r.predicate)
    implied = {pair: set().union(*(onto.super_properties(p) - {WRITTEN_WITH_SUPER.get(p)} for p in preds),
                                 *(SUPERSEDES.get(p, set()) for p in preds))
               for pair, preds in by_pair.items()}
    return [r for r in relations if r.predicate not in implied.get((r.subj, r.obj), set())]


def commanders_in_crew(relations: Sequence[Relation]) -> list[Relation]:
    """A commander is one of the crew: an asserted commanderOf ("commanded by X", "X, the flight's commander") is
    written with its crewMemberOf too (WRITTEN_WITH_SUPER), on the same evidence, its rule marked "+crew"."""
    have = {(r.subj, r.predicate, r.obj) for r in relations}
    out = list(relations)
    for r in relations:
        sup = WRITTEN_WITH_SUPER.get(r.predicate)
        if sup and r.asserted and (r.subj, sup, r.obj) not in have:
            have.add((r.subj, sup, r.obj))
            out.append(replace(r, predicate=sup, evidence=replace(r.evidence, rule=f"{r.evidence.rule}+crew")))
    return out


def through_parts(relations: Sequence[Relation], entities: Sequence[Entity]) -> list[Relation]:
    """Docking with a part is docking with the whole: 'docked to the Poisk module' of a station that the
    text names gives dockedWith the station too, and the part's partOf (gazetteer part_of). A whole never docks
    with its own part ("Ax-6, the mission to the ISS, docked to the station's Harmony module": not the ISS; a module
    docks with its station, "Nauka docked with the ISS"), nor does a station's crew ("Expedition 80":
    spacecraft.jsonl station_crew), which no craft is, and nothing is part of one ("work on the ISS as part of
    Expedition 80")."""
    key_of = {norm_name(e.label): e.key for e in entities}
    label_of = {e.key: e.label for e in entities}
    crews = {e.key for e in entities if _station_crew(e)}

    def whole_of(part: str) -> str | None:
        label = label_of.get(part)
        entry = gazetteer().get(norm_name(label)) if label else None
        return key_of.get(norm_name(entry.part_of)) if entry and entry.part_of else None

    out = [r for r in relations if not (r.predicate == "dockedWith" and ({r.subj, r.obj} & crews
                                                                          or whole_of(r.obj) == r.subj)
                                        or r.predicate == "partOf" and r.obj in crews)]
    have = {(r.subj, r.predicate, r.obj) for r in out}
    for r in list(out):
        if r.predicate != "dockedWith" or not r.asserted:
            continue
        for craft, part in ((r.subj, r.obj), (r.obj, r.subj)):
            whole = whole_of(part)
            if whole is None or whole == craft:
                continue
            ev = replace(r.evidence, rule=f"{r.evidence.rule}+part-of")
            for fact in ((craft, "dockedWith", whole), (part, "partOf", whole)):
                if fact not in have:
                    have.add(fact)
                    out.append(replace(r, subj=fact[0], predicate=fact[1], obj=fact[2], evidence=ev))
    return out


@cache
def _station_crews() -> tuple[str, ...]:
    """The normalised names of the programs that are a station's crews, not flights ("expedition"; spacecraft.jsonl
    station_crew)."""
    return tuple(norm_name(r["program"]) for r in load_jsonl("spacecraft.jsonl") if r.get("station_crew"))


def _station_crew(e: Entity) -> bool:
    """A station's crew ("Expedition 80", "ISS-81"), no flight."""
    return e.cls == "Mission" and norm_name(e.label).startswith(_station_crews())


def to_the_flight(relations: Sequence[Relation], entities: Sequence[Entity]) -> list[Relation]:
    """A crew of a program named bare ("Soyuz commander X", "the Shenzhou crew") in a text that names exactly one
    numbered flight of that program ("Soyuz MS-30"): that flight's crew. Two flights named: the program stays."""
    flight: dict[str, str] = {}
    for e in entities:
        if norm_name(e.label) in programs():
            numbered = {f.key for f in entities if f.cls == "Spacecraft" and f.key.startswith(e.key + "-")
                        and any(c.isdigit() for c in f.key)}
            if len(numbered) == 1:
                flight[e.key] = numbered.pop()
    if not flight:
        return list(relations)
    have = {(r.subj, r.predicate, r.obj) for r in relations}
    out = []
    for r in relations:
        if r.predicate in ("crewMemberOf", "commanderOf") and r.obj in flight:
            if (r.subj, r.predicate, flight[r.obj]) in have:
                continue
            r = replace(r, obj=flight[r.obj], evidence=replace(r.evidence, rule=f"{r.evidence.rule}+flight"))
        out.append(r)
    return out


@cache
def _salient_craft_rules() -> frozenset[str]:
    """The token rules whose object is the passage's craft (rules.py "object": "salient-craft")."""
    return frozenset(r.id for r in load_rules() if r.implicit_object == "salient-craft")


def craft_over_station(relations: Sequence[Relation], entities: Sequence[Entity], onto: Ontology) -> list[Relation]:
    """A crew fact read on one sentence by a salient-craft rule both of a station and of a craft is the craft's: the
    first reading took the station because the craft was only described ("the spaceship ... docked with
    Tiangong's core module. The crew is made up of A, B and C"), the second, with the description resolved, the
    craft; a station is the passage's craft only when no other is (rules.py)."""
    stations = {e.key for e in entities if onto.is_a(e.cls, "SpaceStation")}
    crafts = {e.key for e in entities if onto.coarse(e.cls) in ("Spacecraft", "Mission")} - stations

    def key(r: Relation) -> tuple[str, str, int, str] | None:
        rule = r.evidence.rule.split("+")[0]
        if r.predicate not in ("crewMemberOf", "commanderOf") or rule not in _salient_craft_rules():
            return None
        return r.subj, r.predicate, r.evidence.start, rule

    of_a_craft = {key(r) for r in relations if r.obj in crafts} - {None}
    return [r for r in relations if not (r.obj in stations and key(r) in of_a_craft)]


def crew_of_the_capsule(relations: Sequence[Relation], entities: Sequence[Entity], text: str) -> list[Relation]:
    """A text about one flight and the one named capsule that flies it, both named in one sentence or two in a row
    ("Crew-17 lifted off ... in the Crew Dragon capsule Vigil", "Vast-1 ... on the Dragon capsule Resilience"),
    the capsule not named as a Shuttle orbiter or a cargo craft: a crew member or
    commander of either is a crew member of the other. A named capsule is a Spacecraft whose name holds no number and
    is no program's ("Crew Dragon"), no Shuttle orbiter's ("Space Shuttle Endeavour") and not named after a program
    that flies no crew ("Dream Chaser Tenacity"); a station's crew ("Expedition 80":
    spacecraft.jsonl station_crew) is no flight. Two flights or two capsules: nothing (which flies which?)."""
    flights = [e for e in entities if e.cls == "Mission" and not _station_crew(e)]
    capsules = [e for e in entities if e.cls == "Spacecraft" and not any(c.isdigit() for c in e.label)
                and norm_name(e.label) not in programs() and not norm_name(e.label).startswith("space shuttle")]
    if len(flights) != 1 or len(capsules) != 1:
        return list(relations)
    near = {m.sent + d for m in flights[0].mentions for d in (-1, 0, 1)}
    if not near & {
            m.sent for m in capsules[0].mentions if not _after_uncrewed_program(m, text)}:
        return list(relations)  # (one sentence names both, or two in a row: "Crew-17 lifted off ... The Dragon
        # spacecraft Vigil ...")
    other = {flights[0].key: capsules[0].key, capsules[0].key: flights[0].key}
    have = {(r.subj, r.predicate, r.obj) for r in relations}
    out = list(relations)
    for r in relations:
        if r.predicate in ("crewMemberOf", "commanderOf") and r.obj in other and r.asserted \
                and (r.subj, "crewMemberOf", other[r.obj]) not in have:
            have.add((r.subj, "crewMemberOf", other[r.obj]))
            out.append(replace(r, predicate="crewMemberOf", obj=other[r.obj],
                               evidence=replace(r.evidence, rule=f"{r.evidence.rule}+capsule")))
    return out


def _after_uncrewed_program(m: Mention, text: str) -> bool:
    """A craft's name written after the name of a program that flies no crew ("Dream Chaser Tenacity") or after
    "shuttle" (an orbiter: "the shuttle Discovery")."""
    before = text[max(0, m.start - 30):m.start].lower().rstrip()
    return before.endswith("shuttle") or any(before.endswith(p.lower()) for p in _uncrewed_program_names())


@cache
def _uncrewed_program_names() -> tuple[str, ...]:
    """The names of the programs whose craft fly without people (spacecraft.jsonl "crewed": false)."""
    return tuple(r["program"] for r in load_jsonl("spacecraft.jsonl") if r.get("crewed") is False)


def members_not_staff(relations: Sequence[Relation], entities: Sequence[Entity],
                      roles: Sequence[Role] = (), doc: Doc | None = None) -> list[Relation]:
    """Working for a party, a legislature or an alliance is being its member: "X of the Liberal Party",
    "the Liberal Party's X", "the Liberal's X", "X from the Kelm Unity party" (a mention right before the word, in
    `doc`) are memberOf, not worksFor (its leader still heads it). Staff keep worksFor: a title that is not a
    member's ("a clerk of the House of Commons", "Star Alliance spokesman X")."""
    heads = tuple(h.lower() for h in membership_heads())  # "the Law and Justice party" too
    bodies = {e.key for e in entities  # a party named by its word alone too: "the Liberals' X" (party_words)
              if e.label.lower() in heads or e.label.lower().endswith(tuple(f" {h}" for h in heads))
              or e.label in party_words()
              or doc is not None and any(_closing_party_word(doc, m.token_end) for m in e.mentions)}
    members = member_roles()
    staff = {(r.holder, r.org) for r in roles
             if not {w.lower().rstrip("s") for w in r.title.split()} <= members}
    return [replace(r, predicate="memberOf") if r.predicate == "worksFor" and r.obj in bodies
            and (r.subj, r.obj) not in staff else r for r in relations]


def _closing_party_word(doc: Doc, i: int) -> bool:
    """Token i is the word "party" closing a name ("the Lega Nord party said"), not a noun's modifier ("Kelm Bank
    party guests"). (mentions._before_party_word types such a name a body's, without the noun test and in lower case
    only: one test for both would change the types it gives.)"""
    nxt = doc[i + 1] if 0 <= i + 1 < len(doc) else None
    return 0 <= i < len(doc) and doc[i].lower_ == "party" and not (nxt is not None and nxt.is_lower
                                                                    and nxt.pos_ == "NOUN")


@cache
def _alias_patterns() -> tuple[Pattern, ...]:
    return tuple(p for p in load_patterns() if p.predicate == ALIAS)


def find_aliases(doc: Doc, slots: Sequence[Slot], *, ontology: Ontology | None = None) -> list[tuple[str, str]]:
    """(entity key, key of another name of it) for "X, also known as Y"-patterns (predicate @alias)."""
    onto = ontology or load_ontology()
    out: list[tuple[str, str]] = []
    patterns = _alias_patterns()
    by_sent = _slots_by_sentence(doc, slots)
    full_text = doc_text(doc)  # once: a Span's .text joins its tokens again at every call
    for sent in doc.sents:
        in_sent = by_sent.get(sent.start, [])
        if len(in_sent) < 2:
            continue
        text = full_text[sent.start_char:sent.end_char].lower()
        todo = [p for p in patterns if p.cue is None or p.cue.search(text)]
        if not todo:
            continue
        sig, marks, char_tok = signature(sent, in_sent, onto)
        for p in todo:
            for s, _, o, *_ in _match_seq(p, sig, marks, char_tok, in_sent, doc):
                if s.key != o.key and s.coarse == o.coarse and s.kind == o.kind == "name":
                    out.append((s.key, o.key))
    return out


def _fact_key(r: Relation, onto: Ontology) -> tuple[str, str, str]:
    """One key per fact: a symmetric fact stated either way is one."""
    if onto.properties[r.predicate].symmetric:
        return (min(r.subj, r.obj), r.predicate, max(r.subj, r.obj))
    return (r.subj, r.predicate, r.obj)


def merge_relations(*groups: Iterable[Relation], ontology: Ontology | None = None) -> list[Relation]:
    """The union of several readings: one relation per fact, the best evidence kept."""
    onto = ontology or load_ontology()
    out: dict[tuple[str, str, str], Relation] = {}
    for group in groups:
        for r in group:
            k = _fact_key(r, onto)
            if k not in out or _better(r, out[k]):
                out[k] = r
    return list(out.values())


def _better(new: Relation, old: Relation) -> bool:
    """Asserted beats not asserted; then the higher confidence."""
    return (new.asserted, new.evidence.confidence) > (old.asserted, old.evidence.confidence)


def _fits(onto: Ontology, pred: str, s: Slot, o: Slot) -> bool:
    if s.is_date:
        return False
    if pred == "locatedIn" and onto.is_a(s.cls, "Country") and o.key not in region_keys():
        return False  # a country lies in no country, state or town ("Cameroon, Australia, the United States"),
        # only in a region of the world ("Kenya, east Africa")
    return onto.fits(pred, s.cls, None if o.is_date else o.cls)


@cache
def region_keys() -> frozenset[str]:
    """The entity keys of the world's regions (ontologies/regions.jsonl, UN M49): "Africa", "Southeast Asia"."""
    names: set[str] = set()
    for row in load_jsonl("regions.jsonl"):
        regions = row.get("world_regions", [])
        names.update(regions)
        for word in row.get("compass_forms", []):
            names.update(f"{word} {r}" for r in regions if " " not in r)
    return frozenset(f"place/{slug(n)}" for n in names if norm_name(n) not in gazetteer())  # not "South Africa"


def _slots_in(marks: Sequence[tuple[int, int, int]], span: tuple[int, int], slots: Sequence[Slot]) -> list[Slot]:
    a, b = span
    return [slots[j] for (s, e, j) in marks if a <= s and e <= b]


def _local_person(sig: str, marks: Sequence[tuple[int, int, int]], slots: Sequence[Slot], pos: int) -> Slot | None:
    """The person named just before `pos` in the same clause (no comma, semicolon or 'and' between)."""
    before = [(e, j) for (b, e, j) in marks if e <= pos and slots[j].coarse == "Person"]
    if not before:
        return None
    end, j = max(before)
    gap = sig[end:pos]
    return None if re.search(r",|;| and | but | while ", gap) else slots[j]


def _group_slots(m: re.Match[str], role: str, marks: Sequence[tuple[int, int, int]], slots: Sequence[Slot]
                 ) -> list[Slot]:
    """The slots inside the matched groups of a role: `o`, or its alternatives `o2`, `o3`..."""
    out: list[Slot] = []
    for name, value in m.groupdict().items():
        if value is not None and (name == role or (name[:1] == role and name[1:].isdigit())):
            out.extend(_slots_in(marks, m.span(name), slots))
    return out


Found = tuple[Slot, str, Slot, "Pattern | TokenRule", tuple[int, int], str | None]  # subject, predicate, object, ...


@cache
def anchor_index() -> tuple[Any, frozenset[int]]:
    """An Aho-Corasick automaton (pyahocorasick) of the strings a seq pattern cannot match without (one
    OR-set of each, prefilter.required_strings: the first of lower-case words), each string giving the
    positions in load_patterns() of the patterns it admits; and the positions of the patterns without such
    a set, searched in every signature. None for the automaton when no pattern has a set."""
    import ahocorasick

    anchors: dict[str, set[int]] = {}
    always: set[int] = set()
    for i, p in enumerate(load_patterns()):
        sets = [o for o in required_strings(p.regex) if of_words(o)] if p.kind == "seq" else []
        if not sets:
            always.add(i)
            continue
        for w in sets[0]:
            anchors.setdefault(w, set()).add(i)
    if not anchors:
        return None, frozenset(always)
    auto = ahocorasick.Automaton()
    for w, ids in anchors.items():
        auto.add_word(w, frozenset(ids))
    auto.make_automaton()
    return auto, frozenset(always)


def _admitted(sig: str) -> set[int]:
    """The positions in load_patterns() of the patterns that may match a signature: one pass in C."""
    auto, always = anchor_index()
    out = set(always)
    if auto is not None:
        for _, ids in auto.iter(sig):
            out |= ids
    return out


def _match_patterns(patterns: Sequence[Pattern], sent: Span, in_sent: Sequence[Slot], onto: Ontology, *,
                    text: str | None = None) -> list[Found]:
    """The facts of the regular-expression patterns (seq, dep, cooc) in a sentence of two mentions or more
    (`text`: the sentence's text in lower case, when the caller has it). The patterns of load_patterns()
    are searched only where their required strings are (anchor_index)."""
    sig, marks, char_tok = signature(sent, in_sent, onto)
    text = sent.text.lower() if text is None else text
    present = {_marker(s) for s in in_sent}
    admitted = _admitted(sig) if patterns is load_patterns() else None
    found: list[Found] = []
    for i in range(len(patterns)) if admitted is None else sorted(admitted):
        p = patterns[i]
        if p.predicate == ALIAS \
                or (p.markers and p.markers.isdisjoint(present)) \
                or any(ms.isdisjoint(present) for ms in p.marker_sets) \
                or (p.cue is not None and not p.cue.search(text)) \
                or (p.requires is not None and not p.requires.search(sig)):
            continue
        if p.kind == "seq":
            if p.regex.search(sig) is not None:  # most patterns do not match: test before the work
                found.extend(_match_seq(p, sig, marks, char_tok, in_sent, sent.doc))
        elif p.kind == "dep":
            found.extend(_match_dep(p, sent.doc, in_sent, onto))
    for p in patterns:
        if p.kind == "cooc" and (p.requires is None or p.requires.search(sig)):
            # a slot that is the object of a fact whose subject is of its own class ("docked with
            # the ISS") is not what the sentence is about
            used_obj = {id(o) for s, _, o, _, _, _ in found if s.coarse == o.coarse}
            found.extend(_match_cooc(p, in_sent, used_obj))
    return found


def _salient_craft(sent: Span, by_sent: dict[int, list[Slot]], starts: Sequence[int], headline: str | None = None
                   ) -> list[Slot]:
    """The spacecraft or mission a passage is about: the one named in this sentence or the two before
    it (a station only when no other craft is named, a station's module never; not one named in a relative clause
    or an apposition to a person, a crew member's past flight: "who flew on Shenzhou-19", "X, a veteran of the
    Shenzhou-23 mission"); when two compete, the one the headline names ("China launches Shenzhou-25 crewed
    spaceship"), if it names one of them only, else none. A mission and a craft named without a number ("the Crew Dragon
    capsule Resolve") are no competitors: the craft flies the mission, whose crew it is; so is the mission
    the report leads with, named before the window. A numbered craft ("Soyuz MS-40") is a flight of its own
    and competes. A cargo craft ("Progress MS-36") competes but has no crew: chosen, it means none (the crew named
    beside its docking is the station's), and the crew rules say nothing."""
    i = starts.index(sent.start)
    window = starts[max(0, i - 2):i + 1]
    doc = sent.doc
    crafts = [sl for st in window for sl in by_sent.get(st, []) if sl.coarse in ("Spacecraft", "Mission")
              and not _in_relative_clause(doc[sl.start]) and not _of_a_person(doc[sl.start], by_sent.get(st, []))]
    vehicles = [sl for sl in crafts if sl.cls not in ("SpaceStation", "StationModule")] \
        or [sl for sl in crafts if sl.cls != "StationModule"]  # a module is no crew's craft: its station may be
    last = {sl.key: sl for sl in vehicles}  # each key at its last mention
    if not last:
        return []
    if len(last) > 1:  # one mission and the craft that carry it ("Crew Dragon", "Resolve"), or none
        missions = [sl for sl in last.values() if sl.coarse == "Mission"]
        numbered = any(_numbered(sl) for sl in last.values() if sl.coarse == "Spacecraft")
        if len(missions) == 1 and not numbered:
            return missions
        lead = [sl for sl in last.values() if named_in(doc[sl.start:sl.end].text, headline)]
        return lead if len(lead) == 1 else []
    chosen = vehicles[-1]
    # the mission the report leads with (its first sentence, not a relative clause: "X, who flew on Crew-9")
    # and a craft named later without a number ("Ax-6 blasted off ... The Crew Dragon spacecraft ... The crew
    # includes"): the mission's crew. Any other mission named by then competes with the craft; one named
    # further on ("The crew will join Expedition 75") does not
    named_by_then = [sl for st in starts[:i + 1] for sl in by_sent.get(st, []) if sl.coarse == "Mission"]
    if chosen.coarse == "Spacecraft" and any(m.key != chosen.key for m in named_by_then):
        lead = [m for m in by_sent.get(starts[0], [])
                if m.coarse == "Mission" and not _in_relative_clause(doc[m.start])]
        return lead[:1] if lead and not _numbered(chosen) else []
    return [chosen]


def _of_a_person(tok: Token, in_sent: Sequence[Slot]) -> bool:
    """A word inside an apposition that gives a person's past flight ("Li Wen, a veteran of the Shenzhou-23
    mission, ..."; not "X, the commander of Shenzhou-27", the flight now)."""
    for _ in range(8):
        if tok.dep_ == "appos":
            return any(sl.coarse == "Person" and sl.start <= tok.head.i < sl.end for sl in in_sent) \
                and any(t.lower_ in ("veteran", "veterans", "former", "formerly", "previously") for t in tok.subtree)
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


@cache
def _uncrewed_programs() -> tuple[str, ...]:
    """The name slugs of the programs whose craft fly without people (spacecraft.jsonl "crewed": false)."""
    return tuple(slug(p) for p in _uncrewed_program_names())


def _uncrewed(slot: Slot) -> bool:
    """A craft of a program that flies no crew ("Progress MS-36", "Cygnus NG-24"): the crew named beside its docking
    is the station's, never its own. Read from the entity's key ("spacecraft/progress-ms-36")."""
    name = slot.key.split("/", 1)[-1]
    return any(name == p or name.startswith(p + "-") or f"-{p}-" in name  # "dragon-crs-35"
               for p in _uncrewed_programs())


def _numbered(slot: Slot) -> bool:
    """A craft whose name has a number in it: one flight ("Soyuz MS-40", "Shenzhou-30"), not a type or a
    capsule's own name ("Crew Dragon", "Resolve"). Read from the entity's key, the same for "the ship"."""
    return any(c.isdigit() for c in slot.key)


def _in_relative_clause(tok: Token) -> bool:
    """A word inside a relative clause in the past ("a former pilot who flew on Shenzhou-19", "who had
    flown on"): a craft named there is a crew member's past flight, said in passing, not what the passage
    is about. A clause of the future ("who will launch on Soyuz MS-25") names a craft that competes."""
    for _ in range(12):
        if tok.dep_ == "relcl":
            return tok.tag_ == "VBD" or any(c.lower_ in ("has", "have", "had") for c in tok.children)
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def _resolve_titles(found: Iterable[Found]) -> Iterable[Found]:
    """Facts whose predicate is "@title": the title's predicate (titles.jsonl), or none."""
    for s, pred, o, how, span, title in found:
        if pred == "@title":
            pred = title_predicate(title or "")
        if pred:
            yield s, pred, o, how, span, title


def _one_of_several(doc: Doc, t0: int, t1: int, title: str, o: Slot) -> bool:
    """A head's title right after an indefinite article ("X, a director of Y", "a managing director at Y", "a Kelm
    Bank director", "a non-executive director of Y"): one of the body's several, not its head. The title is its
    first word nearest the body among the fact's words ("a vice president of A and now the president of B": B's is
    "the president"); between the article and the title the words of titles ("managing", "director" read alone),
    adjectives and adverbs and the body's name may stand (so "an outspoken president of Y" reads as one of several
    too: rarer in news than "a senior director", "an independent director")."""
    first = title_key(title).split()[0]
    at = [i for i in range(t0, t1) if title_key(doc[i].text) == first]
    if not at:
        return False
    i = min(at, key=lambda k: min(abs(k - o.start), abs(k - (o.end - 1))))
    j = i - 1
    while j >= t0 and (doc[j].lower_ in title_words()[0] or o.start <= j < o.end or doc[j].text in POSSESSIVE
                       or doc[j].pos_ in ("ADJ", "ADV") and doc[j].lower_ not in ("a", "an")):
        j -= 1
    return j >= t0 and doc[j].lower_ in ("a", "an")


def _heads_a_part(doc: Doc, o: Slot, title: str) -> bool:
    """A title held over a part of the body named before a possessive: "the head of Norway's delegation",
    "director of Kelm's biofuel unit" (not "Kelm's chief executive": the title after the possessive, nor
    "the chairman of Kelm's board": its board is the body's own head)."""
    if o.end >= len(doc) or doc[o.end].text not in POSSESSIVE:
        return False
    after = [t.lower_ for t in doc[o.end + 1:o.end + 6]]
    first = title.lower().replace("-", " ").split()[0]
    return first not in after and "board" not in after[:4]


def _possessed_place(doc: Doc, o: Slot, slots: Sequence[Slot]) -> Slot | None:
    """The place named right after "<o>'s" ("China's Hebei Province", "Russia's Amur region"): the nearer container
    of what lies "in" it (possessive-place states that it lies in <o>), or None."""
    if o.end + 1 >= len(doc) or doc[o.end].text not in POSSESSIVE or o.start > 0 and doc[o.start - 1].text == ",":
        return None  # (not "on Queensland, Australia's Sunshine Coast": Queensland lies in Australia)
    inner = next((sl for sl in slots if sl.start == o.end + 1 and sl.coarse == "Place" and sl.key != o.key), None)
    if inner is None or doc[inner.start].lower_.replace("-", "") in word_lists()["COMPASS"] \
            or inner.end < len(doc) and doc[inner.end].lower_ == "and":
        return None  # "a city in Afghanistan's South": a part of the country, no place of its own; "India's Jammu
        # and Kashmir": the NER cut the name
    return inner


def _apposed_org(doc: Doc, o: Slot, slots: Sequence[Slot]) -> Slot | None:
    """The organisation named in apposition to "<o>'s <words>": "Norway's state oil firm, Kelm Oil"."""
    i = o.end + 1
    while i < min(len(doc), o.end + 8) and doc[i].is_lower and doc[i].is_alpha:
        i += 1
    if i + 1 >= len(doc) or doc[i].text != "," or i == o.end + 1:
        return None
    return next((sl for sl in slots if sl.start == i + 1 and sl.coarse == "Organization"), None)


def _party_office(doc: Doc, o: Slot, title: str) -> bool:
    """A party named by its word alone before an office won at elections ("Democratic mayor X",
    "Republican Governor X", "the Democratic Speaker"): the office is a city's, a state's or a house's,
    and its holder is the party's member (the ELECTED_OFFICE list of rules/roles.jsonl). "Labour leader X"
    still heads the party."""
    words = title_key(title).split()
    named = " ".join(t.text for t in doc[o.start:o.end] if t.lower_ != "the") if o.coarse == "Organization" else ""
    return bool(words) and words[-1] in word_lists()["ELECTED_OFFICE"] and named in party_words()


@cache
def _heads_only() -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """A title's key -> (words of the names of the bodies its holder heads, the names with one that are none of them):
    titles.jsonl "heads_only", "heads_none_of"."""
    return {title_key(r["title"]): (frozenset(r["heads_only"]), frozenset(r.get("heads_none_of", [])))
            for r in load_jsonl("titles.jsonl") if "heads_only" in r}


@cache
def _heads_none_of_class() -> dict[str, frozenset[str]]:
    """A title's key -> the ontology classes of the bodies its holder does not head (titles.jsonl
    "heads_none_of_class": a "commander" of a space agency commands a flight, not the agency)."""
    return {title_key(r["title"]): frozenset(r["heads_none_of_class"])
            for r in load_jsonl("titles.jsonl") if "heads_none_of_class" in r}


@cache
def _heads_only_countries() -> dict[str, frozenset[str]]:
    """A title's key -> the slugs of the only countries its holder heads (titles.jsonl "heads_only_countries": a
    chancellor heads Germany's government, not the United Kingdom's)."""
    return {title_key(r["title"]): frozenset(slug(c) for c in r["heads_only_countries"])
            for r in load_jsonl("titles.jsonl") if "heads_only_countries" in r}


def _heads_this_kind(doc: Doc, o: Slot, title: str) -> bool:
    """Whether a head's title heads the body named: always, but for the titles that head some kinds of bodies only
    ("speaker": a house, a parliament; not the White House), those that head none of some classes ("Commander X
    of NASA": a flight's commander, who works for the agency) and those that head some countries only ("UK Chancellor
    X": a minister of its government; Germany's chancellor heads it)."""
    key = title_key(title).split(" and ")[-1].strip()
    if o.cls in _heads_none_of_class().get(key, ()):
        return False
    countries = _heads_only_countries().get(key)
    if countries is not None and o.cls == "Country":
        return o.key.rsplit("/", 1)[-1] in countries
    kinds = _heads_only().get(key)
    if kinds is None or o.coarse != "Organization":
        return True
    name = " ".join(t.text for t in doc[o.start:o.end] if t.lower_ != "the")
    return any(t.text in kinds[0] for t in doc[o.start:o.end]) and name not in kinds[1]


@cache
def _not_government() -> frozenset[str]:
    """The words that make a title no current office of a government (NOT_GOVERNMENT's and NOT_CURRENT's: "shadow",
    "press", "former"), without the function words the rules' gap also stops at ("the", "of")."""
    words = word_lists()["NOT_GOVERNMENT"] | word_lists()["NOT_CURRENT"]
    return words - FUNCTION_WORDS - {"to", "said", "says", "told"}


def _serves_a_state(title: str | None) -> bool:
    """A title whose holder works for a country: a government role (rules/roles.jsonl GOVERNMENT_ROLE) that ends it
    or that "of", "for" or "to" follows ("foreign minister", "Secretary of State", "ambassador to Kenya"), or a
    state's office that ends it (STATE_OFFICE: "treasurer", "attorney general", "government spokesman"), and no
    word that makes it another's (NOT_GOVERNMENT: "press secretary", "party secretary", "goodwill ambassador")."""
    words = title_key(title or "").split()
    roles = word_lists()["GOVERNMENT_ROLE"]
    if not words or _not_government().intersection(words[:-1]):
        return False
    if words[-1] in roles or any(w in roles and nxt in ("of", "for", "to") for w, nxt in zip(words, words[1:],
                                                                                         strict=False)):
        return True
    mods = word_lists()["STATE_OFFICE_MODS"]  # "federal prosecutor", not "oil firm treasurer"
    return any(tuple(words[-len(office):]) == office and set(words[:-len(office)]) <= mods
               for office in word_phrases("STATE_OFFICE"))  # ("attorney general": a title must end with one)


def _serves_the_country(doc: Doc, o: Slot, title: str | None) -> bool:
    """A title that makes its holder work for the country `o`: a government role (`_serves_a_state`), of the country
    named, not the one where an envoy serves ("its US ambassador X", "Israel's UN ambassador X"), nor a portfolio the
    country's demonym names ("Indian Affairs Minister X")."""
    hosted = o.start > 0 and (doc[o.start - 1].lower_ in ("its", "their", "his", "her")
                              or doc[o.start - 1].text in POSSESSIVE)
    portfolio = o.end < len(doc) and doc[o.end].lower_ == "affairs"
    return _serves_a_state(title) and not hosted and not portfolio


def _heads_a_department(title: str) -> bool:
    """'Finance Minister', 'foreign secretary': a title whose last word heads a department (titles.jsonl
    org_name) and that is not a title of its own ('prime minister')."""
    words = title_key(title).split()
    while len(words) > 1 and words[0] in title_words()[1]:
        words = words[1:]  # "acting Prime Minister": the prime minister's title
    return bool(words) and " ".join(words) not in title_table() and words[-1] in org_names() \
        or " ".join(words) in org_names()


def _match_rules(sent: Span, slots: Sequence[Slot], salient: Callable[[], list[Slot]], *,
                 text: str | None = None) -> Iterable[Found]:
    """The facts of the token rules (ontologies/rules/, kg/extract/rules.py) in one sentence."""
    for rule, args, span, title in match_rules(sent, slots, _marker, text=text):
        if rule.implicit_object == "salient-craft" and not args.get("o"):
            args = {**args, "o": salient()}
        pred = rule.predicate  # "@title" is resolved by _resolve_titles
        if "pair" in args:
            for a, b in combinations(args["pair"], 2):
                yield a, pred, b, rule, span, title
            continue
        for s in args.get("s", []):
            for o in args.get("o", []):
                yield s, _commander_in_list(sent.doc, s, pred), o, rule, span, title


# The words that may stand right before "commander" in a crew list for the member to command the craft: a list's
# opening or separator, or the craft's own noun ("The crew is made up of commander A, ...", "the spacecraft commander
# A"); anything else ("a retired air force commander A", "former shuttle commander A", "Navy commander A") leaves a
# crew member
COMMANDER_IN_LIST_AFTER = frozenset({",", "and", "of", ":", "include", "includes", "included", "are", "were", "is",
                                     "was", "mission", "spacecraft", "flight", "crew", "ship", "capsule", "the", "its",
                                     "by", "with"})


def _commander_in_list(doc: Doc, s: Slot, pred: str) -> str:
    """A crew list's member called "commander" ("The crew is made up of commander A, flight engineer B and ...") is
    the craft's commander (commanders_in_crew writes the crewMemberOf too); any other predicate stays."""
    if pred != "crewMemberOf" or s.start < 1 or doc[s.start - 1].lower_ != "commander":
        return pred
    if doc[s.start - 1].is_sent_start:
        return "commanderOf"  # "Commander A, pilot B and C made up NASA's Crew-15 mission"
    return "commanderOf" if doc[s.start - 2].lower_ in COMMANDER_IN_LIST_AFTER else pred


# "X is estimated to be worth $10 billion and is the current chairman of Y", "X, who has served as chief
# executive of Y since 2003": a title "of"/"at" a body, its holder found through the parse (the subject of
# the copula or of "serve as", through coordinated verbs and relative clauses), however far away.
TITLE_DEPS = TokenRule(id="title-of-by-parse", predicate="@title", pattern=(), args=(), confidence=0.75)
AS_VERBS = {"serve", "serves", "served", "serving", "work", "works", "worked", "working", "remain", "remains",
            "remained", "stay", "stays", "stayed", "continue", "continues", "continued", "act", "acts", "acted"}
COPULAS = {"be", "is", "was", "are", "were", "been", "being", "become", "becomes", "became", "remain", "remains",
           "remained"}


PAST_WORDS = {"formerly", "previously", "once", "until", "recently", "ex"}
ROLE_PREDICATES = frozenset({"heads", "worksFor", "memberOf"})  # held now or not: "former" ends them, not a nationality
ADVERB_TOO = frozenset({"then", "past"})  # words of NOT_CURRENT that are adverbs as often: "the then minister" only


def _not_current(doc: Doc, t0: int, t1: int) -> bool:
    """A role match (tokens t0..t1) the text says is over: "former", "late", "ex" ... right before it ("Former Kelm
    executive X") or right after a possessive in it ("Kelm's former chief executive X"); not one further on, which
    may be another role ("ESA astronaut X, a former fighter pilot")."""
    not_now = word_lists()["NOT_CURRENT"]
    before = doc[t0 - 2] if t0 >= 2 else None
    adjective = before is not None and (before.lower_ == "the" or before.text in POSSESSIVE)  # "the then minister"
    if t0 > 0 and doc[t0 - 1].lower_ in not_now and (doc[t0 - 1].lower_ not in ADVERB_TOO or adjective):
        return True  # not the adverb: "and then Kelm Bank economist X said"
    if t0 > 1 and word_before(doc, t0).i == t0 - 2 and doc[t0 - 2].lower_ in not_now:
        return True  # "then-Kelm Bank chairman X", "ex-Kelm Bank chairman X"
    return any(doc[i].text in POSSESSIVE and doc[i + 1].lower_ in not_now for i in range(t0, min(t1, len(doc) - 1)))


ENDED_BY = frozenset({"death", "resignation", "retirement", "removal", "ouster", "dismissal", "defeat", "arrest",
                      "leaving", "stepping", "resigning", "retiring"})


def _period_over(doc: Doc, t0: int, t1: int, end: int) -> bool:
    """A role the text puts in a closed past period (match tokens t0..t1, sentence end `end`): a past verb in the
    match and, in the eight words after it, "from 1968 to 1984", "between 1995 and 2001", "until 2006" or "until
    his death / leaving office" ("X was prime minister of Kelm from 1968 to 1984", "X had been governor of Y for
    eight years, until leaving office"). Not "X is chairman until 2030" (no past verb), "X has been mayor since
    2001" (no end)."""
    if not any(t.lower_ in ("was", "were", "had") for t in doc[max(0, t0 - 3):t1]):
        return False
    after = doc[t1:min(t1 + 10, end)]
    for k, t in enumerate(after[:8]):
        rest = after[k + 1:]
        j = _year_after(rest, 0) if t.lower_ in ("from", "between") else None
        if j is not None and j < len(rest) and rest[j].lower_ in ("to", "until", "till", "and", "-", "\u2013") \
                and _year_after(rest, j + 1) is not None:
            return True  # "from 1968 to 1984", "from July 2003 to 2006"
        if t.lower_ in ("until", "till") and len(rest) >= 1 and (
                rest[0].ent_type_ == "DATE" or _year(rest[0]) or rest[0].lower_ in ENDED_BY
                or rest[0].lower_ in ("his", "her", "their") and len(rest) >= 2 and rest[1].lower_ in ENDED_BY):
            return True
    return False


def _year_after(toks: Span, i: int) -> int | None:
    """The index after a year at toks[i], a month's name before it allowed ("1968", "July 2003"), or None."""
    if i < len(toks) and toks[i].lower_ in MONTHS:
        i += 1
    return i + 1 if i < len(toks) and _year(toks[i]) else None


def _year(t: Token) -> bool:
    """A year written in four digits, 1800-2099 ("1968"; not "250", "4000")."""
    return len(t.text) == 4 and t.text.isdigit() and t.text[:2] in ("18", "19", "20")


@cache
def _title_words() -> tuple[frozenset[str], frozenset[str]]:
    """(the last words of the titles, the words of roles held before: "former", "until")."""
    return frozenset(t.split()[-1] for t in title_table()), word_lists()["NOT_CURRENT"] | PAST_WORDS


def _word_before_prep(sent: Span, slot: Slot, preps: tuple[str, ...]) -> Token | None:
    """The word of `sent` before "<prep> (the) <slot>" ("chairman" in "chairman of the Kelm Bank", "engineer" in
    "a flight engineer on Expedition 82"), or None."""
    doc = sent.doc
    k = slot.start - (2 if slot.start >= 2 and doc[slot.start - 1].lower_ == "the" else 1)
    return doc[k - 1] if k - 1 >= sent.start and doc[k].lower_ in preps else None


def _match_title_deps(sent: Span, slots: Sequence[Slot]) -> Iterable[Found]:
    doc = sent.doc
    titles = title_table()
    last, not_now = _title_words()
    seen: set[int] = set()
    for body in slots:  # "<title> of/at (the) <body>", found from the bodies (few) rather than the tokens
        if body.coarse not in ("Organization", "Place") or body.kind != "name" or body.start in seen:
            continue
        seen.add(body.start)
        tok = _word_before_prep(sent, body, ("of", "at"))
        if tok is None or tok.lower_ not in last:
            continue
        if body.end < len(doc) and doc[body.end].pos_ in ("NOUN", "PROPN"):
            continue  # "head of Iraqi police", "chairman of the Senate Judiciary Committee": a name cut short
        start = next((tok.i - n for n in (4, 3, 2, 1, 0) if tok.i - n >= sent.start
                      and " ".join(doc[tok.i - n:tok.i + 1].text.lower().replace("-", " ").split()) in titles), tok.i)
        before = {t.lower_ for t in doc[max(start - 3, sent.start):start]}
        if before & not_now or before & word_lists()["UNDER"]:
            continue  # "the former commanding officer of Y", "Deputy Prime Minister of Y"
        holder = _title_holder(tok)
        person = next((sl for sl in slots if holder is not None and sl.start <= holder.i < sl.end
                       and sl.coarse == "Person"), None)
        aside = {t.i for c in holder.children if c.dep_ == "relcl" and tok not in c.subtree for t in c.subtree} \
            if holder is not None else set()  # "X, who until now served as ..., has been appointed TITLE of Y"
        if person is None or any(t.lower_ in not_now and t.i not in aside for t in doc[min(person.end, start):start]):
            continue  # "X, who, until recently, was a member of Y"
        yield person, "@title", body, TITLE_DEPS, (min(person.start, start), body.end), doc[start:tok.i + 1].text


# "X, who is working on the station as part of the Expedition 81 crew", "X is aboard as a flight engineer of
# Expedition 82", "the cosmonaut served as a member of Expedition 72": a crew role "of"/"on" a flight, its holder found
# through the parse as a title's is; a role held before is still a crew membership (a flight that has flown).
CREW_DEPS = TokenRule(id="crew-role-of-by-parse", predicate="crewMemberOf", pattern=(), args=(), confidence=0.75)


def _match_crew_deps(sent: Span, slots: Sequence[Slot]) -> Iterable[Found]:
    doc = sent.doc
    roles = word_lists()["CREW_OF"]  # "engineer", "member", "veteran" (rules/crews.jsonl)
    for craft in slots:
        tok = _word_before_prep(sent, craft, ("of", "on", "for")) if craft.coarse in ("Mission", "Spacecraft") else None
        if tok is None:
            continue
        after = doc[craft.end] if craft.end < len(doc) else None
        crew_after = after is not None and after.lower_ == "crew"  # "part of the Expedition 81 crew"
        if after is not None and after.pos_ in ("NOUN", "PROPN") and not crew_after \
                and after.lower_ not in word_lists()["CRAFT_NOUN"]:
            continue  # the craft ends no phrase: "a veteran of the Apollo era", "the Artemis program" (but "the
            # Shenzhou-21 mission")
        if tok.lower_ not in roles and not (crew_after and doc[tok.i + 1].lower_ == "of" and tok.lower_ == "part"):
            continue
        if tok.lower_.startswith(("engineer", "specialist")) \
                and doc[tok.i - 1].lower_ not in word_lists()["CREW_FIELD"]:
            continue  # a flight engineer, a mission specialist; not "a propulsion engineer on the Crew-12 mission"
        if tok.i > 0 and doc[tok.i - 1].lower_ in word_lists()["BACKUP"]:
            continue  # "the backup commander of Soyuz MS-30": the reserve crew's, who do not fly
        holder = _title_holder(tok, any_verb=True)
        if holder is None or not _crew_verb(tok):
            continue
        pred = "commanderOf" if tok.lower_.startswith("commander") else "crewMemberOf"
        apposed = any(c.dep_ == "appos" and tok in c.subtree for c in holder.children)
        for t in (holder,) if apposed else (holder, *holder.conjuncts):  # "A and B, who are working ... as part of
            # ...": both; not "X and cosmonaut Y, a veteran of ...": Y alone
            person = next((sl for sl in slots if sl.start <= t.i < sl.end and sl.coarse == "Person"), None)
            if person is not None:
                yield person, pred, craft, CREW_DEPS, (min(person.start, tok.i), craft.end), None


def _crew_verb(tok: Token) -> bool:
    """A crew role held, not one given or taken ("was ruled out as a pilot of", "was selected as a mission specialist
    for": a future or no flight): the verb before "as" is one of being, serving, flying or staying (rules/crews.jsonl
    CREW_VERB); an apposition or a copula holds it too."""
    x = tok
    while x.dep_ == "conj" and x.head is not x:
        x = x.head
    return not (x.dep_ == "pobj" and x.head.lower_ == "as") or x.head.head.lower_ in word_lists()["CREW_VERB"]


def _title_holder(tok: Token, *, any_verb: bool = False) -> Token | None:
    """Whose title `tok` is, by the parse: the subject of "is/became (the) TITLE" or "serves as TITLE",
    through coordinated verbs ("is worth ... and is the chairman"), a "who" clause's noun; the name a
    title stands in apposition to, also the second of two coordinated titles; or None. With `any_verb` (a crew's
    role), any verb before "as" ("is staying aboard the station as a flight engineer"), in any tense, and a role held
    before too."""
    x, titles = tok, _title_words()[0]
    while x.dep_ in ("conj", "appos") and x.head is not x:  # "president and chief executive"
        if x.dep_ == "appos" and x.head.lower_ not in titles:  # "X, chief economist at A and a director of B"
            return x.head  # the name the titles stand beside (not further up: "A and X, president of B")
        x = x.head
    appointee = _appointee(x)
    if appointee is not None:
        return appointee
    if x.dep_ in ("attr", "oprd") and x.head.lower_ in COPULAS:
        verb = x.head
    elif x.dep_ == "pobj" and x.head.lower_ == "as" and (any_verb and x.head.head.pos_ in ("VERB", "AUX", "ADJ", "ADV")
                                                          or x.head.head.lower_ in AS_VERBS
                                                          and x.head.head.tag_ != "VBD"):
        verb = x.head.head  # (a title: "he served as mayor of Y from 2008 to 2016" is no more)
    else:
        return None
    if not any_verb and any(c.lower_ in ("formerly", "previously", "once") for c in verb.children):
        return None  # "who was formerly the director of Y"
    for _ in range(4):
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            if subj.lower_ in ("who", "that") and verb.dep_ == "relcl":
                return verb.head
            return subj
        if verb.dep_ not in ("conj", "xcomp") or verb.head is verb:
            return None
        verb = verb.head
    return None


APPOINTMENT_NOUNS = frozenset({"appointment", "election", "selection", "promotion"})


def _appointee(x: Token) -> Token | None:
    """Who is given title `x` by an appointment, through the parse, however far the name stands: the object of
    "appointed/named/elected X (as) TITLE" (rules/roles.jsonl APPOINT), its passive subject ("X, who ..., has been
    appointed Director General of Y"), or the one "of" an appointment noun ("the appointment of X as President of
    Y")."""
    verb = x.head if x.dep_ in ("oprd", "attr", "dobj", "npadvmod") else \
        x.head.head if x.dep_ == "pobj" and x.head.lower_ == "as" else None
    if verb is None or verb is x:
        return None
    if verb.lower_ in word_lists()["APPOINT"]:
        kids = {c.dep_: c for c in verb.children if c.i != x.i}
        return kids.get("dobj") if x.dep_ == "pobj" and "dobj" in kids else kids.get("nsubjpass")
    if verb.lower_ in APPOINTMENT_NOUNS:  # "the appointment of X as President of Y"
        of = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        return next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if verb.dep_ == "pobj" and verb.head.lower_ == "of" and verb.head.head.lower_ in APPOINTMENT_NOUNS:
        return verb  # "the appointment of X as ...", "as" under the name
    return None


def _match_seq(p: Pattern, sig: str, marks: Sequence[tuple[int, int, int]], char_tok: Sequence[int],
               slots: Sequence[Slot], doc: Doc) -> Iterable[Found]:
    pos = 0
    title_ends: set[int] = set()  # a title read once is not read again without its first words
    while pos <= len(sig):
        m = p.regex.search(sig, pos)
        if not m:
            break
        pos = m.start() + 1
        if p.not_after is not None and p.not_after.search(sig, 0, m.start()):
            if "title" in m.groupdict() and m.group("title"):
                title_ends.add(m.end("title"))  # nor its last words ("executive of Y, B")
            continue  # "A, the CEO of Y, B, ...": a list, the title is A's (not_after)
        t0, t1 = char_tok[m.start()] if m.start() < len(char_tok) else 0, char_tok[max(m.end() - 1, 0)] + 1
        title = None
        pred = p.predicate
        if "title" in m.groupdict() and m.group("title"):
            if m.end("title") in title_ends:
                continue  # "the vice president of Y": not also "president of Y"
            title_ends.add(m.end("title"))
            ta, tb = char_tok[m.start("title")], char_tok[m.end("title") - 1] + 1
            tt = re.sub(r"\s+", " ", m.group("title") if "\u27e6" not in m.group("title") else doc[ta:tb].text).strip()
            if ta > 0 and doc[ta - 1].lower_ in word_lists()["UNDER"]:
                ta, tt = ta - 1, f"{doc[ta - 1].lower_} {tt}"  # "the deputy leader of Y": not Y's head
            pred = title_predicate(tt)  # "chairman and chief executive": heads if one of them does
            title = doc[ta:tb].text
            if "mod" in m.groupdict() and m.group("mod"):
                ma, mb = char_tok[m.start("mod")], char_tok[m.end("mod") - 1] + 1
                title = f"{doc[ma:mb].text} {title}"
                if doc[ma].lower_ in word_lists()["NOT_CURRENT"]:
                    continue  # "the former chairman of Y": not the head now (docs/annotation.md: optional)
            if not pred:
                continue
        if pred in ROLE_PREDICATES and _not_current(doc, t0, t1):
            continue  # "Former Kelm Prime Minister X", "Kelm's former chief executive X": not held now
        if "pair" in m.groupdict() and m.group("pair") is not None:
            group = _slots_in(marks, m.span("pair"), slots)
            for a, b in combinations(group, 2):
                yield a, pred, b, p, (t0, t1), title
            continue
        objects = _group_slots(m, "o", marks, slots)
        if not objects and p.obj != "sole-craft":
            continue
        subjects = _group_slots(m, "s", marks, slots)
        if p.named:
            subjects = [s for s in subjects if s.kind != "pronoun"]
        if not subjects and p.subj == "main-subject":
            main = main_subjects(doc, slots)
            local = _local_person(sig, marks, slots, m.start())
            # "X was born in A and Y was the commander of B": the cue has a subject of its own
            subjects = main if local is None or local.key in {sl.key for sl in main} else []
            if subjects and _cue_has_other_subject(doc[t0], subjects, slots):
                subjects = []  # "He died at the hospital with his son X by his bedside": not X
        if not objects and p.obj == "sole-craft":
            crafts = {sl.key: sl for sl in slots if sl.coarse in ("Spacecraft", "Mission")}
            objects = list(crafts.values()) if len(crafts) == 1 else []
        for s in subjects:
            for o in objects:
                yield s, pred, o, p, (min(t0, o.start), max(t1, o.end)), title


RELATIVE = frozenset({"who", "that", "which", "whom"})


def _cue_has_other_subject(cue: Token, subjects: Sequence[Slot], slots: Sequence[Slot]) -> bool:
    """The cue word of a main-subject pattern ("died", "born", "was") has a subject of its own that is
    another person: a pronoun that stands for none of the sentence's main subjects in this reading, another
    person's name, or a person's noun with a possessive ("He died ... with his son X", "his wife was born in Y",
    "whose father died in Y"; "X's father was born in Y" aside). A relative pronoun stands for its antecedent ("X,
    who was born in Y"), which must then be one of the main subjects ("She asked for silence for the thousands who
    died in Y": not her death); a subject that is no person is no rival ("The Navy awarded the medal to X")."""
    keys = {sl.key for sl in subjects}

    def theirs(tokens: Iterable[Token]) -> bool:
        return any(sl.start <= t.i < sl.end and sl.key in keys for sl in slots for t in tokens)

    if cue.dep_ in ("aux", "auxpass") and cue.head.i != cue.i:
        cue = cue.head  # "was killed": the verb's subject
    for c in cue.children:
        if c.dep_ not in ("nsubj", "nsubjpass"):
            continue
        if c.lower_ in RELATIVE:
            if cue.dep_ == "relcl" and not theirs(_antecedent(cue.head)):
                return True
            continue
        if theirs([c]):
            continue  # the name itself
        owners = {t.i for ch in c.children if ch.dep_ == "poss" for t in ch.subtree}
        if c.lower_ in _people_nouns() and owners and not theirs(t for t in c.subtree if t.i not in owners):
            return True  # "his wife", "whose father": someone of theirs ("her husband, X, died": X; "her flight": hers)
        covering = [sl for sl in slots if sl.start <= c.right_edge.i and c.left_edge.i < sl.end
                    and sl.coarse == "Person"]
        if any(sl.key in keys for sl in covering):
            continue  # "The sculptor X died": X in the subject's phrase
        if covering or c.pos_ == "PRON" or c.tag_ == "NN" and c.lower_ in _people_nouns():
            return True  # "The mother was born in Cork, Tim said", "The officer was killed in Y, General X said",
            # "The 44-year-old commander ... was born in Y; this is his ...": someone else than the one person named
            # (a title may be the named person's own, "The president was born in Y, X said": lost, two reviews
            # found five such against thirteen wrong facts); a plural may be theirs ("Several aides died, including X")
    return False


PART_OF_MANY = frozenset({"one", "some", "many", "several", "each", "all", "both", "most", "none", "few"})


def _antecedent(head: Token) -> list[Token]:
    """The tokens that may name the antecedent of a relative clause attached to `head`: the noun itself, the
    first of coordinated nouns ("a nurse and a poet who died"), the word "one of"/"among" hangs on ("one of the
    astronauts who flew", "was among the miners who died"; not "the father of a soldier who died"), the name an
    apposition describes ("X, the founder who died"), and the subject of the copula or verb they stand after ("X
    was a pilot who was born in Y"; "A pilot who flew on Y, X now trains ...", two subjects of one verb as the
    parser reads a fronted description)."""
    t = head
    while t.dep_ == "conj" and t.head.i != t.i:
        t = t.head
    if t.dep_ == "pobj" and (t.head.lower_ == "among" or t.head.lower_ == "of" and (
            t.head.head.lower_ in PART_OF_MANY or t.head.head.like_num)):
        t = t.head.head  # "one of the astronauts who", not "the father of a soldier who died"
    while t.dep_ == "appos" and t.head.i != t.i:
        t = t.head
    out = [head, t]
    if t.lower_ in COPULAS:  # "was among the miners who"
        out += [ch for ch in t.children if ch.dep_ in ("nsubj", "nsubjpass")]
    elif t.dep_ in ("attr", "oprd") and t.head.lower_ in COPULAS or t.dep_ in ("nsubj", "nsubjpass"):
        out += [ch for ch in t.head.children if ch.dep_ in ("nsubj", "nsubjpass")]
    return out  # not "X counted his brother among the miners who died", "X named one of the soldiers who died"


@cache
def _people_nouns() -> frozenset[str]:
    """Nouns for a person (family words, titles and roles: mentions.kin_words, person_cues)."""
    return kin_words() | person_cues()


def main_subjects(doc: Doc, slots: Sequence[Slot]) -> list[Slot]:
    """The people a sentence is about: its only person, else the subject of its main verb, one person
    or several coordinated ("A and B, who were killed in Y, were buried today"; "Two soldiers, A and B,
    died in Y": the names in apposition to the subject)."""
    people = [s for s in slots if s.coarse == "Person"]
    if len({s.key for s in people}) == 1:
        return people[:1]
    subjects: dict[str, Slot] = {}
    heads = set()
    for s in people:
        root = doc[s.start:s.end].root
        while root.dep_ == "conj":
            root = root.head
        if root.dep_ == "appos" and root.head.pos_ == "NOUN":  # names in apposition to a common noun
            root = root.head
        if root.dep_ in ("nsubj", "nsubjpass") and root.head.dep_ == "ROOT":
            subjects.setdefault(s.key, s)
            heads.add(root.i)
    return list(subjects.values()) if len(heads) == 1 else []


def _match_dep(p: Pattern, doc: Doc, slots: Sequence[Slot], onto: Ontology
               ) -> Iterable[tuple[Slot, str, Slot, Pattern, tuple[int, int], str | None]]:
    for a in slots:
        if a.is_date:
            continue
        for b in slots:
            if a is b or a.key == b.key:
                continue
            path = dep_path(doc, a, b, onto)
            if path is not None and p.regex.search(path):
                yield a, p.predicate, b, p, (min(a.start, b.start), max(a.end, b.end)), None


def _match_cooc(p: Pattern, slots: Sequence[Slot], used_obj: set[int]
                ) -> Iterable[tuple[Slot, str, Slot, Pattern, tuple[int, int], str | None]]:
    """Every slot of class `subj` ("A|B" for either; the class itself, not its subclasses) with the
    one slot of class `obj`."""
    objs = {s.key: s for s in slots if s.cls == p.obj or s.coarse == p.obj}
    if len(objs) != 1:
        return
    o = next(iter(objs.values()))
    wanted = set((p.subj or "").split("|"))
    for s in slots:
        if s.cls in wanted and id(s) not in used_obj and s.kind in ("name", "description", "pronoun"):
            yield s, p.predicate, o, p, (min(s.start, o.start), max(s.end, o.end)), None


def _verb_group_start(doc: Doc, i: int, floor: int) -> int:
    """Where the verb group that ends before token i starts (not before `floor`): its auxiliaries, negation,
    adverbs and "due to" / "to have" ("X [will not] fly aboard Y", "X, who [was due to] command Y")."""
    before_to = modality_words()["before_to"]
    j = i - 1
    while j >= floor and (doc[j].pos_ in ("AUX", "PART", "ADV") or doc[j].dep_ == "neg" or doc[j].lower_ in before_to):
        j -= 1
    return j + 1


def _governed_from(doc: Doc, start: int) -> int:
    """Where the words that govern a fact start: "X cancelled [his meeting with Y]" -- a fact read from a
    possessive ("his") is governed by the verb of the noun it qualifies, which may negate it."""
    tok = doc[start]
    if tok.dep_ == "poss" and tok.head.head.i < start:
        return tok.head.head.i
    return start


BE = frozenset({"is", "was", "are", "were", "be", "been", "being", "'s", "\u2019s", "'re"})


def _after_be(doc: Doc, i: int) -> bool:
    """A form of "be" before token i, an adverb apart at most ("is now due to"): not "X, set to retire, met Y"."""
    j = i - 1
    if j > 0 and doc[j].pos_ == "ADV":
        j -= 1
    return j >= 0 and doc[j].lower_ in BE


def modality(doc: Doc, start: int, end: int) -> str | None:
    """'negated' or 'hypothetical' when such words stand between the two mentions."""
    words = modality_words()
    # a word of a name or a date is no modal ("3 May 2020", "Will Obst"), nor a capitalised one inside a sentence
    toks = [t for t in doc[start:end] if not t.ent_type_ and not (t.text[:1].isupper() and not t.is_sent_start)]
    for t in toks:
        if t.dep_ == "neg" or t.lower_ in words["negation"]:
            return "negated"
    for t in toks:
        if t.lower_ in words["modal"] or t.lower_ in words["intent"]:
            return "hypothetical"
        if t.lower_ in words["before_to"] and t.i + 2 < len(doc) and doc[t.i + 1].lower_ == "to" \
                and doc[t.i + 2].tag_ == "VB" and _after_be(doc, t.i):  # "X is due to meet Y", "is set to take over"
            return "hypothetical"
        if t.lower_ == "to" and t.i + 2 < len(doc) and doc[t.i + 1].lower_ == "have" and doc[t.i + 2].tag_ == "VBN" \
                and _after_be(doc, t.i):
            return "hypothetical"  # "X was to have commanded Y": it did not happen (not "was there to have talks")
    return None
