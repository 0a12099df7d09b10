"""Where documents leave figures to another authority, the estimate says so
instead of inventing a number: 武政办发〔2025〕6号 (Wuwei) 第十八条, 红政规〔2022〕2号
(Honghe) 第二十条, and the Hotan assistance document's category-1 rate."""

from __future__ import annotations

from tests.estimator_helpers import case, ep, in_words


def test_wuwei_inpatient_is_not_computable_gansu_sets_the_figures_art18() -> None:
    r = in_words(case("wuwei", "resident", ep("inpatient", 10000, facility="level2")))
    e = r["episodes"][0]
    assert e["computable"] is False and e["basic"] is None
    assert "Gansu" in e["reason"]["en"] and "省级" in e["reason"]["zh"]
    assert e["reason"]["en"].startswith("Inpatient stay:")
    assert r["totals"]["out_of_pocket"] is None


def test_wuwei_class_b_partial_self_pay_20_percent_still_applies_art26() -> None:
    r = in_words(case("wuwei", "resident", ep("inpatient", 10000, class_b_drugs=1000)))
    assert r["episodes"][0]["class_b_self_pay"] == "200.00"


def test_honghe_inpatient_is_left_to_the_prefecture_schedule_art20() -> None:
    r = in_words(case("honghe", "resident", ep("inpatient", 10000, date="2026-05-01")))
    e = r["episodes"][0]
    assert e["computable"] is False
    assert "州医保局" in e["reason"]["zh"]


def test_honghe_dates_before_the_document_took_effect_are_refused() -> None:
    """红政规〔2022〕2号 第三十六条: in force from 2022-12-31; the day before is refused."""
    from estimator import CaseError

    try:
        in_words(case("honghe", "resident", ep("inpatient", 10, date="2022-12-30")))
    except CaseError as exc:
        assert exc.field == "episodes[0].date"
    else:
        raise AssertionError("a date before every document must be refused")
    assert in_words(case("honghe", "resident", ep("inpatient", 10, date="2022-12-31")))


def test_hotan_expiry_day_2030_10_01_is_covered_and_the_next_day_refused() -> None:
    """和田 第四十九条 "有效期至2030年10月1日": the end day is included (our reading, in
    policy_data/README.md); a stay admitted on 2030-10-02 is refused."""
    from estimator import CaseError

    assert in_words(case("hotan", "resident", ep("inpatient", 500, date="2030-09-30")))
    last = in_words(case("hotan", "resident", ep("inpatient", 500, date="2030-10-01")))
    assert last["episodes"][0]["basic"] is not None
    try:
        in_words(case("hotan", "resident", ep("inpatient", 500, date="2030-10-02")))
    except CaseError as exc:
        assert exc.field == "episodes[0].date"
    else:
        raise AssertionError("the day after the expiry day must be refused")


def test_hotan_dibao_assistance_80_percent_after_major_illness() -> None:
    """和田地区医疗救助工作实施意见 二（五）2: dibao, no deductible, 80%, 50,000 a year.
    With an income of 20,000 supplied, a township stay of 4,000 leaves 580 of in-policy
    self-pay (major illness pays nothing below its 5,000 threshold): 580 × 80% = 464."""
    c = case("hotan", "resident", ep("inpatient", 4000), assistance_category="dibao")
    c["parameters"] = {"per_capita_disposable_income": "20000"}
    e = in_words(c)["episodes"][0]
    assert (e["basic"], e["major_illness"], e["assistance"]) == ("3420.00", "0.00", "464.00")


def test_hotan_destitute_assistance_rate_is_not_stated_so_not_computed() -> None:
    """二（五）1: destitute persons get direct assistance with no deductible or cap, but the
    text gives no rate: the layer is reported as not computable."""
    c = case("hotan", "resident", ep("inpatient", 4000), assistance_category="destitute")
    c["parameters"] = {"per_capita_disposable_income": "20000"}
    e = in_words(c)["episodes"][0]
    assert e["assistance"] is None and e["computable"] is False


def test_hotan_class1_chronic_outpatient_assistance_for_dibao_80_percent() -> None:
    """二（四）: class-1 chronic disease, dibao: 80% of what is left after basic insurance."""
    c = case("hotan", "resident", ep("chronic", 1000, disease="diabetes"),
             assistance_category="dibao")
    c["parameters"] = {"per_capita_disposable_income": "20000"}
    e = in_words(c)["episodes"][0]
    assert (e["basic"], e["assistance"]) == ("500.00", "400.00")
