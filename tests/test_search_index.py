"""One search index per language (site_build/search_index.py): Material's search worker
builds its index from the whole file on every page load, so each language's pages get
an index of their own pages only, and their theme configuration points at it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from site_build.errors import BuildError
from site_build.search_index import split_by_language

CODES = ["zh", "ug", "en"]


def _page(base: str) -> str:
    config = {"base": base, "features": [], "search": "assets/javascripts/workers/s.js"}
    return ('<!doctype html><title>t</title><script id="__config" type="application/json">'
            f"{json.dumps(config)}</script><p>text</p>")


def _site(root: Path) -> Path:
    pages = {
        "index.html": ".",
        "hotan/resident/index.html": "../..",
        "ug/index.html": "..",
        "ug/hotan/resident/index.html": "../../..",
        "en/glossary/index.html": "../..",
        "404.html": ".",
        "ug/404.html": "..",
    }
    for rel, base in pages.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(_page(base), encoding="utf-8")
    docs = [{"location": loc, "title": loc or "home", "text": "x"} for loc in (
        "", "hotan/resident/", "hotan/resident/#section", "ug/", "ug/hotan/resident/",
        "en/glossary/", "en/glossary/#term")]
    (root / "search").mkdir()
    (root / "search/search_index.json").write_text(json.dumps(
        {"config": {"lang": ["en"], "separator": "[\\s]+"}, "docs": docs}), encoding="utf-8")
    return root


def _index(site: Path, rel: str) -> dict:
    return dict(json.loads((site / rel).read_text(encoding="utf-8")))


def _base(site: Path, rel: str) -> str:
    html = (site / rel).read_text(encoding="utf-8")
    start = html.index('type="application/json">') + len('type="application/json">')
    return str(json.loads(html[start:html.index("</script>", start)])["base"])


def test_each_language_gets_its_own_pages_with_locations_from_its_root(tmp_path: Path) -> None:
    site = _site(tmp_path)
    counts = split_by_language(site, CODES)
    assert counts == {"zh": 3, "ug": 2, "en": 2}
    zh = _index(site, "search/search_index.json")
    assert [d["location"] for d in zh["docs"]] == ["", "hotan/resident/",
                                                   "hotan/resident/#section"]
    ug = _index(site, "ug/search/search_index.json")
    assert [d["location"] for d in ug["docs"]] == ["", "hotan/resident/"]
    assert [d["title"] for d in ug["docs"]] == ["ug/", "ug/hotan/resident/"]
    en = _index(site, "en/search/search_index.json")
    assert [d["location"] for d in en["docs"]] == ["glossary/", "glossary/#term"]
    # The theme's settings go with every index.
    assert zh["config"] == ug["config"] == en["config"] == {"lang": ["en"],
                                                            "separator": "[\\s]+"}


def test_pages_point_at_their_languages_root(tmp_path: Path) -> None:
    site = _site(tmp_path)
    before = (site / "hotan/resident/index.html").read_bytes()
    split_by_language(site, CODES)
    # Material fetches <base>/search/search_index.json and resolves results against it.
    assert _base(site, "ug/index.html") == "."
    assert _base(site, "ug/hotan/resident/index.html") == "../.."
    assert _base(site, "en/glossary/index.html") == ".."
    assert _base(site, "ug/404.html") == "."
    # The default language's pages are left as they were, byte for byte.
    assert (site / "hotan/resident/index.html").read_bytes() == before
    assert _base(site, "404.html") == "."


def test_a_site_without_search_is_left_alone(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(_page("."), encoding="utf-8")
    assert split_by_language(tmp_path, CODES) == {}
    assert not (tmp_path / "ug").exists()


def test_a_theme_config_without_base_fails_the_build(tmp_path: Path) -> None:
    site = _site(tmp_path)
    (site / "ug/index.html").write_text(_page("..").replace('"base"', '"bass"'),
                                        encoding="utf-8")
    with pytest.raises(BuildError, match=r"ug/index.html.*no \"base\""):
        split_by_language(site, CODES)
