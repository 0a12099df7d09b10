"""The build itself: deterministic, atomic, and strict about templates and catalogs."""

from __future__ import annotations

import filecmp
import os
from pathlib import Path

import pytest
from sitehelpers import build_copy, copy_project


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_same_input_gives_the_same_bytes(built: Path, tmp_path: Path) -> None:
    build_copy(tmp_path)
    first, second = _tree(built / "site"), _tree(tmp_path / "site")
    assert sorted(first) == sorted(second)
    differ = [name for name in first if first[name] != second[name]]
    assert not differ, differ[:10]
    assert filecmp.cmp(built / "docs" / "index.md", tmp_path / "docs" / "index.md",
                       shallow=False)


def _failing_build(tmp_path: Path, edit: str) -> str:
    from site_build.build import build
    from site_build.config import Project
    from site_build.errors import BuildError

    project = Project(copy_project(tmp_path))
    old_site = project.site
    old_site.mkdir()
    (old_site / "index.html").write_text("previous site", encoding="utf-8")
    if edit == "marker":
        page = project.templates / "benefit-inpatient.md.j2"
        page.write_text(page.read_text(encoding="utf-8").replace(
            "{% block body %}", "{% block body %}\n{{ no_such_marker }}", 1), encoding="utf-8")
    else:
        page = project.templates / "glossary.md.j2"
        page.write_text(page.read_text(encoding="utf-8").replace(
            "{% block body %}", '{% block body %}\n{{ _("no.such.key") }}', 1),
            encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp, pytest.raises(BuildError) as info:
        mp.setenv("SITE_SKIP_RUNTIME", "1")
        build(project)
    assert (old_site / "index.html").read_text(encoding="utf-8") == "previous site"
    assert sorted(p.name for p in project.root.iterdir() if p.name.startswith(".site-build"))\
        == []
    return str(info.value)


def test_an_unknown_template_marker_fails_the_build(tmp_path: Path) -> None:
    message = _failing_build(tmp_path, "marker")
    assert "unknown template marker" in message
    assert "no_such_marker" in message
    assert "benefit-inpatient.md.j2" in message


def test_a_missing_translation_key_fails_the_build(tmp_path: Path) -> None:
    message = _failing_build(tmp_path, "key")
    assert "missing translation key 'no.such.key'" in message
    assert "locales/zh/LC_MESSAGES/site.po" in message


def test_a_language_without_a_catalog_fails_clearly(tmp_path: Path) -> None:
    from site_build.build import build
    from site_build.config import Project
    from site_build.errors import BuildError

    project = Project(copy_project(tmp_path))
    yml = project.mkdocs_yml
    yml.write_text(yml.read_text(encoding="utf-8").replace(
        "        - locale: en\n", "        - locale: ky\n          name: Кыргызча\n"
        "          build: true\n        - locale: en\n"), encoding="utf-8")
    with pytest.raises(BuildError, match="overrides/partials/languages/ky.html"):
        build(project)
