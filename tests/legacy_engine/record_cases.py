"""A pytest plugin that records every case the test suite passes to
``estimator.estimate`` into tests/legacy_engine/cases.jsonl.gz (one JSON case per
line, duplicates dropped), for the differential test of engine v2."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import estimator

OUT = Path(__file__).with_name("cases.jsonl.gz")
_seen: set[str] = set()
_real = estimator.estimate


def _recording(case: Any, *args: Any, **kwargs: Any) -> Any:
    try:
        line = json.dumps(case, ensure_ascii=False, sort_keys=True)
    except (TypeError, ValueError):
        line = None
    if line is not None and line not in _seen:
        _seen.add(line)
    return _real(case, *args, **kwargs)


estimator.estimate = _recording  # type: ignore[assignment]


def pytest_sessionfinish(session: Any, exitstatus: int) -> None:
    old = set(gzip.decompress(OUT.read_bytes()).decode("utf-8").splitlines()) \
        if OUT.exists() else set()
    text = "".join(f"{line}\n" for line in sorted(old | _seen))
    OUT.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
