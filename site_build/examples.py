"""Worked examples computed at build time by the estimator, never typed by hand.

Contract (estimator/, written separately)::

    from estimator import estimate, render
    render(estimate(case: dict), "all") -> dict   # {"computable", "totals", "episodes", "notes"}

Only when the estimator package cannot be imported (not written yet) does a
page say "example unavailable"; once it exists, an example that raises, or a
result that does not follow the contract, fails the build.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from markupsafe import Markup

from .errors import BuildError
from .fmt import Formatter

Estimate = Callable[[dict[str, Any]], dict[str, Any]]

# The example person: an adult resident / an in-service employee, no assistance category.
PERSON = {"age": 40, "employment": "in_service", "civil_servant": False,
          "assistance_category": "none"}

# Costs of the worked examples, by episode kind (yuan).
EXAMPLE_COSTS = {"inpatient": "10000", "outpatient": "100", "major_illness": "200000"}


def load_estimate() -> Estimate | None:
    """The estimator's ``estimate``, or None when the package is not there yet."""
    try:
        module = importlib.import_module("estimator")
    except ImportError:
        return None
    estimate = getattr(module, "estimate", None)
    render = getattr(module, "render", None)
    if estimate is None or render is None:
        if getattr(module, "__file__", None) is None:
            return None  # estimator/ has no __init__.py yet: a bare namespace package
        raise BuildError("estimator/__init__.py does not export estimate() and render()")

    def in_words(case: dict[str, Any]) -> dict[str, Any]:
        """The keyed result in the three-language form the pages read."""
        return render(estimate(case), "all")  # type: ignore[no-any-return]

    return in_words


def example_date(header: dict[str, Any]) -> str:
    """A date inside the document's validity: 150 days after it takes effect,
    or its last day if it is shorter."""
    start = dt.date.fromisoformat(header["effective"])
    day = start + dt.timedelta(days=150)
    if header.get("expires"):
        day = min(day, dt.date.fromisoformat(header["expires"]) - dt.timedelta(days=1))
    return day.isoformat()


def make_case(region: str, scheme: str, header: dict[str, Any], kind: str, facility: str,
              out_of_area: bool, cost: str) -> dict[str, Any]:
    return {
        "region": region,
        "scheme": scheme,
        "person": dict(PERSON),
        "episodes": [{
            "kind": kind,
            "date": example_date(header),
            "facility": facility,
            "out_of_area": out_of_area,
            "referral": True,
            "cost": {"total": cost},
        }],
    }


def _turns_on_referral(benefit: dict[str, Any] | None, tier: dict[str, Any]) -> bool:
    """Whether the benefit changes this row's rate with the referral or the out-of-area
    registration (then the example must say it assumes a referred stay)."""
    if not benefit:
        return False
    away = bool(tier.get("out_of_area"))
    for adj in benefit.get("adjustments") or []:
        when = adj.get("when") or {}
        if when.get("referral") is None:
            continue
        if when.get("out_of_area") is not None and bool(when["out_of_area"]) != away:
            continue
        facilities = when.get("facilities")
        if facilities and not set(facilities) & set(tier.get("facilities", [])):
            continue
        return True
    return False


def _resident_wording(fmt: Formatter, note: dict[str, Any]) -> Markup | None:
    """The estimator's reason for an external figure staff have not supplied is worded
    for staff; on a public page say instead who sets it and what to ask."""
    zh = str(note.get("zh") or "")
    if "人均可支配收入" in zh and "尚未提供" in zh:
        return fmt.msg("example.unknown_parameter")
    return None


class Examples:
    """Renders worked examples for one page and language."""

    def __init__(self, estimate: Estimate | None, fmt: Formatter) -> None:
        self.estimate = estimate
        self.fmt = fmt

    def render(self, region: str, scheme: str, doc: dict[str, Any], kind: str,
               tier: dict[str, Any], cost_key: str | None = None,
               benefit: dict[str, Any] | None = None) -> Markup:
        f = self.fmt
        cost = EXAMPLE_COSTS[cost_key or kind]
        facility = tier["facilities"][0]
        where = f.label(tier["label"])
        title = f.msg(f"example.title.{kind}", cost=f.money(cost), where=where)
        if _turns_on_referral(benefit, tier):
            # The example case is a referred stay (make_case): say so where the rate
            # of this row depends on the referral.
            title += Markup(" ") + f.msg("example.assume.referral")
        if self.estimate is None:
            return Markup('<div class="example example--unavailable"><p><strong>{}</strong> '
                          '{}</p></div>').format(title, f.msg("example.unavailable"))
        case = make_case(region, scheme, doc["document"], kind, facility,
                         bool(tier.get("out_of_area")), cost)
        try:
            result = self.estimate(case)
            return self._result(title, result)
        except BuildError:
            raise
        except Exception as exc:
            raise BuildError(f"worked example failed ({region} {scheme} {kind} at "
                             f"{facility}, {cost} yuan): {type(exc).__name__}: {exc}\n"
                             f"case: {case}") from exc

    def _result(self, title: Markup, result: dict[str, Any]) -> Markup:
        """The example's outcome; a partly computable one shows what can be computed,
        says why the rest cannot, and words "you pay" as an upper bound."""
        f = self.fmt
        episode = result["episodes"][0]
        reason = Markup("")
        if episode.get("reason"):
            reason = _resident_wording(f, episode["reason"]) or f.label(episode["reason"])
        if episode.get("basic") is None or episode.get("out_of_pocket") is None:
            return Markup('<div class="example"><p><strong>{}</strong> {} {}</p></div>').format(
                title, f.msg("example.not_computable"), reason)
        paid = sum((Decimal(episode[k]) for k in ("basic", "supplementary", "major_illness",
                                                  "assistance") if episode.get(k)), Decimal(0))
        key = "example.summary.at_most" if episode.get("out_of_pocket_at_most") else (
            "example.summary")
        summary = f.msg(key, fund=Markup("<strong>{}</strong>").format(f.money(paid)),
                        you=Markup("<strong>{}</strong>").format(
                            f.money(episode["out_of_pocket"])))
        extra = [reason] if reason else []
        seen = {str(reason)}
        for n in episode.get("notes", []) + result.get("notes", []):
            text = ((_resident_wording(f, n) or f.label(n)) if isinstance(n, dict)
                    else Markup(""))
            if text and str(text) not in seen:
                seen.add(str(text))
                extra.append(text)
        notes = Markup("").join(Markup('<p class="example-note">{}</p>').format(x)
                                for x in extra)
        steps = []
        for step in episode.get("steps", []):
            citation = step.get("citation") or {}
            cite = (f.cite(citation["article"], citation.get("document"))
                    if citation.get("article") else Markup(""))
            amount = (Markup(': <span class="step-amount" data-key="{}">{}</span>').format(
                step.get("key", ""), f.money(step["amount"]))
                if step.get("amount") is not None else Markup(""))
            steps.append(Markup('<li><span class="step-label">{}</span>{} {}</li>').format(
                f.label(step["label"]), amount, cite))
        return Markup('<div class="example"><p><strong>{}</strong> {}</p>{}'
                      '<details><summary>{}</summary><ol>{}</ol></details></div>').format(
            title, summary, notes, f.msg("example.steps"), Markup("").join(steps))
