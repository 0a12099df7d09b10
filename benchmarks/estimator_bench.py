"""How many one-year cases of 20 mixed episodes the estimator handles per
second in CPython (target: at least 5,000). Not a test: run it and read.

    python benchmarks/estimator_bench.py [--seconds 1] [--rounds 5]

Machines are noisy, so each round times the estimator for every region with
rules *and* two reference workloads, and the report gives medians and ratios
from the same run:

- ``arithmetic only``: per episode, three amounts parsed, the dozen Decimal
  operations a simple stay needs (class-B share, deductible, rate, cap, a
  major-illness band, assistance) and four amounts written as strings. No
  rule lookup, no validation, no explanation: a floor for any Decimal engine.
- ``arithmetic + 8 explained steps``: the same plus the eight step records
  (key, label, amount, citation) a result must carry to explain itself.

If the references themselves sit near or below the target, the target is out
of reach on this machine for an engine that looks up rules, validates input
and explains every step, whatever its design.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from estimator import describe_form, estimate  # noqa: E402

TARGET = 5000
EPISODES = 20


def year_case(region: str, scheme: str) -> dict[str, Any]:
    info = describe_form()["regions"][region][scheme]
    kinds = [k for k, v in info["kinds"].items() if v["status"] == "ok"]
    episodes = []
    for i in range(EPISODES):
        kind = kinds[i % len(kinds)]
        facility = info["kinds"][kind]["facilities"][i % len(info["kinds"][kind]["facilities"])]
        ep: dict[str, Any] = {"kind": kind, "date": f"2026-{1 + i % 12:02d}-{1 + i:02d}",
                              "facility": facility,
                              "cost": {"total": str(300 + 997 * i), "excluded": "50",
                                       "class_b_drugs": "100"}}
        if kind == "chronic":
            ep["disease"] = info["diseases"][i % len(info["diseases"])]["id"]
        if kind == "two_diseases":
            ep["condition"] = (info["conditions"] or ["diabetes"])[i % 2 % max(1, len(
                info["conditions"]))]
        if kind == "maternity":
            ep["delivery"] = (info["deliveries"] or ["vaginal"])[0]
        episodes.append(ep)
    return {"region": region, "scheme": scheme,
            "person": {"age": 66, "employment": "retired", "assistance_category": "dibao"},
            "episodes": episodes,
            "parameters": {"per_capita_disposable_income": "20000"}}


# -- reference workloads ------------------------------------------------------
FEN = Decimal("0.01")
LABEL = {"zh": "标签", "ug": "بەلگە", "en": "label"}
CITATION = {"document": "doc", "title": LABEL, "article": "第二十四条"}


def _arithmetic(cost: dict[str, str]) -> tuple[Decimal, ...]:
    total = Decimal(cost["total"])
    excluded = Decimal(cost["excluded"])
    class_b = (Decimal(cost["class_b_drugs"]) * Decimal("0.1")).quantize(FEN)
    eligible = total - excluded - class_b
    deductible = Decimal(300)
    basic = min(((eligible - deductible) * Decimal("0.85")).quantize(FEN), Decimal(80000))
    self_pay = eligible - basic
    major = (max(self_pay - Decimal(10000), Decimal(0)) * Decimal("0.6")).quantize(FEN)
    assistance = ((self_pay - major) * Decimal("0.7")).quantize(FEN)
    out = total - basic - major - assistance
    return total, excluded, class_b, deductible, eligible, basic, major, assistance, out


def arithmetic_only(case: dict[str, Any]) -> list[dict[str, str]]:
    results = []
    for ep in case["episodes"]:
        _, _, _, _, _, basic, major, assistance, out = _arithmetic(ep["cost"])
        results.append({"basic": str(basic), "major_illness": str(major),
                        "assistance": str(assistance), "out_of_pocket": str(out)})
    return results


STEP_KEYS = ("total", "excluded", "class_b_self_pay", "deductible", "eligible", "basic",
             "major_illness", "out_of_pocket")


def arithmetic_and_steps(case: dict[str, Any]) -> list[dict[str, Any]]:
    results = []
    for ep in case["episodes"]:
        amounts = _arithmetic(ep["cost"])
        steps = [{"key": key, "label": LABEL, "amount": str(amount), "citation": CITATION}
                 for key, amount in zip(STEP_KEYS, amounts[:7] + amounts[8:], strict=True)]
        results.append({"basic": str(amounts[5]), "major_illness": str(amounts[6]),
                        "assistance": str(amounts[7]), "out_of_pocket": str(amounts[8]),
                        "steps": steps})
    return results


def rate(run: Callable[[dict[str, Any]], Any], case: dict[str, Any], seconds: float) -> float:
    run(case)  # warm caches
    n = 0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        for _ in range(20):
            run(case)
        n += 20
    return n / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=1.0, help="per workload and round")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    workloads: dict[str, tuple[Callable[[dict[str, Any]], Any], dict[str, Any]]] = {}
    for region, schemes in describe_form()["regions"].items():
        for scheme, info in schemes.items():
            if any(v["status"] == "ok" for v in info["kinds"].values()):
                workloads[f"{region}/{scheme}"] = (estimate, year_case(region, scheme))
    hotan = year_case("hotan", "resident")
    workloads["reference: arithmetic only"] = (arithmetic_only, hotan)
    workloads["reference: arithmetic + 8 explained steps"] = (arithmetic_and_steps, hotan)
    runs: dict[str, list[float]] = {name: [] for name in workloads}
    for _ in range(args.rounds):
        for name, (run, case) in workloads.items():
            runs[name].append(rate(run, case, args.seconds))
    floor = statistics.median(runs["reference: arithmetic + 8 explained steps"])
    print(f"cases of {EPISODES} episodes per second, median of {args.rounds} rounds "
          f"({sys.implementation.name} {sys.version.split()[0]})")
    for name, values in runs.items():
        median = statistics.median(values)
        print(f"{name:44} {median:8,.0f} /s  {median / TARGET:5.2f}× target  "
              f"{median / floor:5.2f}× explained reference  "
              f"(range {min(values):,.0f}–{max(values):,.0f})")


if __name__ == "__main__":
    main()
