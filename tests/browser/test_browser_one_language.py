"""The page asks the worker for the reader's language only (issue 11) and shows exactly
what the three-language result showed: the steps, totals, readings, reasons, notes,
citations and the sources list, the chart and its table, and the copied text.

Each case opens from a shared link (the page asks for its own language), then the same
page asks the same worker for the three-language form and renders it with the same
code: the result's HTML and the copied text must be identical. The bytes each form
takes to cross from the worker to the page (UTF-8 JSON of the result) are written to
tests/artifacts/one-language-transfer.json for benchmarks/ENGINE.md.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
from cases import CASES
from estimator_page import BOOT_TIMEOUT, RESULT, case_link, open_estimator, wait_for_form

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from estimator_bench import year_case  # noqa: E402

YEARS = {f"{r}/{s} 20-episode year": year_case(r, s) for r, s in (
    ("hotan", "resident"), ("kizilsu", "employee"), ("kizilsu", "resident"),
    ("wuwei", "resident"))}

COMPARE = """async () => {
  const app = document.getElementById("estimator-app").__estimator;
  const runtime = await import(new URL("runtime.js",
    document.querySelector("script[src*='assets/estimator/app.js']")?.src
    || new URL("/assets/estimator/app.js", location.href)).href);
  const bytes = (value) => new TextEncoder().encode(JSON.stringify(value)).length;
  const shown = () => {
    const node = app.resultNode.cloneNode(true);
    for (const skip of node.querySelectorAll(".est-print-case")) skip.remove();
    // Focus marks (the heading is focused when the result arrives) are not content.
    for (const el of node.querySelectorAll(".focus-visible")) {
      el.classList.remove("focus-visible");
      if (!el.classList.length) el.removeAttribute("class");
      el.removeAttribute("data-focus-visible-added");
    }
    return { html: node.innerHTML, text: app.resultText() };
  };
  const one = app.result;
  const c = app.lastCase;
  const first = shown();
  const all = await runtime.ask("estimate", { case: c });
  app.renderResult(all.result, c);
  app.renderChart(c);
  const second = shown();
  return { lang: one.lang, texts: Array.isArray(one.texts), first, second,
           bytesOne: bytes(one), bytesAll: bytes(all.result) };
}"""


def _open_case(page: Any, base_url: str, lang: str, case: dict[str, Any]) -> None:
    # From the previous case's link only the fragment changes: the page stays and
    # estimates the new case, so the previous result must not be taken for its result.
    page.evaluate("document.getElementById('est-result-title')?.remove()")
    open_estimator(page, base_url, lang, case_link(case))
    wait_for_form(page)
    page.wait_for_selector(RESULT, timeout=BOOT_TIMEOUT)
    page.wait_for_selector(".est-chart svg, .est-chart[hidden]", state="attached")


@pytest.mark.parametrize("lang", ["zh", "ug", "en"])
def test_one_language_result_shows_the_same(context: Any, base_url: str, lang: str) -> None:
    page = context.new_page()
    sizes: dict[str, dict[str, int]] = {}
    for name, case in {**YEARS, **CASES}.items():
        _open_case(page, base_url, lang, case)
        got = page.evaluate(COMPARE)
        assert got["lang"] == lang and got["texts"], name
        assert got["first"]["text"] == got["second"]["text"], name
        if got["first"]["html"] != got["second"]["html"]:
            a, b = got["first"]["html"], got["second"]["html"]
            at = next(i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y)
            start = max(0, at - 200)
            raise AssertionError(f"{name}: {a[start:at + 300]!r} != {b[start:at + 300]!r}")
        for bad in ("undefined", "null", "NaN", "[object Object]"):
            assert bad not in got["first"]["text"], (name, bad)
        if name in YEARS:
            sizes[name] = {"one_language": got["bytesOne"], "three_languages": got["bytesAll"]}
            assert got["bytesOne"] * 3 < got["bytesAll"], (name, got["bytesOne"])
    out = ROOT / "tests" / "artifacts" / f"one-language-transfer-{lang}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(sizes, indent=1), encoding="utf-8")
