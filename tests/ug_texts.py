"""Every text of one language, wherever it lives today, with where it lives.

Translations live in the catalogs (``locales/<lang>/LC_MESSAGES/*.po``: site, estimator,
form and data, the policy data's labels keyed by data path); the scans also read the
form's compiled JSON (``docs/assets/estimator/i18n/<lang>.json``) and any per-language
dict literal left in the estimator's Python sources. ``policy_data/*.yaml`` holds only
the Chinese (``yaml_texts("zh")``). The lint tests (retired terms, detached suffixes)
scan them all.
"""

from __future__ import annotations

import ast
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent


def _walk(value: Any, where: str, lang: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, dict):
        text = value.get(lang)
        if isinstance(text, str) and "zh" in value:
            yield where, text
        for key, sub in value.items():
            if key in ("zh", "ug", "en", "ky"):
                continue
            yield from _walk(sub, f"{where}.{key}", lang)
    elif isinstance(value, list):
        for i, sub in enumerate(value):
            name = sub.get("id") if isinstance(sub, dict) else None
            yield from _walk(sub, f"{where}[{name if name else i}]", lang)


def yaml_texts(lang: str) -> Iterator[tuple[str, str]]:
    for path in sorted((ROOT / "policy_data").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        yield from _walk(data, f"policy_data/{path.name}:", lang)


def catalog_texts(lang: str) -> Iterator[tuple[str, str]]:
    """The site's, estimator's and form's catalogs (the data's: ``data_texts``)."""
    for path in sorted((ROOT / "locales" / lang / "LC_MESSAGES").glob("*.po")):
        if path.stem == "data":
            continue
        with path.open("rb") as fh:
            catalog = read_po(fh)
        for msg in catalog:
            if msg.id and msg.string:
                yield f"{path.relative_to(ROOT)}: {msg.id}", str(msg.string)


def data_texts(lang: str) -> Iterator[tuple[str, str]]:
    """The policy data's labels (``locales/<lang>/LC_MESSAGES/data.po``), by data path."""
    path = ROOT / "locales" / lang / "LC_MESSAGES" / "data.po"
    if not path.exists():
        return
    with path.open("rb") as fh:
        catalog = read_po(fh)
    for msg in catalog:
        if msg.id and msg.string:
            yield f"{path.relative_to(ROOT)}: {msg.context}", str(msg.string)


def _json_walk(value: Any, where: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, dict):
        for key, sub in value.items():
            yield from _json_walk(sub, f"{where}.{key}")
    elif isinstance(value, list):
        for i, sub in enumerate(value):
            yield from _json_walk(sub, f"{where}[{i}]")
    elif isinstance(value, str):
        yield where, value


def form_texts(lang: str) -> Iterator[tuple[str, str]]:
    path = ROOT / "docs" / "assets" / "estimator" / "i18n" / f"{lang}.json"
    if path.exists():
        yield from _json_walk(json.loads(path.read_text(encoding="utf-8")),
                              str(path.relative_to(ROOT)) + ":")


def python_texts(lang: str) -> Iterator[tuple[str, str]]:
    """String values under the key *lang* in dict literals of estimator/*.py."""
    for path in sorted((ROOT / "estimator").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Dict):
                continue
            for key, value in zip(node.keys, node.values, strict=True):
                if (isinstance(key, ast.Constant) and key.value == lang
                        and isinstance(value, ast.Constant) and isinstance(value.value, str)):
                    yield f"{path.relative_to(ROOT)}:{value.lineno}", value.value


def all_texts(lang: str) -> list[tuple[str, str]]:
    return [*catalog_texts(lang), *form_texts(lang), *python_texts(lang), *data_texts(lang),
            *yaml_texts(lang)]
