"""The resident coverage-start calculator, the employee contribution calculator
and the maternity allowance, each checked against the article it implements."""

from __future__ import annotations

import pytest

from estimator import CaseError, coverage_start, employee_contribution, maternity_allowance


def test_paid_in_collection_period_benefits_from_1_january_hotan_art8() -> None:
    """和田 第八条: paid 9/1–12/31, benefits from 1 January of the next year."""
    r = coverage_start({"region": "hotan", "benefit_year": 2026, "paid_on": "2025-11-15"})
    assert r["start"] == "2026-01-01"
    assert r["steps"][0]["citation"]["article"] == "第八条"


def test_late_payment_waits_3_months_and_pays_full_price_after_june_30_hotan_art8() -> None:
    """和田 第八条: outside the collection period, a fixed 3-month wait; from 1 July the
    full price with no subsidy."""
    r = coverage_start({"region": "hotan", "benefit_year": 2026, "paid_on": "2026-07-15"})
    assert r["start"] == "2026-10-15"
    assert r["notes"] and "full price" in r["notes"][0]["en"]


def test_gap_of_two_years_adds_one_month_hotan_art8() -> None:
    """第八条 “每多断保1年…增加1个月”: our reading — the first year of gap carries the fixed
    3 months, each further year adds 1: a 2-year gap waits 4 months."""
    r = coverage_start({"region": "hotan", "benefit_year": 2026, "paid_on": "2026-03-10",
                        "gap_years": 2})
    assert r["waiting"] == {"length": 4, "unit": "months"} and r["start"] == "2026-07-10"


def test_gap_of_four_years_waits_at_least_6_months_even_after_repair_hotan_art8() -> None:
    r = coverage_start({"region": "hotan", "benefit_year": 2026, "paid_on": "2026-03-10",
                        "gap_years": 4, "years_repaired": 3})
    assert r["waiting"] == {"length": 6, "unit": "months"}


def test_wuwei_counts_waiting_periods_in_days_art9() -> None:
    """武威 第九条: 90 days fixed, 30 per further gap year, repair 30 a year, at least 180
    after 4+ years of gap."""
    r = coverage_start({"region": "wuwei", "benefit_year": 2026, "paid_on": "2026-03-10",
                        "gap_years": 5, "years_repaired": 3})
    assert r["waiting"] == {"length": 180, "unit": "days"} and r["start"] == "2026-09-06"


def test_newborn_enrolled_within_90_days_is_covered_from_birth_hotan_art11() -> None:
    r = coverage_start({"region": "hotan", "benefit_year": 2026, "paid_on": "2026-04-20",
                        "birth_date": "2026-02-01"})
    assert r["start"] == "2026-02-01"


def test_exempt_groups_have_no_wait_kizilsu() -> None:
    """附件2 一（一）4（1）: newborns, assistance recipients, veterans… no waiting period."""
    r = coverage_start({"region": "kizilsu", "benefit_year": 2026, "paid_on": "2026-05-05",
                        "exempt": True})
    assert r["start"] == "2026-05-05"


def test_repairing_more_years_than_the_gap_is_an_error() -> None:
    with pytest.raises(CaseError) as err:
        coverage_start({"region": "hotan", "benefit_year": 2026, "paid_on": "2026-03-10",
                        "gap_years": 1, "years_repaired": 2})
    assert err.value.field == "years_repaired"


def test_employee_in_service_pays_2_percent_employer_8_5_and_12_plus_12_supplementary() -> None:
    """克政办发〔2025〕6号 附件1 一（一）3（1） and 二（二）: base 6,000 → employer 510, person 120,
    supplementary 12 + 12."""
    r = employee_contribution({"region": "kizilsu", "employment": "in_service",
                               "monthly_base": "6000"})
    lines = {line["key"]: line["amount"] for line in r["lines"]}
    assert lines == {"employer_basic": "510.00", "person_basic": "120.00",
                     "employer_supplementary": "12.00", "person_supplementary": "12.00"}
    assert r["person_monthly_total"] == "132.00"


def test_flexible_worker_pays_8_percent_and_24_supplementary() -> None:
    """附件1 一（一）3（1）, 二（二）: flexible workers 8%, 24 yuan a month supplementary."""
    r = employee_contribution({"region": "kizilsu", "employment": "flexible",
                               "monthly_base": "5000"})
    assert r["person_monthly_total"] == "424.00"


def test_caesarean_twins_allowance_188_days_of_wage_over_30() -> None:
    """附件1 一（三）2: caesarean 173 days + 15 for the second baby = 188; 6,000 ÷ 30 = 200
    a day: 37,600."""
    r = maternity_allowance({"region": "kizilsu", "delivery": "caesarean", "babies": 2,
                             "employer_average_monthly_wage": "6000"})
    assert (r["days"], r["amount"]) == (188, "37600.00")


def test_flexible_workers_get_no_maternity_allowance() -> None:
    r = maternity_allowance({"region": "kizilsu", "delivery": "vaginal",
                             "employment": "flexible", "employer_average_monthly_wage": "6000"})
    assert r["eligible"] is False and r["amount"] == "0.00"
