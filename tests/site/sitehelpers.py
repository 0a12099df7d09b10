"""Helpers shared by the site tests (imported by name: tests/site is not a package,
since a package named "site" would shadow the standard library's)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
COPIED = ("mkdocs.yml", "templates", "locales", "overrides", "docs")
LANGS = ("zh", "ug", "en")


def copy_project(dest: Path) -> Path:
    for name in COPIED:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("*.md"))
        else:
            shutil.copy2(src, dest / name)
    return dest


def build_copy(dest: Path) -> dict[str, Any]:
    from site_build.build import build
    from site_build.config import Project

    # Pages only; set for this build alone so the browser tests' build keeps the runtime.
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SITE_SKIP_RUNTIME", "1")
        return build(Project(copy_project(dest)))
