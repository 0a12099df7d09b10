"""Worked examples: 和田地区城乡居民基本医疗保险实施办法 (hotan_resident_2025).

Each test is a sentence with the article it checks. The major-illness
threshold is a share of last year's disposable income, which staff have not
supplied, so these episodes report `computable: false` for that layer while
the basic fund's share is exact.
"""

from __future__ import annotations

from tests.estimator_helpers import case, ep, in_words, step


def test_township_stay_of_4000_fund_pays_3420_art24_4_1() -> None:
    """Township health centre (level 1): deductible 200, 90% — 第二十四条（四）1."""
    r = in_words(case("hotan", "resident", ep("inpatient", 4000, facility="township")))
    e = r["episodes"][0]
    assert (e["deductible"], e["basic"]) == ("200.00", "3420.00")
    assert step(r, "deductible")["citation"]["article"] == "第二十四条（四）1"


def test_county_hospital_stay_of_10000_fund_pays_7680_art24_4_2() -> None:
    """County hospital = level 2: deductible 400, 80% — 第二十四条（四）2."""
    r = in_words(case("hotan", "resident", ep("inpatient", 10000, facility="county")))
    assert r["episodes"][0]["basic"] == "7680.00"


def test_level3_stay_of_10000_fund_pays_5640_art24_4_3() -> None:
    """Level 3: deductible 600, 60% — 第二十四条（四）3."""
    r = in_words(case("hotan", "resident", ep("inpatient", 10000, facility="level3")))
    assert r["episodes"][0]["basic"] == "5640.00"


def test_out_of_area_stay_of_10000_fund_pays_4600_art24_4_4() -> None:
    """Outside the prefecture: deductible 800, 50% — 第二十四条（四）4."""
    r = in_words(case("hotan", "resident",
                      ep("inpatient", 10000, facility="level3", out_of_area=True)))
    assert r["episodes"][0]["basic"] == "4600.00"


def test_stay_without_referral_loses_20_points_art24_4_5() -> None:
    """Not referred: 90% − 20 points = 70%: (4000 − 200) × 70% = 2660 — 第二十四条（四）5."""
    r = in_words(case("hotan", "resident", ep("inpatient", 4000, referral=False)))
    assert r["episodes"][0]["basic"] == "2660.00"
    assert step(r, "adjustment")["citation"]["article"] == "第二十四条（四）5"


def test_class_b_partial_self_pay_5_10_15_percent_art23() -> None:
    """Class-B drugs 5%, services 10%, consumables 15% are paid first by the person — 第二十三条:
    1000×5% + 1000×10% + 1000×15% = 300; eligible 9700; (9700−200)×90% = 8550."""
    r = in_words(case("hotan", "resident", ep("inpatient", 10000, class_b_drugs=1000,
                                              class_b_services=1000,
                                              class_b_consumables=1000)))
    e = r["episodes"][0]
    assert (e["class_b_self_pay"], e["eligible"], e["basic"]) == ("300.00", "9700.00",
                                                                  "8550.00")


def test_excluded_costs_are_not_paid_art30() -> None:
    """Excluded costs leave the eligible cost — 第三十条: (5000−1000−200)×90% = 3420."""
    r = in_words(case("hotan", "resident", ep("inpatient", 5000, excluded=1000)))
    assert r["episodes"][0]["basic"] == "3420.00"


def test_yearly_inpatient_cap_80000_by_admission_year_art27() -> None:
    """Two level-3 stays of 100,000 in one year: the fund pays at most 80,000 — 第二十七条."""
    r = in_words(case("hotan", "resident",
                      ep("inpatient", 100000, facility="level3", date="2026-02-01"),
                      ep("inpatient", 100000, facility="level3", date="2026-06-01")))
    assert [e["basic"] for e in r["episodes"]] == ["59640.00", "20360.00"]
    assert r["totals"]["basic"] == "80000.00"


def test_stays_in_different_years_have_separate_caps_art27() -> None:
    """The year is the calendar year of admission — 第二十七条、第二十九条."""
    r = in_words(case("hotan", "resident",
                      ep("inpatient", 100000, facility="level3", date="2026-02-01"),
                      ep("inpatient", 100000, facility="level3", date="2027-02-01")))
    assert [e["basic"] for e in r["episodes"]] == ["59640.00", "59640.00"]


def test_village_clinic_visit_90_percent_capped_at_30_art24_1() -> None:
    """Village clinic: 90%, at most 30 a visit — 第二十四条（一）."""
    r = in_words(case("hotan", "resident", ep("outpatient", 20, facility="village"),
                      ep("outpatient", 100, facility="village", date="2026-03-02")))
    assert [e["basic"] for e in r["episodes"]] == ["18.00", "30.00"]


def test_outpatient_yearly_caps_300_village_500_all_art24_1() -> None:
    """Our reading of “村卫生室300元；乡镇卫生院、县级500元”: 500 a year in all, village visits
    at most 300 of it — 第二十四条（一）."""
    village = [ep("outpatient", 100, facility="village", date=f"2026-01-{d:02d}")
               for d in range(1, 13)]
    township = [ep("outpatient", 100, facility="township", date=f"2026-02-{d:02d}")
                for d in range(1, 13)]
    r = in_words(case("hotan", "resident", *village, *township))
    paid = [e["basic"] for e in r["episodes"]]
    assert sum(float(p) for p in paid[:12]) == 300
    assert r["totals"]["basic"] == "500.00"


def test_county_outpatient_60_percent_cap_60_a_visit_art24_1() -> None:
    """County level: 60%, at most 60 a visit — 第二十四条（一）."""
    r = in_words(case("hotan", "resident", ep("outpatient", 80, facility="county"),
                      ep("outpatient", 500, facility="county", date="2026-03-05")))
    assert [e["basic"] for e in r["episodes"]] == ["48.00", "60.00"]


def test_class1_chronic_disease_50_percent_up_to_2000_a_year_art24_2() -> None:
    """Diabetes (class 1): 50%, one yearly cap of 2,000 for all class-1 diseases
    — 第二十四条（二）."""
    r = in_words(case("hotan", "resident",
                      ep("chronic", 3000, disease="diabetes", date="2026-01-10"),
                      ep("chronic", 3000, disease="coronary", date="2026-04-10")))
    assert [e["basic"] for e in r["episodes"]] == ["1500.00", "500.00"]


def test_class2_chronic_disease_paid_at_inpatient_rate_art24_2() -> None:
    """Epilepsy (class 2) at a county hospital: level-2 inpatient rate, 80% — 第二十四条（二）."""
    r = in_words(case("hotan", "resident",
                      ep("chronic", 1000, disease="epilepsy", facility="county")))
    assert r["episodes"][0]["basic"] == "800.00"


def test_two_diseases_diabetes_65_percent_capped_300_art24_3() -> None:
    """Diabetes drugs at a township health centre: 65%, at most 300 a year — 第二十四条（三）."""
    r = in_words(case("hotan", "resident",
                      ep("two_diseases", 200, condition="diabetes"),
                      ep("two_diseases", 1000, condition="diabetes", date="2026-05-01")))
    assert [e["basic"] for e in r["episodes"]] == ["130.00", "170.00"]


def test_two_diseases_hypertension_60_percent_at_level2_capped_200_art24_3() -> None:
    """Hypertension drugs at a level-2 hospital: 60%, at most 200 a year — 第二十四条（三）."""
    r = in_words(case("hotan", "resident",
                      ep("two_diseases", 1000, condition="hypertension", facility="level2")))
    assert r["episodes"][0]["basic"] == "200.00"


def test_delivery_paid_as_inpatient_stay_at_same_level_art25() -> None:
    """Childbirth in a county hospital: inpatient rules, (3000−400)×80% = 2080 — 第二十五条."""
    r = in_words(case("hotan", "resident", ep("maternity", 3000, facility="county")))
    assert r["episodes"][0]["basic"] == "2080.00"


def test_day_surgery_is_not_set_by_this_document() -> None:
    """No day-surgery rule in the Hotan measures: not computable, with the reason."""
    r = in_words(case("hotan", "resident", ep("day_surgery", 3000)))
    e = r["episodes"][0]
    assert e["computable"] is False and e["basic"] is None
    assert "day-surgery" in e["reason"]["en"]


def test_major_illness_waits_for_the_disposable_income_figure_art28() -> None:
    """The threshold is 50% of last year's disposable income (第二十八条); until staff
    supply it the layer is unknown and the result says so."""
    r = in_words(case("hotan", "resident", ep("inpatient", 4000)))
    e = r["episodes"][0]
    assert e["computable"] is False and e["major_illness"] is None
    assert "disposable income" in e["reason"]["en"]
    assert e["out_of_pocket_at_most"] is True


def test_major_illness_with_a_supplied_income_pays_55_percent_above_threshold_art28() -> None:
    """With an income of 20,000 the threshold is 10,000; a 100,000 level-3 stay leaves
    40,360 in-policy self-pay: (40,360 − 10,000) × 55% = 16,698 — 第二十八条."""
    c = case("hotan", "resident", ep("inpatient", 100000, facility="level3"))
    c["parameters"] = {"per_capita_disposable_income": "20000"}
    r = in_words(c)
    e = r["episodes"][0]
    assert e["basic"] == "59640.00"
    assert e["major_illness"] == "16698.00"
    assert e["computable"] is True


def test_hardship_major_illness_computed_without_its_unset_cap_bill_a_lower_bound_art28() -> None:
    """第二十八条: people in hardship have a threshold of 25% of income and 60/70/80%, but
    their yearly cap is left to "相关规定". What the text states is computed; the cap is
    flagged, so what the person pays is a lower bound. Level-3 stay of 100,000, income
    20,000: basic 59,640; self-pay 40,360; (40,360 − 5,000) × 60% = 21,216; dibao
    assistance (和田医疗救助意见 二（五）2) 80% × 19,144 = 15,315.20; pays 3,828.80."""
    c = case("hotan", "resident", ep("inpatient", 100000, facility="level3"),
             assistance_category="dibao")
    c["parameters"] = {"per_capita_disposable_income": "20000"}
    r = in_words(c)
    e = r["episodes"][0]
    assert (e["basic"], e["major_illness"], e["assistance"], e["out_of_pocket"]) == (
        "59640.00", "21216.00", "15315.20", "3828.80")
    assert e["computable"] is True
    assert e["out_of_pocket_at_least"] is True and r["out_of_pocket_at_least"] is True
    assert r["totals"]["out_of_pocket"] == "3828.80"
    assert any("no yearly cap for your group" in n["en"] for n in r["notes"])
