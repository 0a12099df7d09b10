"""Compile the validated documents into the one JSON bundle the estimator and
the page templates read (estimator/bundle.json).

A dated figure (``values:``, or a figure an amendment file changes) is written as
``{unit, values: [figure, …]}`` where each figure is an ordinary one with its own
``effective_from`` / ``effective_until`` (the last day, included) and, when an
amendment gives it, ``document``: the estimator picks the one in force on the
episode's deciding date. Amendment files are documents of the bundle without
schemes; the amended (or replaced) document's header names them (``amended_by``,
``superseded_by``).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from . import models
from .validate import find, parse_path

BUNDLE_FILE = Path(__file__).resolve().parent.parent / "estimator" / "bundle.json"
BUNDLE_VERSION = 1


def _dump(doc: models.Document) -> dict[str, Any]:
    data = doc.model_dump(mode="json", by_alias=True, exclude_none=False, warnings=False)
    header = data["document"]
    _stamp(data["schemes"], header["effective"], header["expires"])
    return data


def _dump_amendment(amendment: models.Amendment) -> dict[str, Any]:
    data = amendment.model_dump(mode="json", by_alias=True, exclude_none=False,
                                warnings=False)
    header = data["document"]
    header.update(layer="amendment", schemes=[], expires=None, supersedes=[])
    for change in data["changes"]:
        if change["from"] is None:
            change["from"] = header["effective"]
    return {"document": header, "schemes": {}, "changes": data["changes"]}


def _day_before(iso: str) -> str:
    return (dt.date.fromisoformat(iso) - dt.timedelta(days=1)).isoformat()


def _dated(fig: dict[str, Any], end: str | None) -> dict[str, Any]:
    """``{unit, values: [{from, value, cite, …}]}`` → each value a figure with its span."""
    values = fig["values"]
    out = []
    for i, item in enumerate(values):
        entry = {k: v for k, v in item.items() if k != "from" and not (
            k == "document" and v is None)}
        entry["unit"] = fig["unit"]
        entry["effective_from"] = item["from"]
        entry["effective_until"] = (_day_before(values[i + 1]["from"])
                                    if i + 1 < len(values) else end)
        out.append(entry)
    return {"unit": fig["unit"], "values": out}


def _stamp(obj: Any, start: str, end: str | None) -> None:
    """Give every figure its effective dates (the document's, or its dated value's)."""
    if isinstance(obj, dict):
        for key, value in list(obj.items()):
            if isinstance(value, dict) and "values" in value and "unit" in value:
                obj[key] = _dated(value, end)
        if "cite" in obj and "unit" in obj:
            obj.setdefault("effective_from", start)
            obj.setdefault("effective_until", end)
        for v in obj.values():
            if not (isinstance(v, dict) and "values" in v and "unit" in v):
                _stamp(v, start, end)
    elif isinstance(obj, list):
        for v in obj:
            _stamp(v, start, end)


def compile_bundle(documents: list[models.Document], parameters: models.Parameters,
                   amendments: list[models.Amendment] | None = None) -> dict[str, Any]:
    dumped = [_dump(d) for d in documents] + [_dump_amendment(a) for a in amendments or []]
    headers = {d["document"]["id"]: d["document"] for d in dumped}
    by_id = {d["document"]["id"]: d for d in dumped}
    for d in dumped:
        head = d["document"]
        if head.get("amends"):
            headers[head["amends"]].setdefault("amended_by", []).append(head["id"])
            for change in d["changes"]:
                # The unit is the amended figure's (validated when the change was applied).
                target, _ = find(by_id[head["amends"]], parse_path(change["path"]))
                change["unit"] = target["unit"]
        for old in head["supersedes"]:
            if old.get("id"):
                headers[old["id"]].setdefault("superseded_by", []).append(head["id"])
    docs = sorted(dumped, key=lambda d: (d["document"]["region"], d["document"]["effective"],
                                         d["document"]["id"]))
    return {
        "version": BUNDLE_VERSION,
        "documents": docs,
        "parameters": parameters.model_dump(mode="json", warnings=False)["parameters"],
    }


def compile_dir(data_dir: Path) -> tuple[dict[str, Any] | None, list[str]]:
    """Validate *data_dir* (a policy_data/ folder) and compile it; or the problems."""
    from .validate import coverage_errors, load_all, load_parameters  # noqa: PLC0415

    documents, amendments, errors = load_all(data_dir)
    parameters, param_errors = load_parameters(data_dir)
    problems = [str(e) for e in errors + param_errors]
    problems += [f"policy_data: coverage: {p}" for p in coverage_errors(documents)]
    if problems or parameters is None:
        return None, problems
    return compile_bundle(documents, parameters, amendments), []


def to_text(bundle: dict[str, Any]) -> str:
    return json.dumps(bundle, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
