"""The estimator form's text domain: the Chinese is written in
``docs/assets/estimator/i18n/zh.json``; every other language lives in
``locales/<lang>/LC_MESSAGES/form.po`` (msgctxt = the string's JSON path, e.g.
``ui.year``; msgid = its Chinese) and is compiled back into ``<lang>.json`` of the same
shape, which the form reads as before.

A string whose Chinese changed (fuzzy after ``update``) or that has no translation is
compiled as the Chinese with a "translation pending" mark (the language's own
``pending_mark``, from the same catalog), never as a stale text.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog

from . import pofiles
from .errors import BuildError
from .numbers import number_symbols

DOMAIN = "form"
FORM_DIR = Path("docs/assets/estimator/i18n")
SOURCE_FILE = FORM_DIR / "zh.json"
# The key of the "translation pending" mark of a form string shown in Chinese.
PENDING_KEY = "pending_mark"
# The number symbols of the language (a setting from CLDR, not a text).
NUMBER_KEY = "number"


def leaves(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """(JSON path, text) of every string in *value*, in file order."""
    if isinstance(value, dict):
        for key, sub in value.items():
            yield from leaves(sub, f"{path}.{key}" if path else key)
    elif isinstance(value, str):
        yield path, value
    elif value is not None and not isinstance(value, bool | int | float):
        raise BuildError(f"{SOURCE_FILE}: {path}: only objects, strings, numbers and true/false"
                         f" are expected")
    # Numbers and true/false (e.g. a guided question's "optional": true) are settings,
    # not texts: every language's file keeps them as they are in zh.json.


def _rebuild(value: Any, texts: dict[str, str], path: str = "") -> Any:
    if isinstance(value, dict):
        return {k: _rebuild(v, texts, f"{path}.{k}" if path else k) for k, v in value.items()}
    return texts[path] if isinstance(value, str) else value


def source(root: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((root / SOURCE_FILE).read_text(encoding="utf-8"))
    return data


def template(root: Path) -> Catalog:
    catalog = Catalog(domain=DOMAIN, project="medins-guide", charset="utf-8")
    for path, zh in leaves(source(root)):
        catalog.add(zh, context=path, locations=[(str(SOURCE_FILE), 0)])
    return catalog


def po_path(root: Path, lang: str) -> Path:
    return pofiles.po_path(root, lang, DOMAIN)


def read(root: Path, lang: str) -> Catalog:
    return pofiles.read(root, lang, DOMAIN)


def write(root: Path, lang: str, catalog: Catalog) -> None:
    pofiles.write(root, lang, DOMAIN, catalog)


def update(root: Path, languages: list[str]) -> None:
    """Bring every catalog in step with the source (changed Chinese → fuzzy)."""
    pofiles.update(root, languages, DOMAIN, template(root))


def compiled(root: Path, lang: str) -> dict[str, Any]:
    """*lang*'s form strings, shaped like zh.json."""
    by_path = {str(m.context): m for m in read(root, lang) if m.id and m.context}
    mark = by_path.get(PENDING_KEY)
    pending = str(mark.string) if mark is not None and mark.string and not mark.fuzzy else ""
    texts = {}
    for path, zh in leaves(source(root)):
        msg = by_path.get(path)
        if msg is not None and msg.string and not msg.fuzzy and str(msg.id) == zh:
            texts[path] = str(msg.string)
        else:
            texts[path] = zh + ("" if path == PENDING_KEY else pending)
    # The number symbols are a setting from CLDR (site_build/numbers.py); zh.json, the
    # source, has none: the form's default (numbers.js) is Chinese's own.
    return {**_rebuild(source(root), texts), NUMBER_KEY: number_symbols(lang)}



def write_forms(root: Path, languages: list[str]) -> list[str]:
    """Write docs/assets/estimator/i18n/<lang>.json; the languages whose file changed."""
    changed = []
    for lang in languages:
        text = json.dumps(compiled(root, lang), ensure_ascii=False, indent=1) + "\n"
        path = root / FORM_DIR / f"{lang}.json"
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(lang)
    return changed


def report(root: Path, languages: list[str]) -> dict[str, dict[str, list[str]]]:
    """Per language: JSON paths missing (no translation) and fuzzy (Chinese changed)."""
    return pofiles.report(root, languages, DOMAIN, template(root))
