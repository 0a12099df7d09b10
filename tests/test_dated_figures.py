"""Dated figures and amendment files (issue 10): staff lower Hotan residents'
level-1 inpatient rate from 90% to 85% for stays from 1 July 2026 with a small
amendment file, in a temporary copy of policy_data/ (the example file is not
real data: tests/fixtures/valid/hotan_resident_2025_amendment_example.yaml)."""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from build import validated_bundle_text
from estimator import estimate, render
from policy_build.validate import load_all
from tests.estimator_helpers import bundle_read, case, ep, step

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "tests" / "fixtures" / "valid" / "hotan_resident_2025_amendment_example.yaml"
AMENDMENT = "hotan_resident_2025_amendment_example"


def data_copy(tmp: Path, amendment: str | None = None) -> Path:
    """A copy of policy_data/ with the example amendment (or *amendment*'s text)."""
    data = Path(tempfile.mkdtemp(dir=tmp)) / "policy_data"
    shutil.copytree(ROOT / "policy_data", data)
    (data / EXAMPLE.name).write_text(amendment or EXAMPLE.read_text(encoding="utf-8"),
                                     encoding="utf-8")
    return data


def problems_with(tmp: Path, old: str, new: str) -> list[str]:
    """The problems `build.py check` reports for the example changed from *old* to *new*
    (beside the one document it amends, for speed)."""
    text = EXAMPLE.read_text(encoding="utf-8")
    assert old in text
    data = Path(tempfile.mkdtemp(dir=tmp))
    shutil.copy(ROOT / "policy_data" / "hotan_resident_2025.yaml", data)
    shutil.copy(ROOT / "policy_data" / "regions.yaml", data)
    (data / EXAMPLE.name).write_text(text.replace(old, new), encoding="utf-8")
    _, _, errors = load_all(data)
    return [str(e) for e in errors]


@contextmanager
def estimator_reading(amendment: str | None = None) -> Iterator[dict[str, Any]]:
    """The estimator reading a bundle compiled with the example amendment (or *amendment*)."""
    with tempfile.TemporaryDirectory() as tmp:
        text, problems = validated_bundle_text(data_copy(Path(tmp), amendment))
        assert text is not None, problems
        with bundle_read(text) as bundle:
            yield bundle


@pytest.fixture(scope="module")
def amended_bundle() -> Iterator[dict[str, Any]]:
    with estimator_reading() as bundle:
        yield bundle


def _stay(day: str) -> dict[str, Any]:
    return case("hotan", "resident", ep("inpatient", 4000, date=day, facility="township",
                                        referral=True))


def _rate(bundle: dict[str, Any]) -> dict[str, Any]:
    doc = next(d for d in bundle["documents"]
               if d["document"]["id"] == "hotan_resident_2025")
    rate: dict[str, Any] = doc["schemes"]["resident"]["inpatient"]["tiers"][0]["rate"]
    return rate


def test_amendment_becomes_dated_values_of_the_amended_document(
        amended_bundle: dict[str, Any]) -> None:
    rate = _rate(amended_bundle)
    assert [(v["value"], v["effective_from"], v["effective_until"], v["cite"],
             v.get("document")) for v in rate["values"]] == [
        ("0.90", "2025-10-01", "2026-06-30", "第二十四条（四）1", None),
        ("0.85", "2026-07-01", "2030-10-01", "第二条", AMENDMENT)]
    heads = {d["document"]["id"]: d["document"] for d in amended_bundle["documents"]}
    assert heads["hotan_resident_2025"]["amended_by"] == [AMENDMENT]
    assert heads[AMENDMENT]["amends"] == ["hotan_resident_2025"]


def test_stay_on_30_june_2026_still_gets_90_percent_art24_4_1(
        amended_bundle: dict[str, Any]) -> None:
    """(4000 − 200) × 90% = 3420 — 第二十四条（四）1 of the measures, the day before."""
    r = render(estimate(_stay("2026-06-30")), "all")
    assert r["episodes"][0]["basic"] == "3420.00"
    cited = step(r, "rate")["citation"]
    assert (cited["document"], cited["article"]) == ("hotan_resident_2025", "第二十四条（四）1")


def test_stay_from_1_july_2026_gets_85_percent_amendment_art2(
        amended_bundle: dict[str, Any]) -> None:
    """(4000 − 200) × 85% = 3230 — 第二条 of the amendment, on its first day and later;
    the step cites the amendment, not the measures."""
    for day in ("2026-07-01", "2027-03-01"):
        r = render(estimate(_stay(day)), "all")
        assert r["episodes"][0]["basic"] == "3230.00"
        cited = step(r, "rate")["citation"]
        assert (cited["document"], cited["article"]) == (AMENDMENT, "第二条")
    # Other tiers keep their one value.
    r = render(estimate(case("hotan", "resident", ep("inpatient", 10000, date="2026-08-01",
                                              facility="level3", referral=True))), "all")
    assert r["episodes"][0]["basic"] == "5640.00"


def test_page_shows_both_values_with_dates_and_citations(
        amended_bundle: dict[str, Any], tmp_path: Path) -> None:
    from site_build.data import annotate
    from site_build.i18n import Catalogs
    from site_build.render import Renderer

    langs = ["zh", "ug", "en"]
    catalogs = Catalogs.load(ROOT / "locales", langs, tmp_path)
    renderer = Renderer(ROOT / "templates", annotate(amended_bundle), catalogs, None)
    specs = {p.id: p for p in renderer.pages}

    def text(page: str, lang: str) -> str:
        html = renderer.render(specs[page], lang, langs)
        return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))

    en = text("hotan/resident/inpatient", "en")
    assert re.search(r"until 30 June 2026: 90% .{0,60}第二十四条（四）1 · from 1 July 2026: "
                     r"85% .{0,60}第二条", en), en[:2000]
    assert "第二十四条（四）1 · 从" not in en
    zh = text("hotan/resident/inpatient", "zh")
    assert "至2026年6月30日：" in zh and "2026年7月1日起：" in zh
    ug = text("hotan/resident/inpatient", "ug")
    # The suffix joined to the date by vowel harmony (issue 12): كۈنى → كۈنىگىچە, كۈنىدىن.
    assert "6-ئاينىڭ 30-كۈنىگىچە: %90" in ug and "7-ئاينىڭ 1-كۈنىدىن باشلاپ: %85" in ug
    # Both ways: the measures' page names the amendment, the amendment's page the measures.
    html = renderer.render(specs["documents/hotan_resident_2025"], "en", langs)
    assert f'href="../{AMENDMENT}/"' in html and "Amended by" in html
    html = renderer.render(specs[f"documents/{AMENDMENT}"], "en", langs)
    assert 'href="../hotan_resident_2025/"' in html and "Amends" in html
    assert "schemes.resident.inpatient.tiers[level1].rate" in html and "85%" in html


def test_a_path_that_does_not_exist_is_refused_saying_what_exists(tmp_path: Path) -> None:
    problems = problems_with(tmp_path, "tiers[level1].rate", "tiers[level9].rate")
    assert len(problems) == 1, problems
    assert (f"{AMENDMENT}.yaml:" in problems[0] and "changes.0.path:" in problems[0]
            and "has no item 'level9' (known: level1, level2, level3, out_of_area)"
            in problems[0] and "the path must name a figure" in problems[0])
    problems = problems_with(tmp_path, "tiers[level1].rate", "tiers[level1].ratio")
    assert "has no key 'ratio'" in problems[0] and "rate" in problems[0]


def test_a_change_outside_the_amended_documents_span_is_refused(tmp_path: Path) -> None:
    problems = problems_with(tmp_path, "    from: 2026-07-01", "    from: 2030-10-02")
    assert len(problems) == 1, problems
    assert ("changes.0.from: the change starts 2030-10-02, outside hotan_resident_2025 "
            "(2025-10-01 to 2030-10-01)" in problems[0] and "add a new document" in problems[0])
    problems = problems_with(tmp_path, "    from: 2026-07-01", "    from: 2026-06-01")
    assert "before this amendment takes effect (2026-07-01)" in problems[0]


def test_other_wrong_amendments_are_refused(tmp_path: Path) -> None:
    assert "no document in policy_data/ has" in problems_with(
        tmp_path, "amends: [hotan_resident_2025]", "amends: [hotan_resident_2024]")[0]
    assert "rate 1.5 is outside 0–1" in problems_with(
        tmp_path, "value: 0.85", "value: 1.5")[0]
    assert "is not read by date" in problems_with(
        tmp_path, "schemes.resident.inpatient.tiers[level1].rate",
        "schemes.resident.enrollment.newborn_days")[0]
    twice = EXAMPLE.read_text(encoding="utf-8").split("changes:\n")[1]
    assert "dated values cannot overlap" in problems_with(
        tmp_path, "    cite: 第二条\n", "    cite: 第二条\n" + twice)[0]


def test_the_example_amendment_is_not_in_the_real_data() -> None:
    assert not list((ROOT / "policy_data").glob("*amendment_example*"))


def test_an_amended_assistance_rate_is_cited_to_the_amendment() -> None:
    """An amendment of another layer's figure (the dibao assistance rate of the Hotan
    assistance opinions, 二（五）2) works the same way, and its step names the amendment."""
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        "amends: [hotan_resident_2025]", "amends: [hotan_assistance_2025]").replace(
        "schemes.resident.inpatient.tiers[level1].rate",
        "schemes.resident.assistance.categories.dibao.rate").replace("value: 0.85", "value: 0.5")
    with estimator_reading(text):
        paid = []
        for day in ("2026-06-30", "2026-07-01"):
            r = render(estimate({"region": "hotan", "scheme": "resident",
                          "person": {"age": 60, "assistance_category": "dibao"},
                          "parameters": {"per_capita_disposable_income": "16000"},
                          "episodes": [ep("inpatient", 20000, date=day, facility="level2",
                                          referral=True)]}), "all")
            paid.append(Decimal(r["episodes"][0]["assistance"]))
            cited = step(r, "assistance")["citation"]
            assert cited["document"] == ("hotan_assistance_2025" if day < "2026-07"
                                         else AMENDMENT)
        assert paid[1] < paid[0]
