"""Layer 1: cost classification — excluded costs, class-B partial self-pay
(先行自付), and the eligible (in-policy) cost left for the fund."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from . import messages
from .case import Episode
from .messages import Text, percent
from .money import ZERO, pos, yuan
from .rules import Source, family
from .trace import Step


@dataclass
class Classified:
    excluded: Decimal
    class_b_self_pay: Decimal
    eligible: Decimal
    steps: list[Step] = field(default_factory=list)
    notes: list[Text] = field(default_factory=list)
    reason: Text | None = None


def classify(ep: Episode, current: list[Source]) -> Classified:
    """Split the bill: total − excluded − class-B self-pay = eligible."""
    cost = ep.cost
    steps = [Step("total", messages.text("step.total"), cost.total)]
    steps.append(Step("excluded", messages.text("step.excluded"), cost.excluded))
    notes: list[Text] = []
    found = family(current, "cost_sharing")
    class_b = ZERO
    reason = None
    has_class_b = cost.class_b_drugs or cost.class_b_services or cost.class_b_consumables
    if found is not None and "deferred_to" not in found[1]:
        source, rules = found
        rates = {k: rules[f"class_b_{k}"]["value"]
                 for k in ("drugs", "services", "consumables")}
        class_b = (cost.class_b_drugs * rates["drugs"] + cost.class_b_services * rates["services"]
                   + cost.class_b_consumables * rates["consumables"])
        class_b = yuan(class_b)
        steps.append(Step("class_b_self_pay", messages.text(
            "step.class_b", drugs=percent(rates["drugs"]), services=percent(rates["services"]),
            consumables=percent(rates["consumables"])), class_b, source.doc_id, source.title,
            rules["cite"]))
        exempt = rules.get("consumable_exempt_up_to")
        if exempt and cost.class_b_consumables:
            notes.append(messages.text("note.class_b_consumables_exempt",
                                       limit=f"{Decimal(exempt['value']):f}"))
    elif has_class_b:
        what = {"zh": "乙类先行自付", "ug": "B تۈرىنىڭ ئالدىن ئۆزى تۆلەيدىغان قىسمى",
                "en": "Class-B partial self-pay"}
        if found is not None:
            reason = messages.text("reason.deferred", what=what,
                                   authority=found[1]["deferred_to"])
        else:
            reason = messages.text("reason.no_family", what=what)
    eligible = pos(cost.total - cost.excluded - class_b)
    steps.append(Step("eligible", messages.text("step.eligible"), eligible))
    return Classified(cost.excluded, class_b, eligible, steps, notes, reason)
