"""Every text the estimator produces, by message key, in each site language.

The Chinese is written here (``SOURCE``); the other languages come from the gettext
catalogs through :mod:`estimator.translations` (issue 12: one translation system).

A placeholder's value may be plain text or a per-language mapping (a label
from the policy data); ``text()`` fills in the right one for each language.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from functools import cache, lru_cache
from typing import Any

from .translations import languages, pending_mark, translate

# Chinese, then the translated languages of the catalogs (translations.json), in the
# site's order: a language added to the catalogs needs no code here.
LANGS: tuple[str, ...] = ("zh", *languages())

Text = dict[str, str]

# The Chinese of every message, by key (authoritative). Other languages: the catalogs
# locales/<lang>/LC_MESSAGES/estimator.po, compiled into translations.json.
SOURCE: dict[str, str] = {
    # How a percent is written (the pages use the same pattern: site catalog fmt.percent)
    "fmt.percent": "{n}%",
    # Between the items of a list inside a message
    "fmt.list_sep": "，",
    # After a text shown in Chinese because its translation is missing or out of date
    # (never shown in Chinese itself)
    "mark.pending": "（待翻译）",
    # Steps of the chain
    "step.total": "医疗费用总额",
    "step.excluded": "减：全自费（丙类、目录外）费用，医保不付",
    "step.class_b": "减：乙类先行自付（药品{drugs}、诊疗{services}、耗材{consumables}）",
    "step.eligible": "政策范围内费用",
    "step.deductible": "起付线（由您自付）：{tier}",
    "step.deductible_later": "起付线（本年度第二次及以后就诊）：{tier}",
    "step.rate": "报销比例 {rate}",
    "step.band": "{low}–{high} 元部分按 {rate} 支付",
    "step.adjustment": "报销比例{change}：{label}",
    "change.points_up": "提高{n}个百分点",
    "change.points_down": "降低{n}个百分点",
    "step.quota": "分娩定额：{delivery}（{babies}胎）",
    "step.cap_visit": "单次最多支付 {cap} 元，按此封顶",
    "step.cost_limit_year": "{pool}：一年内只有前 {limit} 元政策范围内费用由基本医保按比例支付，本次还有 {counted} 元在此范围内；超出部分转入下一层",
    "step.rate_group.in_service": "按在职职工的比例计算",
    "step.rate_group.retired": "按退休人员的比例计算",
    "step.new_member_waiting": "首次以灵活就业人员身份参保，已连续缴费 {months} 个月，还在6个月等待期内：医保暂不支付",
    "step.new_member_rate": "首次以灵活就业人员身份参保，已连续缴费 {months} 个月：住院报销比例为 {rate}",
    "step.cap_year": "受年度最高支付限额限制：{pool}（本年剩余 {left} 元）",
    "step.basic": "基本医保统筹基金支付",
    "step.supplementary": "职工大额补充医疗保险支付：本年政策范围内费用累计 {cumulative} 元，其中 {bands}",
    "part.band": "{low}–{high} 元的部分按 {rate}",
    "step.civil_servant": "公务员医疗补助支付（本年累计个人自付 {cumulative} 元，超过年工资1%即 {threshold} 元的部分按{rate}）",
    "step.major_illness": "大病保险支付（本年累计政策范围内自付 {cumulative} 元，起付线 {threshold} 元）",
    "step.assistance": "医疗救助支付（{category}，比例 {rate}）",
    "step.out_of_pocket": "您需自付",
    "step.tilted": "倾斜救助（{category}）：本年政策范围内个人自付累计 {cumulative} 元，超过年度起付标准 {threshold} 元的部分按 {rate} 救助，不设封顶线（文件写明“给予”，但没写是否出院时直接结算；请向医保经办机构确认是否要申请）",
    "step.secondary": "可申请二次医疗救助（最多至政策范围内费用的 {rate}）",
    # Reasons an episode (or a layer) cannot be computed
    "reason.deferred": "{what}：本文件没有给出具体数字，而是交由“{authority}”规定，因此无法计算。",
    "reason.unknown_parameter": "{what}：起付线按上年度城乡居民人均可支配收入计算，本站还没有这个数字，所以暂时算不出。您可以在表格中填写这个数字（当地统计公报公布），或向县医保局询问。",
    "reason.no_tier": "{what}：本文件没有在“{facility}”就医的标准。",
    "reason.not_specified": "{what}：{why}",
    "reason.no_family": "{what}：本站收录的文件未规定此项待遇。",
    "reason.not_available": "{what}：该病种在本文件中“不能办理”。",
    "reason.no_quota": "{what}：本文件没有该分娩方式在此级别医疗机构的定额。",
    "reason.later_layer": "以上为可计算部分；您实际自付的金额可能更低。",
    # When benefits start (estimator/enrollment.py)
    "waiting.collection": "在集中缴费期内缴费且连续参保：从待遇年度1月1日起享受待遇。",
    "waiting.newborn": "新生儿在出生后规定天数内参保缴费：自出生之日起享受待遇。",
    "waiting.exempt": "属于不设等待期的特殊群体：缴费后即可享受待遇。",
    "waiting.waiting": "等待期：固定{fixed}，变动{variable}（断保{gap}年，补缴{repaired}年），合计{total}。",
    "waiting.floor": "连续断缴{years}年及以上：修复后等待期合计不少于{minimum}。",
    "waiting.full_price": "在待遇年度{month}月{day}日及以后缴费：须按全额标准缴费，不享受财政补助。",
    "unit.months": "{n}个月",
    "unit.days": "{n}天",
    # Notes
    "note.class_b_consumables_exempt": "单价{limit}元及以下的乙类耗材不需先行自付：乙类耗材一栏只填单价超过{limit}元的部分。",
    "note.major_illness_scope": "大病保险按本年度住院、门诊慢特病等费用中政策范围内个人自付累计计算；普通门诊和“两病”用药不计入（本站的理解）。",
    "note.self_pay_scope": "“政策范围内个人自付”指政策范围内费用减去基金支付的部分，不含全自费和乙类先行自付（本站的理解）。",
    "note.flexible_since_missing": "首次以灵活就业人员身份参保的，前两年住院报销比例较低（6个月等待期，之后30%、满1年60%）。您没有填写首次缴费的月份，本估算按正常比例计算，您实际自付的可能更多（“至少”）。",
    "note.paid_first_by": "{what}：费用先由{who}补助一部分，文件没有写补助多少。本估算按全部费用计算，所以基本医保支付的金额可能偏高，您实际自付的最多是这个数（“至多”）。具体请向县医保局询问。",
    "note.cap_unknown": "{what}：文件没有写明您这一类人员的年度最高支付限额（交由“{authority}”规定）。本估算按文件写明的起付线和比例计算、未设上限，所以大病保险的金额可能偏高，您实际自付的可能更多（“至少”）。具体请向县医保局询问。",
    "note.civil_servant_above_limit": "本次费用有一部分超过统筹基金年度最高支付限额，公务员医疗补助不支付该部分，文件也未说明如何在限额处划分个人自付，本次未计入公务员医疗补助：实际个人负担可能更低。",
    "note.civil_servant_needs_salary": "公务员医疗补助按本人年工资收入计算：请填写年工资收入后再估算。",
}


def _translated(key: str, zh: str) -> Text:
    return {"zh": zh, **{lang: translate(key, zh, lang) for lang in LANGS if lang != "zh"}}


# Every message in every language (translations from the catalogs; where one is missing
# or out of date, the Chinese with a "translation pending" mark).
MESSAGES: dict[str, Text] = {key: _translated(key, zh) for key, zh in SOURCE.items()}


def template(key: str, lang: str) -> str:
    """The message *key* in *lang*, placeholders unfilled."""
    return MESSAGES[key][lang]


# How each language writes a percent (the site's catalogs write the same: fmt.percent).
PERCENT_PATTERN: dict[str, str] = MESSAGES["fmt.percent"]


class Percent(str):
    """A percent as text: "90%" as a plain string (what callers have always had), and
    in each language's own order when it fills a message ("%90" in Uyghur)."""

    __slots__ = ("number",)
    number: str

    def __new__(cls, number: str) -> Percent:
        self = super().__new__(cls, f"{number}%")
        self.number = number
        return self

    def by_lang(self) -> Text:
        return {lang: PERCENT_PATTERN[lang].format(n=self.number) for lang in LANGS}


def fill_value(value: Any, lang: str) -> str:
    """A placeholder's value in one language: a percent in the language's order, a
    per-language mapping's text (the Chinese where one is missing), anything else as is."""
    if isinstance(value, Percent):
        return PERCENT_PATTERN[lang].format(n=value.number)
    if isinstance(value, Mapping):
        chosen = value.get(lang)
        if chosen is not None:
            return str(chosen)
        # A data label its catalog has no current translation for (data.po): the
        # Chinese, marked as the catalogs' own missing messages are.
        return str(value.get("zh", "")) + (pending_mark(lang) if lang != "zh" else "")
    return str(value)


def _hashable(value: Any) -> Any:
    if type(value) is str:
        return value
    if isinstance(value, Percent):
        return tuple(value.by_lang().items())
    if isinstance(value, Mapping):
        return tuple((lang, value.get(lang)) for lang in LANGS)
    return value


@lru_cache(maxsize=4096)
def _render(key: str, params: tuple[tuple[str, Any], ...]) -> Text:
    template = MESSAGES[key]
    filled = {k: dict(v) if isinstance(v, tuple) else v for k, v in params}
    return {lang: template[lang].format(**{k: fill_value(v, lang) for k, v in filled.items()})
            for lang in LANGS}


def text(key: str, **params: Any) -> Text:
    """The message in every language, rendered once per distinct input.

    The returned mapping is shared between results: treat it as read-only."""
    if not params:
        return _render(key, ())
    return _render(key, tuple((k, _hashable(v)) for k, v in params.items()))


@cache
def percent(rate: Any) -> Percent:
    """0.9 → '90%'; 0.925 → '92.5%' (and '%90', '%92.5' in a Uyghur message)."""
    value = (Decimal(str(rate)) * 100).normalize()
    return Percent(f"{value:f}")


@cache
def points_change(amount: Any) -> Text:
    """A change of a rate in words, never a signed percent (which reads as a relative
    cut and flips in right-to-left text): -0.05 → '5 percentage points lower'."""
    value = Decimal(str(amount))
    n = f"{(abs(value) * 100).normalize():f}"
    key = "change.points_up" if value >= 0 else "change.points_down"
    return {lang: MESSAGES[key][lang].format(n=n) for lang in LANGS}
