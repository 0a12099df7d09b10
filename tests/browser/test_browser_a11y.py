"""axe-core finds no serious or critical problem on the estimator page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from cases import CASES
from estimator_page import fill_case, open_estimator, submit

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def _serious(page: Any) -> list[Any]:
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:5])
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize(("lang", "width"), [
    ("zh", 1100), ("ug", 1100), ("en", 1100), ("zh", 360), ("ug", 360)])
def test_axe_reports_no_serious_violations(tabs: Any, base_url: str, lang: str,
                                           width: int) -> None:
    if not AXE.is_file():
        pytest.skip("axe-core is not installed (npm ci)")
    # axe is injected as a script: the page's CSP would (rightly) refuse it.
    ctx = tabs({"width": width, "height": 800}, bypass_csp=True)
    try:
        page = ctx.new_page()
        open_estimator(page, base_url, lang)
        fill_case(page, CASES[list(CASES)[0]])
        submit(page)
        page.wait_for_selector(".est-chart:not([hidden])")
        # The chart of the year with its table open (issue 13 item 8).
        page.click(".est-chart-data summary")
        page.add_script_tag(path=str(AXE))
        # The result view (issue 13 item 3), then the form with an error showing.
        bad = _serious(page)
        assert not bad, ("result view", bad)
        page.click("#est-submit")
        page.fill("#est-ep0-total", "x")
        page.click("#est-submit")
        page.wait_for_selector("#est-error-summary")
        bad = _serious(page)
        assert not bad, bad
    finally:
        ctx.close()
