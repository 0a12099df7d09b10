"""The chain for one person's year: episodes in date order, each through
classification → basic → supplementary → major illness → assistance, with
yearly caps and accumulations carried from one episode to the next."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from decimal import Decimal
from typing import Any

from . import messages
from .assistance import assistance_layer, may_also_apply
from .basic import basic_layer
from .case import Case, Episode, parse_case
from .classify import classify
from .errors import CaseError, InternalError
from .major_illness import major_illness_layer
from .messages import Text
from .money import ZERO, text
from .rules import Source, check_covered, sources_on
from .supplementary import civil_servant_layer, supplementary_layer
from .trace import Step, YearState

MONEY_FIELDS = ("cost", "excluded", "class_b_self_pay", "deductible", "eligible", "basic",
                "supplementary", "major_illness", "assistance", "out_of_pocket")


def _deciding_date(case: Case, ep: Episode) -> tuple[list[Source], Any]:
    field = f"episodes[{ep.index}].date"
    current = sources_on(case.region, case.scheme, ep.date, field)
    decided_by = next((s.rules.get("year_decided_by") for s in current
                       if s.rules.get("year_decided_by")), "admission")
    if decided_by == "discharge" and ep.discharge_date is not None:
        day = ep.discharge_date
        current = sources_on(case.region, case.scheme, day, f"episodes[{ep.index}]."
                                                            "discharge_date")
        return current, day
    return current, ep.date


def _chronic_outpatient(ep: Episode, current: list[Source]) -> bool:
    if ep.kind != "chronic":
        return False
    for source in current:
        fam = source.rules.get("chronic")
        if fam and "diseases" in fam:
            disease = next((d for d in fam["diseases"] if d["id"] == ep.disease), None)
            return bool(disease and disease.get("rate")
                        and "same_as_inpatient" not in disease["rate"])
    return False


def _episode(case: Case, ep: Episode, states: dict[int, YearState]) -> dict[str, Any]:
    current, day = _deciding_date(case, ep)
    state = states[day.year]
    split = classify(ep, current)
    steps: list[Step] = list(split.steps)
    notes: list[Text] = list(split.notes)
    result: dict[str, Any] = {
        "index": ep.index, "kind": ep.kind, "date": ep.date.isoformat(),
        "benefit_year": day.year, "computable": True, "reason": None,
        "cost": ep.cost.total, "excluded": split.excluded,
        "class_b_self_pay": split.class_b_self_pay, "eligible": split.eligible,
        "deductible": None, "basic": None, "supplementary": None, "major_illness": None,
        "assistance": None, "out_of_pocket": None, "out_of_pocket_at_most": False,
        "out_of_pocket_at_least": False,
    }
    if split.reason is not None:
        result.update(computable=False, reason=split.reason)
        return _finish(result, steps, notes)
    basic = basic_layer(case, ep, current, state, split.eligible)
    steps += basic.steps
    if not basic.computable:
        result.update(computable=False, reason=basic.reason)
        return _finish(result, steps, notes)
    result["deductible"] = basic.deductible
    result["basic"] = basic.payment
    notes += basic.notes
    if basic.rates_may_be_lower:
        result["out_of_pocket_at_least"] = True
    if basic.others_pay_first:
        result["out_of_pocket_at_most"] = True
    self_pay = split.eligible - basic.payment
    if basic.waiting:
        # Not yet entitled (a waiting period): no layer pays.
        result.update(supplementary=ZERO, major_illness=ZERO, assistance=ZERO,
                      out_of_pocket=ep.cost.total - basic.payment)
        steps.append(Step("out_of_pocket", messages.text("step.out_of_pocket"),
                          result["out_of_pocket"]))
        return _finish(result, steps, notes)
    supp = supplementary_layer(current, state, split.eligible, self_pay,
                               basic.major_illness_counts and basic.in_cost_limit)
    steps += supp.steps
    self_pay -= supp.payment
    civil = civil_servant_layer(case, current, state, basic, self_pay)
    steps += civil.steps
    notes += civil.notes
    if civil.left_out:
        result["out_of_pocket_at_most"] = True
    result["supplementary"] = supp.payment + civil.payment
    self_pay -= civil.payment
    major = major_illness_layer(case, ep, current, state, self_pay,
                                basic.major_illness_counts)
    steps += major.steps
    notes += major.notes
    if major.uncapped:
        result["out_of_pocket_at_least"] = True
    paid = basic.payment + supp.payment + civil.payment
    remaining: Decimal | None = None
    if major.payment is None:
        result.update(computable=False, reason=major.reason, out_of_pocket_at_most=True)
    else:
        result["major_illness"] = major.payment
        paid += major.payment
        self_pay -= major.payment
        remaining = self_pay
    help_ = assistance_layer(case, ep, current, state, remaining,
                             _chronic_outpatient(ep, current))
    steps += help_.steps
    if help_.payment is None:
        if result["computable"]:
            result.update(computable=False, reason=help_.reason, out_of_pocket_at_most=True)
        elif help_.reason and help_.reason != result["reason"]:
            notes.append(help_.reason)
    else:
        result["assistance"] = help_.payment
        paid += help_.payment
        self_pay -= help_.payment
    if not result["computable"]:
        notes.append(messages.text("reason.later_layer"))
    result["out_of_pocket"] = ep.cost.total - paid
    state.remaining_self_pay += self_pay
    if basic.major_illness_counts and ep.kind != "outpatient":
        state.remaining_inpatient_self_pay += self_pay
    state.eligible_total += split.eligible
    state.paid_total += paid
    steps.append(Step("out_of_pocket", messages.text("step.out_of_pocket"),
                      result["out_of_pocket"]))
    return _finish(result, steps, notes)


def _finish(result: dict[str, Any], steps: list[Step], notes: list[Text]) -> dict[str, Any]:
    for key in MONEY_FIELDS:
        result[key] = text(result[key])
    result["steps"] = [s.to_json() for s in steps]
    result["notes"] = notes
    return result


def _sum(episodes: list[dict[str, Any]], key: str) -> str | None:
    """A total is unknown (None) when any of its episodes' amounts is unknown."""
    values = [e[key] for e in episodes]
    if any(v is None for v in values):
        return None
    return text(sum((Decimal(v) for v in values), ZERO))


def _content(ep: Episode) -> tuple[Decimal, str, str, str]:
    """Same-day episodes: by bill, kind and facility, then everything else; flags such
    as a referral come last, so flipping one rarely moves an episode."""
    return ep.cost.total, ep.kind, ep.facility, repr(replace(ep, index=0))


def _guarded(case: Case, ep: Episode, states: dict[int, YearState]) -> dict[str, Any]:
    """One episode; a fault of the estimator is reported with the episode it was in."""
    try:
        return _episode(case, ep, states)
    except CaseError:
        raise
    except Exception as exc:
        raise InternalError(f"episodes[{ep.index}]", exc) from exc


def run(case: Case) -> dict[str, Any]:
    check_covered(case.region, case.scheme)
    states: dict[int, YearState] = defaultdict(YearState)
    # Date order; episodes of the same day in an order of their own content, so
    # that the order of the input list never changes the year's result.
    order = sorted(case.episodes, key=lambda e: (e.date, _content(e), e.index))
    episodes = sorted((_guarded(case, ep, states) for ep in order), key=lambda e: e["index"])
    also: list[dict[str, Any]] = []
    if order:
        last = order[-1]
        current, _ = _deciding_date(case, last)
        for year in sorted(states):
            for item in may_also_apply(case, current, states[year]):
                item["benefit_year"] = year
                also.append(item)
    notes: list[Text] = []
    for ep in episodes:
        for note in ep["notes"]:
            if note not in notes:
                notes.append(note)
    computable = all(e["computable"] for e in episodes)
    totals = {key: _sum(episodes, key) for key in ("cost", "basic", "supplementary",
                                                   "major_illness", "assistance",
                                                   "out_of_pocket")}
    return {
        "region": case.region,
        "scheme": case.scheme,
        "computable": computable,
        "totals": totals,
        "out_of_pocket_at_most": any(e["out_of_pocket_at_most"] for e in episodes),
        "out_of_pocket_at_least": any(e["out_of_pocket_at_least"] for e in episodes),
        "episodes": episodes,
        "may_also_apply": also,
        "notes": notes,
    }


def estimate(case: Any) -> dict[str, Any]:
    """Estimate one person's year of care. Raises CaseError for invalid input."""
    return run(parse_case(case))
