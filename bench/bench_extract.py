"""Extractor cost against the bare spaCy parse of the same texts (issue: at most +30%).

Runs both in one process, alternating, and compares medians of CPU time (process_time, less
sensitive than wall time to other work on a shared machine). Texts: the example article and,
when ../shared/eval is beside the repo, the dev sets (read here, never copied).

    .venv/bin/python bench/bench_extract.py [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

import spacy

from kg.model import Document
from kg.nlp import load_nlp, resolve_model
from kg.pipeline import extract

ROOT = Path(__file__).resolve().parent.parent


def texts() -> list[Document]:
    docs = [Document(id=p.stem, text=p.read_text(encoding="utf-8")) for p in sorted((ROOT / "examples").glob("*.txt"))]
    dev = ROOT.parent / "shared" / "eval" / "dev"
    for f in sorted(dev.glob("*.jsonl")) if dev.is_dir() else []:
        for line in f.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            docs.append(Document(id=f"{f.stem}:{row['id']}", text=row["text"]))
    return docs


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    docs = texts()
    bare = spacy.load(resolve_model())
    full = load_nlp()
    raw = [d.text for d in docs]
    list(bare.pipe(raw[:20]))
    extract(docs[:20], nlp=full)
    tb, tf = [], []
    for _ in range(args.runs):
        t = time.process_time()
        list(bare.pipe(raw))
        tb.append(time.process_time() - t)
        t = time.process_time()
        extract(docs, nlp=full)
        tf.append(time.process_time() - t)
    b, f = statistics.median(tb), statistics.median(tf)
    print(f"{len(docs)} documents, {args.runs} runs, CPU seconds (median)")
    print(f"bare spaCy parse   {b:.2f}")
    print(f"kg extract         {f:.2f}")
    print(f"ratio              {f / b:.2f}  (target <= 1.30)")


if __name__ == "__main__":
    main()
