"""Fixtures for the browser tests: the real site built once into a temp dir, served on
loopback, and headless Chromium (the system's /usr/bin/chromium).

Every test here is marked ``browser``; ``pytest -m "not browser"`` skips them.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from chromium import CHROMIUM, CHROMIUM_ARGS, without_search_index  # noqa: E402
from sitehttp import serve_site  # noqa: E402

from tests.shared_build import once_per_run  # noqa: E402

ARTIFACTS = ROOT / "tests" / "artifacts"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: runs the built site in headless Chromium")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site (site_build.build) with the runtime installed, in a temp dir; built
    once per run, shared by the pytest-xdist workers (tests only read it)."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} not installed")
    out = once_per_run(tmp_path_factory, "browser-site") / "site"
    assert (out / "sw.js").is_file(), "install_runtime did not run"
    return out


@pytest.fixture(scope="session")
def server(site_dir: Path) -> Iterator[tuple[str, dict[str, int]]]:
    with serve_site(site_dir) as served:
        yield served


@pytest.fixture(scope="session")
def base_url(server: tuple[str, dict[str, int]]) -> str:
    return server[0]


@pytest.fixture(scope="session")
def browser(playwright_instance: Any) -> Iterator[Any]:
    b = playwright_instance.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                                            headless=True)
    yield b
    b.close()


DESKTOP = {"width": 1100, "height": 900}


class Tabs:
    """Pages (tabs) of one of this worker's warm contexts, at one viewport, closed
    together: used where a test would otherwise make a context of its own."""

    def __init__(self, ctx: Any, viewport: dict[str, int]) -> None:
        self.ctx = ctx
        self.viewport = viewport
        self.pages: list[Any] = []

    def new_page(self) -> Any:
        page = self.ctx.new_page()
        page.set_viewport_size(self.viewport)
        self.pages.append(page)
        return page

    def close(self) -> None:
        for page in self.pages:
            if not page.is_closed():
                page.close()
        self.pages.clear()


@pytest.fixture(scope="session")
def warm_contexts(browser: Any) -> Iterator[Any]:
    """This worker's long-lived contexts (one plain, one that lets axe in past the CSP),
    made on first use. Their storage holds the interpreter snapshot the first estimator
    page saves, so later estimator pages restore it, as a returning visitor's do,
    instead of booting Python from nothing. No service worker (the offline tests make
    their own contexts) and no search index (chromium.without_search_index; its route
    turns off the HTTP cache, which measured as no difference in CPU).
    Nothing the estimator keeps outlives a page: the case lives in the URL."""
    made: dict[bool, Any] = {}

    def get(bypass_csp: bool = False) -> Any:
        if bypass_csp not in made:
            ctx = without_search_index(browser.new_context(
                viewport=DESKTOP, service_workers="block", bypass_csp=bypass_csp))
            made[bypass_csp] = ctx
        return made[bypass_csp]

    yield get
    for ctx in made.values():
        ctx.close()


@pytest.fixture()
def tabs(warm_contexts: Any) -> Iterator[Any]:
    """``tabs(viewport, bypass_csp=False)``: a ``Tabs`` in a warm context; every page it
    opened is closed after the test."""
    opened: list[Tabs] = []

    def make(viewport: dict[str, int] = DESKTOP, bypass_csp: bool = False) -> Tabs:
        scope = Tabs(warm_contexts(bypass_csp), viewport)
        opened.append(scope)
        return scope

    yield make
    for scope in opened:
        scope.close()


@pytest.fixture()
def context(tabs: Any) -> Any:
    """Pages at 1100 x 900 in a warm context (``context.new_page()``)."""
    return tabs(DESKTOP)


@pytest.fixture()
def fresh_context(browser: Any) -> Iterator[Any]:
    """A new context of its own, as a first visit sees the site (service worker
    allowed, nothing cached)."""
    ctx = browser.new_context(viewport=DESKTOP)
    yield ctx
    ctx.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
