"""Steps of an explanation and the running state of one person's year."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .messages import Text
from .money import text as money_text


@dataclass(frozen=True, slots=True)
class Step:
    key: str
    label: Text
    amount: Decimal | None
    document: str | None = None
    title: Any = None
    article: str | None = None
    reading: Any = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "key": self.key, "label": self.label,
            "amount": None if self.amount is None else money_text(self.amount),
            "citation": (_citation(self.document, self.title, self.article)
                         if self.document else None)}
        if self.reading:
            out["reading"] = self.reading
        return out


_CITATIONS: dict[tuple[str, str | None], dict[str, Any]] = {}


def _citation(document: str, title: Any, article: str | None) -> dict[str, Any]:
    """One shared citation object per document and article (a document id names
    one title; results treat it as read-only, like message texts)."""
    key = (document, article)
    found = _CITATIONS.get(key)
    if found is None:
        found = _CITATIONS[key] = {"document": document, "title": title, "article": article}
    return found


@dataclass
class YearState:
    """What one benefit year has used so far (caps, deductibles, accumulations)."""

    used: dict[str, Decimal] = field(default_factory=lambda: defaultdict(Decimal))
    visits: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    # In-policy self-pay counted by major-illness insurance, and what it paid.
    major_self_pay: Decimal = Decimal(0)
    # Eligible cost counted by the supplementary insurance.
    supplementary_base: Decimal = Decimal(0)
    # In-policy self-pay counted towards the assistance deductible.
    assistance_base: Decimal = Decimal(0)
    # What remains for the person after all layers (for tilted/secondary figures).
    remaining_self_pay: Decimal = Decimal(0)
    remaining_inpatient_self_pay: Decimal = Decimal(0)
    eligible_total: Decimal = Decimal(0)
    paid_total: Decimal = Decimal(0)
    civil_servant_base: Decimal = Decimal(0)
