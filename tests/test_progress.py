"""Progress of long steps: a rich bar on a terminal, plain lines elsewhere, nothing when quiet."""

from __future__ import annotations

import io
import logging

import pytest
from rich.console import Console

from kg.progress import PlainProgress, Progress, RichProgress


def _run(p: Progress) -> None:
    with p.step("parsed", total=3, counted="facts") as s:
        for _ in range(3):
            s.advance(1, triples=7)


def test_rich_progress_shows_done_rate_triples_and_eta() -> None:
    buf = io.StringIO()
    _run(RichProgress(Console(file=buf, force_terminal=True, width=160)))
    text = buf.getvalue()
    assert "parsed" in text and "3/3" in text and "21 facts" in text and "/s" in text and "ETA" in text


def test_plain_progress_writes_lines_without_escapes() -> None:
    buf = io.StringIO()
    _run(PlainProgress(buf, interval=3600))
    lines = buf.getvalue().splitlines()
    assert lines == [lines[0]] and lines[0].startswith("parsed 3/3 documents in ") and "21 facts" in lines[0]
    assert "\x1b" not in buf.getvalue() and "\r" not in buf.getvalue()


def test_quiet_progress_shows_nothing_but_logs_the_step(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="kg"):
        _run(Progress())
    assert any(r.getMessage().startswith("parsed 3/3 documents in ") for r in caplog.records)
