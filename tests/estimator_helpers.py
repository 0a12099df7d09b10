"""Small builders for estimator test cases, and the estimator reading another bundle."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

from estimator import rules


def _clear() -> None:
    for cached in (rules.bundle, rules.sources, rules.document_title, rules._in_force):
        cached.cache_clear()


@contextmanager
def bundle_read(text: str) -> Iterator[dict[str, Any]]:
    """The estimator reading the bundle *text* (a compiled bundle.json) for a while."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bundle.json"
        path.write_text(text, encoding="utf-8")
        saved = rules.BUNDLE_PATH
        rules.BUNDLE_PATH = path
        _clear()
        try:
            yield json.loads(text)
        finally:
            rules.BUNDLE_PATH = saved
            _clear()


def case(region: str, scheme: str = "resident", *episodes: dict[str, Any],
         **person: Any) -> dict[str, Any]:
    return {"region": region, "scheme": scheme,
            "person": {"age": 40, **person}, "episodes": list(episodes)}


def ep(kind: str, total: str | int, date: str = "2026-03-01", facility: str = "township",
       **extra: Any) -> dict[str, Any]:
    cost = {"total": str(total)}
    for part in ("excluded", "class_b_drugs", "class_b_services", "class_b_consumables"):
        if part in extra:
            cost[part] = str(extra.pop(part))
    return {"kind": kind, "date": date, "facility": facility, "cost": cost, **extra}


def money(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def step(result: dict[str, Any], key: str, episode: int = 0) -> dict[str, Any]:
    steps = [s for s in result["episodes"][episode]["steps"] if s["key"] == key]
    assert steps, f"no step {key!r} in {[s['key'] for s in result['episodes'][episode]['steps']]}"
    return steps[0]


def in_words(raw: Any) -> dict[str, Any]:
    """The three-language form of a case's result (what ``estimate`` gave before it
    spoke keys): ``render(estimate(raw), "all")``."""
    from estimator import estimate, render  # noqa: PLC0415

    return render(estimate(raw), "all")
