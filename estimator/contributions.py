"""What an employee (or a flexible worker, or the unemployment fund) pays each
month for basic and large supplementary insurance, from the contribution
rules in the bundle.

    employee_contribution({"region": "kizilsu", "employment": "in_service",
                           "monthly_base": "6000"})
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from .case import EMPLOYMENTS, _choice, _mapping, _unknown_keys, money
from .errors import CaseError
from .money import ZERO, text
from .rules import Json, regions, sources

KEYS = ("region", "employment", "monthly_base")


def _rule(region: str, employment: str) -> tuple[Json, dict[str, Any]]:
    for source in sources(region, "employee"):
        for rule in source.rules.get("contributions") or []:
            if employment in rule.get("employment", []):
                return rule, {"document": source.doc_id, "title": source.title}
    raise CaseError("employment", f"no document in this guide sets contributions for "
                                  f"{employment} employees in {region}")


def _figure(rule: Json, key: str) -> tuple[Decimal, str | None]:
    fig = rule.get(key)
    if not fig or "value" not in fig:
        return ZERO, None
    return Decimal(fig["value"]), fig["cite"]


def employee_contribution(data: Any) -> dict[str, Any]:
    raw = _mapping(data, "case")
    _unknown_keys(raw, KEYS, "")
    region = _choice(raw, "region", "region", regions())
    employment = _choice(raw, "employment", "employment", EMPLOYMENTS, "in_service")
    if "monthly_base" not in raw:
        raise CaseError("monthly_base", "is required: the monthly contribution base in yuan "
                                        "(your wage, or the base the rules set)")
    base = money(raw["monthly_base"], "monthly_base")
    rule, source = _rule(region, employment)
    employer_rate, employer_cite = _figure(rule, "employer_rate")
    person_rate, person_cite = _figure(rule, "employee_rate")
    supp_employer, supp_employer_cite = _figure(rule, "supplementary_monthly_employer")
    supp_person, supp_person_cite = _figure(rule, "supplementary_monthly_person")
    lines = [
        ("employer_basic", base * employer_rate, employer_cite),
        ("person_basic", base * person_rate, person_cite),
        ("employer_supplementary", supp_employer, supp_employer_cite),
        ("person_supplementary", supp_person, supp_person_cite),
    ]
    return {
        "region": region,
        "employment": employment,
        "monthly_base": text(base),
        "base_rule": rule["base"]["label"],
        "lines": [{"key": key, "amount": text(amount),
                   "citation": {**source, "article": cite} if cite else None}
                  for key, amount, cite in lines],
        "monthly_total": text(sum((amount for _, amount, _ in lines), ZERO)),
        "person_monthly_total": text(base * person_rate + supp_person),
    }
