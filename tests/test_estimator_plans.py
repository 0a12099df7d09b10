"""The basic layer's compiled plans (issue 11, "a compiled plan ... per documents in
force"): compiled once for the days that share the same rules, apart for another
facility or another dated value, and read from the rules the documents give."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from estimator import basic_plan
from estimator.basic import Engine
from estimator.basic_plan import TierPlan
from estimator.case import parse_case
from estimator.rules import sources_on
from estimator.trace import YearState
from tests.estimator_helpers import case, ep
from tests.test_dated_figures import estimator_reading


def _plan(data: dict[str, Any]) -> TierPlan:
    parsed = parse_case(data)
    episode = parsed.episodes[0]
    current = sources_on(parsed.region, parsed.scheme, episode.date, 0, "date")
    plan = basic_plan.tier_plan(Engine(parsed, episode, current, YearState()), episode.kind)
    assert plan is not None
    return plan


def _stay(day: str, facility: str) -> dict[str, Any]:
    return case("hotan", "resident", ep("inpatient", 4000, date=day, facility=facility,
                                        referral=True))


def test_days_with_the_same_rules_share_one_plan_hotan_art24_4_1() -> None:
    """Two township stays a month apart under the same Hotan measures: one plan, the
    township tier's 90% (第二十四条（四）1) as a Decimal, its step citing that article."""
    march = _plan(_stay("2026-03-10", "township"))
    april = _plan(_stay("2026-04-10", "township"))
    assert march is april
    assert march.rate == Decimal("0.90")
    step = march.rate_steps[-1]
    assert step.key == "rate" and step.cite is not None
    assert (step.cite.document, step.cite.article) == ("hotan_resident_2025", "第二十四条（四）1")


def test_another_facility_gets_its_own_plan_with_its_own_tier() -> None:
    township = _plan(_stay("2026-03-10", "township"))
    county = _plan(_stay("2026-03-10", "county"))
    assert county is not township
    assert county.rate is not None and township.rate is not None
    assert county.rate < township.rate


def test_a_dated_value_gives_each_period_its_own_plan_amendment_art2() -> None:
    """The example amendment lowers the township rate to 85% from 1 July 2026 (第二条):
    the plan of 30 June keeps 90%, the plan of 1 July has 85% and cites the amendment."""
    with estimator_reading():
        before = _plan(_stay("2026-06-30", "township"))
        after = _plan(_stay("2026-07-01", "township"))
        assert before is not after
        assert (before.rate, after.rate) == (Decimal("0.90"), Decimal("0.85"))
        cite = after.rate_steps[-1].cite
        assert cite is not None and cite.article == "第二条"
        assert cite.document != "hotan_resident_2025"
