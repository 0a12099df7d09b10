"""Names of kinds of care, facilities, deliveries and conditions in each site
language: the Chinese here, the other languages from the estimator catalogs
(catalog context ``label.<group>.<name>``)."""

from __future__ import annotations

from .messages import LANGS, Text
from .translations import translate


def labels_of(group: str, chinese: dict[str, str]) -> dict[str, Text]:
    """Each name in every language, from its Chinese."""
    return {name: {"zh": zh, **{lang: translate(f"label.{group}.{name}", zh, lang)
                              for lang in LANGS if lang != "zh"}}
            for name, zh in chinese.items()}


KIND_LABEL: dict[str, Text] = labels_of("kind", {
    "inpatient": "住院",
    "outpatient": "普通门诊",
    "chronic": "门诊慢特病",
    "two_diseases": "“两病”门诊用药",
    "maternity": "生育（住院分娩）",
    "day_surgery": "日间手术",
    "tuberculosis": "结核病",
    "special_drugs": "特殊药品",
})
DELIVERY_LABEL: dict[str, Text] = labels_of("delivery", {
    "vaginal": "顺产",
    "assisted": "助娩产",
    "caesarean": "剖宫产",
    "induced": "引产",
    "abortion": "流产",
})
CONDITION_LABEL: dict[str, Text] = labels_of("condition", {
    "hypertension": "高血压",
    "diabetes": "糖尿病",
})
CATEGORY_LABEL: dict[str, Text] = labels_of("category", {
    "destitute": "特困人员",
    "dibao": "低保对象",
    "dibao_edge": "低保边缘对象",
    "at_risk": "易返贫致贫人口",
    "illness_poverty": "因病致贫重病患者",
})
# What a reason names when the document gives no label of its own.
WHAT_LABEL: dict[str, Text] = labels_of("what", {
    "class_b_self_pay": "乙类先行自付",
    "assistance": "医疗救助",
    "major_illness": "大病保险",
    "waiting_period": "待遇等待期",
    "no_waiting_period": "本文件未规定等待期",
})
FACILITY_LABEL: dict[str, Text] = labels_of("facility", {
    "village": "村卫生室",
    "township": "乡镇卫生院",
    "county": "县级医院",
    "level1": "一级医院",
    "level2": "二级医院",
    "level3": "三级医院",
    "pharmacy": "定点零售药店",
})
