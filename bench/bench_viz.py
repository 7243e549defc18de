"""Benchmark of the HTML graph: write time in Python and drawing time in headless Chromium.

Builds a random graph in the shape of docs/rdf-model.md (by default 5,000 entities and 20,000
relations, each relation with a statement node and an evidence sentence), writes the page with
`kg.viz.write_html` and opens it several times in headless Chromium (Debian's /usr/bin/chromium,
driven by Playwright, network cut off), timing from navigation start until vis-network has
finished its first drawing (the page sets `body[data-state=ready]` and `window.kgReadyAt`).
Prints the median of each measure.

    python bench/bench_viz.py                      # 5,000 entities, 20,000 relations, 5 runs
    python bench/bench_viz.py --entities 500 --relations 2000 --runs 3
    python bench/bench_viz.py --vocabulary schema  # a schema.org graph: the generic reading
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from rdflib import OWL, RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import SDO

from kg.ontology import KG
from kg.viz import render_html, write_html
from kg.viz.chromium import CHROMIUM, HEADLESS_ARGS
from kg.viz.view import build_view, load_ontology_graph

RES = Namespace("https://w3id.org/kg/resource/")
PROV = Namespace("http://www.w3.org/ns/prov#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
ARGS = HEADLESS_ARGS


def random_graph(entities: int, relations: int, *, seed: int = 7) -> Graph:
    """A kg-shaped graph: typed, named entities, relations with evidence, a few documents."""
    rng = random.Random(seed)
    onto = load_ontology_graph()
    classes = sorted(c for c in onto.subjects(KG.color, None) if isinstance(c, URIRef))
    props = sorted(
        p
        for p in onto.subjects(RDF.type, OWL.ObjectProperty)
        if isinstance(p, URIRef)
        and str(p).startswith(str(KG))
        and p not in (KG.holder, KG.roleIn, KG.participant, KG.mentionedIn)
    )
    g = Graph()
    docs = [RES[f"doc/d{i:03d}"] for i in range(50)]
    for i, d in enumerate(docs):
        g.add((d, RDF.type, KG.Document))
        g.add((d, DCTERMS.identifier, Literal(f"d{i:03d}")))
        g.add((d, DCTERMS.title, Literal(f"Document {i}")))
    nodes = [RES[f"thing/e{i:05d}"] for i in range(entities)]
    for i, e in enumerate(nodes):
        g.add((e, RDF.type, rng.choice(classes)))
        g.add((e, RDFS.label, Literal(f"Entity {i}")))
        g.add((e, KG.mentionedIn, rng.choice(docs)))
    seen: set[tuple[int, int]] = set()
    while len(seen) < relations:
        a, b = rng.randrange(entities), rng.randrange(entities)
        if a == b or (a, b) in seen or (b, a) in seen:
            continue
        seen.add((a, b))
        p = rng.choice(props)
        g.add((nodes[a], p, nodes[b]))
        st = RES[f"statement/s{len(seen):06d}"]
        g.add((st, RDF.type, RDF.Statement))
        g.add((st, RDF.subject, nodes[a]))
        g.add((st, RDF.predicate, p))
        g.add((st, RDF.object, nodes[b]))
        g.add((st, PROV.wasDerivedFrom, rng.choice(docs)))
        g.add(
            (
                st,
                PROV.value,
                Literal(f"Entity {a} and Entity {b} were seen together in sentence {len(seen)}."),
            )
        )
        g.add((st, KG.confidence, Literal("0.8", datatype=XSD.decimal)))
        g.add((st, KG.asserted, Literal(True)))
    return g


def random_schema_graph(entities: int, relations: int, *, seed: int = 7) -> Graph:
    """A graph of another vocabulary (schema.org): typed, named nodes and links, no evidence."""
    rng = random.Random(seed)
    classes = [SDO.Person, SDO.Organization, SDO.Place, SDO.Event, SDO.CreativeWork, SDO.Product]
    props = [SDO.knows, SDO.worksFor, SDO.location, SDO.author, SDO.memberOf, SDO.sponsor, SDO.about]
    ex = Namespace("http://example.org/thing/")
    g = Graph()
    nodes = [ex[f"e{i:05d}"] for i in range(entities)]
    for i, e in enumerate(nodes):
        g.add((e, RDF.type, rng.choice(classes)))
        g.add((e, SDO.name, Literal(f"Thing {i}")))
    seen: set[tuple[int, int]] = set()
    while len(seen) < relations:
        a, b = rng.randrange(entities), rng.randrange(entities)
        if a != b and (a, b) not in seen and (b, a) not in seen:
            seen.add((a, b))
            g.add((nodes[a], rng.choice(props), nodes[b]))
    return g


def draw_times(page: Path, runs: int) -> list[float]:
    from playwright.sync_api import Route, sync_playwright

    times: list[float] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for _ in range(runs):
            context = browser.new_context(viewport={"width": 1400, "height": 900})
            tab = context.new_page()
            blocked: list[str] = []

            def cut(route: Route, blocked: list[str] = blocked) -> None:
                if route.request.url.startswith(("file:", "data:")):
                    route.continue_()
                else:
                    blocked.append(route.request.url)
                    route.abort()

            tab.route("**/*", cut)
            tab.goto(page.as_uri())
            tab.wait_for_selector("body[data-state=ready]", timeout=120_000)
            times.append(float(tab.evaluate("window.kgReadyAt")) / 1000)
            if blocked:
                raise SystemExit(f"the page tried to load {blocked[:3]}")
            context.close()
        browser.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--entities", type=int, default=5000)
    parser.add_argument("--relations", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--vocabulary", choices=("kg", "schema"), default="kg")
    args = parser.parse_args()

    t = time.perf_counter()
    make = random_graph if args.vocabulary == "kg" else random_schema_graph
    g = make(args.entities, args.relations)
    build_s = time.perf_counter() - t
    view_s, render_s, write_s = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "graph.html"
        for _ in range(args.runs):
            t = time.perf_counter()
            build_view(g)
            view_s.append(time.perf_counter() - t)
            t = time.perf_counter()
            render_html(g)
            render_s.append(time.perf_counter() - t)
            t = time.perf_counter()
            write_html(g, page)
            write_s.append(time.perf_counter() - t)
        size = page.stat().st_size
        sys.stdout.write(
            f"graph ({args.vocabulary}): {args.entities} entities, {args.relations} relations, {len(g)} triples "
            f"(built in {build_s:.1f} s)\n"
            f"view + layout (median of {args.runs}): {statistics.median(view_s):.2f} s\n"
            f"render_html   (median of {args.runs}): {statistics.median(render_s):.2f} s\n"
            f"write_html    (median of {args.runs}): {statistics.median(write_s):.2f} s, "
            f"{size / 1e6:.1f} MB\n"
        )
        sys.stdout.flush()
        if not Path(CHROMIUM).exists():
            sys.stdout.write(f"{CHROMIUM} not found: no drawing time (apt-get install chromium)\n")
            return
        times = draw_times(page, args.runs)
        sys.stdout.write(
            f"open and draw in Chromium (median of {args.runs}): {statistics.median(times):.2f} s "
            f"(runs: {', '.join(f'{x:.2f}' for x in times)})\n"
        )


if __name__ == "__main__":
    main()
