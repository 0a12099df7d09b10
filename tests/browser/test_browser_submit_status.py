"""Issue 13 item 12 ("Waiting"): while the calculator loads, its progress and a queued
estimate are shown beside the submit button, not only in the bar at the top of the
page; in the reader's language, at 360 px, in Chinese and Uyghur; announced politely,
once per change of state (never once per percent)."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
from chromium import without_search_index
from estimator_page import BOOT_TIMEOUT, PAGES, RESULT

CATALOGS = Path(__file__).resolve().parents[2] / "docs" / "assets" / "estimator" / "i18n"
PHONE = {"width": 360, "height": 780}

# Every change the live region's text goes through, recorded in the page.
WATCH = """() => {
  const live = document.getElementById("est-submit-status");
  window.__liveTexts = [live.textContent];
  new MutationObserver(() => {
    const text = live.textContent;
    if (text !== window.__liveTexts[window.__liveTexts.length - 1]) window.__liveTexts.push(text);
  }).observe(live, {childList: true, characterData: true, subtree: true});
}"""

PLACE = """() => {
  const button = document.getElementById("est-submit").getBoundingClientRect();
  const status = document.querySelector(".est-submit-status").getBoundingClientRect();
  return {gap: status.top - button.bottom, overlap: status.top < button.bottom,
          left: status.left, right: status.right, width: innerWidth};
}"""


@pytest.mark.parametrize("lang", ["zh", "ug"])
def test_issue13_item12_progress_and_queued_state_beside_the_submit_button(
        browser: Any, base_url: str, lang: str) -> None:
    ui = json.loads((CATALOGS / f"{lang}.json").read_text(encoding="utf-8"))["ui"]
    # The runtime's WebAssembly is held back until the test lets it go, so the page is
    # seen while it loads; no service worker answers in its place.
    ctx = without_search_index(browser.new_context(viewport=PHONE, service_workers="block"))
    held: list[Any] = []
    ctx.route("**/pyodide.asm.wasm", lambda route: held.append(route))
    try:
        page = ctx.new_page()
        page.goto(base_url + PAGES[lang])
        page.wait_for_selector("#est-submit")
        status = page.locator(".est-submit-status")
        assert status.get_attribute("data-state") == "loading"
        live = page.locator("#est-submit-status")
        assert live.get_attribute("role") == "status"
        assert live.get_attribute("aria-live") == "polite"
        assert live.inner_text() == ui["submit_wait"]
        assert page.get_attribute("#est-submit", "aria-describedby") == "est-submit-status"
        label = page.inner_text("label[for=est-submit-progress]")
        assert "%" in label and label != ui["submit_progress"], label
        page.evaluate(WATCH)

        page.fill("#est-ep0-total", "20000")
        page.click("#est-submit")
        page.wait_for_selector(".est-submit-status[data-state=queued]")
        assert live.inner_text() == ui["submit_queued"]
        place = page.evaluate(PLACE)
        # Directly under the button (or beside it), within the phone's width.
        assert place["overlap"] or 0 <= place["gap"] < 48, place
        assert place["left"] >= 0 and place["right"] <= place["width"] + 1, place
        assert page.is_visible("#est-submit-progress")

        assert held, "the runtime was not requested"
        for route in held:
            route.continue_()
        # The queued estimate appears by itself, with no second press.
        page.wait_for_selector(RESULT, timeout=BOOT_TIMEOUT)
        end = time.monotonic() + 10
        while live.inner_text() != ui["ready"]:
            assert time.monotonic() < end, live.inner_text()
            time.sleep(0.05)
        assert not page.is_visible("#est-submit-progress")
        texts = page.evaluate("window.__liveTexts")
        assert texts == [ui["submit_wait"], ui["submit_queued"], ui["ready"]], texts
    finally:
        ctx.close()
