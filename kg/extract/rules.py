"""Token rules: one construction each, as a spaCy ``Matcher`` pattern with named arguments.

The rules live in ``ontologies/rules/*.jsonl``, one JSON object a line (an object may go on over
lines that start with white space)::

    {"rule": "demonym-state-title-name", "predicate": "heads", "not_after": "NOT_CURRENT",
     "pattern": [{"arg": "o", "class": "Nat"}, {"arg": "title", "words": "STATE_TITLE"},
                 {"arg": "s", "class": "Person"}],
     "examples": [["The Chilean President Ines Varela opened the port.", [["Ines Varela", "heads", "Chile"]]]]}

A pattern element is a spaCy ``Matcher`` token pattern (``LOWER``, ``ORTH``, ``POS``, ``OP`` …; a gap of words is
``"OP": "*"`` with the words it may not cross, never a wide ``"{1,30}"``: spaCy expands a range into that many optional
elements, and one such gap in crews.jsonl took 24 GB on a 12-document set before the kernel killed it (session 30);
prefer
``POS`` to ``TAG``: a ``TAG`` test makes the Matcher refuse documents built by hand without a tagger,
as the unit tests build them) with three additions, translated when the rules are loaded:

* ``"class": "Person"`` (or a list of classes) matches the tokens of a mention of that coarse class
  (Person, Organization, Place, Spacecraft, Mission, Award, Occupation, Date, or ``Nat`` for a
  country named by its adjective; ``Sep`` is a list separator outside mentions: a comma, "and",
  "&", so that ``["Person", "Sep"]`` spans a list of people); it implies ``"OP": "+"`` unless the
  element sets ``OP``; ``"not_class"`` matches any token that is not in a mention of those classes;
  ``"or_words": "NAME"`` beside ``"class"`` also lets a word of the list NAME through (a crew list runs over
  names, agencies and the role words between them: "NASA astronauts A and B, and cosmonaut C");
  a rule runs only on sentences that hold the classes of its required class elements and a word of
  each of its required word elements (a cheap test before the Matcher);
* ``"words": "NAME"`` matches a word of the list NAME (with ``"not_words": "OTHER"``, none of the list
  OTHER; ``"not_words"`` alone: any word but those of the list; a list written out may name a list among
  its words, ``["CREW_LIST_END", "with"]``): a ``{"words": NAME, "values": [...]}``
  line of the rule files, or a list derived from ``ontologies/titles.jsonl`` (``TITLE``: the words of
  every title, ``HEAD_TITLE``: of the titles whose holder heads the body, ``MOD``: modifiers such as
  "acting", ``BEFORE_NAME``: the title words and the honorifics, ranks and descriptors that stand
  before a name, "lieutenant", "photographer"; ``ORG_KIND``: org-words.jsonl's kinds of organisation,
  "carmaker", "newspaper"; ``PARTY_WORD``: the words of org-words.jsonl's party_words, "Labour", "Democrat";
  ``PARTY_MOD``: its party_modifiers, "ruling", "opposition");
* ``{"elements": "NAME"}`` alone stands for the elements of the sequence NAME, a ``{"elements": NAME,
  "pattern": [...]}`` line of the rule files: one construction several rules share, written once (the crew
  list "pilot A, engineer B and ESA flyer C" of crews.jsonl's CREW_LIST);
* ``"arg"`` names what the element's tokens are: ``s`` (subject), ``o`` (object), ``pair`` (every
  two mentions in it are related: symmetric facts), ``title`` (the predicate is the title's, from
  titles.jsonl, when the rule's predicate is ``@title``), ``cue`` (the construction's verb, which the
  parse must attach to the object: its head is in the object's name, or the object's name holds its
  subject: "Kelm Bank, led by X" but not "the inquiry into Kelm Bank, led by X" nor "the takeover of Kelm
  Bank was led by X") or ``context`` (a mention the construction needs that takes no part in the fact, there
  to have its class tested: the country closing "Duluth, Minnesota, United States"); ``"ontology_class": "Country"`` (or
  ``"not_ontology_class"``; a class or a list of classes) on an argument's element keeps only the mentions whose own
  class is (is not) one of them: the coarse class matches "Place", this tells a country from a region.

A rule with ``"modality": "hypothetical"`` (or ``"negated"``) gives only non-asserted statements: the
construction itself is a plan ("X and Y are to meet"). A rule with ``"modality": "ignore"`` states its
fact whatever the tense or modal words in it ("X will step down as chairman of Y": X is the chairman
now). Otherwise, negation or modality words between the mentions make a fact non-asserted.
``"not_after"`` (a word list, by name or written out) rejects a match right after one of its words
("the former Peruvian President X"); ``"not_before"`` one right before one of its words or two-word sequences
("'s": "the wife of X's brother" is not X's wife; ", and": a list goes on), ``"not_before_class"`` one right
before a mention of one of its coarse classes ("A and B met C": they did not meet each other).

A rule with ``"object": "salient-craft"`` and no ``o`` takes as object the spacecraft or mission the
passage is about: the one named in the sentence or the two before it (a station counts only when
no other craft is named); when two craft compete, the rule says nothing ("The crew includes A and B"
after "Soyuz MS-40 lifted off ... Shenzhou-30 ..."). A mission and a craft named without a number ("the
Crew Dragon capsule Vigil") do not compete: the craft carries the mission, and the crew is the mission's
(relations._salient_craft); a numbered craft ("Soyuz MS-40") is a flight of its own and competes.

Every rule carries ``examples``: sentences written for the rule (never taken from evaluation
data), read by the whole pipeline, and the facts it must find in them: ``[s, p, o]`` asserted,
``[s, p, o, "hypothetical"]`` a non-asserted statement; an empty list: the rule must assert
nothing there. The test suite runs them all (tests/extract/test_rules.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.matcher import Matcher
from spacy.schemas import validate_token_pattern
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from kg.errors import OntologyError
from kg.extract.mentions import FUNCTION_WORDS, honorifics
from kg.extract.prefilter import TOKEN_PIECES, required, required_words
from kg.ontology import data_words, load_jsonl, load_ontology, ontology_dir

# The class of the mention a token belongs to is written into the token's NORM while the rules run, and
# the NORM is put back after: a native Matcher attribute is several times faster than a custom extension
# (measured: the rules took half of the extraction time with Token._ predicates). Outside mentions a
# token keeps its NORM (its lower-case form), which is never a class name.
SEPARATORS = {",", "and", "&"}
FORCED = ("hypothetical", "negated")  # modalities a rule may impose on its facts
ARGS = ("s", "o", "pair", "title", "cue", "context")
MATCHER_KEYS = {"ORTH", "TEXT", "LOWER", "LENGTH", "IS_ALPHA", "IS_ASCII", "IS_DIGIT", "IS_LOWER", "IS_UPPER",
                "IS_SENT_START", "IS_TITLE", "IS_PUNCT", "IS_SPACE", "IS_STOP", "LIKE_NUM", "POS", "TAG", "DEP",
                "LEMMA", "SHAPE", "ENT_TYPE", "OP", "NORM"}


@dataclass(frozen=True)
class TokenRule:
    """One construction: its name, the predicate it yields and the argument of each pattern element."""

    id: str
    predicate: str
    pattern: tuple[dict[str, Any], ...]
    args: tuple[str | None, ...]
    examples: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...] = ()  # text, facts ([s, p, o] or + modality)
    confidence: float = 0.8
    inverse: bool = False
    country_predicate: str | None = None
    not_after: frozenset[str] = frozenset()  # words that may not stand right before the match ("former")
    not_before: frozenset[str] = frozenset()  # words that may not stand right after it ("'s": "the wife of X's son")
    not_before_class: frozenset[str] = frozenset()  # classes whose mention may not start right after it ("met X")
    implicit_object: str | None = None  # "salient-craft": the craft the passage is about, when no 'o' is in the match
    modality: bool = True  # False ("modality": "ignore"): the construction states the fact whatever its tense
    forced_modality: str | None = None  # "hypothetical": the construction itself is a plan ("X and Y are to meet")
    # (arg, class, wanted): an argument's mention must (or must not) be of this ontology class itself
    # ("the Darfur region of Sudan": the object a Country); tested after the match, on the mentions found
    class_tests: tuple[tuple[str, frozenset[str], bool], ...] = ()


def rule_files() -> list[str]:
    return [f"rules/{p.name}" for p in sorted((ontology_dir() / "rules").glob("*.jsonl"))]


@cache
def word_lists() -> dict[str, frozenset[str]]:
    """The named word lists the rules use: from the rule files and from titles.jsonl."""
    lists: dict[str, set[str]] = {"TITLE": set(), "HEAD_TITLE": set(), "MOD": set()}
    for row in load_jsonl("titles.jsonl"):
        if "title" in row:
            words = [w for w in row["title"].replace("-", " ").split() if w not in FUNCTION_WORDS]
            lists["TITLE"].update(words)
            if row.get("predicate") == "heads":
                lists["HEAD_TITLE"].update(words)
        for m in row.get("modifiers", []):
            lists["MOD"].update(m.split())
    lists["TITLE"].add("-")  # "secretary-general" is three tokens
    lists["ORG_KIND"] = set(data_words("org-words.jsonl", "org_kinds"))
    lists["PARTY_WORD"] = {w.lower() for row in load_jsonl("org-words.jsonl") for k in row.get("party_words", {})
                           for w in k.split()}
    lists["PARTY_MOD"] = set(party_modifier_words())
    lists["BEFORE_NAME"] = lists["TITLE"] | {w for p in data_words("titles.jsonl", "before_names") for w in p.split()}
    for f in rule_files():
        for row in load_jsonl(f):
            if "words" in row and "values" in row:
                if row["words"] in lists:  # a second list of one name would silently replace the first
                    raise OntologyError("E307", f"{f}: word list {row['words']} is defined twice")
                lists[row["words"]] = {w.lower() for v in row["values"] for w in v.replace("-", " ").split()}
    return {k: frozenset(v) for k, v in lists.items()}


@cache
def word_phrases(name: str) -> tuple[tuple[str, ...], ...]:
    """The values of the rule files' word list NAME as whole phrases, lower case, a hyphen read as a space
    ("attorney general" -> ("attorney", "general")), in file order: word_lists splits them into words, which a test of
    a whole title ("a title must end with one of these") cannot use."""
    return tuple(tuple(v.lower().replace("-", " ").split()) for f in rule_files() for row in load_jsonl(f)
                 if row.get("words") == name for v in row.get("values", []))


@cache
def party_modifier_words() -> frozenset[str]:
    """The words of org-words.jsonl's party_modifiers ("ruling", "centre-right" as "centre", "-", "right"): the
    token rules' PARTY_MOD, the signature patterns' {PARTYMOD}."""
    values = data_words("org-words.jsonl", "party_modifiers")
    return frozenset(w.lower() for v in values for w in v.replace("-", " - ").split())


def _element(el: dict[str, Any], rule: str) -> tuple[dict[str, Any], str | None]:
    """A rule's pattern element as a spaCy Matcher token pattern, and its argument name."""
    el = dict(el)
    if "NORM" in el:  # while the rules run, NORM holds the mention classes (see above)
        raise OntologyError("E307", f"rule {rule}: a pattern element tests classes with 'class', not 'NORM'")
    arg = el.pop("arg", None)
    if arg is not None and arg not in ARGS:
        raise OntologyError("E307", f"rule {rule}: unknown arg {arg!r} (one of {', '.join(ARGS)})")
    if "or_words" in el and "class" not in el:
        raise OntologyError("E307", f"rule {rule}: or_words goes with a class")
    if "class" in el:
        classes = el.pop("class")
        classes = [classes] if isinstance(classes, str) else list(classes)
        if "Sep" in classes:  # a list separator outside mentions keeps its own NORM: ",", "and", "&"
            classes = [c for c in classes if c != "Sep"] + sorted(SEPARATORS)
        if "or_words" in el:  # or a word of the list: a token outside mentions keeps its NORM, its lower-case form
            classes += sorted(_words(el.pop("or_words"), rule) - set(classes))
        # one class as a plain value: the Matcher tests it in C; an IN set is a Python predicate per token
        el["NORM"] = classes[0] if len(classes) == 1 else {"IN": classes}
        el.setdefault("OP", "+")
    if "not_class" in el:
        classes = el.pop("not_class")
        el["NORM"] = {"NOT_IN": [classes] if isinstance(classes, str) else list(classes)}
    if "words" in el:
        words = _words(el.pop("words"), rule) - _words(el.pop("not_words", []), rule)
        el["LOWER"] = {"IN": sorted(words)}
    elif "not_words" in el:  # any word but those of the list
        if "LOWER" in el:
            raise OntologyError("E307", f"rule {rule}: not_words and LOWER in one pattern element")
        el["LOWER"] = {"NOT_IN": sorted(_words(el.pop("not_words"), rule))}
    unknown = set(el) - MATCHER_KEYS
    if unknown:
        raise OntologyError("E307", f"rule {rule}: unknown keys {sorted(unknown)} in a pattern element")
    return el, arg


def _words(spec: str | list[str], rule: str) -> frozenset[str]:
    """A word list given by name or written out; written out, a list's name among the words stands for its
    words (["CREW_LIST_END", "with"]: the list and one word more)."""
    lists = word_lists()
    if isinstance(spec, str):
        if spec not in lists:
            raise OntologyError("E307", f"rule {rule}: no word list {spec!r}")
        return lists[spec]
    return frozenset(w for x in spec for w in (lists[x] if x in lists else (x.lower(),)))


CLASS_TEST_KEYS = ("ontology_class", "not_ontology_class")  # tested on the mentions found, not by the Matcher


@cache
def element_sequences() -> dict[str, tuple[dict[str, Any], ...]]:
    """The shared sequences of pattern elements ({"elements": NAME, "pattern": [...]} lines of the rule files)."""
    out: dict[str, tuple[dict[str, Any], ...]] = {}
    for f in rule_files():
        for row in load_jsonl(f):
            if "elements" in row and "pattern" in row:
                if row["elements"] in out:
                    raise OntologyError("E307", f"{f}: element sequence {row['elements']} is defined twice")
                out[row["elements"]] = tuple(row["pattern"])
    return out


def _expanded(pattern: Sequence[dict[str, Any]], rule: str, depth: int = 0) -> list[dict[str, Any]]:
    """A rule's pattern with each {"elements": NAME} replaced by the elements of the sequence NAME (which may name
    sequences in turn)."""
    out = []
    for el in pattern:
        if "elements" not in el:
            out.append(el)
            continue
        if set(el) != {"elements"} or el["elements"] not in element_sequences() or depth > 8:
            raise OntologyError("E307", f"rule {rule}: {el} names no element sequence (alone in its element), "
                                        "or the sequences name each other")
        out.extend(_expanded(element_sequences()[el["elements"]], rule, depth + 1))
    return out


@cache
def load_rules() -> tuple[TokenRule, ...]:
    """Every token rule of ontologies/rules/*.jsonl, checked against the ontology."""
    props = load_ontology().properties
    out = []
    for f in rule_files():
        for row in load_jsonl(f):
            if "words" in row or "elements" in row:
                continue
            rid = row.get("rule")
            if not rid or not isinstance(row.get("pattern"), list) or not (
                    row.get("predicate") in props or row.get("predicate") == "@title"):
                raise OntologyError("E307", f"{f}: rule {rid or row}: needs a name ('rule'), a 'pattern' list and a "
                                            "predicate of the ontology or @title")
            row = {**row, "pattern": _expanded(row["pattern"], rid)}
            tests = tuple((el.get("arg"), frozenset([el[key]] if isinstance(el[key], str) else el[key]),
                           key == "ontology_class") for el in row["pattern"] for key in CLASS_TEST_KEYS if key in el)
            if any(arg is None for arg, _, _ in tests):
                raise OntologyError("E307", f"rule {rid}: an ontology_class test needs an 'arg'")
            elements = [_element({k: v for k, v in el.items() if k not in CLASS_TEST_KEYS}, rid)
                        for el in row["pattern"]]
            errors = validate_token_pattern([e for e, _ in elements])  # once here: the Matchers built from
            if errors:                                                 # the rules do not validate again
                raise OntologyError("E307", f"rule {rid}: {'; '.join(errors)}")
            args = tuple(a for _, a in elements)
            implicit = row.get("object")
            if implicit not in (None, "salient-craft"):
                raise OntologyError("E307", f"rule {rid}: unknown object {implicit!r} (only salient-craft)")
            if "pair" not in args and not ({"s", "o"} <= set(args) or ("s" in args and implicit)):
                raise OntologyError("E307", f"rule {rid}: needs an 's' and an 'o' argument, or a 'pair'")
            examples = tuple((text, tuple(tuple(fact) for fact in facts)) for text, facts in row.get("examples", []))
            out.append(TokenRule(id=rid, predicate=row["predicate"], pattern=tuple(e for e, _ in elements), args=args,
                                 examples=examples, confidence=float(row.get("confidence", 0.8)),
                                 inverse=bool(row.get("inverse")), country_predicate=row.get("country_predicate"),
                                 not_after=_words(row.get("not_after", []), rid),
                                 not_before=_words(row.get("not_before", []), rid),
                                 not_before_class=frozenset(row.get("not_before_class", [])), implicit_object=implicit,
                                 modality=row.get("modality") != "ignore",
                                 forced_modality=row["modality"] if row.get("modality") in FORCED else None,
                                 class_tests=tests))
    return tuple(out)


Needs = tuple[tuple[frozenset[str], ...], frozenset[str], tuple[frozenset[str], ...]]


def _needs(rule: TokenRule) -> Needs:
    """What a sentence must hold for a rule to match: its required words (prefilter.required_words); the
    mention classes of the required elements that test one class; and for each required element that tests
    several ("Spacecraft" or "Mission"), that set, one of which must be there. A cheap test before the Matcher
    runs (most rules match few sentences; "A and B aboard <craft>" is a candidate wherever "in" is, but few
    sentences name a craft)."""
    classes: set[str] = set()
    one_of: list[frozenset[str]] = []
    for el in filter(required, rule.pattern):
        norm = el.get("NORM")
        if isinstance(norm, str):
            classes.add(norm)
        elif isinstance(norm, dict) and "IN" in norm and all(c[:1].isupper() for c in norm["IN"]):
            # a separator or an or_words word is a token's own NORM (lower case), never a class (capitalised)
            one_of.append(frozenset(norm["IN"]))
    return required_words(rule.pattern), frozenset(classes), tuple(one_of)


@cache
def rule_needs() -> tuple[Needs, ...]:
    """What a sentence needs for each rule (`_needs`), by position in load_rules()."""
    return tuple(_needs(r) for r in load_rules())


_SETS: dict[tuple[int, tuple[str, ...]], tuple[Vocab, Matcher]] = {}


def _matcher_of(vocab: Vocab, ids: tuple[str, ...]) -> Matcher:
    """One Matcher of the given rules (each under its id), built once per set of rules and vocabulary.
    spaCy's Matcher walks a sentence's tokens in Python at every call: several rules in one Matcher walk
    it once (measured: the walk cost more than the matching). A Matcher of every rule was slower still:
    its C-level work grows with the rules it holds."""
    got = _SETS.get((id(vocab), ids))
    if got is None or got[0] is not vocab:
        if len(_SETS) >= 4096:  # a bound on the memory the sets of rules may take over a large corpus
            _SETS.clear()
        m = Matcher(vocab, validate=False)  # load_rules validated each pattern (validating took most of the
        for r in load_rules():              # time of building a Matcher, which a corpus does thousands of times)
            if r.id in ids:
                m.add(r.id, [list(r.pattern)], greedy="LONGEST")
        got = _SETS[(id(vocab), ids)] = (vocab, m)
    return got[1]


# Words in almost every sentence: a rule is never indexed under them when it requires a rarer word ("X in the
# province of Y" under the place words, not under "in": measured, indexing it under "in" cost the token rules
# a quarter more on the dev sets)
COMMON_WORDS = frozenset({"the", "of", "in", "a", "an", "and", ",", ".", "to", "for", "on", "at", "is", "was",
                          "'s", "by", "with", "from", "said", "that", "as", "(", ")"})


@cache
def rule_index() -> tuple[dict[str, frozenset[int]], frozenset[int]]:
    """The rules (positions in load_rules()) a word may let through the word test, each rule under the
    words of its most selective required element (the fewest words, and none of COMMON_WORDS when it can),
    and the rules that require no word: a sentence tests
    only the rules its words name (measured: testing every rule against every sentence took as long as
    running the Matchers)."""
    keyed: dict[str, set[int]] = {}
    always = set()
    for i, (words, _, _) in enumerate(rule_needs()):
        if not words:
            always.add(i)
            continue
        for w in min(words, key=lambda ws: (not ws.isdisjoint(COMMON_WORDS), len(ws))):
            keyed.setdefault(w, set()).add(i)
    return {w: frozenset(ids) for w, ids in keyed.items()}, frozenset(always)


def _honorific_before(doc: Any, start: int, floor: int) -> range:
    """The tokens of the courtesy words right before token `start` ("Dr.", "Dr" + ".", "Sheikh", "Datuk Seri";
    titles.jsonl "honorifics", capitalised), not before `floor`; an empty range when there is none."""
    i = start
    while True:
        j = i - 1
        if j > floor and doc[j].text == "." and doc[j - 1].lower_ in honorifics() and doc[j - 1].text[:1].isupper():
            i = j - 1  # "Dr" + "."
        elif j >= floor and doc[j].lower_.rstrip(".") in honorifics() and doc[j].text[:1].isupper():
            i = j
        else:
            return range(i, start)


def _attached(doc: Doc, cue: Sequence[int], start: int, end: int) -> bool:
    """The cue's word is the parse's word of the name in tokens [start, end): its head is in the name (a
    participle: "Kelm Bank, led by X"; or in the noun the name stands in apposition to: "the rebel group, the
    Kelm Front, led by X"), or its subject is ("Kelm Bank is led by X"). Not "the inquiry into Kelm Bank, led
    by X" (the parse hangs "led" on the inquiry), nor a name in a list after "including", "like", "among"
    ("a consortium including Kelm Bank, led by X", where the parse hangs "led" on the bank)."""
    root = doc[start:end].root
    if root.dep_ == "pobj" and root.head.lower_ in ("including", "like", "among", "as"):
        return False  # "a consortium including Kelm Bank, led by X": a member of what is led
    if root.dep_ in ("compound", "nmod") and root.head.i == end:
        end += 1  # "the Halvard Shipping group, led by X": the name with the noun it stands before

    def subject_in_name(verb: Any) -> bool:
        return any(k.dep_ in ("nsubj", "nsubjpass") and start <= k.i < end for k in verb.children)

    # the cue hangs on the name, on the noun the name stands in apposition to, or on a verb whose subject the name
    # is ("Kelm Bank is led by X"), also through an adverbial participle ("Shenzhou-23 lifted off on Friday,
    # carrying X": the participle's subject is its clause's)
    return any(start <= doc[c].head.i < end or root.dep_ == "appos" and doc[c].head.i == root.head.i
               or subject_in_name(doc[c]) or doc[c].dep_ == "advcl" and subject_in_name(doc[c].head) for c in cue)


def word_before(doc: Doc, i: int) -> Token:
    """The word before token `i` (i > 0); across a hyphen written close on both sides, the one before it: "then-CIA
    director X", "ex-Kelm chairman X" ("then", "-", "CIA": the word qualifying the match is "then")."""
    prev = doc[i - 1]
    if prev.text == "-" and i >= 2 and not prev.whitespace_ and not doc[i - 2].whitespace_:
        return doc[i - 2]
    return prev


def match_rules(sent: Span, slots: Sequence[Any], marker: Any, *, text: str | None = None
                ) -> Iterable[tuple[TokenRule, dict[str, list[Any]], tuple[int, int], str | None]]:
    """Each rule match in a sentence: the rule, the slots of each argument, the token span, the title.

    `slots` are the sentence's mentions (with .start, .end token offsets); `marker(slot)` is the
    class a slot is matched as; `text` the sentence's text in lower case, when the caller has it."""
    rules = load_rules()
    if not rules:
        return
    doc = sent.doc
    # a superset of the tokens' lower forms, without Token objects
    words = set(TOKEN_PIECES.findall(sent.text.lower() if text is None else text))
    present = {marker(sl) for sl in slots}
    keyed, always = rule_index()
    candidates = set(always)
    for w in words & keyed.keys():  # a set operation in C: most words key no rule
        candidates |= keyed[w]
    needs = rule_needs()
    todo = []
    for i in sorted(candidates):
        word_sets, classes, one_of = needs[i]
        if classes <= present and not any(cs.isdisjoint(present) for cs in one_of):
            for ws in word_sets:
                if ws.isdisjoint(words):
                    break
            else:
                todo.append(rules[i])
    if not todo:
        return
    saved: dict[int, str] = {}
    for sl in sorted(slots, key=lambda sl: sl.start, reverse=True):  # the first slot on a token wins
        for i in range(sl.start, sl.end):
            tok = doc[i]
            saved.setdefault(i, tok.norm_)
            tok.norm_ = marker(sl)
    for sl in slots:  # "Prime Minister Dr. X", "leader Sheikh X": a courtesy word is read as part of the name after it
        if marker(sl) == "Person":
            for i in _honorific_before(doc, sl.start, sent.start):
                if i not in saved:
                    saved[i] = doc[i].norm_
                    doc[i].norm_ = "Person"
    matches: list[tuple[TokenRule, int, int, list[int]]] = []
    try:
        # one walk over the sentence for the rules it needs (a Matcher per set of rules, kept)
        order = {r.id: n for n, r in enumerate(todo)}
        by_rule: dict[int, list[tuple[int, int, list[int]]]] = {}
        combined: list[tuple[int, int, int, list[int]]] = _matcher_of(  # type: ignore[assignment]
            doc.vocab, tuple(r.id for r in todo))(sent, with_alignments=True)
        for key, start, end, align in combined:
            by_rule.setdefault(order[doc.vocab.strings[key]], []).append((start, end, align))
        for n in sorted(by_rule):
            matches.extend((todo[n], start, end, align) for start, end, align in by_rule[n])
    finally:
        for i, norm in saved.items():  # the Doc leaves as it came
            doc[i].norm_ = norm
    for rule, start, end, align in matches:
        if rule.not_after and sent.start + start > 0 and word_before(doc, sent.start + start).lower_ in rule.not_after:
            continue
        if rule.not_before and sent.start + end < len(doc) and (
                doc[sent.start + end].lower_ in rule.not_before
                or " ".join(t.lower_ for t in doc[sent.start + end:sent.start + end + 2]) in rule.not_before):
            continue  # a word, or two ("', and'": a list goes on)
        after = sent.start + end  # a mention there, or after capitalised titles and courtesy words ("met President X")
        if rule.not_before_class and any(after <= sl.start <= after + 3 and marker(sl) in rule.not_before_class
                                         and all(doc[j].text[:1].isupper() or doc[j].text == "."
                                                 for j in range(after, sl.start)) for sl in slots):
            continue
        toks: dict[str, list[int]] = {}
        for offset, el in enumerate(align):
            arg = rule.args[el]
            if arg is not None:
                toks.setdefault(arg, []).append(sent.start + start + offset)
        # a name is an argument only when the argument's tokens hold all of it ("Social" of "Partido da Social" is
        # no party's word); a date may be read in part ("On the 28th of May": the date element after "the")
        found = {arg: [sl for sl in slots if sl.start in ixs and sl.end - 1 in ixs
                       or marker(sl) == "Date" and any(sl.start <= i < sl.end for i in ixs)]
                 for arg, ixs in ((a, set(ix)) for a, ix in toks.items()) if arg not in ("title", "cue")}
        for arg, cls, wanted in rule.class_tests:
            found[arg] = [sl for sl in found.get(arg, []) if (sl.cls in cls) == wanted]
        if "context" in found and not found.pop("context"):
            continue  # the mention the construction needs is not of the class it must be
        if "cue" in toks:
            found["o"] = [sl for sl in found.get("o", []) if _attached(doc, toks["cue"], sl.start, sl.end)]
            if not found["o"]:
                continue
        title = None
        if "title" in toks:
            first = toks["title"][0]  # "Y's deputy chairman": the deputy's word belongs to the title
            under = first > 0 and doc[first - 1].lower_ in word_lists()["UNDER"]
            title = " ".join(doc[i].text for i in ([first - 1] if under else []) + toks["title"])
        yield rule, found, (sent.start + start, sent.start + end), title
