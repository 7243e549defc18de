"""SPARQL on a store of 1M triples: whole `kg query` processes against a bare script that calls pyoxigraph
on the same store (a whole process too), on a selective and an aggregate query; rdflib's in-memory engine
on the same queries for comparison (capped: it parses 1M triples for minutes).

The store (made once, in --work, reused by later runs and by bench_export.py): the first --docs articles
of the corpus built by `kg build`, their documents' named graphs replicated with new IRIs (every IRI under
the build's base gets the suffix -r<N>, identifiers too) into one N-Quads file until the merged graph holds
--triples triples, and that file imported by `kg load` (timed: the import of 1M triples is reported too).
So the store has kg's layout (one named graph per document, their merge in the default graph, the
ontology) and kg's vocabulary, with real extractions.

    .venv/bin/python bench/bench_sparql.py [--work /tmp/kg-bench] [--runs 5] [--rdflib-cap 600]

Runs alternate kg and bare for each query; medians. `--kg` runs another kg executable (e.g. main's venv).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
KG_BIN = str(Path(sys.executable).parent / "kg")
CORPUS = ROOT.parent / "shared" / "corpus" / "wikinews-en.jsonl"
BASE = "https://w3id.org/kg/resource/"
ONTOLOGY = "https://w3id.org/kg/ontology"
PREFIXES = ("PREFIX kg: <https://w3id.org/kg/ontology#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
            "PREFIX dcterms: <http://purl.org/dc/terms/>\n")

BARE = """
import sys
import pyoxigraph as ox
store = ox.Store.read_only(sys.argv[1])
res = store.query(sys.argv[2], default_graph=[ox.DefaultGraph(), ox.NamedNode("https://w3id.org/kg/ontology")])
sys.stdout.buffer.write(res.serialize(format=ox.QueryResultsFormat.CSV))
"""

RDFLIB = """
import json, sys, time
from rdflib import Graph
t = time.perf_counter()
g = Graph()
g.parse(sys.argv[1], format="nt")
g.parse(sys.argv[2], format="turtle")  # the ontology, as kg query sees it
out = {"parse": time.perf_counter() - t, "triples": len(g)}
for name, q in json.loads(sys.argv[3]).items():
    t = time.perf_counter()
    rows = list(g.query(q))
    out[name] = time.perf_counter() - t
    out[name + "_rows"] = len(rows)
print(json.dumps(out))
"""


# as an installed kg runs: its modules compiled once (pip writes .pyc files; a PYTHONDONTWRITEBYTECODE
# environment would make every kg process compile kg's sources, but not the bare script's pyoxigraph)
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run(cmd: list[str], **kw: object) -> subprocess.CompletedProcess[str]:
    r = subprocess.run(cmd, capture_output=True, text=True, env=ENV, **kw)  # type: ignore[call-overload]
    if r.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)[:300]}\n{r.stderr[-2000:]}")
    return r


def timed(cmd: list[str]) -> tuple[float, float, str]:
    """(wall seconds, peak RSS MiB, stdout) of one whole process, measured by /usr/bin/time -v."""
    wall, _, rss, out = measured(cmd)
    return wall, rss, out


def measured(cmd: list[str]) -> tuple[float, float, float, str]:
    """(wall seconds, CPU seconds (user + system), peak RSS MiB, stdout) of one whole process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    r = run(["/usr/bin/time", "-v", *cmd])
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", r.stderr)
    return wall, cpu, int(rss.group(1)) / 1024 if rss else float("nan"), r.stdout


def store_dir(work: Path) -> Path:
    return work / "store-1m"


def make_store(work: Path, *, docs: int, triples: int, kg: str = KG_BIN) -> Path:
    """The 1M-triple build folder (made once; see the module's docstring)."""
    out = store_dir(work)
    if (out / ".kg" / "current").is_symlink():
        return out
    work.mkdir(parents=True, exist_ok=True)
    base = work / f"base-{docs}"
    if not (base / ".kg" / "current").is_symlink():
        corpus = work / f"corpus-{docs}.jsonl"
        with CORPUS.open(encoding="utf-8") as f, corpus.open("w", encoding="utf-8") as g:
            for _, line in zip(range(docs), f, strict=False):
                g.write(line)
        print(f"building {docs} documents into {base} ...", flush=True)
        run([kg, "build", str(corpus), "--out", str(base), "--no-html", "-q"])
    src = ox.Store.read_only(str(base / "store"))
    merged = sum(1 for _ in src.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    copies = math.ceil(triples / merged)
    quads = [q for g in src.named_graphs() if g.value != ONTOLOGY for q in src.quads_for_pattern(None, None, None, g)]
    nq = work / "replicated.nq"
    print(f"{docs} documents: {merged:,} merged triples; {copies} copies into {nq} ...", flush=True)

    def renamed(n: int) -> object:
        memo: dict[str, ox.NamedNode] = {}

        def term(t: object) -> object:
            if isinstance(t, ox.NamedNode) and t.value.startswith(BASE):
                if t.value not in memo:
                    memo[t.value] = ox.NamedNode(f"{t.value}-r{n}")
                return memo[t.value]
            return t

        for q in quads:
            o = q.object
            if q.predicate.value == "http://purl.org/dc/terms/identifier" and isinstance(o, ox.Literal):
                o = ox.Literal(f"{o.value}-r{n}")
            yield ox.Quad(term(q.subject), q.predicate, term(o), term(q.graph_name))  # type: ignore[arg-type]

    with nq.open("wb") as f:
        for n in range(copies):
            ox.serialize(renamed(n), f, ox.RdfFormat.N_QUADS)  # type: ignore[arg-type]
    wall, rss, _ = timed([kg, "load", str(nq), "--out", str(out), "--no-html", "-q"])
    (work / "load.json").write_text(json.dumps({"wall": wall, "rss": rss, "bytes": nq.stat().st_size}) + "\n")
    print(f"kg load {nq.name} ({nq.stat().st_size / 2**20:.0f} MiB): {wall:.1f} s, peak {rss:.0f} MiB", flush=True)
    return out


def queries(out: Path) -> dict[str, str]:
    """The selective query (everything said of one person of one copy) and the aggregate (entities per class)."""
    store = ox.Store.read_only(str(out / "store"))
    people = sorted(q.subject.value for q in store.quads_for_pattern(
        None, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
        ox.NamedNode("https://w3id.org/kg/ontology#Person"), ox.DefaultGraph()) if q.subject.value.endswith("-r7"))
    return {
        "selective": PREFIXES + f"SELECT ?p ?o WHERE {{ <{people[0]}> ?p ?o }}",
        "aggregate": PREFIXES + "SELECT ?c (COUNT(?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c ORDER BY DESC(?n)",
    }


def store_arguments(doc: str | None) -> argparse.ArgumentParser:
    """The options of the benchmarks on the 1M-triple store (this one and bench_export.py)."""
    ap = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--work", type=Path, default=Path("/tmp/kg-bench"))
    ap.add_argument("--docs", type=int, default=300)
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--kg", default=KG_BIN, help="the kg executable to measure")
    return ap


def main() -> None:
    ap = store_arguments(__doc__)
    ap.add_argument("--rdflib-cap", type=float, default=600, help="seconds; 0 skips rdflib")
    args = ap.parse_args()
    out = make_store(args.work, docs=args.docs, triples=args.triples)
    qs = queries(out)
    store = str((out / "store").resolve())
    n = sum(1 for _ in ox.Store.read_only(store).quads_for_pattern(None, None, None, ox.DefaultGraph()))
    print(f"store: {out} ({n:,} triples in the merged graph)")
    times: dict[tuple[str, str], list[float]] = {}
    cpus: dict[tuple[str, str], list[float]] = {}
    run([args.kg, "query", "ASK { ?s ?p ?o }", "--data", str(out), "--format", "csv"])  # warm-up: .pyc files
    for r in range(args.runs):
        for name, q in qs.items():
            pair = [("kg", [args.kg, "query", q, "--data", str(out), "--format", "csv"]),
                    ("pyoxigraph", [sys.executable, "-c", BARE, store, q])]
            for who, cmd in pair if r % 2 == 0 else pair[::-1]:
                wall, cpu, _, stdout = measured(cmd)
                times.setdefault((name, who), []).append(wall)
                cpus.setdefault((name, who), []).append(cpu)
                if r == 0 and who == "kg":
                    print(f"{name}: {len(stdout.splitlines()) - 1} rows")
    results = {}
    for name in qs:
        kg_t = statistics.median(times[(name, "kg")])
        ox_t = statistics.median(times[(name, "pyoxigraph")])
        kg_c = statistics.median(cpus[(name, "kg")])
        ox_c = statistics.median(cpus[(name, "pyoxigraph")])
        results[name] = {"kg": kg_t, "pyoxigraph": ox_t, "ratio": kg_t / ox_t,
                         "kg_cpu": kg_c, "pyoxigraph_cpu": ox_c, "cpu_ratio": kg_c / ox_c}
        print(f"{name:10s} wall: kg query {kg_t:.3f} s, pyoxigraph script {ox_t:.3f} s, ratio {kg_t / ox_t:.2f}   "
              f"CPU: {kg_c:.3f} s, {ox_c:.3f} s, ratio {kg_c / ox_c:.2f}")
    if args.rdflib_cap:
        nt = args.work / "merged.nt"
        if not nt.exists():
            with nt.open("wb") as f:
                ox.Store.read_only(store).dump(f, ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
        onto = ROOT / "ontologies" / "kg.ttl"
        try:
            r = subprocess.run([sys.executable, "-c", RDFLIB, str(nt), str(onto), json.dumps(qs)], capture_output=True,
                               text=True, timeout=args.rdflib_cap)
            results["rdflib"] = json.loads(r.stdout) if r.returncode == 0 else {"error": r.stderr[-500:]}
        except subprocess.TimeoutExpired:
            results["rdflib"] = {"capped": args.rdflib_cap}
        print("rdflib (in-memory Graph, one process):", json.dumps(results["rdflib"]))
    (args.work / "sparql.json").write_text(json.dumps(results, indent=1) + "\n")


if __name__ == "__main__":
    main()
