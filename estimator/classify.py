"""Layer 1: cost classification — excluded costs, class-B partial self-pay
(先行自付), and the eligible (in-policy) cost left for the fund."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from .case import Episode
from .labels import WHAT_LABEL
from .messages import percent
from .money import ZERO, pos, yuan
from .msg import Msg, const, msg
from .rules import Source, family, remembered
from .trace import Citation, EpisodeResult, Frame, Step, cited, frame


class Sharing:
    """The class-B rules in force, compiled once per documents in force: the shares
    (drugs, services, consumables), the step's message and citation, the note on
    exempt consumables; or, when they cannot be used, why."""

    __slots__ = ("source", "cite", "citation", "drugs", "services", "consumables", "label",
                 "frame", "exempt", "reason")

    def __init__(self) -> None:
        self.source: Source | None = None
        self.cite: str | None = None
        self.citation: Citation | None = None
        self.drugs = self.services = self.consumables = ZERO
        self.label: Msg | None = None
        self.frame: Frame | None = None
        self.exempt: Msg | None = None
        # Why class-B amounts cannot be split (None with no source: nothing to split).
        self.reason: Msg | None = None


_WHAT = WHAT_LABEL["class_b_self_pay"]


def _compile(current: list[Source]) -> Sharing:
    plan = Sharing()
    found = family(current, "cost_sharing")
    if found is None:
        plan.reason = msg("reason.no_family", what=_WHAT)
        return plan
    source, rules = found
    if "deferred_to" in rules:
        plan.reason = msg("reason.deferred", what=_WHAT, authority=rules["deferred_to"])
        return plan
    plan.source = source
    plan.cite = rules["cite"]
    plan.citation = cited(source.doc_id, source.title, plan.cite)
    plan.drugs, plan.services, plan.consumables = (
        rules[f"class_b_{k}"]["value"] for k in ("drugs", "services", "consumables"))
    plan.label = msg("step.class_b", drugs=percent(plan.drugs),
                     services=percent(plan.services), consumables=percent(plan.consumables))
    plan.frame = frame("class_b_self_pay", plan.label, plan.citation)
    exempt = rules.get("consumable_exempt_up_to")
    if exempt:
        plan.exempt = msg("note.class_b_consumables_exempt",
                          limit=f"{Decimal(exempt['value']):f}")
    return plan


_PLANS: dict[tuple[Any, ...], tuple[list[Source], Any]] = {}


def sharing(current: list[Source]) -> Sharing:
    """The class-B rules in force, compiled once per documents in force."""
    plan: Sharing = remembered(_PLANS, current, (), lambda: _compile(current))
    return plan


_TOTAL = frame("total", const("step.total"))
_EXCLUDED = frame("excluded", const("step.excluded"))
_ELIGIBLE = frame("eligible", const("step.eligible"))


def classify(ep: Episode, plan: Sharing, r: EpisodeResult) -> Msg | None:
    """Split the bill: total − excluded − class-B self-pay = eligible, into the
    episode's record; the reason the class-B amounts cannot be split, if so."""
    cost = ep.cost
    steps = r.steps
    steps.append(Step(_TOTAL, cost.total))
    steps.append(Step(_EXCLUDED, cost.excluded))
    class_b = ZERO
    reason = None
    if plan.source is not None:
        class_b = yuan(cost.class_b_drugs * plan.drugs + cost.class_b_services * plan.services
                       + cost.class_b_consumables * plan.consumables)
        assert plan.frame is not None
        steps.append(Step(plan.frame, class_b))
        if plan.exempt is not None and cost.class_b_consumables:
            r.notes.append(plan.exempt)
    elif cost.class_b_drugs or cost.class_b_services or cost.class_b_consumables:
        reason = plan.reason
    eligible = pos(cost.total - cost.excluded - class_b)
    steps.append(Step(_ELIGIBLE, eligible))
    r.excluded = cost.excluded
    r.class_b_self_pay = class_b
    r.eligible = eligible
    return reason
