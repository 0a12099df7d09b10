"""Issue 12: "Adding a language is data only: one catalog per domain plus one line in
mkdocs.yml, and a theme-text partial where Material lacks the language. Prove it with a
test that builds a pseudo-locale (...). The test fails on any string that does not come
from a catalog, and it also finds layout that breaks with 40% longer text."

A copy of the project gets the pseudo-language ``qq`` from ``tests/pseudo_locale.py``
(every text of the English catalogs of the four domains — site, data, estimator, form —
wrapped in ⟦…⟧, each word 40% longer, right to left), then ``python build.py`` builds it
as it would any language. Then:

- every visible text of every ``qq`` page, the form's compiled texts and an estimate
  rendered in ``qq`` by the estimator are inside the markers; allowed outside them:
  numbers, punctuation, the Chinese of citations and document titles shown beside their
  translation (``lang="zh"``), identifiers in ``<code>`` and the language names of the
  language menu. A Chinese text with the "translation pending" badge is a leak: in this
  language every catalog is complete.
- (browser) at 360 px, the home page, a benefit page with its tables and the estimator
  with a result do not scroll sideways, and no text box is cut off or leaves the screen;
  the form and the result the browser's estimator writes are inside the markers too.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from tests.pseudo_locale import CLOSE, CODE, DOMAINS, NAME, OPEN, add_language
from tests.shared_build import once_per_run

ROOT = Path(__file__).resolve().parent.parent.parent
# Outside the markers: white space, numbers and punctuation only.
NEUTRAL = re.compile(r"^[\s\d.,:;!?()\[\]（）、，。：；·•…—–\-+×=%/¥$€<>|#*'\"«»‹›→←↑↓✓✔✗✕"
                     r"▲▼¶§@&~^_`\u00a0\u200b-\u200f\u2066-\u2069]*$")
VOID = frozenset({"br", "img", "input", "meta", "link", "hr", "wbr", "source", "col",
                  "area", "base", "embed", "param", "track"})
HIDDEN = frozenset({"script", "style", "template", "svg", "noscript"})
ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")


@pytest.fixture(scope="module")
def pseudo_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project copy with the pseudo-language, built (once per run)."""
    return once_per_run(tmp_path_factory, "pseudo-locale")


# --- adding the language ----------------------------------------------------------------

def _files(root: Path) -> dict[str, bytes]:
    out = {}
    for name in ("locales", "overrides", "mkdocs.yml"):
        path = root / name
        for file in [path] if path.is_file() else sorted(path.rglob("*")):
            if file.is_file():
                out[file.relative_to(root).as_posix()] = file.read_bytes()
    return out


def test_the_language_is_added_as_data_only(tmp_path: Path) -> None:
    """The catalogs of the four domains, one entry in mkdocs.yml and the theme text
    Material has no translation for: nothing else (no code) changes."""
    for name in ("locales", "overrides", "mkdocs.yml"):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, tmp_path / name)
        else:
            shutil.copy2(src, tmp_path / name)
    before = _files(tmp_path)
    add_language(tmp_path, CODE, NAME)
    after = _files(tmp_path)
    added = sorted(set(after) - set(before))
    assert added == sorted([f"locales/{CODE}/LC_MESSAGES/{d}.po" for d in DOMAINS]
                           + [f"overrides/partials/languages/{CODE}.html"])
    changed = [k for k in before if before[k] != after[k]]
    assert changed == ["mkdocs.yml"]
    old = before["mkdocs.yml"].decode().splitlines()
    new = after["mkdocs.yml"].decode().splitlines()
    assert [line for line in new if line not in old] == [
        f"        - locale: {CODE}", f"          name: {NAME}"]


# --- every text from a catalog -----------------------------------------------------------

def outside_markers(text: str, depth: int = 0) -> tuple[list[str], int]:
    """The runs of *text* outside ⟦…⟧ (nested markers count), and the depth at its end."""
    runs, current = [], []
    for ch in text:
        if ch == OPEN:
            depth += 1
            if current:
                runs.append("".join(current))
                current = []
        elif ch == CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0:
            current.append(ch)
    if current:
        runs.append("".join(current))
    return runs, depth


class _Page(HTMLParser):
    """Visible text and labelling attributes outside the markers, with the elements
    each run sits in (the markers may span elements: a message with a link inside)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hidden = 0
        self.depth = 0
        self.stack: list[str] = []
        self.hiding: list[bool] = []  # per open element: whether it hides its content
        self.run: list[str] = []
        self.found: list[tuple[str, tuple[str, ...]]] = []

    def _flush(self) -> None:
        if self.run:
            self.found.append(("".join(self.run), tuple(self.stack)))
            self.run = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {k: v or "" for k, v in attrs}
        hides = tag in HIDDEN or "hidden" in attr
        if tag not in VOID:
            self._flush()
            lang = f"[lang={attr['lang']}]" if "lang" in attr else ""
            self.stack.append(f"{tag}.{attr.get('class', '')}{lang}")
            self.hiding.append(hides)
            self.hidden += hides
        if self.hidden:
            return
        if "zh-badge" in attr.get("class", ""):
            self.found.append(("(a Chinese text marked 'translation pending')",
                              tuple(self.stack)))
        for name in ATTRIBUTES:
            runs, _ = outside_markers(attr.get(name, ""))
            self.found += [(run, (*self.stack, f"@{name}")) for run in runs]

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID and self.stack:
            self._flush()
            self.stack.pop()
            self.hidden -= self.hiding.pop()

    def handle_data(self, data: str) -> None:
        if self.hidden:
            return
        for ch in data:
            if ch == OPEN:
                self.depth += 1
                self._flush()
            elif ch == CLOSE:
                self.depth = max(0, self.depth - 1)
            elif self.depth == 0:
                self.run.append(ch)


def _allowed(run: str, where: tuple[str, ...]) -> bool:
    if NEUTRAL.match(run):
        return True
    if run.startswith("(a Chinese text"):
        return False
    # A citation's article in Chinese, one tap (its title) away from the local form; the
    # estimator's citation column; the address of a shared estimate.
    if where and where[-1] == "@title" and any(el.startswith("a.cite") for el in where):
        return True
    if any(el.startswith(("td.est-cite", "span.est-print-url")) for el in where):
        return True
    # The Chinese original beside its translation (citations, document titles and
    # numbers, glossary terms), identifiers, and the language menu's language names.
    return any("[lang=zh]" in el or el.startswith("code.") or "md-select__link" in el
               for el in where)


def page_leaks(html: str) -> list[str]:
    parser = _Page()
    parser.feed(html)
    parser._flush()
    return [f"{run.strip()[:80]!r} in <{where[-1] if where else ''}>"
            for run, where in parser.found if not _allowed(run, where)]


def test_every_page_text_of_the_language_comes_from_a_catalog(pseudo_project: Path) -> None:
    pages = sorted((pseudo_project / "site" / CODE).rglob("*.html"))
    assert len(pages) > 50
    leaks = []
    for page in pages:
        for leak in dict.fromkeys(page_leaks(page.read_text(encoding="utf-8"))):
            leaks.append(f"{page.relative_to(pseudo_project / 'site')}: {leak}")
    assert not leaks, f"{len(leaks)} text(s) not from a catalog:\n" + "\n".join(leaks[:60])


def test_the_leak_finder_finds_text_outside_the_markers() -> None:
    assert page_leaks(f"<p>{OPEN}Fine <a>{OPEN}link{CLOSE}</a>{CLOSE} 12.5%</p>") == []
    assert page_leaks(f"<p>{OPEN}Fine{CLOSE} stray words</p>") == ["'stray words' in <p.>"]
    assert page_leaks('<p><span lang="zh">第八条</span></p>') == []
    assert page_leaks('<span lang="zh">住院</span><span class="zh-badge">x</span>')


def _strings(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(value, dict):
        for key, sub in value.items():
            yield from _strings(sub, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for i, sub in enumerate(value):
            yield from _strings(sub, f"{path}[{i}]")
    elif isinstance(value, str):
        yield path, value


def test_the_estimator_form_texts_come_from_the_catalogs(pseudo_project: Path) -> None:
    """The form's texts as served (region names from the registry and data.po added)."""
    form = json.loads((pseudo_project / "site" / "assets" / "estimator" / "i18n" /
                       f"{CODE}.json").read_text(encoding="utf-8"))
    assert form["dir"] == "rtl" and form["lang"] == CODE
    settings = {"dir", "lang"}
    leaks = [f"{path}: {text!r}" for path, text in _strings(form)
             if path not in settings and not path.startswith("regions[")
             and not all(NEUTRAL.match(run) for run in outside_markers(text)[0])]
    assert not leaks, leaks[:30]


# Kizilsu employees, 附件1 一（二）: a referred level-2 stay and a clinic visit (every
# layer of the chain writes a step).
CASE = {
    "region": "kizilsu", "scheme": "employee",
    "person": {"age": 66, "employment": "retired", "civil_servant": False,
               "assistance_category": "dibao"},
    "episodes": [
        {"kind": "inpatient", "date": "2026-03-02", "facility": "level2", "referral": True,
         "out_of_area": False, "cost": {"total": "30000"}},
        {"kind": "outpatient", "date": "2026-04-10", "facility": "level1",
         "cost": {"total": "300"}},
    ],
}


def test_an_estimate_in_the_language_speaks_only_from_the_catalogs(pseudo_project: Path) -> None:
    """The estimator of the copy (its translations.json compiled from the copy's
    catalogs) renders a result in the new language: every text is wrapped."""
    run = subprocess.run([sys.executable, "-m", "estimator", "--lang", CODE, "-"],
                         cwd=pseudo_project, input=json.dumps(CASE), capture_output=True,
                         text=True, check=False)
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    texts = result["texts"]
    assert len(texts) > 10
    leaks = [text for text in texts
             if not all(NEUTRAL.match(r) for r in outside_markers(text)[0])]
    assert not leaks, leaks[:20]


# --- layout with 40% longer text, right to left (browser) --------------------------------

LAYOUT = """() => {
  const width = window.innerWidth;
  const out = [];
  if (document.documentElement.scrollWidth > width + 1) {
    out.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} > ${width}`);
  }
  const boxes = document.querySelectorAll(
    'main p, main li, main td, main th, main h1, main h2, main h3, main label, main a, '
    + 'main button, main summary, main dt, main dd, .md-header__title, .md-tabs__link');
  for (const el of boxes) {
    const r = el.getBoundingClientRect();
    if (!r.width || !r.height || el.closest('[hidden], .est-print-case')) continue;
    const style = getComputedStyle(el);
    // Cut off: the text is wider than its box, which hides the rest.
    if (['hidden', 'clip'].includes(style.overflowX)
        && el.scrollWidth > el.clientWidth + 1 && !el.closest('.md-ellipsis')) {
      out.push(`cut off (${el.scrollWidth} in ${el.clientWidth}): `
               + el.textContent.trim().slice(0, 50));
    }
    // Inside a box that scrolls on its own (a wide table), text may run past the screen.
    let scroller = el.parentElement;
    while (scroller && scroller !== document.body
           && !['auto', 'scroll'].includes(getComputedStyle(scroller).overflowX)) {
      scroller = scroller.parentElement;
    }
    if (scroller && scroller !== document.body) continue;
    if (el.closest('.md-sidebar, .md-nav, [aria-hidden=true]')) continue;
    if (r.left < -1 || r.right > width + 1) {
      out.push(`${el.tagName} ${Math.round(r.left)}..${Math.round(r.right)} of ${width}: `
               + el.textContent.trim().slice(0, 50));
    }
  }
  return out;
}"""


def _case_link(case: dict[str, Any]) -> str:
    import base64

    data = json.dumps(case, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return "#case=" + base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


@pytest.fixture(scope="module")
def pseudo_url(pseudo_project: Path) -> Iterator[str]:
    sys.path.insert(0, str(ROOT / "tests" / "browser"))
    from sitehttp import serve_site

    with serve_site(pseudo_project / "site") as (base, _):
        yield base


@pytest.fixture(scope="module")
def chromium(playwright_instance: Any) -> Iterator[Any]:
    sys.path.insert(0, str(ROOT / "tests" / "browser"))
    from chromium import CHROMIUM, CHROMIUM_ARGS

    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} not installed")
    browser = playwright_instance.chromium.launch(executable_path=CHROMIUM,
                                                  args=CHROMIUM_ARGS, headless=True)
    yield browser
    browser.close()


@pytest.mark.browser
@pytest.mark.parametrize("page_path", [
    f"{CODE}/",                                   # the home page
    f"{CODE}/kizilsu/employee/inpatient/",        # tables of 附件1 一（二）
    f"{CODE}/estimator/" + _case_link(CASE),      # the estimator with a result
])
def test_at_360_px_nothing_overflows_with_40_percent_longer_text(
        chromium: Any, pseudo_url: str, page_path: str) -> None:
    from chromium import without_search_index

    ctx = without_search_index(chromium.new_context(viewport={"width": 360, "height": 740},
                                                    service_workers="block"))
    try:
        page = ctx.new_page()
        page.goto(pseudo_url + page_path)
        if "estimator" in page_path:
            page.wait_for_selector("#est-result-title", timeout=90_000)
            page.click("#est-unfold")  # the form too, not only the result
            # The form and the result as the browser's estimator wrote them.
            leaks = page_leaks(page.inner_html("#estimator-app"))
            assert not leaks, "\n".join(leaks)
        assert page.evaluate("document.dir || document.body.dir") == "rtl"
        broken = page.evaluate(LAYOUT)
        assert not broken, f"{page_path}: " + "\n".join(broken[:20])
    finally:
        ctx.close()
