"""Titles "of" a body whose holder only the parse finds (kg/extract/relations.py, title-of-by-parse)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from tests.extract.helpers import parsed_facts as facts
from tests.extract.helpers import read_texts

pytestmark = pytest.mark.model


@pytest.mark.parametrize(("text", "fact"), [
    ("Maria Lopez is said to be worth $2 billion and is the current chairman of Tarvex Energy.",
     ("Maria Lopez", "heads", "Tarvex Energy", True)),
    ("Maria Lopez, who has served as chairman of Tarvex Energy since 2003, declined to comment.",
     ("Maria Lopez", "heads", "Tarvex Energy", True)),
    ("Maria Lopez serves as the chief financial officer of Tarvex Energy.",
     ("Maria Lopez", "worksFor", "Tarvex Energy", True)),
    ("Maria Lopez will become chairman of Tarvex Energy next year.",
     ("Maria Lopez", "heads", "Tarvex Energy", False)),
    ("Maria Lopez is the chairman of Tarvex Energy until 2030.", ("Maria Lopez", "heads", "Tarvex Energy", True)),
])
def test_the_holder_of_a_title_is_found_through_the_parse(nlp: Language, text: str, fact: tuple) -> None:
    assert fact in facts(nlp, text)


@pytest.mark.parametrize("text", [
    "Maria Lopez, who was formerly the chairman of Tarvex Energy, died on Monday.",
    "Maria Lopez served as chairman of Tarvex Energy from 1990 to 1998.",
    "Maria Lopez was the former chairman of Tarvex Energy.",
    # a closed period after the role (relations._period_over)
    "Maria Lopez was chairman of Tarvex Energy from 1990 to 1998.",
    "Maria Lopez was the chairman of Tarvex Energy until 2004, when the board replaced her.",
    "Maria Lopez had been chairman of Tarvex Energy for six years, until her resignation in May.",
])
def test_a_title_held_before_is_no_fact_now(nlp: Language, text: str) -> None:
    assert not {f for f in facts(nlp, text) if f[1] == "heads" and f[3]}


def test_the_second_of_two_titles_beside_a_name(nlp: Language) -> None:
    got = facts(nlp, "Rates will rise, said Tom Reed, the chief economist at Kelm Bank and a director of the "
                     "Lakeside Trust.")
    assert ("Tom Reed", "worksFor", "Lakeside Trust", True) in got  # "a director": one of several (_one_of_several)


@pytest.mark.parametrize("text", [
    "Police in Lagos questioned Tom Reed, the former commanding officer of the Kelm Rangers.",
    "The letter went to Tom Reed and Maria Lopez, who, until recently, was a member of the Kelm Rangers.",
])
def test_no_title_fact_for_a_role_held_before(nlp: Language, text: str) -> None:
    assert not {f for f in facts(nlp, text) if f[2] == "Kelm Rangers" and f[3]}


POSSESSED_PARTS = {  # a title over a part of a body named with a possessive (relations._heads_a_part)
    "Lena Voss, head of Norway's delegation to the talks, said little.": (set(), {("Lena Voss", "heads", "Norway")}),
    "Jarl Berg, director of Kelm Foods' biofuel unit, disagreed.": (
        {("Jarl Berg", "worksFor", "Kelm Foods")}, {("Jarl Berg", "heads", "Kelm Foods")}),
    "Jarl Berg, the chairman of Kelm Foods' board, resigned.": ({("Jarl Berg", "heads", "Kelm Foods")}, set()),
    "Omar Said has been named the new chief executive of Norway's state oil firm, Kelm Oil.": (
        {("Omar Said", "heads", "Kelm Oil")}, {("Omar Said", "heads", "Norway")}),
    "Rolf Dahl, the chief of Sweden's largest bank, Nordvik Bank, resigned.": (
        {("Rolf Dahl", "heads", "Nordvik Bank")}, {("Rolf Dahl", "heads", "Sweden")}),
}


def test_a_title_over_a_possessed_part_heads_the_part_not_the_possessor(nlp) -> None:
    read = read_texts(nlp, list(POSSESSED_PARTS))
    for text, (wanted, unwanted) in POSSESSED_PARTS.items():
        facts = read[text][0]
        assert wanted <= facts and not unwanted & facts, (text, facts)


ONE_OF_SEVERAL = {  # a head's title after "a"/"an" (relations._one_of_several); "managing director", "executive director" head
    "\"It is a fair price,\" said Rowan Adeyemi, a managing director at Halcrow Brothers bank.": (
        {("Rowan Adeyemi", "worksFor", "Halcrow Brothers")}, {("Rowan Adeyemi", "heads", "Halcrow Brothers")}),
    "Rowan Adeyemi, a Halcrow Brothers director, spoke first.": (
        {("Rowan Adeyemi", "worksFor", "Halcrow Brothers")}, {("Rowan Adeyemi", "heads", "Halcrow Brothers")}),
    "\"We are in talks,\" said Ines Carvalho, Managing Director of the Nordic Credit Fund.": (
        {("Ines Carvalho", "heads", "Nordic Credit Fund")}, set()),
    "Despite the figures, Tarn Capital Managing Director Yusuf Demir says the market is weak.": (
        {("Yusuf Demir", "heads", "Tarn Capital")}, set()),
    "Ann Lowe, a head of Norway's delegation, spoke at the talks.": (set(), {("Ann Lowe", "worksFor", "Norway")}),
    "Ruth Adler, a vice president of Orion Airlines and now the president of Kestrel Air, spoke on Monday.": (
        {("Ruth Adler", "worksFor", "Orion Airlines"), ("Ruth Adler", "heads", "Kestrel Air")}, set()),
    "Maria Lopez, a non-executive director of Kelm Bank, resigned.": (
        {("Maria Lopez", "worksFor", "Kelm Bank")}, {("Maria Lopez", "heads", "Kelm Bank")}),
    "Salma Idris, executive director of the Kelm Wildlife Fund, wrote to members on Monday.": (
        {("Salma Idris", "heads", "Kelm Wildlife Fund")}, set()),
    "On Tuesday the Orla Trust executive director Jo Park wrote to the council.": (
        {("Jo Park", "heads", "Orla Trust")}, set()),
    "Jo Park, an executive director of Orla Bank, sold her shares.": (
        {("Jo Park", "worksFor", "Orla Bank")}, {("Jo Park", "heads", "Orla Bank")}),
}


PLACE_TITLES = {  # titles.jsonl place_titles: the name beside one is a place's (mentions._place_title_cue)
    "Harlow Mayor Jennifer Oakes faces two rivals in Harlow's election.": ("Harlow", "Place"),
    "Jennifer Oakes, the mayor of Harlow, faces two rivals in the election.": ("Harlow", "Place"),
    "Bihar Chief Minister Ravi Sinha met reporters from Bihar.": ("Bihar", "Place"),
}


def test_the_name_beside_a_title_only_a_place_has_is_a_place(nlp) -> None:
    read = read_texts(nlp, list(PLACE_TITLES))
    for text, (name, coarse) in PLACE_TITLES.items():
        x = read[text][2]
        holder = next(e for e in x.entities if e.cls == "Person")
        got = {e.label: e.cls for e in x.entities}
        assert name in got and (got[name] in ("Place", "City", "AdministrativeArea")) == (coarse == "Place"), (text, got)
        assert (holder.label, "heads", name) in read[text][0], (text, read[text][0])


def test_a_heads_title_after_an_indefinite_article_is_one_of_several(nlp) -> None:
    read = read_texts(nlp, list(ONE_OF_SEVERAL))
    for text, (wanted, unwanted) in ONE_OF_SEVERAL.items():
        facts = read[text][0]
        assert wanted <= facts and not unwanted & facts, (text, facts)


def test_a_departments_head_heads_no_place(nlp) -> None:
    read = read_texts(nlp, ["Northern Ireland Secretary Ann Lowe met the leaders.", "Ohio Governor Ann Lowe spoke."])
    assert ("Ann Lowe", "heads", "Northern Ireland") not in read["Northern Ireland Secretary Ann Lowe met the leaders."][0]
    assert ("Ann Lowe", "heads", "Ohio") in read["Ohio Governor Ann Lowe spoke."][0]


def test_a_place_that_modifies_the_noun_after_it_holds_no_role(nlp: Language) -> None:
    """"chief executive of the U.S. carmaker": the carmaker's, not the country's."""
    got = facts(nlp, "Tom Reyes, chief executive of the U.S. carmaker, resigned on Monday.")
    assert not {f for f in got if f[1] == "heads"}
    got = facts(nlp, "Tom Reyes, chief executive of the United States, resigned on Monday.")
    assert ("Tom Reyes", "heads", "United States", True) in got
    got = facts(nlp, "Tom Reyes, governor of Lagos state, resigned on Monday.")  # the place's own kind word
    assert ("Tom Reyes", "heads", "Lagos", True) in got


def test_the_chairman_of_a_body_s_board_heads_the_body(nlp: Language) -> None:
    """A body's board is its own head ("Kelm Bank board chairman X"); a place's board is not the place ("Lagos board
    chairwoman X")."""
    assert ("Tom Reyes", "heads", "Kelm Bank", True) in facts(nlp, "Kelm Bank board chairman Tom Reyes said profits "
                                                                  "rose.")
    got = facts(nlp, "Lagos board chairwoman Ada Obi said fees would rise.")
    assert not {f for f in got if f[1] == "heads"}


CHANCELLORS = {  # titles.jsonl heads_only_countries: a chancellor heads the government of Germany or Austria only
    "German Chancellor Anna Berg met the press in Bonn.": ({("Anna Berg", "heads", "Germany")}, set()),
    "UK Chancellor Gordon Blake promised that taxes would fall.": (set(), {("Gordon Blake", "heads", "United Kingdom")}),
    "Gordon Blake, the British chancellor, promised lower taxes.": (
        set(), {("Gordon Blake", "heads", "United Kingdom")}),
    "The University of Kelm chancellor Anna Berg opened the library.": (
        {("Anna Berg", "heads", "University of Kelm")}, set()),
}


def test_a_chancellor_heads_only_the_countries_whose_government_a_chancellor_leads(nlp) -> None:
    read = read_texts(nlp, list(CHANCELLORS))
    for text, (wanted, unwanted) in CHANCELLORS.items():
        facts = read[text][0]
        assert wanted <= facts and not unwanted & facts, (text, facts)
