"""The estimator's texts: Chinese in the source, every other language in the catalog
locales/<lang>/LC_MESSAGES/estimator.po (issue 12, "One translation system")."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from estimator import messages, translations
from estimator.labels import KIND_LABEL
from site_build import estimator_texts, form_texts

ROOT = Path(__file__).resolve().parent.parent
LANGS = ["ug", "en"]


def test_translations_json_is_compiled_from_the_current_catalogs() -> None:
    compiled = estimator_texts.compile_translations(ROOT, LANGS)
    on_disk = json.loads(translations.TRANSLATIONS_PATH.read_text(encoding="utf-8"))
    assert on_disk == compiled, "run: python build.py catalogs (or python build.py bundle)"


def test_every_estimator_text_is_translated_and_none_is_fuzzy() -> None:
    assert estimator_texts.report(ROOT, LANGS) == {
        lang: {"missing": [], "fuzzy": []} for lang in LANGS}
    for key, zh in messages.SOURCE.items():
        for lang in LANGS:
            assert not translations.pending(key, zh, lang), (key, lang)


def test_no_estimator_source_file_holds_a_translation() -> None:
    for rel in estimator_texts.SOURCES:
        source = (ROOT / rel).read_text(encoding="utf-8")
        assert '"ug":' not in source and '"en":' not in source, rel


def test_texts_and_labels_come_from_the_catalogs() -> None:
    ug = {m.context: m.string for m in estimator_texts.read(ROOT, "ug") if m.id}
    assert messages.text("step.total")["ug"] == ug["step.total"]
    assert KIND_LABEL["inpatient"]["ug"] == ug["label.kind.inpatient"]
    assert messages.template("step.rate", "en") == "Reimbursement rate {rate}"


def test_changed_chinese_marks_the_translation_fuzzy_and_shows_chinese_pending(
        tmp_path: Path) -> None:
    for rel in (*estimator_texts.SOURCES, *(f"locales/{lang}/LC_MESSAGES/estimator.po"
                                           for lang in LANGS)):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / rel, tmp_path / rel)
    source = tmp_path / "estimator" / "messages.py"
    source.write_text(source.read_text(encoding="utf-8").replace(
        '"step.total": "医疗费用总额"', '"step.total": "医疗费用总额（含自费）"'), encoding="utf-8")
    estimator_texts.update(tmp_path, LANGS)
    state = estimator_texts.report(tmp_path, LANGS)
    assert state["ug"] == {"missing": [], "fuzzy": ["step.total"]}
    compiled = estimator_texts.compile_translations(tmp_path, LANGS)
    assert "step.total" not in compiled["messages"]["ug"]      # never the stale text
    assert "step.rate" in compiled["messages"]["ug"]
    # The estimator shows the Chinese with the pending mark for it.
    shown = translations.translate("step.total", "医疗费用总额（含自费）", "ug")
    assert shown == "医疗费用总额（含自费）" + translations.pending_mark("ug")
    assert translations.pending_mark("ug")  # the mark is the Uyghur catalog's own


# --- the form (docs/assets/estimator/i18n/<lang>.json) ---------------------------------

def test_the_form_json_is_compiled_from_the_current_catalogs() -> None:
    for lang in LANGS:
        on_disk = json.loads((ROOT / form_texts.FORM_DIR / f"{lang}.json").read_text(
            encoding="utf-8"))
        assert on_disk == form_texts.compiled(ROOT, lang), (
            f"{lang}.json differs from locales/{lang}/LC_MESSAGES/form.po: "
            "run python build.py catalogs")


def test_every_form_string_is_translated_and_none_is_fuzzy() -> None:
    assert form_texts.report(ROOT, LANGS) == {
        lang: {"missing": [], "fuzzy": []} for lang in LANGS}


def test_a_changed_chinese_form_string_is_shown_in_chinese_pending(tmp_path: Path) -> None:
    for rel in (str(form_texts.SOURCE_FILE), *(f"locales/{lang}/LC_MESSAGES/form.po"
                                             for lang in LANGS)):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / rel, tmp_path / rel)
    zh = json.loads((tmp_path / form_texts.SOURCE_FILE).read_text(encoding="utf-8"))
    zh["ui"]["year"] = zh["ui"]["year"] + "（全年）"
    (tmp_path / form_texts.SOURCE_FILE).write_text(json.dumps(zh, ensure_ascii=False),
                                                   encoding="utf-8")
    form_texts.update(tmp_path, LANGS)
    assert form_texts.report(tmp_path, LANGS)["ug"]["fuzzy"] == ["ui.year"]
    ug = form_texts.compiled(tmp_path, "ug")
    assert ug["ui"]["year"] == zh["ui"]["year"] + ug[form_texts.PENDING_KEY]
    assert ug[form_texts.PENDING_KEY] != zh[form_texts.PENDING_KEY]  # from form.po
    assert ug["ui"]["age"] == form_texts.compiled(ROOT, "ug")["ui"]["age"]
