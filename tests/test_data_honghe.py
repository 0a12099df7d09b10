"""红河州城乡居民基本医疗保险实施办法 (红政规〔2022〕2号) as data.

Each test names the article it checks; the figures are compared with the
source text (shared/seeds/004_62c659a40daacfea.txt). Art. 20 leaves every
benefit figure to a separate prefecture schedule, so the benefit families
must be recorded as deferred, never given values.
"""

from __future__ import annotations

from typing import Any

import pytest

from policy_build.validate import coverage_errors, load_documents
from tests.data_helpers import document_fixture, scheme_fixture
from tests.data_helpers import fact as _fact
from tests.data_helpers import figures as _figures

DOC_ID = "honghe_resident_2022"


doc = document_fixture(DOC_ID)
rules = scheme_fixture("resident", "rules")


def test_art36_in_force_2022_12_31_no_expiry(doc: dict[str, Any]) -> None:
    """第三十六条: in force from 2022-12-31, no expiry stated; replaces 红政发〔2017〕37号."""
    header = doc["document"]
    assert header["number"] == "红政规〔2022〕2号"
    assert header["published"] == "2022-11-28"
    assert header["effective"] == "2022-12-31"
    assert header["expires"] is None
    assert header["expiry_note"]["zh"]
    assert header["region"] == "honghe" and header["schemes"] == ["resident"]
    assert [s["number"] for s in header["supersedes"]] == ["红政发〔2017〕37号"]


@pytest.mark.parametrize("family", ["inpatient", "outpatient", "maternity", "major_illness"])
def test_art20_benefits_deferred_to_prefecture_schedule(rules: dict[str, Any],
                                                        family: str) -> None:
    """第二十条: outpatient, inpatient, childbirth and major-illness benefit figures
    are set separately by the prefecture medical security and finance bureaus."""
    deferred = rules[family]
    assert "deferred_to" in deferred, family
    assert "州医保局" in deferred["deferred_to"]["zh"]
    assert "州财政局" in deferred["deferred_to"]["zh"]
    assert "第二十条" in deferred["cite"]
    assert "tiers" not in deferred and "groups" not in deferred


def test_art7_benefits_next_calendar_year(rules: dict[str, Any]) -> None:
    """第七条: pay in the collection period, covered 1 January–31 December next year;
    the collection dates are not given."""
    enrollment = rules["enrollment"]
    assert enrollment["benefit_year"]["cite"] == "第七条"
    assert "次年1月1日至12月31日" in enrollment["benefit_year"]["label"]["zh"]
    assert enrollment["collection_period_start"] is None
    assert enrollment["collection_period_end"] is None


def test_art11_newborn_90_days(rules: dict[str, Any]) -> None:
    """第十一条: newborns paid for within 90 days are covered from birth, otherwise
    from the month after payment."""
    enrollment = rules["enrollment"]
    assert enrollment["newborn_days"]["value"] == "90"
    assert enrollment["newborn_days"]["unit"] == "days"
    assert enrollment["newborn_cite"] == "第十一条"
    fact = _fact(enrollment["facts"], "newborn")
    assert "次月" in fact["label"]["zh"]


def test_art36_waiting_period_not_set_here(rules: dict[str, Any]) -> None:
    """No article sets a waiting period; 第三十六条 lets national and provincial
    rules prevail, so it is deferred, not recorded as zero."""
    wp = rules["enrollment"]["waiting_period"]
    assert "deferred_to" in wp and wp["unit"] == "days"
    assert wp["reading"]["zh"]


def test_art9_refund_rules(rules: dict[str, Any]) -> None:
    """第九条: no refund once benefits have started; refunds for death during the
    collection period until 31 December."""
    fact = _fact(rules["enrollment"]["facts"], "refund")
    assert "12月31日" in fact["label"]["zh"] and fact["cite"] == "第九条"


def test_art8_village_cadres_fully_subsidised(rules: dict[str, Any]) -> None:
    """第八条: serving village (community) officials are fully subsidised by the county."""
    fact = _fact(rules["enrollment"]["facts"], "village_cadres")
    assert fact["figures"]["subsidy_share"]["value"] == "1.00"
    assert fact["cite"] == "第八条"


def test_art10_art12_transfer_and_late_enrolment(rules: dict[str, Any]) -> None:
    """第十条 (moving to employee insurance) and 第十二条 (veterans and released
    prisoners may enrol late, paying the full year)."""
    facts = rules["enrollment"]["facts"]
    assert _fact(facts, "transfer")["cite"] == "第十条"
    late = _fact(facts, "late_enrolment")
    assert late["cite"] == "第十二条" and "退役军人" in late["label"]["zh"]


def test_art22_claim_deadline_december_20(rules: dict[str, Any]) -> None:
    """第二十二条: claims for last year's inpatient costs close on 20 December."""
    fact = _fact(rules["facts"], "claim_deadline")
    assert "次年12月20日" in fact["label"]["zh"]


def test_art27_referral_and_no_referral_zone(rules: dict[str, Any]) -> None:
    """第二十七条: step-by-step referral; none needed between same-level hospitals in
    蒙自, 个旧 and 开远."""
    assert _fact(rules["facts"], "referral")["cite"] == "第二十七条"
    zone = _fact(rules["facts"], "referral_free_zone")
    for city in ("蒙自", "个旧", "开远"):
        assert city in zone["label"]["zh"]


def test_art23_exclusions(rules: dict[str, Any]) -> None:
    """第二十三条（一）–（六）: six excluded kinds of cost."""
    assert [e["cite"] for e in rules["exclusions"]] == [
        f"第二十三条（{n}）" for n in "一二三四五六"]


def test_art13_no_personal_account(rules: dict[str, Any]) -> None:
    """第十三条: a basic fund and a major-illness fund, no personal account."""
    assert _fact(rules["facts"], "no_personal_account")["cite"] == "第十三条"


def test_families_the_document_does_not_address(rules: dict[str, Any]) -> None:
    """Cost sharing, chronic, two diseases, day surgery, tuberculosis, special drugs
    and assistance are absent from this document."""
    expected = {"cost_sharing", "chronic", "two_diseases", "day_surgery", "tuberculosis",
                "special_drugs", "assistance"}
    assert set(rules["not_specified"]) == expected
    for family in expected:
        assert rules[family] is None
        assert rules["not_specified"][family]["zh"]


def test_no_invented_figures(doc: dict[str, Any]) -> None:
    """The only stated numbers are the 90-day newborn rule and the full subsidy;
    every figure is cited."""
    figures = list(_figures(doc["schemes"]))
    values = sorted(f["value"] for _, f in figures if "value" in f)
    assert values == ["1.00", "90", "90"]
    for path, fig in figures:
        assert fig["cite"].strip(), path


def test_coverage_complete_for_honghe() -> None:
    """Every rule family has values, a deferral or a not_specified record."""
    documents, errors = load_documents()
    assert not [e for e in errors if DOC_ID in str(e)]
    assert not [p for p in coverage_errors(documents) if p.startswith("honghe")]
