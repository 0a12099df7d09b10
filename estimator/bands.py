"""Banded schedules over a year's accumulated amount."""

from __future__ import annotations

from decimal import Decimal

from .money import ZERO, clamp_rate, pos
from .rules import Json


class BandTable:
    """A banded schedule compiled once: each band's upper end and rate (``change``
    moves every band's rate by percentage points, kept within 0–100%).

    measured_on ``above_threshold``: bands count from the threshold (the first band
    covers threshold … threshold + up_to). Otherwise bands are absolute amounts, and
    nothing below the threshold is paid."""

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

    def increment(self, before: Decimal, after: Decimal, threshold: Decimal) -> Decimal:
        """What the schedule pays for the part of the year's amount accumulated between
        *before* and *after* (not below zero): one pass over the bands, each paying at
        its rate on the part of the way from *before* to *after* it spans."""
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
