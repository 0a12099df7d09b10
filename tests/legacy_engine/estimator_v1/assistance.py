"""Layer 5: medical assistance (医疗救助) for the five assistance groups, on
the in-policy self-pay left after the insurance layers, with a yearly
deductible and cap; then tilted assistance (倾斜救助), which the Kizilsu annexes
give (给予) at a yearly threshold and rate with no cap, outside the assistance
limit. Secondary assistance, granted on application, is a figure the person
"may also apply for", never added to the payment."""

from __future__ import annotations

import estimator.assistance as live_assistance

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from . import messages
from .case import Case, Episode
from .conditions import adjustment_step, rate_change
from .messages import Text, percent
from .money import ZERO, clamp_rate, pos, yuan
from .rules import Json, Source, cited_document, family, resolve
from .trace import Step, YearState

CATEGORY_LABEL: dict[str, Text] = live_assistance.CATEGORY_LABEL  # texts: today's

# Kinds of care that are inpatient costs (住院医疗费用), for terms limited to them.
INPATIENT_KINDS = ("inpatient", "day_surgery", "maternity")


@dataclass
class Assistance:
    payment: Decimal | None = ZERO
    steps: list[Step] = field(default_factory=list)
    reason: Text | None = None


def _terms(rules: Json, case: Case, ep: Episode, chronic_outpatient: bool
           ) -> tuple[Json | None, str]:
    category = case.person.assistance_category
    if chronic_outpatient and category in (rules.get("outpatient_chronic") or {}):
        return rules["outpatient_chronic"][category], "assistance:chronic"
    if ep.kind in ("outpatient", "two_diseases") and \
            not rules.get("cap_shared_by_outpatient_and_inpatient"):
        return None, ""
    return (rules.get("categories") or {}).get(category), "assistance"


def assistance_layer(case: Case, ep: Episode, current: list[Source], state: YearState,
                     self_pay: Decimal | None, chronic_outpatient: bool) -> Assistance:
    category = case.person.assistance_category
    if category == "none":
        return Assistance()
    found = family(current, "assistance")
    if found is None:
        return Assistance()
    source, rules = found
    what: Any = rules.get("label") or {"zh": "医疗救助", "ug": "داۋالاش قۇتقۇزۇشى",
                                       "en": "Medical assistance"}
    if "deferred_to" in rules:
        return Assistance(None, [], messages.text("reason.deferred", what=what,
                                                  authority=rules["deferred_to"]))
    terms, key = _terms(rules, case, ep, chronic_outpatient)
    if terms is None:
        return Assistance()
    if self_pay is None:
        return Assistance(None, [], messages.text("reason.later_layer"))
    regular = _regular(case, ep, source, rules, terms, key, state, self_pay, what)
    if regular.payment is None:
        return regular
    tilted = _tilted(case, ep, source, rules, state, self_pay - regular.payment)
    return Assistance(regular.payment + (tilted.payment or ZERO), regular.steps + tilted.steps)


def _regular(case: Case, ep: Episode, source: Source, rules: Json, terms: Json, key: str,
             state: YearState, self_pay: Decimal, what: Any) -> Assistance:
    """The category's deductible, rate and yearly cap on the year's self-pay.
    Adjustments (Hotan Art. 24 (4) 5) move the rate of the part this episode adds."""
    category = case.person.assistance_category
    values = {name: resolve(terms[name], case.region, case.parameters)
              for name in ("deductible", "rate", "annual_cap")}
    for value in values.values():
        if value is not None and value.status in ("deferred", "unknown"):
            reason_key = "reason.unknown_parameter" if value.status == "unknown" \
                else "reason.deferred"
            return Assistance(None, [], messages.text(
                reason_key, what=terms.get("label") or what,
                authority=value.figure.get("deferred_to", "")))
    deductible = values["deductible"]
    rate = values["rate"]
    assert rate is not None and rate.amount is not None
    d = deductible.amount if deductible and deductible.amount is not None else ZERO
    change, used = rate_change(rules.get("adjustments") or [], case, ep)
    rate_value = clamp_rate(rate.amount + change)
    base_key = f"{key}:base"
    before = state.used[base_key]
    after = before + self_pay
    state.used[base_key] = after
    pay = (pos(after - d) - pos(before - d)) * rate_value
    cap = values["annual_cap"]
    if cap is not None and cap.amount is not None:
        pay = min(pay, pos(cap.amount - state.used[key]))
    pay = yuan(pay)
    state.used[key] += pay
    label = messages.text("step.assistance", category=CATEGORY_LABEL[category],
                          rate=percent(rate_value))
    steps = [adjustment_step(adj, source) for adj in used] if pay > ZERO else []
    steps.append(Step("assistance", label, pay, *cited_document(terms["rate"], source),
                      terms["rate"].get("cite"), terms["rate"].get("reading")))
    return Assistance(pay, steps)


def _tilted(case: Case, ep: Episode, source: Source, rules: Json, state: YearState,
            self_pay: Decimal) -> Assistance:
    """Kizilsu annex 1 四（三）, annex 2 三（三）: where the in-policy self-pay left after
    the three layers is still heavy, tilted assistance is given: the category's
    rate on the year's self-pay above a yearly threshold, with no yearly cap, not
    counted in the assistance limit. Category 4 counts inpatient costs only."""
    category = case.person.assistance_category
    terms = (rules.get("tilted") or {}).get(category)
    if not terms or (category == "illness_poverty" and ep.kind not in INPATIENT_KINDS):
        return Assistance()
    d = resolve(terms["deductible"], case.region, case.parameters)
    r = resolve(terms["rate"], case.region, case.parameters)
    if d is None or d.amount is None or r is None or r.amount is None:
        return Assistance()
    before = state.used["tilted:base"]
    after = before + self_pay
    state.used["tilted:base"] = after
    pay = yuan((pos(after - d.amount) - pos(before - d.amount)) * r.amount)
    if pay == ZERO:
        return Assistance()
    label = messages.text("step.tilted", category=CATEGORY_LABEL[category],
                          cumulative=f"{yuan(after):,.2f}", threshold=f"{d.amount:,.2f}",
                          rate=percent(r.amount))
    return Assistance(pay, [Step("tilted_assistance", label, pay,
                                 *cited_document(terms["rate"], source),
                                 terms["rate"].get("cite"),
                                 terms["deductible"].get("reading")
                                 or terms["rate"].get("reading"))])


def may_also_apply(case: Case, current: list[Source], state: YearState) -> list[Json]:
    """Secondary assistance: on application, reported apart."""
    category = case.person.assistance_category
    found = family(current, "assistance")
    if category == "none" or found is None or "deferred_to" in found[1]:
        return []
    source, rules = found
    out: list[Json] = []
    secondary = rules.get("secondary")
    if secondary and category in ("dibao_edge", "at_risk", "illness_poverty"):
        share = next((Decimal(f["value"]) for f in secondary.get("figures", {}).values()
                      if f.get("unit") == "rate" and "value" in f), None)
        if share is not None:
            amount = yuan(pos(state.eligible_total * share - state.paid_total))
            out.append(Step("secondary_assistance", messages.text(
                "step.secondary", rate=percent(share)), amount, source.doc_id, source.title,
                secondary.get("cite")).to_json())
    return out
