"""Seeded random sample of Uyghur strings for the second translation review (REVIEW-2.md).

Run from the repository root:  .venv/bin/python locales/review_sample.py [seed]
Default seed 20261201. Draws 25 site.po, 15 estimator.po, 10 form.po and 10 data.po entries
(the policy data's labels), skipping empty, fuzzy, pure-number strings and
strings with no Arabic-script letter (e.g. `rtl`). Within each source every string has the
same chance; the per-source sizes weight the sample toward what residents read.
Prints one block per item: source, key, Chinese, Uyghur.

The review of 2026-12-01 drew its data labels from the inline `ug:` texts then in
policy_data/*.yaml (commit f95d64b); they now live in data.po, in another order, so the
same seed draws other data labels today (the other sources draw the same items).
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
SIZES = {"site": 25, "estimator": 15, "form": 10, "data": 10}
ARABIC = re.compile(r"[\u0600-\u06FF]")
NUMBER = re.compile(r"^[\s\d.,%٪+\-−/:]*$")


def usable(text: str) -> bool:
    return bool(text and text.strip()) and not NUMBER.match(text) and bool(ARABIC.search(text))


def read(path: Path):
    with path.open("rb") as fh:
        return read_po(fh)


def po_items(domain: str):
    ug = read(ROOT / "locales/ug/LC_MESSAGES" / f"{domain}.po")
    zh: dict[str, str] = {}
    if domain == "site":
        zh = {m.id: str(m.string) for m in read(ROOT / "locales/zh/LC_MESSAGES/site.po") if m.id}
    out = []
    for m in ug:
        if not m.id or m.fuzzy or not isinstance(m.string, str) or not usable(m.string):
            continue
        if domain == "site":
            out.append((f"site.po {m.id}", zh.get(m.id, ""), m.string))
        else:
            out.append((f"{domain}.po {m.context}", m.id, m.string))
    return out


def main() -> None:
    seed = int(sys.argv[1]) if len(sys.argv) > 1 else 20261201
    rng = random.Random(seed)
    pools = {"site": po_items("site"), "estimator": po_items("estimator"),
             "form": po_items("form"), "data": po_items("data")}
    n = 0
    print(f"seed {seed}; pool sizes " + ", ".join(f"{k} {len(v)}" for k, v in pools.items()))
    for name, size in SIZES.items():
        for key, zh, ug in rng.sample(pools[name], size):
            n += 1
            print(f"--- #{n} {key}\nzh: {zh}\nug: {ug}\n")


if __name__ == "__main__":
    main()
