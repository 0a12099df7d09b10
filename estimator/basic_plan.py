"""Layer 2, compiled: the basic fund's rules for one kind of episode, worked out
once per documents in force and the episode's facts (conditions.facts).

A plan holds what does not depend on the year's state: which tier, the first and
later deductibles with their steps, the limits measured on eligible cost, the rate
after the matching adjustments (or the bands), the cap per visit and the yearly
caps as Decimal, and the messages and citations of their steps; for maternity by
quota, the quota with its step (and the inpatient rate above it); for a flexible
worker's first years, the stages of months with their rates. ``basic_layer``
(basic.py) applies a plan to the year's state and the episode's date. The figures
are read with the Engine's helpers (value, deductible, rate_terms, caps).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from .basic import (
    FACILITY_LEVEL,
    Band,
    Cap,
    Engine,
    NotComputable,
    RatePlan,
    _gap,
    _step,
    select_tier,
)
from .case import Case, Episode
from .conditions import facts, matches
from .errors import CaseError
from .labels import FACILITY_LABEL
from .messages import percent
from .money import ZERO, yuan
from .msg import Msg, msg, shape
from .rules import Json, Source, cited_document, remembered
from .trace import Frame, Step, YearState, cited, frame


class Stage:
    """Kizilsu annex 1 一（一）4（1）, compiled: one stage of a flexible worker's first
    years, by whole calendar months of continuous payment — a waiting period
    (``rate`` None) or a rate that replaces the table and its adjustments. The
    step's citation is resolved once; its text carries the months, so the step is
    made per episode."""

    __slots__ = ("months_from", "months_to", "rate", "label", "frame")

    def __init__(self, stage: Json, rules: Json, source: Source) -> None:
        self.months_from: int = stage["months_from"]
        self.months_to: int | None = stage.get("months_to")
        figure: Json | None
        if stage.get("rate") is None:
            self.rate: Decimal | None = None
            self.label = shape("step.new_member_waiting", months=None)
            figure, article = rules, stage.get("cite")
        else:
            self.rate = stage["rate"]["value"]
            self.label = shape("step.new_member_rate", months=None,
                               rate=percent(stage["rate"]["value"]))
            figure, article = stage["rate"], None
        doc_id, title = cited_document(None if article else figure, source)
        self.frame = frame("new_member", self.label,
                           cited(doc_id, title, article or (figure or {}).get("cite")),
                           (figure or {}).get("reading"))


class TierPlan:
    """One tier of a family compiled for one kind of episode: everything that does
    not depend on the year's state (which tier, the deductibles, the rate after
    the adjustments, the caps, their steps and citations) worked out once.

    A rule the estimator cannot apply (a figure deferred or unknown) is kept as the
    reason, with the stage it stops at: ``early`` before anything is counted,
    ``cost_gap`` at the limits measured on cost, ``rate_gap`` and ``late`` after them
    (the cost limits have then counted the episode, as the documents' order of
    reading does; a flexible worker's stage replaces the rate, so only ``late``
    stops it).
    """

    __slots__ = ("source", "visits", "early", "first", "later", "cost_gap", "cost_pools",
                 "rate_gap", "late", "rate_steps", "rate", "bands", "cap_visit",
                 "cap_visit_step", "caps", "counts_visit", "counts_major", "notes",
                 "others_pay_first", "stages", "quota", "rate_above_quota", "basic_frames")

    def __init__(self, source: Source, visits: str) -> None:
        self.source = source
        self.visits = visits
        self.early: Msg | None = None
        self.first: tuple[Decimal, list[Step]] | Msg = ZERO, []
        # The deductible of a later visit in the year, if the tier has one.
        self.later: tuple[Decimal, list[Step]] | Msg | None = None
        self.cost_gap: Msg | None = None
        self.cost_pools: list[Cap] = []
        # A rate left to another authority (stops the plan after the cost limits,
        # unless a flexible worker's stage replaces the rate).
        self.rate_gap: Msg | None = None
        # A cap left to another authority (stops the plan after the cost limits).
        self.late: Msg | None = None
        self.rate_steps: list[Step] = []
        self.rate: Decimal | None = None
        self.bands: list[Band] = []
        self.cap_visit: Decimal | None = None
        self.cap_visit_step: Step | None = None
        self.caps: list[Cap] = []
        # The visit counts for a later visit's deductible.
        self.counts_visit = True
        # The episode counts towards major-illness insurance (inpatient-type care).
        self.counts_major = True
        self.notes: list[Msg] = []
        # Another payer pays first by an unstated amount (Hotan Art. 24 (2)).
        self.others_pay_first = False
        # A flexible worker's first years (new_member_rates), when they apply to the
        # person: the stages by months of payment; None: the rates above always.
        self.stages: list[Stage] | None = None
        # Maternity by quota: the quota (with the babies) and whether the cost above it
        # is paid at the inpatient rate (quota_plus_rate).
        self.quota: Decimal | None = None
        self.rate_above_quota = False
        # The frames of the step of what the fund paid, by the article it cites (that of
        # the step before it).
        self.basic_frames: dict[str | None, Frame] = {}


def _deductible_for(engine: Engine, source: Source, fam: Json, tier: Json, key: str,
                    visits: int) -> tuple[Decimal, list[Step]] | Msg:
    """The deductible of the first (visits 0) or a later visit, and its step."""
    saved = engine.state
    engine.state = YearState()
    engine.state.visits[key] = visits
    steps: list[Step] = []
    try:
        return engine.deductible(source, fam, tier, key, steps), steps
    except NotComputable as exc:
        return exc.reason
    finally:
        engine.state = saved


def _compile_tier(engine: Engine, kind: str) -> TierPlan:
    """The plan of *kind* for the engine's episode."""
    try:
        source, fam = engine.family(kind)
    except NotComputable as exc:
        plan = TierPlan(engine.current[0], f"visits:{kind}")
        plan.early = exc.reason
        return plan
    key = f"visits:{kind}"
    plan = TierPlan(source, key)
    setting = (engine.ep.setting or "outpatient") if kind == "tuberculosis" else None
    tier = select_tier(fam, engine.case, engine.ep, setting)
    if tier is None:
        plan.early = msg("reason.no_tier", what=fam["label"],
                         facility=FACILITY_LABEL[engine.ep.facility])
        return plan
    plan.first = _deductible_for(engine, source, fam, tier, key, 0)
    if tier.get("deductible_later") is not None:
        plan.later = _deductible_for(engine, source, fam, tier, key, 1)
    try:
        plan.cost_pools = engine.cost_pools(source, fam)
    except NotComputable as exc:
        plan.cost_gap = exc.reason
        return plan
    caps: list[tuple[str, Json, Any]] = []
    if tier.get("annual_cap") is not None:
        caps.append((f"tier:{kind}:{tier['id']}", tier["annual_cap"], tier["label"]))
    plan.counts_major = kind != "outpatient"
    return _rates_and_caps(engine, plan, source, fam, tier["rate"], fam["label"], caps,
                           tier.get("cap_per_visit"))


def _rates_and_caps(engine: Engine, plan: TierPlan, source: Source, fam: Json, rate: Json,
                    what: Any, caps: list[tuple[str, Json, Any]], cap_per_visit: Json | None,
                    pools: bool = True) -> TierPlan:
    """The rate after adjustments (a figure left to another authority: ``rate_gap``),
    the stages of a flexible worker's first years where they apply to the person, the
    cap per visit and the yearly caps (a figure left to another authority: ``late``)."""
    try:
        rates = engine.rate_plan(source, fam, rate)
    except NotComputable as exc:
        plan.rate_gap = exc.reason
        return plan
    rules = rates.new_member
    if rules is not None and matches(rules["when"], engine.case, engine.ep):
        plan.stages = [Stage(stage, rules, rates.source) for stage in rules["stages"]]
    try:
        plan.rate, plan.bands = engine.rate_terms(rates, plan.rate_steps, what, source)
    except NotComputable as exc:
        plan.rate_gap = exc.reason
        plan.rate_steps = []
    try:
        cap = engine.value(cap_per_visit)
        if cap is not None and cap.ok and cap.amount is not None:
            plan.cap_visit = cap.amount
            plan.cap_visit_step = _step("cap_visit", msg(
                "step.cap_visit", cap=f"{yuan(cap.amount):,.2f}"), None, source,
                cap_per_visit)
        if pools:
            caps = caps + engine.pool_caps((source, fam), source.rules)
        plan.caps = engine.resolve_caps(source, caps)
    except NotComputable as exc:
        plan.late = exc.reason
    return plan


def _compile_chronic(engine: Engine) -> TierPlan:
    """The plan of a chronic-disease visit (a disease not in the catalog is an error
    of the case)."""
    key = "visits:chronic"
    try:
        source, fam = engine.family("chronic")
    except NotComputable as exc:
        plan = TierPlan(engine.current[0], key)
        plan.early = exc.reason
        return plan
    disease = next((d for d in fam["diseases"] if d["id"] == engine.ep.disease), None)
    if disease is None:
        known = ", ".join(d["id"] for d in fam["diseases"])
        raise CaseError(f"episodes[{engine.ep.index}].disease",
                        f"{engine.ep.disease!r} is not in this region's catalog "
                        f"(known: {known})")
    plan = TierPlan(source, key)
    if not disease.get("available", True) or disease.get("rate") is None:
        plan.early = msg("reason.not_available", what=disease["label"])
        return plan
    if disease.get("paid_first_by"):
        # Hotan Art. 24 (2): class-3 diseases are first paid by the public-health fund,
        # by an amount not stated: the figures below are upper bounds.
        plan.others_pay_first = True
        plan.notes = [msg("note.paid_first_by", what=disease["label"],
                          who=disease["paid_first_by"])]
    if disease.get("deductible") is not None:
        pseudo_tier = {"deductible": disease["deductible"], "label": disease["label"]}
        plan.first = _deductible_for(engine, source, fam, pseudo_tier, key, 0)
    try:
        plan.cost_pools = engine.cost_pools(source, fam)
    except NotComputable as exc:
        plan.cost_gap = exc.reason
        return plan
    caps: list[tuple[str, Json, Any]] = []
    if disease.get("annual_cap") is not None:
        caps.append((f"disease:{disease['id']}", disease["annual_cap"], disease["label"]))
    if fam.get("shared_cap") is not None and \
            disease["disease_class"] in (fam.get("shared_cap_classes") or []):
        caps.append(("chronic:shared", fam["shared_cap"], fam["label"]))
    return _rates_and_caps(engine, plan, source, fam, disease["rate"], disease["label"],
                           caps, None)


def _compile_two_diseases(engine: Engine) -> TierPlan:
    """The plan of a hypertension or diabetes visit: the tier's rate on the whole
    eligible cost, limited by the condition's yearly cap (or the combined cap of a
    person with both, where the family says so)."""
    key = "visits:two_diseases"
    try:
        source, fam = engine.family("two_diseases")
    except NotComputable as exc:
        plan = TierPlan(engine.current[0], key)
        plan.early = exc.reason
        return plan
    plan = TierPlan(source, key)
    plan.counts_visit = False
    plan.counts_major = False
    ep = engine.ep
    tier = select_tier(fam, engine.case, ep)
    if tier is None:
        plan.early = msg("reason.no_tier", what=fam["label"],
                         facility=FACILITY_LABEL[ep.facility])
        return plan
    condition = ep.condition or "hypertension"
    caps_by = fam.get("annual_caps") or {}
    if ep.both_conditions and fam.get("caps_combined") and len(caps_by) > 1:
        total = sum((Decimal(c["value"]) for c in caps_by.values() if "value" in c), ZERO)
        combined = {"value": total, "unit": "yuan",
                    "cite": fam["caps_combined"]["cite"],
                    "reading": fam["caps_combined"].get("text")}
        caps = [("two_diseases:combined", combined, fam["caps_combined"]["label"])]
    else:
        caps = [(f"two_diseases:{condition}", caps_by[condition], fam["label"])] \
            if condition in caps_by else []
    return _rates_and_caps(engine, plan, source, fam, tier["rate"], fam["label"], caps, None,
                           pools=False)


def _compile_maternity(engine: Engine, source: Source, fam: Json) -> TierPlan:
    """Maternity by quota (Kizilsu annex 1 一（六）, Wuwei): the quota of the delivery at
    the facility's level, raised per additional baby, up to the eligible cost within
    the cost limits; with ``quota_plus_rate`` the cost above the quota at the inpatient
    tier's rate (its adjustments, no first-years stages); the pools' yearly caps."""
    plan = TierPlan(source, "visits:maternity")
    plan.counts_visit = False
    ep = engine.ep
    level = FACILITY_LEVEL[ep.facility]
    quota_row = next((q for q in fam.get("quotas") or [] if q["delivery"] == ep.delivery),
                     None)
    figure = (quota_row or {}).get("by_level", {}).get(level)
    if quota_row is None or figure is None:
        plan.early = msg("reason.no_quota", what=fam["label"])
        return plan
    try:
        value = engine.value(figure)
        _gap(value, fam["label"])
        assert value is not None and value.amount is not None
        quota = value.amount
        extra = fam.get("extra_per_additional_baby")
        if extra is not None and ep.babies > 1:
            extra_value = engine.value(extra)
            _gap(extra_value, fam["label"])
            assert extra_value is not None and extra_value.amount is not None
            quota += extra_value.amount * (ep.babies - 1)
    except NotComputable as exc:
        plan.early = exc.reason
        return plan
    plan.quota = quota
    plan.first = ZERO, [_step("quota", msg("step.quota", delivery=quota_row["label"],
                                            babies=str(ep.babies)), quota, source, figure)]
    try:
        plan.cost_pools = engine.cost_pools(source, fam)
    except NotComputable as exc:
        plan.cost_gap = exc.reason
        return plan
    if fam["method"] == "quota_plus_rate":
        plan.rate_above_quota = True
        try:
            in_source, in_fam, in_tier = engine.inpatient_plan()
            rates = RatePlan(in_tier["rate"], list(in_fam.get("adjustments") or []),
                             in_source)
            plan.rate, plan.bands = engine.rate_terms(rates, plan.rate_steps, fam["label"],
                                                        source)
        except NotComputable as exc:
            plan.rate_gap = exc.reason
            plan.rate_steps = []
    try:
        plan.caps = engine.resolve_caps(source, engine.pool_caps((source, fam), source.rules))
    except NotComputable as exc:
        plan.late = exc.reason
    return plan


def maternity_plan(engine: Engine, source: Source, fam: Json) -> TierPlan:
    """The plan of a birth paid by quota."""
    ep = engine.ep
    plan: TierPlan = remembered(
        _PLANS, engine.current, ("maternity_quota", ep.delivery, ep.babies,
                                 *facts(engine.case, ep)),
        lambda: _compile_maternity(engine, source, fam))
    return plan


# Plans by documents in force, kind and the episode's facts (conditions.facts).
_PLANS: dict[tuple[Any, ...], tuple[list[Source], Any]] = {}


def plan_for(case: Case, ep: Episode, current: list[Source]) -> TierPlan:
    """The plan of the episode's kind of care (a birth paid as a hospital stay: the
    inpatient plan; no maternity rules: a plan that stops with the reason)."""
    engine = Engine(case, ep, current, YearState())
    kind = ep.kind
    if kind == "chronic":
        return chronic_plan(engine)
    if kind == "two_diseases":
        return two_diseases_plan(engine)
    if kind == "maternity":
        try:
            source, fam = engine.family("maternity")
        except NotComputable as exc:
            plan = TierPlan(current[0], "visits:maternity")
            plan.early = exc.reason
            return plan
        if fam["method"] == "as_inpatient":
            return tier_plan(engine, "inpatient")
        return maternity_plan(engine, source, fam)
    return tier_plan(engine, kind)


def tier_plan(engine: Engine, kind: str) -> TierPlan:
    """The plan of a tiered family (inpatient, outpatient, …) for the engine's episode."""
    plan: TierPlan = remembered(
        _PLANS, engine.current, (kind, *facts(engine.case, engine.ep)),
        lambda: _compile_tier(engine, kind))
    return plan


def chronic_plan(engine: Engine) -> TierPlan:
    """The plan of a chronic-disease visit."""
    plan: TierPlan = remembered(
        _PLANS, engine.current, ("chronic", engine.ep.disease,
                                 *facts(engine.case, engine.ep)),
        lambda: _compile_chronic(engine))
    return plan


def two_diseases_plan(engine: Engine) -> TierPlan:
    """The plan of a hypertension or diabetes visit."""
    ep = engine.ep
    plan: TierPlan = remembered(
        _PLANS, engine.current, ("two_diseases", ep.condition, ep.both_conditions,
                                 *facts(engine.case, ep)),
        lambda: _compile_two_diseases(engine))
    return plan
