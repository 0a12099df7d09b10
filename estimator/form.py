"""What the estimate form can ask, per region and scheme, from the bundle:
which kinds of care have rules, at which facilities, which diseases and
deliveries — so the browser form shows only the fields that apply."""

from __future__ import annotations

from typing import Any

from .case import DELIVERIES, KINDS
from .labels import CATEGORY_LABEL, CONDITION_LABEL, DELIVERY_LABEL, FACILITY_LABEL, KIND_LABEL
from .rules import Json, bundle, regions


def _kind(rules: list[Json], name: str) -> Json | None:
    for scheme_rules in rules:
        fam = scheme_rules.get(name)
        if fam is not None:
            if "deferred_to" in fam:
                return {"status": "deferred", "reason": fam["deferred_to"]}
            tiers = fam.get("tiers") or []
            facilities = sorted({f for t in tiers for f in t["facilities"]},
                                key=list(FACILITY_LABEL).index)
            return {"status": "ok", "label": fam.get("label", KIND_LABEL[name]),
                    "facilities": facilities}
    for scheme_rules in rules:
        why = scheme_rules.get("not_specified", {}).get(name)
        if why:
            return {"status": "not_specified", "reason": why}
    return None


def describe_form() -> dict[str, Any]:
    """Per region (in the registry's order, policy_data/regions.yaml) and scheme: its
    documents and what the form can ask; with the labels of every choice."""
    found: dict[str, Any] = {}
    for doc in bundle()["documents"]:
        head = doc["document"]
        for scheme, rules in doc["schemes"].items():
            entry = found.setdefault(head["region"], {}).setdefault(
                scheme, {"documents": [], "rules": []})
            entry["documents"].append({"id": head["id"], "title": head["title"],
                                       "effective": head["effective"],
                                       "expires": head["expires"]})
            entry["rules"].append(rules)
    out: dict[str, Any] = {}
    for region, schemes in sorted(found.items(), key=lambda item: regions().index(item[0])):
        for scheme, entry in sorted(schemes.items()):
            rules = entry.pop("rules")
            kinds = {}
            for name in KINDS:
                info = _kind(rules, name)
                if info is not None:
                    kinds[name] = {**info, "label": info.get("label", KIND_LABEL[name])}
            inpatient = kinds.get("inpatient", {}).get("facilities", [])
            for name in ("chronic", "maternity", "two_diseases"):
                if name in kinds and not kinds[name].get("facilities"):
                    kinds[name]["facilities"] = inpatient or list(FACILITY_LABEL)
            chronic = next((r["chronic"] for r in rules if r.get("chronic")
                            and "diseases" in r["chronic"]), None)
            maternity = next((r["maternity"] for r in rules if r.get("maternity")
                              and "method" in r["maternity"]), None)
            two = next((r["two_diseases"] for r in rules if r.get("two_diseases")
                        and "annual_caps" in r["two_diseases"]), None)
            major = next((r["major_illness"] for r in rules if r.get("major_illness")
                          and "groups" in r["major_illness"]), None)
            entry.update({
                "kinds": kinds,
                "diseases": [{"id": d["id"], "code": d.get("code"), "label": d["label"],
                              "class": d["disease_class"],
                              "available": d.get("available", True)}
                             for d in (chronic or {}).get("diseases", [])],
                "deliveries": sorted({q["delivery"] for q in maternity.get("quotas", [])},
                                     key=DELIVERIES.index)
                if maternity and maternity.get("quotas") else list(DELIVERIES)
                if maternity else [],
                "conditions": sorted((two or {}).get("annual_caps", {})),
                "both_conditions_combined": bool(two and two.get("caps_combined")),
                "employment": scheme == "employee",
                "civil_servant": any(any(a["when"].get("civil_servant") for a in
                                         (r.get("inpatient") or {}).get("adjustments", []))
                                     for r in rules) or any(r.get("civil_servant_subsidy")
                                                            for r in rules),
                "incentives": sorted({i["id"] for i in (major or {}).get("incentives", [])}),
                # Lower rates in a flexible worker's first years: the form asks for the
                # first month paid (person.flexible_since).
                "flexible_since": any((r.get(k) or {}).get("new_member_rates")
                                      for r in rules for k in KINDS),
                "year_decided_by": next((r["year_decided_by"] for r in rules
                                         if r.get("year_decided_by")), "admission"),
            })
            out.setdefault(region, {})[scheme] = entry
    return {
        "regions": out,
        "labels": {"regions": {r["id"]: r["full_name"] for r in bundle()["regions"]},
                   "kinds": KIND_LABEL, "facilities": FACILITY_LABEL,
                   "categories": CATEGORY_LABEL, "deliveries": DELIVERY_LABEL,
                   "conditions": CONDITION_LABEL},
    }
