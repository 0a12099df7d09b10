"""``python build.py diff [OLD_REF] [NEW_REF]``: what a change of policy_data/ changes.

Reads policy_data/ at two git refs (the new one defaults to the working tree),
compiles both bundles with the current compiler, lists every figure that
changed (label, old → new, dates, citation), and runs the sample cases of
policy_data/samples/ through both bundles with the current estimator: who pays
more or less, and by how much. The report is Markdown, printed and written to a file.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from .bundle import compile_dir, to_text
from .regions import REGISTRY_FILE

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = "samples"

# Keys whose presence marks a figure's kind (see models.py), in the words shown.
_GAPS = {"deferred_to": "left to another authority", "unlimited": "no limit",
         "same_as_inpatient": "same as the inpatient rate"}


class DiffError(Exception):
    """A ref that git does not know, or data that does not validate."""


@dataclass(frozen=True)
class FigureChange:
    document: str
    path: str
    label: str
    old: str | None   # None: the figure is new
    new: str | None   # None: the figure was removed


@dataclass(frozen=True)
class CaseChange:
    sample: str
    id: str
    name: str
    old: dict[str, Any]
    new: dict[str, Any]


# --- data at a ref ------------------------------------------------------------------
def data_at(ref: str | None, dest: Path, root: Path = ROOT) -> Path:
    """policy_data/ as at git *ref* (None: the working tree), under *dest*."""
    out = dest / "policy_data"
    if ref is None:
        shutil.copytree(root / "policy_data", out)
        return out
    listing = _git(root, "ls-tree", "-r", "--name-only", ref, "--", "policy_data")
    names = [n for n in listing.decode("utf-8").splitlines() if n]
    if not names:
        raise DiffError(f"{ref}: no policy_data/ in that commit")
    for name in names:
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(_git(root, "show", f"{ref}:{name}"))
    if not (out / REGISTRY_FILE).exists():
        # A commit from before the registry of regions: compare with today's registry.
        shutil.copy(root / "policy_data" / REGISTRY_FILE, out / REGISTRY_FILE)
    return out


def _git(root: Path, *args: str) -> bytes:
    run = subprocess.run(["git", *args], cwd=root, capture_output=True, check=False)
    if run.returncode:
        raise DiffError(f"git {' '.join(args)}: {run.stderr.decode().strip()}")
    return run.stdout


def compiled(data_dir: Path, what: str) -> dict[str, Any]:
    bundle, problems = compile_dir(data_dir)
    if bundle is None:
        raise DiffError(f"{what}: the policy data does not validate:\n  "
                        + "\n  ".join(problems))
    return bundle


# --- figures --------------------------------------------------------------------------
def _is_dated(obj: Any) -> bool:
    return isinstance(obj, dict) and "unit" in obj and isinstance(obj.get("values"), list)


def _is_figure(obj: Any) -> bool:
    return isinstance(obj, dict) and (_is_dated(obj) or ("cite" in obj and "unit" in obj))


def number(value: Any, unit: str) -> str:
    v = Decimal(str(value))
    if unit == "rate":
        return f"{(v * 100).normalize():f}%"
    text = f"{v:,f}".rstrip("0").rstrip(".") if v != v.to_integral_value() else f"{int(v):,}"
    return f"{text} {unit.replace('_', ' ')}"


def _one(fig: dict[str, Any]) -> str:
    for key, words in _GAPS.items():
        if key in fig:
            shown = words
            break
    else:
        if "fraction_of" in fig:
            shown = f"{number(fig['value'], 'rate')} of {fig['fraction_of']}"
        elif "inpatient_fraction" in fig:
            shown = f"{number(fig['inpatient_fraction'], 'rate')} of the inpatient deductible"
        else:
            shown = number(fig["value"], fig["unit"])
    where = fig["cite"] + (f", {fig['document']}" if fig.get("document") else "")
    return f"{shown} ({where})"


def shown(fig: dict[str, Any]) -> str:
    """A figure in words with its citation; a dated one with the dates of each value."""
    if not _is_dated(fig):
        return _one(fig)
    parts = []
    values = fig["values"]
    for i, value in enumerate(values):
        text = _one(value)
        if i == 0 and len(values) > 1:
            parts.append(f"until {value['effective_until']}: {text}")
        elif i == 0:
            parts.append(text)
        else:
            parts.append(f"from {value['effective_from']}: {text}")
    return " · ".join(parts)


def figures(bundle: dict[str, Any]) -> dict[tuple[str, str], tuple[str, str]]:
    """(document id, path) → (label, figure in words) for every figure of the bundle."""
    out: dict[tuple[str, str], tuple[str, str]] = {}

    def walk(obj: Any, path: str, label: str, doc: str) -> None:
        if _is_figure(obj):
            out[(doc, path)] = (label, shown(obj))
            return
        if isinstance(obj, dict):
            lab = obj.get("label")
            if isinstance(lab, dict) and lab.get("zh"):
                label = str(lab.get("en") or lab["zh"])
            for key, value in obj.items():
                if key not in {"label", "reading"}:
                    walk(value, f"{path}.{key}" if path else str(key), label, doc)
        elif isinstance(obj, list):
            for i, value in enumerate(obj):
                sel = value.get("id") if isinstance(value, dict) else None
                walk(value, f"{path}[{sel if isinstance(sel, str) else i}]", label, doc)

    for doc in bundle["documents"]:
        doc_id = doc["document"]["id"]
        walk(doc["schemes"], "schemes", "", doc_id)
    return out


def figure_changes(old: dict[str, Any], new: dict[str, Any]) -> list[FigureChange]:
    before, after = figures(old), figures(new)
    changes = []
    for key in sorted(set(before) | set(after)):
        was, now = before.get(key), after.get(key)
        if was is not None and now is not None and was[1] == now[1]:
            continue
        label = (now or was or ("", ""))[0]
        changes.append(FigureChange(key[0], key[1], label, was and was[1], now and now[1]))
    return changes


def document_changes(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """Documents added or removed, and changed dates."""
    heads = [{d["document"]["id"]: d["document"] for d in b["documents"]} for b in (old, new)]
    lines = []
    for doc_id in sorted(set(heads[0]) | set(heads[1])):
        was, now = heads[0].get(doc_id), heads[1].get(doc_id)
        if was is None and now is not None:
            extra = f", amends {', '.join(now['amends'])}" if now.get("amends") else ""
            lines.append(f"added document {doc_id} (from {now['effective']}{extra})")
        elif now is None:
            lines.append(f"removed document {doc_id}")
        elif was is not None:
            for key in ("effective", "expires"):
                if was.get(key) != now.get(key):
                    lines.append(f"{doc_id}: {key} {was.get(key)} → {now.get(key)}")
    return lines


# --- sample cases -------------------------------------------------------------------
def samples(data_dir: Path) -> list[tuple[str, dict[str, Any]]]:
    """(file stem, {id, name, case}) for every sample case of *data_dir*/samples/."""
    found = []
    for file in sorted((data_dir / SAMPLES).glob("*.yaml")):
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        for item in data["cases"]:
            found.append((file.stem, item))
    return found


_RUNNER = """
import json, sys
from estimator import estimate
from estimator.errors import CaseError
out = []
for case in json.load(sys.stdin):
    try:
        r = estimate(case)
        out.append({"computable": r["computable"], "totals": r["totals"], "error": None})
    except CaseError as exc:
        out.append({"computable": False, "totals": {}, "error": str(exc)})
json.dump(out, sys.stdout)
"""


def run_cases(bundle: dict[str, Any], cases: list[dict[str, Any]],
              root: Path = ROOT) -> list[dict[str, Any]]:
    """Each case through the current estimator reading *bundle* (in a copy of
    estimator/, in a separate process, so nothing cached mixes the two bundles)."""
    with tempfile.TemporaryDirectory() as tmp:
        pkg = Path(tmp) / "estimator"
        shutil.copytree(root / "estimator", pkg,
                        ignore=shutil.ignore_patterns("__pycache__", "bundle.json"))
        (pkg / "bundle.json").write_text(to_text(bundle), encoding="utf-8")
        run = subprocess.run([sys.executable, "-c", _RUNNER], cwd=tmp, input=json.dumps(cases),
                             capture_output=True, text=True, check=False)
        if run.returncode:
            raise DiffError(f"the estimator failed on the sample cases: {run.stderr.strip()}")
        results: list[dict[str, Any]] = json.loads(run.stdout)
        return results


def case_changes(old: dict[str, Any], new: dict[str, Any],
                 cases: list[tuple[str, dict[str, Any]]]) -> list[CaseChange]:
    plain = [item["case"] for _, item in cases]
    before, after = run_cases(old, plain), run_cases(new, plain)
    return [CaseChange(stem, item["id"], item["name"], was, now)
            for (stem, item), was, now in zip(cases, before, after, strict=True)]


def effect(change: CaseChange) -> str:
    """Who pays more or less, and by how much."""
    def pays(result: dict[str, Any]) -> str | None:
        value = result["totals"].get("out_of_pocket")
        return value if isinstance(value, str) else None

    was, now = pays(change.old), pays(change.new)
    if was is None or now is None:
        if change.old == change.new:
            return "not computable before or after (no change)"
        def say(result: dict[str, Any], value: str | None) -> str:
            return value if value is not None else (result["error"] or "not computable")
        return f"pays {say(change.old, was)} → {say(change.new, now)}"
    delta = Decimal(now) - Decimal(was)
    fund = [change.old["totals"].get("basic"), change.new["totals"].get("basic")]
    basic = f"; basic fund {fund[0]} → {fund[1]}" if fund[0] != fund[1] else ""
    if delta > 0:
        return f"pays {delta} more ({was} → {now}){basic}"
    if delta < 0:
        return f"pays {-delta} less ({was} → {now}){basic}"
    return f"no change (pays {now}){basic}"


# --- the report -----------------------------------------------------------------------
def report(old_ref: str | None, new_ref: str | None, root: Path = ROOT) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        old_dir = data_at(old_ref, Path(tmp) / "old", root)
        new_dir = data_at(new_ref, Path(tmp) / "new", root)
        old_name, new_name = old_ref or "working tree", new_ref or "working tree"
        old, new = compiled(old_dir, old_name), compiled(new_dir, new_name)
        cases = samples(new_dir) or samples(root / "policy_data")
        figs = figure_changes(old, new)
        docs = document_changes(old, new)
        results = case_changes(old, new, cases)
    lines = [f"# Policy data: {old_name} → {new_name}", "", "## Documents", ""]
    lines += [f"- {d}" for d in docs] or ["No document added, removed or redated."]
    lines += ["", "## Figures that changed", ""]
    if not figs:
        lines.append("No figure changed.")
    for f in figs:
        lines.append(f"- **{f.document}** `{f.path}`" + (f" ({f.label})" if f.label else ""))
        lines.append(f"  - old: {f.old if f.old is not None else '(none: new figure)'}")
        lines.append(f"  - new: {f.new if f.new is not None else '(removed)'}")
    lines += ["", "## Sample cases (policy_data/samples/)", ""]
    stem = None
    changed = 0
    for c in results:
        if c.sample != stem:
            stem = c.sample
            lines += ([""] if lines[-1] else []) + [f"### {stem}", ""]
        text = effect(c)
        changed += not text.startswith(("no change", "not computable before or after"))
        lines.append(f"- {c.name} (`{c.id}`): {text}")
    lines += ["", f"{changed} of {len(results)} sample cases pay a different amount."]
    return "\n".join(lines) + "\n"
