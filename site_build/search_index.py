"""One search index per language, instead of Material's one for the whole site.

mkdocs-static-i18n leaves one ``search/search_index.json`` holding every page of every
language (4 MB of JSON), and Material's search worker builds its index from the whole
file on every page load: about one CPU-second per page on the build machine, more on a
phone (benchmarks/TESTS.md), for results that are mostly in languages the reader did
not choose. This splits it after mkdocs has run: each language's pages go to
``<prefix>search/search_index.json`` (the default language keeps the root file), with
their locations relative to the language's root, and each page's theme configuration
(``<script id="__config">``) gets that root as its ``base``, which is where Material
fetches the index from and resolves the results' links against.
"""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

from .errors import BuildError
from .offline import language_of, prefixes, search_index_of

_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)',
                     re.S)


def split_by_language(site: Path, codes: list[str]) -> dict[str, int]:
    """Write each language's index and point its pages at it; the number of entries
    per language. Nothing is done when the site has no search index."""
    whole = site / search_index_of("")
    if not whole.is_file():
        return {}
    data = json.loads(whole.read_text(encoding="utf-8"))
    prefix_of = prefixes(codes)
    docs: dict[str, list[dict[str, object]]] = {code: [] for code in codes}
    for doc in data["docs"]:
        code = language_of(str(doc["location"]), prefix_of)
        docs[code].append({**doc, "location": str(doc["location"])[len(prefix_of[code]):]})
    for code, prefix in prefix_of.items():
        target = site / search_index_of(prefix)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps({"config": data["config"], "docs": docs[code]},
                                     ensure_ascii=False, separators=(",", ":")),
                          encoding="utf-8")
    for page in site.rglob("*.html"):
        rel = page.relative_to(site).as_posix()
        root = site / prefix_of[language_of(rel, prefix_of)]
        _set_base(page, posixpath.relpath(root.as_posix(), page.parent.as_posix()))
    return {code: len(entries) for code, entries in docs.items()}


_BASE = re.compile(r'"base": ?"[^"]*"')


def _set_base(page: Path, base: str) -> None:
    html = page.read_text(encoding="utf-8")
    match = _CONFIG.search(html)
    if match is None:
        return  # not a theme page (a redirect, the runtime's files)
    config = match.group(2)
    if not _BASE.search(config):
        raise BuildError(f"{page}: the theme's __config has no \"base\" to point at "
                         "the language's search index (site_build/search_index.py)")
    new = _BASE.sub(lambda _: f'"base": {json.dumps(base)}', config, count=1)
    if new != config:
        page.write_text(html[:match.start(2)] + new + html[match.end(2):], encoding="utf-8")
