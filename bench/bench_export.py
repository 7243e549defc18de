"""`kg export` of the 1M-triple store (bench_sparql.py makes it) against pyoxigraph's own dump of the same
store (Store.dump), whole processes: wall time and peak RSS, medians of alternating runs.

    .venv/bin/python bench/bench_export.py [--work /tmp/kg-bench] [--runs 5] [--formats nt turtle nq]

For nt and turtle both write the merged graph (the default graph; kg adds its prefixes to Turtle, so the
bare dump gets them too). For nq kg writes the documents' named graphs (not the merged default graph, not
the ontology); the bare script serialises the same quads with pyoxigraph (Store.dump(from_graph=g) writes
a graph's triples without its name, and Store.dump of the whole store adds the merged graph and the ontology).
"""

from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_sparql import make_store, store_arguments, timed  # noqa: E402

BARE = """
import sys
import pyoxigraph as ox
from kg.namespaces import PREFIXES
store = ox.Store.read_only(sys.argv[1])
fmt = {"nt": ox.RdfFormat.N_TRIPLES, "turtle": ox.RdfFormat.TURTLE, "nq": ox.RdfFormat.N_QUADS}[sys.argv[2]]
with open(sys.argv[3], "wb") as f:
    if fmt is ox.RdfFormat.N_QUADS:  # Store.dump(from_graph=g) would drop the graph names
        ox.serialize((q for g in store.named_graphs() if g.value != "https://w3id.org/kg/ontology"
                      for q in store.quads_for_pattern(None, None, None, g)), f, fmt)
    else:
        prefixes = {**PREFIXES, "res": "https://w3id.org/kg/resource/"} if fmt is ox.RdfFormat.TURTLE else None
        store.dump(f, fmt, from_graph=ox.DefaultGraph(), prefixes=prefixes)
"""


def main() -> None:
    ap = store_arguments(__doc__)
    ap.add_argument("--formats", nargs="+", default=["nt", "turtle", "nq"])
    args = ap.parse_args()
    out = make_store(args.work, docs=args.docs, triples=args.triples)
    store = str((out / "store").resolve())
    results = {}
    for fmt in args.formats:
        target = args.work / f"export.{fmt}"
        pair = [("kg", [args.kg, "export", "--data", str(out), "--format", fmt, "-o", str(target)]),
                ("pyoxigraph", [sys.executable, "-c", BARE, store, fmt, str(target)])]
        walls: dict[str, list[float]] = {"kg": [], "pyoxigraph": []}
        rss: dict[str, list[float]] = {"kg": [], "pyoxigraph": []}
        size: dict[str, int] = {}
        for r in range(args.runs):
            for who, cmd in pair if r % 2 == 0 else pair[::-1]:
                w, m, _ = timed(cmd)
                walls[who].append(w)
                rss[who].append(m)
                size[who] = target.stat().st_size
        row = {who: {"wall": statistics.median(walls[who]), "rss": statistics.median(rss[who]), "bytes": size[who]}
               for who in walls}
        row["ratio"] = row["kg"]["wall"] / row["pyoxigraph"]["wall"]  # type: ignore[index]
        results[fmt] = row
        kg_row, ox_row = row["kg"], row["pyoxigraph"]
        print(f"{fmt:7s} kg export {kg_row['wall']:.2f} s {kg_row['rss']:.0f} MiB {size['kg']:,} B   "  # type: ignore[index]
              f"Store.dump {ox_row['wall']:.2f} s {ox_row['rss']:.0f} MiB {size['pyoxigraph']:,} B"  # type: ignore[index]
              f"   ratio {row['ratio']:.2f}")
    (args.work / "export.json").write_text(json.dumps(results, indent=1) + "\n")


if __name__ == "__main__":
    main()
