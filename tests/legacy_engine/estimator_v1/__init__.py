"""What the fund pays for a year of care, and why — standard library only.

    estimate(case: dict) -> dict     the whole chain, step by step with citations
    describe_form() -> dict          what the form can ask, per region and scheme
    coverage_start(dict) -> dict     when a resident's benefits start after paying
    employee_contribution(dict)      monthly employee contributions
    maternity_allowance(dict)        the employee maternity allowance
    CaseError                        invalid input (``.field`` names it)
    InternalError                    a fault of the estimator (``.field``: where)

The rules come from bundle.json, compiled from policy_data/ by build.py.
"""

from __future__ import annotations

from .contributions import employee_contribution
from .enrollment import coverage_start
from .errors import CaseError, InternalError
from .form import describe_form
from .maternity_allowance import maternity_allowance
from .pipeline import estimate

__all__ = ["CaseError", "InternalError", "coverage_start", "describe_form",
           "employee_contribution", "estimate", "maternity_allowance"]
