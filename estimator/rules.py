"""The compiled policy bundle: which document's rules apply to a case, and
what a figure resolves to.

The bundle (bundle.json beside this file) is written by ``python build.py
bundle`` from policy_data/. This module only reads it.
"""

from __future__ import annotations

import datetime as dt
import json
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from .errors import CaseError

BUNDLE_PATH = Path(__file__).with_name("bundle.json")

Json = dict[str, Any]


@cache
def bundle() -> Json:
    with BUNDLE_PATH.open(encoding="utf-8") as f:
        data: Json = json.load(f)
    _decimals(data)
    return data


def regions() -> tuple[str, ...]:
    """The regions a case may name: the registry's ids (policy_data/regions.yaml, compiled
    into the bundle), in page order."""
    return tuple(str(r["id"]) for r in bundle()["regions"])


def _decimals(obj: Any) -> None:
    """Turn every figure's value (a decimal string in the JSON) into a Decimal once."""
    if isinstance(obj, dict):
        if "unit" in obj and isinstance(obj.get("value"), str):
            obj["value"] = Decimal(obj["value"])
        for v in obj.values():
            _decimals(v)
    elif isinstance(obj, list):
        for v in obj:
            _decimals(v)


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


@dataclass(frozen=True)
class Source:
    """One document's rules for one scheme."""

    doc_id: str
    title: Mapping[str, str | None]
    effective: dt.date
    expires: dt.date | None
    rules: Json
    # The days (ISO) on which some dated figure takes a new value, sorted; empty: none.
    changes: tuple[str, ...] = ()
    # These rules resolved for each period between changes (filled by on()).
    _periods: dict[int, Source] = field(default_factory=dict, compare=False, repr=False)

    def in_force(self, day: dt.date) -> bool:
        """The expiry day is included: a document "valid until 1 October 2030"
        (有效期至) still covers that day (see policy_data/README.md)."""
        return self.effective <= day and (self.expires is None or day <= self.expires)

    def on(self, day: dt.date) -> Source:
        """These rules as on *day*: each dated figure replaced by its value in force
        (resolved once per period between two changes)."""
        if not self.changes:
            return self
        iso = day.isoformat()
        period = bisect_right(self.changes, iso)
        found = self._periods.get(period)
        if found is None:
            found = self._periods[period] = replace(self, rules=_on_day(self.rules, iso),
                                                    changes=(), _periods={})
        return found


def _is_dated(obj: Any) -> bool:
    return isinstance(obj, dict) and "unit" in obj and isinstance(obj.get("values"), list)


def _changes(obj: Any, found: set[str]) -> set[str]:
    """The start days of every dated value after a figure's first."""
    if _is_dated(obj):
        found.update(v["effective_from"] for v in obj["values"][1:])
    elif isinstance(obj, dict):
        for v in obj.values():
            _changes(v, found)
    elif isinstance(obj, list):
        for v in obj:
            _changes(v, found)
    return found


def _on_day(obj: Any, day: str) -> Any:
    """*obj* with every dated figure replaced by the value whose span holds *day*
    (ISO dates compare as text); parts without dated figures are shared, not copied."""
    if isinstance(obj, dict):
        if _is_dated(obj):
            for value in obj["values"]:
                until = value["effective_until"]
                if value["effective_from"] <= day and (until is None or day <= until):
                    return value
            raise ValueError(f"no value of a dated figure covers {day}")
        out: Json | None = None
        for key, item in obj.items():
            new = _on_day(item, day)
            if new is not item:
                out = dict(obj) if out is None else out
                out[key] = new
        return obj if out is None else out
    if isinstance(obj, list):
        items = [_on_day(item, day) for item in obj]
        return obj if all(a is b for a, b in zip(items, obj, strict=True)) else items
    return obj


@cache
def sources(region: str, scheme: str) -> tuple[Source, ...]:
    found = []
    for doc in bundle()["documents"]:
        head = doc["document"]
        if head["region"] != region or scheme not in doc["schemes"]:
            continue
        effective = _date(head["effective"])
        assert effective is not None
        rules = doc["schemes"][scheme]
        found.append(Source(head["id"], head["title"], effective, _date(head["expires"]),
                            rules, tuple(sorted(_changes(rules, set())))))
    return tuple(found)


@cache
def document_title(doc_id: str) -> Mapping[str, str | None]:
    """The title of a document of the bundle, by id."""
    for doc in bundle()["documents"]:
        if doc["document"]["id"] == doc_id:
            title: Mapping[str, str | None] = doc["document"]["title"]
            return title
    raise KeyError(doc_id)


def check_covered(region: str, scheme: str) -> None:
    if not sources(region, scheme):
        known = sorted({s for d in bundle()["documents"] if d["document"]["region"] == region
                        for s in d["schemes"]})
        raise CaseError("scheme", f"no document in this guide covers the {scheme} scheme in "
                                  f"{region} (covered: {', '.join(known) or 'none'})")


def sources_on(region: str, scheme: str, day: dt.date, index: int, name: str
               ) -> list[Source]:
    """The documents in force on ``day``; a date no document covers is an error
    (of the field ``episodes[index].name``)."""
    current = _in_force(region, scheme, day)
    if current:
        return current
    field = f"episodes[{index}].{name}"
    all_sources = sources(region, scheme)
    if not current:
        spans = "; ".join(f"{s.doc_id}: from {s.effective}"
                          + (f" until {s.expires}" if s.expires else "") for s in all_sources)
        raise CaseError(field, f"{day} is outside the period of every document for this "
                               f"region and scheme ({spans})")
    return current


_DECIDED_BY: dict[int, tuple[list[Source], str]] = {}


def year_decided_by(current: list[Source]) -> str:
    """Which day of a stay decides its benefit year: ``admission`` unless a document in
    force says ``discharge`` (remembered per list of documents in force)."""
    found = _DECIDED_BY.get(id(current))
    if found is None or found[0] is not current:
        if len(_DECIDED_BY) > 8192:
            _DECIDED_BY.clear()
        value = next((s.rules["year_decided_by"] for s in current
                      if s.rules.get("year_decided_by")), "admission")
        found = _DECIDED_BY[id(current)] = (current, value)
    return found[1]


# One list per set of documents in force with the same figures (a Source and its
# periods live as long as the bundle, so their ids are never reused): the days of
# one period share it, and so do the plans and answers remembered for it.
_SAME_RULES: dict[tuple[int, ...], list[Source]] = {}


@lru_cache(maxsize=8192)
def _in_force(region: str, scheme: str, day: dt.date) -> list[Source]:
    """The documents in force on *day*, their dated figures resolved once for that day
    (read-only: the list is shared by every day with the same rules)."""
    found = [s.on(day) for s in sources(region, scheme) if s.in_force(day)]
    return _SAME_RULES.setdefault(tuple(map(id, found)), found)


def cited_document(figure: Mapping[str, Any] | None,
                   source: Source) -> tuple[str, Mapping[str, str | None]]:
    """The document whose article gives *figure*: an amendment file's value names it
    (``document``); otherwise the source's."""
    doc_id = (figure or {}).get("document") or source.doc_id
    return doc_id, source.title if doc_id == source.doc_id else document_title(doc_id)


def family(current: list[Source], name: str) -> tuple[Source, Json] | None:
    """The first document in force that has the family (values or a deferral)."""
    for source in current:
        value = source.rules.get(name)
        if value is not None:
            return source, value
    return None


def parameter(region: str, name: str, override: Mapping[str, Decimal]) -> Decimal | None:
    if name in override:
        return override[name]
    entry = bundle()["parameters"].get(name, {}).get(region)
    if entry is None or entry.get("value") is None:
        return None
    return Decimal(entry["value"])


class Value:
    """A figure resolved for a computation.

    status: ``ok`` (amount is set), ``unlimited``, ``deferred`` (another
    authority sets it), ``unknown`` (an external parameter is not supplied).
    """

    __slots__ = ("status", "amount", "figure")

    def __init__(self, status: str, amount: Decimal | None, figure: Json) -> None:
        self.status = status
        self.amount = amount
        self.figure = figure

    @property
    def ok(self) -> bool:
        return self.status == "ok"


def resolve(figure: Json | None, region: str, override: Mapping[str, Decimal],
            inpatient_deductible: Decimal | None = None) -> Value | None:
    if figure is None:
        return None
    if "deferred_to" in figure:
        return Value("deferred", None, figure)
    if "unlimited" in figure:
        return Value("unlimited", None, figure)
    if "fraction_of" in figure:
        base = parameter(region, figure["fraction_of"], override)
        if base is None:
            return Value("unknown", None, figure)
        return Value("ok", base * figure["value"], figure)
    if "inpatient_fraction" in figure:
        if inpatient_deductible is None:
            return Value("deferred", None, figure)
        return Value("ok", inpatient_deductible * Decimal(figure["inpatient_fraction"]), figure)
    if "same_as_inpatient" in figure:
        raise ValueError("a same_as_inpatient figure is a rate reference, not an amount")
    return Value("ok", figure["value"], figure)


def remembered(memo: dict[tuple[Any, ...], tuple[list[Source], Any]], current: list[Source],
               key: tuple[Any, ...], make: Any) -> Any:
    """``make()`` once per list of documents in force and *key* (the list is kept
    with the answer, so its id is not reused while the answer is here)."""
    full = (id(current), *key)
    found = memo.get(full)
    if found is None or found[0] is not current:
        if len(memo) >= 8192:
            memo.clear()
        found = memo[full] = (current, make())
    return found[1]
