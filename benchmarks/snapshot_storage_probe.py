"""How fast a worker reads a 31 MB memory snapshot back: Cache Storage against the
origin private file system (OPFS) with a synchronous access handle. Not a test.

    .venv/bin/python benchmarks/snapshot_storage_probe.py [--runs 3]

Writes 31 MB both ways in a first Chromium session, then restarts Chromium on the same
profile and reads them back (each run a fresh browser, as a returning visitor).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import sys
import tempfile
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "browser"))

from chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

PAGE = """<!doctype html><script>
window.result = null;
const w = new Worker("w.js");
w.onmessage = (e) => { window.result = e.data; };
w.postMessage(location.hash.slice(1));
</script>"""

WORKER = """self.onmessage = async (e) => {
  const out = {};
  const N = 31 * 1024 * 1024;
  const root = await navigator.storage.getDirectory();
  if (e.data === "write") {
    const bytes = new Uint8Array(N);
    for (let i = 0; i < N; i += 4096) bytes[i] = i & 255;
    await (await caches.open("probe")).put("/snapshot.bin", new Response(bytes));
    const h = await (await root.getFileHandle("snapshot.bin", { create: true }))
      .createSyncAccessHandle();
    h.truncate(0); h.write(bytes, { at: 0 }); h.flush(); h.close();
  } else {
    let t = performance.now();
    const hit = await (await caches.open("probe")).match("/snapshot.bin");
    const a = new Uint8Array(await hit.arrayBuffer());
    out.cache_storage_ms = Math.round(performance.now() - t);
    t = performance.now();
    const h = await (await root.getFileHandle("snapshot.bin")).createSyncAccessHandle();
    const b = new Uint8Array(h.getSize()); h.read(b, { at: 0 }); h.close();
    out.opfs_sync_ms = Math.round(performance.now() - t);
    out.same_size = a.length === b.length && a.length === N;
  }
  self.postMessage(out);
};"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "index.html").write_text(PAGE, encoding="utf-8")
        (root / "w.js").write_text(WORKER, encoding="utf-8")
        handler = functools.partial(_Quiet, directory=tmp)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/index.html"
        profile = root / "profile"
        try:
            with sync_playwright() as p:
                for i in range(args.runs + 1):
                    ctx = p.chromium.launch_persistent_context(
                        str(profile), executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                        headless=True)
                    page = ctx.new_page()
                    page.goto(f"{base}#{'write' if i == 0 else 'read'}")
                    page.wait_for_function("window.result !== null", timeout=60_000)
                    if i:
                        print(page.evaluate("window.result"))
                    ctx.close()
        finally:
            server.shutdown()


if __name__ == "__main__":
    main()
