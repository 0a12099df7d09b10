"""Strict YAML loading that remembers the line of every key.

Duplicate keys are an error (PyYAML silently keeps the last one). Dates stay
dates; numbers that look like money or rates are read as Decimal text so no
float rounding enters the data.

A file that is not valid YAML is reported in plain words (``yamlerrors.py``):
the line and column, the key path as far as the indentation tells it, the
line quoted with a caret, and the usual causes named (full-width ：，,
text containing ": " that needs quotes).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from .yamlerrors import Path_, explain


class DataError(ValueError):
    """Bad policy data: knows the file, line and key path.

    The message is ``file:line: key.path: problem``; ``detail`` (e.g. the line
    quoted with a caret) follows on its own lines."""

    def __init__(self, file: Path | str, line: int | None, path: Path_, problem: str,
                 detail: str = ""):
        self.file = str(file)
        self.line = line
        self.path = path
        self.problem = problem
        self.detail = detail
        where = f"{_rel(self.file)}:{line}" if line else _rel(self.file)
        key = ".".join(str(p) for p in path) or "(top)"
        super().__init__(f"{where}: {key}: {problem}" + (f"\n{detail}" if detail else ""))


class _Loader(yaml.SafeLoader):
    pass


def _float_as_decimal(loader: _Loader, node: yaml.ScalarNode) -> Decimal:
    return Decimal(loader.construct_scalar(node))


_Loader.add_constructor("tag:yaml.org,2002:float", _float_as_decimal)


def load(file: Path) -> tuple[Any, dict[Path_, int]]:
    """Return the data and a map from key path to 1-based line number."""
    text = file.read_text(encoding="utf-8")
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        line, path, problem, detail = explain(exc, text)
        raise DataError(file, line, path, problem, detail) from None
    lines: dict[Path_, int] = {}
    if node is None:
        raise DataError(file, 1, (), "the file is empty")
    _walk(file, node, (), lines)
    loader = _Loader(text)
    try:
        data = loader.construct_document(node)
    finally:
        loader.dispose()
    return data, lines


def _walk(file: Path, node: yaml.Node, path: Path_, lines: dict[Path_, int]) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            line = key_node.start_mark.line + 1
            if key in seen:
                raise DataError(file, line, path + (key,),
                                f"duplicate key (first given on line {seen[key]})")
            seen[key] = line
            lines[path + (key,)] = line
            _walk(file, value_node, path + (key,), lines)
            lines[path + (key,)] = line
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(file, item, path + (i,), lines)


def line_for(lines: dict[Path_, int], path: Path_) -> int | None:
    """The line of the deepest known prefix of ``path``."""
    for end in range(len(path), -1, -1):
        if path[:end] in lines:
            return lines[path[:end]]
    return None


def _rel(file: str) -> str:
    """Paths relative to the working directory where possible, for short messages."""
    try:
        return str(Path(file).resolve().relative_to(Path.cwd()))
    except ValueError:
        return file
