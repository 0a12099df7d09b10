"""The bundle as the templates see it: documents grouped by region and scheme,
every mapping tagged with its JSON path in the bundle (``_path``) and its
document (``_doc``), so each rendered figure can say where it comes from and
tests can compare it with the bundle."""

from __future__ import annotations

import copy
import json
import sys
from dataclasses import dataclass
from typing import Any

from .config import ROOT
from .errors import BuildError

# Order of schemes on every page; regions follow the registry (policy_data/regions.yaml,
# the bundle's ``regions``), in its order.
SCHEME_ORDER = ("resident", "employee")

# Benefit pages: URL slug → the rule families (SchemeRules keys) they show.
BENEFIT_PAGES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("inpatient", ("inpatient",)),
    ("outpatient", ("outpatient",)),
    ("chronic", ("chronic",)),
    ("two-diseases", ("two_diseases",)),
    ("maternity", ("maternity",)),
    ("day-surgery", ("day_surgery",)),
    ("tuberculosis", ("tuberculosis",)),
    ("special-drugs", ("special_drugs",)),
    ("major-illness", ("major_illness", "supplementary", "civil_servant_subsidy")),
    ("assistance", ("assistance",)),
    ("referral", ()),
    ("exclusions", ("exclusions",)),
)

# Keys that mark a figure's kind (see policy_build/models.py).
GAP_KINDS = ("deferred_to", "fraction_of", "unlimited", "inpatient_fraction",
             "same_as_inpatient")


def load_bundle() -> dict[str, Any]:
    """The compiled bundle the estimator reads (estimator/bundle.json), so pages and
    worked examples show the same data. ``python build.py`` rewrites it from
    policy_data/ just before building (``python build.py check`` says when the file
    differs from what the data compiles to).
    """
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from policy_build.bundle import BUNDLE_FILE

    try:
        text = BUNDLE_FILE.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise BuildError(f"{BUNDLE_FILE}: missing: run 'python build.py bundle' "
                         f"(or 'python build.py', which does it first)") from exc
    bundle: dict[str, Any] = json.loads(text)
    return bundle


def annotate(bundle: dict[str, Any]) -> dict[str, Any]:
    """A copy of *bundle* where every mapping knows its path and document id."""
    out = copy.deepcopy(bundle)

    def walk(obj: Any, path: str, doc: str | None) -> None:
        if isinstance(obj, dict):
            obj["_path"] = path
            # An adjustment may cite another document's article (``document``).
            doc = obj.get("document") if isinstance(obj.get("document"), str) else doc
            obj["_doc"] = doc
            for key, value in obj.items():
                if not key.startswith("_"):
                    walk(value, f"{path}/{key}", doc)
        elif isinstance(obj, list):
            for i, value in enumerate(obj):
                walk(value, f"{path}/{i}", doc)

    for i, doc in enumerate(out["documents"]):
        walk(doc, f"/documents/{i}", doc["document"]["id"])
    walk(out["parameters"], "/parameters", None)
    return out


def is_figure(obj: Any) -> bool:
    return isinstance(obj, dict) and "cite" in obj and "unit" in obj


def is_dated(obj: Any) -> bool:
    """A figure with values by date (``{unit, values: [figure, …]}``, see
    policy_build/bundle.py)."""
    return isinstance(obj, dict) and "unit" in obj and isinstance(obj.get("values"), list)


def figure_kind(fig: dict[str, Any]) -> str:
    for key in GAP_KINDS:
        if key in fig:
            return key
    return "amount"


def is_deferred(obj: Any) -> bool:
    return isinstance(obj, dict) and "deferred_to" in obj


def resolve(bundle: dict[str, Any], path: str) -> Any:
    """The bundle value at a JSON path such as ``/documents/0/schemes/resident``."""
    node: Any = bundle
    for part in path.strip("/").split("/"):
        node = node[int(part)] if isinstance(node, list) else node[part]
    return node


@dataclass(frozen=True)
class Entry:
    """One document's rules for one family."""

    doc: dict[str, Any]
    value: Any


@dataclass(frozen=True)
class Coverage:
    """What the documents of one region and scheme say about one family."""

    entries: list[Entry]        # documents that set the rules
    deferred: list[Entry]       # documents that leave the whole family to another authority
    unspecified: list[Entry]    # documents that record "not addressed here" (value: label)


class Scope:
    """The documents for one region and scheme."""

    def __init__(self, region: str, scheme: str, docs: list[dict[str, Any]]) -> None:
        self.region = region
        self.scheme = scheme
        self.docs = docs
        self.id = f"{region}/{scheme}"

    def rules(self, doc: dict[str, Any]) -> dict[str, Any]:
        return dict(doc["schemes"][self.scheme])

    def coverage(self, family: str) -> Coverage:
        entries, deferred, unspecified = [], [], []
        for doc in self.docs:
            rules = self.rules(doc)
            value = rules.get(family)
            if is_deferred(value):
                deferred.append(Entry(doc, value))
            elif value not in (None, [], {}):
                entries.append(Entry(doc, value))
            elif family in (rules.get("not_specified") or {}):
                unspecified.append(Entry(doc, rules["not_specified"][family]))
        return Coverage(entries, deferred, unspecified)

    def all_of(self, family: str) -> list[Entry]:
        return self.coverage(family).entries


def region_ids(bundle: dict[str, Any]) -> list[str]:
    """The registry's regions (policy_data/regions.yaml), in page order."""
    return [str(r["id"]) for r in bundle["regions"]]


def scopes(bundle: dict[str, Any]) -> list[Scope]:
    """Every (region, scheme) some document covers, in page order."""
    found: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for doc in bundle["documents"]:
        header = doc["document"]
        for scheme in header["schemes"]:
            found.setdefault((header["region"], scheme), []).append(doc)
    region_order = region_ids(bundle)
    for key in found:
        if key[0] not in region_order or key[1] not in SCHEME_ORDER:
            raise BuildError(f"bundle: unknown region or scheme {key}")

    def order(key: tuple[str, str]) -> tuple[int, int]:
        return region_order.index(key[0]), SCHEME_ORDER.index(key[1])

    return [Scope(r, s, sorted(found[(r, s)], key=lambda d: (d["document"]["effective"],
                                                            d["document"]["id"])))
            for r, s in sorted(found, key=order)]


# --- the comparison page ---------------------------------------------------------
FACILITY_ORDER = ("village", "township", "county", "level1", "level2", "level3")


@dataclass(frozen=True)
class Cell:
    figures: list[Any]               # figures (or rates) to show, in order
    deferred: list[dict[str, Any]]   # labels of authorities the documents defer to
    words: list[dict[str, Any]]      # other labels to show (e.g. a tier name)


def _tier_for(benefit: dict[str, Any], facility: str, away: bool) -> dict[str, Any] | None:
    for tier in benefit.get("tiers", []):
        if facility in tier["facilities"] and bool(tier.get("out_of_area")) == away:
            return tier  # type: ignore[no-any-return]
    return None


def compare_rows(all_scopes: list[Scope]) -> list[tuple[str, dict[str, str], list[Cell]]]:
    """Rows of the comparison table: (catalog key, its arguments as catalog keys, cells)."""
    rows: list[tuple[str, dict[str, str], list[Cell]]] = []

    def tier_row(family: str, facility: str, away: bool, field: str) -> None:
        cells = []
        for scope in all_scopes:
            cov = scope.coverage(family)
            figs = []
            for e in cov.entries:
                tier = _tier_for(e.value, facility, away)
                if tier is not None and tier.get(field) is not None:
                    figs.append(tier[field])
            cells.append(Cell(figs, [e.value["deferred_to"] for e in cov.deferred], []))
        if any(c.figures for c in cells):
            rows.append((f"compare.{family}.{field}",
                         {"facility": "compare.out_of_area" if away else f"facility.{facility}"},
                         cells))

    for field in ("deductible", "rate"):
        for facility in FACILITY_ORDER:
            tier_row("inpatient", facility, False, field)
        tier_row("inpatient", "level3", True, field)
    for field in ("rate", "cap_per_visit"):
        for facility in FACILITY_ORDER:
            tier_row("outpatient", facility, False, field)

    pools = []
    for scope in all_scopes:
        figs = [pool["amount"] for e in scope.docs
                for _, pool in sorted((k, v) for k, v in
                                      (scope.rules(e).get("pools") or {}).items()
                                      if not k.startswith("_"))]
        pools.append(Cell(figs, [], []))
    if any(c.figures for c in pools):
        rows.append(("compare.pools", {}, pools))

    for family in ("chronic", "major_illness", "assistance"):
        cells = []
        for scope in all_scopes:
            cov = scope.coverage(family)
            cells.append(Cell([], [e.value["deferred_to"] for e in cov.deferred],
                              [e.value["label"] for e in cov.entries]))
        rows.append((f"compare.{family}", {}, cells))
    return rows
