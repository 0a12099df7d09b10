"""Serve site/ on loopback and rebuild when data, templates or catalogs change.

Staff edit policy_data/*.yaml, templates/ or locales/, save, and reload the
page. A failed rebuild prints its reason and keeps serving the last good site.
"""

from __future__ import annotations

import functools
import http.server
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from .config import Project

WATCHED = ("policy_data", "templates", "locales", "overrides", "docs/assets", "mkdocs.yml")
POLL_SECONDS = 1.0


def snapshot(project: Project) -> dict[str, float]:
    """Modification times of every watched file."""
    out: dict[str, float] = {}
    for name in WATCHED:
        path = project.root / name
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        for f in files:
            try:
                out[str(f)] = f.stat().st_mtime
            except FileNotFoundError:
                continue
    return out


def rebuild(project: Project, build_site: Callable[[Project], int]) -> None:
    """Refresh estimator/bundle.json (build.py bundle), then rebuild the site."""
    build_py = project.root / "build.py"
    if build_py.exists():
        proc = subprocess.run([sys.executable, str(build_py), "bundle"], cwd=project.root,
                              capture_output=True, text=True, check=False)
        if proc.returncode:
            print("bundle not refreshed (the estimator keeps the previous data):\n"
                  + (proc.stderr or proc.stdout).strip(), file=sys.stderr)
    build_site(project)


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".wasm": "application/wasm", ".mjs": "text/javascript",
                      ".js": "text/javascript"}

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def serve_forever(project: Project, host: str, port: int,
                  build_site: Callable[[Project], int]) -> int:
    status = build_site(project)
    if status and not project.site.exists():
        return status
    handler = functools.partial(_Handler, directory=str(project.site))
    try:
        server = http.server.ThreadingHTTPServer((host, port), handler)
    except OSError as exc:
        print(f"cannot listen on {host}:{port}: {exc}", file=sys.stderr)
        return 1
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"serving http://{host}:{port}/ — edit policy_data/, templates/ or locales/ and "
          f"reload the page; Ctrl-C stops")
    seen = snapshot(project)
    try:
        while True:
            time.sleep(POLL_SECONDS)
            now = snapshot(project)
            if now != seen:
                changed = sorted(set(now.items()) ^ set(seen.items()))
                names = sorted({Path(p).relative_to(project.root).as_posix()
                                for p, _ in changed})
                print(f"changed: {', '.join(names[:5])}{' …' if len(names) > 5 else ''}")
                rebuild(project, build_site)
                seen = snapshot(project)
    except KeyboardInterrupt:
        print("stopped")
    finally:
        server.shutdown()
    return 0
