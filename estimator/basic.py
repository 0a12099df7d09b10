"""Layer 2: basic medical insurance — the pooled fund's share of one episode.

Each kind of episode finds its rule family in the documents in force, picks
the tier for the facility, and pays (eligible − deductible) × rate, limited
by per-visit caps, tier caps and the yearly cap pools the family names.
Which families exist, and every figure, come from the bundle.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .case import Case, Episode
from .conditions import adjustment_step, matches, rate_change
from .labels import FACILITY_LABEL, KIND_LABEL
from .messages import LANGS, percent
from .money import ZERO, clamp_rate, pos, yuan
from .msg import Msg, Shape, const, msg, shape
from .rules import Json, Source, Value, cited_document, family, remembered, resolve
from .trace import EpisodeResult, Frame, Step, YearState, cited, frame, step

if TYPE_CHECKING:
    from .basic_plan import Stage, TierPlan

# When a quota table is keyed by hospital level, the level of each kind of
# facility (township health centres are level 1, county hospitals level 2, as
# the Hotan measures' Art. 24 (4) 1–2 say).
FACILITY_LEVEL = {"village": "level1", "township": "level1", "county": "level2",
                  "level1": "level1", "level2": "level2", "level3": "level3",
                  "pharmacy": "level1"}


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
    return step(key, label, amount, cited(doc_id, title, article or (figure or {}).get("cite")),
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
# limits an episode, and that step's frame).
Cap = tuple[str, Decimal, Shape, Frame]
# One band of a banded schedule: (upper end or None, rate after adjustments, the message
# of its step, and that step's frame).
Band = tuple[Decimal | None, Decimal, Shape, Frame]


def _framed(key: str, label: Shape, source: Source, figure: Json) -> tuple[Shape, Frame]:
    """A step's message about *figure* and the step's frame, citing it as ``_step``
    does."""
    return label, frame(key, label, cited(*cited_document(figure, source), figure.get("cite")),
                        figure.get("reading"))


@dataclass
class RatePlan:
    spec: Json
    adjustments: list[Json]
    source: Source
    # Lower rates in the first years of a flexible worker's cover, if the family has them.
    new_member: Json | None = None


class Engine:
    """The basic fund's rules read for one episode of a case: the helpers the plans
    (basic_plan.py) are compiled with. An episode is then paid by its plan
    (``basic_layer``), without an Engine."""

    def __init__(self, case: Case, ep: Episode, current: list[Source], state: YearState):
        self.case = case
        self.ep = ep
        self.current = current
        self.state = state
        self.region = case.region
        self.params = case.parameters

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
                              *_framed("band", shape("step.band", low=None, high=None,
                                                     rate=percent(rate)),
                                       source, band["rate"])))
            return None, bands
        value = self.value(spec)
        _gap(value, what)
        assert value is not None and value.amount is not None
        rate = clamp_rate(value.amount + change)
        steps.append(_step("rate", msg("step.rate", rate=percent(rate)), None,
                           plan.source, spec))
        return rate, []

    def resolve_caps(self, source: Source, caps: list[tuple[str, Json, Any]]) -> list[Cap]:
        """The caps that limit something, each with its step's message and citation."""
        resolved: list[Cap] = []
        for key, figure, label in caps:
            value = self.value(figure)
            if value is None or value.status == "unlimited":
                continue
            _gap(value, label)
            assert value.amount is not None
            resolved.append((key, value.amount, *_framed(
                "cap_year", shape("step.cap_year", pool=label, left=None), source, figure)))
        return resolved

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
            pools.append((f"pool:{pool}", value.amount, *_framed("cost_limit_year", shape(
                "step.cost_limit_year", pool=entry["label"],
                limit=f"{yuan(value.amount):,.2f}", counted=None), source, entry["amount"])))
        return pools



def _pay_bands(eligible: Decimal, deductible: Decimal, bands: list[Band], steps: list[Step]
               ) -> Decimal:
    total = ZERO
    low = ZERO
    for high, rate, label, made in bands:
        start = max(low, deductible)
        end = eligible if high is None else min(eligible, high)
        if end > start:
            part = (end - start) * rate
            total += part
            steps.append(Step(made, yuan(part),
                              label(f"{yuan(start):,.2f}", f"{yuan(end):,.2f}")))
        if high is not None:
            low = high
    return total


def _charge(state: YearState, payment: Decimal, steps: list[Step], caps: list[Cap]
            ) -> Decimal:
    """Limit *payment* to what each yearly cap has left; charge what is paid."""
    used = state.used
    for key, amount, label, made in caps:
        left = pos(amount - used[key])
        if payment > left:
            payment = left
            steps.append(Step(made, None, label(f"{yuan(left):,.2f}")))
    if caps:
        charged = yuan(payment)
        for cap in caps:
            used[cap[0]] += charged
    return payment


def _count_within(state: YearState, pools: list[Cap], eligible: Decimal, steps: list[Step]
                  ) -> Decimal:
    """The part of the eligible cost inside the yearly limits measured on cost (counted
    against them)."""
    counted = eligible
    used = state.used
    for key, amount, label, made in pools:
        room = pos(amount - used[key])
        if room < counted:
            counted = room
            steps.append(Step(made, room, label(f"{yuan(room):,.2f}")))
    for pool in pools:
        used[pool[0]] += counted
    return counted


def _stage(plan: TierPlan, case: Case, ep: Episode) -> tuple[Stage, int] | None:
    """Kizilsu annex 1 一（一）4（1）: a person first insured as a flexible worker
    waits 6 months, then is paid at set rates by months of continuous payment
    (30% from 6 months, 60% from 1 year, the table's rates from 2 years). The
    months are whole calendar months from the first paid month to the month of
    admission: paid from September, a stay in March is in the seventh month.
    Without the first month paid (None here), the table's rates (a lower bound on
    what the person pays)."""
    assert plan.stages is not None
    since = case.person.flexible_since
    if since is None:
        return None
    day = ep.date
    months = max(0, (day.year - since.year) * 12 + day.month - since.month)
    for stage in plan.stages:
        if stage.months_from <= months and (stage.months_to is None
                                            or months < stage.months_to):
            return stage, months
    return None


def _stop(r: EpisodeResult, reason: Msg) -> bool:
    r.not_computable(reason)
    return False


def basic_layer(case: Case, ep: Episode, plan: TierPlan, state: YearState,
                r: EpisodeResult) -> bool:
    """The fund's share of the episode by its compiled plan (basic_plan.plan_for):
    (eligible within the cost limits − deductible) × rate, limited by the caps (for
    maternity by quota: the quota, then the rate above it), against the year's state.
    Written into the episode's record with its steps and notes, and what the later
    layers read; False (the record says why) when the plan cannot be applied, and then
    none of the layer's steps are kept."""
    if plan.early is not None:
        return _stop(r, plan.early)
    found = plan.first
    if plan.later is not None and state.visits[plan.visits] > 0:
        found = plan.later
    if isinstance(found, Msg):
        return _stop(r, found)
    if plan.cost_gap is not None:
        return _stop(r, plan.cost_gap)
    deductible, first_steps = found
    eligible = r.eligible
    assert eligible is not None
    steps = list(first_steps)
    counted = eligible
    if plan.cost_pools:
        counted = _count_within(state, plan.cost_pools, eligible, steps)
    stage = None if plan.stages is None else _stage(plan, case, ep)
    if plan.late is not None:
        return _stop(r, plan.late)
    end: Decimal | None = None
    waiting = False
    if stage is not None:
        # The stage's rate replaces the table and its adjustments.
        found_stage, paid_months = stage
        steps.append(Step(found_stage.frame, None, found_stage.label(str(paid_months))))
        if found_stage.rate is None:
            waiting = True
            payment = ZERO
        else:
            payment = pos(counted - deductible) * found_stage.rate
    else:
        if plan.rate_gap is not None:
            return _stop(r, plan.rate_gap)
        steps += plan.rate_steps
        if plan.quota is not None:
            payment = min(plan.quota, counted)
            if plan.rate_above_quota:
                above = pos(counted - plan.quota)
                if plan.rate is not None:
                    payment += pos(above - ZERO) * plan.rate
                else:
                    payment += _pay_bands(above, ZERO, plan.bands, steps)
                    end = plan.bands[-1][0] if plan.bands else None
        elif plan.rate is not None:
            payment = pos(counted - deductible) * plan.rate
        else:
            payment = _pay_bands(counted, deductible, plan.bands, steps)
            end = plan.bands[-1][0] if plan.bands else None
    capped = False
    if plan.cap_visit is not None and payment > plan.cap_visit:
        payment = plan.cap_visit
        assert plan.cap_visit_step is not None
        steps.append(plan.cap_visit_step)
        capped = True
    if plan.caps:
        before = len(steps)
        payment = _charge(state, payment, steps, plan.caps)
        capped = capped or len(steps) > before
    if plan.counts_visit:
        state.visits[plan.visits] += 1
    payment = yuan(min(payment, eligible))
    # Cites the source's document, at the article of the step before it.
    last = steps[-1].cite if steps else None
    article = last.article if last is not None else None
    made = plan.basic_frames.get(article)
    if made is None:
        source = plan.source
        made = plan.basic_frames[article] = frame(
            "basic", _BASIC, cited(source.doc_id, source.title, article))
    steps.append(Step(made, payment))
    r.steps += steps
    if plan.stages is not None and stage is None and case.person.flexible_since is None:
        # The table's rates for a flexible worker who did not give the first month paid.
        r.notes.append(_SINCE_MISSING)
        r.out_of_pocket_at_least = True
    r.notes += plan.notes
    if plan.others_pay_first:
        r.out_of_pocket_at_most = True
    r.deductible = deductible
    r.basic = payment
    r.counts_major = plan.counts_major
    r.in_cost_limit = bool(plan.cost_pools)
    covered = counted
    r.covered = covered if end is None else min(covered, end)
    r.capped = capped
    r.waiting = waiting
    return True
