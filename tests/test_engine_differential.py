"""Engine v2 gives the same answers as the engine it replaced (issue 11).

The legacy engine (tests/legacy_engine/estimator_v1, the estimator as it was
before v2) and the current one run on the same cases; the three-language result
must be byte-identical JSON, and an invalid case must fail with the same field
and message. The cases:

- every case the estimator test suite passed to estimate() when v2 started
  (tests/legacy_engine/cases.jsonl.gz);
- the build's worked examples (site_build.examples.make_case) for every tier of
  every document;
- the benchmark's 20-episode years;
- whole years drawn by hypothesis from everything the form can produce
  (the strategy of test_estimator_years.py).

Delete this test with tests/legacy_engine/ once v2 has run for a while.
"""

from __future__ import annotations

import gzip
import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from test_estimator_years import years

import estimator
from estimator.rules import bundle

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE / "legacy_engine"))

import estimator_v1  # noqa: E402

sys.path.insert(0, str(ROOT / "benchmarks"))
from estimator_bench import year_case  # noqa: E402

from site_build.examples import EXAMPLE_COSTS, make_case  # noqa: E402


def _outcome(engine: Any, case: Any) -> str:
    """The result as the JSON the CLI and the worker send, or the error."""
    try:
        # v1 gives the three-language form; v2 the keyed result, put into words.
        result = engine.estimate(case)
        if engine is estimator:
            result = estimator.render(result, "all")
        return json.dumps(result, ensure_ascii=False)
    except (engine.CaseError, engine.InternalError) as exc:
        return f"{type(exc).__name__}: {exc.field}: {exc}"


def _same(case: Any) -> None:
    old = _outcome(estimator_v1, case)
    new = _outcome(estimator, case)
    assert new == old, f"case: {json.dumps(case, ensure_ascii=False)}"


def _recorded() -> list[Any]:
    text = gzip.decompress((HERE / "legacy_engine" / "cases.jsonl.gz").read_bytes())
    return [json.loads(line) for line in text.decode("utf-8").splitlines()]


def _worked_examples() -> list[dict[str, Any]]:
    cases = []
    for doc in bundle()["documents"]:
        head = doc["document"]
        for scheme, rules in doc["schemes"].items():
            for kind in ("inpatient", "outpatient", "day_surgery", "tuberculosis",
                         "special_drugs"):
                fam = rules.get(kind) or {}
                for tier in fam.get("tiers") or []:
                    costs = [EXAMPLE_COSTS.get(kind, "10000")]
                    if kind == "inpatient":
                        costs.append(EXAMPLE_COSTS["major_illness"])
                    for cost in costs:
                        cases.append(make_case(head["region"], scheme, head, kind,
                                               tier["facilities"][0],
                                               bool(tier.get("out_of_area")), cost))
    return cases


def _bench_years() -> list[dict[str, Any]]:
    form = estimator.describe_form()["regions"]
    return [year_case(region, scheme) for region, schemes in form.items()
            for scheme, info in schemes.items()
            if any(v["status"] == "ok" for v in info["kinds"].values())]


def test_every_case_the_test_suite_used_gives_the_same_result() -> None:
    cases = _recorded()
    assert len(cases) > 1000
    for case in cases:
        _same(case)


def test_every_worked_example_of_the_site_gives_the_same_result() -> None:
    cases = _worked_examples()
    assert len(cases) > 20
    for case in cases:
        _same(case)


def test_the_benchmark_years_give_the_same_result() -> None:
    cases = _bench_years()
    assert len(cases) >= 4
    for case in cases:
        _same(case)


@settings(max_examples=int(os.environ.get("DIFF_EXAMPLES", "200")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(years())
def test_drawn_years_give_the_same_result(case: dict[str, Any]) -> None:
    _same(case)


@pytest.mark.parametrize("shuffle", [False, True])
def test_a_drawn_year_in_reverse_input_order_gives_the_same_result(shuffle: bool) -> None:
    """Same-day ordering by content: the two engines agree whatever the input order."""
    for case in _bench_years():
        if shuffle:
            case = {**case, "episodes": list(reversed(case["episodes"]))}
        _same(case)


def test_the_fast_episode_reader_gives_what_the_checked_reader_gives() -> None:
    """estimator/case.py: the fast reader of well-formed episodes (issue 11, "a fast
    input parser, falling back to the checked one") either declines (None) or gives
    the very Episode the checked reader gives; it reads the form's own episodes, and
    declines what only the checked reader can explain."""
    from estimator.case import _episode, _fast_episode

    read = declined = 0
    for case in [*_recorded(), *_worked_examples(), *_bench_years()]:
        episodes = case.get("episodes") if isinstance(case, dict) else None
        for i, raw in enumerate(episodes if isinstance(episodes, list) else []):
            fast = _fast_episode(raw, i)
            try:
                checked = _episode(raw, i)
            except estimator.CaseError:
                assert fast is None, raw
                declined += 1
                continue
            if fast is None:
                declined += 1
            else:
                assert fast == checked and repr(fast) == repr(checked), raw
                read += 1
    assert read > 1000 and declined > 10
    good = _bench_years()[0]["episodes"][0]
    assert _fast_episode(good, 0) is not None
    for bad in ({**good, "date": " 2026-01-01"}, {**good, "cost": {"total": "1,000"}},
                {**good, "referral": "yes"}, {**good, "cost": {"total": 12.5}},
                {**good, "cost": {"total": "10", "excluded": "20"}}, {**good, "extra": 1}):
        assert _fast_episode(bad, 0) is None, bad
