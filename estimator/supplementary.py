"""Layer 3: employee large supplementary insurance (大额补充医疗保险) and the
civil-servant medical subsidy, on the year's accumulated eligible cost."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from . import messages
from .bands import increment
from .money import ZERO, yuan
from .rules import Source, family
from .trace import Step, YearState


@dataclass
class Supplementary:
    payment: Decimal = ZERO
    steps: list[Step] = field(default_factory=list)


def supplementary_layer(current: list[Source], state: YearState, eligible: Decimal,
                        self_pay: Decimal, basic_counts: bool) -> Supplementary:
    """Kizilsu annex 1 二（三）: the banded part of the year's eligible cost, never more
    than what the basic fund left to the person in this episode."""
    found = family(current, "supplementary")
    if found is None or not basic_counts:
        return Supplementary()
    source, rules = found
    group = rules["groups"][0]
    before = state.supplementary_base
    after = before + eligible
    state.supplementary_base = after
    pay = min(increment(before, after, group["bands"], ZERO), self_pay)
    cap = group.get("annual_cap") or {}
    if "value" in cap:
        pay = min(pay, max(ZERO, cap["value"] - state.used["supplementary"]))
    pay = yuan(pay)
    state.used["supplementary"] += pay
    if pay == ZERO:
        return Supplementary()
    step = Step("supplementary", messages.text("step.supplementary"), pay, source.doc_id,
                source.title, rules["cite"], group["bands"].get("reading"))
    return Supplementary(pay, [step])
