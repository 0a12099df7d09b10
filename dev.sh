#!/usr/bin/env bash
# The project's two set-up commands (see README.md):
#   bash dev.sh serve   install everything, build the site, serve it at http://127.0.0.1:8000
#   bash dev.sh test    install everything, then run every check and test
# Both are idempotent and install only through the project's own files:
# requirements.lock (Python), package-lock.json (npm) and, for the browser
# tests, Debian's chromium and nginx packages.
set -euo pipefail
cd "$(dirname "$0")"

PY=.venv/bin/python

install_python() {
  if [ ! -x "$PY" ]; then
    python3 -m venv .venv
  fi
  # Reinstall only when the lock changed since the last install.
  if ! cmp -s requirements.lock .venv/.installed-lock 2>/dev/null; then
    "$PY" -m pip install --quiet --disable-pip-version-check -r requirements.lock
    cp requirements.lock .venv/.installed-lock
  fi
}

install_npm() {
  if ! cmp -s package-lock.json node_modules/.installed-lock 2>/dev/null; then
    npm ci --no-audit --no-fund --loglevel=error
    cp package-lock.json node_modules/.installed-lock
  fi
}

install_chromium() {
  if [ ! -x /usr/bin/chromium ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium fonts-noto-core fonts-noto-cjk >/dev/null
  fi
}

# Debian's nginx (and its brotli static module) for the publishing test, which runs
# its own nginx on a loopback port; the system service is stopped if the package
# started one.
install_nginx() {
  if [ ! -x /usr/sbin/nginx ] || [ ! -e /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq nginx libnginx-mod-http-brotli-static >/dev/null
    if [ -s /run/nginx.pid ]; then
      invoke-rc.d nginx stop >/dev/null 2>&1 || kill "$(cat /run/nginx.pid)" 2>/dev/null || true
    fi
  fi
}

case "${1:-}" in
  serve)
    install_python
    install_npm
    exec "$PY" build.py serve
    ;;
  test)
    install_python
    install_npm
    install_chromium
    install_nginx
    "$PY" -m ruff check .
    "$PY" -m mypy
    "$PY" build.py check
    # Two workers (this machine has two cores); a test file stays on one worker, so
    # its module fixtures are built once.
    exec "$PY" -m pytest -q -n 2 --dist loadfile --no-loadscope-reorder
    ;;
  *)
    echo "usage: bash dev.sh serve | bash dev.sh test" >&2
    exit 2
    ;;
esac
