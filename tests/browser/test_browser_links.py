"""Issue 13, "A resident on a phone gets the right answer on the first try": links into
the estimator, on a 360-pixel phone screen, in Chinese and Uyghur.

- item 1: a guide page's estimate link opens the estimator on that page's region,
  scheme and kind of care, and the estimate is computed for them;
- item 3: a date no document covers is refused with the real covered period.
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

import estimator

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


# --- item 3 -------------------------------------------------------------------------

ERRORS = """(dates) => {
  const app = document.getElementById("estimator-app").__estimator;
  return dates.map((date) => {
    app.state.episodes[0].date = date;
    return app.buildCase().errors.filter((e) => e.id === "est-ep0-date")
      .map((e) => e.message).join(" ");
  });
}"""


@pytest.mark.parametrize("lang", ["zh", "ug"])
def test_issue13_item3_date_error_states_the_covered_period(phone: Any, base_url: str,
                                                            lang: str) -> None:
    """Hotan's resident documents apply from 2025-10-01 through 2030-10-01 (the expiry
    day included): a date on either side is refused with that period, never with
    "on or after" the first day alone."""
    docs = estimator.describe_form()["regions"]["hotan"]["resident"]["documents"]
    first = min(d["effective"] for d in docs)
    last = max(d["expires"] for d in docs)
    page = phone
    page.goto(base_url + PAGES[lang])
    page.wait_for_selector(READY, timeout=BOOT_TIMEOUT)
    wait_for_form(page)
    for day in ("2031-01-15", "2024-05-01"):
        page.fill("#est-ep0-date", day)
        page.fill("#est-ep0-total", "1000")
        page.click("#est-submit")
        page.wait_for_selector("#est-error-summary")
        text = page.inner_text("#est-error-summary")
        assert day in text and first in text and last in text, text
        for contradiction in ("及以后", "ياكى ئۇنىڭدىن كېيىنكى", "{"):
            assert contradiction not in text, text
        assert text.index(first) < text.index(last), text
    # The expiry day itself is covered; the day after is not (both ends).
    before, first_day, last_day, after = page.evaluate(
        ERRORS, ["2025-09-30", first, last, "2030-10-02"])
    assert before and after and not first_day and not last_day
    # A region whose document has no end: the period says so.
    page.select_option("#est-region", "kizilsu")
    page.fill("#est-ep0-date", "2024-01-01")
    page.click("#est-submit")
    page.wait_for_selector("#est-error-summary")
    text = page.inner_text("#est-error-summary")
    assert "2025-03-14" in text
    assert {"zh": "未规定截止日期", "ug": "ئاخىرلىشىش چېسلاسى بەلگىلەنمىگەن"}[lang] in text
