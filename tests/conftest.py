"""Shared fixtures: the validated documents and the compiled bundle, built
from policy_data/ in this test run (not read from a possibly stale file)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from policy_build.bundle import compile_bundle  # noqa: E402
from policy_build.validate import load_documents, load_parameters, load_registry  # noqa: E402
from tests.shared_build import (  # noqa: E402
    needed_builds,
    order_for_workers,
    start_in_background,
    stop_background,
)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under pytest-xdist: the builds the selected tests need start now, in the
    background, and the tests that need none run first (tests/shared_build.py)."""
    order_for_workers(items)
    start_in_background(config._tmp_path_factory, needed_builds(items))  # type: ignore[attr-defined]


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    stop_background(interrupted=exitstatus == pytest.ExitCode.INTERRUPTED)


@pytest.fixture(scope="session")
def bundle() -> dict[str, Any]:
    documents, errors = load_documents()
    parameters, perrors = load_parameters()
    registry, rerrors = load_registry()
    assert not errors and not perrors and not rerrors, [str(e) for e in errors + perrors]
    assert parameters is not None and registry is not None
    return compile_bundle(documents, parameters, registry=registry)


@pytest.fixture(scope="session")
def docs(bundle: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Compiled documents by id."""
    return {d["document"]["id"]: d for d in bundle["documents"]}


@pytest.fixture(scope="session")
def playwright_instance() -> Any:
    """One Playwright for the whole run: the sync API cannot start twice in one process
    (tests/site and tests/browser both drive Chromium)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p
