"""Lean start-up: `kg --help`, `kg query` on a build's store and `kg export` of a build import only what
they use (no rdflib, its SPARQL grammar or pyparsing, no spaCy, no pydantic), checked on the modules a
real `kg` process imports (`python -X importtime`), and on the module-level imports of the modules they load."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kg.model import Document, Entity, Evidence, Extraction, Relation
from kg.rdf import to_dataset
from kg.store import write_outputs

KG = Path(__file__).resolve().parent.parent / "kg"
HEAVY = ("rdflib", "pyparsing", "spacy", "thinc", "networkx", "pyvis", "scipy", "pydantic")
EV = Evidence(doc_id="a", sentence="s", start=0, end=1, rule="r", confidence=0.5)


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("build")
    x = Extraction(Document(id="a", text=""), (Entity("person/p", "P", "Person"), Entity("organization/o", "O", "SpaceAgency")),
                   (Relation("person/p", "heads", "organization/o", EV),))
    write_outputs(to_dataset([x]), out, html=False)
    return out


def imported(*args: str) -> tuple[set[str], str]:
    """The top-level packages a `kg ARGS...` process imports, and its stdout."""
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "kg", *args], capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 0, proc.stderr[-2000:]
    names = re.findall(r"^import time:\s+\d+ \|\s+\d+ \|\s*([\w.]+)$", proc.stderr, flags=re.MULTILINE)
    assert "kg.entry" in names  # the output was read
    return {n.split(".")[0] for n in names}, proc.stdout


@pytest.mark.parametrize("args", [
    ["--help"],
    ["query", "SELECT ?s WHERE { ?s kg:heads ?o }"],
    ["query", "SELECT ?s WHERE { ?s kg:heads ?o }", "--format", "csv"],
    ["query", "ASK { ?s kg:heads ?o }", "--format", "json"],
    ["query", "CONSTRUCT { ?s kg:heads ?o } WHERE { ?s kg:heads ?o }"],
    ["export", "--format", "nt"],
])
def test_lean_commands_import_no_heavy_package(build: Path, args: list[str]) -> None:
    if args != ["--help"]:
        args = [*args, "--data", str(build)]
    names, out = imported(*args)
    assert not names & set(HEAVY), sorted(names & set(HEAVY))
    assert out  # it did its work
    if args[0] == "export" or "csv" in args or "json" in args:
        assert "rich" not in names  # only tables, help and errors are drawn by rich
    if args[0] == "query":
        assert "typer" not in names  # the short path (kg/entry.py)


def test_query_of_an_rdf_file_through_the_cache_imports_no_heavy_package(build: Path, tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "cache"))
    f = tmp_path / "g.nt"
    f.write_text("<urn:a> <urn:p> <urn:b> .\n", encoding="utf-8")
    for _ in ("made", "read"):
        names, out = imported("query", "SELECT ?o WHERE { ?s <urn:p> ?o }", "--data", str(f), "--format", "csv")
        assert not names & set(HEAVY), sorted(names & set(HEAVY))
        assert out.splitlines()[1] == "urn:b"


def test_a_query_that_names_service_is_still_parsed(build: Path) -> None:
    """The SERVICE check parses the texts that hold the word: rdflib's grammar is loaded for them."""
    names, out = imported("query", "PREFIX service: <urn:x:> ASK { ?s service:p ?o }", "--data", str(build))
    assert "rdflib" in names and "false" in out


def module_imports(path: Path) -> set[str]:
    """What a module imports when it is imported: its top-level statements, not those inside functions
    or under `if TYPE_CHECKING:`."""
    out: set[str] = set()
    todo = list(ast.parse(path.read_text(encoding="utf-8")).body)
    while todo:
        node = todo.pop()
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            out.add(node.module)
        elif isinstance(node, ast.If) and not (isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"):
            todo.extend(node.body + node.orelse)
        elif isinstance(node, ast.Try):
            todo.extend(node.body + node.orelse + node.finalbody)
    return out


def closure(module: str) -> set[str]:
    """The modules importing `module` loads, following kg's own modules."""
    seen: set[str] = set()
    todo = [module]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        if name.split(".")[0] != "kg":
            continue
        parts = name.split(".")[1:]
        path = KG.joinpath(*parts).with_suffix(".py")
        if not path.is_file():
            path = KG.joinpath(*parts, "__init__.py")
        if path.is_file():
            todo.extend(module_imports(path))
    return seen


@pytest.mark.parametrize("module", ["kg.cli", "kg.query", "kg.store", "kg.namespaces"])
def test_query_side_modules_import_nothing_heavy_at_import_time(module: str) -> None:
    heavy = {m for m in closure(module) if m.split(".")[0] in HEAVY}
    assert not heavy, heavy


# `kg query` in its plain form starts without typer (kg/entry.py): it must read every form as typer does
ASK = "ASK { ?s ?p ?o }"


@pytest.mark.parametrize("argv", [
    ["query", ASK],
    ["query", ASK, "--format", "csv", "--data", "d", "--timeout", "0", "--limit-rows", "5", "--no-cache"],
    ["query", "--data", "d", ASK, "--timeout", "1.5"],
    ["query", "--no-cache", "--timeout", "1e3", ASK, "--format", "json"],
    ["query", "queries/who-heads-what.rq", "--limit-rows", "0012"],
])
def test_the_short_path_reads_arguments_as_typer_does(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.cli
    from kg.entry import parse_query_args

    seen: list[dict[str, object]] = []
    monkeypatch.setattr(kg.cli, "run_query_command", lambda sparql, **kw: seen.append({"sparql": sparql, **kw}))
    kg.cli.app(args=argv, standalone_mode=False)
    assert parse_query_args(argv) == seen[0]


@pytest.mark.parametrize("argv", [
    ["query", ASK, "--help"], ["query", ASK, "-v"], ["-v", "query", ASK], ["query"], ["query", ASK, "other"],
    ["query", ASK, "--timeout", "-1"], ["query", ASK, "--timeout", "nan"], ["query", ASK, "--timeout", "inf"],
    ["query", ASK, "--limit-rows", "0"], ["query", ASK, "--limit-rows", "1.5"], ["query", ASK, "--data"],
    ["query", ASK, "--data", "a", "--data", "b"], ["query", ASK, "--data=a"], ["query", ASK, "--data", "--format"],
    ["query", "-", "--data", "a"], ["query", "--", ASK], ["query", ASK, "--formats", "csv"], ["export", "--data", "a"],
])
def test_every_other_form_goes_to_typer(argv: list[str]) -> None:
    from kg.entry import parse_query_args

    assert parse_query_args(argv) is None


@pytest.mark.parametrize("args", [
    ["SELECT ?s WHERE { ?s kg:heads ?o }", "--format", "csv"],
    ["SELECT ?s WHERE { ?s kg:heads ?o }"],
    ["ASK { ?s kg:heads ", "--format", "csv"],
    ["ASK { ?s ?p ?o }", "--format", "xml"],
])
def test_the_short_path_answers_as_typer_does(build: Path, tmp_path: Path, args: list[str]) -> None:
    def run(code: str, *argv: str) -> tuple[int, str, str]:
        p = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, timeout=60,
                           env={**__import__("os").environ, "COLUMNS": "100"})
        return p.returncode, p.stdout, p.stderr

    argv = ["query", *args, "--data", str(build)]
    short = run("import sys; sys.argv[0] = 'kg'; from kg.entry import main; main()", *argv)
    full = run("import sys; sys.argv[0] = 'kg'; from kg.cli import main; main()", *argv)
    assert short == full
    assert short[0] == 0 or short[2].startswith("error: E5")
