"""``python build.py diff [OLD_REF] [NEW_REF]``: what a change of policy_data/ changes.

Reads policy_data/ at two git refs (the new one defaults to the working tree),
compiles both bundles with the current compiler, lists every figure that
changed (label, old → new, dates, citation), and runs the sample cases of
policy_data/samples/ through both bundles with the current estimator: who pays
more or less, and by how much. The report is Markdown, printed and written to a file.

The comparison works on any two states, not only git refs: ``figures`` (every figure
of a bundle, by document) or ``figures_on`` (the figures of one region and scheme in
force on a day), ``figure_changes`` between two such sets, and ``case_changes``
between two runs of the sample cases (``on_day`` moves a case to a date).
policy_build/history.py uses them on one bundle, the day before and the day of each
change, for the site's "what changed" pages.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

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
class Figure:
    """A figure of a bundle, where it is and what it is called."""

    document: str                        # the document that gives it (an amendment
    #                                      file's id for the values it gives)
    labels: tuple[dict[str, Any], ...]   # the data labels around it, outermost first
    figure: dict[str, Any]               # as in the bundle

    @property
    def label(self) -> str:
        """The nearest label in English (Chinese where there is none), for the report."""
        if not self.labels:
            return ""
        return str(self.labels[-1].get("en") or self.labels[-1]["zh"])


@dataclass(frozen=True)
class FigureChange:
    path: str
    old: Figure | None   # None: the figure is new
    new: Figure | None   # None: the figure was removed

    @property
    def figure(self) -> Figure:
        found = self.new or self.old
        if found is None:
            raise ValueError(f"{self.path}: a change needs an old or a new figure")
        return found


@dataclass(frozen=True)
class CaseChange:
    sample: str
    id: str
    name: str
    old: dict[str, Any]
    new: dict[str, Any]
    case: dict[str, Any]    # the case as run after the change


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
    # A ref from before issue 12 has the labels' translations inline: the figures
    # compare all the same.
    bundle, problems = compile_dir(data_dir, inline_translations=True)
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


def amount(fig: dict[str, Any]) -> str:
    """What one value says, without its citation."""
    for key, words in _GAPS.items():
        if key in fig:
            return words
    if "fraction_of" in fig:
        return f"{number(fig['value'], 'rate')} of {fig['fraction_of']}"
    if "inpatient_fraction" in fig:
        return f"{number(fig['inpatient_fraction'], 'rate')} of the inpatient deductible"
    return number(fig["value"], fig["unit"])


def _one(fig: dict[str, Any]) -> str:
    where = fig["cite"] + (f", {fig['document']}" if fig.get("document") else "")
    return f"{amount(fig)} ({where})"


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


def walk(obj: Any, path: str, labels: tuple[dict[str, Any], ...] = (),
         ) -> Iterator[tuple[str, tuple[dict[str, Any], ...], dict[str, Any]]]:
    """(path, labels around it, figure) for every figure under *obj* (keys starting
    with ``_`` are annotations of the site build, skipped)."""
    if _is_figure(obj):
        yield path, labels, obj
        return
    if isinstance(obj, dict):
        lab = obj.get("label")
        if isinstance(lab, dict) and lab.get("zh"):
            labels += (lab,)
        for key, value in obj.items():
            if key not in {"label", "reading"} and not key.startswith("_"):
                yield from walk(value, f"{path}.{key}" if path else str(key), labels)
    elif isinstance(obj, list):
        for i, value in enumerate(obj):
            sel = value.get("id") if isinstance(value, dict) else None
            yield from walk(value, f"{path}[{sel if isinstance(sel, str) else i}]", labels)


def figures(bundle: dict[str, Any]) -> dict[tuple[str, str], Figure]:
    """(document id, path) → every figure of the bundle (dated ones with all their values)."""
    out: dict[tuple[str, str], Figure] = {}
    for doc in bundle["documents"]:
        doc_id = doc["document"]["id"]
        for path, labels, fig in walk(doc["schemes"], "schemes"):
            out[(doc_id, path)] = Figure(doc_id, labels, fig)
    return out


def in_force(header: dict[str, Any], day: dt.date) -> bool:
    """Whether a document applies on *day* (``expires`` is its last day, included)."""
    return (dt.date.fromisoformat(header["effective"]) <= day
            and (header["expires"] is None or day <= dt.date.fromisoformat(header["expires"])))


def value_on(fig: dict[str, Any], day: dt.date) -> dict[str, Any] | None:
    """The one value of a (possibly dated) figure in force on *day*."""
    for value in fig["values"] if _is_dated(fig) else [fig]:
        start, end = value.get("effective_from"), value.get("effective_until")
        if (start is None or dt.date.fromisoformat(start) <= day) and (
                end is None or day <= dt.date.fromisoformat(end)):
            return value  # type: ignore[no-any-return]
    return None


def figures_on(bundle: dict[str, Any], region: str, scheme: str,
               day: dt.date) -> dict[tuple[str, str], Figure]:
    """("region/scheme", path) → the figures in force on *day*: each rule family from the
    first document in force that gives it (the bundle's order, as the estimator
    reads it), each dated figure's value of that day."""
    out: dict[tuple[str, str], Figure] = {}
    taken: set[str] = set()
    for doc in bundle["documents"]:
        head = doc["document"]
        if head["region"] != region or scheme not in doc["schemes"] or not in_force(head, day):
            continue
        for family, rules in doc["schemes"][scheme].items():
            if family.startswith("_") or family in taken or rules is None:
                continue
            taken.add(family)
            for path, labels, fig in walk(rules, f"schemes.{scheme}.{family}"):
                value = value_on(fig, day)
                if value is not None:
                    out[(f"{region}/{scheme}", path)] = Figure(
                        value.get("document") or head["id"], labels, value)
    return out


K = TypeVar("K", bound=tuple[str, str])


def figure_changes(old: Mapping[K, Figure], new: Mapping[K, Figure], *,
                   same: Callable[[dict[str, Any]], str] | None = None) -> list[FigureChange]:
    """The figures whose words differ (``same``: what is compared; default: the figure
    with its dates and citation, as ``shown`` writes it)."""
    words = same or shown
    changes = []
    for key in sorted(set(old) | set(new)):
        was, now = old.get(key), new.get(key)
        if was is not None and now is not None and words(was.figure) == words(now.figure):
            continue
        changes.append(FigureChange(key[1], was, now))
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


def run_here(cases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each case through the estimator this process imports (and the bundle it reads):
    {computable, totals, error} (error: the estimator's message for a case it refuses)."""
    from estimator import estimate, render  # noqa: PLC0415
    from estimator.errors import CaseError  # noqa: PLC0415

    out: list[dict[str, Any]] = []
    for case in cases:
        try:
            result = render(estimate(case), "all")
            out.append({"computable": result["computable"], "totals": result["totals"],
                        "error": None})
        except CaseError as exc:
            out.append({"computable": False, "totals": {}, "error": str(exc)})
    return out


# run_here in a process whose ``estimator`` is a copy reading another bundle.
_RUNNER = """
import json, sys
sys.path.append(sys.argv[1])
from policy_build.diff import run_here
json.dump(run_here(json.load(sys.stdin)), sys.stdout)
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
        run = subprocess.run([sys.executable, "-c", _RUNNER, str(ROOT)], cwd=tmp,
                             input=json.dumps(cases), capture_output=True, text=True,
                             check=False)
        if run.returncode:
            raise DiffError(f"the estimator failed on the sample cases: {run.stderr.strip()}")
        results: list[dict[str, Any]] = json.loads(run.stdout)
        return results


def on_day(case: dict[str, Any], day: dt.date, *, last: bool = False) -> dict[str, Any]:
    """*case* with each episode moved to start on *day* (``last``: to end on *day*, so
    the whole stay is before the next day, whichever date decides)."""
    episodes = []
    for ep in case["episodes"]:
        start = dt.date.fromisoformat(ep["date"])
        end = dt.date.fromisoformat(ep.get("discharge_date") or ep["date"])
        shift = (day - end) if last else (day - start)
        moved = {**ep, "date": (start + shift).isoformat()}
        if ep.get("discharge_date"):
            moved["discharge_date"] = (end + shift).isoformat()
        episodes.append(moved)
    return {**case, "episodes": episodes}


def case_changes(cases: list[tuple[str, dict[str, Any]]], before: list[dict[str, Any]],
                 after: list[dict[str, Any]],
                 ran: list[dict[str, Any]] | None = None) -> list[CaseChange]:
    """Each sample case's result *before* and *after* (in the order of *cases*); *ran*:
    the cases as run after (default: as written)."""
    shown = ran or [item["case"] for _, item in cases]
    return [CaseChange(stem, item["id"], item["name"], was, now, case)
            for (stem, item), was, now, case in zip(cases, before, after, shown, strict=True)]


def pays(result: dict[str, Any]) -> Decimal | None:
    """What the person pays in a sample result; None when it is not known."""
    value = result["totals"].get("out_of_pocket")
    return Decimal(value) if isinstance(value, str) else None


def effect(change: CaseChange) -> str:
    """Who pays more or less, and by how much."""
    was, now = pays(change.old), pays(change.new)
    if was is None or now is None:
        if change.old == change.new:
            return "not computable before or after (no change)"

        def say(result: dict[str, Any], value: Decimal | None) -> str:
            return str(value) if value is not None else (result["error"] or "not computable")
        return f"pays {say(change.old, was)} → {say(change.new, now)}"
    delta = now - was
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
        figs = figure_changes(figures(old), figures(new))
        docs = document_changes(old, new)
        plain = [item["case"] for _, item in cases]
        results = case_changes(cases, run_cases(old, plain), run_cases(new, plain))
    lines = [f"# Policy data: {old_name} → {new_name}", "", "## Documents", ""]
    lines += [f"- {d}" for d in docs] or ["No document added, removed or redated."]
    lines += ["", "## Figures that changed", ""]
    if not figs:
        lines.append("No figure changed.")
    for f in figs:
        label = f.figure.label
        lines.append(f"- **{f.figure.document}** `{f.path}`" + (f" ({label})" if label else ""))
        lines.append(f"  - old: {shown(f.old.figure) if f.old else '(none: new figure)'}")
        lines.append(f"  - new: {shown(f.new.figure) if f.new else '(removed)'}")
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
