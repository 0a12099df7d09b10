"""Install the in-browser estimator runtime into a built site.

``install_runtime(site_dir)`` runs after the MkDocs build and writes, deterministically:

- ``pyodide/<version>/``: ``pyodide.mjs``, ``pyodide.asm.mjs`` and ``pyodide.asm.wasm``
  copied from ``node_modules/pyodide``, plus ``python_stdlib-<hash>.zip``, a stdlib
  trimmed to what Pyodide needs to boot and what the estimator imports (the closure of
  their module-level imports over Pyodide's own stdlib sources), precompiled to ``.pyc``
  by Pyodide's Python run under Node (see ``compile_zips``);
- ``pyodide/app/estimator-<hash>.zip``: the working tree's ``estimator/`` package
  (with its ``bundle.json`` and precompiled ``__pycache__``), unpacked by the worker into
  site-packages;
- ``assets/estimator/``: the form, the worker and the catalogs from
  ``docs/assets/estimator/``, the worker given the runtime's file names and an inline
  minimal lock file (so the page fetches no lock, no manifest);
- ``assets/estimator/vendor/``: browser modules from npm packages the form imports
  (``VENDOR_MODULES``: the QR code of a printed estimate, from ``qrcode-generator``);
- ``sw.js`` at the site root (scope: the whole site), from ``docs/assets/estimator/sw.js``,
  given the list of versioned runtime files and each language's offline manifest
  (``assets/offline/``, written by ``site_build/offline.py``);
- ``.gz`` copies (and ``.br`` when the ``brotli`` package is installed) of the site's
  large text-like files and of the runtime, for hosts that serve precompressed files,
  taken from the build cache's ``compressed/`` folder (``default_cache_dir``) when the
  same bytes were compressed before (keyed by the SHA-256 of the settings and the input;
  see ``CompressionCache``).

Every zip has fixed timestamps and sorted entries; every file name that can change
with content carries a content hash, so the service worker may serve it cache-first.
"""

from __future__ import annotations

import ast
import gzip
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import offline
from .regions import form_catalog, is_form_catalog

ROOT = Path(__file__).resolve().parent.parent

# Files of the npm package the browser needs (no lock, no stdlib: both are replaced).
RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm")

# Browser modules the form imports from npm packages (package.json): site path ->
# path under node_modules/. The print's QR code (docs/assets/estimator/print.js).
VENDOR_MODULES = {
    "assets/estimator/vendor/qrcode.mjs": "qrcode-generator/dist/qrcode.mjs",
}

# Modules Pyodide 314.0.7 has imported once ``loadPyodide`` resolves (measured: booted with
# the full stdlib under Node, ``sorted(sys.modules)``). Built-in and frozen ones are
# dropped automatically when they have no source in the stdlib zip.
BOOT_MODULES = (
    "__future__ _collections_abc _colorize _opcode_metadata _py_warnings _pyodide "
    "_pyodide._base _pyodide._core_docs _pyodide._future_helper _pyodide._importhook "
    "_pyodide.docs_argspec _pyodide.docstring _pyodide.jsbind _sitebuiltins "
    "_weakrefset abc annotationlib ast asyncio base64 bisect codecs codeop collections "
    "compression concurrent.futures contextlib contextvars copy copyreg "
    "dataclasses dis encodings encodings.aliases encodings.utf_8 enum fnmatch functools "
    "genericpath glob heapq importlib importlib.abc importlib.machinery importlib.util "
    "inspect io json keyword linecache locale logging ntpath opcode operator os "
    "pathlib posixpath pyodide pyodide._package_loader pyodide._state pyodide.code "
    "pyodide.common pyodide.ffi pyodide.webloop random re reprlib selectors shutil signal "
    "site socket stat string struct subprocess tempfile textwrap threading token "
    "tokenize traceback types typing warnings weakref zipfile zipimport"
).split()

# Imported lazily (inside functions) by stdlib code the estimator may reach at run time;
# the closure below follows module-level imports only, so these are named here.
LAZY_MODULES = (
    "_strptime", "calendar", "numbers", "importlib.resources",
    "importlib.resources.abc", "importlib.resources.readers", "importlib.readers",
    "encodings.idna", "encodings.latin_1", "encodings.ascii", "encodings.utf_16",
    "encodings.utf_32", "encodings.unicode_escape", "encodings.raw_unicode_escape",
    "datetime", "encodings.cp437", "encodings.utf_8_sig",
)

# Pure-Python fallbacks of modules Pyodide builds in C (``try: from _decimal import *
# except ImportError: from _pydecimal import *``): never imported there.
PURE_FALLBACKS = frozenset({"_pydatetime", "_pydecimal", "_pyio", "_py_abc"})

# Modules frozen into Pyodide's interpreter (measured: ``__spec__.origin == "frozen"``):
# their files in the zip are never read, but what they import is.
FROZEN = frozenset({
    "_collections_abc", "_sitebuiltins", "abc", "codecs", "genericpath", "importlib._bootstrap",
    "importlib._bootstrap_external", "importlib.machinery", "importlib.util", "io", "ntpath",
    "os", "posixpath", "site", "stat", "zipimport",
})

# Imported at boot only inside ``try: ... except ImportError`` (asyncio's TLS support,
# compression formats of shutil and zipfile): left out; nothing here needs them.
OPTIONAL = frozenset({
    "ssl", "_ssl", "bz2", "lzma", "compression.zstd", "compression.zstd._zstdfile",
    "compression._common._streams",
})

FIXED_DATE = (1980, 1, 1, 0, 0, 0)
# Files at least this large get precompressed copies.
PRECOMPRESS_MIN = 1024
PRECOMPRESS_SUFFIXES = (".wasm", ".mjs", ".js", ".zip", ".json", ".css", ".html", ".svg",
                        ".xml", ".txt")


@dataclass(frozen=True)
class RuntimeManifest:
    """What ``install_runtime`` wrote, relative to the site root (POSIX paths)."""

    pyodide_version: str
    build_id: str
    runtime_files: tuple[str, ...]
    stdlib_modules: int
    sizes: dict[str, int] = field(default_factory=dict)
    # Precompressed copies taken from the compression cache / compressed now.
    compress_hits: int = 0
    compress_misses: int = 0
    # Left out of a preview build, for ``compress_later``.
    compress_deferred: int = 0


# --- deterministic zips -----------------------------------------------------------------


def _zip_bytes(entries: Iterable[tuple[str, bytes]], *, compress: bool) -> bytes:
    """A zip of ``entries`` sorted by name, with fixed dates and permissions."""
    buf = io.BytesIO()
    method = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    with zipfile.ZipFile(buf, "w", compression=method) as zf:
        for name, data in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=FIXED_DATE)
            info.compress_type = method
            info.external_attr = 0o644 << 16
            info.create_system = 3
            zf.writestr(info, data, compress_type=method, compresslevel=9 if compress else None)
    return buf.getvalue()


def _short_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:12]


# --- the trimmed stdlib -----------------------------------------------------------------


def _module_file(names: set[str], module: str) -> str | None:
    base = module.replace(".", "/")
    for candidate in (f"{base}.py", f"{base}/__init__.py"):
        if candidate in names:
            return candidate
    return None


def _is_package(path: str) -> bool:
    return path.endswith("/__init__.py")


_IMPORT_LINE = re.compile(
    r"^(?P<indent>[ \t]*)(?:import\s+(?P<names>[\w., \t]+)"
    r"|from\s+(?P<dots>\.*)(?P<module>[\w.]*)\s+import\s+(?P<what>.*))"
)
# Blocks never executed on import in Pyodide: function bodies, ``if __name__ ==
# "__main__":`` and Windows-only branches.
_SKIPPED_BLOCK = re.compile(
    r"^(?P<indent>[ \t]*)(?:(?:async\s+)?def\s|if\s+__name__\s*==|"
    r"if\s+_?sys\.platform\s*==\s*['\"]win32['\"]\s*:|if\s+_?os\.name\s*==\s*['\"]nt['\"]\s*:)"
)


def _module_level_imports(source: bytes, module: str, is_package: bool) -> set[str]:
    """Modules imported when ``module`` is executed: every import outside function bodies
    (inside ``if``/``try``/``class`` included), relative imports resolved.

    A line scanner, not ``ast``: the sources are Python 3.14 and the build may run an
    older Python. Its mistakes (an import-like line in a docstring) only add modules."""
    found: set[str] = set()
    package = module if is_package else module.rpartition(".")[0]
    lines = source.decode("utf-8", errors="replace").splitlines()
    function_indent: int | None = None
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(line) - len(line.lstrip())
        if function_indent is not None:
            if indent > function_indent:
                continue
            function_indent = None
        if _SKIPPED_BLOCK.match(line):
            function_indent = indent
            continue
        match = _IMPORT_LINE.match(line)
        if not match:
            continue
        if match["names"] is not None:
            for name in match["names"].split(","):
                found.add(name.split(" as ")[0].strip())
            continue
        what = match["what"].split("#")[0]
        if what.lstrip().startswith("(") and ")" not in what:
            while i < len(lines) and ")" not in what:
                what += " " + lines[i].split("#")[0]
                i += 1
        if match["dots"]:
            parts = package.split(".")
            anchor = ".".join(parts[: len(parts) - len(match["dots"]) + 1])
            base = f"{anchor}.{match['module']}" if match["module"] else anchor
        else:
            base = match["module"]
        found.add(base)
        for name in what.replace("(", " ").replace(")", " ").replace("\\", " ").split(","):
            name = name.split(" as ")[0].strip()
            if name and name != "*":
                found.add(f"{base}.{name}")
    return {m.strip(".") for m in found if m.strip(".")}


def _with_parents(module: str) -> Iterator[str]:
    parts = module.split(".")
    for i in range(1, len(parts) + 1):
        yield ".".join(parts[:i])


def stdlib_closure(stdlib_zip: Path, seeds: Iterable[str]) -> list[str]:
    """Entries of ``stdlib_zip`` needed to import ``seeds`` (and their parent packages),
    following module-level imports transitively."""
    with zipfile.ZipFile(stdlib_zip) as zf:
        names = set(zf.namelist())
        sources = {n: zf.read(n) for n in names if n.endswith(".py")}
    wanted: set[str] = set()
    todo = [p for s in seeds for p in _with_parents(s)]
    seen: set[str] = set()
    while todo:
        module = todo.pop()
        if module in seen:
            continue
        seen.add(module)
        path = _module_file(names, module)
        if path is None or module in PURE_FALLBACKS or module in OPTIONAL:
            continue  # built in, a fallback, optional, or not a module (``from x import y``)
        if module not in FROZEN:
            wanted.add(path)
        for imported in _module_level_imports(sources[path], module, _is_package(path)):
            todo.extend(_with_parents(imported))
    return sorted(wanted)


def estimator_stdlib_imports(package_dir: Path) -> set[str]:
    """Absolute imports of the estimator's sources (any depth, not only module level)."""
    found: set[str] = set()
    for path in sorted(package_dir.rglob("*.py")):
        tree = ast.parse(path.read_bytes(), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                found.add(node.module)
                found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {m for m in found if m.split(".")[0] != package_dir.name}


def build_stdlib_zip(stdlib_zip: Path, package_dir: Path) -> tuple[bytes, int]:
    """The trimmed stdlib zip (entries stored uncompressed, so the transfer encoding
    compresses across files) and its number of modules."""
    seeds = [*BOOT_MODULES, *LAZY_MODULES, *sorted(estimator_stdlib_imports(package_dir))]
    entries = stdlib_closure(stdlib_zip, seeds)
    with zipfile.ZipFile(stdlib_zip) as zf:
        data = [(name, zf.read(name)) for name in entries]
    return _zip_bytes(data, compress=False), len(entries)


# Compiles the ``.py`` files of zips to ``.pyc`` (unchecked hash-based) with the very
# interpreter the browser runs: Pyodide under Node. Python's start-up in the browser then
# skips compiling ~170 modules (about 2 s). The stdlib is shipped as ``.pyc`` only, without
# docstrings or column tables (smaller); the estimator keeps its sources, with the
# ``.pyc`` beside them in ``__pycache__`` (tracebacks still show its lines).
_COMPILE_JS = """
import { loadPyodide } from %(pyodide)s;
import fs from "node:fs";
const jobs = %(jobs)s;
const py = await loadPyodide({ indexURL: %(index)s, env: { PYTHONNODEBUGRANGES: "1" } });
py.runPython(`
import importlib._bootstrap_external as be
import importlib.util
import zipfile

def entry(name):
    zi = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    zi.external_attr = 0o644 << 16
    zi.create_system = 3
    return zi

def compile_zip(src_path, dst_path, mode, prefix):
    src = zipfile.ZipFile(src_path)
    method = zipfile.ZIP_STORED if mode == "replace" else zipfile.ZIP_DEFLATED
    out_entries = {}
    for info in src.infolist():
        data = src.read(info)
        name = info.filename
        if not name.endswith(".py"):
            out_entries[name] = data
            continue
        optimize = 2 if mode == "replace" else 0
        code = compile(data, prefix + name, "exec", dont_inherit=True, optimize=optimize)
        pyc = bytes(be._code_to_hash_pyc(code, importlib.util.source_hash(data), False))
        if mode == "replace":
            out_entries[name + "c"] = pyc
        else:
            out_entries[name] = data
            cached = importlib.util.cache_from_source("/" + name)[1:]
            out_entries[cached] = pyc
    with zipfile.ZipFile(dst_path, "w", method) as out:
        for name in sorted(out_entries):
            out.writestr(entry(name), out_entries[name], compress_type=method,
                         compresslevel=9 if method == zipfile.ZIP_DEFLATED else None)
`);
for (const job of jobs) {
  py.FS.writeFile("/tmp/in.zip", fs.readFileSync(job.src));
  py.globals.get("compile_zip")("/tmp/in.zip", "/tmp/out.zip", job.mode, job.prefix);
  fs.writeFileSync(job.dst, py.FS.readFile("/tmp/out.zip"));
}
"""


@dataclass(frozen=True)
class CompileJob:
    """One zip to compile: ``replace`` (``.pyc`` only, stored) or ``alongside``."""

    data: bytes
    mode: str
    prefix: str


def compile_zips(jobs: list[CompileJob], npm_dir: Path, cache_dir: Path) -> list[bytes] | None:
    """Each job's zip compiled for Pyodide's Python, or None when Node is not available
    (the ``.py`` zips then work, only start slower). Results are cached in ``cache_dir``
    by the input's hash and the runtime's."""
    node = shutil.which("node")
    if node is None:
        return None
    runtime_key = hashlib.sha256((npm_dir / "pyodide.asm.wasm").read_bytes()).digest()
    keys = [hashlib.sha256(runtime_key + job.mode.encode() + job.prefix.encode() + job.data)
            .hexdigest()[:20] for job in jobs]
    paths = [cache_dir / f"pyc-{key}.zip" for key in keys]
    todo = [i for i, path in enumerate(paths) if not path.is_file()]
    if todo:
        cache_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory() as tmp:
            specs = []
            for i in todo:
                src = Path(tmp, f"in{i}.zip")
                src.write_bytes(jobs[i].data)
                specs.append({"src": str(src), "dst": str(Path(tmp, f"out{i}.zip")),
                              "mode": jobs[i].mode, "prefix": jobs[i].prefix})
            script = Path(tmp, "compile.mjs")
            script.write_text(_COMPILE_JS % {
                "pyodide": json.dumps((npm_dir / "pyodide.mjs").as_uri()),
                "index": json.dumps(str(npm_dir) + "/"),
                "jobs": json.dumps(specs),
            }, encoding="utf-8")
            done = subprocess.run([node, str(script)], capture_output=True, text=True,
                                  timeout=600, check=False)
            if done.returncode != 0:
                raise RuntimeError(f"compiling with Pyodide under Node failed:\n{done.stderr}")
            for i, spec in zip(todo, specs, strict=True):
                partial = paths[i].with_name(f"{paths[i].name}.{os.getpid()}.tmp")
                partial.write_bytes(Path(spec["dst"]).read_bytes())
                os.replace(partial, paths[i])  # never half a zip in the cache
    return [path.read_bytes() for path in paths]


# --- the estimator package --------------------------------------------------------------


def build_estimator_zip(package_dir: Path) -> bytes:
    """``estimator/`` from the working tree as a zip rooted at site-packages."""
    if not (package_dir / "__init__.py").is_file():
        raise FileNotFoundError(f"{package_dir}: no estimator package (no __init__.py)")
    entries: list[tuple[str, bytes]] = []
    for path in sorted(package_dir.rglob("*")):
        rel = path.relative_to(package_dir.parent).as_posix()
        if not path.is_file() or "__pycache__" in path.parts or path.suffix == ".pyc":
            continue
        entries.append((rel, path.read_bytes()))
    return _zip_bytes(entries, compress=True)


# --- precompressed copies ---------------------------------------------------------------


def _brotli_compress() -> Any:
    try:
        import brotli  # type: ignore[import-not-found, unused-ignore]  # noqa: PLC0415
    except ImportError:
        return None
    return brotli.compress


def _brotli_version() -> str:
    try:
        import brotli  # type: ignore[import-not-found, unused-ignore]  # noqa: PLC0415
    except ImportError:
        return "none"
    return str(getattr(brotli, "__version__", "unknown"))


def _gzip(data: bytes) -> bytes:
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, compresslevel=9, mtime=0) as f:
        f.write(data)
    return buf.getvalue()


# Settings that decide the compressed bytes, part of each cache key (a new brotli or
# Python, hence possibly other bytes, gets new entries).
GZIP_SETTINGS = f"gzip level=9 mtime=0 zlib={zlib.ZLIB_RUNTIME_VERSION}"
BROTLI_SETTINGS = "brotli quality=11 brotli={version}"
# Cache entries unused for this long are removed (each hit refreshes the date).
CACHE_KEEP_DAYS = 30


class CompressionCache:
    """Compressed copies kept by content: the key is the SHA-256 of the settings and the
    input, so an unchanged file (the 9.6 MB wasm above all: about a minute of brotli at
    quality 11) is compressed once per machine, and a changed one is never served stale.

    ``folder`` None: no cache (every call compresses). Counts hits and misses."""

    def __init__(self, folder: Path | None, *, defer: bool = False) -> None:
        self.folder = folder
        self.defer = defer
        self.hits = 0
        self.misses = 0
        self.deferred = 0

    def get(self, settings: str, data: bytes, compress: Any) -> bytes | None:
        """The compressed copy; None when it is not cached and ``defer`` is set (the
        caller leaves the copy out, and ``python build.py compress`` writes it later)."""
        if self.folder is None:
            self.misses += 1
            return bytes(compress(data))
        key = hashlib.sha256(settings.encode("utf-8") + b"\0" + data).hexdigest()
        path = self.folder / key[:2] / key
        try:
            packed = path.read_bytes()
        except OSError:
            pass
        else:
            self.hits += 1
            try:
                os.utime(path)
            except OSError:
                pass
            return packed
        if self.defer:
            self.deferred += 1
            return None
        self.misses += 1
        packed = bytes(compress(data))
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written beside, then renamed: a reader never sees half an entry.
        partial = path.with_name(f"{key}.{os.getpid()}.{threading.get_ident()}.tmp")
        partial.write_bytes(packed)
        os.replace(partial, path)
        return packed

    def prune(self, keep_days: float = CACHE_KEEP_DAYS) -> int:
        """Remove entries unused for ``keep_days``; return how many."""
        if self.folder is None or not self.folder.is_dir():
            return 0
        limit = time.time() - keep_days * 86400
        removed = 0
        for entry in self.folder.glob("*/*"):
            try:
                if entry.stat().st_mtime < limit:
                    entry.unlink()
                    removed += 1
            except OSError:
                continue
        return removed


def precompress(path: Path, cache: CompressionCache | None = None) -> list[Path]:
    """Write ``path.gz`` (and ``path.br`` when brotli is installed) next to ``path``,
    each only when it saves at least 5 %; stale copies are removed. With ``cache``, an
    input compressed before (same bytes, same settings) is not compressed again."""
    cache = cache or CompressionCache(None)
    data = path.read_bytes()
    copies: dict[Path, bytes | None] = {}
    copies[path.with_name(path.name + ".gz")] = cache.get(GZIP_SETTINGS, data, _gzip)
    compress = _brotli_compress()
    if compress is not None:
        copies[path.with_name(path.name + ".br")] = cache.get(
            BROTLI_SETTINGS.format(version=_brotli_version()), data,
            lambda raw: compress(raw, quality=11))
    written: list[Path] = []
    for copy, packed in copies.items():
        if packed is None:  # deferred: never leave a copy of the previous content
            copy.unlink(missing_ok=True)
        elif len(packed) <= 0.95 * len(data):
            _write(copy, packed)
            written.append(copy)
        elif copy.exists():
            copy.unlink()
    return written


# --- installing -------------------------------------------------------------------------


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_bytes() != data:
        path.write_bytes(data)


def _replace_marker(text: str, marker: str, value: str, source: Path) -> str:
    """Replace the one line ending in ``// @@<marker>@@``; a missing marker is an error."""
    lines = text.splitlines(keepends=True)
    hits = [i for i, line in enumerate(lines) if line.rstrip().endswith(f"// @@{marker}@@")]
    if len(hits) != 1:
        raise ValueError(f"{source}: expected one line marked @@{marker}@@, found {len(hits)}")
    line = lines[hits[0]]
    indent = line[: len(line) - len(line.lstrip())]
    name = line.split("=")[0].strip()
    lines[hits[0]] = f"{indent}{name} = {value}; // @@{marker}@@\n"
    return "".join(lines)


def _python_zips(npm_dir: Path, package_dir: Path, python_minor: str, cache_dir: Path, *,
                 compile_pyc: bool) -> tuple[bytes, bytes, int]:
    """The stdlib zip and the estimator zip, compiled when asked (and Node is there)."""
    stdlib, module_count = build_stdlib_zip(npm_dir / "python_stdlib.zip", package_dir)
    app = build_estimator_zip(package_dir)
    if compile_pyc:
        compiled = compile_zips([
            CompileJob(stdlib, "replace", f"/lib/python{python_minor.replace('.', '')}.zip/"),
            CompileJob(app, "alongside", f"/lib/python{python_minor}/site-packages/"),
        ], npm_dir, cache_dir)
        if compiled is not None:
            stdlib, app = compiled
    return stdlib, app, module_count


def prepare(root: Path = ROOT, cache_dir: Path | None = None) -> None:
    """Fill the compiled-zip cache ahead of ``install_runtime`` (the build runs this
    beside MkDocs: after a data edit the estimator zip, which holds the bundle, needs
    Pyodide under Node again, a few seconds that then overlap MkDocs's)."""
    npm_dir = root / "node_modules" / "pyodide"
    lock = json.loads((npm_dir / "pyodide-lock.json").read_text(encoding="utf-8"))
    python_minor = ".".join(str(lock["info"]["python"]).split(".")[:2])
    _python_zips(npm_dir, root / "estimator", python_minor,
                 cache_dir or default_cache_dir(root), compile_pyc=True)


def default_cache_dir(root: Path = ROOT) -> Path:
    """The user's cache folder for this project (``$XDG_CACHE_HOME`` or ``~/.cache``,
    then ``medins-guide/runtime-cache``), shared by every clone on the machine as pip's
    cache is: entries are named by the SHA-256 of their input and settings, so clones
    at different versions never read each other's stale copies. Without a home folder,
    ``build/runtime-cache/`` (git-ignored). SITE_BUILD_CACHE overrides both."""
    override = os.environ.get("SITE_BUILD_CACHE")
    if override:
        return Path(override)
    base = os.environ.get("XDG_CACHE_HOME") or (
        str(Path.home() / ".cache") if os.environ.get("HOME") else "")
    if not base:
        return root / "build" / "runtime-cache"
    return Path(base) / "medins-guide" / "runtime-cache"


def install_runtime(site_dir: Path, *, root: Path = ROOT, compile_pyc: bool = True,
                    cache_dir: Path | None = None,
                    defer_compression: bool = False) -> RuntimeManifest:
    """Write the estimator runtime into ``site_dir`` (see the module docstring).

    ``compile_pyc``: ship the stdlib as ``.pyc`` compiled by Pyodide under Node (faster
    start, needs ``node``); without Node, or when False, as ``.py`` sources.
    ``cache_dir``: where compiled zips and compressed copies are kept by content hash
    (default: ``default_cache_dir``).
    ``defer_compression``: leave out the compressed copies not cached yet (``serve``
    shows an edit sooner, then runs ``compress_later``)."""
    site_dir = Path(site_dir)
    cache_dir = cache_dir or default_cache_dir(root)
    npm_dir = root / "node_modules" / "pyodide"
    if not (npm_dir / "pyodide.asm.wasm").is_file():
        raise FileNotFoundError(f"{npm_dir}: Pyodide is not installed (run 'npm ci')")
    package = json.loads((npm_dir / "package.json").read_text(encoding="utf-8"))
    version = str(package["version"])
    lock = json.loads((npm_dir / "pyodide-lock.json").read_text(encoding="utf-8"))
    package_dir = root / "estimator"
    python_minor = ".".join(str(lock["info"]["python"]).split(".")[:2])

    runtime_dir = site_dir / "pyodide" / version
    written: dict[str, bytes] = {}
    for name in RUNTIME_FILES:
        written[f"pyodide/{version}/{name}"] = (npm_dir / name).read_bytes()
    stdlib, app, module_count = _python_zips(npm_dir, package_dir, python_minor, cache_dir,
                                             compile_pyc=compile_pyc)
    stdlib_name = f"python_stdlib-{_short_hash(stdlib)}.zip"
    written[f"pyodide/{version}/{stdlib_name}"] = stdlib
    app_name = f"estimator-{_short_hash(app)}.zip"
    written[f"pyodide/app/{app_name}"] = app
    # Stale hashed files of earlier builds into the same directory.
    for old in [*runtime_dir.glob("python_stdlib-*"), *(site_dir / "pyodide/app").glob("*")]:
        if old.relative_to(site_dir).as_posix().removesuffix(".gz").removesuffix(".br") \
                not in written:
            old.unlink()
    for rel, data in written.items():
        _write(site_dir / rel, data)

    build_id = _short_hash(b"".join(hashlib.sha256(written[k]).digest()
                                    for k in sorted(written)))
    config = {
        "buildId": build_id,
        "pyodideVersion": version,
        # Relative to the worker script (assets/estimator/worker.js).
        "indexURL": f"../../pyodide/{version}/",
        "stdLibURL": f"../../pyodide/{version}/{stdlib_name}",
        "appURL": f"../../pyodide/app/{app_name}",
        "lockFileContents": {"info": lock["info"], "packages": {}},
        "sitePackages": f"/lib/python{python_minor}/site-packages",
    }
    runtime_urls = sorted(written)

    # The form, worker and catalogs (copied even if the site build already did).
    assets_src = root / "docs" / "assets" / "estimator"
    assets_dst = site_dir / "assets" / "estimator"
    registry = json.loads((package_dir / "bundle.json").read_text(encoding="utf-8"))["regions"]
    for src in sorted(p for p in assets_src.rglob("*") if p.is_file()):
        asset = src.relative_to(assets_src)
        if asset.as_posix() == "sw.js":
            continue  # served from the site root (below), for the whole site's scope
        data = src.read_bytes()
        if is_form_catalog(f"assets/estimator/{asset.as_posix()}"):
            data = form_catalog(data, registry)  # the regions (site_build/regions.py)
        if asset.as_posix() == "worker.js":
            text = _replace_marker(data.decode("utf-8"), "RUNTIME",
                                   json.dumps(config, sort_keys=True), src)
            data = text.encode("utf-8")
        _write(assets_dst / asset, data)
    for rel, package_path in VENDOR_MODULES.items():
        src = root / "node_modules" / package_path
        if not src.is_file():
            raise FileNotFoundError(f"{src}: not installed (run 'npm ci')")
        _write(site_dir / rel, src.read_bytes())
    sw_src = assets_src / "sw.js"
    sw_text = _replace_marker(sw_src.read_text(encoding="utf-8"), "RUNTIME",
                              json.dumps({"buildId": build_id, "pyodideVersion": version,
                                          "runtime": runtime_urls}, sort_keys=True), sw_src)
    # What each language stores for offline reading (site_build/offline.py).
    offline_config = offline.write_manifests(site_dir, offline.site_languages(root))
    sw_text = _replace_marker(sw_text, "OFFLINE",
                              json.dumps(offline_config, sort_keys=True), sw_src)
    _write(site_dir / "sw.js", sw_text.encode("utf-8"))

    cache = CompressionCache(cache_dir / "compressed", defer=defer_compression)
    sizes = precompress_site(site_dir, cache)
    for rel in [*written, *(p.relative_to(site_dir).as_posix()
                            for p in assets_dst.rglob("*") if p.is_file())]:
        if Path(rel).suffix in PRECOMPRESS_SUFFIXES:
            sizes[rel] = (site_dir / rel).stat().st_size
    cache.prune()
    return RuntimeManifest(pyodide_version=version, build_id=build_id,
                           runtime_files=tuple(runtime_urls), stdlib_modules=module_count,
                           sizes=dict(sorted(sizes.items())), compress_hits=cache.hits,
                           compress_misses=cache.misses, compress_deferred=cache.deferred)


def precompress_site(site_dir: Path, cache: CompressionCache) -> dict[str, int]:
    """Precompressed copies of every large text-like file of the site (pages, search
    index, theme bundles, the runtime), for hosts that serve them; their sizes by path.
    With a deferring cache, copies not cached yet are left out (see ``compress_later``)."""
    sizes: dict[str, int] = {}
    for path in sorted(site_dir.rglob("*")):
        if path.is_file() and path.suffix in PRECOMPRESS_SUFFIXES \
                and path.stat().st_size >= PRECOMPRESS_MIN:
            for copy in precompress(path, cache):
                sizes[copy.relative_to(site_dir).as_posix()] = copy.stat().st_size
    return sizes


def compress_later(site_dir: Path, root: Path = ROOT) -> int:
    """``python build.py compress``: write the precompressed copies a preview build
    (``serve``) left out, so that site/ ends up exactly as ``python build.py`` makes
    it. Returns how many copies were compressed now."""
    cache = CompressionCache(default_cache_dir(root) / "compressed")
    precompress_site(site_dir, cache)
    return cache.misses


def main(argv: list[str]) -> int:
    """``python -m site_build.runtime SITE_DIR``: install and print the sizes."""
    if len(argv) != 2:
        print("usage: python -m site_build.runtime SITE_DIR", file=sys.stderr)
        return 2
    manifest = install_runtime(Path(argv[1]))
    for name, size in manifest.sizes.items():
        print(f"{size:>10}  {name}")
    print(f"build {manifest.build_id}: {manifest.stdlib_modules} stdlib files")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))


__all__ = ["VENDOR_MODULES", "CompressionCache", "RuntimeManifest", "compress_later",
           "install_runtime", "precompress", "precompress_site", "stdlib_closure"]
