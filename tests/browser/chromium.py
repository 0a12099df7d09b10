"""Which Chromium the browser tests and benchmarks drive, and with which flags
(the project's standard set: headless, no sandbox, nothing in the background
that could reach the network)."""

from __future__ import annotations

import os

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
