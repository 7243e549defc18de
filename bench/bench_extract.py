"""Extractor cost against the bare spaCy parse of the same texts (issue: at most +30%).

Runs both in one process, alternating, and compares medians of CPU time (process_time, less
sensitive than wall time to other work on a shared machine). Two sets of texts:
  * news: the example article and tests/data/space_news.jsonl (long news sentences: the genre
    kg is for), repeated to about 200 documents;
  * dev: the dev sets of ../shared/eval when they are beside the repo (short, entity-dense
    sentences: the worst case for the extractor's own work), read here, never copied.

The ratio is kg's whole run over spaCy's. kg's run parses faster than spaCy's (no lemmatizer, an
indexed attribute ruler: kg/nlp.py, kg/attributes.py), so the last figures split it: kg's parse
alone (its pipeline without the kg_ components), and kg's own stages (the rest) as a share of the
bare parse.

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


def _jsonl(path: Path) -> list[Document]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [Document(id=f"{path.stem}:{r['id']}", text=r["text"]) for r in rows]


def text_sets() -> dict[str, list[Document]]:
    news = [Document(id=p.stem, text=p.read_text(encoding="utf-8")) for p in sorted((ROOT / "examples").glob("*.txt"))]
    news += _jsonl(ROOT / "tests" / "data" / "space_news.jsonl")
    sets = {"news": [Document(id=f"{i}:{d.id}", text=d.text) for i in range(200 // len(news) + 1) for d in news]}
    dev = ROOT.parent / "shared" / "eval" / "dev"
    if dev.is_dir():
        sets["dev"] = [d for f in sorted(dev.glob("*.jsonl")) for d in _jsonl(f)]
    return sets


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    bare = spacy.load(resolve_model())
    full = load_nlp()
    for name, docs in text_sets().items():
        raw = [d.text for d in docs]
        list(bare.pipe(raw[:20]))
        extract(docs[:20], nlp=full)
        tb, tf, tp = [], [], []
        for _ in range(args.runs):
            t = time.process_time()
            list(bare.pipe(raw))
            tb.append(time.process_time() - t)
            t = time.process_time()
            extract(docs, nlp=full)
            tf.append(time.process_time() - t)
            t = time.process_time()
            with full.select_pipes(disable=[n for n in full.pipe_names if n.startswith("kg_")]):
                list(full.pipe(raw))
            tp.append(time.process_time() - t)
        b, f, p = statistics.median(tb), statistics.median(tf), statistics.median(tp)
        print(f"{name}: {len(docs)} documents, {args.runs} runs, CPU seconds (median): "
              f"bare spaCy parse {b:.2f}, kg extract {f:.2f}, ratio {f / b:.2f} (target <= 1.30); "
              f"kg's parse {p:.2f} ({p / b:.2f} of the bare one), kg's own stages {(f - p) / b:.2f} of it")


if __name__ == "__main__":
    main()
