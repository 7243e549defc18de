"""The `kg` console script. The commands are kg/cli.py's (typer); this module adds the one path that must
start fast: `kg query SPARQL [--data D] [--format F] [--timeout S] [--limit-rows N] [--no-cache]` is run
without importing typer, whose import and command building cost more than a selective query on a store
(bench/README.md). Only that exact form takes the short path: any other argument, a repeated option, a
value typer would refuse, `--help`, `-v` … goes to typer, which parses it and reports its errors as
before. Both paths run `run_query_command` with the same defaults (QUERY_DEFAULTS, which kg/cli.py
declares too); tests/test_startup.py checks that they read every form alike.

Never imports typer, rich (but to draw a table or an error), rdflib or spaCy.

>>> parse_query_args(["query", "ASK { ?s ?p ?o }", "--format", "csv"])["fmt"]
'csv'
>>> parse_query_args(["query", "ASK { ?s ?p ?o }", "--help"]) is None
True
"""

from __future__ import annotations

import math
import os
import sys
from typing import Any, NoReturn

from kg.errors import KGError

QUERY_DEFAULTS: dict[str, Any] = {"data": "output", "fmt": "table", "timeout": 60, "limit_rows": 1_000_000,
                                  "no_cache": False}
_VALUED = {"--data": "data", "--format": "fmt", "--timeout": "timeout", "--limit-rows": "limit_rows"}
_FLAGS = {"--no-cache": "no_cache"}


class Console:
    """A rich Console made at its first use: importing rich costs more than a small query, and
    `kg query --format csv` never prints through it."""

    def __init__(self, **options: Any) -> None:
        self._options = options
        self._console: Any = None

    def __getattr__(self, name: str) -> Any:
        if self._console is None:
            from rich.console import Console as RichConsole

            self._console = RichConsole(**self._options)
        return getattr(self._console, name)


err = Console(stderr=True)
out = Console()


def parse_query_args(argv: list[str]) -> dict[str, Any] | None:
    """The arguments of `kg query` in its plain form, or None for anything typer must read."""
    if len(argv) < 2 or argv[0] != "query":
        return None
    args: dict[str, Any] = {}
    positional: list[str] = []
    i = 1
    while i < len(argv):
        a = argv[i]
        if a in _VALUED and i + 1 < len(argv) and _VALUED[a] not in args and not argv[i + 1].startswith("-"):
            args[_VALUED[a]] = argv[i + 1]
            i += 2
        elif a in _FLAGS and _FLAGS[a] not in args:
            args[_FLAGS[a]] = True
            i += 1
        elif a.startswith("-") or positional:  # an option typer knows (or not), or a second argument
            return None
        else:
            positional.append(a)
            i += 1
    if not positional:
        return None
    try:
        if "timeout" in args:
            args["timeout"] = float(args["timeout"])
            if not args["timeout"] >= 0 or math.isinf(args["timeout"]):
                return None
        if "limit_rows" in args:
            args["limit_rows"] = int(args["limit_rows"])
            if args["limit_rows"] < 1:
                return None
    except ValueError:
        return None
    return {**QUERY_DEFAULTS, **args, "sparql": positional[0]}


def run_query_command(sparql: str, *, data: str, fmt: str, timeout: float, limit_rows: int, no_cache: bool) -> None:
    """What `kg query` does: answer on stdout, as a table or in a W3C result format. `data`: a build
    folder, an RDF file, or a SPARQL server (sparql+http(s)://..., asked by kg/stores.py); a string, not a
    Path, which would collapse the // of a URL."""
    from kg.query import query_table, run_query
    from kg.store import open_data

    store: Any = data if data.startswith(("sparql+http://", "sparql+https://")) else open_data(data, cache=not no_cache)
    if fmt == "table":
        t = query_table(sparql, store, timeout=timeout or None, max_rows=limit_rows)
        from rich.table import Table as RichTable
        from rich.text import Text

        table = RichTable(*t.columns, show_lines=False)
        for row in t.rows:
            table.add_row(*(Text(c if len(c) <= 80 else c[:79] + "\u2026") for c in row))
        out.print(table)
        out.print(f"{len(t.rows)} rows")
    else:
        sys.stdout.write(run_query(sparql, store, fmt=fmt, timeout=timeout or None, max_rows=limit_rows))


def fail(message: str, code: int) -> NoReturn:
    """One line on stderr; the message is text, never rich markup (paths and names hold brackets)."""
    from rich.text import Text

    line = Text("error: ", style="red")
    line.append(" ".join(message.split()))
    err.print(line, highlight=False, soft_wrap=True)
    exit_now(code)


def exit_now(code: int) -> NoReturn:
    """Exit; at once when a query stopped by its timeout or Ctrl-C still runs in its thread: it is not
    waited for, and the engine is not shut down under it."""
    query = sys.modules.get("kg.query")
    if query is not None and query.abandoned_queries():
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    sys.exit(code)


def main() -> None:
    """Entry point of the `kg` console script."""
    args = parse_query_args(sys.argv[1:])
    if args is None:
        from kg.cli import main as typer_main

        typer_main()
        return
    try:  # no logging set up (its import costs): a warning is printed plainly by Python's last resort
        run_query_command(args.pop("sparql"), **args)
    except KGError as e:
        fail(str(e), 1)
    except KeyboardInterrupt:
        fail("interrupted", 130)
    except Exception as e:
        fail(f"unexpected {type(e).__name__}: {e} (run with --verbose for details)", 2)
    exit_now(0)
