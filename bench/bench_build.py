"""Whole-process cost of `kg build` against the bare spaCy parse of the same texts.

Each run is a fresh process measured by `/usr/bin/time -v` (wall time and peak RSS); the two
commands alternate and the medians are reported. The bare parse loads the same model without
kg's components and runs `nlp.pipe` over the same texts, discarding the Docs.

    .venv/bin/python bench/bench_build.py [--docs 1000] [--runs 3] [--corpus ../shared/corpus/wikinews-en.jsonl]
    .venv/bin/python bench/bench_build.py --docs 10000 --runs 1   # past 4,968: the corpus again, ids `<id>~r2`, ...
    .venv/bin/python bench/bench_build.py --dense 1000     # the example article, 1,000 times (new ids)
    .venv/bin/python bench/bench_build.py --workers 2 --no-bare

`--kg-path DIR` runs another checkout of kg (e.g. the commit before a change) with this venv.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_scale import repeated  # bench/ is sys.path[0] when this script runs

ROOT = Path(__file__).resolve().parent.parent
BARE = """
import json, sys, spacy
from kg.nlp import resolve_model
nlp = spacy.load(resolve_model(), exclude=["lemmatizer"])
texts = (json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8"))
for _ in nlp.pipe(texts, batch_size=128):
    pass
"""


def measure(cmd: list[str], env: dict[str, str], cwd: Path = ROOT) -> tuple[float, float]:
    """(wall seconds, peak RSS MiB) of one process, run in `cwd` (`python -m` and `-c` put the working
    folder first on sys.path: the kg measured is the one there)."""
    r = subprocess.run(["/usr/bin/time", "-v", *cmd], capture_output=True, text=True, env=env, cwd=cwd)
    if r.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{r.stderr[-2000:]}")
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", r.stderr)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", r.stderr)
    assert wall and rss, r.stderr
    seconds = int(wall.group(1) or 0) * 3600 + int(wall.group(2)) * 60 + float(wall.group(3))
    return seconds, int(rss.group(1)) / 1024


def corpus(args: argparse.Namespace, target: Path) -> int:
    if args.dense:
        text = (ROOT / "examples" / "roscosmos-nasa-2025-08-01.txt").read_text(encoding="utf-8")
        rows = [{"id": f"dense-{i}", "text": text} for i in range(args.dense)]
    else:  # past the corpus's end, the corpus again with new ids (bench_scale.repeated)
        rows = list(itertools.islice(repeated(Path(args.corpus)), args.docs))
    target.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return len(rows)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--dense", type=int, default=0, help="the example article N times instead of the corpus")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus" / "wikinews-en.jsonl"))
    ap.add_argument("--kg-path", default=None, help="a kg checkout to run instead of this one")
    ap.add_argument("--no-bare", action="store_true", help="only kg build")
    ap.add_argument("--html", action="store_true", help="also write graph.html")
    ap.add_argument("--workers", type=int, default=1, help="kg build --workers N")
    args = ap.parse_args()
    env = dict(os.environ)
    kg_root = ROOT
    if args.kg_path:
        kg_root = Path(args.kg_path).resolve()
        env["PYTHONPATH"] = str(kg_root)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "in.jsonl"
        n = corpus(args, data)
        build = [sys.executable, "-m", "kg", "build", str(data), "--out", str(Path(tmp) / "out"), "--replace"]
        if args.kg_path:  # a kg from before --replace
            build.remove("--replace")
        if not args.html:
            build.append("--no-html")
        if args.workers > 1:
            build += ["--workers", str(args.workers)]
        bare = [sys.executable, "-c", BARE, str(data)]
        results: dict[str, list[tuple[float, float]]] = {"kg build": [], "bare spaCy": []}
        for _ in range(args.runs):
            shutil.rmtree(Path(tmp) / "out", ignore_errors=True)
            results["kg build"].append(measure(build, env, kg_root))
            if not args.no_bare:
                results["bare spaCy"].append(measure(bare, env, kg_root))
        print(f"{n} documents, {args.runs} runs, medians")
        for name, rs in results.items():
            if rs:
                print(f"  {name:12} {statistics.median(r[0] for r in rs):7.1f} s  "
                      f"{statistics.median(r[1] for r in rs):7.0f} MiB   runs: "
                      + ", ".join(f"{t:.1f} s/{m:.0f} MiB" for t, m in rs))


if __name__ == "__main__":
    main()
