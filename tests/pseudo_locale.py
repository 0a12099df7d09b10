"""A pseudo-language made from the English catalogs (issue 12: "Prove it with a test that
builds a pseudo-locale"): every text wrapped in ⟦…⟧, each word about 40% longer, written
right to left. Its placeholders (``{name}``, ``{x:loc}``), HTML tags and entities are
kept as they are, so the build fills them as in any language.

``add_language(root, code)`` adds it to a copy of the project *as data only*: one catalog
per domain (site, data, estimator, form) under ``locales/<code>/``, one line in
``mkdocs.yml``, and the theme-text partial Material lacks for an unknown language
(``overrides/partials/languages/<code>.html``, from the Uyghur one).
"""

from __future__ import annotations

import importlib.util
import math
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

OPEN, CLOSE = "⟦", "⟧"
# Kept as they are: placeholders, HTML tags and entities.
KEEP = re.compile(r"\{[^{}]*\}|<[^<>]*>|&#?[A-Za-z0-9]+;")
WORD = re.compile(r"[A-Za-z]+")
# Form settings that are not texts (the form's i18n JSON keeps them in the catalog).
SETTINGS = {"dir": "rtl", "lang": None}
DOMAINS = ("site", "data", "estimator", "form")


def lengthen(text: str) -> str:
    """Each word about 40% longer (its first letters repeated), so lines still break."""
    return WORD.sub(lambda m: m.group(0) + m.group(0)[:math.ceil(0.4 * len(m.group(0)))]
                    .lower(), text)


def pseudo(text: str) -> str:
    if not text.strip():
        return text
    parts, at = [], 0
    for m in KEEP.finditer(text):
        parts.append(lengthen(text[at:m.start()]))
        parts.append(m.group(0))
        at = m.end()
    parts.append(lengthen(text[at:]))
    return OPEN + "".join(parts) + CLOSE


def _read(path: Path) -> Catalog:
    with path.open("rb") as fh:
        return read_po(fh)


def make_catalog(root: Path, code: str, domain: str) -> Catalog:
    """*code*'s catalog of *domain*: the English made pseudo (every entry translated)."""
    english = _read(root / "locales" / "en" / "LC_MESSAGES" / f"{domain}.po")
    out = Catalog(locale=None, domain=domain, charset="utf-8")
    for msg in english:
        if not msg.id:
            continue
        text = str(msg.string) if msg.string and not msg.fuzzy else str(msg.id)
        if domain == "form" and msg.context in SETTINGS:
            text = SETTINGS[str(msg.context)] or code
        else:
            text = pseudo(text)
        out.add(msg.id, string=text, context=msg.context)
    return out


def add_language(root: Path, code: str, name: str) -> None:
    """Add the pseudo-language *code* to the project copy at *root* (data only)."""
    folder = root / "locales" / code / "LC_MESSAGES"
    folder.mkdir(parents=True)
    for domain in DOMAINS:
        with (folder / f"{domain}.po").open("wb") as fh:
            write_po(fh, make_catalog(root, code, domain), width=0)
    mkdocs = root / "mkdocs.yml"
    text = mkdocs.read_text(encoding="utf-8")
    entry = "        - locale: en\n          name: English\n          build: true\n"
    assert entry in text
    mkdocs.write_text(text.replace(entry, entry + f"        - locale: {code}\n"
                                   f"          name: {name}\n          build: true\n"),
                      encoding="utf-8")
    theme = root / "overrides" / "partials" / "languages" / f"{code}.html"
    english = Path(importlib.util.find_spec("material").origin or "").parent / (
        "templates/partials/languages/en.html")
    theme.write_text(_theme_text(english.read_text(encoding="utf-8"), code),
                     encoding="utf-8")


def _theme_text(english: str, code: str) -> str:
    """Material's English theme text made pseudo, right to left."""
    def line(m: re.Match[str]) -> str:
        key, value, comma = m.group(1), m.group(2), m.group(3)
        if key == "language":
            value = code
        elif key == "direction":
            value = "rtl"
        else:
            value = pseudo(value)
        return f'  "{key}": "{value}"{comma}'
    return re.sub(r'^  "([^"]+)": "((?:[^"\\]|\\.)*)"(,?)$', line, english,
                  flags=re.MULTILINE)


# --- a project copy with the language, built ---------------------------------------

ROOT = Path(__file__).resolve().parent.parent
CODE, NAME = "qq", "Pseudo"
SOURCES = ("build.py", "policy_build", "policy_data", "estimator", "site_build",
           "templates", "locales", "overrides", "docs", "mkdocs.yml")


def build_project(folder: Path) -> None:
    """A copy of the project with the pseudo-language added, built with build.py."""
    for name in SOURCES:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, folder / name,
                            ignore=shutil.ignore_patterns("*.md", "__pycache__"))
        else:
            shutil.copy2(src, folder / name)
    (folder / "node_modules").symlink_to(ROOT / "node_modules")
    add_language(folder, CODE, NAME)
    # The runtime's compressed files are the real build's (same inputs, same cache);
    # the precompressed copies of pages are left out (SITE_DEFER_COMPRESSION).
    from site_build.runtime import default_cache_dir  # noqa: PLC0415

    env = dict(os.environ, SITE_BUILD_CACHE=str(default_cache_dir(ROOT)),
               SITE_DEFER_COMPRESSION="1")
    run = subprocess.run([sys.executable, "build.py"], cwd=folder, env=env,
                         capture_output=True, text=True, check=False)
    (folder / "build.log").write_text(run.stdout + run.stderr, encoding="utf-8")
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-4000:]
