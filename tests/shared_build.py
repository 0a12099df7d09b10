"""Builds made once per test run, even when pytest-xdist runs the tests in several
worker processes, and started as soon as the tests are collected.

Each build has a name and a folder shared by the workers (their base temp folders
share a parent that belongs to this run). The first worker to collect a test that
needs a build starts it in a background process, holding the build's file lock, and
goes on with the tests that need no build (``order_for_workers`` puts those first);
a fixture that needs the build waits for the lock (``once_per_run``). A fresh machine
spends one to two minutes compressing the runtime for the real site's build: this way
both workers' quick tests run meanwhile instead of one worker waiting.

A background build that fails leaves no ``.done`` marker, so the fixture builds again
in the test's own process, where the error is reported with the test.

    python -m tests.shared_build FOLDER NAME:FD ...   (what the background process runs)
"""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"


def _site_project(folder: Path) -> None:
    """The page-only site, built in a copy of the project (tests/site)."""
    from sitehelpers import build_copy  # noqa: PLC0415

    build_copy(folder)


def _browser_site(folder: Path) -> None:
    """The real site with the runtime, in ``folder/site`` (tests/browser)."""
    from site_build.build import build_into  # noqa: PLC0415

    build_into(folder / "site")


def _pseudo_locale(folder: Path) -> None:
    """A project copy with the pseudo-language, built (tests/site/test_pseudo_locale)."""
    from tests.pseudo_locale import build_project  # noqa: PLC0415

    build_project(folder)


# name → (builder, the fixture whose tests need it), in the order the builds are ready
# (the page-only one is quick). The pseudo-locale build reuses the real build's
# compressed runtime (same cache), so it runs after it in one process.
BUILDS: dict[str, tuple[Callable[[Path], object], str]] = {
    "site-project": (_site_project, "built"),
    "browser-site": (_browser_site, "site_dir"),
    "pseudo-locale": (_pseudo_locale, "pseudo_project"),
}
_STARTED: list[subprocess.Popen[bytes]] = []
CHAINS: tuple[tuple[str, ...], ...] = (("browser-site", "pseudo-locale"), ("site-project",))


def _paths(shared_parent: Path, name: str) -> tuple[Path, Path, Path]:
    shared = shared_parent / name
    return shared, shared.with_name(name + ".done"), shared.with_name(name + ".lock")


def _build(folder: Path, name: str) -> None:
    folder.mkdir(exist_ok=True)
    BUILDS[name][0](folder)


def once_per_run(factory: pytest.TempPathFactory, name: str) -> Path:
    """The folder of build ``name``, built once for the whole run."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        folder = factory.mktemp(name)
        BUILDS[name][0](folder)
        return folder
    shared, done, lock_path = _paths(factory.getbasetemp().parent, name)
    with open(lock_path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            _build(shared, name)
            done.touch()
    return shared


def start_in_background(factory: pytest.TempPathFactory, wanted: Iterable[str]) -> None:
    """Start the builds of ``wanted`` not started yet, one background process per chain
    (under xdist only: without it, the fixture builds when first asked)."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return
    parent = factory.getbasetemp().parent
    wanted = set(wanted)
    for chain in CHAINS:
        names = [n for n in chain if n in wanted]
        held: list[tuple[str, int]] = []
        for name in names:
            _, done, lock_path = _paths(parent, name)
            fd = os.open(lock_path, os.O_CREAT | os.O_RDWR, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:  # another worker has started it
                os.close(fd)
                break
            if done.exists():
                os.close(fd)
                continue
            held.append((name, fd))
        if not held:
            continue
        # The process inherits the locks (one open file each): they are released when
        # it closes them, a build at a time, or when it ends, whatever happens to it.
        fds = [fd for _, fd in held]
        log = open(parent / f"background-{held[0][0]}.log", "w")  # noqa: SIM115
        _STARTED.append(subprocess.Popen(
            [sys.executable, "-m", "tests.shared_build", str(parent),
             *(f"{name}:{fd}" for name, fd in held)],
            cwd=ROOT, pass_fds=fds, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True))
        log.close()
        for fd in fds:
            os.close(fd)


def stop_background(*, interrupted: bool) -> None:
    """Collect the background builds this process started that have ended, and end
    the others if the run was interrupted (otherwise they finish: another worker may be
    waiting for one)."""
    for process in _STARTED:
        if process.poll() is None and interrupted:
            os.killpg(process.pid, signal.SIGTERM)


def needed_builds(items: Iterable[Any]) -> set[str]:
    """The builds the collected tests need, by the fixtures they use."""
    by_fixture = {fixture: name for name, (_, fixture) in BUILDS.items()}
    return {by_fixture[f] for item in items
            for f in getattr(item, "fixturenames", ()) if f in by_fixture}


def order_for_workers(items: list[Any]) -> None:
    """Files in the order their builds are ready: those that need none, then those that
    need the page-only site, then the real site, then the pseudo-language's; within
    each, files with more tests first (what xdist's own reordering does). In place; run
    with ``--dist loadfile --no-loadscope-reorder`` so xdist keeps this order."""
    rank = {fixture: i for i, (_, fixture) in enumerate(BUILDS.values(), start=1)}
    files: dict[str, list[Any]] = {}
    for item in items:
        files.setdefault(str(item.path), []).append(item)

    def key(path: str) -> tuple[int, int]:
        tests = files[path]
        ready = max((rank.get(f, 0) for t in tests for f in getattr(t, "fixturenames", ())),
                    default=0)
        return ready, -len(tests)

    items[:] = [item for path in sorted(files, key=key) for item in files[path]]


def _main(argv: list[str]) -> None:
    parent = Path(argv[0])
    sys.path[:0] = [str(ROOT), str(TESTS / "site"), str(TESTS / "browser")]
    for spec in argv[1:]:
        name, fd_text = spec.rsplit(":", 1)
        fd = int(fd_text)
        shared, done, _ = _paths(parent, name)
        try:
            _build(shared, name)
        except BaseException:
            os.close(fd)  # no marker: the fixture builds again and reports the error
            raise
        done.touch()
        os.close(fd)


if __name__ == "__main__":
    _main(sys.argv[1:])
