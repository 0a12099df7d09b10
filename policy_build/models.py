"""The shape of one policy document's data (policy_data/*.yaml).

One file per source document. Every figure is a *Figure*: a value with its
unit and citation, or an explicit record that the document leaves the figure
to another authority (``deferred_to``), defines it as a fraction of an
external parameter (``fraction_of``), or sets no limit (``unlimited``).
Labels are written in Chinese; their translations come from the gettext
catalogs (``locales/<lang>/LC_MESSAGES/data.po``).

The estimator reads the compiled bundle, never this module: these models are
the schema staff's editors use (``policy_data/schema.json``) and the strict
check behind ``python build.py check``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    field_validator,
    model_validator,
)

Unit = Literal["yuan", "rate", "days", "working_days", "months", "years", "count",
               "score", "items", "yuan_per_month",
               "yuan_per_year", "yuan_per_person_year"]
Facility = Literal["village", "township", "county", "level1", "level2", "level3", "pharmacy"]
Employment = Literal["in_service", "retired", "flexible", "unemployed"]
Category = Literal["destitute", "dibao", "dibao_edge", "at_risk", "illness_poverty"]
Scheme = Literal["resident", "employee"]
# A region is an id of policy_data/regions.yaml (the registry, see RegionEntry): the
# schema files get its list as an enum at build time (policy_build/regions.py), and
# `build.py check` refuses an id the registry does not list, with a "did you mean".
Region = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
Parameter = Literal["per_capita_disposable_income"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Label(BaseModel):
    """A text of the data: its Chinese (``zh``), the only key written in the YAML.

    Every other language lives in ``locales/<lang>/LC_MESSAGES/data.po`` (msgctxt: the
    label's data path); the loader attaches each as one more key (``ug``, ``en``, …)
    before validation (policy_build/translations.py), ``null`` where the catalog has
    no current translation (the site then shows the Chinese with a marker)."""

    model_config = ConfigDict(extra="allow", frozen=True,
                              json_schema_extra={"additionalProperties": False})
    __pydantic_extra__: dict[str, str | None] = Field(init=False)  # type: ignore[assignment]

    zh: str


class Proviso(Strict):
    """A condition that belongs to a figure, a table row or a benefit (每次住院, only
    at designated hospitals, only with long-term out-of-area registration, …): the
    site shows it next to what it qualifies, in the same table row."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: Label
    cite: str = Field(min_length=2)


Provisos = list[Proviso] | None


class Cited(Strict):
    cite: str = Field(min_length=2, description="Article/annex/item, e.g. 第二十四条（四）1")
    reading: Label | None = Field(
        default=None, description="Where the text is ambiguous: the reading chosen and why")
    conditions: Provisos = Field(
        default=None, description="Conditions the figure holds under, shown beside it")

    @field_validator("cite")
    @classmethod
    def _cite_not_blank(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("citation is empty: name the article or item")
        return v


OWN_DATES_HELP = ("a figure has no dates of its own: write its values by date instead "
                  "(values: [{from: YYYY-MM-DD, value, cite}, …], see policy_data/README.md), "
                  "or amend it from a date with an amendment file")


def _check_value(value: Decimal, unit: str) -> None:
    if unit == "rate" and not (Decimal(-1) <= value <= Decimal(1)):
        raise ValueError(f"rate {value} is outside 0–1 (write 90% as 0.90)")
    if unit != "rate" and value < 0:
        raise ValueError(f"{unit} value {value} is negative")


class Amount(Cited):
    """A figure the document states."""

    value: Decimal
    unit: Unit

    @model_validator(mode="before")
    @classmethod
    def _no_own_dates(cls, data: Any) -> Any:
        # The estimator never read these keys: refuse them rather than accept a date
        # that changes nothing (issue 10).
        if isinstance(data, dict) and ({"effective_from", "effective_until"} & set(data)):
            raise ValueError(OWN_DATES_HELP)
        return data

    @model_validator(mode="after")
    def _check(self) -> Amount:
        _check_value(self.value, self.unit)
        return self


class DatedValue(Cited):
    """One value of a dated figure: in force from ``from`` (included) until the day
    before the next value's ``from``, the last one until the document expires."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    from_: dt.date = Field(alias="from")
    value: Decimal
    document: str | None = Field(
        default=None, description="Set by the compiler when an amendment document gives "
                                  "this value (its id); not written by hand")


class Dated(Strict):
    """A figure whose value changes on given dates, OpenFisca-style: the first value
    starts on the document's effective date, each later one on its ``from``."""

    unit: Unit
    values: list[DatedValue] = Field(min_length=1)

    @model_validator(mode="after")
    def _check(self) -> Dated:
        for i, item in enumerate(self.values):
            _check_value(item.value, self.unit)
            if i and item.from_ <= self.values[i - 1].from_:
                raise ValueError(f"values must be in date order without overlap: value "
                                 f"{i + 1} starts {item.from_}, not after value {i} "
                                 f"({self.values[i - 1].from_})")
        return self


class Deferred(Cited):
    """The document leaves this figure to another authority."""

    deferred_to: Label
    unit: Unit
    schedule: str | None = Field(
        default=None, description="The title of the instrument deferred to, where the "
                                  "text names it (《…》)")
    ask: Label | None = Field(
        default=None, description="What a resident should ask the office for")


class FractionOf(Cited):
    """A figure defined as a fraction of an external, staff-supplied parameter."""

    fraction_of: Parameter
    value: Decimal
    unit: Literal["rate"]

    @field_validator("value")
    @classmethod
    def _fraction(cls, v: Decimal) -> Decimal:
        if not (Decimal(0) < v <= Decimal(1)):
            raise ValueError(f"fraction {v} is outside 0–1")
        return v


class Unlimited(Cited):
    """The document says explicitly that there is no limit."""

    unlimited: Literal[True]
    unit: Unit


class InpatientFraction(Cited):
    """A deductible set as a fraction of the inpatient deductible at the same level."""

    inpatient_fraction: Decimal
    unit: Literal["rate"]


class SameAsInpatient(Cited):
    """A rate equal to the inpatient rate at the same level."""

    same_as_inpatient: Literal[True]
    unit: Literal["rate"]


def _figure_kind(v: Any) -> str:
    if isinstance(v, dict):
        if "values" in v:
            return "=values"
        for key in ("deferred_to", "fraction_of", "unlimited", "inpatient_fraction",
                    "same_as_inpatient"):
            if key in v:
                return "=" + key
    return "=amount"


Figure = Annotated[
    Annotated[Amount, Tag("=amount")]
    | Annotated[Deferred, Tag("=deferred_to")]
    | Annotated[FractionOf, Tag("=fraction_of")]
    | Annotated[Unlimited, Tag("=unlimited")]
    | Annotated[InpatientFraction, Tag("=inpatient_fraction")]
    | Annotated[SameAsInpatient, Tag("=same_as_inpatient")]
    | Annotated[Dated, Tag("=values")],
    Discriminator(_figure_kind),
]


class Band(Strict):
    """One slice of a banded schedule: amounts above the previous band's
    ``up_to`` and up to this ``up_to`` (null = no upper end) take ``rate``."""

    up_to: Amount | None
    rate: Figure


class Bands(Strict):
    bands: list[Band] = Field(min_length=1)
    measured_on: Literal["eligible_cost", "above_threshold", "self_pay"]
    cite: str

    @model_validator(mode="after")
    def _increasing(self) -> Bands:
        last = Decimal(0)
        for i, band in enumerate(self.bands):
            if band.up_to is None:
                if i != len(self.bands) - 1:
                    raise ValueError(f"band {i + 1} has no upper end but is not the last")
                continue
            if band.up_to.value <= last:
                raise ValueError(
                    f"band thresholds must increase: band {i + 1} ends at {band.up_to.value}"
                    f" after {last}")
            last = band.up_to.value
        return self


class ByEmployment(Strict):
    """Rates that differ by employment status (employee scheme)."""

    by_employment: dict[Literal["in_service", "retired"], Rate]
    cite: str


def _rate_kind(v: Any) -> str:
    if isinstance(v, dict):
        if "bands" in v:
            return "=bands"
        if "by_employment" in v:
            return "=by_employment"
    return "=figure"


Rate = Annotated[
    Annotated[Figure, Tag("=figure")]
    | Annotated[Bands, Tag("=bands")]
    | Annotated[ByEmployment, Tag("=by_employment")],
    Discriminator(_rate_kind),
]


def _deferred_or(v: Any) -> str:
    return "=deferred" if isinstance(v, dict) and "deferred_to" in v else "=rules"


class Condition(Strict):
    """When an adjustment applies: every stated key must match the episode/person."""

    referral: bool | None = None
    out_of_area: bool | None = None
    out_of_area_registered: bool | None = None
    age_at_least: int | None = None
    civil_servant: bool | None = None
    employment: list[Employment] | None = None
    facilities: list[Facility] | None = None


class Adjustment(Strict):
    """A change of rate (in percentage points unless the reading says otherwise)."""

    when: Condition
    rate_change: Amount
    label: Label
    document: str | None = Field(
        default=None, description="The id of the document whose article makes this change, "
                                  "when it is not this one (e.g. the resident measures "
                                  "cutting the assistance rate)")


class NewMemberStage(Strict):
    """Months of continuous payment from months_from (included) to months_to
    (excluded) and the rate paid then; no rate: a waiting period, nothing paid."""

    months_from: int = Field(ge=0)
    months_to: int | None = Field(default=None, gt=0)
    rate: Figure | None = None
    cite: str


class NewMemberRates(Strict):
    """Lower rates in the first months of cover for people who match ``when``,
    counted from the first month paid (the case's person.flexible_since)."""

    label: Label
    when: Condition
    stages: list[NewMemberStage] = Field(min_length=1)
    cite: str
    reading: Label | None = None


class Tier(Strict):
    """Figures for one kind of facility (and whether it is out of the area)."""

    id: str
    label: Label
    facilities: list[Facility] = Field(min_length=1)
    out_of_area: bool = False
    when: Condition | None = Field(
        default=None, description="The tier applies only when this matches the episode "
                                  "(e.g. only for referred stays)")
    setting: Literal["outpatient", "inpatient"] | None = Field(
        default=None, description="For benefits paid differently in and out of hospital "
                                  "(e.g. tuberculosis): which setting this tier is for")
    deductible: Figure | None = None
    deductible_later: Figure | None = Field(
        default=None, description="Deductible from the year's second visit on")
    rate: Rate
    cap_per_visit: Figure | None = None
    annual_cap: Figure | None = Field(
        default=None, description="A yearly cap for visits at this tier only")
    conditions: Provisos = Field(
        default=None, description="Conditions the whole row holds under, shown in the row")


def _first_repeat(ids: list[str]) -> str | None:
    """The first id that appears a second time, if any."""
    seen: set[str] = set()
    for one in ids:
        if one in seen:
            return one
        seen.add(one)
    return None


def _unique_tiers(tiers: list[Tier]) -> None:
    repeat = _first_repeat([tier.id for tier in tiers])
    if repeat is not None:
        raise ValueError(f"tier id {repeat!r} appears twice (the estimator would use the "
                         f"first only): for a rate that changes on a date give the one "
                         f"tier dated values (see policy_data/README.md)")


class CapPool(Strict):
    """A yearly limit that several benefits may share."""

    label: Label
    amount: Figure
    measured_on: Literal["payment", "eligible_cost"] = Field(
        default="payment", description="payment: the most the fund pays in a year; "
        "eligible_cost: the fund pays its rates only on the year's first `amount` yuan of "
        "eligible cost (the rest goes to the next layer)")


class Benefit(Strict):
    """One basic-insurance benefit (inpatient, outpatient, day surgery, …)."""

    label: Label
    summary: Label | None = Field(
        default=None, description="What the resident gets, in one or two plain sentences "
                                  "(the page opens with it)")
    conditions: Provisos = Field(
        default=None, description="Conditions the whole benefit holds under")
    tiers: list[Tier] = Field(default_factory=list)
    pools: list[str] = Field(default_factory=list,
                             description="Yearly cap pools this benefit's payments count against")
    adjustments: list[Adjustment] = Field(default_factory=list)
    new_member_rates: NewMemberRates | None = None
    notes: list[Fact] = Field(default_factory=list)
    cite: str

    @model_validator(mode="after")
    def _unique(self) -> Benefit:
        _unique_tiers(self.tiers)
        return self


class Disease(Strict):
    id: str
    code: str | None = None
    label: Label
    disease_class: str = Field(description="Catalog class, e.g. '1', 'limited', 'unlimited'")
    rate: Figure | None
    annual_cap: Figure | None
    deductible: Figure | None = None
    available: bool = True
    subtypes: list[Label] = Field(default_factory=list)
    paid_first_by: Label | None = Field(
        default=None, description="Another payer that pays part of the bill first, by an "
                                  "amount the document does not state: the estimate is then "
                                  "an upper bound of what the person and the fund pay")
    cite: str


class Chronic(Strict):
    label: Label
    summary: Label | None = Field(
        default=None, description="What the resident gets, in one or two plain sentences "
                                  "(the page opens with it)")
    conditions: Provisos = Field(
        default=None, description="Conditions the whole benefit holds under")
    diseases: list[Disease] = Field(min_length=1)
    class_rules: dict[str, Fact] = Field(default_factory=dict)
    shared_cap: Figure | None = Field(
        default=None, description="One yearly cap for all diseases of the capped classes")
    shared_cap_classes: list[str] = Field(default_factory=list)
    pools: list[str] = Field(default_factory=list)
    notes: list[Fact] = Field(default_factory=list)
    cite: str

    @model_validator(mode="after")
    def _unique(self) -> Chronic:
        repeat = _first_repeat([d.id for d in self.diseases])
        if repeat is not None:
            raise ValueError(f"disease id {repeat!r} appears twice")
        return self


class TwoDiseases(Strict):
    label: Label
    summary: Label | None = Field(
        default=None, description="What the resident gets, in one or two plain sentences "
                                  "(the page opens with it)")
    conditions: Provisos = Field(
        default=None, description="Conditions the whole benefit holds under")
    tiers: list[Tier]
    annual_caps: dict[Literal["hypertension", "diabetes"], Figure]
    caps_combined: Fact | None = None
    notes: list[Fact] = Field(default_factory=list)
    cite: str

    @model_validator(mode="after")
    def _unique(self) -> TwoDiseases:
        _unique_tiers(self.tiers)
        return self


Delivery = Literal["vaginal", "assisted", "caesarean", "induced", "abortion"]


class MaternityQuota(Strict):
    delivery: Delivery
    label: Label
    by_level: dict[Literal["level1", "level2", "level3"], Figure]


class Maternity(Strict):
    label: Label
    summary: Label | None = Field(
        default=None, description="What the resident gets, in one or two plain sentences "
                                  "(the page opens with it)")
    conditions: Provisos = Field(
        default=None, description="Conditions the whole benefit holds under")
    method: Literal["quota", "quota_plus_rate", "as_inpatient"] = Field(
        description="quota: fund pays up to the quota; quota_plus_rate: the quota plus the "
                    "inpatient rate on the rest; as_inpatient: inpatient rules")
    quotas: list[MaternityQuota] = Field(default_factory=list)
    extra_per_additional_baby: Figure | None = None
    notes: list[Fact] = Field(default_factory=list)
    cite: str


class MajorIllnessGroup(Strict):
    label: Label
    members: list[Category] = Field(default_factory=list,
                                    description="Assistance categories in this group; "
                                                "empty = everyone else")
    threshold: Figure
    bands: Bands
    annual_cap: Figure


class Incentive(Strict):
    id: Literal["continuous_years", "zero_claim", "gap_penalty", "total_limit"]
    label: Label
    figures: dict[str, Figure]
    cite: str


class MajorIllness(Strict):
    label: Label
    summary: Label | None = Field(
        default=None, description="What the resident gets, in one or two plain sentences "
                                  "(the page opens with it)")
    conditions: Provisos = Field(
        default=None, description="Conditions the whole benefit holds under")
    groups: list[MajorIllnessGroup] = Field(min_length=1)
    incentives: list[Incentive] = Field(default_factory=list)
    adjustments: list[Adjustment] = Field(
        default_factory=list, description="Rate changes for the part an episode adds")
    notes: list[Fact] = Field(default_factory=list)
    cite: str


class AssistanceTerms(Strict):
    label: Label
    deductible: Figure
    rate: Figure
    annual_cap: Figure
    conditions: Provisos = Field(default=None, description="Conditions of this row")


class Assistance(Strict):
    label: Label
    summary: Label | None = Field(
        default=None, description="What the resident gets, in one or two plain sentences "
                                  "(the page opens with it)")
    conditions: Provisos = Field(
        default=None, description="Conditions the whole benefit holds under")
    categories: dict[Category, AssistanceTerms]
    members: dict[Category, Label] = Field(description="Who is in each category")
    outpatient_chronic: dict[Category, AssistanceTerms] = Field(default_factory=dict)
    tilted: dict[Category, AssistanceTerms] = Field(
        default_factory=dict, description="Given on top of assistance, outside its cap: the "
                                          "rate on the year's self-pay above the threshold")
    adjustments: list[Adjustment] = Field(
        default_factory=list, description="Rate changes for the part an episode adds")
    secondary: Fact | None = Field(default=None, description="On application: reported apart")
    cap_shared_by_outpatient_and_inpatient: bool = False
    class_count: Figure | None = Field(
        default=None, description="How many assistance classes the document names")
    notes: list[Fact] = Field(default_factory=list)
    cite: str


class Fact(Strict):
    """A provision shown on the site but not computed: text plus cited figures."""

    id: str
    label: Label
    text: Label | None = None
    figures: dict[str, Figure] = Field(default_factory=dict)
    cite: str


class CostSharing(Strict):
    """Class-B partial self-pay (先行自付) before the fund's share."""

    class_b_drugs: Figure
    class_b_services: Figure
    class_b_consumables: Figure
    consumable_exempt_up_to: Figure | None = Field(
        default=None, description="Class-B consumable items priced at or below this pay none")
    cite: str


class WaitingPeriod(Strict):
    applies_from: dt.date
    fixed: Figure
    per_gap_year: Figure
    repair_per_year_paid: Figure
    floor_gap_years: Figure
    floor_minimum: Figure
    exempt: list[Label]
    cite: str
    who_waits: list[Label] = Field(
        default_factory=list, description="Who has to wait, in the document's terms "
                                          "(the trigger), each a plain sentence")
    no_wait: Label | None = Field(
        default=None, description="Who does not wait (pays in time, continuously insured)")


class MonthDay(Strict):
    month: int = Field(ge=1, le=12)
    day: int = Field(ge=1, le=31)


def or_deferred(model: type[BaseModel]) -> Any:
    """A rule family, or a record that another authority sets it."""
    return Annotated[Annotated[model, Tag("=rules")] | Annotated[Deferred, Tag("=deferred")],
                     Discriminator(_deferred_or)]


WaitingPeriodOrDeferred = or_deferred(WaitingPeriod)


class Enrollment(Strict):
    collection_period_start: MonthDay | None = None
    collection_period_end: MonthDay | None = None
    collection_cite: str | None = None
    benefit_year: Fact | None = None
    full_price_from: MonthDay | None = Field(
        default=None, description="Paying on or after this date in the benefit year: "
                                  "no government subsidy")
    full_price_cite: str | None = None
    waiting_period: WaitingPeriodOrDeferred | None = None
    newborn_days: Figure | None = None
    newborn_cite: str | None = None
    facts: list[Fact] = Field(default_factory=list)


class Contribution(Strict):
    id: str
    label: Label
    employment: list[Employment] = Field(default_factory=list)
    base: Fact
    employer_rate: Figure | None = None
    employee_rate: Figure | None = None
    supplementary_monthly_employer: Figure | None = None
    supplementary_monthly_person: Figure | None = None
    cite: str


CostSharingOrDeferred = or_deferred(CostSharing)
BenefitOrDeferred = or_deferred(Benefit)
ChronicOrDeferred = or_deferred(Chronic)
TwoDiseasesOrDeferred = or_deferred(TwoDiseases)
MaternityOrDeferred = or_deferred(Maternity)
MajorIllnessOrDeferred = or_deferred(MajorIllness)
AssistanceOrDeferred = or_deferred(Assistance)


PageSlug = Literal["all", "overview", "inpatient", "outpatient", "chronic", "two-diseases",
                   "maternity", "day-surgery", "tuberculosis", "special-drugs", "major-illness",
                   "assistance", "referral", "exclusions"]
AskWho = Literal["county_bureau", "insurance_office", "township_office", "village_office",
                 "hospital_insurance_office", "hotline_12393"]
Topic = Literal["enrol", "pay", "referral", "out_of_area", "chronic", "two_diseases",
                "special_drugs", "assistance", "bring", "deadline", "emergency",
                "green_channel", "newborn", "death", "maternity", "settlement", "other"]


class Step(Strict):
    """One thing a resident does (enrol, get a referral, register, apply, …): what to
    do, where to go and what to bring, with the article; or, where the document is
    silent or leaves the step to others, who to ask."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    topic: Topic
    pages: list[PageSlug] = Field(min_length=1, description="The pages that show this step")
    do: Label = Field(description="What to do, in plain words")
    where: Label | None = None
    bring: Label | None = None
    cite: str | None = Field(default=None, description="The article that sets the step")
    silent: bool = Field(default=False, description="The document is silent on this step "
                                                    "or leaves it to others")
    ask: list[AskWho] = Field(default_factory=list,
                              description="Who to ask (required where the text is silent)")

    @model_validator(mode="after")
    def _cited_or_silent(self) -> Step:
        if self.silent and not self.ask:
            raise ValueError("a step the document is silent on must say who to ask ('ask')")
        if not self.silent and not (self.cite and self.cite.strip()):
            raise ValueError("a step needs its article ('cite'), or 'silent: true' and 'ask'")
        return self


class Contact(Strict):
    """Where a resident asks about what the document leaves open."""

    where: Label
    ask: list[AskWho] = Field(min_length=1)
    cite: str | None = None


class Procedures(Strict):
    contact: Contact
    steps: list[Step] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique(self) -> Procedures:
        repeat = _first_repeat([step.id for step in self.steps])
        if repeat is not None:
            raise ValueError(f"step id {repeat!r} appears twice")
        return self


class SchemeRules(Strict):
    """Everything one document says about one scheme."""

    facility_note: Label | None = None
    cost_sharing: CostSharingOrDeferred | None = None
    exclusions: list[Fact] = Field(default_factory=list)
    pools: dict[str, CapPool] = Field(default_factory=dict)
    year_decided_by: Literal["admission", "discharge"] | None = None
    year_cite: str | None = None
    inpatient: BenefitOrDeferred | None = None
    outpatient: BenefitOrDeferred | None = None
    chronic: ChronicOrDeferred | None = None
    two_diseases: TwoDiseasesOrDeferred | None = None
    maternity: MaternityOrDeferred | None = None
    day_surgery: BenefitOrDeferred | None = None
    tuberculosis: BenefitOrDeferred | None = None
    special_drugs: BenefitOrDeferred | None = None
    supplementary: MajorIllness | None = Field(
        default=None, description="Employee large supplementary insurance (banded)")
    civil_servant_subsidy: Fact | None = None
    major_illness: MajorIllnessOrDeferred | None = None
    assistance: AssistanceOrDeferred | None = None
    enrollment: Enrollment | None = None
    contributions: list[Contribution] = Field(default_factory=list)
    facts: list[Fact] = Field(default_factory=list)
    not_specified: dict[str, Label] = Field(
        default_factory=dict,
        description="Rule families this document does not address for this scheme, and why")
    procedures: Procedures | None = Field(
        default=None, description="What to do, where to go, what to bring, per step, "
                                  "with the article (or who to ask where the text is silent)")

    @model_validator(mode="after")
    def _pools_exist(self) -> SchemeRules:
        for name in ("inpatient", "outpatient", "day_surgery", "tuberculosis",
                     "special_drugs", "chronic"):
            benefit = getattr(self, name)
            for pool in getattr(benefit, "pools", []):
                if pool not in self.pools:
                    defined = ", ".join(sorted(self.pools)) or "none"
                    raise ValueError(f"{name} names cap pool {pool!r}, which 'pools' does not"
                                     f" define (defined: {defined})")
        return self


class Superseded(Strict):
    """A document this one replaces. ``id`` names it when it is in policy_data/: from
    this document's effective date the superseded one no longer applies at all, and
    its page and bundle header list this one (``superseded_by``)."""

    title: str
    number: str | None = None
    id: str | None = Field(
        default=None, description="The id of the superseded document when it is in "
                                  "policy_data/: it stops applying when this one starts, "
                                  "and the bundle links both ways (superseded_by)")


class Header(Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title: Label
    issuer: Label
    number: str | None
    published: dt.date | None
    effective: dt.date
    expires: dt.date | None
    expiry_note: Label | None = None
    supersedes: list[Superseded]
    amends: list[str] = Field(
        default_factory=list,
        description="Ids of documents in policy_data/ this one amends: on days both are in "
                    "force, the rule families this document gives replace theirs; the "
                    "families it does not give stay with the amended document (the "
                    "amended document's header lists this one: amended_by)")
    region: Region
    schemes: list[Scheme] = Field(min_length=1)
    layer: Literal["basic", "assistance"] = "basic"
    source_file: str
    interpreter: Label | None = None

    @model_validator(mode="after")
    def _dates(self) -> Header:
        if self.expires and self.expires <= self.effective:
            raise ValueError(f"expires ({self.expires}) must be after effective"
                             f" ({self.effective})")
        if self.published and self.published > self.effective:
            raise ValueError(f"published ({self.published}) is after effective"
                             f" ({self.effective})")
        return self


class Document(Strict):
    document: Header
    schemes: dict[Scheme, SchemeRules]

    @model_validator(mode="after")
    def _schemes_match(self) -> Document:
        if set(self.schemes) != set(self.document.schemes):
            raise ValueError(f"document.schemes lists {sorted(self.document.schemes)} but rules"
                             f" are given for {sorted(self.schemes)}")
        return self


class AmendmentHeader(Strict):
    """The header of a small document that changes named figures of another from a date."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title: Label
    issuer: Label
    number: str | None
    published: dt.date | None
    effective: dt.date
    amends: list[str] = Field(
        description="The id of the one document whose figures this one changes, as a "
                    "one-item list (the same shape as a full document's amends)")
    region: Region
    source_file: str
    interpreter: Label | None = None

    @field_validator("amends")
    @classmethod
    def _one_amended(cls, v: list[str]) -> list[str]:
        if len(v) != 1:
            raise ValueError(f"an amendment file with changes amends exactly one document "
                             f"(got {len(v)}): write amends: [<id>], and put changes to "
                             f"another document in an amendment file of their own")
        return v

    @model_validator(mode="after")
    def _dates(self) -> AmendmentHeader:
        if self.published and self.published > self.effective:
            raise ValueError(f"published ({self.published}) is after effective"
                             f" ({self.effective})")
        return self


class Change(Cited):
    """One figure changed by an amendment, from a date, by its own article."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    path: str = Field(description="Where the figure is in the amended document, e.g. "
                                  "schemes.resident.inpatient.tiers[level1].rate "
                                  "([id] picks a list item by its id, [0] by position)")
    from_: dt.date | None = Field(default=None, alias="from",
                                  description="First day of the new value (default: the "
                                              "amendment's effective date)")
    value: Decimal


class Amendment(Strict):
    """An amendment file: a header with ``amends: [<id>]`` and ``changes:`` (no
    ``schemes``), compiled as dated values of the one document it amends."""

    document: AmendmentHeader
    changes: list[Change] = Field(min_length=1)


class ParameterValue(Strict):
    """A staff-supplied external figure (e.g. last year's disposable income)."""

    label: Label
    value: Decimal | None = Field(description="null until staff supply it")
    unit: Unit
    year: int | None = None
    source: str | None = Field(description="Where staff took the figure from")

    @model_validator(mode="after")
    def _source(self) -> ParameterValue:
        if self.value is not None and not self.source:
            raise ValueError("a supplied value needs its source")
        return self


class Parameters(Strict):
    parameters: dict[Parameter, dict[Region, ParameterValue]]


class RegionEntry(Strict):
    """One region of the registry (policy_data/regions.yaml)."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$",
                    description="The `region:` its documents name, e.g. hotan")
    name: Label = Field(description="The name on the pages, e.g. 和田")
    full_name: Label = Field(description="The full name in the estimator form, e.g. 和田地区")
    schemes: list[Scheme] = Field(
        min_length=1, description="The schemes the guide covers there: each needs a document")

    @field_validator("schemes")
    @classmethod
    def _schemes_once(cls, v: list[Scheme]) -> list[Scheme]:
        if len(set(v)) != len(v):
            raise ValueError(f"a scheme is listed twice: {v}")
        return v


class Regions(Strict):
    """policy_data/regions.yaml: every region the guide covers, in page order."""

    regions: list[RegionEntry] = Field(min_length=1)

    @field_validator("regions")
    @classmethod
    def _ids_once(cls, v: list[RegionEntry]) -> list[RegionEntry]:
        ids = [r.id for r in v]
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            raise ValueError(f"region id listed twice: {', '.join(twice)}")
        return v

    def ids(self) -> tuple[str, ...]:
        return tuple(r.id for r in self.regions)

    def schemes(self) -> dict[str, tuple[str, ...]]:
        return {r.id: tuple(r.schemes) for r in self.regions}


ByEmployment.model_rebuild()
Tier.model_rebuild()
Benefit.model_rebuild()
Chronic.model_rebuild()
TwoDiseases.model_rebuild()
Maternity.model_rebuild()
MajorIllness.model_rebuild()
Assistance.model_rebuild()
