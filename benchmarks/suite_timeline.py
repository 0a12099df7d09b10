"""Where the full test suite's time goes: a pytest plugin that writes, for each test,
the worker that ran it and when it ended, then a summary of each worker's files in order.

    PYTHONPATH=benchmarks .venv/bin/python -m pytest -q -n 2 --dist loadfile \\
        -p suite_timeline
    .venv/bin/python benchmarks/suite_timeline.py      # the summary of the last run

Wall-clock seconds from the start of the run (the file is build/suite-timeline.txt).
Used for benchmarks/TESTS.md: whether the two workers end together, and which files
hold the critical path.
"""

from __future__ import annotations

import collections
import os
import time
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent.parent / "build" / "suite-timeline.txt"
_START = float(os.environ.setdefault("SUITE_TIMELINE_T0", str(time.time())))


_CONTROLLER = [False]  # with -n, the process that hands out tests (it also sees reports)


def pytest_configure(config: Any) -> None:
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        _CONTROLLER[0] = bool(getattr(config.option, "numprocesses", None))
        OUT.parent.mkdir(exist_ok=True)
        OUT.write_text("", encoding="utf-8")


def pytest_runtest_logfinish(nodeid: str, location: object) -> None:
    if _CONTROLLER[0]:
        return
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    with OUT.open("a", encoding="utf-8") as out:
        out.write(f"{worker} {time.time() - _START:.1f} {nodeid}\n")


def summary(text: str) -> str:
    """Per worker, each run of consecutive tests of one file: start → end (seconds)."""
    runs: dict[str, list[list[object]]] = collections.defaultdict(list)
    for line in text.splitlines():
        worker, at, node = line.split(" ", 2)
        name, end = node.split("::")[0], float(at)
        if runs[worker] and runs[worker][-1][0] == name:
            runs[worker][-1][1] = end
        else:
            runs[worker].append([name, end])
    lines = []
    for worker in sorted(runs):
        lines.append(f"== {worker}")
        before = 0.0
        for name, end in runs[worker]:
            lines.append(f"{before:7.1f} → {end:7.1f} ({end - before:5.1f}) {name}")  # type: ignore[operator]
            before = end  # type: ignore[assignment]
    return "\n".join(lines)


if __name__ == "__main__":
    print(summary(OUT.read_text(encoding="utf-8")))
