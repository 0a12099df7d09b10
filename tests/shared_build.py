"""A build made once per test run, even when pytest-xdist runs the tests in several
worker processes: the first worker to ask builds it under a file lock, the others
wait and use the same folder (a build of the site takes one to several minutes on a
fresh machine, most of it compressing the runtime). Tests only read it."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable
from pathlib import Path

import pytest


def once_per_run(factory: pytest.TempPathFactory, name: str,
                 build: Callable[[Path], object]) -> Path:
    """The folder ``name`` filled by ``build(folder)`` once for the whole run."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        folder = factory.mktemp(name)
        build(folder)
        return folder
    # The workers' base temp folders share a parent that belongs to this run.
    shared = factory.getbasetemp().parent / name
    done = shared.with_name(name + ".done")
    with open(shared.with_name(name + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shared.mkdir(exist_ok=True)
            build(shared)
            done.touch()
    return shared
