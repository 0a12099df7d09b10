"""What is in force on each day, for one region and scheme.

A document applies from ``effective`` to ``expires`` (the last day, included),
unless a document in force names it in ``supersedes`` (by ``id``): then it
stops on the day the superseding one starts. Between two documents in force
on the same day, one that ``amends`` the other (or supersedes it) prevails for
the rule families it gives.

The days are cut into periods at every effective date and every day after an
expiry: within a period the same documents are in force.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from . import models

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Period:
    """Days ``start`` to ``end`` (included; None = open-ended) and the documents in
    force then, oldest first."""

    start: dt.date
    end: dt.date | None
    in_force: tuple[models.Document, ...]


def periods(documents: Iterable[models.Document]) -> Iterator[Period]:
    """The periods from the earliest document's start; the open-ended period after
    every document has ended is left out."""
    docs = sorted(documents, key=lambda d: (d.document.effective, d.document.id))
    cuts = sorted({d.document.effective for d in docs}
                  | {d.document.expires + ONE_DAY for d in docs if d.document.expires})
    for i, start in enumerate(cuts):
        end = cuts[i + 1] - ONE_DAY if i + 1 < len(cuts) else None
        current = [d for d in docs if d.document.effective <= start
                   and (d.document.expires is None or start <= d.document.expires)]
        replaced = {s.id for d in current for s in d.document.supersedes if s.id}
        in_force = tuple(d for d in current if d.document.id not in replaced)
        if not in_force and end is None:
            return
        yield Period(start, end, in_force)


def prevails_over(documents: Iterable[models.Document]) -> dict[str, set[str]]:
    """For each document id, the ids it amends or supersedes, directly or through
    another document."""
    direct = {d.document.id: set(d.document.amends)
              | {s.id for s in d.document.supersedes if s.id} for d in documents}
    closure: dict[str, set[str]] = {}
    for doc_id in direct:
        seen: set[str] = set()
        todo = list(direct[doc_id])
        while todo:
            other = todo.pop()
            if other not in seen:
                seen.add(other)
                todo.extend(direct.get(other, ()))
        closure[doc_id] = seen
    return closure


def rank(documents: Iterable[models.Document]) -> dict[str, int]:
    """How many documents each one prevails over: a document that amends another
    comes before it where the first document in force decides (the estimator)."""
    return {doc_id: len(others) for doc_id, others in prevails_over(documents).items()}
