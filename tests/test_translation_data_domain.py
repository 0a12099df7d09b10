"""Data labels keyed by their data path (issue 12: "Data labels are extracted from the
YAML by a Babel extractor keyed by their data path")."""

from __future__ import annotations

import collections
from pathlib import Path

from babel.messages.extract import extract_from_file
from ug_texts import yaml_texts

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
