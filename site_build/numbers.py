"""How each language writes a number: grouping and decimal symbols from CLDR, through
Babel, at build time. Used by the pages (``fmt``) and written into the estimator form's
catalogs (``form_texts``). Imports nothing of the estimator: the build compiles the
estimator's catalogs before it imports the estimator."""

from __future__ import annotations

import functools
from decimal import Decimal

from babel import Locale, UnknownLocaleError
from babel.numbers import format_decimal, get_decimal_symbol, get_group_symbol

from .config import SOURCE_LANGUAGE


@functools.cache
def number_locale(lang: str) -> Locale:
    """The CLDR locale whose number symbols *lang*'s pages use; the source language's
    for a code CLDR does not know (a test's pseudo-language)."""
    try:
        return Locale.parse(lang)
    except (UnknownLocaleError, ValueError):
        return Locale.parse(SOURCE_LANGUAGE)


def plain_number(value: Decimal, lang: str = SOURCE_LANGUAGE) -> str:
    """Digits grouped with the language's own symbols (CLDR, through Babel), no trailing
    zeros and no rounding: 80000 → 80,000; 0.5 → 0.5 (Kyrgyz would read 80 000; 0,5)."""
    return format_decimal(value, format="#,##0.###", locale=number_locale(lang),
                          decimal_quantization=False)


def percent_number(rate: Decimal, lang: str = SOURCE_LANGUAGE) -> str:
    return plain_number((rate * 100).normalize(), lang)


def number_symbols(lang: str) -> dict[str, str]:
    """How *lang* writes 80,000.5: the form's setting (not a text to translate)."""
    locale = number_locale(lang)
    return {"group": get_group_symbol(locale), "decimal": get_decimal_symbol(locale)}
