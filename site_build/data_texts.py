"""The policy data's text domain: every ``{zh, …}`` label of ``policy_data/*.yaml``,
keyed by its data path (``kizilsu_2025:schemes.employee.contributions[unemployed].label``).

The YAML holds only the Chinese; every other language lives in
``locales/<lang>/LC_MESSAGES/data.po`` (msgctxt: the data path, msgid: the Chinese), which
``policy_build.translations`` attaches to the labels when the data is loaded.

``extract`` is a Babel extraction method (registered in pyproject.toml): it yields the
Chinese of each label with its path as gettext context. ``update`` (``python build.py
catalogs``) brings every language's data.po in step: new labels empty, changed Chinese
fuzzy (the old translation and its Chinese kept for the translator), removed labels
dropped. An entry is matched by its path only.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from babel.messages.catalog import Catalog

from . import pofiles
from .errors import BuildError

DOMAIN = "data"
DATA_DIR = "policy_data"
LANGUAGE_KEYS = frozenset({"zh", "ug", "en", "ky"})


def _scalar(node: yaml.Node) -> str | None:
    return node.value if isinstance(node, yaml.ScalarNode) else None


def labels(node: yaml.Node, path: str) -> Iterator[tuple[int, str, str]]:
    """(line, data path, Chinese) of every mapping that has a ``zh`` text."""
    if isinstance(node, yaml.MappingNode):
        keys = {_scalar(k): v for k, v in node.value}
        zh = keys.get("zh")
        if zh is not None and isinstance(zh, yaml.ScalarNode):
            yield zh.start_mark.line + 1, path, str(zh.value)
        for key_node, value in node.value:
            key = _scalar(key_node)
            if key in LANGUAGE_KEYS:
                continue
            yield from labels(value, f"{path}.{key}" if path else str(key))
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            name = None
            if isinstance(item, yaml.MappingNode):
                name = next((_scalar(v) for k, v in item.value if _scalar(k) == "id"), None)
            yield from labels(item, f"{path}[{name if name else i}]")


def file_labels(text: str, document: str) -> Iterator[tuple[int, str, str]]:
    root = yaml.compose(text)
    if root is not None:
        for line, path, zh in labels(root, ""):
            yield line, f"{document}:{path}", zh


def extract(fileobj: Any, keywords: Any, comment_tags: Any,
            options: Any) -> Iterator[tuple[int, str, tuple[str, str], list[str]]]:
    """Babel extraction method for policy_data/*.yaml."""
    text = fileobj.read().decode(options.get("encoding", "utf-8"))
    document = Path(getattr(fileobj, "name", "data")).stem
    for line, path, zh in file_labels(text, document):
        yield line, "pgettext", (path, zh), []


def template(root: Path) -> Catalog:
    """Every label of *root*/policy_data/*.yaml, in file order."""
    catalog = Catalog(domain=DOMAIN, project="medins-guide", charset="utf-8")
    for file in sorted((root / DATA_DIR).glob("*.yaml")):
        rel = f"{DATA_DIR}/{file.name}"
        try:
            found = list(file_labels(file.read_text(encoding="utf-8"), file.stem))
        except yaml.YAMLError as exc:
            raise BuildError(f"{rel} is not valid YAML, so its texts cannot be extracted: "
                             f"run 'python build.py check' to see where ({exc})") from exc
        for line, context, zh in found:
            catalog.add(zh, context=context, locations=[(rel, line)])
    return catalog


def update(root: Path, languages: list[str]) -> None:
    """Bring every language's data.po in step with the YAML (see the module's doc)."""
    pofiles.update_by_context(root, languages, DOMAIN, template(root))


def report(root: Path, languages: list[str]) -> dict[str, dict[str, list[str]]]:
    """Per language: data paths missing (no translation) and fuzzy (the Chinese changed
    since it was translated, or the catalog marks it so)."""
    return pofiles.report(root, languages, DOMAIN, template(root))
