"""The built site published with the generated nginx configuration, in Debian's nginx.

Starts ``/usr/sbin/nginx`` on a loopback port with ``site_build.headers.nginx_conf``
(pid, logs and temporary files in a temp dir; in the foreground, ended by its pid),
checks the response headers the configuration promises, then computes an estimate in
Chromium through it. ``bash dev.sh test`` installs nginx; without it the tests skip,
except under CI, where a missing nginx is a failure.
"""

from __future__ import annotations

import gzip
import http.client
import os
import re
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import brotli  # type: ignore[import-not-found, unused-ignore]
import pytest
from cases import CASES
from estimator_page import expected_numbers, fill_case, open_estimator, read_numbers, submit

from site_build import headers

NGINX = "/usr/sbin/nginx"
IN_CI = bool(os.environ.get("CI"))
CASE = ("A Hotan resident of 40 stays in a county hospital; the bill has excluded and "
        "class-B parts")


def _require(path: str, what: str) -> None:
    if Path(path).exists():
        return
    message = f"{path} missing: {what} (bash dev.sh test installs it with apt-get)"
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def nginx(site_dir: Path) -> Iterator[tuple[str, int]]:
    """nginx serving ``site_dir``: yields (host, port)."""
    _require(NGINX, "Debian's nginx package")
    brotli_module = Path(headers.BROTLI_MODULE).exists()
    if IN_CI:
        _require(headers.BROTLI_MODULE, "Debian's libnginx-mod-http-brotli-static")
    with tempfile.TemporaryDirectory(prefix="nginx-test-") as state:
        port = _free_port()
        conf = Path(state) / "nginx.conf"
        conf.write_text(headers.nginx_conf(
            policy=headers.site_policy(site_dir), listen=f"127.0.0.1:{port}",
            root=str(site_dir), state_dir=state, brotli=brotli_module,
            # As root, the workers must read the temp dir the site was built in.
            user="root" if os.geteuid() == 0 else None), encoding="utf-8")
        cmd = [NGINX, "-c", str(conf), "-p", state, "-e", f"{state}/error.log"]
        check = subprocess.run([*cmd, "-t"], capture_output=True, text=True, check=False)
        assert check.returncode == 0, check.stderr
        proc = subprocess.Popen([*cmd, "-g", "daemon off;"], stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE)
        try:
            end = time.monotonic() + 15
            while True:
                assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    assert time.monotonic() < end, "nginx did not start listening"
                    time.sleep(0.1)
            yield "127.0.0.1", port
        finally:
            proc.terminate()  # nginx: fast shutdown
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            log = Path(state, "error.log")
            if log.exists():
                errors = [ln for ln in log.read_text().splitlines()
                          if "[emerg]" in ln or "[crit]" in ln or "[alert]" in ln]
                assert not errors, errors


def _get(server: tuple[str, int], path: str, accept: str | None = None
         ) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection(*server, timeout=30)
    try:
        conn.request("GET", path, headers={"Accept-Encoding": accept or "identity"})
        resp = conn.getresponse()
        body = resp.read()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, body
    finally:
        conn.close()


def _one(site: Path, pattern: str) -> str:
    found = sorted(site.glob(pattern))
    assert len(found) == 1, (pattern, found)
    return "/" + found[0].relative_to(site).as_posix()


def test_committed_nginx_conf_is_current(site_dir: Path) -> None:
    """deploy/nginx.conf is what `python build.py` writes for this site."""
    expected = headers.nginx_conf(policy=headers.site_policy(site_dir))
    assert headers.NGINX_EXAMPLE.read_text(encoding="utf-8") == expected, (
        "deploy/nginx.conf is stale: run `python build.py` and commit it")


def test_headers_served(nginx: tuple[str, int], site_dir: Path) -> None:
    policy = headers.site_policy(site_dir)
    wasm = _one(site_dir, "pyodide/*/pyodide.asm.wasm")
    samples = {
        "/estimator/": ("page", "text/html"),
        "/en/estimator/index.html": ("page", "text/html"),
        "/sw.js": ("service-worker", "text/javascript"),
        wasm: ("runtime", "application/wasm"),
        _one(site_dir, "pyodide/*/pyodide.mjs"): ("runtime", "text/javascript"),
        _one(site_dir, "pyodide/*/python_stdlib-*.zip"): ("runtime", "application/zip"),
        _one(site_dir, "pyodide/app/estimator-*.zip"): ("runtime", "application/zip"),
        "/assets/estimator/app.js": ("other", "text/javascript"),
        "/sitemap.xml": ("other", "application/xml"),
    }
    for path, (cls, mime) in samples.items():
        status, got, body = _get(nginx, path)
        assert status == 200, path
        assert got["content-type"].split(";")[0] == mime, path
        assert "content-encoding" not in got, path
        for name, value in headers.response_headers(cls, policy):
            assert got.get(name.lower()) == value, (path, name, got.get(name.lower()))
        if cls != "page":
            assert "content-security-policy" not in got, path
        file = site_dir / path.lstrip("/")
        file = file / "index.html" if path.endswith("/") else file
        assert body == file.read_bytes(), path

    # The header allows every inline script the page's own <meta> policy allows.
    _, got, body = _get(nginx, "/estimator/")
    meta = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"',
                     body.decode("utf-8"))
    assert meta
    assert set(re.findall(r"'sha256-[^']+'", meta.group(1))) <= set(
        re.findall(r"'sha256-[^']+'", got["content-security-policy"]))
    assert meta.group(1).replace(" ", "").split("'sha256")[0] == \
        got["content-security-policy"].replace(" ", "").split("'sha256")[0]

    # Precompressed copies, sent as they are to a client that accepts them.
    for path in ("/estimator/", "/sw.js", wasm):
        status, got, body = _get(nginx, path, "gzip, deflate")
        assert status == 200 and got.get("content-encoding") == "gzip", path
        assert "Accept-Encoding" in got.get("vary", ""), path
        file = site_dir / path.lstrip("/")
        file = file / "index.html" if path.endswith("/") else file
        assert body == file.with_name(file.name + ".gz").read_bytes(), path
        assert gzip.decompress(body) == file.read_bytes(), path
    if Path(headers.BROTLI_MODULE).exists():
        status, got, body = _get(nginx, wasm, "gzip, deflate, br")
        assert status == 200 and got.get("content-encoding") == "br"
        assert got["content-type"] == "application/wasm"
        assert brotli.decompress(body) == (site_dir / wasm.lstrip("/")).read_bytes()

    # The build's own files: not served; a missing page: the site's 404 page.
    for path in ("/_headers", "/no-such-page/"):
        status, got, body = _get(nginx, path)
        assert status == 404 and got["content-type"].startswith("text/html"), path
        assert got.get("content-security-policy") == policy, path
    # A directory without its slash: a relative redirect (works behind a proxy).
    status, got, _ = _get(nginx, "/estimator")
    assert status == 301 and got["location"] == "/estimator/"


def test_estimate_through_nginx(nginx: tuple[str, int], context: Any) -> None:
    page = context.new_page()
    refused: list[str] = []
    page.on("console", lambda msg: refused.append(msg.text)
            if "Content Security Policy" in msg.text else None)
    base = f"http://{nginx[0]}:{nginx[1]}/"
    open_estimator(page, base, "en")
    case = CASES[CASE]
    fill_case(page, case)
    submit(page)
    assert read_numbers(page) == expected_numbers(case)
    # Both policies (the header and the page's <meta>) let everything run.
    assert not refused, refused
