"""Whole years drawn from everything the form can produce (describe_form()): every
region, scheme, kind, facility, disease, condition, delivery, person field and
several episodes across a year boundary. Invariants that hold for every case:

- no exception but CaseError;
- money is conserved per episode: what the person pays plus every layer is the bill;
- no layer pays more than its highest rate of what is left for it, so no episode is
  free unless some rate is 100% (the check that catches a supplementary layer paying
  100% of a stay, Kizilsu 附件1 二（三）);
- a referral never lowers the basic payment nor the year's total payment;
- adding a later episode never changes an earlier one, and the order of the input
  list does not matter;
- yearly caps hold over the year (pools, assistance limits);
- a total is null if and only if one of its episodes is null: unknown is never 0.00.
"""

from __future__ import annotations

import datetime as dt
import os
import random
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from estimator import CaseError, describe_form, estimate, render
from estimator.rules import sources

FORM = describe_form()["regions"]
SCOPES = [(r, s) for r, schemes in FORM.items() for s in schemes]
LAYERS = ("basic", "supplementary", "major_illness", "assistance")
ONE = Decimal(1)


def _span(info: dict[str, Any]) -> tuple[dt.date, dt.date]:
    start = max(dt.date.fromisoformat(d["effective"]) for d in info["documents"])
    ends = [dt.date.fromisoformat(d["expires"]) for d in info["documents"] if d["expires"]]
    return start, min(ends) if ends else start + dt.timedelta(days=5 * 365)


def _money(draw: st.DrawFn, top: int) -> str:
    return str(draw(st.sampled_from([0, 1, 50, 299, 300, 301, 1000, 5000, 20000, 100000,
                                     120000, 200000, 320000])) if draw(st.booleans())
               else draw(st.integers(0, top)))


@st.composite
def episodes_for(draw: st.DrawFn, info: dict[str, Any], day: dt.date) -> dict[str, Any]:
    kinds = [k for k, v in info["kinds"].items() if v["status"] == "ok"] or list(info["kinds"])
    kind = draw(st.sampled_from(kinds))
    facilities = info["kinds"][kind].get("facilities") or ["level1"]
    total = int(_money(draw, 400000))
    excluded = draw(st.integers(0, total // 2))
    class_b = draw(st.integers(0, (total - excluded) // 2))
    ep: dict[str, Any] = {
        "kind": kind, "date": day.isoformat(),
        "facility": draw(st.sampled_from(facilities)),
        "out_of_area": draw(st.booleans()),
        "out_of_area_registered": draw(st.booleans()),
        "referral": draw(st.booleans()),
        "cost": {"total": str(total), "excluded": str(excluded),
                 "class_b_drugs": str(class_b)},
    }
    if draw(st.booleans()):
        ep["discharge_date"] = (day + dt.timedelta(days=draw(st.integers(0, 40)))).isoformat()
    if kind == "chronic" and info["diseases"]:
        ep["disease"] = draw(st.sampled_from([d["id"] for d in info["diseases"]]))
    if kind == "two_diseases":
        ep["condition"] = draw(st.sampled_from(info["conditions"] or ["diabetes"]))
        ep["both_conditions"] = draw(st.booleans())
    if kind == "maternity":
        ep["delivery"] = draw(st.sampled_from(info["deliveries"] or ["vaginal"]))
        ep["babies"] = draw(st.integers(1, 3))
    if kind == "tuberculosis":
        ep["setting"] = draw(st.sampled_from(["outpatient", "inpatient"]))
    return ep


@st.composite
def years(draw: st.DrawFn) -> dict[str, Any]:
    region, scheme = draw(st.sampled_from(SCOPES))
    info = FORM[region][scheme]
    start, end = _span(info)
    # A year boundary inside the documents' span, episodes around it.
    boundary = dt.date(draw(st.integers(start.year + 1, end.year)), 1, 1)
    days = []
    for _ in range(draw(st.integers(1, 6))):
        day = boundary + dt.timedelta(days=draw(st.integers(-200, 200)))
        days.append(min(max(day, start), end - dt.timedelta(days=41)))
    person: dict[str, Any] = {
        "age": draw(st.integers(0, 100)),
        "assistance_category": draw(st.sampled_from(
            ["none", "destitute", "dibao", "dibao_edge", "at_risk", "illness_poverty"])),
        "continuous_years": draw(st.integers(0, 20)),
        "zero_claim_last_year": draw(st.booleans()),
        "rejoined_after_gap": draw(st.booleans()),
    }
    if info["employment"]:
        person["employment"] = draw(st.sampled_from(["in_service", "retired", "flexible",
                                                     "unemployed"]))
    if info["civil_servant"]:
        person["civil_servant"] = draw(st.booleans())
        if draw(st.booleans()):
            person["annual_salary"] = str(draw(st.integers(0, 400000)))
    if info.get("flexible_since") and draw(st.booleans()):
        person["flexible_since"] = (boundary - dt.timedelta(
            days=draw(st.integers(0, 1000)))).isoformat()
    case: dict[str, Any] = {"region": region, "scheme": scheme, "person": person,
                            "episodes": [draw(episodes_for(info, d)) for d in days]}
    if draw(st.booleans()):
        case["parameters"] = {"per_capita_disposable_income":
                              str(draw(st.integers(5000, 60000)))}
    return case


def _run(case: dict[str, Any]) -> dict[str, Any] | None:
    try:
        return render(estimate(case), "all")
    except CaseError:
        return None


def _d(value: str | None) -> Decimal:
    return Decimal(value) if value is not None else Decimal(0)


def _rates(obj: Any, found: list[Decimal]) -> None:
    if isinstance(obj, dict):
        if obj.get("unit") == "rate" and isinstance(obj.get("value"), Decimal):
            found.append(obj["value"])
        for v in obj.values():
            _rates(v, found)
    elif isinstance(obj, list):
        for v in obj:
            _rates(v, found)


def _max_rate(region: str, scheme: str, names: tuple[str, ...]) -> Decimal:
    """The highest rate any figure of these families can reach, adjustments included."""
    top = Decimal(0)
    for source in sources(region, scheme):
        for name in names:
            found: list[Decimal] = []
            _rates(source.rules.get(name), found)
            raise_ = sum((a["rate_change"]["value"] for a in
                          (source.rules.get(name) or {}).get("adjustments") or []
                          if a["rate_change"]["value"] > 0), Decimal(0))
            top = max([top, *[min(ONE, r + raise_) for r in found]])
    return top


BASIC_FAMILIES = ("inpatient", "outpatient", "chronic", "two_diseases", "maternity",
                  "day_surgery", "tuberculosis", "special_drugs")


def _layer_limits(region: str, scheme: str) -> dict[str, Decimal]:
    supp = _max_rate(region, scheme, ("supplementary", "civil_servant_subsidy"))
    regular = _max_rate(region, scheme, ("assistance",))
    return {"basic": _max_rate(region, scheme, BASIC_FAMILIES),
            # the large supplementary insurance, then the civil-servant subsidy on the rest
            "supplementary": ONE - (ONE - supp) * (ONE - supp),
            "major_illness": _max_rate(region, scheme, ("major_illness",)),
            # regular assistance, then tilted assistance on what is left
            "assistance": ONE - (ONE - regular) * (ONE - regular)}


# The defects a hand check found (issue 9), kept as explicit examples.
TWO_BIG_STAYS = {  # Kizilsu 附件1 一（二）, 二（三）: the second stay came out free
    "region": "kizilsu", "scheme": "employee", "person": {"age": 40, "employment": "in_service"},
    "episodes": [{"kind": "inpatient", "date": d, "facility": "level3", "referral": True,
                  "cost": {"total": "100000"}} for d in ("2026-02-01", "2026-07-01")]}
BOTH_CONDITIONS = {  # Kizilsu 附件2 一（六）: combined caps crashed
    "region": "kizilsu", "scheme": "resident", "person": {"age": 60},
    "episodes": [{"kind": "two_diseases", "condition": "diabetes", "both_conditions": True,
                  "date": "2026-03-01", "facility": "township", "cost": {"total": "900"}}]}

# YEARS_EXAMPLES=5000 for a long hunt; the quick tier runs 200 a property.
SETTINGS = settings(max_examples=int(os.environ.get("YEARS_EXAMPLES", "200")), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@SETTINGS
@given(years())
@example(TWO_BIG_STAYS)
@example(BOTH_CONDITIONS)
def test_money_is_conserved_and_no_layer_pays_above_its_highest_rate(case: dict[str, Any]) -> None:
    """Per episode: cost = out of pocket + layers; each layer at most its top rate of
    what the earlier layers left of the eligible cost (Kizilsu 附件1 二（三）: 90%/95%)."""
    r = _run(case)
    if r is None:
        return
    limits = _layer_limits(case["region"], case["scheme"])
    for e in r["episodes"]:
        paid = sum((_d(e[k]) for k in LAYERS), Decimal(0))
        if e["out_of_pocket"] is None:  # nothing computable (figures left to others)
            assert e["basic"] is None and not e["computable"]
            continue
        assert _d(e["out_of_pocket"]) + paid == _d(e["cost"]), e["index"]
        assert _d(e["out_of_pocket"]) >= 0
        left = _d(e["eligible"])
        for layer in LAYERS:
            amount = _d(e[layer])
            assert amount >= 0
            assert amount <= limits[layer] * left + Decimal("0.01"), (layer, amount, left)
            left -= amount
        if e["basic"] is not None and _d(e["eligible"]) > _d(e["deductible"]) \
                and e["out_of_pocket"] == "0.00":
            assert ONE in limits.values(), "a free stay needs a 100% rate somewhere"


@SETTINGS
@given(years())
def test_a_total_is_null_exactly_when_one_of_its_episodes_is_null(case: dict[str, Any]) -> None:
    r = _run(case)
    if r is None:
        return
    for key in ("cost", *LAYERS, "out_of_pocket"):
        assert (r["totals"][key] is None) == any(e[key] is None for e in r["episodes"]), key


@SETTINGS
@given(years(), st.integers(0, 5))
def test_a_referral_never_lowers_the_basic_payment_or_the_year_total(case: dict[str, Any],
                                                                     pick: int) -> None:
    """Hotan 第二十四条（四）5, Kizilsu 附件1 一（十）2, 附件2 一（十一）2: no referral only cuts.
    Later layers may pay less when basic pays more, but never the year as a whole."""
    i = pick % len(case["episodes"])
    without = {**case, "episodes": [dict(e) for e in case["episodes"]]}
    without["episodes"][i]["referral"] = False
    referred = {**case, "episodes": [dict(e) for e in case["episodes"]]}
    referred["episodes"][i]["referral"] = True
    a, b = _run(without), _run(referred)
    if a is None or b is None or not (a["computable"] and b["computable"]):
        return
    same_day = [e for e in case["episodes"] if e["date"] == case["episodes"][i]["date"]]
    if len(same_day) == 1:  # same-day episodes may swap places under a shared cap
        assert _d(b["episodes"][i]["basic"]) >= _d(a["episodes"][i]["basic"])
    tolerance = Decimal("0.01") * len(case["episodes"])
    total_a = sum((_d(a["totals"][k]) for k in LAYERS), Decimal(0))
    total_b = sum((_d(b["totals"][k]) for k in LAYERS), Decimal(0))
    assert total_b + tolerance >= total_a


def _strip(e: dict[str, Any]) -> str:
    return repr(sorted((k, repr(v)) for k, v in e.items() if k != "index"))


@SETTINGS
@given(years(), st.randoms(use_true_random=False))
def test_the_order_of_the_input_list_does_not_matter(case: dict[str, Any],
                                                     rnd: random.Random) -> None:
    r = _run(case)
    if r is None:
        return
    shuffled = {**case, "episodes": list(case["episodes"])}
    rnd.shuffle(shuffled["episodes"])
    s = _run(shuffled)
    assert s is not None
    assert s["totals"] == r["totals"]
    assert sorted(map(_strip, s["episodes"])) == sorted(map(_strip, r["episodes"]))


@SETTINGS
@given(years())
def test_adding_a_later_episode_never_changes_an_earlier_one(case: dict[str, Any]) -> None:
    r = _run(case)
    if r is None:
        return
    last = max(dt.date.fromisoformat(e["date"]) for e in case["episodes"])
    extra = dict(case["episodes"][0])
    extra["date"] = (last + dt.timedelta(days=1)).isoformat()
    extra.pop("discharge_date", None)
    longer = _run({**case, "episodes": [*case["episodes"], extra]})
    if longer is None:  # the later day may fall outside the documents
        return
    for before, after in zip(r["episodes"], longer["episodes"], strict=False):
        assert before == after


@SETTINGS
@given(years())
def test_yearly_caps_hold_over_the_year(case: dict[str, Any]) -> None:
    """Payment pools (Hotan 第二十七条 80,000; Kizilsu 附件2 一（二）3 80,000) and the
    assistance limits for stays (和田医疗救助意见 二（五）, Kizilsu 附件1 四（二）, 附件2 三（二）);
    tilted assistance is outside the limit."""
    r = _run(case)
    if r is None:
        return
    region, scheme = case["region"], case["scheme"]
    for source in sources(region, scheme):
        for name, pool in (source.rules.get("pools") or {}).items():
            if pool.get("measured_on", "payment") != "payment" or "value" not in pool["amount"]:
                continue
            kinds = {k for k in BASIC_FAMILIES
                     if name in ((source.rules.get(k) or {}).get("pools") or [])}
            if "inpatient" in kinds and \
                    (source.rules.get("maternity") or {}).get("method") == "as_inpatient":
                kinds.add("maternity")
            by_year: dict[int, Decimal] = {}
            for e in r["episodes"]:
                if e["kind"] in kinds:
                    by_year[e["benefit_year"]] = by_year.get(e["benefit_year"], Decimal(0)) \
                        + _d(e["basic"])
            assert all(v <= pool["amount"]["value"] for v in by_year.values()), name
        terms = ((source.rules.get("assistance") or {}).get("categories") or {}).get(
            case["person"]["assistance_category"])
        cap = (terms or {}).get("annual_cap") or {}
        if isinstance(cap.get("value"), Decimal):
            by_year = {}
            for e in r["episodes"]:
                for step in e["steps"]:
                    # chronic outpatient assistance (和田意见 二（四）) has its own limit
                    if step["key"] == "assistance" and \
                            step["citation"]["article"] == terms["rate"].get("cite"):
                        by_year[e["benefit_year"]] = by_year.get(e["benefit_year"], Decimal(0)) \
                            + _d(step["amount"])
            assert all(v <= cap["value"] for v in by_year.values())
