"""kg.attributes: the indexed attribute ruler gives exactly what spaCy's AttributeRuler gives."""

from __future__ import annotations

import json

import pytest
import spacy
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from kg.attributes import IndexedAttributeRuler, indexed_ruler, use_indexed_ruler
from tests.conftest import EXAMPLE, ROOT, DocMaker

# Sentences written for this test: contractions, colloquial forms and pronouns the model's ruler mends.
OWN = [
    "I told them we're gonna need a bigger boat, y'all know that.",
    "There is nothing left and there were no survivors; it's been a long week.",
    "She didn't do it, but he did.  Let's see what they have.",
    "Ain't nobody got time for that, c'mon.",
    "Which one did you see? That one, the one that I bought.",
]


def _annotations(doc: Doc) -> list[tuple[str, ...]]:
    return [(t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_) for t in doc]


def _compare(ruler: AttributeRuler, docs: list[Doc]) -> int:
    fast = indexed_ruler(ruler)
    assert isinstance(fast, IndexedAttributeRuler)
    tokens = 0
    for doc in docs:
        theirs, ours = ruler(doc.copy()), fast(doc.copy())
        assert _annotations(ours) == _annotations(theirs), doc.text[:80]
        tokens += len(doc)
    return tokens


@pytest.mark.model
def test_the_models_ruler_and_the_indexed_one_agree_token_by_token() -> None:
    from kg.nlp import resolve_model

    model = spacy.load(resolve_model())
    texts = [EXAMPLE.read_text(encoding="utf-8"), *OWN]
    news = (ROOT / "tests/data/space_news.jsonl").read_text(encoding="utf-8").splitlines()
    texts += [json.loads(line)["text"] for line in news if line.strip()]
    with model.select_pipes(enable=[n for n in model.pipe_names if n in ("tok2vec", "tagger", "parser")]):
        docs = list(model.pipe(texts))
    ruler = model.get_pipe("attribute_ruler")
    assert isinstance(ruler, AttributeRuler) and len(ruler.patterns) > 100
    assert _compare(ruler, docs) > 2000


def test_the_last_pattern_added_wins_and_every_operator_is_read(blank: Language, make_doc: DocMaker) -> None:
    ruler = AttributeRuler(blank.vocab)
    ruler.add_patterns([
        {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN"}},
        {"patterns": [[{"LOWER": "bank", "TAG": "NN"}]], "attrs": {"POS": "PROPN", "MORPH": "Number=Sing"}},
        {"patterns": [[{"TAG": {"IN": ["VBD", "VBZ"]}, "DEP": {"NOT_IN": ["aux", ""]}}]], "attrs": {"POS": "VERB"}},
        {"patterns": [[{"TAG": {"IN": ["VBD", "VBZ"]}, "DEP": "aux"}]], "attrs": {"POS": "AUX"}},
        {"patterns": [[{"LOWER": {"REGEX": "^re"}}, {"LOWER": "bank"}]], "attrs": {"LEMMA": "rebanked"}, "index": -1},
        {"patterns": [[{"DEP": "nsubj"}, {"TAG": {"IN": ["VBZ", "VBD"]}}]], "attrs": {"MORPH": "Person=3"}},
        {"patterns": [[{"IS_PUNCT": True}]], "attrs": {"POS": "PUNCT"}},
    ])
    doc = make_doc("the bank said the rebank bank has closed .",
                   tags=["DT", "NN", "VBD", "DT", "NN", "NN", "VBZ", "VBN", "."],
                   deps=["det", "nsubj", "ROOT", "det", "compound", "nsubj", "aux", "ccomp", "punct"],
                   heads=[1, 2, 2, 5, 5, 7, 7, 2, 2], pos=["X"] * 9)
    assert _compare(ruler, [doc]) == 9
    fast = indexed_ruler(ruler)
    assert fast is not None
    out = fast(doc.copy())
    assert [t.pos_ for t in out] == ["X", "PROPN", "VERB", "X", "NOUN", "PROPN", "AUX", "X", "PUNCT"]
    assert out[5].lemma_ == "rebanked" and out[4].lemma_ == "rebank"
    assert str(out[1].morph) == "Person=3"  # a later pattern's MORPH replaces an earlier one's, as in spaCy


def test_a_ruler_using_what_the_index_does_not_read_is_kept(blank: Language) -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "very", "OP": "+"}]], {"POS": "ADV"})  # type: ignore[attr-defined]
    assert indexed_ruler(ruler) is None  # type: ignore[arg-type]
    assert not use_indexed_ruler(nlp)
    assert isinstance(nlp.get_pipe("attribute_ruler"), AttributeRuler)


def test_the_indexed_ruler_takes_the_models_place_and_name() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    nlp.add_pipe("sentencizer")
    ruler.add([[{"LOWER": "very"}]], {"POS": "ADV"})  # type: ignore[attr-defined]
    assert use_indexed_ruler(nlp)
    assert nlp.pipe_names == ["attribute_ruler", "sentencizer"]
    assert isinstance(nlp.get_pipe("attribute_ruler"), IndexedAttributeRuler)
    assert [t.pos_ for t in nlp("very good")] == ["ADV", ""]
