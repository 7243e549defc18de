"""Whole-process time of `kg build` into each store: the folder's store (disk), memory, and a real
Virtuoso server (SPARQL Update through /sparql-auth, and the Graph Store Protocol), on the same
documents. Each run is a fresh build into a fresh folder (a remote run also replaces every graph the
server holds); the stores alternate; medians.

    .venv/bin/python bench/bench_stores.py [--docs 100] [--runs 3] [--corpus ../shared/corpus/wikinews-en.jsonl]
    .venv/bin/python bench/bench_stores.py --docs 100 --add 10    # time adding 10 more to a build of 100

With --add N each run first builds the --docs documents (not timed), then times the build that adds the
next N: a remote store then writes only what changed.

The Virtuoso server is started as the tests start it (tests/remote/conftest.py: Debian's
virtuoso-opensource, own virtuoso.ini, free ports of 127.0.0.1) and stopped at the end.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.remote.conftest import start_virtuoso  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=100)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--add", type=int, default=0)
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus" / "wikinews-en.jsonl"))
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-stores-"))
    try:
        src, more = tmp / "in.jsonl", tmp / "more.jsonl"
        with open(args.corpus, encoding="utf-8") as f:
            rows = [json.loads(line) for _, line in zip(range(args.docs + args.add), f, strict=False)]
        for path, part in ((src, rows[:args.docs]), (more, rows[args.docs:])):
            path.write_text("".join(json.dumps({"id": r["id"], "text": r["text"]}) + "\n" for r in part),
                            encoding="utf-8")
        (tmp / "virtuoso").mkdir()
        with start_virtuoso(tmp / "virtuoso") as server:
            stores = {"disk": "disk", "memory": "memory", "virtuoso (Update)": server.url(),
                      "virtuoso (GSP)": server.url(gsp="/sparql-graph-crud-auth")}
            times: dict[str, list[float]] = {k: [] for k in stores}
            writes: dict[str, list[float]] = {k: [] for k in stores}
            requests: dict[str, int] = {}
            for run in range(args.runs):
                for name, store in stores.items():
                    out_dir = tmp / f"out-{run}-{len(times[name])}-{name.split()[0]}"
                    cmd = [sys.executable, "-m", "kg", "-v", "build", "--out", str(out_dir), "--no-html", "-q",
                           "--store", store]
                    if args.add:
                        subprocess.run([*cmd, str(src)], capture_output=True, text=True, check=True)
                    t = time.monotonic()
                    r = subprocess.run([*cmd, str(more if args.add else src)], capture_output=True, text=True)
                    times[name].append(time.monotonic() - t)
                    if r.returncode != 0:
                        raise SystemExit(f"{name}: {r.stderr}")
                    push = re.search(r"wrote (\d+) graphs into .* \((?:\w+), (\d+) requests\) in ([\d.]+) s", r.stderr)
                    if push:
                        writes[name].append(float(push.group(3)))
                        requests[name] = int(push.group(2))
                    shutil.rmtree(out_dir)
                    said = f" (server writes {push.group(3)} s, {push.group(2)} requests)" if push else ""
                    print(f"run {run + 1} {name}: {times[name][-1]:.1f} s{said}", flush=True)
        disk = statistics.median(times["disk"])
        what = f"adding {args.add} documents to {args.docs}" if args.add else f"{args.docs} documents"
        print(f"\n{what}, {args.runs} runs, medians (whole processes):")
        for name, ts in times.items():
            m = statistics.median(ts)
            push = f"{statistics.median(writes[name]):.2f} s in {requests[name]} requests" if writes[name] else "-"
            print(f"| {name} | {m:.1f} s | {m - disk:+.1f} s | {push} | {' / '.join(f'{x:.1f}' for x in ts)} |")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
