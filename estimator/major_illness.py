"""Layer 4: major-illness insurance (大病保险) on the year's accumulated
in-policy self-pay, banded, with the group's threshold and yearly cap
(raised or lowered by the enrollment incentives where a document has them)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from .bands import BandTable
from .case import Case, Episode
from .conditions import adjustment_step, facts, rate_change
from .labels import WHAT_LABEL
from .money import ZERO, pos, yuan
from .msg import Msg, msg, shape
from .rules import Json, Source, cited_document, family, remembered, resolve
from .trace import EpisodeResult, Frame, Step, YearState, cited, frame


def group_for(rules: Json, category: str) -> Json:
    default = None
    for group in rules["groups"]:
        if category in group.get("members", []):
            found: Json = group
            return found
        if not group.get("members"):
            default = group
    chosen: Json = default or rules["groups"][-1]
    return chosen


def _figure(incentive: Json, unit: str) -> Decimal | None:
    for fig in incentive.get("figures", {}).values():
        if fig.get("unit") == unit and "value" in fig:
            value: Decimal = fig["value"]
            return value
    return None


def incentive_change(rules: Json, case: Case, base_cap: Decimal) -> Decimal:
    """Kizilsu annex 2 二（四）: continuous-enrollment and zero-claim raises,
    limited in total; a lower cap after a gap."""
    person = case.person
    by_id = {i["id"]: i for i in rules.get("incentives", [])}
    raise_ = ZERO
    if "continuous_years" in by_id:
        per_year = _figure(by_id["continuous_years"], "yuan") or ZERO
        after = _figure(by_id["continuous_years"], "years") or Decimal(4)
        raise_ += per_year * pos(Decimal(person.continuous_years) - after)
    if "zero_claim" in by_id and person.zero_claim_last_year:
        raise_ += _figure(by_id["zero_claim"], "yuan") or ZERO
    if "total_limit" in by_id:
        share = _figure(by_id["total_limit"], "rate")
        if share is not None:
            raise_ = min(raise_, base_cap * share)
    if "gap_penalty" in by_id and person.rejoined_after_gap:
        raise_ -= _figure(by_id["gap_penalty"], "yuan") or ZERO
    return raise_


class MajorPlan:
    """Major-illness insurance compiled for one person and kind of episode: the
    group, its threshold, the bands at the episode's rates, the yearly cap with
    the incentives, and what the steps cite."""

    __slots__ = ("source", "what", "deferred", "threshold", "threshold_reason", "table",
                 "adjustments", "cap_note", "limit", "label", "frame")

    def __init__(self, source: Source, what: Any) -> None:
        self.source = source
        self.what = what
        # The family is left to another authority: no payment, before anything counts.
        self.deferred: Msg | None = None
        self.threshold = ZERO
        # The threshold cannot be resolved: no payment, after the self-pay is counted.
        self.threshold_reason: Msg | None = None
        self.table: BandTable | None = None
        self.adjustments: list[Step] = []
        self.cap_note: Msg | None = None
        self.limit: Decimal | None = None
        # The step's message, the year's accumulated self-pay left open.
        self.label = shape("step.major_illness", cumulative=None, threshold="")
        self.frame = Frame("major_illness", self.label)


def _compile(case: Case, ep: Episode, current: list[Source]) -> MajorPlan | None:
    found = family(current, "major_illness")
    if found is None:
        return None
    source, rules = found
    what = rules.get("label") or WHAT_LABEL["major_illness"]
    plan = MajorPlan(source, what)
    if "deferred_to" in rules:
        plan.deferred = msg("reason.deferred", what=what, authority=rules["deferred_to"])
        return plan
    group = group_for(rules, case.person.assistance_category)
    threshold = resolve(group["threshold"], case.region, case.parameters)
    if threshold is None or not threshold.ok or threshold.amount is None:
        key = "reason.unknown_parameter" if threshold and threshold.status == "unknown" \
            else "reason.deferred"
        authority = (threshold.figure.get("deferred_to") if threshold else None) or ""
        plan.threshold_reason = msg(key, what=what, authority=authority)
        return plan
    plan.threshold = threshold.amount
    change, used = rate_change(rules.get("adjustments") or [], case, ep)
    plan.table = BandTable(group["bands"], change)
    plan.adjustments = [adjustment_step(adj, source) for adj in used]
    cap = resolve(group["annual_cap"], case.region, case.parameters)
    if cap is not None and cap.status in ("deferred", "unknown"):
        plan.cap_note = msg("note.cap_unknown", what=what,
                            authority=cap.figure.get("deferred_to") or "")
    elif cap is not None and cap.amount is not None:
        plan.limit = cap.amount + incentive_change(rules, case, cap.amount)
    plan.label = shape("step.major_illness", cumulative=None,
                       threshold=f"{yuan(threshold.amount):,.2f}")
    plan.frame = frame("major_illness", plan.label, cited(
        *cited_document(group["threshold"], source),
        group["threshold"].get("cite") or rules["cite"]), group["threshold"].get("reading"))
    return plan


_PLANS: dict[tuple[Any, ...], tuple[list[Source], Any]] = {}


def plan_for(case: Case, ep: Episode, current: list[Source]) -> MajorPlan | None:
    """Major-illness insurance for the person and the episode's facts (None: the
    documents in force have none)."""
    person = case.person
    plan: MajorPlan | None = remembered(
        _PLANS, current, (person.assistance_category, person.continuous_years,
                          person.zero_claim_last_year, person.rejoined_after_gap,
                          *facts(case, ep)),
        lambda: _compile(case, ep, current))
    return plan


def major_illness_layer(plan: MajorPlan | None, state: YearState, self_pay: Decimal,
                        r: EpisodeResult) -> Decimal | Msg:
    """The banded payment on the year's in-policy self-pay above the group's
    threshold (its steps and notes into the episode's record), or why it cannot be
    computed. Adjustments (e.g. Hotan Art. 24 (4) 5: no referral, 20 points lower)
    move the rates of the part this episode adds. *plan* None: nothing to pay (no
    such insurance, or care that does not count towards it)."""
    if plan is None:
        return ZERO
    if plan.deferred is not None:
        return plan.deferred
    before = state.major_self_pay
    after = before + self_pay
    state.major_self_pay = after
    if plan.threshold_reason is not None:
        return plan.threshold_reason
    assert plan.table is not None
    pay = plan.table.increment(before, after, plan.threshold)
    steps = r.steps
    if pay > ZERO:
        steps += plan.adjustments
    if plan.cap_note is not None:
        if pay > ZERO:
            r.out_of_pocket_at_least = True
            r.notes.append(plan.cap_note)
    elif plan.limit is not None:
        pay = min(pay, pos(plan.limit - state.used["major_illness"]))
    pay = yuan(pay)
    state.used["major_illness"] += pay
    steps.append(Step(plan.frame, pay, plan.label(f"{yuan(after):,.2f}")))
    return pay
