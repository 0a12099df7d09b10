"""What the fund pays for a year of care, and why — standard library only.

    estimate(case: dict) -> dict     the whole chain, step by step with citations
    describe_form() -> dict          what the form can ask, per region and scheme
    CaseError                        invalid input (``.field`` names it)

The rules come from bundle.json, compiled from policy_data/ by build.py.
"""

from __future__ import annotations

from .errors import CaseError
from .form import describe_form
from .pipeline import estimate

__all__ = ["CaseError", "describe_form", "estimate"]
