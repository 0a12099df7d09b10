/* The estimator form. Mounts on <div id="estimator-app" data-lang="zh|ug|en">.
 *
 * The Python estimator runs in a Web Worker (worker.js) on this device: nothing
 * entered here is sent anywhere. The case lives in the URL fragment (#case=…), which
 * browsers never send to a server, so a link reproduces an estimate; it opens on its
 * result, and says so when it is damaged. Without a case, a guide page's link opens the
 * form on its region, scheme and kind of care (?region=…&scheme=…&kind=…). The language
 * menu carries either across.
 * UI strings: i18n/<lang>.json. Which kinds, facilities and diseases apply: the
 * estimator's describe_form(), asked for as soon as the page opens.
 *
 * Native ES modules, no bundler; this one mounts the app and submits. The others, by
 * concern (each a class of methods mixed into EstimatorApp, or plain functions):
 *   runtime.js     the runtime bridge: the worker, its messages, the service worker
 *   form-state.js  the form's state, what each region offers, the case built from it
 *   form-view.js   the fields, their errors, the calculator's state by the button
 *   quick.js       quick entry for repeated visits
 *   result.js      the answer, the totals, each episode's steps, notes and sources
 *   chart.js       the chart of the year, with its table
 *   share.js       the case in the link, the language menu, copying
 *   print.js       what a print shows first, with the link's QR code
 *   dom.js, numbers.js, constants.js: helpers
 */

import { fill, h } from "./dom.js";
import { addMoney, groupDigits, normalizeNumber, setNumberSymbols } from "./numbers.js";
import { ask, describeForm, registerServiceWorker, runtime, startRuntime }
  from "./runtime.js";
import { askedFromQuery, carryToLanguageLinks, decodeCase, encodeCase, sharedFromHash,
  ShareView } from "./share.js";
import { FormState } from "./form-state.js";
import { FormView } from "./form-view.js";
import { ResultView } from "./result.js";
import { ChartView } from "./chart.js";
import { PrintView } from "./print.js";
import { QuickEntry } from "./quick.js";

const HERE = new URL(".", import.meta.url);

/* ------------------------------------------------------------------ the app --- */

/** The app's core: text in the reader's language, mounting, submitting. The methods of
 * each concern live in their own module and are mixed in below. */
class EstimatorApp {
  constructor(root, lang, catalog) {
    this.root = root;
    this.lang = lang;
    this.t = catalog.ui;
    this.enums = catalog.enums;
    // The regions in page order, written into the catalog by the build from the
    // registry (policy_data/regions.yaml; names in enums.regions).
    this.regions = catalog.regions;
    this.dir = catalog.dir;
    setNumberSymbols(catalog.number); // CLDR's, written by the build
    this.form = null; // describe_form(), once known
    this.state = this.defaultState();
    this.result = null;
    this.lastCase = null;
    this.errors = [];
    this.queued = false;
    this.asked = null; // what a guide page's link asked for, until the visitor changes it
    this.damagedNode = null;
    this.foldedNode = null;
  }

  /* ---- text ---- */

  text(key, values) {
    return fill(this.t[key] ?? key, values);
  }

  label(obj, fallback = "") {
    if (!obj) return fallback;
    if (typeof obj === "string") return obj;
    return obj[this.lang] || obj.zh || obj.en || fallback;
  }

  enumLabel(group, id) {
    const fromForm = this.form && this.form.labels && this.form.labels[group]
      && this.form.labels[group][id];
    if (fromForm) return this.label(fromForm, id);
    return (this.enums[group] && this.enums[group][id]) || id;
  }

  money(amount) {
    if (amount === null || amount === undefined) return this.text("dash");
    return this.text("currency", { n: groupDigits(amount) });
  }

  /* ---- rendering: form ---- */

  mount() {
    this.root.classList.add("est");
    // The page's skip link leads to the estimator itself, not to the heading above it.
    const skip = document.querySelector("a.md-skip");
    if (skip && document.querySelectorAll("#estimator-app").length === 1) {
      skip.setAttribute("href", "#estimator-app");
      this.root.setAttribute("tabindex", "-1");
    }
    this.root.setAttribute("lang", this.lang);
    this.root.setAttribute("dir", this.dir);
    this.root.textContent = "";
    this.statusNode = h("div", { class: "est-status", role: "status", "aria-live": "polite" });
    this.formNode = h("form", { class: "est-form", novalidate: true,
      onsubmit: (e) => { e.preventDefault(); this.submit(); } });
    // The answer sentence lives in a polite live region that stays in the page (a region
    // created with its text is not reliably announced): screen readers read the amount.
    this.answerNode = h("p", { class: "est-headline", role: "status", "aria-live": "polite",
      "aria-atomic": "true" });
    this.resultNode = h("section", { class: "est-result", "aria-live": "off",
      "aria-labelledby": "est-result-title", hidden: true }, this.answerNode);
    if (this.root.dataset.intro === "true") {
      this.root.append(h("p", { class: "est-intro", text: this.text("intro") }));
    }
    this.root.append(
      this.statusNode,
      this.formNode,
      this.resultNode,
    );
    this.formNode.id = "est-form";
    const link = sharedFromHash();
    const shared = link.value;
    if (shared) {
      this.loadCase(shared);
    } else {
      this.asked = askedFromQuery(this.regionIds());
      this.applyAsked();
    }
    this.reconcile();
    this.renderForm();
    this.renderStatus();
    if (shared) {
      // A shared link is opened for its answer: the form folds away above it.
      this.foldForm();
      this.showBusy();
    } else if (link.present) {
      this.showDamaged();
    }
    carryToLanguageLinks();
    runtime.listeners.add(() => this.renderStatus());
    describeForm().then((form) => {
      if (!form) return;
      this.form = form;
      const focused = document.activeElement && document.activeElement.id;
      // Again now that the form knows what each region offers (reconcile would
      // otherwise replace what the link asked for with the first choice).
      this.applyAsked();
      this.reconcile();
      this.renderForm(focused);
      this.root.dispatchEvent(new CustomEvent("estimator-form-ready", { bubbles: true }));
      if (shared || this.queued) this.submit({ fromLink: !!shared });
    });
    window.addEventListener("hashchange", () => {
      carryToLanguageLinks();
      const again = sharedFromHash();
      if (again.present && !again.value) {
        this.showDamaged();
      } else if (again.value && JSON.stringify(again.value) !== JSON.stringify(this.lastCase)) {
        this.clearDamaged();
        this.asked = null;
        this.loadCase(again.value);
        this.reconcile();
        this.renderForm();
        this.foldForm();
        this.submit({ fromLink: true });
      }
    });
  }

  /* ---- computing ---- */

  async submit({ fromLink = false } = {}) {
    const asked = performance.now();
    const built = this.buildCase();
    this.errors = built.errors;
    this.asked = null;
    if (built.errors.length) {
      this.unfoldForm();
      if (this.resultNode.querySelector(".est-busy")) {
        // A shared link's case the form refuses: no result is on its way.
        this.clearResult();
        this.resultNode.hidden = true;
        this.resultNode.removeAttribute("aria-busy");
      }
      this.renderForm(null);
      const summary = document.getElementById("est-error-summary");
      if (summary && !fromLink) summary.focus();
      return;
    }
    if (this.errors.length === 0 && this.formNode.querySelector(".est-error-summary")) {
      this.renderForm();
    }
    const c = built.case;
    this.lastCase = c;
    this.clearDamaged();
    // The case replaces the guide page's query (?region=…): the link names one thing.
    history.replaceState(null, "", `${location.pathname}#case=${encodeCase(c)}`);
    carryToLanguageLinks();
    if (runtime.state !== "ready") {
      this.queued = true;
      this.renderStatus();
    }
    this.showBusy();
    // The reader's language only: each text and citation listed once (result.js).
    const reply = await ask("estimate", { case: c, lang: this.lang });
    this.queued = false;
    this.renderStatus();
    if (c !== this.lastCase) return; // a newer submission is on its way
    if (!reply.ok) {
      this.showEngineError(reply.error || {});
      return;
    }
    this.result = reply.result;
    this.renderResult(reply.result, c);
    window.__estimatorResult = { ms: performance.now() - asked, at: performance.now(),
      count: ((window.__estimatorResult && window.__estimatorResult.count) || 0) + 1 };
    const title = document.getElementById("est-result-title");
    if (title) {
      // A shared link opens on its answer: the result's heading at the top of the screen.
      title.focus({ preventScroll: fromLink });
      if (fromLink) title.scrollIntoView({ block: "start" });
    }
    this.renderChart(c);
  }
}

for (const part of [FormState, FormView, QuickEntry, ResultView, ChartView, ShareView,
  PrintView]) {
  for (const name of Object.getOwnPropertyNames(part.prototype)) {
    if (name === "constructor") continue;
    if (Object.prototype.hasOwnProperty.call(EstimatorApp.prototype, name)) {
      throw new Error(`EstimatorApp.${name} is defined twice`);
    }
    Object.defineProperty(EstimatorApp.prototype, name,
      Object.getOwnPropertyDescriptor(part.prototype, name));
  }
}

/* ------------------------------------------------------------------ startup --- */

async function loadCatalog(lang) {
  const response = await fetch(new URL(`i18n/${lang}.json`, HERE));
  if (!response.ok) throw new Error(`i18n/${lang}.json: HTTP ${response.status}`);
  return response.json();
}

async function mountAll() {
  const roots = [...document.querySelectorAll("#estimator-app, [data-estimator-app]")]
    .filter((node) => !node.dataset.mounted);
  if (!roots.length) return;
  for (const root of roots) root.dataset.mounted = "true";
  // Start Python first: it is the slow part.
  startRuntime();
  registerServiceWorker();
  for (const root of roots) {
    // The page's language: the build compiles i18n/<lang>.json for every language of
    // the site (mkdocs.yml), so no list here; without one, the Chinese.
    let lang = (root.dataset.lang || document.documentElement.lang || "zh").split(/[-_]/)[0];
    try {
      const catalog = await loadCatalog(lang).catch(() => {
        lang = "zh";
        return loadCatalog(lang);
      });
      const app = new EstimatorApp(root, lang, catalog);
      app.mount();
      root.__estimator = app;
    } catch (error) {
      root.append(h("p", { class: "est-error", role: "alert", text: String(error) }));
    }
  }
  if (document.getElementById("estimator-guided")) import("./guided.js").catch(() => {});
}

if (document.getElementById("estimator-app")) {
  mountAll();
} else if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", mountAll, { once: true });
} else {
  mountAll();
}

export { addMoney, decodeCase, encodeCase, normalizeNumber };
