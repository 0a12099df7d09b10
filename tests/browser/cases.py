"""Cases the browser tests enter through the form, each named as a sentence."""

from __future__ import annotations

from typing import Any


def _ep(kind: str, date: str, facility: str, total: str, **extra: Any) -> dict[str, Any]:
    cost = {"total": total, **extra.pop("cost", {})}
    return {"kind": kind, "date": date, "facility": facility, "cost": cost, **extra}


CASES: dict[str, dict[str, Any]] = {
    "A Hotan resident of 40 stays in a county hospital; the bill has excluded and "
    "class-B parts": {
        "region": "hotan", "scheme": "resident", "person": {"age": 40},
        "episodes": [_ep("inpatient", "2025-12-01", "county", "30000",
                         cost={"excluded": "1000", "class_b_drugs": "2000",
                               "class_b_consumables": "500.50"})],
    },
    "A Hotan dibao resident sees a township clinic and has diabetes care in a level-2 "
    "hospital": {
        "region": "hotan", "scheme": "resident",
        "person": {"age": 67, "assistance_category": "dibao"},
        "episodes": [_ep("outpatient", "2025-11-03", "township", "300"),
                     _ep("chronic", "2026-01-15", "level2", "5000", disease="diabetes")],
    },
    "A Wuwei resident visits a village clinic and buys hypertension drugs": {
        "region": "wuwei", "scheme": "resident", "person": {"age": 58},
        "episodes": [_ep("outpatient", "2025-06-10", "village", "200"),
                     _ep("two_diseases", "2025-07-01", "township", "800",
                         condition="hypertension")],
    },
    "A Hotan resident has a caesarean section in a level-2 hospital": {
        "region": "hotan", "scheme": "resident", "person": {"age": 29},
        "episodes": [_ep("maternity", "2026-02-02", "level2", "6000", delivery="caesarean")],
    },
    "A Hotan resident with a large bill, treated out of the area unregistered, with the "
    "income figure given": {
        "region": "hotan", "scheme": "resident", "person": {"age": 50},
        "parameters": {"per_capita_disposable_income": "16000"},
        "episodes": [_ep("inpatient", "2026-03-01", "level3", "120000", referral=False,
                         out_of_area=True, out_of_area_registered=False,
                         cost={"class_b_services": "8000"})],
    },
    "A Kizilsu flexible worker paying since September 2025 has level-2 stays in the "
    "waiting period, at 30% and at 60% (附件1 一（一）4（1）)": {
        "region": "kizilsu", "scheme": "employee",
        "person": {"age": 30, "employment": "flexible", "flexible_since": "2025-09-01"},
        "episodes": [_ep("inpatient", "2026-02-10", "level2", "10000"),
                     _ep("inpatient", "2026-03-10", "level2", "10000"),
                     _ep("inpatient", "2026-09-10", "level2", "10000")],
    },
    "A Hotan dibao resident's 200,000 stay: major illness without its unset cap, so "
    "she pays at least the figure (第二十八条)": {
        "region": "hotan", "scheme": "resident",
        "person": {"age": 40, "assistance_category": "dibao"},
        "parameters": {"per_capita_disposable_income": "16000"},
        "episodes": [_ep("inpatient", "2026-03-01", "level3", "200000")],
    },
    "A Honghe resident's hospital stay is not computable: the schedule is set elsewhere": {
        "region": "honghe", "scheme": "resident", "person": {"age": 35},
        "episodes": [_ep("inpatient", "2025-05-05", "county", "9000")],
    },
}
