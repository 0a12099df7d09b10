"""Issue 13, "a guided mode": one question per screen for first-time users, read from the
real form (docs/assets/estimator/guided.js), a "check your answers" page, and the same
case and result as the full form; at 360 px, in Chinese and Uyghur."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from chromium import CHROMIUM, CHROMIUM_ARGS
from estimator_page import (
    BOOT_TIMEOUT,
    PAGES,
    RESULT,
    case_in_url,
    expected_numbers,
    fill_case,
    open_estimator,
    read_numbers,
    submit,
)

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 360, "height": 740}
SCREEN = "#estg-screen > [data-screen]:not([data-screen=wait])"

HOTAN_STAY = {
    "region": "hotan", "scheme": "resident", "person": {"age": 40},
    "episodes": [{"kind": "inpatient", "date": "2025-12-01", "facility": "county",
                  "cost": {"total": "30000", "excluded": "1000", "class_b_drugs": "2000"}}],
}
KIZILSU_EMPLOYEE_STAY = {
    "region": "kizilsu", "scheme": "employee",
    "person": {"age": 30, "employment": "flexible", "flexible_since": "2025-09-01"},
    "episodes": [{"kind": "inpatient", "date": "2026-03-10", "facility": "level2",
                  "cost": {"total": "10000"}}],
}
SPLIT = ("excluded", "class_b_drugs", "class_b_services", "class_b_consumables")


def answers_for(case: dict[str, Any]) -> dict[str, Any]:
    """What a visitor answers to each question the guided mode may ask for ``case``."""
    person = case["person"]
    ep = case["episodes"][0]
    return {
        "region": case["region"], "scheme": case["scheme"], "age": str(person["age"]),
        "employment": person.get("employment", "in_service"), "civil-servant": "false",
        "category": person.get("assistance_category", "none"),
        "flexible-since": person.get("flexible_since", "")[:7],
        "income": case.get("parameters", {}).get("per_capita_disposable_income", ""),
        "kind": ep["kind"], "date": ep["date"], "discharge": "", "facility": ep["facility"],
        "referral": "true", "out-of-area": "false", "total": ep["cost"]["total"],
        "split": {f"est-ep0-{k}": ep["cost"].get(k, "") for k in SPLIT},
    }


def screen(page: Any) -> tuple[str, str | None]:
    page.wait_for_selector(SCREEN, timeout=BOOT_TIMEOUT)
    node = page.locator(SCREEN)
    return node.get_attribute("data-screen") or "", node.get_attribute("data-key")


def give(page: Any, key: str, value: Any) -> None:
    """Answer the question on the screen (as a visitor: tap, type) and continue."""
    if isinstance(value, dict):
        for control, text in value.items():
            page.fill(f"#estg-{control}", text)
    elif page.locator("#estg-screen input[type=radio]").count():
        page.check(f"#estg-screen input[type=radio][value='{value}']")
    elif page.locator("#estg-screen select").count():
        page.select_option("#estg-input", value)
    else:
        page.fill("#estg-input", value)
    page.click("#estg-continue")


def expect_screen(page: Any, expected: tuple[str, str | None]) -> None:
    end = time.monotonic() + 10
    while (now := screen(page)) != expected:
        assert time.monotonic() < end, (now, expected)
        time.sleep(0.05)


def leave(page: Any, current: tuple[str, str | None]) -> None:
    """Until the screen is no longer ``current``."""
    end = time.monotonic() + 10
    while screen(page) == current:
        assert time.monotonic() < end, f"{current}: no next screen"
        time.sleep(0.05)


def start(page: Any, base_url: str, lang: str) -> None:
    page.goto(base_url + PAGES[lang])
    page.click("#estg-start", timeout=BOOT_TIMEOUT)


def walk(page: Any, answers: dict[str, Any]) -> list[str]:
    """Answer every question until "check your answers"; the keys asked, in order. Each
    screen moves focus to its heading and offers the full form."""
    asked: list[str] = []
    for _ in range(40):
        kind, key = screen(page)
        if kind == "check":
            return asked
        assert kind == "question" and key, kind
        assert key not in asked, f"{key} asked twice"
        assert key in answers, f"unexpected question {key}"
        assert page.evaluate("document.activeElement.hasAttribute('data-heading')"), key
        assert page.locator("#estg-full").is_visible(), key
        asked.append(key)
        give(page, key, answers[key])
        leave(page, (kind, key))
    raise AssertionError("no check page after 40 questions")




# Each case in one language (pairwise: the questions depend on the case, the words on the
# language; the other guided tests below walk both languages).
@pytest.mark.parametrize(("lang", "name", "case", "must_ask", "must_not_ask"), [
    ("ug", "Hotan resident, county-hospital stay", HOTAN_STAY, {"income", "split"},
     {"employment", "flexible-since", "salary"}),
    ("zh", "Kizilsu flexible employee, level-2 stay", KIZILSU_EMPLOYEE_STAY,
     {"employment", "civil-servant", "flexible-since"}, {"income", "salary"}),
])
def test_guided_mode_reaches_the_full_forms_case_and_result(
        tabs: Any, base_url: str, lang: str, name: str, case: dict[str, Any],
        must_ask: set[str], must_not_ask: set[str]) -> None:
    """Issue 13, guided mode: walking the questions for a case gives the same case (the
    link) and the same numbers as entering it in the full form; the questions follow the
    form (employees are asked employment and, when flexible, the first month paid;
    residents the income figure); the check page lists each answer with a "change"
    link that returns to its question."""
    ctx = tabs(PHONE)
    try:
        page = ctx.new_page()
        start(page, base_url, lang)
        asked = walk(page, answers_for(case))
        assert must_ask <= set(asked), (name, asked)
        assert not must_not_ask & set(asked), (name, asked)

        rows = page.locator("[data-answer]")
        assert [rows.nth(i).get_attribute("data-answer") for i in range(rows.count())] == asked
        total = page.locator("[data-answer=total] dd").first.inner_text()
        assert "".join(case["episodes"][0]["cost"]["total"]) in total.replace(",", "")
        region_label = page.evaluate(
            "document.querySelector('#est-region option:checked').textContent")
        assert page.locator("[data-answer=region] dd").first.inner_text() == region_label

        # "Change" goes back to that question, its answer kept; continuing returns here.
        page.click("[data-change=total]")
        expect_screen(page, ("question", "total"))
        assert page.evaluate("document.activeElement.hasAttribute('data-heading')")
        assert page.input_value("#estg-input") == case["episodes"][0]["cost"]["total"]
        page.click("#estg-continue")
        expect_screen(page, ("check", None))

        page.click("#estg-submit")
        page.wait_for_selector(RESULT, timeout=BOOT_TIMEOUT)
        guided_case = case_in_url(page)
        guided_numbers = read_numbers(page)
        headline = page.inner_text(".est-headline")
        page.screenshot(path=str(ROOT / "tests" / "artifacts" /
                                 f"guided-result-{lang}-{case['region']}.png"))

        full = ctx.new_page()
        open_estimator(full, base_url, lang)
        fill_case(full, case)
        submit(full)
        assert guided_case == case_in_url(full)
        assert guided_numbers == read_numbers(full) == expected_numbers(case)
        assert headline == full.inner_text(".est-headline")
    finally:
        ctx.close()


def test_guided_mode_follows_the_form_when_an_answer_changes(tabs: Any,
                                                            base_url: str) -> None:
    """Issue 13, guided mode: changing an answer on the check page changes the questions
    as the form does: a delivery asks the type of delivery and the number of babies
    before returning to the check page; clinic visits drop the discharge date and ask the
    facility again when the one given is not offered for them; the case sent is the one
    the full form makes."""
    ctx = tabs(PHONE)
    try:
        page = ctx.new_page()
        start(page, base_url, "zh")
        answers = {**answers_for(HOTAN_STAY), "facility": "level3"}
        walk(page, answers)
        listed = lambda: page.evaluate(  # noqa: E731
            "[...document.querySelectorAll('[data-answer]')].map((r) => r.dataset.answer)")
        assert "discharge" in listed() and "delivery" not in listed()

        page.click("[data-change=kind]")
        expect_screen(page, ("question", "kind"))
        give(page, "kind", "maternity")
        expect_screen(page, ("question", "delivery"))
        assert not page.locator("#estg-screen input[type=radio]:checked").count()
        give(page, "delivery", "caesarean")
        expect_screen(page, ("question", "babies"))
        give(page, "babies", "1")
        expect_screen(page, ("check", None))
        assert {"discharge", "delivery", "babies"} <= set(listed())

        page.click("[data-change=kind]")
        expect_screen(page, ("question", "kind"))
        give(page, "kind", "outpatient")
        # Level-3 hospitals are not offered for clinic visits in Hotan: asked again.
        expect_screen(page, ("question", "facility"))
        assert not page.locator("#estg-screen input[value=level3]").count()
        give(page, "facility", "level2")
        expect_screen(page, ("check", None))
        assert not {"discharge", "delivery", "babies"} & set(listed())
        page.click("#estg-submit")
        page.wait_for_selector(RESULT, timeout=BOOT_TIMEOUT)

        case = {**HOTAN_STAY, "episodes": [{**HOTAN_STAY["episodes"][0],
                                             "kind": "outpatient", "facility": "level2"}]}
        full = ctx.new_page()
        open_estimator(full, base_url, "zh")
        fill_case(full, case)
        submit(full)
        assert case_in_url(page) == case_in_url(full)
        assert read_numbers(page) == read_numbers(full) == expected_numbers(case)
    finally:
        ctx.close()


@pytest.mark.parametrize("lang", ["zh", "ug"])
def test_guided_mode_refuses_an_empty_or_invalid_amount_with_the_forms_message(
        tabs: Any, base_url: str, lang: str) -> None:
    """Issue 13, guided mode: an empty or invalid total is refused on its own question
    with the form's message (field, problem, what to do), shown at the field and in a
    summary that takes focus; the full form gives the same words for the same input."""
    ctx = tabs(PHONE)
    try:
        page = ctx.new_page()
        start(page, base_url, lang)
        answers = answers_for(HOTAN_STAY)
        for _ in range(30):
            kind, key = screen(page)
            if key == "total":
                break
            assert key
            give(page, key, answers[key])
            leave(page, (kind, key))
        messages = {}
        for bad in ("", "abc"):
            page.fill("#estg-input", bad)
            page.keyboard.press("Enter")  # Enter continues
            page.wait_for_selector("#estg-errors")
            expect_screen(page, ("question", "total"))
            assert page.get_attribute("#estg-input", "aria-invalid") == "true"
            assert page.evaluate("document.activeElement.id") == "estg-errors"
            field = page.inner_text("#est-ep0-total-gerror")
            assert field in page.inner_text("#estg-errors")
            messages[bad] = field
        assert messages[""] != messages["abc"]
        assert "abc" in messages["abc"]

        # The same inputs in the full form ("use the full form" carries the answers over).
        page.click("#estg-full")
        assert page.evaluate("document.activeElement.id") == "est-region"
        for bad in ("", "abc"):
            page.fill("#est-ep0-total", bad)
            page.click("#est-submit")
            page.wait_for_selector("#est-ep0-total-error")
            assert page.inner_text("#est-ep0-total-error") == messages[bad]
        assert page.input_value("#est-region") == "hotan"
    finally:
        ctx.close()


def test_guided_mode_history_and_keyboard(tabs: Any, base_url: str) -> None:
    """Issue 13, guided mode: each question is a history entry (the browser's Back shows
    the previous question, then the page as it was), "Back" in the page does the same,
    and the keyboard alone answers a question (arrow keys, then Enter)."""
    ctx = tabs(PHONE)
    try:
        page = ctx.new_page()
        start(page, base_url, "zh")
        expect_screen(page, ("question", "region"))
        assert page.is_hidden("#estimator-app")
        page.keyboard.press("Tab")  # from the heading to the first choice
        page.keyboard.press("Space")
        page.keyboard.press("Enter")
        expect_screen(page, ("question", "scheme"))
        give(page, "scheme", "resident")
        expect_screen(page, ("question", "age"))
        page.go_back()
        expect_screen(page, ("question", "scheme"))
        assert page.evaluate("document.activeElement.hasAttribute('data-heading')")
        page.click("#estg-back")
        expect_screen(page, ("question", "region"))
        assert page.is_checked("#estg-screen input[value=hotan]")
        page.go_back()
        page.wait_for_selector("#estg-start")
        assert page.is_visible("#estimator-app")
        page.go_forward()
        expect_screen(page, ("question", "region"))
    finally:
        ctx.close()


@pytest.mark.parametrize("lang", ["zh", "ug"])
def test_guided_screens_have_no_serious_axe_violations(tabs: Any, base_url: str,
                                                       lang: str) -> None:
    """Issue 13, guided mode: axe finds nothing serious on a question (with an error
    showing) and on the "check your answers" page, at 360 px."""
    if not AXE.is_file():
        pytest.skip("axe-core is not installed (npm ci)")
    ctx = tabs(PHONE, bypass_csp=True)
    try:
        page = ctx.new_page()
        start(page, base_url, lang)
        page.click("#estg-continue")  # nothing chosen
        page.wait_for_selector("#estg-errors")
        page.add_script_tag(path=str(AXE))
        for where in ("question with an error", "check your answers"):
            result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
            bad = [(v["id"], [n["target"] for n in v["nodes"]][:5])
                   for v in result["violations"] if v["impact"] in ("serious", "critical")]
            assert not bad, (where, bad)
            if where.startswith("question"):
                give(page, "region", "hotan")
                leave(page, ("question", "region"))
                walk(page, answers_for(HOTAN_STAY))
    finally:
        ctx.close()


def test_guided_mode_works_offline_after_a_first_visit(playwright_instance: Any,
                                                       base_url: str, tmp_path: Path) -> None:
    """Issue 13, guided mode: its script and styles are stored on the first visit, so a
    second visit offline offers and runs the guided mode."""
    ctx = playwright_instance.chromium.launch_persistent_context(
        str(tmp_path / "profile"), executable_path=CHROMIUM, args=CHROMIUM_ARGS,
        headless=True, viewport=PHONE)
    try:
        page = ctx.new_page()
        open_estimator(page, base_url, "zh")
        page.wait_for_selector("#estg-start")
        end = time.monotonic() + 60
        while not page.evaluate("!!window.__estimatorOffline"):
            assert time.monotonic() < end, "the first visit was not stored"
            time.sleep(0.1)
        ctx.set_offline(True)
        page.reload()
        page.click("#estg-start", timeout=BOOT_TIMEOUT)
        expect_screen(page, ("question", "region"))
        styled = page.evaluate("getComputedStyle(document.querySelector("
                               "'.est-guided-choices .est-check')).borderTopStyle")
        assert styled == "solid"  # guided.css came from the cache
    finally:
        ctx.close()


def test_guided_mode_gives_way_to_the_form_when_the_calculator_cannot_start(
        tabs: Any, base_url: str) -> None:
    """Issue 13, guided mode: while the calculator loads, the first screen says so and
    offers the full form; when it cannot start (here its worker is refused), the guided
    mode steps aside so the form's own message and "Try again" button are seen."""
    ctx = tabs(PHONE)
    try:
        page = ctx.new_page()
        page.route("**/assets/estimator/worker.js", lambda route: route.abort())
        page.goto(base_url + PAGES["zh"])
        page.click("#estg-start", timeout=BOOT_TIMEOUT)
        page.wait_for_selector(".est-status[data-state=failed]", state="attached",
                               timeout=BOOT_TIMEOUT)
        page.wait_for_selector("#estg-start", timeout=10_000)
        assert page.is_visible(".est-status[data-state=failed] button")
        assert page.is_hidden("#estg-screen")
    finally:
        ctx.close()
