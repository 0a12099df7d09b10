"""Names of kinds of care, facilities, deliveries and conditions in each site
language."""

from __future__ import annotations

from .messages import Text

KIND_LABEL: dict[str, Text] = {
    "inpatient": {"zh": "住院", "ug": "دوختۇرخانىدا يېتىپ داۋالىنىش", "en": "Inpatient stay"},
    "outpatient": {"zh": "普通门诊", "ug": "ئادەتتىكى ئامبۇلاتورىيە", "en": "General outpatient"},
    "chronic": {"zh": "门诊慢特病", "ug": "سوزۇلما ۋە ئالاھىدە كېسەللىك",
                "en": "Chronic or special disease (outpatient)"},
    "two_diseases": {"zh": "“两病”门诊用药", "ug": "يۇقىرى قان بېسىم ۋە دىئابىت دورىسى",
                     "en": "Hypertension/diabetes drugs"},
    "maternity": {"zh": "生育（住院分娩）", "ug": "تۇغۇت", "en": "Childbirth"},
    "day_surgery": {"zh": "日间手术", "ug": "كۈندۈزلۈك ئوپېراتسىيە", "en": "Day surgery"},
    "tuberculosis": {"zh": "结核病", "ug": "تۇبېركۇليوز", "en": "Tuberculosis"},
    "special_drugs": {"zh": "特殊药品", "ug": "ئالاھىدە دورا", "en": "Special drugs"},
}
DELIVERY_LABEL: dict[str, Text] = {
    "vaginal": {"zh": "顺产", "ug": "تەبىئىي تۇغۇت", "en": "Vaginal delivery"},
    "assisted": {"zh": "助娩产", "ug": "ياردەم بىلەن تۇغۇت", "en": "Assisted delivery"},
    "caesarean": {"zh": "剖宫产", "ug": "ئوپېراتسىيە بىلەن تۇغۇت", "en": "Caesarean section"},
    "induced": {"zh": "引产", "ug": "سۈنئىي تۇغدۇرۇش", "en": "Induced labour"},
    "abortion": {"zh": "流产", "ug": "بالا چۈشۈش", "en": "Miscarriage or abortion"},
}
CONDITION_LABEL: dict[str, Text] = {
    "hypertension": {"zh": "高血压", "ug": "يۇقىرى قان بېسىم", "en": "Hypertension"},
    "diabetes": {"zh": "糖尿病", "ug": "دىئابىت", "en": "Diabetes"},
}
FACILITY_LABEL: dict[str, Text] = {
    "village": {"zh": "村卫生室", "ug": "كەنت سەھىيە ئۆيى", "en": "village clinic"},
    "township": {"zh": "乡镇卫生院", "ug": "يېزا-بازار دوختۇرخانىسى",
                 "en": "township health centre"},
    "county": {"zh": "县级医院", "ug": "ناھىيە دوختۇرخانىسى", "en": "county hospital"},
    "level1": {"zh": "一级医院", "ug": "1-دەرىجىلىك دوختۇرخانا", "en": "level-1 hospital"},
    "level2": {"zh": "二级医院", "ug": "2-دەرىجىلىك دوختۇرخانا", "en": "level-2 hospital"},
    "level3": {"zh": "三级医院", "ug": "3-دەرىجىلىك دوختۇرخانا", "en": "level-3 hospital"},
    "pharmacy": {"zh": "定点零售药店", "ug": "بەلگىلەنگەن دورىخانا",
                 "en": "designated pharmacy"},
}
