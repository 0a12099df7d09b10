"""The estimator in the browser's Python: Pyodide under Node, with the runtime the
site ships (site_build.runtime), old and new engines alternated in one run
(issue 11: estimate + render for a 20-episode year, target ≤ 5 ms). Not a test.

    python benchmarks/pyodide_bench.py [--rounds 5]

The page's own work (postMessage, JSON.parse of the reply) is not included:
``json.dumps`` of the result, which the worker does, is.
"""

from __future__ import annotations

import argparse
import io
import json
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from estimator_bench import STAY, year_case  # noqa: E402

from estimator import describe_form  # noqa: E402
from site_build import runtime  # noqa: E402

SCRIPT = """
import { loadPyodide } from %(pyodide)s;
import fs from "node:fs";
const py = await loadPyodide({ indexURL: %(index)s, stdLibURL: %(stdlib)s,
  lockFileContents: fs.readFileSync(%(lock)s, "utf8") });
for (const zip of [%(app)s, %(legacy)s]) {
  py.unpackArchive(new Uint8Array(fs.readFileSync(zip)), "zip",
    { extractDir: "/lib/python3.14/site-packages" });
}
py.globals.set("CASES", fs.readFileSync(%(cases)s, "utf8"));
py.globals.set("ROUNDS", %(rounds)d);
console.log(py.runPython(`
import json, time
import estimator, estimator_v1
estimator_v1.rules.BUNDLE_PATH = estimator.rules.BUNDLE_PATH
cases = json.loads(CASES)
variants = {
    "old": lambda c: json.dumps(estimator_v1.estimate(c), ensure_ascii=False),
    "new zh": lambda c: json.dumps(estimator.render(estimator.estimate(c), "zh"),
                                   ensure_ascii=False),
    "new all": lambda c: json.dumps(estimator.render(estimator.estimate(c), "all"),
                                    ensure_ascii=False),
}
out = {}
for name, case in cases.items():
    for run in variants.values():
        run(case)
    times = {v: [] for v in variants}
    for _ in range(ROUNDS):
        for v, run in variants.items():
            start = time.perf_counter()
            for _ in range(10):
                run(case)
            times[v].append((time.perf_counter() - start) / 10 * 1000)
    out[name] = {v: sorted(t)[len(t) // 2] for v, t in times.items()}
json.dumps(out)
`));
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    node = shutil.which("node")
    if node is None:
        sys.exit("node is not installed")
    cases = {f"{r}/{s}": year_case(r, s) for r, schemes in describe_form()["regions"].items()
             for s, info in schemes.items()
             if any(v["status"] == "ok" for v in info["kinds"].values())}
    cases["one stay"] = STAY
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        site.mkdir()
        (site / "index.html").write_text("<!doctype html><p>bench", encoding="utf-8")
        runtime.install_runtime(site)
        npm = ROOT / "node_modules" / "pyodide"
        (stdlib,) = site.glob("pyodide/*/python_stdlib-*.zip")
        (app,) = site.glob("pyodide/app/estimator-*.zip")
        legacy = Path(tmp) / "legacy.zip"
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as zf:
            for path in sorted((ROOT / "tests/legacy_engine/estimator_v1").glob("*.py")):
                zf.write(path, f"estimator_v1/{path.name}")
        legacy.write_bytes(buf.getvalue())
        (Path(tmp) / "cases.json").write_text(json.dumps(cases), encoding="utf-8")
        script = Path(tmp) / "bench.mjs"
        script.write_text(SCRIPT % {
            "pyodide": json.dumps((npm / "pyodide.mjs").as_uri()),
            "index": json.dumps(f"{npm}/"), "stdlib": json.dumps(str(stdlib)),
            "lock": json.dumps(str(npm / "pyodide-lock.json")),
            "app": json.dumps(str(app)), "legacy": json.dumps(str(legacy)),
            "cases": json.dumps(str(Path(tmp) / "cases.json")), "rounds": args.rounds,
        }, encoding="utf-8")
        done = subprocess.run([node, str(script)], capture_output=True, text=True,
                              timeout=900, check=False)
        if done.returncode != 0:
            # Node prints the (minified) source line first: keep the Python error.
            sys.exit(done.stderr[done.stderr.rfind("PythonError"):][:3000])
        result = json.loads(done.stdout.strip().splitlines()[-1])
    print("Pyodide under Node, ms per case (median of rounds), json.dumps included")
    print(f"{'':20} {'old':>8} {'new zh':>8} {'new all':>8}   {'old/zh':>7}")
    for name, ms in result.items():
        print(f"{name:20} {ms['old']:8.2f} {ms['new zh']:8.2f} {ms['new all']:8.2f}   "
              f"{ms['old'] / ms['new zh']:6.2f}×")


if __name__ == "__main__":
    main()
