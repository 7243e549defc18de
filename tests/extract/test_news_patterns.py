"""News relations (ontologies/patterns/news.jsonl), one construction a test, on sentences written
from scratch for these tests (never adapted from evaluation data) and parsed by hand (no model).
Entities are marked in the sentence: '[Priya Nair|PERSON]'."""

from __future__ import annotations

import pytest

from tests.extract.helpers import marked, read_facts


def facts(make_doc, text: str) -> set[tuple[str, str, str]]:
    return {(s, p, o) for s, p, o, asserted in read_facts(marked(make_doc, text)) if asserted}


# ---- works for
@pytest.mark.parametrize("text", [
    "[Priya Nair|PERSON] , 41 , a senior buyer for [Calder Labs|ORG] , signed the deal",
    "[Priya Nair|PERSON] , deputy head of sales at [Calder Labs|ORG] , was not available",
    "[Priya Nair|PERSON] , a research fellow at [Calder Labs|ORG] , flew home",
])
def test_apposition_role_of_org_gives_works_for(make_doc, text) -> None:
    assert ("Priya Nair", "worksFor", "Calder Labs") in facts(make_doc, text)


def test_apposition_family_word_is_not_employment(make_doc) -> None:
    got = facts(make_doc, "[Priya Nair|PERSON] , a daughter of the [Calder Labs|ORG] owner , inherited shares")
    assert not any(p == "worksFor" for _, p, _ in got)


def test_org_role_before_name(make_doc) -> None:
    assert ("Priya Nair", "worksFor", "Calder Labs") in facts(make_doc, "[Calder Labs|ORG] chief economist [Priya Nair|PERSON] expects growth")


@pytest.mark.parametrize("honorific", ["Sheikh", "Rabbi", "Rev."])
def test_a_cleric_s_honorific_between_title_and_name_is_read_through(make_doc, honorific) -> None:
    got = facts(make_doc, f"the [Calder Labs|ORG] leader {honorific} [Priya Nair|PERSON] spoke")
    assert ("Priya Nair", "heads", "Calder Labs") in got


def test_a_coordinator_works_for_the_body(make_doc) -> None:
    got = facts(make_doc, "[Calder Aid|ORG] 's regional campaign coordinator [Priya Nair|PERSON] said so")
    assert ("Priya Nair", "worksFor", "Calder Aid") in got


def test_a_former_title_before_the_body_is_no_current_head(make_doc) -> None:
    assert ("Priya Nair", "heads", "Calder Labs") in facts(make_doc, "[Calder Labs|ORG] chairman [Priya Nair|PERSON] spoke")
    got = facts(make_doc, "Former [Calder Labs|ORG] chairman [Priya Nair|PERSON] spoke")
    assert ("Priya Nair", "heads", "Calder Labs") not in got


def test_apposition_org_role(make_doc) -> None:
    assert ("Priya Nair", "worksFor", "Calder Labs") in facts(make_doc, "[Priya Nair|PERSON] , a [Calder Labs|ORG] engineer , tested it")


def test_worked_at_a_list_of_organisations(make_doc) -> None:
    got = facts(make_doc, "[Priya Nair|PERSON] worked at [Calder Labs|ORG] and the [Bramley Trust|ORG] before 2010")
    assert {("Priya Nair", "worksFor", "Calder Labs"), ("Priya Nair", "worksFor", "Bramley Trust")} <= got


def test_person_of_org(make_doc) -> None:
    assert ("Priya Nair", "worksFor", "Calder Labs") in facts(make_doc, "prices will fall , according to [Priya Nair|PERSON] of [Calder Labs|ORG]")


def test_served_years_at(make_doc) -> None:
    got = facts(make_doc, "[Priya Nair|PERSON] , who served 9 years at the [Norland Treasury|ORG] , now teaches")
    assert ("Priya Nair", "worksFor", "Norland Treasury") in got


def test_person_who_chairs_an_org_heads_it(make_doc) -> None:
    got = facts(make_doc, "[Priya Nair|PERSON] , who now leads [Calder Labs|ORG] , bought more shares")
    assert ("Priya Nair", "heads", "Calder Labs") in got


# ---- residence
def test_place_role_before_name_gives_residence(make_doc) -> None:
    assert ("Priya Nair", "residence", "Westvale") in facts(make_doc, "[Westvale|GPE] lawyer [Priya Nair|PERSON] filed the suit")


def test_apposition_place_role_gives_residence(make_doc) -> None:
    assert ("Priya Nair", "residence", "Westvale") in facts(make_doc, "[Priya Nair|PERSON] , a [Westvale|GPE] banker , lost money")


def test_place_role_for_an_org_is_not_residence(make_doc) -> None:
    got = facts(make_doc, "[Priya Nair|PERSON] , [Westvale|GPE] manager for [Calder Labs|ORG] , spoke first")
    assert not any(p == "residence" for _, p, _ in got)


def test_person_of_town_and_state(make_doc) -> None:
    got = facts(make_doc, "[Priya Nair|PERSON] of [Westvale|GPE] , [Ohio|GPE] , won the raffle")
    assert {("Priya Nair", "residence", "Westvale"), ("Priya Nair", "residence", "Ohio"),
            ("Westvale", "locatedIn", "Ohio")} <= got


def test_resident_of(make_doc) -> None:
    assert ("Priya Nair", "residence", "Westvale") in facts(make_doc, "[Priya Nair|PERSON] is a longtime resident of [Westvale|GPE]")


def test_home_in(make_doc) -> None:
    got = facts(make_doc, "[Priya Nair|PERSON] was interviewed at her house in rural [Westvale|GPE]")
    assert ("Priya Nair", "residence", "Westvale") in got


def test_one_of_the_best_known_in_a_country(make_doc) -> None:
    got = facts(make_doc, "[Priya Nair|PERSON] , one of the best known surgeons in [Norland|GPE] , retired")
    assert ("Priya Nair", "residence", "Norland") in got


# ---- killed
def test_passive_by_keeps_direction(make_doc) -> None:
    assert facts(make_doc, "[Omar Ferris|PERSON] was stabbed by [Lena Kopp|PERSON]") == {("Lena Kopp", "killed", "Omar Ferris")}


def test_relative_clause_passive_keeps_direction(make_doc) -> None:
    got = facts(make_doc, "[Omar Ferris|PERSON] , who was poisoned by [Lena Kopp|PERSON] in a hotel , died in May")
    assert got == {("Lena Kopp", "killed", "Omar Ferris")}


def test_a_shot_on_or_at_someone_is_no_killing(make_doc) -> None:
    assert facts(make_doc, "[Lena Kopp|PERSON] took a parting shot on [Omar Ferris|PERSON] 's show") == set()
    assert facts(make_doc, "[Lena Kopp|PERSON] shot dead [Omar Ferris|PERSON]") == {("Lena Kopp", "killed", "Omar Ferris")}


def test_possessive_killer(make_doc) -> None:
    got = facts(make_doc, "[Omar Ferris|PERSON] 's killer , [Lena Kopp|PERSON] , escaped from prison")
    assert got == {("Lena Kopp", "killed", "Omar Ferris")}


@pytest.mark.parametrize("text", [
    "[Lena Kopp|PERSON] was found guilty of strangling [Omar Ferris|PERSON] last spring",
    "[Lena Kopp|PERSON] stands accused of [Omar Ferris|PERSON] 's murder",
])
def test_found_guilty_of_killing(make_doc, text) -> None:
    assert facts(make_doc, text) == {("Lena Kopp", "killed", "Omar Ferris")}


# ---- located in, based in
def test_list_of_places_is_not_a_hierarchy(make_doc) -> None:
    got = facts(make_doc, "envoys came from [Norland|GPE] , [Westria|GPE] , [Ostavia|GPE] and [Kelm|GPE] this week")
    assert not any(p == "locatedIn" for _, p, _ in got)


def test_a_country_lies_in_no_other_country(make_doc) -> None:
    # countries as the gazetteer's span ruler labels them
    got = facts(make_doc, "the search involved [Cameroon|Country] , [Australia|Country] , the [United States|Country] "
                          "and [Canada|Country]")
    assert not any(p == "locatedIn" for _, p, _ in got)
    assert facts(make_doc, "floods hit [Westvale|GPE] , [Kenya|Country] on Monday") == {("Westvale", "locatedIn", "Kenya")}


def test_a_country_lies_in_a_region_of_the_world_not_in_a_country(make_doc) -> None:
    assert ("Kenya", "locatedIn", "Africa") in facts(make_doc, "the first case was in [Kenya|Country] , east [Africa|LOC] , today")
    assert ("Togo", "locatedIn", "West Africa") in facts(make_doc, "[Togo|Country] , in [West Africa|LOC] , voted")
    got = facts(make_doc, "[Kenya|Country] , [South Africa|Country] and [Peru|Country] won")  # a list of countries
    assert not any(p == "locatedIn" for _, p, _ in got)
    from kg.extract.relations import region_keys

    assert "place/east-africa" in region_keys() and "place/south-africa" not in region_keys()  # a country


def test_capital_of(make_doc) -> None:
    assert ("Westvale", "locatedIn", "Norland") in facts(make_doc, "the jet landed in [Westvale|GPE] , the capital of [Norland|GPE] , at noon")


def test_dateline_agency(make_doc) -> None:
    got = facts(make_doc, "[WESTVALE|GPE] , [Norland|GPE] ( [Kelm Press|ORG] ) _ Grain prices rose again")
    assert {("Kelm Press", "basedIn", "WESTVALE"), ("Kelm Press", "basedIn", "Norland")} <= got


def test_org_apposition_place_maker(make_doc) -> None:
    assert ("Calder Labs", "basedIn", "Westvale") in facts(make_doc, "[Calder Labs|ORG] , a [Westvale|GPE] software maker , hired staff")


def test_a_building_s_place_is_where_it_stands_not_a_seat(make_doc) -> None:
    got = facts(make_doc, "he was taken to [Calder General Hospital|ORG] in [Westvale|GPE] on Monday")
    assert ("Calder General Hospital", "locatedIn", "Westvale") in got
    assert ("Calder General Hospital", "basedIn", "Westvale") not in got
    assert ("Calder Labs", "basedIn", "Westvale") in facts(make_doc, "[Calder Labs|ORG] in [Westvale|GPE] cut jobs")
    got = facts(make_doc, "the rocket left the [Kelm Space Centre|ORG] in [Westvale|GPE] at dawn")
    assert ("Kelm Space Centre", "locatedIn", "Westvale") in got  # a site's head of several words
    assert ("Kelm Space Centre", "basedIn", "Westvale") not in got
    got = facts(make_doc, "the crew trained at [Norland Air Force Base|ORG] in [Westvale|GPE] for a week")
    assert ("Norland Air Force Base", "locatedIn", "Westvale") in got
    got = facts(make_doc, "she was taken to [Holm and Lark Hospital|ORG] in [Westvale|GPE] at noon")
    assert ("Holm and Lark Hospital", "locatedIn", "Westvale") in got  # "and" in a hospital's name
    got = facts(make_doc, "the [Kelm Rocket and Space Centre|ORG] in [Westvale|GPE] built it")
    assert ("Kelm Rocket and Space Centre", "basedIn", "Westvale") in got  # a company so named


def test_a_place_a_capitalised_word_goes_on_from_is_the_start_of_a_longer_name(make_doc) -> None:
    got = facts(make_doc, "the [Velmar Front|ORG] in [Westvale|GPE] Highlands attacked the post")
    assert ("Velmar Front", "basedIn", "Westvale") not in got  # "Westvale Highlands", cut by the NER
    got = facts(make_doc, "the [Velmar Front|ORG] in [Westvale|GPE] attacked the post")
    assert ("Velmar Front", "basedIn", "Westvale") in got
    got = facts(make_doc, "the [Velmar Front|ORG] in [Westvale|GPE] [Tuesday|DATE] attacked the post")
    assert ("Velmar Front", "basedIn", "Westvale") in got  # a date's word is no part of the place's name


def test_org_headquarters_in(make_doc) -> None:
    got = facts(make_doc, "pickets stood outside [Calder Labs|ORG] headquarters in central [Westvale|GPE] all day")
    assert ("Calder Labs", "basedIn", "Westvale") in got
