"""Turn bundle values into page text for one language and one page.

Every figure becomes ``<span class="fig" data-path=… data-value=… data-unit=…>``
followed by its citation (document + article) and, where the data has one,
"How we read this". All words come from the catalogs or the bundle's labels.
"""

from __future__ import annotations

import posixpath
import re
import string
from decimal import Decimal
from typing import Any

from markupsafe import Markup, escape

from .cite import localize as localize_cite
from .config import SOURCE_LANGUAGE
from .data import figure_kind, is_dated, is_figure
from .i18n import Catalogs
from .links import estimate_query
from .numbers import percent_number, plain_number
from .ug_suffix import suffixed

# Units whose words take a singular form for 1 (catalog key "unit.<u>.one").
COUNTED_UNITS = ("days", "working_days", "months", "years", "count", "score", "items")




class _CaseFormatter(string.Formatter):
    """str.format, plus ``{name:abl}`` and the other Uyghur case names of
    :data:`estimator.ug_suffix.CASES`: the value with that case suffix attached."""

    def format_field(self, value: Any, format_spec: str) -> Any:
        if format_spec and re.fullmatch(r"[a-z]+", format_spec):
            return suffixed(value, format_spec)
        return super().format_field(value, format_spec)


_CASE_FORMATTER = _CaseFormatter()


class Formatter:
    """Formatting helpers bound to one language and one page (for relative links)."""

    def __init__(self, catalogs: Catalogs, lang: str, page_url: str,
                 documents: dict[str, dict[str, Any]],
                 parameters: dict[str, Any], *, form: dict[str, Any] | None = None) -> None:
        self.catalogs = catalogs
        self.lang = lang
        self.page_url = page_url
        self.documents = documents
        self.parameters = parameters
        self.form = form  # the estimator's describe_form(), for estimate links
        self.terms_seen: set[str] = set()

    # --- words ---------------------------------------------------------------
    def text(self, key: str, **kw: Any) -> str:
        """Catalog text without marker (titles, attributes)."""
        text, _ = self.catalogs.lookup(self.lang, key)
        return self._format(key, text, kw)

    def _format(self, key: str, text: str, kw: dict[str, Any]) -> str:
        try:
            return _CASE_FORMATTER.format(text, **kw)
        except (KeyError, IndexError) as exc:
            from .errors import BuildError
            raise BuildError(f"catalog key {key!r} ({self.lang}) needs the value {exc} "
                             f"that the template does not pass") from exc
        except ValueError as exc:
            from .errors import BuildError
            raise BuildError(f"catalog key {key!r} ({self.lang}): {exc}") from exc

    def msg(self, key: str, **kw: Any) -> Markup:
        """Catalog text as HTML; a Chinese fallback carries the marker.

        Keyword values that are Markup (figures, links) are inserted as HTML.
        """
        text, fallback = self.catalogs.lookup(self.lang, key)
        escaped = {k: v if isinstance(v, Markup) else escape(str(v)) for k, v in kw.items()}
        html = Markup(self._format(key, str(escape(text)), escaped))
        return self._marked(html) if fallback else html

    def _marked(self, html: Markup) -> Markup:
        title = self.text("i18n.fallback.title")
        badge = self.text("i18n.fallback.badge")
        return Markup('<span lang="zh">{}</span><span class="zh-badge" title="{}">{}</span>'
                      ).format(html, title, badge)

    def label(self, lab: dict[str, Any] | None) -> Markup:
        """A data label in this language, or the Chinese with the marker."""
        if lab is None:
            return Markup("")
        text = lab.get(self.lang)
        if text:
            return escape(text)
        self.catalogs.note_label_fallback(
            self.lang, f"/{self.page_url.strip('/')}: {lab.get('_path')}: {lab['zh']}")
        return self._marked(escape(lab["zh"]))

    def label_text(self, lab: dict[str, Any] | None) -> str:
        if lab is None:
            return ""
        return str(lab.get(self.lang) or lab["zh"])

    # --- links ----------------------------------------------------------------
    def url(self, page_id: str, anchor: str = "") -> str:
        """Relative URL from this page to page *page_id* ('' = home)."""
        target = "" if page_id in ("", "index") else page_id.strip("/")
        here = self.page_url.strip("/")
        rel = posixpath.relpath(target or ".", here or ".")
        out = "./" if rel == "." else rel + "/"
        return out + (f"#{anchor}" if anchor else "")

    def link(self, page_id: str, text: Any, anchor: str = "") -> Markup:
        return Markup('<a href="{}">{}</a>').format(self.url(page_id, anchor), text)

    def doc_link(self, doc_id: str) -> Markup:
        """A link to a document's page, named by its title."""
        return self.link(f"documents/{doc_id}",
                         self.label(self.documents[doc_id]["document"]["title"]))

    def term(self, term_id: str, text: Any = None) -> Markup:
        """A glossary term: the first time it appears on a page it links to the glossary
        and, where the catalog has one (glossary.<id>.short), carries a short
        explanation in brackets."""
        shown = text if text is not None else self.msg(f"glossary.{term_id}.name")
        if term_id in self.terms_seen:
            return Markup(shown)
        self.terms_seen.add(term_id)
        link = Markup('<a class="term" href="{}" title="{}">{}</a>').format(
            self.url("glossary", term_id), self.text("glossary.link.title"), shown)
        if self.catalogs.has(f"glossary.{term_id}.short"):
            link += Markup('<span class="term-short">{}</span>').format(
                self.msg("glossary.short", text=self.msg(f"glossary.{term_id}.short")))
        return link

    # --- numbers ----------------------------------------------------------------
    def number(self, value: Decimal | str, unit: str) -> str:
        v = Decimal(str(value))
        if unit == "rate":
            return self.text("fmt.percent", n=percent_number(v, self.lang))
        n = plain_number(v, self.lang)
        if unit == "plain":
            return n
        key = f"unit.{unit}"
        if unit in COUNTED_UNITS and v == 1 and self.catalogs.has(key + ".one"):
            key += ".one"
        return self.text(key, n=n)

    def money(self, value: Decimal | str) -> str:
        return self.text("unit.yuan", n=plain_number(Decimal(str(value)), self.lang))

    def points(self, value: Decimal | str) -> str:
        """A change of rate in percentage points (-0.20 → "-20 percentage points")."""
        v = Decimal(str(value))
        return self.text("fmt.points", n=("+" if v > 0 else "") + percent_number(v, self.lang))

    def date(self, iso: str | None) -> str:
        if not iso:
            return self.text("fmt.no_date")
        y, m, d = (int(x) for x in iso.split("-"))
        return self.text("fmt.date", y=y, m=m, d=d, mon=self.text(f"month.{m}"))

    def monthday(self, md: dict[str, Any]) -> str:
        m, d = int(md["month"]), int(md["day"])
        return self.text("fmt.monthday", m=m, d=d, mon=self.text(f"month.{m}"))

    # --- figures ----------------------------------------------------------------
    def doc_short(self, doc_id: str) -> str:
        header = self.documents[doc_id]["document"]
        return self.text(f"doc.short.{header.get('layer') or 'basic'}",
                         region=self.text(f"region.{header['region']}"),
                         year=header["effective"][:4])

    def cite(self, cite: str, doc_id: str | None, brief: bool = False) -> Markup:
        """Document and article, linked to the document's page. *brief* (inside a
        table whose caption names the document): the article only."""
        if doc_id is None or doc_id not in self.documents:
            return Markup('<span class="cite" lang="zh">{}</span>').format(cite)
        header = self.documents[doc_id]["document"]
        short = Markup("") if brief else Markup("<span>{}</span> ").format(
            self.doc_short(doc_id))
        # In the reader's language (24-ماددا (4) 1, Art. 24 (4) 1), the Chinese beside it.
        local = None if self.lang == SOURCE_LANGUAGE else localize_cite(cite, self.text)
        # <bdi>: each part keeps its own direction inside a right-to-left line.
        article = (Markup('<bdi class="cite-local">{}</bdi> <bdi lang="zh" class="cite-zh">'
                          '{}</bdi>').format(local, cite) if local
                   else Markup('<span lang="zh">{}</span>').format(cite))
        return Markup('<a class="cite" href="{}" title="{}" data-doc="{}">{}{}</a>').format(
            self.url(f"documents/{doc_id}"), f"{self.label_text(header['title'])} {cite}",
            doc_id, short, article)

    def reading(self, fig: dict[str, Any]) -> Markup:
        if not fig.get("reading"):
            return Markup("")
        return Markup('<details class="reading"><summary>{}</summary><p>{}</p></details>').format(
            self.msg("fig.reading"), self.label(fig["reading"]))

    def value_text(self, fig: dict[str, Any]) -> Markup:
        """What the figure says, in words, without citation."""
        kind = figure_kind(fig)
        if kind == "amount":
            return escape(self.number(fig["value"], fig["unit"]))
        if kind == "deferred_to":
            return self.msg("fig.deferred", who=self.label(fig["deferred_to"]))
        if kind == "unlimited":
            # "No limit" with conditions (e.g. only a band of costs is paid) must not
            # read as "pays without limit": say only that no separate cap is set.
            return self.msg("fig.unlimited.qualified" if fig.get("conditions")
                            else "fig.unlimited")
        if kind == "same_as_inpatient":
            return self.msg("fig.same_as_inpatient")
        if kind == "inpatient_fraction":
            return self.msg("fig.inpatient_fraction",
                            pct=self.number(fig["inpatient_fraction"], "rate"))
        # fraction_of an external parameter, with its amount when staff supplied it
        region = self.documents[fig["_doc"]]["document"]["region"]
        param = self.parameters.get(fig["fraction_of"], {}).get(region) or {}
        pct = self.number(fig["value"], "rate")
        of = self.label(param.get("label")) if param else escape(fig["fraction_of"])
        if param.get("value") is not None:
            amount = Decimal(str(param["value"])) * Decimal(str(fig["value"]))
            return self.msg("fig.fraction_known", pct=pct, of=of,
                            amount=self.money(amount.quantize(Decimal("0.01"))),
                            year=param.get("year") or "")
        return self.msg("fig.fraction", pct=pct, of=of)

    def provisos(self, obj: dict[str, Any] | None, *, brief: bool = False,
                 same_cite: str | None = None) -> Markup:
        """The conditions a figure, row or benefit holds under (data key ``conditions``),
        each with its article unless it is the article already shown beside it."""
        if not obj or not obj.get("conditions"):
            return Markup("")
        parts = []
        for c in obj["conditions"]:
            cite = (Markup("") if c["cite"] == same_cite
                    else Markup(" ") + self.cite(c["cite"], c.get("_doc"), brief))
            parts.append(Markup('<span class="cond" data-cond="{}">{}{}</span>').format(
                c["id"], self.msg("cond.item", text=self.label(c["label"])), cite))
        return Markup(" ").join(parts)

    def fig(self, fig: dict[str, Any] | None, *, cite: bool = True,
            brief: bool = False, own_dates: bool = True) -> Markup:
        """A figure with its data attributes, citation, own dates and reading."""
        if fig is None:
            return Markup('<span class="fig-none">{}</span>').format(self.text("fig.none"))
        if is_dated(fig):
            return self.dated(fig, cite=cite, brief=brief)
        if not is_figure(fig):
            return self.rate(fig, brief=brief)
        kind = figure_kind(fig)
        value = fig.get("value", fig.get("inpatient_fraction", ""))
        css = "fig" if kind == "amount" else "fig gap"
        html = Markup('<span class="{}" data-path="{}" data-kind="{}" data-value="{}" '
                      'data-unit="{}">{}</span>').format(
            css, fig["_path"], kind, value if value is not None else "", fig["unit"],
            self.value_text(fig))
        if own_dates:
            html += self._own_dates(fig)
        if kind == "deferred_to" and fig.get("ask"):
            html += Markup(' <span class="fig-ask">{}</span>').format(
                self.msg("gap.ask", what=self.label(fig["ask"])))
        if cite:
            html += Markup(" ") + self.cite(fig["cite"], fig.get("_doc"), brief)
        if fig.get("conditions"):
            html += Markup(" ") + self.provisos(fig, brief=brief,
                                                same_cite=fig["cite"] if cite else None)
        return html + self.reading(fig)

    def dated(self, fig: dict[str, Any], *, cite: bool = True, brief: bool = False) -> Markup:
        """A figure whose value changes by date: "until 30 June 2026: 90% · from 1 July
        2026: 85%", each value with its own citation (an amendment's links to it)."""
        values = fig["values"]
        parts = []
        for i, value in enumerate(values):
            shown = self.fig(value, cite=cite, brief=brief and not value.get("document"),
                             own_dates=False)
            if i == 0:
                until = value["effective_until"]
                parts.append(self.msg("fig.dated.until", date=self.date(until), value=shown)
                             if until else shown)
            elif i == len(values) - 1:
                parts.append(self.msg("fig.dated.from", date=self.date(value["effective_from"]),
                                      value=shown))
            else:
                parts.append(self.msg("fig.dated.between",
                                      start=self.date(value["effective_from"]),
                                      end=self.date(value["effective_until"]), value=shown))
        return Markup('<span class="fig-dated" data-path="{}">{}</span>').format(
            fig.get("_path", ""), Markup(" · ").join(parts))

    def _own_dates(self, fig: dict[str, Any]) -> Markup:
        doc_id = fig.get("_doc")
        if not doc_id or "effective_from" not in fig:
            return Markup("")
        header = self.documents[doc_id]["document"]
        parts = []
        if fig["effective_from"] and fig["effective_from"] != header["effective"]:
            parts.append(self.text("fig.from", date=self.date(fig["effective_from"])))
        if fig.get("effective_until") and fig["effective_until"] != header["expires"]:
            parts.append(self.text("fig.until", date=self.date(fig["effective_until"])))
        if not parts:
            return Markup("")
        return Markup(' <span class="fig-dates">({})</span>').format(
            self.text("list.clause_sep").join(parts))

    def rate(self, rate: dict[str, Any] | None, brief: bool = False) -> Markup:
        """A rate: one figure, a banded schedule, or rates by employment status."""
        if rate is None:
            return self.fig(None)
        if is_figure(rate) or is_dated(rate):
            return self.fig(rate, brief=brief)
        if "bands" in rate:
            return self.bands(rate, brief)
        if "by_employment" in rate:
            items = [Markup("<li>{}: {}</li>").format(self.msg(f"employment.{k}"),
                                                      self.rate(v, brief))
                     for k, v in sorted(self.items(rate["by_employment"]))]
            return Markup('<ul class="by-employment">{}</ul>').format(Markup("").join(items))
        return escape(str({k: v for k, v in rate.items() if not k.startswith("_")}))

    def bands(self, bands: dict[str, Any], brief: bool = False) -> Markup:
        rows = []
        low: Any = None
        for band in bands["bands"]:
            up = band["up_to"]
            if low is None and up is not None:
                span = self.msg("bands.up_to", high=self.fig(up, brief=brief))
            elif up is None:
                span = self.msg("bands.above", low=self.fig(low, cite=False))
            else:
                span = self.msg("bands.between", low=self.fig(low, cite=False),
                                high=self.fig(up, brief=brief))
            rows.append(Markup("<li>{}: {}</li>").format(span, self.fig(band["rate"],
                                                                        brief=brief)))
            low = up
        return Markup('<div class="bands"><p>{}</p><ul>{}</ul></div>').format(
            self.msg(f"bands.measured_on.{bands['measured_on']}"), Markup("").join(rows))

    @staticmethod
    def items(mapping: dict[str, Any] | None) -> list[tuple[str, Any]]:
        """A mapping's real entries (annotation keys removed), sorted by key."""
        if not mapping:
            return []
        return sorted((k, v) for k, v in mapping.items() if not k.startswith("_"))

    def is_source(self) -> bool:
        return self.lang == SOURCE_LANGUAGE

    # --- page pieces -------------------------------------------------------------
    def figure_name(self, key: str) -> Markup:
        """The name of a fact's figure (catalog "figure.<key>"); the raw key, reported,
        when the catalog does not name it yet."""
        if self.catalogs.has(f"figure.{key}"):
            return self.msg(f"figure.{key}")
        self.catalogs.note_label_fallback(self.lang, f"figure name without catalog key: "
                                                     f"figure.{key}")
        return Markup("<code>{}</code>").format(key)

    def term_heading(self, field: str) -> Markup:
        """A column heading for a figure field, linked to the glossary where it has an entry."""
        terms = {"deductible": "deductible", "rate": "rate", "annual_cap": "annual_cap"}
        text = self.msg(f"col.{field}")
        return self.term(terms[field], text) if field in terms else text

    def estimate_href(self, scope: Any, kind: str | None = None) -> str:
        """The estimator opened on this page's region, scheme and (on a benefit page)
        kind of care, as far as it offers them."""
        return self.url("estimator") + estimate_query(self.form, scope.region, scope.scheme,
                                                      kind)

    def estimate_link(self, scope: Any, kind: str | None = None) -> Markup:
        """The "work it out yourself" button (see estimate_href)."""
        href = self.estimate_href(scope, kind)
        return Markup('<a class="md-button estimate" href="{}">{}</a>').format(
            href, self.msg("estimate.link"))

    def conditions(self, when: dict[str, Any]) -> Markup:
        """An adjustment's conditions in words."""
        parts: list[Markup] = []
        for key in ("referral", "out_of_area", "out_of_area_registered", "civil_servant"):
            if when.get(key) is not None:
                parts.append(self.msg(f"cond.{key}.{'yes' if when[key] else 'no'}"))
        if when.get("age_at_least") is not None:
            parts.append(self.msg("cond.age_at_least", n=when["age_at_least"]))
        sep = Markup(self.text("list.sep"))
        if when.get("employment"):
            parts.append(sep.join(self.msg(f"employment.{e}") for e in when["employment"]))
        if when.get("facilities"):
            parts.append(sep.join(self.msg(f"facility.{f}") for f in when["facilities"]))
        return sep.join(parts) if parts else self.msg("cond.always")

    def ask(self, who: list[str]) -> Markup:
        """Who to ask, from the controlled list of offices (catalog ask.<id>)."""
        return Markup(self.text("list.sep")).join(self.msg(f"ask.{w}") for w in who)

    def points_fig(self, fig: dict[str, Any]) -> Markup:
        """A rate change, shown in percentage points, with citation and reading."""
        if figure_kind(fig) != "amount":
            return self.fig(fig)
        html = Markup('<span class="fig" data-path="{}" data-kind="amount" data-value="{}" '
                      'data-unit="{}">{}</span> ').format(fig["_path"], fig["value"],
                                                         fig["unit"], self.points(fig["value"]))
        html += self.cite(fig["cite"], fig.get("_doc"))
        if fig.get("conditions"):
            html += Markup(" ") + self.provisos(fig, same_cite=fig["cite"])
        return html + self.reading(fig)

    def source_url(self) -> str:
        """From this page to the same page in Chinese (the default language, site root)."""
        depth = len([p for p in self.page_url.split("/") if p]) + 1
        return "../" * depth + (self.page_url.strip("/") + "/" if self.page_url else "")

    def generated_from(self, docs: list[dict[str, Any]]) -> Markup:
        files = Markup(self.text("list.sep")).join(
            Markup("<code>policy_data/{}.yaml</code>").format(d["document"]["id"])
            for d in docs)
        return Markup('<p class="generated">{}</p>').format(
            self.msg("page.generated", files=files))
