"""The literal strings every match of a regular expression must contain: a cheap test before searching.

A relation pattern's regular expression (ontologies/patterns/*.jsonl) is searched in the signature of every
sentence with two mentions or more, and most patterns match none of them. `required_strings` reads off the
expression's parse tree the strings a match cannot do without, as an AND of ORs: for
``(?:died|passed away|(?:was|were) killed) on`` one of "died", "passed away", "was killed", "were killed",
and " on". relations.anchor_index puts one OR-set of each pattern into an Aho-Corasick automaton
(pyahocorasick): one pass over a signature in C finds which patterns may match, and only those are
searched; kg_names (kg/nlp.py) tests each name regex's strings against a document's text the same way. The
filter never changes what a pattern finds (a signature without the strings cannot match);
tests/extract/test_prefilter.py checks the reading, the patterns' examples check the whole.

Measured on the dev sets' 680 signatures: the patterns' searches 0.087 -> 0.037 s a pass (50,684 searches
-> 18,082, the same matches). A test of the strings in Python per pattern was slower than the searches
it saved (a failing search costs about 1.4 µs), and so was one lookahead alternation of all the strings.

The same idea as RE2's prefilter, much reduced: literals, groups, alternations and repeats are read;
everything else (character classes, backreferences, case-insensitive groups) ends a run of literals and
requires nothing.
"""

from __future__ import annotations

import re
import re._constants as C  # noqa: N812 (the standard library's own module names)
import re._parser as P  # noqa: N812
from collections.abc import Sequence
from typing import Any

MAX_SET = 64  # the most strings an exact set may hold (a product of small alternations)
MIN_LEN = 3  # a shorter string is in almost every signature: no test
MAX_STRINGS = 48  # a larger OR-set (every title word) is not worth indexing
ZERO_WIDTH = (C.AT, C.ASSERT_NOT, C.ASSERT)  # they consume nothing: the literals on both sides stay adjacent


def _exact(items: Any) -> frozenset[str] | None:
    """The strings a sub-expression matches, when it is a small finite set of literal strings (else None)."""
    out = {""}
    for op, av in items:
        part: frozenset[str] | None
        if op is C.LITERAL:
            part = frozenset([chr(av)])
        elif op is C.SUBPATTERN:
            part = None if av[1] & re.IGNORECASE else _exact(av[3])
        elif op is C.BRANCH:
            alts = [_exact(a) for a in av[1]]
            part = None if any(a is None for a in alts) else frozenset().union(*alts)  # type: ignore[arg-type]
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[0] in (0, 1) and av[1] == 1:
            part = _exact(av[2])
            if part is not None and av[0] == 0:
                part = part | {""}
        elif op in ZERO_WIDTH:
            continue
        else:
            return None
        if part is None or len(out) * len(part) > MAX_SET:
            return None
        out = {a + b for a in out for b in part}
    return frozenset(out)


def _required(items: Any) -> list[frozenset[str]]:
    """The AND of ORs of literal strings every match of a sequence contains."""
    reqs: list[frozenset[str]] = []
    cur: frozenset[str] = frozenset([""])

    def flush() -> None:
        nonlocal cur
        if "" not in cur:
            reqs.append(cur)
        cur = frozenset([""])

    for op, av in items:
        if op in ZERO_WIDTH:
            continue
        part = _exact([(op, av)])
        if part is not None and len(cur) * len(part) <= MAX_SET:
            cur = frozenset(a + b for a in cur for b in part)
            continue
        flush()
        if op is C.SUBPATTERN and not av[1] & re.IGNORECASE:
            reqs.extend(_required(av[3]))
        elif op is C.BRANCH:  # each alternative's most selective OR-set, together
            bests = [max(r, key=lambda s: min(map(len, s)), default=None) for r in map(_required, av[1])]
            if all(b is not None for b in bests):
                reqs.append(frozenset().union(*bests))  # type: ignore[arg-type]
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[0] >= 1:
            reqs.extend(_required(av[2]))
    flush()
    return reqs


def _minimal(ors: frozenset[str]) -> frozenset[str]:
    """The OR-set without the strings that contain another of its strings ("at the " holds "at ")."""
    return frozenset(s for s in ors if not any(t != s and t in s for t in ors))


def required_strings(regex: re.Pattern[str]) -> tuple[frozenset[str], ...]:
    """The OR-sets of literal strings every match of `regex` contains (each set: at least one of its
    strings), the most selective first: lower-case words before the mention markers (the only upper-case
    text of a signature, which the caller tests by class already), longer strings first. () when nothing
    is required or the expression cannot be read."""
    if regex.flags & re.IGNORECASE:
        return ()
    try:
        tree = P.parse(regex.pattern, regex.flags)
    except Exception:  # noqa: BLE001 (an expression this reader cannot read is simply not filtered)
        return ()
    reqs = {_minimal(r) for r in _required(tree.data) if min(map(len, r)) >= MIN_LEN}
    return tuple(sorted((r for r in reqs if len(r) <= MAX_STRINGS),
                        key=lambda s: (not of_words(s), -min(map(len, s)), sorted(s))))


def of_words(ors: frozenset[str]) -> bool:
    """An OR-set of lower-case words, not of mention markers (the only upper-case text of a signature) nor of
    punctuation alone."""
    return all(w.islower() for w in ors)


MARKER_TEXT = re.compile("\u27e6?([A-Z][A-Za-z]*)\\.")  # a mention marker's opening: "⟦Person." or "Person."


def required_markers(regex: re.Pattern[str]) -> tuple[frozenset[str], ...]:
    """The mention classes a match cannot do without, as an AND of ORs: the OR-sets of required_strings made
    only of markers' openings ("⟦Person.", "Organization." of "⟦(?:Organization|Place)\\."), each as its
    classes. A sentence without one class of each set cannot match: a test of sets, before any search."""
    out = []
    for ors in required_strings(regex):
        found = [MARKER_TEXT.fullmatch(s) for s in ors]
        if all(found):
            out.append(frozenset(m.group(1) for m in found if m))
    return tuple(out)


TOKEN_PIECES = re.compile(r"\w+|[^\w\s]")  # how a text's words are read for these tests: "'s" is "'", "s"


def required(el: dict[str, Any]) -> bool:
    """Whether a token pattern element must match at least once (no OP, "+", or "{1,...}")."""
    op = str(el.get("OP", "1"))
    return op in ("1", "+") or op.startswith("{1")


def required_words(pattern: Sequence[dict[str, Any]]) -> tuple[frozenset[str], ...]:
    """The words a match of a spaCy token pattern cannot do without, as an AND of ORs: for each element that
    must match at least once and tests words ({"LOWER": ...} or {"ORTH": ...}, exact or IN), its words in
    lower case. A value read as several pieces ("'s": "'", "s") by its longest (last) piece, which a text
    holding the value holds too. A text without one word of each set cannot match (token rules, kg/extract/
    rules.py, test the sets against a sentence's pieces; kg_names against a document's lower-case text)."""
    out: list[frozenset[str]] = []
    for el in filter(required, pattern):
        for key in ("LOWER", "ORTH"):  # an ORTH value by its lower case: the text's words are lower-cased
            val = el.get(key)
            vals = [val] if isinstance(val, str) else val["IN"] if isinstance(val, dict) and "IN" in val else None
            pieces = [max(reversed(TOKEN_PIECES.findall(v.lower())), key=len, default="") for v in vals or ()]
            if pieces and all(pieces):
                out.append(frozenset(pieces))
    return tuple(out)
