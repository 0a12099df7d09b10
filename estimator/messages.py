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
        "ug": "ئېلىۋېتىلىدۇ: سۇغۇرتا تۆلىمەيدىغان، پۈتۈنلەي ئۆز خىراجىتى بىلەن تۆلىنىدىغان چىقىم",
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
        "ug": "سۇغۇرتا تۆلەيدىغان نىسبەت: {rate}",
        "en": "Reimbursement rate {rate}",
    },
    "step.band": {
        "zh": "{low}–{high} 元部分按 {rate} 支付",
        "ug": "{low}–{high} يۈەن قىسمى {rate} بويىچە",
        "en": "Part from {low} to {high} yuan paid at {rate}",
    },
    "step.adjustment": {
        "zh": "报销比例{change}：{label}",
        "ug": "سۇغۇرتا تۆلەيدىغان نىسبەت {change}: {label}",
        "en": "Reimbursement rate {change}: {label}",
    },
    "change.points_up": {
        "zh": "提高{n}个百分点",
        "ug": "{n} پىرسەنت پونكىت ئۆستۈرۈلىدۇ",
        "en": "{n} percentage points higher",
    },
    "change.points_down": {
        "zh": "降低{n}个百分点",
        "ug": "{n} پىرسەنت پونكىت تۆۋەنلىتىلىدۇ",
        "en": "{n} percentage points lower",
    },
    "step.quota": {
        "zh": "分娩定额：{delivery}（{babies}胎）",
        "ug": "تۇغۇت مىقدارى: {delivery} ({babies} بوۋاق)",
        "en": "Delivery quota: {delivery} ({babies} baby/babies)",
    },
    "step.cap_visit": {
        "zh": "单次最多支付 {cap} 元，按此封顶",
        "ug": "بىر قېتىمدا ئەڭ كۆپ {cap} يۈەن تۆلىنىدۇ، شۇنىڭغا توختىدى",
        "en": "Limited by the per-visit cap of {cap} yuan",
    },
    "step.cost_limit_year": {
        "zh": "{pool}：一年内只有前 {limit} 元政策范围内费用由基本医保按比例支付，本次还有 {counted} 元在此范围内；超出部分转入下一层",
        "ug": "{pool}: بىر يىلدا سىياسەت دائىرىسىدىكى چىقىمنىڭ ئالدىنقى {limit} يۈەنىنىلا ئاساسىي سۇغۇرتا نىسبەت بويىچە تۆلەيدۇ، بۇ قېتىم {counted} يۈەن بۇ دائىرىدە؛ ئاشقان قىسمى كېيىنكى قاتلامغا ئۆتىدۇ",
        "en": "{pool}: the basic fund pays its rates on the year's first {limit} yuan of "
              "eligible cost; {counted} yuan of this bill is inside it, the rest goes to the "
              "next layer",
    },
    "step.rate_group.in_service": {
        "zh": "按在职职工的比例计算",
        "ug": "ئىشلەۋاتقان خىزمەتچىلەرنىڭ نىسبىتى بويىچە ھېسابلاندى",
        "en": "Rates for employees in service",
    },
    "step.rate_group.retired": {
        "zh": "按退休人员的比例计算",
        "ug": "پېنسىيەگە چىققانلارنىڭ نىسبىتى بويىچە ھېسابلاندى",
        "en": "Rates for retired employees",
    },
    "step.new_member_waiting": {
        "zh": "首次以灵活就业人员身份参保，已连续缴费 {months} 个月，还在6个月等待期内：医保暂不支付",
        "ug": "تۇنجى قېتىم جانلىق ئىشقا ئورۇنلاشقۇچى سۈپىتىدە سۇغۇرتىلانغان، ئۈزلۈكسىز {months} ئاي تاپشۇرغان، 6 ئايلىق كۈتۈش مەزگىلى تېخى توشمىغان: سۇغۇرتا ھازىرچە تۆلىمەيدۇ",
        "en": "First insured as a flexible worker, {months} months paid: still in the "
              "6-month waiting period, so the fund pays nothing yet",
    },
    "step.new_member_rate": {
        "zh": "首次以灵活就业人员身份参保，已连续缴费 {months} 个月：住院报销比例为 {rate}",
        "ug": "تۇنجى قېتىم جانلىق ئىشقا ئورۇنلاشقۇچى سۈپىتىدە سۇغۇرتىلانغان، ئۈزلۈكسىز {months} ئاي تاپشۇرغان: دوختۇرخانىدا يېتىپ داۋالىنىش نىسبىتى {rate}",
        "en": "First insured as a flexible worker, {months} months paid: the inpatient "
              "rate is {rate}",
    },
    "step.cap_year": {
        "zh": "受年度最高支付限额限制：{pool}（本年剩余 {left} 元）",
        "ug": "يىللىق ئەڭ يۇقىرى تۆلەش چېكىگە يەتتى: {pool} (بۇ يىل قالغىنى {left} يۈەن)",
        "en": "Limited by the yearly cap: {pool} ({left} yuan left this year)",
    },
    "step.basic": {
        "zh": "基本医保统筹基金支付",
        "ug": "ئاساسىي داۋالاش سۇغۇرتا فوندى تۆلەيدۇ",
        "en": "Basic insurance fund pays",
    },
    "step.supplementary": {
        "zh": "职工大额补充医疗保险支付：本年政策范围内费用累计 {cumulative} 元，其中 {bands}",
        "ug": "خىزمەتچىلەرنىڭ چوڭ سوممىلىق تولۇقلىما سۇغۇرتىسى تۆلەيدۇ: بۇ يىل سىياسەت دائىرىسىدىكى چىقىم جەمئىي {cumulative} يۈەن؛ {bands}",
        "en": "Large supplementary insurance pays: this year's eligible cost is {cumulative} "
              "yuan so far; {bands}",
    },
    "part.band": {
        "zh": "{low}–{high} 元的部分按 {rate}",
        "ug": "{low}–{high} يۈەن قىسمى {rate}",
        "en": "the part from {low} to {high} yuan at {rate}",
    },
    "step.civil_servant": {
        "zh": "公务员医疗补助支付（本年累计个人自付 {cumulative} 元，超过年工资1%即 {threshold} 元的部分按{rate}）",
        "ug": "دۆلەت خىزمەتچىلىرىنىڭ داۋالاش تولۇقلىمىسى تۆلەيدۇ (بۇ يىل جەمئىي ئۆزى تۆلىگىنى {cumulative} يۈەن؛ يىللىق مائاشنىڭ %1 ى بولغان {threshold} يۈەندىن ئاشقان قىسمىنىڭ {rate} ى)",
        "en": "Civil-servant medical subsidy pays ({rate} of this year's self-pay above 1% of "
              "the yearly wage, {threshold} yuan; self-pay so far {cumulative} yuan)",
    },
    "step.major_illness": {
        "zh": "大病保险支付（本年累计政策范围内自付 {cumulative} 元，起付线 {threshold} 元）",
        "ug": "ئېغىر كېسەللىك سۇغۇرتىسى تۆلەيدۇ (بۇ يىل سىياسەت دائىرىسىدە جەمئىي ئۆزى تۆلىگىنى {cumulative} يۈەن، باشلىنىش سىزىقى {threshold} يۈەن)",
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
        "zh": "倾斜救助（{category}）：本年政策范围内个人自付累计 {cumulative} 元，超过年度起付标准 {threshold} 元的部分按 {rate} 救助，不设封顶线（文件写明“给予”，但没写是否出院时直接结算；请向医保经办机构确认是否要申请）",
        "ug": "ئېتىبار بېرىلىدىغان قۇتقۇزۇش ({category}): بۇ يىل سىياسەت دائىرىسىدە ئۆزىڭىز تۆلىگىنىڭىز جەمئىي {cumulative} يۈەن، يىللىق باشلىنىش ئۆلچىمى {threshold} يۈەندىن ئاشقان قىسمى {rate} قۇتقۇزۇلىدۇ، يۇقىرى چەك يوق (ھۆججەتتە «بېرىلىدۇ» دېيىلگەن، ئەمما دوختۇرخانىدىن چىققاندا بىۋاسىتە ھېسابلىنامدۇ يوق يېزىلمىغان؛ ئىلتىماس قىلىش كېرەكمۇ يوق، داۋالاش سۇغۇرتىسى بېجىرىش ئورگىنىدىن سوراڭ)",
        "en": "Tilted assistance ({category}): of this year's in-policy self-pay, "
              "{cumulative} yuan so far, the part above the yearly threshold of {threshold} "
              "yuan is paid at {rate}, with no cap (the document says it is given, but not "
              "whether it is settled at discharge; ask the insurance office whether you "
              "need to apply)",
    },
    "step.secondary": {
        "zh": "可申请二次医疗救助（最多至政策范围内费用的 {rate}）",
        "ug": "ئىككىنچى قېتىملىق قۇتقۇزۇشقا ئىلتىماس قىلالايسىز (ئەڭ كۆپ بولغاندا سىياسەت دائىرىسىدىكى چىقىمنىڭ {rate} قىسمىغىچە)",
        "en": "You may also apply for secondary assistance (up to {rate} of in-policy costs)",
    },
    # Reasons an episode (or a layer) cannot be computed
    "reason.deferred": {
        "zh": "{what}：本文件没有给出具体数字，而是交由“{authority}”规定，因此无法计算。",
        "ug": "{what}: بۇ ھۆججەتتە ئېنىق سان يوق، شۇڭا ھېسابلىغىلى بولمايدۇ. بۇ ساننى بېكىتىدىغىنى: «{authority}».",
        "en": "{what}: this document gives no figures and leaves them to “{authority}”, so "
              "this cannot be computed.",
    },
    "reason.unknown_parameter": {
        "zh": "{what}：起付线按上年度城乡居民人均可支配收入计算，本站还没有这个数字，所以暂时算不出。您可以在表格中填写这个数字（当地统计公报公布），或向县医保局询问。",
        "ug": "{what}: باشلىنىش سىزىقى ئۆتكەن يىللىق ئاھالىلەرنىڭ كىشى بېشىغا توغرا كېلىدىغان ئىختىيارىي ئىشلىتىلىدىغان كىرىمىگە باغلىق، بۇ تور بېكەتتە بۇ سان تېخى يوق، شۇڭا ھازىرچە ھېسابلىغىلى بولمايدۇ. بۇ ساننى جەدۋەلگە يازسىڭىز بولىدۇ (يەرلىك ستاتىستىكا ئاخباراتىدا ئېلان قىلىنىدۇ)، ياكى ناھىيەلىك داۋالاش كاپالىتى ئىدارىسىدىن سوراڭ.",
        "en": "{what}: the threshold is a share of last year's per-capita disposable income, "
              "which this site does not have yet, so this cannot be computed for now. Enter "
              "the figure in the form (the local statistics bulletin publishes it), or ask "
              "the county medical insurance bureau.",
    },
    "reason.no_tier": {
        "zh": "{what}：本文件没有在“{facility}”就医的标准。",
        "ug": "{what}: بۇ ھۆججەتتە مۇنۇ داۋالاش ئورنىدا داۋالىنىشنىڭ ئۆلچىمى يوق: «{facility}».",
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
        "ug": 'مەركەزلىك ھەق تاپشۇرۇش مەزگىلىدە تاپشۇرۇپ ئۈزلۈكسىز قاتناشقان: تەمىنات يىلىنىڭ 1-ئاينىڭ 1-كۈنىدىن باشلاپ.',
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
        "ug": 'كۈتۈش مەزگىلى: مۇقىم {fixed}، ئۆزگىرىشچان {variable} (ئۈزۈلگەن يىل: {gap}، تولۇقلاپ تاپشۇرۇلغان يىل: {repaired})، جەمئىي {total}.',
        "en": 'Waiting period: fixed {fixed}, variable {variable} ({gap} year(s) of gap, {repaired} repaired), total {total}.',
    },
    "waiting.floor": {
        "zh": '连续断缴{years}年及以上：修复后等待期合计不少于{minimum}。',
        "ug": 'ئارقىمۇ-ئارقا {years} يىل ۋە ئۇنىڭدىن ئارتۇق ئۈزۈلگەن: تولۇقلاپ تاپشۇرغاندىن كېيىنمۇ كۈتۈش مەزگىلى ئەڭ ئاز {minimum}.',
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
        "ug": "دانە باھاسى {limit} يۈەن ياكى ئۇنىڭدىن تۆۋەن بولغان B تۈرىدىكى سەرپىياتلاردا ئالدىن ئۆزى تۆلەش يوق: «B تۈرىدىكى تىببىي سەرپىيات چىقىمى» كاتەكچىسىگە پەقەت دانە باھاسى {limit} يۈەندىن يۇقىرى بولغانلىرىنىلا يېزىڭ.",
        "en": "Class-B consumable items priced at {limit} yuan or less carry no partial "
              "self-pay: enter only items above {limit} yuan in that field.",
    },
    "note.major_illness_scope": {
        "zh": "大病保险按本年度住院、门诊慢特病等费用中政策范围内个人自付累计计算；普通门诊和“两病”用药不计入（本站的理解）。",
        "ug": "ئېغىر كېسەللىك سۇغۇرتىسى يىل ئىچىدىكى دوختۇرخانىدا يېتىپ داۋالىنىش ۋە سوزۇلما كېسەللىك قاتارلىقلاردا ئۆزى تۆلىگەن سىياسەت دائىرىسىدىكى چىقىم بويىچە ھېسابلىنىدۇ؛ ئادەتتىكى ئامبۇلاتورىيە ۋە ئىككى كېسەللىك دورىسى ھېسابلانمايدۇ (بىزنىڭ چۈشەنچىمىز).",
        "en": "Major-illness insurance counts the year's in-policy self-pay from stays, "
              "chronic-disease care and similar; general outpatient visits and hypertension/"
              "diabetes drugs are not counted (our reading).",
    },
    "note.self_pay_scope": {
        "zh": "“政策范围内个人自付”指政策范围内费用减去基金支付的部分，不含全自费和乙类先行自付（本站的理解）。",
        "ug": "«سىياسەت دائىرىسىدىكى ئۆزى تۆلەيدىغىنى» سىياسەت دائىرىسىدىكى چىقىمدىن فوند تۆلىگەننى ئېلىۋەتكىنى، پۈتۈنلەي ئۆز خىراجىتى بىلەن تۆلىنىدىغان چىقىم ۋە B تۈرىنىڭ ئالدىن تۆلەنگىنى كىرمەيدۇ (بىزنىڭ چۈشەنچىمىز).",
        "en": "\"In-policy self-pay\" is the eligible cost less what the funds paid; it leaves "
              "out excluded costs and class-B partial self-pay (our reading).",
    },
    "note.flexible_since_missing": {
        "zh": "首次以灵活就业人员身份参保的，前两年住院报销比例较低（6个月等待期，之后30%、满1年60%）。您没有填写首次缴费的月份，本估算按正常比例计算，您实际自付的可能更多（“至少”）。",
        "ug": "تۇنجى قېتىم جانلىق ئىشقا ئورۇنلاشقۇچى سۈپىتىدە سۇغۇرتىلانغانلارنىڭ دەسلەپكى ئىككى يىلدىكى يېتىپ داۋالىنىش نىسبىتى تۆۋەن (6 ئايلىق كۈتۈش مەزگىلى، ئاندىن %30، بىر يىل توشقاندا %60). سىز تۇنجى تاپشۇرغان ئاينى يازمىدىڭىز، بۇ مۆلچەر نورمال نىسبەت بويىچە ھېسابلاندى؛ ئەمەلىيەتتە ئۆزىڭىز تۆلەيدىغىنى بۇنىڭدىن كۆپ بولۇشى مۇمكىن («ئەڭ ئاز»).",
        "en": "People first insured as flexible workers get lower inpatient rates in their "
              "first two years (a 6-month wait, then 30%, 60% after a year). You did not "
              "give the first month you paid, so the estimate uses the normal rates and you "
              "may pay more (\"at least\").",
    },
    "note.paid_first_by": {
        "zh": "{what}：费用先由{who}补助一部分，文件没有写补助多少。本估算按全部费用计算，所以基本医保支付的金额可能偏高，您实际自付的最多是这个数（“至多”）。具体请向县医保局询问。",
        "ug": "{what}: چىقىمنىڭ بىر قىسمىنى ئالدى بىلەن {who} ياردەم قىلىدۇ، ھۆججەتتە قانچىلىك ئىكەنلىكى يېزىلمىغان. بۇ مۆلچەر پۈتۈن چىقىم بويىچە ھېسابلاندى؛ شۇڭا ئاساسىي سۇغۇرتا تۆلىگىنى ئەمەلىيەتتىن كۆپ كۆرۈنۈشى مۇمكىن، ئۆزىڭىز تۆلەيدىغىنى ئەڭ كۆپ مۇشۇنچىلىك («ئەڭ كۆپ»). ناھىيەلىك داۋالاش كاپالىتى ئىدارىسىدىن سوراڭ.",
        "en": "{what}: part of the bill is first paid by {who}, and the document does not "
              "say how much. The estimate counts the whole bill, so the basic fund's share "
              "may be too high and you pay at most this (\"at most\"). Ask the county "
              "medical insurance bureau.",
    },
    "note.cap_unknown": {
        "zh": "{what}：文件没有写明您这一类人员的年度最高支付限额（交由“{authority}”规定）。本估算按文件写明的起付线和比例计算、未设上限，所以大病保险的金额可能偏高，您实际自付的可能更多（“至少”）。具体请向县医保局询问。",
        "ug": "{what}: ھۆججەتتە سىزنىڭ تۈرىڭىزنىڭ يىللىق ئەڭ يۇقىرى تۆلەش چېكى يېزىلمىغان (ئۇنى «{authority}» بەلگىلەيدۇ). بۇ مۆلچەر ھۆججەتتىكى باشلىنىش سىزىقى ۋە نىسبەت بويىچە، چەكسىز ھېسابلاندى؛ شۇڭا ئېغىر كېسەللىك سۇغۇرتىسىنىڭ سوممىسى ئەمەلىيەتتىن كۆپ بولۇشى، ئۆزىڭىز تۆلەيدىغىنى بۇنىڭدىن كۆپ بولۇشى مۇمكىن («ئەڭ ئاز»). ناھىيەلىك داۋالاش كاپالىتى ئىدارىسىدىن سوراڭ.",
        "en": "{what}: the document gives no yearly cap for your group (it leaves it to "
              "“{authority}”). The estimate uses the threshold and rates the document does "
              "give, with no cap, so this payment may be too high and what you pay may be "
              "more (\"at least\"). Ask the county medical insurance bureau.",
    },
    "note.civil_servant_above_limit": {
        "zh": "本次费用有一部分超过统筹基金年度最高支付限额，公务员医疗补助不支付该部分，文件也未说明如何在限额处划分个人自付，本次未计入公务员医疗补助：实际个人负担可能更低。",
        "ug": "بۇ قېتىمقى چىقىمنىڭ بىر قىسمى فوندنىڭ يىللىق ئەڭ يۇقىرى تۆلەش چېكىدىن ئاشتى؛ دۆلەت خىزمەتچىلىرىنىڭ داۋالاش تولۇقلىمىسى بۇ قىسمىنى تۆلىمەيدۇ. ھۆججەتتە ئۆزىڭىز تۆلەيدىغان قىسىمنى چەك بويىچە قانداق ئايرىش كېرەكلىكىمۇ يېزىلمىغان، شۇڭا بۇ قېتىم دۆلەت خىزمەتچىلىرىنىڭ داۋالاش تولۇقلىمىسى ھېسابقا كىرگۈزۈلمىدى: ئەمەلىيەتتە ئۆزىڭىز تۆلەيدىغىنى بۇنىڭدىن ئاز بولۇشى مۇمكىن.",
        "en": "Part of this bill is above the fund's yearly limit, which the civil-servant "
              "subsidy does not cover, and the document does not say how to split your share "
              "at the limit, so the subsidy is left out for this bill: you may pay less.",
    },
    "note.civil_servant_needs_salary": {
        "zh": "公务员医疗补助按本人年工资收入计算：请填写年工资收入后再估算。",
        "ug": "دۆلەت خىزمەتچىلىرىنىڭ داۋالاش تولۇقلىمىسى يىللىق مائاشقا باغلىق: يىللىق مائاشنى يېزىپ قايتا مۆلچەرلەڭ.",
        "en": "The civil-servant subsidy depends on your yearly salary: enter it to include "
              "the subsidy.",
    },
}


# How each language writes a percent (the site's catalogs write the same: fmt.percent).
PERCENT_PATTERN: dict[str, str] = {"zh": "{n}%", "ug": "%{n}", "en": "{n}%"}


class Percent(str):
    """A percent as text: "90%" as a plain string (what callers have always had), and
    in each language's own order when it fills a message ("%90" in Uyghur)."""

    __slots__ = ("number",)
    number: str

    def __new__(cls, number: str) -> Percent:
        self = super().__new__(cls, PERCENT_PATTERN["en"].format(n=number))
        self.number = number
        return self

    def by_lang(self) -> Text:
        return {lang: PERCENT_PATTERN[lang].format(n=self.number) for lang in LANGS}


def _fill(value: Any, lang: str) -> str:
    if isinstance(value, Percent):
        return PERCENT_PATTERN[lang].format(n=value.number)
    if isinstance(value, Mapping):
        chosen = value.get(lang)
        return str(chosen if chosen is not None else value.get("zh", ""))
    return str(value)


def _hashable(value: Any) -> Any:
    if type(value) is str:
        return value
    if isinstance(value, Percent):
        return tuple(value.by_lang().items())
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
def percent(rate: Any) -> Percent:
    """0.9 → '90%'; 0.925 → '92.5%' (and '%90', '%92.5' in a Uyghur message)."""
    value = (Decimal(str(rate)) * 100).normalize()
    return Percent(f"{value:f}")


def points_change(amount: Any) -> Text:
    """A change of a rate in words, never a signed percent (which reads as a relative
    cut and flips in right-to-left text): -0.05 → '5 percentage points lower'."""
    value = Decimal(str(amount))
    n = f"{(abs(value) * 100).normalize():f}"
    key = "change.points_up" if value >= 0 else "change.points_down"
    return {lang: MESSAGES[key][lang].format(n=n) for lang in LANGS}
