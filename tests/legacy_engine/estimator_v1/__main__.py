"""python3 -m estimator CASE.json   (or - for standard input)

Prints the result JSON and exits 0; on invalid input prints one line naming
the field and the problem on stderr and exits 2; on a fault of the estimator
itself prints one line naming the part of the case it was processing and
exits 3 (never a traceback).
"""

from __future__ import annotations

import json
import sys

from .errors import CaseError, InternalError
from .pipeline import estimate


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python3 -m estimator CASE.json  (or - for standard input)",
              file=sys.stderr)
        return 2
    try:
        if argv[1] == "-":
            raw = sys.stdin.read()
        else:
            with open(argv[1], encoding="utf-8") as f:
                raw = f.read()
    except OSError as exc:
        print(f"case file: cannot read {argv[1]}: {exc.strerror}", file=sys.stderr)
        return 2
    try:
        case = json.loads(raw)
    except json.JSONDecodeError as exc:
        print(f"case: not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}",
              file=sys.stderr)
        return 2
    try:
        result = estimate(case)
    except CaseError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except InternalError as exc:
        print(str(exc), file=sys.stderr)
        return 3
    except Exception as exc:  # a fault outside any episode (e.g. the bundle)
        print(str(InternalError("case", exc)), file=sys.stderr)
        return 3
    json.dump(result, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
