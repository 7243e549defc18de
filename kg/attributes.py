"""spaCy's attribute ruler, indexed: the same patterns, the same result, a quarter of the time.

The model's `attribute_ruler` maps the tagger's fine tags to coarse parts of speech and morphology
and mends some words ("gonna", "I" as a subject); kg reads those parts of speech everywhere. spaCy runs
its 179 patterns through a `Matcher`, which tests every pattern at every token, many of them by
Python callbacks (IN, NOT_IN, REGEX): on the dev sets that was 8% of the whole parse, a third of
everything kg adds. Here each pattern is filed under its first token's word, dependency, tag or being a
space, so a token is tested only against the few patterns that can start there, and the matches are
applied exactly as the ruler applies them (in the order the patterns were added, then by position, with
spaCy's own `set_token_attrs`). `indexed_ruler` returns None for a ruler using anything this does not read (an
operator, another attribute): the model's own ruler then stays. tests/test_attributes.py compares
both token by token.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from operator import attrgetter
from typing import Any

from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc, Token
from spacy.tokens._retokenize import set_token_attrs  # type: ignore[import-not-found]

Test = Callable[[Token], bool]
_FLAGS = {"IS_ALPHA", "IS_ASCII", "IS_DIGIT", "IS_LOWER", "IS_UPPER", "IS_TITLE", "IS_PUNCT", "IS_SPACE",
          "IS_STOP", "IS_BRACKET", "IS_QUOTE", "IS_LEFT_PUNCT", "IS_RIGHT_PUNCT", "IS_CURRENCY"}
_STRING_ATTRS = {"ORTH": "text", "TEXT": "text", "LOWER": "lower_", "NORM": "norm_", "TAG": "tag_",
                 "POS": "pos_", "DEP": "dep_", "SHAPE": "shape_", "ENT_TYPE": "ent_type_"}


def _test(attr: str, value: Any) -> Test | None:
    """A test of one token for one `attr: value` of a Matcher pattern, or None where it is not read."""
    if attr in _FLAGS and isinstance(value, bool):
        flag = attrgetter(attr.lower())
        return lambda t: bool(flag(t)) is value
    if attr not in _STRING_ATTRS:
        return None
    get = attrgetter(_STRING_ATTRS[attr])
    if isinstance(value, str):
        return lambda t: get(t) == value
    if not (isinstance(value, dict) and len(value) == 1):
        return None
    (op, arg), = value.items()
    if op in ("IN", "NOT_IN") and isinstance(arg, list) and all(isinstance(a, str) for a in arg):
        values = frozenset(arg)
        return (lambda t: get(t) in values) if op == "IN" else (lambda t: get(t) not in values)
    if op == "REGEX" and isinstance(arg, str):
        search = re.compile(arg).search  # the Matcher searches, it does not match from the start
        return lambda t: search(get(t)) is not None
    return None


_INDEXED = ("LOWER", "DEP", "TAG", "IS_SPACE")  # what patterns are filed under, the most selective first


def _filed_under(spec: dict[str, Any]) -> tuple[str, Sequence[Any]] | None:
    """Where a pattern starting with this token is filed: (an attribute of _INDEXED, its values), or
    None (tried at every token). Spaces are filed only under True."""
    for attr in _INDEXED:
        value = spec.get(attr)
        if isinstance(value, str) and attr != "IS_SPACE" or value is True and attr == "IS_SPACE":
            return attr, (value,)
        if isinstance(value, dict) and list(value) == ["IN"] and attr != "IS_SPACE":
            return attr, value["IN"]
    return None


Check = Callable[[Doc, Token], bool]
Entry = tuple[int, Check | None, int, int, dict[Any, Any]]


def _check(first: Sequence[Test], rest: Sequence[Sequence[Test]]) -> Check | None:
    """The test of a pattern at a token, beyond the attribute it is filed under (None: no more tests)."""
    if not rest:
        if not first:
            return None
        if len(first) == 1:
            only = first[0]
            return lambda doc, tok: only(tok)
        return lambda doc, tok: all(test(tok) for test in first)

    def check(doc: Doc, tok: Token) -> bool:
        i = tok.i
        return (i + len(rest) < len(doc) and all(test(tok) for test in first)
                and all(all(test(doc[i + k]) for test in tests) for k, tests in enumerate(rest, 1)))
    return check


class IndexedAttributeRuler:
    """A drop-in replacement for a spaCy AttributeRuler whose patterns `indexed_ruler` could read.

    An entry is (the pattern's order, its test at a token, its length, the index of the token to
    change, the attributes to set)."""

    def __init__(self, entries: list[Entry], filed: list[tuple[str, Sequence[Any]] | None]) -> None:
        self.entries = entries
        self.index: dict[str, dict[Any, list[int]]] = {attr: {} for attr in _INDEXED}
        self.always: list[int] = []
        for n, under in enumerate(filed):
            if under is None:
                self.always.append(n)
            else:
                for value in dict.fromkeys(under[1]):
                    self.index[under[0]].setdefault(value, []).append(n)

    def __call__(self, doc: Doc) -> Doc:
        entries = self.entries
        by_lower, by_dep, by_tag, by_space = (self.index[a] for a in _INDEXED)
        spaces, always = by_space.get(True), self.always
        hits = []
        for tok in doc:
            i = tok.i
            for group in (by_lower.get(tok.lower_), by_dep.get(tok.dep_), by_tag.get(tok.tag_),
                          spaces if tok.is_space else None, always):
                if group:
                    for n in group:
                        entry = entries[n]  # (no slice of it: this runs for every candidate of every token)
                        if entry[1] is None or entry[1](doc, tok):
                            hits.append((entry[0], i, n))
        hits.sort()
        for _, i, n in hits:
            _, _, length, index, attrs = entries[n]
            set_token_attrs(doc[i + index if index >= 0 else i + length + index], attrs)
        return doc


def indexed_ruler(ruler: AttributeRuler) -> IndexedAttributeRuler | None:
    """The indexed equivalent of `ruler`, or None if one of its patterns uses what `_test` does not read."""
    entries: list[Entry] = []
    filed: list[tuple[str, Sequence[Any]] | None] = []
    for order, (attrs, index) in enumerate(zip(ruler.attrs, ruler.indices, strict=True)):
        found = ruler.matcher.get(str(order))
        if found is None:
            return None
        for pattern in found[1]:
            if not pattern or not -len(pattern) <= index < len(pattern):
                return None
            specs = [{str(attr).upper(): value for attr, value in spec.items()} for spec in pattern]
            under = _filed_under(specs[0])
            tests = []
            for k, spec in enumerate(specs):
                token_tests = [_test(attr, value) for attr, value in spec.items()
                               if not (k == 0 and under is not None and attr == under[0])]
                if any(t is None for t in token_tests):
                    return None
                tests.append(tuple(t for t in token_tests if t is not None))
            entries.append((order, _check(tests[0], tests[1:]), len(tests), index, attrs))
            filed.append(under)
    return IndexedAttributeRuler(entries, filed)


class UnreadableRulerError(ValueError):
    """The attribute ruler's patterns use what this module does not read."""


@Language.factory("kg_attribute_ruler")
def make_indexed_ruler(nlp: Language, name: str) -> IndexedAttributeRuler:
    """The indexed copy of the pipeline's `attribute_ruler` (see `use_indexed_ruler`)."""
    fast = indexed_ruler(nlp.get_pipe("attribute_ruler"))  # type: ignore[arg-type]
    if fast is None:
        raise UnreadableRulerError("the attribute ruler's patterns use what kg.attributes does not read")
    return fast


def use_indexed_ruler(nlp: Language) -> bool:
    """Put the indexed copy of the model's attribute ruler in its place, under the same name; False
    (and the model's own ruler kept) where its patterns use what this module does not read."""
    names = nlp.pipe_names
    if "attribute_ruler" not in names or not isinstance(nlp.get_pipe("attribute_ruler"), AttributeRuler):
        return False
    at = names.index("attribute_ruler")
    place: dict[str, Any] = {"before": names[at + 1]} if at + 1 < len(names) else {}
    try:  # the factory builds the index once, or refuses
        nlp.add_pipe("kg_attribute_ruler", name="kg_attribute_ruler", **place)
    except UnreadableRulerError:
        return False
    nlp.remove_pipe("attribute_ruler")
    nlp.rename_pipe("kg_attribute_ruler", "attribute_ruler")
    return True
