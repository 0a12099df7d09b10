"""Every text the estimator produces, by message key, in each site language.

A placeholder's value may be plain text or a per-language mapping (a label
from the policy data); ``text()`` fills in the right one for each language.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from functools import cache, lru_cache
from typing import Any

LANGS = ("zh", "ug", "en")

Text = dict[str, str]

MESSAGES: dict[str, Text] = {
    # Steps of the chain
    "step.total": {
        "zh": "医疗费用总额",
        "ug": "داۋالىنىش چىقىمىنىڭ ئومۇمىي سوممىسى",
        "en": "Total bill",
    },
    "step.excluded": {
        "zh": "减：全自费（丙类、目录外）费用，医保不付",
        "ug": "ئېلىۋېتىلىدۇ: سۇغۇرتا تۆلىمەيدىغان تولۇق ئۆزى تۆلەيدىغان چىقىم",
        "en": "Less: excluded costs the fund never pays",
    },
    "step.class_b": {
        "zh": "减：乙类先行自付（药品{drugs}、诊疗{services}、耗材{consumables}）",
        "ug": "ئېلىۋېتىلىدۇ: B تۈرىنىڭ ئالدىن ئۆزى تۆلەيدىغان قىسمى (دورا {drugs}، داۋالاش {services}، سەرپىيات {consumables})",
        "en": "Less: class-B partial self-pay (drugs {drugs}, services {services}, "
              "consumables {consumables})",
    },
    "step.eligible": {
        "zh": "政策范围内费用",
        "ug": "سىياسەت دائىرىسىدىكى چىقىم",
        "en": "Eligible (in-policy) cost",
    },
    "step.deductible": {
        "zh": "起付线（由您自付）：{tier}",
        "ug": "باشلىنىش سىزىقى (ئۆزىڭىز تۆلەيسىز): {tier}",
        "en": "Deductible (you pay): {tier}",
    },
    "step.deductible_later": {
        "zh": "起付线（本年度第二次及以后就诊）：{tier}",
        "ug": "باشلىنىش سىزىقى (يىل ئىچىدىكى ئىككىنچى ۋە كېيىنكى قېتىم): {tier}",
        "en": "Deductible (second and later visits this year): {tier}",
    },
    "step.rate": {
        "zh": "报销比例 {rate}",
        "ug": "تۆلەش نىسبىتى {rate}",
        "en": "Reimbursement rate {rate}",
    },
    "step.band": {
        "zh": "{low}–{high} 元部分按 {rate} 支付",
        "ug": "{low}–{high} يۈەن قىسمى {rate} بويىچە",
        "en": "Part from {low} to {high} yuan paid at {rate}",
    },
    "step.adjustment": {
        "zh": "比例调整 {change}：{label}",
        "ug": "نىسبەت تەڭشىلىدۇ {change}: {label}",
        "en": "Rate change {change}: {label}",
    },
    "step.quota": {
        "zh": "分娩定额：{delivery}（{babies}胎）",
        "ug": "تۇغۇت مىقدارى: {delivery} ({babies} بوۋاق)",
        "en": "Delivery quota: {delivery} ({babies} baby/babies)",
    },
    "step.cap_visit": {
        "zh": "受单次最高支付限额限制",
        "ug": "بىر قېتىملىق ئەڭ يۇقىرى چەككە توختىدى",
        "en": "Limited by the per-visit cap",
    },
    "step.cap_year": {
        "zh": "受年度最高支付限额限制：{pool}（本年剩余 {left} 元）",
        "ug": "يىللىق ئەڭ يۇقىرى چەككە توختىدى: {pool} (بۇ يىل قالغىنى {left} يۈەن)",
        "en": "Limited by the yearly cap: {pool} ({left} yuan left this year)",
    },
    "step.basic": {
        "zh": "基本医保统筹基金支付",
        "ug": "ئاساسىي داۋالاش سۇغۇرتا فوندى تۆلەيدۇ",
        "en": "Basic insurance fund pays",
    },
    "step.supplementary": {
        "zh": "职工大额补充医疗保险支付",
        "ug": "خىزمەتچىلەرنىڭ چوڭ سوممىلىق تولۇقلىما سۇغۇرتىسى تۆلەيدۇ",
        "en": "Large supplementary insurance pays",
    },
    "step.civil_servant": {
        "zh": "公务员医疗补助支付（本年累计个人自付 {cumulative} 元，超过年工资1%即 {threshold} 元的部分按{rate}）",
        "ug": "دۆلەت خىزمەتچىلىرىنىڭ داۋالاش ياردىمى تۆلەيدۇ (بۇ يىل جەمئىي ئۆزى تۆلىگىنى {cumulative} يۈەن؛ يىللىق مائاشنىڭ %1 ى بولغان {threshold} يۈەندىن ئاشقان قىسمىنىڭ {rate} ى)",
        "en": "Civil-servant medical subsidy pays ({rate} of this year's self-pay above 1% of "
              "the yearly wage, {threshold} yuan; self-pay so far {cumulative} yuan)",
    },
    "step.major_illness": {
        "zh": "大病保险支付（本年累计政策范围内自付 {cumulative} 元，起付线 {threshold} 元）",
        "ug": "ئېغىر كېسەللىك سۇغۇرتىسى تۆلەيدۇ (بۇ يىل سىياسەت ئىچىدە جەمئىي ئۆزى تۆلىگىنى {cumulative} يۈەن، باشلىنىش سىزىقى {threshold} يۈەن)",
        "en": "Major-illness insurance pays (this year's in-policy self-pay so far {cumulative} "
              "yuan; threshold {threshold} yuan)",
    },
    "step.assistance": {
        "zh": "医疗救助支付（{category}，比例 {rate}）",
        "ug": "داۋالاش قۇتقۇزۇشى تۆلەيدۇ ({category}، نىسبىتى {rate})",
        "en": "Medical assistance pays ({category}, rate {rate})",
    },
    "step.out_of_pocket": {
        "zh": "您需自付",
        "ug": "ئۆزىڭىز تۆلەيدىغىنى",
        "en": "What you pay",
    },
    "step.tilted": {
        "zh": "可申请倾斜救助（{category}）",
        "ug": "ئالاھىدە قۇتقۇزۇشقا ئىلتىماس قىلالايسىز ({category})",
        "en": "You may also apply for tilted assistance ({category})",
    },
    "step.secondary": {
        "zh": "可申请二次医疗救助（最多至政策范围内费用的 {rate}）",
        "ug": "ئىككىنچى قېتىملىق قۇتقۇزۇشقا ئىلتىماس قىلالايسىز (ئەڭ كۆپ سىياسەت ئىچىدىكى چىقىمنىڭ {rate} غىچە)",
        "en": "You may also apply for secondary assistance (up to {rate} of in-policy costs)",
    },
    # Reasons an episode (or a layer) cannot be computed
    "reason.deferred": {
        "zh": "{what}：本文件没有给出具体数字，而是交由“{authority}”规定，因此无法计算。",
        "ug": "{what}: بۇ ھۆججەتتە ئېنىق سان يوق، ئۇ «{authority}» غا قالدۇرۇلغان، شۇڭا ھېسابلىغىلى بولمايدۇ.",
        "en": "{what}: this document gives no figures and leaves them to “{authority}”, so "
              "this cannot be computed.",
    },
    "reason.unknown_parameter": {
        "zh": "{what}：起付线按上年度城乡居民人均可支配收入计算，工作人员尚未提供该数字，因此暂无法计算。",
        "ug": "{what}: باشلىنىش سىزىقى ئۆتكەن يىللىق ئوتتۇرىچە ئىختىيارىي كىرىمگە باغلىق، خادىملار بۇ ساننى تېخى بەرمىدى، شۇڭا ھازىرچە ھېسابلىغىلى بولمايدۇ.",
        "en": "{what}: the threshold is a share of last year's per-capita disposable income, "
              "which staff have not supplied yet, so this cannot be computed for now.",
    },
    "reason.no_tier": {
        "zh": "{what}：本文件没有在“{facility}”就医的标准。",
        "ug": "{what}: بۇ ھۆججەتتە «{facility}» دا داۋالىنىشنىڭ ئۆلچىمى يوق.",
        "en": "{what}: this document sets no figures for care at a {facility}.",
    },
    "reason.not_specified": {
        "zh": "{what}：{why}",
        "ug": "{what}: {why}",
        "en": "{what}: {why}",
    },
    "reason.no_family": {
        "zh": "{what}：本站收录的文件未规定此项待遇。",
        "ug": "{what}: بۇ تور بېكەتتىكى ھۆججەتلەردە بۇ تەمىنات بەلگىلەنمىگەن.",
        "en": "{what}: the documents in this guide set no such benefit.",
    },
    "reason.not_available": {
        "zh": "{what}：该病种在本文件中“不能办理”。",
        "ug": "{what}: بۇ كېسەللىك بۇ ھۆججەتتە «بېجىرگىلى بولمايدۇ».",
        "en": "{what}: the document says this disease cannot be registered.",
    },
    "reason.no_quota": {
        "zh": "{what}：本文件没有该分娩方式在此级别医疗机构的定额。",
        "ug": "{what}: بۇ ھۆججەتتە بۇ دەرىجىدىكى دوختۇرخانىدا بۇ خىل تۇغۇتنىڭ مىقدارى يوق.",
        "en": "{what}: the document sets no quota for this delivery at this level of "
              "hospital.",
    },
    "reason.later_layer": {
        "zh": "以上为可计算部分；您实际自付的金额可能更低。",
        "ug": "يۇقىرىدىكىسى ھېسابلىغىلى بولىدىغان قىسىم؛ ئەمەلىي ئۆزىڭىز تۆلەيدىغىنى تېخىمۇ ئاز بولۇشى مۇمكىن.",
        "en": "The figures above are what can be computed; what you actually pay may be "
              "lower.",
    },
    # When benefits start (estimator/enrollment.py)
    "waiting.collection": {
        "zh": '在集中缴费期内缴费且连续参保：从待遇年度1月1日起享受待遇。',
        "ug": 'مەركەزلىك تاپشۇرۇش مەزگىلىدە تاپشۇرۇپ ئۈزۈلمەي قاتناشقان: تەمىنات يىلىنىڭ 1-يانۋارىدىن باشلاپ.',
        "en": 'Paid in the collection period with no gap: benefits from 1 January of the benefit year.',
    },
    "waiting.newborn": {
        "zh": '新生儿在出生后规定天数内参保缴费：自出生之日起享受待遇。',
        "ug": 'بوۋاق بەلگىلەنگەن كۈن ئىچىدە قاتناشقان: تۇغۇلغان كۈندىن باشلاپ.',
        "en": 'Newborn enrolled within the allowed days: benefits from the day of birth.',
    },
    "waiting.exempt": {
        "zh": '属于不设等待期的特殊群体：缴费后即可享受待遇。',
        "ug": 'كۈتۈش مەزگىلى يوق ئالاھىدە توپ: تاپشۇرغاندىن كېيىن دەرھال.',
        "en": 'In a group exempt from waiting periods: benefits as soon as you pay.',
    },
    "waiting.waiting": {
        "zh": '等待期：固定{fixed}，变动{variable}（断保{gap}年，补缴{repaired}年），合计{total}。',
        "ug": 'كۈتۈش مەزگىلى: مۇقىم {fixed}، ئۆزگىرىشچان {variable} (ئۈزۈلگەن {gap} يىل، تولۇقلانغان {repaired} يىل)، جەمئىي {total}.',
        "en": 'Waiting period: fixed {fixed}, variable {variable} ({gap} year(s) of gap, {repaired} repaired), total {total}.',
    },
    "waiting.floor": {
        "zh": '连续断缴{years}年及以上：修复后等待期合计不少于{minimum}。',
        "ug": '{years} يىل ۋە ئۇنىڭدىن ئارتۇق ئۈزۈلگەن: تولۇقلانغاندىن كېيىنمۇ ئەڭ ئاز {minimum}.',
        "en": 'A gap of {years} years or more: even after repair the wait is at least {minimum}.',
    },
    "waiting.full_price": {
        "zh": '在待遇年度{month}月{day}日及以后缴费：须按全额标准缴费，不享受财政补助。',
        "ug": 'تەمىنات يىلىنىڭ {month}-ئاينىڭ {day}-كۈنى ياكى ئۇنىڭدىن كېيىن تاپشۇرسا تولۇق باھادا تاپشۇرىدۇ، ھۆكۈمەت ياردىمى يوق.',
        "en": 'Paying on or after {month}/{day} of the benefit year: the full price, with no government subsidy.',
    },
    "unit.months": {
        "zh": '{n}个月',
        "ug": '{n} ئاي',
        "en": '{n} month(s)',
    },
    "unit.days": {
        "zh": '{n}天',
        "ug": '{n} كۈن',
        "en": '{n} day(s)',
    },
    # Notes
    "note.class_b_consumables_exempt": {
        "zh": "单价{limit}元及以下的乙类耗材不需先行自付：乙类耗材一栏只填单价超过{limit}元的部分。",
        "ug": "باھاسى {limit} يۈەن ۋە ئۇنىڭدىن تۆۋەن B تۈرى سەرپىياتلار ئالدىن تۆلەنمەيدۇ: پەقەت {limit} يۈەندىن يۇقىرىلىرىنى يېزىڭ.",
        "en": "Class-B consumable items priced at {limit} yuan or less carry no partial "
              "self-pay: enter only items above {limit} yuan in that field.",
    },
    "note.major_illness_scope": {
        "zh": "大病保险按本年度住院、门诊慢特病等费用中政策范围内个人自付累计计算；普通门诊和“两病”用药不计入（本站的理解）。",
        "ug": "ئېغىر كېسەللىك سۇغۇرتىسى يىل ئىچىدىكى دوختۇرخانىدا يېتىش ۋە سوزۇلما كېسەللىك قاتارلىقلاردا ئۆزى تۆلىگەن سىياسەت ئىچىدىكى چىقىم بويىچە ھېسابلىنىدۇ؛ ئادەتتىكى ئامبۇلاتورىيە ۋە ئىككى كېسەللىك دورىسى ھېسابلانمايدۇ (بىزنىڭ چۈشەنچىمىز).",
        "en": "Major-illness insurance counts the year's in-policy self-pay from stays, "
              "chronic-disease care and similar; general outpatient visits and hypertension/"
              "diabetes drugs are not counted (our reading).",
    },
    "note.self_pay_scope": {
        "zh": "“政策范围内个人自付”指政策范围内费用减去基金支付的部分，不含全自费和乙类先行自付（本站的理解）。",
        "ug": "«سىياسەت ئىچىدىكى ئۆزى تۆلەيدىغىنى» سىياسەت ئىچىدىكى چىقىمدىن فوند تۆلىگەننى ئېلىۋەتكىنى، تولۇق ئۆزى تۆلەيدىغان ۋە B تۈرىنىڭ ئالدىن تۆلەنگىنى كىرمەيدۇ (بىزنىڭ چۈشەنچىمىز).",
        "en": "\"In-policy self-pay\" is the eligible cost less what the funds paid; it leaves "
              "out excluded costs and class-B partial self-pay (our reading).",
    },
    "note.referral_cut_unknown": {
        "zh": "未按规定转诊时，大病保险和医疗救助比例也会降低，但文件未给出幅度，估算未作调整。",
        "ug": "يۆتكەش رەسمىيىتى بولمىسا ئېغىر كېسەللىك ۋە قۇتقۇزۇش نىسبىتىمۇ تۆۋەنلەيدۇ، ئەمما ھۆججەتتە مىقدارى يوق، مۆلچەر ئۆزگەرتىلمىدى.",
        "en": "Without the required referral the major-illness and assistance rates are also "
              "cut, but the document gives no size, so the estimate does not apply a cut.",
    },
    "note.civil_servant_above_limit": {
        "zh": "本次费用有一部分超过统筹基金年度最高支付限额，公务员医疗补助不支付该部分，文件也未说明如何在限额处划分个人自付，本次未计入公务员医疗补助：实际个人负担可能更低。",
        "ug": "بۇ قېتىمقى چىقىمنىڭ بىر قىسمى فوندنىڭ يىللىق ئەڭ يۇقىرى چېكىدىن ئاشتى؛ دۆلەت خىزمەتچىلىرىنىڭ داۋالاش ياردىمى بۇ قىسمىنى تۆلىمەيدۇ. ھۆججەتتە ئۆزىڭىز تۆلەيدىغان قىسىمنى چەك بويىچە قانداق ئايرىش كېرەكلىكىمۇ يېزىلمىغان، شۇڭا بۇ قېتىم دۆلەت خىزمەتچىلىرىنىڭ داۋالاش ياردىمى ھېسابقا كىرگۈزۈلمىدى: ئەمەلىيەتتە ئۆزىڭىز تۆلەيدىغىنى بۇنىڭدىن ئاز بولۇشى مۇمكىن.",
        "en": "Part of this bill is above the fund's yearly limit, which the civil-servant "
              "subsidy does not cover, and the document does not say how to split your share "
              "at the limit, so the subsidy is left out for this bill: you may pay less.",
    },
    "note.civil_servant_needs_salary": {
        "zh": "公务员医疗补助按本人年工资收入计算：请填写年工资收入后再估算。",
        "ug": "دۆلەت خىزمەتچىلىرىنىڭ داۋالاش ياردىمى يىللىق مائاشقا باغلىق: يىللىق مائاشنى يېزىپ قايتا مۆلچەرلەڭ.",
        "en": "The civil-servant subsidy depends on your yearly salary: enter it to include "
              "the subsidy.",
    },
}


def _fill(value: Any, lang: str) -> str:
    if isinstance(value, Mapping):
        chosen = value.get(lang)
        return str(chosen if chosen is not None else value.get("zh", ""))
    return str(value)


def _hashable(value: Any) -> Any:
    if type(value) is str:
        return value
    if isinstance(value, Mapping):
        return tuple((lang, value.get(lang)) for lang in ("zh", "ug", "en"))
    return value


@lru_cache(maxsize=4096)
def _render(key: str, params: tuple[tuple[str, Any], ...]) -> Text:
    template = MESSAGES[key]
    filled = {k: dict(v) if isinstance(v, tuple) else v for k, v in params}
    return {lang: template[lang].format(**{k: _fill(v, lang) for k, v in filled.items()})
            for lang in LANGS}


def text(key: str, **params: Any) -> Text:
    """The message in every language, rendered once per distinct input.

    The returned mapping is shared between results: treat it as read-only."""
    if not params:
        return _render(key, ())
    return _render(key, tuple((k, _hashable(v)) for k, v in params.items()))


@cache
def percent(rate: Any) -> str:
    """0.9 → '90%'; 0.925 → '92.5%'."""
    value = (Decimal(str(rate)) * 100).normalize()
    return f"{value:f}%"
