"""Properties that hold for every case (hypothesis): no negative amounts,
payouts never above the bill, out-of-pocket never negative, more cost never
means less payout, yearly caps hold, the same case gives the same result."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from estimator import describe_form, estimate, render
from estimator.rules import sources

FORM = describe_form()["regions"]
COMPUTABLE = [(region, scheme) for region, schemes in FORM.items()
              for scheme, info in schemes.items()
              if any(k["status"] == "ok" for k in info["kinds"].values())]
MONEY_KEYS = ("basic", "supplementary", "major_illness", "assistance")


@st.composite
def cases(draw: st.DrawFn) -> dict[str, Any]:
    region, scheme = draw(st.sampled_from(COMPUTABLE))
    info = FORM[region][scheme]
    kinds = [k for k, v in info["kinds"].items() if v["status"] == "ok"]
    year = draw(st.sampled_from([2026, 2027]))
    episodes = []
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(kinds))
        facilities = info["kinds"][kind].get("facilities") or ["level1"]
        total = draw(st.integers(0, 400000))
        excluded = draw(st.integers(0, total))
        class_b = draw(st.integers(0, total - excluded))
        episode: dict[str, Any] = {
            "kind": kind,
            "date": f"{year}-{draw(st.integers(1, 12)):02d}-{draw(st.integers(1, 28)):02d}",
            "facility": draw(st.sampled_from(facilities)),
            "out_of_area": draw(st.booleans()),
            "referral": draw(st.booleans()),
            "cost": {"total": str(total), "excluded": str(excluded),
                     "class_b_drugs": str(class_b)},
        }
        if kind == "chronic":
            episode["disease"] = draw(st.sampled_from([d["id"] for d in info["diseases"]]))
        if kind == "two_diseases":
            episode["condition"] = draw(st.sampled_from(info["conditions"] or ["diabetes"]))
        if kind == "maternity":
            episode["delivery"] = draw(st.sampled_from(info["deliveries"] or ["vaginal"]))
            episode["babies"] = draw(st.integers(1, 3))
        episodes.append(episode)
    person = {"age": draw(st.integers(0, 100)),
              "employment": draw(st.sampled_from(["in_service", "retired", "flexible"])),
              "civil_servant": draw(st.booleans()),
              "assistance_category": draw(st.sampled_from(
                  ["none", "destitute", "dibao", "dibao_edge", "at_risk", "illness_poverty"])),
              "continuous_years": draw(st.integers(0, 20))}
    out = {"region": region, "scheme": scheme, "person": person, "episodes": episodes}
    if draw(st.booleans()):
        out["parameters"] = {"per_capita_disposable_income": str(draw(st.integers(5000, 60000)))}
    return out


def _d(value: str | None) -> Decimal:
    return Decimal(value) if value is not None else Decimal(0)


SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(cases())
def test_amounts_are_never_negative_and_payouts_never_exceed_the_bill(c: dict[str, Any]) -> None:
    r = render(estimate(c), "all")
    for e in r["episodes"]:
        paid = sum((_d(e[k]) for k in MONEY_KEYS), Decimal(0))
        for key in ("cost", "excluded", "class_b_self_pay", "eligible", *MONEY_KEYS,
                    "out_of_pocket"):
            assert _d(e[key]) >= 0, (key, e)
        assert paid <= _d(e["cost"])
        if e["basic"] is not None:
            assert _d(e["basic"]) <= _d(e["eligible"])
            assert _d(e["out_of_pocket"]) == _d(e["cost"]) - paid


@SETTINGS
@given(cases())
def test_the_same_case_gives_the_same_result(c: dict[str, Any]) -> None:
    assert render(estimate(c), "all") == render(estimate(c), "all")


@SETTINGS
@given(cases(), st.integers(1, 50000))
def test_raising_one_episode_cost_never_lowers_the_total_payout(c: dict[str, Any],
                                                                extra: int) -> None:
    """Stays of the same day are taken in an order of their own content (so that the
    input order never matters); raising one's cost may then change which comes first
    under a shared yearly limit, so the property is checked for distinct days, and not
    under a limit measured on eligible cost (see below)."""
    days = [e["date"] for e in c["episodes"]]
    if len(set(days)) != len(days):
        return
    # Under a yearly limit measured on eligible cost (Kizilsu 附件1 一（二）, read alike by
    # the second reader) a bill below its stay's deductible still uses up the limit, so a
    # later yuan may move from the basic fund (95%) to the supplementary insurance (90%).
    if any(p.get("measured_on") == "eligible_cost" for s in sources(c["region"], c["scheme"])
           for p in (s.rules.get("pools") or {}).values()):
        return
    before = render(estimate(c), "all")
    raised = {**c, "episodes": [dict(e) for e in c["episodes"]]}
    first = dict(raised["episodes"][0]["cost"])
    first["total"] = str(int(first["total"]) + extra)
    raised["episodes"][0]["cost"] = first
    after = render(estimate(raised), "all")
    total_before = sum((_d(before["totals"][k]) for k in MONEY_KEYS), Decimal(0))
    total_after = sum((_d(after["totals"][k]) for k in MONEY_KEYS), Decimal(0))
    if before["totals"]["basic"] is not None and after["totals"]["basic"] is not None:
        assert _d(after["totals"]["basic"]) >= _d(before["totals"]["basic"])
    if before["computable"] and after["computable"]:
        # Tilted assistance (Kizilsu 附件2 三（三）3) pays on the year's inpatient self-pay
        # left after the regular assistance, whose yearly cap (附件2 三（二）4) is shared
        # with clinic visits. A dearer earlier visit can take part of the assistance
        # deductible, so a capped regular assistance moves from a later clinic visit to
        # a stay, and that stay's remainder falls below the tilted threshold: the total
        # may then fall, by at most what tilted assistance lost (found by hypothesis:
        # +1,512 on a diabetes visit, basic +400.00, tilted −400.03).
        lost = max(_tilted(before) - _tilted(after), Decimal(0))
        assert total_after >= total_before - lost


def _tilted(result: dict[str, Any]) -> Decimal:
    return sum((_d(s.get("amount")) for e in result["episodes"] for s in e["steps"]
                if s["key"] == "tilted_assistance"), Decimal(0))


def _pools(region: str, scheme: str) -> dict[str, tuple[Decimal, set[str]]]:
    """Each yearly cap pool: its amount and the kinds of care that count against it."""
    out: dict[str, tuple[Decimal, set[str]]] = {}
    for source in sources(region, scheme):
        rules = source.rules
        for name, pool in (rules.get("pools") or {}).items():
            if "value" not in pool["amount"]:
                continue
            kinds = {k for k in ("inpatient", "outpatient", "chronic", "day_surgery",
                                 "tuberculosis", "special_drugs", "maternity")
                     if name in ((rules.get(k) or {}).get("pools") or [])}
            maternity = rules.get("maternity") or {}
            if "inpatient" in kinds and maternity.get("method") == "as_inpatient":
                kinds.add("maternity")
            out[name] = (Decimal(pool["amount"]["value"]), kinds)
    return out


@SETTINGS
@given(cases())
def test_yearly_cap_pools_hold(c: dict[str, Any]) -> None:
    r = render(estimate(c), "all")
    for amount, kinds in _pools(c["region"], c["scheme"]).values():
        paid: dict[int, Decimal] = {}
        for e in r["episodes"]:
            if e["kind"] in kinds and e["basic"] is not None:
                paid[e["benefit_year"]] = paid.get(e["benefit_year"], Decimal(0)) + _d(e["basic"])
        for total in paid.values():
            assert total <= amount
