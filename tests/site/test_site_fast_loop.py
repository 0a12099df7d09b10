"""The quick edit loop: precompressed copies come from a cache keyed by content, and
``serve``'s rebuild keeps the last good site after a failed build and says so last."""

from __future__ import annotations

import functools
import http.server
import shutil
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from sitehelpers import ROOT, copy_project

from site_build import runtime
from site_build.config import Project
from site_build.serve import _Handler, rebuild

# --- the compression cache --------------------------------------------------------------


def _files(folder: Path, marker: str = "") -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    page = folder / "index.html"
    page.write_text("<!doctype html><p>" + "医保 insurance " * 400 + marker, encoding="utf-8")
    script = folder / "app.js"
    script.write_text("const x = 1;\n" * 300, encoding="utf-8")
    return [page, script]


def _counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    real_gzip = runtime._gzip
    real_brotli = runtime._brotli_compress()

    def gz(data: bytes) -> bytes:
        calls.append("gz")
        return real_gzip(data)

    def br(data: bytes, quality: int) -> bytes:
        calls.append("br")
        return bytes(real_brotli(data, quality=quality))

    monkeypatch.setattr(runtime, "_gzip", gz)
    if real_brotli is not None:
        monkeypatch.setattr(runtime, "_brotli_compress", lambda: br)
    return calls


def _copies(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())
            if p.name.endswith((".gz", ".br"))}


def test_a_second_precompress_compresses_nothing(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    for path in _files(tmp_path / "plain"):
        runtime.precompress(path)  # no cache: today's behaviour, the reference bytes
    calls = _counted(monkeypatch)
    cache = runtime.CompressionCache(tmp_path / "cache")
    for path in _files(tmp_path / "first"):
        runtime.precompress(path, cache)
    first_calls = len(calls)
    assert first_calls >= 2 and cache.misses == first_calls and cache.hits == 0

    again = runtime.CompressionCache(tmp_path / "cache")
    for path in _files(tmp_path / "second"):
        runtime.precompress(path, again)
    assert len(calls) == first_calls, "an unchanged file was compressed again"
    assert again.misses == 0 and again.hits == first_calls
    reference = _copies(tmp_path / "plain")
    assert _copies(tmp_path / "first") == reference
    assert _copies(tmp_path / "second") == reference


def test_a_changed_file_is_compressed_again(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    cache = runtime.CompressionCache(tmp_path / "cache")
    for path in _files(tmp_path / "one"):
        runtime.precompress(path, cache)
    calls = _counted(monkeypatch)
    again = runtime.CompressionCache(tmp_path / "cache")
    page, script = _files(tmp_path / "two", marker="changed")
    runtime.precompress(page, again)
    runtime.precompress(script, again)
    assert again.misses == len(calls) >= 1  # the page only: new bytes, new key
    assert sorted(set(calls)) == sorted({"gz", "br"} if runtime._brotli_compress() else {"gz"})
    for path in _files(tmp_path / "plain", marker="changed"):
        runtime.precompress(path)
    assert _copies(tmp_path / "two") == _copies(tmp_path / "plain")


def test_old_cache_entries_are_pruned(tmp_path: Path) -> None:
    import os

    cache = runtime.CompressionCache(tmp_path / "cache")
    for path in _files(tmp_path / "one"):
        runtime.precompress(path, cache)
    entries = sorted((tmp_path / "cache").glob("*/*"))
    old = entries[0]
    os.utime(old, (1_000_000, 1_000_000))
    assert cache.prune() == 1 and not old.exists()
    assert sorted((tmp_path / "cache").glob("*/*")) == entries[1:]


def test_a_quick_rebuild_defers_new_copies_and_compress_completes_them(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 10, a 20-second preview: serve's rebuild leaves out the copies not cached
    (and never keeps a stale one); ``python build.py compress`` then writes exactly the
    bytes a full build writes."""
    site = tmp_path / "site"
    cache_root = tmp_path / "runtime-cache"  # what SITE_BUILD_CACHE names
    cache_dir = cache_root / "compressed"
    monkeypatch.setenv("SITE_BUILD_CACHE", str(cache_root))
    for path in _files(site):
        runtime.precompress(path, runtime.CompressionCache(cache_dir))
    page, script = _files(site, marker="edited")  # the page changes, the script does not
    quick = runtime.CompressionCache(cache_dir, defer=True)
    runtime.precompress_site(site, quick)
    assert quick.deferred >= 1 and quick.misses == 0
    assert not (site / "index.html.gz").exists(), "a stale copy of the old page was kept"
    assert (site / "app.js.gz").exists()
    assert runtime.compress_later(site) == quick.deferred
    for path in _files(tmp_path / "plain", marker="edited"):
        runtime.precompress(path)
    assert _copies(site) == _copies(tmp_path / "plain")


# --- serve's rebuild --------------------------------------------------------------------

CODE = ("build.py", "policy_build", "policy_data", "estimator", "site_build")


def _whole_copy(dest: Path) -> Project:
    copy_project(dest)
    for name in CODE:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / name)
    project = Project(dest)
    project.site.mkdir()
    (project.site / "index.html").write_text("previous site", encoding="utf-8")
    return project


def test_a_data_error_keeps_the_previous_site_and_says_so_last(tmp_path: Path) -> None:
    project = _whole_copy(tmp_path)
    bundle = (project.root / "estimator" / "bundle.json").read_bytes()
    data = project.root / "policy_data" / "kizilsu_2025.yaml"
    data.write_text(data.read_text(encoding="utf-8") + "\nbroken: [not closed\n",
                    encoding="utf-8")
    said: list[str] = []
    result = rebuild(project, echo=said.append)
    assert not result.ok
    text = "\n".join(said)
    assert "kizilsu_2025.yaml" in text
    last = text.strip().splitlines()[-1]
    assert last.startswith("not rebuilt: ") and last.endswith("still serving the previous site")
    assert not [ln for ln in text.splitlines() if ln.startswith("built ")]
    assert (project.site / "index.html").read_text(encoding="utf-8") == "previous site"
    assert (project.root / "estimator" / "bundle.json").read_bytes() == bundle
    assert not list(project.root.glob(".site-build-*"))


def test_a_failed_site_build_is_reported_last_not_as_built(tmp_path: Path) -> None:
    project = Project(tmp_path)
    project.site.mkdir()
    (project.site / "index.html").write_text("previous site", encoding="utf-8")
    script = ("import sys; print('wrote estimator/bundle.json'); "
              "print('site build failed: MkDocs build failed:\\n  boom', file=sys.stderr); "
              "print('the previous site/ is unchanged', file=sys.stderr); sys.exit(1)")
    said: list[str] = []
    result = rebuild(project, command=[sys.executable, "-c", script], echo=said.append)
    assert not result.ok
    assert result.summary == ("not rebuilt: MkDocs build failed; "
                              "still serving the previous site")
    assert said[-1].splitlines()[-1] == result.summary
    assert "boom" in said[-1]


def test_a_good_rebuild_reports_the_build(tmp_path: Path) -> None:
    said: list[str] = []
    result = rebuild(Project(tmp_path), command=[
        sys.executable, "-c", "print('built 79 pages × 3 languages')"], echo=said.append)
    assert result.ok and result.summary == "built 79 pages × 3 languages"
    assert "not rebuilt" not in "\n".join(said)


def test_the_server_answers_while_the_first_build_runs(tmp_path: Path) -> None:
    site = tmp_path / "site"
    handler = functools.partial(_Handler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}/"
    try:
        with pytest.raises(urllib.error.HTTPError) as info:
            urllib.request.urlopen(url, timeout=10)
        assert info.value.code == 503
        site.mkdir()
        (site / "index.html").write_text("hello", encoding="utf-8")
        with urllib.request.urlopen(url, timeout=10) as response:
            assert response.read() == b"hello"
    finally:
        httpd.shutdown()
