"""A loopback static server for the built site (tests and benchmarks).

Serves ``.gz`` copies written by ``site_build.runtime`` when the browser accepts gzip
(as a production host would), with the MIME types modules and WebAssembly need, and
long-lived caching for the versioned runtime under ``/pyodide/``.
"""

from __future__ import annotations

import http.server
import threading
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
    # Set per server by ``serve_site``: counts of requests and bytes sent.
    stats: dict[str, int]

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        self._cached = False
        path = Path(self.translate_path(self.path))
        accepts = self.headers.get("Accept-Encoding", "")
        gz = path.with_name(path.name + ".gz")
        if path.is_file() and "gzip" in accepts and gz.is_file():
            data = gz.read_bytes()
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
            self.send_header("Content-Length", str(len(data)))
            self._cache_headers()
            self.end_headers()
            self._count(len(data))
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
        outputfile.write(data)

    def _count(self, size: int) -> None:
        self.stats["requests"] = self.stats.get("requests", 0) + 1
        self.stats["bytes"] = self.stats.get("bytes", 0) + size


@contextmanager
def serve_site(site_dir: Path) -> Iterator[tuple[str, dict[str, int]]]:
    """Serve ``site_dir`` on 127.0.0.1 at a free port; yield (base URL, stats)."""
    stats: dict[str, int] = {}
    handler = type("Handler", (SiteHandler,), {"stats": stats})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), partial(handler, directory=str(site_dir)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", stats
    finally:
        server.shutdown()
        server.server_close()
