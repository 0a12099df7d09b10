"""What one page costs in CPU, Chromium's processes included: the unit cost behind the
browser tests' time (benchmarks/TESTS.md), and what a visitor's device pays.

    .venv/bin/python benchmarks/page_cpu.py [--site DIR] [--other DIR] [--rounds N]

Needs root: the script moves itself into a cpuacct cgroup of its own (cgroup v1), so
Chromium, its renderers and workers, Node (Playwright's driver) and the loopback server
are all counted. Without --site it builds the real site into a temporary folder first
(site_build.build.build_into; the runtime comes from the build cache).

Each round loads, in a tab of one warm context (no service worker; the interpreter
snapshot saved by an earlier visit), three pages of each kind, the kinds alternated:
- a Uyghur guide page with Material's real search index (its language's pages; every
  language's before site_build/search_index.py), which the theme's search worker builds
  on each page load;
- the same page with an empty search index (what the tests use unless about search);
- the estimator page until Python is ready (the snapshot restored);
- with --other DIR, the guide page with the real search index of another build too
  (for example one from before a change to the index), alternated with the others.
Figures are CPU-seconds per page; the medians of the rounds are printed last.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "browser")]

from chromium import CHROMIUM, CHROMIUM_ARGS, without_search_index  # noqa: E402
from estimator_page import open_estimator  # noqa: E402
from sitehttp import serve_site  # noqa: E402

GROUPS = Path("/sys/fs/cgroup/cpuacct")
GUIDE = "ug/hotan/resident/inpatient/"  # Uyghur: the largest index of one language


def own_cgroup() -> Path:
    group = GROUPS / f"medins-page-cpu-{os.getpid()}"
    group.mkdir()
    (group / "cgroup.procs").write_text(str(os.getpid()))
    return group


def cpu(group: Path) -> float:
    return int((group / "cpuacct.usage").read_text()) / 1e9


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one)")
    parser.add_argument("--other", type=Path, help="another built site to compare with")
    parser.add_argument("--rounds", type=int, default=4)
    args = parser.parse_args()
    if not GROUPS.is_dir() or os.geteuid() != 0:
        sys.exit("page_cpu.py needs root and cgroup v1 cpuacct (/sys/fs/cgroup/cpuacct)")
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            from site_build.build import build_into  # noqa: PLC0415

            site = Path(tmp) / "site"
            build_into(site)
        group = own_cgroup()
        try:
            run(site, args.other, args.rounds, group, sync_playwright)
        finally:
            (GROUPS / "cgroup.procs").write_text(str(os.getpid()))
            group.rmdir()


def run(site: Path, other: Path | None, rounds: int, group: Path,
        sync_playwright: Any) -> None:
    results: dict[str, list[float]] = {}
    with serve_site(site) as (base, _stats), serve_site(other or site) as (other_base, _), \
            sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        plain = browser.new_context(service_workers="block")
        empty = without_search_index(browser.new_context(service_workers="block"))

        def guide(ctx: Any, at: str = base) -> None:
            page = ctx.new_page()
            page.goto(at + GUIDE, wait_until="load")
            time.sleep(2)  # the search worker builds the index after the load
            page.close()

        def estimator(ctx: Any) -> None:
            page = ctx.new_page()
            open_estimator(page, base, "zh")
            page.close()

        estimator(empty)  # the first visit saves the snapshot
        kinds = {
            "guide page, real search index": lambda: guide(plain),
            "guide page, empty search index": lambda: guide(empty),
            "estimator page, Python ready (snapshot)": lambda: estimator(empty),
        }
        if other is not None:
            kinds[f"guide page, real search index of {other}"] = lambda: guide(plain,
                                                                              other_base)
        for number in range(rounds):
            for name, load in kinds.items():
                before = cpu(group)
                for _ in range(3):
                    load()
                results.setdefault(name, []).append((cpu(group) - before) / 3)
            print(f"round {number + 1}: " + ", ".join(
                f"{v[-1]:.2f}" for v in results.values()), flush=True)
        browser.close()
    print("CPU-seconds per page (median of the rounds; 2 s on the guide page included):")
    for name, values in results.items():
        print(f"  {statistics.median(values):5.2f}  {name}")


if __name__ == "__main__":
    main()
