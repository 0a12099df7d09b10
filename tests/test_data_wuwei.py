"""武威市城乡居民基本医疗保险市级统筹实施办法 (武政办发〔2025〕6号) as data.

Each test names the article it checks; the figures are compared with the
source text (shared/seeds/002_becdcff002597a45.txt). Most benefit figures are
left to Gansu provincial rules, so several tests check that a family is
recorded as deferred rather than given invented values.
"""

from __future__ import annotations

from typing import Any

from policy_build.validate import coverage_errors, load_documents
from tests.data_helpers import document_fixture, scheme_fixture
from tests.data_helpers import fact as _fact
from tests.data_helpers import figures as _figures

DOC_ID = "wuwei_resident_2025"


doc = document_fixture(DOC_ID)
rules = scheme_fixture("resident", "rules")


def test_art61_in_force_five_years_from_publication(doc: dict[str, Any]) -> None:
    """第六十一条: in force from publication (2025-02-28), valid five years;
    replaces 武政办发〔2019〕84号."""
    header = doc["document"]
    assert header["number"] == "武政办发〔2025〕6号"
    assert header["published"] == "2025-02-28"
    assert header["effective"] == "2025-02-28"
    assert header["expires"] == "2030-02-28"
    assert "五年" in header["expiry_note"]["zh"]
    assert header["region"] == "wuwei" and header["schemes"] == ["resident"]
    assert [s["number"] for s in header["supersedes"]] == ["武政办发〔2019〕84号"]


def test_art17_1_general_outpatient_cap_at_most_160(rules: dict[str, Any]) -> None:
    """第十七条（一）: level-2 and below, no deductible, yearly cap "不高于160元",
    no per-day cap; the rate is not stated (deferred)."""
    outpatient = rules["outpatient"]
    assert outpatient["cite"] == "第十七条（一）"
    (tier,) = outpatient["tiers"]
    assert "level3" not in tier["facilities"]
    assert set(tier["facilities"]) == {"village", "township", "county", "level1", "level2"}
    assert tier["deductible"]["value"] == "0"
    assert tier["cap_per_visit"]["unlimited"] is True
    assert "deferred_to" in tier["rate"] and tier["rate"]["unit"] == "rate"
    assert tier["rate"]["reading"] is not None
    assert outpatient["pools"] == ["outpatient_year"]
    cap = rules["pools"]["outpatient_year"]["amount"]
    assert cap["value"] == "160" and cap["unit"] == "yuan"
    assert "不高于160元" in cap["reading"]["zh"], "the cap is an upper bound: say so"


def test_art17_2_two_diseases_no_deductible_rest_provincial(rules: dict[str, Any]) -> None:
    """第十七条（二）: hypertension/diabetes drugs, no deductible; yearly caps and
    rates follow the provincial rules."""
    two = rules["two_diseases"]
    (tier,) = two["tiers"]
    assert tier["deductible"]["value"] == "0"
    assert "deferred_to" in tier["rate"]
    for disease in ("hypertension", "diabetes"):
        assert "deferred_to" in two["annual_caps"][disease]
        assert two["annual_caps"][disease]["cite"] == "第十七条（二）"


def test_art17_3_chronic_deferred_to_province_without_deductible(rules: dict[str, Any]) -> None:
    """第十七条（三）: chronic diseases follow the unified provincial rules; no deductible."""
    chronic = rules["chronic"]
    assert "deferred_to" in chronic and chronic["cite"] == "第十七条（三）"
    fact = _fact(rules["facts"], "chronic_no_deductible")
    assert fact["figures"]["deductible"]["value"] == "0"
    assert fact["cite"] == "第十七条（三）"


def test_art18_inpatient_figures_deferred(rules: dict[str, Any]) -> None:
    """第十八条: inpatient deductibles, rates and yearly caps follow national and
    provincial rules, adjusted by the city bureau: nothing is invented."""
    inpatient = rules["inpatient"]
    assert "deferred_to" in inpatient
    assert inpatient["cite"] == "第十八条"
    assert "tiers" not in inpatient


def test_art24_major_illness_deferred_to_gansu(rules: dict[str, Any]) -> None:
    """第二十四条: major-illness insurance follows Gansu's rules."""
    major = rules["major_illness"]
    assert "deferred_to" in major and "甘肃" in major["deferred_to"]["zh"]
    assert major["cite"] == "第二十四条"


def test_art14_assistance_deferred_to_province(rules: dict[str, Any]) -> None:
    """第十四条: contribution subsidies for people in hardship follow provincial rules;
    the document sets no assistance benefits."""
    assert "deferred_to" in rules["assistance"]
    assert rules["assistance"]["cite"] == "第十四条"


def test_art26_class_b_self_pay_20_percent(rules: dict[str, Any]) -> None:
    """第二十六条: class-B catalogue items and class-B single-charge disposable
    materials are 20% self-paid first."""
    sharing = rules["cost_sharing"]
    for key in ("class_b_drugs", "class_b_services", "class_b_consumables"):
        assert sharing[key]["value"] == "0.20", key
        assert sharing[key]["cite"] == "第二十六条"


def test_art21_year_decided_by_discharge(rules: dict[str, Any]) -> None:
    """第二十一条: a stay across the new year is paid by the discharge year's rules."""
    assert rules["year_decided_by"] == "discharge"
    assert rules["year_cite"] == "第二十一条"


def test_art7_registration_july_to_december(rules: dict[str, Any]) -> None:
    """第七条: register and pay July to December; benefits the next calendar year."""
    enrollment = rules["enrollment"]
    assert enrollment["collection_period_start"] == {"month": 7, "day": 1}
    assert enrollment["collection_period_end"] == {"month": 12, "day": 31}
    assert enrollment["collection_cite"] == "第七条"
    assert enrollment["benefit_year"]["cite"] == "第七条"


def test_art8_newborn_90_days(rules: dict[str, Any]) -> None:
    """第八条: newborns enrolled within 90 days are covered from birth; babies born
    1 October to 31 December may be enrolled for the next year."""
    enrollment = rules["enrollment"]
    assert enrollment["newborn_days"]["value"] == "90"
    assert enrollment["newborn_days"]["unit"] == "days"
    late = _fact(enrollment["facts"], "newborn_october_december")
    assert late["figures"]["deadline"]["value"] == "90"
    assert "10月1日" in late["label"]["zh"]
    _fact(enrollment["facts"], "newborn_late_no_benefit")


def test_art9_waiting_period_in_days(rules: dict[str, Any]) -> None:
    """第九条: fixed 90 days, +30 days per gap year, back payment removes 30 days a
    year, at least 180 days after a gap of 4 years or more."""
    wp = rules["enrollment"]["waiting_period"]
    assert wp["applies_from"] == "2025-01-01"
    expected = {"fixed": ("90", "days"), "per_gap_year": ("30", "days"),
                "repair_per_year_paid": ("30", "days"), "floor_gap_years": ("4", "years"),
                "floor_minimum": ("180", "days")}
    for key, (value, unit) in expected.items():
        assert (wp[key]["value"], wp[key]["unit"]) == (value, unit), key
        assert wp[key]["cite"] == "第九条"


def test_art10_exempt_groups(rules: dict[str, Any]) -> None:
    """第十条: discharged service members and dependants, newborns, eligible
    employee-to-resident movers and newly certified low-income people have no
    waiting period."""
    exempt = [e["zh"] for e in rules["enrollment"]["waiting_period"]["exempt"]]
    assert len(exempt) == 4
    assert "新生儿" in exempt
    assert any("低收入" in e for e in exempt)


def test_art11_refund_before_june_30(rules: dict[str, Any]) -> None:
    """第十一条: refund of next year's payment until 30 June of the benefit year."""
    fact = _fact(rules["enrollment"]["facts"], "refund")
    assert "6月30日" in fact["label"]["zh"] and fact["cite"] == "第十一条"


def test_art28_exclusions(rules: dict[str, Any]) -> None:
    """第二十八条（一）–（六）: six excluded kinds of cost."""
    cites = [e["cite"] for e in rules["exclusions"] if e["cite"].startswith("第二十八条")]
    assert len(cites) == 6


def test_art19_art30_referral_and_out_of_area(rules: dict[str, Any]) -> None:
    """第十九条、第三十条: no referral → self-referred out-of-area policy; no figures."""
    referral = _fact(rules["facts"], "referral")
    assert "第三十条" in referral["cite"] and referral["figures"] == {}
    assert _fact(rules["facts"], "out_of_area_direct")["cite"] == "第十九条"


def test_art45_risk_fund_5_up_to_15_percent(rules: dict[str, Any]) -> None:
    """第四十五条: a risk reserve of 5% of fund income, until it reaches 15%."""
    fact = _fact(rules["facts"], "risk_fund")
    assert fact["figures"]["share"]["value"] == "0.05"
    assert fact["figures"]["ceiling"]["value"] == "0.15"


def test_art20_newborn_died_before_enrolment(rules: dict[str, Any]) -> None:
    """第二十条: a newborn who dies before enrolment is paid where a parent is insured."""
    assert _fact(rules["facts"], "newborn_died_before_enrolment")["cite"] == "第二十条"


def test_families_the_document_does_not_address(rules: dict[str, Any]) -> None:
    """The document sets no maternity, day-surgery (第三十一条 is about payment
    methods only), tuberculosis or special-drug benefit (第二十二条 gives no figures)."""
    assert set(rules["not_specified"]) == {"maternity", "day_surgery", "tuberculosis",
                                           "special_drugs"}
    for family in rules["not_specified"]:
        assert rules[family] is None


def test_every_figure_cited_and_labelled(doc: dict[str, Any]) -> None:
    """Every figure carries a citation; readings and labels have all languages."""
    figures = list(_figures(doc["schemes"]))
    assert figures
    for path, fig in figures:
        assert fig["cite"].strip(), path
        if fig.get("reading"):
            assert fig["reading"]["zh"] and fig["reading"]["en"], path


def test_coverage_complete_for_wuwei() -> None:
    """Every rule family has values, a deferral or a not_specified record."""
    documents, errors = load_documents()
    assert not [e for e in errors if DOC_ID in str(e)]
    assert not [p for p in coverage_errors(documents) if p.startswith("wuwei")]
