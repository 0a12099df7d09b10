"""One registry of regions (issue 10, "One registry of regions"): adding a region is one
entry in policy_data/regions.yaml and its document(s). Checked in a temporary copy of
policy_data/ with a fictitious region, "testland": validation, the bundle, the
schemas, the estimator and its form, the form's catalogs and the pages follow; a
registry entry without documents, and a document for a region not in the registry,
are refused with messages that say what to do."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from build import schema_texts, validated_bundle_text
from estimator import estimate, render
from estimator.form import describe_form
from policy_build.validate import validate_all
from site_build import data_texts, pofiles
from site_build.data import annotate
from site_build.i18n import Catalogs
from site_build.regions import form_catalog
from site_build.render import Renderer
from tests.estimator_helpers import bundle_read, case, ep

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "valid" / "new_region" / "testland_resident_2026.yaml"
LANGS = ["zh", "ug", "en"]
ENTRY = """  - id: testland
    name: {zh: 测试州}
    full_name: {zh: 测试州全称}
    schemes: [resident]
"""
# The names' translations, as a translator enters them in data.po after
# `python build.py catalogs` (the recipe's last step).
NAMES = {"ug": {"name": "سىناق ئوبلاستى", "full_name": "سىناق ئوبلاستىنىڭ تولۇق نامى"},
         "en": {"name": "Testland", "full_name": "Testland Prefecture"}}


def data_copy(tmp: Path, *, entry: str = ENTRY, document: bool = True) -> Path:
    """policy_data/ (and locales/ beside it) with one more registry entry, (optionally)
    its one document, and the catalogs updated and the names translated."""
    data = tmp / "policy_data"
    shutil.copytree(ROOT / "policy_data", data)
    shutil.copytree(ROOT / "locales", tmp / "locales")
    registry = data / "regions.yaml"
    registry.write_text(registry.read_text(encoding="utf-8") + entry, encoding="utf-8")
    if document:
        shutil.copy(FIXTURE, data / FIXTURE.name)
    data_texts.update(tmp, list(NAMES))
    for lang, names in NAMES.items():
        catalog = pofiles.read(tmp, lang, data_texts.DOMAIN)
        for msg in catalog:
            if entry and str(msg.context).startswith("regions:regions[testland]."):
                msg.string = names[str(msg.context).rsplit(".", 1)[1]]
        pofiles.write(tmp, lang, data_texts.DOMAIN, catalog)
    return data


@pytest.fixture(scope="module")
def testland(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """The estimator reading the bundle compiled from policy_data/ plus testland."""
    text, problems = validated_bundle_text(data_copy(tmp_path_factory.mktemp("data")))
    assert text is not None, problems
    with bundle_read(text) as bundle:
        yield bundle


def test_a_registered_region_with_its_document_passes_check_and_enters_the_bundle(
        testland: dict[str, Any]) -> None:
    assert [r["id"] for r in testland["regions"]] == [
        "hotan", "kizilsu", "wuwei", "honghe", "testland"]
    heads = [d["document"] for d in testland["documents"]]
    assert [h["id"] for h in heads if h["region"] == "testland"] == ["testland_resident_2026"]


def test_the_schemas_list_the_new_region() -> None:
    ids = ["hotan", "testland"]
    texts = {path.name: json.loads(text) for path, text in schema_texts(ids).items()}
    assert texts["schema.json"]["$defs"]["Header"]["properties"]["region"]["enum"] == ids
    per_region = texts["parameters.schema.json"]["properties"]["parameters"][
        "additionalProperties"]
    assert per_region["propertyNames"]["enum"] == ids
    assert per_region["additionalProperties"] == {"$ref": "#/$defs/ParameterValue"}
    assert texts["case.schema.json"]["properties"]["region"]["enum"] == ids


def test_the_estimator_and_its_form_offer_the_new_region(testland: dict[str, Any]) -> None:
    """Level-1 stay of 1,000 yuan under the fixture (deductible 200, rate 90%): the fund
    pays (1000 − 200) × 90% = 720."""
    form = describe_form()
    assert list(form["regions"])[-1] == "testland"
    assert form["regions"]["testland"]["resident"]["kinds"]["inpatient"]["facilities"] == [
        "level1"]
    assert form["labels"]["regions"]["testland"]["en"] == "Testland Prefecture"
    result = render(estimate(case("testland", "resident",
                           ep("inpatient", 1000, date="2026-03-01", facility="level1"))), "all")
    assert result["totals"]["basic"] == "720.00"


def test_the_form_catalogs_name_the_new_region_in_each_language(
        testland: dict[str, Any]) -> None:
    for lang in LANGS:
        src = ROOT / "docs" / "assets" / "estimator" / "i18n" / f"{lang}.json"
        catalog = json.loads(form_catalog(src.read_bytes(), testland["regions"]))
        assert catalog["regions"][-1] == "testland"
        want = {"zh": "测试州全称", "ug": "سىناق ئوبلاستىنىڭ تولۇق نامى",
                "en": "Testland Prefecture"}[lang]
        assert catalog["enums"]["regions"]["testland"] == want


def test_the_pages_and_navigation_include_the_new_region_in_each_language(
        testland: dict[str, Any], tmp_path: Path) -> None:
    catalogs = Catalogs.load(ROOT / "locales", LANGS, tmp_path)
    renderer = Renderer(ROOT / "templates", annotate(testland), catalogs, None,
                        describe_form())
    ids = {spec.id for spec in renderer.pages}
    assert {"testland/resident", "testland/resident/inpatient",
            "documents/testland_resident_2026"} <= ids
    spec = next(s for s in renderer.pages if s.id == "testland/resident")
    for lang in LANGS:
        name = {"zh": "测试州", "ug": "سىناق ئوبلاستى", "en": "Testland"}[lang]
        assert name in renderer.title(spec, _fmt(renderer, lang))
        assert name in renderer.render(spec, lang, LANGS)
        nav, translations = renderer.nav(lang)
        # The navigation is in Chinese titles, with each language's translations.
        assert any(isinstance(item, dict) and "测试州" in item for item in nav)
        if lang != "zh":
            assert translations["测试州"] == name


def _fmt(renderer: Renderer, lang: str) -> Any:
    from site_build.fmt import Formatter

    return Formatter(renderer.catalogs, lang, "", renderer.documents,
                     renderer.bundle["parameters"])


def test_a_registry_entry_without_documents_names_the_region_and_scheme(
        tmp_path: Path) -> None:
    report = validate_all(data_copy(tmp_path, document=False))
    assert report.problems == [
        f"{tmp_path / 'policy_data'}: coverage: testland/resident: regions.yaml says testland "
        f"offers resident, but no document in policy_data/ gives its rules (region: "
        f"testland, schemes: [resident]): add the document, or remove resident from the "
        f"region's entry"]


def test_a_document_for_a_region_not_in_the_registry_says_did_you_mean(
        tmp_path: Path) -> None:
    data = data_copy(tmp_path, entry="", document=False)
    text = FIXTURE.read_text(encoding="utf-8").replace("region: testland", "region: hotann")
    (data / FIXTURE.name).write_text(text, encoding="utf-8")
    line = text.splitlines().index("  region: hotann") + 1
    problems = validate_all(data).problems
    assert problems == [
        f"{data / FIXTURE.name}:{line}: document.region: region 'hotann' is not in "
        f"regions.yaml: did you mean 'hotan'? (known: hotan, kizilsu, wuwei, honghe): correct "
        f"the spelling, or add the region to regions.yaml first (id, names, schemes)"]


def test_a_document_for_a_scheme_its_region_does_not_offer_is_refused(
        tmp_path: Path) -> None:
    data = data_copy(tmp_path)
    registry = data / "regions.yaml"
    registry.write_text(registry.read_text(encoding="utf-8").replace(
        "    schemes: [resident]\n", "    schemes: [employee]\n", 1), encoding="utf-8")
    problems = validate_all(data).problems
    assert any("hotan_resident_2025.yaml:" in p and "document.schemes: hotan offers employee "
               "in regions.yaml, not resident" in p for p in problems), problems
