"""One Uyghur term per concept (issue 12, "One term per concept"; locales/glossary.tsv).

Every Uyghur text — the site, estimator, form and data catalogs (the policy data's
labels live in ``locales/ug/LC_MESSAGES/data.po``), the estimator form's JSON and any
per-language literal left in the estimator's Python — is scanned for the variants the
glossary retires.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from ug_texts import (
    all_texts,
    catalog_texts,
    data_texts,
    form_texts,
    python_texts,
    yaml_texts,
)

from site_build.errors import BuildError
from site_build.glossary import check_catalog_names, load

ROOT = Path(__file__).resolve().parent.parent
TERMS = load(ROOT / "locales" / "glossary.tsv")


def test_every_place_that_holds_uyghur_text_is_scanned() -> None:
    # A scan that finds nothing in one of the places would pass for nothing.
    for source in (catalog_texts, form_texts, data_texts):
        assert len(list(source("ug"))) > 50, source.__name__
    # Every text of the estimator is in its catalog: no Uyghur left in its Python.
    assert not list(python_texts("ug"))
    # The data's Uyghur left the YAML for data.po (issue 12): nothing is scanned there.
    assert not list(yaml_texts("ug"))
    assert len(list(data_texts("ug"))) == len(list(yaml_texts("zh")))


def test_no_uyghur_text_uses_a_retired_term() -> None:
    found = []
    for where, text in all_texts("ug"):
        for term in TERMS:
            for variant in term.retired_in(text):
                found.append(f"{where}: {variant!r} (use {term.ug!r}, {term.key})")
    assert not found, "retired Uyghur terms:\n" + "\n".join(found)


def test_a_retired_variant_is_found_and_the_approved_term_is_not() -> None:
    employee = next(t for t in TERMS if t.key == "employee")
    assert employee.retired_in("خىزمەتچىلەر سۇغۇرتىسىغا قاتناشقانلار") == ["خىزمەتچىلەر سۇغۇرتىسى"]
    assert employee.retired_in("ئىشچى-خىزمەتچىلەر سۇغۇرتىسىغا قاتناشقانلار") == []
    flexible = next(t for t in TERMS if t.key == "flexible")
    assert flexible.retired_in("تۇنجى قېتىم ئەركىن كەسىپتىكى سالاھىيەت بىلەن")


def test_the_glossary_covers_the_concepts_the_issue_lists() -> None:
    zh = " ".join(t.zh for t in TERMS)
    for concept in ("报销比例", "封顶线", "政策范围内", "自费", "个人自付", "门诊慢特病",
                    "医疗救助", "公务员医疗补助", "倾斜救助", "特困", "低保", "转诊",
                    "异地就医", "备案",
                    "经办机构", "统筹基金", "职工", "灵活就业", "补缴", "人均可支配收入", "百分点"):
        assert concept in zh, concept
    flexible = next(t for t in TERMS if t.key == "flexible")
    assert flexible.ug == "جانلىق ئىشقا ئورۇنلاشقانلار"
    assert "ئەركىن كەسىپتىكى" in flexible.retired_ug


def test_the_catalogs_name_each_glossary_page_entry_as_the_glossary_does() -> None:
    names: dict[str, dict[str, str]] = {"zh": {}, "ug": {}, "en": {}}
    for lang in names:
        for where, text in catalog_texts(lang):
            names[lang][where.split(": ", 1)[1]] = text
    assert check_catalog_names(TERMS, names) == []
    names["ug"]["glossary.rate.name"] = "تۆلەش نىسبىتى"
    assert check_catalog_names(TERMS, names) == [
        "glossary.rate.name (ug): the catalog says 'تۆلەش نىسبىتى', "
        "locales/glossary.tsv says 'سۇغۇرتا تۆلەيدىغان نىسبەت'"]


def test_a_malformed_glossary_is_refused_with_its_line(tmp_path: Path) -> None:
    bad = tmp_path / "glossary.tsv"
    header = "key\tzh\tug\ten\tretired_ug\tpage\tnote\n"
    bad.write_text(header + "rate\t报销比例\t\tReimbursement rate\t\tyes\t\n", encoding="utf-8")
    with pytest.raises(BuildError, match=r"glossary.tsv:2: key, zh, ug and en"):
        load(bad)
    bad.write_text(header + "a\t甲\tA\tA\t\tyes\t\na\t乙\tB\tB\t\tyes\t\n", encoding="utf-8")
    with pytest.raises(BuildError, match=r"glossary.tsv:3: concept 'a' appears twice"):
        load(bad)


def test_a_retired_wording_around_the_approved_term_is_caught_and_the_term_alone_is_not(
) -> None:
    """Second review (locales/REVIEW-2.md, row 60): 门诊慢特病 was written with the retired
    "ئامبۇلاتورىيە سوزۇلما ۋە ئالاھىدە", which contains the approved term's first
    words, and the scan, blanking the approved term first, let it through."""
    chronic = next(t for t in TERMS if t.key == "chronic")
    assert chronic.retired_in(chronic.ug) == []
    assert chronic.retired_in(f"ئامبۇلاتورىيە {chronic.ug}") != []
    assert chronic.retired_in(f"{chronic.ug}، {chronic.ug}") == []
