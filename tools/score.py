#!/usr/bin/env python3
"""Build and score every evaluation set kg is measured on, with the shared scorer.

usage: .venv/bin/python tools/score.py [check tune seed webnlg conll04 space space2 ...]   (make score)

Prints the scorer's summary line for each set. The check split's *score* may be read, never its
errors (docs/quality.md); the dev sets and the example are read from ../shared/eval, never copied.
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "eval"
SETS = {  # name: (gold file, the scorer's dataset)
    "check": (ROOT / "tests/data/news/check.jsonl", "news"),
    "tune": (ROOT / "tests/data/news/tune.jsonl", "news"),
    "tune2": (ROOT / "tests/data/news/tune2.jsonl", "news"),
    "tune3": (ROOT / "tests/data/news/tune3.jsonl", "news"),
    "tune4": (ROOT / "tests/data/news/tune4.jsonl", "news"),
    "tune5": (ROOT / "tests/data/news/tune5.jsonl", "news"),
    "tune6": (ROOT / "tests/data/news/tune6.jsonl", "news"),
    "tune7": (ROOT / "tests/data/news/tune7.jsonl", "news"),
    "seed": (SHARED / "gold/seed.jsonl", "seed"),
    "webnlg": (SHARED / "dev/webnlg_astronaut_dev.jsonl", "webnlg"),
    "conll04": (SHARED / "dev/conll04_dev.jsonl", "conll04"),
    "space": (ROOT / "tests/data/space_news.jsonl", "news"),
    "space2": (ROOT / "tests/data/space_news2.jsonl", "news"),
    "space3": (ROOT / "tests/data/space_news3.jsonl", "news"),
    "space4": (ROOT / "tests/data/space_news4.jsonl", "news"),
    "space5": (ROOT / "tests/data/space_news5.jsonl", "news"),
    "space6": (ROOT / "tests/data/space_news6.jsonl", "news"),
    "space7": (ROOT / "tests/data/space_news7.jsonl", "news"),
    "tune8": (ROOT / "tests/data/news/tune8.jsonl", "news"),
    "space8": (ROOT / "tests/data/space_news8.jsonl", "news"),
    "tune9": (ROOT / "tests/data/news/tune9.jsonl", "news"),
    "tune10": (ROOT / "tests/data/news/tune10.jsonl", "news"),
    "tune11": (ROOT / "tests/data/news/tune11.jsonl", "news"),
    "space9": (ROOT / "tests/data/space_news9.jsonl", "news"),
    "space10": (ROOT / "tests/data/space_news10.jsonl", "news"),
    "space11": (ROOT / "tests/data/space_news11.jsonl", "news"),
}


def main(names: list[str]) -> int:
    kg = Path(sys.executable).parent / "kg"
    bad = [n for n in names if n not in SETS]
    if bad:
        print(f"score: unknown set(s) {', '.join(bad)}; known: {', '.join(SETS)}", file=sys.stderr)
        return 2
    for name in names or list(SETS):
        gold, dataset = SETS[name]
        if not gold.is_file():
            print(f"{name:8} missing {gold}")
            continue
        with tempfile.TemporaryDirectory() as tmp:
            built = subprocess.run([str(kg), "build", str(gold), "--out", tmp, "--no-html", "--quiet"],
                                   capture_output=True, text=True)
            if built.returncode:
                print(f"{name:8} build failed: {built.stderr.strip()}")
                continue
            scored = subprocess.run([sys.executable, str(SHARED / "kgscore.py"), "--gold", str(gold), "--pred",
                                     str(Path(tmp) / "graph.trig"), "--dataset", dataset],
                                    capture_output=True, text=True)
            lines = scored.stdout.strip().splitlines()
            print(f"{name:8} {lines[-1] if lines else scored.stderr.strip()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
