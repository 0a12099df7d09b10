"""Each validation rule has one small broken fixture (tests/fixtures/broken/)
whose first line says the exact message `python build.py check` must print:
file:line: key.path: reason."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from policy_build.validate import load_documents, load_parameters

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
BROKEN = sorted((FIXTURES / "broken").glob("*.yaml"))
assert BROKEN, "no broken fixtures found"


def _expected(path: Path) -> str:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# expect: "), f"{path.name} lacks its '# expect:' line"
    return first.removeprefix("# expect: ")


def _problems(data_dir: Path) -> list[str]:
    _, errors = load_documents(data_dir)
    _, perrors = load_parameters(data_dir)
    return [str(e) for e in errors + perrors]


def _setup(tmp_path: Path, fixture: Path) -> Path:
    shutil.copy(fixture, tmp_path / fixture.name)
    if fixture.name == "parameters.yaml":
        shutil.copy(FIXTURES / "valid" / "fixture_doc.yaml", tmp_path)
    else:
        shutil.copy(ROOT / "policy_data" / "parameters.yaml", tmp_path)
    return tmp_path


def test_the_valid_fixture_passes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(_setup(tmp_path, FIXTURES / "valid" / "fixture_doc.yaml"))
    assert _problems(Path(".")) == []


@pytest.mark.parametrize("fixture", BROKEN, ids=[p.stem for p in BROKEN])
def test_broken_fixture_fails_with_its_exact_message(
        fixture: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(_setup(tmp_path, fixture))
    assert _problems(Path(".")) == [_expected(fixture)]


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
