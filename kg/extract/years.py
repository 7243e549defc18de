"""A birth or a death dated to the year or the month only: "was born in 1932", "X, born in 1939, ...", "died in
March 2007" (birthDate "1932", deathDate "2007-03": xsd:gYear, xsd:gYearMonth in the RDF).

Read beside the sentence signature, on the parse, not as a Date slot: a year as a slot changes the signature every
signature pattern reads (session 23 tried it so and reverted: "was launched in 2010 as part of the ISS" lost its
fact). Here the year must be the object of "in" that hangs on "born" or "died" (or "killed"), and the verb's subject
a person named (or a pronoun the coreference resolved); a participle takes the noun it modifies ("X, born in 1939,"),
a fronted one the subject of its clause ("Born in 1908 in Kelm, X was ..."). Nothing where the text gives the full
date already, where the verb is negated, or for "early", "mid" or "late" years.

Measured (session 30, docs/quality.md step 299): check +0.008, tune2 +0.013, tune7 +0.013, space3 +0.010; WebNLG -0.003
(its gold writes the full date where the text gives the year); on 1,000 corpus articles 4 facts new, all right.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from kg.extract.dates import MONTHS
from kg.extract.relations import modality
from kg.model import Evidence, Mention, Relation
from kg.ontology import Ontology

RULE = "year-of-birth-or-death"
VERBS = {"born": "birthDate", "died": "deathDate", "killed": "deathDate"}
_YEAR_ONLY = re.compile(r"(?:(?P<m>[a-z]{3,9})\.?\s+)?(?P<y>1[5-9]\d\d|20\d\d)")
_SUBJECTS = ("nsubj", "nsubjpass")


def partial_date(text: str) -> str | None:
    """'1932' -> '1932', 'March 2007' -> '2007-03'; None for anything else (a day, a decade, "early 2007").

    >>> partial_date("March 2007"), partial_date("1932"), partial_date("the 1990s"), partial_date("late 2007")
    ('2007-03', '1932', None, None)
    """
    m = _YEAR_ONLY.fullmatch(text.strip().lower())
    if not m:
        return None
    if m.group("m") is None:
        return m.group("y")
    month = MONTHS.get(m.group("m"))
    return f"{m.group('y')}-{month:02d}" if month else None


def years_of_life(doc: Doc, named: Sequence[tuple[Mention, tuple[str, ...]]], relations: Sequence[Relation], *,
                  doc_id: str, onto: Ontology) -> list[Relation]:
    """birthDate / deathDate facts with a year (or a month and year) for a date, as the module says."""
    person_at: dict[int, str] = {}
    for m, keys in named:
        if m.token_start >= 0 and len(keys) == 1 and onto.coarse(m.label) == "Person":
            for i in range(m.token_start, m.token_end):
                person_at.setdefault(i, keys[0])
    if not person_at:
        return []
    dated = {(r.subj, r.predicate) for r in relations if r.literal and r.asserted}
    out: dict[tuple[str, str], Relation] = {}
    for ent in doc.ents:
        if ent.label_ != "DATE":
            continue
        value = partial_date(ent.text)
        prep = ent.root.head
        if value is None or prep.lower_ != "in" or prep.i == ent.root.i:
            continue
        verb = prep.head
        pred = VERBS.get(verb.lower_)
        if pred is None or not _stated(verb):
            continue
        subj = _subject(verb)
        key = _person(subj, person_at)
        if key is None or subj is None or (key, pred) in dated or (key, pred) in out \
                or modality(doc, min(subj.i, verb.i), verb.i) is not None:
            continue  # "feared he would be killed in 1998"
        sent = verb.sent
        out[(key, pred)] = Relation(subj=key, predicate=pred, obj=value, literal="date", evidence=Evidence(
            doc_id=doc_id, sentence=sent.text, start=sent.start_char, end=sent.end_char, rule=RULE, confidence=0.7))
    return list(out.values())


# Words that make a birth or a death no fact: an adverb of the verb ("nearly died in 1998"), or a word the verb's
# clause hangs on ("if he had been born in 1950", "she pretended to be X, born in 1967", "estimated that he was born
# in 1939"; a review of session 30 found each)
NOT_QUITE = frozenset({"nearly", "almost", "narrowly"})
NOT_STATED = frozenset({"if", "unless", "whether", "pretend", "pretended", "pretends", "pretending", "claim", "claimed",
                        "claims", "claiming", "estimate", "estimated", "estimates", "fear", "feared", "fears",
                        "suppose", "supposed", "allegedly", "reportedly"})


def _stated(verb: Token) -> bool:
    """The birth or death is told as a fact: no negation or "nearly" on the verb, no "if", "pretended", "estimated"
    over it; "killed" only in the passive or as a participle ("was killed in 1993", "X, killed in 1993": not "X, who
    killed three people in 1998", whose death it is not)."""
    kids = list(verb.children)
    if any(c.dep_ == "neg" or c.lower_ in NOT_QUITE for c in kids):
        return False
    if verb.lower_ == "killed" and not (any(c.dep_ in ("nsubjpass", "auxpass") for c in kids) or verb.dep_ == "acl"):
        return False
    x = verb
    for _ in range(6):
        if any(c.lower_ in NOT_STATED for c in x.children) or x.lower_ in NOT_STATED:
            return False
        if x.head.i == x.i:
            break
        x = x.head
    return True


def _subject(verb: Token) -> Token | None:
    """Who was born or died: the verb's subject ("who" is the noun the clause hangs on), the noun a participle
    modifies ("X, born in 1939,"), or the subject of the clause a fronted participle opens ("Born in 1908, X was")."""
    subj = next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
    if subj is not None:
        return verb.head if subj.lower_ in ("who", "that") and verb.dep_ == "relcl" else subj
    if verb.dep_ == "acl":
        return None if verb.head.dep_ == "pobj" and verb.head.head.lower_ == "of" else verb.head
        # ("the twins of X, born in 2019": whose birth?)
    if verb.dep_ == "advcl" and verb.i < verb.head.i:
        return next((c for c in verb.head.children if c.dep_ in _SUBJECTS), None)
    return None


def _person(tok: Token | None, person_at: dict[int, str]) -> str | None:
    """The person a token names, or the person in apposition to it ("His sister, Ana Lind, died in 2004")."""
    if tok is None:
        return None
    if tok.i in person_at:
        return person_at[tok.i]
    return next((person_at[c.i] for c in tok.children if c.dep_ == "appos" and c.i in person_at), None)
