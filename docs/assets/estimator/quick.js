/* Quick entry for repeated visits (issue 13 item 9):
 *
 * - "Add another like this": a copy of the last visit or stay with all its amounts, on
 *   the next day (the visitor changes the date if it was another day).
 * - "Several similar clinic visits": N general-outpatient visits of about X yuan each,
 *   their dates spread evenly from the first visit's date to the last one's (both
 *   included), at the last visit's kind of facility. Each becomes an ordinary visit in
 *   the form, which can then be changed one by one.
 *
 * At most MAX_EPISODES visits and stays in one estimate (a shared link keeps as many),
 * at most MAX_REPEAT added at once; a number beyond either says so in the reader's
 * language: the field, the problem, what to do.
 */

import { h } from "./dom.js";
import { addDays, daysBetween, isISODate, nextDay, normalizeNumber } from "./numbers.js";

export const MAX_EPISODES = 50;
export const MAX_REPEAT = 30;

/** `count` dates from `from` to `to`, both included, as evenly apart as whole days allow. */
export function spreadDates(from, to, count) {
  if (count === 1) return [from];
  const span = daysBetween(from, to);
  return Array.from({ length: count }, (_, i) => addDays(from, Math.round((i * span) / (count - 1))));
}

/** Methods of the estimator app (mixed into EstimatorApp). */
export class QuickEntry {
  quickState() {
    if (!this.quick) {
      this.quick = { count: "", amount: "", from: "", to: "", open: false, errors: [],
        done: "" };
    }
    return this.quick;
  }

  /** A copy of the last episode, on the day after it. */
  addLikeLast() {
    const q = this.quickState();
    q.errors = [];
    const episodes = this.state.episodes;
    if (episodes.length >= MAX_EPISODES) {
      q.done = "";
      q.errors = [{ id: "est-add-like", message: this.text("err_too_many_episodes",
        { max: MAX_EPISODES }) }];
      this.renderForm();
      return;
    }
    const last = episodes[episodes.length - 1];
    const copy = { ...last, discharge_date: "",
      date: isISODate(last.date) ? nextDay(last.date) : "" };
    episodes.push(copy);
    this.reconcile();
    q.done = this.text("added_like", { n: episodes.length });
    this.renderForm(null);
    const date = document.getElementById(`est-ep${episodes.length - 1}-date`);
    if (date) date.focus();
  }

  /** Validates the repeated-visits fields; returns {count, amount, from, to} or null
   * with q.errors filled. */
  readRepeat() {
    const q = this.quickState();
    const errors = [];
    const err = (id, labelKey, problem, fix, values = {}) => errors.push({ id,
      message: `${this.text(labelKey)}: ${this.text(problem, values)} ${this.text(fix, values)}` });
    const countText = normalizeNumber(q.count);
    let count = null;
    if (!countText) err("est-repeat-count", "repeat_count", "err_required", "fix_repeat_count",
      { high: MAX_REPEAT });
    else if (!/^\d+$/.test(countText) || Number(countText) < 1
      || Number(countText) > MAX_REPEAT) {
      err("est-repeat-count", "repeat_count", "err_int", "fix_repeat_count",
        { value: q.count, low: 1, high: MAX_REPEAT });
    } else {
      count = Number(countText);
    }
    const existing = this.replaceableFirst() ? 0 : this.state.episodes.length;
    if (count !== null && existing + count > MAX_EPISODES) {
      err("est-repeat-count", "repeat_count", "err_repeat_total", "fix_repeat_total",
        { count, have: existing, max: MAX_EPISODES, room: MAX_EPISODES - existing });
      count = null;
    }
    const amountText = normalizeNumber(q.amount);
    let amount = null;
    if (!amountText) err("est-repeat-amount", "repeat_amount", "err_required", "fix_amount");
    else if (!/^\d+(\.\d{1,2})?$/.test(amountText) || Number(amountText) <= 0) {
      err("est-repeat-amount", "repeat_amount", "err_not_amount", "fix_amount",
        { value: q.amount });
    } else if (Number(amountText) > 100000000) {
      err("est-repeat-amount", "repeat_amount", "err_too_large", "fix_amount",
        { value: q.amount });
    } else {
      amount = amountText.replace(/^0+(?=\d)/, "");
    }
    const dates = {};
    for (const [key, id, labelKey] of [["from", "est-repeat-from", "repeat_from"],
      ["to", "est-repeat-to", "repeat_to"]]) {
      const value = String(q[key] || "").trim();
      if (!value) err(id, labelKey, "err_required", "fix_date");
      else if (!isISODate(value)) err(id, labelKey, "err_date", "fix_date", { value });
      else dates[key] = value;
    }
    if (dates.from && dates.to && dates.to < dates.from) {
      err("est-repeat-to", "repeat_to", "err_repeat_order", "fix_repeat_order");
    }
    q.errors = errors;
    if (errors.length) return null;
    return { count, amount, from: dates.from, to: dates.to };
  }

  /** The form's only episode, still empty: the added visits take its place. */
  replaceableFirst() {
    const eps = this.state.episodes;
    return eps.length === 1 && !normalizeNumber(eps[0].total);
  }

  addRepeated() {
    const q = this.quickState();
    q.done = "";
    const read = this.readRepeat();
    if (!read) {
      this.renderForm(null);
      const first = document.getElementById(q.errors[0].id);
      if (first) first.focus();
      return;
    }
    const eps = this.state.episodes;
    const last = eps[eps.length - 1];
    const replace = this.replaceableFirst();
    const start = replace ? 0 : eps.length;
    if (replace) eps.length = 0;
    for (const date of spreadDates(read.from, read.to, read.count)) {
      const ep = this.defaultEpisode("outpatient");
      Object.assign(ep, { date, total: read.amount, facility: last.facility,
        referral: last.referral });
      eps.push(ep);
    }
    this.reconcile();
    q.done = this.text("added_repeat", { count: read.count, first: start + 1,
      last: start + read.count });
    this.renderForm();
  }

  /** The two quick-entry tools, under the visits and stays. */
  renderQuickEntry() {
    const q = this.quickState();
    const outpatient = this.kindOptions().some((k) => k.id === "outpatient" && k.ok);
    const error = (id) => (q.errors.find((e) => e.id === id) || {}).message || null;
    const box = h("div", { class: "est-quick" });
    box.append(h("button", { type: "button", class: "est-button est-secondary",
      id: "est-add-like", "aria-describedby": "est-add-like-help",
      onclick: () => this.addLikeLast() }, this.text("add_like")),
    h("p", { class: "est-help", id: "est-add-like-help", text: this.text("add_like_help") }));
    if (error("est-add-like")) {
      box.append(h("p", { class: "est-field-error", role: "alert", text: error("est-add-like") }));
    }
    const repeat = h("details", { class: "est-repeat", id: "est-repeat",
      open: q.open || q.errors.some((e) => e.id.startsWith("est-repeat")) || null,
      ontoggle: (e) => { q.open = e.target.open; } },
    h("summary", { text: this.text("repeat_title") }));
    if (!outpatient) {
      repeat.append(h("p", { class: "est-help", text: this.text("repeat_unavailable") }));
    } else {
      repeat.append(h("p", { class: "est-help", id: "est-repeat-help",
        text: this.text("repeat_help", { max: MAX_REPEAT }) }));
      const input = (id, key, attrs) => this.input(id, q[key], (v) => { q[key] = v; }, attrs);
      repeat.append(
        this.field("est-repeat-count", "repeat_count", input("est-repeat-count", "count",
          { inputmode: "numeric", class: "est-short", placeholder: "6" }),
        { error: error("est-repeat-count") }),
        this.field("est-repeat-amount", "repeat_amount", input("est-repeat-amount", "amount",
          { inputmode: "decimal", placeholder: "150" }), { error: error("est-repeat-amount") }),
        this.field("est-repeat-from", "repeat_from", input("est-repeat-from", "from",
          { type: "date" }), { error: error("est-repeat-from") }),
        this.field("est-repeat-to", "repeat_to", input("est-repeat-to", "to",
          { type: "date" }), { help: this.text("repeat_to_help"),
          error: error("est-repeat-to") }),
        h("button", { type: "button", class: "est-button est-secondary",
          id: "est-repeat-add", onclick: () => this.addRepeated() },
        this.text("repeat_add")));
    }
    box.append(repeat);
    // What was just added, said once (a polite live region kept across re-renders).
    if (!this.quickLive) {
      this.quickLive = h("p", { class: "est-quick-done", id: "est-quick-done",
        role: "status", "aria-live": "polite" });
    }
    if (this.quickLive.textContent !== q.done) this.quickLive.textContent = q.done;
    box.append(this.quickLive);
    return box;
  }
}
