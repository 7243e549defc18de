"""Implicit objects: "President X" heads the one country the article is about (the real model)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from tests.extract.helpers import parsed_facts

pytestmark = pytest.mark.model


def heads(nlp: Language, text: str) -> set[tuple[str, str]]:
    return {(s, o) for s, p, o, asserted in parsed_facts(nlp, text) if p == "heads" and asserted}


def test_a_president_named_by_title_alone_heads_the_country_of_the_article(nlp: Language) -> None:
    text = ("Floods closed roads across Peru on Monday. Rescue teams reached three towns in Peru by night. "
            "President Ana Quispe visited the worst hit valley on Tuesday.")
    assert heads(nlp, text) == {("Ana Quispe", "Peru")}


@pytest.mark.parametrize("text", [
    # two countries named as often: which one is the article about?
    "Peru and Chile signed a trade deal. Chile and Peru will cut tariffs. President Ana Quispe welcomed it.",
    # another country in the fact's sentence
    "Floods closed roads across Peru. Peru asked for help. In Chile, President Ana Quispe offered aid.",
    # two presidents
    "Peru hosted the summit. Peru was proud. President Ana Quispe met President Tomas Reyes in Lima.",
    # not the head now
    "Peru voted on Sunday. Peru has a new leader. Former President Ana Quispe voted early.",
])
def test_no_implicit_head_where_the_country_or_the_holder_is_unclear(nlp: Language, text: str) -> None:
    assert not {h for h in heads(nlp, text) if h[0] == "Ana Quispe"}
