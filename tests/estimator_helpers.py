"""Small builders for estimator test cases."""

from __future__ import annotations

from decimal import Decimal
from typing import Any


def case(region: str, scheme: str = "resident", *episodes: dict[str, Any],
         **person: Any) -> dict[str, Any]:
    return {"region": region, "scheme": scheme,
            "person": {"age": 40, **person}, "episodes": list(episodes)}


def ep(kind: str, total: str | int, date: str = "2026-03-01", facility: str = "township",
       **extra: Any) -> dict[str, Any]:
    cost = {"total": str(total)}
    for part in ("excluded", "class_b_drugs", "class_b_services", "class_b_consumables"):
        if part in extra:
            cost[part] = str(extra.pop(part))
    return {"kind": kind, "date": date, "facility": facility, "cost": cost, **extra}


def money(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def step(result: dict[str, Any], key: str, episode: int = 0) -> dict[str, Any]:
    steps = [s for s in result["episodes"][episode]["steps"] if s["key"] == key]
    assert steps, f"no step {key!r} in {[s['key'] for s in result['episodes'][episode]['steps']]}"
    return steps[0]
