"""The runtime site_build.runtime installs: deterministic, trimmed, precompressed."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest

from site_build import runtime

ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture(autouse=True)
def _after_the_real_build(site_dir: Path) -> None:
    """These installs read the compressed copies the real site's build cached (a fresh
    machine would otherwise compress the 9.6 MB runtime twice at once)."""


def _tree(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def _skeleton(site: Path) -> None:
    (site / "index.html").parent.mkdir(parents=True, exist_ok=True)
    (site / "index.html").write_text("<!doctype html><p>" + "x" * 4000, encoding="utf-8")


def test_install_is_deterministic_and_complete(tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    for site in (one, two):
        _skeleton(site)
        runtime.install_runtime(site)
    assert _tree(one) == _tree(two)

    version = json.loads((ROOT / "node_modules/pyodide/package.json").read_text())["version"]
    base = one / "pyodide" / version
    for name in runtime.RUNTIME_FILES:
        assert (base / name).is_file() and (base / f"{name}.gz").is_file()
    assert (one / "sw.js").is_file() and (one / "index.html.gz").is_file()

    (stdlib,) = base.glob("python_stdlib-*.zip")
    with zipfile.ZipFile(stdlib) as zf:
        names = set(zf.namelist())
        assert all(i.date_time == (1980, 1, 1, 0, 0, 0) for i in zf.infolist())
    # Precompiled, trimmed: what Pyodide boots with and what the estimator imports.
    assert "json/__init__.pyc" in names and "decimal.pyc" in names
    assert "_pyodide/_base.pyc" in names and "encodings/cp437.pyc" in names
    assert not [n for n in names if n.endswith(".py")]
    assert "unittest/__init__.pyc" not in names and "tkinter/__init__.pyc" not in names
    assert stdlib.stat().st_size < 4_000_000

    (app,) = (one / "pyodide" / "app").glob("estimator-*.zip")
    with zipfile.ZipFile(app) as zf:
        names = set(zf.namelist())
    assert {"estimator/__init__.py", "estimator/bundle.json"} <= names
    assert any(n.startswith("estimator/__pycache__/") for n in names)

    worker = (one / "assets/estimator/worker.js").read_text(encoding="utf-8")
    config = json.loads(worker.split("const RUNTIME = ", 1)[1].split("; // @@RUNTIME@@")[0])
    assert config["stdLibURL"].endswith(stdlib.name)
    assert config["appURL"].endswith(app.name)
    assert config["lockFileContents"]["packages"] == {}
    sw = (one / "sw.js").read_text(encoding="utf-8")
    listed = json.loads(sw.split("const RUNTIME = ", 1)[1].split("; // @@RUNTIME@@")[0])
    assert f"pyodide/{version}/{stdlib.name}" in listed["runtime"]


def test_first_visit_transfer_stays_under_5_mb(tmp_path: Path) -> None:
    _skeleton(tmp_path)
    runtime.install_runtime(tmp_path)
    runtime_files = [p for p in (tmp_path / "pyodide").rglob("*")
                     if p.is_file() and not p.name.endswith((".gz", ".br"))]
    sent = sum((p.with_name(p.name + ".gz") if p.with_name(p.name + ".gz").exists() else p)
               .stat().st_size for p in runtime_files)
    assert sent < 5_000_000, sent


def test_stdlib_closure_follows_module_level_imports_only(tmp_path: Path) -> None:
    source = tmp_path / "std.zip"
    with zipfile.ZipFile(source, "w") as zf:
        zf.writestr("a.py", "import b\ndef f():\n    import lazy\n"
                            "if __name__ == '__main__':\n    import cli\n")
        zf.writestr("b.py", "from pkg import sub\n")
        zf.writestr("pkg/__init__.py", "")
        zf.writestr("pkg/sub.py", "class X:\n    import inner\n")
        zf.writestr("inner.py", "")
        zf.writestr("lazy.py", "")
        zf.writestr("cli.py", "")
        zf.writestr("c.py", "")
    assert runtime.stdlib_closure(source, ["a"]) == [
        "a.py", "b.py", "inner.py", "pkg/__init__.py", "pkg/sub.py"]


NODE_CHECK = """
import { loadPyodide } from %(pyodide)s;
import fs from "node:fs";
const py = await loadPyodide({ indexURL: %(index)s, stdLibURL: %(stdlib)s,
  lockFileContents: fs.readFileSync(%(lock)s, "utf8") });
py.unpackArchive(new Uint8Array(fs.readFileSync(%(app)s)), "zip",
  { extractDir: "/lib/python3.14/site-packages" });
py.globals.set("CASES", fs.readFileSync(%(cases)s, "utf8"));
console.log(py.runPython(`
import json, estimator
json.dumps([[estimator.render(estimator.estimate(c), lang) for lang in ("all", "zh", "ug", "en")]
            for c in json.loads(CASES)])
`));
"""


def test_trimmed_runtime_boots_and_agrees_with_cpython(tmp_path: Path) -> None:
    """The shipped stdlib zip and estimator zip, run by Pyodide's own Python (under
    Node), give exactly CPython's results, in the three-language form and in each
    language (issue 11: the worker can ask for one language)."""
    import shutil
    import subprocess

    from cases import CASES

    import estimator

    node = shutil.which("node")
    if node is None:
        import pytest

        pytest.skip("node is not installed")
    _skeleton(tmp_path / "site")
    runtime.install_runtime(tmp_path / "site")
    npm = ROOT / "node_modules" / "pyodide"
    (stdlib,) = (tmp_path / "site").glob("pyodide/*/python_stdlib-*.zip")
    (app,) = (tmp_path / "site").glob("pyodide/app/estimator-*.zip")
    cases = tmp_path / "cases.json"
    cases.write_text(json.dumps(list(CASES.values())), encoding="utf-8")
    script = tmp_path / "check.mjs"
    script.write_text(NODE_CHECK % {
        "pyodide": json.dumps((npm / "pyodide.mjs").as_uri()),
        "index": json.dumps(f"{npm}/"), "stdlib": json.dumps(str(stdlib)),
        "lock": json.dumps(str(npm / "pyodide-lock.json")), "app": json.dumps(str(app)),
        "cases": json.dumps(str(cases)),
    }, encoding="utf-8")
    done = subprocess.run([node, str(script)], capture_output=True, text=True, timeout=300,
                          check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    got = json.loads(done.stdout.strip().splitlines()[-1])
    assert got == [[estimator.render(estimator.estimate(c), lang)
                    for lang in ("all", "zh", "ug", "en")] for c in CASES.values()]


def test_a_second_install_recompresses_nothing(tmp_path: Path) -> None:
    """Precompressed copies come from the cache (``compressed/`` in
    runtime.default_cache_dir()) when the same bytes were compressed before: the second
    install compresses nothing and writes the same files."""
    manifests = []
    for name in ("one", "two"):
        _skeleton(tmp_path / name)
        manifests.append(runtime.install_runtime(tmp_path / name))
    first, second = manifests
    assert second.compress_misses == 0
    assert second.compress_hits == first.compress_hits + first.compress_misses > 0
    assert _tree(tmp_path / "one") == _tree(tmp_path / "two")
