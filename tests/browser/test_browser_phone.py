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

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

PHONE = {"width": 360, "height": 780}
PREFIX = {"zh": "", "ug": "ug/"}
RULES = ("hotan/resident", "kizilsu/resident", "kizilsu/employee")


@pytest.fixture()
def phone(browser: Any) -> Iterator[Any]:
    ctx = browser.new_context(viewport=PHONE)
    yield ctx.new_page()
    ctx.close()


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
