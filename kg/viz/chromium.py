"""How kg opens its pages in a headless browser (browser tests, benchmarks, screenshots).

Debian's Chromium, never a browser downloaded at run time; the flags keep it from reaching the
network on its own (updates, sync, safe browsing) on a machine that has none.
"""

from __future__ import annotations

CHROMIUM = "/usr/bin/chromium"
HEADLESS_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
