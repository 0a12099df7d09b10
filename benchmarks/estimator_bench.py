"""Engine v2 against the engine it replaced, measured in one run (issue 11).
Not a test: run it and read.

    python benchmarks/estimator_bench.py [--seconds 0.5] [--rounds 5]

CPU time (``time.process_time``), so other work on the machine counts less.
Each round times, for every region and scheme with rules, a year of 20 mixed
episodes through the old engine (tests/legacy_engine/estimator_v1: estimate
and ``json.dumps``) and through the new one (parse → estimate → render →
``json.dumps``), in one language (zh, what the browser and CLI use; ``render_json``,
which writes the bytes ``json.dumps(render(...))`` writes, and the two calls as
"zh dicts") and in the three-language form; the variants alternate within the round, so a noisy
neighbour slows them alike. The report gives medians and the new/old ratio of
each round's pair (median of the ratios).

Also: one stay end to end in µs CPU (parse → estimate → render zh → dumps), and
the bytes of a year's result per language against today's three-language result.

Targets (issue 11): ≥4× the old throughput on each year; one stay ≤100 µs;
a one-language result ≤ 1/5 of the three-language bytes.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "legacy_engine"))

import estimator_v1  # noqa: E402

from estimator import describe_form, estimate, render, render_json  # noqa: E402

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


STAY = {"region": "hotan", "scheme": "resident", "person": {"age": 40},
        "episodes": [{"kind": "inpatient", "date": "2026-03-10", "facility": "level1",
                      "cost": {"total": "3000", "class_b_drugs": "200"}}],
        "parameters": {"per_capita_disposable_income": "16000"}}


def old(case: dict[str, Any]) -> str:
    return json.dumps(estimator_v1.estimate(case), ensure_ascii=False)


def new_zh(case: dict[str, Any]) -> str:
    """render_json: the same bytes as json.dumps(render(...)) (tested), written
    straight to text."""
    return render_json(estimate(case), "zh")


def new_zh_dicts(case: dict[str, Any]) -> str:
    return json.dumps(render(estimate(case), "zh"), ensure_ascii=False)


def new_all(case: dict[str, Any]) -> str:
    return json.dumps(render(estimate(case), "all"), ensure_ascii=False)


VARIANTS: dict[str, Callable[[dict[str, Any]], str]] = {
    "old": old, "new zh": new_zh, "zh dicts": new_zh_dicts, "new all": new_all}


def per_second(run: Callable[[dict[str, Any]], Any], case: dict[str, Any],
               seconds: float) -> float:
    run(case)  # warm caches
    n = 0
    start = time.process_time()
    while (elapsed := time.process_time() - start) < seconds:
        for _ in range(5):
            run(case)
        n += 5
    return n / elapsed


def micros(run: Callable[[dict[str, Any]], Any], case: dict[str, Any], n: int) -> float:
    run(case)
    start = time.process_time()
    for _ in range(n):
        run(case)
    return (time.process_time() - start) / n * 1e6


def size(result: Any, compact: bool = False) -> int:
    separators = (",", ":") if compact else None
    return len(json.dumps(result, ensure_ascii=False, separators=separators).encode("utf-8"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=0.5, help="per variant and round")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    years = {f"{region}/{scheme}": year_case(region, scheme)
             for region, schemes in describe_form()["regions"].items()
             for scheme, info in schemes.items()
             if any(v["status"] == "ok" for v in info["kinds"].values())}
    for case in years.values():  # the engines agree (the differential test checks more)
        assert old(case) == new_all(case)
        assert new_zh(case) == new_zh_dicts(case)
    rates: dict[tuple[str, str], list[float]] = {}
    ratios: dict[tuple[str, str], list[float]] = {}
    stay: dict[str, list[float]] = {name: [] for name in VARIANTS}
    for _ in range(args.rounds):
        for name, case in years.items():
            measured = {v: per_second(run, case, args.seconds) for v, run in VARIANTS.items()}
            for v, value in measured.items():
                rates.setdefault((name, v), []).append(value)
                ratios.setdefault((name, v), []).append(value / measured["old"])
        for v, run in VARIANTS.items():
            stay[v].append(micros(run, STAY, 2000))
    print(f"CPU time, {args.rounds} rounds of {args.seconds} s per variant "
          f"({sys.implementation.name} {sys.version.split()[0]})")
    print(f"\n{EPISODES}-episode years per second (median), and new/old (median of the "
          "rounds' ratios)")
    print("(new zh: render_json; zh dicts: json.dumps(render(...)), the same bytes)")
    print(f"{'':20} {'old':>8} {'new zh':>8} {'zh dicts':>8} {'new all':>8}   {'zh/old':>7} "
          f"{'dicts/old':>9} {'all/old':>7}")
    for name in years:
        med = {v: statistics.median(rates[(name, v)]) for v in VARIANTS}
        r = {v: statistics.median(ratios[(name, v)]) for v in VARIANTS}
        print(f"{name:20} {med['old']:8,.0f} {med['new zh']:8,.0f} {med['zh dicts']:8,.0f} "
              f"{med['new all']:8,.0f}   {r['new zh']:6.2f}× {r['zh dicts']:8.2f}× "
              f"{r['new all']:6.2f}×")
    print("\none stay end to end (parse → estimate → render → json.dumps; new zh: "
          "render_json), µs CPU, median")
    for v in VARIANTS:
        print(f"  {v:8} {statistics.median(stay[v]):8.1f} µs")
    print("\nresult bytes (UTF-8 JSON) per language, and the three-language result / it")
    print("(json.dumps's default separators on both sides; in brackets: compact, as the")
    print("worker now sends it, against the three-language form as it sent it before)")
    for name, case in years.items():
        keyed = estimate(case)
        full = size(render(keyed, "all"))
        one = {lang: size(render(keyed, lang)) for lang in ("zh", "ug", "en")}
        sent = {lang: size(render(keyed, lang), compact=True) for lang in ("zh", "ug", "en")}
        parts = "  ".join(f"{lang} {n:7,} ({full / n:.2f}) "
                          f"[{sent[lang]:,}: {full / sent[lang]:.2f}]" for lang, n in one.items())
        print(f"  {name:20} all {full:8,}  {parts}")


if __name__ == "__main__":
    main()
