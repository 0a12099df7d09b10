"""The form can be used with the keyboard alone."""

from __future__ import annotations

from typing import Any

import pytest
from estimator_page import RESULT, open_estimator

import estimator


def _tab_to(page: Any, element_id: str, limit: int = 400) -> None:
    for _ in range(limit):
        if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
            return
        page.keyboard.press("Tab")
    pytest.fail(f"Tab never reached #{element_id}")


def test_keyboard_only_estimate(context: Any, base_url: str) -> None:
    page = context.new_page()
    open_estimator(page, base_url, "en")
    page.evaluate("document.activeElement && document.activeElement.blur()")
    _tab_to(page, "est-region")
    page.keyboard.press("End")  # the last region that has a document
    chosen = page.input_value("#est-region")
    assert chosen != "hotan"
    assert page.evaluate("document.activeElement.id") == "est-region"
    _tab_to(page, "est-age")
    page.keyboard.press("Control+A")
    page.keyboard.type("61")
    _tab_to(page, "est-ep0-kind")
    kind = page.input_value("#est-ep0-kind")
    _tab_to(page, "est-ep0-date")
    page.keyboard.type("06012025")  # the date control takes digits, month first (en-US)
    _tab_to(page, "est-ep0-total")
    page.keyboard.type("1500")
    page.keyboard.press("Enter")
    page.wait_for_selector(RESULT, timeout=60_000)
    assert page.evaluate("document.activeElement.id") == "est-result-title"
    facility = page.input_value("#est-ep0-facility")
    case = {"region": chosen, "scheme": "resident",
            "person": {"age": 61, "assistance_category": "none"},
            "episodes": [{"kind": kind, "date": "2025-06-01", "facility": facility,
                          "referral": True, "out_of_area": False,
                          "cost": {"total": "1500"}}]}
    want = estimator.render(estimator.estimate(case), "all")["totals"]["out_of_pocket"]
    got = page.get_attribute(".est-headline [data-amount]", "data-amount")
    assert got == (want or "")

    # Adding a visit with the keyboard moves focus into it.
    _tab_to(page, "est-add-episode")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "est-ep1-kind"
    _tab_to(page, "est-ep1-remove")
    page.keyboard.press("Space")
    assert page.locator("fieldset.est-episode").count() == 1
