"""When do a resident's benefits start after paying? (collection period,
waiting periods, gaps and their repair by back-payment, newborns, exempt
groups) — from the region's enrollment rules in the bundle.

    coverage_start({"region": "hotan", "benefit_year": 2026, "paid_on": "2026-03-10",
                    "gap_years": 2, "years_repaired": 0, "exempt": false,
                    "birth_date": null})
"""

from __future__ import annotations

import calendar
import datetime as dt
from decimal import Decimal
from typing import Any

from . import messages
from .case import _bool, _choice, _date, _int, _mapping, _unknown_keys
from .errors import CaseError
from .labels import WHAT_LABEL
from .messages import Text
from .rules import Json, regions, sources

KEYS = ("region", "benefit_year", "paid_on", "gap_years", "years_repaired", "exempt",
        "birth_date")

def _duration(n: int, unit: str) -> Text:
    return messages.text(f"unit.{unit}", n=n)


def _fill(key: str, **params: Any) -> Text:
    return messages.text(f"waiting.{key}", **params)


def _add(day: dt.date, n: int, unit: str) -> dt.date:
    if unit == "days":
        return day + dt.timedelta(days=n)
    month = day.month - 1 + n
    year = day.year + month // 12
    month = month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _enrollment(region: str) -> tuple[Json, Json]:
    for source in sources(region, "resident"):
        rules = source.rules.get("enrollment")
        if rules:
            return rules, {"document": source.doc_id, "title": source.title}
    raise CaseError("region", f"no document in this guide sets enrollment rules for {region}")


def _int_of(figure: Json) -> int:
    return int(Decimal(figure["value"]))


def coverage_start(data: Any) -> dict[str, Any]:
    """The first day of benefits, with the reasons and citations."""
    raw = _mapping(data, "case")
    _unknown_keys(raw, KEYS, "")
    region = _choice(raw, "region", "region", regions())
    year = _int(raw, "benefit_year", "benefit_year", None, 2000, 2100)
    paid_on = _date(raw.get("paid_on"), "paid_on")
    gap = _int(raw, "gap_years", "gap_years", 0, 0, 80)
    repaired = _int(raw, "years_repaired", "years_repaired", 0, 0, 80)
    if repaired > gap:
        raise CaseError("years_repaired", f"{repaired} is more than the {gap} year(s) of gap")
    exempt = _bool(raw, "exempt", "exempt", False)
    birth = raw.get("birth_date")
    birth_date = _date(birth, "birth_date") if birth else None
    rules, source = _enrollment(region)
    steps: list[dict[str, Any]] = []

    def cite(article: str | None) -> dict[str, Any]:
        return {**source, "article": article}

    notes: list[Text] = []
    full = rules.get("full_price_from")
    if full and paid_on >= dt.date(year, full["month"], full["day"]) and not exempt \
            and birth_date is None:
        notes.append(_fill("full_price", month=full["month"], day=full["day"]))
    newborn = rules.get("newborn_days")
    if birth_date is not None and newborn and "value" in newborn:
        if paid_on < birth_date:
            raise CaseError("paid_on", "is before the birth date")
        if (paid_on - birth_date).days <= _int_of(newborn):
            steps.append({"label": _fill("newborn"), "citation": cite(newborn["cite"])})
            return {"start": birth_date.isoformat(), "waiting": None, "steps": steps,
                    "notes": notes}
    start_c = rules.get("collection_period_start")
    end_c = rules.get("collection_period_end")
    in_collection = bool(start_c and end_c and
                         dt.date(year - 1, start_c["month"], start_c["day"]) <= paid_on
                         <= dt.date(year - 1, end_c["month"], end_c["day"]))
    if in_collection and gap == 0:
        steps.append({"label": _fill("collection"),
                      "citation": cite(rules.get("collection_cite"))})
        return {"start": dt.date(year, 1, 1).isoformat(), "waiting": None, "steps": steps,
                "notes": notes}
    waiting = rules.get("waiting_period")
    if exempt:
        steps.append({"label": _fill("exempt"), "citation": cite((waiting or {}).get("cite"))})
        return {"start": max(paid_on, dt.date(year, 1, 1)).isoformat(), "waiting": None,
                "steps": steps, "notes": notes}
    if not waiting or "fixed" not in waiting:
        why = (waiting or {}).get("deferred_to") or WHAT_LABEL["no_waiting_period"]
        return {"start": None, "waiting": None, "computable": False,
                "reason": messages.text("reason.deferred", what=WHAT_LABEL["waiting_period"],
                                        authority=why), "steps": steps, "notes": notes}
    unit = waiting["fixed"]["unit"]
    fixed = _int_of(waiting["fixed"])
    per_gap = _int_of(waiting["per_gap_year"])
    repair = _int_of(waiting["repair_per_year_paid"])
    # Our reading: the first year of gap carries the fixed period only; each
    # further year adds the variable period ("每多断保1年").
    variable = max(0, (gap - 1) * per_gap - repaired * repair) if gap else 0
    total = fixed + variable
    steps.append({"label": _fill("waiting", fixed=_duration(fixed, unit),
                                 variable=_duration(variable, unit), gap=gap,
                                 repaired=repaired, total=_duration(total, unit)),
                  "citation": cite(waiting["cite"])})
    floor_years = _int_of(waiting["floor_gap_years"])
    floor = _int_of(waiting["floor_minimum"])
    if gap >= floor_years and total < floor:
        total = floor
        steps.append({"label": _fill("floor", years=floor_years,
                                     minimum=_duration(floor, unit)),
                      "citation": cite(waiting["floor_minimum"]["cite"])})
    start = max(_add(paid_on, total, unit), dt.date(year, 1, 1))
    return {"start": start.isoformat(), "waiting": {"length": total, "unit": unit},
            "steps": steps, "notes": notes}
