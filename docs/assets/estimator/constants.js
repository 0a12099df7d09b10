/* What the form offers, in the order it shows them, and the amounts the result names. */

export const SCHEME_ORDER = ["resident", "employee"];
export const KIND_ORDER = ["inpatient", "outpatient", "chronic", "two_diseases", "maternity",
  "day_surgery", "tuberculosis", "special_drugs"];
export const FACILITY_ORDER = ["village", "township", "county", "level1", "level2", "level3",
  "pharmacy"];
export const CATEGORY_ORDER = ["none", "destitute", "dibao", "dibao_edge", "at_risk",
  "illness_poverty"];
export const EMPLOYMENT_ORDER = ["in_service", "retired", "flexible", "unemployed"];
export const DELIVERY_ORDER = ["vaginal", "assisted", "caesarean", "induced", "abortion"];
export const B_PARTS = ["class_b_drugs", "class_b_services", "class_b_consumables"];
export const SPLIT_PARTS = ["excluded", ...B_PARTS];
export const TOTAL_KEYS = ["cost", "basic", "supplementary", "major_illness", "assistance",
  "out_of_pocket"];
export const CHAIN_KEYS = ["cost", "excluded", "class_b_self_pay", "deductible", "eligible", "basic",
  "supplementary", "major_illness", "assistance", "out_of_pocket"];
