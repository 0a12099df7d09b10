"""The "what changed" page of each region (issue 10: "a 'what changed' page per region
on the site, newest first"), built from the data alone: policy_build/history.py finds
each day the figures change (an amendment file, dated values, a newer document) and
compares the day before with the day itself through policy_build/diff.py; the page
shows each figure old → new with dates and articles, and what the region's sample
cases pay, in zh, ug and en. The Hotan example amendment (level-1 rate 90% → 85% from
1 July 2026, tests/fixtures/valid/hotan_resident_2025_amendment_example.yaml) is the
case the issue names."""

from __future__ import annotations

import posixpath
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from estimator.form import describe_form
from policy_build.bundle import compile_bundle
from policy_build.diff import run_here
from policy_build.history import history
from policy_build.validate import validate_all
from site_build.data import annotate
from site_build.examples import load_estimate
from site_build.i18n import Catalogs
from site_build.render import Renderer
from tests.test_dated_figures import EXAMPLE, estimator_reading

ROOT = Path(__file__).resolve().parent.parent
LANGS = ["zh", "ug", "en"]
AMENDMENT = "hotan_resident_2025_amendment_example"
# A second, later amendment of the same figure (85% → 80% from 1 January 2027).
LATER = (EXAMPLE.read_text(encoding="utf-8")
         .replace(f"id: {AMENDMENT}", "id: hotan_later_notice")
         .replace("effective: 2026-07-01", "effective: 2027-01-01")
         .replace("from: 2026-07-01", "from: 2027-01-01")
         .replace("value: 0.85", "value: 0.80")
         .replace("cite: 第二条", "cite: 第三条"))


def renderer_for(bundle: dict[str, Any], workdir: Path) -> Renderer:
    """The site's renderer over *bundle* (the estimator must be reading it)."""
    catalogs = Catalogs.load(ROOT / "locales", LANGS, workdir)
    return Renderer(ROOT / "templates", annotate(bundle), catalogs, load_estimate(),
                    describe_form(),
                    data_dir=ROOT / "policy_data")


def page(renderer: Renderer, page_id: str, lang: str) -> str:
    spec = next(s for s in renderer.pages if s.id == page_id)
    return renderer.render(spec, lang, LANGS)


@pytest.fixture(scope="module")
def amended(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Renderer]:
    with estimator_reading() as bundle:
        yield renderer_for(bundle, tmp_path_factory.mktemp("mo"))


def test_the_amendment_is_one_change_on_1_july_2026_with_both_values_and_articles(
        amended: Renderer) -> None:
    [change] = amended.history["hotan"]
    assert change.day.isoformat() == "2026-07-01" and change.documents == (AMENDMENT,)
    [fig] = change.figures["resident"]
    assert fig.path == "schemes.resident.inpatient.tiers[level1].rate"
    assert fig.old is not None and fig.new is not None
    assert (fig.old.figure["value"], fig.old.figure["cite"], fig.old.document) == (
        "0.90", "第二十四条（四）1", "hotan_resident_2025")
    assert (fig.new.figure["value"], fig.new.figure["cite"], fig.new.document) == (
        "0.85", "第二条", AMENDMENT)
    # (4000 − 200) × 5% = 190 more at a level-1 hospital (township centres are level 1).
    effects = {c.id: (c.old["totals"]["out_of_pocket"], c.new["totals"]["out_of_pocket"])
               for c in change.cases}
    assert effects == {"hotan-resident-township-spring-2026": ("580.00", "770.00"),
                       "hotan-resident-level1-autumn-2026": ("580.00", "770.00"),
                       "hotan-resident-level3-large-2026": ("15362.00", "15362.00"),
                       "hotan-resident-dibao-level2-2026": ("825.60", "825.60")}
    assert {c.case["episodes"][0]["date"] for c in change.cases} == {"2026-07-01"}
    assert not any(amended.history[r] for r in ("kizilsu", "wuwei", "honghe"))


# Per language: the two column dates, the change in words for a 4,000-yuan level-1 stay.
SAYS = {
    "zh": ("至2026年6月30日", "2026年7月1日起", "580 元 → 770 元，多付190 元", "其余2个示例"),
    "ug": ("2026-يىلى 6-ئاينىڭ 30-كۈنىگىچە", "2026-يىلى 7-ئاينىڭ 1-كۈنىدىن باشلاپ",
           "580 يۈەن → 770 يۈەن: 190 يۈەن كۆپ تۆلەيدۇ", "قالغان 2 مىسالدا"),
    "en": ("Until 30 June 2026", "From 1 July 2026", "580 yuan → 770 yuan: pays 190 yuan more",
           "The other examples (2)"),
}


@pytest.mark.parametrize("lang", LANGS)
def test_the_hotan_page_shows_the_change_with_values_dates_articles_and_effect(
        amended: Renderer, lang: str) -> None:
    text = page(amended, "hotan/changes", lang)
    row = re.search(r'<tr data-path="schemes\.resident\.inpatient\.tiers\[level1\]\.rate">'
                    r'(.*?)</tr>', text)
    assert row is not None, text
    old, new = re.findall(r'<td class="(?:old|new)">(.*?)</td>', row.group(1))
    assert 'data-value="0.90"' in old and 'data-doc="hotan_resident_2025"' in old
    assert "第二十四条（四）1" in old
    assert 'data-value="0.85"' in new and f'data-doc="{AMENDMENT}"' in new
    assert "第二条" in new
    until, start, effect, others = SAYS[lang]
    assert until in text and start in text and others in text
    level1 = re.search(r'<li data-sample="hotan-resident-level1-autumn-2026">(.*?)</li>', text)
    assert level1 is not None and effect in level1.group(1)
    assert "hotan-resident-level3-large-2026" not in text, "unchanged cases are counted only"


def test_changes_are_listed_newest_first(tmp_path: Path) -> None:
    data = Path(tempfile.mkdtemp(dir=tmp_path)) / "policy_data"
    shutil.copytree(ROOT / "policy_data", data)
    shutil.copy(EXAMPLE, data / EXAMPLE.name)
    (data / "hotan_later_notice.yaml").write_text(LATER, encoding="utf-8")
    report = validate_all(data)
    assert report.problems == [] and report.parameters and report.registry
    bundle = compile_bundle(report.documents, report.parameters, report.amendments,
                            registry=report.registry)
    changes = history(bundle, "hotan", ["resident"], [], run_here)
    assert [(c.day.isoformat(), c.documents) for c in changes] == [
        ("2027-01-01", ("hotan_later_notice",)), ("2026-07-01", (AMENDMENT,))]
    assert [(f.old.figure["value"] if f.old else None, f.new.figure["value"] if f.new else None)
            for c in changes for f in c.figures["resident"]] == [("0.85", "0.80"),
                                                                 ("0.90", "0.85")]


def test_a_newer_document_that_amends_shows_its_changed_figure(tmp_path: Path) -> None:
    """hotan_b (from 2027-01-01, amends hotan_a) gives inpatient anew with a level-1
    deductible of 300 instead of 200: one change, brought by hotan_b."""
    fixtures = ROOT / "tests" / "fixtures" / "valid" / "amends"
    for file in fixtures.glob("*.yaml"):
        shutil.copy(file, tmp_path / file.name)
    newer = tmp_path / "hotan_b.yaml"
    text = newer.read_text(encoding="utf-8")
    assert "deductible: {value: 200, unit: yuan, cite: 第二条}" in text
    newer.write_text(text.replace("deductible: {value: 200, unit: yuan, cite: 第二条}",
                                  "deductible: {value: 300, unit: yuan, cite: 第二条}"),
                     encoding="utf-8")
    for name in ("parameters.yaml", "regions.yaml"):
        shutil.copy(ROOT / "policy_data" / name, tmp_path / name)
    report = validate_all(tmp_path, regions=())
    assert report.problems == [] and report.parameters and report.registry
    bundle = compile_bundle(report.documents, report.parameters, registry=report.registry)
    [change] = history(bundle, "hotan", ["resident"], [], run_here)
    assert change.day.isoformat() == "2027-01-01" and change.documents == ("hotan_b",)
    [fig] = change.figures["resident"]
    assert fig.path == "schemes.resident.inpatient.tiers[level1].deductible"
    assert fig.old and fig.new and (fig.old.figure["value"], fig.new.figure["value"]) == (
        "200", "300")
    assert (fig.old.document, fig.new.document) == ("hotan_a", "hotan_b")


@pytest.fixture(scope="module")
def repository(tmp_path_factory: pytest.TempPathFactory) -> Renderer:
    from policy_build.bundle import compile_dir

    bundle, problems = compile_dir(ROOT / "policy_data")
    assert bundle is not None, problems
    return renderer_for(bundle, tmp_path_factory.mktemp("mo"))


NO_CHANGE = {"zh": "施行以来，数字没有改动过", "ug": "كۈچكە ئىگە بولغاندىن بۇيان ئۆزگەرمىدى",
             "en": "have not changed since they took effect"}


@pytest.mark.parametrize("lang", LANGS)
def test_with_the_repository_data_each_region_says_plainly_nothing_changed(
        repository: Renderer, lang: str) -> None:
    """No amendment yet: each region's page says so and lists its documents with the
    dates they apply (Hotan's measures: 1 October 2025 to 1 October 2030)."""
    for region in ("hotan", "kizilsu", "wuwei", "honghe"):
        assert repository.history[region] == []
        text = page(repository, f"{region}/changes", lang)
        assert NO_CHANGE[lang] in text and "<section" not in text
        docs = [d["document"] for d in repository.bundle["documents"]
                if d["document"]["region"] == region]
        assert docs
        for head in docs:
            assert f'href="../../documents/{head["id"]}/"' in text
    hotan = page(repository, "hotan/changes", lang)
    span = {"zh": "2025年10月1日起施行，至2030年10月1日止",
            "ug": "2025-يىلى 10-ئاينىڭ 1-كۈنىدىن 2030-يىلى 10-ئاينىڭ 1-كۈنىگىچە",
            "en": "in force from 1 October 2025 to 1 October 2030"}[lang]
    assert span in hotan


def test_the_page_is_in_the_navigation_and_linked_from_the_region_pages(
        repository: Renderer) -> None:
    nav, translations = repository.nav("en")
    hotan = next(item["和田"] for item in nav if isinstance(item, dict) and "和田" in item)
    assert {"政策变化": "hotan/changes.md"} in hotan
    assert translations["政策变化"] == "What changed"
    for page_id in ("hotan/resident", "hotan/resident/benefits",
                    "documents/hotan_resident_2025"):
        for lang in LANGS:
            hrefs = re.findall(r'href="([^"]*changes/)"', page(repository, page_id, lang))
            assert "hotan/changes" in {posixpath.normpath(posixpath.join(page_id, h))
                                       for h in hrefs}, (page_id, lang, hrefs)
