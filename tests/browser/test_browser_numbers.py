"""The numbers on the page are estimate()'s numbers, in every language."""

from __future__ import annotations

import json
from pathlib import Path
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

AT_LEAST = "A Hotan dibao resident's 200,000 stay: major illness without its unset cap, so "\
    "she pays at least the figure (第二十八条)"
LANG_CASES = {
    "zh": list(CASES),
    "ug": [*list(CASES)[:4], AT_LEAST],
    "en": list(CASES)[2:],
}
RESULT_TITLE = "#est-result-title"
CATALOGS = Path(__file__).resolve().parents[2] / "docs" / "assets" / "estimator" / "i18n"


@pytest.mark.parametrize("lang", sorted(LANG_CASES))
def test_form_numbers_equal_cpython(context: Any, base_url: str, lang: str) -> None:
    """Each case entered through the form shows estimate()'s numbers; the year's chart
    has one point per episode (issue 13 item 8); where the result is a lower bound (和田
    第二十八条 leaves the hardship group's major-illness cap to other rules), the answer
    says "at least" in the reader's language. One page per language (one Python boot)."""
    ui = json.loads((CATALOGS / f"{lang}.json").read_text(encoding="utf-8"))["ui"]
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
        result = estimator.render(estimator.estimate(case), "all")
        assert estimator.render(estimator.estimate(case_in_url(page)), "all") == result, name
        episodes = len(case["episodes"])
        assert page.get_attribute(".est-chart", "data-points") == str(episodes), name
        assert page.locator(".est-chart-data tbody tr").count() == episodes, name
        bound = ("at_most" if result.get("out_of_pocket_at_most")
                 else "at_least" if result.get("out_of_pocket_at_least") else None)
        headline = page.inner_text(".est-headline")
        if name == AT_LEAST:
            assert bound == "at_least", name
        if bound:
            assert ui[bound] in headline, (name, headline)
        else:
            assert ui["at_least"] not in headline and ui["at_most"] not in headline, name


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
