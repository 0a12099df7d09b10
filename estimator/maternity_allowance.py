"""The employee maternity allowance (生育津贴): days of leave by delivery type
(plus days for each additional baby) × the employer's average monthly wage of
last year ÷ 30 — from the maternity facts in the bundle.

    maternity_allowance({"region": "kizilsu", "delivery": "caesarean", "babies": 1,
                         "employment": "in_service", "employer_average_monthly_wage": "6000"})
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from .case import DELIVERIES, EMPLOYMENTS, _choice, _int, _mapping, _unknown_keys, money
from .errors import CaseError
from .money import text
from .rules import Json, regions, sources

KEYS = ("region", "delivery", "babies", "employment", "employer_average_monthly_wage")
FACT_ID = "maternity_allowance"
# Employment statuses the allowance is not paid to (附件1 一（三）2: flexible workers
# are covered for maternity care but get no allowance).
NO_ALLOWANCE = ("flexible",)


def _fact(region: str) -> tuple[Json, dict[str, Any]]:
    for source in sources(region, "employee"):
        maternity = source.rules.get("maternity") or {}
        for fact in maternity.get("notes") or []:
            if fact["id"] == FACT_ID:
                return fact, {"document": source.doc_id, "title": source.title}
    raise CaseError("region", f"no document in this guide sets a maternity allowance for "
                              f"employees in {region}")


def maternity_allowance(data: Any) -> dict[str, Any]:
    raw = _mapping(data, "case")
    _unknown_keys(raw, KEYS, "")
    region = _choice(raw, "region", "region", regions())
    delivery = _choice(raw, "delivery", "delivery", DELIVERIES)
    babies = _int(raw, "babies", "babies", 1, 1, 9)
    employment = _choice(raw, "employment", "employment", EMPLOYMENTS, "in_service")
    if "employer_average_monthly_wage" not in raw:
        raise CaseError("employer_average_monthly_wage",
                        "is required: your employer's average monthly wage last year, in yuan")
    wage = money(raw["employer_average_monthly_wage"], "employer_average_monthly_wage")
    fact, source = _fact(region)
    citation = {**source, "article": fact["cite"]}
    if employment in NO_ALLOWANCE:
        return {"amount": text(Decimal(0)), "days": 0, "eligible": False,
                "explanation": fact["text"], "citation": citation}
    figures = fact["figures"]
    days_fig = figures.get(f"{delivery}_days")
    if days_fig is None:
        raise CaseError("delivery", f"the document gives no leave days for {delivery!r} "
                                    f"(given: {', '.join(k[:-5] for k in figures if k.endswith('_days') and k not in ('extra_baby_days', 'daily_divisor'))})")
    days = Decimal(days_fig["value"]) + Decimal(figures["extra_baby_days"]["value"]) * (babies - 1)
    daily = wage / Decimal(figures["daily_divisor"]["value"])
    return {"amount": text(daily * days), "days": int(days), "daily": text(daily),
            "eligible": True, "explanation": fact["label"], "citation": citation}
