"""The token rules of ontologies/rules/ (kg/extract/rules.py): every rule's own examples, read by the
whole pipeline with the real model, and the rule language itself on hand-built documents."""

from __future__ import annotations

import pytest

from kg.errors import OntologyError
from kg.extract.relations import _marker
from kg.extract.rules import _element, load_rules, match_rules
from tests.extract.helpers import marked, named_slots, read_facts, read_texts

EXAMPLES = [(r.id, text, facts) for r in load_rules() for text, facts in r.examples]


def test_every_rule_has_examples() -> None:
    assert load_rules()
    assert all(r.examples for r in load_rules()), [r.id for r in load_rules() if not r.examples]
    texts = [text for _, text, _ in EXAMPLES]
    assert len(texts) == len(set(texts))  # one example, one rule


@pytest.fixture(scope="module")
def read_examples(nlp) -> dict[str, tuple[set[tuple[str, ...]], set[str], set[str]]]:
    """Each example text: (every fact the pipeline reads in it, the rules that match in it, the rules
    behind its asserted facts)."""
    out = {}
    for text, (facts, doc, x) in read_texts(nlp, [text for _, text, _ in EXAMPLES]).items():
        out[text] = (facts, _rules_matching(doc, x), {r.evidence.rule for r in x.relations if r.asserted})
    return out


def _rules_matching(doc, x) -> set[str]:
    """The rules whose pattern matches a sentence of the document with its subject on a mention."""
    slots = named_slots(doc, x)
    fired = set()
    for sent in doc.sents:
        in_sent = [sl for sl in slots if sent.start <= sl.start < sent.end]
        for rule, args, _, _ in match_rules(sent, in_sent, _marker):
            if args.get("s") or args.get("pair"):
                fired.add(rule.id)
    return fired


@pytest.mark.model
@pytest.mark.parametrize(("rule", "text", "expected"), EXAMPLES, ids=[f"{r}-{i}" for i, (r, _, _) in enumerate(EXAMPLES)])
def test_rule_example(read_examples, rule: str, text: str, expected) -> None:
    found, _, behind = read_examples[text]
    if expected:  # [s, p, o] an asserted fact; [s, p, o, "hypothetical"] a non-asserted statement
        assert {tuple(f) for f in expected} <= found
    else:
        assert rule not in behind, f"{rule} found a fact in its counter-example"


@pytest.mark.model
def test_every_rule_fires_on_its_own_examples(read_examples) -> None:
    silent = [r.id for r in load_rules() if not any(r.id in read_examples[t][1] for t, facts in r.examples if facts)]
    assert silent == []


def test_a_list_argument_takes_every_name(make_doc) -> None:
    doc = marked(make_doc, "[Civic Union Party|ORG] leaders [Tom Varga|PERSON] , [Edit Kiss|PERSON] and [Ana Pop|PERSON] spoke")
    got = {f for f in read_facts(doc) if f[1] == "memberOf"}
    assert got == {(p, "memberOf", "Civic Union Party", True) for p in ("Tom Varga", "Edit Kiss", "Ana Pop")}


def test_not_after_blocks_a_former_office(make_doc) -> None:
    doc = marked(make_doc, "the former [Peruvian|NORP] President [Tomas Quispe|PERSON] spoke")
    assert not any(p == "heads" for _, p, _, _ in read_facts(doc))


@pytest.mark.parametrize(("element", "message"), [
    ({"arg": "x", "class": "Person"}, "unknown arg"),
    ({"words": "NO_SUCH_LIST"}, "no word list"),
    ({"LOWR": "of"}, "unknown keys"),
    ({"NORM": "Person"}, "not 'NORM'"),
    ({"or_words": ["as"]}, "or_words goes with a class"),
])
def test_bad_rule_elements_are_named_errors(element, message) -> None:
    with pytest.raises(OntologyError, match=message):
        _element(element, "r")


def test_a_pattern_spacy_would_refuse_is_a_named_error_at_load(monkeypatch) -> None:
    """load_rules validates each pattern once (the Matchers built per set of rules do not validate)."""
    import kg.extract.rules as rules

    row = {"rule": "bad-op", "predicate": "worksFor",
           "pattern": [{"arg": "s", "class": "Person"}, {"LOWER": "at", "OP": "often"}, {"arg": "o", "class": "Organization"}]}
    monkeypatch.setattr(rules, "rule_files", lambda: ["rules/x.jsonl"])
    monkeypatch.setattr(rules, "load_jsonl", lambda f: [row])
    with pytest.raises(OntologyError, match="rule bad-op: .*OP"):
        rules.load_rules.__wrapped__()


def test_a_word_list_defined_twice_is_a_named_error(monkeypatch) -> None:
    import kg.extract.rules as rules

    rows = {"rules/a.jsonl": [{"words": "KINDS", "values": ["mill"]}], "rules/b.jsonl": [{"words": "KINDS", "values": ["forge"]}]}
    monkeypatch.setattr(rules, "rule_files", lambda: list(rows))
    monkeypatch.setattr(rules, "load_jsonl", lambda f: rows.get(f, []))
    with pytest.raises(OntologyError, match="rules/b.jsonl: word list KINDS is defined twice"):
        rules.word_lists.__wrapped__()


def test_an_element_sequence_stands_for_its_elements_and_an_unknown_one_is_a_named_error(monkeypatch) -> None:
    import kg.extract.rules as rules

    rows = [{"elements": "AT_ORG", "pattern": [{"LOWER": "at"}, {"arg": "o", "class": "Organization"}]},
            {"elements": "WORKS_AT", "pattern": [{"LOWER": "works"}, {"elements": "AT_ORG"}]},
            {"rule": "works-at", "predicate": "worksFor", "pattern": [{"arg": "s", "class": "Person"}, {"elements": "WORKS_AT"}]}]
    monkeypatch.setattr(rules, "rule_files", lambda: ["rules/x.jsonl"])
    monkeypatch.setattr(rules, "load_jsonl", lambda f: rows)
    rules.element_sequences.cache_clear()
    try:
        (rule,) = rules.load_rules.__wrapped__()
        assert rule.args == ("s", None, None, "o")
        assert [el.get("LOWER") for el in rule.pattern] == [None, "works", "at", None]
        rows[2] = {**rows[2], "pattern": [{"arg": "s", "class": "Person"}, {"elements": "NO_SUCH"}]}
        with pytest.raises(OntologyError, match="rule works-at: .*names no element sequence"):
            rules.load_rules.__wrapped__()
    finally:
        rules.element_sequences.cache_clear()


def test_one_class_is_a_plain_value_and_a_sentence_needs_it() -> None:
    """One class is a plain NORM value (the Matcher tests it in C, not as a Python set predicate); rule_needs
    still reads it as a class the sentence must hold."""
    from kg.extract.rules import TokenRule, _needs

    one, _ = _element({"class": "Person"}, "r")
    two, _ = _element({"class": ["Person", "Organization"]}, "r")
    assert one == {"NORM": "Person", "OP": "+"} and two["NORM"] == {"IN": ["Person", "Organization"]}
    rule = TokenRule(id="r", predicate="met", pattern=(one, {"LOWER": "met"}, two), args=("s", None, "o"))
    assert _needs(rule) == ((frozenset({"met"}),), frozenset({"Person"}), (frozenset({"Person", "Organization"}),))


def test_a_sentence_needs_one_of_a_required_elements_classes_and_a_piece_of_each_word() -> None:
    """An element of several classes needs one of them in the sentence, unless a separator is among them (a
    token's own NORM); a value the word test splits ("'s": "'", "s") is needed by its longest piece; optional
    elements need nothing."""
    from kg.extract.rules import TokenRule, _needs

    craft, _ = _element({"class": ["Spacecraft", "Mission"]}, "r")
    listed, _ = _element({"class": ["Person", "Sep"]}, "r")
    rule = TokenRule(id="r", predicate="crewMemberOf", args=("s", None, None, "o"), pattern=(
        listed, {"ORTH": {"IN": ["'s", "\u2019s"]}}, {"LOWER": "aboard", "OP": "?"}, craft))
    assert _needs(rule) == ((frozenset({"s"}),), frozenset(), (frozenset({"Spacecraft", "Mission"}),))


def test_not_words_take_words_out_of_a_list() -> None:
    el, _ = _element({"words": ["judge", "president", "reporter"], "not_words": ["president"]}, "r")
    assert el == {"LOWER": {"IN": ["judge", "reporter"]}}
    with pytest.raises(OntologyError, match="no word list"):
        _element({"words": "TITLE", "not_words": "NO_SUCH_LIST"}, "r")


def test_or_words_let_a_word_list_through_beside_the_classes() -> None:
    """A required element of classes and words needs no class in the sentence (its words are tokens' own NORMs)."""
    from kg.extract.rules import TokenRule, _needs

    el, _ = _element({"class": ["Person", "Organization"], "or_words": ["astronaut", "of"]}, "r")
    assert el == {"NORM": {"IN": ["Person", "Organization", "astronaut", "of"]}, "OP": "+"}
    craft, _ = _element({"class": ["Spacecraft", "Mission"]}, "r")
    rule = TokenRule(id="r", predicate="crewMemberOf", pattern=(craft, {"LOWER": "crew"}, el), args=("o", None, "s"))
    assert _needs(rule) == ((frozenset({"crew"}),), frozenset(), (frozenset({"Spacecraft", "Mission"}),))
