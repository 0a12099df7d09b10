"""The offline manifests (site_build/offline.py, issue 13 item 11): what each language
saves for offline reading, and how a new version is told apart."""

from __future__ import annotations

import json
from pathlib import Path

from site_build import offline

CODES = ["zh", "ug", "en"]
PAGE = ('<!doctype html><link rel="stylesheet" href="{up}assets/site/site.css">'
        '<script src="{up}assets/site/offline.js" type="module"></script><h1>{name}</h1>')


def _site(root: Path) -> Path:
    files = {
        "index.html": PAGE.format(up="", name="zh home"),
        "hotan/resident/index.html": PAGE.format(up="../../", name="zh hotan"),
        "offline/index.html": PAGE.format(up="../", name="zh offline"),
        "ug/index.html": PAGE.format(up="../", name="ug home"),
        "ug/hotan/resident/index.html": PAGE.format(up="../../../", name="ug hotan"),
        "ug/offline/index.html": PAGE.format(up="../../", name="ug offline"),
        "en/index.html": PAGE.format(up="../", name="en home"),
        "assets/site/site.css": "body{}",
        "assets/site/offline.js": "// offline",
        "assets/estimator/app.js": "// app",
        "assets/estimator/form.js": "// a module app.js imports",
        "assets/estimator/worker.js": "// worker",
        "assets/estimator/sw.js": "// the source of sw.js",
        "assets/estimator/i18n/zh.json": "{}",
        "assets/estimator/i18n/ug.json": "{}",
        "search/search_index.json": "{}",
        "ug/search/search_index.json": "{}",
        "pyodide/1.0/pyodide.asm.wasm": "wasm",
        "sw.js": "// sw",
        "index.html.gz": "precompressed",
    }
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def _entries(site: Path, config: dict, lang: str) -> list[str]:
    data = json.loads((site / config["languages"][lang]["manifest"]).read_text("utf-8"))
    return [e["url"] for e in data["entries"]]


def test_each_language_saves_its_own_pages_fallback_and_catalog(tmp_path: Path) -> None:
    site = _site(tmp_path)
    config = offline.write_manifests(site, CODES)
    assert config["order"] == CODES
    assert config["languages"]["ug"]["fallback"] == "ug/offline/"
    assert config["languages"]["zh"]["fallback"] == "offline/"
    ug = _entries(site, config, "ug")
    assert {"ug/", "ug/hotan/resident/", "ug/offline/"} <= set(ug)
    assert not [u for u in ug if u.endswith("/") and not u.startswith("ug/")]
    assert "assets/estimator/i18n/ug.json" in ug and "assets/estimator/i18n/zh.json" not in ug
    # What the pages name, every module of the estimator, the language's search index
    # (site_build/search_index.py), not another language's.
    assert {"assets/site/site.css", "assets/site/offline.js", "assets/estimator/app.js",
            "assets/estimator/form.js", "assets/estimator/worker.js",
            "ug/search/search_index.json"} <= set(ug)
    assert "search/search_index.json" not in ug
    # Never the runtime (its own cache), the service worker, precompressed copies.
    assert not [u for u in ug if u.startswith("pyodide/") or "sw.js" in u
                or u.endswith((".gz", ".br"))]
    zh = _entries(site, config, "zh")
    assert {"./", "hotan/resident/", "offline/"} <= set(zh)
    assert not [u for u in zh if u.startswith(("ug/", "en/"))]
    assert "search/search_index.json" in zh


def test_a_changed_page_gives_a_new_version_and_the_old_manifest_goes(tmp_path: Path) -> None:
    site = _site(tmp_path)
    first = offline.write_manifests(site, CODES)
    again = offline.write_manifests(site, CODES)
    assert first == again  # same bytes, same manifests
    (site / "ug/hotan/resident/index.html").write_text("changed", encoding="utf-8")
    second = offline.write_manifests(site, CODES)
    assert second["languages"]["ug"]["version"] != first["languages"]["ug"]["version"]
    assert second["languages"]["zh"] == first["languages"]["zh"]
    assert not (site / first["languages"]["ug"]["manifest"]).exists()
    assert (site / second["languages"]["ug"]["manifest"]).is_file()


def test_the_budget_counts_pages_files_and_the_runtime(tmp_path: Path) -> None:
    site = _site(tmp_path)
    offline.write_manifests(site, CODES)
    rows = {r["lang"]: r for r in offline.budget(site, ["pyodide/1.0/pyodide.asm.wasm"])}
    assert rows["ug"]["pages"] == 3
    assert rows["zh"]["runtime_size"] == 4
    # The home page is sent as its .gz copy ("precompressed", 13 bytes).
    home = len(PAGE.format(up="", name="zh home").encode())
    assert rows["zh"]["pages_sent"] == rows["zh"]["pages_size"] - home + 13
    assert rows["zh"]["total_size"] == rows["zh"]["pages_size"] + rows["zh"]["assets_size"] + 4
