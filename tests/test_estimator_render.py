"""Issue 11, "results speak keys": estimate(case) gives message keys, amounts and
citation references; render(result, lang) puts them into one language (zh, ug,
en) or into the three-language form ("all"). The one-language form lists each
text and citation once and refers to them by index; it must say exactly what the
three-language form says in that language, and match its published schema."""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from estimator_helpers import case, ep
from hypothesis import HealthCheck, given, settings
from test_estimator_years import years

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from estimator_bench import year_case  # noqa: E402

from estimator import CaseError, estimate, evaluate, render
from estimator.messages import LANGS
from estimator.msg import Msg
from estimator.pipeline import Result
from estimator.render import render_json
from estimator.trace import Citation

# The steps whose text carries running amounts (render.RUNNING), by step key.
RUNNING_STEPS = {"band", "cost_limit_year", "cap_year", "supplementary", "civil_servant",
                 "major_illness", "tilted_assistance", "new_member", "civil_servant_subsidy"}
ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "estimator" / "schema"
ONE = json.loads((SCHEMAS / "result-one-language.schema.json").read_text(encoding="utf-8"))
jsonschema.Draft202012Validator.check_schema(ONE)
# One validator for every drawn year (jsonschema.validate checks the schema each call).
ONE_VALIDATOR = jsonschema.Draft202012Validator(ONE)
ALL = json.loads((SCHEMAS / "result.schema.json").read_text(encoding="utf-8"))


def _in(text: Any, lang: str) -> Any:
    """A three-language text in one language (a missing translation falls back to zh)."""
    if isinstance(text, dict):
        return text[lang] if text.get(lang) is not None else text.get("zh", "")
    return text


def _step_matches(one: dict[str, Any], full: dict[str, Any], result: dict[str, Any],
                  lang: str) -> None:
    texts, cites = result["texts"], result["citations"]
    assert one["key"] == full["key"]
    if "params" in one:
        # the template, filled as the page fills it: each {name} by params[name]
        assert one["key"] in RUNNING_STEPS, one["key"]
        said = re.sub(r"\{(\w+)\}", lambda m: one["params"][m.group(1)], texts[one["label"]])
        assert said == _in(full["label"], lang)
    else:
        assert texts[one["label"]] == _in(full["label"], lang)
    assert one.get("amount") == full["amount"]
    if full["citation"] is None:
        assert "citation" not in one
    else:
        cited = cites[one["citation"]]
        assert cited["document"] == full["citation"]["document"]
        assert cited["article"] == full["citation"]["article"]
        title = _in(full["citation"]["title"], lang)
        assert (None if cited["title"] is None else texts[cited["title"]]) == title
    if full.get("reading"):
        assert texts[one["reading"]] == _in(full["reading"], lang)
    else:
        assert "reading" not in one


def _same_in(lang: str, raw: dict[str, Any]) -> None:
    full = render(estimate(raw), "all")
    one = render(estimate(raw), lang)
    ONE_VALIDATOR.validate(one)
    texts = one["texts"]
    assert len(set(texts)) == len(texts), "a text is listed twice"
    assert len({json.dumps(c) for c in one["citations"]}) == len(one["citations"])
    assert one["lang"] == lang
    for key in ("region", "scheme", "computable", "totals", "out_of_pocket_at_most",
                "out_of_pocket_at_least"):
        assert one[key] == full[key]
    assert [texts[n] for n in one["notes"]] == [_in(n, lang) for n in full["notes"]]
    assert len(one["episodes"]) == len(full["episodes"])
    for e1, ef in zip(one["episodes"], full["episodes"], strict=True):
        for key, value in ef.items():
            if key == "reason":
                assert (None if e1["reason"] is None else texts[e1["reason"]]) == (
                    None if value is None else _in(value, lang))
            elif key == "notes":
                assert [texts[n] for n in e1["notes"]] == [_in(n, lang) for n in value]
            elif key == "steps":
                assert len(e1["steps"]) == len(value)
                for s1, sf in zip(e1["steps"], value, strict=True):
                    _step_matches(s1, sf, one, lang)
            else:
                assert e1[key] == value, key
    for a1, af in zip(one["may_also_apply"], full["may_also_apply"], strict=True):
        _step_matches(a1, af, one, lang)
        assert a1["benefit_year"] == af["benefit_year"]


@pytest.mark.parametrize("lang", LANGS)
def test_a_one_language_result_says_what_the_three_language_one_says_in_that_language(
        lang: str) -> None:
    raw = case("hotan", "resident", ep("inpatient", 30000, date="2026-03-01",
                                       facility="level3", class_b_drugs=1000),
               ep("inpatient", 200000, date="2026-05-01", facility="level3"),
               assistance_category="dibao")
    raw["parameters"] = {"per_capita_disposable_income": "16000"}
    _same_in(lang, raw)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(years())
def test_drawn_years_say_the_same_in_each_language(raw: dict[str, Any]) -> None:
    try:
        render(estimate(raw), "all")
    except CaseError:
        return
    for lang in LANGS:
        _same_in(lang, raw)


def _recorded_cases() -> list[Any]:
    text = gzip.decompress((ROOT / "tests" / "legacy_engine" / "cases.jsonl.gz").read_bytes())
    return [json.loads(line) for line in text.decode("utf-8").splitlines()]


def test_render_json_writes_the_bytes_json_dumps_writes_of_render() -> None:
    """render_json(result, lang) writes the result's JSON itself (issue 11, speed):
    byte for byte what json.dumps(render(result, lang), ensure_ascii=False) writes,
    in each language and the three-language form, on every recorded case and the
    benchmark's years."""
    cases = _recorded_cases()
    assert cases
    cases += [year_case(r, s) for r, s in (("hotan", "resident"), ("kizilsu", "employee"),
                                           ("kizilsu", "resident"), ("wuwei", "resident"))]
    checked = 0
    for raw in cases:
        try:
            keyed = estimate(raw)
        except CaseError:
            continue
        for lang in (*LANGS, "all"):
            assert render_json(keyed, lang) == json.dumps(render(keyed, lang),
                                                          ensure_ascii=False), (lang, raw)
        checked += 1
    assert checked > 2000


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(years())
def test_render_json_writes_the_same_bytes_on_drawn_years(raw: dict[str, Any]) -> None:
    try:
        keyed = estimate(raw)
    except CaseError:
        return
    for lang in LANGS:
        assert render_json(keyed, lang) == json.dumps(render(keyed, lang), ensure_ascii=False)


def test_estimate_speaks_keys_and_render_puts_them_into_words() -> None:
    """estimate(case) is the keyed result (issue 11): message keys with their
    parameters, Decimal amounts, citation references; no text until render."""
    raw = case("kizilsu", "employee", ep("inpatient", 150000, facility="level3"),
               employment="retired")
    keyed = estimate(raw)
    assert isinstance(keyed, Result)
    steps = [s for e in keyed.episodes for s in e.steps]
    assert steps and all(isinstance(s.label, Msg) and isinstance(s.key, str) for s in steps)
    assert any(isinstance(s.cite, Citation) for s in steps)
    assert all(not isinstance(s.amount, str) for s in steps)
    # evaluate is the earlier name of the same thing
    assert render(evaluate(raw), "all") == render(keyed, "all")
    assert render(keyed, "zh") == render(estimate(raw), "zh")


def test_the_three_language_form_matches_its_schema() -> None:
    raw = case("kizilsu", "employee", ep("inpatient", 150000, facility="level3"),
               employment="retired")
    result = render(estimate(raw), "all")
    jsonschema.validate(result, ALL)


@pytest.mark.parametrize("region,scheme", [("hotan", "resident"), ("kizilsu", "employee"),
                                           ("kizilsu", "resident")])
def test_a_one_language_year_is_at_most_a_fifth_of_the_three_language_bytes(
        region: str, scheme: str) -> None:
    """Issue 11 (size), on the benchmark's 20-episode years: labels, templates,
    document titles and articles are listed once. What the worker sends (compact
    JSON) is at most a fifth of what it sent before (the three-language form as
    json.dumps writes it by default), in each language, Uyghur included; with the
    same separators on both sides the ratio is at least 4.5 (Wuwei's years, whose
    texts are few and short, are about 4: the episodes' fields are most of them)."""
    raw = year_case(region, scheme)
    keyed = estimate(raw)
    full = len(json.dumps(render(keyed, "all"), ensure_ascii=False).encode())
    for lang in LANGS:
        one = render(keyed, lang)
        sent = len(json.dumps(one, ensure_ascii=False, separators=(",", ":")).encode())
        assert sent * 5 <= full, (lang, sent, full)
        same = len(json.dumps(one, ensure_ascii=False).encode())
        assert same * 4.5 <= full, (lang, same, full)


def test_an_unknown_language_is_a_clear_error() -> None:
    with pytest.raises(CaseError) as err:
        render(estimate(case("hotan", "resident", ep("inpatient", 100))), "fr")
    assert err.value.field == "lang"
    assert "zh, ug, en, all" in err.value.problem


def _cli(*args: str, stdin: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-S", "-m", "estimator", *args], cwd=ROOT,
                          input=stdin, capture_output=True, text=True, check=False)


def test_cli_prints_chinese_by_default_and_each_language_on_request() -> None:
    raw = json.dumps(case("hotan", "resident", ep("inpatient", 4000)))
    default = json.loads(_cli("-", stdin=raw).stdout)
    assert default["lang"] == "zh" and default == render(estimate(json.loads(raw)), "zh")
    english = json.loads(_cli("--lang", "en", "-", stdin=raw).stdout)
    assert english["lang"] == "en" and english["totals"]["basic"] == "3420.00"
    assert json.loads(_cli("--lang=all", "-", stdin=raw).stdout) == render(
        estimate(json.loads(raw)), "all")
    bad = _cli("--lang", "fr", "-", stdin=raw)
    assert bad.returncode == 2 and "--lang zh|ug|en|all" in bad.stderr
