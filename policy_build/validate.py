"""Validate policy_data/ files; report every problem as file:line: key: reason."""

from __future__ import annotations

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


def _semantic_errors(file: Path, doc: models.Document,
                     lines: dict[Path_, int]) -> list[DataError]:
    errors: list[DataError] = []
    header = doc.document
    for path, obj in _walk_figures(doc, ()):
        if isinstance(obj, models.Amount):
            key = str(path[-1]) if path else ""
            if ("cap" in key or key in {"amount"}) and obj.value <= 0:
                errors.append(DataError(file, line_for(lines, path), path,
                                        f"a cap must be positive, got {obj.value}"))
            if obj.effective_from and obj.effective_from < header.effective:
                errors.append(DataError(file, line_for(lines, path), path,
                                        f"effective_from {obj.effective_from} is before the "
                                        f"document takes effect ({header.effective})"))
            if key == "rate" and not (Decimal(0) <= obj.value <= Decimal(1)):
                errors.append(DataError(file, line_for(lines, path), path,
                                        f"rate {obj.value} is outside 0–1"))
    if file.stem != header.id:
        errors.append(DataError(file, line_for(lines, ("document", "id")), ("document", "id"),
                                f"the file is named {file.name} but document.id is "
                                f"{header.id!r}: they must match"))
    return errors


def load_documents(data_dir: Path = DATA_DIR) -> tuple[list[models.Document], list[DataError]]:
    documents: list[models.Document] = []
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
        doc, errs = _model_errors(file, data, lines, models.Document)
        errors.extend(errs)
        if isinstance(doc, models.Document):
            errors.extend(_semantic_errors(file, doc, lines))
            documents.append(doc)
    ids = [d.document.id for d in documents]
    for dup in {i for i in ids if ids.count(i) > 1}:
        errors.append(DataError(data_dir, None, ("document", "id"), f"id {dup!r} is used twice"))
    errors.extend(_reference_errors(documents, data_dir))
    return documents, errors


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
