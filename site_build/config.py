"""Project paths and the language list (read from mkdocs.yml, the one place it lives)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .errors import BuildError

ROOT = Path(__file__).resolve().parent.parent

# The language whose text is authoritative and whose catalog defines every key.
SOURCE_LANGUAGE = "zh"


@dataclass(frozen=True)
class Project:
    """Where the build reads from and writes to (tests point it at a copy)."""

    root: Path

    @property
    def mkdocs_yml(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def locales(self) -> Path:
        return self.root / "locales"

    @property
    def overrides(self) -> Path:
        return self.root / "overrides"

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def site(self) -> Path:
        return self.root / "site"


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    default: bool


def load_mkdocs_config(project: Project) -> dict[str, Any]:
    try:
        data = yaml.safe_load(project.mkdocs_yml.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise BuildError(f"{project.mkdocs_yml}: cannot read: {exc}") from exc
    if not isinstance(data, dict):
        raise BuildError(f"{project.mkdocs_yml}: not a mapping")
    return data


def i18n_plugin(config: dict[str, Any]) -> dict[str, Any]:
    for entry in config.get("plugins", []):
        if isinstance(entry, dict) and "i18n" in entry:
            return dict(entry["i18n"])
    raise BuildError("mkdocs.yml: plugins has no 'i18n' entry (the language list)")


def languages(config: dict[str, Any]) -> list[Language]:
    """The site languages, default first, as mkdocs.yml lists them."""
    langs = [Language(str(x["locale"]), str(x["name"]), bool(x.get("default", False)))
             for x in i18n_plugin(config).get("languages", [])]
    defaults = [lang for lang in langs if lang.default]
    if len(defaults) != 1 or defaults[0].code != SOURCE_LANGUAGE:
        raise BuildError(f"mkdocs.yml: i18n languages need exactly one default, "
                         f"{SOURCE_LANGUAGE!r} (the authoritative text)")
    return defaults + [lang for lang in langs if not lang.default]
