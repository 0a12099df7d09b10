"""The chain for one person's year: episodes in date order, each through
classification → basic → supplementary → major illness → assistance, with
yearly caps and accumulations carried from one episode to the next."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from .assistance import assistance_layer, may_also_apply
from .basic import basic_layer
from .case import Case, Episode, parse_case
from .classify import classify
from .errors import CaseError, InternalError
from .major_illness import major_illness_layer
from .money import FEN, ZERO
from .msg import Msg, const
from .rules import Source, check_covered, sources_on, year_decided_by
from .supplementary import civil_servant_layer, supplementary_layer
from .trace import Step, YearState


def _deciding_date(case: Case, ep: Episode) -> tuple[list[Source], Any]:
    current = sources_on(case.region, case.scheme, ep.date, ep.index, "date")
    if ep.discharge_date is not None and year_decided_by(current) == "discharge":
        day = ep.discharge_date
        current = sources_on(case.region, case.scheme, day, ep.index, "discharge_date")
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


class EpisodeResult:
    """One episode's outcome: amounts as Decimal (rounded to the fen once, at the
    end), steps and notes as message records."""

    __slots__ = ("index", "kind", "date", "benefit_year", "computable", "reason", "cost",
                 "excluded", "class_b_self_pay", "eligible", "deductible", "basic",
                 "supplementary", "major_illness", "assistance", "out_of_pocket",
                 "out_of_pocket_at_most", "out_of_pocket_at_least", "steps", "notes")

    def __init__(self, ep: Episode, benefit_year: int, excluded: Decimal,
                 class_b_self_pay: Decimal, eligible: Decimal) -> None:
        self.index = ep.index
        self.kind = ep.kind
        self.date = ep.date
        self.benefit_year = benefit_year
        self.computable = True
        self.reason: Msg | None = None
        self.cost: Decimal | None = ep.cost.total
        self.excluded: Decimal | None = excluded
        self.class_b_self_pay: Decimal | None = class_b_self_pay
        self.eligible: Decimal | None = eligible
        self.deductible: Decimal | None = None
        self.basic: Decimal | None = None
        self.supplementary: Decimal | None = None
        self.major_illness: Decimal | None = None
        self.assistance: Decimal | None = None
        self.out_of_pocket: Decimal | None = None
        self.out_of_pocket_at_most = False
        self.out_of_pocket_at_least = False
        self.steps: list[Step] = []
        self.notes: list[Msg] = []

    def not_computable(self, reason: Msg | None) -> None:
        self.computable = False
        self.reason = reason


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
_OUT_OF_POCKET = const("step.out_of_pocket")
_LATER_LAYER = const("reason.later_layer")


def _episode(case: Case, ep: Episode, states: dict[int, YearState]) -> EpisodeResult:
    current, day = _deciding_date(case, ep)
    state = states[day.year]
    split = classify(ep, current)
    result = EpisodeResult(ep, day.year, split.excluded, split.class_b_self_pay,
                           split.eligible)
    steps = result.steps
    notes = result.notes
    steps += split.steps
    notes += split.notes
    if split.reason is not None:
        result.not_computable(split.reason)
        return _finish(result)
    basic = basic_layer(case, ep, current, state, split.eligible)
    steps += basic.steps
    if not basic.computable:
        result.not_computable(basic.reason)
        return _finish(result)
    result.deductible = basic.deductible
    result.basic = basic.payment
    notes += basic.notes
    if basic.rates_may_be_lower:
        result.out_of_pocket_at_least = True
    if basic.others_pay_first:
        result.out_of_pocket_at_most = True
    self_pay = split.eligible - basic.payment
    if basic.waiting:
        # Not yet entitled (a waiting period): no layer pays.
        result.supplementary = result.major_illness = result.assistance = ZERO
        result.out_of_pocket = ep.cost.total - basic.payment
        steps.append(Step("out_of_pocket", _OUT_OF_POCKET, result.out_of_pocket))
        return _finish(result)
    supp = supplementary_layer(current, state, split.eligible, self_pay,
                               basic.major_illness_counts and basic.in_cost_limit)
    steps += supp.steps
    self_pay -= supp.payment
    civil = civil_servant_layer(case, current, state, basic, self_pay)
    steps += civil.steps
    notes += civil.notes
    if civil.left_out:
        result.out_of_pocket_at_most = True
    result.supplementary = supp.payment + civil.payment
    self_pay -= civil.payment
    major = major_illness_layer(case, ep, current, state, self_pay,
                                basic.major_illness_counts)
    steps += major.steps
    notes += major.notes
    if major.uncapped:
        result.out_of_pocket_at_least = True
    paid = basic.payment + supp.payment + civil.payment
    remaining: Decimal | None = None
    if major.payment is None:
        result.not_computable(major.reason)
        result.out_of_pocket_at_most = True
    else:
        result.major_illness = major.payment
        paid += major.payment
        self_pay -= major.payment
        remaining = self_pay
    help_ = assistance_layer(case, ep, current, state, remaining,
                             _chronic_outpatient(ep, current))
    steps += help_.steps
    if help_.payment is None:
        if result.computable:
            result.not_computable(help_.reason)
            result.out_of_pocket_at_most = True
        elif help_.reason and help_.reason != result.reason:
            notes.append(help_.reason)
    else:
        result.assistance = help_.payment
        paid += help_.payment
        self_pay -= help_.payment
    if not result.computable:
        notes.append(_LATER_LAYER)
    result.out_of_pocket = ep.cost.total - paid
    state.remaining_self_pay += self_pay
    if basic.major_illness_counts and ep.kind != "outpatient":
        state.remaining_inpatient_self_pay += self_pay
    state.eligible_total += split.eligible
    state.paid_total += paid
    steps.append(Step("out_of_pocket", _OUT_OF_POCKET, result.out_of_pocket))
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


def _content(ep: Episode) -> tuple[Decimal, str, str, str]:
    """Same-day episodes: by bill, kind and facility, then everything else; flags such
    as a referral come last, so flipping one rarely moves an episode."""
    return ep.cost.total, ep.kind, ep.facility, repr(replace(ep, index=0))


def _guarded(case: Case, ep: Episode, states: dict[int, YearState]) -> EpisodeResult:
    """One episode; a fault of the estimator is reported with the episode it was in."""
    try:
        return _episode(case, ep, states)
    except CaseError:
        raise
    except Exception as exc:
        raise InternalError(f"episodes[{ep.index}]", exc) from exc


def run(case: Case) -> Result:
    check_covered(case.region, case.scheme)
    states: dict[int, YearState] = defaultdict(YearState)
    # Date order; episodes of the same day in an order of their own content, so
    # that the order of the input list never changes the year's result.
    per_day = Counter(e.date for e in case.episodes) if len(case.episodes) > 1 else {}
    order = sorted(case.episodes, key=lambda e: (
        e.date, _content(e) if per_day.get(e.date, 1) > 1 else _SINGLE, e.index))
    done = [_guarded(case, ep, states) for ep in order]
    episodes = sorted(done, key=lambda e: e.index)
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
