"""Data labels keyed by their data path (issue 12: "Data labels are extracted from the
YAML by a Babel extractor keyed by their data path"; "A changed Chinese source marks its
translations fuzzy"): the YAML holds the Chinese, locales/<lang>/LC_MESSAGES/data.po the
rest."""

from __future__ import annotations

import collections
import json
import shutil
from pathlib import Path

import yaml
from babel.messages.extract import extract_from_file
from ug_texts import yaml_texts

from build import validated_bundle_text
from policy_build.translations import label_paths
from policy_build.validate import validate_all
from site_build import data_texts, pofiles
from site_build.data_texts import file_labels

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted((ROOT / "policy_data").glob("*.yaml"))


def test_the_extractor_finds_every_chinese_label_once_with_a_unique_path() -> None:
    assert FILES
    extracted = []
    for path in FILES:
        extracted += list(extract_from_file("site_build.data_texts:extract", str(path)))
    contexts = [context for _, _, _, context in extracted]
    repeated = [c for c, n in collections.Counter(contexts).items() if n > 1]
    assert not repeated, repeated[:5]
    assert len(extracted) == len(list(yaml_texts("zh")))
    line, zh, _, context = next(e for e in extracted if e[3].endswith(
        "employee.contributions[unemployed].label"))
    assert context == "kizilsu_2025:schemes.employee.contributions[unemployed].label"
    assert zh == "失业保险金代缴职工医保的失业人员" and line > 1


def test_the_loader_and_the_extractor_name_every_label_by_the_same_path() -> None:
    """The translations are attached by the paths the catalogs are keyed by."""
    for path in FILES:
        text = path.read_text(encoding="utf-8")
        from_nodes = [context for _, context, _ in file_labels(text, path.stem)]
        from_data = [f"{path.stem}:{p}" for p, _ in label_paths(yaml.safe_load(text))]
        assert from_nodes == from_data, path.name


def test_each_language_s_data_catalog_is_in_step_with_the_yaml() -> None:
    """`python build.py catalogs` has run: one entry per label, made from its Chinese."""
    want = {str(m.context): str(m.id) for m in data_texts.template(ROOT) if m.id}
    for lang in ("ug", "en"):
        have = {str(m.context): str(m.id) for m in pofiles.read(ROOT, lang, "data") if m.id}
        assert have == want, lang


def _copy(tmp: Path) -> Path:
    shutil.copytree(ROOT / "policy_data", tmp / "policy_data")
    shutil.copytree(ROOT / "locales", tmp / "locales")
    return tmp / "policy_data"


LABEL = "hotan_resident_2025:schemes.resident.exclusions[work_injury].label"


def test_changed_chinese_is_a_note_then_fuzzy_and_shown_pending_never_stale(
        tmp_path: Path) -> None:
    """Hotan measures art. 30 (一): staff reword the Chinese of a label. `check` passes
    and says to run `python build.py catalogs`; after it, the old translations are
    fuzzy (kept, with the Chinese they were made from) and the bundle carries no
    translation for the label, so the site shows the Chinese with its marker."""
    data = _copy(tmp_path)
    target = data / "hotan_resident_2025.yaml"
    old = "label: {zh: 应当从工伤保险基金中支付的}"
    text = target.read_text(encoding="utf-8")
    assert old in text
    target.write_text(text.replace(old, "label: {zh: 应当由工伤保险基金支付的费用}"),
                      encoding="utf-8")
    report = validate_all(data)
    assert not report.problems
    [note] = [n for n in report.notes if "data text" in n]
    assert "1 data text(s)" in note and LABEL in note and "python build.py catalogs" in note

    data_texts.update(tmp_path, ["ug", "en"])
    for lang in ("ug", "en"):
        msg = next(m for m in pofiles.read(tmp_path, lang, "data") if m.context == LABEL)
        assert msg.fuzzy and msg.string
        po = pofiles.po_path(tmp_path, lang, "data").read_text(encoding="utf-8")
        assert f'#| msgid "应当从工伤保险基金中支付的"\nmsgctxt "{LABEL}"' in po
    report = validate_all(data)
    assert not [n for n in report.notes if "data text" in n]
    state = data_texts.report(tmp_path, ["ug"])["ug"]
    assert state["fuzzy"] == [LABEL] and not state["missing"]
    text, problems = validated_bundle_text(data)
    assert text is not None, problems
    hotan = next(d for d in json.loads(text)["documents"]
                 if d["document"]["id"] == "hotan_resident_2025")
    label = next(e for e in hotan["schemes"]["resident"]["exclusions"]
                 if e["id"] == "work_injury")["label"]
    assert label == {"zh": "应当由工伤保险基金支付的费用", "ug": None, "en": None}


def test_a_new_label_appears_empty_and_a_removed_one_is_dropped(tmp_path: Path) -> None:
    data = _copy(tmp_path)
    target = data / "hotan_resident_2025.yaml"
    text = target.read_text(encoding="utf-8")
    start = text.index("      - id: wellness")
    end = text.index("      - id: other_national")
    moved = text[start:end].replace("id: wellness", "id: fitness")
    target.write_text(text[:start] + moved + text[end:], encoding="utf-8")
    assert not validate_all(data).problems
    data_texts.update(tmp_path, ["en"])
    entries = {str(m.context): m for m in pofiles.read(tmp_path, "en", "data") if m.id}
    assert entries[LABEL.replace("work_injury", "fitness")].string == ""
    assert LABEL.replace("work_injury", "wellness") not in entries
