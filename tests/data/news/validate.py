#!/usr/bin/env python3
"""Check a gold file of kg's news set against docs/annotation.md; print one line per problem.

usage: python tests/data/news/validate.py FILE.jsonl [CORPUS.jsonl]
Exit 0 when the file is sound, 1 when it is not. With CORPUS, each text must be the corpus text.
"""
from __future__ import annotations

import json
import re
import sys

TYPES = {"Person", "Organization", "Place", "Spacecraft", "Mission", "Event"}
PREDICATES = {"heads", "worksfor", "memberof", "met", "launched", "dockedwith", "crewmemberof", "commanderof",
              "backuppilotof", "operator", "nationality", "birthplace", "birthdate", "deathplace", "deathdate",
              "almamater", "occupation", "award", "locatedin", "basedin", "residence", "killed", "launchdate",
              "partof", "country", "spouse"}
LITERAL = {"birthdate", "deathdate", "launchdate"}
ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _norm(s: str) -> str:
    return s.lower().replace("\u2019", "'").replace("\u2013", "-")


def problems(rec: dict, corpus: dict[str, str] | None = None) -> list[str]:
    out = []
    rid = rec.get("id", "?")
    text = rec.get("text", "")
    if corpus is not None and corpus.get(rid) != text:
        out.append(f"{rid}: text differs from the corpus")
    names: dict[str, str] = {}
    for key in ("entities", "optional_entities"):
        for e in rec.get(key, []):
            if e.get("type") not in TYPES:
                out.append(f"{rid}: {e.get('text')!r} has type {e.get('type')!r}")
            name = e.get("text", "")
            # a country may be named only by its adjective ("Hungarian officials"): its name need not occur
            if key == "entities" and e.get("type") != "Place" and _norm(name) not in _norm(text):
                out.append(f"{rid}: name {name!r} does not occur in the text")
            if e.get("text") in names:
                out.append(f"{rid}: {e.get('text')!r} is annotated twice")
            names[e.get("text", "")] = key
    required = {e["text"] for e in rec.get("entities", [])}
    for key in ("triples", "optional_triples"):
        for t in rec.get(key, []):
            if len(t) != 3:
                out.append(f"{rid}: triple {t} is not [s, p, o]")
                continue
            s, p, o = t
            pk = re.sub(r"[^a-z]", "", p.lower())
            if pk not in PREDICATES:
                out.append(f"{rid}: unknown predicate {p!r}")
            if s not in names:
                out.append(f"{rid}: subject {s!r} of {t} is no entity's text")
            elif key == "triples" and s not in required:
                out.append(f"{rid}: required triple {t} has an optional subject")
            if pk in LITERAL:
                if not ISO.match(o):
                    out.append(f"{rid}: date {o!r} of {t} is not ISO")
            elif o not in names:
                out.append(f"{rid}: object {o!r} of {t} is no entity's text")
            elif key == "triples" and o not in required:
                out.append(f"{rid}: required triple {t} has an optional object")
    return out


def main(argv: list[str]) -> int:
    corpus = None
    if len(argv) > 2:
        corpus = {}
        with open(argv[2], encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                corpus[r["id"]] = r["text"]
    bad = []
    with open(argv[1], encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as e:
                bad.append(f"line {n}: not JSON ({e})")
                continue
            bad += problems(rec, corpus)
    for b in bad:
        print(b)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
