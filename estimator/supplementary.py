"""Layer 3: employee large supplementary insurance (大额补充医疗保险) and the
civil-servant medical subsidy, on the year's accumulated eligible cost."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from . import messages
from .bands import BandTable
from .case import Case
from .messages import Text, percent
from .money import ZERO, pos, yuan
from .msg import Shape, const, msg, shape
from .rules import Json, Source, cited_document, family, remembered
from .trace import EpisodeResult, Frame, Step, YearState, cited, frame


class SupplementaryPlan:
    """The large supplementary insurance compiled once per documents in force: its
    schedule (the first group's bands), yearly cap, citation and reading, and the step's
    message for each set of bands an episode's cost falls in."""

    __slots__ = ("bands", "table", "cap", "cite", "reading", "frames")

    def __init__(self, source: Source, rules: Json) -> None:
        group = rules["groups"][0]
        self.bands: Json = group["bands"]
        self.table = BandTable(self.bands)
        cap = group.get("annual_cap") or {}
        self.cap: Decimal | None = cap["value"] if "value" in cap else None
        self.cite = cited(source.doc_id, source.title, rules["cite"])
        self.reading = self.bands.get("reading")
        self.frames: dict[tuple[int, ...], tuple[Shape, Frame]] = {}

    def label(self, before: Decimal, after: Decimal) -> tuple[Shape, Frame]:
        """The step's message for the bands the year's cost from *before* to *after*
        falls in, e.g. "120,000–220,000 yuan at 90%" (made once per set of bands)."""
        low = ZERO
        paying: list[int] = []
        for i, band in enumerate(self.bands["bands"]):
            high = band["up_to"]["value"] if band["up_to"] else None
            rate = band["rate"].get("value", ZERO)
            if rate > ZERO and (high is None or high > before) and after > low:
                paying.append(i)
            if high is not None:
                low = high
        key = tuple(paying)
        found = self.frames.get(key)
        if found is None:
            label = shape("step.supplementary", cumulative=None,
                          bands=_paying_bands(self.bands, key))
            found = self.frames[key] = (label, frame("supplementary", label, self.cite,
                                                     self.reading))
        return found


_PLANS: dict[tuple[Any, ...], tuple[list[Source], Any]] = {}


def plan_for(current: list[Source]) -> SupplementaryPlan | None:
    """The large supplementary insurance in force (None: none)."""
    plan: SupplementaryPlan | None = remembered(_PLANS, current, (), lambda: _compile(current))
    return plan


def _compile(current: list[Source]) -> SupplementaryPlan | None:
    found = family(current, "supplementary")
    return None if found is None else SupplementaryPlan(*found)


def supplementary_layer(plan: SupplementaryPlan | None, state: YearState, r: EpisodeResult,
                        self_pay: Decimal) -> Decimal:
    """Kizilsu annex 1 二（三）: the banded part of the year's eligible cost above the
    basic fund's yearly limit (120,000), never more than what the basic fund left to the
    person in this episode (its step into the episode's record). Only care that counts
    towards that limit counts here (``in_cost_limit``, inpatient-type care): care outside
    it never reaches the limit."""
    if plan is None or not (r.counts_major and r.in_cost_limit):
        return ZERO
    eligible = r.eligible
    assert eligible is not None
    before = state.supplementary_base
    after = before + eligible
    state.supplementary_base = after
    pay = min(plan.table.increment(before, after, ZERO), self_pay)
    if plan.cap is not None:
        pay = min(pay, max(ZERO, plan.cap - state.used["supplementary"]))
    pay = yuan(pay)
    state.used["supplementary"] += pay
    if pay == ZERO:
        return ZERO
    label, made = plan.label(before, after)
    r.steps.append(Step(made, pay, label(f"{yuan(after):,.2f}")))
    return pay


def _paying_bands(bands: Json, paying: tuple[int, ...]) -> Text:
    """The bands an episode's cost falls in (by position), e.g. "120,000–220,000 yuan at
    90%"."""
    parts: list[Text] = []
    low = ZERO
    for i, band in enumerate(bands["bands"]):
        high = band["up_to"]["value"] if band["up_to"] else None
        if i in paying:
            parts.append(messages.text("part.band", low=f"{low:,.0f}",
                                       high=f"{high:,.0f}" if high is not None else "…",
                                       rate=percent(band["rate"].get("value", ZERO))))
        if high is not None:
            low = high
    return {lang: messages.template("fmt.list_sep", lang).join(p[lang] for p in parts)
            for lang in messages.LANGS}


def civil_servant_layer(case: Case, current: list[Source], state: YearState,
                        r: EpisodeResult, self_pay: Decimal) -> Decimal:
    """Kizilsu annex 1 五（一）3: of the eligible cost a civil servant pays at the fund's
    rates (special chronic outpatient and inpatient care, below the fund's yearly
    limit), the part of the year's total above 1% of the yearly wage is paid at 90%
    (its step and notes into the episode's record).

    ``self_pay`` is what the basic fund and the large supplementary insurance left of
    this episode's eligible cost; the subsidy counts only the co-payment "按比例由个人
    自付" below the fund's limit: ``r.covered`` less the deductible and what the
    fund paid (the deductible is not paid "by ratio"; the second reader's reading).
    Outpatient-type care other than chronic diseases does not count (the same scope as
    major-illness insurance). When the subsidy may be due but cannot be counted, what
    the person pays is an upper bound."""
    if not case.person.civil_servant:
        return ZERO
    found = family(current, "civil_servant_subsidy")
    assert r.deductible is not None and r.basic is not None
    base = min(self_pay, pos(r.covered - r.deductible - r.basic))
    if found is None or not r.counts_major or base <= ZERO:
        return ZERO
    source, rules = found
    figures = rules["figures"]
    salary = case.person.annual_salary
    if salary is None:
        r.notes.append(const("note.civil_servant_needs_salary"))
        r.out_of_pocket_at_most = True
        return ZERO
    if r.capped:
        # A cap stopped the fund inside its schedule: part of this bill lies above the
        # fund's limit, and the text gives no way to split the person's share there.
        r.notes.append(const("note.civil_servant_above_limit"))
        r.out_of_pocket_at_most = True
        return ZERO
    threshold = yuan(salary * figures["threshold_fraction_of_annual_wage"]["value"])
    rate = figures["rate"]["value"]
    before = state.civil_servant_base
    after = before + base
    state.civil_servant_base = after
    pay = yuan((pos(after - threshold) - pos(before - threshold)) * rate)
    if pay == ZERO:
        return ZERO
    label = msg("step.civil_servant", cumulative=f"{yuan(after):,.2f}",
                threshold=f"{threshold:,.2f}", rate=percent(rate))
    # Its message carries the year's amounts: a frame of its own (not kept).
    r.steps.append(Step(Frame("civil_servant_subsidy", label, cited(
        *cited_document(figures["rate"], source), figures["rate"]["cite"]),
        figures["rate"].get("reading")), pay))
    return pay
