"""The estimator's texts: the live ones (estimator.messages), not a frozen copy.

Texts are not engine logic; the differential test compares the old engine's
arithmetic and steps with the new one's, both speaking today's texts."""

from __future__ import annotations

from estimator.messages import LANGS, Text, percent, points_change, text

__all__ = ["LANGS", "Text", "percent", "points_change", "text"]
