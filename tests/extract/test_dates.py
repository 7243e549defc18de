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
