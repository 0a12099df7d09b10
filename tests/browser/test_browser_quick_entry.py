"""Issue 13 item 9 ("Entering several visits means filling a full block each time"):
"add another like this" copies the last visit or stay with its amounts on the next day,
and "several similar clinic visits" adds N general-outpatient visits of about X yuan,
their dates spread evenly from the first visit's date to the last one's; too many is
refused with a message in the reader's language. At 360 px, in Chinese and Uyghur."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from estimator_page import (
    case_in_url,
    expected_numbers,
    open_estimator,
    read_numbers,
    submit,
    wait_for_form,
)

CATALOGS = Path(__file__).resolve().parents[2] / "docs" / "assets" / "estimator" / "i18n"
PHONE = {"width": 360, "height": 780}


def _fill(template: str, **values: object) -> str:
    for key, value in values.items():
        template = template.replace("{" + key + "}", str(value))
    return template


@pytest.fixture()
def phone(tabs: Any) -> Any:
    return tabs(PHONE).new_page()  # a tab in this worker's warm context (conftest.py)


def _episodes(page: Any) -> list[dict[str, str]]:
    return list(page.evaluate("""() => document.getElementById("estimator-app")
      .__estimator.state.episodes.map((ep) => ({kind: ep.kind, date: ep.date,
        discharge: ep.discharge_date, total: ep.total, excluded: ep.excluded,
        facility: ep.facility}))"""))


@pytest.mark.parametrize("lang", ["zh", "ug"])
def test_issue13_item9_add_another_like_this_and_several_similar_visits(
        phone: Any, base_url: str, lang: str) -> None:
    ui = json.loads((CATALOGS / f"{lang}.json").read_text(encoding="utf-8"))["ui"]
    page = phone
    open_estimator(page, base_url, lang)
    wait_for_form(page)
    page.fill("#est-income", "16000")
    page.select_option("#est-ep0-kind", "inpatient")
    page.fill("#est-ep0-date", "2026-03-02")
    page.fill("#est-ep0-discharge", "2026-03-09")
    page.select_option("#est-ep0-facility", "county")
    page.fill("#est-ep0-total", "18000")
    page.click("#est-ep0 details.est-split summary")
    page.fill("#est-ep0-excluded", "500")

    # "Add another like this": every value, the next day, no discharge date.
    page.click("#est-add-like")
    eps = _episodes(page)
    assert len(eps) == 2
    assert eps[1] == {**eps[0], "date": "2026-03-03", "discharge": ""}, eps
    assert page.inner_text("#est-quick-done") == _fill(ui["added_like"], n=2)
    assert page.evaluate("document.activeElement.id") == "est-ep1-date"

    # "Several similar visits": wrong input is refused, field by field.
    page.click("#est-repeat summary")
    page.fill("#est-repeat-count", "31")
    page.fill("#est-repeat-amount", "150")
    page.fill("#est-repeat-from", "2026-01-08")
    page.fill("#est-repeat-to", "2026-01-05")
    page.click("#est-repeat-add")
    assert len(_episodes(page)) == 2
    count_error = page.inner_text("#est-repeat-count-error")
    assert _fill(ui["fix_repeat_count"], high=30) in count_error
    assert page.get_attribute("#est-repeat-count", "aria-invalid") == "true"
    assert ui["err_repeat_order"] in page.inner_text("#est-repeat-to-error")
    assert page.evaluate("document.activeElement.id") == "est-repeat-count"

    page.fill("#est-repeat-count", "4")
    page.fill("#est-repeat-to", "2026-04-08")
    page.click("#est-repeat-add")
    eps = _episodes(page)
    assert len(eps) == 6
    added = eps[2:]
    assert [e["date"] for e in added] == ["2026-01-08", "2026-02-07", "2026-03-09",
                                          "2026-04-08"]
    assert {e["kind"] for e in added} == {"outpatient"}
    assert {e["total"] for e in added} == {"150"}
    assert page.inner_text("#est-quick-done") == _fill(ui["added_repeat"], count=4,
                                                       first=3, last=6)
    # Each added visit is an ordinary block of the form.
    assert page.input_value("#est-ep5-total") == "150"

    # The estimate computes all six, as CPython does.
    submit(page)
    case = case_in_url(page)
    assert len(case["episodes"]) == 6
    assert read_numbers(page) == expected_numbers(case)

    # More than one estimate holds: refused, saying how many more fit.
    if page.locator("#est-unfold").count():
        page.click("#est-unfold")
    page.fill("#est-repeat-count", "30")
    page.click("#est-repeat-add")
    assert len(_episodes(page)) == 36
    page.click("#est-repeat-add")
    assert len(_episodes(page)) == 36
    error = page.inner_text("#est-repeat-count-error")
    assert _fill(ui["fix_repeat_total"], room=14) in error, error
