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

Issue 13 ("ready sooner"), at 360 px phone width: from landing on the estimator page,
after one guide page, to the result of a standard stay on the page (a shared link, so
the page computes as soon as it can), in a fresh profile each run, alternated:

- guide cold: the guide page visited with data saving emulated, so it warms nothing and
  stores nothing in the background (as before the warm-up existed);
- guide warm: the guide page visited and left open until its warm-up has finished (the
  runtime and the language saved, the memory snapshot made), then the estimator.

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
           "cold_bytes": 5_000_000, "guide_warm_result_ms": 500}
PHONE = {"width": 360, "height": 780}
GUIDE_PAGE = "hotan/resident/inpatient/"
SAVE_DATA = ("Object.defineProperty(Navigator.prototype, 'connection', "
             "{configurable: true, get: () => ({saveData: true, effectiveType: '4g'})});")
WARM_DONE = ("window.__medinsOffline && window.__medinsOffline.saved !== null"
             " && !['idle', 'running'].includes(window.__medinsOffline.warm)")
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


def guide_then_estimator(playwright: Any, base: str, warm: bool,
                         timeout: float) -> dict[str, Any]:
    """One fresh profile: a guide page, then the estimator page with a standard stay."""
    profile = Path(tempfile.mkdtemp(prefix="bench-guide-"))
    try:
        ctx = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True,
            viewport=PHONE)
        try:
            if not warm:
                ctx.add_init_script(SAVE_DATA)
            page = ctx.new_page()
            started = time.monotonic()
            page.goto(base + GUIDE_PAGE)
            end = time.monotonic() + timeout / 1000
            while not page.evaluate(WARM_DONE):
                if time.monotonic() > end:
                    raise RuntimeError("the guide page's warm-up did not finish")
                time.sleep(0.05)
            guide = page.evaluate("window.__medinsOffline")
            warm_up_s = time.monotonic() - started
            page.goto(link(base), wait_until="commit")
            page.wait_for_selector("#est-result-title", timeout=timeout)
            ready = page.evaluate("window.__estimatorReady")
            result = page.evaluate("window.__estimatorResult")
        finally:
            ctx.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return {"result_ms": result["at"], "ready_ms": ready["at"],
            "snapshot": ready["snapshot"], "worker_start_ms": ready["worker"],
            "app_js_ms": ready["script"], "worker": ready["timings"],
            "guide_warm": guide["warm"], "guide_s": round(warm_up_s, 1)}


def run_guide(playwright: Any, site: Path, throttled: bool, runs: int) -> dict[str, Any]:
    """Guide page → estimator, cold and warm alternated; medians."""
    rows: dict[str, list[dict[str, Any]]] = {"cold": [], "warm": []}
    timeout = 600_000 if throttled else 240_000
    with serve_site(site, SLOW_4G if throttled else None) as (base, _stats):
        for _ in range(runs):
            for visit in ("cold", "warm"):
                row = guide_then_estimator(playwright, base, visit == "warm", timeout)
                rows[visit].append(row)
                print(json.dumps({visit: row}), file=sys.stderr)

    def median(visit: str, key: str) -> float:
        return round(statistics.median(float(r[key]) for r in rows[visit]), 1)

    out: dict[str, Any] = {"runs": runs}
    for visit in ("cold", "warm"):
        out[f"guide_{visit}_result_ms"] = median(visit, "result_ms")
        out[f"guide_{visit}_ready_ms"] = median(visit, "ready_ms")
        out[f"guide_{visit}_worker_start_ms"] = median(visit, "worker_start_ms")
        for stage in ("script", "module_ready", "python", "ready"):
            values = [r["worker"].get(stage) for r in rows[visit]]
            if all(v is not None for v in values):
                out[f"guide_{visit}_worker_{stage}_ms"] = round(
                    statistics.median(float(v) for v in values), 1)
    out["guide_warm_snapshot_used"] = sum(r["snapshot"] == "used" for r in rows["warm"])
    out["guide_warm_up_s"] = median("warm", "guide_s")
    out["rows"] = rows
    return out


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
    parser.add_argument("--guide-only", action="store_true",
                        help="only the guide page → estimator measure (issue 13)")
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
            results["loopback"] = {} if args.guide_only else run(p, site, False, args.runs)
            results["loopback"].update(run_guide(p, site, False, args.runs))
            if not args.no_throttle:
                results["slow_4g"] = {} if args.guide_only else run(p, site, True, args.runs)
                results["slow_4g"].update(run_guide(p, site, True, args.runs))
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)

    print(f"{'':16}{'loopback':>12}{'slow 4G':>12}{'target':>10}{'ratio':>8}")
    for key in ("cold_ready_ms", "cold_result_ms", "warm_ready_ms", "warm_result_ms",
                "submit_ms", "cold_bytes", "warm_bytes", "guide_cold_result_ms",
                "guide_warm_result_ms", "guide_warm_ready_ms",
                "guide_warm_worker_module_ready_ms", "guide_warm_up_s"):
        if key not in results["loopback"]:
            continue
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
