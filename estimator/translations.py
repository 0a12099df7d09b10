"""The estimator's texts in languages other than Chinese, from the gettext catalogs.

Chinese, the authoritative text, is written in the source (``messages.SOURCE``,
``labels``). Every other language lives in ``locales/<lang>/LC_MESSAGES/estimator.po``;
the build compiles those catalogs into ``translations.json`` beside this file (standard
library only here: the browser's trimmed Python has no gettext). Each entry keeps the
Chinese it translates: when the Chinese has changed since, or the catalog marks the
entry fuzzy or leaves it empty, the Chinese is shown with a "translation pending" mark
instead of a stale translation.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

TRANSLATIONS_PATH = Path(__file__).with_name("translations.json")

# The message key of the mark shown after the Chinese where a translation is missing or
# out of date: each language's own text, from its catalog (none where it has none).
PENDING_KEY = "mark.pending"


@cache
def _compiled() -> dict[str, Any]:
    with TRANSLATIONS_PATH.open(encoding="utf-8") as f:
        data: dict[str, Any] = json.load(f)
    return data


def languages() -> tuple[str, ...]:
    """The translated languages, in the order of the site's language list."""
    return tuple(_compiled()["languages"])


def pending_mark(lang: str) -> str:
    """The "translation pending" mark in *lang* (its catalog's ``mark.pending``)."""
    entry = _compiled()["messages"].get(lang, {}).get(PENDING_KEY)
    return str(entry["text"]) if entry and entry["text"] else ""


def translate(key: str, zh: str, lang: str) -> str:
    """*key*'s text in *lang*, or *zh* with the pending mark."""
    entry = _compiled()["messages"].get(lang, {}).get(key)
    if entry and entry["zh"] == zh and entry["text"]:
        return str(entry["text"])
    return zh + pending_mark(lang)


def pending(key: str, zh: str, lang: str) -> bool:
    entry = _compiled()["messages"].get(lang, {}).get(key)
    return not (entry and entry["zh"] == zh and entry["text"])
