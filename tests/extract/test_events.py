from kg.extract.events import extract_events
from kg.model import Evidence, Relation

EV1 = Evidence("d", "s1", 0, 10, "r", 1.0)
EV2 = Evidence("d", "s2", 11, 20, "r", 1.0)


def test_events_gather_facts_of_a_sentence_with_their_date() -> None:
    rels = [Relation("place/a", "launched", "spacecraft/x", EV1), Relation("spacecraft/x", "launchDate", "2030-03-03", EV1,
                                                                          literal="date"),
            Relation("spacecraft/x", "dockedWith", "spacecraft/y", EV2),
            Relation("person/p", "met", "person/q", EV2, asserted=False, modality="negated")]
    events = extract_events(rels, sentence_dates={11: {"2030-03-05"}}, report_year="2031", dated_sentences={0, 11})
    by_kind = {e.kind: e for e in events}
    assert set(by_kind) == {"launch", "docking"}  # a negated meeting is no event
    assert by_kind["launch"].date == "2030-03-03" and by_kind["launch"].participants == ("place/a", "spacecraft/x")
    assert by_kind["docking"].date == "2030-03-05"


def test_undated_event_gets_the_year_of_the_report() -> None:
    (e,) = extract_events([Relation("person/p", "met", "person/q", EV1)], report_year="2031", dated_sentences=set())
    assert (e.date, e.year) == (None, "2031")
    (e,) = extract_events([Relation("person/p", "met", "person/q", EV1)], report_year="2031", dated_sentences={0})
    assert e.year is None
