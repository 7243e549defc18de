"""Doc -> Mentions: the names of things, cleaned and typed with ontology classes.

Reads `doc.ents` (set by the entity ruler, the dateline component and spaCy's NER) and
turns each into a Mention: determiners, possessives, punctuation and titles trimmed,
spaCy labels mapped to ontology classes, dates, numbers and pronouns dropped.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import replace
from functools import cache

from spacy.attrs import LOWER, ORTH
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from kg.model import DATELINE_CLASSES, Mention
from kg.ontology import Ontology, data_lines, data_words, gazetteer_rows, load_jsonl, load_ontology
from kg.text import norm_name, unaccented

DETERMINERS = {"the", "a", "an", "this", "that", "these", "those"}
POSSESSIVE = {"'s", "\u2019s", "'", "\u2019"}
EDGE_PUNCT = re.compile(r"^[\W_]+|[\W_]+$")
RUN_TOGETHER = re.compile(r"[?:\[\]]\w|\w[?:(\[\]](?=\w)")  # "freedom?:NS", "[W]e", "marriage(X"; not "AT&amp;T"
MONITOR_ID = re.compile(r"[A-Z]{2}\d{10}")  # "AB1234567890 Place SOURCE in English ...": a monitoring header


@cache
def demonym_countries() -> dict[str, str]:
    """'soviet' -> 'Soviet Union', from the gazetteer's demonyms."""
    return {norm_name(d): row["label"] for row in gazetteer_rows() for d in row.get("demonyms", [])}


@cache
def org_names() -> dict[str, str]:
    """'secretary' -> 'Department of {}': the body a '<title> of X' heads."""
    return {r["title"]: r["org_name"] for r in load_jsonl("titles.jsonl") if r.get("org_name")}


def body_name(span: Span, text: str) -> str:
    """'Transportation' in 'Secretary of Transportation' (or in 'Transportation Secretary X') names the
    Department of Transportation; '' for 'State for Culture' in 'Secretary of State for Culture' and for
    'Exchequer' in 'Chancellor of the Exchequer', a title of titles.jsonl (no body is named)."""
    doc = span.doc
    if any(title_key(doc[span.start - n:span.end].text) in title_keys() for n in range(2, min(span.start, 3) + 1)):
        return ""  # "Chancellor of the Exchequer": the name ends a title of titles.jsonl, and is no body
    if any(t.lower_ in body_words() for t in span):
        return text
    if len(span) > 2 and span[0].lower_ == "state" and span[1].lower_ == "for" and span.start >= 2 \
            and doc[span.start - 1].lower_ == "of" and doc[span.start - 2].lower_ in org_names():
        return ""  # "Secretary of State for Culture": a title; the text names no body
    if span.start >= 2 and doc[span.start - 1].lower_ == "of":
        template, before = org_names().get(doc[span.start - 2].lower_), span.start - 3
        if before >= 0 and doc[before].is_alpha \
                and title_table().get(title_key(f"{doc[before].text} {doc[span.start - 2].text}")) == "heads":
            return text  # "chief minister of Rajasthan": a head's title of its own, which heads the place
    elif span.end + 1 < len(doc) and len(span) <= 2 and doc[span.end + 1].ent_type_ == "PERSON":
        template, before = org_names().get(doc[span.end].lower_), span.start - 1  # "Transportation Secretary X"
    else:
        return text
    if not template:
        return text
    if before >= 1 and doc[before].text in ("'s", "\u2019s"):
        before -= 1  # "Norway's Finance Minister X"
    # the country's name may have several words ("United States", "Saudi Arabia's Energy Minister X"), and be no
    # longer name's last words ("New Mexico's Finance Secretary", "South Australia's Health Minister": no country's)
    n, country = next(((n, c) for n in (3, 2, 1) if before - n + 1 >= 0
                       for c in [country_named(doc[before - n + 1:before + 1].text)] if c), (0, None))
    if country and doc[before - n + 1].ent_iob_ == "I":
        country = None  # the country's words end a longer name the NER found
    # "US Secretary of Transportation": the United States Department of Transportation. Without its country a
    # ministry named by its field ("whose Finance Minister X") is no node: one text's "Ministry of Finance" is not
    # another's (titles.jsonl org_name_of_a_country), and the minister's country, where the text gives it, is read
    # by the roles (country-minister-name)
    if country:
        return f"{country} {template.format(text)}"
    return "" if template in _country_templates() else template.format(text)


def _portfolio(span: Span) -> bool:
    """A name in the portfolio of a minister's or secretary's title (titles.jsonl org_name titles, capitalised): after
    "for" ("Minister for Justice and Customs,"), or in a list after "of" ("Minister of Agriculture, Forestry and
    Fisheries": Forestry, Fisheries; the first, "Agriculture", is body_name's), the name itself followed by the
    list's comma or "and" (not "the Minister for Finance, Bank of Ireland chief executive X", "press secretary for
    Microsoft"). A list without a comma after "of" is one body's name ("Secretary of Health and Human Services"), and
    a list that runs over a person's name is none ("Secretary of State A, Defense Secretary B")."""
    doc = span.doc
    if span.end < len(doc) and doc[span.end].text not in (",", "&", ";", ")") and doc[span.end].lower_ != "and":
        return False
    i, comma = span.start - 1, False
    while i >= 1 and (doc[i].text in (",", "&") or doc[i].lower_ == "and"
                      or doc[i].is_alpha and doc[i].text[:1].isupper() and doc[i].ent_type_ != "PERSON"):
        comma |= doc[i].text == ","
        i -= 1
    if i < 1 or doc[i].lower_ not in ("for", "of") or doc[i - 1].lower_ not in org_names() \
            or not doc[i - 1].text[:1].isupper():
        return False
    return doc[i].lower_ == "for" or comma and i < span.start - 1


@cache
def _country_templates() -> frozenset[str]:
    """The org_name templates of titles.jsonl that name a body only with its country ("Ministry of {}")."""
    return frozenset(r["org_name"] for r in load_jsonl("titles.jsonl") if r.get("org_name_of_a_country"))


def country_named(word: str) -> str | None:
    """The country a word (or words) names, as a name or a demonym ('US', 'French', 'New Zealand'), from the
    gazetteer."""
    from kg.extract.entities import gazetteer  # entities imports this module

    entry = gazetteer().get(norm_name(word))
    if entry is not None and entry.cls == "Country":
        return entry.label
    return demonym_countries().get(norm_name(word))


@cache
def body_words() -> frozenset[str]:
    """Words that make a name a body's name already ('department', 'treasury': org-words.jsonl body_words)."""
    return data_words("org-words.jsonl", "body_words")


FUNCTION_WORDS = frozenset({"of", "the", "and", "for", "at"})  # never part of a title word list ("chief of staff")


@cache
def title_words() -> tuple[frozenset[str], frozenset[str]]:
    """(titles, modifiers) from ontologies/titles.jsonl, lower case, one word each; not the function words of
    titles of several words ("chief of staff", "chancellor of the exchequer": "of" and "the" are no title's)."""
    titles: set[str] = set()
    mods: set[str] = set()
    for row in load_jsonl("titles.jsonl"):
        if "title" in row:  # of an officer's rank, its last word only ("wing commander": "wing" is no title's word)
            titles.update(w for w in row["title"].split()[-1 if row.get("rank") else 0:] if w not in FUNCTION_WORDS)
        mods.update(w for m in row.get("modifiers", []) for w in m.split())
    return frozenset(titles), frozenset(mods)


@cache
def name_prefixes() -> frozenset[str]:
    """Words that stand before a person's name without being part of it: titles, modifiers and the
    honorifics, ranks and descriptors of titles.jsonl's "before_names" row ("dr", "composer")."""
    titles, mods = title_words()
    words = {w for p in data_words("titles.jsonl", "before_names") for w in p.split()}
    return titles | mods | frozenset(words)


@cache
def honorifics() -> frozenset[str]:
    """Courtesy words before a name ("mr", "dr"): titles.jsonl's "honorifics", without their dots. The relation
    patterns (relations.signature) read a name after one as if the word were not there; the token rules read
    the capitalised ones right before a person's name as part of it (rules._honorific_before)."""
    return data_words("titles.jsonl", "honorifics")


def class_of(label: str, onto: Ontology) -> str | None:
    """The ontology class of an entity label: a class name itself, or a mapped spaCy label."""
    if label in onto.classes:
        return label
    return onto.spacy_labels.get(label)


def trim(span: Span, cls: str) -> Span | None:
    """Drop determiners, possessives, edge punctuation, and a stance ("anti-Kelm") whole; for people, leading
    titles and verbs ("Evaluating" in a name at the start of a sentence); for places, a leading lower-case compass
    word ("east Africa")."""
    doc = span.doc
    start, end = span.start, span.end
    prefixes = name_prefixes()
    while start < end and (doc[start].lower_ in DETERMINERS or doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].text in POSSESSIVE or doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    if end - start == 3 and doc[start].text in ("anti", "pro") and doc[start + 1].text == "-":
        return None  # "an anti-Kelm protest": a stance, which says nothing of what Kelm is (not "Pro-Tek", a name)
    if cls == "Place":  # "east Africa": the place is Africa, its east a description
        while end - start > 1 and doc[start].is_lower and doc[start].lower_ in compass_words():
            start += 1
    if cls == "Person":
        while end - start > 1 and (doc[start].lower_.rstrip(".") in prefixes or _heads_clause(doc[start])
                                   or end - start > 2 and doc[start].lower_.endswith("s")
                                   and doc[start].lower_[:-1] in prefixes):  # "Taikonauts Wu Lin and ..."
            start += 1
        if start < end and doc[start].lower_ in FUNCTION_WORDS:
            return None  # "The King of Saudi Arabia" less its title: no one's name
    else:  # "Acme Police Sgt": the rank belongs to the person named next
        while end - start > 1 and doc[end - 1].text[:1].isupper() and doc[end - 1].lower_.rstrip(".") in RANKS:
            end -= 1
    if start >= end:
        return None
    return Span(doc, start, end, label=span.label)


@cache
def compass_words() -> frozenset[str]:
    """'east', 'eastern', 'south-east', 'central': regions.jsonl's compass forms in lower case, and their adjectives."""
    forms = {w.lower() for r in load_jsonl("regions.jsonl") for w in r.get("compass_forms", [])}
    return frozenset(forms | {w + "ern" for w in forms if w != "central"})


def _rank_and_name(span: Span) -> bool:
    """A capitalised rank or honorific (person_ranks) and then only name words, the last no word that ends
    organisations' names: "Corporal Shane Keating", not "Captain Cook Cruises"."""
    toks = [t for t in span if t.lower_ not in DETERMINERS]
    return len(toks) >= 2 and toks[0].text[:1].isupper() and toks[0].lower_.rstrip(".") in person_ranks() \
        and all(_name_word(t) for t in toks[1:]) and toks[-1].text not in org_name_heads()


def _heads_clause(tok: Token) -> bool:
    """A verb, or a word the parser made the head of a clause ("Evaluating" tagged a proper noun)."""
    return tok.pos_ in ("VERB", "AUX") or tok.dep_ in ("advcl", "ccomp", "xcomp", "csubj", "pcomp")


def _opens_a_title(span: Span) -> bool:
    """The words of a name the NER took, with the words after it, make a title of titles.jsonl: "Supreme" of
    "Supreme Leader X" names no body, it is the title's first word."""
    doc = span.doc
    words = [t.lower_ for t in span]
    for n in (1, 2):
        key = title_key(" ".join(words + [t.lower_ for t in doc[span.end:span.end + n]]))
        if span.end + n <= len(doc) and key in title_keys() and len(key.split()) > len(words):
            return True
    return False


def _titles_only(words: list[str]) -> bool:
    """Titles, ranks and descriptors alone ("Major General", "President") name nobody."""
    return all(w.lower().rstrip(".") in name_prefixes() for w in words)


@cache
def degrees() -> frozenset[str]:
    """Academic degrees as written, without the last dot ("M.S", "Ph.D"): titles.jsonl "degrees"."""
    return frozenset(d.rstrip(".") for d in data_words("titles.jsonl", "degrees"))


def is_junk(text: str, cls: str) -> bool:
    """Dates, numbers, pronouns, punctuation, single letters and degrees ("M.S.") are never entities, nor text run
    together across punctuation ("freedom?:NS" of an interview's speaker tags, "[W]e" of a quotation's edit)."""
    if not any(c.isalpha() for c in text) or len(text) < 2 or text.rstrip(".") in degrees() \
            or RUN_TOGETHER.search(text):
        return True
    if text.lower() in {"he", "she", "it", "they", "we", "i", "you", "him", "her", "them", "us"} and text != "US":
        return True
    return cls == "Person" and text.isupper() and len(text) > 4  # "SOME PERSON" shouting is not a name


def extract_mentions(doc: Doc, *, ontology: Ontology | None = None) -> list[Mention]:
    """The named mentions of a Doc, in text order.

    Entities inside the dateline come from `doc._.kg_meta` (clean names with offsets).
    """
    onto = ontology or load_ontology()
    meta = doc._.kg_meta or {} if doc.has_extension("kg_meta") else {}
    body = int(meta.get("body_start", 0))
    sent_of = SentenceIndex(doc)
    out: list[Mention] = []
    for key, dateline_cls in DATELINE_CLASSES.items():
        if key in meta:
            start, end, value = meta[key]
            label = value.title() if value.isupper() and len(value) > 4 else value
            tok = doc.char_span(start, end, alignment_mode="expand")
            out.append(Mention(text=label, start=start, end=end, label=dateline_cls, sent=0, kind="dateline",
                               token_start=tok.start if tok else -1, token_end=tok.end if tok else -1))
    countries = demonym_countries()
    found = bare_subjects(doc) + party_spans(doc) + titled_orgs(doc) + titled_places(doc) + cued_places(doc) \
        + titled_people(doc)
    # (names the NER missed)
    for ent in [piece for e in joined_names(doc) for piece in split_ent(e)] + found:
        if ent.end_char <= body:
            continue
        party = _party_named(ent)
        if party:  # "Labour MP X": the party, named as the party
            out.append(Mention(text=party, start=ent.start_char, end=ent.end_char, label="Organization",
                               sent=sent_of[ent.start], token_start=ent.start, token_end=ent.end))
            continue
        cls = class_of(ent.label_, onto)
        if cls is None and ent.label_ == "NORP" and _group_named(ent):
            cls = "Organization"  # "the leader of the Liberal Democrats": a party the NER took for a group
        elif cls is None and ent.label_ in ("NORP", "PRODUCT", "WORK_OF_ART") and not _is_demonym(ent.text) \
                and _known_city(ent, ent.text):
            cls = "Place"  # "courts in Khartoum, Khartoum North and Omdurman" with the last taken for a group
        if cls is None or (ent.label_ in STAT_LABELS and _is_demonym(ent.text)) \
                or _nation_as_name(ent):  # "Ukrainian" tagged a place, "Sri Lankan naval officers" a person
            country = countries.get(norm_name(ent.text)) if ent.label_ in STAT_LABELS | {"PERSON"} else None
            if country:  # "Soviet", "American": the country, used only where a fact needs it
                out.append(_demonym(ent, country, sent_of[ent.start]))
            continue
        if cls in ("Organization", "Place") and ent.label_ in STAT_LABELS and _rank_and_name(ent):
            cls = "Person"  # "Corporal X Y", "Fr X Y" the NER took for a body: a person, the rank trimmed
        span = trim(ent, cls)
        if span is None:
            continue
        if cls != "Person" and ent.label_ in STAT_LABELS and _is_demonym(span.text) \
                and countries.get(norm_name(span.text)):  # "British Major-General" less its rank: the country
            out.append(_demonym(span, countries[norm_name(span.text)], sent_of[span.start]))
            continue
        text = EDGE_PUNCT.sub("", span.text)
        if is_junk(text, cls) or (ent.label_ in onto.spacy_labels and text.islower()) \
                or (cls == "Person" and _titles_only(text.split())) or _opens_a_title(span) \
                or (cls == "Organization" or cls == "Place" and not text.isupper()) \
                and all(w.lower().rstrip(".") in RANKS for w in text.split()):  # "MS": Mississippi
            continue  # the NER's names are capitalised ("fed" is none), titles or ranks alone ("Major General") no name
        if cls != "Place" and ent.label_ in STAT_LABELS | {"PERSON"} and _place_cue(span) \
                or cls == "Person" and ent.label_ == "PERSON" and _after_locative(span) and not _org_cue(span, text) \
                or cls in ("Person", "Organization") and ent.label_ in STAT_LABELS | {"PERSON"} \
                and not _org_cue(span, text) and _known_city(span, text):
            cls = "Place"  # "the town of Garissa", "Quetta, the capital of ...", "flew to Tulsa": a place
        elif cls != "Person" and ent.label_ in STAT_LABELS and (_person_cue(span) or _quoted_nickname(span)
                                                                 or _titled_apposition(span)):
            cls = "Person"  # "cosmonauts Ivan Orlov": a name after a role word is a person's
        elif cls == "Person" and ent.label_ in ("PERSON", "ORG", "GPE") \
                and (_org_cue(span, text) or _before_company_title(doc, span.end) or _after_org_kind(span)
                     or _after_title_of(span) or _before_party_word(span)):
            cls = "Organization"  # "SpaceX", "Halvard Shipping", "Tarvex CEO Ann Lo", "carmaker Orvo",
            # "the director of Kelm Relief": no person
        elif cls == "Place" and ent.label_ in STAT_LABELS and (
                _after_org_kind(span, apposition=False) or _before_party_word(span)
                or len(span) > 1 and span[-1].text.capitalize() in not_place_heads()
                and not any(t.lower_ == "of" for t in span)):
            cls = "Organization"  # "the steelmaker Usiminas": no place (not "In Helsinki, the Finnish union ...");
            # "the opposition Green Party", "the Kelm Unity party" the NER took for a place (not "the Great Hall of
            # Parliament")
        if cls in ("Organization", "Place", "Person") and ent.label_ in STAT_LABELS | {"PERSON"} and len(span) > 1 \
                and span[-1].text in event_heads() and not _named_as_body_or_place(span):
            cls = "Event"  # "the Kelm Film Festival", "the Lisbon Summit": a happening, no body or place
        if cls == "Organization" and _portfolio(span):
            continue  # "Minister for Education, Training and Arts": fields of a title, no bodies
        if cls == "Organization":
            text = body_name(span, text)
            if not text:
                continue
        if cls in ("Organization", "Person") and _generic_alone(doc, text):
            continue  # "the Company said": a description, not a name
        out.append(Mention(text=text, start=span.start_char, end=span.end_char, label=cls,
                           sent=sent_of[span.start], token_start=span.start, token_end=span.end))
    out += [replace(m, sent=sent_of[m.token_start]) for m in letter_parties(doc, body)]
    out.sort(key=lambda m: (m.start, m.end))
    return _drop_seats(doc, _surnames_are_people(out, onto))


def _demonym(span: Span, country: str, sent: int) -> Mention:
    """The country a demonym names ("Soviet", "British"), as a mention used only where a fact needs it."""
    return Mention(text=country, start=span.start_char, end=span.end_char, label="Country", sent=sent, kind="demonym",
                   token_start=span.start, token_end=span.end)


CAMEL_CASE = re.compile(r"^[A-Z][a-z]+[A-Z][A-Za-z]*$")
NAME_PREFIX = re.compile(r"^(?:Mc|Mac|De|Di|Da|Du|La|Le|Van|Von|Fitz)[A-Z]")  # "McCarthy", "DiMaggio": people
STAT_LABELS = {"ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "WORK_OF_ART"}  # the statistical NER's guesses


def _nation_as_name(ent: Span) -> bool:
    """A demonym the NER took for a name: a plural, a nation's people ("North Koreans", "Puerto Ricans"), or the
    adjective right before a lower-case word ("Sri Lankan naval officers", "at noon Tongan time")."""
    from kg.extract.entities import gazetteer  # entities imports this module

    text, doc = ent.text, ent.doc
    if text.endswith("s") and _is_demonym(text[:-1]) and norm_name(text) not in gazetteer():
        return True  # not "the Philippines"
    return _is_demonym(text) and ent.end < len(doc) and doc[ent.end].is_lower and doc[ent.end].pos_ in ("ADJ", "NOUN")


def _is_demonym(text: str) -> bool:
    """A country's adjective ("Ukrainian") that is no name of a place itself ("US" is both: a name)."""
    from kg.extract.entities import gazetteer  # entities imports this module

    key = norm_name(text)
    return key in demonym_countries() and key not in gazetteer()


LED_BY = {"led", "commanded", "piloted", "headed", "flown"}


@cache
def _titles() -> frozenset[str]:
    """Every title of titles.jsonl ("chief executive", "secretary general")."""
    return frozenset(r["title"] for r in load_jsonl("titles.jsonl") if "title" in r)


def title_key(title: str) -> str:
    """A title as titles are compared: lower case, a hyphen read as a space ("Co-Founder" -> "co founder",
    the tokens "director - general" -> "director general")."""
    return " ".join(title.lower().replace("-", " ").split())


@cache
def title_table() -> dict[str, str]:
    """'director general' -> 'heads', under `title_key` ('co-founder' is 'co founder')."""
    return {title_key(r["title"]): r["predicate"] for r in load_jsonl("titles.jsonl") if "title" in r}


@cache
def title_keys() -> frozenset[str]:
    """Every title of titles.jsonl as `title_key` writes it."""
    return frozenset(title_table())


@cache
def kin_words() -> frozenset[str]:
    """Family nouns, singular ("wife", "son": the FAMILY list of rules/meetings.jsonl, without its plural and
    collective words, and "partner": "a partner of Kelm Capital"), and "widow", "widower"."""
    from kg.extract.rules import word_lists

    return frozenset(w for w in word_lists()["FAMILY"] if w not in ("family", "children", "parents", "partner")) \
        | {"widow", "widower"}


@cache
def person_cues() -> frozenset[str]:
    """Role words before a name (titles.jsonl, with plurals): 'astronauts', 'commander', 'spokesman'. (The
    descriptors of its "before_names" row are not: "the broadcaster Al Jazeera", "champions Kelm City".)"""
    words = {t for t in _titles() if " " not in t}
    return frozenset(words | {w + "s" for w in words})


@cache
def person_verbs() -> frozenset[str]:
    """Verbs whose subject is a person (titles.jsonl's "person_verbs"): 'resigned', 'retired', 'died'."""
    return data_words("titles.jsonl", "person_verbs")


@cache
def org_name_heads() -> frozenset[str]:
    """Name-final words that make a name an organisation's ("Shipping", "Airlines", and the one-word
    membership heads, "Party"): org-words.jsonl."""
    words = data_words("org-words.jsonl", "name_heads")
    return frozenset(words | {w for w in membership_heads() if " " not in w})


@cache
def membership_heads() -> tuple[str, ...]:
    """Name-final words of bodies that have members, not staff (org-words.jsonl): "Party", "Parliament"."""
    return tuple(w for r in load_jsonl("org-words.jsonl") for w in r.get("membership_heads", []))


def _named_as_body_or_place(span: Span) -> bool:
    """A name ending in a happening's word that the text shows is a body's or a place's: a title follows it ("Brennan
    Cup chief executive X", "Pine Summit Mayor X"), an apposition calls it a kind of body or place ("Helena Cup, the
    Swiss watchmaker", "Cedar Summit, a town in ..."), or a place follows it ("Cedar Summit, Missouri")."""
    doc = span.doc
    if _title_at(doc, span.end)[0] or _before_title(doc, span.end) or _place_cue(span):
        return True
    after = doc[span.end:span.end + 8]
    if len(after) < 2 or after[0].text != ",":
        return False
    if after[1].ent_type_ in PLACE_LABELS and after[1].text[:1].isupper():
        return True
    kinds = org_kinds() | settlement_words()
    for t in after[2:] if after[1].lower_ in ("the", "a", "an") else ():
        if t.lower_ in kinds or t.lower_.endswith("maker"):
            return True
        if t.is_punct or not (t.pos_ in ("ADJ", "NOUN", "PROPN") or t.ent_type_ in ("NORP", "GPE")):
            return False
    return False


@cache
def event_heads() -> frozenset[str]:
    """Name-final words of happenings (org-words.jsonl "event_heads"): "Summit", "Festival", "War"."""
    return data_words("org-words.jsonl", "event_heads")


@cache
def not_place_heads() -> frozenset[str]:
    """Name-final words of bodies that end no place's name (org-words.jsonl "not_place_heads"): "Party"."""
    return data_words("org-words.jsonl", "not_place_heads")


@cache
def description_kinds() -> frozenset[str]:
    """Nouns for kinds of bodies that end their names ("bank", "party", "university": org-words.jsonl
    description_kinds): "the bank" is the one body whose name ends so (coref); "Kaupthing bank" is the body's name."""
    return data_words("org-words.jsonl", "description_kinds")


def named_in(name: str, text: str | None) -> bool:
    """A name is written in a text such as a headline, hyphens and spaces alike ("Shenzhou-25", "Shenzhou 25")."""
    def norm(s: str) -> str:
        return " " + " ".join(re.findall(r"\w+", s.lower())) + " "
    return bool(text) and norm(name) in norm(text or "")


@cache
def site_heads() -> frozenset[str]:
    """Name-final words of organisations that are a building or a site (org-words.jsonl "site_heads"): "Hospital"."""
    return data_words("org-words.jsonl", "site_heads")


@cache
def deployed_heads() -> frozenset[str]:
    """Name-final words of armed forces and bodies sent abroad (org-words.jsonl "deployed_heads"): "Army"."""
    return data_words("org-words.jsonl", "deployed_heads")


def _before_party_word(span: Span) -> bool:
    """A name right before the word "party" in lower case ("the ruling Kelm Unity party") is the party's."""
    return span.end < len(span.doc) and span.doc[span.end].text == "party"


def _org_cue(span: Span, text: str) -> bool:
    """A one-word name with a capital inside ("SpaceX") or a name ending in a company word ("Halvard
    Shipping") names an organisation. (A name after a noun such as "newspaper" was tried too: it
    lowered the check split's score, so it is not used.)"""
    if " " not in text:
        return bool(CAMEL_CASE.match(text)) and not NAME_PREFIX.match(text)
    return span[-1].text in org_name_heads()


@cache
def generic_bodies() -> frozenset[str]:
    """English nouns for kinds of bodies (org-words.jsonl): "commission", "board", "government"."""
    return data_words("org-words.jsonl", "generic_bodies")


@cache
def generic_alone() -> frozenset[str]:
    """Generic bodies that are no name alone ("company", "government"; org-words.jsonl: generic_bodies but
    not one_per_country), with their plurals."""
    one = data_words("org-words.jsonl", "one_per_country")
    words = generic_bodies() - one - {w.lower() for w in membership_heads()}
    return frozenset(words | {w + "s" for w in words})


def _generic_alone(doc: Doc, text: str) -> bool:
    """A generic body's word alone ("the Government said", which the NER may even take for a person's name)
    where no longer name the NER found begins or ends with it ("Vexal Holdings Company", "Margaret Court",
    "the Ministry of Foreign Affairs" before "a Ministry spokesman")."""
    if " " in text or text.lower() not in generic_alone():
        return False
    low = text.lower()
    return not any(len(e) > 1 and low in (e[-1].lower_, e[0].lower_) for e in doc.ents)


@cache
def org_kinds() -> frozenset[str]:
    """Nouns for kinds of organisations (org-words.jsonl): "carmaker", "newspaper", "lender"."""
    return data_words("org-words.jsonl", "org_kinds")


def _possessed_description(doc: Doc, kind: int) -> bool:
    """The kind word at `kind` follows a possessive, with at most three lower-case words or hyphens between ("Ireland's
    national carrier", "the party's", "Norway's second biggest lender", "its state-owned broadcaster")."""
    i = kind - 1
    while i >= 0 and kind - i <= 4 and doc[i].text not in POSSESSIVE and (doc[i].is_lower or doc[i].text == "-"):
        i -= 1
    return i >= 0 and kind - i <= 4 and doc[i].text in POSSESSIVE


def _after_org_kind(span: Span, *, apposition: bool = True) -> bool:
    """A name right after a kind of organisation ("the Dutch brewer Velten", "the newspaper La Voz"),
    not after a compound ending in one ("co-" + "founder"); or (`apposition`) described as one in an
    apposition ("Kelm Ilbo, a newspaper in ...", "Velten, the Dutch brewer,")."""
    doc = span.doc
    if span.start > 0 and doc[span.start - 1].lower_ in org_kinds() \
            and not (span.start > 1 and doc[span.start - 2].text in ("-", "\u2013")):
        # not the subject of a reported clause: "an official told the agency Moscow would respond"
        told = span.start > 2 and doc[span.start - 2].lower_ in ("the", "a", "an") \
            and doc[span.start - 3].pos_ == "VERB"
        return not (told and span.end < len(doc) and doc[span.end].pos_ in ("VERB", "AUX"))
    if span.start > 2 and doc[span.start - 1].text == "," and doc[span.start - 2].lower_ in org_kinds() | {"party"} \
            and _possessed_description(doc, span.start - 2) and span.end < len(doc) \
            and doc[span.end].text in (",", ".") \
            and (span.end + 1 == len(doc) or doc[span.end + 1].lower_ not in ("said", "says", "told")):
        return True  # "Tomas Varga's party, Kelm Unity,", "Ireland's national carrier, Aer Kelm.": the body's name,
        # whatever the NER took it for (not "Expelled from her party, Ann Holm ...", nor a speaker: "Ann Holm's party,
        # Tom Reed said, will lose")
    if not apposition:
        return False
    after = doc[span.end:span.end + 6]
    if len(after) < 3 or after[0].text != "," or after[1].lower_ not in ("a", "an", "the"):
        return False
    for t in after[2:]:  # "a (small) (Dutch) brewer"
        nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
        if t.lower_ in org_kinds() and not (nxt is not None and (nxt.is_lower and nxt.pos_ in ("NOUN", "VERB", "AUX")
                                                                   or nxt.lower_ in ("'s", "\u2019s"))):
            # not "a company director", "the bank's", nor a reporting clause: "X and Y, the agency said"
            return True
        if not (t.is_lower and t.pos_ in ("ADJ", "NOUN") or t.ent_type_ == "NORP"):
            return False
    return False


@cache
def company_titles() -> tuple[tuple[str, ...], ...]:
    """Titles only an organisation has (titles.jsonl's "company_titles"), as word tuples, longest first."""
    titles = {tuple(t.split()) for r in load_jsonl("titles.jsonl") for t in r.get("company_titles", [])}
    return tuple(sorted(titles, key=lambda t: (-len(t), t)))


@cache
def _company_titles_by_last() -> dict[str, tuple[tuple[str, ...], ...]]:
    """company_titles() under their last word, each list in company_titles()'s order (longest first)."""
    return _titles_by_last(company_titles())


@cache
def _company_title_starts() -> frozenset[str]:
    return frozenset(t[0] for t in company_titles())


def _before_company_title(doc: Doc, end: int) -> bool:
    """Tokens from `end` on read "<company title> <Person's name>" ("CEO Ann Lo", "chief executive Bo
    Ek"), or two titles joined by "and" or "&", one a company title ("President and CEO Ann Lo",
    "Chairman & CEO Bo Ek"): the name before `end` is then an organisation's."""
    stop, company = _title_at(doc, end)
    if stop and stop + 1 < len(doc) and doc[stop].lower_ in ("and", "&"):
        stop2, company2 = _title_at(doc, stop + 1)
        stop, company = (stop2, company or company2) if stop2 else (0, False)
    return bool(stop) and company and stop < len(doc) and doc[stop].ent_type_ == "PERSON" \
        and doc[stop].ent_iob_ == "B"


def _title_at(doc: Doc, i: int) -> tuple[int, bool]:
    """(Where a title starting at token i ends, whether it is a company title), or (0, False)."""
    if i < len(doc) and doc[i].lower_ in _company_title_starts():
        for words in company_titles():
            stop = i + len(words)
            if stop <= len(doc) and tuple(t.lower_ for t in doc[i:stop]) == words:
                return stop, True
    for n in (2, 1):
        if i + n <= len(doc) and title_key(doc[i:i + n].text) in title_keys():
            return i + n, False
    return 0, False


@cache
def place_titles() -> tuple[tuple[str, ...], ...]:
    """Titles only a place's head has (titles.jsonl's "place_titles": "mayor", "chief minister"), as word tuples,
    longest first."""
    titles = {tuple(t.split()) for r in load_jsonl("titles.jsonl") for t in r.get("place_titles", [])}
    return tuple(sorted(titles, key=lambda t: (-len(t), t)))


def _titles_by_last(titles: tuple[tuple[str, ...], ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Titles under their last word, each list in the given order (longest first)."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for t in titles:
        out.setdefault(t[-1], []).append(t)
    return {k: tuple(v) for k, v in out.items()}


def _place_title_cue(span: Span) -> bool:
    """A place's name by a title only a place's head has (place_titles): right after "<title> of (the)" ("the mayor
    of Harlow"), or right before "<title> <person's name>" ("Harlow Mayor Jennifer Oakes"), no word of it a body's
    ("Kelm Bank Premier X" names no place)."""
    doc = span.doc
    i = span.start - 1
    if i > 0 and doc[i].lower_ == "the":
        i -= 1
    after_of = i > 0 and doc[i].lower_ == "of"
    if not after_of and not (span.end < len(doc) and doc[span.end].lower_ in _place_title_firsts()):
        return False  # (the cheap test first: most names stand beside no place title)
    if _body_word_in(span) or any(t.text == "," for t in span):
        return False  # (a comma: the NER's "Buffalo, Byron W. Brown" after "Mayor of" is two names)
    if after_of:
        if any(tuple(t.lower_ for t in doc[i - len(w):i]) == w for w in place_titles() if i - len(w) >= 0):
            return True
    if span[0].ent_type_ in ("ORG", "NORP") or not all(t.pos_ == "PROPN" for t in span) \
            or span[-1].lower_ in _place_title_starts():
        return False  # "BJP Chief Minister X", "Victorian Premier X", "Regional Mayor X", "Sydney Lord" + "Mayor X"
    for w in place_titles():
        stop = span.end + len(w)
        if stop < len(doc) and tuple(t.lower_ for t in doc[span.end:stop]) == w \
                and doc[stop].ent_type_ == "PERSON" and doc[stop].ent_iob_ == "B":
            return True
    return False


@cache
def _place_title_firsts() -> frozenset[str]:
    """The first words of the place titles ("mayor", "lord", "premier", "chief")."""
    return frozenset(t[0] for t in place_titles())


@cache
def _place_title_starts() -> frozenset[str]:
    """The first words of the place titles of more than one word ("lord" of "lord mayor")."""
    return frozenset(t[0] for t in place_titles() if len(t) > 1)


def titled_places(doc: Doc) -> list[Span]:
    """Capitalised names the NER missed right before a place's title and a person's name ("Harlow Mayor Jennifer
    Oakes"): places (titled_orgs' test, with titles.jsonl's place_titles), when the text names them again elsewhere
    (the parser tags "Regional", "Incumbent" or "Longtime" before "Mayor X" as proper nouns too)."""
    return [Span(doc, s.start, s.end, label="GPE") for s in _titled_names(doc, _titles_by_last(place_titles()))
            if not _body_word_in(s) and all(t.pos_ == "PROPN" for t in s)
            and s[-1].lower_ not in _place_title_starts() and doc.text.count(s.text) >= 2]


def _body_word_in(span: Span) -> bool:
    """A word of `span` makes it a body's name ("Bank", "Airlines"): body_words, org_name_heads."""
    return any(t.lower_ in body_words() or t.text in org_name_heads() for t in span)


def titled_orgs(doc: Doc) -> list[Span]:
    """Capitalised names the NER missed right before a company title and a person's name ("Kell Mining
    chairman Bo Ek"): organisations. Not a name that runs on from an entity or a longer name ("Boeing"
    + "Commercial Airplanes": the NER's name is kept as it is; "Bank of Tarn CEO"), nor one lone word
    that is a generic body's ("Commission", "Board"): that is no name of its own."""
    return _titled_names(doc, _company_titles_by_last())


def _titled_names(doc: Doc, by_last: dict[str, tuple[tuple[str, ...], ...]]) -> list[Span]:
    """titled_orgs' names before one of the titles of `by_last` (under their last word)."""
    ents = doc.ents
    people = [e for e in ents if e.label_ == "PERSON" and e.start > 0 and doc[e.start - 1].lower_ in by_last]
    if not people:
        return []  # (the cheap test first: most people's names follow no such title)
    taken = {i for e in ents for i in range(e.start, e.end)}
    generic = generic_bodies()

    def word(i: int) -> bool:
        w = doc[i]
        return i not in taken and w.is_alpha and w.text[:1].isupper() and not w.is_stop \
            and w.lower_ not in name_prefixes() and not w.tag_.startswith(("VB", "RB", "PRP", "W"))

    out = []
    for ent in people:  # before each person's name (a pass over the names, not the tokens)
        last = doc[ent.start - 1].lower_
        t = next((doc[ent.start - len(w) - 1] for w in by_last.get(last, ())
                  if ent.start - len(w) - 1 >= 0 and tuple(x.lower_ for x in doc[ent.start - len(w):ent.start]) == w),
                 None)
        if t is not None and t.lower_ in ("and", "&"):  # "Orvo President and CEO Ann Lo": the first title too
            first = next((n for n in (2, 1)
                          if t.i - n - 1 >= 0 and title_key(doc[t.i - n:t.i].text) in title_keys()), 0)
            t = doc[t.i - first - 1] if first else None
        if t is None or not word(t.i):  # (the title right before a person's name: _before_company_title's test)
            continue
        start = t.i
        while start > max(t.i - 4, 0) and word(start - 1) and not doc[start].is_sent_start:
            start -= 1
        before = doc[start - 1] if start > 0 else None
        if before is not None and (before.i in taken or before.lower_ in ("of", "for", "&", "and", "de")
                                   or (before.text[:1].isupper() and not doc[start].is_sent_start)):
            continue  # part of a longer name: "Bank of Tarn CEO", "New South Wales CEO"
        if start == t.i and (t.lower_ in generic or t.lower_ in body_words()):
            continue
        out.append(Span(doc, start, t.i + 1, label="ORG"))
    return out


QUOTES = {"'", '"', "\u2018", "\u2019", "\u201c", "\u201d"}


def _quoted_nickname(span: Span) -> bool:
    """'Lewis "Scooter" Libby': a quoted word between given name and surname is a person's nickname."""
    words = [t.text for t in span]
    return len(words) >= 5 and words[1] in QUOTES and words[3] in QUOTES and all(
        w[:1].isupper() and w.isalpha() for w in (words[0], words[2], *words[4:]))


def _group_named(ent: Span) -> bool:
    """A plural name of people ("the Liberal Democrats", "the Greens") after "<title> of the": the party
    or body they form, not a nationality."""
    words = ent.text.split()
    return 1 <= len(words) <= 3 and all(w[:1].isupper() for w in words) and words[-1].endswith("s") \
        and ent.start > 0 and ent.doc[ent.start - 1].lower_ == "the" and _after_title_of(ent) \
        and not _is_demonym(ent.text) and not _is_demonym(ent.text[:-1])  # "the Americans"


def _after_title_of(span: Span) -> bool:
    """A name right after "<title> of (the)" is the body the title is of: "the director of Kelm Relief"
    (the NER takes some such names for people's)."""
    doc = span.doc
    if span.end < len(doc) and doc[span.end].pos_ == "NOUN" and doc[span.end].is_lower:
        return False  # "the director of the Anna Hart clinic": the name only names the clinic
    i = span.start - 1
    if i > 0 and doc[i].lower_ == "the":
        i -= 1
    if i < 1 or doc[i].lower_ != "of":
        return False
    before = [t.lower_ for t in doc[max(0, i - 3):i] if not title_hyphen(t)]
    return any(" ".join(before[k:]) in _titles() for k in range(len(before)))


@cache
def _title_bigrams() -> frozenset[tuple[str, str]]:
    """Two words that follow each other in a title of titles.jsonl: ('secretary', 'general')."""
    return frozenset((a, b) for t in map(str.split, _titles()) for a, b in zip(t, t[1:], strict=False))


def title_hyphen(tok: Token) -> bool:
    """The hyphen inside a title written with one ("Secretary-General", "Director-General")."""
    doc = tok.doc
    return tok.text == "-" and 0 < tok.i < len(doc) - 1 and not doc[tok.i - 1].whitespace_ and not tok.whitespace_ \
        and (doc[tok.i - 1].lower_, doc[tok.i + 1].lower_) in _title_bigrams()


APPOSED_TITLE_OF = ("of", "for", "at")


def name_words(span: Span) -> list[str]:
    """A span's words, a double-barrelled one as one word ("Olli", "-", "Pekka", "Kallasvuo" -> "Olli-Pekka",
    "Kallasvuo"): the tokenizer splits at the hyphen, and the tests of a person's name count words."""
    words: list[str] = []
    for t in span:
        if words and (t.text == "-" or words[-1].endswith("-")) and not span.doc[t.i - 1].whitespace_:
            words[-1] += t.text
        else:
            words.append(t.text)
    return words


def _capitalised_name(words: list[str], title: bool = False) -> bool:
    """Every word letters only (a hyphen between parts), each part capitalised: "Ada", "Marsh-Delgado"; not in capitals
    ("NASA"); with `title`, the rest of each part in lower case ("McKay" is no title-case word)."""
    parts = [p for w in words for p in w.split("-")]
    return all(p.isalpha() and p[:1].isupper() and not p.isupper() and (not title or p.istitle()) for p in parts)


def _titled_apposition(span: Span) -> bool:
    """'Tomas Ferro, treasurer of the Lakeland Water Board': a name of two or three capitalised words, none a word of
    bodies or places, before an apposition that gives a title of a body ("<title> of|for|at"): a person's
    (the small model takes some 6 % of such names for organisations or places: 32 of 481 in the corpus)."""
    from kg.extract.entities import gazetteer  # entities imports this module

    doc = span.doc
    words, joined = list(span), name_words(span)
    if not 2 <= len(joined) <= 3 or not _capitalised_name(joined, title=True) \
            or any(w.lower_ in body_words() or w.lower_ in org_kinds() or w.lower_ in settlement_words()
                   or w.lower_ in org_name_heads() for w in words) or norm_name(span.text) in gazetteer():
        return False
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and (before.lower_ == "the" or before.text in POSSESSIVE):
        return False  # "According to the Kelm Post, a member of ...", "Peru's National Congress, ...": a body's name
    i = span.end + 1
    if span.end >= len(doc) or doc[span.end].text != ",":
        return False
    if i < len(doc) and doc[i].lower_ in ("the", "a", "an"):
        i += 1
    if any(t.dep_ == "appos" and span.end < t.i <= span.end + 6 and t.lower_ in person_cues() and t.is_lower
            and t.tag_ == "NN"
            and not any(c.lower_ in ("unnamed", "unidentified", "anonymous") for c in t.children)
            and not (t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "of" and _holder_named_after(doc, t.i + 2))
            for t in span.root.children):
        return True  # "Ada Obi, the party's former spokeswoman,": the apposition's head is a role
        # (not "speaking to Kelm Newswires, an unnamed spokeswoman")
    for n in (3, 2, 1):
        if title_key(" ".join(w.lower_ for w in doc[i:i + n])) in title_keys() \
                and i + n < len(doc) and doc[i + n].lower_ in APPOSED_TITLE_OF:
            return not _holder_named_after(doc, i + n + 1)
    return False


def _holder_named_after(doc: Doc, i: int) -> bool:
    """A title's holder is named after the body's name that begins at token i: right after it ("..., Secretary of
    Defense Tom Reed said") or after its comma ("Speaking to Kelm Radio, the president of the Kelm League, Ana Obi,
    said"): the name before the title is not the holder."""
    rest = doc[i:min(len(doc), i + 16)]
    end = next((t.i for t in rest if t.is_punct), rest.end)
    if any(t.ent_type_ == "PERSON" for t in doc[i:end]):
        return True
    if not (end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].ent_type_ == "PERSON"):
        return False
    k = end + 2
    while k < len(doc) and doc[k].ent_type_ == "PERSON" and doc[k].ent_iob_ == "I":
        k += 1
    if k < len(doc) and doc[k].text == ",":
        k += 1  # "..., Ana Obi, said": the holder; "..., Ana Obi, a farmer": another item of a list
    return k < len(doc) and doc[k].pos_ in ("VERB", "AUX")


def _before_title(doc: Doc, i: int) -> bool:
    """Token i is a title or rank word before a name: "Royal Marine Captain Y"."""
    return i < len(doc) and doc[i].lower_.rstrip(".") in name_prefixes()


def _person_cue(span: Span) -> bool:
    """A 2-3 word capitalised name right after a role word or 'led by', or coordinated with a
    person's name, names a person; so does a 'First M. Last' name, and a name followed by an age
    ('X, 47,')."""
    doc = span.doc
    words = [t.text for t in span]
    if words[-1] in org_name_heads() or _titles_only(words):
        return False  # "headed by the Socialist Party", "headed by Major General X": no person's name
    if len(words) == 3 and re.fullmatch(r"[A-Z]\.", words[1]) and words[0][:1].isupper() and words[2][:1].isupper():
        return True
    if _age_at(doc, span.end):  # an age; a surname alone too ("Ferreira, 54, said": 6 of 6 such names the NER
        # typed a body or a place in 1,000 corpus articles were people's)
        return 2 <= len(span) <= 4 and all(t.text[:1].isupper() for t in span) \
            or len(span) == 1 and name_shaped(span[0]) and not _in_a_tally(doc, span.start, span.end + 3)
    joined = name_words(span)  # (a double-barrelled word is one: "Olli-Pekka Kallasvuo", "Sofia Marsh-Delgado")
    if not 2 <= len(joined) <= 3 or not _capitalised_name(joined):
        return False
    if span.root.dep_ == "nsubj" and span.root.head.lower_ in person_verbs():  # "Ada Obi resigned"
        return True
    if span.start == 0:
        return False
    prev = doc[span.start - 1].lower_
    if doc[span.start - 1].pos_ in ("VERB", "AUX") and not (
            doc[span.start - 1].tag_ == "VBP" and span.start > 1 and doc[span.start - 2].pos_ == "PROPN"
            and doc[span.start - 2].ent_type_ not in ("", "NORP", "PERSON", "GPE")):
        return False  # "who chairs Orbis": a verb, not the plural of a role word (but "NASA astronaut Ann Lo": the
        # small model's present-tense verb after an organisation's name is the role word; not "Democrats head X")
    if prev in person_cues() or (prev == "by" and span.start > 1 and doc[span.start - 2].lower_ in LED_BY):
        return True
    role = doc[span.start - 2] if span.start > 2 else None
    if prev == "," and role is not None and role.lower_ in person_cues() and role.tag_ in ("NN", "NNP") \
            and not role.lower_.endswith("s") and doc[span.start - 3].text != "," \
            and not _before_title(doc, span.end):
        return True  # "the agency's spokesman, Ada Obi", "civil rights lawyer, Ada Obi": a role, then the name
        # (not "X, analyst, Credit Suisse", "Jackson Heights, Queens, New York", "His officer, Royal Marine
        # Captain Y": a role between commas, a plural, a title after the name)
    if prev == "of" and span.start > 1 and doc[span.start - 2].lower_ in kin_words():
        return True  # "the wife of Lalu Prasad", "a son of Kelm Arnes": a person's relative is a person
    if span.start > 2 and title_hyphen(doc[span.start - 2]):
        return True  # "WTO Director-General Pascal Lamy"
    root = span.root  # "cosmonauts Ivan Orlov and Pyotr Rusk": a conjunct of a person's name (the small model types
    # many Russian names places); not in a list with other places, nor with a settlement's word ("Wales, St Anne's,
    # Northern Ireland and Birmingham", "Saint Paul and Salt Lake City", the head taken for a person: 4 of the 6
    # wrong retypes in 400 corpus articles, against 5 right)
    places = ("GPE", "LOC", "FAC")
    return root.dep_ == "conj" and root.head.ent_type_ == "PERSON" and not (root.ent_type_ in places and (
        any(c.ent_type_ in places for c in root.head.conjuncts if c.i != root.i)
        or any(t.lower_ in settlement_words() for t in span)))


@cache
def party_words() -> dict[str, str]:
    """'Labour' -> 'Labour Party': political words that name a party before a member's role (org-words.jsonl)."""
    return {k: v for r in load_jsonl("org-words.jsonl") for k, v in r.get("party_words", {}).items()}




@cache
def member_roles() -> frozenset[str]:
    """Roles of a party's people ("MP", "senator", "leader"): the PARTY_MEMBER list of rules/roles.jsonl, and
    "party" itself ("the Green party"). Offices of a country ("President") are not: "Republican President X"
    heads the country, not the party."""
    from kg.extract.rules import word_lists

    return word_lists()["PARTY_MEMBER"] | {"party"}


@cache
def _party_firsts() -> frozenset[int]:
    """The string ids of the first words of party_words(), to find them in a Doc's ORTH array."""
    return frozenset(get_string_id(k.split()[0]) for k in party_words())


def party_spans(doc: Doc) -> list[Span]:
    """Political words outside the NER's entities right before a member's role ("Conservative lawmaker X"
    at the start of a sentence, where the NER sees an adjective), as NORP spans for _party_named."""
    firsts = _party_firsts()  # one pass over the tokens' ORTH ids: no Token objects
    starts = [i for i, orth in enumerate(doc.to_array(ORTH).tolist()) if orth in firsts]
    out: list[Span] = []
    for size in (2, 1):
        for i in starts:
            if i >= len(doc) - size:
                continue
            span = doc[i:i + size]
            if span.text in party_words() and not any(w.ent_type_ for w in span) \
                    and not any(s.start < span.end and span.start < s.end for s in out):
                out.append(Span(doc, span.start, span.end, label="NORP"))
    return [s for s in out if _party_named(s)]


@cache
def party_letters() -> dict[str, str]:
    """'R' -> 'Republican Party': a party's letter in "X (R-Texas)" (org-words.jsonl)."""
    return {k: v for r in load_jsonl("org-words.jsonl") for k, v in r.get("party_letters", {}).items()}


def letter_parties(doc: Doc, body: int = 0) -> list[Mention]:
    """The party of a politician's "(R-Texas)" right after the name: "R" stands for the party."""
    out = []
    for e in doc.ents:  # after each person's name (a pass over the names, not the tokens)
        if e.label_ != "PERSON" or e.end + 3 >= len(doc) or doc[e.end].text != "(":
            continue
        t = doc[e.end + 1]
        if t.text in party_letters() and doc[t.i + 1].text in ("-", "\u2013") and doc[t.i + 2].text[:1].isupper() \
                and t.idx >= body:
            out.append(Mention(text=party_letters()[t.text], start=t.idx, end=t.idx + len(t), label="Organization",
                               sent=0, token_start=t.i, token_end=t.i + 1))
    return out


@cache
def _role_words() -> frozenset[str]:
    """Titles, ranks and party roles, with their plurals ("MPs", "senators")."""
    roles = inner_titles() | member_roles()
    return frozenset(roles | {w + "s" for w in roles})


def _party_named(ent: Span) -> str | None:
    """The party a political word names right before a party role ("Labour MP", "Republican senators",
    "Conservative leader", "the Green party"; "Liberal Democrat MP" with the word before the NER's span),
    or None."""
    doc = ent.doc
    if ent.label_ not in ("NORP", "ORG"):
        return None
    i = ent.end
    while i < min(len(doc), ent.end + 2) and doc[i].lower_ in office_words():
        i += 1  # "Democratic presidential nominee", "Liberal leadership hopeful"
    role = doc[i].lower_ if i < len(doc) else ""
    k = i  # "Labour health minister X", "Conservative foreign secretary X": a title (after at most two lower-case
    while k < min(len(doc), i + 2) and doc[k].is_lower and doc[k].is_alpha \
            and doc[k].lower_ not in title_words()[0]:  # words of its portfolio) makes X the party's member
        k += 1
    if k < len(doc) and doc[k].is_lower and doc[k].is_alpha and doc[k].lower_ in title_words()[0] \
            and doc[k].lower_ not in FUNCTION_WORDS and role not in member_roles():
        role = "member"
    if role not in member_roles() and not (role.endswith("s") and role[:-1] in member_roles()) \
            and not _party_noun_of_a_person(ent) and not _party_after_a_name(ent) \
            and not (i == ent.end < len(doc) and doc[i].ent_iob_ == "B" and doc[i].ent_type_ == "PERSON"
                     and ent.label_ == "NORP"):  # "Republican Ann Cole": the party word as a person's epithet
        return None
    words = " ".join(t.text for t in ent if t.lower_ != "the")
    if ent.start > 0 and f"{doc[ent.start - 1].text} {words}" in party_words():
        return party_words()[f"{doc[ent.start - 1].text} {words}"]
    return party_words().get(words)


@cache
def office_words() -> frozenset[str]:
    """Words between a party's word and a party role that name the office sought ("presidential",
    "leadership"): the SOUGHT_OFFICE list of rules/roles.jsonl."""
    from kg.extract.rules import word_lists

    return word_lists()["SOUGHT_OFFICE"]


def _party_noun_of_a_person(ent: Span) -> bool:
    """A political word as the noun that describes a person ("X, a Democrat from Ohio", "X, a Minnesota
    Republican, said", "X is a Conservative"): the party's member. The words that end the noun phrase are
    the NOUN_PHRASE_END list of rules/roles.jsonl, which the party-noun rules read too."""
    from kg.extract.rules import word_lists

    doc = ent.doc
    if ent.end < len(doc) and doc[ent.end].lower_ not in word_lists()["NOUN_PHRASE_END"]:
        return False
    i = ent.start - 1
    while i > ent.start - 4 and i > 0 and doc[i].ent_type_ in ("GPE", "LOC"):
        i -= 1  # "a Nevada Democrat"
    return i >= 2 and doc[i].lower_ in ("a", "an", "the") and doc[i - 1].lower_ in (",", "is", "was") \
        and doc[i - 2].ent_type_ == "PERSON"


def _party_after_a_name(ent: Span) -> bool:
    """A political word in parentheses right after a person's name ("X (Liberal)", "X (Labour Party)", "X
    (Liberal, Warringah)"): the person's party."""
    doc = ent.doc
    if ent.start < 2 or doc[ent.start - 1].text != "(" or doc[ent.start - 2].ent_type_ != "PERSON":
        return False
    after = [t.text for t in doc[ent.end:ent.end + 6]]
    return bool(after) and (after[0] == ")" or after[0] in (",", "-", "\u2013", "from", "of")
                            and ")" in after and "(" not in after[:after.index(")")])


@cache
def settlement_words() -> frozenset[str]:
    """'town', 'province', 'capital': words for kinds of places (the SETTLEMENT list of rules/places.jsonl)."""
    from kg.extract.rules import word_lists

    return word_lists()["SETTLEMENT"]


def fold_name(name: str) -> str:
    """A name without case or accents: news writes "Bogota" for "Bogotá"."""
    return unaccented(norm_name(name))


@cache
def capital_countries() -> dict[str, str]:
    """A capital's folded name -> its country's label, from the gazetteer's countries (countryinfo's
    capitals, and the other names of ontologies/sources/countries-extra.jsonl: "Kiev", "Washington"); a
    capital two entries claim ("Kingston") names neither."""
    claims: dict[str, set[str]] = {}
    for row in gazetteer_rows():
        for name in ([row["capital"]] if row.get("capital") else []) + row.get("capital_aliases", []):
            claims.setdefault(fold_name(name), set()).add(row["label"])
    return {k: next(iter(v)) for k, v in claims.items() if len(v) == 1}


def _capital_named(span: Span) -> bool:
    """A name that is all a country's capital ("Harare", "Kiev's decision", "a Copenhagen newspaper") in a text that
    names its country (by name or adjective), unless the text names a person with it ("Paris Hilton ... Paris said").
    Read on 1,000 corpus articles: 9 capitals the NER took for a body's or a person's name, all places; without the
    country, a review found people and ships ("Sofia, a 19-year-old student", "Victoria, the tanker")."""
    country = capital_countries().get(fold_name(span.text))
    if country is None:
        return False
    word = span.text.lower()
    return not any(e.label_ == "PERSON" and len(e) > 1 and word in {t.lower_ for t in e} for e in span.doc.ents) \
        and any(country_named(e.text) == country for e in span.doc.ents if e.label_ != "PERSON")


SEAT_WORDS = {"based", "headquartered", "located", "situated", "born", "lives", "lived", "living", "resides", "resided",
              "raised"}  # "based in X", "X-based", "born in X", "X-born": X is a place


def _after_place_kind(doc: Doc, start: int) -> bool:
    """Token `start` follows "the <kind of place> of": "the town of X"; "the Brazilian state of X", "the US
    state of X" (a word between)."""
    if start < 3 or doc[start - 1].lower_ != "of" or doc[start - 2].lower_ not in settlement_words():
        return False
    i = start - 3
    while i > start - 5 and i > 0 and doc[i].lower_ not in ("the", "a") \
            and (doc[i].text[:1].isupper() or doc[i].pos_ == "ADJ"):
        i -= 1
    return doc[i].lower_ in ("the", "a")


NAMELESS_KINDS = frozenset({"state", "states", "settlement", "settlements", "territory", "territories"})  # state Duma


def _after_place_word(doc: Doc, start: int) -> bool:
    """Token `start` follows "the [words] <kind of place>" or "<place>'s [words] <kind of place>": "the Chilean
    capital Santiago", "the port city Karachi", "Kenya's capital Nairobi" (singular kinds; not "state")."""
    if start < 2 or not doc[start - 1].is_lower or doc[start - 1].lower_ not in settlement_words() \
            or doc[start - 1].lower_ in NAMELESS_KINDS or doc[start - 1].lower_.endswith("s"):
        return False
    kind = doc[start - 1]
    if not (kind.head.i == start or doc[start].head.i == kind.i):
        return False  # the parse links the kind and the name ("the capital Santiago"), not "to the capital Jo told"
    i = start - 2
    while i > start - 5 and i > 0 and doc[i].lower_ != "the" and doc[i].text not in POSSESSIVE \
            and doc[i].pos_ in ("ADJ", "NOUN", "PROPN"):
        i -= 1
    return doc[i].lower_ == "the" or doc[i].text in POSSESSIVE


NAMED_KINDS_EXCLUDED = NAMELESS_KINDS | {"capital", "port", "ports", "republic", "republics", "city", "town", "village"}


def _before_place_kind(span: Span) -> bool:
    """A name between "the" (a compass word may follow it) and a kind of place that is not a settlement's: "the
    Kadikoy district of Istanbul", "the southern Kunar province": the division's own name. Not "the Clinton county
    prosecutor" (a noun after the kind), nor a city's or a town's word ("the Bush town hall"). Read on 1,000 corpus
    articles: 3 names retyped, all places."""
    doc = span.doc
    i = span.start - 1
    if i >= 0 and doc[i].lower_ in compass_words():
        i -= 1
    if i < 0 or doc[i].lower_ != "the" or span.end >= len(doc):
        return False
    kind = doc[span.end]
    if kind.lower_ not in settlement_words() or kind.lower_ in NAMED_KINDS_EXCLUDED or kind.lower_.endswith("s") \
            or span[-1].text in org_name_heads():  # "the Brenner Motors region": a company's
        return False
    nxt = doc[kind.i + 1] if kind.i + 1 < len(doc) else None
    return nxt is None or not (nxt.is_lower and nxt.pos_ in ("NOUN", "PROPN"))


PLACE_PARTICLES = frozenset({"de", "del", "da", "do", "dos", "das", "di", "la", "le", "el", "al"})  # inside a name


def cued_places(doc: Doc) -> list[Span]:
    """Capitalised words the NER missed right after "the <kind of place> of" ("the Peruvian city of
    Arequipa"), or took for a group's ("the state of Maharashtra" as NORP, which names no country): a
    place's name, up to four words."""
    taken = {i for e in doc.ents if e.label_ != "NORP" or _is_demonym(e.text) for i in range(e.start, e.end)}
    out = []
    of = get_string_id("of")
    for i in (i for i, x in enumerate(doc.to_array(LOWER).tolist()) if x == of):  # no Token objects but these
        if i + 1 >= len(doc) or not _after_place_kind(doc, i + 1):
            continue
        end = i + 1
        while end < len(doc) and end - i <= 4 and end not in taken and doc[end].is_alpha and (
                doc[end].text[:1].isupper() and doc[end].pos_ == "PROPN"
                or end > i + 1 and doc[end].text in PLACE_PARTICLES and end + 1 < len(doc)
                and doc[end + 1].text[:1].isupper()):  # "the town of Santa Rosa de Lima"
            end += 1
        if end > i + 1:
            out.append(Span(doc, i + 1, end, label="GPE"))
    return out


DWELLERS = frozenset({"resident", "residents", "native", "natives"})


def _place_cue(span: Span) -> bool:
    """A name after "the <kind of place> of" ("the town of Garissa"), or described as one in an
    apposition or after "is a" ("Quetta, the capital of ...", "Garissa is a town in ..."), or before or
    after "resident(s) (of)" or "native(s) (of)" ("a Lakeville resident", "a native of Lakeville"), a
    possessive's home ("X's Lakeville home"), or beside a title only a place's head has ("the mayor of Harlow",
    "Harlow Mayor X": _place_title_cue)."""
    doc, kinds = span.doc, settlement_words()
    if _after_place_kind(doc, span.start) or _after_place_word(doc, span.start) or _before_place_kind(span) \
            or _capital_named(span) or _place_title_cue(span):
        return True
    if span.start >= 2 and doc[span.start - 1].lower_ == "in" and doc[span.start - 2].lower_ in SEAT_WORDS:
        return True  # "based in Lyon", "headquartered in Lyon": a place
    if span.start >= 2 and doc[span.start - 1].lower_ == "of" and doc[span.start - 2].lower_ in DWELLERS \
            and span[-1].text not in org_name_heads():
        return True  # "a native of Lakeville", "residents of Lakeville": a place (not "of Kelm Housing Association")
    if span.end + 1 < len(doc) and doc[span.end].text == "-" and doc[span.end + 1].lower_ in SEAT_WORDS:
        return True  # "a Lyon-based firm"
    if _place_before_place(span):
        return True
    nxt = doc[span.end].lower_ if span.end < len(doc) else ""
    if nxt in DWELLERS or (
            nxt in ("home", "house", "apartment") and span.start > 0 and doc[span.start - 1].text in POSSESSIVE):
        return True  # "a Lakeville resident", "Tom Reed's Lakeville home": a place
    after = list(doc[span.end:span.end + 7])
    if len(after) < 3 or after[0].lower_ not in (",", "is", "was") or after[1].lower_ not in ("the", "a", "an"):
        return False
    for i, t in enumerate(after[2:], start=2):  # "a (small) (fishing) town in", "the capital of"
        if t.lower_ in kinds:
            return i + 1 == len(after) or after[i + 1].lower_ in ("of", "in", "on", "near", ",", ".")
        if not (t.is_lower and t.pos_ in ("ADJ", "NOUN") or t.text == "-"):
            return False
    return False


LOCATIVES = ("in", "near", "outside")


def _after_locative(span: Span) -> bool:
    """A name the NER took for a person's right after "in", "near" or "outside" ("trains stopped in Bari", "near
    Farah"): a place. Read on 400 corpus articles: 14 such names, all places. Not before a possessive ("in
    Smith's book") or a noun other than a kind of place ("in Bush administration"; "in Taji area" is a place);
    the caller keeps a body's name ("shares in Kelm Airlines": _org_cue)."""
    doc = span.doc
    if span.start == 0 or doc[span.start - 1].lower_ not in LOCATIVES:
        return False
    nxt = doc[span.end] if span.end < len(doc) else None
    return nxt is None or nxt.text not in POSSESSIVE and not (
        nxt.is_lower and nxt.pos_ == "NOUN" and nxt.lower_ not in settlement_words())


PLACE_LABELS = frozenset({"GPE", "LOC", "Country", "Place", "AdministrativeArea", "City"})
# Words after which a city's name stands as a place: "flew to Tulsa", "en route to Irkutsk", "a convoy from
# Leipzig", "left for Patna" ("for" only after a verb of leaving, below), "12 km south of Tulsa" ("of" only after a
# compass word or a distance, below)
CITY_BEFORE = frozenset({"in", "near", "outside", "to", "into", "from", "toward", "towards", "via", "around",
                         "across", "through", "for", "of"})
LEAVING = frozenset({"left", "leave", "leaves", "leaving", "departed", "depart", "departs", "bound", "headed",
                     "heading", "sailed", "set", "flights", "flight", "train", "trains"})
DISTANCES = frozenset({"miles", "mile", "km", "kilometres", "kilometers", "kilometre", "kilometer", "outskirts",
                       "suburbs", "north", "south", "east", "west"})
# "shares in Toyota", "a stake in Nokia": a company's name after "in"; "signed from Ajax", "a move from Mercedes to
# Ferrari": a club's or a team's (these words up to three before the preposition)
HOLDINGS = frozenset({"shares", "share", "stake", "stakes", "stock", "stocks", "investment", "investments", "invested",
                      "invest", "interest", "holding", "holdings", "trust", "confidence", "money", "funds"})
TRANSFERS = frozenset({"signed", "signing", "sign", "signs", "loaned", "loan", "move", "moves", "moved", "moving"})
# A person's name (as the NER took it) after "to" or "from" is a place's only on a route from or to a place the NER
# named ("from Brasilia to Campinas") or after a verb of travel ("flew on to Tulsa"): "went to Hamilton, who ...",
# "lost to Murray", "a statement from Howard" are people.
TRAVEL = frozenset({"flew", "fly", "flies", "flying", "flown", "travelled", "traveled", "travel", "travels",
                    "travelling", "traveling", "drove", "driven", "drive", "sailed", "sail", "returned", "return",
                    "fled", "flee", "flees", "headed", "heading", "redirected", "diverted", "evacuated", "airlifted",
                    "deported", "extradited", "transferred", "marched", "walked", "route", "way", "journey", "trip",
                    "flight", "flights", "train", "trains", "bus", "road", "left", "leaving", "bound", "arrived",
                    "relocated", "moved"})


@cache
def known_cities() -> frozenset[str]:
    """The names of ontologies/cities.txt: every city of 15,000 people or more in GeoNames (a name a line, after
    the // comments)."""
    craft = {r["orbiter"] for r in load_jsonl("spacecraft.jsonl") if "orbiter" in r}  # "returned to Atlantis"
    return frozenset(n for n in data_lines("cities.txt") if n and not n.startswith("//")) - craft


def _known_city(span: Span, text: str) -> bool:
    """A name the NER took for a body's or a person's that is a known city's (ontologies/cities.txt) and stands
    where a place stands: after a locative or a word of motion ("to Tulsa", "from Leipzig", "left for Patna",
    "12 km south of Tulsa") or before a comma and a place ("Tulsa, Oklahoma, said"), and never stands only where
    a body's name does elsewhere in the document (`_body_position`: "Toyota said ... trust in Toyota" is a
    company's). Not after "according to", not before a possessive or a common noun ("in Halifax shares"), and not a
    word of a longer person's name in the document ("a letter to Obama" beside "Barack Obama"). "at" is no place's
    word here: "at Oxford" is a university as often. A helper's review (session 28, all 4,679 corpus articles outside
    the splits) judged 152 of 171 class changes right before the guards on transfers, holdings and people's names
    after "to"/"from" (`_travelled_to`) were added; docs/quality.md step 280."""
    if text not in known_cities():
        return False
    doc = span.doc
    if any(e.label_ == "PERSON" and len(e) > len(span) and text in e.text.split() for e in doc.ents):
        return False
    if span.label_ == "PERSON" and not _travelled_to(doc, span.start, span.end):
        return False
    return _city_position(doc, span.start, span.end) and not any(
        _body_position(doc, e.start, e.end) and not _city_position(doc, e.start, e.end)
        for e in doc.ents if e.text == text)


def _travelled_to(doc: Doc, start: int, end: int) -> bool:
    """A name the NER took for a person's is a known city's after "to", "from" (and the like) only on a
    route with a place the NER named ("from Brasilia to Campinas", "from Baracoa to Havana"), or after a word of
    travel ("flew on to Tulsa", "all the way to Bratsk"); never followed by ", who" ("went to Hamilton, who ...")."""
    if end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ == "who":
        return False
    before = doc[start - 1].lower_ if start > 0 else ""
    if before not in ("to", "from", "into", "toward", "towards", "via", "for"):
        return True  # "in Tulsa", "12 km south of Tulsa", "Tulsa, Oklahoma": `_city_position` decides
    if before == "to" and start > 3 and doc[start - 3].lower_ == "from" and doc[start - 2].ent_type_ in PLACE_LABELS:
        return True
    if before == "from" and end + 1 < len(doc) and doc[end].lower_ == "to" and doc[end + 1].ent_type_ in PLACE_LABELS:
        return True
    return any(t.lower_ in TRAVEL for t in doc[max(0, start - 4):start - 1])


def _body_position(doc: Doc, start: int, end: int) -> bool:
    """Tokens start..end stand where a body's or a person's name stands, not a place's: before a possessive or a
    verb ("Toyota's", "Toyota said"), after "according to"."""
    nxt = doc[end] if end < len(doc) else None
    return nxt is not None and (nxt.text in POSSESSIVE or nxt.tag_.startswith("VB") and nxt.pos_ != "AUX") \
        or start > 1 and doc[start - 1].lower_ == "to" and doc[start - 2].lower_ == "according"


def _city_position(doc: Doc, start: int, end: int) -> bool:
    """Tokens start..end stand where a place's name stands (`_known_city`)."""
    nxt = doc[end] if end < len(doc) else None
    if nxt is not None and (nxt.text in POSSESSIVE or nxt.is_lower and nxt.pos_ in ("NOUN", "ADJ", "NUM")
                            and nxt.lower_ not in settlement_words() or nxt.is_alpha and nxt.text[:1].isupper()):
        return False  # "in Halifax shares", "Brent crude", "Toyota's", "44 B.C., Roman Emperor X": no place alone
    before = doc[start - 1].lower_ if start > 0 else ""
    two = doc[start - 2].lower_ if start > 1 else ""
    if _after_capital(doc, start):
        return True  # "the capital Bogota", "the county's capital, Cluj-Napoca,", "the capital city of Lima"
    if before in CITY_BEFORE:
        return (before != "for" or two in LEAVING) \
            and (before != "of" or two in DISTANCES or two in compass_words() or _after_age(doc, start - 1)) \
            and not (before == "to" and two == "according") \
            and not (before in ("in", "into") and two in HOLDINGS) \
            and not any(t.lower_ in TRANSFERS for t in doc[max(0, start - 4):start - 1])
    return nxt is not None and nxt.text == "," and end + 1 < len(doc) \
        and doc[end + 1].ent_type_ in PLACE_LABELS and doc[end + 1].text[:1].isupper()  # "Tulsa, Oklahoma"


def _after_capital(doc: Doc, i: int) -> bool:
    """Token `i` follows the word "capital" in lower case, with at most a comma, "city" or "city of" between."""
    k = i - 1
    while k >= 0 and i - k <= 3 and doc[k].lower_ in (",", "city", "of"):
        k -= 1
    return k >= 0 and doc[k].text == "capital" and doc[k + 1:i].text in ("", ",", "city", "city of")


def _in_a_tally(doc: Doc, start: int, nxt: int) -> bool:
    """A name at `start` in a list of names and numbers ("Likud, 32, Kadima, 28": seats, not ages), `nxt` the token
    after its number's comma."""
    before = start >= 2 and doc[start - 1].text == "," and doc[start - 2].like_num
    after = nxt + 2 < len(doc) and doc[nxt].text[:1].isupper() and doc[nxt + 1].text == "," and doc[nxt + 2].like_num
    return before or after


def _age_at(doc: Doc, k: int) -> bool:
    """Tokens k..k+2 are a person's age between commas (", 46,")."""
    return 0 <= k and k + 2 < len(doc) and doc[k].text == doc[k + 2].text == "," and doc[k + 1].text.isdigit() \
        and 0 < int(doc[k + 1].text) < 120


def _after_age(doc: Doc, i: int) -> bool:
    """Token `i` follows a person's age between commas ("Ann Lo, 46, of Plainville": where she lives)."""
    return _age_at(doc, i - 3)


def _place_before_place(span: Span) -> bool:
    """One word after "in", "near", "off", "at" or "outside", or a name of up to three after "<person>, <age>, of",
    and before a comma and a place ("near Bari, in southern Italy", "in Welkom, South Africa", "Ann Lo, 46, of Clear
    Brook, Virginia"): a town the NER took for a person's or a body's name."""
    doc = span.doc
    if span.start == 0 or span.end >= len(doc) or doc[span.end].text != ",":
        return False
    home = doc[span.start - 1].lower_ == "of" and _after_age(doc, span.start - 1) and len(span) <= 3
    if not home and (len(span) != 1 or doc[span.start - 1].lower_ not in ("in", "near", "off", "at", "outside")):
        return False
    i = span.end + 1
    for words in (("in",), ("the",), compass_words()):
        if i < len(doc) and doc[i].lower_ in words:
            i += 1
    return i < len(doc) and doc[i].ent_type_ in PLACE_LABELS and doc[i].text[:1].isupper()


def _surnames_are_people(mentions: list[Mention], onto: Ontology) -> list[Mention]:
    """A one-word name that is the surname of a person named in full in the document, and no known
    name of the gazetteer, is that person ('Orlov' typed a place by the NER)."""
    from kg.extract.entities import gazetteer  # entities imports this module

    surnames = {m.text.split()[-1] for m in mentions if onto.coarse(m.label) == "Person" and len(m.text.split()) >= 2}
    return [replace(m, label="Person") if m.kind == "name" and onto.coarse(m.label) != "Person" and " " not in m.text
            and m.text in surnames and norm_name(m.text) not in gazetteer() else m for m in mentions]


# (titles.jsonl before_names and person_ranks, and rules/roles.jsonl RANK, hold these too: one list would be better)
RANKS = {"gen", "col", "lt", "capt", "sgt", "maj", "adm", "cmdr", "cdr", "brig", "cpl", "pvt", "pte", "spc", "det",
         "insp", "supt", "major", "colonel", "lieutenant", "captain", "sergeant", "corporal", "admiral", "marshal",
         "general", "mr", "mrs", "ms", "dr", "sir", "detective", "inspector", "superintendent", "constable"}


@cache
def person_ranks() -> frozenset[str]:
    """Ranks and honorifics that begin no organisation's name (titles.jsonl "person_ranks"): a name the NER
    took for a body after one is a person's ("Corporal Shane Keating")."""
    return data_words("titles.jsonl", "person_ranks")


@cache
def inner_titles() -> frozenset[str]:
    """One-word titles and ranks that stand between a body's name and a person's in one NER span."""
    return frozenset({t for t in _titles() if " " not in t} | RANKS)


@cache
def _body_ends() -> frozenset[str]:
    """Words that end bodies' and sites' names, never a person's: org-words.jsonl name_heads and the last words of
    its site_heads ("Center" of "Space Center")."""
    return org_name_heads() | {h.split()[-1] for h in site_heads()}


def _ends_a_body(tok: Token) -> bool:
    """"Gagarin Cosmonaut Training Center": the words after a title inside a name end a body's, not a person's."""
    return tok.text in _body_ends()


def split_ent(ent: Span) -> list[Span]:
    """The names in an entity span the NER ran together: split at a lower-case verb ("Acme, Pratt said
    Zenco"); cut at an unclosed parenthesis ("Union of Farmers (UF": the acronym after it is a name too);
    after a monitoring header's id the first word (with "City") is the place of the source that follows
    ("Elmville Radio Tango")."""
    doc = ent.doc
    toks = list(ent)  # one Token object per word, read by each test below
    for t in toks:
        if t.text == "(" and ")" not in doc[t.i:ent.end].text:
            inner = [Span(doc, t.i + 1, ent.end, label=ent.label_)] if doc[t.i + 1:ent.end].text.isupper() else []
            return [*split_ent(Span(doc, ent.start, t.i, label=ent.label_)), *inner] if t.i > ent.start else inner
    cuts = [t.i for t in toks if t.pos_ == "VERB" and t.text.islower()]
    if cuts:
        bounds = [ent.start - 1, *cuts, ent.end]
        return [Span(doc, a + 1, b, label=ent.label_) for a, b in zip(bounds, bounds[1:], strict=False) if b > a + 1]
    pair = _title_of_split(ent)
    if pair:
        return pair
    for t in toks[1:]:  # "Bihar Governor Buta Singh", "Acme Fire Department Captain Jo Ruiz": a title inside
        if t.text[:1].isupper() and t.lower_.rstrip(".") in _role_words() and 2 <= ent.end - t.i - 1 <= 3 \
                and all(_name_word(w) for w in doc[t.i + 1:ent.end]) and not _ends_a_body(doc[ent.end - 1]):
            # "House of Representatives Ann Cole": the role word ends the body's name after "of"
            end = t.i + 1 if doc[t.i - 1].is_lower else t.i
            return [Span(doc, ent.start, end, label="ORG" if ent.label_ == "PERSON" else ent.label_),
                    Span(doc, t.i + 1, ent.end, label="PERSON")]
    if ent.start > 0 and MONITOR_ID.fullmatch(doc[ent.start - 1].text):
        cut = ent.start + (2 if len(ent) > 1 and ent[1].text == "City" else 1)
        if cut < ent.end:
            return [Span(doc, ent.start, cut, label="GPE"), Span(doc, cut, ent.end, label="ORG")]
    return [ent]


def _name_word(t: Token) -> bool:
    return t.is_alpha and t.text[:1].isupper() and not t.is_upper and t.lower_ not in inner_titles()


def _title_of_split(ent: Span) -> list[Span] | None:
    """"the President of Borduria Ana Vel", "Director of the City Museum Jo Park": after "<title> of" the
    NER often runs the body's name and the holder's together. Cut where the body's name ends: after a
    name of the gazetteer (a country) or a word that ends organisations' names (org-words.jsonl), when
    2-3 capitalised words follow (the name may run on past the NER's span: "Italy Romano" + "Prodi").
    Without such a word nothing is cut: the words alone do not tell where a body's name ends."""
    from kg.extract.entities import gazetteer  # entities imports this module

    doc = ent.doc
    i = ent.start - (2 if ent.start >= 2 and doc[ent.start - 1].lower_ == "the" else 1)
    if i < 1 or doc[i].lower_ != "of" or doc[i - 1].lower_ not in inner_titles():
        return None
    end = ent.end
    while end < len(doc) and end < ent.end + 2 and not doc[end].ent_type_ and _name_word(doc[end]):
        end += 1
    places = gazetteer()
    for k in range(end - 2, max(ent.start, end - 4), -1):  # the person's name: the last 2 or 3 words
        if k <= ent.start:
            break
        person, body = doc[k:end], doc[ent.start:k]
        heads = org_name_heads()
        if not all(_name_word(t) and t.text not in heads and norm_name(t.text) not in places for t in person):
            continue
        if norm_name(body.text) in places or norm_name(body[-1].text) in places \
                or (len(body) > 1 and body[-1].text in heads) \
                or (len(body) == 1 and doc[i - 1].lower_ in org_names()):  # "Secretary of Transportation X"
            label = "GPE" if norm_name(body.text) in places else "ORG"
            return [Span(doc, ent.start, k, label=label), Span(doc, k, end, label="PERSON")]
    return None


@cache
def of_place_heads() -> frozenset[str]:
    """Last words of bodies' names that go on with "of <place>" (org-words.jsonl of_place_heads, and the
    one-word membership heads): "Party", "Union", "Council"."""
    words = data_words("org-words.jsonl", "of_place_heads")
    return frozenset(words | {w for w in membership_heads() if " " not in w})


def joined_names(doc: Doc) -> list[Span]:
    """The NER's entities, with two pieces of one name joined where the NER ended the name early: a
    university's campus ("University of Texas" + "at" + "Austin"), and a party's or a union's place
    ("Socialist Party" + "of" + "Latvia": of_place_heads)."""
    onto = load_ontology()
    ents = list(doc.ents)
    out: list[Span] = []
    taken = {t for e in ents for t in range(e.start, e.end)}
    prefixes = name_prefixes()
    sents = SentenceIndex(doc)
    i = 0
    while i < len(ents):
        a = ents[i]
        b = ents[i + 1] if i + 1 < len(ents) else None
        role = doc[a.start - 2] if a.start > 1 else None
        if a.label_ == "PERSON" and len(a) == 1 and role is not None and role.is_lower \
                and role.lower_ in person_cues() and _given_name_before(doc[a.start - 1], a, taken, prefixes):
            # "cosmonauts Ilya Sedov": the NER took the surname only, the parser the given name with it; only right
            # after a lower-case role word ("said Comptroller Sedov", "Police Commissioner Sedov": a title)
            a = Span(doc, a.start - 1, a.end, label=a.label_)
        if a.label_ == "PERSON":
            end, k = _person_run_on(doc, a, ents, i + 1, taken, sents)
            if end > a.end:
                a = Span(doc, a.start, end, label="PERSON")
                i = k - 1
                b = ents[k] if k < len(ents) else None
        if b is not None and a.label_ == "ORG" and len(a) > 1 and b.start == a.end + 1 \
                and onto.coarse(class_of(b.label_, onto) or "") == "Place" and (
                    a[int(a[0].lower_ == "the")].text == "University" and doc[a.end].lower_ == "at"
                    or a[-1].text in of_place_heads() and doc[a.end].lower_ == "of"):
            out.append(Span(doc, a.start, b.end, label="ORG"))
            i += 2
            continue
        out.append(a)
        i += 1
    return out


NAME_PARTICLES = PLACE_PARTICLES | {"van", "von", "der", "den", "ter", "du", "della", "bin", "ibn"}  # "de Villepin"
MAX_NAME_WORDS = 5  # "Omar El Faroug Hassan Shumena"


def _person_run_on(doc: Doc, a: Span, ents: Sequence[Span], k: int, taken: set[int], sents: SentenceIndex
                   ) -> tuple[int, int]:
    """(end, index of the next entity) of a person's name the NER ended early: a one-word person's name right after
    it, with capitalised proper nouns in no entity between ("José Luis" + "Rodríguez" + "Zapatero"), or a lower-case
    particle or a close hyphen and the word after ("Dominique de" + "Villepin", "Gloria Macapagal" + "-" + "Arroyo").
    Capitalised words alone run on only at the end of the name ("Lee Hsien" + "Loong"), not before more capitals, a
    colon or with a site's word ("X International Airport", "X Source: Reuters"); no name runs on past a possessive
    or in a title-case headline ("Senator X Quits Party"); within the sentence, at most five words."""
    si = sents[a.start]
    stop = sents.starts[si + 1] if si + 1 < len(sents.starts) else len(doc)
    end, first = a.end, k
    if doc[end - 1].text in POSSESSIVE:
        return end, first
    heads, titles, not_names = org_name_heads(), title_words()[0], name_prefixes() | title_words()[0]

    def word(i: int) -> bool:  # not "Foreign" of "the Moldovan Foreign minister": a field before a title
        return i < stop and i not in taken and doc[i].pos_ == "PROPN" and _name_word(doc[i]) and not doc[i].is_stop \
            and doc[i].text not in heads and doc[i].lower_.rstrip(".") not in not_names \
            and not (i + 1 < len(doc) and doc[i + 1].lower_ in titles)

    def surname_at(i: int) -> bool:  # "Zapatero": a one-word person's name ("Keith Ellis" + "Dick Emanuelsson": two)
        return k < len(ents) and ents[k].start == i and ents[k].label_ == "PERSON" and len(ents[k]) == 1

    done = end  # the end where the name is known to go on: after a surname entity or a particle's word
    while end < stop and doc[end - 1].text not in POSSESSIVE:
        if doc[end - 1].lower_ in NAME_PARTICLES and doc[end - 1].is_lower and word(end):  # the NER's "Dominique de"
            end += 1
            done = end
        elif surname_at(end):
            end, k = ents[k].end, k + 1
            done = end
        elif word(end):
            end += 1
        elif end + 1 < stop and (doc[end].lower_ in NAME_PARTICLES and doc[end].is_lower
                                 or doc[end].text == "-" and not doc[end - 1].whitespace_
                                 and not doc[end].whitespace_ and end - a.start >= 2):  # not "Lowe-Hale" (a ticket)
            if surname_at(end + 1):
                end, k = ents[k].end, k + 1
            elif word(end + 1):
                end += 2
            else:
                break
            done = end
        else:
            break
    capital_after = end < len(doc) and (doc[end].text[:1].isupper() and end not in taken or doc[end].text == ":")
    if end > done and not capital_after and not any(doc[i].text in site_heads() for i in range(done, end)):
        done = end  # capitalised words at the end ("Lee Hsien" + "Loong"), not before more capitals or a colon
        # ("X International Airport", "Photo: X Source: Reuters") nor holding a site's word
    if done - a.start > MAX_NAME_WORDS or done > a.end and _title_case(doc[sents.starts[si]:stop],
                                                                        taken | set(range(a.end, a.end + 3))):
        return a.end, first  # a list of names with no commas ("A B C D E F"), or a headline: no one name
    return done, k  # (every entity joined ends at or before done: k counts only those)


def _title_case(sent: Span, taken: set[int]) -> bool:
    """A headline's capitals: most words of four letters or more outside the names (and the words after the name
    in question), titles and ranks capitalised ("Senator X Quits Party After Vote"; not "Deputy Prime Minister X Y
    met Z on Monday")."""
    skip = title_words()[0] | _not_name_words()  # (the name prefixes are among the latter)
    words = [t for t in sent if t.is_alpha and len(t) >= 4 and t.i not in taken and t.lower_ not in skip]
    return len(words) >= 3 and sum(t.text[:1].isupper() for t in words) >= 0.8 * len(words)


# a name's word: capitalised, or capitals inside after an apostrophe or a Scottish or French prefix ("Yar'Adua",
# "O'Neill", "D'Alema", "McNeil", "DeLuca"; Token.is_title is false for the last two, is_alpha for the first three)
NAME_SHAPE = re.compile(r"[A-Z][a-z]*(?:['\u2019]?[A-Z][a-z]+)*(?:['\u2019][a-z]+)?")


def name_shaped(t: Token) -> bool:
    """A token shaped like a word of a person's name (NAME_SHAPE): "Ilya", "Yar'Adua", "McNeil"; not "NASA", "iPad"."""
    return t.is_alpha and t.is_title or NAME_SHAPE.fullmatch(t.text) is not None


def _given_name_before(t: Token, ent: Span, taken: set[int], prefixes: frozenset[str]) -> bool:
    """A capitalised proper noun right before a person's name that the parser made part of it (a compound of its
    head), in no entity and no title or rank ("Ilya" before "Sedov"; not "Minister" before "Sedov")."""
    return t.i not in taken and t.dep_ == "compound" and ent.start <= t.head.i < ent.end and t.pos_ == "PROPN" \
        and name_shaped(t) and t.lower_ not in prefixes and t.text not in org_name_heads()


def bare_subjects(doc: Doc) -> list[Span]:
    """One-word proper nouns the NER missed that are the subject of a verb ("Ollendorf refused"): people.

    Only a lone capitalised word counts: no entity, title or other proper noun beside it."""
    if not doc.has_annotation("DEP"):
        return []
    taken = {i for e in doc.ents for i in range(e.start, e.end)}
    prefixes = name_prefixes()
    out = []
    for t in doc:
        if (t.dep_ == "nsubj" and t.tag_ == "NNP" and t.head.pos_ == "VERB" and t.i not in taken
                and len(t) > 2 and t.text[0].isupper() and t.text[1:].islower() and t.lower_ not in prefixes
                and not any(0 <= j < len(doc) and (doc[j].pos_ == "PROPN" or j in taken) for j in (t.i - 1, t.i + 1))):
            out.append(Span(doc, t.i, t.i + 1, label="PERSON"))
    return out


@cache
def _role_ids() -> frozenset[int]:
    """The LOWER ids of the one-word titles and member's roles, their plurals (titled_people: "cosmonauts A
    and B") and the courtesy words ("Dame A B": the small model misses names after "Dame" and "Sir")."""
    words = {w for w in title_keys() | member_roles() if " " not in w}
    return frozenset(get_string_id(w) for w in words | {w + "s" for w in words} | honorifics())


@cache
def _not_name_words() -> frozenset[str]:
    """Words that are no part of a name found after a title (titled_people): titles, ranks, seniority."""
    from kg.extract.rules import word_lists

    return name_prefixes() | word_lists()["SENIORITY"] | {r.lower() for r in RANKS}


def titled_people(doc: Doc) -> list[Span]:
    """Two or three capitalised words the NER missed right after a one-word title or member's role ("Liberal MP Borys
    Wrzesnewskyj has resigned"): a person's name. Not words that are titles themselves or end a body's name. After
    a plural role, the further names of its list too ("cosmonauts Ivan Orlov and Pyotr Rusk": the small model
    often tags the first name only)."""
    taken = {i for e in doc.ents for i in range(e.start, e.end)}
    people = {e.start: e.end for e in doc.ents if e.label_ == "PERSON"}
    out = []
    roles, courtesy = _role_ids(), honorifics()
    for t in (doc[i] for i, x in enumerate(doc.to_array(LOWER).tolist()) if x in roles):  # no Token objects but these
        if t.i in taken or t.i + 2 >= len(doc):
            continue
        plural = t.lower_.endswith("s") and t.lower_ not in courtesy and get_string_id(t.lower_[:-1]) in roles
        # (not "Mrs", "Ms": courtesy words)
        prev = doc[t.i - 1] if t.i > 0 else None
        if t.text[:1].isupper() and prev is not None and prev.text[:1].isupper() and not prev.is_sent_start \
                and prev.i not in taken and prev.text not in party_words():
            continue  # "Gagarin Cosmonaut Training Center": the title word inside a longer name
        end = _untagged_name(doc, t.i + 1, taken)
        if end:
            out.append(Span(doc, t.i + 1, end, label="PERSON"))
        elif t.i + 1 in people and plural:
            end = people[t.i + 1]  # "cosmonauts Ivan Orlov (and ...)": the NER's first name of the list
        while end and plural and end + 1 < len(doc) and doc[end].lower_ in (",", "and"):
            start = end + 1 + (doc[end].text == "," and doc[end + 1].lower_ == "and")  # ", and"
            end = people.get(start) or _untagged_name(doc, start, taken)
            if end and start not in people:
                out.append(Span(doc, start, end, label="PERSON"))
    return out


def _untagged_name(doc: Doc, start: int, taken: set[int]) -> int:
    """The end of two or three capitalised words no entity holds from token `start` on, followed by no other
    capitalised word (titled_people); 0 for none."""
    heads, not_names = org_name_heads(), _not_name_words()
    end = start
    while end < len(doc) and end - start < 3 and end not in taken and doc[end].pos_ == "PROPN" \
            and name_shaped(doc[end]) and doc[end].lower_ not in not_names \
            and doc[end].text not in heads:
        end += 1
    nxt = doc[end] if end < len(doc) else None
    return end if 2 <= end - start <= 3 and (nxt is None or not (nxt.text[:1].isupper() or end in taken)) else 0


def _drop_seats(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """A state joined by a hyphen to a party letter ('R-Utah') is a politician's seat, not a place named."""
    return [m for m in mentions if not (m.label == "AdministrativeArea" and m.token_start > 0
                                        and doc[m.token_start - 1].text == "-")]


def doc_text(doc: Doc) -> str:
    """The document's text, joined once and kept in its user_data: `Doc.text` joins every token again at each call
    (a Token object each), and the stages ask for it several times."""
    text = doc.user_data.get("kg.text")
    if text is None:
        text = doc.user_data["kg.text"] = doc.text
    return str(text)


class SentenceIndex:
    """The index of the sentence a token is in (bisect over the sentence starts); a Doc without
    sentence boundaries is one sentence. The starts are read once per Doc and kept in its user_data
    (mentions, coreference and relations each ask: walking doc.sents builds a Span per sentence)."""

    KEY = "kg.sentence_starts"

    def __init__(self, doc: Doc) -> None:
        starts = doc.user_data.get(self.KEY)
        if starts is None or len(doc) == 0 or starts[-1] >= len(doc):
            starts = [s.start for s in doc.sents] if doc.has_annotation("SENT_START") else [0]
            doc.user_data[self.KEY] = starts
        self.starts: list[int] = starts

    def __getitem__(self, token: int) -> int:
        return max(bisect.bisect_right(self.starts, token) - 1, 0)

    def get(self, token: int, default: int = -9) -> int:
        """Like __getitem__, with `default` for a mention that has no token (-1)."""
        return self[token] if token >= 0 else default
