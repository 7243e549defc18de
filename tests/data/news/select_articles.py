#!/usr/bin/env python3
"""Pick the articles of kg's own real-news development set, reproducibly (seeded).

usage: python tests/data/news/select_articles.py ../shared/corpus > /tmp/picked.jsonl

From ../shared/corpus/wikinews-en.jsonl (real Wikinews articles, CC BY 2.5, see README.md here):
* every usable spaceflight article: the ids of space-ids.txt of at most 700 words whose text is
  about spaceflight (a launch, a spacecraft, a space agency's business), not one that only names
  NASA in passing;
* general news of 120 to 450 words that is rich in the facts kg reads: people in offices,
  appointments, meetings, companies, places. An article qualifies when its text shows at least
  three of the five cue groups below; qualifying articles are drawn with a fixed seed.

The draw is split alternately into check and tune (a seeded shuffle first), so each split has
about half of the spaceflight articles. A second tune split ("tune2", session 11) is drawn afterwards
with its own seed from the qualifying general articles not picked before, so the first draw is
unchanged. A third ("tune3", session 22) is drawn the same way with the next seed from the qualifying
general articles picked by neither draw before it, and a fourth ("tune4", session 23) with the seed after
that from those picked by none of the three, and a fifth ("tune5", session 24) likewise after it, and a sixth ("tune6", session 25) after that, and a seventh ("tune7", session 26) after it, and an eighth ("tune8", session 27) after that, and a ninth ("tune9", session 28) after it, and a tenth ("tune10", session 29) after that. The output is one JSON object a line with the corpus
fields and a "split" field; annotation is added by hand (docs/annotation.md).
"""
from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

SEED = 20261130
N_GENERAL = 42
N_MORE = 30  # the tune2 split
N_THIRD = 30  # the tune3 split
N_FOURTH = 30  # the tune4 split
N_FIFTH = 30  # the tune5 split
N_SIXTH = 30  # the tune6 split
N_SEVENTH = 30  # the tune7 split
N_EIGHTH = 30  # the tune8 split
N_NINTH = 30  # the tune9 split
N_TENTH = 30  # the tune10 split
N_ELEVENTH = 30  # the tune11 split: only 24 qualifying articles were left, it takes them all
CUES = {
    "office": r"\b(?:president|prime minister|minister|chief executive|ceo|chairman|chairwoman|director|secretary|"
              r"governor|mayor|head of|leader of|spokesman|spokeswoman)\b",
    "appointment": r"\b(?:appointed|named|elected|resigned|resigns|succeed(?:s|ed)?|sworn in|step(?:ped|s)? down|"
                   r"replaced|nominated)\b",
    "meeting": r"\b(?:met with|meets with|meeting with|talks with|visited|visit to|summit)\b",
    "company": r"\b(?:inc\.|corp\.|corporation|company|ltd|group|bank|airline|firm)\b",
    "place": r"\b(?:based in|headquartered|headquarters|born in|capital)\b",
}
SPACE_WORDS = r"\b(?:spacecraft|launch|launched|orbit|space station|astronauts?|rocket|spaceflight|spaceport|space agency)\b"


def words(text: str) -> int:
    return len(text.split())


def main(corpus_dir: str) -> None:
    corpus = Path(corpus_dir)
    space_ids = set((corpus / "space-ids.txt").read_text().split())
    rows = [json.loads(line) for line in (corpus / "wikinews-en.jsonl").open(encoding="utf-8")]
    space = [r for r in rows if r["id"] in space_ids and words(r["text"]) <= 700
             and len(re.findall(SPACE_WORDS, r["text"].lower())) >= 3]
    general = []
    for r in rows:
        if r["id"] in space_ids or not 120 <= words(r["text"]) <= 450:
            continue
        low = r["text"].lower()
        if sum(bool(re.search(rx, low)) for rx in CUES.values()) >= 3:
            general.append(r)
    rng = random.Random(SEED)
    picked = rng.sample(general, N_GENERAL)
    rng.shuffle(space)
    rng.shuffle(picked)
    out = []
    for i, r in enumerate(space):
        out.append({**r, "split": "check" if i % 2 == 0 else "tune"})
    for i, r in enumerate(picked):
        out.append({**r, "split": "check" if i % 2 == 0 else "tune"})
    rest = [r for r in general if r not in picked]
    for r in random.Random(SEED + 1).sample(rest, N_MORE):
        out.append({**r, "split": "tune2"})
    taken = {r["id"] for r in out}
    rest = [r for r in general if r["id"] not in taken]
    for r in random.Random(SEED + 2).sample(rest, N_THIRD):
        out.append({**r, "split": "tune3"})
    taken = {r["id"] for r in out}
    rest = [r for r in general if r["id"] not in taken]
    for r in random.Random(SEED + 3).sample(rest, N_FOURTH):
        out.append({**r, "split": "tune4"})
    taken = {r["id"] for r in out}
    rest = [r for r in general if r["id"] not in taken]
    for r in random.Random(SEED + 4).sample(rest, N_FIFTH):
        out.append({**r, "split": "tune5"})
    taken = {r["id"] for r in out}
    rest = [r for r in general if r["id"] not in taken]
    for r in random.Random(SEED + 5).sample(rest, N_SIXTH):
        out.append({**r, "split": "tune6"})
    taken = {r["id"] for r in out}
    rest = [r for r in general if r["id"] not in taken]
    for r in random.Random(SEED + 6).sample(rest, N_SEVENTH):
        out.append({**r, "split": "tune7"})
    taken = {r["id"] for r in out}
    rest = [r for r in general if r["id"] not in taken]
    for r in random.Random(SEED + 7).sample(rest, N_EIGHTH):
        out.append({**r, "split": "tune8"})
    taken = {r["id"] for r in out}
    rest = [r for r in general if r["id"] not in taken]
    for r in random.Random(SEED + 8).sample(rest, N_NINTH):
        out.append({**r, "split": "tune9"})
    taken = {r["id"] for r in out}
    rest = [r for r in general if r["id"] not in taken]
    for r in random.Random(SEED + 9).sample(rest, N_TENTH):
        out.append({**r, "split": "tune10"})
    taken = {r["id"] for r in out}
    rest = [r for r in general if r["id"] not in taken]
    for r in random.Random(SEED + 10).sample(rest, min(N_ELEVENTH, len(rest))):
        out.append({**r, "split": "tune11"})
    print(f"{len(space)} spaceflight and {len(picked)} general articles of {len(general)} qualifying",
          file=sys.stderr)
    for r in out:
        print(json.dumps(r, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus")
