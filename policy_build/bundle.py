"""Compile the validated documents into the one JSON bundle the estimator and
the page templates read (estimator/bundle.json).

A dated figure (``values:``, or a figure an amendment file changes) is written as
``{unit, values: [figure, …]}`` where each figure is an ordinary one with its own
``effective_from`` / ``effective_until`` (the last day, included) and, when an
amendment gives it, ``document``: the estimator picks the one in force on the
episode's deciding date. Amendment files are documents of the bundle without
schemes; the amended (or replaced) document's header names them (``amended_by``,
``superseded_by``), as it names a full document whose header ``amends`` it.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from . import models, timeline
from .validate import find, parse_path

BUNDLE_FILE = Path(__file__).resolve().parent.parent / "estimator" / "bundle.json"
BUNDLE_VERSION = 1


def _dump(doc: models.Document) -> dict[str, Any]:
    data = doc.model_dump(mode="json", by_alias=True, exclude_none=False, warnings=False)
    header = data["document"]
    _stamp(data["schemes"], header["effective"], header["expires"])
    _drop_empty_conditions(data["schemes"])
    return data


def _dump_amendment(amendment: models.Amendment) -> dict[str, Any]:
    data = amendment.model_dump(mode="json", by_alias=True, exclude_none=False,
                                warnings=False)
    header = data["document"]
    header.update(layer="amendment", schemes=[], expires=None, supersedes=[])
    for change in data["changes"]:
        if change["from"] is None:
            change["from"] = header["effective"]
    _drop_empty_conditions(data["changes"])
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


def _drop_empty_conditions(obj: Any) -> None:
    """A figure without conditions carries no ``conditions`` key (keeps the bundle small)."""
    if isinstance(obj, dict):
        if "conditions" in obj and obj["conditions"] is None:
            del obj["conditions"]
        for v in obj.values():
            _drop_empty_conditions(v)
    elif isinstance(obj, list):
        for v in obj:
            _drop_empty_conditions(v)


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
                   amendments: list[models.Amendment] | None = None, *,
                   registry: models.Regions) -> dict[str, Any]:
    """*documents* with their amendment files' changes applied already (dated values,
    see validate.load_all); *amendments* are compiled as documents without schemes
    that name the changes, for the pages and the links both ways; *registry* (the
    regions, in page order) as ``regions``."""
    dumped = [_dump(d) for d in documents] + [_dump_amendment(a) for a in amendments or []]
    headers = {d["document"]["id"]: d["document"] for d in dumped}
    by_id = {d["document"]["id"]: d for d in dumped}
    for d in dumped:
        head = d["document"]
        for other in head.get("amends") or []:
            headers[other].setdefault("amended_by", []).append(head["id"])
        for change in d.get("changes", []):
            # The unit is the amended figure's (validated when the change was applied).
            target, _ = find(by_id[head["amends"][0]], parse_path(change["path"]))
            change["unit"] = target["unit"]
        for old in head["supersedes"]:
            if old.get("id"):
                headers[old["id"]].setdefault("superseded_by", []).append(head["id"])
    # A document that amends or supersedes another comes first: the estimator takes
    # each rule family from the first document in force that gives it. (An amendment
    # file has no schemes: its changes are dated values of the document it amends.)
    ranks = timeline.rank(documents)
    docs = sorted(dumped, key=lambda d: (d["document"]["region"],
                                         -ranks.get(d["document"]["id"], 0),
                                         d["document"]["effective"], d["document"]["id"]))
    return {
        "version": BUNDLE_VERSION,
        "documents": docs,
        "parameters": parameters.model_dump(mode="json", warnings=False)["parameters"],
        "regions": registry.model_dump(mode="json")["regions"],
    }


def compile_dir(data_dir: Path, *, notes: list[str] | None = None,
                inline_translations: bool = False,
                ) -> tuple[dict[str, Any] | None, list[str]]:
    """Validate *data_dir* (a policy_data/ folder) as `build.py check` does and compile
    it (amendments applied); or the problems. The report's notes (checks skipped
    because a file failed to load) are added to *notes* when given.
    *inline_translations* accepts labels written with their translations (data from
    before they moved to locales/<lang>/LC_MESSAGES/data.po, for `build.py diff`)."""
    from .validate import validate_all  # noqa: PLC0415

    report = validate_all(data_dir, inline_translations=inline_translations)
    if notes is not None:
        notes.extend(report.notes)
    if report.problems or report.parameters is None or report.registry is None:
        return None, report.problems
    return compile_bundle(report.documents, report.parameters, report.amendments,
                          registry=report.registry), []


def to_text(bundle: dict[str, Any]) -> str:
    return json.dumps(bundle, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
