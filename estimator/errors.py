"""The estimator's one error: a case it cannot accept.

    CaseError(ValueError)   the case is invalid; ``field`` names the input
                            (``episodes[2].cost.total``) and the message says
                            what is wrong and what to do.

Rules the documents leave open are not errors: the episode result says
``computable: false`` with the reason.
"""

from __future__ import annotations


class CaseError(ValueError):
    def __init__(self, field: str, problem: str):
        self.field = field
        self.problem = problem
        super().__init__(f"{field}: {problem}")
