"""News relations (ontologies/patterns/news.jsonl), one construction a test, on sentences written
for these tests and parsed by hand (no model)."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from tests.extract.helpers import read_facts


def facts(doc: Doc) -> set[tuple[str, str, str]]:
    return {(s, p, o) for s, p, o, asserted in read_facts(doc) if asserted}


@pytest.mark.parametrize(("text", "ents"), [
    ("Ian Vale , vice president of sales for Orbex Group , said so", [(0, 2, "PERSON"), (8, 10, "ORG")]),
    ("Ian Vale , 52 , was acting treasurer at Orbex Group when it fell", [(0, 2, "PERSON"), (9, 11, "ORG")]),
    ("Ian Vale , columnist and editor for Orbex Group , wrote it", [(0, 2, "PERSON"), (7, 9, "ORG")]),
])
def test_apposition_role_of_org_gives_works_for(make_doc, text, ents) -> None:
    assert ("Ian Vale", "worksFor", "Orbex Group") in facts(make_doc(text, ents=ents))


def test_apposition_family_word_is_not_employment(make_doc) -> None:
    doc = make_doc("Ian Vale , a son of the Orbex Group founder , spoke", ents=[(0, 2, "PERSON"), (7, 9, "ORG")])
    assert not any(p == "worksFor" for _, p, _ in facts(doc))


def test_org_words_and_role_before_name(make_doc) -> None:
    doc = make_doc("Orbex Group cargo jets spokesman Ian Vale declined", ents=[(0, 2, "ORG"), (5, 7, "PERSON")])
    assert ("Ian Vale", "worksFor", "Orbex Group") in facts(doc)


def test_apposition_another_org_role(make_doc) -> None:
    doc = make_doc("Ian Vale , another Orbex Group spokesman , said", ents=[(0, 2, "PERSON"), (4, 6, "ORG")])
    assert ("Ian Vale", "worksFor", "Orbex Group") in facts(doc)


def test_taught_at_a_list_of_schools(make_doc) -> None:
    doc = make_doc("Ian Vale taught at Hill College and the Lakeville Institute", ents=[(0, 2, "PERSON"), (4, 6, "ORG"), (8, 10, "ORG")])
    got = facts(doc)
    assert {("Ian Vale", "worksFor", "Hill College"), ("Ian Vale", "worksFor", "Lakeville Institute")} <= got


def test_place_role_before_name_gives_residence(make_doc) -> None:
    doc = make_doc("Freedonia ambassador Ann Marsh spoke", ents=[(0, 1, "GPE"), (2, 4, "PERSON")])
    assert ("Ann Marsh", "residence", "Freedonia") in facts(doc)


def test_apposition_place_role_gives_residence(make_doc) -> None:
    doc = make_doc("Ann Marsh , a Lakeville businessman , bought it", ents=[(0, 2, "PERSON"), (4, 5, "GPE")])
    assert ("Ann Marsh", "residence", "Lakeville") in facts(doc)


def test_place_role_of_an_org_is_not_residence(make_doc) -> None:
    doc = make_doc("Ann Marsh , Freedonia secretary of Trade , came", ents=[(0, 2, "PERSON"), (3, 4, "GPE"), (6, 7, "ORG")])
    assert not any(p == "residence" for _, p, _ in facts(doc))


def test_person_of_city_and_state(make_doc) -> None:
    doc = make_doc("Ann Marsh of Lakeville , Oregon , said", ents=[(0, 2, "PERSON"), (3, 4, "GPE"), (5, 6, "GPE")])
    got = facts(doc)
    assert {("Ann Marsh", "residence", "Lakeville"), ("Ann Marsh", "residence", "Oregon"),
            ("Lakeville", "locatedIn", "Oregon")} <= got


def test_native_of(make_doc) -> None:
    doc = make_doc("Ann Marsh is a native of Lakeville", ents=[(0, 2, "PERSON"), (6, 7, "GPE")])
    assert ("Ann Marsh", "residence", "Lakeville") in facts(doc)


def test_home_in(make_doc) -> None:
    doc = make_doc("Ann Marsh died at her home in suburban Lakeville", ents=[(0, 2, "PERSON"), (8, 9, "GPE")])
    assert ("Ann Marsh", "residence", "Lakeville") in facts(doc)


def test_one_of_the_experts_in_a_country(make_doc) -> None:
    doc = make_doc("Ann Marsh , one of the top naval strategists in Freedonia , said", ents=[(0, 2, "PERSON"), (10, 11, "GPE")])
    assert ("Ann Marsh", "residence", "Freedonia") in facts(doc)


def test_passive_shot_by_keeps_direction(make_doc) -> None:
    doc = make_doc("Tom Reed was shot by Ann Marsh", ents=[(0, 2, "PERSON"), (5, 7, "PERSON")])
    assert facts(doc) == {("Ann Marsh", "killed", "Tom Reed")}


def test_relative_clause_passive_keeps_direction(make_doc) -> None:
    doc = make_doc("Tom Reed , who had just been shot by Ann Marsh , died", ents=[(0, 2, "PERSON"), (9, 11, "PERSON")])
    assert facts(doc) == {("Ann Marsh", "killed", "Tom Reed")}


def test_possessive_assassin(make_doc) -> None:
    doc = make_doc("Tom Reed 's assassin , Ann Marsh , fled", ents=[(0, 2, "PERSON"), (5, 7, "PERSON")])
    assert facts(doc) == {("Ann Marsh", "killed", "Tom Reed")}


@pytest.mark.parametrize(("text", "ents"), [
    ("Ann Marsh was convicted of murdering reporter Tom Reed", [(0, 2, "PERSON"), (7, 9, "PERSON")]),
    ("Ann Marsh was convicted of Tom Reed 's killing", [(0, 2, "PERSON"), (5, 7, "PERSON")]),
])
def test_convicted_of_killing(make_doc, text, ents) -> None:
    assert facts(make_doc(text, ents=ents)) == {("Ann Marsh", "killed", "Tom Reed")}


def test_assassination_of_by(make_doc) -> None:
    doc = make_doc("the assassination of Tom Reed by rebel Ann Marsh", ents=[(3, 5, "PERSON"), (7, 9, "PERSON")])
    assert facts(doc) == {("Ann Marsh", "killed", "Tom Reed")}


def test_list_of_places_is_not_a_hierarchy(make_doc) -> None:
    doc = make_doc("members are Freedonia , Sylvania , Osterlich and Tomainia", ents=[(2, 3, "GPE"), (4, 5, "GPE"), (6, 7, "GPE"), (8, 9, "GPE")])
    assert not any(p == "locatedIn" for _, p, _ in facts(doc))


def test_capital_of(make_doc) -> None:
    doc = make_doc("they flew to Lakeville , the capital of Freedonia", ents=[(3, 4, "GPE"), (8, 9, "GPE")])
    assert ("Lakeville", "locatedIn", "Freedonia") in facts(doc)


def test_dateline_agency(make_doc) -> None:
    doc = make_doc("LAKEVILLE , Freedonia ( Orbex News ) _ The strike ended", ents=[(0, 1, "GPE"), (2, 3, "GPE"), (4, 6, "ORG")])
    got = facts(doc)
    assert {("Orbex News", "basedIn", "LAKEVILLE"), ("Orbex News", "basedIn", "Freedonia")} <= got


def test_org_apposition_place_firm(make_doc) -> None:
    doc = make_doc("Orbex Group , a Lakeville shipping firm , grew", ents=[(0, 2, "ORG"), (4, 5, "GPE")])
    assert ("Orbex Group", "basedIn", "Lakeville") in facts(doc)


def test_org_headquarters_in(make_doc) -> None:
    doc = make_doc("at Orbex Group headquarters in nearby Lakeville , they met", ents=[(1, 3, "ORG"), (6, 7, "GPE")])
    assert ("Orbex Group", "basedIn", "Lakeville") in facts(doc)


def test_killed_the_assassin_of_someone(make_doc) -> None:
    doc = make_doc("Lu Park , who killed Tom Reed assassin Ann Marsh , died",
                   ents=[(0, 2, "PERSON"), (5, 7, "PERSON"), (8, 10, "PERSON")])
    assert facts(doc) == {("Lu Park", "killed", "Ann Marsh"), ("Ann Marsh", "killed", "Tom Reed")}


def test_convicted_of_murdering_a_described_victim(make_doc) -> None:
    doc = make_doc("Ann Marsh , convicted of murdering Lakeville newspaper reporter Tom Reed , appealed",
                   ents=[(0, 2, "PERSON"), (6, 7, "GPE"), (9, 11, "PERSON")])
    assert ("Ann Marsh", "killed", "Tom Reed") in facts(doc)


def test_charged_with_having_killed(make_doc) -> None:
    doc = make_doc("Ann Marsh , who was charged with having assassinated Tom Reed , fled",
                   ents=[(0, 2, "PERSON"), (9, 11, "PERSON")])
    assert facts(doc) == {("Ann Marsh", "killed", "Tom Reed")}


def test_person_who_runs_an_org_heads_it(make_doc) -> None:
    doc = make_doc("said Ann Marsh , who runs Orbex Group", ents=[(1, 3, "PERSON"), (6, 8, "ORG")])
    assert ("Ann Marsh", "heads", "Orbex Group") in facts(doc)


def test_person_of_the_firm_of(make_doc) -> None:
    doc = make_doc("Ann Marsh of the law firm of Orbex Group said", ents=[(0, 2, "PERSON"), (7, 9, "ORG")])
    assert ("Ann Marsh", "worksFor", "Orbex Group") in facts(doc)


def test_served_years_in(make_doc) -> None:
    doc = make_doc("Ann Marsh , who served 12 years in the Lakeville Assembly , left", ents=[(0, 2, "PERSON"), (9, 11, "ORG")])
    assert ("Ann Marsh", "worksFor", "Lakeville Assembly") in facts(doc)


def test_org_with_its_places_in_parentheses(make_doc) -> None:
    doc = make_doc("the Lakeville Pact ( Freedonia , Sylvania and Osterlich ) met",
                   ents=[(1, 3, "ORG"), (4, 5, "GPE"), (6, 7, "GPE"), (8, 9, "GPE")])
    got = facts(doc)
    assert {("Lakeville Pact", "basedIn", p) for p in ("Freedonia", "Sylvania", "Osterlich")} <= got
    assert not any(p == "locatedIn" for _, p, _ in got)


def test_dateline_without_parentheses(make_doc) -> None:
    doc = make_doc("Lakeville April 3 Orbex News -- The strike ended", ents=[(0, 1, "GPE"), (3, 5, "ORG")])
    assert ("Orbex News", "basedIn", "Lakeville") in facts(doc)
