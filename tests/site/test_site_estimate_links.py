"""Issue 13, item 1: every estimate link on a region or benefit page opens the
estimator on that page's region, scheme and kind of care, and names only what the
estimator offers (``describe_form()``), in every language."""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from sitehelpers import LANGS
from sitehtml import Element, parse

import estimator

# The benefit pages whose kind of care the estimator computes (slug → kind).
PAGE_KINDS = {"inpatient": "inpatient", "outpatient": "outpatient", "chronic": "chronic",
              "two-diseases": "two_diseases", "maternity": "maternity",
              "day-surgery": "day_surgery", "tuberculosis": "tuberculosis",
              "special-drugs": "special_drugs"}


@pytest.fixture(scope="module")
def form() -> dict[str, Any]:
    return estimator.describe_form()


def _lang_and_path(site: Path, page: Path) -> tuple[str, list[str]]:
    parts = list(page.parent.relative_to(site).parts)
    if parts and parts[0] in LANGS:
        return parts[0], parts[1:]
    return "zh", parts


def _descendants(el: Element) -> list[Element]:
    out = []
    for child in el.children:
        out.append(child)
        out += _descendants(child)
    return out


def _estimator_links(site: Path, page: Path) -> list[tuple[Element, str, bool]]:
    """(link, the folder it points to relative to the site, inside the page's article)."""
    elements = parse(page.read_text(encoding="utf-8"))
    article = {id(e) for a in elements if a.tag == "article" for e in _descendants(a)}
    here = page.parent.relative_to(site).as_posix()
    found = []
    for el in elements:
        href = el.attrs.get("href") if el.tag == "a" else None
        if href is None:
            continue
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path:
            continue
        target = posixpath.normpath(posixpath.join(here, parts.path)).strip("/")
        if target.split("/")[-1] == "estimator" or target == "estimator":
            found.append((el, target, id(el) in article))
    return found


def _expected(form: dict[str, Any], region: str, scheme: str,
              slug: str | None) -> dict[str, str]:
    """What a link on this page should ask for: the page's region, scheme and kind,
    each only where the estimator offers it."""
    schemes = form["regions"].get(region)
    if not schemes:
        return {}
    out = {"region": region}
    if scheme not in schemes:
        return out
    out["scheme"] = scheme
    kind = PAGE_KINDS.get(slug or "")
    if kind and schemes[scheme]["kinds"].get(kind, {}).get("status") == "ok":
        out["kind"] = kind
    return out


@pytest.mark.parametrize("lang", LANGS)
def test_issue13_item1_estimate_links_open_the_page_region_scheme_and_kind(
        site: Path, form: dict[str, Any], lang: str) -> None:
    prefix = "" if lang == "zh" else f"{lang}/"
    checked: dict[str, int] = {}
    with_kind = set()
    wrong = []
    for page in sorted(site.rglob("*.html")):
        page_lang, path = _lang_and_path(site, page)
        if page_lang != lang or page.name == "404.html":
            continue  # the one 404 page serves every language (its menu is English)
        where = "/".join(path)
        region_page = len(path) >= 2 and path[0] in ("hotan", "kizilsu", "wuwei", "honghe") \
            and path[1] in ("resident", "employee")
        expected = _expected(form, path[0], path[1], path[2] if len(path) > 2 else None) \
            if region_page else {}
        for el, target, in_article in _estimator_links(site, page):
            query = urlsplit(el.attrs["href"]).query
            asked = {k: v[-1] for k, v in parse_qs(query, keep_blank_values=True).items()}
            if "hreflang" in el.attrs:
                # The language menu: the same page in another language, no query.
                assert not query, (where, el.attrs)
                continue
            if target != prefix + "estimator":
                wrong.append(f"{where}: {el.attrs['href']} leaves the {lang} pages")
            if not (in_article or query):
                continue  # the navigation's plain link to the estimator
            if asked != expected:
                wrong.append(f"{where}: {el.attrs['href']} asks {asked}, expected {expected}")
            # Only values the estimator offers (the form would otherwise replace them).
            if "region" in asked:
                offered = form["regions"].get(asked["region"], {})
                assert offered, (where, asked)
                if "scheme" in asked:
                    assert asked["scheme"] in offered, (where, asked)
                    if "kind" in asked:
                        kinds = offered[asked["scheme"]]["kinds"]
                        assert kinds[asked["kind"]]["status"] == "ok", (where, asked)
                        with_kind.add(asked["kind"])
            checked[where] = checked.get(where, 0) + 1
    assert not wrong, "\n".join(wrong[:30])
    # Every benefit page (but the exclusions) of every region and scheme has its link.
    for region, schemes in form["regions"].items():
        for scheme in schemes:
            for slug in list(PAGE_KINDS) + ["major-illness", "assistance", "referral"]:
                assert checked.get(f"{region}/{scheme}/{slug}"), (lang, region, scheme, slug)
    assert "kizilsu/employee/inpatient" in checked
    assert {"inpatient", "outpatient", "chronic", "maternity", "day_surgery"} <= with_kind


def test_issue13_item1_a_kind_the_region_does_not_compute_is_left_out(
        site: Path, form: dict[str, Any]) -> None:
    """Wuwei's inpatient schedule is set elsewhere (not computable): its inpatient page
    opens Wuwei residents without a kind; Hotan has no day-surgery rules."""
    assert form["regions"]["wuwei"]["resident"]["kinds"]["inpatient"]["status"] != "ok"
    for page, query in (("wuwei/resident/inpatient", "region=wuwei&scheme=resident"),
                        ("hotan/resident/day-surgery", "region=hotan&scheme=resident"),
                        ("kizilsu/employee/inpatient",
                         "region=kizilsu&scheme=employee&kind=inpatient")):
        html = (site / page / "index.html").read_text(encoding="utf-8")
        assert f'estimator/?{query.replace("&", "&amp;")}"' in html, page
