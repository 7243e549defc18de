"""Shared fixtures. `nlp` loads the real spaCy model once per session (tests marked `model`);
`make_doc` builds a parsed Doc by hand, so stage tests need no statistical model."""

from __future__ import annotations

import signal
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "roscosmos-nasa-2025-08-01.txt"
SHARED_EVAL = ROOT.parent / "shared" / "eval"


@pytest.fixture(scope="session")
def nlp() -> Language:
    from kg.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def blank() -> Language:
    return spacy.blank("en")


DocMaker = Callable[..., Doc]


@pytest.fixture
def make_doc(blank: Language) -> DocMaker:
    """make_doc("Roscosmos chief Ann Lee", ents=[(0, 1, "SpaceAgency"), (2, 4, "PERSON")], ...)."""

    def _make(text: str, *, ents: Sequence[tuple[int, int, str]] = (), heads: Sequence[int] | None = None,
              deps: Sequence[str] | None = None, pos: Sequence[str] | None = None,
              lemmas: Sequence[str] | None = None, tags: Sequence[str] | None = None) -> Doc:
        words = text.split(" ")
        n = len(words)
        doc = Doc(blank.vocab, words=words, spaces=[True] * (n - 1) + [False],
                  heads=list(heads) if heads is not None else None,
                  deps=list(deps) if deps is not None else None,
                  pos=list(pos) if pos is not None else ["PROPN" if w[:1].isupper() else "NOUN" for w in words],
                  lemmas=list(lemmas) if lemmas is not None else [w.lower() for w in words],
                  tags=list(tags) if tags is not None else None,
                  sent_starts=None if heads is not None else [True] + [False] * (n - 1))
        doc.ents = [Span(doc, s, e, label=lab) for s, e, lab in ents]
        return doc

    return _make


def sigint_default() -> None:
    """A `preexec_fn` for a child process a test interrupts: SIGINT at its default, so that Python turns it into
    KeyboardInterrupt even where the test run started with SIGINT ignored (a shell's background job does)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
