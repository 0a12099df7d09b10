"""Fixtures of the site tests: the site built once per session into a copy of
the project (templates, locales, overrides, docs assets, mkdocs.yml), so the
tests neither need nor touch the working tree's site/ and docs/."""

from __future__ import annotations

import functools
import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sitehelpers import ROOT

from tests.shared_build import once_per_run


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project copy with its freshly built site/."""
    return once_per_run(tmp_path_factory, "site-project")


@pytest.fixture(scope="session")
def site(built: Path) -> Path:
    return built / "site"


@pytest.fixture(scope="session")
def site_bundle() -> dict[str, Any]:
    """The bundle the site was built from (the estimator's)."""
    return json.loads((ROOT / "estimator" / "bundle.json").read_text(encoding="utf-8"))


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="session")
def server(site: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
