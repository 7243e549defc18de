"""Load benchmark of `kg serve`: 50 concurrent clients for 30 s on loopback.

Builds a synthetic store without the spaCy model (by default 200 documents, 2,000 people heading
500 organisations), starts `kg serve` on 127.0.0.1 (a free port) in a subprocess, and runs the clients
as asyncio tasks in this process, each with its own connection (httpx), each sending queries in a loop
until the time is up: half selective (who heads one given organisation), half aggregate (entities per
class, relations per document). Bounded in time (--seconds) and in count (--max-requests). Prints
throughput, p50/p99 latency and errors, per kind and overall; `--write FILE` appends them as Markdown.

    python bench/bench_serve.py                       # 50 clients, 30 s
    python bench/bench_serve.py --clients 10 --seconds 5
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import random
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from importlib.metadata import version
from pathlib import Path

import httpx

from kg.model import Document, Entity, Evidence, Extraction, Relation
from kg.rdf import to_dataset
from kg.store import write_outputs

AGGREGATE = [
    "SELECT ?c (COUNT(?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c ORDER BY DESC(?n)",
    "SELECT ?id (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?g dcterms:identifier ?id . ?s kg:heads ?o } } "
    "GROUP BY ?id ORDER BY DESC(?n) LIMIT 10",
]


def selective(org: int) -> str:
    return f"SELECT ?p ?l WHERE {{ ?p kg:heads res:organization\\/org-{org} ; rdfs:label ?l }}"


def make_build(out: Path, *, documents: int, people: int, orgs: int, seed: int = 11) -> None:
    rng = random.Random(seed)
    xs = []
    for d in range(documents):
        ents, rels = {}, []
        for _ in range(people // documents):
            p, o = rng.randrange(people), rng.randrange(orgs)
            ev = Evidence(doc_id=f"d{d}", sentence=f"Person {p} heads organisation {o}.", start=0, end=10,
                          rule="bench", confidence=0.9)
            ents[f"person/p-{p}"] = Entity(f"person/p-{p}", f"Person {p}", "Person")
            ents[f"organization/org-{o}"] = Entity(f"organization/org-{o}", f"Org {o}", "Organization")
            rels.append(Relation(f"person/p-{p}", "heads", f"organization/org-{o}", ev))
        xs.append(Extraction(Document(id=f"d{d}", text=""), tuple(ents.values()), tuple(rels)))
    write_outputs(to_dataset(xs), out, html=False)


async def client(url: str, deadline: float, orgs: int, seed: int, results: list[tuple[str, float, str]],
                 budget: list[int]) -> None:
    rng = random.Random(seed)
    async with httpx.AsyncClient(base_url=url, trust_env=False, timeout=30) as http:
        while time.monotonic() < deadline and budget[0] > 0:
            budget[0] -= 1
            kind = "selective" if rng.random() < 0.5 else "aggregate"
            q = selective(rng.randrange(orgs)) if kind == "selective" else rng.choice(AGGREGATE)
            start = time.perf_counter()
            try:
                r = await http.get("/sparql", params={"query": q},
                                   headers={"Accept": "application/sparql-results+json"})
                outcome = "ok" if r.status_code == 200 and r.content.startswith(b"{") else f"HTTP {r.status_code}"
            except httpx.HTTPError as e:
                outcome = type(e).__name__
            results.append((kind, time.perf_counter() - start, outcome))


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(p / 100 * len(xs)))] if xs else float("nan")


def report(results: list[tuple[str, float, str]], seconds: float) -> list[tuple[str, int, float, float, float, int]]:
    rows = []
    for kind in ("selective", "aggregate", "all"):
        sel = [r for r in results if kind == "all" or r[0] == kind]
        lat = [r[1] for r in sel if r[2] == "ok"]
        errors = sum(r[2] != "ok" for r in sel)
        rows.append((kind, len(sel), len(sel) / seconds, pct(lat, 50) * 1000, pct(lat, 99) * 1000, errors))
    return rows


def machine() -> str:
    cpu = "unknown CPU"
    try:
        m = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
        cpu = m.group(1).strip() if m else cpu
    except OSError:
        pass
    return (f"{os.cpu_count()} cores ({cpu}), {platform.system()} {platform.release()}, Python "
            f"{platform.python_version()}, pyoxigraph {version('pyoxigraph')}, starlette {version('starlette')}, "
            f"uvicorn {version('uvicorn')}, httpx {version('httpx')}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--max-requests", type=int, default=2_000_000)
    ap.add_argument("--documents", type=int, default=200)
    ap.add_argument("--people", type=int, default=2000)
    ap.add_argument("--orgs", type=int, default=500)
    ap.add_argument("--write", type=Path, help="Append the results as Markdown to this file.")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        build = Path(tmp) / "build"
        make_build(build, documents=args.documents, people=args.people, orgs=args.orgs)
        env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
        server = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--data", str(build), "--port", "0"],
                                  stdout=subprocess.PIPE, text=True, env=env)
        try:
            assert server.stdout is not None
            line = server.stdout.readline()
            m = re.match(r"kg serve: (http://127\.0\.0\.1:\d+)/sparql", line)
            if not m:
                sys.exit(f"kg serve did not start: {line!r}")
            url = m.group(1)
            with httpx.Client(base_url=url, trust_env=False) as http:
                triples = http.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"}).json()
            n = triples["results"]["bindings"][0]["n"]["value"]
            results: list[tuple[str, float, str]] = []
            budget = [args.max_requests]

            async def run() -> float:
                start = time.monotonic()
                deadline = start + args.seconds
                await asyncio.gather(*(client(url, deadline, args.orgs, i, results, budget)
                                       for i in range(args.clients)))
                return time.monotonic() - start

            elapsed = asyncio.run(run())
        finally:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()

    rows = report(results, elapsed)
    errors = Counter(r[2] for r in results if r[2] != "ok")
    lines = [f"{args.clients} clients for {elapsed:.1f} s on 127.0.0.1, a store of {n} triples "
             f"({args.documents} documents, {args.people} people, {args.orgs} organisations)", "",
             f"Machine: {machine()}.", "",
             "| queries | requests | per second | p50 ms | p99 ms | errors |", "|---|---:|---:|---:|---:|---:|"]
    lines += [f"| {k} | {c:,} | {t:.0f} | {p50:.1f} | {p99:.1f} | {e} |" for k, c, t, p50, p99, e in rows]
    if errors:
        lines += ["", "Errors: " + ", ".join(f"{k} x{v}" for k, v in errors.most_common())]
    text = "\n".join(lines) + "\n"
    sys.stdout.write(text)
    if args.write:
        with args.write.open("a", encoding="utf-8") as f:
            f.write(text + "\n")
    if statistics.fmean(1 if r[2] == "ok" else 0 for r in results or [("", 0, "none")]) < 1:
        sys.exit(1)


if __name__ == "__main__":
    main()
