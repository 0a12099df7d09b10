"""Layer 2: basic medical insurance — the pooled fund's share of one episode.

Each kind of episode finds its rule family in the documents in force, picks
the tier for the facility, and pays (eligible − deductible) × rate, limited
by per-visit caps, tier caps and the yearly cap pools the family names.
Which families exist, and every figure, come from the bundle.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .case import Case, Episode
from .conditions import adjustment_step, matches, rate_change
from .labels import FACILITY_LABEL, KIND_LABEL
from .messages import LANGS, percent
from .money import ZERO, clamp_rate, pos, yuan
from .msg import Msg, Shape, const, msg
from .rules import Json, Source, Value, cited_document, family, remembered, resolve
from .trace import Citation, Step, YearState, cited

if TYPE_CHECKING:
    from .basic_plan import Stage, TierPlan

# When a quota table is keyed by hospital level, the level of each kind of
# facility (township health centres are level 1, county hospitals level 2, as
# the Hotan measures' Art. 24 (4) 1–2 say).
FACILITY_LEVEL = {"village": "level1", "township": "level1", "county": "level2",
                  "level1": "level1", "level2": "level2", "level3": "level3",
                  "pharmacy": "level1"}


@dataclass
class Basic:
    """The basic layer's result for one episode."""

    computable: bool
    reason: Msg | None = None
    deductible: Decimal = ZERO
    payment: Decimal = ZERO
    steps: list[Step] = field(default_factory=list)
    notes: list[Msg] = field(default_factory=list)
    # Counts toward major illness (inpatient-type care) or not.
    major_illness_counts: bool = True
    source: Source | None = None
    # The part of the eligible cost the fund's schedule reaches (a banded schedule
    # ends at its last band); the rest lies above the fund's limit.
    covered: Decimal = ZERO
    # The episode counts towards a yearly limit measured on eligible cost: the cost
    # above it is what the next layer (the large supplementary insurance) pays on.
    in_cost_limit: bool = False
    # The person is in a waiting period: no insurance layer pays (new_member_rates).
    waiting: bool = False
    # The rates used may be too high: what the person pays is a lower bound.
    rates_may_be_lower: bool = False
    # Another payer pays first by an unstated amount: what the person pays is at most this.
    others_pay_first: bool = False


_BASIC = const("step.basic")
_SINCE_MISSING = const("note.flexible_since_missing")
# No adjustments: one shared empty list (read-only).
_NONE: list[Json] = []


def _family_or_reason(current: list[Source], name: str) -> tuple[Source, Json] | Msg:
    """The first document in force with the family, or why it cannot be used."""
    found = family(current, name)
    if found is None:
        why = None
        for source in current:
            why = source.rules.get("not_specified", {}).get(name) or why
        what = KIND_LABEL.get(name, {lang: name for lang in LANGS})
        if why:
            return msg("reason.not_specified", what=what, why=why)
        return msg("reason.no_family", what=what)
    source, fam = found
    if "deferred_to" in fam:
        return msg("reason.deferred", what=fam.get("label") or KIND_LABEL.get(name, name),
                   authority=fam["deferred_to"])
    return source, fam


# Families by documents in force and name (see Engine.family).
_FAMILIES: dict[tuple[Any, ...], tuple[list[Source], Any]] = {}


class NotComputable(Exception):
    def __init__(self, reason: Msg):
        super().__init__(reason.key)
        self.reason = reason


def _step(key: str, label: Msg, amount: Decimal | None, source: Source,
          figure: Mapping[str, Any] | None = None, article: str | None = None) -> Step:
    doc_id, title = cited_document(None if article else figure, source)
    return Step(key, label, amount, cited(doc_id, title, article or (figure or {}).get("cite")),
                (figure or {}).get("reading"))


def _gap(value: Value | None, what: Any) -> None:
    if value is None:
        return
    if value.status == "deferred":
        raise NotComputable(msg("reason.deferred", what=what,
                                          authority=value.figure["deferred_to"]))
    if value.status == "unknown":
        raise NotComputable(msg("reason.unknown_parameter", what=what))


def select_tier(fam: Json, case: Case, ep: Episode, setting: str | None = None) -> Json | None:
    """The tier for the episode's facility; an out-of-area episode takes an
    out-of-area tier when one fits, else the home tier of the same level."""
    tiers = fam.get("tiers") or []

    def fits(tier: Json, out: bool) -> bool:
        return (ep.facility in tier["facilities"] and tier.get("out_of_area", False) == out
                and (setting is None or tier.get("setting") in (None, setting))
                and (tier.get("when") is None or matches(tier["when"], case, ep)))

    for out in ([True, False] if ep.out_of_area else [False]):
        for tier in tiers:
            if fits(tier, out):
                found: Json = tier
                return found
    return None


# A yearly limit resolved: (state key, amount, the message of the step it makes when it
# limits an episode, the step's citation and reading).
Cap = tuple[str, Decimal, Shape, "Citation | None", Any]
# One band of a banded schedule: (upper end or None, rate after adjustments, the message
# of its step, the step's citation and reading).
Band = tuple[Decimal | None, Decimal, Shape, "Citation | None", Any]


def _cites(source: Source, figure: Json) -> tuple[Citation | None, Any]:
    """The citation and reading of a step about *figure* (as ``_step`` gives them)."""
    return cited(*cited_document(figure, source), figure.get("cite")), figure.get("reading")


@dataclass
class RatePlan:
    spec: Json
    adjustments: list[Json]
    source: Source
    # Lower rates in the first years of a flexible worker's cover, if the family has them.
    new_member: Json | None = None


class Engine:
    """Basic-insurance computation for one episode of a case."""

    def __init__(self, case: Case, ep: Episode, current: list[Source], state: YearState):
        self.case = case
        self.ep = ep
        self.current = current
        self.state = state
        self.region = case.region
        self.params = case.parameters
        # Where a banded schedule ends (see Basic.covered); None: it does not end.
        self.schedule_end: Decimal | None = None
        # The part of the eligible cost inside the yearly limits measured on cost
        # (see cost_room); None: no such limit applies.
        self.counted: Decimal | None = None
        # Rates of the first years of a flexible worker's cover (new_member_rates).
        self.waiting = False
        self.notes: list[Msg] = []
        # The rates used may be too high (a flexible worker without the first month
        # paid): what the person pays is then a lower bound.
        self.rates_may_be_lower = False
        # Another payer pays part of the bill first by an unstated amount: what the fund
        # and the person pay are then upper bounds.
        self.others_pay_first = False

    # -- helpers -----------------------------------------------------------
    def value(self, figure: Json | None, inpatient_deductible: Decimal | None = None
              ) -> Value | None:
        return resolve(figure, self.region, self.params, inpatient_deductible)

    def family(self, name: str) -> tuple[Source, Json]:
        found: tuple[Source, Json] | Msg = remembered(
            _FAMILIES, self.current, (name,), lambda: _family_or_reason(self.current, name))
        if isinstance(found, Msg):
            raise NotComputable(found)
        return found

    def inpatient_plan(self) -> tuple[Source, Json, Json]:
        source, fam = self.family("inpatient")
        tier = select_tier(fam, self.case, self.ep)
        if tier is None:
            raise NotComputable(msg("reason.no_tier", what=fam["label"],
                                              facility=FACILITY_LABEL[self.ep.facility]))
        return source, fam, tier

    def rate_plan(self, source: Source, fam: Json, rate: Json) -> RatePlan:
        adjustments: list[Json] = fam.get("adjustments") or _NONE
        if "same_as_inpatient" in rate:
            in_source, in_fam, in_tier = self.inpatient_plan()
            return RatePlan(in_tier["rate"], adjustments + (in_fam.get("adjustments") or []),
                            in_source)
        return RatePlan(rate, adjustments, source, fam.get("new_member_rates"))

    def deductible(self, source: Source, fam: Json, tier: Json, key: str,
                   steps: list[Step]) -> Decimal:
        figure = tier.get("deductible")
        label_key = "step.deductible"
        if tier.get("deductible_later") is not None and self.state.visits[key] > 0:
            figure = tier["deductible_later"]
            label_key = "step.deductible_later"
        if figure is None:
            return ZERO
        inpatient_deductible = None
        if "inpatient_fraction" in figure:
            _, _, in_tier = self.inpatient_plan()
            base = self.value(in_tier.get("deductible"))
            _gap(base, fam["label"])
            inpatient_deductible = base.amount if base else ZERO
        value = self.value(figure, inpatient_deductible)
        _gap(value, fam["label"])
        amount = value.amount if value and value.amount is not None else ZERO
        steps.append(_step("deductible", msg(label_key, tier=tier["label"]),
                           amount, source, figure))
        return amount

    def rate_terms(self, plan: RatePlan, steps: list[Step], what: Any, source: Source
                   ) -> tuple[Decimal | None, list[Band]]:
        """The rate after the matching adjustments (their steps and the rate's step go
        to *steps*): one flat rate, or (None and) the bands of a banded schedule, whose
        steps cite the figures through *source* (the plan's)."""
        change, used = rate_change(plan.adjustments, self.case, self.ep)
        steps += [adjustment_step(adj, plan.source) for adj in used]
        spec = plan.spec
        if "by_employment" in spec:
            column = "retired" if self.case.person.employment == "retired" else "in_service"
            spec = spec["by_employment"][column]
            steps.append(_step("rate_group", msg(
                f"step.rate_group.{column}"), None, plan.source, spec))
        if "bands" in spec:
            bands: list[Band] = []
            for band in spec["bands"]:
                value = self.value(band["rate"])
                _gap(value, what)
                assert value is not None and value.amount is not None
                rate = clamp_rate(value.amount + change)
                bands.append((band["up_to"]["value"] if band["up_to"] else None, rate,
                              Shape("step.band", low=None, high=None, rate=percent(rate)),
                              *_cites(source, band["rate"])))
            return None, bands
        value = self.value(spec)
        _gap(value, what)
        assert value is not None and value.amount is not None
        rate = clamp_rate(value.amount + change)
        steps.append(_step("rate", msg("step.rate", rate=percent(rate)), None,
                           plan.source, spec))
        return rate, []

    def pay_bands(self, eligible: Decimal, deductible: Decimal, bands: list[Band],
                  steps: list[Step]) -> Decimal:
        total = ZERO
        low = ZERO
        high: Decimal | None = None
        for high, rate, label, cite, reading in bands:
            start = max(low, deductible)
            end = eligible if high is None else min(eligible, high)
            if end > start:
                part = (end - start) * rate
                total += part
                steps.append(Step("band", label(f"{yuan(start):,.2f}", f"{yuan(end):,.2f}"),
                                  yuan(part), cite, reading))
            if high is not None:
                low = high
        self.schedule_end = high
        return total

    def resolve_caps(self, source: Source, caps: list[tuple[str, Json, Any]]) -> list[Cap]:
        """The caps that limit something, each with its step's message and citation."""
        resolved: list[Cap] = []
        for key, figure, label in caps:
            value = self.value(figure)
            if value is None or value.status == "unlimited":
                continue
            _gap(value, label)
            assert value.amount is not None
            resolved.append((key, value.amount, Shape("step.cap_year", pool=label, left=None),
                             *_cites(source, figure)))
        return resolved

    def charge(self, payment: Decimal, steps: list[Step], caps: list[Cap]) -> Decimal:
        """Limit *payment* to what each yearly cap has left; charge what is paid."""
        used = self.state.used
        for key, amount, label, cite, reading in caps:
            left = pos(amount - used[key])
            if payment > left:
                payment = left
                steps.append(Step("cap_year", label(f"{yuan(left):,.2f}"), None, cite,
                                  reading))
        if caps:
            charged = yuan(payment)
            for cap in caps:
                used[cap[0]] += charged
        return payment

    def pool_caps(self, sources_fam: tuple[Source, Json], scheme_rules: Json) -> list[
            tuple[str, Json, Any]]:
        """The yearly limits on what the fund pays that this benefit counts against."""
        _, fam = sources_fam
        caps = []
        for pool in fam.get("pools") or []:
            entry = scheme_rules["pools"][pool]
            if entry.get("measured_on", "payment") == "payment":
                caps.append((f"pool:{pool}", entry["amount"], entry["label"]))
        return caps

    def cost_pools(self, source: Source, fam: Json) -> list[Cap]:
        """The family's yearly limits measured on eligible cost, each with its step's
        message and citation."""
        pools: list[Cap] = []
        for pool in fam.get("pools") or []:
            entry = source.rules["pools"][pool]
            if entry.get("measured_on") != "eligible_cost":
                continue
            value = self.value(entry["amount"])
            if value is None or value.status == "unlimited":
                continue
            _gap(value, entry["label"])
            assert value.amount is not None
            pools.append((f"pool:{pool}", value.amount, Shape(
                "step.cost_limit_year", pool=entry["label"],
                limit=f"{yuan(value.amount):,.2f}", counted=None),
                *_cites(source, entry["amount"])))
        return pools

    def count_within(self, pools: list[Cap], eligible: Decimal, steps: list[Step]
                     ) -> Decimal:
        if not pools:
            return eligible
        counted = eligible
        used = self.state.used
        for key, amount, label, cite, reading in pools:
            room = pos(amount - used[key])
            if room < counted:
                counted = room
                steps.append(Step("cost_limit_year", label(f"{yuan(room):,.2f}"), room,
                                  cite, reading))
        for pool in pools:
            used[pool[0]] += counted
        self.counted = counted
        return counted

    # -- kinds -------------------------------------------------------------
    def tiered(self, kind: str, eligible: Decimal) -> Basic:
        """A tiered family (inpatient, outpatient, …) through its compiled plan."""
        return self.run_plan(basic_plan.tier_plan(self, kind), eligible)

    def chronic(self, eligible: Decimal) -> Basic:
        """A chronic-disease visit through its compiled plan."""
        return self.run_plan(basic_plan.chronic_plan(self), eligible)

    def two_diseases(self, eligible: Decimal) -> Basic:
        """A hypertension or diabetes visit through its compiled plan."""
        return self.run_plan(basic_plan.two_diseases_plan(self), eligible)

    def maternity(self, eligible: Decimal) -> Basic:
        """A birth: paid as a hospital stay, or by quota through its compiled plan."""
        source, fam = self.family("maternity")
        if fam["method"] == "as_inpatient":
            return self.tiered("inpatient", eligible)
        return self.run_plan(basic_plan.maternity_plan(self, source, fam), eligible)

    def stage(self, plan: TierPlan) -> tuple[Stage, int] | None:
        """Kizilsu annex 1 一（一）4（1）: a person first insured as a flexible worker
        waits 6 months, then is paid at set rates by months of continuous payment
        (30% from 6 months, 60% from 1 year, the table's rates from 2 years). The
        months are whole calendar months from the first paid month to the month of
        admission: paid from September, a stay in March is in the seventh month.
        Without the first month paid, the table's rates (a lower bound on what the
        person pays)."""
        assert plan.stages is not None
        since = self.case.person.flexible_since
        if since is None:
            self.rates_may_be_lower = True
            if _SINCE_MISSING not in self.notes:
                self.notes.append(_SINCE_MISSING)
            return None
        day = self.ep.date
        months = max(0, (day.year - since.year) * 12 + day.month - since.month)
        for stage in plan.stages:
            if stage.months_from <= months and (stage.months_to is None
                                                or months < stage.months_to):
                return stage, months
        return None

    def run_plan(self, plan: TierPlan, eligible: Decimal) -> Basic:
        """(eligible within the cost limits − deductible) × rate, limited by the caps:
        the year's state against a compiled plan (maternity: the quota, then the rate
        above it)."""
        if plan.early is not None:
            raise NotComputable(plan.early)
        found = plan.first
        if plan.later is not None and self.state.visits[plan.visits] > 0:
            found = plan.later
        if isinstance(found, Msg):
            raise NotComputable(found)
        deductible, first_steps = found
        steps = list(first_steps)
        if plan.cost_gap is not None:
            raise NotComputable(plan.cost_gap)
        source = plan.source
        counted = self.count_within(plan.cost_pools, eligible, steps)
        found_stage = None if plan.stages is None else self.stage(plan)
        if found_stage is not None:
            # The stage's rate replaces the table and its adjustments.
            stage, paid_months = found_stage
            steps.append(Step("new_member", stage.label(str(paid_months)), None,
                              *stage.cite))
            if stage.rate is None:
                self.waiting = True
                payment = ZERO
            else:
                payment = pos(counted - deductible) * stage.rate
            if plan.late is not None:
                raise NotComputable(plan.late)
        else:
            if plan.rate_gap is not None:
                raise NotComputable(plan.rate_gap)
            if plan.late is not None:
                raise NotComputable(plan.late)
            steps += plan.rate_steps
            if plan.quota is not None:
                payment = min(plan.quota, counted)
                if plan.rate_above_quota:
                    above = pos(counted - plan.quota)
                    if plan.rate is not None:
                        payment += pos(above - ZERO) * plan.rate
                    else:
                        payment += self.pay_bands(above, ZERO, plan.bands, steps)
            elif plan.rate is not None:
                payment = pos(counted - deductible) * plan.rate
            else:
                payment = self.pay_bands(counted, deductible, plan.bands, steps)
        if plan.cap_visit is not None and payment > plan.cap_visit:
            payment = plan.cap_visit
            assert plan.cap_visit_step is not None
            steps.append(plan.cap_visit_step)
        payment = self.charge(payment, steps, plan.caps)
        if plan.counts_visit:
            self.state.visits[plan.visits] += 1
        if plan.notes:
            self.notes += plan.notes
        if plan.others_pay_first:
            self.others_pay_first = True
        return Basic(True, deductible=deductible, payment=payment, steps=steps, source=source,
                     major_illness_counts=plan.counts_major)


def basic_layer(case: Case, ep: Episode, current: list[Source], state: YearState,
                eligible: Decimal) -> Basic:
    engine = Engine(case, ep, current, state)
    try:
        if ep.kind == "chronic":
            result = engine.chronic(eligible)
        elif ep.kind == "two_diseases":
            result = engine.two_diseases(eligible)
        elif ep.kind == "maternity":
            result = engine.maternity(eligible)
        else:
            result = engine.tiered(ep.kind, eligible)
    except NotComputable as exc:
        return Basic(False, reason=exc.reason)
    result.payment = yuan(min(result.payment, eligible))
    covered = eligible if engine.counted is None else engine.counted
    result.in_cost_limit = engine.counted is not None
    result.covered = covered if engine.schedule_end is None else min(covered,
                                                                     engine.schedule_end)
    result.waiting = engine.waiting
    result.notes += engine.notes
    result.rates_may_be_lower = engine.rates_may_be_lower
    result.others_pay_first = engine.others_pay_first
    source = result.source
    if source is not None:
        # Cites the source's document, at the article of the step before it.
        last = result.steps[-1].cite if result.steps else None
        result.steps.append(Step("basic", _BASIC, result.payment, cited(
            source.doc_id, source.title, last.article if last is not None else None)))
    return result


# The compiled plans (basic_plan.py) are built with this module's Engine: imported
# last, as a module, so either module may be imported first.
from . import basic_plan  # noqa: E402
