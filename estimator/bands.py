"""Banded schedules over a year's accumulated amount."""

from __future__ import annotations

from decimal import Decimal

from .money import ZERO, clamp_rate, pos
from .rules import Json


def banded(amount: Decimal, bands: Json, threshold: Decimal, change: Decimal = ZERO) -> Decimal:
    """What a banded schedule pays on ``amount`` accumulated in the year.

    measured_on ``above_threshold``: bands count from the threshold (the
    first band covers threshold … threshold + up_to). Otherwise bands are
    absolute amounts, and nothing below the threshold is paid. ``change`` moves
    every band's rate by percentage points (kept within 0–100%).
    """
    return BandTable(bands, change).pays(amount, threshold)


def increment(before: Decimal, after: Decimal, bands: Json, threshold: Decimal,
              change: Decimal = ZERO) -> Decimal:
    """What the schedule pays for the part accumulated between two points."""
    return pos(banded(after, bands, threshold, change) - banded(before, bands, threshold, change))


class BandTable:
    """A banded schedule compiled once: each band's upper end and rate (after a rate
    change), as ``banded`` reads them from the rules."""

    __slots__ = ("relative", "bands")

    def __init__(self, bands: Json, change: Decimal = ZERO) -> None:
        self.relative = bands["measured_on"] == "above_threshold"
        rows: list[tuple[Decimal | None, Decimal]] = []
        for band in bands["bands"]:
            rate = band["rate"]["value"] if "value" in band["rate"] else ZERO
            if change:
                rate = clamp_rate(rate + change)
            rows.append((band["up_to"]["value"] if band["up_to"] else None, rate))
        self.bands = rows

    def pays(self, amount: Decimal, threshold: Decimal) -> Decimal:
        """What this schedule pays on ``amount`` accumulated in the year (``banded``)."""
        if amount <= threshold:
            # Below the threshold no band pays (in either way of measuring).
            return ZERO
        relative = self.relative
        base = pos(amount - threshold) if relative else amount
        floor = ZERO if relative else threshold
        total = ZERO
        low = ZERO
        for high, rate in self.bands:
            start = max(low, floor)
            end = base if high is None else min(base, high)
            if end > start:
                total += (end - start) * rate
            if high is not None:
                low = high
        return total

    def increment(self, before: Decimal, after: Decimal, threshold: Decimal) -> Decimal:
        """``increment`` on this table: ``pays(after) − pays(before)`` (not below zero),
        in one pass over the bands, each paying at its rate on the part of the way from
        *before* to *after* it spans. (The amounts are exact in Decimal, so this is the
        same number.)"""
        if after <= threshold:
            return ZERO
        if self.relative:
            top = after - threshold
            bottom = before - threshold
            floor = ZERO
        else:
            top = after
            bottom = before
            floor = threshold
        total = ZERO
        low = ZERO
        for high, rate in self.bands:
            start = max(low, floor)
            end = top if high is None else min(top, high)
            if end > start:
                below = bottom if high is None else min(bottom, high)
                total += (end - (below if below > start else start)) * rate
            if high is not None:
                low = high
        return pos(total)
