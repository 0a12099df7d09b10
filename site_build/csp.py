"""Allow Material's inline scripts by hash in each page's Content-Security-Policy.

overrides/main.html writes ``@CONTENT_SECURITY_POLICY@`` in its ``<meta>``; this
replaces it, page by page, with the policy of site_build/headers.py given the sha256
of every inline script on the page (scripts with ``src`` and JSON data blocks need no
hash).
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from .errors import BuildError
from .headers import content_security_policy

MARKER = "@CONTENT_SECURITY_POLICY@"
_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)


def inline_script_hashes(html: str) -> list[str]:
    hashes = set()
    for m in _SCRIPT.finditer(html):
        attrs = m.group("attrs")
        if "src=" in attrs or "application/json" in attrs:
            continue
        digest = hashlib.sha256(m.group("body").encode("utf-8")).digest()
        hashes.add(f"'sha256-{base64.b64encode(digest).decode('ascii')}'")
    return sorted(hashes)


def apply(site: Path) -> int:
    """Fill in the hashes on every HTML page; return how many pages were changed."""
    count = 0
    for page in sorted(site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        if MARKER not in html:
            if "Content-Security-Policy" in html:
                continue
            raise BuildError(f"{page.relative_to(site)}: no Content-Security-Policy marker "
                             f"(does its template extend overrides/main.html?)")
        page.write_text(html.replace(MARKER,
                                     content_security_policy(inline_script_hashes(html))),
                        encoding="utf-8")
        count += 1
    return count
