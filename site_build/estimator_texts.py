"""The estimator's text domain: extract the Chinese from the source, keep the
catalogs (``locales/<lang>/LC_MESSAGES/estimator.po``) in step, compile them for the
estimator (``estimator/translations.json``).

Messages are keyed by their message key as gettext context (``msgctxt``) with the
Chinese as ``msgid``: when the Chinese of a key changes, ``update`` keeps the old
translation marked fuzzy (Babel's catalog update), and the compiled file leaves it out,
so the estimator shows the Chinese with a "translation pending" mark.

``extract`` is a Babel extraction method (registered in pyproject.toml and used by
``locales/babel.cfg``): ``pybabel extract -F locales/babel.cfg -o estimator.pot .``
"""

from __future__ import annotations

import ast
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog

from . import pofiles
from .config import ROOT

DOMAIN = "estimator"
SOURCES = ("estimator/messages.py", "estimator/labels.py")


def _strings(node: ast.expr) -> dict[str, tuple[str, int]]:
    if not isinstance(node, ast.Dict):
        return {}
    out = {}
    for key, value in zip(node.keys, node.values, strict=True):
        if (isinstance(key, ast.Constant) and isinstance(key.value, str)
                and isinstance(value, ast.Constant) and isinstance(value.value, str)):
            out[key.value] = (value.value, value.lineno)
    return out


def messages_in(source: str) -> Iterator[tuple[int, str, str]]:
    """(line, key, Chinese) of ``SOURCE = {key: "中文"}`` and ``labels_of("kind", {...})``."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.AnnAssign | ast.Assign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id == "SOURCE" for t in targets) and node.value:
                for key, (zh, line) in _strings(node.value).items():
                    yield line, key, zh
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id == "labels_of" and len(node.args) == 2
                and isinstance(node.args[0], ast.Constant)):
            for key, (zh, line) in _strings(node.args[1]).items():
                yield line, f"label.{node.args[0].value}.{key}", zh


def extract(fileobj: Any, keywords: Any, comment_tags: Any,
            options: Any) -> Iterator[tuple[int, str, tuple[str, str], list[str]]]:
    """Babel extraction method for the estimator's message sources."""
    source = fileobj.read().decode(options.get("encoding", "utf-8"))
    for line, key, zh in messages_in(source):
        yield line, "pgettext", (key, zh), []


def template(root: Path) -> Catalog:
    catalog = Catalog(domain=DOMAIN, project="medins-guide", charset="utf-8")
    for rel in SOURCES:
        # A copy of the site's inputs (tests build one) has no estimator/: its source
        # is the repository's.
        path = root / rel if (root / rel).exists() else ROOT / rel
        for line, key, zh in messages_in(path.read_text(encoding="utf-8")):
            catalog.add(zh, context=key, locations=[(rel, line)])
    return catalog


def po_path(root: Path, lang: str) -> Path:
    return pofiles.po_path(root, lang, DOMAIN)


def read(root: Path, lang: str) -> Catalog:
    return pofiles.read(root, lang, DOMAIN)


def write(root: Path, lang: str, catalog: Catalog) -> None:
    pofiles.write(root, lang, DOMAIN, catalog)


def update(root: Path, languages: list[str]) -> None:
    """Bring every catalog in step with the source (changed Chinese → fuzzy)."""
    pofiles.update(root, languages, DOMAIN, template(root))


def compile_translations(root: Path, languages: list[str]) -> dict[str, Any]:
    """What the estimator reads: per language, key → {Chinese, translation}; fuzzy and
    empty entries left out."""
    out: dict[str, Any] = {"languages": languages, "messages": {}}
    for lang in languages:
        entries = {}
        for msg in read(root, lang):
            if msg.id and msg.string and not msg.fuzzy and msg.context:
                entries[str(msg.context)] = {"zh": str(msg.id), "text": str(msg.string)}
        out["messages"][lang] = dict(sorted(entries.items()))
    return out


def write_translations(root: Path, languages: list[str]) -> bool:
    """Write estimator/translations.json; True when it changed."""
    text = json.dumps(compile_translations(root, languages), ensure_ascii=False,
                      indent=1) + "\n"
    path = root / "estimator" / "translations.json"
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8")
    return True


def report(root: Path, languages: list[str]) -> dict[str, dict[str, list[str]]]:
    """Per language: keys missing (no translation) and fuzzy (Chinese changed)."""
    return pofiles.report(root, languages, DOMAIN, template(root))
