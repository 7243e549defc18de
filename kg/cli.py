"""The command line: a thin layer over the library. Errors are one line on stderr.

No `from __future__ import annotations` here: typer would evaluate every annotation string of every
command at each start (8 ms of a 50 ms `kg query`). Heavy imports (rich, the library) happen in the
commands that use them."""

import logging
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup

from kg.entry import QUERY_DEFAULTS, out, run_query_command
from kg.entry import exit_now as _exit
from kg.entry import fail as _fail
from kg.errors import KGError


def _plain_flags(params: list[Any]) -> list[Any]:
    """Help that shows a flag as a flag: typer labels an option that takes no value `<bool>`."""
    for p in params:
        if getattr(p, "is_flag", False) and p.metavar is None:
            p.metavar = ""
    return params


class _Group(TyperGroup):
    def get_params(self, ctx: Any) -> list[Any]:
        return _plain_flags(super().get_params(ctx))


class _Command(TyperCommand):
    def get_params(self, ctx: Any) -> list[Any]:
        return _plain_flags(super().get_params(ctx))


if TYPE_CHECKING:
    from kg.progress import Progress

app = typer.Typer(add_completion=False, no_args_is_help=True, cls=_Group,
                  help="kg: English news in, an RDF knowledge graph out.")


STATE = {"verbose": False}


def _set_verbose(value: bool) -> None:
    """--verbose, before or after the subcommand: tracebacks and progress logs."""
    if value:
        STATE["verbose"] = True
        logging.getLogger().setLevel(logging.INFO)


Verbose = Annotated[bool, typer.Option("--verbose", "-v", callback=_set_verbose, is_eager=True,
                                       help="Show tracebacks and progress logs.")]


def _version(value: bool) -> None:
    if value:
        from kg import __version__

        out.print(f"kg {__version__}", markup=False, highlight=False)
        raise typer.Exit()


@app.callback()
def _main(verbose: Verbose = False,
          version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                                help="Print kg's version and exit.")] = False,
          ) -> None:
    logging.basicConfig(level=logging.INFO if STATE["verbose"] else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")


def _progress(quiet: bool) -> "Progress":
    """A rich bar on a terminal, plain lines when stdout is a pipe or a file, nothing with --quiet."""
    from kg.progress import PlainProgress, Progress, RichProgress

    if quiet:
        return Progress()
    if out.is_terminal:
        return RichProgress(out)
    return PlainProgress(sys.stdout)


@app.command(cls=_Command)
def build(
    inputs: Annotated[list[str], typer.Argument(help=".txt, .md (Markdown), .html files, folders of them, "
                                                                ".jsonl files, or - for stdin.")],
    out_dir: Annotated[Path, typer.Option("--out", help="Output folder.")] = Path("output"),
    no_html: Annotated[bool, typer.Option("--no-html", help="Do not write graph.html.")] = False,
    model: Annotated[str | None, typer.Option("--model", help="spaCy model name or path.")] = None,
    base_iri: Annotated[str | None, typer.Option("--base-iri", help="Base IRI of entities and documents.")] = None,
    replace: Annotated[bool, typer.Option("--replace", help="Replace what --out holds instead of adding to it.")
                       ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors.")] = False,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Parse in this many processes (the same "
                                                                 "output as one).")] = 1,
    store: Annotated[str, typer.Option("--store", help="Where the graph is kept: disk (the folder's store/), "
                                                       "memory, or a SPARQL server sparql+http://HOST:PORT/PATH "
                                                       "written as well as the folder.")] = "disk",
    engine: Annotated[str, typer.Option("--engine", help="local (this machine) or dask (a dask.distributed "
                                                         "cluster; needs the extra dask).")] = "local",
    scheduler: Annotated[str | None, typer.Option("--scheduler", help="With --engine dask: the scheduler, "
                                                                      "tcp://HOST:PORT (default: a local cluster "
                                                                      "of --workers processes).")] = None,
    verbose: Verbose = False,
) -> None:
    """Build the knowledge graph of INPUT... into --out, adding to what it holds (a document with an id
    it holds already replaces it)."""
    from kg.ontology import DEFAULT_BASE
    from kg.pipeline import build as run_build

    res = run_build(inputs, out=out_dir, model=model, base=base_iri or DEFAULT_BASE, html=not no_html,
                    replace=replace, progress=_progress(quiet), workers=workers, store=store, engine=engine,
                    scheduler=scheduler)
    if quiet:
        return
    docs = "document" if res.documents == 1 else "documents"
    held = f" ({res.total} documents in {out_dir})" if res.total != res.documents else ""
    _written(f"{res.documents} {docs}{held}, {res.entities} entities, {res.triples} triples", res.files)


def _written(summary: str, files: Iterable[Path]) -> None:
    """What a command that writes a build folder made: a line, then the files."""
    out.print(summary, markup=False, highlight=False)
    for f in files:
        out.print(f"  wrote {f}", markup=False, highlight=False)


@app.command(cls=_Command)
def load(
    files: Annotated[list[Path], typer.Argument(help="RDF files: .ttl, .nt, .trig, .nq, .jsonld, .rdf.")],
    out_dir: Annotated[Path, typer.Option("--out", help="Output folder (a build folder, or a new one).")
                       ] = Path("output"),
    no_html: Annotated[bool, typer.Option("--no-html", help="Do not write graph.html.")] = False,
    replace: Annotated[bool, typer.Option("--replace", help="Replace what --out holds instead of adding to it.")
                       ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors.")] = False,
    verbose: Verbose = False,
) -> None:
    """Add RDF files to a build folder: each file's triples in a named graph of its own (its file: IRI),
    its named graphs as they are, and all of them in the merged graph."""
    from kg.load import load as run_load

    res = run_load(files, out=out_dir, html=not no_html, replace=replace, progress=_progress(quiet))
    if quiet:
        return
    _written(f"{res.files} files, {res.quads} quads in {res.graphs} graphs ({res.triples} triples in {out_dir})",
             res.written)


@app.command(cls=_Command)
def remove(
    ids: Annotated[list[str] | None, typer.Option("--id", help="The id of a document to remove (repeatable).")
                   ] = None,
    graphs: Annotated[list[str] | None, typer.Option("--graph", help="The IRI of a graph kg load added "
                                                                     "(repeatable).")] = None,
    data: Annotated[Path, typer.Option("--data", help="A build folder.")] = Path("output"),
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors.")] = False,
    store: Annotated[str, typer.Option("--store", help="disk, memory, or the SPARQL server the folder was "
                                                       "built into (sparql+http://...).")] = "disk",
    verbose: Verbose = False,
) -> None:
    """Remove documents (or loaded graphs) from a build folder, and what only they said."""
    from kg.pipeline import remove as run_remove

    if not ids and not graphs:
        raise typer.BadParameter("give at least one --id or --graph")
    res = run_remove(ids or [], data=data, graphs=graphs or [], progress=_progress(quiet), store=store)
    if not quiet:
        out.print(f"removed {res.removed}, {res.documents} documents and {res.triples} triples left in {data}",
              markup=False, highlight=False)


@app.command(cls=_Command)
def query(
    sparql: Annotated[str, typer.Argument(help="SPARQL text or a .rq file.")],
    data: Annotated[str, typer.Option("--data", help="A build folder, an RDF file, or a SPARQL server "
                                                     "(sparql+http://HOST:PORT/PATH).")] = QUERY_DEFAULTS["data"],
    fmt: Annotated[str, typer.Option("--format", help="table, csv, tsv or json.")] = QUERY_DEFAULTS["fmt"],
    timeout: Annotated[float, typer.Option("--timeout", min=0, help="Stop the query after this many seconds "
                                                                     "(0: no limit).")] = QUERY_DEFAULTS["timeout"],
    limit_rows: Annotated[int, typer.Option("--limit-rows", min=1, help="Refuse a result of more rows (or "
                                                                         "triples) than this.")
                          ] = QUERY_DEFAULTS["limit_rows"],
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Parse an RDF file --data in memory instead of "
                                                              "loading it once into the cache (kg cache).")
                        ] = QUERY_DEFAULTS["no_cache"],
    verbose: Verbose = False,
) -> None:
    """Run a read-only SPARQL query; plain patterns see the union of all documents. (Its plain form starts
    without typer: kg/entry.py.)"""
    run_query_command(sparql, data=data, fmt=fmt, timeout=timeout, limit_rows=limit_rows, no_cache=no_cache)


cache_app = typer.Typer(no_args_is_help=True, cls=_Group,
                        help="The cache of RDF files kg query has loaded into stores (KG_CACHE_DIR, else "
                             "$XDG_CACHE_HOME/kg or ~/.cache/kg; the 8 most recently used are kept, "
                             "KG_CACHE_ENTRIES to change).")
app.add_typer(cache_app, name="cache")


@cache_app.command("list", cls=_Command)
def cache_list(verbose: Verbose = False) -> None:
    """List the cached stores, the most recently used first."""
    from kg.cache import cache_dir, entries

    items = entries()
    for e in items:
        out.print(f"{e.size / 2**20:9.1f} MiB  {e.source}", markup=False, highlight=False)
    out.print(f"{len(items)} stores in {cache_dir()}", markup=False, highlight=False)


@cache_app.command("clear", cls=_Command)
def cache_clear(verbose: Verbose = False) -> None:
    """Remove every cached store (one that a running kg reads stays until it ends)."""
    from kg.cache import cache_dir, clear

    out.print(f"removed {clear()} stores from {cache_dir()}", markup=False, highlight=False)


@app.command(cls=_Command)
def serve(
    data: Annotated[Path, typer.Option("--data", help="A build folder or an RDF file.")] = Path("output"),
    host: Annotated[str, typer.Option("--host", help="The address to listen on (only this machine by "
                                                     "default).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="The port (0: a free one).")] = 7878,
    timeout: Annotated[float, typer.Option("--timeout", min=0, help="Stop a query after this many seconds "
                                                                     "(0: no limit).")] = 60,
    limit_rows: Annotated[int, typer.Option("--limit-rows", min=1, help="Refuse a result of more rows "
                                                                         "(or triples) than this.")] = 1_000_000,
    allow_service: Annotated[bool, typer.Option("--allow-service", help="Let queries call other endpoints "
                                                                         "(SERVICE).")] = False,
    cors: Annotated[list[str] | None, typer.Option("--cors", help="An origin whose pages may read answers "
                                                                  "(repeatable; none by default).")] = None,
    verbose: Verbose = False,
) -> None:
    """Serve a read-only SPARQL endpoint at /sparql and a query page at /."""
    try:
        from kg.serve import Settings
        from kg.serve import serve as run_serve
    except ModuleNotFoundError as e:
        raise KGError("E576", f"kg serve needs the serve extra: pip install 'kg[serve]' ({e.name} is missing)") from e

    def ready(url: str) -> None:
        out.print(f"kg serve: {url}/sparql (query page {url}/), Ctrl-C stops", markup=False, highlight=False)

    settings = Settings(timeout=timeout or None, max_rows=limit_rows, allow_service=allow_service,
                        cors=tuple(cors or ()))
    try:
        run_serve(data, settings, host=host, port=port, verbose=STATE["verbose"], ready=ready)
    except KeyboardInterrupt:  # the way to stop a server, not an error
        pass
    out.print("kg serve: stopped", markup=False, highlight=False)
    _exit(0)


@app.command(cls=_Command)
def export(
    data: Annotated[Path, typer.Option("--data", help="A build folder or an RDF file.")] = Path("output"),
    fmt: Annotated[str, typer.Option("--format", help="turtle, trig, nt, nq or jsonld.")] = "turtle",
    output: Annotated[Path | None, typer.Option("-o", "--output", help="File to write (default: stdout).")] = None,
    verbose: Verbose = False,
) -> None:
    """Export the graph in another RDF format."""
    from kg.store import export as run_export

    run_export(data, fmt, output)
    if output is not None:
        out.print(f"wrote {output}", markup=False, highlight=False)


@app.command(cls=_Command)
def viz(
    data: Annotated[Path, typer.Option("--data", help="A build folder or an RDF file.")] = Path("output"),
    output: Annotated[Path, typer.Option("-o", "--output", help="The HTML file to write.")] = Path("graph.html"),
    query: Annotated[str | None, typer.Option("--query", help="A CONSTRUCT query (.rq file or text): "
                                                               "the subgraph to draw.")] = None,
    focus: Annotated[str | None, typer.Option("--focus", help="Draw the neighbourhood of the entity with "
                                                               "this name.")] = None,
    depth: Annotated[int, typer.Option("--depth", min=0, help="How many relations away from --focus.")] = 1,
    title: Annotated[str | None, typer.Option("--title", help="The page title.")] = None,
    timeout: Annotated[float, typer.Option("--timeout", min=0, help="Stop the --query after this many seconds "
                                                                     "(0: no limit).")] = 60,
    limit_rows: Annotated[int, typer.Option("--limit-rows", min=1, help="Refuse a --query result of more "
                                                                         "triples than this.")] = 1_000_000,
    verbose: Verbose = False,
) -> None:
    """Write the interactive HTML graph of a build or an RDF file."""
    from kg.query import construct
    from kg.store import load_graph
    from kg.viz import select, write_html

    graph = load_graph(data)
    if query is not None or focus is not None:
        chosen = construct(query, data, timeout=timeout or None, max_triples=limit_rows) if query is not None else None
        graph = select(graph, chosen=chosen, focus=focus, depth=depth)
    write_html(graph, output, title=title or f"kg \u2014 {data.name or data}")
    out.print(f"wrote {output}", markup=False, highlight=False)


@app.command(cls=_Command)
def stats(
    data: Annotated[Path, typer.Option("--data", help="A build folder or an RDF file.")] = Path("output"),
    top: Annotated[int, typer.Option("--top", min=0, help="How many top entities to list.")] = 10,
    verbose: Verbose = False,
) -> None:
    """Counts by class and relation, top entities by degree and PageRank, connected components."""
    from kg.stats import format_stats, graph_stats
    from kg.store import load_graph

    sys.stdout.write(format_stats(graph_stats(load_graph(data), top=top)) + "\n")


@app.command("eval", cls=_Command)
def eval_(
    gold: Annotated[Path, typer.Option("--gold", help="Gold JSONL: id, text, entities, triples.")],
    dataset: Annotated[str | None, typer.Option("--dataset", help="news (kg's vocabulary), webnlg or conll04; "
                                                                 "detected from the gold when omitted.")] = None,
    errors: Annotated[int, typer.Option("--errors", help="How many errors to list.")] = 30,
    model: Annotated[str | None, typer.Option("--model", help="spaCy model name or path.")] = None,
    verbose: Verbose = False,
) -> None:
    """Build the gold texts and print P/R/F1 per predicate, entities, and the errors."""
    from kg.evaluate import evaluate, format_report

    sys.stdout.write(format_report(evaluate(gold, dataset=dataset, model=model), errors=errors) + "\n")


def main() -> None:
    """Entry point of the `kg` console script."""
    try:
        # typer turns Ctrl-C into Exit(130), which standalone_mode=False returns instead of raising
        code = app(args=sys.argv[1:] or ["--help"], standalone_mode=False)
    except KGError as e:
        if STATE["verbose"]:
            raise
        _fail(str(e), 1)
    except (typer.Abort, KeyboardInterrupt):
        _fail("interrupted", 130)
    except Exception as e:
        # usage errors of the click layer (typer bundles its own copy of click: duck-typed)
        if hasattr(e, "format_message") and isinstance(getattr(e, "exit_code", None), int):
            _fail(f"{e.format_message()} (see kg --help)", e.exit_code or 2)  # type: ignore[attr-defined]
        if STATE["verbose"]:
            raise
        _fail(f"unexpected {type(e).__name__}: {e} (run with --verbose for details)", 2)
    if code == 130:
        _fail("interrupted", 130)
    if isinstance(code, int) and code:
        sys.exit(code)
