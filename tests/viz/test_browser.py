"""The page in a real browser: Debian's headless Chromium, driven by Playwright, network cut off."""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from rdflib import Dataset

import kg.viz.html as viz_html
from kg.viz import to_iframe, write_html
from kg.viz.chromium import CHROMIUM as CHROMIUM_PATH
from kg.viz.chromium import HEADLESS_ARGS
from tests.viz.generic import FOAF, SCHEMA_ORG, parse
from tests.viz.kgdata import ENTITIES, IMG_XSS, SCRIPT_XSS, SENTENCE_XSS

CHROMIUM = Path(CHROMIUM_PATH)
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
ARGS = HEADLESS_ARGS

MISSING = ("needs Debian's chromium at /usr/bin/chromium" if not CHROMIUM.exists()
           else "needs the playwright Python package" if importlib.util.find_spec("playwright") is None else None)
if MISSING and os.environ.get("CI", "").lower() == "true":  # CI must run them (.ci/run installs chromium)
    pytest.fail(f"the browser tests cannot run under CI: {MISSING}", pytrace=False)

pytestmark = [pytest.mark.browser, pytest.mark.skipif(MISSING is not None, reason=MISSING or "")]

# Runs before the page's own scripts: records alerts and CSP violations.
WATCH = """
window.__alerts = [];
window.alert = function () { window.__alerts.push(Array.from(arguments).map(String)); };
window.__violations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__violations.push(e.violatedDirective + " " + e.blockedURI);
});
"""


@dataclass
class Opened:
    page: Any
    requests: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def js(self, expression: str) -> Any:
        return self.page.evaluate(expression)

    def search(self, text: str) -> None:
        self.page.fill("#search", text)
        self.page.press("#search", "Enter")
        self.page.wait_for_selector("#panel:not([hidden])")

    def panel(self) -> str:
        return str(self.page.inner_text("#details"))

    def click_node(self, label: str) -> None:
        index = [
            n["label"] for n in self.js("JSON.parse(document.getElementById('kg-data').textContent).nodes")
        ]
        i = index.index(label)
        point = self.js(f"network.canvasToDOM(network.getPositions([{i}])[{i}])")
        box = self.page.locator("#graph").bounding_box()
        self.page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])

    def click_between(self, a: str, b: str) -> None:
        index = [
            n["label"] for n in self.js("JSON.parse(document.getElementById('kg-data').textContent).nodes")
        ]
        i, j = index.index(a), index.index(b)
        pa = self.js(f"network.canvasToDOM(network.getPositions([{i}])[{i}])")
        pb = self.js(f"network.canvasToDOM(network.getPositions([{j}])[{j}])")
        box = self.page.locator("#graph").bounding_box()
        self.page.mouse.click(box["x"] + (pa["x"] + pb["x"]) / 2, box["y"] + (pa["y"] + pb["y"]) / 2)

    def problems(self) -> list[str]:
        return self.requests + self.console + self.dialogs + list(self.js("window.__violations"))


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


def open_page(browser: Any, path: Path) -> Opened:
    context = browser.new_context(viewport={"width": 1400, "height": 860})
    page = context.new_page()
    opened = Opened(page)

    def route(r: Any) -> None:
        if r.request.url.startswith(("file:", "data:")):
            r.continue_()
        else:
            opened.requests.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("console", lambda m: opened.console.append(f"{m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: opened.console.append(f"pageerror: {e}"))
    page.on("dialog", lambda d: (opened.dialogs.append(d.message), d.dismiss()))
    page.add_init_script(WATCH)
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-state=ready]", timeout=15_000)
    return opened


@pytest.fixture
def page_file(tmp_path: Path, dataset: Dataset) -> Path:
    path = tmp_path / "graph.html"
    write_html(dataset, path, title="Roscosmos & NASA")
    return path


@pytest.fixture
def opened(browser: Any, page_file: Path) -> Iterator[Opened]:
    o = open_page(browser, page_file)
    yield o
    o.page.context.close()


def test_page_draws_every_entity_offline(opened: Opened) -> None:
    assert opened.js("network.body.data.nodes.length") == len(ENTITIES)
    assert opened.js("Object.keys(network.body.nodes).length") == len(ENTITIES)
    assert opened.js("network.body.data.edges.length") == 8  # met and docked with: once each
    assert opened.js("document.getElementById('summary').textContent") == (
        "11 entities · 8 relations · 1 document"
    )
    legend = opened.page.inner_text("#classes")
    assert "Space agency" in legend and "Person" in legend
    ARTIFACTS.mkdir(exist_ok=True)
    opened.page.screenshot(path=str(ARTIFACTS / "graph.png"))
    assert opened.problems() == []


def test_page_search_finds_nasa_by_its_other_name(opened: Opened) -> None:
    opened.page.fill("#search", "NASA")
    first = opened.page.locator("#results li").first
    assert first.inner_text().split("\n")[0] == "National Aeronautics and Space Administration"
    opened.page.press("#search", "Enter")
    opened.page.wait_for_selector("#panel:not([hidden])")
    assert opened.page.inner_text("#details h2") == "National Aeronautics and Space Administration"
    names = opened.js("JSON.parse(document.getElementById('kg-data').textContent).nodes.map(n => n.label)")
    selected = opened.js("network.getSelectedNodes()")
    assert [names[i] for i in selected] == ["National Aeronautics and Space Administration"]
    assert "heads" in opened.panel() and "Sean Duffy" in opened.panel()
    assert opened.problems() == []


def test_page_panel_shows_evidence_roles_dates_and_events(opened: Opened) -> None:
    opened.click_node("Soyuz-19")
    opened.page.wait_for_selector("#panel:not([hidden])")
    text = opened.panel()
    assert opened.page.inner_text("#details h2") == "Soyuz-19"
    for expected in (
        "launch date",
        "1975-07-15",
        "Soyuz-19 lifted off on July 15, 1975.",
        "launch of Soyuz-19",
        "docked with",
        "Soyuz-19 docked with Apollo in 1975.",
        "roscosmos-nasa-2025-08-01",
    ):
        assert expected in text
    opened.search("Bakanov")
    text = opened.panel()
    assert "Director General" in text and "Roscosmos Director General Dmitry Bakanov said" in text
    assert "negated" in text  # "did not meet": shown as a denied statement, not an edge
    opened.page.keyboard.press("Escape")
    assert opened.page.locator("#panel").is_hidden()
    opened.page.click("#fit")
    opened.click_between("Soyuz-19", "Apollo")  # a relation: its evidence
    opened.page.wait_for_selector("#panel:not([hidden])", timeout=5_000)
    assert opened.page.inner_text("#details h2") == "docked with"
    assert "Soyuz-19 docked with Apollo in 1975." in opened.panel()
    assert opened.problems() == []


def test_page_hostile_names_stay_text(opened: Opened) -> None:
    opened.search("onerror")
    assert opened.page.inner_text("#details h2") == IMG_XSS
    assert SENTENCE_XSS.split("\u2028")[0] in opened.panel()
    opened.search("alert(2)")
    assert opened.page.inner_text("#details h2") == SCRIPT_XSS
    assert opened.js("document.images.length") == 0
    assert opened.js("document.scripts.length") == 3
    assert opened.js("window.__alerts") == []
    assert opened.js("document.title") == "Roscosmos & NASA"
    labels = opened.js("network.body.data.nodes.get().map(n => n.label)")
    assert IMG_XSS in labels and SCRIPT_XSS in labels  # drawn on the canvas, as text
    assert opened.problems() == []


def test_page_filters_hide_classes_and_relations(opened: Opened) -> None:
    opened.page.locator("#classes label", has_text="Person").click()
    assert opened.js("network.body.data.nodes.length") == len(ENTITIES) - 3
    assert opened.js("network.body.data.edges.length") == 4  # heads x2, met, works for are gone
    opened.page.click("[data-all=classes]")
    assert opened.js("network.body.data.nodes.length") == len(ENTITIES)
    opened.page.click("[data-none=relations]")
    assert opened.js("network.body.data.edges.length") == 0
    opened.page.locator("#relations label", has_text="docked with").click()
    assert opened.js("network.body.data.edges.length") == 1
    opened.search("Dmitry Bakanov")  # focusing an entity of a hidden class shows its class again
    assert opened.problems() == []


def test_page_large_graph_mode(
    browser: Any, tmp_path: Path, dataset: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(viz_html, "PHYSICS_MAX_NODES", 0)
    monkeypatch.setattr(viz_html, "LARGE_NODES", 0)
    path = tmp_path / "large.html"
    write_html(dataset, path)
    o = open_page(browser, path)
    try:
        assert o.js("network.physics.options.enabled") is False
        assert o.js("network.body.data.nodes.length") == len(ENTITIES)
        o.search("Apollo")
        assert o.page.inner_text("#details h2") == "Apollo"
        o.page.click("#fit")
        assert o.problems() == []
    finally:
        o.page.context.close()


def test_page_draws_inside_a_sandboxed_iframe(browser: Any, dataset: Dataset) -> None:
    context = browser.new_context(viewport={"width": 1000, "height": 800})
    page = context.new_page()
    outside: list[str] = []
    page.route("**/*", lambda r: (outside.append(r.request.url), r.abort()))
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        page.set_content(f"<!DOCTYPE html><html><body>{to_iframe(dataset, height=600)}</body></html>")
        frame = page.frame_locator("iframe")
        frame.locator("body[data-state=ready]").wait_for(timeout=15_000)
        assert frame.locator("#summary").inner_text() == "11 entities · 8 relations · 1 document"
        frame.locator("#search").fill("NASA")
        frame.locator("#search").press("Enter")
        assert frame.locator("#details h2").inner_text() == "National Aeronautics and Space Administration"
        assert outside == [] and errors == []
    finally:
        context.close()


def test_page_draws_a_graph_of_another_vocabulary(browser: Any, tmp_path: Path) -> None:
    graph = parse(SCHEMA_ORG)
    graph.parse(data=FOAF, format="turtle")
    path = tmp_path / "other.html"
    write_html(graph, path, title="schema.org and FOAF")
    o = open_page(browser, path)
    try:
        assert o.js("Object.keys(network.body.nodes).length") == 9
        assert o.js("network.body.data.edges.length") == 7
        labels = o.js("network.body.data.nodes.get().map(n => n.label)")
        assert {"Ada Quill", "Ben Orrin", "Loomworks", "Cora Vell", "Dag Brenn", "Chess Club"} <= set(labels)
        legend = o.page.inner_text("#classes")
        assert "Person" in legend and "Group" in legend and "(no type)" in legend
        o.search("Loomworks")
        assert o.page.inner_text("#details h2") == "Loomworks"
        assert "worksFor" in o.panel() and "Ada Quill" in o.panel()
        o.search("onerror")
        assert o.page.inner_text("#details h2") == "</script><img src=x onerror=alert(7)>"
        assert o.js("document.images.length") == 0 and o.js("document.scripts.length") == 3
        assert o.js("window.__alerts") == []
        assert o.problems() == []
    finally:
        o.page.context.close()
