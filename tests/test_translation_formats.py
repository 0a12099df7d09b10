"""Numbers in one form per language, the same on the pages and in the estimator
(issue 12, "Locale formatting in one place"; review §3: "80%" beside "%90").

The page build formats with the catalogs' fmt.* patterns; the estimator (standard
library only) with estimator/messages.py. Both must write a percent, and a change in
percentage points, the same way."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from ug_texts import catalog_texts

from estimator import messages

CATALOG = {lang: dict((where.split(": ", 1)[1], text) for where, text in catalog_texts(lang))
           for lang in messages.LANGS}


@pytest.mark.parametrize("lang", messages.LANGS)
def test_estimator_and_pages_write_a_percent_the_same_way(lang: str) -> None:
    page = CATALOG[lang]["fmt.percent"].format(n="92.5")
    step = messages.text("step.rate", rate=messages.percent(Decimal("0.925")))[lang]
    assert page in step, (page, step)
    assert messages.PERCENT_PATTERN[lang].format(n="92.5") == page


def test_uyghur_percent_sign_comes_first_and_stays_a_plain_string_elsewhere() -> None:
    rate = messages.percent(Decimal("0.9"))
    assert rate == "90%"                       # what callers that build strings get
    assert messages.text("step.rate", rate=rate)["ug"].endswith("%90")


@pytest.mark.parametrize("lang", messages.LANGS)
def test_a_rate_change_is_written_in_percentage_points_as_on_the_pages(lang: str) -> None:
    """Kizilsu 附件2 一（二）2: "下降10%" read as 10 points; never "−10%"."""
    words = messages.points_change(Decimal("-0.10"))[lang]
    points = CATALOG[lang]["fmt.points"].format(n="10")
    assert points.split("10")[1].strip() in words, (points, words)
    assert "−" not in words and "-" not in words and "%" not in words
    assert messages.points_change(Decimal("0.05"))[lang] != \
        messages.points_change(Decimal("-0.05"))[lang]


def test_uyghur_dates_use_one_style_the_numbered_month() -> None:
    """Review §3: "2025-يىلى 3-ئاينىڭ 14-كۈنى" (fmt.date, the Xinjiang official style)
    beside "14-مارت" and "1-يانۋاردىن" on one page. Only the first style remains."""
    from ug_texts import all_texts

    months = ("يانۋار", "فېۋرال", "مارت", "ئاپرېل", "ماي", "ئىيۇن", "ئىيۇل", "ئاۋغۇست",
              "سېنتەبىر", "ئۆكتەبىر", "نويابىر", "دېكابىر")
    named = re.compile(r"\d+-(?:" + "|".join(months) + ")")
    found = [f"{where}: {m.group(0)}" for where, text in all_texts("ug")
             for m in named.finditer(text)]
    assert not found, "\n".join(found)
    assert CATALOG["ug"]["fmt.date"] == "{y}-يىلى {m}-ئاينىڭ {d}-كۈنى"


@pytest.mark.parametrize(("cite", "lang", "shown"), [
    ("第二十四条（四）1", "ug", "24-ماددا (4) 1"),
    ("第二十四条（四）1", "en", "Art. 24 (4) 1"),
    ("附件2 一（二）2", "ug", "2-قوشۇمچە، 1 (2) 2"),
    ("附件1 一（一）4（2）", "en", "Annex 1, 1 (1) 4 (2)"),
    ("第十八条、第二十条", "ug", "18-ماددا، 20-ماددا"),
    ("五、强化保障措施", "en", None),          # a heading's words: shown in Chinese only
])
def test_citations_in_the_readers_language(cite: str, lang: str, shown: str | None) -> None:
    """Issue 12, "Citations in the reader's language"; review §3."""
    from site_build.cite import localize

    def text(key: str, **kw: object) -> str:
        return CATALOG[lang][key].format(**kw)

    assert localize(cite, text) == shown


# --- number symbols from CLDR (issue 12, "Locale formatting in one place, from CLDR
# through Babel at build time") ------------------------------------------------------

@pytest.mark.parametrize(("lang", "written"), [
    ("zh", "80,000.5"), ("ug", "80,000.5"), ("en", "80,000.5"),
    # Kyrgyz is not on the site yet; its CLDR symbols show the pages would follow them.
    ("ky", "80\xa0000,5"),
])
def test_pages_group_digits_with_the_languages_own_symbols(lang: str, written: str) -> None:
    from site_build.numbers import percent_number, plain_number

    assert plain_number(Decimal("80000.50"), lang) == written
    assert plain_number(Decimal("100000"), lang) == ("100\xa0000" if lang == "ky" else "100,000")
    # No rounding and no trailing zeros: a rate of 90.5% stays 90.5.
    assert percent_number(Decimal("0.905"), lang) == ("90,5" if lang == "ky" else "90.5")


def test_the_form_catalog_of_each_language_carries_its_cldr_number_symbols() -> None:
    import json
    from pathlib import Path

    from babel.numbers import get_decimal_symbol, get_group_symbol

    from site_build.form_texts import FORM_DIR, compiled
    from site_build.numbers import number_symbols

    root = Path(__file__).resolve().parents[1]
    for lang in ("ug", "en"):
        shipped = json.loads((root / FORM_DIR / f"{lang}.json").read_text(encoding="utf-8"))
        assert shipped["number"] == compiled(root, lang)["number"] == {
            "group": get_group_symbol(lang), "decimal": get_decimal_symbol(lang)}
    assert number_symbols("ky") == {"group": "\xa0", "decimal": ","}
    # A code CLDR does not know (the pseudo-locale test's) falls back to Chinese's.
    assert number_symbols("qq") == number_symbols("zh")
