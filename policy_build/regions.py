"""The registry of regions (policy_data/regions.yaml) in the generated schemas.

The registry is read and checked by ``validate.load_registry`` and compiled into the
bundle (``regions``), which the estimator, the form and the pages read. The JSON
Schemas cannot read it, so the build writes its ids into their region enums:
``policy_data/schema.json``, ``policy_data/parameters.schema.json`` and the
estimator's published ``estimator/schema/case.schema.json``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

REGISTRY_FILE = "regions.yaml"


def document_schema(schema: dict[str, Any], ids: Sequence[str]) -> dict[str, Any]:
    """The Document schema with the region of its header limited to *ids*."""
    out = json.loads(json.dumps(schema))
    out["$defs"]["Header"]["properties"]["region"] = {"enum": list(ids), "title": "Region",
                                                      "type": "string"}
    return out


def parameters_schema(schema: dict[str, Any], ids: Sequence[str]) -> dict[str, Any]:
    """The Parameters schema whose per-region keys are *ids*."""
    out = json.loads(json.dumps(schema))
    per_region = out["properties"]["parameters"]["additionalProperties"]
    [value] = per_region.pop("patternProperties").values()
    per_region.update(additionalProperties=value, propertyNames={"enum": list(ids)})
    return out


def case_schema(text: str, ids: Sequence[str]) -> str:
    """The estimator's case schema (kept as written, in its own key order) with the
    region enum set to *ids*."""
    schema = json.loads(text)
    schema["properties"]["region"] = {"enum": list(ids)}
    return json.dumps(schema, ensure_ascii=False, indent=1) + "\n"
