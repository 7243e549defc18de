"""Relations -> Events: the happenings behind the direct facts (a launch, a docking, a meeting).

Facts of one sentence that name the same kind of happening become one event, with its
participants and its date: the date the facts give (launchDate), else the one date of the
sentence.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from kg.model import Event, Evidence, Relation

EVENT_OF = {"launched": "launch", "launchDate": "launch", "dockedWith": "docking", "met": "meeting"}


@dataclass
class _Group:
    evidence: Evidence
    participants: set[str] = field(default_factory=set)
    date: str | None = None


def extract_events(relations: Sequence[Relation], *, sentence_dates: Mapping[int, set[str]] | None = None,
                   report_year: str | None = None, dated_sentences: set[int] | None = None) -> list[Event]:
    """One event per (sentence, kind of happening); `sentence_dates` maps a sentence's start
    offset to the dates written in it. An event in a sentence that names no date or year at all
    (`dated_sentences` lists those that do) gets the year of the report, `report_year`."""
    groups: dict[tuple[int, str], _Group] = {}
    for r in relations:
        kind = EVENT_OF.get(r.predicate)
        if kind is None or not r.asserted:
            continue
        g = groups.setdefault((r.evidence.start, kind), _Group(r.evidence))
        g.participants.add(r.subj)
        if r.literal == "date":
            g.date = r.obj
        else:
            g.participants.add(r.obj)
    out = []
    for (start, kind), g in sorted(groups.items()):
        dates = (sentence_dates or {}).get(start, set())
        date = g.date or (next(iter(dates)) if len(dates) == 1 else None)
        year = report_year if date is None and start not in (dated_sentences or set()) else None
        out.append(Event(kind=kind, participants=tuple(sorted(g.participants)), evidence=g.evidence, date=date,
                         year=year))
    return out
