"""The policy data's text domain: every ``{zh, …}`` label of ``policy_data/*.yaml``,
keyed by its data path (``kizilsu_2025:schemes.employee.contributions[unemployed].label``).

``extract`` is a Babel extraction method (registered in pyproject.toml): it yields the
Chinese of each label with its path as gettext context, which is what a catalog per
language (``locales/<lang>/LC_MESSAGES/data.po``) will hold once the inline Uyghur and
English move out of the YAML. That move has not been made yet (see locales/README.md):
for now this gives translators and reviewers every data string with a stable key.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

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
