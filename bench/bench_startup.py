"""Start-up of `kg`: whole processes of `kg --help` and of `kg query` (an ASK on the example's build), against
`python -c pass` and a bare script that opens the same store with pyoxigraph and asks the same. Medians of
alternating runs; `--kg` measures other kg executables too (e.g. main's, for a before/after).

    .venv/bin/python bench/bench_startup.py [--runs 21] [--kg /work/main/.venv/bin/kg ...]

The build folder is made once (in --work) with this venv's kg.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KG_BIN = str(Path(sys.executable).parent / "kg")
ASK = "ASK { ?s a kg:Person }"
BARE = """
import sys
import pyoxigraph as ox
store = ox.Store.read_only(sys.argv[1])
q = "PREFIX kg: <https://w3id.org/kg/ontology#> ASK { ?s a kg:Person }"
print(bool(store.query(q, default_graph=[ox.DefaultGraph(), ox.NamedNode("https://w3id.org/kg/ontology")])))
"""


# as installed programs run: their modules compiled once, here into a cache of this benchmark's own (a
# PYTHONDONTWRITEBYTECODE environment would make every kg process compile kg's sources)
ENV = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
       "PYTHONPYCACHEPREFIX": "/tmp/kg-bench/pycache"}


def wall(cmd: list[str]) -> float:
    t = time.perf_counter()
    r = subprocess.run(cmd, capture_output=True, text=True, env=ENV)
    if r.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{r.stderr[-1000:]}")
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--work", type=Path, default=Path("/tmp/kg-bench"))
    ap.add_argument("--runs", type=int, default=21)
    ap.add_argument("--kg", nargs="*", default=[], help="more kg executables to measure")
    args = ap.parse_args()
    out = args.work / "example"
    if not (out / ".kg" / "current").is_symlink():
        subprocess.run([KG_BIN, "build", str(ROOT / "examples"), "--out", str(out), "--no-html", "-q"], check=True)
    store = str((out / "store").resolve())
    cmds = {"python -c pass": [sys.executable, "-c", "pass"],
            "pyoxigraph script (ASK)": [sys.executable, "-c", BARE, store]}
    for i, kg in enumerate([KG_BIN, *args.kg]):
        tag = "" if i == 0 else f" [{kg}]"
        cmds[f"kg --help{tag}"] = [kg, "--help"]
        cmds[f"kg query ASK{tag}"] = [kg, "query", ASK, "--data", str(out), "--format", "csv"]
    times: dict[str, list[float]] = {k: [] for k in cmds}
    names = list(cmds)
    for name in names:  # warm-up: compiled modules
        wall(cmds[name])
    for r in range(args.runs):
        for name in names if r % 2 == 0 else names[::-1]:
            times[name].append(wall(cmds[name]))
    for name in names:
        print(f"{statistics.median(times[name]) * 1000:7.0f} ms  {name}")


if __name__ == "__main__":
    main()
