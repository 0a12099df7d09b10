"""Build the site: bundle → Markdown (docs/) → MkDocs → site/, atomically.

Everything is staged in a temporary directory inside the project; only when
the whole build succeeded does the new site replace site/ (and the generated
Markdown replace docs/, except docs/assets/, which is kept as written).
Same input, same bytes: pages are written in sorted order, MkDocs runs with a
fixed SOURCE_DATE_EPOCH, and no page carries a build time.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from . import csp, data_texts, estimator_texts, form_texts, headers, search_index
from .config import ROOT, SOURCE_LANGUAGE, Project, i18n_plugin, languages, load_mkdocs_config
from .data import annotate, load_bundle, region_ids
from .errors import BuildError
from .examples import load_estimate
from .glossary import LANGUAGES as GLOSSARY_LANGUAGES
from .glossary import Term, check_catalog_names
from .glossary import load as load_glossary
from .i18n import Catalogs
from .links import load_form
from .regions import write_form_catalogs
from .render import Renderer

# In docs/, every Markdown file is generated; every other file (assets/, the
# estimator's files) is kept as written and copied into the build.
GENERATED_SUFFIX = ".md"
MATERIAL_LANGUAGES = Path(importlib.util.find_spec("material").origin or "").parent / (
    "templates/partials/languages")
REPORT_FILE = "translation-report.txt"
DEFER_COMPRESSION = "SITE_DEFER_COMPRESSION"


def _check_theme_languages(project: Project, codes: list[str]) -> None:
    for code in codes:
        ours = project.overrides / "partials" / "languages" / f"{code}.html"
        if not ours.exists() and not (MATERIAL_LANGUAGES / f"{code}.html").exists():
            raise BuildError(f"language {code!r}: Material has no theme translation; add "
                             f"overrides/partials/languages/{code}.html (copy ug.html)")


def _epoch(bundle: dict[str, Any]) -> str:
    """A fixed build date for MkDocs (sitemap): the latest document's effective date."""
    latest = max((d["document"]["effective"] for d in bundle["documents"]),
                 default="2025-01-01")
    day = dt.datetime.fromisoformat(latest).replace(tzinfo=dt.UTC)
    return str(int(day.timestamp()))


def _data_report(project: Project, langs: list[str]) -> list[str]:
    """The data's missing and fuzzy strings, per language and document."""
    lines = ["", f"data (locales/<lang>/LC_MESSAGES/{data_texts.DOMAIN}.po), per document",
             "=" * 50]
    for lang, state in data_texts.report(project.root, langs).items():
        lines.append(f"[{lang}] missing: {len(state['missing'])}, "
                     f"fuzzy (Chinese changed): {len(state['fuzzy'])}")
        by_doc: dict[str, list[str]] = {}
        for kind in ("missing", "fuzzy"):
            for context in state[kind]:
                doc, path = context.split(":", 1)
                by_doc.setdefault(doc, []).append(f"    {kind}: {path}")
        for doc, entries in by_doc.items():
            lines += [f"  {doc}:", *entries]
    return lines


def _estimator_report(project: Project, codes: list[str]) -> str:
    """The data's, the estimator's and the form's missing and fuzzy strings, per
    language."""
    langs = [c for c in codes if c != SOURCE_LANGUAGE]
    lines = _data_report(project, langs)
    for name, domain in (("estimator", estimator_texts), ("form", form_texts)):
        lines += ["", f"{name} (locales/<lang>/LC_MESSAGES/{domain.DOMAIN}.po)",
                  "=" * 50]
        for lang, state in domain.report(project.root, langs).items():
            lines.append(f"[{lang}] missing: {len(state['missing'])}, "
                         f"fuzzy (Chinese changed): {len(state['fuzzy'])}")
            lines += [f"  missing: {k}" for k in state["missing"]]
            lines += [f"  fuzzy: {k}" for k in state["fuzzy"]]
    return "\n".join(lines) + "\n"


def _check_glossary(terms: list[Term], catalogs: Catalogs, codes: list[str]) -> None:
    """The glossary page's headings come from the catalogs; they must be the glossary's terms."""
    # The languages locales/glossary.tsv has a column for; another language's names
    # come from its catalog alone.
    names = {lang: {f"glossary.{t.key}.name": catalogs.translations[lang].gettext(
        f"glossary.{t.key}.name") for t in terms} for lang in codes if lang in GLOSSARY_LANGUAGES}
    problems = check_catalog_names(terms, names)
    if problems:
        raise BuildError("the catalogs and locales/glossary.tsv disagree:\n  "
                         + "\n  ".join(problems))


def _mkdocs_config(project: Project, base: dict[str, Any], renderer: Renderer,
                   docs_dir: Path, site_dir: Path) -> dict[str, Any]:
    cfg = dict(base)
    cfg["docs_dir"] = str(docs_dir)
    cfg["site_dir"] = str(site_dir)
    theme = dict(cfg["theme"])
    theme["custom_dir"] = str(project.overrides)
    cfg["theme"] = theme
    nav, _ = renderer.nav("zh")
    cfg["nav"] = nav
    plugins = []
    for entry in cfg["plugins"]:
        if isinstance(entry, dict) and "i18n" in entry:
            i18n = dict(i18n_plugin(cfg))
            langs = []
            for lang in i18n["languages"]:
                lang = dict(lang)
                code = lang["locale"]
                lang["site_name"] = renderer.catalogs.lookup(code, "site.name")[0]
                if not lang.get("default"):
                    lang["nav_translations"] = renderer.nav(code)[1]
                langs.append(lang)
            i18n["languages"] = langs
            entry = {"i18n": i18n}
        plugins.append(entry)
    cfg["plugins"] = plugins
    cfg["site_name"] = renderer.catalogs.lookup("zh", "site.name")[0]
    names = [renderer.catalogs.lookup("zh", f"region.{r}")[0] for r in region_ids(renderer.bundle)]
    cfg["site_description"] = renderer.catalogs.lookup("zh", "site.description")[0].format(
        regions=renderer.catalogs.lookup("zh", "list.sep")[0].join(names))
    return cfg


def _stage_docs(project: Project, staged: Path, pages: dict[str, str],
                regions: list[dict[str, Any]]) -> None:
    if project.docs.exists():
        shutil.copytree(project.docs, staged,
                        ignore=shutil.ignore_patterns(f"*{GENERATED_SUFFIX}"))
        write_form_catalogs(staged, regions)
    for rel in sorted(pages):
        path = staged / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(pages[rel], encoding="utf-8")


def _publish_docs(project: Project, pages: dict[str, str]) -> None:
    """Replace the generated Markdown in docs/ (other files stay)."""
    project.docs.mkdir(exist_ok=True)
    for old in sorted(project.docs.rglob(f"*{GENERATED_SUFFIX}"), reverse=True):
        old.unlink()
    for folder in sorted((p for p in project.docs.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
    for rel in sorted(pages):
        path = project.docs / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(pages[rel], encoding="utf-8")


def _run_mkdocs(config_file: Path, epoch: str) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch, "NO_MKDOCS_2_WARNING": "1",
           "PYTHONHASHSEED": "0"}
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                           "-f", str(config_file)], env=env, capture_output=True, text=True,
                          check=False)
    noise = ("Building prefix dict", "Loading model from cache", "Loading model cost",
             "Prefix dict has been built", "Dumping model to file")
    lines = [ln for ln in (proc.stdout + proc.stderr).splitlines()
             if ln.strip() and not any(n in ln for n in noise)]
    if proc.returncode != 0:
        raise BuildError("MkDocs build failed:\n  " + "\n  ".join(lines[-40:]))
    for line in lines:
        if "WARNING" in line or "ERROR" in line:
            print(f"mkdocs: {line}", file=sys.stderr)


def _install_runtime(site: Path) -> Any:
    """Copy the estimator's browser runtime in (site_build/runtime.py, when present);
    return its manifest, or None when skipped.

    SITE_SKIP_RUNTIME=1 skips it: a faster, pages-only build for editing text.
    SITE_DEFER_COMPRESSION=1 (set by ``serve``) leaves out the precompressed copies not
    in the build cache; ``python build.py compress`` writes them afterwards.
    """
    if os.environ.get("SITE_SKIP_RUNTIME") == "1":
        return None
    if not (Path(__file__).parent / "runtime.py").exists():
        return None
    from . import runtime  # type: ignore[attr-defined]  # written separately

    try:
        return runtime.install_runtime(
            site, defer_compression=os.environ.get(DEFER_COMPRESSION) == "1")
    except Exception as exc:
        raise BuildError(f"site_build/runtime.py: install_runtime failed: "
                         f"{type(exc).__name__}: {exc}") from exc


def _prepare_runtime() -> threading.Thread | None:
    """Start compiling the runtime's zips (Pyodide under Node, cached by content) in
    the background, so that it overlaps MkDocs; install_runtime then finds them
    cached. Any failure here is left for install_runtime to report."""
    if os.environ.get("SITE_SKIP_RUNTIME") == "1" \
            or not (Path(__file__).parent / "runtime.py").exists():
        return None
    from . import runtime  # type: ignore[attr-defined]  # written separately

    def work() -> None:
        try:
            runtime.prepare()
        except Exception:  # noqa: BLE001, S110  # reported by install_runtime
            pass

    thread = threading.Thread(target=work, name="prepare-runtime", daemon=True)
    thread.start()
    return thread


def _swap(new_site: Path, site: Path) -> None:
    old = site.with_name(site.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if site.exists():
        site.rename(old)
    new_site.rename(site)
    if old.exists():
        shutil.rmtree(old)


@dataclass(frozen=True)
class _ElsewhereProject(Project):
    """This project, built into another folder (tests and benchmarks)."""

    out: Path = Path()

    @property
    def site(self) -> Path:
        return self.out


def build_into(out: Path) -> dict[str, Any]:
    """Build the real site into ``out`` without touching site/ or docs/."""
    return build(_ElsewhereProject(ROOT, out), publish_docs=False)


def build(project: Project | None = None, *, bundle: dict[str, Any] | None = None,
          publish_docs: bool = True) -> dict[str, Any]:
    """Build into project.site; raise BuildError (leaving site/ untouched) on failure.

    Returns measurements: page count, languages, seconds, site bytes, report summary.
    """
    project = project or Project(ROOT)
    start = time.monotonic()
    base = load_mkdocs_config(project)
    codes = [lang.code for lang in languages(base)]
    _check_theme_languages(project, codes)
    raw = bundle if bundle is not None else load_bundle()
    annotated = annotate(raw)
    tmp = Path(tempfile.mkdtemp(prefix=".site-build-", dir=project.root))
    try:
        catalogs = Catalogs.load(project.locales, codes, tmp / "mo")
        terms = load_glossary(project.locales / "glossary.tsv")
        _check_glossary(terms, catalogs, codes)
        renderer = Renderer(project.templates, annotated, catalogs, load_estimate(),
                            load_form(), glossary=terms,
                            data_dir=ROOT / "policy_data")  # the bundle's data
        pages = renderer.render_all(codes)
        preparing = _prepare_runtime()
        _stage_docs(project, tmp / "docs", pages, raw["regions"])
        cfg = _mkdocs_config(project, base, renderer, tmp / "docs", tmp / "site")
        config_file = tmp / "mkdocs.yml"
        config_file.write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=True),
                               encoding="utf-8")
        _run_mkdocs(config_file, _epoch(raw))
        search_index.split_by_language(tmp / "site", codes)
        csp.apply(tmp / "site")
        headers.write_static_headers(tmp / "site")
        report, summary = catalogs.report()
        report += _estimator_report(project, codes)
        (tmp / "site" / REPORT_FILE).write_text(report, encoding="utf-8")
        if preparing is not None:
            preparing.join()
        manifest = _install_runtime(tmp / "site")
        _swap(tmp / "site", project.site)
        if publish_docs:
            _publish_docs(project, pages)
            # deploy/nginx.conf (committed): its policy lists the pages' inline scripts.
            headers.write_nginx_example(project.site, project.root / "deploy" / "nginx.conf")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    size = sum(p.stat().st_size for p in project.site.rglob("*") if p.is_file())
    return {"pages": len(renderer.pages), "languages": codes, "files": len(pages),
            "seconds": round(time.monotonic() - start, 1), "bytes": size,
            "summary": summary, "runtime": manifest is not None,
            "compressed": None if manifest is None else
            (manifest.compress_hits, manifest.compress_misses, manifest.compress_deferred)}


def build_site(project: Project | None = None) -> int:
    """Entry point for ``python build.py``: build, print a summary; 0 on success."""
    try:
        info = build(project)
    except BuildError as exc:
        print(f"site build failed: {exc}", file=sys.stderr)
        print("the previous site/ is unchanged", file=sys.stderr)
        return 1
    print(f"built {info['pages']} pages × {len(info['languages'])} languages "
          f"({', '.join(info['languages'])}) in {info['seconds']} s; "
          f"site/ is {info['bytes'] / 1e6:.1f} MB")
    print("translation:\n  " + info["summary"].replace("\n", "\n  ")
          + f"\n  (details: site/{REPORT_FILE})")
    if info["compressed"] is not None:
        hits, misses, deferred = info["compressed"]
        print(f"precompressed copies: {hits} reused from the build cache, "
              f"{misses} compressed now"
              + (f", {deferred} left for 'python build.py compress'" if deferred else ""))
    if not info["runtime"]:
        print("note: estimator runtime not installed (site_build/runtime.py absent, "
              "or SITE_SKIP_RUNTIME=1)")
    return 0


def serve(project: Project | None = None, host: str = "127.0.0.1", port: int = 8000) -> int:
    from .serve import serve_forever

    return serve_forever(project or Project(ROOT), host, port)
