"""Helpers shared by the per-document data tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

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


def document_fixture(doc_id: str) -> Callable[..., dict[str, Any]]:
    """The module-scoped ``doc`` fixture of a test module: one compiled document."""

    @pytest.fixture(scope="module", name="doc")
    def doc(docs: dict[str, dict[str, Any]]) -> dict[str, Any]:
        return docs[doc_id]

    return doc


def scheme_fixture(scheme: str, name: str) -> Callable[..., dict[str, Any]]:
    """A module-scoped fixture ``name``: the document's rules for one scheme."""

    @pytest.fixture(scope="module", name=name)
    def rules(doc: dict[str, Any]) -> dict[str, Any]:
        return doc["schemes"][scheme]

    return rules
