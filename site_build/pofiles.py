"""Reading, writing and updating the gettext catalogs of one text domain
(``locales/<lang>/LC_MESSAGES/<domain>.po``), the same way for every domain: stable
output (no line numbers, no wrapping, the creation date kept) so that an update
without changes changes nothing."""

from __future__ import annotations

import io
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po, write_po

from .errors import BuildError


def po_path(root: Path, lang: str, domain: str) -> Path:
    return root / "locales" / lang / "LC_MESSAGES" / f"{domain}.po"


def _locale(lang: str) -> str | None:
    """*lang* for Babel, or None for a code CLDR does not know (a new or pseudo
    language): the catalog is read and written all the same, without plural rules."""
    try:
        Locale.parse(lang)
    except (UnknownLocaleError, ValueError):
        return None
    return lang


def read(root: Path, lang: str, domain: str) -> Catalog:
    """The catalog, or an empty one when the file does not exist yet."""
    path = po_path(root, lang, domain)
    try:
        with path.open("rb") as fh:
            return read_po(fh, locale=_locale(lang), domain=domain, abort_invalid=True)
    except FileNotFoundError:
        return Catalog(locale=_locale(lang), domain=domain, charset="utf-8")
    except Exception as exc:  # Babel raises several types for a malformed file
        raise BuildError(f"{path}: cannot parse: {exc}") from exc


def write(root: Path, lang: str, domain: str, catalog: Catalog) -> None:
    catalog.fuzzy = False  # the header entry
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0, sort_output=False, include_previous=True,
             include_lineno=False)
    path = po_path(root, lang, domain)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())


def update(root: Path, languages: list[str], domain: str, template: Catalog) -> None:
    """Bring every catalog in step with the source: new keys empty, changed Chinese
    fuzzy (the old translation kept for the translator), removed keys obsolete."""
    for lang in languages:
        catalog = read(root, lang, domain)
        created = catalog.creation_date  # kept, so that an update without changes is none
        catalog.update(template, update_header_comment=False)
        catalog.creation_date = created
        write(root, lang, domain, catalog)


def update_by_context(root: Path, languages: list[str], domain: str,
                      template: Catalog) -> None:
    """As ``update``, for a domain whose msgctxt is a stable key (a data path): an
    entry is matched by its context only, never by a similar text. Same Chinese: kept.
    Changed Chinese: the translation kept, marked fuzzy, with the Chinese it was made
    from as the previous msgid (``#| msgid``; kept from the first change when the
    Chinese changes again before the translator has looked). New key: empty. A key
    no longer in the source: dropped (it is in git's history)."""
    for lang in languages:
        old = read(root, lang, domain)
        by_context = {str(m.context): m for m in old if m.id and m.context}
        new = Catalog(locale=_locale(lang), domain=domain,
                      project=old.project or "medins-guide",
                      charset="utf-8", creation_date=old.creation_date,
                      revision_date=old.revision_date)
        new.mime_headers = old.mime_headers
        new.creation_date = old.creation_date
        for msg in template:
            if not msg.id:
                continue
            was = by_context.get(str(msg.context))
            entry = Message(msg.id, "", context=msg.context, locations=msg.locations)
            if was is not None and was.string:
                entry.string = was.string
                entry.user_comments = list(was.user_comments)
                if str(was.id) != str(msg.id) or was.fuzzy:
                    entry.flags.add("fuzzy")
                    entry.previous_id = (list(was.previous_id) if was.fuzzy and was.previous_id
                                         else [str(was.id)])
            new[msg.id] = entry
        write(root, lang, domain, new)


def report(root: Path, languages: list[str], domain: str,
           template: Catalog) -> dict[str, dict[str, list[str]]]:
    """Per language: the keys (msgctxt) with no translation ("missing") and those whose
    translation was made from another Chinese or is marked so ("fuzzy")."""
    source = {str(m.context): str(m.id) for m in template if m.id}
    out: dict[str, dict[str, list[str]]] = {}
    for lang in languages:
        by_key = {str(m.context): m for m in read(root, lang, domain) if m.id and m.context}
        missing, fuzzy = [], []
        for key, zh in source.items():
            msg = by_key.get(key)
            if msg is None or not msg.string:
                missing.append(key)
            elif msg.fuzzy or str(msg.id) != zh:
                fuzzy.append(key)
        out[lang] = {"missing": missing, "fuzzy": fuzzy}
    return out
