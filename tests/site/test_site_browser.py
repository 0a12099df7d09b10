"""The built site in headless Chromium: no CSP violations, Chinese and Uyghur
search, axe-core without serious or critical violations, screenshots at phone
and desktop width (saved under tests/artifacts/ to look at)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sitehelpers import ROOT
from tests.browser.chromium import CHROMIUM, CHROMIUM_ARGS, without_search_index

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "tests" / "artifacts"
PAGES = ["", "hotan/resident/inpatient/", "hotan/resident/chronic/", "compare/", "glossary/",
         "estimator/"]


@pytest.fixture(scope="module")
def browser(playwright_instance: Any) -> Iterator[Any]:
    assert Path(CHROMIUM).exists(), "Debian's chromium is needed (bash dev.sh test)"
    b = playwright_instance.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield b
    b.close()


def _open(browser: Any, url: str, width: int = 1280, bypass_csp: bool = False,
          search: bool = False) -> tuple[Any, Any, list[str]]:
    """A page of its own context; with the empty search index unless ``search``."""
    context = browser.new_context(viewport={"width": width, "height": 900},
                                  bypass_csp=bypass_csp)
    if not search:
        without_search_index(context)
    page = context.new_page()
    messages: list[str] = []
    page.on("request", lambda r: messages.append(f"request: {r.url}"))
    page.on("console", lambda m: messages.append(f"{m.type}: {m.text}"))
    page.on("pageerror", lambda e: messages.append(f"pageerror: {e}"))
    page.goto(url, wait_until="load")
    page.wait_for_timeout(300)
    return context, page, messages


def _refused(messages: list[str]) -> list[str]:
    """Console messages of a CSP violation or a script error."""
    return [m for m in messages if "Content Security Policy" in m or "pageerror" in m
            or "Refused" in m]


@pytest.mark.parametrize("lang", ["", "ug/", "en/"])
def test_no_csp_violations_or_script_errors(browser: Any, server: str, lang: str) -> None:
    for path in PAGES:
        context, page, messages = _open(browser, server + lang + path)
        context.close()
        assert not _refused(messages), (path, _refused(messages))


def _search(browser: Any, url: str,
            query: str) -> tuple[list[str], list[str], list[str]]:
    """Titles and links found for ``query``, and the search indexes fetched, with the
    real index; no CSP violation or script error on the way (the CSP test above runs the
    search worker with an empty index)."""
    context, page, messages = _open(browser, url, search=True)
    try:
        page.click("label.md-search__icon[for='__search'], .md-search__input", timeout=5000)
    except Exception:  # the search box is already visible on wide screens
        pass
    box = page.locator("input.md-search__input")
    box.fill(query)
    box.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=10000)
    titles = page.locator(".md-search-result__item").all_inner_texts()
    links = page.eval_on_selector_all("a.md-search-result__link", "els => els.map(a => a.href)")
    context.close()
    assert not _refused(messages), messages
    indexes = [m.split(" ", 1)[1] for m in messages
               if m.startswith("request: ") and "search_index" in m]
    return titles, links, indexes


def test_chinese_search_finds_a_chinese_term(browser: Any, server: str) -> None:
    """Each language has its own index (site_build/search_index.py): Chinese pages find
    Chinese pages only."""
    titles, links, indexes = _search(browser, server, "起付线")
    assert titles
    assert any("起付线" in t for t in titles)
    assert indexes == [server + "search/search_index.json"]
    assert links and not [u for u in links if u.startswith((server + "ug/", server + "en/"))]


def test_uyghur_search_finds_a_uyghur_term(browser: Any, server: str) -> None:
    """The Uyghur index, with its links resolved against the Uyghur pages' root."""
    titles, links, indexes = _search(browser, server + "ug/", "دوختۇرخانا")
    assert titles
    assert any("دوختۇرخان" in t for t in titles)
    assert indexes == [server + "ug/search/search_index.json"]
    assert links and all(u.startswith(server + "ug/") for u in links), links[:5]


@pytest.mark.parametrize("path", ["hotan/resident/inpatient/", "ug/hotan/resident/inpatient/",
                                  "en/hotan/resident/chronic/", "ug/hotan/resident/chronic/",
                                  "ug/compare/"])
def test_axe_finds_no_serious_or_critical_violations(browser: Any, server: str,
                                                     path: str) -> None:
    if not AXE.exists():
        pytest.skip("node_modules/axe-core not installed (npm ci)")
    # axe is injected as an inline script, which the site's policy (rightly) refuses
    context, page, _ = _open(browser, server + path, bypass_csp=True)
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    context.close()
    bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
           for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert not bad, bad


@pytest.mark.parametrize("path,name", [("ug/hotan/resident/inpatient/", "ug-inpatient"),
                                       ("hotan/resident/inpatient/", "zh-inpatient"),
                                       ("ug/hotan/resident/chronic/", "ug-chronic")])
@pytest.mark.parametrize("width", [360, 1280])
def test_screenshots_and_no_sideways_scroll(browser: Any, server: str, path: str, name: str,
                                            width: int) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    context, page, _ = _open(browser, server + path, width)
    page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)
    scroll = page.evaluate("document.documentElement.scrollWidth")
    direction = page.evaluate("getComputedStyle(document.body).direction")
    context.close()
    assert scroll <= width, f"page is {scroll}px wide at {width}px"
    assert direction == ("rtl" if path.startswith("ug/") else "ltr")
