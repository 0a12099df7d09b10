"""A Uyghur case suffix on a value the page fills into a message (``{where:loc}``).

The rules are the estimator's (:mod:`estimator.ug_suffix`, standard library only), so
the page and the estimator attach suffixes the same way. A value with markup takes
the suffix on its last text, before the closing tags and before a glossary term's
short explanation; a figure with its citation or reading cannot take one (the message
must be reworded so that the placeholder needs no suffix).
"""

from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup

from estimator.ug_suffix import CASES, attach

_TRAILING_TAGS = re.compile(r"((?:\s*</[a-z]+>)+)\s*$")
_TERM_SHORT = '<span class="term-short">'
_NO_SUFFIX = ('class="cite', "<details", 'class="fig-dates"')


def suffixed(value: Any, case: str) -> Any:
    """*value* (text or Markup) with the Uyghur *case* suffix attached."""
    if case not in CASES:
        raise ValueError(f"unknown Uyghur case {{…:{case}}}: use one of {', '.join(CASES)}")
    if not isinstance(value, Markup):
        return attach(str(value), case)
    html = str(value)
    if any(marker in html for marker in _NO_SUFFIX):
        raise ValueError(f"{{…:{case}}} on a figure with its citation: reword the message "
                         "so that this placeholder takes no suffix")
    tail = ""
    if _TERM_SHORT in html:
        html, tail = html.split(_TERM_SHORT, 1)
        tail = _TERM_SHORT + tail
    closing = _TRAILING_TAGS.search(html)
    if closing:
        html, tail = html[:closing.start()], closing.group(1) + tail
    return Markup(attach(html, case) + tail)
