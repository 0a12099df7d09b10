"""A shared link (the case in the URL fragment) reproduces the same result elsewhere."""

from __future__ import annotations

from typing import Any

from cases import CASES
from estimator_page import RESULT, expected_numbers, fill_case, open_estimator, read_numbers, submit


def test_shared_link_reproduces_the_result_in_a_fresh_context(context: Any, browser: Any,
                                                              base_url: str) -> None:
    """The link made in one browser (this worker's warm context) gives the same result
    in a context that has never seen the site (another phone)."""
    case = CASES[list(CASES)[1]]
    page = context.new_page()
    open_estimator(page, base_url, "zh")
    fill_case(page, case)
    submit(page)
    shown = read_numbers(page)
    link = page.url
    assert "#case=" in link

    # No service worker: saving the language for offline use is not what this is about.
    second = browser.new_context(service_workers="block")
    try:
        page = second.new_page()
        page.goto(link)
        page.wait_for_selector(RESULT, timeout=90_000)
        assert read_numbers(page) == shown == expected_numbers(case)
        assert page.input_value("#est-ep1-total") == "5000"
        assert page.input_value("#est-category") == "dibao"
        assert page.input_value("#est-ep1-disease") == "diabetes"
    finally:
        second.close()


def test_copy_result_as_text(warm_contexts: Any, context: Any, base_url: str) -> None:
    """The "Copy" button puts the result in words, with the link, on the clipboard (allowed
    for this test only, in this worker's warm context)."""
    ctx = warm_contexts()
    ctx.grant_permissions(["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        open_estimator(page, base_url, "en")
        case = CASES[list(CASES)[3]]
        fill_case(page, case)
        submit(page)
        page.click("#est-copy")
        page.wait_for_selector(".est-copy-status:has-text('Copied')")
        text = page.evaluate("navigator.clipboard.readText()")
        assert "What you pay" in text and "1,520.00" in text and "#case=" in text
    finally:
        ctx.clear_permissions()
