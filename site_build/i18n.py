"""Message catalogs (gettext .po via Babel), compiled at build time, and the
translation-completeness report.

Keys are msgids such as ``page.inpatient.title``. The Chinese catalog
(``locales/zh/LC_MESSAGES/site.po``) defines every key; a template that asks
for a key it lacks stops the build. Another language that lacks a key, or has
it empty, shows the Chinese text with a visible marker and is listed in the
report.
"""

from __future__ import annotations

import gettext
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from .config import SOURCE_LANGUAGE
from .errors import BuildError

DOMAIN = "site"


def po_path(locales: Path, lang: str) -> Path:
    return locales / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def _read(path: Path, lang: str) -> Catalog:
    try:
        with path.open("rb") as fh:
            return read_po(fh, locale=None, domain=DOMAIN, abort_invalid=True)
    except FileNotFoundError as exc:
        raise BuildError(f"{path}: missing: every language in mkdocs.yml needs a catalog "
                         f"(copy locales/{SOURCE_LANGUAGE}/ and translate)") from exc
    except Exception as exc:  # Babel raises several types for a malformed file
        raise BuildError(f"{path}: cannot parse ({lang}): {exc}") from exc


@dataclass
class Catalogs:
    """Compiled catalogs for every site language, plus what was used and missing."""

    languages: list[str]
    source: dict[str, str]
    translations: dict[str, gettext.GNUTranslations]
    extra_keys: dict[str, list[str]]
    fallback_keys: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    used_keys: set[str] = field(default_factory=set)
    fallback_labels: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    # Keys whose text comes from the data, not the catalogs (region names from the
    # registry, policy_data/regions.yaml): key → {language: text or None}.
    data_keys: dict[str, dict[str, str | None]] = field(default_factory=dict)

    @classmethod
    def load(cls, locales: Path, languages: list[str], workdir: Path) -> Catalogs:
        """Read every .po, compile it to .mo under *workdir*, load the .mo files."""
        source_catalog = _read(po_path(locales, SOURCE_LANGUAGE), SOURCE_LANGUAGE)
        source: dict[str, str] = {}
        for msg in source_catalog:
            if not msg.id:
                continue
            key = str(msg.id)
            if not msg.string:
                raise BuildError(f"{po_path(locales, SOURCE_LANGUAGE)}: key {key!r} has no "
                                 f"Chinese text (the Chinese catalog must be complete)")
            source[key] = str(msg.string)
        translations: dict[str, gettext.GNUTranslations] = {}
        extra: dict[str, list[str]] = {}
        for lang in languages:
            catalog = source_catalog if lang == SOURCE_LANGUAGE else _read(
                po_path(locales, lang), lang)
            extra[lang] = sorted(str(m.id) for m in catalog if m.id and str(m.id) not in source)
            mo = workdir / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
            mo.parent.mkdir(parents=True, exist_ok=True)
            with mo.open("wb") as fh:
                write_mo(fh, catalog)
            with mo.open("rb") as fh:
                translations[lang] = gettext.GNUTranslations(fh)
        return cls(languages, source, translations, extra)

    def define(self, key: str, texts: dict[str, str | None], origin: str) -> None:
        """Give *key* its text from the data (*origin* names where), in every language;
        a language without text shows the Chinese with the marker, as a catalog's
        empty entry does. The catalogs must not define it too."""
        if key in self.source and key not in self.data_keys:
            raise BuildError(f"{key!r} comes from {origin}: remove it from "
                             f"locales/*/LC_MESSAGES/{DOMAIN}.po")
        zh = texts.get(SOURCE_LANGUAGE)
        if not zh:
            raise BuildError(f"{origin}: {key!r} has no Chinese text")
        self.source[key] = zh
        self.data_keys[key] = dict(texts)

    def lookup(self, lang: str, key: str) -> tuple[str, bool]:
        """The text for *key* in *lang*, and whether it fell back to Chinese."""
        if key in self.data_keys:
            self.used_keys.add(key)
            given = self.data_keys[key].get(lang)
            if given:
                return given, False
            self.fallback_keys[lang].add(key)
            return self.source[key], True
        if key not in self.source:
            raise BuildError(f"missing translation key {key!r}: add it to "
                             f"locales/{SOURCE_LANGUAGE}/LC_MESSAGES/{DOMAIN}.po "
                             f"(and translate it in the other catalogs)")
        self.used_keys.add(key)
        text = self.translations[lang].gettext(key)
        if text == key or not text:
            if lang != SOURCE_LANGUAGE:
                self.fallback_keys[lang].add(key)
            return self.source[key], lang != SOURCE_LANGUAGE
        return text, False

    def has(self, key: str) -> bool:
        return key in self.source

    def note_label_fallback(self, lang: str, where: str) -> None:
        self.fallback_labels[lang].add(where)

    def report(self) -> tuple[str, str]:
        """(full report text, one-line-per-language summary)."""
        lines = ["Translation report", "==================", "",
                 f"Catalog keys (Chinese, authoritative): {len(self.source)}", ""]
        summary = []
        for lang in self.languages:
            if lang == SOURCE_LANGUAGE:
                continue
            missing = sorted(k for k in self.source
                             if (not self.data_keys[k].get(lang) if k in self.data_keys
                                 else self.translations[lang].gettext(k) in (k, "")))
            done = len(self.source) - len(missing)
            labels = sorted(self.fallback_labels.get(lang, set()))
            pct = 100.0 * done / len(self.source) if self.source else 100.0
            summary.append(f"{lang}: interface {done}/{len(self.source)} ({pct:.0f}%), "
                           f"{len(labels)} data label(s) shown in Chinese")
            lines += [f"[{lang}]",
                      f"interface strings translated: {done}/{len(self.source)} ({pct:.1f}%)"]
            lines += [f"  untranslated key: {k}" for k in missing]
            lines += [f"  key not in the Chinese catalog (unused): {k}"
                      for k in self.extra_keys.get(lang, [])]
            lines.append(f"data labels shown in Chinese: {len(labels)}")
            lines += [f"  {where}" for where in labels]
            lines.append("")
        unused = sorted(set(self.source) - self.used_keys)
        lines.append(f"Catalog keys no page used: {len(unused)}")
        lines += [f"  {k}" for k in unused]
        return "\n".join(lines) + "\n", "\n".join(summary)
