"""Uyghur case suffixes attached to a word or a number (standard library only).

A Uyghur message should be written so that no placeholder takes a suffix. Where one
cannot be avoided (a place name, a date, a sum of money), :func:`attach` adds the
suffix the way the language does:

- **vowel harmony**: the last back vowel (ا و ۇ) or front vowel (ە ۆ ۈ) of the word
  chooses غا/قا/دا/تا or گە/كە/دە/تە; a word with only ى/ې is back when it has ق غ خ
  and front otherwise;
- **consonant assimilation**: after a voiceless consonant (پ ت چ خ س ش ف ق ك ھ) the
  suffix starts with ت/ق/ك instead of د/غ/گ;
- **vowel raising**: a word of two or more syllables ending in ا or ە changes it to ى
  (دوختۇرخانا + دا → دوختۇرخانىدا), except a loanword in -ىيە/-ىيا;
- **numbers** take the suffix of the last word they are read with, after a space
  (60 ئاتمىش → 60 تىن; 1.05 … بەش → 1.05 كە; %90 … توقسان → %90 غا).

>>> attach("دوختۇرخانا", "loc")
'دوختۇرخانىدا'
>>> attach("60", "abl")
'60 تىن'
"""

from __future__ import annotations

import re

__all__ = ["CASES", "attach"]

# Case name → (back voiced, back voiceless, front voiced, front voiceless) forms.
CASES: dict[str, tuple[str, str, str, str]] = {
    "loc": ("دا", "تا", "دە", "تە"),              # locative: in, at
    "abl": ("دىن", "تىن", "دىن", "تىن"),          # ablative: from, than
    "dat": ("غا", "قا", "گە", "كە"),              # dative: to
    "term": ("غىچە", "قىچە", "گىچە", "كىچە"),      # terminative: until, up to
    "gen": ("نىڭ", "نىڭ", "نىڭ", "نىڭ"),          # genitive: of
    "acc": ("نى", "نى", "نى", "نى"),              # accusative
}

BACK_VOWELS = frozenset("اوۇ")
FRONT_VOWELS = frozenset("ەۆۈ")
VOWELS = BACK_VOWELS | FRONT_VOWELS | frozenset("ىې")
BACK_CONSONANTS = frozenset("قغخ")
VOICELESS = frozenset("پتچخسشفقكھ")
UYGHUR_LETTER = re.compile(r"[\u0626-\u06FF]")

# How the last word of a number is read: (is back, ends voiceless).
_ONES = {1: "بىر", 2: "ئىككى", 3: "ئۈچ", 4: "تۆت", 5: "بەش", 6: "ئالتە", 7: "يەتتە",
         8: "سەككىز", 9: "توققۇز"}
_TENS = {1: "ئون", 2: "يىگىرمە", 3: "ئوتتۇز", 4: "قىرىق", 5: "ئەللىك", 6: "ئاتمىش",
         7: "يەتمىش", 8: "سەكسەن", 9: "توقسان"}
_ASIDE = re.compile(r"\s*\([^()]*\)$")
_NUMBER = re.compile(r"(\d[\d,]*)(?:\.(\d+))?\s*%?$")


def number_word(digits: str) -> str:
    """The last word a Uyghur reader says for a number: 60 → ئاتمىش, 1.05 → بەش."""
    match = _NUMBER.search(digits.strip())
    if match is None:
        raise ValueError(f"not a number: {digits!r}")
    whole, fraction = match.group(1).replace(",", ""), match.group(2)
    n = int(fraction) if fraction and int(fraction) else int(whole)
    if n == 0:
        return "نۆل"
    if n % 10:
        return _ONES[n % 10]
    if n % 100:
        return _TENS[(n % 100) // 10]
    if n % 1000:
        return "يۈز"
    if n % 1_000_000:
        return "مىڭ"
    if n % 1_000_000_000:
        return "مىليون"
    return "مىليارد"


def _is_back(word: str) -> bool:
    for letter in reversed(word):
        if letter in BACK_VOWELS:
            return True
        if letter in FRONT_VOWELS:
            return False
    return any(letter in BACK_CONSONANTS for letter in word)


def _form(word: str, case: str) -> str:
    back_voiced, back_voiceless, front_voiced, front_voiceless = CASES[case]
    voiceless = word[-1] in VOICELESS
    if _is_back(word):
        return back_voiceless if voiceless else back_voiced
    return front_voiceless if voiceless else front_voiced


def attach(text: str, case: str) -> str:
    """*text* with the Uyghur *case* suffix (a key of :data:`CASES`) attached.

    A text ending in a bracketed aside takes the suffix before the aside. A text
    ending in a Uyghur word gets the suffix joined to that word; one ending in a number
    (or a percent) gets it after a space, chosen by how the number is read; anything
    else (Latin, Chinese) gets the front voiced form after a space."""
    if case not in CASES:
        raise ValueError(f"unknown Uyghur case {case!r}; use one of {', '.join(CASES)}")
    stripped = text.rstrip()
    if not stripped:
        raise ValueError("no word to attach a suffix to")
    aside = _ASIDE.search(stripped)
    if aside and aside.start() > 0:
        # "دوختۇرخانا (…)": the head noun takes the suffix, the aside follows it.
        return attach(stripped[:aside.start()], case) + stripped[aside.start():]
    if stripped[-1].isdigit() or stripped[-1] == "%":
        return f"{stripped} {_form(number_word(stripped), case)}"
    if not UYGHUR_LETTER.match(stripped[-1]):
        return f"{stripped} {CASES[case][2]}"
    word = re.split(r"[\s\-‐>]", stripped)[-1]
    suffix = _form(word, case)
    syllables = sum(1 for letter in word if letter in VOWELS)
    # Loanwords in -ىيە/-ىيا keep their vowel (ئامبۇلاتورىيەدە, ئوپېراتسىيەنىڭ), as the
    # project's texts and the review's examples write them.
    if stripped[-1] in "اە" and syllables >= 2 and not stripped.endswith(("يە", "يا")):
        stripped = stripped[:-1] + "ى"
    return stripped + suffix
