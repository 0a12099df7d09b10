"""What a resident reads, page by page and document by document: no empty table,
no raw data key, no doubled word and no English word on a Chinese page; every
condition the data attaches to a figure, a row or a benefit appears with it; the
overview states who has to wait (the document's trigger, e.g. 和田办法 第八条);
every Hotan and Kizilsu benefit page ends with "what to do, where to go, what to
bring"."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sitehelpers import LANGS
from sitehtml import Element, parse

BENEFIT_SLUGS = ("inpatient", "outpatient", "chronic", "two-diseases", "maternity",
                 "day-surgery", "tuberculosis", "special-drugs", "major-illness", "assistance",
                 "referral", "exclusions")
DOCUMENT_IDS = ("hotan_resident_2025", "hotan_assistance_2025", "kizilsu_2025",
                "wuwei_resident_2025", "honghe_resident_2022")
# Latin words a Chinese page may carry: names of apps and machines the documents use,
# and the names of tests the Kizilsu annexes list (附件1 一（七）2, 附件2 一（九）2).
ALLOWED_LATIN = {"APP", "POS", "MTD", "rpoB"}
# Doubled words the documents themselves use.
ALLOWED_DOUBLES: set[str] = set()


def prefix(lang: str) -> str:
    return "" if lang == "zh" else f"{lang}/"


def html_of(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def doc_of(bundle: dict[str, Any], doc_id: str) -> dict[str, Any]:
    return next(d for d in bundle["documents"] if d["document"]["id"] == doc_id)


def pages_of(bundle: dict[str, Any], doc_id: str) -> list[str]:
    """The pages built from one document: its region's pages for each of its schemes."""
    header = doc_of(bundle, doc_id)["document"]
    pages = [f"documents/{doc_id}/"]
    for scheme in header["schemes"]:
        base = f"{header['region']}/{scheme}/"
        pages += [base, base + "benefits/"] + [f"{base}{s}/" for s in BENEFIT_SLUGS]
    return pages


def resolve(bundle: dict[str, Any], path: str) -> Any:
    node: Any = bundle
    for part in path.strip("/").split("/"):
        node = node[int(part)] if isinstance(node, list) else node[part]
    return node


def article(html: str) -> Element:
    """The page's own content (not the theme's navigation)."""
    found = [e for e in parse(html) if e.tag == "article"]
    assert found, "no <article> on the page"
    return found[0]


def reader_text(el: Element) -> str:
    """The text a reader sees in *el*, without the "generated from" line and code."""
    text = el.text
    for e in walk(el):
        if e.tag in ("code", "script", "style") or "generated" in e.classes:
            text = text.replace(e.text, " ", 1)
    return text


def walk(el: Element) -> Iterator[Element]:
    yield el
    for child in el.children:
        yield from walk(child)


def cond_ids(el: Element) -> set[str]:
    return {e.attrs["data-cond"] for e in walk(el) if "data-cond" in e.attrs}


# --- per document: no empty table, no raw key, no doubled word, no English --------
@pytest.mark.parametrize("doc_id", DOCUMENT_IDS)
def test_pages_of_each_document_have_no_empty_table(site: Path, site_bundle: dict[str, Any],
                                                    doc_id: str) -> None:
    for lang in LANGS:
        for page in pages_of(site_bundle, doc_id):
            for table in (e for e in walk(article(html_of(site, prefix(lang) + page)))
                          if e.tag == "table"):
                rows = [e for e in walk(table) if e.tag == "tr"
                        and any(c.tag == "td" for c in e.children)]
                heads = [e for e in walk(table) if e.tag == "tbody"]
                assert rows or not heads, f"{doc_id}: empty table on {lang}/{page}"


@pytest.mark.parametrize("doc_id", DOCUMENT_IDS)
def test_pages_of_each_document_show_no_raw_data_key(site: Path, site_bundle: dict[str, Any],
                                                     doc_id: str) -> None:
    for lang in LANGS:
        for page in pages_of(site_bundle, doc_id):
            text = reader_text(article(html_of(site, prefix(lang) + page)))
            raw = re.findall(r"\b[a-z]+(?:_[a-z0-9]+)+\b", text)
            assert not raw, f"{doc_id}: raw data key {raw[:3]} on {lang}/{page}"
            assert not re.search(r"\b(?:limited|unlimited|None|null|True|False)\b", text) \
                or lang == "en", f"{doc_id}: machine word on {lang}/{page}"


@pytest.mark.parametrize("doc_id", DOCUMENT_IDS)
def test_chinese_pages_of_each_document_have_no_doubled_word(site: Path,
                                                             site_bundle: dict[str, Any],
                                                             doc_id: str) -> None:
    """E.g. "执行执行" (武威 第十七条 deferral) must not come back."""
    for page in pages_of(site_bundle, doc_id):
        text = reader_text(article(html_of(site, page)))
        doubles = {m.group(0) for m in re.finditer(r"([\u4e00-\u9fff]{2,4})\1", text)}
        assert not doubles - ALLOWED_DOUBLES, f"{doc_id}: doubled {doubles} on {page}"


@pytest.mark.parametrize("doc_id", DOCUMENT_IDS)
def test_chinese_pages_of_each_document_have_no_english_word(site: Path,
                                                             site_bundle: dict[str, Any],
                                                             doc_id: str) -> None:
    for page in pages_of(site_bundle, doc_id):
        text = reader_text(article(html_of(site, page)))
        words = {w for w in re.findall(r"[A-Za-z]{2,}", text)} - ALLOWED_LATIN
        assert not words, f"{doc_id}: English {sorted(words)[:5]} on Chinese page {page}"


# --- conditions belong to the figure ---------------------------------------------
def _parents(root: Element) -> dict[int, Element]:
    out: dict[int, Element] = {}
    for el in walk(root):
        for child in el.children:
            out[id(child)] = el
    return out


def _row(el: Element, parents: dict[int, Element]) -> Element:
    """The table row, list item or paragraph that holds *el*."""
    node = el
    while id(node) in parents and node.tag not in ("tr", "li", "p"):
        node = parents[id(node)]
    return node


def test_every_condition_is_shown_with_its_figure_row_or_benefit(
        site: Path, site_bundle: dict[str, Any]) -> None:
    """A figure or tier that carries conditions (data key ``conditions``) is never
    shown without them: each condition's id is in the same table row or list item
    (e.g. 和田 第二十四条（四） 每次住院, 克州 附件2 一（十一）2、3 长期备案)."""
    checked = 0
    pages = sorted({p for d in DOCUMENT_IDS for p in pages_of(site_bundle, d)}) + ["compare/"]
    for lang in LANGS:
        for page in pages:
            root = article(html_of(site, prefix(lang) + page))
            parents = _parents(root)
            for el in walk(root):
                path = el.attrs.get("data-path")
                if not path:
                    continue
                obj = resolve(site_bundle, path)
                if not isinstance(obj, dict) or not obj.get("conditions"):
                    continue
                want = {c["id"] for c in obj["conditions"]}
                row = _row(el, parents) if el.tag == "span" else el
                missing = want - cond_ids(row)
                assert not missing, (f"{lang}/{page}: {path} ({obj.get('cite')}) is shown "
                                     f"without its condition(s) {sorted(missing)}")
                checked += 1
    assert checked > 50


def test_benefit_conditions_open_the_benefit(site: Path, site_bundle: dict[str, Any]) -> None:
    """A benefit's own conditions (e.g. 和田 第二十五条: only at 定点 hospitals) are listed
    under its heading on its page."""
    slugs = {"inpatient": "inpatient", "outpatient": "outpatient", "chronic": "chronic",
             "two_diseases": "two-diseases", "maternity": "maternity",
             "day_surgery": "day-surgery", "tuberculosis": "tuberculosis",
             "special_drugs": "special-drugs", "major_illness": "major-illness",
             "supplementary": "major-illness", "assistance": "assistance"}
    checked = 0
    for doc in site_bundle["documents"]:
        region = doc["document"]["region"]
        for scheme, rules in doc["schemes"].items():
            for family, slug in slugs.items():
                b = rules.get(family)
                if not isinstance(b, dict) or not b.get("conditions"):
                    continue
                html = html_of(site, f"{region}/{scheme}/{slug}/")
                shown = {e.attrs["data-cond"] for e in parse(html) if "data-cond" in e.attrs}
                want = {c["id"] for c in b["conditions"]}
                assert want <= shown, (doc["document"]["id"], family, sorted(want - shown))
                checked += 1
    assert checked >= 10


# --- the waiting period: the real trigger, per region -------------------------------
WAITING_ARTICLE = {"hotan": "第八条", "kizilsu": "附件2 一（一）4（1）", "wuwei": "第九条",
                   "honghe": "第三十六条"}


def _waiting_rules(bundle: dict[str, Any], region: str) -> tuple[str, dict[str, Any]]:
    for doc in bundle["documents"]:
        if doc["document"]["region"] != region:
            continue
        en = (doc["schemes"].get("resident") or {}).get("enrollment") or {}
        if en.get("waiting_period"):
            return doc["document"]["id"], en["waiting_period"]
    raise AssertionError(f"{region}: no waiting-period rules")


@pytest.mark.parametrize("region", sorted(WAITING_ARTICLE))
def test_overview_states_who_waits_as_the_document_does(site: Path,
                                                        site_bundle: dict[str, Any],
                                                        region: str) -> None:
    """和田 第八条, 克州 附件2 一（一）4（1）, 武威 第九条: those who did not pay in the
    collection period or whose insurance lapsed wait; those who paid in time and have
    no gap do not. Never "第一次参保…要等" (review row 1). 红河 第三十六条: deferred."""
    doc_id, wp = _waiting_rules(site_bundle, region)
    assert WAITING_ARTICLE[region] in wp["cite"], (region, wp["cite"])
    for lang in LANGS:
        html = html_of(site, f"{prefix(lang)}{region}/resident/")
        boxes = [e for e in parse(html) if "waiting" in e.classes
                 and e.attrs.get("data-doc") == doc_id]
        assert len(boxes) == 1, (region, lang, "no waiting-period statement")
        text = boxes[0].text
        if "deferred_to" in wp:
            assert (wp["deferred_to"].get(lang) or wp["deferred_to"]["zh"]) in text
            continue
        assert wp["who_waits"], f"{region}: the data does not say who waits"
        for who in wp["who_waits"]:
            assert (who.get(lang) or who["zh"]) in text, (region, lang, who["zh"])
        assert wp.get("no_wait"), f"{region}: the data does not say who does not wait"
        assert (wp["no_wait"].get(lang) or wp["no_wait"]["zh"]) in text
        if lang == "zh":
            assert "第一次参保" not in text, f"{region}: the old, wrong trigger is back"
            assert "集中缴费期" in " ".join(w["zh"] for w in wp["who_waits"]), region
            assert "断" in " ".join(w["zh"] for w in wp["who_waits"]), region


# --- what to do, where to go, what to bring ----------------------------------------
@pytest.mark.parametrize("scope", ["hotan/resident", "kizilsu/resident", "kizilsu/employee"])
def test_every_benefit_page_ends_with_what_to_do(site: Path, scope: str) -> None:
    for lang in LANGS:
        for slug in BENEFIT_SLUGS:
            html = html_of(site, f"{prefix(lang)}{scope}/{slug}/")
            els = parse(html)
            heads = [e for e in els if e.tag == "h2" and e.attrs.get("id") == "what-to-do"]
            assert heads, f"{lang}/{scope}/{slug}: no 'what to do' section"
            steps = [e for e in els if "step" in e.classes]
            assert steps, f"{lang}/{scope}/{slug}: 'what to do' has no step"
            for step in steps:
                cited = any("cite" in e.classes for e in walk(step))
                asks = any("step-ask" in e.classes for e in walk(step))
                assert cited or asks, (scope, slug, step.attrs.get("data-step"))
            # it is the last section of the page's content
            h2s = [e for e in els if e.tag == "h2"]
            assert h2s[-1].attrs.get("id") == "what-to-do", (lang, scope, slug)


def test_silent_steps_name_who_to_ask(site_bundle: dict[str, Any]) -> None:
    """Where a document is silent (e.g. 和田 第二十四条（四）6 emergencies at
    non-designated hospitals), the step names who to ask."""
    silent = 0
    for doc in site_bundle["documents"]:
        for rules in doc["schemes"].values():
            for step in ((rules.get("procedures") or {}).get("steps") or []):
                if step.get("silent"):
                    silent += 1
                    assert step["ask"], (doc["document"]["id"], step["id"])
    assert silent >= 5


def test_honghe_referral_page_follows_article_27(site: Path) -> None:
    """红河 第二十七条 sets referral rules: the page must not say there are none."""
    html = html_of(site, "honghe/resident/referral/")
    assert "第二十七条" in html
    assert "没有单独规定转诊" not in html and "没有规定</p>" not in html


@pytest.mark.parametrize("region", ["wuwei", "honghe"])
def test_deferrals_say_what_to_ask_and_where(site: Path, site_bundle: dict[str, Any],
                                             region: str) -> None:
    """武威 第十八条 / 红河 第二十条 leave the figures to others: the page names who sets
    them, what to ask and where (武威 第四十八条, 红河 第四条)."""
    html = html_of(site, f"{region}/resident/inpatient/")
    doc = next(d for d in site_bundle["documents"] if d["document"]["region"] == region)
    inpatient = doc["schemes"]["resident"]["inpatient"]
    assert inpatient["deferred_to"]["zh"] in html
    assert inpatient["ask"]["zh"] in html
    assert inpatient["schedule"] in html
    contact = doc["schemes"]["resident"]["procedures"]["contact"]
    assert contact["where"]["zh"] in html
