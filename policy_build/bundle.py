"""Compile the validated documents into the one JSON bundle the estimator and
the page templates read (estimator/bundle.json)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from . import models, timeline

BUNDLE_FILE = Path(__file__).resolve().parent.parent / "estimator" / "bundle.json"
BUNDLE_VERSION = 1


def _dump(doc: models.Document) -> dict[str, Any]:
    data = doc.model_dump(mode="json", exclude_none=False, warnings=False)
    header = data["document"]
    _stamp(data["schemes"], header["effective"], header["expires"])
    _drop_empty_conditions(data["schemes"])
    return data


def _drop_empty_conditions(obj: Any) -> None:
    """A figure without conditions carries no ``conditions`` key (keeps the bundle small)."""
    if isinstance(obj, dict):
        if "conditions" in obj and obj["conditions"] is None:
            del obj["conditions"]
        for v in obj.values():
            _drop_empty_conditions(v)
    elif isinstance(obj, list):
        for v in obj:
            _drop_empty_conditions(v)


def _stamp(obj: Any, start: str, end: str | None) -> None:
    """Give every figure its effective dates (the document's unless it has its own)."""
    if isinstance(obj, dict):
        if "cite" in obj and "unit" in obj:
            if obj.get("effective_from") is None:
                obj["effective_from"] = start
            if obj.get("effective_until") is None:
                obj["effective_until"] = end
        for v in obj.values():
            _stamp(v, start, end)
    elif isinstance(obj, list):
        for v in obj:
            _stamp(v, start, end)


def compile_bundle(documents: list[models.Document],
                   parameters: models.Parameters) -> dict[str, Any]:
    # A document that amends or supersedes another comes first: the estimator takes
    # each rule family from the first document in force that gives it.
    ranks = timeline.rank(documents)
    docs = sorted(documents, key=lambda d: (d.document.region, -ranks[d.document.id],
                                            d.document.effective, d.document.id))
    return {
        "version": BUNDLE_VERSION,
        "documents": [_dump(d) for d in docs],
        "parameters": parameters.model_dump(mode="json", warnings=False)["parameters"],
    }


def to_text(bundle: dict[str, Any]) -> str:
    return json.dumps(bundle, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
