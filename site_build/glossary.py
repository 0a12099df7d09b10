"""The project's terminology: one term per concept and language, with the retired
Uyghur variants (``locales/glossary.tsv``).

The file is tab-separated with a header row: ``key``, ``zh``, ``ug``, ``en``,
``retired_ug`` (variants separated by `` | ``), ``page`` (``yes`` when the
glossary page explains the concept, ``no`` when it only lists its term, ``lint``
for a spelling the lint test enforces but the page does not show) and ``note``
(why this term; the review's confidence). The glossary page is generated from
it, and a test rejects any Uyghur text that still uses a retired variant.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from .errors import BuildError

COLUMNS = ("key", "zh", "ug", "en", "retired_ug", "page", "note")
# The languages the file names each term in (checked against the catalogs).
LANGUAGES = ("zh", "ug", "en")


@dataclass(frozen=True)
class Term:
    key: str
    zh: str
    ug: str
    en: str
    retired_ug: tuple[str, ...]
    on_page: bool
    note: str
    listed: bool = True

    def name(self, lang: str) -> str:
        return {"zh": self.zh, "ug": self.ug, "en": self.en}[lang]

    def retired_in(self, text: str) -> list[str]:
        """Retired variants *text* uses, outside any use of the approved term. A variant
        that only occurs inside the approved term is fine; one that contains the approved
        term (a longer, retired wording around it) is not."""
        approved = _spans(text, self.ug)
        return [variant for variant in self.retired_ug
                if any(not any(a <= s and e <= b for a, b in approved)
                       for s, e in _spans(text, variant))]


def _spans(text: str, word: str) -> list[tuple[int, int]]:
    """Every (start, end) of *word* in *text*, overlapping ones included."""
    spans, at = [], text.find(word)
    while at >= 0:
        spans.append((at, at + len(word)))
        at = text.find(word, at + 1)
    return spans


def load(path: Path) -> list[Term]:
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise BuildError(f"{path}: missing (the glossary of terms)") from exc
    rows = list(csv.reader(raw.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE))
    if not rows or tuple(rows[0]) != COLUMNS:
        raise BuildError(f"{path}: the first line must be the columns {', '.join(COLUMNS)}, "
                         "separated by tabs")
    terms: list[Term] = []
    seen: set[str] = set()
    for number, row in enumerate(rows[1:], start=2):
        if not any(row):
            continue
        if len(row) != len(COLUMNS):
            raise BuildError(f"{path}:{number}: {len(row)} columns, expected {len(COLUMNS)}")
        key, zh, ug, en, retired, page, note = (cell.strip() for cell in row)
        if not key or not zh or not ug or not en:
            raise BuildError(f"{path}:{number}: key, zh, ug and en must all be filled in")
        if key in seen:
            raise BuildError(f"{path}:{number}: concept {key!r} appears twice")
        if page not in ("yes", "no", "lint"):
            raise BuildError(f"{path}:{number}: page must be yes, no or lint, not {page!r}")
        variants = tuple(v.strip() for v in retired.split("|") if v.strip())
        for variant in variants:
            if variant == ug:
                raise BuildError(f"{path}:{number}: {key!r} retires its own term {ug!r}")
        seen.add(key)
        terms.append(Term(key, zh, ug, en, variants, page == "yes", note, page != "lint"))
    return terms


def check_catalog_names(terms: list[Term], names: dict[str, dict[str, str]]) -> list[str]:
    """Disagreements between the glossary and the catalogs' ``glossary.<key>.name``.

    *names* maps a language to {key: catalog text}. Every term the glossary page
    lists must have the same name in the catalog as in the glossary, so that the
    page (its headings and table take the names from the catalogs), the inline term
    links and the glossary file cannot drift apart."""
    problems = []
    for term in terms:
        if not term.listed:
            continue
        for lang, by_key in names.items():
            shown = by_key.get(f"glossary.{term.key}.name")
            if shown != term.name(lang):
                problems.append(f"glossary.{term.key}.name ({lang}): the catalog says "
                                f"{shown!r}, locales/glossary.tsv says {term.name(lang)!r}")
    return problems
