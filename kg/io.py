"""Reading input documents and writing outputs atomically.

Inputs: `.txt` files, `.md` files (read as Markdown: the text without the markup), `.html`/`.htm`
files (the text a browser shows, the <title> as the title), directories of them, `.jsonl` files (one
`{"id": ..., "text": ...}` object a line; `title`, `date`, `source` used when present),
or `-` for standard input.

>>> docs = list(read_jsonl_lines(['{"id": "a", "text": "Hello."}'], name="x.jsonl"))
>>> docs[0].id, docs[0].text
('a', 'Hello.')
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import tempfile
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from kg.errors import InputError, OutputError
from kg.markup import html_text, html_title, markdown_text
from kg.model import Document

TEXT_SUFFIXES = {".txt", ".md", ".html", ".htm"}


def read_inputs(inputs: Iterable[str | Path]) -> list[Document]:
    """Read every input into Documents, in the order given (directories sorted by name)."""
    docs: list[Document] = []
    names = []
    for item in inputs:
        docs.extend(_read_one(item))
        names.append(str(item))
    if not docs:
        raise InputError("E104", "no documents found in the input")
    if not any(has_text(d.text) for d in docs):
        where = "standard input" if names == ["-"] else ", ".join(names)
        raise InputError("E104", f"no text in the input ({where}): every document is empty or blank")
    seen: set[str] = set()
    for d in docs:
        if d.id in seen:
            raise InputError("E105", f"two documents have the id {d.id!r}")
        seen.add(d.id)
    return docs


def _read_one(item: str | Path) -> Iterator[Document]:
    if str(item) == "-":
        data = sys.stdin.buffer.read()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as e:
            raise InputError("E103", f"standard input is not UTF-8 text (byte {e.start})") from e
        yield Document(id="stdin", text=text)
        return
    path = Path(item)
    if not path.exists():
        raise InputError("E101", f"no such file or directory: {path}")
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES | {".jsonl"})
        if not files:
            raise InputError("E104", f"no .txt, .md, .html or .jsonl files in {path}")
        for f in files:
            yield from _read_one(f)
        return
    suffix = path.suffix.lower()
    if suffix == ".md":
        yield Document(id=path.stem, text=markdown_text(read_text_file(path)))
    elif suffix in (".html", ".htm"):
        page = read_text_file(path)
        yield Document(id=path.stem, text=html_text(page), title=html_title(page))
    elif suffix in TEXT_SUFFIXES:
        yield Document(id=path.stem, text=read_text_file(path))
    elif suffix == ".jsonl":
        yield from read_jsonl_lines(read_text_file(path).splitlines(), name=str(path))
    else:
        raise InputError("E102", f"unsupported input type {suffix or '(none)'!r}: {path} "
                                 "(use .txt, .md, .html or .jsonl)")


def has_text(text: str) -> bool:
    """Whether a text holds anything to read: not only spaces, control or invisible characters.

    >>> has_text(" \\n\\x00\\ufeff"), has_text("!")
    (False, True)
    """
    return any(unicodedata.category(ch)[0] not in "CZ" for ch in text)


def read_text_file(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        raise InputError("E103", f"{path} is not UTF-8 text (byte {e.start})") from e
    except OSError as e:
        raise InputError("E101", f"cannot read {path}: {e.strerror}") from e


def read_jsonl_lines(lines: Iterable[str], *, name: str) -> Iterator[Document]:
    """Documents from JSONL lines; blank lines are skipped, a bad line is an error."""
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            raise InputError("E106", f"{name}:{n}: not valid JSON ({e.msg})") from e
        if not isinstance(obj, dict) or "text" not in obj or "id" not in obj:
            raise InputError("E107", f"{name}:{n}: a line needs \"id\" and \"text\"")
        if not isinstance(obj["text"], str):
            raise InputError("E107", f"{name}:{n}: \"text\" must be a string")
        if isinstance(obj["id"], bool) or not isinstance(obj["id"], str | int) or not str(obj["id"]).strip():
            raise InputError("E107", f"{name}:{n}: \"id\" must be a non-empty string or an integer")
        date = _opt_str(obj.get("date"), "date", name, n)
        if date is not None:
            try:
                date = dt.date.fromisoformat(date[:10]).isoformat()
            except ValueError as e:
                raise InputError("E111", f"{name}:{n}: \"date\" must be an ISO date (YYYY-MM-DD), not {date!r}") from e
        yield Document(
            id=str(obj["id"]),
            text=obj["text"],
            title=_opt_str(obj.get("title"), "title", name, n),
            date=date,
            source=_opt_str(obj.get("source"), "source", name, n),
        )


def _opt_str(v: object, field: str, name: str, n: int) -> str | None:
    if v is None:
        return None
    if not isinstance(v, str):
        raise InputError("E107", f"{name}:{n}: \"{field}\" must be a string")
    return v.strip() or None


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside `target`; rename it over `target` only on success."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; an output is an ordinary file
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.replace(tmp_path, target)
    except BaseException:
        tmp_path.unlink(missing_ok=True)
        raise


def write_text_atomic(target: Path, text: str) -> None:
    """Write `text` to `target` through a temporary file and a rename."""
    write_bytes_atomic(target, text.encode("utf-8"))


def write_bytes_atomic(target: Path, data: bytes) -> None:
    try:
        with atomic_path(target) as tmp:
            tmp.write_bytes(data)
    except OSError as e:
        raise OutputError("E601", f"cannot write {target}: {e.strerror}") from e
