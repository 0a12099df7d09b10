"""Issue 13, "A resident on a phone gets the right answer on the first try": links into
the estimator, on a 360-pixel phone screen, in Chinese and Uyghur.

- item 1: a guide page's estimate link opens the estimator on that page's region,
  scheme and kind of care, and the estimate is computed for them;
- item 2: a shared link opens on its answer; a damaged one says so in the reader's
  language; the language menu keeps the case (or the guide page's query);
- item 3: a date no document covers is refused with the real covered period.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest
from estimator_page import (
    BOOT_TIMEOUT,
    PAGES,
    READY,
    RESULT,
    case_in_url,
    case_link,
    expected_numbers,
    read_numbers,
    submit,
    wait_for_form,
    wait_until,
)

import estimator

PHONE = {"width": 360, "height": 780}
PREFIX = {"zh": "", "ug": "ug/", "en": "en/"}


@pytest.fixture()
def phone(tabs: Any) -> Any:
    # A tab in this worker's warm context (tests/browser/conftest.py): no service worker,
    # as these tests read pages, not offline use (each guide page would otherwise start
    # saving its whole language in the background, docs/assets/site/offline.js).
    return tabs(PHONE).new_page()


# --- item 1 -------------------------------------------------------------------------

# Each page in one language (pairwise: which link depends on the page, the words on the
# language).
@pytest.mark.parametrize(("lang", "page_path", "region", "scheme", "kind"), [
    ("zh", "kizilsu/employee/inpatient/", "kizilsu", "employee", "inpatient"),
    ("ug", "kizilsu/resident/day-surgery/", "kizilsu", "resident", "day_surgery"),
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


# --- item 2 -------------------------------------------------------------------------

# A Kizilsu case to share: a retired employee's stay in a level-2 hospital.
KIZILSU = {
    "region": "kizilsu", "scheme": "employee",
    "person": {"age": 66, "employment": "retired", "civil_servant": False,
               "assistance_category": "none"},
    "episodes": [{"kind": "inpatient", "date": "2026-03-02", "facility": "level2",
                  "referral": True, "out_of_area": False, "cost": {"total": "30000"}}],
}


def _on_screen(page: Any, selector: str) -> bool:
    return bool(page.evaluate("""(selector) => {
      const r = document.querySelector(selector).getBoundingClientRect();
      return r.height > 0 && r.top >= 0 && r.bottom <= innerHeight;
    }""", selector))


@pytest.mark.parametrize("lang", ["zh", "ug"])
def test_issue13_item2_shared_link_opens_on_its_result(phone: Any, base_url: str,
                                                       lang: str) -> None:
    page = phone
    page.goto(base_url + PAGES[lang] + case_link(KIZILSU))
    page.wait_for_selector(RESULT, timeout=BOOT_TIMEOUT)
    assert read_numbers(page) == expected_numbers(KIZILSU)
    wait_until(page, "document.activeElement.id === 'est-result-title'", timeout=5)
    assert _on_screen(page, "#est-result-title")
    assert _on_screen(page, ".est-headline")
    # The form is above the result, folded: it says whose case this is ...
    assert page.is_hidden("#est-form")
    folded = page.inner_text(".est-folded")
    names = {"zh": "克孜勒苏", "ug": "قىزىلسۇ"}
    assert names[lang] in folded
    # ... and one button opens it, filled with the shared case.
    page.click("#est-unfold")
    assert page.is_visible("#est-form")
    assert page.evaluate("document.activeElement.id") == "est-region"
    assert page.input_value("#est-region") == "kizilsu"
    assert page.input_value("#est-ep0-total") == "30000"
    assert page.input_value("#est-employment") == "retired"


@pytest.mark.parametrize("lang", ["zh", "ug"])
def test_issue13_item2_damaged_shared_link_says_so(phone: Any, base_url: str,
                                                   lang: str) -> None:
    page = phone
    full = case_link(KIZILSU)
    words = {"zh": "损坏", "ug": "بۇزۇلغان"}
    for damaged in (full[: len(full) // 2],      # cut off in a chat message
                    "#case=bm90IGEgY2FzZQ",       # decodes, but to "not a case"
                    "#case=%E2%80%A6"):           # nothing readable left
        page.goto("about:blank")
        page.goto(base_url + PAGES[lang] + damaged)
        page.wait_for_selector("#est-damaged")
        text = page.inner_text("#est-damaged")
        assert words[lang] in text, damaged
        assert page.evaluate("document.activeElement.id") == "est-damaged", damaged
        assert _on_screen(page, "#est-damaged")
        page.wait_for_selector(READY, timeout=BOOT_TIMEOUT)
        wait_for_form(page)
        # No silent Hotan result: the form is open, and nothing was computed.
        assert page.is_visible("#est-form")
        assert page.locator(RESULT).count() == 0
        assert page.is_hidden(".est-result")
    # Estimating again clears the notice.
    page.fill("#est-ep0-total", "1000")
    submit(page)
    assert page.locator("#est-damaged").count() == 0


def _switch_language(page: Any, lang: str) -> None:
    """Through Material's language menu in the header, as a visitor would."""
    page.click(".md-header__option .md-select button")
    page.click(f".md-select__link[hreflang={lang}]")


@pytest.mark.parametrize(("start", "then"), [("zh", "ug"), ("ug", "zh")])
def test_issue13_item2_language_switch_keeps_the_case(phone: Any, base_url: str,
                                                      start: str, then: str) -> None:
    page = phone
    page.goto(base_url + PAGES[start] + case_link(KIZILSU))
    page.wait_for_selector(RESULT, timeout=BOOT_TIMEOUT)
    shown = read_numbers(page)
    _switch_language(page, then)
    page.wait_for_url(f"**/{PAGES[then]}#case=*")
    page.wait_for_selector(RESULT, timeout=BOOT_TIMEOUT)
    assert page.get_attribute("#estimator-app", "lang") == then
    assert read_numbers(page) == shown
    assert case_in_url(page)["region"] == "kizilsu"


@pytest.mark.parametrize(("start", "then"), [("zh", "ug"), ("ug", "zh")])
def test_issue13_item2_language_switch_keeps_the_case_the_visitor_entered(
        phone: Any, base_url: str, start: str, then: str) -> None:
    """A case entered on the page (not opened from a link) goes across too, and so
    does a guide page's query before anything is entered."""
    page = phone
    page.goto(base_url + PAGES[start] + "?region=kizilsu&scheme=employee&kind=inpatient")
    page.wait_for_selector(READY, timeout=BOOT_TIMEOUT)
    wait_for_form(page)
    _switch_language(page, then)
    page.wait_for_url(f"**/{PAGES[then]}?region=kizilsu&scheme=employee&kind=inpatient")
    page.wait_for_selector(READY, timeout=BOOT_TIMEOUT)
    wait_for_form(page)
    assert page.input_value("#est-region") == "kizilsu"
    assert page.is_checked("#est-scheme-employee")
    assert page.input_value("#est-ep0-kind") == "inpatient"

    page.fill("#est-ep0-total", "12000")
    submit(page)
    shown = read_numbers(page)
    _switch_language(page, start)
    page.wait_for_url(f"**/{PAGES[start]}#case=*")
    page.wait_for_selector(RESULT, timeout=BOOT_TIMEOUT)
    assert read_numbers(page) == shown
    assert case_in_url(page)["region"] == "kizilsu"


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
