"""Issue 13 item 8 ("The chart covers only the first visit, not the year") and the
chart part of item 7 (labels of about 5 px, the last one clipped): the chart adds up
every episode of the year in date order, what the funds have paid against what you have
paid, from the engine's per-episode results; a table gives the same figures; an unknown
amount is shown as unknown, never 0; labels are at least 12 px and nothing is clipped on
a 360-px phone; in Uyghur the chart runs right to left."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from estimator_page import case_link, open_estimator, wait_until

import estimator

CATALOGS = Path(__file__).resolve().parents[2] / "docs" / "assets" / "estimator" / "i18n"
PHONE = {"width": 360, "height": 780}
FUNDS = ("basic", "supplementary", "major_illness", "assistance")


def _ep(kind: str, date: str, facility: str, total: str, **extra: Any) -> dict[str, Any]:
    return {"kind": kind, "date": date, "facility": facility, "referral": True,
            "out_of_area": False, "cost": {"total": total}, **extra}


# A Kizilsu mother's year: a child's clinic visits and a stay, entered out of date order.
KNOWN = {
    "region": "kizilsu", "scheme": "resident", "person": {"age": 34},
    "episodes": [_ep("outpatient", "2026-05-20", "township", "260"),
                 _ep("inpatient", "2026-03-02", "county", "18000"),
                 _ep("outpatient", "2026-01-10", "village", "120"),
                 _ep("outpatient", "2026-07-01", "township", "340")],
}
# A Hotan resident without the income figure: the major-illness share of the big stay
# is unknown (the engine says so), so the running totals are unknown from that stay on.
UNKNOWN = {
    "region": "hotan", "scheme": "resident", "person": {"age": 40},
    "episodes": [_ep("outpatient", "2026-01-05", "township", "300"),
                 _ep("inpatient", "2026-02-02", "county", "150000"),
                 _ep("outpatient", "2026-04-01", "township", "200")],
}


def _expected(case: dict[str, Any]) -> list[list[str | None]]:
    """(date, funds so far, you so far) per episode in date order, from CPython."""
    result = estimator.render(estimator.estimate(case), "all")
    order = sorted(range(len(result["episodes"])),
                   key=lambda i: (result["episodes"][i]["date"], i))
    fund: Decimal | None = Decimal(0)
    you: Decimal | None = Decimal(0)
    rows = []
    for i in order:
        ep = result["episodes"][i]
        parts = [ep[k] for k in FUNDS]
        fund = None if fund is None or None in parts else fund + sum(map(Decimal, parts))
        you = (None if you is None or ep["out_of_pocket"] is None
               else you + Decimal(ep["out_of_pocket"]))
        rows.append([ep["date"], None if fund is None else f"{fund:.2f}",
                     None if you is None else f"{you:.2f}"])
    return rows


SHOWN = """() => [...document.querySelectorAll('.est-chart-table tbody tr')].map((tr) => [
  tr.querySelector('bdi').textContent,
  tr.querySelector('[data-col=fund]').dataset.amount || null,
  tr.querySelector('[data-col=you]').dataset.amount || null])"""

GEOMETRY = """() => {
  const svg = document.querySelector('.est-chart svg');
  const box = svg.getBoundingClientRect();
  const scale = box.width / svg.viewBox.baseVal.width;
  const texts = [...svg.querySelectorAll('text')].map((t) => {
    const r = t.getBoundingClientRect();
    return {size: parseFloat(getComputedStyle(t).fontSize) * scale, left: r.left,
            right: r.right, top: r.top, bottom: r.bottom, text: t.textContent};
  });
  const dots = [...svg.querySelectorAll('circle.est-dot-fund')]
    .map((c) => c.getBoundingClientRect().left);
  return {box: {left: box.left, right: box.right, top: box.top, bottom: box.bottom},
          texts, dots, width: innerWidth, scroll: document.scrollingElement.scrollWidth};
}"""


@pytest.fixture()
def phone(tabs: Any) -> Any:
    return tabs(PHONE).new_page()  # a tab in this worker's warm context (conftest.py)


def _open_result(page: Any, base_url: str, lang: str, case: dict[str, Any]) -> None:
    open_estimator(page, base_url, lang, case_link(case))
    page.wait_for_selector(".est-chart:not([hidden]) svg", timeout=90_000)


@pytest.mark.parametrize("lang", ["zh", "ug"])
def test_issue13_item8_chart_adds_up_the_year_and_fits_a_phone(
        phone: Any, base_url: str, artifacts: Path, lang: str) -> None:
    page = phone
    _open_result(page, base_url, lang, KNOWN)
    expected = _expected(KNOWN)
    assert [d for d, _, _ in expected] == sorted(d for d, _, _ in expected)
    assert page.evaluate(SHOWN) == expected
    assert page.get_attribute(".est-chart", "data-points") == str(len(KNOWN["episodes"]))
    geo = page.evaluate(GEOMETRY)
    assert geo["scroll"] <= geo["width"], geo["scroll"]
    assert geo["box"]["left"] >= 0 and geo["box"]["right"] <= geo["width"], geo["box"]
    assert len(geo["texts"]) >= 3 + 2  # the amounts' scale and some dates
    for t in geo["texts"]:
        assert t["size"] >= 12 - 0.01, t
        assert geo["box"]["left"] - 0.5 <= t["left"] and t["right"] <= geo["box"]["right"] + 0.5, t
        assert geo["box"]["top"] - 0.5 <= t["top"] and t["bottom"] <= geo["box"]["bottom"] + 0.5, t
    # Time runs with the reading direction: left to right in Chinese, right to left in
    # Uyghur (the first episode's point at the right).
    dots = geo["dots"]
    assert len(dots) == len(KNOWN["episodes"])
    assert dots == (sorted(dots, reverse=True) if lang == "ug" else sorted(dots)), dots
    # The desc read by screen readers names the year's running totals.
    desc = page.evaluate("document.getElementById('est-chart-desc').textContent")
    assert f"{Decimal(expected[-1][2] or 'nan'):,.2f}" in desc, desc
    page.click(".est-chart-data summary")
    page.locator(".est-chart").screenshot(path=str(artifacts / f"{lang}-360-year-chart.png"))


@pytest.mark.parametrize("lang", ["zh", "ug"])
def test_issue13_item8_an_unknown_amount_is_unknown_in_the_chart_never_zero(
        phone: Any, base_url: str, lang: str) -> None:
    ui = json.loads((CATALOGS / f"{lang}.json").read_text(encoding="utf-8"))["ui"]
    page = phone
    _open_result(page, base_url, lang, UNKNOWN)
    expected = _expected(UNKNOWN)
    assert expected[0][1] is not None and expected[1][1] is None  # the case is as meant
    assert page.evaluate(SHOWN) == expected
    page.click(".est-chart-data summary")
    cells = page.locator(".est-chart-table tbody tr:nth-child(2) [data-col=fund]")
    assert cells.inner_text() == ui["unknown_short"]
    assert page.is_visible(".est-chart-gap")
    # The funds' line stops at the last known point: the start and the first episode.
    wait_until(page, "document.querySelectorAll('circle.est-dot-fund').length === 1")
