"""Implicit objects: "President X" heads the one country the article is about (the real model)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from tests.extract.helpers import parsed_facts

pytestmark = pytest.mark.model


def heads(nlp: Language, text: str, title: str | None = None) -> set[tuple[str, str]]:
    return {(s, o) for s, p, o, asserted in parsed_facts(nlp, text, title) if p == "heads" and asserted}


def test_a_president_named_by_title_alone_heads_the_country_of_the_article(nlp: Language) -> None:
    text = ("Floods closed roads across Peru on Monday. Rescue teams reached three towns in Peru by night. "
            "President Ana Quispe visited the worst hit valley on Tuesday.")
    assert heads(nlp, text) == {("Ana Quispe", "Peru")}
    text = "Lebanon voted on Friday. Lebanon's parliament chose a cabinet. The new PM Najat Karam spoke."
    assert heads(nlp, text) == {("Najat Karam", "Lebanon")}  # the abbreviation too
    text = ("Floods closed roads across Peru on Monday. Rescue teams reached three towns in Peru by night. "
            "The President, Elena Marquez, visited the worst hit valley on Tuesday.")
    assert heads(nlp, text) == {("Elena Marquez", "Peru")}  # the title before a comma
    text = ("Floods closed roads across Peru on Monday. Rescue teams reached three towns in Peru by night. "
            "Acting President Rosa Palma visited the worst hit valley on Tuesday.")
    assert heads(nlp, text) == {("Rosa Palma", "Peru")}  # the head for now
    for mod in ("Outgoing", "Incumbent"):  # a modifier capitalised only because it opens the sentence
        assert heads(nlp, text.replace("Acting", mod)) == {("Rosa Palma", "Peru")}, mod
    text = ("Peru's Prime Minister Tomas Reyes met miners in Lima. Peru is tense. President Ana Quispe urged calm "
            "on Tuesday.")  # the country's head the text names holds another title
    assert heads(nlp, text) == {("Tomas Reyes", "Peru"), ("Ana Quispe", "Peru")}


def test_a_state_title_in_lower_case_counts_but_not_after_a_noun(nlp: Language) -> None:
    """Running text often writes the title in lower case ("talks with president X"); "union president X", "its
    president X", "union leader and president X", "president X of the union" and a president beside a club are a
    body's."""
    text = ("Floods closed roads across Peru on Monday. Rescue teams reached three towns in Peru by night. "
            "Aid from president Ana Quispe arrived on Tuesday.")
    assert heads(nlp, text) == {("Ana Quispe", "Peru")}
    for body in ("from union president", "from its president", "from president Ana Quispe of the union",
                 "from union leader and president", "after 9 pm"):
        assert heads(nlp, text.replace("from president", body).replace("Ana Quispe of the union Ana Quispe",
                                                                          "Ana Quispe of the union")) == set(), body
    text = text.replace("Rescue teams", "The Kelm Football Club and rescue teams")
    assert heads(nlp, text) == set()  # a body with a president of its own named just before


def test_the_country_a_headline_names_counts_twice(nlp: Language) -> None:
    """"Peruvian minister quits" over a text that names Peru once and Chile once: the article is Peru's; a headline
    that names two countries, or one the text never names, says nothing."""
    text = ("The trade minister of Peru resigned on Monday after talks with Chile failed. Prime Minister Ana Quispe "
            "accepted the resignation.")
    assert heads(nlp, text) == set()
    assert heads(nlp, text, title="Peruvian trade minister quits") == {("Ana Quispe", "Peru")}
    assert heads(nlp, text, title="Peru and Chile talks fail") == set()
    assert heads(nlp, text, title="Bolivian reaction muted") == set()
    text = text.replace("Prime Minister Ana Quispe", "Previous Prime Minister Ana Quispe")
    assert heads(nlp, text, title="Peruvian trade minister quits") == set()  # not the head now


def test_a_president_unseated_is_no_holder_of_the_title_now(nlp: Language) -> None:
    """"protesters unseated President A" leaves one holder of the title, "Acting President B"; "elections which
    ousted President A's party" unseat the party, not A."""
    text = ("Peru voted on Sunday. Peru has been tense since. Crowds who stormed the palace unseated President Ana "
            "Quispe. Acting President Rosa Palma appealed for calm.")
    assert heads(nlp, text) == {("Rosa Palma", "Peru")}
    text = ("Peru voted on Sunday. Peru has been tense since. The elections which ousted President Tomas Reyes's "
            "party were calm.")
    assert heads(nlp, text) == {("Tomas Reyes", "Peru")}


@pytest.mark.parametrize("text", [
    # two countries named as often: which one is the article about?
    "Peru and Chile signed a trade deal. Chile and Peru will cut tariffs. President Ana Quispe welcomed it.",
    # another country in the fact's sentence
    "Floods closed roads across Peru. Peru asked for help. In Chile, President Ana Quispe offered aid.",
    # two presidents
    "Peru hosted the summit. Peru was proud. President Ana Quispe met President Tomas Reyes in Lima.",
    # not the head now
    "Peru voted on Sunday. Peru has a new leader. Former President Ana Quispe voted early.",
    # the text names the country's head: the other president is another country's
    "Peruvian President Tomas Reyes met miners in Lima. Peru is tense. President Ana Quispe urged calm on Tuesday.",
])
def test_no_implicit_head_where_the_country_or_the_holder_is_unclear(nlp: Language, text: str) -> None:
    assert not {h for h in heads(nlp, text) if h[0] == "Ana Quispe"}


def located(nlp: Language, text: str) -> set[tuple[str, str]]:
    return {(s, o) for s, p, o, asserted in parsed_facts(nlp, text) if p == "locatedIn" and asserted}


@pytest.mark.parametrize(("text", "fact"), [
    # a country's capital by the gazetteer, whichever country the article names most
    ("The United States sent a team. US officials met Iraqi police north of the capital, Baghdad. Iraq thanked "
     "the United States.", ("Baghdad", "Iraq")),
    # written without the accent of the gazetteer's name
    ("Colombia closed its border on Friday. Traffic slowed in the capital Bogota as Colombia's buses stopped.",
     ("Bogota", "Colombia")),
    # no country's capital in the gazetteer: the country of the article
    ("Storms hit Peru. Peru's army flew food to the capital city Lindavale and to the coast.", ("Lindavale", "Peru")),
    # "the capital of X" for a country's capital X
    ("Protesters marched toward the capital of Lima on Sunday. Peru has been calm since.", ("Lima", "Peru")),
    # the capital after the name
    ("Peru's new president was sworn in on Monday in Lima, the nation's capital.", ("Lima", "Peru")),
])
def test_the_capital_x_is_in_its_country(nlp: Language, text: str, fact: tuple[str, str]) -> None:
    assert fact in located(nlp, text)


@pytest.mark.parametrize("text", [
    # a known capital whose country the text does not name
    "Rescue teams from Peru flew to the capital, Nairobi, on Monday. Peru sent more.",
    # an unknown capital, with another country in its sentence
    "Storms hit Peru. Peru's army and Chilean pilots flew food to the capital city Lindavale.",
    # "the capital of Y" for a place that is no country's capital: Y is the place whose capital it is
    "Storms hit Peru. Peru's army flew food to the capital of Lindavale.",
    # a place that is the capital of a region, after it
    "Storms hit Peru. Peru's army flew food to Lindavale, the capital of the Norte region.",
])
def test_no_country_for_a_capital_where_it_is_unclear(nlp: Language, text: str) -> None:
    assert not {f for f in located(nlp, text) if f[0] in ("Nairobi", "Lindavale") and f[1] in ("Peru", "Kenya")}


def members(nlp: Language, text: str) -> set[tuple[str, str]]:
    return {(s, o) for s, p, o, asserted in parsed_facts(nlp, text) if p == "memberOf" and asserted}


def test_a_senator_by_title_is_a_member_of_the_one_senate_the_article_names(nlp: Language) -> None:
    text = "The Senate voted 52 to 48 on Tuesday. Senator Ana Ruiz said the bill would fail. Former Senator Tom Hale agreed."
    assert members(nlp, text) == {("Ana Ruiz", "Senate")}  # not the former one
    text = "Sen. Ana Ruiz said the vote was close. The Senate will vote again next week."
    assert members(nlp, text) == {("Ana Ruiz", "Senate")}


def test_no_body_for_a_member_title_where_the_article_names_none_or_two(nlp: Language) -> None:
    assert not members(nlp, "Senator Ana Ruiz said the bill would fail.")
    text = "The Kelm Senate and the Ardan Senate met. Senator Ana Ruiz said the bill would fail."
    assert ("Ana Ruiz", "Kelm Senate") not in members(nlp, text) and ("Ana Ruiz", "Ardan Senate") not in members(nlp, text)


def test_a_longer_title_ending_in_a_member_title_makes_no_member(nlp: Language) -> None:
    text = "The House of Representatives voted. US Trade Representative Ana Ruiz said the deal was fair."
    assert not members(nlp, text)
    text = "The House of Representatives voted. Rep. Ana Ruiz said the deal was fair."
    assert members(nlp, text) == {("Ana Ruiz", "House of Representatives")}
