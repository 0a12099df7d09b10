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
        out: dict[str, Any] = {"key": self.key, "label": self.label,
                               "amount": money_text(self.amount)}
        out["citation"] = ({"document": self.document, "title": self.title,
                            "article": self.article} if self.document else None)
        if self.reading:
            out["reading"] = self.reading
        return out


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
