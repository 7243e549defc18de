"""The real-news development set (tests/data/news) keeps to its annotation guidelines."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

NEWS = Path(__file__).parent / "data" / "news"
spec = importlib.util.spec_from_file_location("validate_news", NEWS / "validate.py")
assert spec is not None and spec.loader is not None
validate = importlib.util.module_from_spec(spec)
spec.loader.exec_module(validate)


@pytest.mark.parametrize(("split", "at_least"), [("check", 20), ("tune", 20), ("tune2", 30), ("tune3", 30), ("tune4", 30),
                                                 ("tune5", 30), ("tune6", 30), ("tune7", 30), ("tune8", 30),
                                                 ("tune9", 30), ("tune10", 30), ("tune11", 24)])
def test_news_split_is_sound(split: str, at_least: int) -> None:
    rows = [json.loads(line) for line in (NEWS / f"{split}.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= at_least
    assert [p for r in rows for p in validate.problems(r)] == []
    assert all(r["url"].startswith("https://en.wikinews.org/") for r in rows)  # the attribution link


def test_validator_finds_a_triple_on_an_unknown_entity() -> None:
    rec = {"id": "x", "text": "Ada Obi runs Orbis.", "entities": [{"text": "Ada Obi", "type": "Person", "aliases": []}],
           "triples": [["Ada Obi", "heads", "Orbis"]]}
    assert validate.problems(rec) == ["x: object 'Orbis' of ['Ada Obi', 'heads', 'Orbis'] is no entity's text"]


def test_splits_do_not_overlap() -> None:
    ids = [{json.loads(line)["id"] for line in (NEWS / f"{s}.jsonl").read_text(encoding="utf-8").splitlines()}
           for s in ("check", "tune", "tune2", "tune3", "tune4", "tune5", "tune6", "tune7", "tune8", "tune9", "tune10", "tune11")]
    assert all(not a & b for i, a in enumerate(ids) for b in ids[i + 1:])


@pytest.mark.parametrize(("name", "n"), [("space_news2.jsonl", 20), ("space_news3.jsonl", 16),
                                         ("space_news4.jsonl", 12), ("space_news5.jsonl", 12),
                                         ("space_news6.jsonl", 12), ("space_news7.jsonl", 12), ("space_news8.jsonl", 12),
                                         ("space_news9.jsonl", 12), ("space_news10.jsonl", 12),
                                         ("space_news11.jsonl", 12)])
def test_the_invented_space_news_sets_keep_to_the_guidelines(name: str, n: int) -> None:
    """tests/data/space_news2.jsonl (session 20), space_news3.jsonl (session 22), space_news4.jsonl (session 23),
    space_news5.jsonl (session 24), space_news6.jsonl (session 25), space_news7.jsonl (session 26), space_news8.jsonl (session 27),
    space_news9.jsonl (session 28), space_news10.jsonl (session 29), space_news11.jsonl (session 30):
    invented articles; every name in its
    text, every triple on an entity."""
    rows = [json.loads(line) for line in (NEWS.parent / name).read_text(encoding="utf-8").splitlines()]
    assert len(rows) == n
    assert [p for r in rows for p in validate.problems(r)] == []
