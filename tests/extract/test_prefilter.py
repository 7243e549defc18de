"""The strings a pattern cannot match without (kg/extract/prefilter.py) and the index built from them."""
import re

import pytest

from kg.extract.prefilter import required_markers, required_strings
from kg.extract.relations import _admitted, _marker, load_patterns, signature


def test_alternations_groups_and_optional_words_give_the_strings_a_match_needs() -> None:
    got = required_strings(re.compile(r"(?P<s>X\d+) (?:died|passed away|(?:was|were) killed) (?:on |in )?(?:the )?D\d"))
    (ors,) = got  # one set: the product of the small alternations around the verb
    assert all(any(v in s for v in ("died", "passed away", "was killed", "were killed")) for s in ors)
    assert " died D" in ors and " were killed on the D" in ors  # optional words: with and without


def test_a_repeat_of_at_least_one_requires_its_body_and_an_optional_one_nothing() -> None:
    assert required_strings(re.compile(r"(?:launch(?:ed)? )+by")) == (frozenset({"launch ", "launched "}),)
    assert required_strings(re.compile(r"[a-z]+ (?:docked )?with")) == (frozenset({" with"}),)


def test_nothing_is_required_of_what_this_reader_cannot_read() -> None:
    assert required_strings(re.compile(r"[a-z]+\d")) == ()
    assert required_strings(re.compile(r"died", re.IGNORECASE)) == ()
    assert required_strings(re.compile(r"(?i:died) on")) == (frozenset({" on"}),)


def test_the_mention_classes_a_match_needs_are_read_off_the_markers() -> None:
    both = re.compile("(?P<o>\u27e6(?:Organization|Place)\\.\\d+\u27e7) 's (?P<s>\u27e6Person\\.\\d+\u27e7)")
    assert set(required_markers(both)) == {frozenset({"Organization", "Place"}), frozenset({"Person"})}
    assert required_markers(re.compile("(?:\u27e6Person\\.\\d+\u27e7 )?died")) == ()  # an optional marker: none
    assert required_markers(re.compile("\u27e6Date\\.\\d+\u27e7 , (?:born|died)")) == (frozenset({"Date"}),)


def test_every_pattern_matching_a_signature_is_admitted() -> None:
    """A pattern's own regular expression decides: wherever it matches, the index admits it."""
    sigs = ["\u27e6Person.0\u27e7 died on \u27e6Date.1\u27e7 .",
            "\u27e6Person.0\u27e7 , who was born in \u27e6Place.1\u27e7 , joined \u27e6Organization.2\u27e7 .",
            "\u27e6Spacecraft.0\u27e7 docked with \u27e6Spacecraft.1\u27e7 on \u27e6Date.2\u27e7 .",
            "\u27e6Person.0\u27e7 , chief executive of \u27e6Organization.1\u27e7 , met \u27e6Person.2\u27e7 ."]
    for sig in sigs:
        admitted = _admitted(sig)
        matching = {i for i, p in enumerate(load_patterns()) if p.kind == "seq" and p.regex.search(sig)}
        assert matching and matching <= admitted
    assert len(_admitted("a b c")) < len(load_patterns()) / 2  # and most are not searched at all


@pytest.mark.model
def test_no_pattern_is_filtered_out_of_a_sentence_it_matches(nlp) -> None:
    """Every example sentence of the patterns and the token rules, read by the pipeline: wherever a seq
    pattern's regular expression matches a signature, the index admits the pattern."""
    from kg.extract.rules import load_rules
    from kg.ontology import load_ontology
    from tests.extract.helpers import named_slots, read_texts

    onto = load_ontology()
    texts = sorted({t for p in load_patterns() for t, _ in p.examples} | {t for r in load_rules() for t, _ in r.examples})
    checked = 0
    for _facts, doc, x in read_texts(nlp, texts).values():
        slots = named_slots(doc, x)
        for sent in doc.sents:
            in_sent = [sl for sl in slots if sent.start <= sl.start < sent.end]
            if len(in_sent) < 2:
                continue
            sig = signature(sent, in_sent, onto)[0]
            matching = {i for i, p in enumerate(load_patterns()) if p.kind == "seq" and p.regex.search(sig)}
            assert matching <= _admitted(sig), (sig, matching - _admitted(sig))
            present = {_marker(sl) for sl in in_sent}  # and the classes each match needs are there
            assert all(not ms.isdisjoint(present) for i in matching for ms in load_patterns()[i].marker_sets), sig
            checked += bool(matching)
    assert checked > 100
