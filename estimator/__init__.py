"""What the fund pays for a year of care, and why — standard library only.

    estimate(case) -> Result         the whole chain, step by step: message keys with
                                     their parameters, amounts (Decimal) and citation
                                     references; no text yet
    render(result, lang) -> dict     the result in words, as JSON-ready data: one
                                     language (zh, ug, en; each text and citation
                                     listed once) or the three-language form ("all")
    render_json(result, lang) -> str json.dumps(render(result, lang), ensure_ascii=False),
                                     the same bytes, written without the dicts
    evaluate(case) -> Result         the earlier name of estimate(), kept
    describe_form() -> dict          what the form can ask, per region and scheme
    coverage_start(dict) -> dict     when a resident's benefits start after paying
    employee_contribution(dict)      monthly employee contributions
    maternity_allowance(dict)        the employee maternity allowance
    CaseError                        invalid input (``.field`` names it)
    InternalError                    a fault of the estimator (``.field``: where)

The rules come from bundle.json, compiled from policy_data/ by build.py.

Where the three-language form used to come from ``estimate(case)``, it is now
``render(estimate(case), "all")`` (the CLI's ``--lang all``): the engine speaks keys
and only ``render`` makes text, so a caller asks for the words it shows. Both JSON
forms are described in schema/ (result.schema.json, result-one-language.schema.json).
"""

from __future__ import annotations

from .contributions import employee_contribution
from .enrollment import coverage_start
from .errors import CaseError, InternalError
from .form import describe_form
from .maternity_allowance import maternity_allowance
from .pipeline import estimate, evaluate
from .render import render, render_json

__all__ = ["CaseError", "InternalError", "coverage_start", "describe_form",
           "employee_contribution", "estimate", "evaluate", "maternity_allowance",
           "render",
           "render_json"]
