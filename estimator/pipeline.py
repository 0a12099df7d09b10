"""The chain for one person's year: episodes in date order, each through
classification → basic → supplementary → major illness → assistance, with
yearly caps and accumulations carried from one episode to the next."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal
from operator import attrgetter
from typing import Any

from . import assistance, basic_plan, major_illness, supplementary
from .assistance import AssistancePlan, assistance_layer, may_also_apply
from .basic import basic_layer
from .basic_plan import TierPlan
from .case import Case, Episode, parse_case
from .classify import classify, sharing
from .errors import CaseError, InternalError
from .major_illness import MajorPlan, major_illness_layer
from .money import FEN, ZERO
from .msg import Msg, const
from .rules import Source, check_covered, remembered, sources_on, year_decided_by
from .supplementary import SupplementaryPlan, civil_servant_layer, supplementary_layer
from .trace import EpisodeResult, Step, YearState, frame


def _deciding_date(case: Case, ep: Episode) -> tuple[list[Source], Any]:
    current = sources_on(case.region, case.scheme, ep.date, ep.index, "date")
    if ep.discharge_date is not None and year_decided_by(current) == "discharge":
        day = ep.discharge_date
        current = sources_on(case.region, case.scheme, day, ep.index, "discharge_date")
        return current, day
    return current, ep.date


class EpisodePlan:
    """Every layer's plan for one kind of episode under the documents in force, found
    with one look-up per episode, keyed by all that any of them reads (``plan_key``).
    Classification's plan is compiled at once; the others when their layer first needs
    them, as each layer would compile its own (a layer an episode never reaches never
    reads its rules)."""

    __slots__ = ("current", "sharing", "_basic", "_supplementary", "_major", "_assistance")

    def __init__(self, current: list[Source]) -> None:
        self.current = current
        self.sharing = sharing(current)
        self._basic: TierPlan | None = None
        self._supplementary: tuple[SupplementaryPlan | None] | None = None
        self._major: tuple[MajorPlan | None] | None = None
        self._assistance: tuple[AssistancePlan | None] | None = None

    def basic(self, case: Case, ep: Episode) -> TierPlan:
        found = self._basic
        if found is None:
            found = self._basic = basic_plan.plan_for(case, ep, self.current)
        return found

    def supplementary(self) -> SupplementaryPlan | None:
        found = self._supplementary
        if found is None:
            found = self._supplementary = (supplementary.plan_for(self.current),)
        return found[0]

    def major(self, case: Case, ep: Episode) -> MajorPlan | None:
        found = self._major
        if found is None:
            found = self._major = (major_illness.plan_for(case, ep, self.current),)
        return found[0]

    def assistance(self, case: Case, ep: Episode) -> AssistancePlan | None:
        found = self._assistance
        if found is None:
            found = self._assistance = (assistance.plan_for(case, ep, self.current),)
        return found[0]


def person_key(case: Case) -> tuple[Any, ...]:
    """What of the person and the case any layer's plan reads: ``conditions.facts``'s
    part and the assistance category with the enrollment incentives (major illness)."""
    person = case.person
    return (person.age, person.employment, person.civil_servant,
            person.assistance_category, person.continuous_years,
            person.zero_claim_last_year, person.rejoined_after_gap,
            *case.parameters.items())


_PLANS: dict[tuple[Any, ...], tuple[list[Source], Any]] = {}


def plan_key(ep: Episode, person: tuple[Any, ...]) -> tuple[Any, ...]:
    """What of the episode any layer's plan reads (its kind and the kind's details,
    ``conditions.facts``'s part), with the person's (``person_key``)."""
    return (ep.kind, ep.disease, ep.condition, ep.both_conditions, ep.delivery, ep.babies,
            ep.facility, ep.out_of_area, ep.out_of_area_registered, ep.referral, ep.setting,
            person)


class Result:
    """One person's year, before it is put into words (see render.py)."""

    __slots__ = ("region", "scheme", "computable", "totals", "out_of_pocket_at_most",
                 "out_of_pocket_at_least", "episodes", "may_also_apply", "notes")

    def __init__(self, region: str, scheme: str, episodes: list[EpisodeResult],
                 also: list[tuple[int, Step]], notes: list[Msg]) -> None:
        self.region = region
        self.scheme = scheme
        self.episodes = episodes
        self.may_also_apply = also
        self.notes = notes
        self.computable = all(e.computable for e in episodes)
        self.totals = _totals(episodes)
        self.out_of_pocket_at_most = any(e.out_of_pocket_at_most for e in episodes)
        self.out_of_pocket_at_least = any(e.out_of_pocket_at_least for e in episodes)


TOTALS = ("cost", "basic", "supplementary", "major_illness", "assistance", "out_of_pocket")
_OUT_OF_POCKET = frame("out_of_pocket", const("step.out_of_pocket"))
_LATER_LAYER = const("reason.later_layer")


def _episode(case: Case, ep: Episode, states: dict[int, YearState], person: tuple[Any, ...]
             ) -> EpisodeResult:
    current, day = _deciding_date(case, ep)
    state = states[day.year]
    plans: EpisodePlan = remembered(_PLANS, current, plan_key(ep, person),
                                    lambda: EpisodePlan(current))
    result = EpisodeResult(ep, day.year)
    reason = classify(ep, plans.sharing, result)
    if reason is not None:
        result.not_computable(reason)
        return _finish(result)
    if not basic_layer(case, ep, plans.basic(case, ep), state, result):
        return _finish(result)
    eligible = result.eligible
    basic = result.basic
    assert eligible is not None and basic is not None
    steps = result.steps
    self_pay = eligible - basic
    if result.waiting:
        # Not yet entitled (a waiting period): no layer pays.
        result.supplementary = result.major_illness = result.assistance = ZERO
        result.out_of_pocket = ep.cost.total - basic
        steps.append(Step(_OUT_OF_POCKET, result.out_of_pocket))
        return _finish(result)
    supp = supplementary_layer(plans.supplementary(), state, result, self_pay)
    self_pay -= supp
    civil = civil_servant_layer(case, current, state, result, self_pay)
    result.supplementary = supp + civil
    self_pay -= civil
    major = major_illness_layer(plans.major(case, ep) if result.counts_major else None,
                                state, self_pay, result)
    paid = basic + supp + civil
    remaining: Decimal | None = None
    if isinstance(major, Msg):
        result.not_computable(major)
        result.out_of_pocket_at_most = True
    else:
        result.major_illness = major
        paid += major
        self_pay -= major
        remaining = self_pay
    help_ = assistance_layer(plans.assistance(case, ep), state, remaining, result)
    if isinstance(help_, Msg):
        if result.computable:
            result.not_computable(help_)
            result.out_of_pocket_at_most = True
        elif help_ != result.reason:
            result.notes.append(help_)
    else:
        result.assistance = help_
        paid += help_
        self_pay -= help_
    if not result.computable:
        result.notes.append(_LATER_LAYER)
    result.out_of_pocket = ep.cost.total - paid
    state.remaining_self_pay += self_pay
    if result.counts_major and ep.kind != "outpatient":
        state.remaining_inpatient_self_pay += self_pay
    state.eligible_total += eligible
    state.paid_total += paid
    steps.append(Step(_OUT_OF_POCKET, result.out_of_pocket))
    return _finish(result)


def _finish(r: EpisodeResult) -> EpisodeResult:
    """Every amount rounded to the fen, once (written out: this runs for every
    episode, and a loop over the names costs half as much again)."""
    fen = FEN
    up = ROUND_HALF_UP
    if (v := r.cost) is not None:
        r.cost = v.quantize(fen, up)
    if (v := r.excluded) is not None:
        r.excluded = v.quantize(fen, up)
    if (v := r.class_b_self_pay) is not None:
        r.class_b_self_pay = v.quantize(fen, up)
    if (v := r.deductible) is not None:
        r.deductible = v.quantize(fen, up)
    if (v := r.eligible) is not None:
        r.eligible = v.quantize(fen, up)
    if (v := r.basic) is not None:
        r.basic = v.quantize(fen, up)
    if (v := r.supplementary) is not None:
        r.supplementary = v.quantize(fen, up)
    if (v := r.major_illness) is not None:
        r.major_illness = v.quantize(fen, up)
    if (v := r.assistance) is not None:
        r.assistance = v.quantize(fen, up)
    if (v := r.out_of_pocket) is not None:
        r.out_of_pocket = v.quantize(fen, up)
    return r


def _totals(episodes: list[EpisodeResult]) -> dict[str, Decimal | None]:
    """The year's totals, summed as Decimal in episode order; a total is unknown
    (None) when any of its episodes' amounts is unknown."""
    cost: Decimal | None = ZERO
    basic: Decimal | None = ZERO
    supplementary: Decimal | None = ZERO
    major: Decimal | None = ZERO
    assistance: Decimal | None = ZERO
    out: Decimal | None = ZERO
    for e in episodes:
        cost = None if cost is None or e.cost is None else cost + e.cost
        basic = None if basic is None or e.basic is None else basic + e.basic
        supplementary = None if supplementary is None or e.supplementary is None \
            else supplementary + e.supplementary
        major = None if major is None or e.major_illness is None else major + e.major_illness
        assistance = None if assistance is None or e.assistance is None \
            else assistance + e.assistance
        out = None if out is None or e.out_of_pocket is None else out + e.out_of_pocket
    return dict(zip(TOTALS, (cost, basic, supplementary, major, assistance, out),
                    strict=True))


_SINGLE = (ZERO, "", "", "")
# Episodes each on a day of its own: by date alone (no tie to break).
_DATE = attrgetter("date")
_INDEX = attrgetter("index")


def _content(ep: Episode) -> tuple[Decimal, str, str, str]:
    """Same-day episodes: by bill, kind and facility, then everything else; flags such
    as a referral come last, so flipping one rarely moves an episode."""
    return ep.cost.total, ep.kind, ep.facility, repr(replace(ep, index=0))


def _guarded(case: Case, ep: Episode, states: dict[int, YearState], person: tuple[Any, ...]
             ) -> EpisodeResult:
    """One episode; a fault of the estimator is reported with the episode it was in."""
    try:
        return _episode(case, ep, states, person)
    except CaseError:
        raise
    except Exception as exc:
        raise InternalError(f"episodes[{ep.index}]", exc) from exc


def run(case: Case) -> Result:
    check_covered(case.region, case.scheme)
    states: dict[int, YearState] = defaultdict(YearState)
    # Date order; episodes of the same day in an order of their own content, so
    # that the order of the input list never changes the year's result.
    days = [e.date for e in case.episodes]
    if len(set(days)) == len(days):
        order = sorted(case.episodes, key=_DATE)
    else:
        per_day = Counter(days)
        order = sorted(case.episodes, key=lambda e: (
            e.date, _content(e) if per_day[e.date] > 1 else _SINGLE, e.index))
    person = person_key(case)
    done = [_guarded(case, ep, states, person) for ep in order]
    episodes = sorted(done, key=_INDEX)
    also: list[tuple[int, Step]] = []
    if order:
        last = order[-1]
        current, _ = _deciding_date(case, last)
        for year in sorted(states):
            for item in may_also_apply(case, current, states[year]):
                also.append((year, item))
    notes: list[Msg] = []
    for ep_result in episodes:
        for note in ep_result.notes:
            if note not in notes:
                notes.append(note)
    return Result(case.region, case.scheme, episodes, also, notes)


def estimate(case: Any) -> Result:
    """Estimate one person's year of care: message keys with their parameters,
    amounts (Decimal, rounded to the fen) and citation references, no text yet.
    ``render(result, lang)`` puts it into words: one of zh, ug, en, or ``"all"``
    for the three-language form. Raises CaseError for invalid input."""
    return run(parse_case(case))


def evaluate(case: Any) -> Result:
    """The earlier name of ``estimate`` (the same keyed result), kept for callers
    written while ``estimate`` still gave the three-language form."""
    return run(parse_case(case))
