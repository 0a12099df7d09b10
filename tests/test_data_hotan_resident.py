"""和田地区城乡居民基本医疗保险实施办法 (hotan_resident_2025) as data.

Each test names the article it checks; the figures were compared with the
source text (shared/seeds/000_7a36544039441c65.txt).
"""

from __future__ import annotations

from typing import Any

from tests.data_helpers import document_fixture, scheme_fixture
from tests.data_helpers import fact as _fact

DOC_ID = "hotan_resident_2025"

doc = document_fixture(DOC_ID)
rules = scheme_fixture("resident", "rules")


def _tier(family: dict[str, Any], tier_id: str) -> dict[str, Any]:
    return next(t for t in family["tiers"] if t["id"] == tier_id)


def test_header_in_force_2025_10_01_to_2030_10_01(doc: dict[str, Any]) -> None:
    """Document header: in force from 2025-10-01 to 2030-10-01; replaces 和行办发〔2019〕99号."""
    header = doc["document"]
    assert (header["effective"], header["expires"]) == ("2025-10-01", "2030-10-01")
    assert header["region"] == "hotan" and header["schemes"] == ["resident"]
    assert [s["number"] for s in header["supersedes"]] == ["和行办发〔2019〕99号"]


def test_art23_class_b_self_pay_5_10_15_percent(rules: dict[str, Any]) -> None:
    """第二十三条: class-B drugs, services and consumables: 5%, 10%, 15% paid first."""
    sharing = rules["cost_sharing"]
    assert [sharing[f"class_b_{k}"]["value"] for k in ("drugs", "services", "consumables")] \
        == ["0.05", "0.10", "0.15"]
    assert {sharing[f"class_b_{k}"]["cite"] for k in ("drugs", "services", "consumables")} \
        == {"第二十三条"}


def test_art24_1_outpatient_90_80_60_percent_per_visit_caps_30_50_60(
        rules: dict[str, Any]) -> None:
    """第二十四条（一）: village 90% up to 30 a visit, township 80% up to 50, county 60%
    up to 60; yearly 300 at village clinics, 500 otherwise (read as one 500 limit)."""
    outpatient = rules["outpatient"]
    got = {t: (_tier(outpatient, t)["rate"]["value"], _tier(outpatient, t)["cap_per_visit"][
        "value"]) for t in ("village", "township", "county")}
    assert got == {"village": ("0.90", "30"), "township": ("0.80", "50"),
                   "county": ("0.60", "60")}
    assert _tier(outpatient, "village")["annual_cap"]["value"] == "300"
    pool = rules["pools"]["outpatient_year"]["amount"]
    assert pool["value"] == "500" and pool["cite"] == "第二十四条（一）"
    assert "300" in pool["reading"]["zh"], "the 300/500 reading must be shown"


def test_art24_3_two_diseases_65_and_60_percent_caps_200_and_300(
        rules: dict[str, Any]) -> None:
    """第二十四条（三）: primary care 65%, level-2 60%; yearly caps hypertension 200,
    diabetes 300."""
    two = rules["two_diseases"]
    assert _tier(two, "primary")["rate"]["value"] == "0.65"
    assert _tier(two, "level2")["rate"]["value"] == "0.60"
    assert {k: v["value"] for k, v in two["annual_caps"].items()} == {
        "hypertension": "200", "diabetes": "300"}


def test_art24_4_inpatient_deductibles_200_400_600_800_rates_90_80_60_50(
        rules: dict[str, Any]) -> None:
    """第二十四条（四）1–4: per stay, level 1: 200 and 90%; level 2: 400 and 80%;
    level 3: 600 and 60%; outside the prefecture: 800 and 50%."""
    inpatient = rules["inpatient"]
    got = {t["id"]: (t["deductible"]["value"], t["rate"]["value"]) for t in inpatient["tiers"]}
    assert got == {"level1": ("200", "0.90"), "level2": ("400", "0.80"),
                   "level3": ("600", "0.60"), "out_of_area": ("800", "0.50")}
    assert _tier(inpatient, "out_of_area")["out_of_area"] is True


def test_art24_4_5_without_referral_20_points_lower(rules: dict[str, Any]) -> None:
    """第二十四条（四）5: without the required referral the rate is 20% lower, read as
    20 percentage points (the reading is recorded next to the value)."""
    (adjustment,) = rules["inpatient"]["adjustments"]
    assert adjustment["when"]["referral"] is False
    assert adjustment["rate_change"]["value"] == "-0.20"
    assert "百分点" in adjustment["rate_change"]["reading"]["zh"]


def test_art25_childbirth_paid_as_inpatient(rules: dict[str, Any]) -> None:
    """第二十五条: a delivery in hospital is paid at the inpatient rate of the level."""
    assert rules["maternity"]["method"] == "as_inpatient"
    assert rules["maternity"]["cite"] == "第二十五条"


def test_art27_yearly_fund_cap_80000_year_by_admission(rules: dict[str, Any]) -> None:
    """第二十七条: calendar year decided by the admission date; the basic fund pays at
    most 80,000 a year."""
    assert rules["year_decided_by"] == "admission"
    cap = rules["pools"]["inpatient_year"]["amount"]
    assert (cap["value"], cap["unit"], cap["cite"]) == ("80000", "yuan", "第二十七条")
    assert rules["inpatient"]["pools"] == ["inpatient_year"]


def test_art28_major_illness_threshold_50_percent_of_income_halved_in_hardship(
        rules: dict[str, Any]) -> None:
    """第二十八条: threshold 50% of last year's per-capita disposable income, halved for
    people in hardship; bands 55/65/75% (hardship 60/70/80%) split at 50,000 and
    100,000; yearly cap 300,000 (hardship: left to other rules)."""
    hardship, general = rules["major_illness"]["groups"]
    assert general["threshold"]["fraction_of"] == "per_capita_disposable_income"
    assert (general["threshold"]["value"], hardship["threshold"]["value"]) == ("0.50", "0.25")
    for group, rates in ((general, ["0.55", "0.65", "0.75"]),
                         (hardship, ["0.60", "0.70", "0.80"])):
        bands = group["bands"]["bands"]
        assert [b["rate"]["value"] for b in bands] == rates
        assert [b["up_to"] and b["up_to"]["value"] for b in bands] == ["50000", "100000", None]
    assert general["annual_cap"]["value"] == "300000"
    assert "deferred_to" in hardship["annual_cap"]


def test_art32_monthly_settlement_95_percent_advance_5_percent_deposit(
        rules: dict[str, Any]) -> None:
    """第三十二条: monthly settlement with providers, 95% paid in advance, 5% kept as a
    service-quality deposit."""
    fact = _fact(rules["facts"], "monthly_settlement")
    assert fact["figures"]["advance_share"]["value"] == "0.95"
    assert fact["figures"]["deposit_share"]["value"] == "0.05"
    assert fact["cite"] == "第三十二条"


def test_art36_risk_reserve_10_percent_paid_within_7_working_days(
        rules: dict[str, Any]) -> None:
    """第三十六条: risk reserve within 10% of the year's funding; apply one month before
    the budget runs short; granted and paid within 7 working days of approval."""
    figures = _fact(rules["facts"], "risk_reserve")["figures"]
    assert figures["reserve_limit"]["value"] == "0.10"
    assert (figures["apply_before"]["value"], figures["apply_before"]["unit"]) == ("1", "months")
    assert (figures["paid_within"]["value"], figures["paid_within"]["unit"]) == (
        "7", "working_days")


def test_art42_provider_changes_filed_within_30_working_days(rules: dict[str, Any]) -> None:
    """第四十二条: major changes of a designated provider are filed within 30 working days
    of the approval."""
    figure = _fact(rules["facts"], "provider_changes")["figures"]["apply_within"]
    assert (figure["value"], figure["unit"], figure["cite"]) == ("30", "working_days",
                                                                 "第四十二条")
