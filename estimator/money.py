"""Money and rates as Decimal; rounding to the fen (0.01 yuan) half-up."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

ZERO = Decimal(0)
ONE = Decimal(1)
FEN = Decimal("0.01")


def yuan(value: Decimal) -> Decimal:
    """Round a produced amount to 0.01 yuan, half-up."""
    return value.quantize(FEN, rounding=ROUND_HALF_UP)


def text(value: Decimal | None) -> str | None:
    return None if value is None else f"{yuan(value):.2f}"


def clamp_rate(rate: Decimal) -> Decimal:
    """Rates after adjustments stay within 0–100%."""
    return min(max(rate, ZERO), ONE)


def pos(value: Decimal) -> Decimal:
    return value if value > ZERO else ZERO
