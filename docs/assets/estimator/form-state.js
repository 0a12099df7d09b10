/* The form's state: defaults, what the chosen region and scheme offer, the case built
 * from the state (with the visitor's errors in their language) and the state filled
 * from a case. */

import { DELIVERY_ORDER, FACILITY_ORDER, KIND_ORDER, SCHEME_ORDER,
  SPLIT_PARTS } from "./constants.js";
import { addMoney, groupDigits, isISODate, nextDay, normalizeNumber, todayISO }
  from "./numbers.js";

/** Methods of the estimator app (mixed into EstimatorApp). */
export class FormState {
  /* ---- state ---- */

  defaultEpisode(kind = "inpatient") {
    return {
      kind,
      date: this.defaultDate(),
      discharge_date: "",
      facility: "",
      out_of_area: false,
      out_of_area_registered: false,
      referral: true,
      total: "",
      excluded: "",
      class_b_drugs: "",
      class_b_services: "",
      class_b_consumables: "",
      split_open: false,
      disease: "",
      condition: "",
      both_conditions: false,
      delivery: "vaginal",
      babies: "1",
    };
  }

  defaultState() {
    return {
      region: this.regions[0],
      scheme: "resident",
      person: {
        age: "40",
        employment: "in_service",
        civil_servant: false,
        assistance_category: "none",
        continuous_years: "0",
        zero_claim_last_year: false,
        rejoined_after_gap: false,
        annual_salary: "",
        flexible_since: "",
      },
      income: "",
      episodes: [this.defaultEpisode()],
    };
  }

  /** Today when a document of the chosen region and scheme is in force; otherwise
   * the first day of the newest document. */
  defaultDate() {
    const today = todayISO();
    const info = this.schemeInfo();
    if (!info || !info.documents || !info.documents.length) return today;
    const inForce = info.documents.some((d) =>
      d.effective <= today && (!d.expires || today <= d.expires));
    if (inForce) return today;
    const newest = [...info.documents].sort((a, b) =>
      a.effective < b.effective ? 1 : -1)[0];
    return newest.effective;
  }

  regionIds() {
    return this.regions;
  }

  regionAvailable(region) {
    return !this.form || !!(this.form.regions && this.form.regions[region]);
  }

  schemeIds() {
    return SCHEME_ORDER;
  }

  schemeAvailable(scheme, region = this.state.region) {
    if (!this.form) return true;
    const r = this.form.regions && this.form.regions[region];
    return !!(r && r[scheme]);
  }

  schemeInfo(state = this.state) {
    if (!this.form || !state) return null;
    const r = this.form.regions && this.form.regions[state.region];
    return (r && r[state.scheme]) || null;
  }

  kindOptions() {
    const info = this.schemeInfo();
    if (!info) {
      return KIND_ORDER.map((id) => ({ id, ok: true }));
    }
    const kinds = info.kinds || {};
    const all = KIND_ORDER.filter((id) => kinds[id]);
    const ok = all.filter((id) => kinds[id].status === "ok");
    const shown = ok.length ? ok : all;
    return shown.map((id) => ({ id, ok: kinds[id].status === "ok" }));
  }

  kindsNotCovered() {
    const info = this.schemeInfo();
    if (!info) return [];
    const kinds = info.kinds || {};
    const ok = KIND_ORDER.filter((id) => kinds[id] && kinds[id].status === "ok");
    if (!ok.length) return [];
    return KIND_ORDER.filter((id) => kinds[id] && kinds[id].status !== "ok")
      .map((id) => ({ id, reason: kinds[id].reason }));
  }

  facilityOptions(kind) {
    const info = this.schemeInfo();
    const k = info && info.kinds && info.kinds[kind];
    if (k && Array.isArray(k.facilities) && k.facilities.length) return k.facilities;
    return FACILITY_ORDER;
  }

  diseaseOptions() {
    const info = this.schemeInfo();
    return (info && info.diseases || []).filter((d) => d.available !== false);
  }

  deliveryOptions() {
    const info = this.schemeInfo();
    return info && info.deliveries && info.deliveries.length ? info.deliveries : DELIVERY_ORDER;
  }

  conditionOptions() {
    const info = this.schemeInfo();
    return info && info.conditions && info.conditions.length
      ? info.conditions : ["hypertension", "diabetes"];
  }

  /** Bring the state in line with what the chosen region and scheme offer. */
  reconcile() {
    const s = this.state;
    if (this.form) {
      if (!this.regionAvailable(s.region)) {
        s.region = this.regionIds().find((r) => this.regionAvailable(r)) || s.region;
      }
      if (!this.schemeAvailable(s.scheme)) {
        s.scheme = this.schemeIds().find((x) => this.schemeAvailable(x)) || s.scheme;
      }
    }
    const kinds = this.kindOptions().map((k) => k.id);
    for (const ep of s.episodes) {
      if (!kinds.includes(ep.kind)) ep.kind = kinds[0] || ep.kind;
      const facilities = this.facilityOptions(ep.kind);
      if (!facilities.includes(ep.facility)) {
        ep.facility = facilities.includes("county") ? "county" : facilities[0];
      }
      const diseases = this.diseaseOptions().map((d) => d.id);
      if (ep.kind === "chronic" && diseases.length && !diseases.includes(ep.disease)) {
        ep.disease = diseases[0];
      }
      const conditions = this.conditionOptions();
      if (!conditions.includes(ep.condition)) ep.condition = conditions[0];
      const deliveries = this.deliveryOptions();
      if (!deliveries.includes(ep.delivery)) ep.delivery = deliveries[0];
    }
  }

  /** Open the form on what a guide page's link asked for, as far as the estimator
   * offers it (before describe_form() is known, everything is offered). */
  applyAsked() {
    const asked = this.asked;
    if (!asked) return;
    const s = this.state;
    if (asked.region && this.regionAvailable(asked.region)) s.region = asked.region;
    if (asked.scheme && this.schemeAvailable(asked.scheme)) s.scheme = asked.scheme;
    if (asked.kind && this.kindOptions().some((k) => k.id === asked.kind && k.ok)) {
      for (const ep of s.episodes) ep.kind = asked.kind;
    }
  }

  /** The covered period of the chosen region and scheme, in words: the documents'
   * validity (effective day to expiry day, both included), overlapping ones merged. */
  coveredPeriod(documents) {
    const spans = documents.map((d) => ({ from: d.effective, to: d.expires || null }))
      .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
    const merged = [];
    for (const span of spans) {
      const last = merged[merged.length - 1];
      if (last && (last.to === null || span.from <= nextDay(last.to))) {
        if (last.to !== null && (span.to === null || span.to > last.to)) last.to = span.to;
      } else {
        merged.push({ ...span });
      }
    }
    return merged.map((span) => (span.to === null
      ? this.text("date_range_from", { from: span.from })
      : this.text("date_range_between", { from: span.from, to: span.to })))
      .join(this.text("date_range_join"));
  }

  /* ---- case <-> state ---- */

  /** Validates the state; returns {case, errors}. */
  buildCase() {
    const s = this.state;
    const errors = [];
    const info = this.schemeInfo();
    const err = (id, labelKey, problem, fix, values = {}) => {
      const visit = /^est-ep(\d+)-/.exec(id || "");
      const where = visit && s.episodes.length > 1
        ? `${this.text("episode", { n: Number(visit[1]) + 1 })} · ` : "";
      errors.push({
        id,
        field: labelKey,
        message: `${where}${this.text(labelKey).replace(/[（(].*$/, "").trim()}: ${
          this.text(problem, values)} ${fix ? this.text(fix, values) : ""}`.trim(),
      });
    };
    const amount = (raw, id, labelKey, { required = false } = {}) => {
      const text = normalizeNumber(raw);
      if (!text) {
        if (required) err(id, labelKey, "err_required", "fix_amount");
        return null;
      }
      if (!/^\d+(\.\d+)?$/.test(text)) {
        err(id, labelKey, "err_not_amount", "fix_amount", { value: raw });
        return null;
      }
      if (/\.\d{3,}$/.test(text)) {
        err(id, labelKey, "err_decimals", "fix_amount", { value: raw });
        return null;
      }
      if (Number(text) > 100000000) {
        err(id, labelKey, "err_too_large", "fix_amount", { value: raw });
        return null;
      }
      return text.replace(/^0+(?=\d)/, "");
    };
    const integer = (raw, id, labelKey, low, high, problem = "err_int", fix = "fix_int") => {
      const text = normalizeNumber(raw);
      if (!/^\d+$/.test(text) || Number(text) < low || Number(text) > high) {
        err(id, labelKey, text ? problem : "err_required", fix, { value: raw, low, high });
        return null;
      }
      return Number(text);
    };

    const person = {
      age: integer(s.person.age, "est-age", "age", 0, 130, "err_age", "fix_age"),
      assistance_category: s.person.assistance_category,
    };
    if (s.scheme === "employee" || (info && info.employment)) {
      person.employment = s.person.employment;
    }
    if (s.scheme === "employee" || (info && info.civil_servant)) {
      person.civil_servant = !!s.person.civil_servant;
    }
    const incentives = (info && info.incentives) || [];
    if (incentives.includes("continuous_years")) {
      person.continuous_years = integer(s.person.continuous_years, "est-continuous",
        "continuous_years", 0, 100);
    }
    if (incentives.includes("zero_claim")) {
      person.zero_claim_last_year = !!s.person.zero_claim_last_year;
    }
    if (incentives.includes("gap_penalty")) {
      person.rejoined_after_gap = !!s.person.rejoined_after_gap;
    }
    if (s.scheme === "employee") {
      const salary = amount(s.person.annual_salary, "est-salary", "annual_salary");
      if (salary !== null) person.annual_salary = salary;
    }
    if (info && info.flexible_since && s.person.employment === "flexible"
        && s.person.flexible_since) {
      const month = normalizeNumber(s.person.flexible_since).replace(/[./年]/g, "-")
        .replace(/月$/, "");
      const m = /^(\d{4})-(\d{1,2})(?:-\d{1,2})?$/.exec(month);
      if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) {
        err("est-flexible-since", "flexible_since", "err_month", "fix_month",
          { value: s.person.flexible_since });
      } else {
        person.flexible_since = `${m[1]}-${m[2].padStart(2, "0")}-01`;
      }
    }
    const c = { region: s.region, scheme: s.scheme, person, episodes: [] };
    if (s.scheme === "resident") {
      const income = amount(s.income, "est-income", "income");
      if (income !== null) c.parameters = { per_capita_disposable_income: income };
    }
    const documents = (info && info.documents) || [];
    // A document applies from its effective day through its expiry day, both included.
    const covered = (day) => !documents.length || documents.some(
      (d) => d.effective <= day && (!d.expires || day <= d.expires));
    const period = documents.length ? this.coveredPeriod(documents) : "";
    s.episodes.forEach((ep, i) => {
      const p = `est-ep${i}`;
      const e = {
        kind: ep.kind,
        date: ep.date,
        facility: ep.facility,
        referral: !!ep.referral,
        out_of_area: !!ep.out_of_area,
      };
      if (!ep.date) err(`${p}-date`, "date", "err_required", "fix_date");
      else if (!isISODate(ep.date)) {
        err(`${p}-date`, "date", "err_date", "fix_date", { value: ep.date });
      } else if (!covered(ep.date)) {
        // No document of this region and scheme applies on that day: the engine would
        // refuse it too, in English; say it here in the reader's language.
        err(`${p}-date`, "date", "err_date_range", "fix_date_range",
          { value: ep.date, range: period });
      }
      if ((ep.kind === "inpatient" || ep.kind === "maternity") && ep.discharge_date) {
        if (!isISODate(ep.discharge_date)) {
          err(`${p}-discharge`, "discharge_date", "err_date", "fix_date",
            { value: ep.discharge_date });
        } else if (isISODate(ep.date) && ep.discharge_date < ep.date) {
          err(`${p}-discharge`, "discharge_date", "err_discharge", "fix_date");
        } else if (info && info.year_decided_by === "discharge"
          && !covered(ep.discharge_date)) {
          // Here the discharge date decides which document applies.
          err(`${p}-discharge`, "discharge_date", "err_date_range", "fix_date_range",
            { value: ep.discharge_date, range: period });
        } else {
          e.discharge_date = ep.discharge_date;
        }
      }
      if (ep.out_of_area) e.out_of_area_registered = !!ep.out_of_area_registered;
      const total = amount(ep.total, `${p}-total`, "total", { required: true });
      const cost = { total: total ?? "0" };
      for (const part of SPLIT_PARTS) {
        const value = amount(ep[part], `${p}-${part}`, part);
        if (value !== null && Number(value) > 0) cost[part] = value;
      }
      if (total !== null) {
        const sum = addMoney(...SPLIT_PARTS.map((k) => cost[k] || "0"));
        if (Number(sum) > Number(total)) {
          const first = SPLIT_PARTS.find((k) => cost[k]);
          err(`${p}-${first}`, "split", "err_parts", "fix_parts",
            { sum: groupDigits(sum), total: groupDigits(addMoney(total)) });
        }
      }
      e.cost = cost;
      if (ep.kind === "chronic") {
        if (ep.disease) e.disease = ep.disease;
        else err(`${p}-disease`, "disease", "err_choose", "fix_choose");
      }
      if (ep.kind === "two_diseases") {
        e.condition = ep.condition;
        if (ep.both_conditions) e.both_conditions = true;
      }
      if (ep.kind === "maternity") {
        e.delivery = ep.delivery;
        e.babies = integer(ep.babies, `${p}-babies`, "babies", 1, 9);
      }
      c.episodes.push(e);
    });
    return { case: c, errors };
  }

  /** Fill the state from a case (a shared link). Unknown values are ignored. */
  loadCase(c) {
    const s = this.defaultState();
    if (typeof c.region === "string") s.region = c.region;
    if (typeof c.scheme === "string") s.scheme = c.scheme;
    const p = c.person || {};
    if (p.age !== undefined) s.person.age = String(p.age);
    for (const key of ["employment", "assistance_category"]) {
      if (typeof p[key] === "string") s.person[key] = p[key];
    }
    for (const key of ["civil_servant", "zero_claim_last_year", "rejoined_after_gap"]) {
      if (typeof p[key] === "boolean") s.person[key] = p[key];
    }
    if (p.continuous_years !== undefined) s.person.continuous_years = String(p.continuous_years);
    if (p.annual_salary !== undefined) s.person.annual_salary = String(p.annual_salary);
    if (typeof p.flexible_since === "string") s.person.flexible_since = p.flexible_since.slice(0, 7);
    if (c.parameters && c.parameters.per_capita_disposable_income !== undefined) {
      s.income = String(c.parameters.per_capita_disposable_income);
    }
    if (Array.isArray(c.episodes) && c.episodes.length) {
      s.episodes = c.episodes.slice(0, 50).map((e) => {
        const ep = this.defaultEpisode(typeof e.kind === "string" ? e.kind : "inpatient");
        for (const key of ["date", "discharge_date", "facility", "disease", "condition",
          "delivery"]) {
          if (typeof e[key] === "string") ep[key] = e[key];
        }
        for (const key of ["out_of_area", "out_of_area_registered", "referral",
          "both_conditions"]) {
          if (typeof e[key] === "boolean") ep[key] = e[key];
        }
        if (e.babies !== undefined) ep.babies = String(e.babies);
        const cost = e.cost || {};
        if (cost.total !== undefined) ep.total = String(cost.total);
        for (const part of SPLIT_PARTS) {
          if (cost[part] !== undefined && Number(cost[part]) > 0) {
            ep[part] = String(cost[part]);
            ep.split_open = true;
          }
        }
        return ep;
      });
    }
    this.state = s;
  }

  /** Map an engine field name (episodes[0].cost.total) to a form control id. */
  controlFor(field) {
    if (!field) return null;
    const m = /^episodes\[(\d+)\](?:\.(\w+))?(?:\.(\w+))?/.exec(field);
    if (m) {
      const p = `est-ep${m[1]}`;
      const key = m[3] || m[2];
      const ids = { kind: "kind", date: "date", discharge_date: "discharge",
        facility: "facility", disease: "disease", condition: "condition",
        delivery: "delivery", babies: "babies", total: "total", cost: "total",
        excluded: "excluded", out_of_area: "out-of-area", referral: "referral",
        out_of_area_registered: "registered", class_b_drugs: "class_b_drugs",
        class_b_services: "class_b_services", class_b_consumables: "class_b_consumables" };
      return `${p}-${ids[key] || "kind"}`;
    }
    const person = { "person.age": "est-age", "person.employment": "est-employment",
      "person.assistance_category": "est-category", "person.annual_salary": "est-salary",
      "person.flexible_since": "est-flexible-since",
      "person.continuous_years": "est-continuous", region: "est-region",
      "parameters.per_capita_disposable_income": "est-income" };
    return person[field] || null;
  }
}
