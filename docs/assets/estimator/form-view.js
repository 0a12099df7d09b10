/* The form on the page: the loading status, the fields with their help and errors, the
 * episodes, adding and removing them. Rendered whole from the state on each change. */

import { h } from "./dom.js";
import { B_PARTS, CATEGORY_ORDER, EMPLOYMENT_ORDER, SPLIT_PARTS } from "./constants.js";
import { describeForm, restartRuntime, runtime } from "./runtime.js";
import { MAX_EPISODES } from "./quick.js";

/** Methods of the estimator app (mixed into EstimatorApp). */
export class FormView {
  renderStatus() {
    this.renderSubmitStatus();
    const node = this.statusNode;
    if (!node) return;
    node.textContent = "";
    node.dataset.state = runtime.state;
    if (runtime.state === "ready") {
      node.append(h("span", { class: "est-ready", text: this.text("ready") }));
      return;
    }
    if (runtime.state === "failed") {
      node.append(
        h("p", { class: "est-error", text: this.text("failed", { message: runtime.message }) }),
        h("button", { type: "button", class: "est-button", onclick: () => {
          restartRuntime();
          describeForm();
        } }, this.text("retry")),
      );
      return;
    }
    node.append(
      h("label", { for: "est-progress", text: this.text("loading") }),
      h("progress", { id: "est-progress", max: "100",
        value: String(Math.round(runtime.fraction * 100)) }),
    );
    if (this.queued) node.append(h("p", { text: this.text("queued") }));
  }

  /** The calculator's state beside the submit button, where the visitor looks after
   * pressing it (issue 13 item 12): one sentence in a polite live region, rewritten only
   * when the state changes (so a screen reader hears each change once), and the progress
   * bar under it, which is not announced. The node lives on across re-renders of the form. */
  submitStatus() {
    if (!this.submitStatusNode) {
      this.submitLive = h("p", { class: "est-submit-live", id: "est-submit-status",
        role: "status", "aria-live": "polite" });
      this.submitBar = h("p", { class: "est-submit-progress" });
      this.submitStatusNode = h("div", { class: "est-submit-status" },
        this.submitLive, this.submitBar);
    }
    this.renderSubmitStatus();
    return this.submitStatusNode;
  }

  renderSubmitStatus() {
    if (!this.submitStatusNode) return;
    const state = runtime.state;
    const shown = state === "loading" && this.queued ? "queued" : state;
    const key = { failed: "submit_failed", ready: "ready", queued: "submit_queued" }[shown]
      || "submit_wait";
    this.submitStatusNode.dataset.state = shown;
    if (this.submitLive.dataset.key !== key) {
      this.submitLive.dataset.key = key;
      this.submitLive.textContent = this.text(key);
    }
    const bar = this.submitBar;
    if (state === "loading" || state === "idle") {
      const percent = `${Math.round(runtime.fraction * 100)}%`;
      let progress = bar.querySelector("progress");
      if (!progress) {
        bar.textContent = "";
        progress = h("progress", { id: "est-submit-progress", max: "100" });
        bar.append(h("label", { for: "est-submit-progress" }), progress);
      }
      progress.value = Math.round(runtime.fraction * 100);
      bar.querySelector("label").textContent = this.text("submit_progress", { percent });
      bar.hidden = false;
    } else if (state === "failed") {
      bar.textContent = "";
      bar.append(h("button", { type: "button", class: "est-button est-secondary",
        id: "est-submit-retry", onclick: () => {
          restartRuntime();
          describeForm();
        } }, this.text("retry")));
      bar.hidden = false;
    } else {
      bar.textContent = "";
      bar.hidden = true;
    }
  }

  field(id, labelKey, control, { help, error, wide } = {}) {
    const describedBy = [];
    const helpNode = help ? h("p", { class: "est-help", id: `${id}-help`, text: help }) : null;
    if (helpNode) describedBy.push(helpNode.id);
    const errorNode = error
      ? h("p", { class: "est-field-error", id: `${id}-error`, text: error }) : null;
    if (errorNode) {
      describedBy.push(errorNode.id);
      control.setAttribute("aria-invalid", "true");
    }
    if (describedBy.length) control.setAttribute("aria-describedby", describedBy.join(" "));
    return h("div", { class: `est-field${wide ? " est-wide" : ""}${error ? " est-invalid" : ""}` },
      h("label", { for: id, text: this.text(labelKey) }),
      control, helpNode, errorNode);
  }

  checkbox(id, labelKey, checked, onchange, help) {
    const input = h("input", { type: "checkbox", id, checked: !!checked,
      onchange: (e) => onchange(e.target.checked) });
    const helpNode = help ? h("p", { class: "est-help", id: `${id}-help`, text: help }) : null;
    if (helpNode) input.setAttribute("aria-describedby", helpNode.id);
    return h("div", { class: "est-check" },
      input, h("label", { for: id, text: this.text(labelKey) }), helpNode);
  }

  select(id, options, value, onchange) {
    const node = h("select", { id, onchange: (e) => onchange(e.target.value) });
    for (const opt of options) {
      node.append(h("option", { value: opt.value, selected: opt.value === value,
        disabled: opt.disabled }, opt.label));
    }
    return node;
  }

  input(id, value, oninput, attrs = {}) {
    return h("input", { id, value, autocomplete: "off",
      oninput: (e) => oninput(e.target.value), ...attrs });
  }

  errorFor(id) {
    const found = this.errors.find((e) => e.id === id);
    return found ? found.message : null;
  }

  /** Re-render the whole form from the state, keeping focus on the same control. */
  renderForm(focusId = document.activeElement && document.activeElement.id) {
    const s = this.state;
    const f = this.formNode;
    f.textContent = "";
    if (this.errors.length) {
      const summary = h("div", { class: "est-error-summary", role: "alert", tabindex: "-1",
        id: "est-error-summary" },
        h("p", { text: this.text("errors_title", { count: this.errors.length }) }),
        h("ul", {}, this.errors.map((e) => h("li", {},
          e.id ? h("a", { href: `#${e.id}`, onclick: (ev) => {
            ev.preventDefault();
            const target = document.getElementById(e.id);
            if (target) target.focus();
          } }, e.message) : e.message))));
      f.append(summary);
    }

    // 1. region and scheme
    const place = h("fieldset", { class: "est-section" },
      h("legend", { text: this.text("section_place") }));
    place.append(this.field("est-region", "region", this.select("est-region",
      this.regionIds().map((r) => ({
        value: r,
        label: this.regionAvailable(r) ? this.enums.regions[r]
          : `${this.enums.regions[r]} (${this.text("no_data")})`,
        disabled: !this.regionAvailable(r),
      })), s.region, (v) => { s.region = v; this.changed(true); }),
    { help: this.text("region_help") }));
    const schemeGroup = h("fieldset", { class: "est-radios", "aria-describedby": "est-scheme-help" },
      h("legend", { text: this.text("scheme") }));
    for (const id of this.schemeIds()) {
      const available = this.schemeAvailable(id);
      const label = available ? this.enums.schemes[id]
        : `${this.enums.schemes[id]} (${this.text("no_data")})`;
      schemeGroup.append(h("div", { class: "est-check" },
        h("input", { type: "radio", name: "est-scheme", id: `est-scheme-${id}`, value: id,
          checked: s.scheme === id, disabled: !available,
          onchange: () => { s.scheme = id; this.changed(true); } }),
        h("label", { for: `est-scheme-${id}`, text: label })));
    }
    schemeGroup.append(h("p", { class: "est-help", id: "est-scheme-help",
      text: this.text("scheme_help") }));
    place.append(schemeGroup);
    f.append(place);

    // 2. the person
    const info = this.schemeInfo();
    const person = h("fieldset", { class: "est-section" },
      h("legend", { text: this.text("section_person") }));
    person.append(this.field("est-age", "age", this.input("est-age", s.person.age,
      (v) => { s.person.age = v; this.changed(); },
      { inputmode: "numeric", size: "4", class: "est-short" }),
    { help: this.text("age_help"), error: this.errorFor("est-age") }));
    const employee = s.scheme === "employee" || (info && info.employment);
    if (employee) {
      person.append(this.field("est-employment", "employment", this.select("est-employment",
        EMPLOYMENT_ORDER.map((v) => ({ value: v, label: this.enums.employment[v] })),
        s.person.employment, (v) => { s.person.employment = v; this.changed(true); }),
      { help: this.text("employment_help") }));
    }
    if (employee || (info && info.civil_servant)) {
      person.append(this.checkbox("est-civil-servant", "civil_servant",
        s.person.civil_servant, (v) => { s.person.civil_servant = v; this.changed(); }));
    }
    person.append(this.field("est-category", "assistance_category",
      this.select("est-category", CATEGORY_ORDER.map((v) => ({
        value: v, label: v === "none" ? this.text("cat_none") : this.enumLabel("categories", v),
      })), s.person.assistance_category, (v) => {
        s.person.assistance_category = v; this.changed();
      }), { help: this.text("assistance_help") }));
    const incentives = (info && info.incentives) || [];
    if (incentives.includes("continuous_years")) {
      person.append(this.field("est-continuous", "continuous_years",
        this.input("est-continuous", s.person.continuous_years,
          (v) => { s.person.continuous_years = v; this.changed(); },
          { inputmode: "numeric", class: "est-short" }),
        { help: this.text("continuous_years_help"), error: this.errorFor("est-continuous") }));
    }
    if (incentives.includes("zero_claim")) {
      person.append(this.checkbox("est-zero-claim", "zero_claim", s.person.zero_claim_last_year,
        (v) => { s.person.zero_claim_last_year = v; this.changed(); }));
    }
    if (incentives.includes("gap_penalty")) {
      person.append(this.checkbox("est-rejoined", "rejoined", s.person.rejoined_after_gap,
        (v) => { s.person.rejoined_after_gap = v; this.changed(); }));
    }
    if (s.scheme === "employee") {
      person.append(this.field("est-salary", "annual_salary", this.input("est-salary",
        s.person.annual_salary, (v) => { s.person.annual_salary = v; this.changed(); },
        { inputmode: "decimal" }), { error: this.errorFor("est-salary") }));
    }
    // Kizilsu annex 1 一（一）4（1）: a first-time flexible worker's first two years.
    if (info && info.flexible_since && s.person.employment === "flexible") {
      person.append(this.field("est-flexible-since", "flexible_since", this.input(
        "est-flexible-since", s.person.flexible_since,
        (v) => { s.person.flexible_since = v; this.changed(); },
        { type: "month", placeholder: "2025-09", class: "est-short" }),
      { help: this.text("flexible_since_help"), error: this.errorFor("est-flexible-since") }));
    }
    if (s.scheme === "resident") {
      person.append(this.field("est-income", "income", this.input("est-income", s.income,
        (v) => { s.income = v; this.changed(); }, { inputmode: "decimal" }),
      { help: this.text("income_help"), error: this.errorFor("est-income") }));
    }
    f.append(person);

    // 3. episodes
    const care = h("fieldset", { class: "est-section" },
      h("legend", { text: this.text("section_care") }));
    const missing = this.kindsNotCovered();
    if (missing.length) {
      care.append(h("details", { class: "est-not-covered" },
        h("summary", { text: this.text("not_covered") }),
        h("ul", {}, missing.map((m) => h("li", {},
          h("strong", { text: this.enumLabel("kinds", m.id) }),
          m.reason ? ` — ${this.label(m.reason)}` : "")))));
    }
    s.episodes.forEach((ep, i) => care.append(this.renderEpisode(ep, i)));
    care.append(h("button", { type: "button", class: "est-button est-secondary",
      id: "est-add-episode", onclick: () => this.addEpisode() }, this.text("add_episode")));
    care.append(this.renderQuickEntry());
    f.append(care);

    f.append(h("div", { class: "est-actions" },
      h("button", { type: "submit", class: "est-button est-primary", id: "est-submit",
        "aria-describedby": "est-submit-status" }, this.text("submit")),
      this.submitStatus()));
    f.append(this.glossary());

    if (focusId) {
      const again = document.getElementById(focusId);
      if (again && again !== document.activeElement) again.focus({ preventScroll: true });
    }
  }

  renderEpisode(ep, i) {
    const p = `est-ep${i}`;
    const n = i + 1;
    const box = h("fieldset", { class: "est-episode", id: `${p}` },
      h("legend", { text: this.text("episode", { n }) }));
    const update = (key, rerender = false) => (v) => { ep[key] = v; this.changed(rerender); };
    box.append(this.field(`${p}-kind`, "kind", this.select(`${p}-kind`,
      this.kindOptions().map((k) => ({ value: k.id, label: this.enumLabel("kinds", k.id) })),
      ep.kind, update("kind", true)), { help: this.text("kind_help") }));
    box.append(this.field(`${p}-date`, "date", this.input(`${p}-date`, ep.date,
      update("date"), { type: "date", min: "2000-01-01", max: "2099-12-31" }),
    { help: this.text("date_help"), error: this.errorFor(`${p}-date`) }));
    if (ep.kind === "inpatient" || ep.kind === "maternity") {
      box.append(this.field(`${p}-discharge`, "discharge_date", this.input(`${p}-discharge`,
        ep.discharge_date, update("discharge_date"), { type: "date" }),
      { error: this.errorFor(`${p}-discharge`) }));
    }
    box.append(this.field(`${p}-facility`, "facility", this.select(`${p}-facility`,
      this.facilityOptions(ep.kind).map((v) => ({
        value: v, label: this.enumLabel("facilities", v) })),
      ep.facility, update("facility")), { help: this.text("facility_help") }));

    if (ep.kind === "chronic") {
      const diseases = this.diseaseOptions();
      if (diseases.length) {
        box.append(this.field(`${p}-disease`, "disease", this.select(`${p}-disease`,
          diseases.map((d) => ({ value: d.id, label: this.label(d.label, d.id) })),
          ep.disease, update("disease")),
        { help: this.text("disease_help"), error: this.errorFor(`${p}-disease`) }));
      }
    }
    if (ep.kind === "two_diseases") {
      box.append(this.field(`${p}-condition`, "condition", this.select(`${p}-condition`,
        this.conditionOptions().map((v) => ({ value: v, label: this.enumLabel("conditions", v) })),
        ep.condition, update("condition"))));
      box.append(this.checkbox(`${p}-both`, "both_conditions", ep.both_conditions,
        update("both_conditions")));
    }
    if (ep.kind === "maternity") {
      box.append(this.field(`${p}-delivery`, "delivery", this.select(`${p}-delivery`,
        this.deliveryOptions().map((v) => ({ value: v, label: this.enumLabel("deliveries", v) })),
        ep.delivery, update("delivery"))));
      box.append(this.field(`${p}-babies`, "babies", this.input(`${p}-babies`, ep.babies,
        update("babies"), { inputmode: "numeric", class: "est-short" }),
      { error: this.errorFor(`${p}-babies`) }));
    }

    box.append(this.checkbox(`${p}-referral`, "referral", ep.referral, update("referral"),
      this.text("referral_help")));
    box.append(this.checkbox(`${p}-out-of-area`, "out_of_area", ep.out_of_area,
      update("out_of_area", true)));
    if (ep.out_of_area) {
      box.append(this.checkbox(`${p}-registered`, "registered", ep.out_of_area_registered,
        update("out_of_area_registered"), this.text("registered_help")));
    }
    box.append(this.field(`${p}-total`, "total", this.input(`${p}-total`, ep.total,
      update("total"), { inputmode: "decimal", placeholder: "10000", required: true }),
    { help: this.text("total_help"), error: this.errorFor(`${p}-total`) }));

    const split = h("details", { class: "est-split", open: ep.split_open || SPLIT_PARTS.some(
      (k) => this.errorFor(`${p}-${k}`)) || null,
    ontoggle: (e) => { ep.split_open = e.target.open; } },
    h("summary", { text: this.text("split") }),
    h("p", { class: "est-help", text: this.text("split_help") }));
    split.append(this.field(`${p}-excluded`, "excluded", this.input(`${p}-excluded`,
      ep.excluded, update("excluded"), { inputmode: "decimal", placeholder: "0" }),
    { help: this.text("excluded_help"), error: this.errorFor(`${p}-excluded`) }));
    for (const part of B_PARTS) {
      split.append(this.field(`${p}-${part}`, part, this.input(`${p}-${part}`, ep[part],
        update(part), { inputmode: "decimal", placeholder: "0" }),
      { error: this.errorFor(`${p}-${part}`) }));
    }
    split.append(h("p", { class: "est-help", text: this.text("class_b_help") }));
    box.append(split);

    if (this.state.episodes.length > 1) {
      box.append(h("button", { type: "button", class: "est-button est-secondary",
        id: `${p}-remove`, onclick: () => this.removeEpisode(i) },
      this.text("remove_episode", { n })));
    }
    return box;
  }

  glossary() {
    const keys = ["g_deductible", "g_rate", "g_cap", "g_eligible", "g_excluded", "g_class_b",
      "g_major_illness", "g_assistance", "g_referral", "g_out_of_area"];
    return h("details", { class: "est-glossary" },
      h("summary", { text: this.text("glossary") }),
      h("ul", {}, keys.map((k) => h("li", { text: this.text(k) }))));
  }

  changed(rerender = false) {
    this.asked = null; // the visitor's own choice from now on
    if (rerender) {
      this.reconcile();
      this.renderForm();
    }
  }

  addEpisode() {
    if (this.state.episodes.length >= MAX_EPISODES) {
      // Said beside the quick-entry buttons (quick.js), which hold the same limit.
      this.quickState().errors = [{ id: "est-add-like",
        message: this.text("err_too_many_episodes", { max: MAX_EPISODES }) }];
      this.renderForm();
      return;
    }
    const last = this.state.episodes[this.state.episodes.length - 1];
    const ep = this.defaultEpisode(last ? last.kind : "inpatient");
    if (last) ep.date = last.date;
    this.state.episodes.push(ep);
    this.reconcile();
    this.renderForm();
    const i = this.state.episodes.length - 1;
    document.getElementById(`est-ep${i}-kind`).focus();
  }

  removeEpisode(i) {
    this.state.episodes.splice(i, 1);
    this.errors = [];
    this.renderForm();
    const next = document.getElementById(`est-ep${Math.min(i, this.state.episodes.length - 1)}-kind`);
    if (next) next.focus();
  }
}
