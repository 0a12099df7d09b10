"""Money and rates as Decimal; rounding to the fen (0.01 yuan) half-up."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

ZERO = Decimal(0)
ONE = Decimal(1)
FEN = Decimal("0.01")


def yuan(value: Decimal) -> Decimal:
    """Round a produced amount to 0.01 yuan, half-up. (Passed by position: the
    keyword form costs CPython's decimal module four times as much.)"""
    return value.quantize(FEN, ROUND_HALF_UP)


def text(value: Decimal | None) -> str | None:
    """The amount as a string with two decimals, e.g. "1234.50"."""
    if value is None:
        return None
    # After quantizing to the fen the exponent is -2, so str() writes plain digits.
    return str(value.quantize(FEN, ROUND_HALF_UP))


def clamp_rate(rate: Decimal) -> Decimal:
    """Rates after adjustments stay within 0–100%."""
    return min(max(rate, ZERO), ONE)


def pos(value: Decimal) -> Decimal:
    return value if value > ZERO else ZERO
