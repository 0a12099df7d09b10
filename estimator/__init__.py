"""What the fund pays for a year of care, and why — standard library only.

    estimate(case, lang="all")       the whole chain, step by step with citations, in
                                     words: render(evaluate(case), lang)
    evaluate(case) -> Result         the same as message keys, amounts and citation
                                     references (no text yet)
    render(result, lang) -> dict     a result in one language (zh, ug, en) or in
                                     the three-language form ("all")
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
from .pipeline import estimate, evaluate
from .render import render

__all__ = ["CaseError", "InternalError", "coverage_start", "describe_form",
           "employee_contribution", "estimate", "evaluate", "maternity_allowance",
           "render"]
