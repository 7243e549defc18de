"""Normalising names: the one place that decides when two strings name the same thing.

No spaCy here: the RDF and linking stages use it too.

>>> norm_name("the Soviet Union\u2019s")
'soviet union'
>>> norm_name("U.S.")
'us'
>>> slug("Apollo\u2013Soyuz Test Project")
'apollo-soyuz-test-project'
>>> initials("National Aeronautics and Space Administration")
'NASA'
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-"})
QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
# zero-width space, non-joiner, joiner, word joiner, byte order mark: invisible, never part of a name
INVISIBLE = dict.fromkeys((0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF))
STOP = {"the", "a", "an", "of", "and", "in", "at", "on", "for", "to", "&"}


_INVISIBLE_RX = re.compile("[" + "".join(map(chr, INVISIBLE)) + "]")


def strip_invisible(text: str) -> str:
    """The text without zero-width characters and byte order marks; the same string when it has none
    (a build holds every input text: no second copy of each).

    >>> strip_invisible("\\ufeffMara Qu\\u200bill")
    'Mara Quill'
    """
    return text.translate(INVISIBLE) if _INVISIBLE_RX.search(text) else text


@lru_cache(maxsize=1 << 16)
def clean(text: str) -> str:
    """NFKC, no zero-width characters, straight quotes, plain hyphens, single spaces."""
    s = unicodedata.normalize("NFKC", strip_invisible(text)).translate(DASHES).translate(QUOTES)
    return re.sub(r"\s+", " ", s).strip()


@lru_cache(maxsize=1 << 16)
def norm_name(text: str) -> str:
    """A comparison key: lower case, no leading 'the', no possessive, no dots, hyphens as spaces."""
    s = clean(text).lower()
    s = re.sub(r"'s$|'$", "", s)
    s = re.sub(r"^(the|a|an) ", "", s)
    s = s.replace(".", "")
    s = re.sub(r"\s*-\s*", " ", s)
    return re.sub(r"[^\w\s']", " ", s).strip().replace("  ", " ")


@lru_cache(maxsize=1 << 16)
def slug(text: str) -> str:
    """A readable, stable IRI segment: lower case, words joined by hyphens. Latin letters lose their
    accents; letters of other scripts are kept as they are (IRIs allow them), so that names in any
    script keep distinct IRIs.

    >>> slug("Юрий Гагарин"), slug("Crème Brûlée!")
    ('юрий-гагарин', 'creme-brulee')
    """
    out = []
    for ch in clean(text).lower():
        decomposed = unicodedata.normalize("NFKD", ch)
        base = decomposed.encode("ascii", "ignore").decode()
        if base and all(c.isascii() or unicodedata.category(c) == "Mn" for c in decomposed):
            out.append(base if base.isalnum() else "-")  # "é" -> "e"
        elif unicodedata.category(ch)[0] in "LMN":
            out.append(ch)
        else:
            out.append("-")
    return re.sub(r"-+", "-", "".join(out)).strip("-") or "x"


def name_words(text: str, *, hyphens: bool = True) -> list[str]:
    """The words of a name, split at spaces and (with `hyphens`) at hyphens: 'Hewlett-Packard Co' -> 3 words."""
    return [w for w in re.split(r"[\s\-]+" if hyphens else r"\s+", clean(text)) if w]


@lru_cache(maxsize=1 << 16)
def initials(text: str) -> str:
    """The upper-case initials of the words that are not stop words."""
    return "".join(w[0] for w in name_words(text) if w.lower() not in STOP).upper()


def unaccented(text: str) -> str:
    """Text without the accents of its letters: 'Côte' -> 'Cote', 'Bogotá' -> 'Bogota'."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def is_acronym_of(short: str, long: str, *, hyphens: bool = False) -> bool:
    """'NASA' for 'National Aeronautics and Space Administration'; 'MOD' or 'MoD' for 'Ministry of Defence' (every
    word's initial, the stop words' too); with `hyphens`, 'HP' for 'Hewlett-Packard' (the caller decides: an
    organisation's name or any name of two words or more, not a one-word place's or person's: 'GB' is no
    'Guinea-Bissau', 'JP' no 'Jean-Pierre')."""
    a = clean(short).replace(".", "")
    words = name_words(long, hyphens=hyphens)
    if len(a) < 2 or len(words) < 2 or not a[:1].isupper():
        return False
    if a.isupper() and "".join(w[0] for w in words if w.lower() not in STOP).upper() == a:
        return True
    every = "".join(w[0] for w in words)
    return len(a) == len(words) and a.upper() == every.upper() and any(w.lower() in STOP for w in words) \
        and all(c.isupper() or w.lower() in STOP for c, w in zip(a, words, strict=True))


def printable(text: str) -> str:
    """Text from the input as a terminal shows it safely: control and format characters (a terminal
    escape, NUL, a bidi override) are written as visible, inert escapes.

    >>> printable("Ann\\x1b[2J\\nBob\\x00\\u202e")
    'Ann\\\\x1b[2J\\\\nBob\\\\x00\\\\u202e'
    """
    if text.isprintable():
        return text
    return "".join(
        ch if unicodedata.category(ch)[0] != "C" else ch.encode("unicode_escape").decode("ascii")
        for ch in text
    )
