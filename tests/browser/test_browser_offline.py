"""With the network off, a second visit loads and computes (service worker + caches)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from cases import CASES
from chromium import CHROMIUM, CHROMIUM_ARGS
from estimator_page import (
    expected_numbers,
    fill_case,
    open_estimator,
    read_numbers,
    submit,
    wait_for_form,
)

CACHED = """async () => {
  const names = await caches.keys();
  const runtime = names.find((n) => n.startsWith('medins-runtime-'));
  if (!runtime || !names.includes('medins-pages-v1')) return false;
  const files = (await (await caches.open(runtime)).keys()).length;
  const page = await (await caches.open('medins-pages-v1')).match(location.href.split('#')[0]);
  return files >= 5 && !!page;
}"""


def _wait_for(page: Any, expression: str, timeout: float = 30) -> None:
    end = time.monotonic() + timeout
    while not page.evaluate(expression):
        assert time.monotonic() < end, f"timed out waiting for {expression}"
        time.sleep(0.1)


def test_second_visit_works_offline(playwright_instance: Any, base_url: str,
                                    tmp_path: Path) -> None:
    ctx = playwright_instance.chromium.launch_persistent_context(
        str(tmp_path / "profile"), executable_path=CHROMIUM, args=CHROMIUM_ARGS,
        headless=True)
    try:
        page = ctx.new_page()
        open_estimator(page, base_url, "en")
        _wait_for(page, "!!navigator.serviceWorker.controller")
        _wait_for(page, "!!window.__estimatorSnapshot")
        # The service worker caches the first visit's runtime and page in the background
        # and says when it is done; going offline before then would test a race.
        _wait_for(page, "!!window.__estimatorOffline", timeout=60)
        assert page.evaluate(CACHED)

        ctx.set_offline(True)
        page.reload()
        page.wait_for_selector(".est-status[data-state=ready]", timeout=60_000)
        assert page.evaluate("window.__estimatorReady.snapshot") == "used"
        case = CASES[list(CASES)[3]]
        fill_case(page, case)
        submit(page)
        assert read_numbers(page) == expected_numbers(case)

        # Another page of the same language, never opened before, is not cached: the
        # estimator page itself still is.
        page.goto(base_url + "en/estimator/")
        page.wait_for_selector(".est-status[data-state=ready]", timeout=60_000)

        # Issue 13, item 1: a guide page's estimate link (a query string) opens the
        # cached page offline too, on the region, scheme and kind it asks for.
        page.goto(base_url + "en/estimator/?region=kizilsu&scheme=employee&kind=inpatient")
        page.wait_for_selector(".est-status[data-state=ready]", timeout=60_000)
        wait_for_form(page)
        assert page.input_value("#est-region") == "kizilsu"
        assert page.input_value("#est-ep0-kind") == "inpatient"
    finally:
        ctx.close()
