"""The estimator's labels: the live ones (estimator.labels), not a frozen copy."""

from __future__ import annotations

from estimator.labels import CONDITION_LABEL, DELIVERY_LABEL, FACILITY_LABEL, KIND_LABEL

__all__ = ["CONDITION_LABEL", "DELIVERY_LABEL", "FACILITY_LABEL", "KIND_LABEL"]
