import io
import json
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.io import read_inputs, write_text_atomic


def test_read_text_files_and_directories(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("Second.", encoding="utf-8")
    (tmp_path / "a.md").write_text("First.", encoding="utf-8")
    (tmp_path / "skip.csv").write_text("x", encoding="utf-8")
    docs = read_inputs([tmp_path])
    assert [d.id for d in docs] == ["a", "b"]
    assert docs[0].text == "First."


def test_read_jsonl_with_metadata(tmp_path: Path) -> None:
    p = tmp_path / "news.jsonl"
    rows = [{"id": 7, "text": "One.", "title": "T", "date": "2025-01-02", "extra": 1}, {"id": "b", "text": "Two."}]
    p.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", encoding="utf-8")
    docs = read_inputs([p])
    assert [(d.id, d.title, d.date) for d in docs] == [("7", "T", "2025-01-02"), ("b", None, None)]


@pytest.mark.parametrize(("content", "code"), [
    ('{"id": 1, "text": "ok"}\nnot json\n', "E106"),
    ('{"id": 1}\n', "E107"),
    ('{"id": 1, "text": 5}\n', "E107"),
])
def test_bad_jsonl_is_a_clear_error(tmp_path: Path, content: str, code: str) -> None:
    p = tmp_path / "bad.jsonl"
    p.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as e:
        read_inputs([p])
    assert e.value.code == code
    assert "bad.jsonl" in str(e.value)


def test_missing_and_unsupported_inputs(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="E101"):
        read_inputs([tmp_path / "nope.txt"])
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    with pytest.raises(InputError, match="E102"):
        read_inputs([tmp_path / "x.pdf"])
    (tmp_path / "latin.txt").write_bytes("caf\xe9".encode("latin-1"))
    with pytest.raises(InputError, match="E103"):
        read_inputs([tmp_path / "latin.txt"])


def test_duplicate_ids_are_rejected(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.txt").write_text("1", encoding="utf-8")
    (tmp_path / "x.md").write_text("2", encoding="utf-8")
    with pytest.raises(InputError, match="E105"):
        read_inputs([tmp_path / "a", tmp_path / "x.md"])


def test_atomic_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "out" / "f.txt"
    write_text_atomic(target, "hello")
    assert target.read_text(encoding="utf-8") == "hello"
    assert [p.name for p in target.parent.iterdir()] == ["f.txt"]


@pytest.mark.parametrize(("name", "content"), [
    ("empty.txt", b""),
    ("blank.md", b" \n\t\r\n  "),
    ("nul.txt", b"\x00\x00\x00"),
    ("bom.txt", "\ufeff\u200b \n".encode()),
    ("empty-text.jsonl", b'{"id": "a", "text": ""}\n'),
    ("blank-texts.jsonl", b'{"id": "a", "text": "  "}\n{"id": "b", "text": "\\u0000"}\n'),
])
def test_inputs_without_text_are_e104(tmp_path: Path, name: str, content: bytes) -> None:
    p = tmp_path / name
    p.write_bytes(content)
    with pytest.raises(InputError) as e:
        read_inputs([p])
    assert e.value.code == "E104" and name in str(e.value)


def test_empty_stdin_is_e104(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b""), encoding="utf-8"))
    with pytest.raises(InputError, match="E104"):
        read_inputs(["-"])


def test_non_utf8_stdin_is_e103(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO("caf\xe9 news".encode("latin-1")), encoding="utf-8"))
    with pytest.raises(InputError, match="E103.*standard input"):
        read_inputs(["-"])


def test_an_empty_document_beside_others_is_kept(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Some news.", encoding="utf-8")
    assert [d.id for d in read_inputs([tmp_path])] == ["a", "b"]


def test_markdown_and_html_files_are_read_without_their_markup(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("The director, *Ilsa Varnhagen*, met [Tomas Brekke](https://example.org/tb).\n",
                                   encoding="utf-8")
    (tmp_path / "b.html").write_text("<html><head><title>Lakeville</title><script>var x;</script></head>"
                                     "<body><p>Ruth <b>Okafor</b> flew.</p></body></html>", encoding="utf-8")
    (tmp_path / "c.htm").write_text("<p>Second &amp; last.</p>", encoding="utf-8")
    docs = read_inputs([tmp_path])
    assert [(d.id, d.text, d.title) for d in docs] == [
        ("a", "The director, Ilsa Varnhagen, met Tomas Brekke.", None),
        ("b", "Ruth Okafor flew.", "Lakeville"),
        ("c", "Second & last.", None),
    ]


@pytest.mark.parametrize(("name", "content"), [
    ("only-markup.md", "![a rocket](r.png)\n\n---\n"),
    ("only-script.html", "<html><head><title>T</title></head><script>alert(1)</script></html>"),
])
def test_markup_without_text_is_e104(tmp_path: Path, name: str, content: str) -> None:
    (tmp_path / name).write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match="E104"):
        read_inputs([tmp_path / name])
