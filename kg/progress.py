"""Progress of long steps: a rich bar on a terminal, plain lines elsewhere, nothing when quiet.

The library reports through a Progress; the command line chooses which one. Each step also logs
its time (seen with --verbose).

>>> import io
>>> buf = io.StringIO()
>>> p = PlainProgress(buf, interval=0)
>>> with p.step("parsed", total=2, unit="documents") as s:
...     s.advance(1, triples=10)
...     s.advance(1, triples=5)
>>> "parsed 2/2 documents" in buf.getvalue() and "15 triples" in buf.getvalue()
True
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

log = logging.getLogger("kg")


class Step:
    """One step's counters: items done, triples (or facts) made."""

    def __init__(self, name: str, total: int | None, unit: str, counted: str) -> None:
        self.name, self.total, self.unit, self.counted = name, total, unit, counted
        self.done = 0
        self.triples = 0
        self.start = time.monotonic()

    def advance(self, n: int = 1, *, triples: int = 0) -> None:
        self.done += n
        self.triples += triples
        self._show(final=False)

    def _show(self, *, final: bool) -> None:
        pass

    def rate(self) -> float:
        took = time.monotonic() - self.start
        return self.done / took if took > 0 else 0.0

    def summary(self) -> str:
        took = time.monotonic() - self.start
        of = f"/{self.total}" if self.total is not None else ""
        rate = f", {self.rate():.1f} {self.unit}/s" if took >= 0.05 and self.done else ""
        eta = ""
        if self.total and self.done < self.total and self.rate() > 0:
            eta = f", ETA {(self.total - self.done) / self.rate():.0f} s"
        return f"{self.name} {self.done}{of} {self.unit} in {took:.1f} s{rate}, {self.triples} {self.counted}{eta}"


class Progress:
    """No display: the library's default. Steps are still logged with their times."""

    def _make(self, name: str, total: int | None, unit: str, counted: str) -> Step:
        return Step(name, total, unit, counted)

    @contextmanager
    def step(self, name: str, *, total: int | None = None, unit: str = "documents",
             counted: str = "triples") -> Iterator[Step]:
        s = self._make(name, total, unit, counted)
        try:
            yield s
        finally:
            s._show(final=True)
            self._close(s)
            log.info("%s", s.summary())

    def _close(self, step: Step) -> None:
        pass


class PlainProgress(Progress):
    """A line every `interval` seconds and one when a step ends: for logs and pipes."""

    def __init__(self, stream: TextIO, *, interval: float = 5.0) -> None:
        self.stream = stream
        self.interval = interval

    def _make(self, name: str, total: int | None, unit: str, counted: str) -> Step:
        progress = self

        class _Plain(Step):
            last = time.monotonic()

            def _show(self, *, final: bool) -> None:
                now = time.monotonic()
                if final or now - self.last >= progress.interval:
                    self.last = now
                    progress.stream.write(self.summary() + "\n")
                    progress.stream.flush()

        return _Plain(name, total, unit, counted)


class RichProgress(Progress):
    """A rich progress bar per step: done/total, rate, triples, ETA."""

    def __init__(self, console: object) -> None:
        self.console = console

    def _make(self, name: str, total: int | None, unit: str, counted: str) -> Step:
        from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn, TimeRemainingColumn
        from rich.progress import Progress as Bar

        bar = Bar(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TextColumn(unit),
                  TextColumn("{task.fields[rate]}"), TextColumn("{task.fields[triples]}"),
                  TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
                  console=self.console, transient=False)  # type: ignore[arg-type]
        task = bar.add_task(name, total=total, rate="", triples="")
        bar.start()

        class _Rich(Step):
            def _show(self, *, final: bool) -> None:
                bar.update(task, completed=self.done, rate=f"{self.rate():.1f}/s",
                           triples=f"{self.triples:,} {counted}")
                if final:
                    bar.stop()

        return _Rich(name, total, unit, counted)
