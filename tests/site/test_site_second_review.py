"""The medium items of the second review of the Chinese pages
(reviews/chinese-pages-second-review-2026-11-30.md, rows 1–7) stay fixed, and the
internal review notes of row 19 stay off the pages. Each test names the document
and the article it holds the page to."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sitehelpers import LANGS
from sitehtml import Element, parse

REGION_SCOPES = ("hotan/resident", "kizilsu/resident", "kizilsu/employee", "wuwei/resident",
                 "honghe/resident")
SLUGS = ("", "benefits/", "inpatient/", "outpatient/", "chronic/", "two-diseases/",
         "maternity/", "day-surgery/", "tuberculosis/", "special-drugs/", "major-illness/",
         "assistance/", "referral/", "exclusions/")


def url(lang: str, page: str) -> str:
    return page if lang == "zh" else f"{lang}/{page}"


def elements(site: Path, lang: str, page: str) -> list[Element]:
    html = (site / url(lang, page) / "index.html").read_text(encoding="utf-8")
    return parse(html)


def article(els: list[Element]) -> Element:
    found = [e for e in els if e.tag == "article"]
    assert found, "no <article> on the page"
    return found[0]


def walk(el: Element) -> Iterator[Element]:
    yield el
    for child in el.children:
        yield from walk(child)


def doc_index(bundle: dict[str, Any], doc_id: str) -> int:
    return next(i for i, d in enumerate(bundle["documents"]) if d["document"]["id"] == doc_id)


def yuan(value: Any) -> str:
    """A yuan amount as the Chinese pages write it (80000 → "80,000 元")."""
    return f"{int(value):,} 元"


def glance_row(els: list[Element], slug: str) -> Element:
    """The row of the benefits summary that links to the benefit page *slug*."""
    for tr in (e for e in els if e.tag == "tr"):
        if any(a.tag == "a" and a.attrs.get("href") == f"../{slug}/" for a in walk(tr)):
            return tr
    raise AssertionError(f"no summary row for {slug}")


def step(els: list[Element], step_id: str) -> Element:
    found = [e for e in els if "step" in e.classes and e.attrs.get("data-step") == step_id]
    assert len(found) == 1, f"step {step_id!r} shown {len(found)} times"
    return found[0]


# --- row 3: the summary shows the outpatient caps and the hypertension/diabetes caps ---
CAPS = {"hotan/resident": ("hotan_resident_2025", "第二十四条（一）", "第二十四条（三）"),
        "kizilsu/resident": ("kizilsu_2025", "附件2 一（五）", "附件2 一（六）")}


@pytest.mark.parametrize("scope", sorted(CAPS))
def test_benefits_summary_shows_outpatient_and_two_disease_caps(
        site: Path, site_bundle: dict[str, Any], scope: str) -> None:
    """和田 第二十四条（一）: 30/50/60 a visit, 300/500 a year; （三）: 两病 200/300 a year.
    克州 附件2 一（五）: 30/40/50 a visit, 400 a year; 一（六）: 200/400 a year. A reader of
    the summary must not expect 180 yuan back on a 200-yuan village bill."""
    doc_id, outpatient_article, two_article = CAPS[scope]
    i = doc_index(site_bundle, doc_id)
    rules = site_bundle["documents"][i]["schemes"]["resident"]
    outpatient, two = rules["outpatient"], rules["two_diseases"]
    assert outpatient["cite"] == outpatient_article and two["cite"] == two_article
    for lang in LANGS:
        els = elements(site, lang, f"{scope}/benefits/")
        row = glance_row(els, "outpatient")
        paths = {e.attrs.get("data-path") for e in walk(row)}
        capped = 0
        for j, tier in enumerate(outpatient["tiers"]):
            for key in ("cap_per_visit", "annual_cap"):
                if tier.get(key):
                    want = f"/documents/{i}/schemes/resident/outpatient/tiers/{j}/{key}"
                    assert want in paths, (lang, scope, tier["id"], key)
                    capped += 1
        assert capped >= 3, scope
        assert any("glance-caps" in e.classes for e in walk(row)), (lang, scope)
        two_row = glance_row(els, "two-diseases")
        assert any("glance-caps" in e.classes for e in walk(two_row)), (lang, scope)
        if lang == "zh":
            for name in outpatient["pools"]:
                assert yuan(rules["pools"][name]["amount"]["value"]) in row.text, name
            for cap in two["annual_caps"].values():
                assert yuan(cap["value"]) in two_row.text, (scope, cap)
            assert "用药全年最多报" in two_row.text


# --- row 4: the Hotan out-of-area row states the referral condition; 80,000 a year -----
def test_hotan_out_of_area_row_states_referral_and_the_yearly_cap(
        site: Path, site_bundle: dict[str, Any]) -> None:
    """和田 第十八条、第二十条、第二十四条（四）5: the 50% outside the prefecture assumes a
    referral; without one the rate is 20 points lower, and 大病 and 救助 pay less too.
    第二十七条: the fund pays at most 80,000 yuan a year."""
    i = doc_index(site_bundle, "hotan_resident_2025")
    rules = site_bundle["documents"][i]["schemes"]["resident"]
    j = next(k for k, t in enumerate(rules["inpatient"]["tiers"]) if t.get("out_of_area"))
    tier_path = f"/documents/{i}/schemes/resident/inpatient/tiers/{j}"
    cond = next(c for c in rules["inpatient"]["tiers"][j]["conditions"]
                if c["id"] == "referral_or_cut")
    assert "第二十四条（四）5" in cond["cite"] and "第二十条" in cond["cite"]
    assert rules["pools"]["inpatient_year"]["amount"]["cite"] == "第二十七条"
    for lang in LANGS:
        els = elements(site, lang, "hotan/resident/benefits/")
        li = [e for e in els if e.tag == "li" and e.attrs.get("data-path") == tier_path]
        assert len(li) == 1, lang
        conds = {e.attrs.get("data-cond") for e in walk(li[0])}
        assert "referral_or_cut" in conds, (lang, "the out-of-area row omits the referral")
        if lang == "zh":
            assert "逐级转诊" in li[0].text and "20个百分点" in li[0].text
            assert yuan(80000) in glance_row(els, "inpatient").text


# --- row 7: Wuwei 第十九条, last sentence ---------------------------------------------
def test_wuwei_referral_page_carries_the_last_sentence_of_article_19(site: Path) -> None:
    """武威 第十九条 ends "起付标准和支付比例按照异地就医政策规定执行": settled directly
    elsewhere, the deductible and rate are not Wuwei's own."""
    for lang in LANGS:
        els = elements(site, lang, "wuwei/resident/referral/")
        s = step(els, "away_rates")
        assert "第十九条" in s.text, lang
        if lang == "zh":
            assert "按照异地就医政策规定执行" in s.text
            assert "起付线、报销比例和限额按武威的政策" not in article(els).text


# --- rows 1 and 2: who waits ------------------------------------------------------
def waiting_box(els: list[Element], doc_id: str) -> Element:
    boxes = [e for e in els if "waiting" in e.classes and e.attrs.get("data-doc") == doc_id]
    assert len(boxes) == 1
    return boxes[0]


def test_hotan_statement_says_late_payers_from_1_july_also_wait(site: Path) -> None:
    """和田 第八条: everyone "未在…集中参保期内参保" waits 3 months, including those who
    pay from 1 July at the full price (not only those paying by 30 June)."""
    for lang in LANGS:
        els = elements(site, lang, "hotan/resident/")
        box = waiting_box(els, "hotan_resident_2025")
        on_time = step(els, "on_time")
        if lang == "zh":
            late = [e.text for e in walk(box) if e.tag == "li" and "7月1日" in e.text]
            assert late and "等3个月" in late[0], "the July payers' wait is missing"
            assert "7月1日" in on_time.text and "都要先等3个月" in on_time.text
        elif lang == "en":
            assert "from 1 July" in box.text and "wait" in box.text
        # the shared sentence on paying late no longer promises that only one group waits
        assert "在这之前交的，仍按原标准交，但要先过等待期" not in article(els).text


def test_kizilsu_waiting_statement_explains_the_extended_payment_period(site: Path) -> None:
    """克州 附件2 一（一）4（1）: "在集中参保期及延长缴费期内参加…不设等待期". Paying before
    30 June is not always a waiting case: the page says what the extension is and whom
    to ask how long it runs."""
    for lang in LANGS:
        els = elements(site, lang, "kizilsu/resident/")
        box = waiting_box(els, "kizilsu_2025")
        on_time = step(els, "on_time")
        if lang == "zh":
            assert "延长缴费期是" in box.text
            assert "县市医保经办机构" in box.text and "乡镇（街道）服务站" in box.text
            assert "延长缴费期" in on_time.text
            assert "仍按原标准交，但要先过等待期" not in article(els).text
        elif lang == "en":
            assert "extension" in box.text and "ask" in box.text


# --- row 5: Kizilsu caesarean, one answer --------------------------------------------
def test_kizilsu_resident_caesarean_page_gives_one_answer(site: Path) -> None:
    """克州 附件2 一（三）: the table's caesarean limits (2,200 / 2,500) are what the page
    and the estimate use; the sentence on 生育手术 is shown as an open question with our
    reading labelled, not as a second answer in the lead."""
    els = elements(site, "zh", "kizilsu/resident/maternity/")
    lead = [e for e in els if e.tag == "p" and "summary" in e.classes]
    assert lead and "剖宫产也按表中的限额" in lead[0].text
    assert "住院和手术费按同级医院住院比例报" not in lead[0].text
    text = article(els).text
    assert "本站的理解：剖宫产按上表的限额报销" in text and "另一种理解" in text
    assert yuan(2200) in text and yuan(2500) in text


# --- row 6: Kizilsu tilted assistance -----------------------------------------------
@pytest.mark.parametrize("scheme,articles", [("resident", ("附件2 三（三）", "三（四）3")),
                                             ("employee", ("附件1 四（三）", "四（四）3"))])
def test_kizilsu_tilted_assistance_is_given_by_the_text_not_said_to_be_automatic(
        site: Path, scheme: str, articles: tuple[str, str]) -> None:
    """克州 附件2 三（三） / 附件1 四（三）: "经三重制度综合保障后…仍然较重的，给予倾斜救助".
    The notice does not say whether it is settled at discharge; category 4 is assisted
    on application (三（四）3 / 四（四）3). The page says so and where to ask."""
    for lang in LANGS:
        els = elements(site, lang, f"kizilsu/{scheme}/assistance/")
        s = step(els, "tilted")
        assert all(a in s.text for a in articles), (lang, scheme)
        assert any("step-ask" in e.classes for e in walk(s)), (lang, scheme)
        if lang == "zh":
            assert "给予倾斜救助" in s.text and "依申请" in s.text
            assert "没有写出院时是否当场结算" in s.text
            text = article(els).text
            assert "估算中已计入" not in text
            assert "文件没有写出院时是否当场结算" in text


# --- row 19: no internal review notes on the pages -----------------------------------
BANNED = {"zh": ("第二位核对人", "只读原文", "只读文件原文", "届时须更新", "多算", "估算器"),
          "ug": ("ئىككىنچى تەكشۈرگۈچى", "مۆلچەرلىگۈچ", "سانلىق مەلۇماتنى يېڭىلاش"),
          "en": ("second reader", "the estimator", "data must be updated", "as we did before")}


def test_region_pages_carry_no_internal_review_notes(site: Path) -> None:
    """Second review row 19: "第二位核对人（只读原文）…", "原来…多算630元", "届时须更新数据"
    and "估算器" are notes for the project, not guidance; an alternative reading is said
    as "另一种理解是…，如有疑问请向…确认"."""
    for lang in LANGS:
        for scope in REGION_SCOPES:
            for slug in SLUGS:
                text = article(elements(site, lang, f"{scope}/{slug}")).text
                for phrase in BANNED[lang]:
                    assert phrase not in text, (lang, scope, slug, phrase)
