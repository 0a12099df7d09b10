"""`python build.py diff`: the figures a change of policy_data/ changes and what the
sample cases of policy_data/samples/ pay before and after (issue 10)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from estimator import estimate, render
from policy_build.diff import report, samples
from policy_build.validate import load_registry

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "tests" / "fixtures" / "valid" / "hotan_resident_2025_amendment_example.yaml"


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=test", "-c", "user.email=test@example.org", *args],
                   cwd=repo, check=True, capture_output=True)


def test_every_sample_case_is_a_valid_estimator_case_for_each_region_and_scheme() -> None:
    """One samples file per region and scheme of the registry (policy_data/regions.yaml)."""
    cases = samples(ROOT / "policy_data")
    stems = {stem for stem, _ in cases}
    registry, errors = load_registry()
    assert registry is not None, errors
    assert stems == {f"{region.id}_{scheme}" for region in registry.regions
                     for scheme in region.schemes}
    ids = [item["id"] for _, item in cases]
    assert len(ids) == len(set(ids))
    for stem, item in cases:
        assert f"{item['case']['region']}_{item['case']['scheme']}" == stem, item["id"]
        assert render(estimate(item["case"]), "all")["episodes"], item["id"]


def test_diff_of_the_hotan_amendment_lists_the_rate_and_who_pays_more(tmp_path: Path) -> None:
    """Staff add the example amendment (level-1 rate 90% → 85% from 1 July 2026) to a
    committed copy of policy_data/: the diff names the figure with both values, dates and
    articles, and the September 2026 level-1 sample pays (4000 − 200) × 5% = 190 more."""
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "policy_data", repo / "policy_data")
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "data")
    shutil.copy(EXAMPLE, repo / "policy_data" / EXAMPLE.name)
    text = report("HEAD", None, root=repo)
    assert ("- added document hotan_resident_2025_amendment_example (from 2026-07-01, "
            "amends hotan_resident_2025)") in text
    assert ("**hotan_resident_2025** `schemes.resident.inpatient.tiers[level1].rate` "
            "(Level-1 hospital (incl. township health centres))\n"
            "  - old: 90% (第二十四条（四）1)\n"
            "  - new: until 2026-06-30: 90% (第二十四条（四）1) · from 2026-07-01: 85% "
            "(第二条, hotan_resident_2025_amendment_example)") in text
    assert text.count("\n- **") == 1, "only the one figure changed"
    assert ("(`hotan-resident-level1-autumn-2026`): pays 190.00 more (580.00 → 770.00); "
            "basic fund 3420.00 → 3230.00") in text
    assert "(`hotan-resident-township-spring-2026`): no change (pays 580.00)" in text
    assert "1 of 14 sample cases pay a different amount." in text
    # Old against new by two refs gives the same; nothing changed from a ref to itself.
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "amendment")
    assert report("HEAD~1", "HEAD", root=repo).split("\n", 1)[1] == text.split("\n", 1)[1]
    assert "No figure changed." in report("HEAD", "HEAD", root=repo)


def test_diff_command_writes_markdown_and_refuses_an_unknown_ref(tmp_path: Path) -> None:
    out = tmp_path / "d.md"
    run = subprocess.run([sys.executable, "build.py", "diff", "HEAD", "HEAD", "--md", str(out)],
                         cwd=ROOT, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert out.read_text(encoding="utf-8") == run.stdout
    run = subprocess.run([sys.executable, "build.py", "diff", "no-such-ref"], cwd=ROOT,
                         capture_output=True, text=True, check=False)
    assert run.returncode == 1 and "diff: git ls-tree" in run.stderr
