"""What changed in a region, from the data alone (no git): the site's "what changed"
pages (issue 10).

A change is a day on which the figures in force differ from the day before: a
dated value that starts (written in a document, or by an amendment file), or a
document that takes effect (a new version, a document that amends another) or
stops while another goes on. For each such day, newest first, ``history`` compares
the region's figures in force the day before with those of the day itself, per
scheme, and runs the region's sample cases (policy_data/samples/) on both days —
the same comparison ``build.py diff`` makes between two git refs
(policy_build/diff.py), here between two dated states of one bundle.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .diff import (
    CaseChange,
    FigureChange,
    amount,
    case_changes,
    figure_changes,
    figures_on,
    in_force,
    on_day,
    walk,
)

ONE_DAY = dt.timedelta(days=1)
# Runs sample cases: {computable, totals, error} per case (diff.run_here in the build).
Runner = Callable[[list[dict[str, Any]]], list[dict[str, Any]]]


@dataclass(frozen=True)
class Change:
    """The figures of one region that changed on one day, and what that does."""

    day: dt.date                         # the first day of the new figures
    documents: tuple[str, ...]           # the documents that bring the change
    figures: dict[str, list[FigureChange]]   # scheme → figures changed (old → new)
    cases: list[CaseChange]              # the region's sample cases the day before and on
    #                                      the day (old → new)

    @property
    def day_before(self) -> dt.date:
        """The last day of the old figures."""
        return self.day - ONE_DAY


def _region_documents(bundle: dict[str, Any], region: str) -> list[dict[str, Any]]:
    return [d for d in bundle["documents"] if d["document"]["region"] == region]


def change_days(bundle: dict[str, Any], region: str) -> dict[dt.date, set[str]]:
    """Every day a figure of *region* may change → the documents that start it."""
    docs = _region_documents(bundle, region)
    with_rules = [d for d in docs if d["document"]["schemes"]]   # not amendment files
    if not with_rules:
        return {}
    first = min(dt.date.fromisoformat(d["document"]["effective"]) for d in with_rules)
    days: dict[dt.date, set[str]] = {}
    for doc in docs:
        head = doc["document"]
        days.setdefault(dt.date.fromisoformat(head["effective"]), set()).add(head["id"])
        if head["expires"]:
            days.setdefault(dt.date.fromisoformat(head["expires"]) + ONE_DAY, set())
        for _, _, fig in walk(doc["schemes"], "schemes"):
            for value in fig.get("values", [])[1:]:
                days.setdefault(dt.date.fromisoformat(value["effective_from"]), set()).add(
                    value.get("document") or head["id"])
    return {day: ids for day, ids in days.items() if day > first
            and any(in_force(d["document"], day - ONE_DAY) for d in with_rules)
            and any(in_force(d["document"], day) for d in with_rules)}


def history(bundle: dict[str, Any], region: str, schemes: list[str],
            samples: list[tuple[str, dict[str, Any]]], run: Runner) -> list[Change]:
    """The changes of *region* (its *schemes*), newest first. *samples*: the sample cases
    (diff.samples); those of the region are run by *run* the day before and on the day
    of each change (run must read *bundle*)."""
    mine = [(stem, item) for stem, item in samples if item["case"]["region"] == region]
    out = []
    for day, documents in sorted(change_days(bundle, region).items(), reverse=True):
        before = day - ONE_DAY
        figs = {scheme: changes for scheme in schemes
                if (changes := figure_changes(figures_on(bundle, region, scheme, before),
                                              figures_on(bundle, region, scheme, day),
                                              same=amount))}
        if not figs and not documents:
            continue
        moved = [on_day(item["case"], day) for _, item in mine]
        cases = case_changes(mine, run([on_day(item["case"], before, last=True)
                                        for _, item in mine]), run(moved), moved)
        out.append(Change(day, tuple(sorted(documents)), figs, cases))
    return out
