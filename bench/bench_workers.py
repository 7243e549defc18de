"""`kg build --workers 2` against one worker, and the dask engine (a LocalCluster of 2 workers), on the
same input: whole processes, alternating, medians.

Each run is a fresh `kg build IN --out OUT --no-html --quiet --replace` under `/usr/bin/time -v` (wall
time; peak RSS of the kg process, not of its workers), which also reports the CPU time of the kg
process and of its workers (getrusage). The load average of the machine is printed with each run: on
a shared machine the wall times mean something only when it is low. The CPU times give a second
figure that a busy machine disturbs less: the critical path, the kg process's CPU time (start-up,
model, linking, store, files: serial) plus the workers' CPU time shared out over the workers.

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


# kg's command line, then the CPU seconds of the process itself and of its worker processes
RUN = """
import resource, sys
from kg.cli import main
sys.argv = ["kg", *sys.argv[1:]]
try:
    main()
finally:
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    print(f"CPU {me.ru_utime + me.ru_stime:.2f} {kids.ru_utime + kids.ru_stime:.2f}", file=sys.stderr)
"""


def measure(cmd: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float, float, float]:
    """(wall seconds, peak RSS MiB, CPU seconds of the kg process, CPU seconds of its workers) of one
    `kg ...` process."""
    r = subprocess.run(["/usr/bin/time", "-v", sys.executable, "-c", RUN, *cmd], capture_output=True, text=True,
                       env=env, cwd=cwd)
    if r.returncode != 0:
        raise SystemExit(f"failed: kg {' '.join(cmd)}\n{r.stderr[-2000:]}")
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", r.stderr)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", r.stderr)
    cpu = re.search(r"^CPU ([\d.]+) ([\d.]+)$", r.stderr, re.M)
    if not (wall and rss and cpu):
        raise SystemExit(f"no figures from /usr/bin/time:\n{r.stderr[-2000:]}")
    seconds = int(wall.group(1) or 0) * 3600 + int(wall.group(2)) * 60 + float(wall.group(3))
    return seconds, int(rss.group(1)) / 1024, float(cpu.group(1)), float(cpu.group(2))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=500)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus" / "wikinews-en.jsonl"))
    ap.add_argument("--kg-path", default=None, help="a kg checkout to run instead of this one")
    ap.add_argument("--no-dask", action="store_true", help="leave out --engine dask")
    args = ap.parse_args()
    env = dict(os.environ)
    kg_root = ROOT
    if args.kg_path:  # run from there too: `python -c` puts the working folder first on sys.path
        kg_root = Path(args.kg_path).resolve()
        env["PYTHONPATH"] = str(kg_root)
    variants = {"1 worker": [], "--workers 2": ["--workers", "2"]}
    if not args.no_dask:
        variants["--engine dask --workers 2"] = ["--engine", "dask", "--workers", "2"]
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "in.jsonl"
        with open(args.corpus, encoding="utf-8") as f:
            rows = [json.loads(line) for _, line in zip(range(args.docs), f, strict=False)]
        data.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        results: dict[str, list[tuple[float, float, float, float]]] = {k: [] for k in variants}
        outputs: dict[str, bytes] = {}
        for run in range(args.runs):
            for name, extra in variants.items():
                out = Path(tmp) / "out"
                shutil.rmtree(out, ignore_errors=True)
                load = os.getloadavg()[0]
                cmd = ["build", str(data), "--out", str(out), "--no-html", "--quiet", "--replace", *extra]
                results[name].append(measure(cmd, env, kg_root))
                t, m, me, kids = results[name][-1]
                print(f"run {run + 1}: {name:27} {t:6.1f} s {m:6.0f} MiB  CPU: kg {me:5.1f} s, workers {kids:5.1f} s"
                      f"  (load average before: {load:.2f}, after: {os.getloadavg()[0]:.2f})", flush=True)
                outputs[name] = (out / "graph.trig").read_bytes()
        print(f"{len(rows)} documents, {args.runs} runs alternating, medians; load average now "
              + " ".join(f"{x:.2f}" for x in os.getloadavg()))
        one = statistics.median(r[0] for r in results["1 worker"])
        one_cpu = statistics.median(r[2] + r[3] for r in results["1 worker"])
        print("  (critical path: the kg process's CPU time plus its workers' CPU time shared out over 2 workers:"
              " the wall time on 2 free cores, if the workers are balanced and the kg process waits while"
              " they parse)")
        for name, rs in results.items():
            t = statistics.median(r[0] for r in rs)
            path = statistics.median(r[2] + r[3] / (1 if name == "1 worker" else 2) for r in rs)
            print(f"  {name:27} {t:7.1f} s  {statistics.median(r[1] for r in rs):6.0f} MiB  "
                  f"speed-up {one / t:4.2f}x   critical path {path:5.1f} s, speed-up {one_cpu / path:4.2f}x   "
                  "runs: " + ", ".join(f"{r[0]:.1f}" for r in rs))
        same = len(set(outputs.values())) == 1
        print(f"  graph.trig identical across variants: {same}")


if __name__ == "__main__":
    main()
