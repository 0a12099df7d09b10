"""The Uyghur page reads right to left and fits a 360-pixel phone screen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cases import CASES
from estimator_page import expected_numbers, fill_case, open_estimator, read_numbers, submit

OVERFLOW = """() => {
  const app = document.getElementById('estimator-app');
  const wide = [...app.querySelectorAll('*')].filter((el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && (r.right > innerWidth + 1 || r.left < -1);
  }).map((el) => el.tagName + '.' + el.className);
  return {doc: document.documentElement.scrollWidth, app: app.scrollWidth,
          appClient: app.clientWidth, wide: wide.slice(0, 5)};
}"""


def test_uyghur_page_is_rtl_and_readable_at_360px(tabs: Any, base_url: str,
                                                   artifacts: Path) -> None:
    ctx = tabs({"width": 360, "height": 780})
    try:
        page = ctx.new_page()
        open_estimator(page, base_url, "ug")
        assert page.evaluate("document.body.dir || document.documentElement.dir") == "rtl"
        assert page.get_attribute("#estimator-app", "dir") == "rtl"
        assert page.evaluate(
            "getComputedStyle(document.getElementById('est-region')).direction") == "rtl"
        text = page.inner_text("#estimator-app")
        assert "رايون" in text and "مۆلچەرلەش" in text
        fits = page.evaluate(OVERFLOW)
        assert fits["doc"] <= 360 and not fits["wide"], fits
        page.locator("#estimator-app").screenshot(path=str(artifacts / "ug-360-form.png"))

        case = CASES[list(CASES)[0]]
        fill_case(page, case)
        submit(page)
        page.wait_for_selector(".est-chart:not([hidden])")
        assert read_numbers(page) == expected_numbers(case)
        fits = page.evaluate(OVERFLOW)
        assert fits["doc"] <= 360 and not fits["wide"], fits
        page.locator(".est-result").screenshot(path=str(artifacts / "ug-360-result.png"))
    finally:
        ctx.close()
