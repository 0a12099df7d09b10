"""The site's HTTP response headers: the one list every way of publishing is made from.

``RULES`` says, for each class of file of the built site, which headers a response
carries; ``MIME_TYPES`` which type each extension is served as. From them the build
writes:

- ``site/_headers`` (``static_headers``): the file Netlify, Cloudflare Pages and hosts
  like them read;
- ``deploy/nginx.conf`` (``nginx_conf``): a complete nginx configuration
  (``nginx -c``) for the bureau's own server, with ``@PORT@`` and ``@ROOT@`` left for
  the deployer (``python -m site_build.headers nginx`` fills them in);
- the Content-Security-Policy of every page (``content_security_policy``, used by
  ``site_build/csp.py`` for the ``<meta>`` tag and here for the response header).

Classes of files (``file_class``): the runtime under ``pyodide/`` (every name there
carries a version or a content hash, so it may be cached for a year, immutable); the
service worker ``sw.js`` and the pages (always revalidated, so a deploy is seen at the
next visit); everything else (revalidated too: the theme's and the estimator's files
keep their names from one deploy to the next). Precompressed copies (``.gz``, ``.br``)
belong to the class of the file they compress.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NGINX_EXAMPLE = ROOT / "deploy" / "nginx.conf"
HEADERS_FILE = "_headers"
PRECOMPRESSED = (".gz", ".br")
# Debian's nginx (bookworm) serves .gz copies itself (gzip_static); .br copies need the
# ngx_brotli static module, Debian's package libnginx-mod-http-brotli-static.
BROTLI_MODULE = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so"

# The policy of every page. ``{scripts}`` becomes the sha256 of the inline scripts
# allowed: on a page's <meta>, that page's own; in the response header, every page's.
CSP_TEMPLATE = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {scripts}; "
                "style-src 'self'; img-src 'self' data:; font-src 'self'; "
                "connect-src 'self'; worker-src 'self' blob:; object-src 'none'; "
                "base-uri 'self'; form-action 'self'")

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"

# Sent with every response.
COMMON: tuple[tuple[str, str], ...] = (
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
)


@dataclass(frozen=True)
class Rule:
    """The headers of one class of files, and where nginx finds that class."""

    cls: str
    what: str
    location: str  # the nginx location block (its modifier and URI)
    headers: tuple[tuple[str, str], ...]
    csp: bool = False  # also the Content-Security-Policy (pages only)


RULES: tuple[Rule, ...] = (
    Rule("runtime", "the versioned runtime (names carry a version or a content hash)",
         "^~ /pyodide/", (("Cache-Control", IMMUTABLE),)),
    Rule("service-worker", "the service worker (checked at every visit)",
         "= /sw.js", (("Cache-Control", REVALIDATE),)),
    Rule("page", "pages (a directory URL is served its index.html)",
         r"~ \.html$", (("Cache-Control", REVALIDATE),), csp=True),
    Rule("other", "everything else (theme, estimator form, search index)",
         "/", (("Cache-Control", REVALIDATE),)),
)
RULE_BY_CLASS = {rule.cls: rule for rule in RULES}

# Extension → Content-Type, for every kind of file the site holds (module scripts and
# WebAssembly need theirs exactly: a browser refuses them under another type).
MIME_TYPES: dict[str, str] = {
    ".html": "text/html",
    ".css": "text/css",
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".json": "application/json",
    ".wasm": "application/wasm",
    ".zip": "application/zip",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".xml": "application/xml",
    ".txt": "text/plain",
    ".map": "application/json",
    ".woff2": "font/woff2",
    ".webmanifest": "application/manifest+json",
}


def file_class(rel: str) -> str:
    """The class (a ``Rule.cls``) of a file of the site, by its path from the root."""
    rel = rel.lstrip("/")
    for suffix in PRECOMPRESSED:
        rel = rel.removesuffix(suffix)
    if rel.startswith("pyodide/"):
        return "runtime"
    if rel == "sw.js":
        return "service-worker"
    if rel.endswith(".html") or rel == "" or rel.endswith("/"):
        return "page"
    return "other"


def content_security_policy(script_hashes: Iterable[str]) -> str:
    return CSP_TEMPLATE.format(scripts=" ".join(sorted(set(script_hashes))))


def site_script_hashes(site: Path) -> list[str]:
    """The sha256 of every inline script on every page of a built site."""
    from .csp import inline_script_hashes  # noqa: PLC0415  (csp imports this module)

    hashes: set[str] = set()
    for page in sorted(site.rglob("*.html")):
        hashes.update(inline_script_hashes(page.read_text(encoding="utf-8")))
    return sorted(hashes)


def site_policy(site: Path) -> str:
    """The Content-Security-Policy header of every page of ``site``."""
    return content_security_policy(site_script_hashes(site))


def response_headers(cls: str, policy: str) -> list[tuple[str, str]]:
    """Every header a response of class ``cls`` carries (what the tests expect)."""
    rule = RULE_BY_CLASS[cls]
    out = list(rule.headers)
    if rule.csp:
        out.append(("Content-Security-Policy", policy))
    return out + list(COMMON)


# --- _headers (Netlify, Cloudflare Pages and the like) ---------------------------------


def _static_patterns(site: Path) -> dict[str, list[str]]:
    """URL patterns per class covering the site with no two patterns overlapping.

    Such hosts apply every rule that matches (Cloudflare Pages joins two values of one
    header with a comma: ``no-cache, public, …, immutable``), so a folder whose files
    are all of one class gets one ``/folder/*`` pattern and a mixed folder is split."""
    patterns: dict[str, list[str]] = {rule.cls: [] for rule in RULES}

    def classes(folder: Path) -> set[str]:
        return {file_class(p.relative_to(site).as_posix())
                for p in folder.rglob("*") if p.is_file()}

    def visit(folder: Path) -> None:
        for entry in sorted(folder.iterdir()):
            rel = entry.relative_to(site).as_posix()
            if entry.is_dir():
                found = classes(entry)
                if len(found) == 1:
                    patterns[found.pop()].append(f"/{rel}/*")
                elif found:
                    visit(entry)
            elif entry.name != HEADERS_FILE and not entry.name.endswith(PRECOMPRESSED):
                cls = file_class(rel)
                patterns[cls].append(f"/{rel}")
                if entry.name == "index.html":
                    patterns[cls].append("/" + (entry.parent.relative_to(site).as_posix()
                                                + "/").lstrip("./"))
    visit(site)
    return patterns


def static_headers(site: Path) -> str:
    """The ``_headers`` file for ``site`` (after the build has filled in the pages)."""
    policy = site_policy(site)
    lines = ["# Generated by `python build.py` from site_build/headers.py; do not edit.",
             "# Response headers for static hosts that read a _headers file (Netlify,",
             "# Cloudflare Pages). No two patterns below overlap.", ""]
    patterns = _static_patterns(site)
    for rule in RULES:
        if not patterns[rule.cls]:
            continue
        lines.append(f"# {rule.what}")
        for pattern in patterns[rule.cls]:
            lines.append(pattern)
            lines.extend(f"  {name}: {value}"
                         for name, value in response_headers(rule.cls, policy))
        lines.append("")
    return "\n".join(lines)


# --- nginx ------------------------------------------------------------------------------


def _quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def nginx_conf(*, policy: str, listen: str = "@PORT@", root: str = "@ROOT@",
               state_dir: str | None = None, user: str | None = "www-data",
               brotli: bool = True) -> str:
    """A complete nginx configuration serving the built site at ``root``.

    ``listen``: nginx's ``listen`` value (a port, or address:port). ``state_dir``: where
    the pid file, the logs and the temporary files go (None: Debian's usual places, for a
    server run as a service). ``user``: the user the workers run as (only when nginx is
    started as root; None leaves nginx's default). ``brotli``: also serve the ``.br``
    copies (needs Debian's libnginx-mod-http-brotli-static); without it, ``.gz``."""
    out: list[str] = [
        "# Generated by `python build.py` from site_build/headers.py; do not edit.",
        "# Serves the built site (site/) as it is: precompressed copies, MIME types,",
        "# caching and the Content-Security-Policy. See deploy/README.md.",
        "# Run: nginx -c /path/to/this/nginx.conf (after filling in @PORT@ and @ROOT@).",
        "",
    ]
    if brotli:
        out += [f"load_module {BROTLI_MODULE};", ""]
    if user:
        out.append(f"user {user};")
    out += ["worker_processes auto;"]
    if state_dir:
        out += [f"pid {state_dir}/nginx.pid;", f"error_log {state_dir}/error.log;"]
    else:
        out += ["pid /run/nginx.pid;", "error_log /var/log/nginx/error.log;"]
    out += ["", "events {", "    worker_connections 1024;", "}", "", "http {"]
    http: list[str] = []
    if state_dir:
        http.append(f"access_log {state_dir}/access.log;")
        for temp in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
            http.append(f"{temp}_temp_path {state_dir}/{temp}_temp;")
    else:
        http.append("access_log /var/log/nginx/access.log;")
    http += ["sendfile on;", "tcp_nopush on;", "server_tokens off;", "charset utf-8;",
             "charset_types text/css text/javascript application/json image/svg+xml "
             "application/xml text/plain;", "", "types {"]
    for ext, mime in sorted(MIME_TYPES.items(), key=lambda kv: (kv[1], kv[0])):
        http.append(f"    {mime} {ext.lstrip('.')};")
    http += ["}", "default_type application/octet-stream;", "",
             "# Precompressed copies written by the build, sent as they are when the",
             "# browser accepts them (nothing is compressed on the fly).",
             "gzip_static on;", "gzip_vary on;"]
    if brotli:
        http.append("brotli_static on;")
    http += ["", "server {"]
    server = [f"listen {listen};", f"root {root};", "index index.html;",
              "absolute_redirect off;", "error_page 404 /404.html;", "",
              f"location = /{HEADERS_FILE} {{", "    return 404;", "}"]
    for rule in RULES:
        server += ["", f"# {rule.what}", f"location {rule.location} {{"]
        # add_header in a location replaces every add_header of the levels above:
        # each location lists all of its headers.
        server += [f"    add_header {name} {_quote(value)} always;"
                   for name, value in response_headers(rule.cls, policy)]
        server += ["}"]
    http += ["    " + line if line else "" for line in server]
    http += ["}"]
    out += ["    " + line if line else "" for line in http]
    out += ["}", ""]
    return "\n".join(out)


def write_static_headers(site: Path) -> Path:
    path = site / HEADERS_FILE
    path.write_text(static_headers(site), encoding="utf-8")
    return path


def write_nginx_example(site: Path, path: Path = NGINX_EXAMPLE) -> Path:
    """deploy/nginx.conf: the configuration with @PORT@ and @ROOT@ left to fill in."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = nginx_conf(policy=site_policy(site))
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return path


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m site_build.headers",
        description="Print the nginx configuration or the _headers file for a built site.")
    sub = parser.add_subparsers(dest="command", required=True)
    ng = sub.add_parser("nginx", help="a complete nginx.conf (nginx -c)")
    ng.add_argument("--site", default=str(ROOT / "site"),
                    help="the built site (default: site/)")
    ng.add_argument("--root", help="where the site is on the server (default: --site)")
    ng.add_argument("--listen", default="80", help="port, or address:port (default 80)")
    ng.add_argument("--state-dir", help="pid, logs and temporary files (default: "
                    "/run, /var/log/nginx and nginx's own)")
    ng.add_argument("--user", default="www-data", help="user of the worker processes")
    ng.add_argument("--no-brotli", action="store_true",
                    help="serve only the .gz copies (no ngx_brotli module)")
    hd = sub.add_parser("headers", help="the _headers file")
    hd.add_argument("--site", default=str(ROOT / "site"))
    args = parser.parse_args(argv)
    site = Path(args.site).resolve()
    if not (site / "index.html").is_file():
        print(f"{site}: not a built site (run python build.py)", file=sys.stderr)
        return 2
    if args.command == "nginx":
        sys.stdout.write(nginx_conf(policy=site_policy(site), listen=args.listen,
                                    root=args.root or str(site), state_dir=args.state_dir,
                                    user=args.user or None, brotli=not args.no_brotli))
    else:
        sys.stdout.write(static_headers(site))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
