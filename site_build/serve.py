"""Serve site/ on loopback and rebuild when data, templates or catalogs change.

Staff edit policy_data/*.yaml, templates/ or locales/, save, and reload the
page. The last good site is served at once (when site/ exists) while the first
build runs; every rebuild runs ``python build.py`` in a fresh process (validate →
bundle → pages → MkDocs → runtime), which replaces site/ only when everything
succeeded. A failed rebuild prints its reason last ("not rebuilt: …; still
serving the previous site") and the previous site stays.
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .config import Project

WATCHED = ("policy_data", "templates", "locales", "overrides", "docs/assets", "mkdocs.yml",
           "estimator", "site_build", "policy_build")
# Written by the build itself (a rebuild must not trigger the next one).
IGNORED_NAMES = frozenset({"bundle.json", "schema.json", "parameters.schema.json"})
IGNORED_PARTS = frozenset({"__pycache__"})
POLL_SECONDS = 1.0


def snapshot(project: Project) -> dict[str, float]:
    """Modification times of every watched file."""
    out: dict[str, float] = {}
    for name in WATCHED:
        path = project.root / name
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        for f in files:
            if f.name in IGNORED_NAMES or IGNORED_PARTS.intersection(f.parts) \
                    or f.suffix == ".pyc":
                continue
            try:
                out[str(f)] = f.stat().st_mtime
            except FileNotFoundError:
                continue
    return out


@dataclass(frozen=True)
class RebuildResult:
    """One rebuild: whether site/ was replaced, how long it took, and its last word
    (the "built N pages …" line, or why nothing was rebuilt)."""

    ok: bool
    seconds: float
    summary: str
    output: str


# A rebuild shows the edit first and compresses the changed files afterwards.
QUICK_ENV = {"SITE_DEFER_COMPRESSION": "1"}


def compress_command(project: Project) -> list[str]:
    """``python build.py compress``: the precompressed copies a quick rebuild left out,
    so that site/ ends up byte for byte what ``python build.py`` makes."""
    return [sys.executable, str(project.root / "build.py"), "compress"]


def build_command(project: Project) -> list[str]:
    """``python build.py``: validate, refresh estimator/bundle.json, build the site.

    A fresh process on purpose: the estimator keeps the bundle it loaded first
    (``estimator.rules.bundle`` is cached), so worked examples built in this
    long-running process would show the data of the first build."""
    return [sys.executable, str(project.root / "build.py")]


def _headline(lines: list[str]) -> str:
    """One line saying why the build failed, from the build's own output."""
    for line in lines:
        if "problem(s) in policy data" in line:
            return line.replace("; nothing written", "") + " (listed above)"
    for line in lines:
        if line.startswith("site build failed: "):
            return line.removeprefix("site build failed: ").rstrip(":")
    return lines[-1] if lines else "the build stopped without saying why"


def rebuild(project: Project, command: list[str] | None = None,
            env: dict[str, str] | None = None,
            echo: Callable[[str], None] | None = None) -> RebuildResult:
    """Rebuild the site once, in a fresh ``python build.py`` process, and report.

    On success site/ holds the new site and the build's summary is printed. On any
    failure (a data error, a template error, MkDocs) site/ is left exactly as it was;
    the build's messages are printed, then, last, ``not rebuilt: …; still serving the
    previous site``. Never prints "built N pages" for a build that failed."""
    def _echo_stderr(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    say = echo or _echo_stderr
    start = time.monotonic()
    proc = subprocess.run(command or build_command(project), cwd=project.root,
                          env={**os.environ, **(env or {})}, capture_output=True, text=True,
                          check=False)
    seconds = round(time.monotonic() - start, 1)
    output = (proc.stdout + proc.stderr).strip()
    if proc.returncode == 0:
        built = [ln for ln in proc.stdout.splitlines() if ln.startswith("built ")]
        summary = built[0] if built else "built"
        if proc.stderr.strip():
            say(proc.stderr.strip())
        say(proc.stdout.strip() + f"\nsite/ updated ({seconds} s)")
        return RebuildResult(True, seconds, summary, output)
    # The build's "built …" lines cannot appear here (it failed), but its other
    # output is worth seeing; stdout first, the errors after it.
    lines = [ln.rstrip() for ln in proc.stderr.splitlines() if ln.strip()
             and ln.strip() != "the previous site/ is unchanged"]
    details = "\n".join([*(ln for ln in proc.stdout.splitlines()
                            if ln.strip() and not ln.startswith("built ")), *lines])
    previous = "still serving the previous site" if project.site.is_dir() \
        else "no site to serve yet (site/ does not exist)"
    summary = f"not rebuilt: {_headline(lines)}; {previous}"
    say(f"{details}\n\n{summary}" if details else summary)
    return RebuildResult(False, seconds, summary, output)


def _complete(project: Project) -> None:
    """After a quick rebuild: write the compressed copies it left out (seconds, while
    the new pages are already served); a failure here only means a bigger download."""
    proc = subprocess.run(compress_command(project), cwd=project.root, capture_output=True,
                          text=True, check=False)
    print((proc.stdout + proc.stderr).strip(), file=sys.stderr, flush=True)


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".wasm": "application/wasm", ".mjs": "text/javascript",
                      ".js": "text/javascript"}

    def send_head(self):  # type: ignore[no-untyped-def]
        if not Path(self.directory).is_dir():
            # No site yet (first build running), or site/ being swapped this instant.
            self.send_error(503, "The site is being built; reload in a moment")
            return None
        return super().send_head()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def serve_forever(project: Project, host: str, port: int) -> int:
    handler = functools.partial(_Handler, directory=str(project.site))
    try:
        server = http.server.ThreadingHTTPServer((host, port), handler)
    except OSError as exc:
        print(f"cannot listen on {host}:{port}: {exc}", file=sys.stderr)
        return 1
    threading.Thread(target=server.serve_forever, daemon=True).start()
    now = "the last good site/ now; rebuilding it in the background" if project.site.is_dir() \
        else "a 'being built' page until the first build ends"
    print(f"serving http://{host}:{port}/ ({now}) — edit policy_data/, templates/ or "
          f"locales/ and reload the page; Ctrl-C stops", flush=True)
    seen: dict[str, float] = {}
    try:
        while True:
            now_seen = snapshot(project)
            if now_seen != seen:
                if seen:
                    changed = sorted(set(now_seen.items()) ^ set(seen.items()))
                    names = sorted({Path(p).relative_to(project.root).as_posix()
                                    for p, _ in changed})
                    print(f"changed: {', '.join(names[:5])}{' …' if len(names) > 5 else ''}"
                          f" — rebuilding", flush=True)
                seen = now_seen  # edits made during the build trigger the next one
                if rebuild(project, env=QUICK_ENV).ok:
                    _complete(project)
            time.sleep(POLL_SECONDS)
    except KeyboardInterrupt:
        print("stopped")
    finally:
        server.shutdown()
    return 0
