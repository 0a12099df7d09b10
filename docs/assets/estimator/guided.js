/* Guided mode (issue 13): one question per screen for first-time users, then a "check
 * your answers" page, then the estimate.
 *
 * It mounts on <div id="estimator-guided" data-lang="zh|ug|en"> (templates/estimator.md.j2)
 * and is loaded by app.js once the form is mounted. It asks nothing of its own: the
 * questions are the real form's controls (app.js, built from describe_form()), read from
 * the page as it stands by guided-form.js — episode 1 only, in the form's order — so which
 * questions come depends on region, scheme, employment and kind exactly as the form
 * decides. Each answer is written into the form's control with input/change events (the
 * form re-renders and the next question is read again), is checked by the form's own
 * validation (the same messages), and the last step submits the real form: one source of
 * truth for the case.
 *
 * Plain-words text: the "guided" part of i18n/<lang>.json; a question it has no words
 * for shows the form's own label and help.
 * History: each screen is a history entry (state {estGuided: "q:<key>" | "check" | …}),
 * so the browser's Back goes to the previous screen.
 */

import { fill, h } from "./dom.js";
import { groupDigits } from "./numbers.js";
import { FormBridge, labelText } from "./guided-form.js";

const HERE = new URL(".", import.meta.url);
const MOUNT_ID = "estimator-guided";
const APP_ID = "estimator-app";
// A choice with more options than this is a list box rather than radio buttons.
const MAX_RADIOS = 10;
// Choices the visitor states each time, unless a guide page's link named them
// (?region=…&scheme=…&kind=…): a preselected answer here could be silently wrong.
const FROM_QUERY = { region: "region", scheme: "scheme", kind: "kind" };
// Questions asked only when an earlier answer makes them matter for one episode, and
// the value the form then gets (the same case as the full form left empty).
const ONLY_IF = {
  // The civil-servant subsidy is the only rule that reads the salary
  // (estimator/supplementary.py).
  salary: { when: (answers) => answers.get("civil-servant") === "true", otherwise: "" },
};
// Amounts shown grouped (1,234.50) on the check page.
const MONEY = new Set(["total", "salary", "income", "split"]);

class Guided {
  constructor(mount, catalog, lang) {
    this.mount = mount;
    this.appRoot = document.getElementById(APP_ID);
    this.f = new FormBridge(this.appRoot);
    this.lang = lang;
    this.ui = catalog.ui || {};
    this.g = catalog.guided || {};
    this.q = this.g.questions || {};
    this.dir = catalog.dir || "ltr";
    this.answers = new Map();
    this.active = false;
    this.returnToCheck = false;
  }

  text(key, values) {
    return fill(this.g[key] ?? this.ui[key] ?? key, values);
  }

  /** The value a question should hold in the form, or undefined to leave it as it is. */
  desired(q) {
    if (!this.asks(q)) return ONLY_IF[q.key].otherwise;
    return this.answers.get(q.key);
  }

  asks(q) {
    const rule = ONLY_IF[q.key];
    return !rule || rule.when(this.answers);
  }

  /** The questions to ask now (the form's, minus those an answer makes moot). */
  questions() {
    return this.f.questions().filter((q) => this.asks(q));
  }

  /** The form in line with every answer; an answer it no longer offers is forgotten,
   * so its question is asked again. */
  sync() {
    this.f.sync((q) => this.desired(q), (q) => this.answers.delete(q.key));
  }

  /** The form's wording for "nothing chosen": field, problem, what to do. */
  chooseError(q) {
    const label = this.f.describe(q).label.replace(/[（(].*$/, "").trim();
    return { id: q.controls[0], message: `${label}: ${this.ui.err_choose} ${this.ui.fix_choose}` };
  }

  /* ---- screens ---- */

  start() {
    this.mountOffer();
    window.addEventListener("popstate", (event) => this.onPopState(event));
  }

  mountOffer() {
    this.mount.textContent = "";
    this.mount.classList.add("est", "est-guided");
    this.mount.setAttribute("lang", this.lang);
    this.mount.setAttribute("dir", this.dir);
    this.offerNode = h("section", { class: "est-guided-offer", "aria-labelledby": "estg-offer-title" },
      h("h2", { id: "estg-offer-title", text: this.text("offer_title") }),
      h("p", { text: this.text("offer_text") }),
      h("button", { type: "button", class: "est-button est-primary", id: "estg-start",
        onclick: () => this.begin() }, this.text("start")));
    this.screenNode = h("div", { class: "est-guided-screen", id: "estg-screen", hidden: true });
    // A shared (or damaged) link opens on its result or its notice: no offer above it,
    // which would also push what the page scrolled to off the screen.
    if (/case=/.test(location.hash)) this.offerNode.hidden = true;
    this.mount.append(this.offerNode, this.screenNode);
  }

  async begin({ restart = false } = {}) {
    if (restart) this.answers.clear();
    this.returnToCheck = false;
    // The entry before the first question: Back from the first question comes here.
    history.replaceState({ ...(history.state || {}), estGuided: "offer" }, "");
    this.enter();
    if (!this.f.ready()) {
      this.render(this.waitScreen());
      const ok = await this.f.whenReady();
      if (!this.active) return; // the visitor chose the full form meanwhile
      if (!ok) {
        // The calculator did not start: the form says why and offers to retry.
        this.leave();
        return;
      }
    }
    this.f.removeExtraEpisodes();
    this.sync();
    const first = this.questions()[0];
    this.go(first ? `q:${first.key}` : "check");
  }

  /** Guided mode shows one screen in place of the form (the form stays in the page). */
  enter() {
    this.active = true;
    this.offerNode.hidden = true;
    this.screenNode.hidden = false;
    this.appRoot.hidden = true;
    // The page's skip link leads to the question while the form is hidden.
    this.skip = document.querySelector("a.md-skip");
    if (this.skip) {
      this.skipHref = this.skipHref || this.skip.getAttribute("href");
      this.skip.setAttribute("href", `#${MOUNT_ID}`);
      this.mount.setAttribute("tabindex", "-1");
    }
  }

  restoreSkipLink() {
    if (this.skip && this.skipHref) this.skip.setAttribute("href", this.skipHref);
  }

  /** Back to the page as it was: the offer, and the full form with the answers in it. */
  leave({ focus = false } = {}) {
    this.active = false;
    this.screenNode.hidden = true;
    this.screenNode.textContent = "";
    this.offerNode.hidden = false;
    this.appRoot.hidden = false;
    this.restoreSkipLink();
    if (focus) {
      const first = document.getElementById("est-region");
      if (first) first.focus();
    }
  }

  useFullForm() {
    this.sync();
    history.pushState({ ...(history.state || {}), estGuided: "full" }, "");
    this.leave({ focus: true });
  }

  go(screen, { push = true } = {}) {
    if (push) history.pushState({ ...(history.state || {}), estGuided: screen }, "");
    this.show(screen);
  }

  onPopState(event) {
    const screen = event.state && event.state.estGuided;
    if (!screen) {
      // A link's own fragment (#…) has no state; the result's entry has #case=….
      if (this.active && /case=/.test(location.hash)) this.leave();
      return;
    }
    if (screen === "offer" || screen === "full" || screen === "done") {
      if (this.active) this.leave();
      return;
    }
    if (!this.f.ready()) return;
    if (!this.active) this.enter();
    this.show(screen);
  }

  show(screen, errors = null) {
    this.sync();
    if (screen === "check") {
      this.render(this.checkScreen());
      return;
    }
    const key = screen.replace(/^q:/, "");
    const list = this.questions();
    const index = list.findIndex((q) => q.key === key);
    if (index < 0) {
      // This question does not apply any more (an earlier answer changed).
      this.render(this.checkScreen());
      return;
    }
    this.render(this.questionScreen(list[index], index + 1, errors));
  }

  render(node) {
    this.screenNode.textContent = "";
    this.screenNode.append(node);
    const heading = this.screenNode.querySelector("[data-heading]");
    if (heading) heading.focus();
  }

  nav({ back = true } = {}) {
    return h("p", { class: "est-guided-nav" },
      back ? h("button", { type: "button", class: "est-linkbutton", id: "estg-back",
        onclick: () => history.back() }, this.text("back")) : null,
      h("button", { type: "button", class: "est-linkbutton", id: "estg-full",
        onclick: () => this.useFullForm() }, this.text("full_form")));
  }

  waitScreen() {
    return h("div", { "data-screen": "wait" },
      h("h2", { tabindex: "-1", "data-heading": true, text: this.text("start") }),
      h("p", { role: "status", text: this.text("waiting") }),
      this.nav({ back: false }));
  }

  /** The value shown before the visitor answers. */
  initial(q) {
    if (this.answers.has(q.key)) return this.answers.get(q.key);
    const value = this.f.formValue(q);
    if (q.kind === "group" || q.kind === "date") return value;
    if (q.kind === "choice") {
      const param = FROM_QUERY[q.key];
      if (param && new URLSearchParams(location.search).get(param) === value) return value;
      const enabled = this.f.options(q).filter((o) => !o.disabled);
      return enabled.length === 1 ? enabled[0].value : "";
    }
    return "";
  }

  questionScreen(q, n, errors) {
    const words = this.q[q.key] || {};
    const form = this.f.describe(q);
    const title = words.title || form.label;
    const help = [words.hint || form.help, words.optional ? this.text("optional") : null]
      .filter(Boolean);
    const value = this.initial(q);
    const errorFor = (id) => (errors || []).find((e) => e.id === id);
    const heading = (inner) => h("h2", { class: "est-guided-title", id: "estg-heading",
      tabindex: "-1", "data-heading": true },
    h("span", { class: "est-guided-step", text: this.text("step", { n }) }), inner);
    const hint = help.length ? h("div", { class: "est-help", id: "estg-hint" },
      help.map((p) => h("p", { text: p }))) : null;
    const described = (id, ...more) => [hint ? "estg-hint" : null, ...more]
      .filter(Boolean).join(" ") || null;
    const errorNode = (id) => {
      const e = errorFor(id);
      return e ? h("p", { class: "est-field-error", id: `${id}-gerror`, text: e.message }) : null;
    };

    let body;
    if (q.kind === "choice" || q.kind === "yesno") {
      const opts = q.kind === "yesno"
        ? [{ value: "true", label: words.yes || this.ui.yes },
          { value: "false", label: words.no || this.ui.no }]
        : this.f.options(q);
      const err = errorFor(q.controls[0]);
      if (opts.length > MAX_RADIOS) {
        const select = h("select", { id: "estg-input", "aria-describedby": described(null,
          err ? `${q.controls[0]}-gerror` : null), "aria-invalid": err ? "true" : null },
        h("option", { value: "", text: "—" }),
        opts.map((o) => h("option", { value: o.value, disabled: o.disabled,
          selected: o.value === value, text: o.label })));
        body = [heading(h("label", { for: "estg-input", text: title })), hint,
          h("div", { class: `est-field${err ? " est-invalid" : ""}` }, select,
            errorNode(q.controls[0]))];
      } else {
        body = [h("fieldset", { class: `est-radios est-guided-choices${err ? " est-invalid" : ""}`,
          "aria-describedby": described(null, err ? `${q.controls[0]}-gerror` : null) },
        h("legend", {}, heading(title)), hint, errorNode(q.controls[0]),
        opts.map((o, i) => h("div", { class: "est-check" },
          h("input", { type: "radio", name: "estg-choice", id: `estg-opt${i}`, value: o.value,
            checked: o.value === value, disabled: o.disabled }),
          h("label", { for: `estg-opt${i}`, text: o.label }))))];
      }
    } else if (q.kind === "group") {
      const parts = this.f.controls(q).map((el) => {
        const id = `estg-${el.id}`;
        const err = errorFor(el.id);
        const partHelp = document.getElementById(`${el.id}-help`);
        return h("div", { class: `est-field${err ? " est-invalid" : ""}` },
          h("label", { for: id, text: labelText(this.f.form.querySelector(`label[for="${el.id}"]`)) }),
          h("input", { id, "data-control": el.id, inputmode: "decimal", autocomplete: "off",
            value: (value || {})[el.id] || "",
            "aria-invalid": err ? "true" : null,
            "aria-describedby": [partHelp ? `${id}-help` : null, err ? `${el.id}-gerror` : null]
              .filter(Boolean).join(" ") || null }),
          partHelp ? h("p", { class: "est-help", id: `${id}-help`, text: labelText(partHelp) }) : null,
          errorNode(el.id));
      });
      body = [h("fieldset", { class: "est-radios" }, h("legend", {}, heading(title)), hint, parts)];
    } else {
      const source = this.f.controls(q)[0];
      const err = errorFor(q.controls[0]);
      const input = h("input", { id: "estg-input", autocomplete: "off", value,
        type: q.kind === "text" ? null : q.kind,
        inputmode: source.getAttribute("inputmode"),
        min: source.getAttribute("min"), max: source.getAttribute("max"),
        class: source.classList.contains("est-short") ? "est-short" : null,
        "aria-invalid": err ? "true" : null,
        "aria-describedby": described(null, err ? `${q.controls[0]}-gerror` : null) });
      body = [heading(h("label", { for: "estg-input", text: title })), hint,
        h("div", { class: `est-field${err ? " est-invalid" : ""}` }, input,
          errorNode(q.controls[0]))];
    }

    const summary = errors && errors.length ? h("div", { class: "est-error-summary",
      role: "alert", id: "estg-errors" },
    h("p", { text: this.text("errors_title", { count: errors.length }) }),
    h("ul", {}, errors.map((e) => h("li", { text: e.message })))) : null;

    const formNode = h("form", { class: "est-guided-form", novalidate: true,
      "data-question": q.key,
      onsubmit: (e) => { e.preventDefault(); this.answer(q, formNode); },
      onkeydown: (e) => {
        // Enter continues from a radio button too (browsers submit only from text fields).
        if (e.key === "Enter" && e.target.type === "radio") {
          e.preventDefault();
          formNode.requestSubmit();
        }
      } },
    summary, body,
    h("div", { class: "est-actions" },
      h("button", { type: "submit", class: "est-button est-primary", id: "estg-continue" },
        this.text("continue"))));
    return h("div", { "data-screen": "question", "data-key": q.key }, formNode, this.nav());
  }

  /** Read the screen's answer, check it with the form's own rules, then move on. */
  answer(q, formNode) {
    let value;
    if (q.kind === "group") {
      value = {};
      for (const input of formNode.querySelectorAll("input[data-control]")) {
        value[input.dataset.control] = input.value.trim();
      }
    } else if (q.kind === "choice" || q.kind === "yesno") {
      const picked = formNode.querySelector("input[name=estg-choice]:checked")
        || formNode.querySelector("select");
      value = picked ? picked.value : "";
    } else {
      value = formNode.querySelector("#estg-input").value.trim();
    }
    let errors = [];
    if ((q.kind === "choice" || q.kind === "yesno") && !value) {
      errors = [this.chooseError(q)];
    } else {
      this.answers.set(q.key, value);
      this.sync();
      errors = this.f.errorsFor(q);
    }
    if (errors.length) {
      this.render(this.questionScreen(q, this.questions().findIndex((x) => x.key === q.key) + 1,
        errors));
      const summary = document.getElementById("estg-errors");
      if (summary) summary.setAttribute("tabindex", "-1");
      if (summary) summary.focus();
      return;
    }
    const list = this.questions();
    const at = list.findIndex((x) => x.key === q.key);
    // From "check your answers": back there, unless the change brought a new question.
    const next = this.returnToCheck
      ? list.find((x) => !this.answers.has(x.key))
      : list[at + 1];
    this.go(next ? `q:${next.key}` : "check");
  }

  /** The words for an answer on the check page. */
  answerText(q) {
    const value = this.answers.has(q.key) ? this.answers.get(q.key) : this.f.formValue(q);
    const words = this.q[q.key] || {};
    const money = (v) => fill(this.ui.currency, { n: groupDigits(v) });
    if (q.kind === "yesno") {
      return value === "true" ? words.yes || this.ui.yes : words.no || this.ui.no;
    }
    if (q.kind === "choice") {
      const o = this.f.options(q).find((x) => x.value === value);
      return o ? o.label : this.text("not_given");
    }
    if (q.kind === "group") {
      const sep = this.lang === "zh" ? "：" : ": ";
      const parts = this.f.controls(q).filter((el) => (value || {})[el.id]).map((el) =>
        `${labelText(this.f.form.querySelector(`label[for="${el.id}"]`))}${sep}${money(value[el.id])}`);
      return parts.length ? parts : [this.text("not_given")];
    }
    if (!value) return this.text("not_given");
    return MONEY.has(q.key) ? money(value) : value;
  }

  checkScreen() {
    this.returnToCheck = true;
    const rows = this.questions().map((q) => {
      const label = this.f.describe(q).label;
      const shown = this.answerText(q);
      const dates = q.kind === "date" || q.kind === "month";
      return h("div", { class: "est-guided-row", "data-answer": q.key },
        h("dt", { text: label }),
        h("dd", {}, Array.isArray(shown)
          ? h("ul", {}, shown.map((line) => h("li", { text: line })))
          : dates ? h("bdi", { dir: "ltr", text: shown }) : shown),
        h("dd", {}, h("button", { type: "button", class: "est-linkbutton",
          "data-change": q.key, onclick: () => this.go(`q:${q.key}`) },
        this.text("change"), h("span", { class: "est-visually-hidden", text: ` ${label}` }))));
    });
    return h("div", { "data-screen": "check" },
      h("h2", { tabindex: "-1", "data-heading": true, id: "estg-heading",
        text: this.text("check_title") }),
      h("p", { class: "est-help", text: this.text("check_help") }),
      h("dl", { class: "est-guided-answers" }, rows),
      h("p", { class: "est-guided-one", text: this.text("one_visit") }),
      h("div", { class: "est-actions" },
        h("button", { type: "button", class: "est-button est-primary", id: "estg-submit",
          onclick: () => this.finish() }, this.text("see_result"))),
      this.nav());
  }

  /** Submit the real form: the estimate appears below it, as for the full form. */
  finish() {
    this.sync();
    // A last check by the form (one answer may contradict another): back to the question.
    const errors = this.f.errors();
    const bad = errors.length
      && this.questions().find((q) => errors.some((e) => q.controls.includes(e.id)));
    if (bad) {
      this.go(`q:${bad.key}`);
      this.render(this.questionScreen(bad,
        this.questions().findIndex((x) => x.key === bad.key) + 1,
        errors.filter((e) => bad.controls.includes(e.id))));
      return;
    }
    history.pushState({ ...(history.state || {}), estGuided: "done" }, "");
    this.active = false;
    this.appRoot.hidden = false;
    this.restoreSkipLink();
    this.screenNode.textContent = "";
    this.screenNode.append(h("div", { "data-screen": "done", class: "est-guided-done" },
      h("h2", { text: this.text("done_title") }),
      h("p", { text: this.text("done_text") }),
      h("button", { type: "button", class: "est-button est-secondary", id: "estg-restart",
        onclick: () => this.begin({ restart: true }) }, this.text("restart"))));
    this.f.form.requestSubmit();
  }
}

function addStyles() {
  if (document.querySelector("link[data-guided-css]")) return Promise.resolve();
  return new Promise((resolve) => {
    const link = h("link", { rel: "stylesheet", href: new URL("guided.css", HERE).href,
      "data-guided-css": true });
    link.addEventListener("load", resolve, { once: true });
    link.addEventListener("error", resolve, { once: true });
    document.head.append(link);
  });
}

async function mountGuided() {
  const mount = document.getElementById(MOUNT_ID);
  const appRoot = document.getElementById(APP_ID);
  if (!mount || !appRoot || mount.dataset.mounted) return;
  mount.dataset.mounted = "true";
  // The page's language (a catalog per site language; without one, the Chinese).
  let lang = (mount.dataset.lang || document.documentElement.lang || "zh").split(/[-_]/)[0];
  try {
    let response = await fetch(new URL(`i18n/${lang}.json`, HERE));
    if (!response.ok && lang !== "zh") {
      lang = "zh";
      response = await fetch(new URL(`i18n/${lang}.json`, HERE));
    }
    if (!response.ok) return; // the full form works on its own
    const catalog = await response.json();
    await addStyles();
    const guided = new Guided(mount, catalog, lang);
    guided.start();
    mount.__guided = guided;
  } catch {
    /* guided mode is an extra: the full form stays */
  }
}

mountGuided();
