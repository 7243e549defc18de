"""Coreference: pronouns, descriptions and plural nouns -> the entities they mean.

The mechanisms, each abstaining when in doubt (a wrong edge is worse than a missing one):
  * pronouns (he, she, his, her): the most recent person named as a subject in the same or
    the two previous sentences; with no subject, the only person named there;
  * descriptions ("the Roscosmos chief", "the acting NASA head"): [the] [modifiers] ORG TITLE
    means the one person the document already says holds that title in that organisation; a bare
    "the president" the one person the document gives that title at all ("the 45-year-old cosmonaut": an age
    before the title);
  * definite class nouns ("the spacecraft", "the mission", "the company"): the one entity of that
    class named in the previous sentence or earlier in the same one; with none there, the one the
    text is about (named at least twice before, and more often than any other of its class); "the mission" or
    "the flight" in a text that names no mission before it: the one craft with a crew, in a sentence naming only
    members of that crew;
  * a body by its kind ("the bank", "the party's leader": org-words.jsonl description_kinds): the one
    organisation so named whose name ends in that word, in the same windows; "its" before a title
    ("Kelm Air and its chief executive X"): the body named right before it, or the subject of the
    sentence before;
  * plural class nouns ("the two spaceships", "manned spaceships"): the entities of that
    class named in the previous sentence, when there are two to five of them;
  * a group of people as a subject ("The three will spend six months ...", "The pair joined ...", "The crew ..."):
    the people of the nearest sentence before that names as many as the number says (and not as many things of
    another kind), else the one crew of that size the facts read so far give a craft.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable, Sequence

from spacy.attrs import LOWER
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from kg.extract.mentions import FUNCTION_WORDS, SentenceIndex, description_kinds, named_in, title_key, title_words
from kg.model import Mention, Relation, Role
from kg.ontology import Ontology, load_ontology

PRONOUNS = {"he", "she", "him", "his", "her", "hers", "himself", "herself"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}


def resolve_coref(doc: Doc, mentions: Sequence[Mention], mention_key: dict[Mention, str],
                  relations: Sequence[Relation], *, ontology: Ontology | None = None, roles: Sequence[Role] = (),
                  headline: str | None = None) -> list[tuple[Mention, tuple[str, ...]]]:
    """New mentions (pronoun, description, group) with the entity keys they resolve to; the report's headline, if
    given, tells which one it is about."""
    onto = ontology or load_ontology()
    cls_of = {mention_key[m]: m.label for m in mentions if m in mention_key}
    taken = {i for m in mentions for i in range(m.token_start, m.token_end)}
    sent_index = SentenceIndex(doc)
    out: list[tuple[Mention, tuple[str, ...]]] = []
    heads_of: dict[tuple[str, str], set[str]] = {}
    crews: dict[str, dict[str, None]] = {}  # craft or mission -> its crew, in the order read
    for r in relations:
        if r.predicate == "heads" and r.asserted:
            heads_of.setdefault((r.obj, "heads"), set()).add(r.subj)
        if r.predicate == "crewMemberOf" and r.asserted:
            crews.setdefault(r.obj, {})[r.subj] = None
    titles, mods = title_words()
    named = sorted((m for m in mentions if m.token_start >= 0), key=lambda m: m.token_start)
    keyed = dict(mention_key)  # the names' keys, and those of the people's descriptions resolved so far
    watched = _watched(onto)
    # most tokens are none of the words looked at: one pass over the LOWER ids, no Token objects
    for i in [i for i, low_id in enumerate(doc.to_array(LOWER).tolist()) if low_id in watched]:
        if i in taken:  # taken grows in the loop (descriptions)
            continue
        tok = doc[i]
        low = tok.lower_
        si = sent_index.get(tok.i, 0)
        if low in PRONOUNS and tok.pos_ == "PRON":
            key = _pronoun_antecedent(doc, tok, named, keyed, onto, sent_index)
            if key:
                out.append((_mention(doc, tok.i, tok.i + 1, cls_of[key], si, "pronoun"), (key,)))
        elif low == "its" and _title_follows(doc, tok.i + 1, titles, mods):
            key = _its_body(doc, tok, si, named, mention_key, sent_index, onto)
            if key:
                out.append((_mention(doc, tok.i, tok.i + 1, cls_of[key], si, "pronoun"), (key,)))
        elif low in titles and tok.pos_ in ("NOUN", "PROPN"):
            res = _description(doc, tok, mentions, mention_key, heads_of, taken, mods) \
                or _bare_title(doc, tok, roles, taken, mods)
            if res:
                start, key = res
                desc = _mention(doc, start, tok.i + 1, "Person", si, "description")
                out.append((desc, (key,)))
                taken.update(range(start, tok.i + 1))
                # a pronoun after it may mean it: "X and his brother Y ... the king had been ill. He
                # remained ...": the king (X) is the last person the text named before "He"
                bisect.insort(named, desc, key=lambda m: m.token_start)
                keyed[desc] = key
        elif tok.tag_ == "NN" and tok.dep_ != "compound" and tok.lower_ in onto.head_nouns and _definite(doc, tok) and \
                onto.coarse(onto.head_nouns[tok.lower_]) not in (None, "Person"):
            cls = onto.head_nouns[tok.lower_]
            key = _the_one(cls, tok, si, named, keyed, sent_index, onto, headline) \
                or _the_crewed_flight(cls, tok, named, keyed, cls_of, crews, onto)
            if key:
                start = tok.i  # "the orbiting laboratory": the modifiers are the description's too
                while start - 1 not in taken and _modifier(doc[start - 1]):
                    start -= 1
                desc = _mention(doc, start, tok.i + 1, cls_of[key], si, "description")
                out.append((desc, (key,)))
                if not onto.is_a(desc.label, "Country"):  # named again: more salient for the next description
                    # ("The Soyuz X docked ... The spacecraft ... commander of the spacecraft"); not a country, which
                    # news often leaves unnamed ("Kyrgyz": "a statement from Russia ... disgracing the country")
                    bisect.insort(named, desc, key=lambda m: m.token_start)
                    keyed[desc] = key
        elif tok.tag_ == "NN" and low in description_kinds() and _bare_definite(doc, tok):
            key = _the_named_kind(tok, si, named, mention_key, sent_index, onto)
            if key:
                out.append((_mention(doc, tok.i, tok.i + 1, cls_of[key], si, "description"), (key,)))
        elif low in GROUP_WORDS or tok.tag_ in ("NNS", "NNPS") \
                and onto.coarse(onto.head_noun(tok.lower_) or "") == "Person":
            keys = _people_of_the_sentence_before(doc, tok, si, named, keyed, sent_index, onto, crews)
            if keys:
                start = tok.i - 1 if doc[tok.i - 1].lower_ in GROUP_WORDS else tok.i  # "the three astronauts"
                out.append((_mention(doc, start, tok.i + 1, "Person", si, "group"), keys))
        elif tok.tag_ in ("NNS", "NNPS") and onto.head_noun(tok.lower_) and si > 0:
            cls = onto.head_noun(tok.lower_) or ""
            prev = [m for m in named if sent_index.get(m.token_start) == si - 1 and m in mention_key
                    and onto.coarse(m.label) == onto.coarse(cls)]
            keys = tuple(dict.fromkeys(mention_key[m] for m in prev))
            if 2 <= len(keys) <= 5 and not any(c.i in taken for c in tok.children):
                out.append((_mention(doc, tok.i, tok.i + 1, cls, si, "group"), keys))
    return out


GROUP_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "pair": 2, "duo": 2, "trio": 3, "crew": 0}  # 0: any number


def _people_of_the_sentence_before(doc: Doc, tok: Token, si: int, named: Sequence[Mention],
                                   mention_key: dict[Mention, str], sent_index: SentenceIndex, onto: Ontology,
                                   crews: dict[str, dict[str, None]]) -> tuple[str, ...]:
    """The people a group the subject of its sentence means: "The three will spend six months on the station", "The
    pair joined the crew", "The two astronauts", "The crew". The subject must be definite ("the"), and no other noun
    may follow the number ("The three most important issues"). A number means the people of the nearest of the four
    sentences before that names two things or more, if it names as many people as the number says and not as many
    other things ("Kelmco and Orvik Motors agreed to merge. The pair ...": the companies, so nobody); when that
    sentence names another number of people ("A, B and C docked. B and D are rookies. The three ..."), the one crew of
    that size the text's facts give a craft. Without a number ("The crew", "The astronauts"): the one crew the facts
    give (two to five), if the people named last before are of it (not "Passenger X thanked captain Y. The crew
    ...")."""
    if si == 0 or tok.dep_ not in SUBJECT_DEPS:
        return ()
    first = tok.i - 1 if tok.i > 0 and doc[tok.i - 1].lower_ in GROUP_WORDS else tok.i
    if first == 0 or doc[first - 1].lower_ != "the" or any(c.dep_ in ("amod", "compound", "prep") for c in tok.children
                                                               if c.i > tok.i):
        return ()
    if tok.pos_ == "NUM" and first == tok.i and tok.head.pos_ == "NOUN":
        return ()  # "the three issues" parsed with the number as subject: not a group of people
    number = GROUP_WORDS.get(doc[first].lower_, 0)
    for back in range(1, 5):  # the nearest sentence before that names two things or more
        here = [m for m in named if sent_index.get(m.token_start) == si - back and m in mention_key
                and m.kind == "name"]
        people = tuple(dict.fromkeys(mention_key[m] for m in here if onto.coarse(m.label) == "Person"))
        others = {mention_key[m] for m in here if onto.coarse(m.label) != "Person"}
        if not number:  # "The crew": the one crew, if the people named last are of it
            if people:
                crew = [tuple(c) for c in crews.values() if 2 <= len(c) <= 5]
                return crew[0] if len(crew) == 1 and set(people) <= set(crew[0]) else ()
            continue
        if len(people) + len(others) < 2:
            continue
        if len(others) == number:
            return ()  # "the pair" may be the two companies, teams, places named there
        if len(people) == number:
            return people
        break
    sized = {tuple(crew) for crew in crews.values() if len(crew) == number} if number else set()
    return next(iter(sized)) if len(sized) == 1 else ()


_WATCHED: dict[int, tuple[Ontology, frozenset[int]]] = {}


def _watched(onto: Ontology) -> frozenset[int]:
    """The LOWER ids of the words resolve_coref looks at: pronouns, title words, the class nouns and their
    plurals; once per ontology."""
    got = _WATCHED.get(id(onto))
    if got is None or got[0] is not onto:
        nouns = set(onto.head_nouns) | {n + "s" for n in onto.head_nouns} | {n + "es" for n in onto.head_nouns}
        words = PRONOUNS | title_words()[0] | nouns | description_kinds() | {"its"} | set(GROUP_WORDS)
        got = _WATCHED[id(onto)] = (onto, frozenset(get_string_id(w) for w in words))
    return got[1]


def _modifier(t: Token) -> bool:
    """An adjective or a participle before a noun: 'Russian', 'orbiting', 'damaged'."""
    return t.pos_ == "ADJ" or t.dep_ == "amod" and t.tag_ in ("VBG", "VBN")


def _definite(doc: Doc, tok: Token) -> bool:
    """'the spacecraft', 'the Russian spacecraft', 'the orbiting laboratory': a definite noun phrase with no name in
    it."""
    i = tok.i - 1
    while i >= 0 and _modifier(doc[i]):
        i -= 1
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    return i >= 0 and doc[i].lower_ == "the" and not (nxt is not None and nxt.pos_ == "PROPN")


def _the_one(cls: str, tok: Token, si: int, named: Sequence[Mention], mention_key: dict[Mention, str],
             sent_index: SentenceIndex, onto: Ontology, headline: str | None = None) -> str | None:
    """The one entity of class `cls` named in the previous sentence or before `tok` in its own, else
    in the sentence before that ("X lifted off ... A and B are on board. The spacecraft docked"), of
    exactly that class if there is one, else of a subclass; a name before a class noun and another name ("the
    Dragon spacecraft Endeavour") names the kind, not a second candidate."""
    def before(m: Mention) -> bool:
        s = sent_index.get(m.token_start)
        return s == si - 1 or (s == si and m.token_end <= tok.i)

    def two_before(m: Mention) -> bool:
        return sent_index.get(m.token_start) == si - 2

    # a subclass with nouns of its own is not meant by the class's ("the spacecraft" is not the station)
    own = {c for c in set(onto.head_nouns.values()) if c != cls and onto.is_a(c, cls)}
    named = [m for m in named if m in mention_key and onto.is_a(m.label, cls)
             and not any(onto.is_a(m.label, c) for c in own)]
    starts = {m.token_start for m in named}
    doc = tok.doc

    def a_kind(m: Mention) -> bool:  # "the Dragon spacecraft Endeavour": Dragon is the kind of craft Endeavour is
        return m.token_end + 1 < len(doc) and doc[m.token_end].lower_ in onto.head_nouns and m.token_end + 1 in starts

    for window in (before, two_before):
        near = [m for m in named if window(m) and m.kind != "description"  # descriptions count for salience only
                and not a_kind(m)]
        for same in ({mention_key[m] for m in near if m.label == cls}, {mention_key[m] for m in near}):
            if len(same) == 1:  # the one of exactly that class first
                return same.pop()
            if same:
                return None
    # none near: the one the text is about, named at least twice before and more often than any other; the headline
    # breaks a tie at the top, or names the one candidate there is ("Progress MS-39 delivers cargo to the ISS" over
    # one mention of it), but never outweighs a name the text repeats (a review: "NASA budget cut" over "The agency")
    keys = [mention_key[m] for m in named if m.token_end <= tok.i]
    lead = {mention_key[m] for m in named if m.token_end <= tok.i and named_in(m.text, headline)}
    top = Counter(keys).most_common()
    if len(lead) == 1 and top:
        best = [k for k, n in top if n == top[0][1]]
        if next(iter(lead)) in best and (len(best) > 1 or len(top) == 1):
            return next(iter(lead))
    return most_named(keys)


def _the_crewed_flight(cls: str, tok: Token, named: Sequence[Mention], mention_key: dict[Mention, str],
                       cls_of: dict[str, str], crews: dict[str, dict[str, None]], onto: Ontology) -> str | None:
    """"the mission", "the flight" in a text that names no mission before it: the one craft the facts give a crew,
    in a sentence that names some of that crew and nothing else ("The Soyuz MS-40 spacecraft with A and B on board
    docked ... A commands the mission"; not "In Mali, the UN said Colonel X commands the mission")."""
    if not onto.is_a(cls, "Mission") or len(crews) != 1 \
            or any(onto.is_a(m.label, "Mission") for m in named if m.token_start < tok.i):
        return None
    craft, crew = next(iter(crews.items()))
    sent = tok.sent
    here = {mention_key[m] for m in named if sent.start <= m.token_start < sent.end and m in mention_key}
    if not here or not here <= set(crew):
        return None
    return craft if onto.is_a(cls_of.get(craft, ""), "Spacecraft") else None


def _title_follows(doc: Doc, i: int, titles: frozenset[str], mods: frozenset[str]) -> bool:
    """A title's word at token `i`, after modifiers ("its acting chairman")."""
    while i < len(doc) and doc[i].lower_ in mods:
        i += 1
    return i < len(doc) and doc[i].lower_ in titles


def _its_body(doc: Doc, tok: Token, si: int, named: Sequence[Mention], mention_key: dict[Mention, str],
              sent_index: SentenceIndex, onto: Ontology) -> str | None:
    """'its' before a title, in three readings, abstaining otherwise (a wrong edge is worse than none):
    * the body or country named right before "and its" ("Kelm Air and its chief executive X");
    * the subject of the clause 'its' stands in, walking up the parse through clauses without a subject of
      their own ("agreed to replace its chief executive") and clauses whose subject is the phrase with 'its'
      ("said its chairman would resign"); a relative "which" is its noun ("Kelm Bank, which fired its
      chairman X"). The subject must be a body's name, and no other body, craft or mission may hang on the same
      verb ("Kelm Bank bought Velmar Mining from its founder", "Norland launched the Kelm capsule, and its
      commander": whose?; a person may: "Kelm Bank told X that its chairman ...");
    * 'its' in the subject of the sentence's main verb, with no name before it in the sentence: the body that
      is the subject of the sentence before ("Kelm Bank reported a loss. Its chairman, X, ...")."""
    def body(m: Mention | None) -> bool:
        return m is not None and m in mention_key and (
            onto.coarse(m.label) == "Organization" or onto.is_a(m.label, "Country"))

    def named_at(i: int) -> Mention | None:
        return next((m for m in named if m.token_start <= i < m.token_end and m in mention_key), None)

    def owner(m: Mention) -> bool:  # what "its" can mean: a body, a country, a craft or a mission
        return body(m) or onto.coarse(m.label) in ("Spacecraft", "Mission")

    before = tok.i - 2 if tok.i >= 2 and doc[tok.i - 1].text == "," else tok.i - 1
    if before >= 1 and doc[before].lower_ == "and":
        m = named_at(before - 1)
        if m is not None and m.token_end == before and owner(m):  # "Kelm Air and its ...": a name right before
            return mention_key[m] if body(m) else None
    path, x = {tok.i}, tok.head
    for _ in range(12):
        path.add(x.i)
        subj = next((c for c in x.children if c.dep_ in SUBJECT_DEPS and c.i not in path), None)
        if subj is not None:
            if subj.lower_ in ("which", "that") and x.dep_ == "relcl":
                subj = x.head  # "Kelm Bank, which fired its chairman": the relative clause's noun
            m = named_at(subj.i)
            rivals = [o for o in named if o is not m and o.token_end <= tok.i and sent_index.get(o.token_start) == si
                      and owner(o)]
            if m is None or not body(m) or any(_hangs_on(doc, o, x) for o in rivals):
                return None
            return mention_key[m]
        if x.head is x:
            break
        x = x.head
    sent_start = sent_index.starts[si]
    if any(sent_start <= m.token_start < tok.i for m in named) or not any(
            c.dep_ in SUBJECT_DEPS and c.i in path for c in x.children):
        return None
    previous = {mention_key[m] for m in named if body(m) and sent_index.get(m.token_start) == si - 1
                and _is_subject(doc, m)}
    return previous.pop() if len(previous) == 1 else None


def _hangs_on(doc: Doc, m: Mention, verb: Token) -> bool:
    """A name that is the verb's object or in it ("bought Velmar Mining", "launched the Kelm capsule"): its
    word's head, or that head's head, is the verb."""
    head = doc[m.token_start:m.token_end].root.head
    return head.i == verb.i or (head.dep_ in ("dobj", "dative", "attr", "oprd") and head.head.i == verb.i)


def _bare_definite(doc: Doc, tok: Token) -> bool:
    """'the bank' alone, a noun phrase that says nothing more: not 'the largest party in Iraq', 'the bank of
    the poor', 'X, the party that won' (a description of something new) nor part of a compound."""
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    return tok.i > 0 and doc[tok.i - 1].lower_ == "the" and tok.dep_ not in ("compound", "appos") \
        and not (nxt is not None and (nxt.lower_ in ("of", "in", "that", "which", "who") or nxt.pos_ == "PROPN"))


def _the_named_kind(tok: Token, si: int, named: Sequence[Mention], mention_key: dict[Mention, str],
                    sent_index: SentenceIndex, onto: Ontology) -> str | None:
    """'the bank', 'the party': the one organisation whose name ends in that word, named in the sentence
    before or earlier in the same one, else in the sentence before that. Abstains when two compete in one
    window, when the noun was used there for something unnamed ("a group of investors", "a party for him"),
    and beyond those sentences (the organisation the text is about was tried: "the party" two paragraphs
    after a party's name is as often a celebration)."""
    word = tok.lower_

    def kind(m: Mention) -> bool:
        return m in mention_key and onto.coarse(m.label) == "Organization" and m.token_end <= tok.i \
            and m.text.split()[-1].lower() == word

    doc = tok.doc
    first = sent_index.starts[max(si - 2, 0)]
    described: list[Mention] = []  # "Ostrava Holdings, a bank based in Y": a bank too
    for t in doc[first:tok.i]:
        if t.lower_ == word and t.i > 0 and doc[t.i - 1].lower_ in ("a", "an", "another"):
            m = next((m for m in named if t.dep_ == "appos" and m.token_start <= t.head.i < m.token_end), None)
            if m is None:
                return None  # "a group of investors bought Y. The group's chairman": that group, unnamed
            described.append(m)
    for lo, hi in ((si - 1, si), (si - 2, si - 2)):
        keys = {mention_key[m] for m in [*named, *described] if (kind(m) or m in described and m in mention_key)
                and lo <= sent_index.get(m.token_start) <= hi}
        if len(keys) == 1:
            return keys.pop()
        if keys:
            return None
    return None


def most_named(keys: Iterable[str]) -> str | None:
    """The key named at least twice and more often than any other, or None: what a text is about."""
    top = Counter(keys).most_common(2)
    if top and top[0][1] >= 2 and (len(top) == 1 or top[0][1] > top[1][1]):
        return top[0][0]
    return None


def _mention(doc: Doc, start: int, end: int, label: str, sent: int, kind: str) -> Mention:
    span = doc[start:end]
    return Mention(text=span.text, start=span.start_char, end=span.end_char, label=label, sent=sent,
                   kind=kind, token_start=start, token_end=end)


def _pronoun_antecedent(doc: Doc, tok: Token, named: Sequence[Mention], mention_key: dict[Mention, str],
                        onto: Ontology, sent_index: SentenceIndex) -> str | None:
    si = sent_index.get(tok.i, 0)
    who = _relative_who(tok) if tok.dep_ == "poss" else None  # "who thanked him": not the subject
    if who is not None:  # "Ada Obi, who backed the plan in her first meeting": the person before "who"
        before = [m for m in named if m.token_end in (who, who - 1) and m in mention_key
                  and onto.coarse(m.label) == "Person" and (m.token_end == who or doc[who - 1].text == ",")]
        if before:
            return mention_key[before[-1]]
    bound = _clause_subjects(tok)
    window = [m for m in named if m.token_start < tok.i and si - 2 <= sent_index.get(m.token_start, -9) <= si
              and m in mention_key and onto.coarse(m.label) == "Person"
              and doc[m.token_start:m.token_end].root.i not in bound]
    if not window:
        return None
    subjects = [m for m in window if _is_subject(doc, m)]
    if subjects:
        return mention_key[subjects[-1]]
    keys = {mention_key[m] for m in window}
    return keys.pop() if len(keys) == 1 else None


def _relative_who(tok: Token) -> int | None:
    """The index of "who" when `tok` stands in a relative clause that "who" opens, else None."""
    head = tok.head
    for _ in range(8):  # up to the clause's verb
        if head.dep_ == "relcl":
            subj = [c for c in head.children if c.dep_ in SUBJECT_DEPS and c.lower_ == "who"]
            return subj[0].i if subj else None
        if head.head is head:
            return None
        head = head.head
    return None


def _clause_subjects(tok: Token) -> set[int]:
    """The subjects of the verb whose object `tok` is ("Reed shot Lee and killed her": not Reed):
    an object pronoun never means its own clause's subject (that would be "herself"). A verb
    coordinated with another shares its subject."""
    if tok.dep_ not in ("dobj", "iobj", "dative", "pobj"):
        return set()
    verb = tok.head.head if tok.dep_ == "pobj" else tok.head
    while True:
        subjects = {c.i for c in verb.children if c.dep_ in SUBJECT_DEPS}
        if subjects or verb.dep_ != "conj":
            break
        verb = verb.head
    return {j for i in subjects for j in (i, *(c.i for c in tok.doc[i].conjuncts))}


def _is_subject(doc: Doc, m: Mention) -> bool:
    """A subject, a conjunct of one, or in apposition to one ("The sister of X, MP Ada Obi, who ...")."""
    root = doc[m.token_start:m.token_end].root
    while root.dep_ in ("conj", "appos") and root.head is not root:
        root = root.head
    return root.dep_ in SUBJECT_DEPS


def _title_goes_on(nxt: Token) -> bool:
    """The word after a title word carries the title on ("the vice | president")."""
    return nxt.lower_ in title_words()[0] and nxt.pos_ in ("NOUN", "PROPN") and nxt.lower_ not in FUNCTION_WORDS


def _bare_title(doc: Doc, tok: Token, roles: Sequence[Role], taken: set[int], mods: frozenset[str]
                ) -> tuple[int, str] | None:
    """'the president', 'the chairman': the one person the document gives that title (its roles)."""
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if nxt is not None and (nxt.pos_ == "PROPN" or nxt.i in taken or nxt.lower_ == "of" or _title_goes_on(nxt)):
        return None  # a title before a name, "president of ...", "the vice | president": the title goes on
    first = tok.i  # the title's first word: "the chief executive", "the vice president"
    while first > 0 and doc[first - 1].lower_ in title_words()[0] and doc[first - 1].pos_ in ("NOUN", "PROPN", "ADJ"):
        first -= 1
    start = first
    while start > 0 and doc[start - 1].lower_ in mods or _age_ends(doc, start):
        start = start - 1 if doc[start - 1].lower_ in mods else _age_ends(doc, start)
        # "the acting president", "the 44-year-old commander"
    if start == 0 or doc[start - 1].lower_ != "the":
        return None
    words = [t.lower_ for t in doc[first:tok.i + 1]]
    holders = {r.holder for r in roles if _within(words, title_key(r.title).split())}
    return (start - 1, holders.pop()) if len(holders) == 1 else None


def _age_ends(doc: Doc, end: int) -> int:
    """The first token of an age that ends right before token `end` ("44-year-old", tokenised "44 - year - old"),
    else 0."""
    a = end - 5
    if a < 1 or [t.lower_ for t in doc[a + 1:end]] != ["-", "year", "-", "old"] or not doc[a].like_num:
        return 0
    return a


def _within(words: list[str], title: list[str]) -> bool:
    """The words stand together in the title: ['vice', 'president'] in 'senior vice president'."""
    n = len(words)
    return any(title[i:i + n] == words for i in range(len(title) - n + 1))


def _description(doc: Doc, tok: Token, mentions: Sequence[Mention], mention_key: dict[Mention, str],
                 heads_of: dict[tuple[str, str], set[str]], taken: set[int], mods: frozenset[str]
                 ) -> tuple[int, str] | None:
    """'[the] [acting] ORG chief' -> (start token, the person heading ORG)."""
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if nxt is not None and (nxt.pos_ == "PROPN" or nxt.i in taken or nxt.lower_ == "of" or _title_goes_on(nxt)):
        return None  # a title before a name, or "head of ...": not a description
    org = next((m for m in mentions if m.token_end == tok.i and m in mention_key), None)
    if org is None:
        return None
    holders = heads_of.get((mention_key[org], "heads"), set())
    if len(holders) != 1:
        return None
    start = org.token_start
    while start > 0 and doc[start - 1].lower_ in mods | {"the"}:
        start -= 1
    return start, next(iter(holders))
