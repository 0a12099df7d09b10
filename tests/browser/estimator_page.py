"""Driving the estimator page like a visitor, and reading its numbers back."""

from __future__ import annotations

import base64
import json
import time
from typing import Any

import estimator

PAGES = {"zh": "estimator/", "ug": "ug/estimator/", "en": "en/estimator/"}
CHAIN = ("cost", "excluded", "class_b_self_pay", "deductible", "eligible", "basic",
         "supplementary", "major_illness", "assistance", "out_of_pocket")
TOTALS = ("cost", "basic", "supplementary", "major_illness", "assistance", "out_of_pocket")
SPLIT = ("excluded", "class_b_drugs", "class_b_services", "class_b_consumables")
READY = ".est-status[data-state=ready]"
RESULT = "#est-result-title"
BOOT_TIMEOUT = 90_000


def open_estimator(page: Any, base_url: str, lang: str, fragment: str = "") -> None:
    page.goto(base_url + PAGES[lang] + fragment)
    page.wait_for_selector(READY, timeout=BOOT_TIMEOUT)
    # describe_form has arrived once unavailable regions are marked.
    page.wait_for_selector("#est-region option[disabled], #est-region option[value=hotan]",
                           state="attached")


def wait_until(page: Any, expression: str, timeout: float = BOOT_TIMEOUT / 1000) -> None:
    """Until ``expression`` is true in the page. Polled from here with evaluate():
    Playwright's wait_for_function polls with eval() inside the page, which the site's
    Content-Security-Policy refuses."""
    end = time.monotonic() + timeout
    while not page.evaluate(expression):
        assert time.monotonic() < end, f"timed out waiting for {expression}"
        time.sleep(0.05)


def wait_for_form(page: Any) -> None:
    """Until the form knows what each region offers (describe_form has arrived)."""
    wait_until(page, """(() => {
      const app = document.getElementById("estimator-app");
      return !!(app && app.__estimator && app.__estimator.form);
    })()""")


def case_link(case: dict[str, Any]) -> str:
    """The fragment of a shared link to ``case`` (as the page writes it)."""
    data = json.dumps(case, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return "#case=" + base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def fill_case(page: Any, case: dict[str, Any]) -> None:
    """Enter ``case`` through the form's controls (as a visitor would)."""
    page.select_option("#est-region", case["region"])
    page.check(f"#est-scheme-{case['scheme']}")
    person = case.get("person", {})
    page.fill("#est-age", str(person.get("age", 40)))
    page.select_option("#est-category", person.get("assistance_category", "none"))
    if "employment" in person:
        page.select_option("#est-employment", person["employment"])
    if "flexible_since" in person:
        page.fill("#est-flexible-since", person["flexible_since"][:7])
    income = case.get("parameters", {}).get("per_capita_disposable_income")
    if page.locator("#est-income").count():
        page.fill("#est-income", "" if income is None else str(income))
    episodes = case["episodes"]
    while page.locator("fieldset.est-episode").count() < len(episodes):
        page.click("#est-add-episode")
    while (count := page.locator("fieldset.est-episode").count()) > len(episodes):
        page.click(f"#est-ep{count - 1}-remove")
    for i, ep in enumerate(episodes):
        p = f"#est-ep{i}"
        page.select_option(f"{p}-kind", ep["kind"])
        page.fill(f"{p}-date", ep["date"])
        page.select_option(f"{p}-facility", ep["facility"])
        if ep["kind"] == "chronic":
            page.select_option(f"{p}-disease", ep["disease"])
        if ep["kind"] == "two_diseases":
            page.select_option(f"{p}-condition", ep["condition"])
        if ep["kind"] == "maternity":
            page.select_option(f"{p}-delivery", ep["delivery"])
            page.fill(f"{p}-babies", str(ep.get("babies", 1)))
        page.set_checked(f"{p}-referral", ep.get("referral", True))
        page.set_checked(f"{p}-out-of-area", ep.get("out_of_area", False))
        if ep.get("out_of_area"):
            page.set_checked(f"{p}-registered", ep.get("out_of_area_registered", False))
        cost = ep["cost"]
        page.fill(f"{p}-total", cost["total"])
        parts = {k: v for k, v in cost.items() if k in SPLIT}
        split = page.locator(f"{p} details.est-split")
        is_open = split.get_attribute("open") is not None
        if parts and not is_open:
            split.locator("summary").click()
        if parts or is_open:
            for key in SPLIT:
                page.fill(f"{p}-{key}", parts.get(key, ""))


def submit(page: Any) -> None:
    page.evaluate("document.getElementById('est-result-title')?.remove()")
    page.click("#est-submit")
    page.wait_for_selector(RESULT, timeout=BOOT_TIMEOUT)


def read_numbers(page: Any) -> dict[str, Any]:
    """The amounts the page shows (each element carries the engine's exact string)."""
    return page.evaluate("""() => {
      const totals = {};
      for (const el of document.querySelectorAll('.est-totals [data-total]')) {
        totals[el.dataset.total] = el.dataset.amount || null;
      }
      const episodes = [...document.querySelectorAll('.est-episode-result')].map((box) => {
        const out = {};
        for (const el of box.querySelectorAll('[data-field]')) {
          out[el.dataset.field] = el.dataset.amount || null;
        }
        out.steps = [...box.querySelectorAll('tr[data-step]')].map((tr) => [
          tr.dataset.step, tr.querySelector('[data-amount]').dataset.amount || null]);
        out.reason = box.querySelector('.est-reason') ? true : false;
        return out;
      });
      const headline = document.querySelector('.est-headline [data-amount]');
      return {totals, episodes, headline: headline ? headline.dataset.amount || null : null};
    }""")


def expected_numbers(case: dict[str, Any]) -> dict[str, Any]:
    """The same view of estimate() run in CPython."""
    result = estimator.render(estimator.estimate(case), "all")
    return {
        "totals": {k: result["totals"][k] for k in TOTALS},
        "episodes": [{
            **{k: ep[k] for k in CHAIN},
            "steps": [[s["key"], s["amount"]] for s in ep["steps"]],
            "reason": bool(not ep["computable"] and ep["reason"]),
        } for ep in result["episodes"]],
        "headline": result["totals"]["out_of_pocket"],
    }


def case_in_url(page: Any) -> dict[str, Any]:
    fragment = page.evaluate("location.hash")
    assert fragment.startswith("#case="), fragment
    data = fragment[len("#case="):]
    return dict(json.loads(base64.urlsafe_b64decode(data + "=" * (-len(data) % 4))))
