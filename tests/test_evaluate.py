"""kg eval: its own scoring, and agreement with the shared scorer where that is beside the repo."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.evaluate import detect_dataset, label_match, norm, read_gold, score
from kg.model import Document, Entity, Evidence, Extraction, Relation
from tests.conftest import SHARED_EVAL

EV = Evidence("d", "s", 0, 1, "r", 1.0)


@pytest.mark.parametrize(("names", "gold", "lenient", "ok"), [
    (["the Soviet Union's"], "USSR", False, True),
    (["Glen Ridge"], "Glen_Ridge,_New_Jersey", True, True),
    (["MIT"], "Massachusetts Institute of Technology", True, True),
    (["Aldrin"], "Buzz Aldrin", True, True),
    (["Aldrin"], "Buzz Aldrin", False, False),
    (["Photographer Ann Lee"], "Ann Lee", True, False),
    (["1975-07-15"], "1975-07-15", True, True),
    (["1975-07-16"], "1975-07-15", True, False),
])
def test_label_match(names: list[str], gold: str, lenient: bool, ok: bool) -> None:
    assert label_match(names, gold, lenient=lenient) is ok


def test_norm() -> None:
    assert norm("The United States") == "united states" == norm("U.S.")


def test_detect_dataset() -> None:
    assert detect_dataset([{"triples": [["a", "heads", "b"]]}]) == "news"
    assert detect_dataset([{"triples": [["a", "Work_For", "b"]]}]) == "conll04"


def test_score_counts_implied_symmetric_and_duplicates() -> None:
    gold = [{"id": "d", "text": "", "entities": [{"text": "Ann Lee", "type": "Person", "aliases": ["Lee"]},
                                                 {"text": "Orbex", "type": "Organization", "aliases": []},
                                                 {"text": "Tom Reed", "type": "Person", "aliases": []}],
             "triples": [["Ann Lee", "heads", "Orbex"], ["Tom Reed", "met", "Ann Lee"]]}]
    ents = (Entity("person/ann-lee", "Ann Lee", "Person", ("Lee",)), Entity("organization/orbex", "Orbex", "SpaceAgency"),
            Entity("person/tom-reed", "Tom Reed", "Person"), Entity("person/lee", "Lee", "Person"))
    rels = (Relation("person/ann-lee", "heads", "organization/orbex", EV),
            Relation("person/ann-lee", "met", "person/tom-reed", EV),
            Relation("person/lee", "heads", "organization/orbex", EV))
    r = score(gold, [Extraction(Document("d", ""), ents, rels)], dataset="news")
    assert (r.per_predicate["heads"].tp, r.per_predicate["heads"].fp) == (1, 1)  # the unmerged duplicate
    assert r.per_predicate["met"].tp == 1
    assert r.entities is not None and (r.entities.tp, r.entities.fp, r.entities.fn) == (3, 1, 0)


def _summary(text: str) -> tuple[float, ...]:
    m = re.search(r"triples P=([\d.]+) R=([\d.]+) F1=([\d.]+)(?: entities F1=([\d.]+))?", text)
    assert m, text
    return tuple(float(g) if g else -1.0 for g in m.groups())


@pytest.mark.model
@pytest.mark.skipif(not (SHARED_EVAL / "kgscore.py").exists(), reason="../shared/eval is not beside the repo")
@pytest.mark.parametrize(("gold", "dataset", "n"), [
    ("gold/seed.jsonl", "seed", None), ("dev/webnlg_astronaut_dev.jsonl", "webnlg", 40),
    ("dev/conll04_dev.jsonl", "conll04", 40),
])
def test_agrees_with_the_shared_scorer(tmp_path: Path, gold: str, dataset: str, n: int | None) -> None:
    lines = (SHARED_EVAL / gold).read_text(encoding="utf-8").splitlines()[:n]
    sample = tmp_path / "gold.jsonl"  # a temporary sample, read at test time, never kept
    sample.write_text("\n".join(lines) + "\n", encoding="utf-8")
    kg = [sys.executable, "-m", "kg"]
    ours = subprocess.run([*kg, "eval", "--gold", str(sample), "--dataset", dataset, "--errors", "0"],
                          capture_output=True, text=True, timeout=600)
    assert ours.returncode == 0, ours.stderr
    built = subprocess.run([*kg, "build", str(sample), "--out", str(tmp_path / "o"), "--no-html"],
                           capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stderr
    theirs = subprocess.run([sys.executable, str(SHARED_EVAL / "kgscore.py"), "--gold", str(sample), "--pred",
                             str(tmp_path / "o" / "graph.trig"), "--dataset", dataset],
                            capture_output=True, text=True, timeout=600)
    assert _summary(ours.stdout) == _summary(theirs.stdout)


@pytest.mark.parametrize(("content", "code"), [
    ("caf\xe9".encode("latin-1"), "E103"),
    (b"", "E104"),
    (b'{"id": "a", "text": "x", "triples": 5}\n', "E110"),
    (b'{"id": "a", "text": "x", "triples": null}\n', "E110"),
    (b'{"id": "a", "text": "x", "optional_triples": [["a", "b"]]}\n', "E110"),
    (b'{"id": "a", "text": "x", "entities": null}\n', "E110"),
    (b'{"id": "a", "text": "x", "entities": [{"text": "A", "aliases": 5}]}\n', "E110"),
    (b'{"id": "a", "text": "x", "entities": [{"text": "A", "aliases": ["B", 7]}]}\n', "E110"),
])
def test_malformed_gold_is_a_clear_error(tmp_path: Path, content: bytes, code: str) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_bytes(content)
    with pytest.raises(InputError) as e:
        read_gold(gold)
    assert e.value.code == code and "gold.jsonl" in str(e.value)
