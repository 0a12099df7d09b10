"""Layer 5: medical assistance (医疗救助) for the five assistance groups, on
the in-policy self-pay left after the insurance layers, with a yearly
deductible and cap; then tilted assistance (倾斜救助), which the Kizilsu annexes
give (给予) at a yearly threshold and rate with no cap, outside the assistance
limit. Secondary assistance, granted on application, is a figure the person
"may also apply for", never added to the payment."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from .case import Case, Episode
from .conditions import adjustment_step, facts, rate_change
from .labels import CATEGORY_LABEL, WHAT_LABEL
from .messages import Text, percent
from .money import ZERO, clamp_rate, pos, yuan
from .msg import Msg, const, msg, shape
from .rules import Json, Source, cited_document, family, remembered, resolve
from .trace import Citation, EpisodeResult, Frame, Step, YearState, cited, frame, step

# Kinds of care that are inpatient costs (住院医疗费用), for terms limited to them.
INPATIENT_KINDS = ("inpatient", "day_surgery", "maternity")


def _terms(rules: Json, case: Case, ep: Episode, chronic_outpatient: bool
           ) -> tuple[Json | None, str]:
    category = case.person.assistance_category
    if chronic_outpatient and category in (rules.get("outpatient_chronic") or {}):
        return rules["outpatient_chronic"][category], "assistance:chronic"
    if ep.kind in ("outpatient", "two_diseases") and \
            not rules.get("cap_shared_by_outpatient_and_inpatient"):
        return None, ""
    return (rules.get("categories") or {}).get(category), "assistance"


class AssistancePlan:
    """Medical assistance compiled for one person and kind of episode: the
    category's terms resolved, the rate after the adjustments, the tilted
    assistance's terms, and the steps' messages and citations."""

    __slots__ = ("source", "deferred", "skip", "reason", "key", "base_key", "deductible",
                 "rate", "cap", "frame", "adjustments", "tilted")

    def __init__(self, source: Source) -> None:
        self.source = source
        # The family is left to another authority.
        self.deferred: Msg | None = None
        # The category has no terms for this kind of care: nothing to pay.
        self.skip = False
        # A figure of the terms is deferred or unknown.
        self.reason: Msg | None = None
        # The year's state: what this assistance paid, and the self-pay it counted.
        self.key = ""
        self.base_key = ""
        self.deductible = ZERO
        self.rate = ZERO
        self.cap: Decimal | None = None
        # The step's message, citation and reading.
        self.frame: Frame | None = None
        self.adjustments: list[Step] = []
        self.tilted: Tilted | None = None


class Tilted:
    __slots__ = ("deductible", "rate", "label", "frame")

    def __init__(self, deductible: Decimal, rate: Decimal, category: Text,
                 cite: Citation | None, reading: Any) -> None:
        self.deductible = deductible
        self.rate = rate
        # The step's message, the year's accumulated self-pay left open.
        self.label = shape("step.tilted", category=category, cumulative=None,
                           threshold=f"{deductible:,.2f}", rate=percent(rate))
        self.frame = frame("tilted_assistance", self.label, cite, reading)


def _compile(case: Case, ep: Episode, current: list[Source], chronic_outpatient: bool
             ) -> AssistancePlan | None:
    found = family(current, "assistance")
    if found is None:
        return None
    source, rules = found
    plan = AssistancePlan(source)
    what: Any = rules.get("label") or WHAT_LABEL["assistance"]
    if "deferred_to" in rules:
        plan.deferred = msg("reason.deferred", what=what, authority=rules["deferred_to"])
        return plan
    terms, key = _terms(rules, case, ep, chronic_outpatient)
    if terms is None:
        plan.skip = True
        return plan
    category = case.person.assistance_category
    values = {name: resolve(terms[name], case.region, case.parameters)
              for name in ("deductible", "rate", "annual_cap")}
    for value in values.values():
        if value is not None and value.status in ("deferred", "unknown"):
            reason_key = "reason.unknown_parameter" if value.status == "unknown" \
                else "reason.deferred"
            plan.reason = msg(reason_key, what=terms.get("label") or what,
                              authority=value.figure.get("deferred_to", ""))
            return plan
    deductible = values["deductible"]
    rate = values["rate"]
    assert rate is not None and rate.amount is not None
    plan.key = key
    plan.base_key = f"{key}:base"
    plan.deductible = deductible.amount if deductible and deductible.amount is not None \
        else ZERO
    change, used = rate_change(rules.get("adjustments") or [], case, ep)
    plan.rate = clamp_rate(rate.amount + change)
    cap = values["annual_cap"]
    plan.cap = cap.amount if cap is not None else None
    label = msg("step.assistance", category=CATEGORY_LABEL[category], rate=percent(plan.rate))
    plan.adjustments = [adjustment_step(adj, source) for adj in used]
    plan.frame = frame("assistance", label, cited(*cited_document(terms["rate"], source),
                                                  terms["rate"].get("cite")),
                       terms["rate"].get("reading"))
    plan.tilted = _compile_tilted(case, ep, source, rules)
    return plan


def _compile_tilted(case: Case, ep: Episode, source: Source, rules: Json) -> Tilted | None:
    """Kizilsu annex 1 四（三）, annex 2 三（三）: where the in-policy self-pay left after
    the three layers is still heavy, tilted assistance is given: the category's
    rate on the year's self-pay above a yearly threshold, with no yearly cap, not
    counted in the assistance limit. Category 4 counts inpatient costs only."""
    category = case.person.assistance_category
    terms = (rules.get("tilted") or {}).get(category)
    if not terms or (category == "illness_poverty" and ep.kind not in INPATIENT_KINDS):
        return None
    d = resolve(terms["deductible"], case.region, case.parameters)
    r = resolve(terms["rate"], case.region, case.parameters)
    if d is None or d.amount is None or r is None or r.amount is None:
        return None
    return Tilted(d.amount, r.amount, CATEGORY_LABEL[category],
                  cited(*cited_document(terms["rate"], source), terms["rate"].get("cite")),
                  terms["deductible"].get("reading") or terms["rate"].get("reading"))


_PLANS: dict[tuple[Any, ...], tuple[list[Source], Any]] = {}
_LATER_LAYER = const("reason.later_layer")


def _chronic_outpatient(ep: Episode, current: list[Source]) -> bool:
    """A chronic-disease visit paid at outpatient rates (its own terms in some
    categories' assistance)."""
    if ep.kind != "chronic":
        return False
    for source in current:
        fam = source.rules.get("chronic")
        if fam and "diseases" in fam:
            disease = next((d for d in fam["diseases"] if d["id"] == ep.disease), None)
            return bool(disease and disease.get("rate")
                        and "same_as_inpatient" not in disease["rate"])
    return False


def plan_for(case: Case, ep: Episode, current: list[Source]) -> AssistancePlan | None:
    """Medical assistance for the person's category and the episode (None: none)."""
    category = case.person.assistance_category
    if category == "none":
        return None
    chronic_outpatient = _chronic_outpatient(ep, current)
    plan: AssistancePlan | None = remembered(
        _PLANS, current, (category, ep.kind, chronic_outpatient, *facts(case, ep)),
        lambda: _compile(case, ep, current, chronic_outpatient))
    return plan


def assistance_layer(plan: AssistancePlan | None, state: YearState,
                     self_pay: Decimal | None, r: EpisodeResult) -> Decimal | Msg:
    """What assistance pays (its steps into the episode's record), or why it cannot be
    computed; *self_pay* None: an earlier layer could not be computed."""
    if plan is None or plan.skip:
        return ZERO
    if plan.deferred is not None:
        return plan.deferred
    if self_pay is None:
        return _LATER_LAYER
    if plan.reason is not None:
        return plan.reason
    paid = _regular(plan, state, self_pay, r.steps)
    tilted = plan.tilted
    if tilted is not None:
        more = _tilted(tilted, state, self_pay - paid)
        if more is not None:
            paid += more[0]
            r.steps.append(more[1])
    return paid


def _regular(plan: AssistancePlan, state: YearState, self_pay: Decimal, steps: list[Step]
             ) -> Decimal:
    """The category's deductible, rate and yearly cap on the year's self-pay.
    Adjustments (Hotan Art. 24 (4) 5) move the rate of the part this episode adds."""
    key = plan.key
    d = plan.deductible
    used = state.used
    base_key = plan.base_key
    before = used[base_key]
    after = before + self_pay
    used[base_key] = after
    pay = (pos(after - d) - pos(before - d)) * plan.rate
    if plan.cap is not None:
        pay = min(pay, pos(plan.cap - used[key]))
    pay = yuan(pay)
    used[key] += pay
    assert plan.frame is not None
    if pay > ZERO:
        steps += plan.adjustments
    steps.append(Step(plan.frame, pay))
    return pay


def _tilted(terms: Tilted, state: YearState, self_pay: Decimal) -> tuple[Decimal, Step] | None:
    """Tilted assistance on what is left after the regular assistance (None: nothing)."""
    before = state.used["tilted:base"]
    after = before + self_pay
    state.used["tilted:base"] = after
    d = terms.deductible
    pay = yuan((pos(after - d) - pos(before - d)) * terms.rate)
    if pay == ZERO:
        return None
    return pay, Step(terms.frame, pay, terms.label(f"{yuan(after):,.2f}"))


def may_also_apply(case: Case, current: list[Source], state: YearState) -> list[Step]:
    """Secondary assistance: on application, reported apart."""
    category = case.person.assistance_category
    found = family(current, "assistance")
    if category == "none" or found is None or "deferred_to" in found[1]:
        return []
    source, rules = found
    out: list[Step] = []
    secondary = rules.get("secondary")
    if secondary and category in ("dibao_edge", "at_risk", "illness_poverty"):
        share = next((Decimal(f["value"]) for f in secondary.get("figures", {}).values()
                      if f.get("unit") == "rate" and "value" in f), None)
        if share is not None:
            amount = yuan(pos(state.eligible_total * share - state.paid_total))
            out.append(step("secondary_assistance", msg(
                "step.secondary", rate=percent(share)), amount,
                cited(source.doc_id, source.title, secondary.get("cite"))))
    return out
