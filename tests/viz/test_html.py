from __future__ import annotations

import base64
import hashlib
import html
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Graph

import kg.viz.html as viz_html
from kg.errors import OutputError
from kg.viz import render_html, to_iframe, write_html
from tests.viz.kgdata import IMG_XSS, SCRIPT_XSS, SENTENCE_XSS

SCRIPT = re.compile(r"<script([^>]*)>(.*?)</script>", re.S)


def scripts(page: str) -> list[tuple[str, str]]:
    return SCRIPT.findall(page)


def data_of(page: str) -> dict:
    (body,) = [body for attrs, body in scripts(page) if 'type="application/json"' in attrs]
    return json.loads(body)


def test_render_html_is_deterministic(dataset: Dataset, graph: Graph) -> None:
    page = render_html(dataset, title="t")
    assert render_html(dataset, title="t") == page
    assert render_html(graph, title="t") == page  # a Dataset is drawn as the union of its graphs


def test_render_html_csp_allows_exactly_the_inline_scripts(dataset: Dataset) -> None:
    page = render_html(dataset)
    (csp,) = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page)
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["default-src"] == "'none'"
    assert directives["img-src"] == "data:"
    assert directives["base-uri"] == "'none'"
    executable = [body for attrs, body in scripts(page) if "type=" not in attrs]
    assert len(executable) == 2
    hashes = {
        f"'sha256-{base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()}'" for body in executable
    }
    assert set(directives["script-src"].split()) == hashes
    assert "unsafe-inline" not in directives["script-src"]


def test_render_html_links_nothing_outside(dataset: Dataset) -> None:
    page = render_html(dataset)
    markup = re.sub(r"<(script|style)\b[^>]*>.*?</\1>", "", page, flags=re.S)
    assert not re.search(r"""\b(src|href|action)\s*=""", markup, re.I)
    assert not re.search(r"<(link|img|iframe|object|embed|base|form)\b", markup, re.I)
    (style,) = re.findall(r"<style>(.*?)</style>", page, re.S)
    assert "@import" not in style and "url(" not in style
    assert "node_modules" not in page and "cdn" not in markup.lower()  # what pyvis's own page links


def test_render_html_data_cannot_break_out(dataset: Dataset) -> None:
    page = render_html(dataset, title=SCRIPT_XSS)
    for raw in (IMG_XSS, SCRIPT_XSS, "<script>alert(3)</script>", "\u2028"):
        assert raw not in page
    assert page.count("</script") == 3  # the three script elements of the template, no more
    assert "<title>&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;</title>" in page
    data = data_of(page)
    labels = {n["label"] for n in data["nodes"]}
    assert {IMG_XSS, SCRIPT_XSS} <= labels  # the names survive, as data
    assert data["title"] == SCRIPT_XSS
    sentences = [ev[0] for e in data["edges"] for ev in e.get("ev", [])]
    assert SENTENCE_XSS in sentences


def test_render_html_embeds_what_the_panel_needs(dataset: Dataset) -> None:
    data = data_of(render_html(dataset))
    names = [n["label"] for n in data["nodes"]]
    nasa = data["nodes"][names.index("National Aeronautics and Space Administration")]
    assert nasa["alt"] == ["NASA"]
    assert data["docs"][0][:2] == ["roscosmos-nasa-2025-08-01", "Roscosmos and NASA heads meet"]
    assert data["physics"] is True and data["large"] is False
    assert all(isinstance(n["x"], int) and isinstance(n["y"], int) for n in data["nodes"])


def test_render_html_large_graph_turns_physics_off(monkeypatch: pytest.MonkeyPatch, dataset: Dataset) -> None:
    monkeypatch.setattr(viz_html, "PHYSICS_MAX_NODES", 5)
    monkeypatch.setattr(viz_html, "LARGE_NODES", 5)
    data = data_of(render_html(dataset))
    assert data["physics"] is False and data["large"] is True


def test_write_html_writes_atomically(tmp_path: Path, dataset: Dataset) -> None:
    target = tmp_path / "graph.html"
    target.write_text("old", encoding="utf-8")
    write_html(dataset, target, title="t")
    assert target.read_text(encoding="utf-8") == render_html(dataset, title="t")
    assert [p.name for p in tmp_path.iterdir()] == ["graph.html"]
    assert oct(target.stat().st_mode & 0o777) == oct(0o644)


def test_write_html_reports_unwritable_path(tmp_path: Path, dataset: Dataset) -> None:
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    with pytest.raises(OutputError, match="E651"):
        write_html(dataset, tmp_path / "a-file" / "graph.html")  # a folder that cannot be made
    assert [p.name for p in tmp_path.iterdir()] == ["a-file"]


def test_write_html_makes_missing_folders(tmp_path: Path, dataset: Dataset) -> None:
    write_html(dataset, tmp_path / "new" / "graph.html")
    assert (tmp_path / "new" / "graph.html").is_file()


def test_write_html_leaves_old_file_when_rendering_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dataset: Dataset
) -> None:
    target = tmp_path / "graph.html"
    target.write_text("old", encoding="utf-8")

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OutputError, match="No space left"):
        write_html(dataset, target)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.html"]


def test_vis_js_comes_from_pyvis_and_missing_pyvis_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    viz_html._vis_js.cache_clear()
    try:
        assert "vis-network" in viz_html._vis_js()[:300]
        monkeypatch.setattr(viz_html.importlib.util, "find_spec", lambda name: None)
        viz_html._vis_js.cache_clear()
        with pytest.raises(OutputError, match="pyvis"):
            viz_html._vis_js()
    finally:
        viz_html._vis_js.cache_clear()


@pytest.mark.parametrize("bad", ["a</script>b", "x<!--y", "p</STYLE>"])
def test_check_inline_refuses_what_could_end_the_element(bad: str) -> None:
    with pytest.raises(OutputError, match="E653"):
        viz_html._check_inline("asset.js", bad)


def test_to_iframe_sandboxes_the_page(dataset: Dataset) -> None:
    frame = to_iframe(dataset, title='a "b" <c>', height=500)
    (srcdoc,) = re.findall(r'srcdoc="([^"]*)"', frame)
    assert html.unescape(srcdoc) == render_html(dataset, title='a "b" <c>')
    assert frame.startswith(
        '<div class="kg-graph"><iframe sandbox="allow-scripts" title="a &quot;b&quot; &lt;c&gt;"'
    )
    assert "allow-same-origin" not in frame and "height: 500px" in frame
    assert frame.count("<") == 4  # the div and iframe tags: the page inside is all escaped


def test_render_html_is_byte_identical_across_processes(tmp_path: Path) -> None:
    script = (
        "import sys; from rdflib import Dataset; from tests.viz.kgdata import build; "
        "from kg.viz import write_html; ds = Dataset(); build(ds); write_html(ds, sys.argv[1])"
    )
    root = Path(__file__).resolve().parents[2]
    pages = []
    for seed in ("1", "2"):
        out = tmp_path / f"page-{seed}.html"
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(root)}
        subprocess.run([sys.executable, "-c", script, str(out)], check=True, cwd=root, env=env)
        pages.append(out.read_bytes())
    assert pages[0] == pages[1]
