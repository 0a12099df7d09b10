"""Read a case (one person's year of care) from plain JSON-like data.

Everything a visitor can get wrong is checked here, so the rule layers only
ever see a well-formed case. Each problem raises CaseError naming the field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from .errors import CaseError
from .rules import regions

# The regions a case may name come from the bundle (rules.regions(): the registry,
# policy_data/regions.yaml).
SCHEMES = ("resident", "employee")
EMPLOYMENTS = ("in_service", "retired", "flexible", "unemployed")
CATEGORIES = ("none", "destitute", "dibao", "dibao_edge", "at_risk", "illness_poverty")
KINDS = ("inpatient", "outpatient", "chronic", "two_diseases", "maternity", "day_surgery",
         "tuberculosis", "special_drugs")
FACILITIES = ("village", "township", "county", "level1", "level2", "level3", "pharmacy")
DELIVERIES = ("vaginal", "assisted", "caesarean", "induced", "abortion")
CONDITIONS = ("hypertension", "diabetes")
SETTINGS = ("outpatient", "inpatient")
COST_PARTS = ("total", "excluded", "class_b_drugs", "class_b_services", "class_b_consumables")
_FEN = Decimal("0.01")
_ZERO = Decimal(0)
MAX_AMOUNT = Decimal("100000000")  # 100 million yuan: anything above is a typing slip
MAX_EPISODES = 400


@dataclass(slots=True)
class Cost:
    total: Decimal
    excluded: Decimal
    class_b_drugs: Decimal
    class_b_services: Decimal
    class_b_consumables: Decimal


@dataclass(slots=True)
class Person:
    age: int
    employment: str
    civil_servant: bool
    assistance_category: str
    continuous_years: int
    zero_claim_last_year: bool
    rejoined_after_gap: bool
    annual_salary: Decimal | None
    # The first month of continuous payment of a person first insured as a
    # flexible worker (any day of that month); None: not given.
    flexible_since: dt.date | None = None


@dataclass(slots=True)
class Episode:
    index: int
    kind: str
    date: dt.date
    discharge_date: dt.date | None
    facility: str
    out_of_area: bool
    out_of_area_registered: bool
    referral: bool
    cost: Cost
    disease: str | None
    condition: str | None
    both_conditions: bool
    delivery: str | None
    babies: int
    setting: str | None


@dataclass(slots=True)
class Case:
    region: str
    scheme: str
    person: Person
    episodes: tuple[Episode, ...]
    parameters: Mapping[str, Decimal]


def _choice(data: Mapping[str, Any], key: str, field: str, options: tuple[str, ...],
            default: str | None = None) -> str:
    value = data.get(key, default)
    if value is None:
        raise CaseError(field, f"is required; choose one of: {', '.join(options)}")
    if value not in options:
        raise CaseError(field, f"{value!r} is not one of: {', '.join(options)}")
    return str(value)


def _bool(data: Mapping[str, Any], key: str, field: str, default: bool) -> bool:
    value = data.get(key, default)
    if value is True or value is False:
        return value
    if not isinstance(value, bool):
        raise CaseError(field, f"must be true or false, got {value!r}")
    return value


def _int(data: Mapping[str, Any], key: str, field: str, default: int | None,
         low: int, high: int) -> int:
    value = data.get(key, default)
    if type(value) is int and low <= value <= high:
        return value
    if value is None:
        raise CaseError(field, f"is required: a whole number from {low} to {high}")
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value.strip())
        else:
            raise CaseError(field, f"must be a whole number from {low} to {high}, got {value!r}")
    if not low <= value <= high:
        raise CaseError(field, f"must be from {low} to {high}, got {value}")
    return int(value)


def money(value: Any, field: str) -> Decimal:
    """An amount of yuan: a number or a decimal string, not negative."""
    if isinstance(value, bool) or value is None:
        raise CaseError(field, f"must be an amount in yuan such as 1234.50, got {value!r}")
    if isinstance(value, float):
        value = repr(value)
    try:
        amount = Decimal(value) if type(value) is int else Decimal(
            str(value).strip().replace(",", ""))
    except InvalidOperation:
        raise CaseError(field, f"must be an amount in yuan such as 1234.50, got {value!r}") \
            from None
    if not amount.is_finite():
        raise CaseError(field, f"must be a finite amount, got {value!r}")
    if amount < 0:
        raise CaseError(field, f"must not be negative, got {value}")
    if amount > MAX_AMOUNT:
        raise CaseError(field, f"{value} is implausibly large; check the amount")
    if amount != amount.quantize(_FEN):
        raise CaseError(field, f"has more than two decimals ({value}); amounts are in yuan "
                               "and fen")
    return amount


def _date(value: Any, field: str) -> dt.date:
    if not isinstance(value, str):
        raise CaseError(field, f"must be a date written YYYY-MM-DD, got {value!r}")
    try:
        day = dt.date.fromisoformat(value.strip())
    except ValueError:
        raise CaseError(field, f"{value!r} is not a real date; write YYYY-MM-DD, "
                               "e.g. 2026-03-01") from None
    return day


def _mapping(value: Any, field: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise CaseError(field, "must be an object with named fields")
    return value


def _unknown_keys(data: Mapping[str, Any], allowed: tuple[str, ...], field: str) -> None:
    if data.keys() <= _ALLOWED.get(allowed, set()):
        return
    for key in data:
        if key not in allowed:
            prefix = f"{field}." if field else ""
            raise CaseError(f"{prefix}{key}", f"is not a known field (known: "
                                              f"{', '.join(allowed)})")


def _cost(data: Any, field: str) -> Cost:
    raw = _mapping(data, field)
    _unknown_keys(raw, COST_PARTS, field)
    if "total" not in raw:
        raise CaseError(f"{field}.total", "is required: the whole bill in yuan")
    total, excluded, drugs, services, consumables = (
        money(raw[k], f"{field}.{k}") if k in raw else _ZERO for k in COST_PARTS)
    split = excluded + drugs + services + consumables
    if split > total:
        raise CaseError(field, f"the excluded and class-B parts add up to {split}, more than "
                               f"the total {total}; lower them or raise the total")
    return Cost(total, excluded, drugs, services, consumables)


_ALLOWED: dict[tuple[str, ...], set[str]] = {}
EPISODE_KEYS = ("kind", "date", "discharge_date", "facility", "out_of_area",
                "out_of_area_registered", "referral", "cost", "disease", "condition",
                "both_conditions", "delivery", "babies", "setting")


def _episode(data: Any, index: int) -> Episode:
    field = f"episodes[{index}]"
    raw = _mapping(data, field)
    _unknown_keys(raw, EPISODE_KEYS, field)
    kind = _choice(raw, "kind", f"{field}.kind", KINDS)
    if "date" not in raw:
        raise CaseError(f"{field}.date", "is required: the date of the visit or admission "
                                         "(YYYY-MM-DD)")
    date = _date(raw["date"], f"{field}.date")
    discharge = raw.get("discharge_date")
    discharge_date = _date(discharge, f"{field}.discharge_date") if discharge else None
    if discharge_date and discharge_date < date:
        raise CaseError(f"{field}.discharge_date",
                        f"{discharge_date} is before the admission date {date}")
    if "cost" not in raw:
        raise CaseError(f"{field}.cost", "is required: at least {\"total\": amount}")
    disease = raw.get("disease")
    if kind == "chronic" and not disease:
        raise CaseError(f"{field}.disease", "is required for a chronic-disease visit: "
                                            "choose the disease from the catalog")
    condition = None
    if kind == "two_diseases":
        condition = _choice(raw, "condition", f"{field}.condition", CONDITIONS)
    delivery = None
    if kind == "maternity":
        delivery = _choice(raw, "delivery", f"{field}.delivery", DELIVERIES, "vaginal")
    setting = raw.get("setting")
    if setting is not None:
        setting = _choice(raw, "setting", f"{field}.setting", SETTINGS)
    return Episode(
        index=index,
        kind=kind,
        date=date,
        discharge_date=discharge_date,
        facility=_choice(raw, "facility", f"{field}.facility", FACILITIES),
        out_of_area=_bool(raw, "out_of_area", f"{field}.out_of_area", False),
        out_of_area_registered=_bool(raw, "out_of_area_registered",
                                     f"{field}.out_of_area_registered", False),
        referral=_bool(raw, "referral", f"{field}.referral", True),
        cost=_cost(raw["cost"], f"{field}.cost"),
        disease=str(disease) if disease else None,
        condition=condition,
        both_conditions=_bool(raw, "both_conditions", f"{field}.both_conditions", False),
        delivery=delivery,
        babies=_int(raw, "babies", f"{field}.babies", 1, 1, 9),
        setting=setting,
    )


_EPISODE_KEYS = frozenset(EPISODE_KEYS)
_COST_KEYS = frozenset(COST_PARTS)
_ABSENT = object()


def _fast_money(value: Any) -> Decimal | None:
    """An amount written plainly (an int, or a decimal string without commas); None
    for anything else, which the checked reader (``money``) then reads or explains."""
    if type(value) is int:
        amount = Decimal(value)
    elif type(value) is str:
        try:
            amount = Decimal(value)
        except InvalidOperation:
            return None
    else:
        return None
    if not amount.is_finite() or amount < 0 or amount > MAX_AMOUNT \
            or amount != amount.quantize(_FEN):
        return None
    return amount


def _fast_cost(raw: Any) -> Cost | None:
    if type(raw) is not dict or "total" not in raw or not raw.keys() <= _COST_KEYS:
        return None
    total = _fast_money(raw["total"])
    get = raw.get
    # Written out (this runs for every episode): a part not given is zero.
    excluded = _ZERO if (value := get("excluded", _ABSENT)) is _ABSENT else _fast_money(value)
    drugs = _ZERO if (value := get("class_b_drugs", _ABSENT)) is _ABSENT \
        else _fast_money(value)
    services = _ZERO if (value := get("class_b_services", _ABSENT)) is _ABSENT \
        else _fast_money(value)
    consumables = _ZERO if (value := get("class_b_consumables", _ABSENT)) is _ABSENT \
        else _fast_money(value)
    if total is None or excluded is None or drugs is None or services is None \
            or consumables is None or excluded + drugs + services + consumables > total:
        return None
    return Cost(total, excluded, drugs, services, consumables)


def _fast_episode(raw: Any, index: int) -> Episode | None:
    """The episode, when it is written the way the form writes it; None otherwise
    (then ``_episode`` reads it, with its checks and error messages). Gives the same
    Episode as ``_episode`` whenever it gives one."""
    if type(raw) is not dict or not raw.keys() <= _EPISODE_KEYS:
        return None
    get = raw.get
    kind = get("kind")
    facility = get("facility")
    day = get("date")
    if type(kind) is not str or kind not in KINDS or type(facility) is not str \
            or facility not in FACILITIES or type(day) is not str:
        return None
    try:
        date = dt.date.fromisoformat(day)
        discharge = get("discharge_date")
        if discharge is None:
            discharge_date = None
        elif type(discharge) is str and discharge:
            discharge_date = dt.date.fromisoformat(discharge)
            if discharge_date < date:
                return None
        else:
            return None
    except ValueError:
        return None
    out_of_area = get("out_of_area", False)
    registered = get("out_of_area_registered", False)
    referral = get("referral", True)
    both = get("both_conditions", False)
    if (out_of_area is not True and out_of_area is not False) \
            or (registered is not True and registered is not False) \
            or (referral is not True and referral is not False) \
            or (both is not True and both is not False):
        return None
    disease = get("disease")
    if disease is None:
        if kind == "chronic":
            return None
    elif type(disease) is not str or not disease:
        return None
    condition = None
    if kind == "two_diseases":
        condition = get("condition")
        if type(condition) is not str or condition not in CONDITIONS:
            return None
    delivery = None
    if kind == "maternity":
        delivery = get("delivery", "vaginal")
        if type(delivery) is not str or delivery not in DELIVERIES:
            return None
    setting = get("setting")
    if setting is not None and (type(setting) is not str or setting not in SETTINGS):
        return None
    babies = get("babies", 1)
    if type(babies) is not int or not 1 <= babies <= 9:
        return None
    cost = _fast_cost(get("cost"))
    if cost is None:
        return None
    return Episode(index, kind, date, discharge_date, facility, out_of_area, registered,
                   referral, cost, disease, condition, both, delivery, babies, setting)


PERSON_KEYS = ("age", "employment", "civil_servant", "assistance_category",
               "continuous_years", "zero_claim_last_year", "rejoined_after_gap",
               "annual_salary", "flexible_since")
CASE_KEYS = ("region", "scheme", "person", "episodes", "parameters")
_ALLOWED.update({keys: set(keys) for keys in (COST_PARTS, EPISODE_KEYS, PERSON_KEYS,
                                              CASE_KEYS)})


def parse_case(data: Any) -> Case:
    raw = _mapping(data, "case")
    _unknown_keys(raw, CASE_KEYS, "")
    region = _choice(raw, "region", "region", regions())
    scheme = _choice(raw, "scheme", "scheme", SCHEMES)
    praw = _mapping(raw.get("person", {}), "person")
    _unknown_keys(praw, PERSON_KEYS, "person")
    salary = praw.get("annual_salary")
    person = Person(
        age=_int(praw, "age", "person.age", None, 0, 130),
        employment=_choice(praw, "employment", "person.employment", EMPLOYMENTS, "in_service"),
        civil_servant=_bool(praw, "civil_servant", "person.civil_servant", False),
        assistance_category=_choice(praw, "assistance_category", "person.assistance_category",
                                    CATEGORIES, "none"),
        continuous_years=_int(praw, "continuous_years", "person.continuous_years", 0, 0, 100),
        zero_claim_last_year=_bool(praw, "zero_claim_last_year",
                                   "person.zero_claim_last_year", False),
        rejoined_after_gap=_bool(praw, "rejoined_after_gap", "person.rejoined_after_gap",
                                 False),
        annual_salary=None if salary in (None, "") else money(salary, "person.annual_salary"),
        flexible_since=None if praw.get("flexible_since") in (None, "")
        else _date(praw["flexible_since"], "person.flexible_since"),
    )
    episodes_raw = raw.get("episodes")
    if not isinstance(episodes_raw, list) or not episodes_raw:
        raise CaseError("episodes", "is required: a list with at least one visit or stay")
    if len(episodes_raw) > MAX_EPISODES:
        raise CaseError("episodes", f"has {len(episodes_raw)} entries; at most {MAX_EPISODES}")
    episodes = tuple(_fast_episode(e, i) or _episode(e, i)
                     for i, e in enumerate(episodes_raw))
    params_raw = _mapping(raw.get("parameters", {}), "parameters")
    params = {k: money(v, f"parameters.{k}") for k, v in params_raw.items()}
    for key in params:
        if key != "per_capita_disposable_income":
            raise CaseError(f"parameters.{key}", "is not a known parameter "
                                                 "(known: per_capita_disposable_income)")
    return Case(region=region, scheme=scheme, person=person, episodes=episodes,
                parameters=params)
