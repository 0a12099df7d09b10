"""关于规范自治州城镇职工、城乡居民医疗保险政策的通知 (克政办发〔2025〕6号) as data.

附件1 = employees, 附件2 = residents, 附件3 = exclusions. Each test names the
item it checks (附件1 一（二） = annex 1, section 一, item （二）); the figures
are compared with the source text (shared/seeds/001_75425001bc3fe7e4.txt).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest

from policy_build.validate import coverage_errors, load_documents
from tests.data_helpers import document_fixture, fact, scheme_fixture
from tests.data_helpers import figures as _figures

DOC_ID = "kizilsu_2025"
D = Decimal

# 附件1 一（二） 职工基本医疗保险住院待遇保障表: tier → (deductible, in service, retired)
EMPLOYEE_TABLE = {
    "level1": (300, ("0.90", "0.92", "0.95"), ("0.93", "0.95", "0.98")),
    "level2": (500, ("0.88", "0.90", "0.93"), ("0.91", "0.93", "0.96")),
    "level3": (700, ("0.83", "0.85", "0.88"), ("0.86", "0.88", "0.91")),
    "out_of_area_level3": (900, ("0.78", "0.80", "0.83"), ("0.81", "0.83", "0.86")),
}
BAND_TOPS = (10000, 50000, 120000)

# 病种目录 (both annexes): 序号 → (id, code, employee cap, resident cap);
# None = 无限额 (住院比例), "no" = 不能办理
CATALOG = {
    1: ("hypertension_2plus", "M03912", 4500, 1000),
    2: ("coronary", "M04600", 6000, 1000),
    3: ("stroke_sequelae", "M04803", 4200, 1000),
    4: ("diabetes", "M01600", 5700, 1000),
    5: ("pulmonary_heart", "M04100", 3000, 1000),
    6: ("epilepsy", "M02500", 4200, 1000),
    7: ("chronic_nephritis", "M07600", 4200, 1000),
    8: ("rheumatoid_arthritis", "M06900", 4200, 1000),
    9: ("thyroid_dysfunction", "M01700", 2500, 1000),
    10: ("parkinsons", "M02300", 5100, 1000),
    11: ("alzheimers", "M02400", 7500, 1000),
    12: ("rheumatism", "M03800", 3000, 1000),
    13: ("chronic_bronchitis", "M05100", 3000, 1000),
    14: ("diabetes_complications", "M01603", 3900, 1000),
    15: ("prostatic_hyperplasia", "M07900", 3600, 1000),
    16: ("myasthenia_gravis", "M03200", 2400, 1000),
    17: ("echinococcosis", "M00406", 2500, 1000),
    18: ("brucellosis", "M00401", 3000, 1000),
    19: ("tuberculosis", "M00100", 3000, 1000),
    20: ("mdr_tuberculosis", "M00101", 3000, 1000),
    21: ("chronic_active_hepatitis", "M00205", 3000, 1000),
    22: ("chronic_atrophic_gastritis", "M05901", 3000, 1000),
    23: ("chronic_colitis", "M06500", 3000, 1000),
    24: ("cretinism", "M01915", "no", 1000),
    25: ("phenylketonuria", "M01800", "no", 3000),
    26: ("transplant_antirejection", "M08300", None, None),
    27: ("cancer_outpatient", "M00500", None, None),
    28: ("cirrhosis", "M06200", None, None),
    29: ("mental_illness", "M02000", None, None),
    30: ("connective_tissue_disease", "M07100", None, None),
    31: ("hemophilia", "M01200", None, None),
    32: ("aplastic_anaemia", "M01102", None, None),
    33: ("nephrotic_syndrome", "M07700", None, None),
    34: ("chronic_renal_failure", "M07800", None, None),
    35: ("copd", "M05300", 4000, 1000),
    36: ("bronchial_asthma", "M05400", 3000, 1000),
    37: ("chronic_heart_failure", "M04301", 4000, 1000),
    38: ("ankylosing_spondylitis", "M07200", 4000, 1000),
    39: ("leukaemia_outpatient", "M00800", None, None),
}


def v(figure: dict[str, Any]) -> Decimal:
    """A figure's value as a Decimal (compiled values are strings like "0.90")."""
    return D(str(figure["value"]))


doc = document_fixture(DOC_ID)
emp = scheme_fixture("employee", "emp")
res = scheme_fixture("resident", "res")


def tier(benefit: dict[str, Any], tier_id: str) -> dict[str, Any]:
    return next(t for t in benefit["tiers"] if t["id"] == tier_id)


# -- header -------------------------------------------------------------------

def test_header_number_dates_and_no_term(doc: dict[str, Any]) -> None:
    """文头: 克政办发〔2025〕6号, 2025年3月14日, published; no term or superseded document."""
    h = doc["document"]
    assert h["number"] == "克政办发〔2025〕6号"
    assert h["published"] == "2025-03-14" and h["effective"] == "2025-03-14"
    assert h["expires"] is None
    assert h["expiry_note"]["zh"] and h["expiry_note"]["en"]
    assert h["supersedes"] == []
    assert h["region"] == "kizilsu" and h["schemes"] == ["employee", "resident"]


def test_coverage_every_family_recorded_for_kizilsu() -> None:
    """Every rule family has values or a not_specified record for both schemes."""
    documents, errors = load_documents()
    assert not errors
    assert [p for p in coverage_errors(documents) if p.startswith("kizilsu")] == []


def test_every_figure_is_cited_and_every_label_has_three_languages(doc: dict[str, Any]) -> None:
    """Conventions: each figure names its article; each label has zh, ug and en keys."""
    for path, fig in _figures(doc["schemes"]):
        assert fig["cite"].startswith(("附件1", "附件2", "附件3")), path

    def labels(obj: Any) -> Iterator[dict[str, Any]]:
        if isinstance(obj, dict):
            if "zh" in obj:
                yield obj
            for val in obj.values():
                yield from labels(val)
        elif isinstance(obj, list):
            for val in obj:
                yield from labels(val)

    for label in labels(doc["schemes"]):
        assert set(label) == {"zh", "ug", "en"} and label["zh"]


# -- 附件1 employees ---------------------------------------------------------

@pytest.mark.parametrize("tier_id", list(EMPLOYEE_TABLE))
def test_附件1_一_二_employee_band_table(emp: dict[str, Any], tier_id: str) -> None:
    """附件1 一（二） 住院待遇保障表: deductibles 300/500/700/900 and the in-service and
    retired rates for 起付线–10000, 10001–50000, 50001–120000."""
    deductible, in_service, retired = EMPLOYEE_TABLE[tier_id]
    t = tier(emp["inpatient"], tier_id)
    assert v(t["deductible"]) == deductible
    for column, rates in (("in_service", in_service), ("retired", retired)):
        spec = t["rate"]["by_employment"][column]
        assert spec["measured_on"] == "eligible_cost"
        assert [v(b["up_to"]) for b in spec["bands"]] == list(BAND_TOPS)
        assert [v(b["rate"]) for b in spec["bands"]] == [D(r) for r in rates]


def test_附件1_一_二_employee_level1_deductible_300_and_out_of_prefecture_row(
        emp: dict[str, Any]) -> None:
    """附件1 一（二）: 一级 300元; 转诊到州域外三级 is its own out-of-area level-3 row."""
    assert v(tier(emp["inpatient"], "level1")["deductible"]) == 300
    row = tier(emp["inpatient"], "out_of_area_level3")
    assert row["out_of_area"] is True and row["facilities"] == ["level3"]
    first = tier(emp["inpatient"], "level1")["rate"]["by_employment"]["in_service"]["bands"][0]
    assert "each admission" in first["up_to"]["reading"]["en"]


def test_附件1_一_二_employee_year_cap_120000_by_discharge(emp: dict[str, Any]) -> None:
    """附件1 一（二）: 年度基本医疗支付限额12万元; 统筹年度以出院结算时间为准."""
    assert v(emp["pools"]["inpatient_year"]["amount"]) == 120000
    assert emp["year_decided_by"] == "discharge"
    assert emp["inpatient"]["pools"] == ["inpatient_year"]
    assert emp["day_surgery"]["pools"] == ["inpatient_year"]
    assert emp["chronic"]["pools"] == ["inpatient_year"]


def test_附件1_一_二_civil_servant_plus_5_points(emp: dict[str, Any]) -> None:
    """附件1 一（二） 备注: 属公务员身份的职工报销比例再提高5%."""
    adj = next(a for a in emp["inpatient"]["adjustments"] if a["when"].get("civil_servant"))
    assert v(adj["rate_change"]) == D("0.05")
    assert "100%" in adj["rate_change"]["reading"]["en"]


def test_附件1_一_十_employee_referral_and_out_of_area(emp: dict[str, Any]) -> None:
    """附件1 一（十）1: referred out −5 points (already in the level-3 row);
    一（十）2 and 3（2）: not referred or temporary registration −20 points;
    3（1）: long-term registration unchanged."""
    adjs = emp["inpatient"]["adjustments"]
    referred = next(a for a in adjs if a["when"].get("referral") is True)
    assert v(referred["rate_change"]) == D("-0.05")
    assert "level3" not in referred["when"]["facilities"]
    assert referred["when"]["out_of_area_registered"] is False
    unreferred = next(a for a in adjs if a["when"].get("referral") is False)
    assert v(unreferred["rate_change"]) == D("-0.20")
    assert unreferred["when"] == {**unreferred["when"], "out_of_area": True,
                                  "out_of_area_registered": False}
    assert not any(a["when"].get("out_of_area_registered") is True for a in adjs)
    # the table's out-of-prefecture row is the in-prefecture level-3 row less 5 points
    l3 = tier(emp["inpatient"], "level3")["rate"]["by_employment"]
    out3 = tier(emp["inpatient"], "out_of_area_level3")["rate"]["by_employment"]
    for column in ("in_service", "retired"):
        for a, b in zip(l3[column]["bands"], out3[column]["bands"], strict=True):
            assert v(a["rate"]) - v(b["rate"]) == D("0.05")


def test_附件1_一_二_cost_sharing_and_附件2_一_二_1_same(
        emp: dict[str, Any], res: dict[str, Any]) -> None:
    """附件1 一（二）: 乙类药品及医疗服务项目先行自付5%; 500元以上耗材5%, 500元及以下取消;
    附件2 一（二）1: residents the same ("保持一致")."""
    for rules in (emp, res):
        cs = rules["cost_sharing"]
        assert [v(cs[k]) for k in ("class_b_drugs", "class_b_services",
                                   "class_b_consumables")] == [D("0.05")] * 3
        assert v(cs["consumable_exempt_up_to"]) == 500
    assert res["cost_sharing"]["class_b_drugs"]["reading"]["zh"]


def test_附件1_一_一_contributions(emp: dict[str, Any]) -> None:
    """附件1 一（一）2、3 and 二（二）: employer 8.5% (incl. 0.5% maternity), employee 2%,
    flexible 8% on 60%, unemployed 8.5% on 100%; supplementary 12+12 or 24 yuan a month."""
    by_id = {c["id"]: c for c in emp["contributions"]}
    ins = by_id["in_service"]
    assert v(ins["employer_rate"]) == D("0.085") and v(ins["employee_rate"]) == D("0.02")
    assert "0.5%" in ins["employer_rate"]["reading"]["en"]
    assert v(ins["base"]["figures"]["floor_fraction_of_average_wage"]) == D("0.60")
    assert v(ins["supplementary_monthly_employer"]) == 12
    assert v(ins["supplementary_monthly_person"]) == 12
    flex = by_id["flexible"]
    assert v(flex["employee_rate"]) == D("0.08") and flex["employer_rate"] is None
    assert v(flex["base"]["figures"]["fraction_of_average_wage"]) == D("0.60")
    assert v(flex["supplementary_monthly_person"]) == 24
    unemp = by_id["unemployed"]
    assert v(unemp["employer_rate"]) == D("0.085") and v(unemp["employee_rate"]) == 0
    assert v(unemp["base"]["figures"]["fraction_of_average_wage"]) == 1
    assert v(unemp["supplementary_monthly_person"]) == 24
    assert by_id["retired"]["employment"] == ["retired"]


def test_附件1_一_一_3_minimum_years_and_personal_account(emp: dict[str, Any]) -> None:
    """附件1 一（一）3（3）: 男25年、女20年, 实际缴费不低于15年;
    3（4）: employee 2% to the account; retirees 2% of pension, 87.49元."""
    years = fact(emp["facts"], "minimum_years")["figures"]
    assert (v(years["men"]), v(years["women"]), v(years["actual_minimum"])) == (25, 20, 15)
    acct = fact(emp["facts"], "personal_account")["figures"]
    assert v(acct["employee_share"]) == D("0.02") and v(acct["retiree_rate"]) == D("0.02")
    assert v(acct["retiree_credit"]) == D("87.49")


def test_附件1_一_一_4_waiting_periods_and_switching(emp: dict[str, Any]) -> None:
    """附件1 一（一）4: first flexible enrolment 6 months (30% / 60% before 2 years);
    gap ≤3 months repairable; >3 months → 6-month wait; switching after 2 years."""
    facts = emp["enrollment"]["facts"]
    first = fact(facts, "first_enrolment_flexible")["figures"]
    assert v(first["waiting_period"]) == 6
    assert (v(first["rate_6_to_12_months"]), v(first["rate_1_to_2_years"])) == \
        (D("0.30"), D("0.60"))
    assert v(fact(facts, "gap_repair")["figures"]["repairable_gap"]) == 3
    wait = fact(facts, "flexible_gap_wait")["figures"]
    assert (v(wait["gap_over"]), v(wait["waiting_period"])) == (3, 6)
    switch = fact(facts, "switching")["figures"]
    assert (v(switch["continuous_years"]), v(switch["maximum_gap"])) == (2, 3)
    assert v(fact(facts, "maternity_six_months")["figures"]["months_paid"]) == 6


def test_附件1_一_三_employee_maternity_quotas(emp: dict[str, Any]) -> None:
    """附件1 一（三） 职工生育医疗费用限额标准表 (三级/二级), 多胞胎每多一胎+1000元."""
    mat = emp["maternity"]
    assert mat["method"] == "quota_plus_rate"
    table = {q["delivery"]: {lv: v(f) for lv, f in q["by_level"].items()}
             for q in mat["quotas"]}
    assert table == {
        "vaginal": {"level3": 2500, "level2": 2000},
        "assisted": {"level3": 3000, "level2": 2500},
        "caesarean": {"level3": 5500, "level2": 3500},
        "induced": {"level3": 2000, "level2": 1500},
        "abortion": {"level3": 400, "level2": 300},
    }
    assert v(mat["extra_per_additional_baby"]) == 1000


def test_附件1_一_三_2_maternity_allowance_and_prenatal_subsidy(emp: dict[str, Any]) -> None:
    """附件1 一（三）2: 顺产158天、剖腹产173天、流产15天、引产42天, 每增加一胎15天,
    月平均工资÷30; 产前补助1000元, 男职工50%即500元."""
    allowance = fact(emp["maternity"]["notes"], "maternity_allowance")["figures"]
    assert {k: v(f) for k, f in allowance.items()} == {
        "vaginal_days": 158, "caesarean_days": 173, "abortion_days": 15, "induced_days": 42,
        "extra_baby_days": 15, "daily_divisor": 30}
    subsidy = fact(emp["maternity"]["notes"], "prenatal_subsidy")["figures"]
    assert v(subsidy["female_employee"]) == 1000 and v(subsidy["male_employee"]) == 500
    assert v(subsidy["male_employee_share"]) == D("0.50")


def test_附件1_一_四_and_附件2_一_四_day_surgery(emp: dict[str, Any], res: dict[str, Any]
                                               ) -> None:
    """附件1 一（四）1: 30/50/70元; 附件2 一（四）1: 20/40/60元 (10% of the inpatient
    deductible); 一（四）2: 普通住院支付比例; 一（四）3: counts against the inpatient limit."""
    for rules, expected in ((emp, (30, 50, 70)), (res, (20, 40, 60))):
        ds = rules["day_surgery"]
        assert [v(tier(ds, t)["deductible"]) for t in ("level1", "level2", "level3")] == \
            list(expected)
        assert all(t["rate"].get("same_as_inpatient") for t in ds["tiers"])
        assert ds["pools"] == ["inpatient_year"]
        inpatient = [v(tier(rules["inpatient"], t)["deductible"])
                     for t in ("level1", "level2", "level3")]
        assert [d / 10 for d in inpatient] == list(expected)


@pytest.mark.parametrize("scheme", ["employee", "resident"])
def test_一_五_and_一_七_chronic_catalog_39_diseases_with_codes(
        doc: dict[str, Any], scheme: str) -> None:
    """附件1 一（五）1 / 附件2 一（七）1: 39 diseases (29 limited + 10 unlimited),
    with the catalog codes in table order."""
    diseases = doc["schemes"][scheme]["chronic"]["diseases"]
    assert len(diseases) == 39
    assert [(d["id"], d["code"]) for d in diseases] == \
        [(CATALOG[n][0], CATALOG[n][1]) for n in sorted(CATALOG)]
    classes = [d["disease_class"] for d in diseases]
    assert classes.count("limited") == 29 and classes.count("unlimited") == 10
    for n, d in zip(sorted(CATALOG), diseases, strict=True):
        assert d["cite"].endswith(f"序号{n}")


def test_附件1_一_五_employee_chronic_caps_and_unavailable(emp: dict[str, Any]) -> None:
    """附件1 一（五） 病种目录: 90% with per-disease caps; 克汀病、苯丙酮尿症“不能办理”."""
    by_id = {d["id"]: d for d in emp["chronic"]["diseases"]}
    for _n, (did, _code, cap, _rcap) in CATALOG.items():
        d = by_id[did]
        if cap == "no":
            assert d["available"] is False and d["rate"] is None and d["annual_cap"] is None
        elif cap is None:
            assert d["available"] is True and d["rate"]["same_as_inpatient"] is True
            assert d["annual_cap"]["unlimited"] is True
        else:
            assert d["available"] is True
            assert v(d["rate"]) == D("0.90") and v(d["annual_cap"]) == cap
    assert sorted(i for i, d in by_id.items() if not d["available"]) == \
        ["cretinism", "phenylketonuria"]


def test_附件2_一_七_resident_chronic_caps(res: dict[str, Any]) -> None:
    """附件2 一（七） 病种目录: every limited disease 90% up to 1000元, 苯丙酮尿症 3000元;
    all 39 available to residents."""
    by_id = {d["id"]: d for d in res["chronic"]["diseases"]}
    assert all(d["available"] for d in by_id.values())
    for did, _code, _ecap, rcap in CATALOG.values():
        d = by_id[did]
        if rcap is None:
            assert d["annual_cap"]["unlimited"] is True
        else:
            assert v(d["rate"]) == D("0.90") and v(d["annual_cap"]) == rcap
    assert v(by_id["phenylketonuria"]["annual_cap"]) == 3000


@pytest.mark.parametrize("scheme", ["employee", "resident"])
def test_一_五_2_unlimited_deductible_10_percent_renal_failure_10_yuan(
        doc: dict[str, Any], scheme: str) -> None:
    """附件1 一（五）2（1） / 附件2 一（七）2: 无限额 deductible = 10% of the same-level
    inpatient deductible (慢性肾功能衰竭10元); subtypes from the 备注 column."""
    chronic = doc["schemes"][scheme]["chronic"]
    for d in chronic["diseases"]:
        if d["disease_class"] != "unlimited":
            continue
        if d["id"] == "chronic_renal_failure":
            assert v(d["deductible"]) == 10
        else:
            assert D(str(d["deductible"]["inpatient_fraction"])) == D("0.10")
    by_id = {d["id"]: d for d in chronic["diseases"]}
    assert [s["zh"] for s in by_id["chronic_colitis"]["subtypes"]] == ["慢性结肠炎", "克罗恩病"]
    assert len(by_id["diabetes_complications"]["subtypes"]) == 6
    assert chronic["pools"] == ["inpatient_year"]


def test_附件1_一_六_employee_outpatient_pooling(emp: dict[str, Any]) -> None:
    """附件1 一（六）2: first deductible 30/50/70, later 15/25/35; 80/70/60%; retirees
    +5 points; per visit 300/800/1300; yearly 4000元."""
    out = emp["outpatient"]
    rows = [(v(t["deductible"]), v(t["deductible_later"]), v(t["rate"]), v(t["cap_per_visit"]))
            for t in (tier(out, x) for x in ("level1", "level2", "level3"))]
    assert rows == [(30, 15, D("0.80"), 300), (50, 25, D("0.70"), 800),
                    (70, 35, D("0.60"), 1300)]
    assert out["pools"] == ["outpatient_year"]
    assert v(emp["pools"]["outpatient_year"]["amount"]) == 4000
    (adj,) = out["adjustments"]
    assert adj["when"]["employment"] == ["retired"] and v(adj["rate_change"]) == D("0.05")


@pytest.mark.parametrize("scheme,item", [("employee", "附件1 一（七）3"),
                                         ("resident", "附件2 一（九）3")])
def test_一_七_and_一_九_tuberculosis(doc: dict[str, Any], scheme: str, item: str) -> None:
    """附件1 一（七）3 / 附件2 一（九）3: no deductible or cap; outpatient exams 100%,
    inpatient 90%; 10 diagnostic items."""
    tb = doc["schemes"][scheme]["tuberculosis"]
    exams, stay = tier(tb, "outpatient_exams"), tier(tb, "inpatient")
    assert (exams["setting"], stay["setting"]) == ("outpatient", "inpatient")
    assert v(exams["rate"]) == 1 and v(stay["rate"]) == D("0.90")
    for t in (exams, stay):
        assert v(t["deductible"]) == 0 and t["annual_cap"]["unlimited"] is True
        assert t["rate"]["cite"] == item
    assert v(fact(tb["notes"], "ten_items")["figures"]["items"]) == 10


def test_附件1_一_九_special_drugs_dual_channel(emp: dict[str, Any], res: dict[str, Any]
                                               ) -> None:
    """附件1 一（九）1、2: same-level inpatient rate, deductible 10% of the inpatient one;
    双通道 pharmacies at the level-1 rate. 附件2 一（十）: hospitals only."""
    sd = emp["special_drugs"]
    hosp = tier(sd, "designated_hospitals")
    assert hosp["rate"]["same_as_inpatient"] is True
    assert D(str(hosp["deductible"]["inpatient_fraction"])) == D("0.10")
    pharmacy = tier(sd, "dual_channel_pharmacy")
    assert pharmacy["facilities"] == ["pharmacy"]
    level1 = tier(emp["inpatient"], "level1")["rate"]["by_employment"]
    for column in ("in_service", "retired"):
        assert [(v(b["up_to"]), v(b["rate"]))
                for b in pharmacy["rate"]["by_employment"][column]["bands"]] == \
            [(v(b["up_to"]), v(b["rate"])) for b in level1[column]["bands"]]
    # The text states no pharmacy deductible: recorded as left to the insurance office.
    assert "deferred_to" in pharmacy["deductible"]
    assert [t["id"] for t in res["special_drugs"]["tiers"]] == ["designated_hospitals"]


def test_附件1_二_large_supplementary(emp: dict[str, Any]) -> None:
    """附件1 二（三）: eligible cost above 12万: to 22万 at 90%, 22万–32万 at 95%;
    二（二）: 12+12 yuan a month, 24 for flexible or unemployed."""
    (group,) = emp["supplementary"]["groups"]
    bands = group["bands"]
    assert bands["measured_on"] == "eligible_cost"
    assert [(v(b["up_to"]), v(b["rate"])) for b in bands["bands"]] == [
        (120000, 0), (220000, D("0.90")), (320000, D("0.95"))]
    assert bands["bands"][0]["rate"]["reading"]["zh"]
    assert v(group["threshold"]) == 120000
    # 32万 ends the covered cost range; no separate payment cap is stated.
    assert group["annual_cap"]["unlimited"] is True
    who = fact(emp["supplementary"]["notes"], "who_pays")["figures"]
    assert (v(who["employee_monthly"]), v(who["employer_monthly"]),
            v(who["flexible_or_unemployed_monthly"])) == (12, 12, 24)


def test_附件1_三_employee_major_illness(emp: dict[str, Any]) -> None:
    """附件1 三（三）: self-pay above 2万: to 5万 60%, to 10万 65%, to 70万 70%; cap 70万."""
    (group,) = emp["major_illness"]["groups"]
    assert group["members"] == [] and v(group["threshold"]) == 20000
    assert group["bands"]["measured_on"] == "self_pay"
    assert [(v(b["up_to"]), v(b["rate"])) for b in group["bands"]["bands"]] == [
        (50000, D("0.60")), (100000, D("0.65")), (700000, D("0.70"))]
    assert v(group["annual_cap"]) == 700000


def test_附件1_五_civil_servant_subsidy_and_retired_cadres(emp: dict[str, Any]) -> None:
    """附件1 五（一）: employer 3%, 1.5% to the account, 90% above 1% of the yearly wage;
    五（二）: 离休 outpatient 5000元/月, revolving funds 10000/8000/6000元."""
    cs = emp["civil_servant_subsidy"]["figures"]
    assert (v(cs["employer_rate"]), v(cs["to_personal_account"]),
            v(cs["threshold_fraction_of_annual_wage"]), v(cs["rate"])) == \
        (D("0.03"), D("0.015"), D("0.01"), D("0.90"))
    cadres = fact(emp["facts"], "retired_cadres")["figures"]
    assert v(cadres["outpatient_monthly"]) == 5000
    assert (v(cadres["revolving_red_army_anti_japanese"]), v(cadres["revolving_liberation_war"]),
            v(cadres["revolving_state_council_experts"])) == (10000, 8000, 6000)
    assert {"bed_fee_general", "bed_fee_county_cadre", "bed_fee_bureau_cadre"} <= \
        {f["id"] for f in emp["facts"]}


@pytest.mark.parametrize("scheme,section", [("employee", "附件1 四"), ("resident", "附件2 三")])
def test_医疗救助_categories_and_tilted(doc: dict[str, Any], scheme: str, section: str) -> None:
    """附件1 四 / 附件2 三（二）: cat. 1 0/100%/8万; cat. 2 0/80%/5万 (at-risk the same in the
    transition period); cat. 3 ≈10% of income/60%/5万; cat. 4 ≈25%/60%/5万; shared cap.
    （三）: tilted 2000/70%, 4000/60%, 8000/60% (inpatient), no cap."""
    a = doc["schemes"][scheme]["assistance"]
    cats = a["categories"]
    for cat, (ded, rate, cap) in {"destitute": (0, "1.00", 80000), "dibao": (0, "0.80", 50000),
                                  "at_risk": (0, "0.80", 50000)}.items():
        assert (v(cats[cat]["deductible"]), v(cats[cat]["rate"]),
                v(cats[cat]["annual_cap"])) == (ded, D(rate), cap)
    for cat, share in (("dibao_edge", "0.10"), ("illness_poverty", "0.25")):
        d = cats[cat]["deductible"]
        assert d["fraction_of"] == "per_capita_disposable_income" and v(d) == D(share)
        assert d["reading"]["zh"]
        assert v(cats[cat]["rate"]) == D("0.60") and v(cats[cat]["annual_cap"]) == 50000
    assert cats["at_risk"]["rate"]["reading"]["en"]
    assert a["cap_shared_by_outpatient_and_inpatient"] is True
    assert set(a["members"]) == set(cats)
    tilted = {c: (v(t["deductible"]), v(t["rate"]), t["annual_cap"].get("unlimited"))
              for c, t in a["tilted"].items()}
    assert tilted == {"destitute": (2000, D("0.70"), True), "dibao": (2000, D("0.70"), True),
                      "dibao_edge": (4000, D("0.60"), True), "at_risk": (4000, D("0.60"), True),
                      "illness_poverty": (8000, D("0.60"), True)}
    assert a["cite"] == section


# -- 附件2 residents ---------------------------------------------------------

def test_附件2_一_二_2_resident_inpatient(res: dict[str, Any]) -> None:
    """附件2 一（二）2: 一级200元/90%, 二级400元/80%, 州域内三级600元/60%,
    州域外三级800元/50%."""
    ip = res["inpatient"]
    rows = {t: (v(tier(ip, t)["deductible"]), v(tier(ip, t)["rate"]))
            for t in ("level1", "level2", "level3", "out_of_area_level3")}
    assert rows == {"level1": (200, D("0.90")), "level2": (400, D("0.80")),
                    "level3": (600, D("0.60")), "out_of_area_level3": (800, D("0.50"))}
    assert tier(ip, "out_of_area_level3")["out_of_area"] is True


def test_附件2_一_二_2_and_一_十一_resident_adjustments(res: dict[str, Any]) -> None:
    """附件2 一（二）2: 65岁以上 +5 points; 一（十一）2: not referred −10 inside the
    prefecture, −20 outside; 3（2）: temporary registration −20."""
    adjs = res["inpatient"]["adjustments"]
    age = next(a for a in adjs if a["when"].get("age_at_least"))
    assert age["when"]["age_at_least"] == 65 and v(age["rate_change"]) == D("0.05")
    assert "percentage points" in age["rate_change"]["reading"]["en"]
    inside = next(a for a in adjs if a["when"].get("out_of_area") is False)
    assert inside["when"]["referral"] is False and v(inside["rate_change"]) == D("-0.10")
    outside = next(a for a in adjs if a["when"].get("out_of_area") is True)
    assert outside["when"]["referral"] is False and v(outside["rate_change"]) == D("-0.20")
    assert outside["when"]["out_of_area_registered"] is False


def test_附件2_一_二_3_resident_cap_80000_by_discharge(res: dict[str, Any]) -> None:
    """附件2 一（二）3: 年度封顶限额8万元; 以出院结算时间为准; 入院时人员身份."""
    assert v(res["pools"]["inpatient_year"]["amount"]) == 80000
    assert res["year_decided_by"] == "discharge"
    assert "入院时" in fact(res["inpatient"]["notes"], "status_at_admission")["label"]["zh"]


def test_附件2_一_三_resident_maternity_quotas(res: dict[str, Any]) -> None:
    """附件2 一（三） 城乡居民生育医疗费限额标准: 三级/二级/一级, 剖宫产一级“无”,
    引产/流产 one row, 多胞胎每多一胎+300元."""
    mat = res["maternity"]
    assert mat["method"] == "quota"
    table = {q["delivery"]: {lv: v(f) for lv, f in q["by_level"].items()}
             for q in mat["quotas"]}
    assert table == {
        "vaginal": {"level3": 1200, "level2": 1000, "level1": 800},
        "assisted": {"level3": 1500, "level2": 1200, "level1": 1000},
        "caesarean": {"level3": 2500, "level2": 2200},
        "induced": {"level3": 500, "level2": 300, "level1": 200},
        "abortion": {"level3": 500, "level2": 300, "level1": 200},
    }
    assert v(mat["extra_per_additional_baby"]) == 300
    assert fact(mat["notes"], "caesarean_level1_none")


def test_附件2_一_五_resident_general_outpatient(res: dict[str, Any]) -> None:
    """附件2 一（五）: 村卫生室90%/30元, 乡镇卫生院80%/40元, 县级二级70%/50元; 年度400元."""
    out = res["outpatient"]
    rows = {t["id"]: (v(t["rate"]), v(t["cap_per_visit"])) for t in out["tiers"]}
    assert rows == {"village": (D("0.90"), 30), "township": (D("0.80"), 40),
                    "county": (D("0.70"), 50)}
    assert out["pools"] == ["outpatient_year"]
    assert v(res["pools"]["outpatient_year"]["amount"]) == 400


def test_附件2_一_六_two_diseases(res: dict[str, Any], emp: dict[str, Any]) -> None:
    """附件2 一（六）: primary 70%, county level-2 60%; 高血压200元, 糖尿病400元,
    同时患有可合并计算. Employees: not specified."""
    two = res["two_diseases"]
    assert {t["id"]: v(t["rate"]) for t in two["tiers"]} == \
        {"primary": D("0.70"), "county": D("0.60")}
    assert {k: v(f) for k, f in two["annual_caps"].items()} == \
        {"hypertension": 200, "diabetes": 400}
    assert "合并" in two["caps_combined"]["label"]["zh"]
    assert emp["two_diseases"] is None and "two_diseases" in emp["not_specified"]


def test_附件2_二_三_resident_major_illness(res: dict[str, Any]) -> None:
    """附件2 二（三）: 一般户 12000起, 15万 65%, 30万 70%; 特殊群体 6000起, 70%/75%;
    年度最高支付限额30万元."""
    groups = res["major_illness"]["groups"]
    general = next(g for g in groups if not g["members"])
    special = next(g for g in groups if g["members"])
    assert set(special["members"]) == {"destitute", "dibao", "dibao_edge", "at_risk"}
    for g, threshold, rates in ((general, 12000, ("0.65", "0.70")),
                                (special, 6000, ("0.70", "0.75"))):
        assert v(g["threshold"]) == threshold and g["bands"]["measured_on"] == "self_pay"
        assert [(v(b["up_to"]), v(b["rate"])) for b in g["bands"]["bands"]] == \
            [(150000, D(rates[0])), (300000, D(rates[1]))]
        assert v(g["annual_cap"]) == 300000


def test_附件2_二_四_incentives(res: dict[str, Any]) -> None:
    """附件2 二（四）: +5000元 a year after 4 continuous years; zero claim +5000元;
    together at most 20% of the original cap; −5000元 after a gap."""
    inc = {i["id"]: i["figures"] for i in res["major_illness"]["incentives"]}
    assert set(inc) == {"continuous_years", "zero_claim", "total_limit", "gap_penalty"}
    assert v(inc["continuous_years"]["qualifying_years"]) == 4
    assert v(inc["continuous_years"]["per_year"]) == 5000
    assert v(inc["zero_claim"]["per_year"]) == 5000
    assert v(inc["total_limit"]["fraction_of_original_cap"]) == D("0.20")
    assert v(inc["gap_penalty"]["amount"]) == 5000


def test_附件2_一_一_4_resident_enrollment(res: dict[str, Any]) -> None:
    """附件2 一（一）4（1）: collection 9月1日–12月31日; fixed wait 3 months, +1 per gap
    year, −1 per year repaired, ≥6 months after 4+ years; exempt groups; full price
    after 6月30日; 4（3）: newborns 90 days."""
    en = res["enrollment"]
    assert en["collection_period_start"] == {"month": 9, "day": 1}
    assert en["collection_period_end"] == {"month": 12, "day": 31}
    assert en["full_price_from"] == {"month": 7, "day": 1}
    wp = en["waiting_period"]
    assert [v(wp[k]) for k in ("fixed", "per_gap_year", "repair_per_year_paid",
                               "floor_gap_years", "floor_minimum")] == [3, 1, 1, 4, 6]
    assert len(wp["exempt"]) == 4 and any("新生儿" in e["zh"] for e in wp["exempt"])
    assert v(en["newborn_days"]) == 90
    assert res["contributions"] == [] and "contributions" in res["not_specified"]


def test_附件3_exclusions_both_schemes(emp: dict[str, Any], res: dict[str, Any]) -> None:
    """附件3 一至六: six exclusions, for both schemes."""
    for rules in (emp, res):
        assert [e["cite"] for e in rules["exclusions"]] == \
            [f"附件3 {n}" for n in "一二三四五六"]
    assert "交通事故" in emp["exclusions"][5]["label"]["zh"]


@pytest.mark.parametrize("scheme,annex", [("employee", "附件1"), ("resident", "附件2")])
def test_一_八_family_doctor_packages(doc: dict[str, Any], scheme: str, annex: str) -> None:
    """附件1/附件2 一（八） 签约服务包内容及经费标准表: fee = fund + person + public health."""
    facts = doc["schemes"][scheme]["facts"]
    expected = {"basic_public_health": (10, 0, 0, 10), "basic_medical": (25, 20, 5, 0),
                "elderly_65": (72, 44, 18, 10), "hypertension": (86, 59, 17, 10),
                "diabetes": (101, 66, 25, 10)}
    for pid, row in expected.items():
        f = fact(facts, f"family_doctor_{pid}")
        got = tuple(v(f["figures"][k]) for k in ("fee", "fund_share", "personal_share",
                                                 "public_health_share"))
        assert got == row and got[0] == sum(got[1:])
        assert f["cite"].startswith(f"{annex} 一（八）")
    settle = fact(facts, "family_doctor_settlement")["figures"]
    assert (v(settle["monthly_advance"]), v(settle["held_back"])) == (D("0.70"), D("0.30"))
