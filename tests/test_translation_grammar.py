"""Grammar-safe Uyghur messages (issue 12, "Grammar-safe messages"; review §3).

A placeholder never carries a detached case suffix (``{where} دا``); where a suffix
cannot be avoided, the message writes ``{where:loc}`` and the suffix function attaches
it by vowel harmony and consonant assimilation.
"""

from __future__ import annotations

import re

import pytest
from markupsafe import Markup
from ug_texts import all_texts

from estimator.ug_suffix import CASES, attach, number_word
from site_build.ug_suffix import suffixed

SUFFIXES = ("دا", "دە", "تا", "تە", "دىن", "تىن", "غا", "گە", "قا", "كە", "نىڭ", "نى",
            "غىچە", "گىچە", "قىچە", "كىچە")
# A placeholder (or a quote or bracket closing right after one) then a suffix on its own.
DETACHED = re.compile(r"\}[»)]?\s+(?:" + "|".join(SUFFIXES) + r")(?![\u0626-\u06FF])")
CASE_SPEC = re.compile(r"\{[a-z_]+:([a-z]+)\}")


def test_no_uyghur_placeholder_takes_a_detached_suffix() -> None:
    found = [f"{where}: {text}" for where, text in all_texts("ug") if DETACHED.search(text)]
    assert not found, "placeholder + detached suffix:\n" + "\n".join(found)


def test_the_detached_suffix_check_finds_what_the_review_found() -> None:
    for bad in ("{where} دا يېتىپ", "«{authority}» غا قالدۇرۇلغان", "{n} دىن ئاز", "{high} غىچە"):
        assert DETACHED.search(bad), bad
    for good in ("{where:loc} يېتىپ", "{n} يۈەندىن", "{low} بىلەن {high} ئارىلىقى"):
        assert not DETACHED.search(good), good


def test_every_case_a_uyghur_message_asks_for_exists() -> None:
    used = {(where, case) for where, text in all_texts("ug")
            for case in CASE_SPEC.findall(text)}
    assert used, "no message uses a case suffix: the check would pass for nothing"
    assert [u for u in used if u[1] not in CASES] == []


@pytest.mark.parametrize(("word", "case", "expected"), [
    ("60", "abl", "60 تىن"),                      # ئاتمىش: back, voiceless
    ("دوختۇرخانا", "loc", "دوختۇرخانىدا"),        # final ا raised to ى
    ("خوتەن", "gen", "خوتەننىڭ"),
    ("قىزىلسۇ", "gen", "قىزىلسۇنىڭ"),
    ("1.05", "dat", "1.05 كە"),                   # … بەش: front, voiceless
    ("%90", "dat", "%90 غا"),                     # … توقسان: back, voiced
    ("10,000 يۈەن", "term", "10,000 يۈەنگىچە"),   # front harmony
    ("10,000 يۈەن", "abl", "10,000 يۈەندىن"),
    ("1-كۈنى", "abl", "1-كۈنىدىن"),
    ("31-كۈنى", "term", "31-كۈنىگىچە"),
    ("كەنت (مەھەللە) سەھىيە ئۆيى", "loc", "كەنت (مەھەللە) سەھىيە ئۆيىدە"),
    ("داۋالاش قۇتقۇزۇشى", "dat", "داۋالاش قۇتقۇزۇشىغا"),
    ("ئۇقتۇرۇش", "abl", "ئۇقتۇرۇشتىن"),           # voiceless ش
    ("بالا", "dat", "بالىغا"),
    ("قىز", "dat", "قىزغا"),                       # only ى: back because of ق
    ("كىشى", "dat", "كىشىگە"),                     # only ى: front
    ("40", "dat", "40 قا"),                       # قىرىق
    ("100", "loc", "100 دە"),                     # يۈز
])
def test_uyghur_suffix_follows_harmony_and_assimilation(word: str, case: str,
                                                         expected: str) -> None:
    assert attach(word, case) == expected


def test_a_number_is_read_by_its_last_word() -> None:
    assert [number_word(n) for n in ("0", "15", "20", "300", "80,000", "2,000,000", "0.5")] \
        == ["نۆل", "بەش", "يىگىرمە", "يۈز", "مىڭ", "مىليون", "بەش"]


def test_an_unknown_case_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown Uyghur case 'ins'"):
        attach("خوتەن", "ins")


def test_a_suffix_on_markup_goes_on_the_last_word_not_after_the_tags() -> None:
    link = Markup('<a href="../">داۋالاش قۇتقۇزۇشى</a>')
    assert suffixed(link, "dat") == Markup('<a href="../">داۋالاش قۇتقۇزۇشىغا</a>')
    term = Markup('<a class="term" href="g/">خوتەن</a><span class="term-short"> (x)</span>')
    assert str(suffixed(term, "gen")).startswith('<a class="term" href="g/">خوتەننىڭ</a>')
    with pytest.raises(ValueError, match="reword the message"):
        suffixed(Markup('<span class="fig">80</span><a class="cite" href="#">第八条</a>'),
                 "abl")


def test_every_number_with_a_suffix_in_uyghur_text_is_read_right() -> None:
    """Review §3: "60 دىن" (→ 60 تىن), "1.05 گە" (→ 1.05 كە) in hand-written texts."""
    by_form = {form: case for case, forms in CASES.items() for form in forms}
    number = re.compile(r"(%?\d[\d,.]*%?) (" + "|".join(sorted(by_form, key=len, reverse=True))
                        + r")(?![\u0626-\u06FF])")
    wrong = []
    checked = 0
    for where, text in all_texts("ug"):
        for m in number.finditer(text):
            checked += 1
            want = attach(m.group(1), by_form[m.group(2)])
            if want != m.group(0):
                wrong.append(f"{where}: {m.group(0)!r} → {want!r}")
    assert checked > 20, "the number check found almost nothing to check"
    assert not wrong, "\n".join(wrong)


def test_a_suffix_goes_on_the_head_noun_before_a_bracketed_aside() -> None:
    assert attach("1-دەرىجىلىك دوختۇرخانا (يېزا دوختۇرخانىسى)", "loc") \
        == "1-دەرىجىلىك دوختۇرخانىدا (يېزا دوختۇرخانىسى)"


def test_a_loanword_in_iye_keeps_its_vowel() -> None:
    assert attach("ئامبۇلاتورىيە", "loc") == "ئامبۇلاتورىيەدە"
    assert attach("كۈندۈزلۈك ئوپېراتسىيە", "gen") == "كۈندۈزلۈك ئوپېراتسىيەنىڭ"


def test_no_suffix_stands_after_a_bracketed_aside() -> None:
    """Review §3: "…ئالىدۇ) دا": the head noun takes the suffix, before the aside."""
    aside = re.compile(r"\)\s+(?:" + "|".join(SUFFIXES) + r")(?![\u0626-\u06FF])")
    found = [f"{where}: {text}" for where, text in all_texts("ug") if aside.search(text)]
    assert not found, "\n".join(found)
