"""和田地区医疗救助工作实施意见 as data (the assistance layer for Hotan).

Each test names the item it checks (二（五）2 = section 二, item （五）, point 2);
the figures are compared with the source text
(shared/seeds/003_5e8a369d7ef8d87f.txt).
"""

from __future__ import annotations

from typing import Any

import pytest

from policy_build.validate import coverage_errors, load_documents
from tests.data_helpers import document_fixture
from tests.data_helpers import figures as _figures

DOC_ID = "hotan_assistance_2025"
CATEGORIES = {"destitute", "dibao", "dibao_edge", "at_risk", "illness_poverty"}


doc = document_fixture(DOC_ID)


@pytest.fixture(scope="module")
def assistance(doc: dict[str, Any]) -> dict[str, Any]:
    return doc["schemes"]["resident"]["assistance"]


def test_final_paragraph_dates_and_superseded(doc: dict[str, Any]) -> None:
    """末段: in force 2025-10-01 to 2030-10-01; replaces 和行办发〔2019〕99号,
    和行办发〔2021〕43号 and 和行办函〔2023〕116号."""
    header = doc["document"]
    assert header["layer"] == "assistance"
    assert header["region"] == "hotan" and header["schemes"] == ["resident"]
    assert header["number"] is None and header["published"] is None
    assert header["effective"] == "2025-10-01"
    assert header["expires"] == "2030-10-01"
    assert [s["number"] for s in header["supersedes"]] == [
        "和行办发〔2019〕99号", "和行办发〔2021〕43号", "和行办函〔2023〕116号"]


def test_2_2_four_categories_members(assistance: dict[str, Any]) -> None:
    """二（二）: the four categories (category 3 = near-dibao and at-risk rural residents)."""
    assert set(assistance["members"]) == CATEGORIES
    assert set(assistance["categories"]) == CATEGORIES
    assert "孤儿" in assistance["members"]["destitute"]["zh"]
    assert assistance["members"]["dibao_edge"]["zh"].startswith("第三类")
    assert assistance["members"]["at_risk"]["zh"].startswith("第三类")


def test_2_5_1_destitute_no_deductible_no_cap_rate_deferred(assistance: dict[str, Any]) -> None:
    """二（五）1: destitute persons: direct assistance, no deductible and no cap; the
    rate is not stated, so it is deferred (not assumed to be 100%)."""
    terms = assistance["categories"]["destitute"]
    assert terms["deductible"]["value"] == "0"
    assert terms["annual_cap"]["unlimited"] is True
    assert "deferred_to" in terms["rate"] and "value" not in terms["rate"]
    assert terms["rate"]["reading"]["zh"]
    assert terms["rate"]["cite"] == "二（五）1"


def test_2_5_2_dibao_80_percent_cap_50000(assistance: dict[str, Any]) -> None:
    """二（五）2: dibao: no deductible, 80%, yearly cap 50,000 yuan."""
    terms = assistance["categories"]["dibao"]
    assert terms["deductible"]["value"] == "0"
    assert "不设置起付线" in terms["deductible"]["reading"]["zh"]
    assert terms["rate"]["value"] == "0.80"
    assert terms["annual_cap"]["value"] == "50000"
    assert {terms[k]["cite"] for k in ("deductible", "rate", "annual_cap")} == {"二（五）2"}


def test_2_5_3_near_dibao_and_at_risk(assistance: dict[str, Any]) -> None:
    """二（五）3: near-dibao: deductible 10% of per-capita disposable income, 70%,
    cap 50,000; at-risk rural residents follow dibao terms in the transition period."""
    edge = assistance["categories"]["dibao_edge"]
    assert edge["deductible"]["fraction_of"] == "per_capita_disposable_income"
    assert edge["deductible"]["value"] == "0.10"
    assert edge["rate"]["value"] == "0.70"
    assert edge["annual_cap"]["value"] == "50000"
    at_risk = assistance["categories"]["at_risk"]
    dibao = assistance["categories"]["dibao"]
    for key in ("deductible", "rate", "annual_cap"):
        assert at_risk[key]["value"] == dibao[key]["value"], key
        assert "过渡期" in at_risk[key]["reading"]["zh"], key


def test_2_5_4_illness_poverty(assistance: dict[str, Any]) -> None:
    """二（五）4: impoverished by illness: deductible 25% of per-capita disposable
    income, 60%, cap 50,000."""
    terms = assistance["categories"]["illness_poverty"]
    assert terms["deductible"]["fraction_of"] == "per_capita_disposable_income"
    assert terms["deductible"]["value"] == "0.25"
    assert terms["rate"]["value"] == "0.60"
    assert terms["annual_cap"]["value"] == "50000"


def test_2_4_class1_chronic_assistance(assistance: dict[str, Any]) -> None:
    """二（四）: class 1 chronic diseases after the basic benefit: destitute 100%
    (3,000 a year), dibao and at-risk 80%, near-dibao 70%, illness-poverty 60%
    (2,000 a year each)."""
    chronic = assistance["outpatient_chronic"]
    expected = {"destitute": ("1.00", "3000"), "dibao": ("0.80", "2000"),
                "at_risk": ("0.80", "2000"), "dibao_edge": ("0.70", "2000"),
                "illness_poverty": ("0.60", "2000")}
    assert set(chronic) == set(expected)
    for category, (rate, cap) in expected.items():
        terms = chronic[category]
        assert (terms["rate"]["value"], terms["annual_cap"]["value"]) == (rate, cap), category
        assert terms["deductible"]["value"] == "0"
        assert terms["rate"]["cite"] == "二（四）"


def test_2_4_class2_3_chronic_follow_inpatient_assistance(assistance: dict[str, Any]) -> None:
    """二（四）: class 2 and 3 chronic diseases are assisted under the inpatient terms."""
    note = next(n for n in assistance["notes"] if n["id"] == "chronic_class2_3")
    assert note["cite"] == "二（四）" and "住院救助" in note["label"]["zh"]


def test_3_secondary_assistance_up_to_95_percent(assistance: dict[str, Any]) -> None:
    """三: categories 3 and 4 may apply for secondary assistance up to 95% in total;
    categories 1 and 2 are settled on one bill."""
    secondary = assistance["secondary"]
    limit = secondary["figures"]["cumulative_rate_limit"]
    assert limit["value"] == "0.95" and limit["unit"] == "rate"
    assert limit["reading"]["zh"]
    assert "依申请" in secondary["text"]["zh"] and "一单式" in secondary["text"]["zh"]


def test_2_3_contribution_subsidies(doc: dict[str, Any]) -> None:
    """二（三）, 二（三）1–6: category 1 fully subsidised, category 2 and at-risk a
    fixed amount published yearly; the six handling rules."""
    facts = doc["schemes"]["resident"]["facts"]
    subsidy = next(f for f in facts if f["id"] == "contribution_subsidy")
    assert subsidy["figures"]["destitute_share"]["value"] == "1.00"
    assert "deferred_to" in subsidy["figures"]["dibao_amount"]
    assert "deferred_to" in subsidy["figures"]["at_risk_amount"]
    cites = sorted(f["cite"] for f in facts if f["cite"] != "二（三）")
    assert cites == [f"二（三）{n}" for n in range(1, 7)]


def test_only_the_assistance_layer(doc: dict[str, Any]) -> None:
    """The document is about assistance: other families stay with hotan_resident_2025."""
    rules = doc["schemes"]["resident"]
    others = ["cost_sharing", "inpatient", "outpatient", "chronic", "two_diseases",
              "maternity", "day_surgery", "tuberculosis", "special_drugs", "major_illness"]
    assert all(rules[f] is None for f in others)
    assert rules["not_specified"] == {}


def test_2_3_does_not_hide_resident_enrollment_rules(docs: dict[str, dict[str, Any]]) -> None:
    """二（三） are scheme facts, not `enrollment`: a region's enrollment rules come
    from the first document that has any, and the waiting periods of
    hotan_resident_2025 (第八条) must stay the ones used."""
    assert docs[DOC_ID]["schemes"]["resident"]["enrollment"] is None
    resident = docs["hotan_resident_2025"]["schemes"]["resident"]["enrollment"]
    assert resident["waiting_period"]["fixed"]["value"] == "3"


def test_every_figure_cited(doc: dict[str, Any]) -> None:
    """Every figure carries a citation; readings have Chinese and English."""
    figures = list(_figures(doc["schemes"]))
    assert len(figures) > 30
    for path, fig in figures:
        assert fig["cite"].strip(), path
        if fig.get("reading"):
            assert fig["reading"]["zh"] and fig["reading"]["en"], path


def test_coverage_complete_for_hotan() -> None:
    """With hotan_resident_2025, every Hotan family is covered."""
    documents, errors = load_documents()
    assert not [e for e in errors if DOC_ID in str(e)]
    assert not [p for p in coverage_errors(documents) if p.startswith("hotan")]
