"""The token rules of ontologies/rules/ (kg/extract/rules.py): every rule's own examples, read by the
whole pipeline with the real model, and the rule language itself on hand-built documents."""

from __future__ import annotations

import pytest

from kg.errors import OntologyError
from kg.extract.rules import _element, load_rules
from kg.model import Document
from kg.pipeline import extract
from tests.extract.helpers import marked, read_facts

EXAMPLES = [(r.id, text, facts) for r in load_rules() for text, facts in r.examples]


def test_every_rule_has_examples() -> None:
    assert load_rules()
    assert all(r.examples for r in load_rules()), [r.id for r in load_rules() if not r.examples]
    texts = [text for _, text, _ in EXAMPLES]
    assert len(texts) == len(set(texts))  # one example, one rule


@pytest.fixture(scope="module")
def read_examples(nlp) -> dict[str, tuple[set[tuple[str, str, str]], set[tuple[str, str, str]]]]:
    """Each example text: (every asserted fact, the facts of the example's own rule)."""
    docs = [Document(id=str(i), text=text, date="2030-05-06") for i, (_, text, _) in enumerate(EXAMPLES)]
    out = {}
    for (rule, text, _), x in zip(EXAMPLES, extract(docs, nlp=nlp), strict=True):
        label = {e.key: e.label for e in x.entities}
        facts = {(label[r.subj], r.predicate, label.get(r.obj, r.obj), r.evidence.rule) for r in x.relations if r.asserted}
        out[text] = ({f[:3] for f in facts}, {f[:3] for f in facts if f[3] == rule})
    return out


@pytest.mark.model
@pytest.mark.parametrize(("rule", "text", "expected"), EXAMPLES, ids=[f"{r}-{i}" for i, (r, _, _) in enumerate(EXAMPLES)])
def test_rule_example(read_examples, rule: str, text: str, expected) -> None:
    found, by_rule = read_examples[text]
    if expected:
        assert {tuple(f) for f in expected} <= found
    else:
        assert not by_rule, f"{rule} fired on its counter-example"


@pytest.mark.model
def test_every_rule_fires_on_its_own_examples(read_examples) -> None:
    silent = [r.id for r in load_rules() if not any(read_examples[t][1] for t, facts in r.examples if facts)]
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
])
def test_bad_rule_elements_are_named_errors(element, message) -> None:
    with pytest.raises(OntologyError, match=message):
        _element(element, "r")
