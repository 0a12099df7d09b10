/* The bridge between guided mode (guided.js) and the real estimator form (app.js): it
 * reads the questions from the form's controls as they stand, writes answers into them
 * as a visitor's input would (input/change events, so the form re-renders and decides
 * what follows), and asks the form's own validation. Nothing here knows a region, a
 * scheme or a kind of care: the form does.
 */

/** The question a form control belongs to: est-ep0-total → "total", est-scheme-* → "scheme". */
function questionKey(el) {
  if (el.closest("details.est-split")) return "split";
  if (el.type === "radio") return el.name.replace(/^est-/, "");
  return el.id.replace(/^est-(ep0-)?/, "");
}

function questionKind(el) {
  if (el.closest("details.est-split")) return "group";
  if (el.type === "radio" || el.tagName === "SELECT") return "choice";
  if (el.type === "checkbox") return "yesno";
  if (el.type === "date" || el.type === "month") return el.type;
  return "text";
}

export function labelText(node) {
  return node ? node.textContent.trim() : "";
}

export class FormBridge {
  constructor(appRoot) {
    this.appRoot = appRoot;
  }

  /** The form's app (app.js sets it on its root when mounted). */
  get app() {
    return this.appRoot.__estimator || null;
  }

  get form() {
    return this.appRoot.querySelector("form.est-form");
  }

  ready() {
    return !!(this.app && this.app.form && this.form);
  }

  /** Resolves to true once the form knows what each region offers (describe_form()
   * arrived), or to false when the calculator failed to start. */
  whenReady() {
    if (this.ready()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = () => {
        if (this.appRoot.querySelector(".est-status[data-state=failed]")) {
          // The calculator did not start: the form shows why and offers to retry.
          clearInterval(timer);
          this.appRoot.removeEventListener("estimator-form-ready", done);
          resolve(false);
          return;
        }
        if (!this.ready()) return;
        clearInterval(timer);
        this.appRoot.removeEventListener("estimator-form-ready", done);
        resolve(true);
      };
      // app.js dispatches the event; the poll is a fallback should the hook be lost.
      const timer = setInterval(done, 250);
      this.appRoot.addEventListener("estimator-form-ready", done);
    });
  }

  /** The questions the form asks now, in its order: [{key, kind, controls: [ids]}]. */
  questions() {
    const list = [];
    const byKey = new Map();
    for (const el of this.form.querySelectorAll("input[id], select[id]")) {
      const ep = /^est-ep(\d+)-/.exec(el.id);
      if (ep && ep[1] !== "0") continue; // one episode: more are added in the full form
      if (el.closest(".est-quick")) continue; // quick entry adds visits: full form only
      const key = questionKey(el);
      let q = byKey.get(key);
      if (!q) {
        q = { key, kind: questionKind(el), controls: [] };
        byKey.set(key, q);
        list.push(q);
      }
      q.controls.push(el.id);
    }
    return list;
  }

  controls(q) {
    return q.controls.map((id) => document.getElementById(id)).filter(Boolean);
  }

  /** The control's visible words in the form: its label (or legend), and its help. */
  describe(q) {
    const [first] = this.controls(q);
    if (!first) return { label: q.key, help: "" };
    if (q.kind === "group") {
      const details = first.closest("details");
      return { label: labelText(details.querySelector("summary")),
        help: labelText(details.querySelector(":scope > .est-help")) };
    }
    if (first.type === "radio") {
      const set = first.closest("fieldset");
      const helpId = set && set.getAttribute("aria-describedby");
      return { label: labelText(set && set.querySelector("legend")),
        help: labelText(helpId && document.getElementById(helpId)) };
    }
    return { label: labelText(this.form.querySelector(`label[for="${first.id}"]`)),
      help: labelText(document.getElementById(`${first.id}-help`)) };
  }

  /** [{value, label, disabled}] of a choice, as the form offers them. */
  options(q) {
    const els = this.controls(q);
    if (els[0] && els[0].tagName === "SELECT") {
      return [...els[0].options].map((o) => ({ value: o.value, label: o.textContent,
        disabled: o.disabled }));
    }
    return els.map((r) => ({ value: r.value, disabled: r.disabled,
      label: labelText(this.form.querySelector(`label[for="${r.id}"]`)) }));
  }

  /** What the form holds now: a string, or {id: string} for a group. */
  formValue(q) {
    const els = this.controls(q);
    if (q.kind === "group") return Object.fromEntries(els.map((el) => [el.id, el.value]));
    if (q.kind === "yesno") return els[0] && els[0].checked ? "true" : "false";
    if (els[0] && els[0].type === "radio") {
      const on = els.find((r) => r.checked);
      return on ? on.value : "";
    }
    return els[0] ? els[0].value : "";
  }

  same(a, b) {
    return JSON.stringify(a) === JSON.stringify(b);
  }

  /** Write one question's value into the form's controls, as a visitor's input would. */
  write(q, value) {
    const els = this.controls(q);
    const fire = (el, ...types) => {
      for (const type of types) el.dispatchEvent(new Event(type, { bubbles: true }));
    };
    if (q.kind === "group") {
      const details = els[0] && els[0].closest("details");
      if (details && Object.values(value).some((v) => v) && !details.open) details.open = true;
      for (const el of els) {
        const v = value[el.id] ?? "";
        if (el.value !== v) {
          el.value = v;
          fire(el, "input", "change");
        }
      }
      return true;
    }
    if (q.kind === "yesno") {
      els[0].checked = value === "true";
      fire(els[0], "input", "change");
      return true;
    }
    if (q.kind === "choice") {
      const offered = this.options(q).some((o) => o.value === value && !o.disabled);
      if (!offered) return false; // no longer offered (another region or kind)
      if (els[0].type === "radio") {
        const radio = els.find((r) => r.value === value);
        radio.checked = true;
        fire(radio, "input", "change");
      } else {
        els[0].value = value;
        fire(els[0], "input", "change");
      }
      return true;
    }
    els[0].value = value;
    fire(els[0], "input", "change");
    return true;
  }

  /** Bring the form in line with the answers, in the form's order (a choice may
   * re-render the form and change which questions follow). ``desired(q)`` is the value
   * a question should hold, or undefined to leave it; ``refused(q)`` hears of a value
   * the form no longer offers (and must stop desiring it). */
  sync(desired, refused) {
    for (let guard = 0; guard < 200; guard++) {
      const q = this.questions().find((one) => {
        const want = desired(one);
        return want !== undefined && !this.same(this.formValue(one), want);
      });
      if (!q) return;
      if (!this.write(q, desired(q))) refused(q);
    }
  }

  /** The form's own validation of the whole case: [{id, message}] (none when app.js
   * offers no buildCase(): the form then checks on submit). */
  errors() {
    if (!this.app || typeof this.app.buildCase !== "function") return [];
    return this.app.buildCase().errors || [];
  }

  /** The form's own messages for a question's controls. */
  errorsFor(q) {
    return this.errors().filter((e) => q.controls.includes(e.id));
  }

  /** Keep the first visit only: guided mode asks about one. */
  removeExtraEpisodes() {
    for (let guard = 0; guard < 60; guard++) {
      const buttons = this.form.querySelectorAll("[id^=est-ep][id$=-remove]");
      if (!buttons.length) return;
      buttons[buttons.length - 1].click();
    }
  }
}
