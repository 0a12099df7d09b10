"""The numbers on the page are estimate()'s numbers, in every language."""

from __future__ import annotations

from typing import Any

import pytest
from cases import CASES
from estimator_page import (
    case_in_url,
    expected_numbers,
    fill_case,
    open_estimator,
    read_numbers,
    submit,
)

import estimator

LANG_CASES = {
    "zh": list(CASES),
    "ug": list(CASES)[:4],
    "en": list(CASES)[2:],
}


@pytest.mark.parametrize("lang", sorted(LANG_CASES))
def test_form_numbers_equal_cpython(context: Any, base_url: str, lang: str) -> None:
    page = context.new_page()
    open_estimator(page, base_url, lang)
    for name in LANG_CASES[lang]:
        case = CASES[name]
        fill_case(page, case)
        submit(page)
        shown = read_numbers(page)
        assert shown == expected_numbers(case), name
        text = page.inner_text("#estimator-app")
        assert "null" not in text and "undefined" not in text and "NaN" not in text, name
        # The case the page sent (kept in the URL fragment) means the same as ours.
        assert (estimator.render(estimator.estimate(case_in_url(page)), "all")
                == estimator.render(estimator.estimate(case), "all")), name


def test_not_computable_episode_is_explained(context: Any, base_url: str) -> None:
    page = context.new_page()
    open_estimator(page, base_url, "en")
    name = "A Honghe resident's hospital stay is not computable: the schedule is set elsewhere"
    fill_case(page, CASES[name])
    submit(page)
    reason = page.locator(".est-episode-result .est-reason").inner_text()
    result = estimator.render(estimator.estimate(CASES[name]), "all")
    expected = result["episodes"][0]["reason"]["en"]
    assert expected in reason
    assert page.locator(".est-headline [data-amount]").get_attribute("data-amount") == ""


def test_invalid_input_is_explained_in_the_page_language(context: Any,
                                                         base_url: str) -> None:
    page = context.new_page()
    open_estimator(page, base_url, "zh")
    page.fill("#est-ep0-total", "12abc")
    page.click("#est-submit")
    summary = page.locator("#est-error-summary")
    summary.wait_for()
    text = summary.inner_text()
    assert "医疗费用总额" in text and "12abc" in text and "12345.60" in text
    assert page.get_attribute("#est-ep0-total", "aria-invalid") == "true"
    assert page.evaluate("document.activeElement.id") == "est-error-summary"
    assert page.locator(RESULT_TITLE).count() == 0
    # The parts may not exceed the total.
    page.fill("#est-ep0-total", "100")
    page.locator("#est-ep0 details.est-split summary").click()
    page.fill("#est-ep0-excluded", "80")
    page.fill("#est-ep0-class_b_drugs", "30")
    page.click("#est-submit")
    page.wait_for_selector("#est-error-summary")
    assert "110.00" in page.locator("#est-error-summary").inner_text()


def test_a_date_no_document_covers_is_refused_by_the_form_in_uyghur(context: Any,
                                                                    base_url: str) -> None:
    """The Hotan resident measures apply from their effective date (document header);
    an earlier date is refused before the engine sees it, in the reader's language."""
    page = context.new_page()
    open_estimator(page, base_url, "ug")
    page.fill("#est-ep0-date", "2001-01-01")
    page.fill("#est-ep0-total", "1000")
    page.click("#est-submit")
    summary = page.locator("#est-error-summary")
    summary.wait_for()
    text = summary.inner_text()
    first = min(d["effective"] for d in estimator.describe_form()["regions"]["hotan"][
        "resident"]["documents"])
    assert "2001-01-01" in text and first in text
    assert "ئۈنۈملۈك مەزگىل" in text  # Uyghur wording, not the engine's English
    assert "calculator" not in text
    assert page.get_attribute("#est-ep0-date", "aria-invalid") == "true"


def test_engine_errors_come_back_as_messages(context: Any, base_url: str) -> None:
    """The form never sends a case the engine refuses, so the test bypasses it: it puts
    a disease outside the region's catalog straight into the mounted app's state and
    submits. The engine's refusal comes back as a message, not a frozen page."""
    page = context.new_page()
    open_estimator(page, base_url, "en")
    page.evaluate("""() => {
      const app = document.getElementById("estimator-app").__estimator;
      Object.assign(app.state.episodes[0], {kind: "chronic", date: "2026-03-01",
        facility: "county", disease: "no_such_disease", total: "1000"});
      app.submit();
    }""")
    summary = page.locator("#est-error-summary")
    summary.wait_for()
    text = summary.inner_text()
    assert "The calculator did not accept this case" in text
    assert "no_such_disease" in text


def test_chart_adds_up_every_episode_of_the_year(context: Any, base_url: str) -> None:
    """Issue 13 item 8: the chart covers the year, one point per episode (three stays
    here), from the engine's own per-episode figures."""
    page = context.new_page()
    open_estimator(page, base_url, "en")
    name = next(n for n in CASES if "flexible worker" in n)
    fill_case(page, CASES[name])
    submit(page)
    page.wait_for_selector(".est-chart:not([hidden]) svg path.est-line-fund")
    assert page.get_attribute(".est-chart", "data-points") == "3"
    rows = page.locator(".est-chart-data tbody tr")
    assert rows.count() == 3


RESULT_TITLE = "#est-result-title"


@pytest.mark.parametrize(("lang", "word"), [("zh", "至少"), ("ug", "ئەڭ ئاز بولغاندا")])
def test_a_lower_bound_says_at_least_in_the_readers_language(context: Any, base_url: str,
                                                              lang: str, word: str) -> None:
    """和田 第二十八条 leaves the hardship group's major-illness cap to other rules: the
    page gives what the text states and says the person pays at least that."""
    page = context.new_page()
    open_estimator(page, base_url, lang)
    name = next(n for n in CASES if "at least" in n)
    fill_case(page, CASES[name])
    submit(page)
    headline = page.inner_text(".est-headline")
    assert word in headline
    assert read_numbers(page) == expected_numbers(CASES[name])
