"""Which Chromium the browser tests and benchmarks drive, and with which flags
(the project's standard set: headless, no sandbox, nothing in the background
that could reach the network); and the empty search index for tests not about search."""

from __future__ import annotations

import json
import os
from typing import Any

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]

# Material's search worker builds its index from the language's search index (every page
# of the language, up to 0.9 MB of JSON; site_build/search_index.py) on each page load:
# about 0.4 CPU-seconds a page here (benchmarks/TESTS.md). Tests that are not about
# search get an empty index; the search worker still starts, under the site's
# Content-Security-Policy, with it. Search itself is tested with the real index
# (tests/site/test_site_browser.py).
EMPTY_SEARCH_INDEX = json.dumps({"config": {
    "lang": ["en"], "separator": "[\\s]+", "pipeline": [],
    "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}, "tags": {"boost": 1e6}},
}, "docs": []})


def without_search_index(target: Any) -> Any:
    """Give ``target`` (a Playwright context or page) the empty search index; returns it.
    (A route turns off Playwright's HTTP cache for that context or page.)"""
    target.route("**/search/search_index.json", lambda route: route.fulfill(
        status=200, content_type="application/json", body=EMPTY_SEARCH_INDEX))
    return target
