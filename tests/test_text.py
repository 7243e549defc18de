import pytest

from kg.text import initials, is_acronym_of, norm_name, slug


@pytest.mark.parametrize(("a", "b"), [
    ("the Soviet Union\u2019s", "Soviet Union"),
    ("U.S.", "US"),
    ("Apollo\u2013Soyuz", "Apollo-Soyuz"),
    ("Soyuz 19", "Soyuz-19"),
    ("NASA's", "NASA"),
])
def test_norm_name_merges_variants(a: str, b: str) -> None:
    assert norm_name(a) == norm_name(b)


def test_norm_name_keeps_distinct_names_apart() -> None:
    assert norm_name("Apollo") != norm_name("Apollo-Soyuz")


def test_slug_is_stable_ascii() -> None:
    assert slug("Crème Brûlée Agency") == "creme-brulee-agency"
    assert slug("!!!") == "x"


def test_acronyms() -> None:
    assert initials("European Organisation for Nuclear Research") == "EONR"
    assert is_acronym_of("NASA", "National Aeronautics and Space Administration")
    assert not is_acronym_of("NASA", "Roscosmos")
    assert not is_acronym_of("nasa", "National Aeronautics and Space Administration")
