"""The second reading: cases computed by hand from the documents alone.

A second reader who had not seen the engine or the data worked each case in
tests/hand_cases/*.yaml from the texts in ../shared/seeds/ and the case schema,
with the arithmetic and the article. Each case must come out as the reader
computed it. Where our reading differs, the case carries ``ours:`` with the
figures we give, the reason we kept our reading and where the figure's note
says so; the reader's own figures stay in ``expected`` for the record.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from estimator import CaseError, estimate, render

HERE = Path(__file__).parent / "hand_cases"
FILES = sorted(HERE.glob("*.yaml"))
KEYS = ("basic", "supplementary", "major_illness", "assistance", "out_of_pocket")
FLAGS = ("out_of_pocket_at_most", "out_of_pocket_at_least")


def _cases() -> list[Any]:
    out = []
    for file in FILES:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        for case in data["cases"]:
            out.append(pytest.param(case, id=f"{file.stem}:{case['id']}"))
    return out


CASES = _cases()


def test_the_hand_case_files_exist_and_each_document_has_at_least_ten_cases() -> None:
    assert FILES, "no hand-case files found"
    per_document: dict[str, int] = {}
    for param in CASES:
        case = param.values[0]
        doc = case.get("document") or ("kizilsu_2025" if case["case"]["region"] == "kizilsu"
                                       else "")
        per_document[doc] = per_document.get(doc, 0) + 1
    for doc in ("hotan_resident_2025", "hotan_assistance_2025", "kizilsu_2025"):
        assert per_document.get(doc, 0) >= 10, (doc, per_document)


def _money(value: Any) -> str | None:
    return None if value is None else f"{float(value):.2f}" if not isinstance(value, str) \
        else value


@pytest.mark.parametrize("case", CASES)
def test_the_estimate_agrees_with_the_hand_computed_case(case: dict[str, Any]) -> None:
    assert case["articles"] and case["arithmetic"].strip() and case["name"]
    expected = dict(case["expected"])
    ours = case.get("ours")
    if ours is not None:
        assert ours["kept"].strip() and ours["figure"].strip(), "say why and where"
        expected.update(ours.get("expected") or {})
    data = json.loads(json.dumps(case["case"], default=str))
    if ours is not None and "refused" in ours:
        with pytest.raises(CaseError) as refused:
            render(estimate(data), "all")
        assert refused.value.field == ours["refused"]
        return
    result = render(estimate(data), "all")
    for key in KEYS:
        if key in expected:
            assert result["totals"][key] == _money(expected[key]), (key, case["id"])
    for flag in FLAGS:
        if flag in expected:
            assert result[flag] is expected[flag], (flag, case["id"])
    if ours is None:
        for i, episode in enumerate(expected.get("episodes") or []):
            for key in KEYS:
                if key in episode:
                    assert result["episodes"][i][key] == _money(episode[key]), (i, key)
    total = result["totals"]
    if all(total[k] is not None for k in (*KEYS, "cost")):
        paid = sum(float(total[k]) for k in KEYS)
        assert round(paid, 2) == float(total["cost"]), "money is conserved"
