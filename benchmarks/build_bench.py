"""Build times: cold full build, warm full build, and a YAML save to the updated page.

    python benchmarks/build_bench.py [--rounds N] [--before REV]

Works on throw-away copies of the project (the working tree's build.py, site_build/,
policy_build/, policy_data/, estimator/, templates/, locales/, overrides/, docs/,
mkdocs.yml; node_modules/ linked), so site/, docs/ and build/ of the working tree are
not touched. Each round runs every variant once, in an order rotated per round, so
that load from other work on this shared machine falls on all of them alike. CPU time
(user + system of every process the variant ran) is the main measure; wall time is
reported too.

- ``cold``: ``python build.py`` with an empty build cache (SITE_BUILD_CACHE pointing at
  a new folder): Pyodide compiles the zips, every precompressed copy is compressed.
- ``warm``: ``python build.py`` again with a filled cache (the situation after any
  build on this machine).
- ``save``: ``python build.py serve PORT`` runs throughout on its own copy; the variant
  rewrites one figure label in ``policy_data/wuwei_resident_2025.yaml`` (a new text
  each time) and polls the served page over HTTP until it shows the new label (the
  wall time). serve compresses the changed files only after the page shows (``python
  build.py compress``); CPU is the serve process's own and its children's
  (``/proc/PID/stat``), that deferred compression included.
- ``before`` (with ``--before REV``, e.g. the commit before the cache): ``python
  build.py`` of that revision (``git archive``), whose every build compresses
  everything, for the ratio.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from site_build.runtime import default_cache_dir  # noqa: E402

COPIED = ("build.py", "site_build", "policy_build", "policy_data", "estimator", "templates",
          "locales", "overrides", "docs", "mkdocs.yml")
DATA = "policy_data/wuwei_resident_2025.yaml"
LABEL = "Costs the work-injury insurance fund should pay"
# The English page that shows the label; each save writes a label never seen before
# (a text seen before would find its bundle's compiled zip and its search index's
# compressed copies in the cache, which is quicker than a real edit).
PAGE = "en/wuwei/resident/exclusions/"


def copy_project(dest: Path, rev: str | None = None) -> Path:
    dest.mkdir(parents=True)
    if rev is None:
        for name in COPIED:
            src = ROOT / name
            if src.is_dir():
                shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns(
                    "__pycache__", "*.md" if name == "docs" else "__no_such__"))
            else:
                shutil.copy2(src, dest / name)
    else:
        archive = subprocess.run(["git", "archive", rev, *COPIED], cwd=ROOT, check=True,
                                 capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
    (dest / "node_modules").symlink_to(ROOT / "node_modules")
    return dest


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def proc_cpu(pid: int) -> float:
    """CPU seconds of a process and of its children it has waited for."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = sum(int(fields[i]) for i in (11, 12, 13, 14))  # utime stime cutime cstime
    return ticks / os.sysconf("SC_CLK_TCK")


def full_build(project: Path, cache: Path) -> tuple[float, float]:
    env = {**os.environ, "SITE_BUILD_CACHE": str(cache)}
    cpu, start = children_cpu(), time.monotonic()
    done = subprocess.run([sys.executable, "build.py"], cwd=project, env=env,
                          capture_output=True, text=True, check=False)
    wall, cpu = time.monotonic() - start, children_cpu() - cpu
    if done.returncode:
        raise SystemExit(f"build failed in {project}:\n{done.stderr[-3000:]}")
    return wall, cpu


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


class Serve:
    """``python build.py serve PORT`` on its own copy, with the warm cache."""

    def __init__(self, project: Path, cache: Path) -> None:
        self.project = project
        self.port = free_port()
        self.log = open(project / "serve.log", "w", encoding="utf-8")  # noqa: SIM115
        self.proc = subprocess.Popen(
            [sys.executable, "build.py", "serve", str(self.port)], cwd=project,
            env={**os.environ, "SITE_BUILD_CACHE": str(cache)},
            stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        self.url = f"http://127.0.0.1:{self.port}/{PAGE}"
        self.turn = 0

    def wait_for(self, text: str, timeout: float = 900) -> None:
        end = time.monotonic() + timeout
        while text not in fetch(self.url):
            if time.monotonic() > end or self.proc.poll() is not None:
                raise SystemExit(f"serve never showed {text!r}; see {self.project}/serve.log")
            time.sleep(0.2)

    def save(self) -> tuple[float, float]:
        data = self.project / DATA
        text = data.read_text(encoding="utf-8")
        suffix = text.split(f"en: {LABEL}", 1)[1].split("}", 1)[0]
        self.turn += 1
        new = f"{LABEL} (bench {self.turn} {time.time_ns()})"
        text = text.replace(f"en: {LABEL}{suffix}}}", f"en: {new}}}")
        log = self.project / "serve.log"
        builds = log.read_text(encoding="utf-8").count("site/ complete")
        cpu = proc_cpu(self.proc.pid)
        start = time.monotonic()
        data.write_text(text, encoding="utf-8")
        self.wait_for(new)
        wall = time.monotonic() - start
        # The build process is counted once serve has waited for it, and so is the
        # compression it deferred until after the page showed ("site/ complete").
        while log.read_text(encoding="utf-8").count("site/ complete") == builds:
            time.sleep(0.1)
        return wall, proc_cpu(self.proc.pid) - cpu

    def stop(self) -> None:
        os.killpg(self.proc.pid, signal.SIGINT)
        try:
            self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.log.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--before", metavar="REV", help="also time full builds of REV")
    parser.add_argument("--only", help="comma-separated variants (cold,warm,save,before)")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="build-bench-"))
    warm_cache = tmp / "warm-cache"
    try:
        builds = copy_project(tmp / "builds")
        print("setting up: one untimed build fills the warm cache …", flush=True)
        seed = default_cache_dir(ROOT)
        if seed.is_dir():  # this machine's cache: what 'warm' means here
            shutil.copytree(seed, warm_cache)
        full_build(builds, warm_cache)
        serve_copy = copy_project(tmp / "serve")
        server = Serve(serve_copy, warm_cache)
        server.wait_for(LABEL)
        # The first background build must end before timing (it rewrites site/).
        end = time.monotonic() + 900
        while "site/ complete" not in (serve_copy / "serve.log").read_text(encoding="utf-8"):
            if time.monotonic() > end:
                raise SystemExit("serve's first build did not end")
            time.sleep(0.5)
        before = copy_project(tmp / "before", args.before) if args.before else None

        cold_n = 0

        def cold() -> tuple[float, float]:
            nonlocal cold_n
            cold_n += 1
            return full_build(builds, tmp / f"cold-cache-{cold_n}")

        variants: dict[str, Callable[[], tuple[float, float]]] = {
            "cold": cold,
            "warm": lambda: full_build(builds, warm_cache),
            "save": server.save,
        }
        if before is not None:
            variants["before"] = lambda: full_build(before, tmp / "before-cache")
        if args.only:
            variants = {k: v for k, v in variants.items() if k in args.only.split(",")}
        results: dict[str, list[tuple[float, float]]] = {name: [] for name in variants}
        names = list(variants)
        for r in range(args.rounds):
            order = names[r % len(names):] + names[:r % len(names)]
            for name in order:
                wall, cpu = variants[name]()
                results[name].append((wall, cpu))
                print(f"round {r + 1} {name:7} wall {wall:7.1f} s  cpu {cpu:7.1f} s",
                      flush=True)
        server.stop()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    print(f"\nmedian of {args.rounds} rounds (load average now "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    medians = {name: (statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs))
               for name, runs in results.items()}
    for name, (wall, cpu) in medians.items():
        print(f"  {name:7} wall {wall:7.1f} s  cpu {cpu:7.1f} s")
    target = 20.0
    for name in ("warm", "save"):
        if name in medians:
            wall, cpu = medians[name]
            print(f"  {name}: wall {wall / target:.2f}× the {target:.0f} s target "
                  f"(cpu {cpu / target:.2f}×)")
    for base in ("before", "cold"):
        if base in medians:
            for name in ("warm", "save"):
                if name in medians:
                    print(f"  {name} / {base}: wall {medians[name][0] / medians[base][0]:.3f}, "
                          f"cpu {medians[name][1] / medians[base][1]:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
