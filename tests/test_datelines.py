"""Datelines read before the parse (kg.nlp.read_dateline): headers, wire datelines, a country alone."""

import pytest

from kg.nlp import read_dateline


@pytest.mark.parametrize(("text", "place"), [
    ("Norway Tromso's new harbour opened on Monday.", "Norway"),
    ("norway The storm closed the ports.", "norway"),  # Wikinews often writes it in lower case
    ("El Salvador Heavy rain fell on Monday.", "El Salvador"),
])
def test_a_country_alone_before_the_first_sentence_is_a_dateline(text: str, place: str) -> None:
    meta, body = read_dateline(text)
    assert meta["place"][2] == place and text[:body].strip() == place


@pytest.mark.parametrize("text", [
    "Norway's mayors met.",  # a possessive: the sentence's own words
    "Norway said on Monday that it would help.",  # the country is the subject
    "Kenya Airways cut fares.",  # an organisation's name
    "Norway Prime Minister Ola Berg met the king.",  # a title of the country
    "United States Vice President Ann Lee spoke.",
    "The US Senate voted.",
    "MEXICO CITY (AP) Police said.",  # a name in capitals runs on
])
def test_no_dateline_where_the_country_is_part_of_the_sentence(text: str) -> None:
    meta, body = read_dateline(text)
    assert "place" not in meta and body == 0


@pytest.mark.parametrize(("text", "place", "region"), [
    ("DULLES, Va. -- The company said on Monday it would hire.", "DULLES", "Va."),
])
def test_a_dateline_without_an_agency_ends_with_a_dash(text: str, place: str, region: str | None) -> None:
    meta, body = read_dateline(text)
    assert meta["place"][2] == place and (meta["region"][2] if region else None) == region
    assert text[body:].startswith(("The", "Three"))


@pytest.mark.parametrize("text", ["FILE - The senator speaks in Ohio.", "UPDATE - Police said more."])
def test_a_label_in_capitals_before_a_dash_is_no_dateline(text: str) -> None:
    meta, body = read_dateline(text)
    assert "place" not in meta and body == 0
