"""`kg build --workers 2` against one worker, and the dask engine (a LocalCluster of 2 workers), on the
same input: whole processes, alternating, medians.

Each run is a fresh `kg build IN --out OUT --no-html --quiet --replace` under `/usr/bin/time -v` (wall
time; peak RSS of the largest process, not the sum of the workers). The load average of the machine
is printed with each run: on a shared machine the figures mean something only when it is low.

    .venv/bin/python bench/bench_workers.py [--docs 500] [--runs 3] [--no-dask]
    .venv/bin/python bench/bench_workers.py --kg-path /tmp/kg-base      # another checkout of kg
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def measure(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, peak RSS MiB) of one process."""
    r = subprocess.run(["/usr/bin/time", "-v", *cmd], capture_output=True, text=True, env=env)
    if r.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{r.stderr[-2000:]}")
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", r.stderr)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", r.stderr)
    if not (wall and rss):
        raise SystemExit(f"no figures from /usr/bin/time:\n{r.stderr[-2000:]}")
    seconds = int(wall.group(1) or 0) * 3600 + int(wall.group(2)) * 60 + float(wall.group(3))
    return seconds, int(rss.group(1)) / 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=500)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus" / "wikinews-en.jsonl"))
    ap.add_argument("--kg-path", default=None, help="a kg checkout to run instead of this one")
    ap.add_argument("--no-dask", action="store_true", help="leave out --engine dask")
    args = ap.parse_args()
    env = dict(os.environ)
    if args.kg_path:
        env["PYTHONPATH"] = str(Path(args.kg_path).resolve())
    variants = {"1 worker": [], "--workers 2": ["--workers", "2"]}
    if not args.no_dask:
        variants["--engine dask --workers 2"] = ["--engine", "dask", "--workers", "2"]
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "in.jsonl"
        with open(args.corpus, encoding="utf-8") as f:
            rows = [json.loads(line) for _, line in zip(range(args.docs), f, strict=False)]
        data.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        results: dict[str, list[tuple[float, float]]] = {k: [] for k in variants}
        outputs: dict[str, bytes] = {}
        for run in range(args.runs):
            for name, extra in variants.items():
                out = Path(tmp) / "out"
                shutil.rmtree(out, ignore_errors=True)
                load = os.getloadavg()[0]
                cmd = [sys.executable, "-m", "kg", "build", str(data), "--out", str(out), "--no-html", "--quiet",
                       "--replace", *extra]
                results[name].append(measure(cmd, env))
                t, m = results[name][-1]
                print(f"run {run + 1}: {name:27} {t:6.1f} s {m:6.0f} MiB  (load average before: {load:.2f})",
                      flush=True)
                outputs[name] = (out / "graph.trig").read_bytes()
        print(f"{len(rows)} documents, {args.runs} runs alternating, medians; load average now "
              + " ".join(f"{x:.2f}" for x in os.getloadavg()))
        one = statistics.median(r[0] for r in results["1 worker"])
        for name, rs in results.items():
            t = statistics.median(r[0] for r in rs)
            print(f"  {name:27} {t:7.1f} s  {statistics.median(r[1] for r in rs):6.0f} MiB  "
                  f"speed-up {one / t:4.2f}x   runs: " + ", ".join(f"{x:.1f}" for x, _ in rs))
        same = len(set(outputs.values())) == 1
        print(f"  graph.trig identical across variants: {same}")


if __name__ == "__main__":
    main()
