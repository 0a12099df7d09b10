"""The policy data's translations: every ``{zh: …}`` label of ``policy_data/*.yaml``
gets its other languages from ``locales/<lang>/LC_MESSAGES/data.po`` (the ``data``
text domain), keyed by the label's data path as gettext context, e.g.
``kizilsu_2025:schemes.employee.contributions[unemployed].label`` (the same path
``site_build.data_texts`` extracts).

The YAML holds only the Chinese. ``attach`` adds one key per translated language to
each label of a file's loaded data, before validation, so the bundle and the pages see
``{zh, ug, en}`` as they always did: the catalog's text where its entry is current
(translated, not fuzzy, and made from the same Chinese), ``None`` otherwise (the site
and the estimator then show the Chinese with a "translation pending" mark).

A label whose Chinese changed, or a new label, since ``python build.py catalogs`` last
ran is not an error: ``stale_notes`` says which and what to run.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel.messages.pofile import read_po

DOMAIN = "data"
SOURCE_LANGUAGE = "zh"
# A key of a label mapping that names a language (zh, ug, en, ky, pt-BR …).
_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}([_-][A-Za-z0-9]+)?$")


def label_paths(value: Any, path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """(data path, mapping) of every label (a mapping with a Chinese ``zh`` text) in
    loaded YAML data, the paths as ``site_build.data_texts.labels`` gives them (a list
    item is named by its ``id``, else by its index)."""
    if isinstance(value, dict):
        if isinstance(value.get(SOURCE_LANGUAGE), str):
            yield path, value
        for key, sub in value.items():
            if isinstance(key, str) and key == SOURCE_LANGUAGE:
                continue
            if isinstance(value.get(SOURCE_LANGUAGE), str) and is_language(key):
                continue
            yield from label_paths(sub, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            name = item.get("id") if isinstance(item, dict) else None
            yield from label_paths(item, f"{path}[{name if name else i}]")


def is_language(key: Any) -> bool:
    return isinstance(key, str) and bool(_LANGUAGE_CODE.match(key))


@dataclass(frozen=True)
class Entry:
    zh: str
    text: str
    fuzzy: bool


@dataclass
class Translations:
    """The data catalogs of one locales/ folder: language → context → entry."""

    locales: Path
    languages: tuple[str, ...]
    entries: dict[str, dict[str, Entry]] = field(default_factory=dict)

    def text(self, lang: str, context: str, zh: str) -> str | None:
        """The current translation, or None (missing, empty, fuzzy or made from other
        Chinese)."""
        entry = self.entries.get(lang, {}).get(context)
        if entry is None or entry.fuzzy or not entry.text or entry.zh != zh:
            return None
        return entry.text

    def stale(self, lang: str, context: str, zh: str) -> bool:
        """Whether the catalog has not caught up with this label (new, or its Chinese
        changed and the entry is not marked fuzzy yet): `python build.py catalogs`."""
        entry = self.entries.get(lang, {}).get(context)
        return entry is None or (entry.zh != zh and not entry.fuzzy)


_CACHE: dict[tuple[Path, tuple[tuple[str, int, int], ...]], Translations] = {}


def po_path(locales: Path, lang: str) -> Path:
    return locales / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def languages_of(locales: Path) -> tuple[str, ...]:
    """The translated languages: every folder of *locales* with a site catalog, but
    the Chinese (each site language has one, see locales/README.md)."""
    return tuple(sorted(p.parent.parent.name for p in locales.glob("*/LC_MESSAGES/site.po")
                        if p.parent.parent.name != SOURCE_LANGUAGE))


def load(locales: Path) -> Translations:
    """Read every language's data.po under *locales* (a language without one has every
    label untranslated). Raises ValueError, naming the file, on a malformed catalog."""
    langs = languages_of(locales)
    stamp = []
    for lang in langs:
        path = po_path(locales, lang)
        st = path.stat() if path.exists() else None
        stamp.append((lang, st.st_mtime_ns if st else 0, st.st_size if st else 0))
    key = (locales.resolve(), tuple(stamp))
    if key in _CACHE:
        return _CACHE[key]
    out = Translations(locales, langs)
    for lang in langs:
        path = po_path(locales, lang)
        entries: dict[str, Entry] = {}
        if path.exists():
            try:
                with path.open("rb") as fh:
                    catalog = read_po(fh, domain=DOMAIN, abort_invalid=True)
            except Exception as exc:  # Babel raises several types for a malformed file
                raise ValueError(f"{path}: cannot parse: {exc}") from exc
            for msg in catalog:
                if msg.id and msg.context:
                    entries[str(msg.context)] = Entry(str(msg.id), str(msg.string or ""),
                                                      bool(msg.fuzzy))
        out.entries[lang] = entries
    _CACHE[key] = out
    return out


def attach(data: Any, document: str, translations: Translations) -> list[str]:
    """Add each language's text to every label of *data* (a file's loaded YAML, whose
    data paths start with *document*, the file's stem) in place; return the contexts
    the catalogs have not caught up with (see ``Translations.stale``)."""
    stale = []
    for path, label in label_paths(data):
        context = f"{document}:{path}"
        zh = label[SOURCE_LANGUAGE]
        for lang in translations.languages:
            if lang in label:
                continue  # written inline: refused (inline_keys), left as written
            label[lang] = translations.text(lang, context, zh)
            if translations.stale(lang, context, zh):
                stale.append(f"{lang}:{context}")
    return stale


def inline_keys(data: Any) -> Iterator[tuple[tuple[Any, ...], str, str]]:
    """(key path, key, the label's data path) of every key of a label other than
    ``zh``: the YAML holds only the Chinese (a translation there, or any other key, is
    refused)."""
    yield from _inline(data, (), "")


def _inline(value: Any, at: tuple[Any, ...],
            path: str) -> Iterator[tuple[tuple[Any, ...], str, str]]:
    if isinstance(value, dict):
        label = isinstance(value.get(SOURCE_LANGUAGE), str)
        for key, sub in value.items():
            if label and key != SOURCE_LANGUAGE:
                yield at + (key,), str(key), path
            else:
                yield from _inline(sub, at + (key,), f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            name = item.get("id") if isinstance(item, dict) else None
            yield from _inline(item, at + (i,), f"{path}[{name if name else i}]")


def inline_problem(key: str, context: str, locales: Path) -> str:
    """Why *key* may not be written in a label."""
    if not is_language(key):
        return "unknown key: a text is written as {zh: …} (its Chinese) and nothing else"
    return (f"a translation is not written in the YAML, only the Chinese ('zh'): the "
            f"{key!r} text of this label lives in "
            f"locales/{key}/LC_MESSAGES/{DOMAIN}.po (msgctxt \"{context}\"): remove "
            f"'{key}:' here, run 'python build.py catalogs' and translate it there")


def stale_note(stale: list[str]) -> str:
    """One note for every label the catalogs have not caught up with."""
    langs = sorted({s.split(":", 1)[0] for s in stale})
    files = ", ".join(f"locales/{lang}/LC_MESSAGES/{DOMAIN}.po" for lang in langs)
    contexts = list(dict.fromkeys(s.split(":", 1)[1] for s in stale))
    first = contexts[0]
    return (f"note: {len(contexts)} data text(s) are new or their Chinese changed since the "
            f"catalogs ({files}) were last updated (first: {first}): they show in Chinese "
            f"with 'translation pending' until you run 'python build.py catalogs' (it adds "
            f"new texts empty and marks changed ones fuzzy) and translate them there")
