"""The form's catalogs (docs/assets/estimator/i18n/*.json) say the same things."""

from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
CATALOGS = ROOT / "docs" / "assets" / "estimator" / "i18n"
ESTIMATOR_DIR = ROOT / "docs" / "assets" / "estimator"
# The form's modules (app.js and what it imports); not the workers.
# The form's modules (their words are under "ui"); the worker, the service worker and the
# guided mode (its words are under "guided", checked below) are not.
MODULES = sorted(p for p in ESTIMATOR_DIR.glob("*.js")
                 if p.name not in ("sw.js", "worker.js") and not p.name.startswith("guided"))


def _load() -> dict[str, dict[str, object]]:
    files = sorted(CATALOGS.glob("*.json"))
    assert files
    return {f.stem: json.loads(f.read_text(encoding="utf-8")) for f in files}


def test_every_language_has_every_string_with_the_same_placeholders() -> None:
    catalogs = _load()
    assert set(catalogs) == {"zh", "ug", "en"}
    zh = catalogs["zh"]
    for lang, cat in catalogs.items():
        assert cat["dir"] == ("rtl" if lang == "ug" else "ltr")
        ui, zh_ui = cat["ui"], zh["ui"]
        assert isinstance(ui, dict) and isinstance(zh_ui, dict)
        assert set(ui) == set(zh_ui), lang
        for key, text in ui.items():
            assert text.strip(), (lang, key)
            assert set(re.findall(r"\{\w+\}", text)) == set(
                re.findall(r"\{\w+\}", zh_ui[key])), (lang, key)
        assert cat["enums"].keys() == zh["enums"].keys()  # type: ignore[union-attr]


def test_every_string_the_form_uses_exists() -> None:
    assert len(MODULES) > 5, MODULES
    source = "\n".join(m.read_text(encoding="utf-8") for m in MODULES)
    used = set(re.findall(r"""this\.text\(\s*["']([a-z_0-9]+)["']""", source))
    used |= set(re.findall(r"""["']((?:g|err|fix)_[a-z_0-9]+)["']""", source))
    ui = _load()["en"]["ui"]
    assert isinstance(ui, dict)
    assert used and not used - set(ui), used - set(ui)


GUIDED = ROOT / "docs" / "assets" / "estimator" / "guided.js"


def _flatten(tree: object, prefix: str = "") -> dict[str, object]:
    if not isinstance(tree, dict):
        return {prefix: tree}
    out: dict[str, object] = {}
    for key, value in tree.items():
        out.update(_flatten(value, f"{prefix}.{key}" if prefix else key))
    return out


def test_guided_mode_words_exist_in_every_language_and_uyghur_glues_no_suffix() -> None:
    """Issue 13, guided mode: its plain words ("guided" in each catalog) have the same
    keys and placeholders in zh, ug and en, and no Uyghur suffix is glued to a
    placeholder (a value is never inflected: "{n}-" or "{n}نى" would be)."""
    catalogs = _load()
    zh = _flatten(catalogs["zh"]["guided"])
    assert zh and "questions.total.title" in zh
    for lang, cat in catalogs.items():
        words = _flatten(cat["guided"])
        assert set(words) == set(zh), (lang, set(words) ^ set(zh))
        for key, text in words.items():
            if isinstance(text, bool):
                assert text == zh[key], (lang, key)
                continue
            assert isinstance(text, str) and text.strip(), (lang, key)
            assert set(re.findall(r"\{\w+\}", text)) == set(
                re.findall(r"\{\w+\}", str(zh[key]))), (lang, key)
            if lang == "ug":
                assert not re.search(r"\}[-\w\u0600-\u06ff]", text), (key, text)
    used = set(re.findall(r"""this\.text\(\s*["']([a-z_0-9]+)["']""", GUIDED.read_text()))
    guided = catalogs["en"]["guided"]
    ui = catalogs["en"]["ui"]
    assert isinstance(guided, dict) and isinstance(ui, dict)
    assert used and not used - set(guided) - set(ui), used - set(guided) - set(ui)
