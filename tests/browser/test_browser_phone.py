"""Issue 13, "A resident on a phone gets the right answer on the first try": the rules
pages, the estimator's result and the keyboard, on a 360-pixel phone screen, in Chinese
and Uyghur.

- item 1: no rules page of Hotan or Kizilsu scrolls sideways, no table cell is squeezed
  below four characters, and "our reading" boxes are never a sliver;
- item 2: the result opens with one sentence of the answer, then the totals, then the
  steps; unknown amounts are said in words; each note once; titles in one sources list;
- item 3: the closed navigation drawer takes no focus, the skip link reaches the form,
  and the answer sentence is in a polite live region.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from cases import CASES
from estimator_page import (
    BOOT_TIMEOUT,
    PAGES,
    RESULT,
    case_link,
    expected_numbers,
    open_estimator,
    read_numbers,
    wait_until,
)

import estimator

PHONE = {"width": 360, "height": 780}
PREFIX = {"zh": "", "ug": "ug/"}
RULES = ("hotan/resident", "kizilsu/resident", "kizilsu/employee")


@pytest.fixture()
def phone(tabs: Any) -> Any:
    # A tab in this worker's warm context (tests/browser/conftest.py): no service worker,
    # as these tests read pages, not offline use (each guide page would otherwise start
    # saving its whole language in the background, docs/assets/site/offline.js).
    return tabs(PHONE).new_page()


# --- item 1 -------------------------------------------------------------------------

MEASURE = """() => {
  const chars = (el) => {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    const w = r.width - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight)
      - parseFloat(s.borderLeftWidth) - parseFloat(s.borderRightWidth);
    return w / parseFloat(s.fontSize);
  };
  const shown = (el) => el.getClientRects().length > 0;
  const narrow = [];
  for (const cell of document.querySelectorAll('.md-content table :is(th, td)')) {
    const head = cell.closest('thead');
    // A visually hidden header row (tables stacked as cards) is read, not seen.
    if (head && head.getBoundingClientRect().width <= 1) continue;
    if (!shown(cell)) continue;
    const c = chars(cell);
    if (c < 4) narrow.push(['cell', Math.round(c * 10) / 10, cell.textContent.trim().slice(0, 24)]);
  }
  for (const box of document.querySelectorAll('.md-content details.reading')) {
    if (!shown(box)) continue;
    const c = chars(box.querySelector('summary'));
    if (c < 8) narrow.push(['reading', Math.round(c * 10) / 10,
                            box.parentElement.textContent.trim().slice(0, 24)]);
  }
  const doc = document.scrollingElement;
  return {scroll: doc.scrollWidth, width: innerWidth, narrow: narrow.slice(0, 5),
          tables: document.querySelectorAll('.md-content table').length};
}"""


def _rules_pages(site_dir: Path) -> list[str]:
    pages = []
    for scope in RULES:
        for index in sorted((site_dir / scope).glob("**/index.html")):
            pages.append(index.parent.relative_to(site_dir).as_posix() + "/")
    return pages


@pytest.mark.parametrize("lang", ["zh", "ug"])
def test_issue13_item1_rules_pages_fit_a_phone(phone: Any, base_url: str, site_dir: Path,
                                               lang: str) -> None:
    pages = _rules_pages(site_dir)
    assert len(pages) >= 3 * 10, pages
    page = phone
    bad, tables = {}, 0
    for path in pages:
        page.goto(base_url + PREFIX[lang] + path, wait_until="load")
        got = page.evaluate(MEASURE)
        tables += got["tables"]
        if got["scroll"] > got["width"] + 1 or got["narrow"]:
            bad[path] = got
    assert tables > 20  # the pages do hold the tables this is about
    assert not bad, bad


# --- item 2 -------------------------------------------------------------------------

KIZILSU = {
    "region": "kizilsu", "scheme": "employee",
    "person": {"age": 66, "employment": "retired", "civil_servant": False,
               "assistance_category": "none"},
    "episodes": [{"kind": "inpatient", "date": "2026-03-02", "facility": "level2",
                  "referral": True, "out_of_area": False, "cost": {"total": "30000"}}],
}
UNKNOWN = {"zh": "未知", "ug": "نامەلۇم"}
AT_LEAST = {"zh": "至少", "ug": "ئەڭ ئاز بولغاندا"}
AT_MOST = {"zh": "最多", "ug": "ئەڭ كۆپ بولغاندا"}

LAYOUT = """() => {
  const res = document.querySelector('.est-result');
  const order = (a, b) => !!(a && b
    && (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING));
  const head = res.querySelector('.est-headline');
  const totals = res.querySelector('.est-totals');
  const steps = res.querySelector('.est-steps');
  const notes = [...res.querySelectorAll('.est-notes li, .est-episode-notes li, .est-note')]
    .map((li) => li.textContent.trim());
  return {
    headline: head.textContent,
    live: head.closest('[aria-live]').getAttribute('aria-live'),
    order: order(res.querySelector('#est-result-title'), head) && order(head, totals)
      && order(totals, steps),
    cites: [...res.querySelectorAll('.est-steps td.est-cite')].map((td) => td.textContent),
    sources: [...res.querySelectorAll('.est-sources li')].map((li) => li.textContent),
    sourcesLast: order(steps, res.querySelector('.est-sources')),
    text: res.innerText,
    notes,
    unknownCells: [...res.querySelectorAll('.est-totals [data-amount=""]')]
      .map((el) => el.textContent),
  };
}"""


def _money(amount: str) -> str:
    whole, _, cents = amount.partition(".")
    return f"{int(whole):,}.{cents or '00'}"


def _open_case(page: Any, base_url: str, lang: str, case: dict[str, Any]) -> dict[str, Any]:
    page.goto("about:blank")  # a new page load, not only a new fragment
    page.goto(base_url + PAGES[lang] + case_link(case))
    page.wait_for_selector(RESULT, timeout=BOOT_TIMEOUT)
    assert read_numbers(page) == expected_numbers(case)
    return dict(page.evaluate(LAYOUT))


@pytest.mark.parametrize("lang", ["zh", "ug"])
def test_issue13_item2_result_starts_with_the_answer(phone: Any, base_url: str,
                                                     lang: str) -> None:
    page = phone
    got = _open_case(page, base_url, lang, KIZILSU)
    totals = estimator.render(estimator.estimate(KIZILSU), "all")["totals"]
    funds = sum(Decimal(totals[k]) for k in ("basic", "supplementary", "major_illness",
                                            "assistance"))
    # One sentence: what you pay and what the funds pay, before the totals and steps.
    assert _money(totals["out_of_pocket"]) in got["headline"]
    assert _money(str(funds)) in got["headline"]
    assert got["order"], got
    # Item 3: the sentence is announced.
    assert got["live"] == "polite"
    # Document titles once, in the sources list at the end; steps cite the article only.
    result = estimator.render(estimator.estimate(KIZILSU), "all")
    title = result["episodes"][0]["steps"][2]["citation"]["title"][lang]
    assert got["sources"] == [title]
    assert got["sourcesLast"]
    assert got["text"].count(title) == 1
    assert any(c.startswith("附件1") for c in got["cites"])
    assert all(title not in c and len(c) < 60 for c in got["cites"]), got["cites"]


@pytest.mark.parametrize("lang", ["zh", "ug"])
def test_issue13_item2_unknown_amounts_bounds_and_notes_in_words(phone: Any, base_url: str,
                                                                lang: str) -> None:
    page = phone
    # Not computable: the amounts are unknown, said in words (never 0.00, never a dash).
    name = next(n for n in CASES if "not computable" in n)
    got = _open_case(page, base_url, lang, CASES[name])
    head = got["headline"]
    assert UNKNOWN[lang] in head and "0.00" not in head and "—" not in head, head
    assert got["unknownCells"] and all(UNKNOWN[lang] in t for t in got["unknownCells"])
    assert "—" not in got["text"]
    # A lower bound: "at least" for what you pay, "at most" for what the funds pay.
    name = next(n for n in CASES if "at least" in n)
    got = _open_case(page, base_url, lang, CASES[name])
    assert got["headline"].index(AT_LEAST[lang]) < got["headline"].index(AT_MOST[lang])
    # Each note once (a case whose episode and year carry the same note).
    for name in CASES:
        result = estimator.render(estimator.estimate(CASES[name]), "all")
        if result["notes"] and any(ep.get("notes") for ep in result["episodes"]):
            break
    got = _open_case(page, base_url, lang, CASES[name])
    assert got["notes"] and len(got["notes"]) == len(set(got["notes"])), got["notes"]


# --- item 3 -------------------------------------------------------------------------

FOCUS = """() => {
  const el = document.activeElement;
  return {id: el.id, inDrawer: !!el.closest('.md-sidebar--primary')};
}"""


@pytest.mark.parametrize("lang", ["zh", "ug"])
def test_issue13_item3_closed_drawer_takes_no_focus_and_skip_link_reaches_the_form(
        phone: Any, base_url: str, lang: str) -> None:
    page = phone
    open_estimator(page, base_url, lang)
    page.evaluate("document.activeElement && document.activeElement.blur()")
    stops = 0
    while page.evaluate(FOCUS)["id"] != "est-region":
        page.keyboard.press("Tab")
        stops += 1
        assert not page.evaluate(FOCUS)["inDrawer"]
        assert stops <= 12, "Tab did not reach the first field soon"
    # The skip link leads to the estimator: the next Tab is its first field.
    page.focus("a.md-skip")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUS)["id"] == "est-region"
    # Opened, the drawer is usable again. (The theme closes the drawer when the skip
    # link's hash navigation reaches it late, on a loaded machine: then open it again.)
    opened = "document.getElementById('__drawer').checked"
    for _ in range(3):
        page.click("label.md-header__button[for=__drawer]")
        try:
            wait_until(page, opened, timeout=3)
            break
        except AssertionError:
            continue
    wait_until(page, f"{opened} && !document.querySelector('.md-sidebar--primary').inert",
               timeout=15)
    # The answer sentence sits in a polite live region before any result.
    assert page.get_attribute(".est-result .est-headline", "aria-live") == "polite"
