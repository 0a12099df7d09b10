"""Layer 1: cost classification — excluded costs, class-B partial self-pay
(先行自付), and the eligible (in-policy) cost left for the fund."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .case import Episode
from .messages import percent
from .money import ZERO, pos, yuan
from .msg import Msg, const, msg
from .rules import Json, Source, family
from .trace import Step


@dataclass
class Classified:
    excluded: Decimal
    class_b_self_pay: Decimal
    eligible: Decimal
    steps: list[Step] = field(default_factory=list)
    notes: list[Msg] = field(default_factory=list)
    reason: Msg | None = None


_CLASS_B: dict[int, tuple[Json, Decimal, Decimal, Decimal, Msg]] = {}


def _class_b(rules: Json) -> tuple[Decimal, Decimal, Decimal, Msg]:
    """The class-B shares (drugs, services, consumables) and their step's message,
    worked out once per rule family (kept with it, so its identity stays its own)."""
    found = _CLASS_B.get(id(rules))
    if found is None or found[0] is not rules:
        drugs, services, consumables = (rules[f"class_b_{k}"]["value"]
                                        for k in ("drugs", "services", "consumables"))
        label = msg("step.class_b", drugs=percent(drugs), services=percent(services),
                    consumables=percent(consumables))
        found = _CLASS_B[id(rules)] = (rules, drugs, services, consumables, label)
    return found[1], found[2], found[3], found[4]


_TOTAL = const("step.total")
_EXCLUDED = const("step.excluded")
_ELIGIBLE = const("step.eligible")


def classify(ep: Episode, current: list[Source]) -> Classified:
    """Split the bill: total − excluded − class-B self-pay = eligible."""
    cost = ep.cost
    steps = [Step("total", _TOTAL, cost.total), Step("excluded", _EXCLUDED, cost.excluded)]
    notes: list[Msg] = []
    found = family(current, "cost_sharing")
    class_b = ZERO
    reason = None
    has_class_b = cost.class_b_drugs or cost.class_b_services or cost.class_b_consumables
    if found is not None and "deferred_to" not in found[1]:
        source, rules = found
        drugs, services, consumables, label = _class_b(rules)
        class_b = yuan(cost.class_b_drugs * drugs + cost.class_b_services * services
                       + cost.class_b_consumables * consumables)
        steps.append(Step("class_b_self_pay", label, class_b, source.doc_id, source.title,
                          rules["cite"]))
        exempt = rules.get("consumable_exempt_up_to")
        if exempt and cost.class_b_consumables:
            notes.append(msg("note.class_b_consumables_exempt",
                                       limit=f"{Decimal(exempt['value']):f}"))
    elif has_class_b:
        what = {"zh": "乙类先行自付", "ug": "B تۈرىنىڭ ئالدىن ئۆزى تۆلەيدىغان قىسمى",
                "en": "Class-B partial self-pay"}
        if found is not None:
            reason = msg("reason.deferred", what=what,
                                   authority=found[1]["deferred_to"])
        else:
            reason = msg("reason.no_family", what=what)
    eligible = pos(cost.total - cost.excluded - class_b)
    steps.append(Step("eligible", _ELIGIBLE, eligible))
    return Classified(cost.excluded, class_b, eligible, steps, notes, reason)
