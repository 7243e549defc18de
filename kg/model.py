"""The small frozen dataclasses the stages pass to each other.

text -> Document -> (spaCy Doc) -> Mention -> Entity -> Relation (+ Evidence) -> RDF

>>> m = Mention(text="NASA", start=0, end=4, label="SpaceAgency", sent=0)
>>> m.span
(0, 4)
"""

from __future__ import annotations

from dataclasses import dataclass

# the classes of the names a news dateline gives: "CAPE CANAVERAL /State of Florida/ ... /TASS/"
DATELINE_CLASSES = {"place": "City", "region": "AdministrativeArea", "agency": "NewsAgency"}


@dataclass(frozen=True)
class Document:
    """One input text with its metadata."""

    id: str
    text: str
    title: str | None = None
    date: str | None = None  # ISO date, from the input or from a dateline
    source: str | None = None


@dataclass(frozen=True)
class Mention:
    """A span of text that names a thing. `label` is an ontology class local name."""

    text: str
    start: int  # character offsets in the document text
    end: int
    label: str
    sent: int  # index of the sentence
    kind: str = "name"  # name | pronoun | description | dateline
    token_start: int = -1
    token_end: int = -1

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


@dataclass(frozen=True)
class Entity:
    """One real thing of a document: its canonical name, class, other names and mentions."""

    key: str  # stable identifier inside the build: "<coarse class>/<slug>"
    label: str
    cls: str  # the most specific ontology class known
    aliases: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True)
class Evidence:
    """Where a relation was read: the document, the sentence and its offsets, the rule."""

    doc_id: str
    sentence: str
    start: int
    end: int
    rule: str
    confidence: float


@dataclass(frozen=True)
class Relation:
    """A fact read in a document. `obj` is an entity key, or a literal when `literal` is set."""

    subj: str
    predicate: str  # ontology property local name
    obj: str
    evidence: Evidence
    literal: str | None = None  # xsd datatype local name ("date") when obj is a literal
    asserted: bool = True
    modality: str | None = None  # negated | hypothetical


@dataclass(frozen=True)
class Role:
    """A qualified fact: a person holds a titled position in an organisation or place."""

    holder: str
    org: str
    title: str
    evidence: Evidence


@dataclass(frozen=True)
class Event:
    """A happening with its date and participants (a launch, a docking, a meeting)."""

    kind: str
    participants: tuple[str, ...]
    evidence: Evidence
    date: str | None = None
    year: str | None = None  # when only the year is known


@dataclass(frozen=True)
class Extraction:
    """All that was read in one document."""

    document: Document
    entities: tuple[Entity, ...]
    relations: tuple[Relation, ...] = ()
    roles: tuple[Role, ...] = ()
    events: tuple[Event, ...] = ()
