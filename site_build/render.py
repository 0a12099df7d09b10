"""Render the page templates (templates/*.md.j2, Jinja2 with StrictUndefined)
into Markdown, one file per page and language.

The page list comes from the bundle: a set of pages per region and scheme some
document covers, one page per source document, and the shared pages.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from . import changes
from .config import SOURCE_LANGUAGE
from .data import (
    BENEFIT_PAGES,
    compare_rows,
    figure_kind,
    is_deferred,
    is_figure,
    scopes,
)
from .errors import BuildError
from .examples import Estimate, Examples
from .fmt import Formatter
from .glossary import Term
from .i18n import Catalogs
from .links import KIND_OF_PAGE


@dataclass(frozen=True)
class PageSpec:
    id: str                       # URL path without slashes; "" is the home page
    template: str
    title_key: str
    title_args: dict[str, str] = field(default_factory=dict)  # values are catalog keys
    context: dict[str, Any] = field(default_factory=dict)

    @property
    def src(self) -> str:
        if not self.id:
            return "index.md"
        if self.template == "overview.md.j2":
            return f"{self.id}/index.md"
        return f"{self.id}.md"

    def src_for(self, lang: str) -> str:
        return self.src if lang == SOURCE_LANGUAGE else self.src[:-3] + f".{lang}.md"


def page_specs(bundle: dict[str, Any],
               history: dict[str, list[Any]] | None = None) -> list[PageSpec]:
    pages = [PageSpec("", "home.md.j2", "page.home.title")]
    for region in bundle["regions"]:
        rid = region["id"]
        pages.append(PageSpec(f"{rid}/changes", "changes.md.j2", "page.changes.title",
                              {"region": f"region.{rid}"},
                              {"region": rid, "changes": (history or {}).get(rid, []),
                               "region_docs": [d for d in bundle["documents"]
                                               if d["document"]["region"] == rid]}))
    for scope in scopes(bundle):
        args = {"region": f"region.{scope.region}", "scheme": f"scheme.{scope.scheme}"}
        ctx = {"scope": scope}
        pages.append(PageSpec(scope.id, "overview.md.j2", "page.overview.title", args, ctx))
        pages.append(PageSpec(f"{scope.id}/benefits", "benefits.md.j2", "page.benefits.title",
                              args, ctx))
        for slug, families in BENEFIT_PAGES:
            pages.append(PageSpec(f"{scope.id}/{slug}", f"benefit-{slug}.md.j2",
                                  f"page.{slug}.title", args,
                                  {**ctx, "slug": slug, "families": families}))
    pages.append(PageSpec("compare", "compare.md.j2", "page.compare.title"))
    for doc in bundle["documents"]:
        pages.append(PageSpec(f"documents/{doc['document']['id']}", "document.md.j2",
                              "page.document.title", {}, {"doc": doc}))
    pages.append(PageSpec("glossary", "glossary.md.j2", "page.glossary.title"))
    pages.append(PageSpec("estimator", "estimator.md.j2", "page.estimator.title"))
    # Shown by the service worker, offline, for a page not saved (not in the navigation).
    pages.append(PageSpec("offline", "offline.md.j2", "page.offline.title"))
    return pages


def environment(templates: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.do"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.tests["figure"] = is_figure
    env.tests["deferred"] = is_deferred
    env.filters["kind"] = figure_kind
    return env


def front_matter(spec: PageSpec, title: str) -> dict[str, Any]:
    meta: dict[str, Any] = {"title": title}
    if spec.template == "estimator.md.j2":
        # overrides/main.html then starts Python from the page's <head>.
        meta["estimator_runtime"] = "start"
    if spec.template == "offline.md.j2":
        meta["search"] = {"exclude": True}
    return meta


class Renderer:
    def __init__(self, templates: Path, bundle: dict[str, Any], catalogs: Catalogs,
                 estimate: Estimate | None, form: dict[str, Any] | None = None,
                 glossary: list[Term] | None = None, *,
                 data_dir: Path | None = None) -> None:
        """*data_dir*: the policy_data/ folder whose samples/ the "what changed" pages run
        (through the estimator this process imports); None: those pages show no cases."""
        self.env = environment(templates)
        self.bundle = bundle
        self.catalogs = catalogs
        for region in bundle["regions"]:   # names from the registry, regions.yaml
            catalogs.define(f"region.{region['id']}", region["name"],
                            "policy_data/regions.yaml")
        self.estimate = estimate
        self.form = form  # the estimator's describe_form(): what estimate links may ask
        # locales/glossary.tsv: the glossary page explains the entries marked for it, in
        # the file's order, and lists every concept's term (catalog keys glossary.<id>.*).
        self.glossary = glossary or []
        self.documents = {d["document"]["id"]: d for d in bundle["documents"]}
        self.scopes = scopes(bundle)
        self.history = changes.load_history(bundle, data_dir if estimate else None)
        self.pages = page_specs(bundle, self.history)
        self.compare = compare_rows(self.scopes)

    def title(self, spec: PageSpec, fmt: Formatter) -> str:
        if spec.template == "document.md.j2":
            return fmt.label_text(spec.context["doc"]["document"]["title"])
        args = {k: fmt.text(v) for k, v in spec.title_args.items()}
        return fmt.text(spec.title_key, **args)

    def render(self, spec: PageSpec, lang: str, languages: list[str]) -> str:
        fmt = Formatter(self.catalogs, lang, spec.id, self.documents,
                        self.bundle["parameters"], form=self.form)
        page_kind = KIND_OF_PAGE.get(spec.context.get("slug", ""))
        examples = Examples(self.estimate, fmt)
        title = self.title(spec, fmt)
        context = {
            **spec.context,
            "lang": lang,
            "languages": languages,
            "is_source": lang == SOURCE_LANGUAGE,
            "page_id": spec.id,
            "title": title,
            "front_matter": Markup(json.dumps(front_matter(spec, title), ensure_ascii=False)),
            "scopes": self.scopes,
            "documents": self.bundle["documents"],
            "benefit_pages": BENEFIT_PAGES,
            "glossary": [t.key for t in self.glossary if t.on_page],
            "glossary_terms": [t for t in self.glossary if t.listed],
            "example_available": self.estimate is not None,
            # helpers
            "_": fmt.msg,
            "t": fmt.text,
            "label": fmt.label,
            "label_text": fmt.label_text,
            "fig": fmt.fig,
            "rate": fmt.rate,
            "cite": fmt.cite,
            "reading": fmt.reading,
            "money": fmt.money,
            "number": fmt.number,
            "points": fmt.points,
            "date": fmt.date,
            "monthday": fmt.monthday,
            "url": fmt.url,
            "link": fmt.link,
            "term": fmt.term,
            "items": fmt.items,
            "doc_short": fmt.doc_short,
            "doc_link": fmt.doc_link,
            "example": examples.render,
            "figure_name": fmt.figure_name,
            "term_heading": fmt.term_heading,
            "estimate_link": lambda scope: fmt.estimate_link(scope, page_kind),
            "estimate_href": lambda scope: fmt.estimate_href(scope, page_kind),
            "conditions": fmt.conditions,
            "provisos": fmt.provisos,
            "ask": fmt.ask,
            "has": lambda mapping: bool(fmt.items(mapping)),
            "points_fig": fmt.points_fig,
            "generated_from": fmt.generated_from,
            "source_url": fmt.source_url(),
            "compare_rows": self.compare,
            "targs": lambda args: {k: fmt.text(v) for k, v in args.items()},
            "zh": lambda key: self.catalogs.lookup(SOURCE_LANGUAGE, key)[0],
            "figure_title": lambda change: changes.figure_title(fmt, change),
            "case_title": lambda case: changes.case_title(fmt, case),
            "case_effect": lambda change, day, before: changes.case_effect(fmt, change, day,
                                                                           before),
            "case_changed": changes.changed,
            "doc_links": lambda ids: Markup(fmt.text("list.sep")).join(
                fmt.doc_link(d) for d in ids),
        }
        try:
            template = self.env.get_template(spec.template)
            return template.render(context)
        except jinja2.TemplateNotFound as exc:
            raise BuildError(f"templates/{exc.name}: template not found "
                             f"(needed for page {spec.id or 'home'!r})") from exc
        except jinja2.TemplateSyntaxError as exc:
            raise BuildError(f"templates/{exc.name}:{exc.lineno}: {exc.message}") from exc
        except jinja2.UndefinedError as exc:
            raise BuildError(f"{_where(exc)}: unknown template marker: {exc.message} "
                             f"(page {spec.id or 'home'!r}, {lang})") from exc

    def render_all(self, languages: list[str]) -> dict[str, str]:
        """Every page in every language: {relative .md path: text}."""
        out: dict[str, str] = {}
        for spec in self.pages:
            for lang in languages:
                out[spec.src_for(lang)] = self.render(spec, lang, languages)
        return out

    def nav(self, lang: str) -> tuple[list[Any], dict[str, str]]:
        """The navigation (in Chinese titles) and this language's translations of them."""
        fmt = Formatter(self.catalogs, lang, "", self.documents, self.bundle["parameters"])
        src = Formatter(self.catalogs, SOURCE_LANGUAGE, "", self.documents,
                        self.bundle["parameters"])
        translations: dict[str, str] = {}

        def section(key: str) -> str:
            translations[src.text(key)] = fmt.text(key)
            return src.text(key)

        by_id = {p.id: p for p in self.pages}
        nav: list[Any] = [by_id[""].src]
        regions: dict[str, list[Any]] = {}
        for scope in self.scopes:
            items: list[Any] = [by_id[scope.id].src]
            items += [{section(f"page.{slug}.title.short"): by_id[f"{scope.id}/{slug}"].src}
                      for slug in ["benefits"] + [s for s, _ in BENEFIT_PAGES]]
            regions.setdefault(scope.region, []).append(
                {section(f"scheme.{scope.scheme}"): items})
        for region, schemes in regions.items():
            changed = {section("page.changes.title.short"): by_id[f"{region}/changes"].src}
            nav.append({section(f"region.{region}"): [*schemes, changed]})
        nav.append(by_id["compare"].src)
        nav.append({section("nav.documents"): [p.src for p in self.pages
                                               if p.id.startswith("documents/")]})
        nav.append(by_id["glossary"].src)
        nav.append(by_id["estimator"].src)
        return nav, dict(sorted(translations.items()))


def _where(exc: BaseException) -> str:
    """templates/<file>:<line> of the innermost template frame of a Jinja error."""
    tb = exc.__traceback__
    where = "templates"
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith(".j2"):
            where = f"templates/{Path(name).name}:{tb.tb_lineno}"
        tb = tb.tb_next
    return where
