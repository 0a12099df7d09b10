"""The estimator's public contract: CLI, errors, stdlib only, JSON schemas."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from estimator import CaseError, describe_form, estimate, render
from tests.estimator_helpers import case, ep

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "estimator" / "schema"
STDLIB = set(sys.stdlib_module_names)


def test_estimator_imports_only_the_standard_library() -> None:
    files = sorted((ROOT / "estimator").glob("*.py"))
    assert files
    for file in files:
        tree = ast.parse(file.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                assert name.split(".")[0] in STDLIB | {"__future__"}, \
                    f"{file.name} imports {name}, which is not in the standard library"


def _cli(arg: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    # -S: no site-packages — nothing but the standard library and this checkout.
    return subprocess.run([sys.executable, "-S", "-m", "estimator", arg], cwd=ROOT,
                          input=stdin, capture_output=True, text=True, check=False)


def test_cli_prints_the_result_and_exits_0() -> None:
    run = _cli("-", json.dumps(case("hotan", "resident", ep("inpatient", 4000))))
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["episodes"][0]["basic"] == "3420.00"


def test_cli_reads_a_case_file(tmp_path: Path) -> None:
    file = tmp_path / "case.json"
    file.write_text(json.dumps(case("hotan", "resident", ep("inpatient", 4000))))
    run = _cli(str(file))
    assert run.returncode == 0 and json.loads(run.stdout)["totals"]["basic"] == "3420.00"


@pytest.mark.parametrize(("change", "field"), [
    ({"region": "beijing"}, "region:"),
    ({"episodes": [ep("surgery", 10)]}, "episodes[0].kind:"),
    ({"episodes": [ep("inpatient", -5)]}, "episodes[0].cost.total:"),
    ({"episodes": [ep("inpatient", "abc")]}, "episodes[0].cost.total:"),
    ({"episodes": [ep("inpatient", 10, excluded=8, class_b_drugs=5)]}, "episodes[0].cost:"),
    ({"episodes": [ep("inpatient", 10, date="2026-02-30")]}, "episodes[0].date:"),
    ({"episodes": [ep("inpatient", 10, date="2019-06-01")]}, "episodes[0].date:"),
    ({"episodes": []}, "episodes:"),
    ({"person": {}}, "person.age:"),
    ({"episodes": [{"kind": "inpatient", "facility": "level1", "cost": {"total": 1}}]},
     "episodes[0].date:"),
    ({"episodes": [ep("chronic", 10)]}, "episodes[0].disease:"),
    ({"scheme": "employee"}, "scheme:"),
])
def test_cli_rejects_bad_input_with_one_line_naming_the_field(change: dict[str, Any],
                                                              field: str) -> None:
    bad = {**case("hotan", "resident", ep("inpatient", 4000)), **change}
    run = _cli("-", json.dumps(bad))
    assert run.returncode == 2
    assert run.stdout == ""
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(field), run.stderr
    with pytest.raises(CaseError):
        render(estimate(bad), "all")


def test_cli_rejects_invalid_json() -> None:
    run = _cli("-", "{not json")
    assert run.returncode == 2 and run.stdout == "" and "not valid JSON" in run.stderr


def test_money_is_returned_as_strings_with_two_decimals() -> None:
    r = render(estimate(case("hotan", "resident", ep("inpatient", "4000.5"))), "all")
    assert r["episodes"][0]["basic"] == "3420.45"
    assert r["totals"]["cost"] == "4000.50"


def test_rounding_is_half_up_to_the_fen() -> None:
    """(200.05 − 200) × 90% = 0.045 → 0.05 (half-up), never float noise."""
    r = render(estimate(case("hotan", "resident", ep("inpatient", "200.05"))), "all")
    assert r["episodes"][0]["basic"] == "0.05"


def _schema(name: str) -> dict[str, Any]:
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


def test_results_match_the_published_result_schema() -> None:
    schema = _schema("result.schema.json")
    jsonschema.Draft202012Validator.check_schema(schema)
    for c in [case("hotan", "resident", ep("inpatient", 4000), ep("outpatient", 50)),
              case("wuwei", "resident", ep("inpatient", 4000, date="2026-01-05"))]:
        jsonschema.validate(render(estimate(c), "all"), schema)


def test_valid_cases_match_the_case_schema_and_invalid_ones_do_not() -> None:
    schema = _schema("case.schema.json")
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(case("hotan", "resident", ep("inpatient", 4000)), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**case("hotan"), "region": "beijing"}, schema)


def test_describe_form_lists_hotan_diseases_and_kinds() -> None:
    form = describe_form()["regions"]["hotan"]["resident"]
    assert len(form["diseases"]) == 22
    assert form["kinds"]["inpatient"]["status"] == "ok"
    assert form["kinds"]["day_surgery"]["status"] == "not_specified"


BOOM = """
import sys
import estimator.pipeline as pipeline
def boom(*args, **kwargs):
    raise ZeroDivisionError("a fault planted by the test")
pipeline.major_illness_layer = boom
from estimator.__main__ import main
sys.exit(main(["estimator", "-"]))
"""


def test_cli_reports_an_internal_fault_in_one_line_naming_the_episode_and_exits_3() -> None:
    """Issue 9 item 8: never a traceback. A fault planted in the major-illness layer
    gives exit 3 and one line naming the episode being processed: the earliest one, which
    is the second of the input list (episodes[1])."""
    c = case("hotan", "resident", ep("inpatient", 4000, date="2026-03-01"),
             ep("outpatient", 50, date="2026-01-05"))
    run = subprocess.run([sys.executable, "-S", "-c", BOOM], cwd=ROOT, input=json.dumps(c),
                         capture_output=True, text=True, check=False)
    assert run.returncode == 3, run.stderr
    assert run.stdout == ""
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in run.stderr
    assert "episodes[1]" in lines[0] and "internal error" in lines[0]
