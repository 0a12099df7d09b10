"""Issue 13 item 5 ("A print is six A4 pages and does not say whose case it is"): the
printed estimate's first page identifies the case (region, scheme, person, episodes, the
day of the estimate, the documents and their dates, the link and its QR code made in the
page); the summary and totals are on page one and the steps after; a single stay prints
on two A4 pages (Chromium's Page.printToPDF), in Chinese and Uyghur; axe finds nothing
serious in the print view."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path
from typing import Any

import pytest
from cases import CASES
from estimator_page import case_link, open_estimator
from test_browser_a11y import AXE, _serious

from estimator.form import describe_form

PHONE = {"width": 360, "height": 780}
STAY = CASES[list(CASES)[0]]  # a Hotan resident's county-hospital stay
# A4 less the print margins (estimator.css @page: 14 mm and 13 mm), in CSS pixels.
PX_PER_MM = 96 / 25.4
PAGE_WIDTH = round((210 - 2 * 13) * PX_PER_MM)
PAGE_HEIGHT = round((297 - 2 * 14) * PX_PER_MM)

QR_CELLS = """() => {
  const svg = document.querySelector('.est-print-qr svg');
  const n = Number(svg.dataset.modules);
  const dark = new Set();
  for (const m of svg.querySelector('path').getAttribute('d').matchAll(/M(\\d+),(\\d+)/g)) {
    dark.add(`${Number(m[2]) - 4},${Number(m[1]) - 4}`);
  }
  return {n, dark: [...dark]};
}"""


@pytest.fixture()
def phone(tabs: Any) -> Any:
    return tabs(PHONE).new_page()  # a tab in this worker's warm context (conftest.py)


def _finder_at(dark: set[tuple[int, int]], top: int, left: int) -> bool:
    """The 7x7 finder pattern of a QR code: a dark ring, a light ring, a dark 3x3."""
    for r in range(7):
        for c in range(7):
            ring = max(abs(r - 3), abs(c - 3))
            if ((top + r, left + c) in dark) != (ring != 2):
                return False
    return True


def _a4_pages(page: Any, keep: Path) -> int:
    """Print the page on A4 as Chromium does (Page.printToPDF), keep the PDF, count its
    pages."""
    cdp = page.context.new_cdp_session(page)
    pdf = base64.b64decode(cdp.send("Page.printToPDF", {
        "paperWidth": 210 / 25.4, "paperHeight": 297 / 25.4, "preferCSSPageSize": True,
    })["data"])
    keep.write_bytes(pdf)
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


@pytest.mark.parametrize("lang", ["zh", "ug"])
def test_issue13_item5_print_identifies_the_case_and_fits_two_pages(
        phone: Any, base_url: str, artifacts: Path, site_dir: Path, lang: str) -> None:
    # The catalog as built: region names come from the registry (policy_data/regions.yaml).
    catalog = json.loads((site_dir / "assets/estimator/i18n" / f"{lang}.json")
                         .read_text(encoding="utf-8"))
    page = phone
    open_estimator(page, base_url, lang, case_link(STAY))
    page.wait_for_selector("#est-result-title", timeout=90_000)
    page.wait_for_selector(".est-print-qr[data-qr=ready]", state="attached")
    assert not page.is_visible(".est-print-case")  # on screen it stays out of the way

    page.emulate_media(media="print")
    page.set_viewport_size({"width": PAGE_WIDTH, "height": PAGE_HEIGHT})
    box = page.locator(".est-print-case")
    assert box.is_visible()
    text = box.inner_text()
    info = describe_form()["regions"]["hotan"]["resident"]
    today = page.evaluate("""(() => { const d = new Date(); const p = (n) => String(n)
      .padStart(2, "0"); return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
    })()""")
    expected = [catalog["enums"]["regions"]["hotan"], catalog["enums"]["schemes"]["resident"],
                "40", today, "2025-12-01", "30,000", page.url,
                *(d["title"][lang] for d in info["documents"]),
                *(d["effective"] for d in info["documents"])]
    missing = [e for e in expected if e not in text]
    assert not missing, (missing, text)

    # The QR code is a QR code (its three finder patterns) sized for the link.
    qr = page.evaluate(QR_CELLS)
    n = qr["n"]
    dark = {tuple(map(int, cell.split(","))) for cell in qr["dark"]}
    assert n >= 21 and (n - 17) % 4 == 0, n
    assert _finder_at(dark, 0, 0) and _finder_at(dark, 0, n - 7) and _finder_at(dark, n - 7, 0)

    # Page one: the case, the answer and the totals; the steps start on page two.
    layout = page.evaluate("""() => {
      const top = (sel) => document.querySelector(sel).getBoundingClientRect().top + scrollY;
      const steps = document.querySelector('.est-steps-start');
      return {steps: top('.est-steps-start'), totals: top('.est-totals'),
              totalsEnd: document.querySelector('.est-totals').getBoundingClientRect().bottom
                + scrollY, caseTop: top('.est-print-case'),
              breakBefore: getComputedStyle(steps).breakBefore,
              formShown: !!document.querySelector('.est-form').getClientRects().length,
              chartShown: !!document.querySelector('.est-chart').getClientRects().length};
    }""")
    assert layout["breakBefore"] == "page", layout
    assert layout["caseTop"] < layout["totals"] < layout["steps"], layout
    assert layout["totalsEnd"] <= PAGE_HEIGHT, layout  # the totals end on page one
    assert not layout["formShown"] and not layout["chartShown"], layout

    pages = _a4_pages(page, artifacts / f"{lang}-print-one-stay.pdf")
    assert pages == 2, pages


# The issue's third resident: a retired Kizilsu employee's 150,000 stay at a level-3
# hospital, the longest explanation of one stay (basic, large supplementary, major illness).
RETIRED_STAY = {
    "region": "kizilsu", "scheme": "employee",
    "person": {"age": 66, "employment": "retired", "civil_servant": False,
               "assistance_category": "none"},
    "episodes": [{"kind": "inpatient", "date": "2026-05-12", "facility": "level3",
                  "referral": True, "out_of_area": False, "cost": {"total": "150000"}}],
}


@pytest.mark.parametrize("lang", ["zh", "ug", "en"])
def test_issue13_item5_a_long_single_stay_prints_on_two_pages(
        phone: Any, base_url: str, artifacts: Path, lang: str) -> None:
    """Issue 13 item 5: "a single stay fits on two A4 pages", also for the stay with the
    most steps, in the longest languages."""
    page = phone
    open_estimator(page, base_url, lang, case_link(RETIRED_STAY))
    page.wait_for_selector("#est-result-title", timeout=90_000)
    page.wait_for_selector(".est-print-qr[data-qr=ready]", state="attached")
    pages = _a4_pages(page, artifacts / f"{lang}-print-retired-stay.pdf")
    assert pages == 2, pages


@pytest.mark.parametrize("lang", ["zh", "ug"])
def test_issue13_item5_axe_finds_nothing_serious_in_the_print_view(
        tabs: Any, base_url: str, lang: str) -> None:
    if not AXE.is_file():
        pytest.skip("axe-core is not installed (npm ci)")
    ctx = tabs(PHONE, bypass_csp=True)
    try:
        page = ctx.new_page()
        open_estimator(page, base_url, lang, case_link(STAY))
        page.wait_for_selector(".est-print-qr[data-qr=ready]", state="attached",
                               timeout=90_000)
        page.emulate_media(media="print")
        page.add_script_tag(path=str(AXE))
        bad = _serious(page)
        assert not bad, bad
    finally:
        ctx.close()
