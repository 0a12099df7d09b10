"""Layer 5: medical assistance (医疗救助) for the five assistance groups, on
the in-policy self-pay left after the insurance layers, with a yearly
deductible and cap. Tilted and secondary assistance, granted on application,
are figures the person "may also apply for", never added to the payment."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from . import messages
from .case import Case, Episode
from .messages import Text, percent
from .money import ZERO, pos, yuan
from .rules import Json, Source, family, resolve
from .trace import Step, YearState

CATEGORY_LABEL: dict[str, Text] = {
    "destitute": {"zh": "特困人员", "ug": "ئالاھىدە قىيىنچىلىقتىكىلەر", "en": "destitute person"},
    "dibao": {"zh": "低保对象", "ug": "تۆۋەن تۇرمۇش كاپالىتىدىكىلەر",
              "en": "minimum-living-allowance household"},
    "dibao_edge": {"zh": "低保边缘对象", "ug": "تۆۋەن تۇرمۇش كاپالىتى چېتىدىكىلەر",
                   "en": "near-dibao household"},
    "at_risk": {"zh": "易返贫致贫人口", "ug": "نامراتلىققا قايتىش خەۋپى بارلار",
                "en": "resident at risk of poverty"},
    "illness_poverty": {"zh": "因病致贫重病患者", "ug": "كېسەل سەۋەبىدىن نامراتلاشقان ئېغىر بىمار",
                        "en": "patient impoverished by illness"},
}


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
    base_key = f"{key}:base"
    before = state.used[base_key]
    after = before + self_pay
    state.used[base_key] = after
    pay = (pos(after - d) - pos(before - d)) * rate.amount
    cap = values["annual_cap"]
    if cap is not None and cap.amount is not None:
        pay = min(pay, pos(cap.amount - state.used[key]))
    pay = yuan(pay)
    state.used[key] += pay
    label = messages.text("step.assistance", category=CATEGORY_LABEL[category],
                          rate=percent(rate.amount))
    return Assistance(pay, [Step("assistance", label, pay, source.doc_id, source.title,
                                 terms["rate"].get("cite"), terms["rate"].get("reading"))])


def may_also_apply(case: Case, current: list[Source], state: YearState) -> list[Json]:
    """Tilted and secondary assistance: on application, reported apart."""
    category = case.person.assistance_category
    found = family(current, "assistance")
    if category == "none" or found is None or "deferred_to" in found[1]:
        return []
    source, rules = found
    out: list[Json] = []
    tilted = (rules.get("tilted") or {}).get(category)
    if tilted:
        d = resolve(tilted["deductible"], case.region, case.parameters)
        r = resolve(tilted["rate"], case.region, case.parameters)
        if d and d.amount is not None and r and r.amount is not None:
            base = state.remaining_inpatient_self_pay if category == "illness_poverty" \
                else state.remaining_self_pay
            amount = yuan(pos(base - d.amount) * r.amount)
            out.append(Step("tilted_assistance", messages.text(
                "step.tilted", category=CATEGORY_LABEL[category]), amount, source.doc_id,
                source.title, tilted["rate"].get("cite")).to_json())
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
