import pytest

from kg.extract.mentions import country_named, extract_mentions, name_words
from kg.nlp import name_regexes


def test_mentions_are_trimmed_and_typed(make_doc) -> None:
    doc = make_doc("the Soviet Union 's Soyuz-19 met President Ann Lee of TASS yesterday",
                   ents=[(0, 4, "GPE"), (4, 5, "Spacecraft"), (6, 9, "PERSON"), (10, 11, "ORG"), (11, 12, "DATE")])
    got = [(m.text, m.label) for m in extract_mentions(doc)]
    assert got == [("Soviet Union", "Place"), ("Soyuz-19", "Spacecraft"), ("Ann Lee", "Person"),
                   ("TASS", "Organization")]


def test_a_field_before_a_secretary_names_the_department(make_doc) -> None:
    doc = make_doc("US Transportation Secretary Ann Lee spoke", ents=[(0, 1, "GPE"), (1, 2, "ORG"), (3, 5, "PERSON")])
    names = [m.text for m in extract_mentions(doc)]
    assert names == ["US", "United States Department of Transportation", "Ann Lee"]  # (the gazetteer names US later)
    doc = make_doc("Secretary of Transportation Ann Lee spoke", ents=[(2, 5, "ORG")])  # the NER ran them together
    assert [(m.text, m.label) for m in extract_mentions(doc)] == [("Department of Transportation", "Organization"),
                                                                  ("Ann Lee", "Person")]
    # a minister's ministry of no country is no node: every country has a "Ministry of Finance"
    doc = make_doc("Finance Minister Ann Lee spoke", ents=[(0, 1, "ORG"), (2, 4, "PERSON")])
    assert [m.text for m in extract_mentions(doc)] == ["Ann Lee"]
    doc = make_doc("Norway 's Transportation Secretary Ann Lee spoke", ents=[(0, 1, "GPE"), (2, 3, "ORG"), (4, 6, "PERSON")])
    assert [m.text for m in extract_mentions(doc)][1] == "Norway Department of Transportation"


def test_offsets_point_at_the_text(make_doc) -> None:
    doc = make_doc("Then the Acme Corp said", ents=[(1, 4, "ORG")])
    (m,) = extract_mentions(doc)
    assert doc.text[m.start:m.end] == "Acme Corp"


def test_junk_is_never_an_entity(make_doc) -> None:
    doc = make_doc("He saw 50 of them", ents=[(0, 1, "PERSON"), (2, 3, "CARDINAL"), (4, 5, "ORG")])
    assert extract_mentions(doc) == []
    doc = make_doc("from Kelm College , M.S. in 1990", ents=[(1, 3, "ORG"), (4, 5, "GPE")])  # a degree
    assert [m.text for m in extract_mentions(doc)] == ["Kelm College"]
    # an interview's question run into its speaker's tag, a quotation's edit: no names; "(UK)" in a name is one
    doc = make_doc("in freedom?:KS Orvo said [W]e Kelm (UK) Ltd Which?", ents=[(1, 2, "ORG"), (4, 5, "PERSON"),
                                                                          (5, 8, "ORG"), (8, 9, "ORG")])
    assert [m.text for m in extract_mentions(doc)] == ["Kelm (UK) Ltd", "Which"]


def test_secretary_of_field_names_the_department(make_doc) -> None:
    doc = make_doc("Ann Lee , US Secretary of Transportation", ents=[(0, 2, "PERSON"), (3, 4, "GPE"), (6, 7, "ORG")])
    names = [m.text for m in extract_mentions(doc)]
    assert names == ["Ann Lee", "US", "United States Department of Transportation"]
    doc = make_doc("Ann Lee , Secretary of Transportation", ents=[(0, 2, "PERSON"), (5, 6, "ORG")])
    assert [m.text for m in extract_mentions(doc)] == ["Ann Lee", "Department of Transportation"]


def test_the_fields_of_a_ministers_portfolio_are_no_bodies(make_doc) -> None:
    doc = make_doc("Minister for Education , Training and Arts , Ann Lee , spoke",
                   ents=[(2, 3, "ORG"), (4, 5, "ORG"), (6, 7, "ORG"), (8, 10, "PERSON")])
    assert [m.text for m in extract_mentions(doc)] == ["Ann Lee"]
    doc = make_doc("Minister of Agriculture , Forestry and Fisheries , Tom Berg", ents=[(4, 5, "ORG"), (6, 7, "ORG"),
                                                                                       (8, 10, "PERSON")])
    assert [m.text for m in extract_mentions(doc)] == ["Tom Berg"]
    # a body after the title's comma, a lower-case title: bodies
    doc = make_doc("The Minister for Finance , Kelm Bank chief executive Tom Berg", ents=[(5, 7, "ORG"), (9, 11, "PERSON")])
    assert [m.text for m in extract_mentions(doc)] == ["Kelm Bank", "Tom Berg"]
    doc = make_doc("Ann Lee , press secretary for Kelmsoft , said", ents=[(0, 2, "PERSON"), (6, 7, "ORG")])
    assert [m.text for m in extract_mentions(doc)] == ["Ann Lee", "Kelmsoft"]
    # one body's name after "of" without a comma; a list that runs over a person's name is no portfolio
    doc = make_doc("Ann Lee , Secretary of Health and Human Services", ents=[(0, 2, "PERSON"), (5, 9, "ORG")])
    assert [m.text for m in extract_mentions(doc)] == ["Ann Lee", "Department of Health and Human Services"]
    doc = make_doc("Secretary of State Ann Lee , Defense Secretary Tom Berg",
                   ents=[(2, 3, "ORG"), (3, 5, "PERSON"), (6, 7, "ORG"), (8, 10, "PERSON")])
    assert "Department of Defense" in [m.text for m in extract_mentions(doc)]


def test_a_state_after_a_party_letter_is_a_seat_not_a_place(make_doc) -> None:
    ents = [(1, 3, "PERSON"), (6, 7, "AdministrativeArea"), (10, 11, "GPE"), (12, 13, "AdministrativeArea")]
    doc = make_doc("Sen. Ann Lee , R - Utah , spoke in Provo , Utah", ents=ents)
    assert [m.text for m in extract_mentions(doc)] == ["Ann Lee", "Provo", "Utah"]


@pytest.mark.parametrize(("text", "found"), [
    ("ELMVILLE, Freedonia (AP)", ("City", "ELMVILLE")),
    ("XY1234567890 Elmville DAILY GAZETTE in French 1200 GMT 3 May 94", ("Organization", "DAILY GAZETTE")),
    ("Elmville EVENING HERALD", ("Organization", "EVENING HERALD")),
    ("Elmville RADIO in French 1200 GMT 3 May 94", ("TIME", "1200 GMT 3 May 94")),
    ("members of the ISS-81 long-duration expedition", ("Mission", "ISS-81")),  # a station crew, Russian style
])
def test_header_names_are_found_by_regex(text: str, found: tuple[str, str]) -> None:
    hits = [(cls, m.group(0)) for cls, rx in name_regexes() for m in rx.finditer(text)]
    assert found in hits


@pytest.mark.parametrize("text", ["it circles the ISS 16 times a day", "the ISS-1 experiment failed",
                                  "shares of UTC +3 percent"])
def test_no_name_where_a_number_follows_in_another_sense(text: str) -> None:
    assert not [m.group(0) for cls, rx in name_regexes() for m in rx.finditer(text) if cls in ("Mission", "TIME")]


@pytest.mark.parametrize(("text", "zone"), [
    ("the probe fired its engine at 04:15 UTC on Friday", "UTC"), ("polls close at 8 p.m. EST", "EST"),
    ("the blast came at 10:05 (IST)", "IST"), ("clocks moved to GMT+1", "GMT+1"),
    ("doors open at 9pm EST", "EST"), ("doors open at 9 am EST", "EST"),
    ("the polls closed at noon IST", "IST"), ("the strike begins at midnight (GMT)", "GMT"),
    ("CAT shares rose 3% after the report", None), ("the WEST coast", None),  # no clock time before
    ("UTC said on Monday that it would cut jobs", None),
    ("the vote ended at 1 p.m. (JST) on Monday", "JST"), ("found at 6 a.m. local time (UTC +9)", "UTC +9"),
    ("it docked at 9:22 p.m. (Kelmstad Time)", "Kelmstad Time"), ("it docked on Friday (Kelmstad Time)", "Kelmstad Time"),
    ("the burn began at 10:40 a.m. Kelmstad time", "Kelmstad time"),
    ("Kelmstad Time is eight hours ahead", None), ("he wrote for Time magazine", None),  # no time, no bracket before
])
def test_time_zones_after_a_time_are_times_not_names(text: str, zone: str | None) -> None:
    times = [m.group("name" if "name" in rx.groupindex else 0)  # the text kg_names marks
             for cls, rx in name_regexes() if cls == "TIME" for m in rx.finditer(text)]
    assert times == ([zone] if zone else [])


def test_descriptors_and_ranks_before_a_name_are_trimmed(make_doc) -> None:
    doc = make_doc("Composer Ann Lee met Major Bo Tran", ents=[(0, 3, "PERSON"), (4, 7, "PERSON")])
    assert [m.text for m in extract_mentions(doc)] == ["Ann Lee", "Bo Tran"]


def test_a_lone_proper_noun_subject_of_a_verb_is_a_person(make_doc) -> None:
    doc = make_doc("Ollendorf refused the offer", heads=[1, 1, 3, 1], deps=["nsubj", "ROOT", "det", "dobj"],
                   pos=["PROPN", "VERB", "DET", "NOUN"], tags=["NNP", "VBD", "DT", "NN"])
    assert [(m.text, m.label) for m in extract_mentions(doc)] == [("Ollendorf", "Person")]


@pytest.mark.parametrize(("text", "ents", "names"), [
    ("Ann Lee of Pratt , Dorn said Zenco agreed", [(0, 2, "PERSON"), (3, 8, "ORG")], ["Ann Lee", "Pratt , Dorn", "Zenco"]),
    ("the Union of Farmers ( UF ) met", [(1, 6, "ORG")], ["Union of Farmers", "UF"]),
    ("XY1234567890 Elmville Radio Tango in French", [(1, 4, "ORG")], ["Elmville", "Radio Tango"]),
    ("said Kelm Water Board Chairman Ada Obi", [(1, 7, "PERSON")], ["Kelm Water Board", "Ada Obi"]),
    ("the Hollis Reporter printed it", [(1, 3, "ORG")], ["Hollis Reporter"]),
    # "<title> of" a body and its holder run together: cut after a country or a company word
    ("the President of Chile Ana Vel spoke", [(3, 6, "ORG")], ["Chile", "Ana Vel"]),
    ("the President of Chile Ana Vel spoke", [(3, 5, "ORG")], ["Chile", "Ana Vel"]),  # "Vel" outside the span
    ("chairman of Halvard Shipping Lena Holt said", [(2, 6, "PERSON")], ["Halvard Shipping", "Lena Holt"]),
    ("the President of Group Support Services spoke", [(3, 6, "ORG")], ["Group Support Services"]),
    ("fans of Chile Ana Vel spoke", [(2, 5, "ORG")], ["Chile Ana Vel"]),  # no title before "of"
    # a title inside a body's name whose last word ends bodies' names, not people's: one body
    ("at the Orlov Cosmonaut Training Center", [(2, 6, "ORG")], ["Orlov Cosmonaut Training Center"]),
])
def test_entities_run_together_are_split(make_doc, text, ents, names) -> None:
    verbs = ("said", "agreed", "met", "spoke")
    pos = ["VERB" if w in verbs else "PROPN" if w[:1].isupper() else "NOUN" for w in text.split(" ")]
    doc = make_doc(text, ents=ents, pos=pos)
    assert [m.text for m in extract_mentions(doc)] == names


def test_lower_case_words_from_the_ner_are_not_names(make_doc) -> None:
    doc = make_doc("rivers fed by S channels", ents=[(1, 2, "PERSON"), (3, 4, "ORG")])
    assert extract_mentions(doc) == []


def test_name_after_a_role_word_is_a_person_and_so_is_its_surname(make_doc) -> None:
    from kg.extract.mentions import extract_mentions as mentions_of

    doc = make_doc("cosmonauts Pyotr Rusk spoke . Rusk smiled",
                   ents=[(1, 3, "ORG"), (5, 6, "GPE")])
    assert [(m.text, m.label) for m in mentions_of(doc)] == [("Pyotr Rusk", "Person"), ("Rusk", "Person")]


def test_names_with_a_middle_initial_or_an_age_are_people(make_doc) -> None:
    from kg.extract.mentions import extract_mentions as mentions_of

    doc = make_doc("Then Ulla K. Berg and Pim Tol , 47 , of Orbex spoke",
                   ents=[(1, 4, "ORG"), (5, 7, "ORG"), (11, 12, "ORG")])
    assert [(m.text, m.label) for m in mentions_of(doc)] == [
        ("Ulla K. Berg", "Person"), ("Pim Tol", "Person"), ("Orbex", "Organization")]
    doc = make_doc("Later Tol , 47 , resigned", ents=[(1, 2, "ORG")])  # a surname alone, with its age
    assert [(m.text, m.label) for m in mentions_of(doc)] == [("Tol", "Person")]
    doc = make_doc("Later ORBEX , 47 , resigned", ents=[(1, 2, "ORG")])  # no name's shape
    assert [(m.text, m.label) for m in mentions_of(doc)] == [("ORBEX", "Organization")]
    doc = make_doc("Seats : Unity , 32 , Renewal , 28 .", ents=[(2, 3, "ORG"), (6, 7, "ORG")])  # a tally, no ages
    assert [(m.text, m.label) for m in mentions_of(doc)] == [("Unity", "Organization"), ("Renewal", "Organization")]


def test_age_between_name_and_organisation(make_doc) -> None:
    from tests.extract.helpers import read_facts

    doc = make_doc("Pim Tol , 47 , of Orbex spoke", ents=[(0, 2, "PERSON"), (6, 7, "ORG")])
    assert ("Pim Tol", "worksFor", "Orbex", True) in read_facts(doc)


def test_a_rocket_version_is_no_numbered_spacecraft() -> None:
    from kg.nlp import name_regexes

    found = {m.group(0) for cls, rx in name_regexes() if cls == "Spacecraft"
             for m in rx.finditer("the Soyuz-2.1a rocket and Soyuz MS-25")}
    assert found == {"Soyuz MS-25"}


@pytest.mark.model
def test_rockets_are_launch_vehicles_not_spacecraft_or_companies(nlp) -> None:
    doc = nlp("A Falcon 9 rocket and a Soyuz-2.1a carrier rocket lifted off with Soyuz MS-40.")
    got = {(m.text, m.label) for m in extract_mentions(doc)}
    assert {("Falcon 9 rocket", "LaunchVehicle"), ("Soyuz-2.1a carrier rocket", "LaunchVehicle"),
            ("Soyuz MS-40", "Spacecraft")} <= got


@pytest.mark.model
@pytest.mark.parametrize(("text", "name", "label"), [
    ("The rocket lifted off from Launch Complex 39B on Monday.", "Launch Complex 39B", "Place"),
    ("It flew from Space Launch Complex 41 at dawn.", "Space Launch Complex 41", "Place"),
    ("She trained at the Orlov Cosmonaut Training Center for two years.", "Orlov Cosmonaut Training Center",
     "Organization"),
])
def test_launch_pads_and_training_centres_by_their_naming_patterns(nlp, text: str, name: str, label: str) -> None:
    assert (name, label) in {(m.text, m.label) for m in extract_mentions(nlp(text))}


@pytest.mark.model
@pytest.mark.parametrize("text", ["Officers of Sweden Police searched the house.", "Officers of Port Kelm Police searched it."])
def test_a_place_s_police_is_an_organisation(nlp, text: str) -> None:
    name = text.split(" Police")[0].split(" of ")[-1] + " Police"
    assert (name, "Organization") in {(m.text, m.label) for m in extract_mentions(nlp(text))}


@pytest.mark.model
@pytest.mark.parametrize("text", ["Harbour Police Sgt. Nina Lind said two men were arrested.",
                                  "A reporter asked Coast Guard Lt. Col. Nina Lind about the wreck."])
def test_a_rank_written_short_before_a_name_ends_no_sentence(nlp, text: str) -> None:
    doc = nlp(text)
    assert len(list(doc.sents)) == 1
    assert ("Nina Lind", "Person") in {(m.text, m.label) for m in extract_mentions(doc)}


@pytest.mark.model
def test_a_gazetteer_name_without_its_accents_or_with_a_typographic_apostrophe_is_found(nlp) -> None:
    from kg.extract.entities import resolve_entities

    for text in ("Talks in Cote d\u2019Ivoire ended.", "Talks in Cote d'Ivoire ended."):
        ents, _ = resolve_entities(extract_mentions(nlp(text)))
        assert [(e.label, e.cls) for e in ents] == [("Ivory Coast", "Country")], text


def test_a_rank_ending_an_organisation_name_is_trimmed(make_doc) -> None:
    doc = make_doc("told Kelm Police Sgt Ada Obi", ents=[(1, 4, "ORG"), (4, 6, "PERSON")])
    assert [m.text for m in extract_mentions(doc)] == ["Kelm Police", "Ada Obi"]
    doc = make_doc("told Kelm Police Det. Sgt. Ada Obi", ents=[(1, 5, "ORG"), (5, 7, "PERSON")])  # two ranks
    assert [m.text for m in extract_mentions(doc)] == ["Kelm Police", "Ada Obi"]
    doc = make_doc("said Brig. Gen. Ada Obi", ents=[(1, 2, "GPE"), (3, 5, "PERSON")])  # nor a place
    assert [m.text for m in extract_mentions(doc)] == ["Ada Obi"]


def test_a_name_found_once_is_marked_wherever_it_stands_again(make_doc) -> None:
    from kg.nlp import PropagateComponent

    doc = make_doc("Ostrava voted and polls in Ostrava closed ; the Ostrava mayor Ada Obi spoke",
                   ents=[(0, 1, "GPE"), (11, 13, "PERSON")])
    doc = PropagateComponent()(doc)
    assert [(e.text, e.start, e.label_) for e in doc.ents] == [
        ("Ostrava", 0, "GPE"), ("Ostrava", 5, "GPE"), ("Ostrava", 9, "GPE"), ("Ada Obi", 11, "PERSON")]


def test_an_acronym_found_once_is_marked_at_the_start_of_a_sentence_too(make_doc) -> None:
    from kg.nlp import PropagateComponent

    doc = make_doc("KHB chief Ada Obi spoke after the Kelm Health Board ( KHB ) met", ents=[(2, 4, "PERSON"),
                                                                                             (7, 10, "ORG"), (11, 12, "ORG")])
    doc = PropagateComponent()(doc)
    assert [(e.text, e.start) for e in doc.ents] == [("KHB", 0), ("Ada Obi", 2), ("Kelm Health Board", 7), ("KHB", 11)]
    doc = make_doc("Kelm voted and Kelm agreed", ents=[(3, 4, "GPE")])  # a capitalised word there says nothing
    assert [(e.text, e.start) for e in PropagateComponent()(doc).ents] == [("Kelm", 3)]


@pytest.mark.parametrize(("words", "label"), [("Kelm Film Festival", "ORG"), ("Lisbon Summit", "GPE"),
                                              ("Ostrava Marathon", "PERSON")])
def test_a_name_ending_in_a_happenings_word_is_an_event(make_doc, words, label) -> None:
    n = len(words.split())
    doc = make_doc(f"the {words} opened", ents=[(1, 1 + n, label)])
    assert [(m.text, m.label) for m in extract_mentions(doc)] == [(words, "Event")]


def test_a_stance_is_no_name_and_a_name_that_starts_like_one_is(make_doc) -> None:
    doc = make_doc("an anti - Orsano protest", ents=[(1, 4, "PERSON")])
    assert extract_mentions(doc) == []  # it says nothing of what Orsano is
    doc = make_doc("Pro - Tek said", ents=[(0, 3, "ORG")])
    assert [m.text for m in extract_mentions(doc)] == ["Pro - Tek"]


@pytest.mark.parametrize("text", ["Brennan Cup chief executive Ada Obi said", "Cedar Summit , Missouri voted",
                                  "Helena Cup , the Swiss watchmaker , grew"])
def test_a_name_ending_in_a_happenings_word_that_the_text_shows_a_body_or_a_place_is_no_event(make_doc, text) -> None:
    ents = [(0, 2, "ORG")] + ([(3, 4, "GPE")] if "Missouri" in text else [])
    doc = make_doc(text, ents=ents, pos=["PROPN" if w[:1].isupper() else "ADJ" if w == "Swiss" else "NOUN"
                                        for w in text.split()])
    assert extract_mentions(doc)[0].label != "Event"


@pytest.mark.parametrize(("name", "label"), [("Velocix", "Person"), ("NovaLink", "Organization"), ("McAllister", "Person")])
def test_one_word_with_a_capital_inside_is_a_brand(make_doc, name, label) -> None:
    doc = make_doc(f"{name} said so", ents=[(0, 1, "PERSON")])
    assert [(m.text, m.label) for m in extract_mentions(doc)] == [(name, label)]


@pytest.mark.parametrize(("text", "name"), [("the Crew Dragon Endeavour undocked", "Crew Dragon Endeavour"),
                                            ("aboard the Starliner capsule Polaris today", "Polaris"),
                                            ("the Crew Dragon capsule, named Vesper, docked", "Vesper"),
                                            ("a Starliner capsule dubbed Halcyon by its crew", "Halcyon")])
def test_a_named_capsule_is_a_spacecraft(text: str, name: str) -> None:
    found = [m.group("name") if "name" in rx.groupindex else m.group() for cls, rx in name_regexes()
             if cls == "Spacecraft" for m in rx.finditer(text)]
    assert name in found


@pytest.mark.parametrize("text", ["The crew inside the Dragon called Houston", "Her Dragon, named Vela, won the race"])
def test_a_name_after_a_program_word_is_no_capsule_without_the_crafts_noun(text: str) -> None:
    found = [m.group("name") if "name" in rx.groupindex else m.group() for cls, rx in name_regexes()
             if cls == "Spacecraft" for m in rx.finditer(text)]
    assert not [f for f in found if f in ("Houston", "Vela")]


def test_a_name_ending_in_a_company_word_is_an_organisation(make_doc) -> None:
    doc = make_doc("Halvard Shipping cut jobs", ents=[(0, 2, "PERSON")])
    assert [(m.text, m.label) for m in extract_mentions(doc)] == [("Halvard Shipping", "Organization")]
    doc = make_doc("Kelm Labs cut jobs", ents=[(0, 2, "PERSON")])
    assert [(m.text, m.label) for m in extract_mentions(doc)] == [("Kelm Labs", "Organization")]
    doc = make_doc("Kelvar Space flew its second crew", ents=[(0, 2, "PERSON")])  # a spaceflight company
    assert [(m.text, m.label) for m in extract_mentions(doc)] == [("Kelvar Space", "Organization")]


def test_a_body_the_ner_took_for_a_place_is_an_organisation(make_doc) -> None:
    doc = make_doc("a member of the opposition Kelm Party , Ada Obi said", ents=[(5, 7, "GPE"), (8, 10, "PERSON")])
    assert [(m.text, m.label) for m in extract_mentions(doc)] == [("Kelm Party", "Organization"), ("Ada Obi", "Person")]
    doc = make_doc("in the Great Hall of Parliament today", ents=[(2, 6, "FAC")])  # a hall, not the parliament
    assert [(m.text, m.label) for m in extract_mentions(doc)] == [("Great Hall of Parliament", "Place")]


def test_a_title_alone_is_no_persons_name(make_doc) -> None:
    doc = make_doc("the Taoiseach spoke to Ada Obi", ents=[(1, 2, "PERSON"), (4, 6, "PERSON")])
    assert [m.text for m in extract_mentions(doc)] == ["Ada Obi"]


@pytest.mark.parametrize(("text", "ents", "names"), [
    ("Labour MP Jane Holt said", [(2, 4, "PERSON")], [("Labour Party", "Organization"), ("Jane Holt", "Person")]),
    ("said Tory lawmakers", [(1, 2, "NORP")], [("Conservative Party", "Organization")]),
    # the NER took only the second word: the two words name the party, not "Democrat" alone
    ("said New Democrat MP Jane Holt", [(2, 3, "NORP"), (4, 6, "PERSON")],
     [("New Democratic Party", "Organization"), ("Jane Holt", "Person")]),
    ("the Liberal government fell", [], []),  # no member's role after the word: no party
    # a title after one or two words of its portfolio: the title-holder is the party's member
    ("Labour foreign secretary Jane Holt said", [(0, 1, "ORG"), (3, 5, "PERSON")],
     [("Labour Party", "Organization"), ("Jane Holt", "Person")]),
    ("the Labour government spending plans", [(1, 2, "ORG")], [("Labour", "Organization")]),
    ("Green fields", [], []),
])
def test_a_political_word_before_a_members_role_names_the_party(make_doc, text, ents, names) -> None:
    doc = make_doc(text, ents=ents)
    assert [(m.text, m.label) for m in extract_mentions(doc)] == names


def test_titles_alone_are_no_name_and_a_party_led_by_is_no_person(make_doc) -> None:
    doc = make_doc("headed by Major General Ann Lee", ents=[(2, 4, "ORG"), (4, 6, "PERSON")])
    assert [(m.text, m.label) for m in extract_mentions(doc)] == [("Ann Lee", "Person")]
    doc = make_doc("the coalition headed by Kelm Socialist Party won", ents=[(4, 7, "ORG")],
                   pos=["DET", "NOUN", "VERB", "ADP", "PROPN", "PROPN", "PROPN", "VERB"])
    assert [(m.text, m.label) for m in extract_mentions(doc)] == [("Kelm Socialist Party", "Organization")]


@pytest.mark.parametrize(("text", "ents"), [
    ("floods hit the town of Garissa on Monday", [(5, 6, "PERSON")]),
    ("the blast hit Quetta , the capital of the province", [(3, 4, "ORG")]),
    ("Tarvik is a small fishing village", [(0, 1, "ORG")]),
    ("Ann Lee , a native of Tarvik , spoke", [(6, 7, "ORG")]),
    ("two residents of Tarvik died", [(3, 4, "ORG")]),
])
def test_a_name_described_as_a_town_is_a_place(make_doc, text, ents) -> None:
    doc = make_doc(text, ents=ents, pos=["ADJ" if w == "small" else "NOUN" for w in text.split()])
    assert [m.label for m in extract_mentions(doc)] == ["Place"]


@pytest.mark.parametrize(("text", "ents", "pos", "label"), [
    # a name between "the" (and a compass word) and a division's kind is the division's ("the Kadikoy district")
    ("bombs fell on the Tarvik district of the city", [(4, 5, "PERSON")],
     ["NOUN", "VERB", "ADP", "DET", "PROPN", "NOUN", "ADP", "DET", "NOUN"], "Place"),
    ("clashes in the eastern Tarvik region", [(4, 5, "ORG")], ["NOUN", "ADP", "DET", "ADJ", "PROPN", "NOUN"], "Place"),
    # not before a noun the kind qualifies ("the county prosecutor"), nor a city's word ("the city hall")
    ("the Tarvik county prosecutor said", [(1, 2, "PERSON")], ["DET", "PROPN", "NOUN", "NOUN", "VERB"], "Person"),
    ("the Tarvik city said", [(1, 2, "PERSON")], ["DET", "PROPN", "NOUN", "VERB"], "Person"),
])
def test_a_name_before_a_divisions_kind_is_a_place(make_doc, text, ents, pos, label) -> None:
    assert [m.label for m in extract_mentions(make_doc(text, ents=ents, pos=pos))] == [label]


def test_a_capital_the_ner_took_for_a_body_or_a_person_is_a_place(make_doc) -> None:
    doc = make_doc("a Lusaka newspaper in Zambia printed it", ents=[(1, 2, "ORG"), (4, 5, "GPE")])
    assert [(m.text, m.label) for m in extract_mentions(doc)][0] == ("Lusaka", "Place")
    doc = make_doc("critics called Lusaka 's Zambian decision rash", ents=[(2, 3, "PERSON"), (4, 5, "NORP")])
    assert [(m.text, m.label) for m in extract_mentions(doc)][0] == ("Lusaka", "Place")
    doc = make_doc("a Lusaka newspaper printed it", ents=[(1, 2, "ORG")])  # its country not named: as the NER says
    assert [(m.text, m.label) for m in extract_mentions(doc)] == [("Lusaka", "Organization")]
    doc = make_doc("Lusaka Banda of Zambia sang . Lusaka said so",
                   ents=[(0, 2, "PERSON"), (3, 4, "GPE"), (6, 7, "PERSON")])  # a person's name
    got = [(m.text, m.label) for m in extract_mentions(doc)]
    assert ("Lusaka Banda", "Person") in got and ("Lusaka", "Person") in got


def test_a_police_rank_alone_is_no_body(make_doc) -> None:
    doc = make_doc("Detective Chief Inspector Ann Lee said so", ents=[(0, 1, "ORG"), (3, 5, "PERSON")])
    assert [(m.text, m.label) for m in extract_mentions(doc)] == [("Ann Lee", "Person")]
    doc = make_doc("the Kelm Constabulary Constable Ann Lee said", ents=[(1, 4, "ORG"), (4, 6, "PERSON")])
    assert ("Kelm Constabulary", "Organization") in [(m.text, m.label) for m in extract_mentions(doc)]


def test_residents_of_a_body_keep_it_a_body(make_doc) -> None:
    doc = make_doc("she speaks for residents of Kelm Housing Association", ents=[(5, 8, "ORG")])
    assert [m.label for m in extract_mentions(doc)] == ["Organization"]


@pytest.mark.parametrize(("text", "ents", "names"), [
    # the NER took the company for a person, or missed it: before a company title and a person, an organisation
    ("Tarvex CEO Ann Lopez said", [(0, 1, "PERSON"), (2, 4, "PERSON")],
     [("Tarvex", "Organization"), ("Ann Lopez", "Person")]),
    ("sales rose , Kell Mining chairman Bo Ekman said", [(6, 8, "PERSON")],
     [("Kell Mining", "Organization"), ("Bo Ekman", "Person")]),
    ("said Orla Brewing managing director Jo Park", [(5, 7, "PERSON")],
     [("Orla Brewing", "Organization"), ("Jo Park", "Person")]),
    # no company title, or no person's name after it: nothing new
    ("Obama spokesman Robert Gibbs said", [(0, 1, "PERSON"), (2, 4, "PERSON")],
     [("Obama", "Person"), ("Robert Gibbs", "Person")]),
    ("Tarvex CEO pay rose", [], []),
    # a generic body's word alone, or the end of a longer name, is no name of its own
    ("Board chairman Sam Watts quit", [(2, 4, "PERSON")], [("Sam Watts", "Person")]),
    ("the Bank of Tarn CEO Ana Ruiz said", [(5, 7, "PERSON")], [("Ana Ruiz", "Person")]),
    ("said Bank of New South Wales CEO Ana Ruiz", [(1, 3, "ORG"), (7, 9, "PERSON")],
     [("Bank of", "Organization"), ("Ana Ruiz", "Person")]),
    # two titles joined by "and" or "&", one a company title
    ("Talvik President and CEO Jo Park said", [(0, 1, "PERSON"), (4, 6, "PERSON")],
     [("Talvik", "Organization"), ("Jo Park", "Person")]),
    ("then Orvanta Chairman & CEO Lena Hart said", [(5, 7, "PERSON")],
     [("Orvanta", "Organization"), ("Lena Hart", "Person")]),
    ("Talvik President and Jo Park met", [(0, 1, "PERSON"), (3, 5, "PERSON")],  # no title after "and"
     [("Talvik", "Person"), ("Jo Park", "Person")]),
])
def test_a_name_before_a_company_title_is_an_organisation(make_doc, text, ents, names) -> None:
    doc = make_doc(text, ents=ents, tags=["NNP" if w[:1].isupper() else "NN" for w in text.split()])
    assert [(m.text, m.label) for m in extract_mentions(doc)] == names


@pytest.mark.parametrize(("text", "ents", "label"), [
    ("shares of the Dutch brewer Velten Group rose", [(5, 7, "PERSON")], "Organization"),
    ("the newspaper La Voz reported", [(2, 4, "PERSON")], "Organization"),
    ("said co - developer Jun Li", [(4, 6, "PERSON")], "Person"),  # a compound: a person's role
    ("the film maker Jun Li", [(3, 5, "PERSON")], "Person"),  # makers and producers can be people
    ("the Brazilian steelmaker Varunas cut jobs", [(3, 4, "GPE")], "Organization"),  # a place: only right after
    ("the news agency Korvel reported", [(3, 4, "GPE")], "Organization"),
    ("the rebel group Tarvo Front attacked", [(3, 5, "PERSON")], "Organization"),
    ("the rights organisation Velmar said", [(3, 4, "GPE")], "Organization"),
    ("In Tampere , the Finnish trade union struck", [(1, 2, "GPE")], "Place"),  # no apposition for a place
])
def test_a_name_after_a_kind_of_organisation_is_an_organisation(make_doc, text, ents, label) -> None:
    doc = make_doc(text, ents=ents)
    assert [m.label for m in extract_mentions(doc)] == [label]


@pytest.mark.parametrize(("text", "pos", "label"), [
    ("we met Jun Li , the agency chief", "PRON VERB PROPN PROPN PUNCT DET NOUN NOUN", "Person"),
    ("we met Jun Li , the agency said", "PRON VERB PROPN PROPN PUNCT DET NOUN VERB", "Person"),  # a reporting clause
    ("we met Kelm Ilbo , the agency", "PRON VERB PROPN PROPN PUNCT DET NOUN", "Organization"),
])
def test_a_kind_of_organisation_in_an_apposition_but_not_in_a_reporting_clause(make_doc, text, pos, label) -> None:
    doc = make_doc(text, ents=[(2, 4, "PERSON")], pos=pos.split())
    assert [m.label for m in extract_mentions(doc)] == [label]


def test_a_quoted_nickname_inside_a_name_makes_it_a_persons(make_doc) -> None:
    doc = make_doc("a jury found Lewis ' Skip ' Maddox guilty", ents=[(3, 8, "ORG")])
    assert [m.label for m in extract_mentions(doc)] == ["Person"]
    doc = make_doc("the bill Fast ' Track ' Act passed", ents=[(2, 6, "ORG")])  # no surname after the quotes
    assert [m.label for m in extract_mentions(doc)] == ["Organization"]


@pytest.mark.parametrize(("text", "pos", "label"), [
    ("Kelm Ilbo , a newspaper in Busan", "PROPN PROPN PUNCT DET NOUN ADP PROPN", "Organization"),  # described as one
    ("Jun Li , a company director , quit", "PROPN PROPN PUNCT DET NOUN NOUN PUNCT VERB", "Person"),  # a modifier
])
def test_a_name_described_as_a_kind_of_organisation_is_an_organisation(make_doc, text, pos, label) -> None:
    doc = make_doc(text, ents=[(0, 2, "PERSON")], pos=pos.split())
    assert [m.label for m in extract_mentions(doc)][:1] == [label]


def test_a_universitys_campus_is_part_of_its_name(make_doc) -> None:
    doc = make_doc("studied at the University of Kelm at Lakeville in 1990", ents=[(2, 6, "ORG"), (7, 8, "GPE")])
    assert [(m.text, m.label) for m in extract_mentions(doc)] == [("University of Kelm at Lakeville", "Organization")]


def test_a_partys_or_a_unions_place_after_of_is_part_of_its_name(make_doc) -> None:
    doc = make_doc("delegates of the Green Party of Velmoria and Orvo of Kelm met",
                   ents=[(2, 5, "ORG"), (6, 7, "GPE"), (8, 9, "ORG"), (10, 11, "GPE")])
    assert [(m.text, m.label) for m in extract_mentions(doc)] == [
        ("Green Party of Velmoria", "Organization"), ("Orvo", "Organization"), ("Kelm", "Place")]
    doc = make_doc("met the Kelm Bank at Lakeville in 1990", ents=[(1, 4, "ORG"), (5, 6, "GPE")])  # no university
    assert [m.text for m in extract_mentions(doc)] == ["Kelm Bank", "Lakeville"]


@pytest.mark.parametrize(("text", "span"), [
    ("Test pilot Ivo Brandt flew it.", "Test pilot"),
    ("The former naval aviator retired.", "naval aviator"),
    ("She worked as an AEROSPACE ENGINEER for years.", "AEROSPACE ENGINEER"),
    ("Two Fighter Pilots and a physicist joined.", "Fighter Pilots"),
    ("A Physicist spoke first.", "Physicist"),
])
def test_the_ruler_reads_word_lists_as_phrases_in_any_usual_case(nlp, text: str, span: str) -> None:
    """ruler.jsonl "words" rows are phrase patterns in the cases text writes them (kg.nlp._cases)."""
    assert span in [e.text for e in nlp(text).ents if e.label_ == "Occupation"]


def test_a_space_program_alone_and_two_joined_by_a_dash_are_named(nlp) -> None:
    ents = {e.text: e.label_ for e in nlp("The Apollo–Soyuz flight came after the last Shuttle Atlantis launch.").ents}
    assert ents.get("Apollo–Soyuz") == "Mission" and ents.get("Shuttle Atlantis") == "Spacecraft"


@pytest.mark.parametrize(("text", "name", "label"), [
    ("Engineers tested a mirror for the Nancy Grace Roman Space Telescope last week.",
     "Nancy Grace Roman Space Telescope", "Spacecraft"),
    ("Data from the Lowell space observatory was released.", "Lowell space observatory", "Spacecraft"),
    ("Rescuers searched the Ozark plateau for two days.", "Ozark plateau", "Place"),
    ("Soyuz and Apollo flew in different years.", None, None),  # no dash between them: no joint mission
])
def test_the_token_patterns_name_what_their_words_head(nlp, text: str, name: str | None, label: str | None) -> None:
    """ruler.jsonl's token patterns and "Apollo-Soyuz" (kg.nlp.token_patterns), run by kg_names only in a
    text holding their words."""
    from kg.nlp import token_patterns

    ents = {e.text: e.label_ for e in nlp(text).ents}
    if name is None:
        assert "Mission" not in ents.values()
    else:
        assert ents.get(name) == label
    assert {cls for cls, _ in token_patterns()} >= {"Spacecraft", "Place", "Mission"}


def test_a_token_pattern_requires_a_word_of_each_required_element() -> None:
    from kg.extract.prefilter import required_words

    pattern = [{"IS_TITLE": True, "OP": "+"}, {"LOWER": "space"}, {"LOWER": {"IN": ["telescope", "observatory"]}},
               {"ORTH": {"IN": ["'s", "\u2019s"]}}, {"LOWER": "new", "OP": "?"}, {"ORTH": "Deep", "OP": "{1,2}"}]
    assert required_words(pattern) == (frozenset({"space"}), frozenset({"telescope", "observatory"}),
                                       frozenset({"s"}), frozenset({"deep"}))


@pytest.mark.parametrize(("text", "body"), [
    ("Ann Lowe, the Secretary of State for Culture, opened the museum.", None),  # a title: no body named
    ("Treasury Secretary Ann Lowe said the Treasury would act.", "Treasury"),  # no 'Department of Treasury'
    ("Ann Lowe, the Secretary of State, flew to Paris.", "Department of State"),
    ("Ann Lowe, the US Secretary of State, flew to Paris.", "United States Department of State"),
])
def test_a_secretarys_body_is_named_only_from_a_field(nlp, text: str, body: str | None) -> None:
    orgs = {m.text for m in extract_mentions(nlp(text)) if m.label == "Organization"}
    assert orgs == ({body} if body else set())


def test_the_town_of_x_opening_a_later_sentence_is_a_place(nlp) -> None:
    doc = nlp("Gunmen attacked a police post overnight. The town of Garissa was quiet on Monday.")
    assert ("Garissa", "Place") in {(m.text, m.label) for m in extract_mentions(doc)}


@pytest.mark.parametrize(("text", "ents", "names"), [
    ("police in the Peruvian city of Arequipa made arrests", [(3, 4, "NORP")], [("Peru", "Country"), ("Arequipa", "Place")]),
    ("a crash in the western state of Maharashtra", [(6, 7, "NORP")], [("Maharashtra", "Place")]),  # no demonym
    ("the town of Santa Rosa de Lima fell", [], [("Santa Rosa de Lima", "Place")]),
    ("the city of Bonn on Monday", [(5, 6, "DATE")], [("Bonn", "Place")]),
    ("the state of emergency ended", [], []),
])
def test_a_name_the_ner_missed_after_the_kind_of_place_of_is_a_place(make_doc, text, ents, names) -> None:
    pos = ["ADJ" if w == "western" else "PROPN" if w[:1].isupper() else "NOUN" for w in text.split()]
    doc = make_doc(text, ents=ents, pos=pos)
    assert [(m.text, m.label) for m in extract_mentions(doc)] == names


@pytest.mark.parametrize(("text", "label"), [
    ("Ana Ruiz is the wife of Tomas Quispe", "Person"),  # a relative of someone is a person
    ("she was the widow of Tomas Quispe", "Person"),
    ("she is a partner of Kelm Capital", "Organization"),  # a partner: of a firm as often
])
def test_a_name_after_a_family_noun_and_of_is_a_persons(make_doc, text, label) -> None:
    words = text.split()
    start = len(words) - 2
    doc = make_doc(text, ents=[(start, start + 2, "ORG")], pos=["PROPN" if w[:1].isupper() else "NOUN" for w in words])
    assert [m.label for m in extract_mentions(doc) if m.start >= len(" ".join(words[:start]))] == [label]


@pytest.mark.parametrize(("text", "kept", "dropped"), [
    ("The Government said on Monday that the Company had broken the law.", set(), {"Government", "Company"}),
    ("Vexal Holdings Company said profits rose. The Company also cut jobs.", {"Vexal Holdings Company"}, set()),
    ("Congress passed the bill, and the Army said it would comply.", {"Congress", "Army"}, set()),
])
def test_a_generic_body_alone_is_no_name(nlp, text: str, kept: set[str], dropped: set[str]) -> None:
    """org-words.jsonl: a generic body's word alone is a description unless a country has one of it
    ("one_per_country") or a longer name in the text ends in it."""
    names = {m.text for m in extract_mentions(nlp(text))}
    assert kept <= names and not dropped & names


@pytest.mark.parametrize(("text", "ents", "label"), [
    ("the agency 's spokesman , Dalia Krumins , said", [(5, 7, "ORG")], "Person"),
    ("Tomas Varga , the union 's former spokesman , said", [(0, 2, "ORG")], "Person"),
    ("Orbis Holdings , its biggest shareholder , objected", [(0, 2, "ORG")], "Organization"),
])
def test_a_role_before_a_comma_or_as_an_appositions_head_makes_a_persons_name(make_doc, text, ents, label) -> None:
    words = text.split()
    deps = ["dep"] * len(words)
    heads = list(range(len(words)))
    if ents[0][0] == 0:  # the apposition's head noun hangs on the name's root
        noun = words.index("spokesman") if "spokesman" in words else words.index("shareholder")
        deps[noun], heads[noun] = "appos", 1
        deps[0], heads[0] = "compound", 1  # the name's root is its last word
    doc = make_doc(text, ents=ents, heads=heads, deps=deps,
                   tags=["NNP" if w[:1].isupper() else "NN" for w in words])
    assert [m.label for m in extract_mentions(doc) if m.text == doc[ents[0][0]:ents[0][1]].text] == [label]


@pytest.mark.parametrize(("text", "ents", "link", "label"), [
    ("police in the Chilean capital Tarvo arrested", [(5, 6, "ORG")], True, "Place"),
    ("flights to Kenya 's capital Tarvo resumed", [(2, 3, "GPE"), (5, 6, "PERSON")], True, "Place"),
    ("the port city Tarvo reopened", [(3, 4, "ORG")], True, "Place"),
    ("back in the capital Tarvo told us", [(4, 5, "PERSON")], False, "Person"),  # no link: the name is a subject
    ("the state Duma voted", [(2, 3, "ORG")], True, "Organization"),  # "state" names no place here
    ("its cities Tarvo and Velm", [(2, 3, "ORG")], True, "Organization"),  # a plural kind: a list may follow
])
def test_a_name_right_after_a_kind_of_place_is_a_place(make_doc, text, ents, link, label) -> None:
    n, name = len(text.split()), ents[-1][0]
    heads, deps = list(range(n)), ["dep"] * n
    if link:  # the parse hangs the name on the kind of place, as an apposition
        heads[name], deps[name] = name - 1, "appos"
    doc = make_doc(text, ents=ents, heads=heads, deps=deps)
    start, end = ents[-1][0], ents[-1][1]
    assert [m.label for m in extract_mentions(doc) if m.text == doc[start:end].text] == [label]


def test_a_rank_and_a_name_the_ner_took_for_a_body_is_a_person(make_doc) -> None:
    doc = make_doc("Corporal Dan Reyes and Captain Cook Partners left", ents=[(0, 3, "ORG"), (4, 7, "ORG")])
    assert [(m.text, m.label) for m in extract_mentions(doc)] == [
        ("Dan Reyes", "Person"), ("Captain Cook Partners", "Organization")]


def test_a_name_the_ner_ran_into_a_bracket_is_cut_before_it(make_doc) -> None:
    from kg.nlp import clip_brackets

    doc = make_doc("shares of Torvik ( Norway ) and Kestrel ( KM ) rose", ents=[(2, 5, "ORG"), (7, 11, "ORG")])
    assert [(e.text, e.label_) for e in clip_brackets(doc.ents)] == [("Torvik", "ORG"), ("Kestrel ( KM )", "ORG")]
    doc = make_doc("the Union of Forces ( UDF ) said", ents=[(1, 6, "ORG")])  # an acronym: a name of its own
    assert [e.text for e in clip_brackets(doc.ents)] == ["Union of Forces", "UDF"]
    assert clip_brackets(make_doc("Kestrel ( KM ) rose", ents=[(0, 4, "ORG")]).ents) is None  # nothing to cut


def test_a_name_the_ner_cut_after_a_joining_word_is_mended(make_doc) -> None:
    from kg.nlp import mend_connectors

    def mended(text: str, ents: list[tuple[int, int, str]]) -> list[tuple[str, str]] | None:
        out = mend_connectors(make_doc(text, ents=ents).ents)
        return None if out is None else [(e.text, e.label_) for e in out]

    # an organisation's name runs on over the capitalised words after "and" ("for", "of")
    assert mended("the Velmar Roads and Harbours Authority said", [(1, 4, "ORG")]) == [
        ("Velmar Roads and Harbours Authority", "ORG")]
    assert mended("the Board for Farming and Fisheries met", [(1, 3, "ORG")]) == [
        ("Board for Farming and Fisheries", "ORG")]  # "and" inside the run, before a capitalised word
    # or over an organisation the NER found right after "for" or "&"; not after "and" (two names) or "of" (a part)
    assert mended("the Agency for Rural Growth said", [(1, 3, "ORG"), (3, 5, "ORG")]) == [
        ("Agency for Rural Growth", "ORG")]
    assert mended("the Kelvar Star and Orvo Times said", [(1, 4, "ORG"), (4, 6, "ORG")]) == [
        ("Kelvar Star", "ORG"), ("Orvo Times", "ORG")]
    assert mended("the Laboratories of Orvo Telecom said", [(1, 3, "ORG"), (3, 5, "ORG")]) == [
        ("Laboratories", "ORG"), ("Orvo Telecom", "ORG")]
    # any other name loses what it ends with; a country, a person or a place is never swallowed
    assert mended("the Supreme Court of Tarvonia ruled", [(1, 4, "ORG"), (4, 5, "GPE")]) == [
        ("Supreme Court", "ORG"), ("Tarvonia", "GPE")]
    assert mended("the Guild Offices of France opened", [(1, 4, "ORG")]) == [("Guild Offices", "ORG")]
    assert mended("at Lindqvist Street and Varga Lane", [(1, 4, "FAC")]) == [("Lindqvist Street", "FAC")]
    assert mended("the Kelm Archives on Monday", [(1, 4, "ORG")]) == [("Kelm Archives", "ORG")]
    assert mended("the Kelm Archives opened", [(1, 3, "ORG")]) is None  # nothing to mend


def test_a_name_the_ner_cut_at_in_or_of_is_joined_where_its_acronym_says_so(make_doc) -> None:
    from kg.nlp import join_acronymed

    def joined(text: str, ents: list[tuple[int, int, str]]) -> list[str] | None:
        out = join_acronymed(make_doc(text, ents=ents).ents)
        return None if out is None else [e.text for e in out]

    # the acronym in brackets is the initials of the whole name, "in" or "of" and the place with it
    assert joined("the Velmar Relief Mission in Tarvonia ( VRMT ) said", [(1, 4, "ORG"), (5, 6, "GPE")]) == [
        "Velmar Relief Mission in Tarvonia"]
    assert joined("the Velmar Relief Mission in Tarvonia ( VRMIT ) said", [(1, 4, "ORG"), (5, 6, "GPE")]) == [
        "Velmar Relief Mission in Tarvonia"]  # with the joining word's initial
    assert joined("The Front for Kelm Unity of North Marvik ( FKUNM ) said", [(0, 5, "ORG")]) == [
        "The Front for Kelm Unity of North Marvik"]
    # no acronym, or one that is not the whole name's: the organisation and the place stay two
    assert joined("the Velmar Relief Mission in Tarvonia said", [(1, 4, "ORG"), (5, 6, "GPE")]) is None
    assert joined("the Velmar Relief Mission in Tarvonia ( VRM ) said", [(1, 4, "ORG"), (5, 6, "GPE")]) is None
    assert joined("the Kestrel Bank in Tarvonia ( KB ) said", [(1, 3, "ORG"), (4, 5, "GPE")]) is None  # not KBT
    # a joining word or a hyphen at the very end of the text is read without reading past it
    assert joined("the Kelm Trust ( KT ) met the Velmar Mission in North Tarvonia Province and", [
        (1, 3, "ORG"), (4, 5, "ORG"), (8, 10, "ORG"), (11, 14, "GPE")]) is None
    assert joined("the Velmar Mission in Tarvonia -", [(1, 3, "ORG"), (4, 5, "GPE")]) is None


def test_a_word_after_a_hyphen_inside_a_name_goes_on_with_it(blank) -> None:
    from spacy.tokens import Doc, Span

    from kg.nlp import join_acronymed

    words = ["the", "Council", "of", "Co", "-", "operation", "in", "Velm", "(", "CCV", ")", "met"]
    spaces = [True, True, True, False, False, True, True, True, False, False, True, False]
    doc = Doc(blank.vocab, words=words, spaces=spaces)
    doc.ents = [Span(doc, 1, 2, label="ORG"), Span(doc, 7, 8, label="GPE"), Span(doc, 9, 10, label="ORG")]
    assert [e.text for e in join_acronymed(doc.ents) or []] == ["Council of Co-operation in Velm", "CCV"]


@pytest.mark.model
def test_washington_dc_is_one_city_s_name(nlp) -> None:
    from kg.extract.entities import resolve_entities

    ents, _ = resolve_entities(extract_mentions(nlp("Talks were held in Washington, D.C. on Monday. Officials in "
                                                     "Washington said they went well.")))
    assert [(e.label, e.cls, e.aliases) for e in ents] == [("Washington, D.C", "City", ("Washington",))]


@pytest.mark.model
@pytest.mark.parametrize("text, award, not_award", [
    ("Ida Kerr, a spokeswoman for the Velmaran Red Cross, said aid had arrived.", None, "Velmaran Red Cross"),
    ("Tomas Varga told the Marlow Star on Friday that he would resign.", None, "Marlow Star"),
    ("The prize was handed to Claire Dunn in Oslo.", None, "prize"),
    ("Tomas Varga won the Victoria Cross in 1944.", "Victoria Cross", None),
    ("Claire Dunn received the Bronze Star for her service.", "Bronze Star", None),
    ("Tomas Varga was awarded the Knight's Cross of the Iron Cross in 1943.", "Knight's Cross of the Iron Cross", None),
    ("Ida Kerr received the Army Distinguished Service Cross.", "Army Distinguished Service Cross", None),
    ("The Kepler Medal went to Ida Kerr.", "Kepler Medal", None),
])
def test_an_award_is_named_by_a_word_that_names_awards(nlp, text, award, not_award) -> None:
    found = {m.text: m.label for m in extract_mentions(nlp(text))}
    if award:
        assert found.get(award) == "Award"
    if not_award:
        assert found.get(not_award) != "Award"


@pytest.mark.model
def test_a_hyphenated_word_inside_a_name_joined_by_its_acronym(nlp) -> None:
    doc = nlp("Observers from the Council for Trade and Co-operation in Velmaria (CTCV) arrived on Monday.")
    assert "Council for Trade and Co-operation in Velmaria" in [m.text for m in extract_mentions(doc)]


def test_a_lower_case_compass_word_is_no_part_of_a_place_s_name(make_doc) -> None:
    doc = make_doc("flu reached Kelmland , east Africa , today", ents=[(2, 3, "GPE"), (4, 6, "LOC")])
    assert [m.text for m in extract_mentions(doc)] == ["Kelmland", "Africa"]


def test_one_word_between_a_locative_word_and_a_place_is_a_town(make_doc) -> None:
    doc = make_doc("the ship sank off Marvik , in southern Kelmland , today", ents=[(4, 5, "PERSON"), (8, 9, "GPE")])
    assert [(m.text, m.label) for m in extract_mentions(doc)] == [("Marvik", "Place"), ("Kelmland", "Place")]
    doc = make_doc("we spoke to Marvik , in Kelmland , today", ents=[(3, 4, "PERSON"), (6, 7, "GPE")])  # not after "to"
    assert [(m.text, m.label) for m in extract_mentions(doc)] == [("Marvik", "Person"), ("Kelmland", "Place")]


def test_a_demonym_left_of_a_body_s_name_once_its_rank_is_cut_is_the_country(make_doc) -> None:
    doc = make_doc("the commander is British Major - General Tom Hale", ents=[(3, 6, "ORG"), (7, 9, "PERSON")])
    assert [(m.text, m.label) for m in extract_mentions(doc)] == [("United Kingdom", "Country"), ("Tom Hale", "Person")]


def test_a_person_s_name_right_after_in_or_near_is_a_place(make_doc) -> None:
    doc = make_doc("the train stopped in Marvik on Monday", ents=[(4, 5, "PERSON")],
                   pos=["DET", "NOUN", "VERB", "ADP", "PROPN", "ADP", "PROPN"])
    assert [(m.text, m.label) for m in extract_mentions(doc)] == [("Marvik", "Place")]
    doc = make_doc("a cut in Marvik 's pay", ents=[(3, 4, "PERSON")])  # a possessive: a person's
    assert [(m.text, m.label) for m in extract_mentions(doc)] == [("Marvik", "Person")]
    doc = make_doc("a rift in Marvik administration circles", ents=[(3, 4, "PERSON")],
                   pos=["DET", "NOUN", "ADP", "PROPN", "NOUN", "NOUN"])  # a noun after it, no kind of place
    assert [(m.text, m.label) for m in extract_mentions(doc)] == [("Marvik", "Person")]


def test_a_demonym_the_ner_took_for_a_name_is_no_entity(make_doc) -> None:
    doc = make_doc("two Sri Lankan naval officers died", ents=[(1, 3, "PERSON")], pos=["NUM", "PROPN", "PROPN", "ADJ", "NOUN", "VERB"])
    assert [(m.text, m.label, m.kind) for m in extract_mentions(doc)] == [("Sri Lanka", "Country", "demonym")]
    doc = make_doc("thousands of North Koreans fled", ents=[(2, 4, "GPE")])  # a nation's people
    assert extract_mentions(doc) == []
    doc = make_doc("floods in the Philippines", ents=[(3, 4, "GPE")])  # a country's name, not its people
    assert [m.text for m in extract_mentions(doc)] == ["Philippines"]
    doc = make_doc("Sri Lankan said so", ents=[(0, 2, "PERSON")], pos=["PROPN", "PROPN", "VERB", "ADV"])  # a verb: a name
    assert [(m.text, m.label) for m in extract_mentions(doc)] == [("Sri Lankan", "Person")]


@pytest.mark.parametrize(("word", "country"), [
    ("Icelandic", "Iceland"), ("Luxembourgish", "Luxembourg"), ("Dominican", "Dominican Republic"),  # countries-extra
    ("Kyrgyz", "Kyrgyzstan"), ("Island", None),  # countryinfo's "Island" for Iceland is an English word: dropped
])
def test_country_named_by_the_adjectives_news_writes(word: str, country: str | None) -> None:
    assert country_named(word) == country


def test_capitalised_words_the_ner_missed_after_a_title_are_a_person_s_name(make_doc) -> None:
    doc = make_doc("Labour MP Anzor Wrzesny has resigned", ents=[])
    assert ("Anzor Wrzesny", "Person") in [(m.text, m.label) for m in extract_mentions(doc)]
    doc = make_doc("at the Kelm Cosmonaut Training Center today", ents=[])  # a title word inside a longer name
    assert [m.text for m in extract_mentions(doc)] == []
    doc = make_doc("Dame Orla Fenwick will step down", ents=[])  # after a courtesy word too
    assert ("Orla Fenwick", "Person") in [(m.text, m.label) for m in extract_mentions(doc)]
    for name in ("Tomas O'Rourke", "Kwame Ba'Anu", "Ines McAllen", "Paul DeVane"):  # is_alpha and is_title fail
        doc = make_doc(f"Governor {name} has resigned", ents=[])
        assert (name, "Person") in [(m.text, m.label) for m in extract_mentions(doc)]


@pytest.mark.parametrize(("text", "ents", "names"), [
    # the NER's pieces of one name, with a capitalised word between them or a particle before the last
    ("Lucia Ferrer Quiroga Vidal said so", [(0, 2, "PERSON"), (3, 4, "PERSON")], ["Lucia Ferrer Quiroga Vidal"]),
    ("Pierre de Varenne said so", [(0, 2, "PERSON")], ["Pierre de Varenne"]),
    # two names of two words side by side are two people; no run past five words (a list without commas)
    ("Dana Hale Tomas Lowe said so", [(0, 2, "PERSON"), (2, 4, "PERSON")], ["Dana Hale", "Tomas Lowe"]),
    ("Dana Hale Tomas Lowe Ana Reyes Vidal said so", [(0, 2, "PERSON")], ["Dana Hale"]),
    # a field before a title is no part of the name
    ("Dana Foreign minister said so", [(0, 1, "PERSON")], ["Dana"]),
    # a headline's capitals: a verb is no name
    ("Dana Hale Has Ideas", [(0, 2, "PERSON")], ["Dana Hale"]),
    # capitalised words at the end of a name, but not before more capitals or a colon, nor a site's word; no run
    # past a possessive, nor in a title-case headline, nor from a one-word "person" into a name of two words
    ("Minister Dana Hale Lomax said so", [(1, 3, "PERSON")], ["Dana Hale Lomax"]),
    ("Flights to Dana Hale International Airport were cancelled", [(2, 4, "PERSON")], ["Dana Hale"]),
    ("Flights to Dana Hale Airport were cancelled", [(2, 4, "PERSON")], ["Dana Hale"]),
    ("Photo by Dana Hale Source : Reuters", [(2, 4, "PERSON")], ["Dana Hale"]),
    ("Two of Dana Hale 's Aides and Tomas Lowe were charged", [(2, 5, "PERSON"), (7, 9, "PERSON")],
     ["Dana Hale", "Tomas Lowe"]),
    ("Senator Dana Hale Quits Party After Vote", [(1, 3, "PERSON")], ["Dana Hale"]),
    ("Deputy Prime Minister Dana Hale Lomax met Ruth Kwan", [(3, 5, "PERSON"), (7, 9, "PERSON")],
     ["Dana Hale Lomax", "Ruth Kwan"]),  # titles make no headline
    ("Ruth Kwan met Dana Hale Lomax Tuesday", [(0, 2, "PERSON"), (3, 5, "PERSON"), (6, 7, "DATE")],
     ["Ruth Kwan", "Dana Hale Lomax"]),  # an entity after the name is no more capitals of it
    ("Former Miss Universe Dana Hale opened the show", [(2, 3, "PERSON"), (3, 5, "PERSON")], ["Universe", "Dana Hale"]),
])
def test_a_person_s_name_the_ner_ended_early_runs_on(make_doc, text, ents, names) -> None:
    assert [m.text for m in extract_mentions(make_doc(text, ents=ents)) if m.label == "Person"] == names


def test_a_hyphen_written_close_joins_a_second_surname(blank) -> None:
    from spacy.tokens import Doc, Span

    words = ["Lucia", "Ferrer", "-", "Quiroga", "said", "so", "and", "Dana", "Hale", "-", "Tomas", "Lowe", "left"]
    spaces = [True, False, False, True, True, True, True, True, True, True, True, True, False]  # "Hale - Tomas": a dash
    doc = Doc(blank.vocab, words=words, spaces=spaces, pos=["PROPN" if w[:1].isupper() else "NOUN" for w in words],
              sent_starts=[True] + [False] * (len(words) - 1))
    doc.ents = [Span(doc, 0, 2, label="PERSON"), Span(doc, 3, 4, label="PERSON"), Span(doc, 7, 9, label="PERSON"),
                Span(doc, 10, 12, label="PERSON")]
    assert [m.text for m in extract_mentions(doc)] == ["Lucia Ferrer-Quiroga", "Dana Hale", "Tomas Lowe"]


def test_a_rule_match_wins_over_prepositions_the_ner_ran_into_it(make_doc) -> None:
    """merge_ents: the NER's "Aboard Soyuz MS-41" (a person to the small model) gives way to the craft's name; a
    longer name around a match keeps it, also when a word after the match is one of those prepositions."""
    from spacy.tokens import Span

    from kg.nlp import merge_ents

    doc = make_doc("Aboard Soyuz MS-41 were two cosmonauts", ents=[(0, 3, "PERSON")])
    got = merge_ents(doc.ents, [Span(doc, 1, 3, label="Spacecraft")])
    assert [(e.text, e.label_) for e in got] == [("Soyuz MS-41", "Spacecraft")]
    doc = make_doc("The Kelm Reserve Board met", ents=[(1, 4, "ORG")])
    got = merge_ents(doc.ents, [Span(doc, 1, 3, label="Organization")])
    assert [(e.text, e.label_) for e in got] == [("Kelm Reserve Board", "ORG")]


def test_a_match_inside_an_entity_another_match_removed_is_kept(make_doc) -> None:
    """merge_ents: the NER's "the Kelm Space Station 's Zarya" holds the station's match, but the module's match
    ("Zarya module") overlaps it and removes it: the station's match is taken in a second round."""
    from spacy.tokens import Span

    from kg.nlp import merge_ents

    doc = make_doc("the Kelm Space Station 's Zarya module docked", ents=[(0, 6, "ORG")])
    got = merge_ents(doc.ents, [Span(doc, 1, 4, label="SpaceStation"), Span(doc, 5, 7, label="StationModule")])
    assert [(e.text, e.label_) for e in got] == [("Kelm Space Station", "SpaceStation"), ("Zarya module", "StationModule")]


def test_a_surname_takes_the_given_name_the_parser_joins_to_it(make_doc) -> None:
    """joined_names: "cosmonauts Ilya Sedov" where the NER took "Sedov" alone and the parser made "Ilya" a compound of
    it, right after a lower-case role word; not a title ("Minister Sedov"), nor after any other word ("the Arab Times
    Sedov", "said Comptroller Sedov")."""
    from kg.extract.mentions import joined_names

    deps = ["compound", "compound", "ROOT", "punct"]
    doc = make_doc("cosmonauts Ilya Sedov .", ents=[(2, 3, "PERSON")], heads=[2, 2, 2, 2], deps=deps)
    assert [e.text for e in joined_names(doc)] == ["Ilya Sedov"]
    doc = make_doc("said Minister Sedov .", ents=[(2, 3, "PERSON")], heads=[0, 2, 0, 0],
                   deps=["ROOT", "compound", "dobj", "punct"])
    assert [e.text for e in joined_names(doc)] == ["Sedov"]
    doc = make_doc("the Arab Times Sedov .", ents=[(3, 4, "PERSON")], heads=[3, 2, 3, 3, 3],
                   deps=["det", "compound", "compound", "ROOT", "punct"])
    assert [e.text for e in joined_names(doc)] == ["Sedov"]
    doc = make_doc("said Comptroller Sedov .", ents=[(2, 3, "PERSON")], heads=[0, 2, 0, 0],
                   deps=["ROOT", "compound", "dobj", "punct"])
    assert [e.text for e in joined_names(doc)] == ["Sedov"]


def test_a_plural_role_word_before_names(make_doc) -> None:
    """A plural role word the NER ran into a name is no part of it ("Taikonauts Wu Lin"), and two capitalised words
    after one that the NER missed are a person's name ("cosmonauts Alexei Zhuravlev and ...")."""
    doc = make_doc("Taikonauts Wu Lin and Gao Yan returned", ents=[(0, 3, "PERSON"), (4, 6, "PERSON")])
    assert [m.text for m in extract_mentions(doc)] == ["Wu Lin", "Gao Yan"]
    doc = make_doc("the cosmonauts Alexei Zhuravlev and Oleg Kononenko returned", ents=[(5, 7, "PERSON")])
    assert [(m.text, m.label) for m in extract_mentions(doc)] == [("Alexei Zhuravlev", "Person"),
                                                                  ("Oleg Kononenko", "Person")]


def test_the_further_names_after_a_plural_role_word(make_doc) -> None:
    """After a plural role word, the names of its list the NER missed are people's too, whether it tagged the first
    ("astronauts Mara Quist and Tobias Renn") or not; not after a singular role ("astronaut Mara Quist and Tobias
    Renn Industries": one name, then anything), nor a run of more than three capitalised words."""
    doc = make_doc("the astronauts Mara Quist and Tobias Renn and Jo Ekel flew", ents=[(2, 4, "PERSON")])
    assert [(m.text, m.label) for m in extract_mentions(doc)] == [
        ("Mara Quist", "Person"), ("Tobias Renn", "Person"), ("Jo Ekel", "Person")]
    doc = make_doc("the astronauts Mara Quist , Tobias Renn , and Jo Ekel flew")
    assert [m.text for m in extract_mentions(doc)] == ["Mara Quist", "Tobias Renn", "Jo Ekel"]
    doc = make_doc("the astronaut Mara Quist and Tobias Renn flew", ents=[(2, 4, "PERSON")])
    assert [m.text for m in extract_mentions(doc)] == ["Mara Quist"]
    doc = make_doc("the astronauts Mara Quist and Tobias Renn Space Lab Kelm flew", ents=[(2, 4, "PERSON")])
    assert [m.text for m in extract_mentions(doc)] == ["Mara Quist"]
    doc = make_doc("Mrs Ada Dorn , Briar Hill and the council agreed", ents=[(1, 3, "PERSON")])
    assert [m.text for m in extract_mentions(doc)] == ["Ada Dorn"]  # "Mrs" is no plural


def test_a_conjunct_of_a_persons_name_is_a_person_unless_its_list_holds_places(make_doc) -> None:
    """"Ann Lee and Vera Sukh" with the second typed a place: a person; "Ann Lee, Northern Vale and Leeds" (the head
    of a list of places taken for a person): places stay places, as does "Ann Lee and Salt Lake City"."""
    doc = make_doc("Ann Lee and Vera Sukh met", ents=[(0, 2, "PERSON"), (3, 5, "GPE")], heads=[1, 5, 1, 4, 1, 5],
                   deps=["compound", "nsubj", "cc", "compound", "conj", "ROOT"])
    assert [(m.text, m.label) for m in extract_mentions(doc)] == [("Ann Lee", "Person"), ("Vera Sukh", "Person")]
    doc = make_doc("Ann Lee , Northern Vale and Leeds met", ents=[(0, 2, "PERSON"), (3, 5, "GPE"), (6, 7, "GPE")],
                   heads=[1, 7, 1, 4, 1, 1, 1, 7], deps=["compound", "nsubj", "punct", "compound", "conj", "cc", "conj",
                                                        "ROOT"])
    assert [m.label for m in extract_mentions(doc)][1:] == ["Place", "Place"]
    doc = make_doc("Ann Lee and Salt Lake City met", ents=[(0, 2, "PERSON"), (3, 6, "GPE")], heads=[1, 6, 1, 5, 5, 1, 6],
                   deps=["compound", "nsubj", "cc", "compound", "compound", "conj", "ROOT"])
    assert [m.label for m in extract_mentions(doc)][1:] == ["Place"]


def test_an_organisations_role_word_the_tagger_took_for_a_verb(make_doc) -> None:
    """"Kelm astronaut Mara Quist" tagged an organisation, the role word a present-tense verb: a person all the same;
    not after an inflected verb ("who chairs Kelm Rail")."""
    doc = make_doc("Orbex astronaut Mara Quist arrived", ents=[(0, 1, "ORG"), (2, 4, "ORG")],
                   pos=["PROPN", "VERB", "PROPN", "PROPN", "VERB"], tags=["NNP", "VBP", "NNP", "NNP", "VBD"])
    assert [(m.text, m.label) for m in extract_mentions(doc)] == [("Orbex", "Organization"), ("Mara Quist", "Person")]
    doc = make_doc("Democrats head Kelm Rail now", ents=[(0, 1, "NORP"), (2, 4, "ORG")],
                   pos=["PROPN", "VERB", "PROPN", "PROPN", "ADV"], tags=["NNPS", "VBP", "NNP", "NNP", "RB"])
    assert [(m.text, m.label) for m in extract_mentions(doc)] == [("Kelm Rail", "Organization")]  # a party's people
    doc = make_doc("Ada Lo chairs Kelm Rail now", ents=[(0, 2, "PERSON"), (3, 5, "ORG")],
                   pos=["PROPN", "PROPN", "VERB", "PROPN", "PROPN", "ADV"], tags=["NNP", "NNP", "VBZ", "NNP", "NNP", "RB"])
    assert [(m.text, m.label) for m in extract_mentions(doc)] == [("Ada Lo", "Person"), ("Kelm Rail", "Organization")]


def test_a_title_of_a_place_the_ner_took_for_a_name_is_no_one(make_doc) -> None:
    """"The King of Velmaria" tagged a person: less its title, "of Velmaria" names no one."""
    doc = make_doc("The King of Velmaria sent condolences", ents=[(0, 4, "PERSON")])
    assert [m.text for m in extract_mentions(doc)] == []


def test_doc_text_is_the_documents_text_joined_once(make_doc) -> None:
    from kg.extract.mentions import doc_text

    doc = make_doc("Lena Voss met Piet Kos .")
    assert doc_text(doc) == doc.text and doc.user_data["kg.text"] == doc.text
    doc.user_data["kg.text"] = "kept"
    assert doc_text(doc) == "kept"  # read from user_data, not joined again


def test_a_double_barrelled_word_is_one_word_of_a_name(blank) -> None:
    doc = blank("Olli-Pekka Kallasvuo met Ana Marsh - Delgado")
    assert name_words(doc[0:4]) == ["Olli-Pekka", "Kallasvuo"]
    assert name_words(doc[5:9]) == ["Ana", "Marsh", "-", "Delgado"]  # a dash between words joins nothing


@pytest.mark.model
@pytest.mark.parametrize(("text", "name", "label"), [
    ("The report was written by Sofia Marsh-Delgado, a researcher at the Kelm Institute.", "Sofia Marsh-Delgado",
     "Person"),
    ("Orvo's chief executive, Jan-Erik Lindqvist, said on Tuesday that sales fell.", "Jan-Erik Lindqvist", "Person"),
    # the title is the holder's named after the body, not the name's before it
    ("Speaking to Agence Orla-Presse, the president of the Orla League for Human Rights, Jamal Haddad, said the "
     "law was wrong.", "Agence Orla-Presse", "Organization"),
])
def test_a_double_barrelled_name_beside_a_role_is_a_persons(nlp, text: str, name: str, label: str) -> None:
    assert (name, label) in {(m.text, m.label) for m in extract_mentions(nlp(text))}


@pytest.mark.model
@pytest.mark.parametrize(("text", "word"), [
    ("The letter was sent to Supreme Leader Ayatollah Omid Rahimi on Monday.", "Supreme"),
    ("Ana Ruiz, who became Press Secretary to the mayor in May, declined to comment.", "Press"),
])
def test_a_word_the_ner_took_for_a_body_that_opens_a_title_is_no_body(nlp, text: str, word: str) -> None:
    assert word not in {m.text for m in extract_mentions(nlp(text))}


@pytest.mark.model
@pytest.mark.parametrize(("text", "name", "label"), [
    ("The deal lifted Ireland's national carrier, Aer Kelm.", "Aer Kelm", "Organization"),
    ("The deal lifted Norway's second biggest lender, Dorn Eriksen, on Monday.", "Dorn Eriksen", "Organization"),
    ("Ann Holm's party, Tom Reed said, will lose.", "Tom Reed", "Person"),  # a speaker, not the party's name
])
def test_a_name_after_a_possessed_kind_of_body_and_a_comma_is_the_bodys(nlp, text: str, name: str, label: str) -> None:
    assert (name, label) in {(m.text, m.label) for m in extract_mentions(nlp(text))}


def test_a_known_city_where_a_place_stands_is_a_place(make_doc) -> None:
    """ontologies/cities.txt (GeoNames' cities of 15,000 people or more) tells a city the NER took for a body or a
    person from one, where the words around it put a place."""
    def typed(text: str, ents: list[tuple[int, int, str]]) -> list[tuple[str, str]]:
        return [(m.text, m.label) for m in extract_mentions(make_doc(text, ents=ents))]

    assert typed("the convoy drove on to Tulsa .", [(5, 6, "ORG")]) == [("Tulsa", "Place")]
    assert typed("a crash 12 km south of Tulsa", [(6, 7, "PERSON")]) == [("Tulsa", "Place")]
    assert typed("the minister left for Patna .", [(4, 5, "ORG")]) == [("Patna", "Place")]
    assert typed("Rhys Dale , 46 , of Plainville .", [(0, 2, "PERSON"), (6, 7, "ORG")])[1] == ("Plainville", "Place")
    assert typed("a unit of Plainville .", [(3, 4, "ORG")]) == [("Plainville", "Organization")]  # "of" alone
    assert typed("Rhys Dale , 46 , of Kelm Brook , Virginia .", [(0, 2, "PERSON"), (6, 8, "ORG"), (9, 10, "GPE")])[1] \
        == ("Kelm Brook", "Place")  # no known city, but a home with its state after it (_place_before_place)
    assert typed("the province 's capital , Plainville , grew", [(5, 6, "ORG")]) == [("Plainville", "Place")]
    assert typed("the capital city of Plainville .", [(4, 5, "PERSON")]) == [("Plainville", "Place")]
    assert typed("venture Capital Plainville .", [(2, 3, "ORG")]) == [("Plainville", "Organization")]
    assert typed("Tulkarm , Oklahoma , voted", [(0, 1, "ORG"), (2, 3, "GPE")])[0] == ("Tulkarm", "Place")  # "Ţūlkarm"
    assert typed("Tulsa , Oklahoma , voted", [(0, 1, "ORG"), (2, 3, "GPE")])[0] == ("Tulsa", "Place")
    # no place's word before it, a noun after it, a word of a person's name, a name no city has: as the NER said
    assert typed("a report for Tulsa .", [(3, 4, "ORG")]) == [("Tulsa", "Organization")]
    assert typed("a loan from Halifax bank", [(3, 4, "ORG")]) == [("Halifax", "Organization")]
    assert typed("a letter to Obama from Barack Obama", [(3, 4, "PERSON"), (5, 7, "PERSON")]) \
        == [("Obama", "Person"), ("Barack Obama", "Person")]
    assert typed("the deal went to Kelmworth", [(4, 5, "ORG")]) == [("Kelmworth", "Organization")]
    # named elsewhere where no place stands: a company of the city's name
    doc = make_doc("Toyota said sales fell in Toyota .", ents=[(0, 1, "ORG"), (5, 6, "ORG")],
                   tags=["NNP", "VBD", "NNS", "VBD", "IN", "NNP", "."])
    assert [m.label for m in extract_mentions(doc)] == ["Organization", "Organization"]
    doc = make_doc("the Bratsk airport reopened , and flights to Bratsk .", ents=[(1, 2, "ORG"), (8, 9, "ORG")])
    assert [m.label for m in extract_mentions(doc)] == ["Organization", "Place"]  # a modifier is no body's position
    assert typed("the plan , according to Toyota .", [(5, 6, "ORG")]) == [("Toyota", "Organization")]
    assert typed("Hudson said so", [(0, 1, "PERSON")]) == [("Hudson", "Person")]  # no place's word before it
    # not in a list ("Toyota, Honda and Nissan"), not in a stake, a club's transfer or a person's race
    doc = make_doc("rivals in Leeds , Toyota and Perth", ents=[(2, 3, "GPE"), (4, 5, "ORG"), (6, 7, "GPE")],
                   pos=["NOUN", "ADP", "PROPN", "PUNCT", "PROPN", "CCONJ", "PROPN"])
    assert [m.label for m in extract_mentions(doc)][1] == "Organization"
    assert typed("a stake in Toyota .", [(3, 4, "ORG")]) == [("Toyota", "Organization")]
    assert typed("he signed from Tulsa .", [(3, 4, "ORG")]) == [("Tulsa", "Organization")]
    assert typed("the race went to Hamilton , who led", [(4, 5, "PERSON")])[0] == ("Hamilton", "Person")
    assert typed("a statement from Hamilton .", [(3, 4, "PERSON")]) == [("Hamilton", "Person")]
    assert typed("they flew on to Hamilton .", [(4, 5, "PERSON")]) == [("Hamilton", "Place")]
    assert typed("the crew returned to Atlantis .", [(4, 5, "ORG")]) == [("Atlantis", "Organization")]  # an orbiter
