"""When a tier or an adjustment applies: its ``when`` conditions against the
person and the episode, and the rate change the matching adjustments add up to.

The same adjustments can act on several layers: Hotan Art. 24 (4) 5 lowers
the basic rate, the major-illness rate and the assistance rate of a stay
without the required referral."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from . import messages
from .case import Case, Episode
from .money import ZERO
from .msg import msg
from .rules import Json, Source, document_title
from .trace import Step, cited, step


def matches(when: Json, case: Case, ep: Episode) -> bool:
    """Every key the condition states must match; an absent key matches anything."""
    checks = {
        "referral": ep.referral,
        "out_of_area": ep.out_of_area,
        "out_of_area_registered": ep.out_of_area_registered,
        "civil_servant": case.person.civil_servant,
    }
    for key, actual in checks.items():
        if when.get(key) is not None and when[key] != actual:
            return False
    if when.get("age_at_least") is not None and case.person.age < when["age_at_least"]:
        return False
    if when.get("employment") is not None and case.person.employment not in when["employment"]:
        return False
    return not (when.get("facilities") is not None and ep.facility not in when["facilities"])


def rate_change(adjustments: list[Json], case: Case, ep: Episode) -> tuple[Decimal, list[Json]]:
    """The sum of the matching adjustments' rate changes (percentage points), and
    which adjustments matched."""
    change = ZERO
    used: list[Json] = []
    for adj in adjustments:
        if matches(adj["when"], case, ep):
            change += adj["rate_change"]["value"]
            used.append(adj)
    return change, used


def adjustment_step(adj: Json, source: Source) -> Step:
    """The explained step of one matching adjustment. An adjustment may cite another
    document's article (``document``), e.g. the resident measures cutting assistance."""
    amount: Decimal = adj["rate_change"]["value"]
    doc_id = adj.get("document") or source.doc_id
    title = source.title if doc_id == source.doc_id else document_title(doc_id)
    return step("adjustment", msg("step.adjustment",
                                  change=messages.points_change(amount),
                                            label=adj["label"]),
                None, cited(doc_id, title, adj["rate_change"].get("cite")),
                adj["rate_change"].get("reading"))


def facts(case: Case, ep: Episode) -> tuple[Any, ...]:
    """Everything of the person and the episode that ``matches`` or a tier's choice
    reads, and the parameters a figure resolves with: with the documents in force,
    what a plan compiled for an episode depends on."""
    person = case.person
    return (ep.facility, ep.out_of_area, ep.out_of_area_registered, ep.referral,
            ep.setting, person.age, person.employment, person.civil_servant,
            *case.parameters.items())
