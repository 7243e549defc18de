"""A birth or a death dated to the year or the month only (kg/extract/years.py, the real model)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from tests.extract.helpers import parsed_facts

pytestmark = pytest.mark.model


def dates(nlp: Language, text: str) -> set[tuple[str, str, str]]:
    return {(s, p, o) for s, p, o, asserted in parsed_facts(nlp, text) if p in ("birthDate", "deathDate") and asserted}


@pytest.mark.parametrize(("text", "fact"), [
    ("Tomas Hale was born in 1932 in Paris.", ("Tomas Hale", "birthDate", "1932")),
    ("Tomas Hale was born in Detroit, Michigan, in 1929.", ("Tomas Hale", "birthDate", "1929")),
    ("Tomas Hale, born in 1939, came to power in a coup.", ("Tomas Hale", "birthDate", "1939")),  # a participle
    ("Born in 1908 in Kelmstad, Tomas Hale was elected president.", ("Tomas Hale", "birthDate", "1908")),  # fronted
    ("Ines Varga died in March 2007 at her home.", ("Ines Varga", "deathDate", "2007-03")),
    ("Tomas Hale, who died in 1973, was the first president.", ("Tomas Hale", "deathDate", "1973")),
    ("Tomas Berg was killed in 1993 in a raid.", ("Tomas Berg", "deathDate", "1993")),  # "killed" in the passive
    ("His sister, Ana Lind, died in 2004 after a long illness.", ("Ana Lind", "deathDate", "2004")),  # apposition
])
def test_a_year_of_birth_or_death(nlp: Language, text: str, fact: tuple[str, str, str]) -> None:
    assert fact in dates(nlp, text)


@pytest.mark.parametrize("text", [
    "Tomas Hale was not born in 1950.",  # negated
    "Thousands were killed in 1993 during the war.",  # no person
    "Tomas Hale died in late 2007.",  # a season of the year, not the year
    "Tomas Hale moved to Oslo in 1950 and opened a shop.",  # neither born nor died
    "Tomas Berg, who killed three people in 1998, was executed on Monday.",  # the killer's is no death
    "Tomas Berg nearly died in 1998 in a crash.",  # nearly
    "Police feared Tomas Berg would be killed in 1998.",  # a fear
    "Officials estimated that Tomas Berg was born in 1939.",  # an estimate
    "If Tomas Berg had been born in 1950, he would be eligible.",  # a condition
])
def test_no_year_of_birth_or_death(nlp: Language, text: str) -> None:
    assert dates(nlp, text) == set()


def test_the_full_date_wins_over_the_year(nlp: Language) -> None:
    text = "Tomas Hale was born on May 3, 1950 in Oslo. He was born in 1950 to a farming family."
    assert dates(nlp, text) == {("Tomas Hale", "birthDate", "1950-05-03")}
