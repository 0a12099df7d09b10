"""Build the guide: validate policy data → compile the bundle → render pages → MkDocs.

    python build.py check    validate policy_data/ and report every problem
    python build.py bundle   validate, then write estimator/bundle.json and the schemas, and
                             compile the estimator's and the form's catalogs
    python build.py catalogs bring locales/<lang>/LC_MESSAGES/estimator.po, form.po and data.po
                             in step with the Chinese of estimator/messages.py, labels.py,
                             the form's i18n/zh.json and the labels of policy_data/*.yaml
                             (new keys empty, changed Chinese fuzzy), then compile them
                             (estimator/translations.json, i18n/<lang>.json; the data's
                             translations enter estimator/bundle.json at bundle time)
    python build.py          the whole site into site/ (the previous site stays if anything fails)
    python build.py serve [PORT]  serve at http://127.0.0.1:8000 (the last good site/ at once),
                             build in the background and rebuild on edits
    python build.py diff [OLD_REF] [NEW_REF] [--md FILE]
                             what changed in policy_data/ between two git refs (default:
                             the last commit → the working tree): every changed figure and
                             the sample cases of policy_data/samples/ before and after;
                             printed and written as Markdown (default build/policy-diff.md)
    python build.py compress  write the precompressed copies (.br/.gz) that serve's quick
                             rebuild left out (serve runs it itself after each rebuild)

No rule logic lives here: figures come from policy_data/, computations from estimator/.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

from policy_build import models, regions  # noqa: E402
from policy_build.bundle import BUNDLE_FILE, compile_bundle, to_text  # noqa: E402
from policy_build.validate import DATA_DIR, validate_all  # noqa: E402

SCHEMA_FILE = ROOT / "policy_data" / "schema.json"
PARAMETERS_SCHEMA_FILE = ROOT / "policy_data" / "parameters.schema.json"
CASE_SCHEMA_FILE = ROOT / "estimator" / "schema" / "case.schema.json"


def schema_texts(ids: Sequence[str]) -> dict[Path, str]:
    """The generated schemas, their region enums the registry's ids (regions.yaml)."""

    def dump(schema: dict[str, object]) -> str:
        return json.dumps(schema, ensure_ascii=False, indent=1, sort_keys=True) + "\n"

    return {
        SCHEMA_FILE: dump(regions.document_schema(models.Document.model_json_schema(), ids)),
        PARAMETERS_SCHEMA_FILE: dump(regions.parameters_schema(
            models.Parameters.model_json_schema(), ids)),
        CASE_SCHEMA_FILE: regions.case_schema(CASE_SCHEMA_FILE.read_text(encoding="utf-8"),
                                              ids),
    }


def _generated(text: str) -> dict[Path, str]:
    """The bundle and the schemas the valid data compiles to."""
    ids = [r["id"] for r in json.loads(text)["regions"]]
    return {BUNDLE_FILE: text, **schema_texts(ids)}


def validated_bundle_text(data_dir: Path = DATA_DIR) -> tuple[str | None, list[str]]:
    """Validate everything; return the bundle text (amendment files applied as dated
    values of the documents they amend), or the list of problems. Notes (checks
    skipped because a file failed to load) go to standard error."""
    report = validate_all(data_dir)
    for note in report.notes:
        print(note, file=sys.stderr)
    if report.problems or report.parameters is None or report.registry is None:
        return None, report.problems
    return to_text(compile_bundle(report.documents, report.parameters,
                                  report.amendments, registry=report.registry)), []


def cmd_check() -> int:
    """Exit 1 on a problem in the data. A bundle or schema that differs from what the
    data compiles to is only a warning: the build (`python build.py` or `bundle`)
    regenerates it."""
    text, problems = validated_bundle_text()
    for p in problems:
        print(p, file=sys.stderr)
    if text is None:
        print(f"{len(problems)} problem(s) in policy data", file=sys.stderr)
        return 1
    print("policy data OK")
    stale = [path for path, want in _generated(text).items()
             if not path.exists() or path.read_text(encoding="utf-8") != want]
    for path in stale:
        print(f"WARNING: {path.relative_to(ROOT)} differs from what policy_data/ compiles "
              f"to: the build will regenerate it ('python build.py' or 'python build.py "
              f"bundle')", file=sys.stderr)
    return 0


def translated_languages() -> list[str]:
    """The site's languages other than Chinese, in mkdocs.yml's order."""
    from site_build.config import SOURCE_LANGUAGE, Project, languages, load_mkdocs_config

    base = load_mkdocs_config(Project(ROOT))
    return [lang.code for lang in languages(base) if lang.code != SOURCE_LANGUAGE]


def cmd_catalogs() -> int:
    from site_build import data_texts, estimator_texts, form_texts
    from site_build.errors import BuildError

    langs = translated_languages()
    try:
        data_texts.update(ROOT, langs)
    except BuildError as exc:
        print(f"catalogs: {exc}", file=sys.stderr)
        return 1
    estimator_texts.update(ROOT, langs)
    form_texts.update(ROOT, langs)
    compile_catalogs(langs)
    for name, domain in (("data", data_texts), ("estimator", estimator_texts),
                         ("form", form_texts)):
        for lang, state in domain.report(ROOT, langs).items():
            print(f"{name} {lang}: {len(state['missing'])} missing, "
                  f"{len(state['fuzzy'])} fuzzy")
    return 0


def compile_catalogs(langs: list[str]) -> None:
    """The estimator's and the form's catalogs → the files they read."""
    from site_build import estimator_texts, form_texts

    if estimator_texts.write_translations(ROOT, langs):
        print("wrote estimator/translations.json")
    for lang in form_texts.write_forms(ROOT, langs):
        print(f"wrote {form_texts.FORM_DIR / lang}.json")


def cmd_bundle() -> int:
    text, problems = validated_bundle_text()
    for p in problems:
        print(p, file=sys.stderr)
    if text is None:
        print(f"{len(problems)} problem(s) in policy data; nothing written", file=sys.stderr)
        return 1
    for path, content in _generated(text).items():
        if not path.exists() or path.read_text(encoding="utf-8") != content:
            path.write_text(content, encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT)}")
    compile_catalogs(translated_languages())
    return 0


def cmd_diff(args: list[str]) -> int:
    from policy_build.diff import DiffError, report  # noqa: PLC0415

    out = ROOT / "build" / "policy-diff.md"
    if "--md" in args:
        at = args.index("--md")
        if at + 1 >= len(args):
            print("--md needs a file name", file=sys.stderr)
            return 2
        out = Path(args[at + 1])
        args = args[:at] + args[at + 2:]
    if len(args) > 2 or any(a.startswith("-") for a in args):
        print(__doc__, file=sys.stderr)
        return 2
    old_ref = args[0] if args else "HEAD"
    new_ref = args[1] if len(args) > 1 else None
    try:
        text = report(old_ref, new_ref)
    except DiffError as exc:
        print(f"diff: {exc}", file=sys.stderr)
        return 1
    print(text, end="")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    print(f"(written to {out})", file=sys.stderr)
    return 0


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "build"
    if command == "check":
        return cmd_check()
    if command == "bundle":
        return cmd_bundle()
    if command == "catalogs":
        return cmd_catalogs()
    if command == "diff":
        return cmd_diff(argv[2:])
    if command == "serve":
        # Serves at once; every (re)build, the first included, runs `python build.py`
        # in its own process, so broken data never stops the last good site.
        from site_build.build import serve  # noqa: PLC0415

        return serve(port=int(argv[2])) if len(argv) > 2 else serve()
    if command == "compress":
        # After a preview build (serve): the precompressed copies it left out.
        from site_build.runtime import compress_later  # noqa: PLC0415

        site = ROOT / "site"
        if not site.is_dir():
            print("compress: no site/ to complete (run 'python build.py')", file=sys.stderr)
            return 1
        print(f"precompressed copies: {compress_later(site)} compressed now; site/ complete")
        return 0
    if command == "build":
        status = cmd_bundle()
        if status:
            return status
        from site_build.build import build_site  # noqa: PLC0415

        return build_site()
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
