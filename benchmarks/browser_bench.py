"""Benchmark the in-browser estimator (not a test): how fast it is ready, how fast it
answers, and how many bytes a first visit costs.

    .venv/bin/python benchmarks/browser_bench.py [--site DIR] [--runs 5] [--no-throttle]

Builds the real site into a temp dir (or uses --site), serves it on 127.0.0.1 with the
precompressed ``.gz`` files (as a production host would), and for each run launches
Chromium with a fresh persistent profile:

- cold: the first visit, opening a shared link (``#case=…``) so the page computes as soon
  as it can: navigation → runtime ready, navigation → first result, bytes sent;
- submit: once ready, one more press of the button → result on the page;
- warm: Chromium restarted on the same profile (HTTP cache, code cache, service worker,
  the interpreter's memory snapshot kept), the same link opened again.

Then the same on a network slowed to DevTools' "Slow 4G" profile (562.5 ms per round
trip, 1.44 Mbit/s). The slowing is done by the loopback server, not through the DevTools
protocol: ``Network.emulateNetworkConditions`` slows the page's requests but not those
its service worker makes, and those fetch the runtime. Prints medians and ratios to the
targets; ``--json`` writes them out.
"""

from __future__ import annotations

import argparse
import base64
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from sitehttp import Throttle, serve_site  # noqa: E402

# DevTools' "Slow 4G" preset: 562.5 ms latency, 1.44 Mbit/s down (its upload, 675 kbit/s,
# hardly matters for GET requests).
SLOW_4G = Throttle(latency=0.5625, rate=1.44e6 / 8)
TARGETS = {"warm_ready_ms": 1000, "cold_ready_ms": 2500, "submit_ms": 50,
           "cold_bytes": 5_000_000}
CASE = {"region": "hotan", "scheme": "resident", "person": {"age": 40},
        "episodes": [{"kind": "inpatient", "date": "2025-12-01", "facility": "county",
                      "cost": {"total": "30000", "excluded": "1000",
                               "class_b_drugs": "2000"}}]}


def build_site(out: Path) -> None:
    from site_build.build import build_into  # noqa: PLC0415

    build_into(out)


def link(base: str) -> str:
    data = base64.urlsafe_b64encode(json.dumps(CASE).encode()).decode().rstrip("=")
    return f"{base}estimator/#case={data}"


def one_visit(context: Any, url: str, timeout: float) -> dict[str, float]:
    page = context.pages[0] if context.pages else context.new_page()
    page.goto(url, wait_until="commit")
    page.wait_for_selector(".est-status[data-state=ready]", timeout=timeout)
    page.wait_for_selector("#est-result-title", timeout=timeout)
    ready = page.evaluate("window.__estimatorReady")
    result = page.evaluate("window.__estimatorResult")
    # One more press, once ready: submit → result on the page.
    page.click("#est-submit")
    end = time.monotonic() + 10
    while page.evaluate("window.__estimatorResult.count") < 2 and time.monotonic() < end:
        time.sleep(0.01)
    again = page.evaluate("window.__estimatorResult")
    return {"ready_ms": ready["at"], "result_ms": result["at"], "submit_ms": again["ms"],
            "snapshot": ready["snapshot"], "app_js_ms": ready["script"],
            "worker_start_ms": ready["worker"], "worker": ready["timings"],
            "page": page.evaluate("""() => {
              const n = performance.getEntriesByType('navigation')[0];
              return {responseEnd: n.responseEnd, domInteractive: n.domInteractive,
                      workerStart: n.workerStart};
            }""")}


def wait_snapshot(page: Any, timeout: float = 30) -> None:
    end = time.monotonic() + timeout
    while not page.evaluate("window.__estimatorSnapshot || null"):
        if time.monotonic() > end:
            return
        time.sleep(0.1)


def run(playwright: Any, site: Path, throttled: bool, runs: int) -> dict[str, Any]:
    with serve_site(site, SLOW_4G if throttled else None) as (base, stats):
        return _run(playwright, base, stats, throttled, runs)


def _run(playwright: Any, base: str, stats: dict[str, int], throttled: bool,
         runs: int) -> dict[str, Any]:
    rows: list[dict[str, Any]] = []
    timeout = 300_000 if throttled else 60_000
    for _ in range(runs):
        profile = Path(tempfile.mkdtemp(prefix="bench-profile-"))
        try:
            ctx = playwright.chromium.launch_persistent_context(
                str(profile), executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            before = stats.get("bytes", 0)
            cold = one_visit(ctx, link(base), timeout)
            cold_bytes = stats.get("bytes", 0) - before
            wait_snapshot(ctx.pages[0])
            time.sleep(1.0)  # let the page's cache entries and the code cache settle
            ctx.close()
            ctx = playwright.chromium.launch_persistent_context(
                str(profile), executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            before = stats.get("bytes", 0)
            warm = one_visit(ctx, link(base), timeout)
            warm_bytes = stats.get("bytes", 0) - before
            ctx.close()
        finally:
            shutil.rmtree(profile, ignore_errors=True)
        rows.append({"cold": {**cold, "bytes": cold_bytes},
                     "warm": {**warm, "bytes": warm_bytes}})
        print(json.dumps(rows[-1]), file=sys.stderr)

    def median(visit: str, key: str) -> float:
        return round(statistics.median(float(r[visit][key]) for r in rows), 1)

    return {
        "runs": runs,
        "cold_ready_ms": median("cold", "ready_ms"),
        "cold_result_ms": median("cold", "result_ms"),
        "cold_bytes": median("cold", "bytes"),
        "warm_ready_ms": median("warm", "ready_ms"),
        "warm_result_ms": median("warm", "result_ms"),
        "warm_bytes": median("warm", "bytes"),
        "submit_ms": median("warm", "submit_ms"),
        "cold_submit_ms": median("cold", "submit_ms"),
        "warm_snapshot_used": sum(r["warm"]["snapshot"] == "used" for r in rows),
        "rows": rows,
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-throttle", action="store_true")
    parser.add_argument("--json", type=Path, help="write the results here")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    tmp = None
    site = args.site
    if site is None:
        tmp = Path(tempfile.mkdtemp(prefix="bench-site-"))
        site = tmp / "site"
        print("building the site…", file=sys.stderr)
        build_site(site)
    results: dict[str, Any] = {}
    try:
        with sync_playwright() as p:
            results["loopback"] = run(p, site, False, args.runs)
            if not args.no_throttle:
                results["slow_4g"] = run(p, site, True, args.runs)
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)

    print(f"{'':16}{'loopback':>12}{'slow 4G':>12}{'target':>10}{'ratio':>8}")
    for key in ("cold_ready_ms", "cold_result_ms", "warm_ready_ms", "warm_result_ms",
                "submit_ms", "cold_bytes", "warm_bytes"):
        loop = results["loopback"][key]
        slow = results.get("slow_4g", {}).get(key, "")
        target = TARGETS.get(key)
        ratio = f"{loop / target:.2f}" if target else ""
        print(f"{key:16}{loop:>12}{slow!s:>12}{target or '':>10}{ratio:>8}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
