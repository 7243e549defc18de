import pytest

from kg.extract.dates import find_year, parse_date


@pytest.mark.parametrize(("text", "year", "iso"), [
    ("July 15, 1975", None, "1975-07-15"),
    ("15 July 1975", None, "1975-07-15"),
    ("on the 3rd of March 2024", None, "2024-03-03"),
    ("1961-04-12", None, "1961-04-12"),
    ("July 17", 1975, "1975-07-17"),
    ("Aug. 1", 2025, "2025-08-01"),
    ("July 17", None, None),
    ("November", 2025, None),
    ("February 30, 2020", None, None),
])
def test_parse_date(text: str, year: int | None, iso: str | None) -> None:
    assert parse_date(text, year=year) == iso


def test_find_year() -> None:
    assert find_year("back in 1975") == 1975
    assert find_year("50 years") is None


@pytest.mark.model
def test_a_year_written_in_an_earlier_paragraph_does_not_date_a_later_one(nlp) -> None:
    """A day without a year takes the year written before it in its paragraph ("In 1969 ... on July 20": that year's),
    else the report's: a new paragraph about the news is not dated by the history told before it."""
    from kg.model import Document
    from kg.pipeline import extract

    text = ("The old mill opened in 1931. Its owner, John Smith, died on March 4 that year.\n\n"
            "Maria Lopez, a nurse in Lima, died on October 13.")
    (x,) = extract([Document(id="d", text=text, date="2030-10-20")], nlp=nlp)
    label = {e.key: e.label for e in x.entities}
    died = {(label[r.subj], r.obj) for r in x.relations if r.predicate == "deathDate"}
    assert died == {("John Smith", "1931-03-04"), ("Maria Lopez", "2030-10-13")}
    (x,) = extract([Document(id="d", text=text.replace("\n\n", " "), date="2030-10-20")], nlp=nlp)
    assert "1931-10-13" in {r.obj for r in x.relations if r.predicate == "deathDate"}  # one paragraph: the year written


@pytest.mark.model
def test_a_day_without_a_year_written_anywhere_near_it(nlp) -> None:
    """With no year written in its paragraph, a day takes the report's year, but no birth is dated so ("was born on 3
    March": not a baby of this year), and a past event after the report's day is last year's ("died on 30 December"
    in a report of May)."""
    from kg.model import Document
    from kg.pipeline import extract

    text = "Maria Lopez, a nurse in Lima, was born on March 3.\n\nJohn Smith, her teacher, died on December 30."
    (x,) = extract([Document(id="d", text=text, date="2030-05-06")], nlp=nlp)
    dated = {(r.predicate, r.obj) for r in x.relations if r.literal}
    assert dated == {("deathDate", "2029-12-30")}
    text = "Roscosmos said Soyuz MS-40 would launch on December 30."  # ahead: the report's year
    (x,) = extract([Document(id="d", text=text, date="2030-05-06")], nlp=nlp)
    assert {r.obj for r in x.relations if r.literal} <= {"2030-12-30"}
