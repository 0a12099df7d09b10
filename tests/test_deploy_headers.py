"""site/_headers and the nginx configuration, generated from site_build/headers.py
(on a small made-up site; tests/browser/test_browser_nginx.py serves the real one)."""

from __future__ import annotations

import re
from pathlib import Path

from site_build import headers

FILES = ["index.html", "404.html", "en/index.html", "en/estimator/index.html",
         "assets/x.js", "assets/x.js.gz", "assets/x.js.br", "pyodide/1.0/a.wasm",
         "pyodide/1.0/a.wasm.gz", "pyodide/app/e-1.zip", "sw.js", "sitemap.xml",
         "mixed/index.html", "mixed/data.json", "mixed/deep/page/index.html"]


def _site(tmp_path: Path) -> Path:
    for rel in FILES:
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        body = "<script>var a=1</script>" if rel.endswith(".html") else "x"
        path.write_text(body, encoding="utf-8")
    return tmp_path


def _parse(text: str) -> dict[str, dict[str, str]]:
    rules: dict[str, dict[str, str]] = {}
    current: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("/"):
            assert line not in rules, f"{line} twice"
            current = rules[line] = {}
        else:
            name, value = line.strip().split(": ", 1)
            assert name not in current
            current[name] = value
    return rules


def test_every_url_matches_exactly_one_pattern_with_its_class_headers(
        tmp_path: Path) -> None:
    site = _site(tmp_path)
    text = headers.static_headers(site)
    rules = _parse(text)
    policy = headers.site_policy(site)
    urls = ["/" + rel for rel in FILES]
    urls += ["/" + rel.removesuffix("index.html") for rel in FILES
             if rel.endswith("index.html")]
    for url in urls:
        matching = [p for p in rules
                    if re.fullmatch(re.escape(p).replace(r"\*", ".*"), url)]
        assert len(matching) == 1, (url, matching)
        cls = headers.file_class(url)
        assert rules[matching[0]] == dict(headers.response_headers(cls, policy)), url
    assert "/pyodide/*" in rules and "/en/*" in rules and "/assets/*" in rules
    assert rules["/pyodide/*"]["Cache-Control"] == headers.IMMUTABLE
    assert rules["/sw.js"]["Cache-Control"] == "no-cache"
    assert rules["/"]["Content-Security-Policy"] == policy
    assert "'sha256-" in policy


def test_file_classes() -> None:
    assert headers.file_class("pyodide/314.0.7/pyodide.asm.wasm.br") == "runtime"
    assert headers.file_class("/sw.js.gz") == "service-worker"
    assert headers.file_class("/en/estimator/") == "page"
    assert headers.file_class("assets/estimator/sw.js") == "other"


def test_nginx_conf_has_every_rule_and_type() -> None:
    conf = headers.nginx_conf(policy="default-src 'self'", listen="8080", root="/srv/x",
                              brotli=False)
    assert "listen 8080;" in conf and "root /srv/x;" in conf
    assert "load_module" not in conf and "brotli_static" not in conf
    assert "gzip_static on;" in conf and "application/wasm wasm;" in conf
    for rule in headers.RULES:
        block = conf.split(f"location {rule.location} {{", 1)[1].split("}", 1)[0]
        for name, value in headers.response_headers(rule.cls, "default-src 'self'"):
            assert f'add_header {name} "{value}" always;' in block
    assert conf.count("{") == conf.count("}")
    assert "@PORT@" in headers.nginx_conf(policy="")
    assert headers.BROTLI_MODULE in headers.nginx_conf(policy="")
