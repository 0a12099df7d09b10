"""Validate policy_data/ files; report every problem as file:line: key: reason."""

from __future__ import annotations

import copy
import difflib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from . import models, timeline, translations
from .regions import REGISTRY_FILE
from .yamlerrors import Path_
from .yamlload import DataError, _rel, line_for, load

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "policy_data"
LOCALES_DIR = ROOT / "locales"
PARAMETERS_FILE = "parameters.yaml"
# The names a fact's ``figures:`` may use are those the site can label: the keys
# ``figure.<name>`` of the authoritative (Chinese) catalog. A name without a label
# would show raw on the page, so a new name needs its label there first.
FIGURE_CATALOG = ROOT / "locales" / "zh" / "LC_MESSAGES" / "site.po"

# Files of policy_data/ that are not documents.
NOT_DOCUMENTS = frozenset({PARAMETERS_FILE, REGISTRY_FILE})
# The rule families each region and scheme of the registry (regions.yaml) must
# either give values for or record as "not specified here".
FAMILIES = ("cost_sharing", "inpatient", "outpatient", "chronic", "two_diseases",
            "maternity", "day_surgery", "tuberculosis", "special_drugs", "major_illness",
            "assistance", "enrollment")


def _plain(err: dict[str, Any]) -> str:
    kind = err["type"]
    if kind == "extra_forbidden":
        return "unknown key (check the spelling; the schema does not allow it)"
    if kind == "missing":
        return "required key is missing"
    if kind == "literal_error":
        options = str(err["msg"]).removeprefix("Input should be ")
        return f"value {err.get('input')!r} is not allowed: use {options}"
    if kind.startswith(("date_", "datetime_")):
        return f"{err.get('input')!r} is not a valid date: write YYYY-MM-DD"
    if kind.startswith("decimal_") or kind in {"float_parsing", "int_parsing"}:
        return f"{err.get('input')!r} is not a number"
    msg = str(err["msg"])
    return msg.removeprefix("Value error, ")


def _clean_loc(loc: tuple[Any, ...]) -> Path_:
    """Drop pydantic's union markers (our tags start with '=') so the path
    matches the YAML keys."""
    return tuple(p for p in loc if not (isinstance(p, str) and
                                        (p.startswith("=") or p.startswith("function-"))))


def _model_errors(file: Path, data: Any, lines: dict[Path_, int],
                  model: type[BaseModel]) -> tuple[BaseModel | None, list[DataError]]:
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        errors: list[DataError] = []
        seen: set[tuple[Path_, str]] = set()
        for err in exc.errors():
            path = _clean_loc(err["loc"])
            problem = _plain(dict(err))
            if (path, problem) in seen:
                continue
            seen.add((path, problem))
            errors.append(DataError(file, line_for(lines, path), path, problem))
        # A union failing several ways reports each branch; keep the most specific.
        return None, _most_specific(errors)


def _most_specific(errors: list[DataError]) -> list[DataError]:
    if len(errors) <= 1:
        return errors
    deepest = max(len(e.path) for e in errors)
    specific = [e for e in errors if len(e.path) == deepest]
    return specific


def _walk_figures(obj: Any, path: Path_) -> Iterator[tuple[Path_, Any]]:
    if isinstance(obj, BaseModel):
        yield path, obj
        for name in type(obj).model_fields:
            yield from _walk_figures(getattr(obj, name), path + (name,))
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield from _walk_figures(v, path + (k,))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from _walk_figures(v, path + (i,))


# Rule families the estimator reads on each episode's deciding date
# (estimator/pipeline.py): only their figures may change value by date.
DATED_FAMILIES = frozenset({
    "cost_sharing", "pools", "inpatient", "outpatient", "chronic", "two_diseases",
    "maternity", "day_surgery", "tuberculosis", "special_drugs", "supplementary",
    "civil_servant_subsidy", "major_illness", "assistance"})


def _dated_place_error(path: Path_) -> str | None:
    """Why a figure at *path* cannot take dated values, or None when it can."""
    if len(path) >= 3 and path[0] == "schemes" and path[2] in DATED_FAMILIES:
        return None
    where = ".".join(str(p) for p in path[:3])
    return (f"{where} is not read by date (the estimator reads dated values only in "
            f"{', '.join(sorted(DATED_FAMILIES))}): give it one value, and put a later value in "
            f"a new document with its own dates")


def _value_errors(key: str, value: Decimal) -> list[str]:
    problems = []
    if ("cap" in key or key in {"amount"}) and value <= 0:
        problems.append(f"a cap must be positive, got {value}")
    if key == "rate" and not (Decimal(0) <= value <= Decimal(1)):
        problems.append(f"rate {value} is outside 0–1")
    return problems


def _semantic_errors(file: Path, doc: models.Document, lines: dict[Path_, int], *,
                     amended: bool = False,
                     registry: models.Regions | None = None) -> list[DataError]:
    errors: list[DataError] = []
    header = doc.document

    def add(path: Path_, problem: str) -> None:
        errors.append(DataError(file, line_for(lines, path), path, problem))

    if registry is not None:
        errors.extend(_region_errors(file, lines, header.region, header.schemes, registry))

    for path, obj in _walk_figures(doc, ()):
        key = str(path[-1]) if path else ""
        if isinstance(obj, models.Amount):
            for problem in _value_errors(key, obj.value):
                add(path, problem)
        elif isinstance(obj, models.Dated):
            for problem in _dated_errors(path, obj, header, amended=amended):
                add(path, problem)
            for i, item in enumerate(obj.values):
                for problem in _value_errors(key, item.value):
                    add(path + ("values", i), problem)
        if isinstance(obj, (models.Fact, models.Incentive)):
            known = figure_names()
            for name in obj.figures:
                if name not in known:
                    add(path + ("figures", name),
                        f"unknown figure name {name!r}{_did_you_mean(name, known)} "
                        f"(a new name needs its label 'figure.{name}' in "
                        f"locales/*/LC_MESSAGES/site.po)")
        if isinstance(obj, models.SchemeRules):
            families = set(models.SchemeRules.model_fields) - {"not_specified"}
            for name in obj.not_specified:
                if name not in families:
                    add(path + ("not_specified", name),
                        f"{name!r} is not a rule family{_did_you_mean(name, families)}")
    errors.extend(_id_error(file, header.id, lines))
    return errors


def _dated_errors(path: Path_, fig: models.Dated, header: models.Header, *,
                  amended: bool) -> list[str]:
    """Dated values the estimator can honour: in a family read by date, the first
    starting on the document's first day, none after its last day."""
    problems = []
    place = _dated_place_error(path)
    if place:
        problems.append(place)
    first = fig.values[0].from_
    if first != header.effective:
        problems.append(f"the first value starts {first}, not on the day the document takes "
                        f"effect ({header.effective}): start it on {header.effective}")
    for i, item in enumerate(fig.values):
        if header.expires and item.from_ > header.expires:
            problems.append(f"value {i + 1} starts {item.from_}, after the document's last "
                            f"day ({header.expires}): add a new document for that period")
        if item.document and not amended:
            problems.append(f"value {i + 1} names a document: only an amendment file gives "
                            f"another document's values (write the change there)")
    return problems


def _region_errors(file: Path, lines: dict[Path_, int], region: str, schemes: Iterable[str],
                   registry: models.Regions) -> list[DataError]:
    """A document's region must be in the registry, and its schemes among the
    region's there (policy_data/regions.yaml)."""
    path: Path_ = ("document", "region")
    offered = registry.schemes()
    if region not in offered:
        return [DataError(file, line_for(lines, path), path,
                          f"region {region!r} is not in {REGISTRY_FILE}"
                          f"{_did_you_mean(region, offered, cutoff=0.6)} (known: "
                          f"{', '.join(offered)}): correct the spelling, or add the region to "
                          f"{REGISTRY_FILE} first (id, names, schemes)")]
    path = ("document", "schemes")
    return [DataError(file, line_for(lines, path), path,
                      f"{region} offers {', '.join(offered[region])} in {REGISTRY_FILE}, not "
                      f"{scheme}: add {scheme} to the region's schemes there, or correct the "
                      f"document")
            for scheme in schemes if scheme not in offered[region]]


@cache
def figure_names(catalog: Path = FIGURE_CATALOG) -> frozenset[str]:
    """The figure names the site can label (see FIGURE_CATALOG)."""
    text = catalog.read_text(encoding="utf-8")
    return frozenset(re.findall(r'^msgid "figure\.([A-Za-z0-9_]+)"$', text, re.MULTILINE))


def _did_you_mean(name: str, known: Iterable[str], cutoff: float = 0.75) -> str:
    close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=cutoff)
    return f": did you mean {close[0]!r}?" if close else ""


def locales_for(data_dir: Path) -> Path:
    """The catalogs the data's translations come from: the locales/ folder beside
    *data_dir* (a copy of the project has its own), else the project's."""
    beside = data_dir.parent / "locales"
    return beside if any(beside.glob("*/LC_MESSAGES/site.po")) else LOCALES_DIR


def _translate(file: Path, data: Any, lines: dict[Path_, int], locales: Path,
               stale: list[str], *, inline: bool = False) -> list[DataError]:
    """Attach the catalogs' translations to every label of *data* (in place); the
    problems: a label written with more than its Chinese (unless *inline*: data from
    before the translations moved to data.po, read by `build.py diff`, keeps them).
    Labels the catalogs have not caught up with are added to *stale* (a note)."""
    errors = [] if inline else [DataError(file, line_for(lines, at), at,
                        translations.inline_problem(key, f"{file.stem}:{path}", locales))
              for at, key, path in translations.inline_keys(data)]
    try:
        catalogs = translations.load(locales)
    except ValueError as exc:
        return errors + [DataError(file, None, (), f"{exc} (the data's translations)")]
    stale.extend(translations.attach(data, file.stem, catalogs))
    return errors


@dataclass
class Loaded:
    """Every document file read: the documents that passed (with the amendment files'
    changes applied as dated values), the amendment files, the problems, the key lines
    and data of each document and the files that failed (with their region, when it
    can be told)."""

    documents: list[models.Document] = field(default_factory=list)
    amendments: list[models.Amendment] = field(default_factory=list)
    errors: list[DataError] = field(default_factory=list)
    lines: dict[str, tuple[Path, dict[Path_, int]]] = field(default_factory=dict)
    raw: dict[str, Any] = field(default_factory=dict)
    failed: dict[Path, str | None] = field(default_factory=dict)
    registry: models.Regions | None = None
    # Labels whose catalogs entries lag behind their Chinese ("lang:context").
    stale: list[str] = field(default_factory=list)


def _load_all(data_dir: Path, *, inline: bool = False) -> Loaded:
    out = Loaded()
    locales = locales_for(data_dir)
    out.registry, registry_errors = load_registry(data_dir, stale=out.stale, inline=inline)
    out.errors.extend(registry_errors)
    registry = out.registry
    amendments: list[tuple[Path, models.Amendment, dict[Path_, int]]] = []
    files = sorted(p for p in data_dir.glob("*.yaml") if p.name not in NOT_DOCUMENTS)
    if not files:
        out.errors.append(DataError(data_dir, None, (), "no policy documents (*.yaml) found"))
    for file in files:
        try:
            data, lines = load(file)
        except DataError as exc:
            out.errors.append(exc)
            out.failed[file] = _region_of(file, registry)
            continue
        out.errors.extend(_translate(file, data, lines, locales, out.stale, inline=inline))
        if _is_amendment(data):
            amendment, errs = _model_errors(file, data, lines, models.Amendment)
            out.errors.extend(errs)
            if isinstance(amendment, models.Amendment):
                out.errors.extend(_id_error(file, amendment.document.id, lines))
                if registry is not None:
                    out.errors.extend(_region_errors(file, lines, amendment.document.region,
                                                     (), registry))
                amendments.append((file, amendment, lines))
            else:
                out.failed[file] = _region_of(file, registry)
            continue
        doc, errs = _model_errors(file, data, lines, models.Document)
        out.errors.extend(errs)
        if isinstance(doc, models.Document):
            out.errors.extend(_semantic_errors(file, doc, lines, registry=registry))
            out.documents.append(doc)
            out.lines[doc.document.id] = (file, lines)
            out.raw[doc.document.id] = data
        else:
            out.failed[file] = _region_of(file, registry)
    ids = [d.document.id for d in out.documents] + [a.document.id for _, a, _ in amendments]
    for dup in {i for i in ids if ids.count(i) > 1}:
        out.errors.append(DataError(data_dir, None, ("document", "id"),
                                    f"id {dup!r} is used twice"))
    out.errors.extend(_reference_errors(out.documents, data_dir, out.lines))
    out.amendments = [a for _, a, _ in amendments]
    if amendments and not out.errors:
        # Amendment files are not documents of the timeline: their changes become
        # dated values of the one document each amends (so no overlap to report).
        out.documents, errs = _apply_amendments(out.documents, out, amendments)
        out.errors.extend(errs)
    return out


def _is_amendment(data: Any) -> bool:
    """An amendment file has ``changes:`` (and no ``schemes:``); a full document may
    also have ``amends:`` in its header, for the rule families it gives."""
    return (isinstance(data, dict) and isinstance(data.get("document"), dict)
            and ("changes" in data or ("amends" in data["document"]
                                       and "schemes" not in data)))


def _id_error(file: Path, doc_id: str, lines: dict[Path_, int]) -> list[DataError]:
    if file.stem == doc_id:
        return []
    return [DataError(file, line_for(lines, ("document", "id")), ("document", "id"),
                      f"the file is named {file.name} but document.id is {doc_id!r}: they "
                      f"must match")]


def _region_of(file: Path, registry: models.Regions | None) -> str | None:
    """The region a file that failed to load is about, read from its text."""
    found = re.search(r"^\s+region:\s*['\"]?([a-z][a-z0-9_]*)",
                      file.read_text(encoding="utf-8"), re.MULTILINE)
    known = registry.ids() if registry is not None else ()
    return found.group(1) if found and found.group(1) in known else None


def load_documents(data_dir: Path = DATA_DIR) -> tuple[list[models.Document], list[DataError]]:
    """Every document of *data_dir*, with the amendment files' changes applied."""
    loaded = _load_all(data_dir)
    return loaded.documents, loaded.errors


def load_all(data_dir: Path = DATA_DIR) -> tuple[list[models.Document],
                                                list[models.Amendment], list[DataError]]:
    """Documents (amendments applied as dated values), amendment files, problems."""
    loaded = _load_all(data_dir)
    return loaded.documents, loaded.amendments, loaded.errors


def _reference_errors(documents: list[models.Document], data_dir: Path,
                      lines: dict[str, tuple[Path, dict[Path_, int]]]) -> list[DataError]:
    """An adjustment citing another document, and ``amends`` and ``supersedes[].id``,
    must name one that exists (a file of policy_data/, even one that failed to load:
    that failure is reported already)."""
    ids = {d.document.id for d in documents} | {
        p.stem for p in data_dir.glob("*.yaml") if p.name not in NOT_DOCUMENTS}
    errors: list[DataError] = []
    for doc in documents:
        file, at = lines[doc.document.id]
        for path, obj in _walk_figures(doc, ()):
            if isinstance(obj, models.Adjustment) and obj.document and obj.document not in ids:
                errors.append(DataError(file, line_for(at, path + ("document",)),
                                        path + ("document",),
                                        f"no document has the id {obj.document!r} (known: "
                                        f"{', '.join(sorted(ids))})"))
        named: list[tuple[Path_, str]] = [
            (("document", "amends", i), other) for i, other in enumerate(doc.document.amends)]
        named += [(("document", "supersedes", i, "id"), s.id)
                  for i, s in enumerate(doc.document.supersedes) if s.id]
        for path, other in named:
            if other == doc.document.id:
                errors.append(DataError(file, line_for(at, path), path,
                                        "a document cannot amend or supersede itself"))
            elif other not in ids:
                errors.append(DataError(file, line_for(at, path), path,
                                        f"no document has the id {other!r}"
                                        f"{_did_you_mean(other, ids)} (known: "
                                        f"{', '.join(sorted(ids))})"))
    return errors


# --- amendment files ----------------------------------------------------------------
_STEP = re.compile(r"^([^.\[\]]+)((?:\[[^\]]+\])*)$")
_GAP_KEYS = ("deferred_to", "fraction_of", "unlimited", "inpatient_fraction",
             "same_as_inpatient")


def parse_path(text: str) -> Path_:
    """``schemes.resident.inpatient.tiers[level1].rate`` → its keys; an item selector
    stays as ``"[level1]"`` (resolved by id, or by position when it is a number)."""
    out: list[str | int] = []
    for part in text.split("."):
        m = _STEP.match(part)
        if not m:
            raise ValueError(f"cannot read {part!r} in the path {text!r}: write keys with dots "
                             f"and pick list items with [id] or [0], e.g. "
                             f"schemes.resident.inpatient.tiers[level1].rate")
        out.append(m.group(1))
        out.extend(f"[{sel}]" for sel in re.findall(r"\[([^\]]+)\]", m.group(2)))
    return tuple(out)


def find(data: Any, steps: Path_) -> tuple[Any, Path_]:
    """The node at *steps* and its model path (list items as indexes)."""
    node: Any = data
    done: Path_ = ()
    for step in steps:
        where = ".".join(str(p) for p in done) or "the document"
        if isinstance(step, str) and step.startswith("["):
            sel = step[1:-1]
            if not isinstance(node, list):
                raise ValueError(f"{where} is not a list: {step} cannot pick an item")
            ids = [item.get("id") for item in node if isinstance(item, dict)]
            if sel in ids:
                index = ids.index(sel)
            elif sel.isdigit() and int(sel) < len(node):
                index = int(sel)
            else:
                known = ", ".join(str(i) for i in ids if i) or f"positions 0–{len(node) - 1}"
                raise ValueError(f"{where} has no item {sel!r} (known: {known})")
            node, done = node[index], done + (index,)
        else:
            if not isinstance(node, dict) or step not in node:
                known = ", ".join(sorted(str(k) for k in node)) if isinstance(node, dict) else ""
                raise ValueError(f"{where} has no key {step!r}"
                                 + (f" (known: {known})" if known else ""))
            node, done = node[step], done + (step,)
    return node, done


def _apply_amendments(documents: list[models.Document], loaded: Loaded,
                      amendments: list[tuple[Path, models.Amendment, dict[Path_, int]]],
                      ) -> tuple[list[models.Document], list[DataError]]:
    """Each change becomes a dated value of the amended document's figure (the one
    document of the amendment's ``amends``), so the estimator has one mechanism only
    (dated values) and the timeline sees no second document."""
    by_id = {d.document.id: d for d in documents}
    copies: dict[str, Any] = {}
    errors: list[DataError] = []
    for file, amendment, lines in amendments:
        target_id = amendment.document.amends[0]
        if target_id not in by_id:
            where: Path_ = ("document", "amends", 0)
            errors.append(DataError(
                file, line_for(lines, where), where,
                f"document.amends names {target_id!r}, which no document in policy_data/ "
                f"has{_did_you_mean(target_id, by_id)} (known: {', '.join(sorted(by_id))}): "
                f"name the amended document's id"))
    if errors:
        return documents, errors
    todo = sorted(((c.from_ or a.document.effective, a.document.id, i, file, a, lines)
                   for file, a, lines in amendments for i, c in enumerate(a.changes)),
                  key=lambda t: t[:3])
    for start, _, i, file, amendment, lines in todo:
        change, head = amendment.changes[i], amendment.document
        at: Path_ = ("changes", i)

        def fail(key: str, problem: str, file: Path = file, lines: dict[Path_, int] = lines,
                 at: Path_ = at) -> None:
            errors.append(DataError(file, line_for(lines, at + (key,)), at + (key,), problem))

        amends = head.amends[0]
        span = by_id[amends].document
        last = span.expires
        if head.region != span.region:
            fail("path", f"this amendment is for {head.region} but {amends} is for "
                         f"{span.region}")
            continue
        if start < head.effective:
            fail("from", f"the change starts {start}, before this amendment takes effect "
                         f"({head.effective}): start it on or after {head.effective}")
            continue
        if start <= span.effective or (last is not None and start > last):
            until = f" to {last}" if last else " on"
            fail("from", f"the change starts {start}, outside {amends} "
                         f"({span.effective}{until}): a change must start after the "
                         f"amended document's first day and by its last day; for a later "
                         f"period add a new document that replaces it")
            continue
        try:
            steps = parse_path(change.path)
            if amends not in copies:
                copies[amends] = copy.deepcopy(loaded.raw[amends])
            node, path = find(copies[amends], steps)
        except ValueError as exc:
            fail("path", f"{exc}: the path must name a figure of {amends}")
            continue
        place = _dated_place_error(path)
        if place:
            fail("path", place)
            continue
        if not isinstance(node, dict) or "unit" not in node or any(k in node
                                                                   for k in _GAP_KEYS):
            fail("path", f"{change.path} is not a figure with a stated value: an amendment "
                         f"changes a value ({{value, unit, cite}}); a deferred, unlimited or "
                         f"derived figure needs a new document")
            continue
        try:
            models.Amount(value=change.value, unit=node["unit"], cite=change.cite)
        except ValidationError as exc:
            fail("value", _plain(dict(exc.errors()[0])))
            continue
        problems = _value_errors(str(path[-1]), change.value)
        if problems:
            fail("value", "; ".join(problems))
            continue
        if "values" not in node:
            first = {k: node[k] for k in ("value", "cite", "reading", "conditions")
                     if k in node}
            unit = node["unit"]
            node.clear()
            node.update(unit=unit, values=[{"from": span.effective, **first}])
        previous = node["values"][-1]["from"]
        if start <= previous:
            fail("from", f"the change starts {start}, not after the value in force from "
                         f"{previous}: dated values cannot overlap; start it later")
            continue
        entry: dict[str, Any] = {"from": start, "value": change.value, "cite": change.cite,
                                 "document": head.id}
        if change.reading is not None:
            entry["reading"] = change.reading.model_dump()
        # The figure's conditions hold for the new value too, unless the change says.
        conditions = ([c.model_dump() for c in change.conditions]
                      if change.conditions is not None
                      else node["values"][-1].get("conditions"))
        if conditions is not None:
            entry["conditions"] = conditions
        node["values"].append(entry)
    out = []
    for doc in documents:
        doc_id = doc.document.id
        if doc_id not in copies:
            out.append(doc)
            continue
        file, lines = loaded.lines[doc_id]
        amended, errs = _model_errors(file, copies[doc_id], lines, models.Document)
        if isinstance(amended, models.Document):
            errs += _semantic_errors(file, amended, lines, amended=True)
        for err in errs:
            errors.append(DataError(err.file, err.line, err.path,
                                    f"{err.problem} (after applying its amendments)"))
        out.append(amended if isinstance(amended, models.Document) else doc)
    return out, errors


def load_registry(data_dir: Path = DATA_DIR, *, stale: list[str] | None = None,
                  inline: bool = False) -> tuple[models.Regions | None, list[DataError]]:
    """The registry of regions (regions.yaml), or its problems; its names' translations
    attached (labels the catalogs lag behind added to *stale*)."""
    file = data_dir / REGISTRY_FILE
    if not file.exists():
        return None, [DataError(file, None, (), f"the registry of regions is missing: every "
                                                f"policy data folder needs {REGISTRY_FILE} "
                                                f"(see policy_data/README.md)")]
    try:
        data, lines = load(file)
    except DataError as exc:
        return None, [exc]
    written = _translate(file, data, lines, locales_for(data_dir),
                         stale if stale is not None else [], inline=inline)
    registry, errs = _model_errors(file, data, lines, models.Regions)
    return registry if isinstance(registry, models.Regions) and not written else None, \
        written + errs


def load_parameters(data_dir: Path = DATA_DIR, *, stale: list[str] | None = None,
                    inline: bool = False) -> tuple[models.Parameters | None, list[DataError]]:
    file = data_dir / PARAMETERS_FILE
    if not file.exists():
        return None, [DataError(file, None, (), "the parameters file is missing")]
    try:
        data, lines = load(file)
    except DataError as exc:
        return None, [exc]
    errs = _translate(file, data, lines, locales_for(data_dir),
                      stale if stale is not None else [], inline=inline)
    params, model_errs = _model_errors(file, data, lines, models.Parameters)
    errs += model_errs
    registry, _ = load_registry(data_dir, inline=inline)
    if isinstance(params, models.Parameters) and registry is not None:
        known = registry.ids()
        for name, per_region in params.parameters.items():
            for region in per_region:
                if region not in known:
                    path: Path_ = ("parameters", name, region)
                    errs.append(DataError(
                        file, line_for(lines, path), path,
                        f"region {region!r} is not in {REGISTRY_FILE}"
                        f"{_did_you_mean(region, known, cutoff=0.6)} (known: "
                        f"{', '.join(known)})"))
    return params if isinstance(params, models.Parameters) and not errs else None, errs


def _scopes(documents: Iterable[models.Document]) -> dict[tuple[str, str],
                                                         list[models.Document]]:
    found: dict[tuple[str, str], list[models.Document]] = {}
    for d in documents:
        for scheme in d.document.schemes:
            found.setdefault((d.document.region, scheme), []).append(d)
    return found


def _rules(doc: models.Document, scheme: str) -> models.SchemeRules:
    return doc.schemes[scheme]  # type: ignore[index]


def _covers(doc: models.Document, scheme: str, family: str) -> bool:
    rules = _rules(doc, scheme)
    return getattr(rules, family) is not None or family in rules.not_specified


def coverage_errors(documents: list[models.Document], *,
                    regions: dict[str, tuple[str, ...]] | None = None) -> list[str]:
    """Each region and scheme of the registry (*regions*: region → schemes offered;
    default: policy_data/regions.yaml), on every day from its earliest document's
    start until its last document ends: each family has values, a deferral or a
    'not specified' record in a document in force that day, and some document is in
    force. A scheme the registry offers without any document is an error."""
    if regions is None:
        registry, errors = load_registry()
        if registry is None:
            return [str(e) for e in errors]
        regions = registry.schemes()
    problems: list[str] = []
    scopes = _scopes(documents)
    for region, offered in regions.items():
        for scheme in offered:
            if (region, scheme) not in scopes:
                problems.append(
                    f"{region}/{scheme}: {REGISTRY_FILE} says {region} offers {scheme}, but "
                    f"no document in policy_data/ gives its rules (region: {region}, "
                    f"schemes: [{scheme}]): add the document, or remove {scheme} from the "
                    f"region's entry")
                continue
            problems += _scope_coverage(f"{region}/{scheme}", scheme, scopes[(region, scheme)])
    return problems


def _scope_coverage(scope: str, scheme: str, docs: list[models.Document]) -> list[str]:
    spans = list(timeline.periods(docs))
    never = [f for f in FAMILIES if not any(_covers(d, scheme, f) for d in docs)]
    problems = [f"{scope}: {f} has neither values nor a not_specified record" for f in never]
    given_by: dict[str, tuple[models.Document, Any]] = {}   # family → (document, last day)
    missing: set[str] = set()                               # families already reported
    for span in spans:
        ids = ", ".join(d.document.id for d in span.in_force)
        if not span.in_force:
            problems.append(f"{scope}: no document is in force from {span.start} to "
                            f"{span.end}")
            continue
        for family in FAMILIES:
            if family in never:
                continue
            doc = next((d for d in span.in_force if _covers(d, scheme, family)), None)
            if doc is not None:
                given_by[family] = (doc, span.end)
                missing.discard(family)
                continue
            if family in missing:
                continue
            missing.add(family)
            if family in given_by:
                before = given_by[family][0].document.id
                problems.append(
                    f"{scope}: {family} disappears on {span.start}: {before} gave it until "
                    f"{span.start - timeline.ONE_DAY}, and no document in force from "
                    f"{span.start} ({ids}) gives values, a deferral or a not_specified "
                    f"record")
            else:
                until = f" to {span.end}" if span.end else ""
                problems.append(f"{scope}: {family} has neither values nor a not_specified "
                                f"record from {span.start}{until} ({ids})")
    return problems


def overlap_errors(loaded: Loaded, skip_regions: set[str | None]) -> list[DataError]:
    """Two documents in force on the same day that both give one rule family for a
    region and scheme: an error unless one amends or supersedes the other."""
    prevails = timeline.prevails_over(loaded.documents)
    first: dict[tuple[str, str, str], tuple[Any, list[str], str]] = {}
    for (region, scheme), docs in _scopes(loaded.documents).items():
        if region in skip_regions:
            continue
        for span in timeline.periods(docs):
            for family in FAMILIES:
                giving = [d.document.id for d in span.in_force
                          if getattr(_rules(d, scheme), family) is not None]
                for i, a in enumerate(giving):
                    for b in giving[i + 1:]:
                        if b in prevails[a] or a in prevails[b]:
                            continue
                        day, families, _ = first.setdefault((a, b, scheme),
                                                            (span.start, [], region))
                        if family not in families:
                            families.append(family)
    errors: list[DataError] = []
    for (older, newer, scheme), (day, families, region) in first.items():
        file, lines = loaded.lines[newer]
        path: Path_ = ("document", "effective")
        errors.append(DataError(
            file, line_for(lines, path), ("document",),
            f"{newer} and {older} are both in force on {day} and both give "
            f"{', '.join(families)} for {region}/{scheme}: say which applies — add "
            f"'amends: [{older}]' (or a 'supersedes' entry with 'id: {older}') to the "
            f"newer document's header, or end the older one with 'expires'"))
    return errors


@dataclass
class Report:
    """Everything `python build.py check` says: problems (the data cannot be built)
    and notes (what was not checked because of a problem)."""

    documents: list[models.Document]
    parameters: models.Parameters | None
    problems: list[str]
    notes: list[str]
    amendments: list[models.Amendment] = field(default_factory=list)
    registry: models.Regions | None = None


def validate_all(data_dir: Path = DATA_DIR, *, regions: Iterable[str] | None = None,
                 inline_translations: bool = False) -> Report:
    """Load and check every file, then the checks across documents (coverage by date,
    overlaps) for the regions of the registry (or only *regions*) whose files all
    loaded: a file that failed to load gives its own problem only, and one note that
    its region's checks were skipped (all regions' when the registry failed)."""
    loaded = _load_all(data_dir, inline=inline_translations)
    offered = loaded.registry.schemes() if loaded.registry is not None else {}
    if regions is not None:
        offered = {r: s for r, s in offered.items() if r in set(regions)}
    parameters, param_errors = load_parameters(data_dir, stale=loaded.stale,
                                               inline=inline_translations)
    skip = set(loaded.failed.values())
    if loaded.registry is None:
        skip.add(None)
    notes = []
    for file, region in sorted(loaded.failed.items()):
        what = f"region {region!r}" if region else "every region (its region is unknown)"
        notes.append(f"note: {_rel(str(file))} failed to load: the coverage and "
                     f"cross-document checks of {what} were skipped")
    if loaded.registry is None:
        notes.append(f"note: {REGISTRY_FILE} failed to load: the region, coverage and "
                     f"cross-document checks were skipped")
    if loaded.stale:
        notes.append(translations.stale_note(loaded.stale))
    wanted = {} if None in skip else {r: s for r, s in offered.items() if r not in skip}
    problems = [str(e) for e in loaded.errors + param_errors]
    if None not in skip:
        problems += [str(e) for e in overlap_errors(loaded, skip)]
    problems += [f"{_rel(str(data_dir))}: coverage: {p}"
                 for p in coverage_errors(loaded.documents, regions=wanted)]
    return Report(loaded.documents, parameters, problems, notes, loaded.amendments,
                  loaded.registry)
