"""Where a page's "work it out yourself" link opens the estimator.

A region page's link names the page's region and scheme and, on a benefit page, its
kind of care (``?region=kizilsu&scheme=employee&kind=inpatient``); the estimator page
(docs/assets/estimator/app.js) reads the query and opens the form on them. Each value
is written only when the estimator offers it (``estimator.describe_form()``: the region
and scheme exist, the kind is computable there), so the form never has to replace what
the link asked for with something else.
"""

from __future__ import annotations

import importlib
from typing import Any
from urllib.parse import urlencode

# Benefit page slug → the estimator's kind of care (the other benefit pages have none).
KIND_OF_PAGE = {
    "inpatient": "inpatient",
    "outpatient": "outpatient",
    "chronic": "chronic",
    "two-diseases": "two_diseases",
    "maternity": "maternity",
    "day-surgery": "day_surgery",
    "tuberculosis": "tuberculosis",
    "special-drugs": "special_drugs",
}


def load_form() -> dict[str, Any] | None:
    """The estimator's ``describe_form()``, or None when the package does not offer it."""
    try:
        module = importlib.import_module("estimator")
    except ImportError:
        return None
    describe = getattr(module, "describe_form", None)
    return describe() if describe is not None else None


def estimate_query(form: dict[str, Any] | None, region: str, scheme: str,
                   kind: str | None = None) -> str:
    """The query of an estimate link ('' when the estimator offers none of it).

    Without ``form`` (no estimator to ask) region and scheme are written as they are
    and the kind is left out."""
    if form is None:
        return "?" + urlencode({"region": region, "scheme": scheme})
    schemes = (form.get("regions") or {}).get(region) or {}
    query: dict[str, str] = {}
    if schemes:
        query["region"] = region
        offered = schemes.get(scheme)
        if offered:
            query["scheme"] = scheme
            kinds = offered.get("kinds") or {}
            if kind and (kinds.get(kind) or {}).get("status") == "ok":
                query["kind"] = kind
    return "?" + urlencode(query) if query else ""
