"""Each validation rule has one small broken fixture (tests/fixtures/broken/)
whose first line says the exact message `python build.py check` must print:
file:line: key.path: reason. A message of several lines (a YAML error quotes
the line with a caret) continues on lines starting with `# expect+ `. A rule
across documents has a folder of documents instead, with its exact messages in
`expect.txt`."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from policy_build.bundle import compile_bundle
from policy_build.validate import load_parameters, validate_all

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
BROKEN = sorted(p for p in (FIXTURES / "broken").iterdir()
                if p.suffix == ".yaml" or p.is_dir())
assert BROKEN, "no broken fixtures found"


def _expected(path: Path) -> list[str]:
    if path.is_dir():
        return (path / "expect.txt").read_text(encoding="utf-8").splitlines()
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# expect: "), f"{path.name} lacks its '# expect:' line"
    more = [line.removeprefix("# expect+ ") for line in lines[1:]
            if line.startswith("# expect+ ")]
    return ["\n".join([lines[0].removeprefix("# expect: "), *more])]


def _problems(data_dir: Path, regions: tuple[str, ...] = ()) -> list[str]:
    return validate_all(data_dir, regions=regions).problems


def _setup(tmp_path: Path, fixture: Path) -> Path:
    if fixture.is_dir():
        for file in fixture.glob("*.yaml"):
            shutil.copy(file, tmp_path / file.name)
    else:
        shutil.copy(fixture, tmp_path / fixture.name)
    if fixture.name == "parameters.yaml":
        shutil.copy(FIXTURES / "valid" / "fixture_doc.yaml", tmp_path)
    else:
        shutil.copy(ROOT / "policy_data" / "parameters.yaml", tmp_path)
    shutil.copy(ROOT / "policy_data" / "regions.yaml", tmp_path)
    return tmp_path


def test_the_valid_fixture_passes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(_setup(tmp_path, FIXTURES / "valid" / "fixture_doc.yaml"))
    assert _problems(Path(".")) == []


@pytest.mark.parametrize("fixture", BROKEN, ids=[p.stem for p in BROKEN])
def test_broken_fixture_fails_with_its_exact_message(
        fixture: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(_setup(tmp_path, fixture))
    # A folder of documents is checked across documents too, coverage included.
    regions = ("hotan",) if fixture.is_dir() else ()
    assert _problems(Path("."), regions) == _expected(fixture)


def test_check_command_exits_nonzero_and_names_file_line_key(tmp_path: Path) -> None:
    """`python build.py check` on broken data: exit 1, the message on stderr."""
    work = tmp_path / "repo"
    shutil.copytree(ROOT, work, ignore=shutil.ignore_patterns(
        ".venv", "node_modules", "site", ".git", "docs", "tests", "*.pyc"))
    fixture = FIXTURES / "broken" / "rate_over_one.yaml"
    target = work / "policy_data" / "hotan_resident_2025.yaml"
    text = target.read_text(encoding="utf-8").replace(
        "rate: {value: 0.90, unit: rate, cite: 第二十四条（四）1}",
        "rate: {value: 90, unit: rate, cite: 第二十四条（四）1}")
    assert text != target.read_text(encoding="utf-8"), fixture
    target.write_text(text, encoding="utf-8")
    before = (work / "estimator" / "bundle.json").read_bytes()
    run = subprocess.run([sys.executable, "build.py", "bundle"], cwd=work,
                         capture_output=True, text=True, check=False)
    assert run.returncode == 1
    assert ("policy_data/hotan_resident_2025.yaml:" in run.stderr
            and "schemes.resident.inpatient.tiers.0.rate: rate 90 is outside 0–1" in run.stderr)
    assert (work / "estimator" / "bundle.json").read_bytes() == before, \
        "a failed check must leave the previous bundle untouched"


def test_real_policy_data_passes_check() -> None:
    run = subprocess.run([sys.executable, "build.py", "check"], cwd=ROOT,
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr


def test_a_newer_document_that_amends_the_older_may_overlap_it_and_comes_first(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Both in force from 2027 and both giving inpatient: allowed because hotan_b says
    `amends: [hotan_a]`, and the bundle lists hotan_b first (the estimator takes each
    family from the first document in force that gives it)."""
    monkeypatch.chdir(_setup(tmp_path, FIXTURES / "valid" / "amends"))
    report = validate_all(Path("."), regions=("hotan",))
    assert report.problems == [] and report.parameters is not None
    assert report.registry is not None
    bundle = compile_bundle(report.documents, report.parameters, registry=report.registry)
    assert [d["document"]["id"] for d in bundle["documents"]] == ["hotan_b", "hotan_a"]


def test_an_amendment_file_beside_a_document_that_amends_gives_no_false_overlap(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One `amends: [ids]` field for both designs: hotan_b (a full document) amends
    hotan_a from 2027, and hotan_a_rate_notice (an amendment file with `changes:`)
    changes hotan_a's level-1 rate from 2026. The amendment file is compiled into
    hotan_a as dated values, so the day-by-day checks see two documents only; both
    amending documents are linked from hotan_a, and hotan_b still comes first."""
    _setup(tmp_path, FIXTURES / "valid" / "amends")
    monkeypatch.chdir(_setup(tmp_path, FIXTURES / "valid" / "amendment_file"))
    report = validate_all(Path("."), regions=("hotan",))
    assert report.problems == [] and report.parameters is not None
    assert report.registry is not None
    assert [a.document.id for a in report.amendments] == ["hotan_a_rate_notice"]
    bundle = compile_bundle(report.documents, report.parameters, report.amendments,
                            registry=report.registry)
    assert [d["document"]["id"] for d in bundle["documents"]] == [
        "hotan_b", "hotan_a", "hotan_a_rate_notice"]
    heads = {d["document"]["id"]: d["document"] for d in bundle["documents"]}
    assert sorted(heads["hotan_a"]["amended_by"]) == ["hotan_a_rate_notice", "hotan_b"]
    assert heads["hotan_b"]["amends"] == heads["hotan_a_rate_notice"]["amends"] == ["hotan_a"]
    rate = bundle["documents"][1]["schemes"]["resident"]["inpatient"]["tiers"][0]["rate"]
    assert [(v["value"], v["effective_from"], v["effective_until"]) for v in rate["values"]] \
        == [("0.90", "2025-02-01", "2025-12-31"), ("0.85", "2026-01-01", None)]


def test_supersedes_id_ends_the_older_document_and_links_both_ways(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`supersedes: [{id: hotan_a}]` instead of `amends`: no overlap (hotan_a stops
    applying on 2027-01-01), and the bundle lists superseded_by on hotan_a."""
    _setup(tmp_path, FIXTURES / "valid" / "amends")
    newer = tmp_path / "hotan_b.yaml"
    text = newer.read_text(encoding="utf-8")
    changed = text.replace("  supersedes: []\n  amends: [hotan_a]\n",
                           "  supersedes: [{title: 测试文件, id: hotan_a}]\n")
    assert changed != text
    newer.write_text(changed, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    report = validate_all(Path("."), regions=("hotan",))
    assert report.problems == [] and report.parameters is not None
    assert report.registry is not None
    bundle = compile_bundle(report.documents, report.parameters, registry=report.registry)
    heads = {d["document"]["id"]: d["document"] for d in bundle["documents"]}
    assert heads["hotan_a"]["superseded_by"] == ["hotan_b"]
    assert [d["document"]["id"] for d in bundle["documents"]] == ["hotan_b", "hotan_a"]


def _copy_policy_data(tmp_path: Path) -> Path:
    data = tmp_path / "policy_data"
    shutil.copytree(ROOT / "policy_data", data)
    return data


def test_a_file_that_fails_to_load_gives_exactly_one_problem(tmp_path: Path) -> None:
    """One typo (a full-width colon) in Hotan's measures: one problem, no coverage or
    cross-document cascade for Hotan, and one note that those checks were skipped."""
    data = _copy_policy_data(tmp_path)
    target = data / "hotan_resident_2025.yaml"
    text = target.read_text(encoding="utf-8")
    broken = text.replace("  source_file: ", "  source_file：", 1)
    assert broken != text
    target.write_text(broken, encoding="utf-8")
    report = validate_all(data)
    assert len(report.problems) == 1, report.problems
    assert "hotan_resident_2025.yaml:" in report.problems[0]
    assert "full-width '：'" in report.problems[0]
    assert len(report.notes) == 1 and "region 'hotan'" in report.notes[0]


def test_full_width_punctuation_is_named_with_line_column_and_caret(tmp_path: Path) -> None:
    """A full-width comma between two keys of a figure (a Chinese input method)."""
    data = _copy_policy_data(tmp_path)
    target = data / "wuwei_resident_2025.yaml"
    lines = target.read_text(encoding="utf-8").splitlines()
    row = next(i for i, line in enumerate(lines) if "{value: " in line and ", unit: " in line)
    lines[row] = lines[row].replace(", unit: ", "，unit: ", 1)
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    [problem] = validate_all(data).problems
    first, quoted, caret = problem.split("\n")
    column = lines[row].index("，")
    assert f"wuwei_resident_2025.yaml:{row + 1}: " in first
    assert f"column {column + 1}: full-width '，' between two entries in {{ }}" in first
    assert quoted.endswith(lines[row]) and f"{row + 1} | " in quoted
    assert caret.endswith("^")


def test_check_passes_with_a_warning_when_the_bundle_is_stale(tmp_path: Path) -> None:
    """Valid data with an out-of-date bundle: `check` prints OK, exits 0 and warns
    on its own line that the build will regenerate the bundle."""
    work = tmp_path / "repo"
    shutil.copytree(ROOT, work, ignore=shutil.ignore_patterns(
        ".venv", "node_modules", "site", ".git", "docs", "tests", "*.pyc"))
    bundle = work / "estimator" / "bundle.json"
    bundle.write_text(bundle.read_text(encoding="utf-8").replace('"version": 1', '"version": 0'),
                      encoding="utf-8")
    run = subprocess.run([sys.executable, "build.py", "check"], cwd=work,
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert run.stdout == "policy data OK\n"
    assert run.stderr == ("WARNING: estimator/bundle.json differs from what policy_data/ "
                          "compiles to: the build will regenerate it ('python build.py' or "
                          "'python build.py bundle')\n")


def test_parameters_still_load_alone() -> None:
    params, errors = load_parameters()
    assert params is not None and errors == []
