"""A loopback static server for the built site (tests and benchmarks).

Serves ``.gz`` copies written by ``site_build.runtime`` when the browser accepts gzip
(as a production host would), with the MIME types modules and WebAssembly need, and
long-lived caching for the versioned runtime under ``/pyodide/``.
"""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

TYPES = {
    ".wasm": "application/wasm",
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".json": "application/json",
    ".zip": "application/zip",
    ".css": "text/css",
    ".svg": "image/svg+xml",
    ".html": "text/html; charset=utf-8",
}


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **TYPES}
    # Set per server by ``serve_site``: counts of requests and bytes sent, and the
    # optional network emulation (see ``Throttle``).
    stats: dict[str, int]
    throttle: Throttle | None = None
    # When a list: every requested path is appended (tests that check what was fetched).
    paths: list[str] | None = None

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        self._cached = False
        if self.paths is not None:
            self.paths.append(self.path)
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        accepts = self.headers.get("Accept-Encoding", "")
        gz = path.with_name(path.name + ".gz")
        if path.is_file() and "gzip" in accepts and gz.is_file():
            stamp = self.date_time_string(int(path.stat().st_mtime))
            if self.headers.get("If-Modified-Since") == stamp:
                self.send_response(304)
                self.send_header("Vary", "Accept-Encoding")
                self.end_headers()
                return None
            data = gz.read_bytes()
            self.send_response(200)
            self.send_header("Last-Modified", stamp)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
            self.send_header("Content-Length", str(len(data)))
            self._cache_headers()
            self.end_headers()
            from io import BytesIO  # noqa: PLC0415

            return BytesIO(data)
        return super().send_head()

    def end_headers(self) -> None:
        if not getattr(self, "_cached", False):
            self._cache_headers()
        super().end_headers()

    def _cache_headers(self) -> None:
        self._cached = True
        if self.path.startswith("/pyodide/"):
            self.send_header("Cache-Control", "public, max-age=31536000, immutable")
        else:
            self.send_header("Cache-Control", "no-cache")

    def copyfile(self, source, outputfile):  # type: ignore[no-untyped-def]
        data = source.read()
        self._count(len(data))
        try:
            if self.throttle is None:
                outputfile.write(data)
                return
            for start in range(0, len(data), 16384):
                chunk = data[start:start + 16384]
                self.throttle.take(len(chunk))
                outputfile.write(chunk)
        except (BrokenPipeError, ConnectionResetError):
            # The browser went away mid-answer (a test closed its page or went offline):
            # nothing to report, as a real server would not.
            self.close_connection = True

    def handle_one_request(self) -> None:
        if self.throttle is not None:
            # Half the round trip before the request is read, half before the answer.
            time.sleep(self.throttle.latency / 2)
        super().handle_one_request()

    def send_response(self, code: int, message: str | None = None) -> None:
        if self.throttle is not None:
            time.sleep(self.throttle.latency / 2)
        super().send_response(code, message)

    def _count(self, size: int) -> None:
        self.stats["requests"] = self.stats.get("requests", 0) + 1
        self.stats["bytes"] = self.stats.get("bytes", 0) + size


class Throttle:
    """A slow network at the server: ``latency`` seconds per request (a round trip) and
    ``rate`` bytes per second shared by all connections (a token bucket).

    Chromium's own emulation (DevTools protocol) applies to the page's requests but not
    to a service worker's, which fetch the runtime here; this applies to all."""

    def __init__(self, latency: float, rate: float) -> None:
        self.latency = latency
        self.rate = rate
        self._lock = threading.Lock()
        self._next = time.monotonic()

    def take(self, size: int) -> None:
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next)
            self._next = start + size / self.rate
            wait = self._next - now
        if wait > 0:
            time.sleep(wait)


@contextmanager
def serve_site(site_dir: Path, throttle: Throttle | None = None,
               paths: list[str] | None = None) -> Iterator[tuple[str, dict[str, int]]]:
    """Serve ``site_dir`` on 127.0.0.1 at a free port; yield (base URL, stats).
    ``paths``: a list every requested path is appended to."""
    stats: dict[str, int] = {}
    handler = type("Handler", (SiteHandler,), {"stats": stats, "throttle": throttle,
                                               "paths": paths})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), partial(handler, directory=str(site_dir)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", stats
    finally:
        server.shutdown()
        server.server_close()
