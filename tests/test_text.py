import pytest

from kg.text import clean, initials, is_acronym_of, norm_name, slug, strip_invisible


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
    assert is_acronym_of("KV", "Kessler-Varga", hyphens=True)  # a hyphen parts a company's name's words
    assert not is_acronym_of("GB", "Guinea-Bissau")  # not a place's or a person's ("JP" is no "Jean-Pierre")
    assert is_acronym_of("MOT", "Ministry of Tourism") and is_acronym_of("MoT", "Ministry of Tourism")  # "of" too
    assert not is_acronym_of("MOTT", "Ministry of Tourism") and not is_acronym_of("MOFT", "Ministry of the Tourism")


@pytest.mark.parametrize(("a", "b"), [
    ("Юрий Гагарин", "Сергей Королёв"),
    ("王伟", "李娜"),
    ("Øst", "St"),
    ("हिन्दी", "हन्द"),
])
def test_slug_keeps_names_in_any_script_apart(a: str, b: str) -> None:
    assert slug(a) != slug(b)
    assert slug(a) != "x" and slug(b) != "x"


def test_slug_is_an_iri_segment_in_the_original_script() -> None:
    assert slug("Юрий  Гагарин!") == "юрий-гагарин"
    assert slug("Αθήνα") == "αθήνα"
    assert slug("José Núñez") == "jose-nunez"
    assert slug("Mara\u00a0Qu\u200bill") == "mara-quill"


def test_zero_width_characters_are_cleaned_away() -> None:
    assert clean("\ufeffMara Qu\u200bi\u200cl\u200dl\u2060") == "Mara Quill"
    assert norm_name("Mara Qu\u200bill") == norm_name("Mara Quill")


def test_a_text_without_invisible_characters_is_not_copied() -> None:
    text = "".join(["Mara Quill met Tom Reed in Lakeville."] * 3)
    assert strip_invisible(text) is text
    assert strip_invisible("Mara Qu\u200bill\ufeff") == "Mara Quill"
