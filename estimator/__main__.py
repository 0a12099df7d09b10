"""python3 -m estimator [--lang zh|ug|en|all] CASE.json   (or - for standard input)

Prints the result JSON in one language (default zh; ``all``: the three-language
form, every text as {zh, ug, en} and citations inline) and exits 0; on invalid
input prints one line naming the field and the problem on stderr and exits 2;
on a fault of the estimator itself prints one line naming the part of the case
it was processing and exits 3 (never a traceback).
"""

from __future__ import annotations

import json
import sys

from .errors import CaseError, InternalError
from .pipeline import estimate
from .render import LANG_CHOICES, render

USAGE = ("usage: python3 -m estimator [--lang zh|ug|en|all] CASE.json  "
         "(or - for standard input)")


def _arguments(argv: list[str]) -> tuple[str, str] | None:
    """(language, case path) from the command line; None: not understood."""
    args = argv[1:]
    lang = "zh"
    if args and args[0].startswith("--lang="):
        lang = args.pop(0).split("=", 1)[1]
    elif len(args) > 1 and args[0] == "--lang":
        lang = args[1]
        args = args[2:]
    if len(args) != 1 or lang not in LANG_CHOICES:
        return None
    return lang, args[0]


def main(argv: list[str]) -> int:
    parsed = _arguments(argv)
    if parsed is None:
        print(USAGE, file=sys.stderr)
        return 2
    lang, path = parsed
    try:
        if path == "-":
            raw = sys.stdin.read()
        else:
            with open(path, encoding="utf-8") as f:
                raw = f.read()
    except OSError as exc:
        print(f"case file: cannot read {path}: {exc.strerror}", file=sys.stderr)
        return 2
    try:
        case = json.loads(raw)
    except json.JSONDecodeError as exc:
        print(f"case: not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}",
              file=sys.stderr)
        return 2
    try:
        result = render(estimate(case), lang)
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
