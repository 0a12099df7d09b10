"""The estimator's errors.

    CaseError(ValueError)       the case is invalid; ``field`` names the input
                                (``episodes[2].cost.total``) and the message says
                                what is wrong and what to do.
    InternalError(RuntimeError) a fault of the estimator itself, not of the case;
                                ``field`` names the part of the case being
                                processed (``episodes[1]``), for the report.

Rules the documents leave open are not errors: the episode result says
``computable: false`` with the reason.
"""

from __future__ import annotations


class CaseError(ValueError):
    def __init__(self, field: str, problem: str):
        self.field = field
        self.problem = problem
        super().__init__(f"{field}: {problem}")


class InternalError(RuntimeError):
    def __init__(self, field: str, cause: BaseException):
        self.field = field
        self.cause = cause
        super().__init__(f"internal error of the estimator while processing {field} "
                         f"({type(cause).__name__}: {cause}); the case may be valid: "
                         "please report it")
