"""Offline reading: what the service worker stores for each language after a first visit.

``write_manifests(site_dir, codes)`` runs after the MkDocs build (from
``site_build/runtime.py``, before ``sw.js`` is written) and writes, for each language,
``assets/offline/<lang>.<hash>.json``: every page of that language (its fallback page
``<prefix>offline/`` included) and every file those pages and that language's estimator
load (theme, styles, scripts, the estimator's modules and its catalog, the search
index), each with a revision (the SHA-256 of its bytes) and its size. The name carries a
hash of the content, and ``sw.js`` is given the names (``OFFLINE`` line): a new site
version gives a new ``sw.js``, whose service worker refreshes what changed and drops
what is gone. The estimator's runtime (``pyodide/``) is not listed: ``sw.js`` has its
own list (``RUNTIME``), shared by every language.

``python -m site_build.offline SITE_DIR`` prints the budget: bytes stored and sent per
language, for pages, other files and the runtime.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Where the manifests go, and the fallback page of each language (templates/offline.md.j2).
MANIFEST_DIR = "assets/offline"
FALLBACK_PAGE = "offline"
# Files every language's pages load without naming them in the HTML: the estimator's
# modules (app.js imports them; another helper may split it further) and stylesheet,
# Material's search worker and the language's search index (site_build/search_index.py).
ESTIMATOR_ASSETS = "assets/estimator"
ESTIMATOR_SUFFIXES = (".js", ".mjs", ".css")
SEARCH_INDEX = "search/search_index.json"  # under each language's prefix
SEARCH_WORKERS = "assets/javascripts/workers"
# Not stored for offline reading: the runtime (its own cache), the service worker, source
# maps, precompressed copies.
SKIPPED = ("pyodide/", "sw.js", "assets/estimator/sw.js")
_REF = re.compile(r"<(?:link|script|img)\b[^>]*?\b(?:href|src)=\"([^\"#?]+)[^\"]*\"", re.I)


@dataclass(frozen=True)
class Entry:
    url: str    # relative to the site root; a page is its directory URL ("ug/hotan/")
    rev: str    # the first 16 hex digits of the SHA-256 of the file
    size: int   # bytes stored (the file as served, decoded)

    def as_json(self) -> dict[str, Any]:
        return {"url": self.url, "rev": self.rev, "size": self.size}


@dataclass(frozen=True)
class Manifest:
    lang: str
    prefix: str
    path: str              # of the manifest file, relative to the site root
    version: str
    pages: tuple[Entry, ...]
    assets: tuple[Entry, ...]

    def totals(self) -> dict[str, int]:
        return {"pages": len(self.pages), "pages_size": sum(e.size for e in self.pages),
                "assets": len(self.assets), "assets_size": sum(e.size for e in self.assets)}


def prefixes(codes: list[str]) -> dict[str, str]:
    """URL prefix of each language: the first (default) language at the root."""
    return {code: ("" if i == 0 else f"{code}/") for i, code in enumerate(codes)}


def search_index_of(prefix: str) -> str:
    """Where the search index of the language at URL prefix ``prefix`` ("" or "ug/") is
    (site_build/search_index.py writes one per language)."""
    return prefix + SEARCH_INDEX


def language_of(rel: str, prefix_of: dict[str, str]) -> str:
    """The language a site path belongs to (the longest prefix; else the default)."""
    best = next(iter(prefix_of))
    for code, prefix in prefix_of.items():
        if prefix and rel.startswith(prefix) and len(prefix) > len(prefix_of[best]):
            best = code
    return best


def _entry(site: Path, rel_file: str, url: str) -> Entry:
    path = site / rel_file
    data = path.read_bytes()
    return Entry(url, hashlib.sha256(data).hexdigest()[:16], len(data))


def _sent(site: Path, rel_file: str) -> int:
    """Bytes a host sends for a file: its precompressed .gz copy when there is one."""
    path = site / rel_file
    gz = path.with_name(path.name + ".gz")
    return (gz if gz.is_file() else path).stat().st_size


def _file_of(url: str) -> str:
    """The file behind a manifest URL (a page's directory URL → its index.html)."""
    if url == "./":
        return "index.html"
    return f"{url}index.html" if url.endswith("/") else url


def _page_url(rel_file: str) -> str:
    folder = posixpath.dirname(rel_file)
    return f"{folder}/" if folder else "./"


def _references(site: Path, rel_file: str) -> set[str]:
    """Site files a page loads by name (stylesheets, scripts, icons, images)."""
    html = (site / rel_file).read_text(encoding="utf-8")
    base = posixpath.dirname(rel_file)
    found: set[str] = set()
    for ref in _REF.findall(html):
        if "://" in ref or ref.startswith(("//", "data:", "/")):
            continue  # another origin (none expected) or an absolute path
        target = posixpath.normpath(posixpath.join(base, ref))
        if target.startswith("..") or not (site / target).is_file():
            continue
        found.add(target)
    return found


def _skipped(rel: str) -> bool:
    return rel.startswith(SKIPPED) or rel in SKIPPED or rel.endswith((".map", ".gz", ".br"))


def build_manifest(site: Path, lang: str, prefix_of: dict[str, str]) -> Manifest:
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("index.html"))
    own = [p for p in pages if language_of(p, prefix_of) == lang]
    assets: set[str] = set()
    for page in own:
        assets |= _references(site, page)
    estimator = site / ESTIMATOR_ASSETS
    if estimator.is_dir():
        assets |= {p.relative_to(site).as_posix() for p in estimator.rglob("*")
                   if p.is_file() and p.suffix in ESTIMATOR_SUFFIXES}
        catalog = estimator / "i18n" / f"{lang}.json"
        if catalog.is_file():
            assets.add(catalog.relative_to(site).as_posix())
    workers = site / SEARCH_WORKERS
    if workers.is_dir():
        assets |= {p.relative_to(site).as_posix() for p in workers.glob("*.js")}
    index = search_index_of(prefix_of[lang])
    if (site / index).is_file():
        assets.add(index)
    page_entries = tuple(_entry(site, p, _page_url(p)) for p in own)
    asset_entries = tuple(_entry(site, a, a) for a in sorted(assets) if not _skipped(a))
    listing = json.dumps([[e.url, e.rev] for e in page_entries + asset_entries])
    version = hashlib.sha256(listing.encode("utf-8")).hexdigest()[:12]
    return Manifest(lang, prefix_of[lang], f"{MANIFEST_DIR}/{lang}.{version}.json", version,
                    page_entries, asset_entries)


def write_manifests(site: Path, codes: list[str]) -> dict[str, Any]:
    """Write each language's manifest (stale ones removed); return what ``sw.js`` is
    given: per language its prefix, manifest, version and fallback page URL."""
    prefix_of = prefixes(codes)
    folder = site / MANIFEST_DIR
    folder.mkdir(parents=True, exist_ok=True)
    manifests = [build_manifest(site, code, prefix_of) for code in codes]
    keep = {m.path for m in manifests}
    for old in folder.glob("*.json*"):
        rel = old.relative_to(site).as_posix().removesuffix(".gz").removesuffix(".br")
        if rel not in keep:
            old.unlink()
    config: dict[str, Any] = {"languages": {}, "order": list(codes)}
    for m in manifests:
        body = {"lang": m.lang, "version": m.version, "totals": m.totals(),
                "entries": [e.as_json() for e in m.pages + m.assets]}
        target = site / m.path
        text = json.dumps(body, ensure_ascii=False, sort_keys=True, indent=0) + "\n"
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
        config["languages"][m.lang] = {
            "prefix": m.prefix, "manifest": m.path, "version": m.version,
            "fallback": f"{m.prefix}{FALLBACK_PAGE}/"}
    return config


def site_languages(root: Path) -> list[str]:
    """The language codes of mkdocs.yml, default first."""
    from .config import Project, languages, load_mkdocs_config  # noqa: PLC0415

    return [lang.code for lang in languages(load_mkdocs_config(Project(root)))]


def budget(site: Path, runtime_files: list[str]) -> list[dict[str, Any]]:
    """Bytes stored and sent (gzip) for each language's offline copy, from the manifests
    written in ``site`` and the runtime files (shared by all languages)."""
    rt_size = sum((site / f).stat().st_size for f in runtime_files)
    rt_sent = sum(_sent(site, f) for f in runtime_files)
    rows = []
    for path in sorted((site / MANIFEST_DIR).glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        t = dict(data["totals"])
        pages = [e["url"] for e in data["entries"] if e["url"].endswith("/")]
        others = [e["url"] for e in data["entries"] if not e["url"].endswith("/")]
        t["pages_sent"] = sum(_sent(site, _file_of(u)) for u in pages)
        t["assets_sent"] = sum(_sent(site, u) for u in others)
        rows.append({"lang": data["lang"], **t, "runtime_size": rt_size,
                     "runtime_sent": rt_sent,
                     "total_size": t["pages_size"] + t["assets_size"] + rt_size,
                     "total_sent": t["pages_sent"] + t["assets_sent"] + rt_sent})
    return rows


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m site_build.offline SITE_DIR", file=sys.stderr)
        return 2
    site = Path(argv[1])
    sw = (site / "sw.js").read_text(encoding="utf-8")
    runtime = json.loads(sw.split("const RUNTIME = ", 1)[1].split("; // @@RUNTIME@@")[0])
    mb = 1e6
    print(f"{'lang':5}{'pages':>6}{'pages MB':>10}{'files':>6}{'files MB':>10}"
          f"{'runtime MB':>11}{'total MB':>10}   (stored / sent gzip)")
    for r in budget(site, runtime["runtime"]):
        print(f"{r['lang']:5}{r['pages']:>6}"
              f"{r['pages_size'] / mb:>5.2f}/{r['pages_sent'] / mb:.2f}"
              f"{r['assets']:>6}{r['assets_size'] / mb:>5.2f}/{r['assets_sent'] / mb:.2f}"
              f"{r['runtime_size'] / mb:>6.2f}/{r['runtime_sent'] / mb:.2f}"
              f"{r['total_size'] / mb:>6.2f}/{r['total_sent'] / mb:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))


__all__ = ["Entry", "Manifest", "budget", "build_manifest", "language_of", "prefixes",
           "site_languages", "write_manifests"]
