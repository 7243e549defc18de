"""Property-based tests (hypothesis): hostile Unicode names through the RDF layer and the HTML graph.

Names mix quotes, `<`, `>`, `{`, `}`, `#`, backslashes, spaces, right-to-left scripts, emoji,
control and zero-width characters with any other character. Extractions are built by hand, as
the pipeline would build them (entity keys from `kg.text.slug`), so no model is needed except
for the last test, which runs `kg build` itself on random text.
"""

from __future__ import annotations

import json
import re
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from unittest import mock

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from rdflib import BNode, Dataset, Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from spacy.language import Language

from kg.errors import KGError
from kg.io import has_text
from kg.model import Document, Entity, Event, Evidence, Extraction, Relation, Role
from kg.rdf import to_dataset
from kg.store import quads_of, serialize
from kg.text import slug
from kg.viz import render_html

HOSTILE = (
    '"', "'", "<", ">", "&", "{", "}", "#", "\\", "/", "%", "^", "`", "|", " ", "\t", "\n", "\r",
    "\u05d0", "\u05e9", "\u0639", "\u0644",  # Hebrew, Arabic
    "\u200f", "\u202e", "\u2066",  # right-to-left mark, override, isolate
    "\U0001f680", "\U0001f469\u200d\U0001f680", "\ufe0f",  # emoji, a ZWJ sequence, a variation selector
    "\x00", "\x1b", "\x7f", "\x85", "\u2028", "\u2029",  # control characters and line separators
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff",  # zero-width characters, byte order mark
    "</script>", "<!--", "]]>", "\\u003c",
)
# text as it comes out of UTF-8: no lone surrogates (Python decodes none from a file or stdin)
TEXT_CHARS = st.characters(exclude_categories=("Cs",))
names = st.lists(st.one_of(st.sampled_from(HOSTILE), TEXT_CHARS, st.text(TEXT_CHARS, max_size=4)), min_size=1,
                 max_size=8).map("".join)
CLASSES = ("Person", "SpaceAgency", "Spacecraft", "City")
PROPERTIES = ("heads", "met", "worksFor", "launched", "dockedWith", "locatedIn")

# derandomize: the same examples on every run, so that CI is never red by chance (a failing example is
# then found on the developer's machine as well); new examples come with a new hypothesis version
SETTINGS = settings(max_examples=50, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def extractions(draw: st.DrawFn) -> list[Extraction]:
    """One or two documents whose entities, sentences, titles and ids are hostile text."""
    out = []
    for d in range(draw(st.integers(1, 2))):
        doc_id = draw(names)
        labels = draw(st.lists(names, min_size=1, max_size=5))
        ents = {}
        for label in labels:
            cls = draw(st.sampled_from(CLASSES))
            key = f"{cls.lower()}/{slug(label)}"
            ents.setdefault(key, Entity(key, label, cls, tuple(draw(st.lists(names, max_size=2)))))
        keys = sorted(ents)

        def evidence(doc_id: str = doc_id) -> Evidence:
            return Evidence(doc_id, draw(names), 0, draw(st.integers(0, 99)), draw(names), draw(st.floats(0, 1)))

        rels = tuple(
            Relation(draw(st.sampled_from(keys)), draw(st.sampled_from(PROPERTIES)), draw(st.sampled_from(keys)),
                     evidence(), asserted=draw(st.booleans()), modality=draw(st.sampled_from((None, "negated"))))
            for _ in range(draw(st.integers(0, 4)))
        )
        dated = tuple(
            Relation(draw(st.sampled_from(keys)), "launchDate", "2030-01-02", evidence(), literal="date")
            for _ in range(draw(st.integers(0, 1)))
        )
        roles = tuple(
            Role(draw(st.sampled_from(keys)), draw(st.sampled_from(keys)), draw(names), evidence())
            for _ in range(draw(st.integers(0, 1)))
        )
        events = tuple(
            Event(draw(st.sampled_from(("launch", "meeting"))), tuple(draw(st.lists(st.sampled_from(keys),
                  min_size=1, max_size=2))), evidence(), date=draw(st.sampled_from((None, "2031-03-04"))))
            for _ in range(draw(st.integers(0, 1)))
        )
        document = Document(id=f"{doc_id}-{d}", text="", title=draw(st.one_of(st.none(), names)))
        out.append(Extraction(document, tuple(ents.values()), rels + dated, roles, events))
    return out


def merged(ds: Dataset) -> Graph:
    """The merge of a dataset's graphs but kg's ontology's (graph.trig carries it: kg/store.py dataset_quads)."""
    g = Graph()
    for s, p, o, name in ds.quads((None, None, None, None)):
        if str(getattr(name, "identifier", name)) != "https://w3id.org/kg/ontology":
            g.add((s, p, o))
    return g


def named_graphs(ds: Dataset) -> dict[str, Graph]:
    """The named graphs of a dataset, each as a plain Graph, by name (the default graph left out)."""
    out: dict[str, Graph] = {}
    for s, p, o, g in ds.quads((None, None, None, None)):
        name = getattr(g, "identifier", g)
        if name is None or name == DATASET_DEFAULT_GRAPH_ID:
            continue
        out.setdefault(str(name), Graph()).add((s, p, o))
    return out


# IRI characters RFC 3987 forbids (besides spaces and controls): what rdflib warns about too
NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|\\^`\x7f-\x9f]')


@SETTINGS
@given(extractions())
def test_rdf_of_hostile_names_has_valid_iris_and_reparses_isomorphic(xs: list[Extraction]) -> None:
    ds = to_dataset(xs)
    iris = {t for q in ds.quads((None, None, None, None)) for t in q if isinstance(t, URIRef)}
    for iri in iris:
        assert not NOT_IN_IRI.search(iri), iri
        ox.NamedNode(str(iri))  # pyoxigraph validates IRIs: raises ValueError on an invalid one
    assert not any(isinstance(t, BNode) for q in ds.quads((None, None, None, None)) for t in q[:3])
    quads = quads_of(ds)
    expected = merged(ds)

    ttl = Graph().parse(data=serialize(quads, "turtle").decode("utf-8"), format="turtle")
    assert isomorphic(ttl, expected)
    for fmt, rdflib_format in (("trig", "trig"), ("jsonld", "json-ld"), ("nq", "nquads")):
        back = Dataset()
        back.parse(data=serialize(quads, fmt).decode("utf-8"), format=rdflib_format)
        assert isomorphic(merged(back), expected), fmt
        got, want = named_graphs(back), named_graphs(ds)
        assert got.keys() == want.keys(), fmt
        assert all(isomorphic(got[k], want[k]) for k in want), fmt
    # pyoxigraph reads what it wrote, too (the store and `kg query` read these files)
    for fmt, rdf_format in (("turtle", ox.RdfFormat.TURTLE), ("trig", ox.RdfFormat.TRIG),
                            ("jsonld", ox.RdfFormat.JSON_LD)):
        assert len(set(ox.parse(serialize(quads, fmt), format=rdf_format))) == len(
            set(quads) if rdf_format.supports_datasets else {q.triple for q in quads}), fmt


class Tags(HTMLParser):
    """The start and end tags of a page, in order (script and style bodies are text to it)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(f"<{tag} {sorted(k for k, _ in attrs)}>")
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self.tags.append(f"</{tag}>")
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def tags_of(page: str) -> Tags:
    parser = Tags()
    parser.feed(page)
    parser.close()
    return parser


PLAIN = tags_of(render_html(Graph(), title="kg")).tags


@SETTINGS
@given(extractions(), names)
def test_html_of_hostile_names_is_well_formed_and_inert(xs: list[Extraction], title: str) -> None:
    page = render_html(to_dataset(xs), title=title)
    parsed = tags_of(page)
    assert parsed.tags == PLAIN  # the same elements and attributes as for an empty graph: nothing injected
    assert parsed.title == title
    (body,) = re.findall(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    assert not re.search("[<>&\u2028\u2029]", body)
    data = json.loads(body)
    drawn = [n["label"] for n in data["nodes"]]
    assert len(drawn) == len({e.key for x in xs for e in x.entities})
    # a node shows one of its entity's names, or its IRI's last segment when they are empty
    shown = {n for x in xs for e in x.entities for n in (e.label, *e.aliases, e.key.rsplit("/", 1)[-1])}
    assert set(drawn) <= shown
    assert data["title"] == title


@pytest.mark.model
@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(st.lists(st.one_of(names, st.sampled_from(("NASA", "Roscosmos", " met ", "launched", ". ", "Soyuz-19",
                                                  "Ann Lee", " said ", "\u05d0\u05d1 "))), max_size=12).map("".join))
def test_kg_build_of_random_text_never_crashes(nlp: Language, text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp, mock.patch("kg.pipeline.load_nlp", lambda model=None: nlp):
        from kg.pipeline import build

        src = Path(tmp) / "news.txt"
        src.write_text(text, encoding="utf-8", newline="")
        out = Path(tmp) / "out"
        try:
            result = build([src], out=out)
        except KGError as e:  # the one refusal random text may earn: no text at all (E104)
            assert e.code == "E104" and not has_text(text), e
            return
        assert result.documents == 1
        event(f"entities: {min(result.entities, 3)}")
        ttl = Graph().parse(out / "graph.ttl", format="turtle")
        trig = Dataset()
        trig.parse(out / "graph.trig", format="trig")
        assert isomorphic(ttl, merged(trig))
        page = (out / "graph.html").read_text(encoding="utf-8")
        assert tags_of(page).tags == PLAIN
