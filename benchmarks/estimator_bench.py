"""How many one-year cases of 20 mixed episodes the estimator handles per
second in CPython (target: at least 5,000). Not a test: run it and read.

    python benchmarks/estimator_bench.py [--seconds 5]

Reports cases/second for each region with rules, and the ratio to target.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from estimator import describe_form, estimate  # noqa: E402

TARGET = 5000


def year_case(region: str, scheme: str) -> dict[str, Any]:
    info = describe_form()["regions"][region][scheme]
    kinds = [k for k, v in info["kinds"].items() if v["status"] == "ok"]
    episodes = []
    for i in range(20):
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


def rate(case: dict[str, Any], seconds: float) -> float:
    estimate(case)  # warm caches
    n = 0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        for _ in range(50):
            estimate(case)
        n += 50
    return n / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()
    for region, schemes in describe_form()["regions"].items():
        for scheme, info in schemes.items():
            if not any(v["status"] == "ok" for v in info["kinds"].values()):
                continue
            per_second = rate(year_case(region, scheme), args.seconds)
            print(f"{region}/{scheme}: {per_second:,.0f} cases/s "
                  f"(20 episodes each; {per_second / TARGET:.2f}× the {TARGET:,} target)")


if __name__ == "__main__":
    main()
