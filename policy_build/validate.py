"""Validate policy_data/ files; report every problem as file:line: key: reason."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from . import models
from .yamlload import DataError, Path_, line_for, load

DATA_DIR = Path(__file__).resolve().parent.parent / "policy_data"
PARAMETERS_FILE = "parameters.yaml"

# Every region and scheme the site covers, and the rule families each must
# either give values for or record as "not specified here".
REGIONS = ("hotan", "kizilsu", "wuwei", "honghe")
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
                     amended: bool = False) -> list[DataError]:
    errors: list[DataError] = []
    header = doc.document

    def add(path: Path_, problem: str) -> None:
        errors.append(DataError(file, line_for(lines, path), path, problem))

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
    if file.stem != header.id:
        errors.append(DataError(file, line_for(lines, ("document", "id")), ("document", "id"),
                                f"the file is named {file.name} but document.id is "
                                f"{header.id!r}: they must match"))
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


def load_documents(data_dir: Path = DATA_DIR) -> tuple[list[models.Document], list[DataError]]:
    """Every document of *data_dir*, with the amendment files' changes applied."""
    documents, _, errors = load_all(data_dir)
    return documents, errors


def load_all(data_dir: Path = DATA_DIR) -> tuple[list[models.Document],
                                                list[models.Amendment], list[DataError]]:
    """Documents (amendments applied as dated values), amendment files, problems."""
    documents: list[models.Document] = []
    amendments: list[tuple[Path, models.Amendment, dict[Path_, int]]] = []
    raw: dict[str, tuple[Path, Any, dict[Path_, int]]] = {}
    errors: list[DataError] = []
    files = sorted(p for p in data_dir.glob("*.yaml") if p.name != PARAMETERS_FILE)
    if not files:
        errors.append(DataError(data_dir, None, (), "no policy documents (*.yaml) found"))
    for file in files:
        try:
            data, lines = load(file)
        except DataError as exc:
            errors.append(exc)
            continue
        if _is_amendment(data):
            amendment, errs = _model_errors(file, data, lines, models.Amendment)
            errors.extend(errs)
            if isinstance(amendment, models.Amendment):
                errors.extend(_id_error(file, amendment.document.id, lines))
                amendments.append((file, amendment, lines))
            continue
        doc, errs = _model_errors(file, data, lines, models.Document)
        errors.extend(errs)
        if isinstance(doc, models.Document):
            errors.extend(_semantic_errors(file, doc, lines))
            documents.append(doc)
            raw[doc.document.id] = (file, data, lines)
    ids = [d.document.id for d in documents] + [a.document.id for _, a, _ in amendments]
    for dup in {i for i in ids if ids.count(i) > 1}:
        errors.append(DataError(data_dir, None, ("document", "id"), f"id {dup!r} is used twice"))
    errors.extend(_reference_errors(documents, data_dir))
    errors.extend(_supersedes_errors(documents, data_dir))
    if amendments and not errors:
        documents, errs = _apply_amendments(documents, raw, amendments)
        errors.extend(errs)
    return documents, [a for _, a, _ in amendments], errors


def _is_amendment(data: Any) -> bool:
    return (isinstance(data, dict) and isinstance(data.get("document"), dict)
            and "amends" in data["document"])


def _id_error(file: Path, doc_id: str, lines: dict[Path_, int]) -> list[DataError]:
    if file.stem == doc_id:
        return []
    return [DataError(file, line_for(lines, ("document", "id")), ("document", "id"),
                      f"the file is named {file.name} but document.id is {doc_id!r}: they "
                      f"must match")]


def _supersedes_errors(documents: list[models.Document], data_dir: Path) -> list[DataError]:
    ids = {d.document.id for d in documents}
    errors = []
    for doc in documents:
        for i, old in enumerate(doc.document.supersedes):
            if old.id is not None and old.id not in ids:
                errors.append(DataError(data_dir / f"{doc.document.id}.yaml", None,
                                        ("document", "supersedes", i, "id"),
                                        f"no document has the id {old.id!r}: leave id out when "
                                        f"the replaced document is not in policy_data/"))
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


def _apply_amendments(documents: list[models.Document],
                      raw: dict[str, tuple[Path, Any, dict[Path_, int]]],
                      amendments: list[tuple[Path, models.Amendment, dict[Path_, int]]],
                      ) -> tuple[list[models.Document], list[DataError]]:
    """Each change becomes a dated value of the amended document's figure, so the
    estimator has one mechanism only (dated values)."""
    by_id = {d.document.id: d for d in documents}
    copies: dict[str, Any] = {}
    errors: list[DataError] = []
    todo = sorted(((c.from_ or a.document.effective, a.document.id, i, file, a, lines)
                   for file, a, lines in amendments for i, c in enumerate(a.changes)),
                  key=lambda t: t[:3])
    for start, _, i, file, amendment, lines in todo:
        change, head = amendment.changes[i], amendment.document
        at: Path_ = ("changes", i)

        def fail(key: str, problem: str, file: Path = file, lines: dict[Path_, int] = lines,
                 at: Path_ = at) -> None:
            errors.append(DataError(file, line_for(lines, at + (key,)), at + (key,), problem))

        target = by_id.get(head.amends)
        if target is None:
            fail("path", f"document.amends names {head.amends!r}, which no document in "
                         f"policy_data/ has (known: {', '.join(sorted(by_id))}): name the "
                         f"amended document's id")
            continue
        span = target.document
        last = span.expires
        if head.region != span.region:
            fail("path", f"this amendment is for {head.region} but {head.amends} is for "
                         f"{span.region}")
            continue
        if start < head.effective:
            fail("from", f"the change starts {start}, before this amendment takes effect "
                         f"({head.effective}): start it on or after {head.effective}")
            continue
        if start <= span.effective or (last is not None and start > last):
            until = f" to {last}" if last else " on"
            fail("from", f"the change starts {start}, outside {head.amends} "
                         f"({span.effective}{until}): a change must start after the "
                         f"amended document's first day and by its last day; for a later "
                         f"period add a new document that replaces it")
            continue
        try:
            steps = parse_path(change.path)
            if head.amends not in copies:
                copies[head.amends] = copy.deepcopy(raw[head.amends][1])
            node, path = find(copies[head.amends], steps)
        except ValueError as exc:
            fail("path", f"{exc}: the path must name a figure of {head.amends}")
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
            first = {k: node[k] for k in ("value", "cite", "reading") if k in node}
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
        node["values"].append(entry)
    out = []
    for doc in documents:
        doc_id = doc.document.id
        if doc_id not in copies:
            out.append(doc)
            continue
        file, _, lines = raw[doc_id]
        amended, errs = _model_errors(file, copies[doc_id], lines, models.Document)
        if isinstance(amended, models.Document):
            errs += _semantic_errors(file, amended, lines, amended=True)
        for err in errs:
            errors.append(DataError(err.file, err.line, err.path,
                                    f"{err.problem} (after applying its amendments)"))
        out.append(amended if isinstance(amended, models.Document) else doc)
    return out, errors


def _reference_errors(documents: list[models.Document], data_dir: Path) -> list[DataError]:
    """An adjustment citing another document must name one that exists (a file of
    policy_data/, even one that failed to load: that failure is reported already)."""
    ids = {d.document.id for d in documents} | {
        p.stem for p in data_dir.glob("*.yaml") if p.name != PARAMETERS_FILE}
    errors: list[DataError] = []
    for doc in documents:
        for path, obj in _walk_figures(doc, ()):
            if isinstance(obj, models.Adjustment) and obj.document and obj.document not in ids:
                errors.append(DataError(data_dir / f"{doc.document.id}.yaml", None,
                                        path + ("document",),
                                        f"no document has the id {obj.document!r} (known: "
                                        f"{', '.join(sorted(ids))})"))
    return errors



def load_parameters(data_dir: Path = DATA_DIR) -> tuple[models.Parameters | None,
                                                        list[DataError]]:
    file = data_dir / PARAMETERS_FILE
    if not file.exists():
        return None, [DataError(file, None, (), "the parameters file is missing")]
    try:
        data, lines = load(file)
    except DataError as exc:
        return None, [exc]
    params, errs = _model_errors(file, data, lines, models.Parameters)
    return params if isinstance(params, models.Parameters) else None, errs


def coverage_errors(documents: list[models.Document]) -> list[str]:
    """Each region and scheme: each family has values or a 'not specified' record."""
    problems: list[str] = []
    for region in REGIONS:
        docs = [d for d in documents if d.document.region == region]
        schemes = sorted({s for d in docs for s in d.document.schemes})
        if not docs:
            problems.append(f"{region}: no document")
        for scheme in schemes:
            for family in FAMILIES:
                covered = False
                for d in docs:
                    rules = d.schemes.get(scheme)  # type: ignore[call-overload]
                    if rules is None:
                        continue
                    if getattr(rules, family) is not None or family in rules.not_specified:
                        covered = True
                if not covered:
                    problems.append(f"{region}/{scheme}: {family} has neither values nor a "
                                    f"not_specified record")
    return problems
