"""Worked examples: 克政办发〔2025〕6号 (kizilsu_2025), employees (附件1) and
residents (附件2). Each figure was worked out by hand from the article named."""

from __future__ import annotations

from typing import Any

from tests.estimator_helpers import ep, in_words, step


def kz(scheme: str, *episodes: dict[str, Any], **person: Any) -> dict[str, Any]:
    return {"region": "kizilsu", "scheme": scheme, "person": {"age": 40, **person},
            "episodes": list(episodes)}


def basic(result: dict[str, Any], i: int = 0) -> str:
    return str(result["episodes"][i]["basic"])


def test_employee_level1_stay_of_20000_bands_90_and_92_percent_fund_pays_17930() -> None:
    """附件1 一（二）: deductible 300; 301–10000 at 90%, 10001–50000 at 92%:
    9700×90% + 10000×92% = 17,930."""
    assert basic(in_words(kz("employee", ep("inpatient", 20000, facility="level1")))) \
        == "17930.00"


def test_retired_employee_level1_stay_of_20000_fund_pays_18521() -> None:
    """附件1 一（二） retired column: 93% then 95%: 9700×93% + 10000×95% = 18,521."""
    r = in_words(kz("employee", ep("inpatient", 20000, facility="level1"),
                    employment="retired"))
    assert basic(r) == "18521.00"


def test_retired_civil_servant_gets_5_points_more_capped_at_100_percent() -> None:
    """附件1 一（二） 备注: civil servants +5%; 95% + 5 = 100% (never above):
    9700×98% + 10000×100% = 19,506."""
    r = in_words(kz("employee", ep("inpatient", 20000, facility="level1"),
                    employment="retired", civil_servant=True))
    assert basic(r) == "19506.00"


def test_employee_large_bill_basic_then_supplementary_then_major_illness() -> None:
    """Level-3 stay of 300,000 (附件1 一（二）): basic 7,719 + 34,000 + 61,600 = 103,319;
    supplementary (附件1 二（三）) 120k–220k at 90% + 220k–300k at 95% = 166,000;
    major illness (附件1 三（三）) on self-pay 30,681: (30,681 − 20,000) × 60% = 6,408.60."""
    r = in_words(kz("employee", ep("inpatient", 300000, facility="level3")))
    e = r["episodes"][0]
    assert (e["basic"], e["supplementary"], e["major_illness"]) == (
        "103319.00", "166000.00", "6408.60")
    assert e["out_of_pocket"] == "24272.40"


def test_civil_servant_subsidy_pays_90_percent_of_self_pay_above_1_percent_of_wage() -> None:
    """附件1 五（一）3: level-1 stay of 20,000, civil servant earning 60,000 a year.
    Basic (附件1 一（二）, +5 points): 9,700×95% + 10,000×97% = 18,915; self-pay 1,085, of
    which 785 is paid by ratio (the 300 deductible is not); the subsidy pays
    (785 − 1% × 60,000) × 90% = 166.50; the person pays 918.50."""
    r = in_words(kz("employee", ep("inpatient", 20000, facility="level1"),
                    civil_servant=True, annual_salary="60000"))
    e = r["episodes"][0]
    assert step(r, "civil_servant_subsidy")["amount"] == "166.50"
    assert step(r, "civil_servant_subsidy")["citation"]["article"] == "附件1 五（一）3"
    assert (e["basic"], e["supplementary"], e["out_of_pocket"]) == (
        "18915.00", "166.50", "918.50")
    assert e["out_of_pocket_at_most"] is False


def test_civil_servant_subsidy_threshold_accumulates_over_the_year() -> None:
    """附件1 五（一）3: the 1% of the wage (120,000 → 1,200) is a yearly threshold.
    Two level-1 stays of 20,000 leave a co-payment by ratio of 785 each: nothing for the
    first (785 < 1,200), (1,570 − 1,200) × 90% = 333 for the second."""
    r = in_words(kz("employee", ep("inpatient", 20000, facility="level1"),
                    ep("inpatient", 20000, date="2026-05-01", facility="level1"),
                    civil_servant=True, annual_salary="120000"))
    assert [e["supplementary"] for e in r["episodes"]] == ["0.00", "333.00"]


def test_civil_servant_subsidy_counts_only_self_pay_below_the_fund_limit() -> None:
    """附件1 五（一）3 "在…统筹基金最高支付限额以下": level-3 stay of 300,000. The
    basic schedule (附件1 一（二）, +5 points) ends at 120,000: 8,184 + 36,000 + 65,100 =
    109,284, so the co-payment by ratio below the limit is 120,000 − 700 − 109,284 =
    10,016; the subsidy pays (10,016 − 600) × 90% = 8,474.40. The large supplementary
    insurance (附件1 二（三）) pays 166,000 above 120,000; major illness (附件1 三（三）)
    counts the 16,241.60 left, under its 20,000 threshold."""
    r = in_words(kz("employee", ep("inpatient", 300000, facility="level3"),
                    civil_servant=True, annual_salary="60000"))
    e = r["episodes"][0]
    assert step(r, "civil_servant_subsidy")["amount"] == "8474.40"
    assert (e["basic"], e["supplementary"], e["major_illness"], e["out_of_pocket"]) == (
        "109284.00", "174474.40", "0.00", "16241.60")


def test_civil_servant_without_a_salary_gets_an_upper_bound_and_a_note() -> None:
    """附件1 五（一）3 measures the threshold on the yearly wage: without it the subsidy
    is left out, and what the person pays is marked as an upper bound."""
    r = in_words(kz("employee", ep("inpatient", 20000, facility="level1"),
                    civil_servant=True))
    assert r["episodes"][0]["supplementary"] == "0.00"
    assert r["out_of_pocket_at_most"] is True
    assert any("yearly salary" in n["en"] for n in r["notes"])


def test_employee_referred_out_of_prefecture_level3_deductible_900_rates_78_80() -> None:
    """附件1 一（二） 转诊到州域外三级: 900; 9100×78% + 10000×80% = 15,098."""
    r = in_words(kz("employee", ep("inpatient", 20000, facility="level3", out_of_area=True)))
    assert basic(r) == "15098.00"


def test_employee_out_of_area_without_referral_loses_20_points() -> None:
    """附件1 一（十）2: level 2 rates 88%/90% − 20 points: 9500×68% + 10000×70% = 13,460."""
    r = in_words(kz("employee", ep("inpatient", 20000, facility="level2", out_of_area=True,
                                   referral=False)))
    assert basic(r) == "13460.00"


def test_employee_outpatient_first_then_later_deductible_and_per_visit_cap() -> None:
    """附件1 一（六）2: level 1 first visit deductible 30, later 15, 80%, at most 300 a visit."""
    r = in_words(kz("employee", ep("outpatient", 200, facility="level1"),
                    ep("outpatient", 200, facility="level1", date="2026-03-02"),
                    ep("outpatient", 1000, facility="level1", date="2026-03-03")))
    assert [e["basic"] for e in r["episodes"]] == ["136.00", "148.00", "300.00"]
    assert step(r, "deductible", 1)["amount"] == "15.00"


def test_employee_outpatient_yearly_cap_4000() -> None:
    """附件1 一（六）2: at most 4,000 a year for general outpatient care."""
    visits = [ep("outpatient", 2000, facility="level3", date=f"2026-04-{d:02d}")
              for d in range(1, 11)]
    r = in_words(kz("employee", *visits))
    assert r["totals"]["basic"] == "4000.00"


def test_employee_limited_chronic_disease_90_percent_up_to_its_own_cap() -> None:
    """附件1 一（五） catalog: hypertension stage II+ (M03912) 90%, 4,500 a year."""
    r = in_words(kz("employee", ep("chronic", 8000, disease="hypertension_2plus")))
    assert basic(r) == "4500.00"


def test_employee_caesarean_at_level3_paid_up_to_quota_5500() -> None:
    """附件1 一（三） quota table: caesarean at level 3, 5,500; a 4,000 bill is paid in full."""
    r = in_words(kz("employee", ep("maternity", 4000, facility="level3", delivery="caesarean")))
    assert basic(r) == "4000.00"


def test_employee_day_surgery_deductible_50_at_level2() -> None:
    """附件1 一（四）1: day-surgery deductible 50 at level 2, inpatient rates: 3950×88% = 3,476."""
    r = in_words(kz("employee", ep("day_surgery", 4000, facility="level2")))
    assert basic(r) == "3476.00"


def test_special_drugs_at_a_hospital_deductible_10_percent_of_inpatient() -> None:
    """附件1 一（九）1: at a level-2 hospital, deductible 10% of 500 = 50, level-2 rate 88%:
    3950 × 88% = 3,476."""
    r = in_words(kz("employee", ep("special_drugs", 4000, facility="level2")))
    assert basic(r) == "3476.00"


def test_special_drugs_at_a_pharmacy_are_not_computed_the_deductible_is_not_stated() -> None:
    """附件1 一（九）2: dual-channel pharmacies pay at the level-1 rate, but the text states no
    pharmacy deductible: not computable, with the reason."""
    e = in_words(kz("employee", ep("special_drugs", 4000, facility="pharmacy")))["episodes"][0]
    assert e["computable"] is False and "dual-channel" in e["reason"]["en"]


def test_tuberculosis_outpatient_tests_paid_in_full() -> None:
    """附件1 一（七）3: no deductible or cap; outpatient tests 100%."""
    r = in_words(kz("employee", ep("tuberculosis", 4000, facility="level2")))
    assert basic(r) == "4000.00"


def test_resident_aged_70_at_level3_gets_5_points_more() -> None:
    """附件2 一（二）2: level 3 deductible 600, 60% + 5 points at 65+: 19,400 × 65% = 12,610."""
    r = in_words(kz("resident", ep("inpatient", 20000, facility="level3"), age=70))
    assert basic(r) == "12610.00"


def test_resident_dibao_chain_basic_major_illness_assistance_and_tilted() -> None:
    """附件2: basic capped at 80,000 (一（二）3); major illness for special groups from 6,000 at
    70% (二（三）): (120,000 − 6,000) × 70% = 79,800; dibao assistance 80% (三（二）2):
    40,200 × 80% = 32,160; tilted assistance is given (三（三）1, 给予), outside the assistance
    cap: (8,040 − 2,000) × 70% = 4,228, so assistance 36,388 and the person pays 3,812."""
    r = in_words(kz("resident", ep("inpatient", 200000, facility="level3"),
                    assistance_category="dibao"))
    e = r["episodes"][0]
    assert (e["basic"], e["major_illness"], e["assistance"], e["out_of_pocket"]) == (
        "80000.00", "79800.00", "36388.00", "3812.00")
    assert [(s["key"], s["amount"]) for s in e["steps"] if "assistance" in s["key"]] == [
        ("assistance", "32160.00"), ("tilted_assistance", "4228.00")]
    assert r["may_also_apply"] == []


def test_resident_major_illness_general_threshold_12000_at_65_percent() -> None:
    """附件2 二（三）: self-pay above 12,000 at 65%. Level-3 stay of 100,000:
    basic 59,640; self-pay 40,360; (40,360 − 12,000) × 65% = 18,434."""
    r = in_words(kz("resident", ep("inpatient", 100000, facility="level3")))
    assert r["episodes"][0]["major_illness"] == "18434.00"


def test_resident_twins_vaginal_delivery_quota_1000_plus_300() -> None:
    """附件2 一（三） quota table: vaginal at level 2, 1,000 + 300 for the second baby."""
    r = in_words(kz("resident", ep("maternity", 2000, facility="level2", delivery="vaginal",
                                   babies=2)))
    assert basic(r) == "1300.00"


def test_resident_village_clinic_visit_capped_at_30() -> None:
    """附件2 一（五）: village clinic 90%, at most 30 a visit."""
    assert basic(in_words(kz("resident", ep("outpatient", 100, facility="village")))) == "30.00"


def test_resident_diabetes_drugs_70_percent_capped_at_400() -> None:
    """附件2 一（六）: township 70%, diabetes at most 400 a year."""
    r = in_words(kz("resident", ep("two_diseases", 1000, condition="diabetes")))
    assert basic(r) == "400.00"


def test_resident_phenylketonuria_90_percent_cap_3000() -> None:
    """附件2 一（七） catalog: phenylketonuria (M01800) 90%, 3,000 a year."""
    assert basic(in_words(kz("resident", ep("chronic", 3000, disease="phenylketonuria")))) \
        == "2700.00"


def test_employee_registered_long_term_elsewhere_paid_at_home_level3_rates() -> None:
    """附件1 一（十）3（1）: long-term registration → home-prefecture same-level rates, no cut:
    700 deductible, 9300×83% + 10000×85% = 16,219."""
    r = in_words(kz("employee", ep("inpatient", 20000, facility="level3", out_of_area=True,
                                   out_of_area_registered=True)))
    assert basic(r) == "16219.00"


def test_employee_unreferred_out_of_prefecture_level3_is_home_rate_less_20_points() -> None:
    """附件1 一（十）2: “参照同级…下降20%”, 同级 = home level 3 (83/85%), with the 900
    deductible of level-3 hospitals outside the prefecture (附件1 一（二） table; the second
    reader's reading): 9100×63% + 10000×65% = 12,233."""
    r = in_words(kz("employee", ep("inpatient", 20000, facility="level3", out_of_area=True,
                                   referral=False)))
    assert basic(r) == "12233.00"
