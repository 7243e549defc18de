"""Mentions -> Entities: one entity per real thing within a document, and across documents.

Merging rules, in order:
  * names listed in ontologies/gazetteer/ go to their canonical entry;
  * equal names after normalisation (case, "the", possessives, dots, dashes);
  * two programme names joined by a dash, in either order ("Apollo-Soyuz" = "Soyuz-Apollo");
  * an acronym and its expansion ("NASA" = "National Aeronautics and Space Administration");
  * a person's surname, or first name, used alone when exactly one full name in the
    document has it; a full name without the middle names or initials of exactly one fuller one;
  * a company's name without its last words of org-words.jsonl "company_tails" ("Cisco" for
    "Cisco Systems"), whatever the NER typed the short one (retype_short_names).
Each entity gets the most specific class its mentions agree on, its canonical label
(gazetteer label, else the longest full form) and every other name as an alias.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from kg.extract.mentions import (
    compass_words,
    kin_words,
    org_name_heads,
    org_names,
    party_words,
    settlement_words,
)
from kg.model import Entity, Extraction, Mention
from kg.ontology import Ontology, data_words, gazetteer_rows, load_jsonl, load_ontology
from kg.text import STOP, is_acronym_of, name_words, norm_name, slug, unaccented


@dataclass(frozen=True)
class GazetteerEntry:
    label: str
    cls: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    country: str | None
    part_of: str | None = None  # the whole a part belongs to: a station of its module


@cache
def gazetteer() -> dict[str, GazetteerEntry]:
    """Normalised name -> entry, for every label and alias of ontologies/gazetteer/."""
    index: dict[str, GazetteerEntry] = {}
    for row in gazetteer_rows():
        entry = GazetteerEntry(row["label"], row["class"], tuple(row.get("aliases", [])),
                               tuple(row.get("demonyms", [])), row.get("country"), row.get("part_of"))
        for name in (entry.label, *entry.aliases):
            index.setdefault(norm_name(name), entry)
            index.setdefault(unaccented(norm_name(name)), entry)  # "Cote d'Ivoire" as news writes it
    return index


@cache
def backdrops() -> frozenset[str]:
    """The normalised labels of the gazetteer's backdrop places (the Earth, the Sun): written only where they take
    part in a fact (solar-system.jsonl "backdrop")."""
    return frozenset(norm_name(row["label"]) for row in gazetteer_rows() if row.get("backdrop"))


@cache
def programs() -> frozenset[str]:
    return frozenset(norm_name(r["program"]) for r in load_jsonl("spacecraft.jsonl") if "program" in r)


@cache
def _formal_names() -> dict[str, frozenset[str]]:
    """Nickname -> the given names it is short for ('phil' -> {'philip', 'phillip', ...}), from the
    `nicknames` package (a hand-curated list of English given names and their nicknames, Apache-2.0)."""
    from nicknames import name_triplets

    formal: dict[str, set[str]] = {}
    for t in name_triplets():
        if t.relationship == "has_nickname":
            formal.setdefault(t.name2, set()).add(t.name1)
    return {k: frozenset(v) for k, v in formal.items()}


def formal_names(nickname: str) -> frozenset[str]:
    """The given names `nickname` is short for; none for a name the list does not know as a nickname."""
    return _formal_names().get(nickname, frozenset())


@lru_cache(maxsize=1 << 16)
def name_key(text: str) -> str:
    """Normalised name; programme pairs sorted so both orders meet."""
    n = norm_name(text)
    parts = n.split(" ")
    if len(parts) == 2 and all(p in programs() for p in parts):
        return " ".join(sorted(parts))
    return n


@cache
def _body_words() -> frozenset[str]:
    """The words that head a body's name in titles.jsonl's org_name templates ("Ministry of {}"): 'ministry'."""
    return frozenset(t.split()[0].lower() for t in org_names().values() if t.endswith(" of {}"))


def body_key(key: str) -> str:
    """One key for both orders of a body's name: 'finance ministry' -> 'ministry of finance' (a normalised
    name of one or two words before 'ministry' or 'department'; "the State Department" = "the Department
    of State")."""
    words = key.split()
    if 2 <= len(words) <= 3 and words[-1] in _body_words():
        return f"{words[-1]} of {' '.join(words[:-1])}"
    return key


NER_CLASSES = {"Person", "Organization", "Place"}  # the statistical NER's classes, which it confuses


@cache
def legal_forms() -> frozenset[str]:
    """Company legal forms written after a name ("Inc.", "Ltd"), normalised: ontologies/legal-forms.jsonl."""
    return frozenset(norm_name(f) for row in load_jsonl("legal-forms.jsonl") for f in row.get("forms", []))


def org_core(name: str) -> str:
    """An organisation's name without its legal form: 'Nike, Inc.' -> 'Nike'."""
    words = name.replace(",", " ").split()
    while len(words) > 1 and (norm_name(words[-1]) in legal_forms() or words[-1] in ("&", "and")):
        words.pop()  # "Paulson & Co.", "Eli Lilly and Co."
    return " ".join(words) if len(words) < len(name.replace(",", " ").split()) else name


GENERATIONS = frozenset({"jr", "sr", "ii", "iii", "iv", "filho", "neto", "junior"})  # "Luiz Freitas Neto"


def given_and_family(key: str) -> list[str]:
    """A person's name key as words without a generation after the family name: 'renato reyes jr' ->
    ['renato', 'reyes'], so that "Reyes" is that person's surname."""
    words = key.split()
    while len(words) > 2 and words[-1] in GENERATIONS:
        words.pop()
    return words


def entity_key(label: str, cls: str, onto: Ontology) -> str:
    return f"{(onto.coarse(cls) or cls).lower()}/{slug(label)}"


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _compatible(a: str, b: str, onto: Ontology) -> bool:
    """One class, or two the statistical NER confuses (an acronym's expansion typed a person)."""
    return onto.coarse(a) == onto.coarse(b) or {onto.coarse(a), onto.coarse(b)} <= NER_CLASSES


def resolve_entities(mentions: Sequence[Mention], *, ontology: Ontology | None = None, text: str | None = None
                     ) -> tuple[list[Entity], dict[Mention, str]]:
    """Group the named mentions of one document into entities (`text`: the document's text, for the
    acronyms in brackets right after a name).

    Returns the entities (in order of first mention) and each mention's entity key.
    """
    onto = ontology or load_ontology()
    gaz = gazetteer()
    n = len(mentions)
    uf = _UnionFind(n)
    keys = [body_key(name_key(org_core(m.text))) if onto.coarse(m.label) == "Organization"
            else name_key(state_name(m.text, area=onto.is_a(m.label, "AdministrativeArea")) or m.text)
            if onto.coarse(m.label) == "Place" else name_key(m.text)
            for m in mentions]
    entry: list[GazetteerEntry | None] = []
    for k, m in zip(keys, mentions, strict=True):
        e = gaz.get(k) or gaz.get(norm_name(m.text))
        entry.append(e if e is not None and onto.coarse(e.cls) == onto.coarse(m.label) else None)
    first_by_key: dict[tuple[str, str | None], int] = {}
    for i, m in enumerate(mentions):
        known = entry[i]
        ident = known.label if known else keys[i]
        coarse = onto.coarse(known.cls if known else m.label)
        # one name, one thing in a document: the NER's person/organisation/place for one name is voted on
        j = first_by_key.setdefault((ident, "NER" if coarse in NER_CLASSES else coarse), i)
        uf.union(i, j)
    orgs = [i for i, m in enumerate(mentions) if onto.coarse(m.label) == "Organization"]
    _join_word_suffixes(uf, keys, [i for i in orgs if entry[i] is None], bare_prefix=True)
    # a one-word organisation name that starts exactly one longer one ("Goldman" for "Goldman Sachs"), or
    # ends exactly one: a word that ends organisations' names ("the Assembly" for "Kelm Legislative
    # Assembly"), or any word found in one longer name only, at its end ("Shell", "the Post" for "Royal
    # Dutch Shell", "the Washington Post") or before its "of" ("the Front" for "Revolutionary Front of
    # Kelm"); "the House" beside the White House and the House of Representatives stays apart. A word that starts a
    # longer name joins it only where that name comes first, as news names a thing in full before it shortens it: a
    # longer name written only after the word alone is another thing that bears it ("Microsoft" before "Microsoft
    # Windows", "Lufthansa" before "Lufthansa Cargo", "the Senate" before "the Senate Foreign Relations Committee"),
    # unless it is the word and words a company's short name drops or "Party" ("Hilton", "Hilton Group"; "Zogby",
    # "Zogby International"; "Labor", "Labor Party") or the word stood there first as a piece of it the NER cut.
    # Measured on 1,000 corpus articles outside the splits: of 33 joins with the word first, 2 were right; those with
    # the longer name first (about 70, most right) are unchanged. A helper's review on all 4,649 corpus articles
    # outside the splits (session 29): 122 entity changes right, 27 wrong, before the company tails were allowed.
    longer = [(j, keys[j].split()) for j in orgs if " " in keys[j]]
    first_alone: dict[str, int] = {}  # where each one-word name is first written as one bare word ("Google", not
    for i in orgs:  # "Google Inc.")
        if " " not in mentions[i].text.strip():
            first_alone[keys[i]] = min(first_alone.get(keys[i], mentions[i].start), mentions[i].start)

    def named_before(i: int, j: int, words: Sequence[str]) -> bool:
        first = first_alone.get(keys[i])
        return first is None or mentions[j].start < first \
            or company_short_form(keys[i], keys[j]) or len(words) == 2 and words[1] == "party" \
            or text is not None and text.startswith(mentions[j].text, first)

    for i in orgs:
        if " " not in keys[i] and entry[i] is None and not _is_acronym(mentions[i].text):
            holders = {uf.find(j) for j, words in longer if keys[i] in words}
            for pos in ((0, -1, None) if mentions[i].text in org_name_heads() or len(holders) == 1 else (0,)):
                hits = {uf.find(j) for j, words in longer if _word_at(words, pos) == keys[i]
                        and (pos != 0 or named_before(i, j, words))}
                if len(hits) == 1:
                    uf.union(i, hits.pop())
                    break
    # acronyms and their expansions
    short = [i for i, m in enumerate(mentions) if _acronym_like(m.text)]
    for i in short:
        for j, b in enumerate(mentions):
            if i != j and _compatible(mentions[i].label, b.label, onto) \
                    and is_acronym_of(mentions[i].text, b.text, hyphens=_hyphen_parts(b.text, b.label, onto)) \
                    and not (onto.coarse(b.label) == "Person" and len(b.text.split()) == 2):
                uf.union(i, j)  # a person's two names are no expansion ("D.C." is no "Dick Cheney")
    if text is not None:  # "the New Democratic Party of British Columbia (NDP)": an acronym of part of the name
        by_end = {m.end: j for j, m in enumerate(mentions) if onto.coarse(m.label) == "Organization"}
        for i in short:
            m = mentions[i]
            before = next((by_end[e] for e in (m.start - 2, m.start - 1) if e in by_end), None)
            if before is not None and text[mentions[before].end:m.start].strip() == "(" \
                    and text[m.end:m.end + 1] == ")" and _initials_within(m.text, mentions[before].text):
                uf.union(i, before)
    _join_company_acronyms(uf, mentions, keys, orgs, [j for j, _ in longer], entry, text)
    _join_flight_short_forms(uf, mentions, keys, onto, text)
    # a place named alone and with its state or district after it ("Washington" and "Washington, D.C."): one place
    places = [i for i, m in enumerate(mentions) if onto.coarse(m.label) == "Place" and not (
        onto.is_a(m.label, "AdministrativeArea") or onto.is_a(m.label, "Country")
        or text is not None and text[m.end:m.end + 6].lower() == " state")]  # "Seattle, Washington": the state
    stems: dict[str, set[int]] = {}
    for j in places:
        stem = _place_stem(mentions[j].text)
        if stem is not None:
            stems.setdefault(name_key(stem), set()).add(uf.find(j))
    for i in places:
        hits = stems.get(keys[i], set())
        if len(hits) == 1:
            uf.union(i, hits.pop())
    # surnames and first names of people
    people = [i for i, m in enumerate(mentions) if onto.coarse(m.label) == "Person"]
    full = [i for i in people if len(keys[i].split()) >= 2]
    by_fold: dict[str, int] = {}
    for i in full:  # one full name with and without its accents ("Xanana Gusmão", "Xanana Gusmao")
        uf.union(i, by_fold.setdefault(slug(keys[i]), i))
    by_surname: dict[str, list[int]] = {}
    for i in full:
        by_surname.setdefault(given_and_family(keys[i])[-1], []).append(i)
    for same in by_surname.values():  # "Phil Knight" is the one "Philip Knight" of the text
        for i in same:
            first = keys[i].split()[0]
            formal = formal_names(first)
            alike = [j for j in same if keys[j].split()[0] in formal or _spelt_alike(first, keys[j].split()[0])]
            hits = {uf.find(j) for j in alike}
            # never two names side by side in one sentence: "Chris Dane and his wife Christine Dane"
            if len(hits) == 1 and not any(mentions[j].sent == mentions[i].sent for j in alike):
                uf.union(i, hits.pop())
    _join_word_suffixes(uf, keys, full)
    _join_middle_names(uf, keys, full, mentions, text)
    for i in people:
        if len(keys[i].split()) != 1:
            continue
        alone = slug(keys[i])
        for pos in (-1, 0, None):  # accents aside: "Erdogan" is the "Recep Tayyip Erdoğan" of the text; with None
            # a middle word of a name of three or more, the first of two surnames ("Vázquez" of "Wanda Vázquez Garced")
            hits = {uf.find(j) for j in full if alone in ([slug(w) for w in given_and_family(keys[j])[1:-1]]
                                                          if pos is None else [slug(given_and_family(keys[j])[pos])])}
            if len(hits) > 1 and pos == -1 and text is not None:
                hits = _not_the_relative(uf, hits, full, mentions, text, i)
            if hits:  # the surname of two: no one's, nor a third's other word ("Ruiz" of A, B and "C Ruiz Gomez")
                if len(hits) == 1:
                    uf.union(i, hits.pop())
                break
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(uf.find(i), []).append(i)
    entities: list[Entity] = []
    mention_key: dict[Mention, str] = {}
    for members in sorted(groups.values(), key=lambda g: mentions[g[0]].start):
        ms = [mentions[i] for i in members]
        gaz_entry = next((entry[i] for i in members if entry[i]), None)
        # an acronym votes for an organisation: people are rarely named by their initials in news
        votes = [m.label for m in ms] + ["Organization" for m in ms if _is_acronym(m.text)
                                         and onto.coarse(m.label) in NER_CLASSES]
        cls = gaz_entry.cls if gaz_entry else _vote_class(votes, onto)
        label = gaz_entry.label if gaz_entry else _best_label(ms)
        if onto.coarse(cls) == "Place":
            label = state_name(label, area=onto.is_a(cls, "AdministrativeArea")) or label  # "Fla." alone: Florida
        if gaz_entry is None and onto.coarse(cls) == "Organization":
            label = org_core(label)  # "Mayors Jewelers" for "Mayors Jewelers Inc.", which stays a name of it
        key = entity_key(label, cls, onto)
        aliases = sorted({m.text for m in ms if m.text != label and m.kind in ("name", "dateline")}
                         | _written_party_words(ms, text, label))
        entities.append(Entity(key=key, label=label, cls=cls, aliases=tuple(aliases), mentions=tuple(ms)))
        for m in ms:
            mention_key[m] = key
    return _dedupe(entities), mention_key


def _join_company_acronyms(uf: _UnionFind, mentions: Sequence[Mention], keys: Sequence[str], orgs: Sequence[int],
                           longer: Sequence[int], entry: Sequence[object], text: str | None) -> None:
    """An acronym that is exactly one company's name less a word that names a company (org-words.jsonl company_forms:
    "VECO" for "VECO Corporation"; not "NASA" for "NASA Ames Research Center", nor "HVK" for "HVK Capital"), when no
    longer name spells it out already ("the Kelm Space Agency (KSA)" and "KSA Group" stay apart) and it is no
    party's ("the BKP party" and "BKP Group")."""
    acronyms = [i for i in orgs if " " not in keys[i] and entry[i] is None and _is_acronym(mentions[i].text)]
    if not acronyms:  # (most texts: nothing more to read)
        return
    forms = company_forms()
    groups: dict[int, set[int]] = {}
    for i in range(len(mentions)):
        groups.setdefault(uf.find(i), set()).add(i)
    parties = {keys[i] for i in orgs if text is not None and text[mentions[i].end:mentions[i].end + 7].lower()
               in (" party", " party.", " party,")}
    for i in acronyms:
        if keys[i] in parties or any(keys[j] != keys[i] for j in groups[uf.find(i)]):
            continue
        hits = set()
        for j in longer:
            words = keys[j].split()
            if words[0] == keys[i] and len(words) == 2 and words[1] in forms:
                hits.add(uf.find(j))
        if len(hits) == 1:
            uf.union(i, hits.pop())


@cache
def company_forms() -> frozenset[str]:
    """org-words.jsonl "company_forms", normalised: "corporation", "group"."""
    return frozenset(norm_name(w) for w in data_words("org-words.jsonl", "company_forms"))


def _initials_within(short: str, long: str) -> bool:
    """The letters of an acronym are initials of the name's words, in order, some words skipped ("NDP" in
    "New Democratic Party of British Columbia", "NPS" in "United States National Park Service")."""
    if not _is_acronym(short, longest=8):
        return False
    heads = iter(w[0].upper() for w in name_words(long))
    return all(any(h == c for h in heads) for c in short.replace(".", ""))


def _word_at(words: Sequence[str], pos: int | None) -> str | None:
    """The word of a name at index `pos`, or with None its head: the word before its first "of" ("Front" in
    "Revolutionary Front of Kelm", "Federation" in "International Federation of Journalists"; None without one)."""
    if pos is not None:
        return words[pos]
    k = words.index("of") if "of" in words else 0
    return words[k - 1] if k >= 1 else None


def _join_word_suffixes(uf: _UnionFind, keys: Sequence[str], among: Sequence[int], *, bare_prefix: bool = False
                        ) -> None:
    """A name of two words or more that ends exactly one longer name of its kind is a short form of it:
    "da Silva", "Acevedo Vila", "al-Maliki" (hyphens are spaces in keys) for the person named in full;
    "Labour Party", "Supreme Court", "Department of State" for "New Zealand Labour Party", "U.S. Supreme
    Court", "United States Department of State". With `bare_prefix` (organisations) the longer name's
    extra words hold no function word: "Emergency Department of Bathurst Hospital" and "Cats Protection
    and Naomi House" are not longer names of the hospital and the charity; and a name that is all of a longer
    one before its "of" is a short form of it too ("Liberal Party", "Supreme Court" for "Liberal Party of
    Australia", "Supreme Court of Canada"), as is one before words a company's short name drops ("Bell Kelm" for
    "Bell Kelm Enterprises": company_short_form). Two longer names end the same
    way ("the Labor Party" beside Australian and British ones): nothing is joined.

    Measured on 400 corpus articles outside the splits: 14 people joined, 13 right (one place the NER
    typed a person, joined to its own longer span); 15 organisations, all right. The part before "of" (with
    the head word before "of" in resolve_entities, session 14): 5 second nodes joined in 400 other articles,
    all right ("House" and "U.S. House of Representatives" twice)."""
    split = {i: keys[i].split() for i in among}  # once, not once per pair
    for i in sorted(among, key=lambda i: -len(split[i])):  # "National Park Service" joins before "Park Service"
        words = split[i]
        if len(words) < 2:
            continue
        hits = set()
        for j in among:
            other = split[j]
            if len(other) > len(words) and other[-len(words):] == words \
                    and not (bare_prefix and STOP.intersection(other[:-len(words)])):
                hits.add(uf.find(j))
            elif bare_prefix and (len(other) > len(words) + 1 and other[:len(words)] == words
                                  and other[len(words)] == "of"
                                  or company_short_form(keys[i], keys[j])):
                hits.add(uf.find(j))  # "the Liberal Party" of the "Liberal Party of Australia"; "Bell Kelm" of
                # "Bell Kelm Enterprises"
        if len(hits) == 1:
            uf.union(i, hits.pop())


def _join_middle_names(uf: _UnionFind, keys: Sequence[str], full: Sequence[int], mentions: Sequence[Mention],
                       text: str | None = None) -> None:
    """A person's name and the same name with middle names or initials, or a second surname, are one person ("Samuel
    Alito" and "Samuel A. Alito", "Boris Yeltsin" and "Boris Nikolayevich Yeltsin", "Ann B. Kerr" and "Ann Beth
    Kerr", "Hugo Ruiz" and "Hugo Ruiz Frías") when exactly one fuller name fits: "George Bush" beside "George W.
    Bush" and "George H. W. Bush" is neither; never two names in one sentence ("Tom Reed and his son Tom A. Reed")
    nor one after a family noun ("His son, Tom A. Reed"); a hyphenated given name is one ("Jean-Luc" is no "Jean").

    Measured on 400 corpus articles outside the splits: 9 pairs joined in 8 articles, all right as far as the
    articles tell ("Nouri Maliki" and "Nouri al-Maliki", "Robert Hill" and "Robert Murray Hill"); the second
    surname 2 more ("Sarah Jessica" of "Sarah Jessica Parker"). Without the order of first mentions it joined 5
    right and 2 wrong (the NER's "Robert Byrd - A" became the senator's name), so it waits for the full name first."""
    by_key: dict[str, list[int]] = {}  # each name once (a long text names a person many times)
    for i in full:
        by_key.setdefault(keys[i], []).append(i)
    words = {k: _name_parts(k, mentions[ix[0]].text) for k, ix in by_key.items()}
    first = {k: min(mentions[i].start for i in ix) for k, ix in by_key.items()}
    sents = {k: {mentions[i].sent for i in ix} for k, ix in by_key.items()}
    kin = {k for k, ix in by_key.items() if text is not None and any(_after_kin_word(text, mentions[i]) for i in ix)}
    for k, ix in by_key.items():
        fits = [o for o in by_key if _fuller_form(words[k], words[o], second_surname=first[o] < first[k])]
        hits = {uf.find(by_key[o][0]) for o in fits}
        if len(hits) == 1 and not kin.intersection([k, *fits]) \
                and sents[k] - {n for o in fits for n in sents[o]}:  # named once apart from it at least
            uf.union(ix[0], hits.pop())


def _not_the_relative(uf: _UnionFind, hits: set[int], full: Sequence[int], mentions: Sequence[Mention], text: str,
                      bare: int) -> set[int]:
    """Of the people sharing a surname, the one a bare surname means when the others are only introduced as
    someone's relatives ("Mitt Romney ... his father, George Romney ... Romney said": the story's person, named
    first and never after a family noun; news names the relative in full each time): `hits` less the relatives.
    All of `hits` again when that leaves more than one, or the one left is first named after the bare surname."""
    kin = {uf.find(j) for j in full if uf.find(j) in hits and _after_kin_word(text, mentions[j], lower=True)}
    left = hits - kin
    if len(left) != 1 or not kin:
        return hits
    (root,) = left
    main = min((mentions[j] for j in full if uf.find(j) == root), key=lambda m: m.start)
    relatives = min(mentions[j].start for j in full if uf.find(j) in kin)
    if text[main.end:main.end + 2] in ("'s", "\u2019s") and any(
            w.strip(",.;:").lower() in kin_words() for w in text[main.end + 2:main.end + 24].split()[:2]):
        return hits  # "George Romney's son, Mitt Romney": the story may be the son's as well (not "Mitt Romney's
        # campaign")
    return left if main.start < relatives and main.start < mentions[bare].start else hits


@cache
def _state_abbreviations() -> dict[str, str]:
    return {k: v for row in load_jsonl("regions.jsonl") for k, v in row.get("us_state_abbreviations", {}).items()}


def state_name(text: str, *, area: bool = True) -> str | None:
    """The state a US state's abbreviation names ("Fla.": "Florida"; regions.jsonl us_state_abbreviations), or None;
    written without its period ("Fla", the period cut off at a sentence's end) only for a name found as an
    administrative area (`area`: the names.jsonl regex, which wants the period; not the NER's "Miss" or "La")."""
    return _state_abbreviations().get(text if text.endswith(".") or not area else text + ".")


def _name_parts(key: str, text: str) -> list[str]:
    """A person's name key as given name(s), middle names and family name: a hyphenated given name is one
    ("Jean-Pierre Martin": ['jean pierre', 'martin'], whose "Pierre" is no middle name of "Jean Martin")."""
    words = given_and_family(key)
    n = len(norm_name(text.split()[0]).split()) if text.split() else 1
    return [" ".join(words[:n]), *words[n:]] if 1 < n < len(words) else words


def _after_kin_word(text: str, m: Mention, *, lower: bool = False) -> bool:
    """A family noun among the three words before mention `m` ("His son, Tom A. Reed", "and her brother Tom
    Reed"): a relative, who often shares the name. With `lower`, the noun written in lower case only ("Father
    Michael Kelly" is a priest, "Sister Mary Smith" a nun)."""
    words = text[max(0, m.start - 30):m.start].split()[-3:]
    return any(w.strip(",.;:").lower() in kin_words() and not (lower and w[:1].isupper()) for w in words)


def _fuller_form(short: Sequence[str], long: Sequence[str], *, second_surname: bool = False) -> bool:
    """`long` (a name's words) is a fuller form of `short`: the same first and last name, with the middle names
    `short` lacks or writes as initials; with `second_surname` (news gives the full name first: "Hugo Ruiz Frías",
    then "Hugo Ruiz") also with a second surname after. Not a name that comes first and later runs on into the next
    word ("Ann Bell" before the NER's "Ann Bell Kelmpost")."""
    if list(short) == list(long) or len(short) < 2 or short[0] != long[0]:
        return False
    return any(len(w) >= 2 and w[-1] == short[-1] and _middles_fit(short[1:-1], w[1:-1])
               for w in ((long, long[:-1]) if second_surname else (long,)))


def _middles_fit(short: Sequence[str], long: Sequence[str]) -> bool:
    """The middle names of a shorter form fit a longer one's: none, or as many, each the same or its initial."""
    return not short or len(short) == len(long) and all(
        s == w or len(s) == 1 and w.startswith(s) for s, w in zip(short, long, strict=True))


def retype_short_names(mentions: Sequence[Mention], *, ontology: Ontology | None = None, text: str | None = None
                       ) -> list[Mention]:
    """A one-word name the NER typed an organisation that is the surname or the first name of exactly one
    person named in full in the document ("Kumar said" after "Nitish Kumar"): retyped as that person's
    name, which resolve_entities then merges with the full name. The NER types a lone name by its context
    ("Murphy's campaign"), a full name by its form: the full name is the better evidence. Not a word of a
    longer organisation's name ("Murphy" beside "Murphy Oil"), an acronym or a gazetteer name.

    Measured on 400 corpus articles outside the splits: 5 names retyped, 4 right (one followed the NER's
    "Mac OSX" typed a person). Names typed places were tried too: most were places ("Ontario" beside a
    misread "Ontario Greens"), and a locative preposition before them told too few apart. Now a name typed a place
    is retyped only when the text never names it as a place ("in Ontario", "the city of X", "X, a suburb of ..."),
    and the full name holds no word of places or bodies nor a word the text writes in lower case ("Greens", "North",
    "shipyard": _plain_name), and is named first and only as a person. 1,000 corpus articles: 10 names retyped
    (first names: "Thaksin" four times, "Belinda", "Youri"; surnames: "Mancao"), all right; without the order of
    first mentions and the lower-case words, 7 of 17 were wrong ("Ontario" beside "Ontario Greens" five times).

    Then the other way: a company's short name typed a person or a place (_retype_company_short_forms)."""
    onto = ontology or load_ontology()
    full: dict[str, str] = {}  # a person's full name -> its class (its first mention's)
    first: dict[str, int] = {}  # a name -> where the text first has it
    not_person: set[str] = set()  # names the NER typed otherwise somewhere
    for m in mentions:
        first.setdefault(name_key(m.text), m.start)
        if onto.coarse(m.label) == "Person" and m.kind == "name" and " " in name_key(m.text):
            full.setdefault(name_key(m.text), m.label)
        elif onto.coarse(m.label) != "Person":
            not_person.add(name_key(m.text))
    orgs = [(i, name_key(org_core(m.text))) for i, m in enumerate(mentions) if onto.coarse(m.label) == "Organization"]
    org_words = {w for _, k in orgs if " " in k for w in k.split()}
    located = _places_named(mentions, text, onto)
    places = [(i, name_key(m.text)) for i, m in enumerate(mentions) if onto.coarse(m.label) == "Place"
              and text is not None and not onto.is_a(m.label, "AdministrativeArea")]
    out = list(mentions)
    org_ix = {i for i, _ in orgs}
    for i, k in orgs + places:
        m = mentions[i]
        if m.kind != "name" or " " in k or k in org_words or _is_acronym(m.text) or gazetteer().get(k) \
                or gazetteer().get(norm_name(m.text)) or i not in org_ix and k in located:
            continue
        for pos in (-1, 0):
            hits = [name for name in full if given_and_family(name)[pos] == k
                    and (i in org_ix or _plain_name(name, text or "") and first[name] < first[k]
                         and name not in not_person)]
            if len({slug(h) for h in hits}) == 1:  # "Xanana Gusmão" and "Xanana Gusmao": one name
                out[i] = replace(m, label=full[hits[0]])
                break
    return _retype_company_short_forms(out, orgs, onto, located)


def _plain_name(key: str, text: str) -> bool:
    """A person's name (a key) of no word that names places or bodies, nor one that `text` writes in lower case as
    a word: not the NER's "Ontario Greens", "Khartoum North" or "Kelm Shipyard" (the words of org-words.jsonl
    name_heads, party words, compass and settlement words, gazetteer names; "the largest shipyard")."""
    heads = _org_head_keys() | {w.lower() for w in party_words()}
    return not any(w in heads or w in compass_words() or w in settlement_words() or w in gazetteer()
                   or re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text) for w in key.split())


@cache
def company_tails() -> frozenset[str]:
    """Words a company's short name drops from its full one (org-words.jsonl "company_tails"), normalised."""
    return frozenset(norm_name(w) for w in data_words("org-words.jsonl", "company_tails"))


def company_short_form(short: str, full: str) -> bool:
    """`short` is `full` without words of company_tails at its end (keys: "cisco", "cisco systems")."""
    a, b = short.split(), full.split()
    return 0 < len(a) < len(b) and b[:len(a)] == a and all(w in company_tails() for w in b[len(a):])


def _retype_company_short_forms(mentions: list[Mention], orgs: Sequence[tuple[int, str]], onto: Ontology,
                                located: set[str]) -> list[Mention]:
    """A name the NER typed a person or a place that is the short form of exactly one organisation's name in the
    document ("Massey" beside "Massey Energy Company", "Southwest" beside "Southwest Airlines"): retyped as that
    organisation's, which resolve_entities then joins. Not an acronym, a gazetteer name, the last word of another
    name ("Marrow said she ..." after "Ellen Marrow, chief executive of Marrow Holdings": the founder, whatever the
    NER typed her), a person's name of two words ("Grant Holloway" of "Grant Holloway Partners"; "Adam Aircraft" is
    a company's), or a name the text gives as a place's (`located`, _places_named: "Fenwick, a town of 12,000").

    Measured on 400 corpus articles outside the splits: 5 names joined, all right ("Massey" for "Massey Energy
    Company", "Polaris" for "Polaris Ventures", "Adscape" for "Adscape Media"); on 1,000, "Southwest" and "Aloha"
    typed places among them. A helper's review (its own 152 documents, many a town and a company named alike) found
    towns and founders absorbed before the guards above; 2 wrong of 6 remain there ("Oriel, the director of the film,
    said he ...", "Estoria's aviation authority")."""
    longer = {k: mentions[i].label for i, k in orgs if " " in k}
    if not longer:
        return mentions
    names = {name_key(m.text) for m in mentions if " " in name_key(m.text)}
    out = list(mentions)
    for i, m in enumerate(mentions):
        if m.kind != "name" or onto.coarse(m.label) not in ("Person", "Place") or _is_acronym(m.text) \
                or onto.is_a(m.label, "AdministrativeArea") or onto.is_a(m.label, "Country"):
            continue
        k = name_key(m.text)
        hits = [full for full in longer if company_short_form(k, full)]
        if gazetteer().get(k) or gazetteer().get(norm_name(m.text)) or k in located \
                or any(n.split()[-1] == k for n in names if n not in hits) \
                or " " in k and not any(w in company_tails() or w in _org_head_keys() for w in k.split()):
            continue  # "Brisk said he ..." after "Harold Brisk founded Brisk Industries"; "Brisk, a town ..."; a
            # person's name ("Grant Holloway" of "Grant Holloway Partners"), not "Adam Aircraft"
        if len(hits) == 1:
            out[i] = replace(m, label=longer[hits[0]])
    return out


@cache
def _org_head_keys() -> frozenset[str]:
    """org-words.jsonl's name_heads, normalised ("shipping", "bank")."""
    return frozenset(norm_name(w) for w in org_name_heads())


# Wider than mentions.LOCATIVES ("in", "near", "outside": there a person-typed name after one becomes a place, so it
# must be sure); here one only keeps a name from being retyped, so "to" and "from" may stop a few right ones too.
LOCATIVES = frozenset({"in", "at", "from", "near", "to", "into", "outside", "around", "across"})


def _places_named(mentions: Sequence[Mention], text: str | None, onto: Ontology) -> set[str]:
    """The names the text gives as places' somewhere (_named_as_place), and names right before a comma and a place
    ("Harlan, Kentucky")."""
    if text is None:
        return set()
    starts = {m.start for m in mentions if onto.coarse(m.label) == "Place"}
    return {name_key(m.text) for m in mentions
            if _named_as_place(text, m) or text[m.end:m.end + 2] == ", " and m.end + 2 in starts}


def _named_as_place(text: str, m: Mention) -> bool:
    """The text names mention `m` as a place: after a locative preposition ("in Kelm") or a kind of place and "of"
    ("the city of Kelm"), or before an apposition of a kind of place ("Kelm, a suburb of the capital")."""
    before = text[max(0, m.start - 20):m.start].lower().split()
    if before and (before[-1] in LOCATIVES or len(before) >= 2 and before[-1] == "of"
                   and before[-2] in settlement_words()):
        return True
    after = text[m.end:m.end + 40].lower().replace(",", " , ").split()
    return len(after) >= 3 and after[0] == "," and after[1] in ("a", "an", "the") \
        and any(w in settlement_words() for w in after[2:5])


def _spelt_alike(a: str, b: str) -> bool:
    """Two spellings of one given name, as transliterations differ ("Mohammed" / "Mohamed", "Mikheil" /
    "Mikhail"): both of five letters or more, the same first letter, at most one edit apart (two for names
    of seven letters or more). Shorter names differ by one letter between people ("John", "Joan")."""
    if a == b or min(len(a), len(b)) < 5 or a[0] != b[0] or not a.isalpha() or not b.isalpha():
        return False
    limit = 2 if min(len(a), len(b)) >= 7 else 1
    if abs(len(a) - len(b)) > limit:
        return False
    prev = list(range(len(b) + 1))
    for x, ca in enumerate(a, 1):
        cur = [x]
        for y, cb in enumerate(b, 1):
            cur.append(min(prev[y] + 1, cur[y - 1] + 1, prev[y - 1] + (ca != cb)))
        prev = cur
    return prev[-1] <= limit


def _dedupe(entities: list[Entity]) -> list[Entity]:
    """Two groups that ended on the same key (same label and class) are one entity."""
    out: dict[str, Entity] = {}
    for e in entities:
        if e.key in out:
            o = out[e.key]
            out[e.key] = replace(o, aliases=tuple(sorted(set(o.aliases) | set(e.aliases))),
                                 mentions=o.mentions + e.mentions)
        else:
            out[e.key] = e
    return list(out.values())


def _place_stem(name: str) -> str | None:
    """A place's name without the state or district written after it, or None: "Washington" for "Washington,
    D.C." and "Washington DC" (a comma, or a last word of capitals)."""
    if "," in name:
        return name.split(",")[0].strip() or None
    words = name.split()
    if len(words) >= 2 and _is_acronym(words[-1], longest=3):
        return " ".join(words[:-1])
    return None


def _hyphen_parts(name: str, label: str, onto: Ontology) -> bool:
    """Whether a hyphen parts a name's words for its acronym: an organisation's ("HP" for "Hewlett-Packard"), or
    any name of two words or more ("KBR" for "Kabardino-Balkar Republic"); not a one-word place's or person's
    ("GB" is no "Guinea-Bissau", "JP" no "Jean-Pierre")."""
    return onto.coarse(label) == "Organization" or len(name.split()) > 1


def _join_flight_short_forms(uf: _UnionFind, mentions: Sequence[Mention], keys: Sequence[str], onto: Ontology,
                             text: str | None) -> None:
    """A craft's or mission's short form with its number: in brackets right after the full name ("Axiom Mission 6
    (Ax-6)"), or the last words of exactly one longer name ("NG-25" for "Cygnus NG-25")."""
    flights = [i for i, m in enumerate(mentions) if onto.coarse(m.label) in ("Spacecraft", "Mission")
               and any(c.isdigit() for c in m.text)]
    by_end = {mentions[j].end: j for j in flights}
    for i in flights:
        m = mentions[i]
        before = next((by_end[e] for e in (m.start - 2, m.start - 1) if e in by_end), None)
        if text is not None and before is not None and text[mentions[before].end:m.start].strip() == "(" \
                and text[m.end:m.end + 1] == ")" and re.findall(r"\d+", m.text) == re.findall(
                    r"\d+", mentions[before].text) and onto.coarse(m.label) == onto.coarse(mentions[before].label):
            uf.union(i, before)
            continue
        words = keys[i].split()
        longer = {uf.find(j) for j in flights if len(keys[j].split()) > len(words)
                  and keys[j].split()[-len(words):] == words}
        if len(longer) == 1:
            uf.union(i, longer.pop())


def _acronym_like(text: str) -> bool:
    """Written as an acronym: upper case ("NASA", "U.S."), or capitals with a stop word's small letter ("MoD")."""
    t = text.replace(".", "")
    return t.isupper() or (" " not in t and t[:1].isupper() and sum(c.isupper() for c in t) >= 2 and len(t) <= 6)


def _is_acronym(text: str, *, longest: int = 6) -> bool:
    """Capital letters only, dots aside, 2 to `longest` of them ("NASA", "U.N."); `_acronym_like` is wider."""
    t = text.replace(".", "")
    return 2 <= len(t) <= longest and t.isupper() and t.isalpha()


def _vote_class(labels: Iterable[str], onto: Ontology) -> str:
    """The most specific class of the most frequent coarse class."""
    labels = list(labels)
    coarse = Counter(onto.coarse(c) for c in labels).most_common(1)[0][0]
    cands = [c for c in labels if onto.coarse(c) == coarse]
    return max(cands, key=lambda c: (len(onto.classes.get(c, ())), cands.count(c), c))


def _written_party_words(ms: Sequence[Mention], text: str | None, label: str) -> set[str]:
    """The party words the text writes for a party kg names in full ("Tory" in "Tory MP X", "Labour" in "a Labour
    MP", read as "Conservative Party", "Labour Party"): other names of it, as a reader and the golds name the
    party as the text does."""
    if text is None:
        return set()
    words = party_words()
    return {w for m in ms if words.get(w := text[m.start:m.end]) == m.text and w != label}


def _best_label(ms: Sequence[Mention]) -> str:
    """The fullest name (most words), then the most frequent, then the longest."""
    names = [m.text for m in ms if m.kind in ("name", "dateline")] or [m.text for m in ms]
    counts = Counter(names)
    return max(counts, key=lambda t: (len(t.split()), counts[t], len(t), t))


# ---------------------------------------------------------------------------
# Across documents


def link_documents(extractions: Sequence[Extraction], *, ontology: Ontology | None = None) -> list[Extraction]:
    """Give one key to the entities of different documents that are one thing.

    Two entities meet when they share a coarse class and a name (normalised): a label, or an alias of
    two words or more or an acronym, other than a one-word person name; a one-word person entity
    ("Quill") joins the one person of the corpus whose full name ends or starts with it, if there is
    exactly one and a document naming that person in full names two other things the one-word name's
    document names too (its context: "Blair" and "Tony Blair" beside "London" and the "United Kingdom").
    Without that test, on 1,000 corpus articles, 88 one-word names were linked across documents and 29 of
    the 31 that shared no more than one other name with the full name's document were other people
    ("said Kate, a protester" made "Kate Wheen" of another article; "Kim" another Kim; "Nixon" a police
    chief), against 3 wrong of the 57 that shared two or more (session 27).
    The merged entity's label is the best label over all documents.

    A one-word alias that is no acronym links nothing across documents: it is a short form one
    document's context gave a name ("the Committee" for its "Kelm Prize Committee", "Intel" for a
    longer name read wrongly), and another document's "Committee" or "Intel" is not that thing.
    """
    onto = ontology or load_ontology()
    items = [(d, e) for d, x in enumerate(extractions) for e in x.entities]
    uf = _UnionFind(len(items))
    by_name: dict[tuple[str | None, str], int] = {}
    for i, (_, e) in enumerate(items):
        coarse = onto.coarse(e.cls)
        names = {e.label} | {a for a in e.aliases if " " in a.strip() or _acronym(a)}
        for k in {name_key(n) for n in names}:
            if coarse == "Person" and len(k.split()) < 2:
                continue
            j = by_name.setdefault((coarse, k), i)
            uf.union(i, j)
    persons = [(i, name_key(e.label).split()) for i, (_, e) in enumerate(items) if onto.coarse(e.cls) == "Person"]
    by_part: dict[tuple[int, str], list[int]] = {}  # (first or last, word) -> full-name persons
    for i, words in persons:
        if len(words) >= 2:
            by_part.setdefault((-1, words[-1]), []).append(i)
            by_part.setdefault((0, words[0]), []).append(i)
    root = [uf.find(i) for i in range(len(items))]  # the things named, as linked by name so far
    doc_of = [extractions[d].document.id for d, _ in items]  # (a build passes one extraction an entity)
    context: dict[str, set[int]] = {}  # a document -> the things it names
    for i, doc_id in enumerate(doc_of):
        context.setdefault(doc_id, set()).add(root[i])
    for i, words in persons:
        if len(words) != 1:
            continue
        for pos in (-1, 0):
            full = by_part.get((pos, words[0]), [])
            hits = {uf.find(j) for j in full}
            if len(hits) == 1:
                person = hits.pop()
                if any(len(context[doc_of[i]] & context[doc_of[j]] - {root[i], root[j]}) >= 2 for j in full):
                    uf.union(i, person)
                break
    groups: dict[int, list[int]] = {}
    for i in range(len(items)):
        groups.setdefault(uf.find(i), []).append(i)
    rename: dict[tuple[int, str], tuple[str, str, str]] = {}
    for members in groups.values():
        ents = [items[i][1] for i in members]
        gaz_entry = next((g for e in ents if (g := gazetteer().get(name_key(e.label)))
                          and onto.coarse(g.cls) == onto.coarse(e.cls)), None)
        cls = gaz_entry.cls if gaz_entry else _vote_class([e.cls for e in ents], onto)
        if gaz_entry:
            label = gaz_entry.label
        else:  # the name documents most often use as the label, then the fullest
            labels = Counter(e.label for e in ents)
            label = max(labels, key=lambda t: (labels[t], len(t.split()), len(t), t))
        key = entity_key(label, cls, onto)
        for i in members:
            rename[(items[i][0], items[i][1].key)] = (key, label, cls)
    return [_rekey(x, d, rename) for d, x in enumerate(extractions)]


def _acronym(name: str) -> bool:
    """'BJP', 'U.N.', 'NASA': letters in capitals, two or more."""
    letters = [c for c in name if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _rekey(x: Extraction, d: int, rename: dict[tuple[int, str], tuple[str, str, str]]) -> Extraction:
    def k(old: str) -> str:
        return rename.get((d, old), (old, "", ""))[0]

    ents: dict[str, Entity] = {}
    for e in x.entities:
        key, label, cls = rename[(d, e.key)]
        names = ({e.label, *e.aliases} | set(ents[key].aliases if key in ents else ())) - {label}
        ents[key] = Entity(key=key, label=label, cls=cls, aliases=tuple(sorted(names)),
                           mentions=(ents[key].mentions if key in ents else ()) + e.mentions)
    rels = tuple(replace(r, subj=k(r.subj), obj=r.obj if r.literal else k(r.obj)) for r in x.relations)
    roles = tuple(replace(r, holder=k(r.holder), org=k(r.org)) for r in x.roles)
    events = tuple(replace(ev, participants=tuple(k(p) for p in ev.participants)) for ev in x.events)
    return replace(x, entities=tuple(ents.values()), relations=rels, roles=roles, events=events)


def merge_aliases(entities: Sequence[Entity], mention_key: dict[Mention, str], pairs: Iterable[tuple[str, str]]
                  ) -> tuple[list[Entity], dict[Mention, str]]:
    """Fold each (key, other key) pair's second entity into the first: one thing, two names."""
    by_key = {e.key: e for e in entities}
    target: dict[str, str] = {}
    for a, b in pairs:
        while a in target:
            a = target[a]
        if a == b or a not in by_key or b not in by_key:
            continue
        ea, eb = by_key[a], by_key.pop(b)
        names = set(ea.aliases) | set(eb.aliases) | {eb.label}
        by_key[a] = replace(ea, aliases=tuple(sorted(names - {ea.label})), mentions=ea.mentions + eb.mentions)
        target[b] = a
        for k, v in list(target.items()):
            if v == b:
                target[k] = a
    keys = {m: target.get(k, k) for m, k in mention_key.items()}
    return [by_key[e.key] for e in entities if e.key in by_key], keys
