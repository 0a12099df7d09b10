"""A Chinese article reference in the reader's language: 第二十四条（四）1 → Art. 24 (4) 1,
附件2 一（二）2 → Annex 2, 1 (2) 2. The words come from the catalogs (cite.article,
cite.annex, list.sep). A reference that holds anything else (a heading's words, a
table column) is not translated: the page shows the Chinese only."""

from __future__ import annotations

import re
from collections.abc import Callable

_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_NUMERAL = "[一二三四五六七八九十]+"
_TOKEN = re.compile(rf"第(?P<article>{_NUMERAL})条|附件(?P<annex>\d+)|（(?P<paren>{_NUMERAL}|\d+)）"
                    rf"|(?P<section>{_NUMERAL})|(?P<digits>\d+)|(?P<sep>、)|(?P<space> )")


def chinese_number(text: str) -> int:
    """一 → 1, 十 → 10, 十一 → 11, 二十四 → 24, 四十二 → 42 (up to 99)."""
    if "十" not in text:
        return _DIGITS[text]
    tens, _, ones = text.partition("十")
    return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[ones] if ones else 0)


def localize(cite: str, text: Callable[..., str]) -> str | None:
    """*cite* in the language of *text* (a catalog lookup), or None when it holds words
    this cannot translate."""
    parts: list[str] = []
    pos = 0
    after_annex = False
    for m in _TOKEN.finditer(cite):
        if m.start() != pos:
            return None
        pos = m.end()
        kind = m.lastgroup
        value = m.group(kind or "")
        if kind == "article":
            parts.append(text("cite.article", n=chinese_number(value)))
        elif kind == "annex":
            parts.append(text("cite.annex", n=int(value)))
            after_annex = True
            continue
        elif kind == "paren":
            n = int(value) if value.isdigit() else chinese_number(value)
            parts.append(f" ({n})" if parts and not parts[-1].endswith(" ") else f"({n})")
        elif kind == "section":
            if after_annex:
                parts.append(text("list.sep"))
            parts.append(str(chinese_number(value)))
        elif kind == "digits":
            parts.append(f" {value}" if parts and not parts[-1].endswith(" ") else value)
        elif kind == "sep":
            parts.append(text("list.sep"))
        elif kind == "space":
            if not after_annex:
                parts.append(" ")
            continue
        after_annex = False
    if pos != len(cite) or not parts:
        return None
    return re.sub(r"\s+", " ", "".join(parts)).strip()
