"""The "what changed" page of each region (templates/changes.md.j2): the changes
policy_build/history.py finds in the bundle, newest first, in the page's language.

Figures are shown with the same helpers as every other page (value, citation linked
to its document); a sample case is described from its own data (kind of care,
facility, cost, who) with the catalogs' words, so no case needs a name per language.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from markupsafe import Markup

from .fmt import Formatter

# The estimator's kind of care → the page whose short title names it.
KIND_PAGE = {"two_diseases": "two-diseases", "day_surgery": "day-surgery",
             "special_drugs": "special-drugs"}


def load_history(bundle: dict[str, Any], data_dir: Path | None) -> dict[str, list[Any]]:
    """Region → its changes, newest first (policy_build/history.py), with the sample cases
    of *data_dir*/samples/ run by the estimator this process imports (it reads the
    site's bundle); without *data_dir* (no estimator), the changes without cases."""
    from policy_build.diff import run_here, samples  # noqa: PLC0415
    from policy_build.history import history  # noqa: PLC0415

    cases = samples(data_dir) if data_dir else []
    return {r["id"]: history(bundle, r["id"], list(r["schemes"]), cases, run_here)
            for r in bundle["regions"]}


def figure_title(fmt: Formatter, change: Any) -> Markup:
    """What a changed figure is: the data labels around it and the name of its field."""
    parts = [fmt.label(lab) for lab in change.figure.labels]
    field = re.sub(r"\[[^\]]*\]$", "", change.path.rsplit(".", 1)[-1])
    for key in (f"col.{field}", f"figure.{field}"):
        if fmt.catalogs.has(key):
            parts.append(fmt.msg(key))
            break
    if not parts:
        return Markup("<code>{}</code>").format(change.path)
    return Markup(" · ").join(parts)


def case_title(fmt: Formatter, case: dict[str, Any]) -> Markup:
    """A sample case in words: kind of care, facility, cost; the person's status."""
    parts: list[Markup] = []
    for ep in case["episodes"]:
        kind = ep["kind"]
        parts.append(fmt.msg(f"page.{KIND_PAGE.get(kind, kind)}.title.short"))
        if ep.get("facility"):
            parts.append(fmt.msg(f"facility.{ep['facility']}"))
        if ep.get("referral"):
            parts.append(fmt.msg("changes.case.referral"))
        parts.append(fmt.msg("changes.case.cost", cost=fmt.money(ep["cost"]["total"])))
    person = case.get("person") or {}
    if case.get("scheme") == "employee" and person.get("employment"):
        parts.append(fmt.msg(f"employment.{person['employment']}"))
    if person.get("assistance_category") not in (None, "none"):
        parts.append(fmt.msg(f"category.{person['assistance_category']}"))
    return Markup(" · ").join(parts)


def case_effect(fmt: Formatter, change: Any, day: str, before: str) -> Markup:
    """What the person pays the day before and from the day of the change."""
    from policy_build.diff import pays  # noqa: PLC0415

    was, now = pays(change.old), pays(change.new)
    if was is None or now is None:
        unknown = fmt.text("changes.case.unknown")
        return fmt.msg("changes.case.unknown_either",
                       old=fmt.money(was) if was is not None else unknown,
                       new=fmt.money(now) if now is not None else unknown,
                       before=fmt.date(before), day=fmt.date(day))
    delta: Decimal = now - was
    key = ("changes.case.more" if delta > 0 else "changes.case.less" if delta < 0
           else "changes.case.same")
    return fmt.msg(key, old=fmt.money(was), new=fmt.money(now), delta=fmt.money(abs(delta)),
                   before=fmt.date(before), day=fmt.date(day))


def changed(change: Any) -> bool:
    """Whether a sample case pays a different amount (or becomes (not) computable)."""
    from policy_build.diff import pays  # noqa: PLC0415

    return bool(pays(change.old) != pays(change.new)
                or change.old["error"] != change.new["error"])
