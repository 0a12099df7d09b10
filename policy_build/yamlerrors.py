"""PyYAML's errors retold for the staff who edit policy_data/.

``explain`` turns a ``yaml.YAMLError`` into the line (1-based), the key path as
far as the indentation tells it, one plain sentence with the column, and the
offending line quoted with a caret under the column. The usual causes are
named: full-width punctuation typed with a Chinese input method (``：`` where
YAML needs ``:``, ``，`` where it needs ``,``), and text containing ``": "``
that needs quotes (common in Uyghur and English labels).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

Path_ = tuple[str | int, ...]

# Full-width punctuation a Chinese input method types in place of YAML's own.
FULL_WIDTH = {"：": ":", "，": ",", "（": "(", "）": ")"}

# A block key at the start of a line (after any "- "): `key:` then a space or the end.
_KEY = re.compile(r"""([^\s#'"{\[\-][^:#]*?)\s*:(?:\s|$)""")


def explain(exc: Any, text: str) -> tuple[int | None, Path_, str, str]:
    """(line, key path, problem, detail) for a PyYAML error in ``text``."""
    lines = text.splitlines()
    problem = str(getattr(exc, "problem", None) or exc)
    context = str(getattr(exc, "context", None) or "")
    mark = getattr(exc, "problem_mark", None)
    start = getattr(exc, "context_mark", None)
    if mark is None:
        return None, (), f"not valid YAML: {problem}", ""
    multiline = start is not None and start.line != mark.line
    # A key without its ':' is found only on the next line: point at the key.
    if "could not find expected ':'" in problem and start is not None:
        mark = start
    # A '{' never closed: the parser stops lines later; point at the '{'.
    elif ("flow mapping" in context or "flow sequence" in context) and multiline:
        mark = start
    elif "quoted scalar" in context and start is not None:
        mark = start
    assert mark is not None
    row, col = mark.line, mark.column
    line = lines[row] if row < len(lines) else ""
    reason = _reason(problem, context, line, col, multiline)
    if reason.startswith("full-width"):  # the caret goes under the full-width character
        char = reason[len("full-width '")]
        col = line.rfind(char, 0, col + 1) if char in line[:col + 1] else line.find(char)
    found = [c for c in FULL_WIDTH if c in _unquoted(line)]
    if found and not reason.startswith("full-width"):
        reason += (f" This line has full-width {' '.join(found)}: YAML reads only ASCII "
                   f"':' and ',' as its punctuation (full-width is fine inside text).")
    return row + 1, _path_at(lines, row), f"column {col + 1}: {reason}", _caret(line, row, col)


def _reason(problem: str, context: str, line: str, col: int, multiline: bool) -> str:
    body = _unquoted(line)
    if "could not find expected ':'" in problem:
        if "：" in body:
            return ("full-width '：' where YAML needs ':': a key is followed by an ASCII ':' "
                    "and a space (write `cite: 第二条`, not `cite：第二条`).")
        return "this line has no ':' after its key (write `key: value`)."
    if "mapping values are not allowed here" in problem:
        return ("the text after the key contains ': ', which YAML reads as a second key. "
                f"Put the text in quotes: {_quoted_suggestion(line)}")
    if "expected ',' or '}'" in problem or "expected ',' or ']'" in problem:
        if multiline:
            return "the '{' or '[' opened on this line is not closed on the same line."
        if "，" in body[:col]:
            return ("full-width '，' between two entries in { }: YAML needs an ASCII ',' and "
                    "a space (write `{zh: 住院, ug: …}`).")
        return ("text inside { } contains ': ' (or ','), which YAML reads as punctuation. "
                f"Put that text in quotes: {_flow_suggestion(line, col)}")
    if "found character '\\t'" in problem:
        return "a tab character: indent with spaces only."
    if "cannot start any token" in problem:
        char = line[col] if col < len(line) else "?"
        return f"a value cannot start with {char!r}: put the text in quotes."
    if problem.startswith("expected <block end>") or "block mapping" in context \
            and problem.startswith("expected"):
        return "the indentation of this line does not line up with the keys above it."
    if "quoted scalar" in context:
        return "the quote opened here is never closed."
    if "found duplicate anchor" in problem or "found undefined alias" in problem:
        return "'&' and '*' have a meaning in YAML: put text starting with them in quotes."
    return f"not valid YAML ({problem})."


def _unquoted(line: str) -> str:
    """The line without its comment and its quoted text."""
    out = re.sub(r"'(?:[^']|'')*'|\"(?:[^\"\\\\]|\\\\.)*\"", "", line)
    return out.split(" #", 1)[0]


def _quoted_suggestion(line: str) -> str:
    m = re.match(r"^\s*(?:-\s+)?([^:]+?):\s+(.*\S)\s*$", line)
    if not m:
        return "key: 'text: more text'"
    return f"{m.group(1)}: '{m.group(2).replace(chr(39), chr(39) * 2)}'"


def _flow_suggestion(line: str, col: int) -> str:
    """The { } entry around ``col`` with its text quoted."""
    start = max(line.rfind(", ", 0, col) + 2, line.rfind("{", 0, col) + 1)
    ends = [i for i in (line.find(", ", col), line.find("}", col)) if i >= 0]
    entry = line[start:min(ends) if ends else len(line)].strip()
    key, _, value = entry.partition(": ")
    if not value:
        return "key: 'text: more text'"
    return f"{key}: '{value.replace(chr(39), chr(39) * 2)}'"


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _caret(line: str, row: int, col: int) -> str:
    number = f"{row + 1:>6}"
    return f"{number} | {line}\n{' ' * len(number)} | {' ' * _width(line[:col])}^"


def _path_at(lines: list[str], row: int) -> Path_:
    """The key path of line ``row`` as its indentation tells it (block style only)."""
    stack: list[tuple[int, str | int]] = []
    for text in lines[:row + 1]:
        stripped = text.strip()
        if not stripped or stripped.startswith("#"):
            continue
        m = re.match(r"^( *)(-\s+)?(.*)$", text)
        assert m is not None
        indent, rest = len(m.group(1)), m.group(3)
        if m.group(2):
            while stack and stack[-1][0] > indent:
                stack.pop()
            index = 0
            if stack and stack[-1][0] == indent and isinstance(stack[-1][1], int):
                index = int(stack.pop()[1]) + 1
            stack.append((indent, index))
            indent += len(m.group(2))
        else:
            while stack and stack[-1][0] >= indent:
                stack.pop()
        key = _KEY.match(rest)
        if key:
            stack.append((indent, key.group(1)))
    return tuple(part for _, part in stack)
