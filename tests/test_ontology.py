import pytest

from kg.ontology import gazetteer_rows, load_ontology

RELATIONS = ["heads", "worksFor", "memberOf", "met", "launched", "dockedWith", "crewMemberOf", "commanderOf",
             "backupPilotOf", "operator", "nationality", "birthPlace", "birthDate", "deathPlace", "deathDate",
             "almaMater", "occupation", "award", "locatedIn", "basedIn", "residence", "killed", "launchDate",
             "partOf", "country", "spouse"]


def test_ontology_has_every_relation_with_label_and_comment() -> None:
    onto = load_ontology()
    assert set(RELATIONS) <= set(onto.properties)
    for name in RELATIONS:
        assert onto.properties[name].label, name


def test_symmetric_relations() -> None:
    onto = load_ontology()
    assert {p for p in RELATIONS if onto.properties[p].symmetric} == {"met", "dockedWith", "spouse"}


def test_dates_are_xsd_date() -> None:
    onto = load_ontology()
    assert {p for p in RELATIONS if onto.properties[p].datatype} == {"birthDate", "deathDate", "launchDate"}
    assert all(onto.properties[p].datatype == "date" for p in ("birthDate", "deathDate", "launchDate"))


@pytest.mark.parametrize(("cls", "coarse"), [
    ("SpaceAgency", "Organization"), ("NewsAgency", "Organization"), ("GovernmentAgency", "Organization"),
    ("Country", "Place"), ("City", "Place"), ("SpaceStation", "Spacecraft"), ("Mission", "Mission"),
    ("Person", "Person"), ("Event", "Event"), ("Award", None),
])
def test_coarse_classes(cls: str, coarse: str | None) -> None:
    assert load_ontology().coarse(cls) == coarse


@pytest.mark.parametrize(("prop", "s", "o", "ok"), [
    ("heads", "Person", "SpaceAgency", True),
    ("heads", "Person", "Country", True),
    ("heads", "Spacecraft", "SpaceAgency", False),
    ("launched", "Country", "Spacecraft", True),
    ("launched", "Person", "Spacecraft", False),
    ("dockedWith", "SpaceStation", "Spacecraft", True),
    ("crewMemberOf", "Person", "Mission", True),
    ("launchDate", "Spacecraft", None, True),
    ("launchDate", "Person", None, False),
    ("birthPlace", "Person", "City", True),
])
def test_domain_and_range(prop: str, s: str, o: str | None, ok: bool) -> None:
    assert load_ontology().fits(prop, s, o) is ok


def test_alignment_to_schema_and_wikidata() -> None:
    g = load_ontology().graph
    text = g.serialize(format="nt")
    assert "https://schema.org/Person" in text
    assert "http://www.wikidata.org/entity/Q5" in text


def test_gazetteer_classes_exist_in_ontology() -> None:
    onto = load_ontology()
    rows = gazetteer_rows()
    for row in rows:
        assert row["class"] in onto.classes, row["label"]
    assert len({r["label"] for r in rows if r["class"] == "Country"}) >= 249  # every ISO 3166-1 entry


def test_gazetteer_names_are_unique() -> None:
    seen: dict[str, str] = {}
    for row in gazetteer_rows():
        for name in (row["label"], *row.get("aliases", [])):
            assert seen.setdefault(name.lower(), row["label"]) == row["label"], name
