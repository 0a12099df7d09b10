"""The registry of regions (policy_data/regions.yaml, compiled into the bundle as
``regions``) in the estimator form's catalogs.

``docs/assets/estimator/i18n/<lang>.json`` hold the form's own words and no region: the
build adds, in every copy it writes, ``regions`` (the ids in page order) and
``enums.regions`` (each region's full name in that language, the Chinese where the
registry has none), so a region added to the registry shows in the form with nothing
else to edit.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .config import SOURCE_LANGUAGE
from .form_texts import PENDING_KEY

CATALOG_DIR = "assets/estimator/i18n"


def form_catalog(data: bytes, regions: list[dict[str, Any]]) -> bytes:
    """One form catalog (JSON bytes) with the registry's regions added."""
    catalog = json.loads(data)
    lang = catalog["lang"]
    catalog["regions"] = [r["id"] for r in regions]
    catalog["enums"]["regions"] = {
        r["id"]: r["full_name"].get(lang) or r["full_name"][SOURCE_LANGUAGE]
        + ("" if lang == SOURCE_LANGUAGE else catalog.get(PENDING_KEY, "")) for r in regions}
    return (json.dumps(catalog, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def is_form_catalog(rel: str) -> bool:
    """Whether *rel* (a path relative to docs/ or site/) is a form catalog."""
    path = Path(rel)
    return path.parent.as_posix() == CATALOG_DIR and path.suffix == ".json"


def write_form_catalogs(docs_dir: Path, regions: list[dict[str, Any]]) -> None:
    """Add the regions to every form catalog under *docs_dir* (a staged copy of docs/)."""
    for path in sorted((docs_dir / CATALOG_DIR).glob("*.json")):
        path.write_bytes(form_catalog(path.read_bytes(), regions))
