"""Issue 13, "A resident on a phone gets the right answer on the first try": links into
the estimator, on a 360-pixel phone screen, in Chinese and Uyghur.

- item 1: a guide page's estimate link opens the estimator on that page's region,
  scheme and kind of care, and the estimate is computed for them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
from estimator_page import (
    BOOT_TIMEOUT,
    PAGES,
    READY,
    case_in_url,
    expected_numbers,
    read_numbers,
    submit,
    wait_for_form,
)

PHONE = {"width": 360, "height": 780}
PREFIX = {"zh": "", "ug": "ug/", "en": "en/"}


@pytest.fixture()
def phone(browser: Any) -> Iterator[Any]:
    ctx = browser.new_context(viewport=PHONE)
    yield ctx.new_page()
    ctx.close()


# --- item 1 -------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["zh", "ug"])
@pytest.mark.parametrize(("page_path", "region", "scheme", "kind"), [
    ("kizilsu/employee/inpatient/", "kizilsu", "employee", "inpatient"),
    ("kizilsu/resident/day-surgery/", "kizilsu", "resident", "day_surgery"),
])
def test_issue13_item1_estimate_link_opens_the_page_region_scheme_and_kind(
        phone: Any, base_url: str, lang: str, page_path: str, region: str, scheme: str,
        kind: str) -> None:
    page = phone
    page.goto(base_url + PREFIX[lang] + page_path)
    page.locator("a.md-button.estimate").last.click()
    page.wait_for_selector(READY, timeout=BOOT_TIMEOUT)
    wait_for_form(page)
    assert urlsplit(page.url).path.endswith(PAGES[lang])
    assert page.input_value("#est-region") == region
    assert page.is_checked(f"#est-scheme-{scheme}")
    assert page.input_value("#est-ep0-kind") == kind

    page.fill("#est-ep0-total", "30000")
    submit(page)
    sent = case_in_url(page)
    assert (sent["region"], sent["scheme"], sent["episodes"][0]["kind"]) == (
        region, scheme, kind)
    shown = read_numbers(page)
    assert shown == expected_numbers(sent)
    assert shown["totals"]["basic"] not in (None, "0.00")
    if kind == "inpatient":
        # The numbers are Kizilsu's, not the Hotan residents' the page used to show.
        hotan = {**sent, "region": "hotan", "scheme": "resident", "person": {"age": 40}}
        assert shown["totals"] != expected_numbers(hotan)["totals"]
