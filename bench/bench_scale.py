"""The scaling curve of `kg build`: time, peak RSS and store size at 100, 1,000 and 10,000 documents,
and for adding 100 documents to the biggest folder.

The corpus is `../shared/corpus/wikinews-en.jsonl` (4,968 articles) repeated with new ids
(`<id>~r2`, `<id>~r3`, ...) as often as needed. Each build is a fresh process under
`/usr/bin/time -v` (wall time and peak RSS of the process tree's largest process); the size on disk is
that of the whole build folder and of its store (the Oxigraph database and the build index). The 100
added documents are articles the folder does not hold yet (the next ids of the repeated corpus); each
add runs on a fresh copy of the folder, so the runs are alike.

    .venv/bin/python bench/bench_scale.py                       # 100, 1,000, 10,000; adds 100 to 10,000
    .venv/bin/python bench/bench_scale.py --sizes 100,1000 --runs 3
    .venv/bin/python bench/bench_scale.py --kg-path /tmp/kg-base --json scale.jsonl

`--kg-path DIR` runs another checkout of kg (e.g. a commit of main) with this venv. `--json FILE`
appends each measurement as a JSON line. Builds are `--no-html --quiet` unless `--html`.
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
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def measure(cmd: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """(wall seconds, peak RSS MiB) of one process, run in `cwd` (`python -m` puts the working folder
    first on sys.path: the kg measured is the one there)."""
    r = subprocess.run(["/usr/bin/time", "-v", *cmd], capture_output=True, text=True, env=env, cwd=cwd)
    if r.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{r.stderr[-2000:]}")
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", r.stderr)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", r.stderr)
    if not (wall and rss):
        raise SystemExit(f"no figures from /usr/bin/time:\n{r.stderr[-2000:]}")
    seconds = int(wall.group(1) or 0) * 3600 + int(wall.group(2)) * 60 + float(wall.group(3))
    return seconds, int(rss.group(1)) / 1024


def size_mib(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink()) / 2**20


def store_mib(out: Path) -> float:
    """The folder's store: its current state's Oxigraph database and build index (everything but
    the serialised files graph.ttl, graph.trig and graph.html)."""
    files = ("graph.ttl", "graph.trig", "graph.html")
    return sum(p.stat().st_size for p in out.rglob("*")
               if p.is_file() and not p.is_symlink() and p.name not in files) / 2**20


def log_mib(out: Path) -> float:
    """Of the store, its RocksDB write-ahead logs (*.log): replayed on the next open."""
    return sum(p.stat().st_size for p in out.glob(".kg/v-*/store/*.log") if p.is_file()) / 2**20


def repeated(corpus: Path) -> Iterator[dict[str, object]]:
    """The corpus, then again and again with new ids (`<id>~r2`, `<id>~r3`, ...); used by bench_build.py too."""
    rows = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    if not rows:
        return
    for k in itertools.count(1):
        for r in rows:
            yield r if k == 1 else {**r, "id": f"{r['id']}~r{k}"}


def write_rows(rows: list[dict[str, object]], path: Path) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def show(what: str, runs: list[tuple[float, float]], out: Path) -> None:
    print(f"| {what} | {statistics.median(r[0] for r in runs):.1f} s | "
          f"{statistics.median(r[1] for r in runs):,.0f} MiB | {size_mib(out):,.1f} MiB | "
          f"{store_mib(out):,.1f} MiB ({log_mib(out):,.1f}) |   runs: "
          + ", ".join(f"{t:.1f} s/{m:.0f} MiB" for t, m in runs), flush=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="100,1000,10000", help="comma-separated document counts")
    ap.add_argument("--add", type=int, default=100, help="documents added to the biggest folder (0: none)")
    ap.add_argument("--runs", type=int, default=1, help="builds per size (medians)")
    ap.add_argument("--add-runs", type=int, default=3, help="adds, each on a fresh copy of the folder")
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus" / "wikinews-en.jsonl"))
    ap.add_argument("--kg-path", default=None, help="a kg checkout to run instead of this one")
    ap.add_argument("--html", action="store_true", help="also write graph.html")
    ap.add_argument("--tmp", default=None, help="where the folders go (default: a temporary folder)")
    ap.add_argument("--json", default=None, help="append each measurement to this JSONL file")
    args = ap.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    env = dict(os.environ)
    kg_root = ROOT
    if args.kg_path:
        kg_root = Path(args.kg_path).resolve()
        env["PYTHONPATH"] = str(kg_root)
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip()
    where = f"kg from {kg_root}" + ("" if args.kg_path else f" (commit {commit})")
    print(f"{where}; load average {os.getloadavg()[0]:.2f} at start", flush=True)
    rows = list(itertools.islice(repeated(Path(args.corpus)), sizes[-1] + args.add))

    def record(**fields: object) -> None:
        if args.json:
            with open(args.json, "a", encoding="utf-8") as f:
                f.write(json.dumps({**fields, "kg": str(kg_root), "load": os.getloadavg(),
                                    "at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}) + "\n")

    with tempfile.TemporaryDirectory(dir=args.tmp) as tmp_name:
        tmp = Path(tmp_name)
        flags = ["--quiet"] + ([] if args.html else ["--no-html"])
        kg = [sys.executable, "-m", "kg", "build"]
        print("| documents | build | peak RSS | folder | store (of which WAL) |", flush=True)
        for n in sizes:
            data = tmp / f"in-{n}.jsonl"
            write_rows(rows[:n], data)
            out = tmp / f"out-{n}"
            runs = []
            for _ in range(args.runs):
                shutil.rmtree(out, ignore_errors=True)
                runs.append(measure([*kg, str(data), "--out", str(out), *flags], env, kg_root))
                record(step="build", documents=n, seconds=runs[-1][0], rss_mib=runs[-1][1],
                       folder_mib=size_mib(out), store_mib=store_mib(out), log_mib=log_mib(out))
            show(f"{n:,}", runs, out)
            if n != sizes[-1]:
                shutil.rmtree(out)
        if args.add:
            n = sizes[-1]
            base = tmp / f"out-{n}"
            data = tmp / f"add-{args.add}.jsonl"
            write_rows(rows[n:n + args.add], data)
            runs = []
            for _ in range(args.add_runs):
                out = tmp / "out-add"
                shutil.rmtree(out, ignore_errors=True)
                shutil.copytree(base, out, symlinks=True)
                runs.append(measure([*kg, str(data), "--out", str(out), *flags], env, kg_root))
                record(step="add", documents=n, added=args.add, seconds=runs[-1][0], rss_mib=runs[-1][1],
                       folder_mib=size_mib(out), store_mib=store_mib(out), log_mib=log_mib(out))
            show(f"{n:,} + {args.add:,} added", runs, out)
    print(f"load average {os.getloadavg()[0]:.2f} at the end", flush=True)


if __name__ == "__main__":
    main()
