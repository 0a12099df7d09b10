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

from chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from sitehttp import serve_site  # noqa: E402

from tests.shared_build import once_per_run  # noqa: E402

ARTIFACTS = ROOT / "tests" / "artifacts"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: runs the built site in headless Chromium")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


def _build_real_site(out: Path) -> None:
    from site_build.build import build_into  # noqa: PLC0415

    build_into(out)


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site (site_build.build) with the runtime installed, in a temp dir; built
    once per run, shared by the pytest-xdist workers (tests only read it)."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} not installed")
    out = once_per_run(tmp_path_factory, "browser-site",
                       lambda folder: _build_real_site(folder / "site")) / "site"
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


@pytest.fixture()
def context(browser: Any) -> Iterator[Any]:
    ctx = browser.new_context(viewport={"width": 1100, "height": 900})
    yield ctx
    ctx.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
