"""The signature patterns of ontologies/patterns/ (kg/extract/relations.py): every pattern's own
examples, read by the whole pipeline with the real model, as the token rules' are
(tests/extract/test_rules.py)."""

from __future__ import annotations

import pytest

from kg.extract.relations import ALIAS, _match_patterns, _match_seq, load_patterns, signature
from kg.ontology import load_ontology
from tests.extract.helpers import named_slots, read_texts

EXAMPLES = [(p.id, text, facts) for p in load_patterns() for text, facts in p.examples]


def test_every_pattern_has_examples() -> None:
    assert [p.id for p in load_patterns() if not p.examples] == []


def test_examples_are_one_a_text() -> None:
    texts = [text for _, text, _ in EXAMPLES]
    assert len(texts) == len(set(texts))  # one example, one pattern


@pytest.fixture(scope="module")
def read_examples(nlp) -> dict[str, tuple[set[tuple[str, ...]], set[str], set[str], dict[str, str]]]:
    """Each example text: (every fact the pipeline reads in it, the patterns that match in it, the
    patterns behind its asserted facts, each name of an entity -> the entity's label)."""
    out = {}
    for text, (facts, doc, x) in read_texts(nlp, [text for _, text, _ in EXAMPLES]).items():
        names = {n: e.label for e in x.entities for n in (e.label, *e.aliases)}
        out[text] = (facts, _patterns_matching(doc, x), {r.evidence.rule for r in x.relations if r.asserted}, names)
    return out


def _patterns_matching(doc, x) -> set[str]:
    """The patterns that give a candidate fact in a sentence of the document, with its mentions, as the
    extractor runs them (their cue, required text and classes tested first); the @alias patterns too."""
    onto = load_ontology()
    slots = named_slots(doc, x)
    aliases = [p for p in load_patterns() if p.predicate == ALIAS]
    fired = set()
    for sent in doc.sents:
        in_sent = [sl for sl in slots if sent.start <= sl.start < sent.end]
        if len(in_sent) < 2:
            continue
        fired |= {how.id for _, _, _, how, _, _ in _match_patterns(load_patterns(), sent, in_sent, onto)}
        sig, marks, char_tok = signature(sent, in_sent, onto)
        fired |= {p.id for p in aliases if (p.cue is None or p.cue.search(sent.text.lower()))
                  and any(True for _ in _match_seq(p, sig, marks, char_tok, in_sent, doc))}
    return fired


@pytest.mark.model
@pytest.mark.parametrize(("pattern", "text", "expected"), EXAMPLES, ids=[f"{p}-{i}" for i, (p, _, _) in enumerate(EXAMPLES)])
def test_pattern_example(read_examples, pattern: str, text: str, expected) -> None:
    found, fired, behind, names = read_examples[text]
    if not expected:
        assert pattern not in behind, f"{pattern} found a fact in its counter-example"
        return
    assert pattern in fired, f"{pattern} does not match its own example"
    for fact in expected:
        if fact[1] == ALIAS:  # one entity of both names
            assert fact[0] in names and names.get(fact[2]) == names[fact[0]], (fact, names)
        else:
            assert tuple(fact) in found
