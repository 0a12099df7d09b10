"""Helpers shared by the per-document data tests."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

FIGURE_KEYS = ("value", "deferred_to", "unlimited", "fraction_of", "inpatient_fraction",
               "same_as_inpatient")


def figures(obj: Any, path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every figure (value, gap record, …) in a compiled document, with its path."""
    if isinstance(obj, dict):
        if "unit" in obj and any(k in obj for k in FIGURE_KEYS):
            yield path, obj
        for k, v in obj.items():
            yield from figures(v, f"{path}.{k}")
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from figures(v, f"{path}[{i}]")


def fact(items: list[dict[str, Any]], fact_id: str) -> dict[str, Any]:
    """The one fact with this id."""
    found = [f for f in items if f["id"] == fact_id]
    assert len(found) == 1, f"fact {fact_id!r} missing or repeated"
    return found[0]
