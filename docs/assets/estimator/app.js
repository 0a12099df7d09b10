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
 */

const LOADED_AT = performance.now();
const LANGS = ["zh", "ug", "en"];
const HERE = new URL(".", import.meta.url);
const SITE_ROOT = new URL("../../", import.meta.url);
const SCHEME_ORDER = ["resident", "employee"];
const KIND_ORDER = ["inpatient", "outpatient", "chronic", "two_diseases", "maternity",
  "day_surgery", "tuberculosis", "special_drugs"];
const FACILITY_ORDER = ["village", "township", "county", "level1", "level2", "level3",
  "pharmacy"];
const CATEGORY_ORDER = ["none", "destitute", "dibao", "dibao_edge", "at_risk",
  "illness_poverty"];
const EMPLOYMENT_ORDER = ["in_service", "retired", "flexible", "unemployed"];
const DELIVERY_ORDER = ["vaginal", "assisted", "caesarean", "induced", "abortion"];
const B_PARTS = ["class_b_drugs", "class_b_services", "class_b_consumables"];
const SPLIT_PARTS = ["excluded", ...B_PARTS];
const TOTAL_KEYS = ["cost", "basic", "supplementary", "major_illness", "assistance",
  "out_of_pocket"];
const CHAIN_KEYS = ["cost", "excluded", "class_b_self_pay", "deductible", "eligible", "basic",
  "supplementary", "major_illness", "assistance", "out_of_pocket"];
const CHART_POINTS = 20;

/* ------------------------------------------------------------------ runtime --- */

const runtime = {
  worker: null,
  state: "idle", // idle | loading | ready | failed
  fraction: 0,
  message: "",
  timings: null,
  pending: new Map(),
  nextId: 1,
  listeners: new Set(),
  formPromise: null,
};

function notify() {
  for (const listener of runtime.listeners) listener(runtime);
}

/** Registers the service worker (offline use). It never delays the runtime: on a first
 * visit the page asks it, once the estimator is ready, to cache what was loaded. */
function registerServiceWorker() {
  if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
  navigator.serviceWorker.register(new URL("sw.js", SITE_ROOT), {
    scope: SITE_ROOT.pathname,
  }).catch(() => {}); // the estimator works without it, only not offline
}

async function cacheFirstVisit() {
  if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
  try {
    const registration = await navigator.serviceWorker.ready;
    // The page without its query: a guide page's link (?region=…) opens the same page,
    // which the service worker finds offline whatever the query (ignoreSearch).
    const urls = new Set([location.origin + location.pathname, new URL("worker.js", HERE).href]);
    for (const entry of performance.getEntriesByType("resource")) {
      const url = new URL(entry.name);
      if (url.origin === location.origin) urls.add(url.href);
    }
    // The service worker answers once everything is stored: from then on a visit works
    // offline (read by the tests as window.__estimatorOffline).
    navigator.serviceWorker.addEventListener("message", (event) => {
      if ((event.data || {}).type === "first-visit-cached") window.__estimatorOffline = true;
    });
    registration.active.postMessage({ type: "cache-first-visit", urls: [...urls] });
  } catch {
    /* not essential */
  }
}

/** Starts the Web Worker, or adopts the one the page's <head> started already
 * (overrides/main.html, on the estimator page: Python's start then overlaps the page's
 * own; the messages it sent before this module ran are replayed in order). */
function startRuntime() {
  if (runtime.worker) return;
  runtime.state = "loading";
  runtime.fraction = 0.02;
  notify();
  const early = window.__estimatorEarly || null;
  window.__estimatorEarly = null;
  let worker;
  try {
    worker = early ? early.worker : new Worker(new URL("worker.js", HERE), { type: "module" });
  } catch (error) {
    failRuntime(String(error && error.message ? error.message : error));
    return;
  }
  runtime.worker = worker;
  runtime.startedAt = early ? early.startedAt : performance.now();
  const onMessage = (event) => {
    const msg = event.data || {};
    if (msg.type === "progress") {
      runtime.fraction = Math.max(runtime.fraction, msg.fraction || 0);
      notify();
    } else if (msg.type === "ready") {
      runtime.state = "ready";
      runtime.fraction = 1;
      runtime.timings = msg.timings;
      // Read by the tests and benchmarks/browser_bench.py (ms since navigation start).
      window.__estimatorReady = { ...msg, at: performance.now(), script: LOADED_AT,
        worker: runtime.startedAt };
      if (msg.snapshot !== "used") setTimeout(cacheFirstVisit, 0);
      notify();
    } else if (msg.type === "failed") {
      failRuntime(msg.message);
    } else if (msg.type === "snapshot-saved" || msg.type === "snapshot-failed") {
      window.__estimatorSnapshot = msg.type;
    } else if (msg.type === "reply") {
      const pending = runtime.pending.get(msg.id);
      if (pending) {
        runtime.pending.delete(msg.id);
        pending(msg);
      }
    }
  };
  const onError = (event) => {
    event.preventDefault();
    failRuntime(event.message || "worker error");
  };
  worker.addEventListener("message", onMessage);
  worker.addEventListener("error", onError);
  if (early) {
    worker.onmessage = null;
    worker.onerror = null;
    for (const event of early.queue) (event.type === "error" ? onError : onMessage)(event);
  }
}

function failRuntime(message) {
  runtime.state = "failed";
  runtime.message = message;
  for (const [id, pending] of runtime.pending) {
    pending({ id, ok: false, error: { kind: "runtime", field: null, message } });
  }
  runtime.pending.clear();
  notify();
}

function restartRuntime() {
  if (runtime.worker) runtime.worker.terminate();
  runtime.worker = null;
  runtime.formPromise = null;
  startRuntime();
}

/** Ask the worker; resolves to {ok, result} or {ok: false, error}. Never rejects. */
function ask(op, payload = {}) {
  startRuntime();
  if (runtime.state === "failed") {
    return Promise.resolve({ ok: false, error: { kind: "runtime", message: runtime.message } });
  }
  const id = runtime.nextId++;
  return new Promise((resolve) => {
    runtime.pending.set(id, resolve);
    runtime.worker.postMessage({ id, op, ...payload });
  });
}

function describeForm() {
  if (!runtime.formPromise) {
    runtime.formPromise = ask("describe_form").then((reply) => {
      if (!reply.ok) runtime.formPromise = null;
      return reply.ok ? reply.result : null;
    });
  }
  return runtime.formPromise;
}

/* ------------------------------------------------------------------ helpers --- */

function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (value === true) node.setAttribute(key, "");
    else node.setAttribute(key, String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value !== null && value !== undefined) node.setAttribute(key, String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function fill(template, values = {}) {
  return String(template).replace(/\{(\w+)\}/g, (m, key) =>
    key in values ? String(values[key]) : m);
}

/** Like fill(), but values may be DOM nodes: returns a list of strings and nodes. */
function fillNodes(template, values = {}) {
  return String(template).split(/(\{\w+\})/).filter(Boolean).map((part) => {
    const m = /^\{(\w+)\}$/.exec(part);
    return m && m[1] in values ? values[m[1]] : part;
  });
}

/** Digits typed with a Chinese or Arabic-script keyboard, grouping commas, “元”. */
function normalizeNumber(raw) {
  return String(raw ?? "")
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 48))
    .replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x660))
    .replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x6f0))
    .replace(/[．。٫]/g, ".")
    .replace(/[,，٬\s]/g, "")
    .replace(/(元|yuan|يۈەن|¥|￥)/gi, "")
    .trim();
}

function groupDigits(text) {
  const [whole, frac] = String(text).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}

/** Adds decimal strings exactly (fen as integers). */
function addMoney(...values) {
  let fen = 0n;
  for (const v of values) {
    const text = normalizeNumber(v) || "0";
    const [whole, frac = ""] = text.split(".");
    fen += BigInt(whole || "0") * 100n + BigInt((frac + "00").slice(0, 2));
  }
  const sign = fen < 0n ? "-" : "";
  const abs = fen < 0n ? -fen : fen;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, "0")}`;
}

function todayISO() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function isISODate(text) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const [y, m, d] = text.split("-").map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function encodeCase(value) {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function decodeCase(text) {
  try {
    const b64 = text.replace(/-/g, "+").replace(/_/g, "/");
    const binary = atob(b64 + "===".slice((b64.length + 3) % 4));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    const value = JSON.parse(new TextDecoder().decode(bytes));
    return value && typeof value === "object" ? value : null;
  } catch {
    return null;
  }
}

/** The case a shared link carries (#case=…): {present, value}. A link that has a case
 * whose value cannot be read (cut off, or changed on the way) is damaged: present, with
 * a null value. */
function sharedFromHash() {
  const match = /(?:^#|&)case=([^&]*)/.exec(location.hash);
  if (!match) return { present: false, value: null };
  const data = /^[A-Za-z0-9_-]*/.exec(match[1])[0];
  const value = data ? decodeCase(data) : null;
  const usable = !!value && !Array.isArray(value) && typeof value.region === "string"
    && Array.isArray(value.episodes) && value.episodes.length > 0;
  return { present: true, value: usable ? value : null };
}

/** What a guide page's estimate link asks for (?region=…&scheme=…&kind=…): each value
 * the form knows, or null. *regions*: the registry's region ids (catalog.regions). */
function askedFromQuery(regions) {
  const params = new URLSearchParams(location.search);
  const pick = (key, known) => (known.includes(params.get(key)) ? params.get(key) : null);
  return { region: pick("region", regions), scheme: pick("scheme", SCHEME_ORDER),
    kind: pick("kind", KIND_ORDER) };
}

/** The language menu (and the "Chinese is authoritative" link) opens this page in
 * another language: carry the case (#case=…) or the guide page's query across. */
function carryToLanguageLinks() {
  for (const link of document.querySelectorAll("a[hreflang]")) {
    if (link.closest("#estimator-app, [data-estimator-app]")) continue;
    if (link.dataset.estBase === undefined) {
      link.dataset.estBase = (link.getAttribute("href") || "").split(/[?#]/)[0];
    }
    link.setAttribute("href", link.dataset.estBase + location.search + location.hash);
  }
}

/** The first day after an ISO date. */
function nextDay(iso) {
  const [y, m, d] = iso.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/* ------------------------------------------------------------------ the app --- */

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

  /** A damaged shared link says so, in the reader's language, above the form (which
   * shows the defaults, not the lost case). */
  showDamaged() {
    this.clearDamaged();
    this.damagedNode = h("div", { class: "est-damaged", id: "est-damaged", role: "alert",
      tabindex: "-1" },
    h("p", { class: "est-error", text: this.text("link_damaged") }),
    h("p", { text: this.text("link_damaged_fix") }));
    this.formNode.before(this.damagedNode);
    this.damagedNode.focus();
  }

  clearDamaged() {
    if (this.damagedNode) this.damagedNode.remove();
    this.damagedNode = null;
  }

  /** Fold the filled form away (a shared link's answer comes first): one line says
   * whose case it is, one button opens the form again. */
  foldForm() {
    this.unfoldForm({ focus: false });
    this.formNode.hidden = true;
    const s = this.state;
    this.foldedNode = h("div", { class: "est-folded est-no-print" },
      h("p", { class: "est-folded-case", text: `${this.enums.regions[s.region] || s.region}`
        + ` · ${this.enums.schemes[s.scheme] || s.scheme}` }),
      h("button", { type: "button", class: "est-button est-secondary", id: "est-unfold",
        "aria-controls": "est-form", "aria-expanded": "false",
        onclick: () => this.unfoldForm({ focus: true }) }, this.text("show_form")));
    this.formNode.before(this.foldedNode);
  }

  unfoldForm({ focus = false } = {}) {
    if (this.foldedNode) this.foldedNode.remove();
    this.foldedNode = null;
    this.formNode.hidden = false;
    if (focus) {
      const first = document.getElementById("est-region");
      if (first) first.focus();
    }
  }

  renderStatus() {
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
    f.append(care);

    f.append(h("div", { class: "est-actions" },
      h("button", { type: "submit", class: "est-button est-primary", id: "est-submit" },
        this.text("submit"))));
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
    const reply = await ask("estimate", { case: c });
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

  showBusy() {
    this.resultNode.hidden = false;
    this.resultNode.setAttribute("aria-busy", "true");
    if (!this.resultNode.querySelector(":scope > :not(.est-headline)")) {
      this.resultNode.append(h("p", { class: "est-busy", text: this.text("computing") }));
    }
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

  showEngineError(error) {
    this.resultNode.hidden = false;
    this.resultNode.removeAttribute("aria-busy");
    this.clearResult();
    if (error.kind === "case") {
      this.unfoldForm();
      const id = this.controlFor(error.field);
      const labelNode = id && this.root.querySelector(`label[for="${id}"]`);
      const where = labelNode ? `${labelNode.textContent} — ` : "";
      const message = `${this.text("engine_error")} ${where}${error.message}`;
      this.errors = [{ id, message }];
      this.renderForm(null);
      const summary = document.getElementById("est-error-summary");
      if (summary) summary.focus();
      this.resultNode.hidden = true;
      return;
    }
    const text = error.kind === "runtime"
      ? this.text("failed", { message: error.message })
      : this.text("internal_error", { message: error.message });
    this.resultNode.append(h("p", { class: "est-error", role: "alert", text }));
  }

  /* ---- rendering: result ---- */

  /** Empties the result but keeps its live region (emptied too). */
  clearResult() {
    for (const child of [...this.resultNode.children]) {
      if (child !== this.answerNode) child.remove();
    }
    this.answerNode.textContent = "";
  }

  /** An amount, or "unknown" in words when the engine gives none (never 0.00 or a dash). */
  amountNode(amount, attrs = {}) {
    if (amount === null || amount === undefined) {
      return h("span", { class: "est-unknown", ...attrs, "data-amount": "" },
        this.text("unknown_amount"));
    }
    return h("span", { class: "est-num", dir: "ltr", ...attrs, "data-amount": amount },
      this.money(amount));
  }

  /** What the funds pay for the year (the four funds' totals), or null when one is unknown. */
  fundsTotal(r) {
    const t = r.totals || {};
    let cents = 0n;
    for (const key of ["basic", "supplementary", "major_illness", "assistance"]) {
      const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(String(t[key] ?? ""));
      if (!m) return null;
      cents += BigInt(m[1]) * 100n + BigInt((m[2] || "0").padEnd(2, "0"));
    }
    const whole = cents / 100n;
    return `${whole}.${String(cents % 100n).padStart(2, "0")}`;
  }

  /** The answer in one sentence: what you pay and what the funds pay, "at most" or "at
      least" where the result says so (the funds' bound is the other way round). */
  answerParts(r) {
    const pay = r.totals ? r.totals.out_of_pocket : null;
    const funds = pay === null || pay === undefined ? null : this.fundsTotal(r);
    const most = !!r.out_of_pocket_at_most;
    const least = !!r.out_of_pocket_at_least && !most;
    const bound = (key) => (key ? `${this.text(key)} ` : "");
    return {
      pay, funds,
      payBound: bound(pay == null ? null : most ? "at_most" : least ? "at_least" : null),
      fundsBound: bound(funds == null ? null : most ? "at_least" : least ? "at_most" : null),
    };
  }

  renderAnswer(r) {
    const a = this.answerParts(r);
    const pay = [a.payBound ? h("span", { class: "est-bound", text: a.payBound }) : null,
      a.pay == null ? h("strong", { class: "est-unknown", "data-total": "out_of_pocket",
        "data-amount": "" }, this.text("unknown_amount"))
        : h("strong", { class: "est-num", dir: "ltr", "data-total": "out_of_pocket",
          "data-amount": a.pay }, this.money(a.pay))];
    const funds = [a.fundsBound ? h("span", { class: "est-bound", text: a.fundsBound }) : null,
      a.funds == null ? h("strong", { class: "est-unknown", "data-funds": "" },
        this.text(a.pay == null ? "unknown_short" : "unknown_amount"))
        : h("strong", { class: "est-num", dir: "ltr", "data-funds": a.funds },
          this.money(a.funds))];
    this.answerNode.textContent = "";
    this.answerNode.append(...fillNodes(this.t.answer, { pay, funds }).flat()
      .filter((x) => x !== null));
  }

  answerText(r) {
    const a = this.answerParts(r);
    const pay = a.pay == null ? this.text("unknown_amount") : `${a.payBound}${this.money(a.pay)}`;
    const funds = a.funds == null
      ? this.text(a.pay == null ? "unknown_short" : "unknown_amount")
      : `${a.fundsBound}${this.money(a.funds)}`;
    return this.text("answer", { pay, funds });
  }

  /** The documents the result cites, in order of first citation: [{document, title}]. */
  collectSources(r) {
    const seen = new Map();
    const add = (citation) => {
      if (citation && citation.document && !seen.has(citation.document)) {
        seen.set(citation.document, this.label(citation.title, citation.document));
      }
    };
    for (const ep of r.episodes || []) for (const step of ep.steps || []) add(step.citation);
    for (const item of r.may_also_apply || []) add(item.citation);
    return [...seen].map(([document, title]) => ({ document, title }));
  }

  /** Each note once: the episode's own first, then the year's, without repeats. */
  uniqueNotes(list, seen) {
    const out = [];
    for (const n of list || []) {
      const text = this.label(n);
      if (!text || seen.has(text)) continue;
      seen.add(text);
      out.push(text);
    }
    return out;
  }

  renderResult(r, c) {
    const node = this.resultNode;
    this.clearResult();
    node.hidden = false;
    node.removeAttribute("aria-busy");
    node.insertBefore(h("h2", { id: "est-result-title", tabindex: "-1",
      text: this.text("result_title") }), this.answerNode);
    this.sources = this.collectSources(r);
    this.renderAnswer(r);

    // the year in total
    const totals = h("table", { class: "est-table est-totals" },
      h("caption", { text: this.text("year") }),
      h("tbody", {}, TOTAL_KEYS.map((key) => h("tr", { class: key === "out_of_pocket"
        ? "est-sum" : null },
      h("th", { scope: "row", text: this.text(`t_${key}`) }),
      h("td", {}, this.amountNode(r.totals ? r.totals[key] : null, { "data-total": key }))))));
    node.append(totals);
    if (r.out_of_pocket_at_most) {
      node.append(h("p", { class: "est-note", text: this.text("at_most_note") }));
    }
    if (r.out_of_pocket_at_least) {
      node.append(h("p", { class: "est-note", text: this.text("at_least_note") }));
    }
    const seenNotes = new Set();

    // each episode
    (r.episodes || []).forEach((ep, i) => node.append(
      this.renderEpisodeResult(ep, i, c, seenNotes)));

    // may also apply
    if (r.may_also_apply && r.may_also_apply.length) {
      node.append(h("aside", { class: "est-also", "aria-labelledby": "est-also-title" },
        h("h3", { id: "est-also-title", text: this.text("also_apply") }),
        h("p", { class: "est-help", text: this.text("also_apply_help") }),
        h("ul", {}, r.may_also_apply.map((item) => h("li", { "data-also": item.key },
          h("span", { text: this.label(item.label, item.key) }),
          item.amount ? [": ", h("span", { class: "est-num", dir: "ltr",
            "data-amount": item.amount }, this.money(item.amount))] : null,
          item.citation ? h("span", { class: "est-cite" }, ` (${this.cite(item.citation)})`)
            : null)))));
    }
    const notes = this.uniqueNotes(r.notes, seenNotes);
    if (notes.length) {
      node.append(h("div", { class: "est-notes" },
        h("h3", { text: this.text("notes") }),
        h("ul", {}, notes.map((n) => h("li", { text: n })))));
    }
    this.chartNode = h("figure", { class: "est-chart", hidden: true });
    node.append(this.chartNode);
    if (this.sources.length) {
      // Document titles once, here; the steps cite the article only.
      node.append(h("div", { class: "est-sources" },
        h("h3", { id: "est-sources-title", text: this.text("sources") }),
        h(this.sources.length > 1 ? "ol" : "ul", { "aria-labelledby": "est-sources-title" },
          this.sources.map((src) => h("li", { "data-doc": src.document, text: src.title })))));
    }
    node.append(h("p", { class: "est-disclaimer", text: this.text("disclaimer") }));

    this.copyStatus = h("p", { class: "est-copy-status", role: "status", "aria-live": "polite" });
    node.append(h("div", { class: "est-actions est-no-print" },
      h("button", { type: "button", class: "est-button", id: "est-copy",
        onclick: () => this.copyText() }, this.text("copy")),
      h("button", { type: "button", class: "est-button", id: "est-share",
        onclick: () => this.copyLink() }, this.text("share")),
      h("button", { type: "button", class: "est-button", id: "est-print",
        onclick: () => window.print() }, this.text("print"))),
    h("p", { class: "est-help est-no-print", text: this.text("share_help") }),
    this.copyStatus);
  }

  /** A short reference: the article, preceded by the document's number in the sources
      list when the result cites more than one document. */
  cite(citation) {
    if (!citation) return "";
    const sources = this.sources || [];
    const index = sources.findIndex((src) => src.document === citation.document);
    const mark = sources.length > 1 && index >= 0 ? `[${index + 1}]` : "";
    if (!citation.article) {
      return mark || (index >= 0 ? "" : this.label(citation.title, citation.document));
    }
    return mark ? `${mark} ${citation.article}` : citation.article;
  }

  renderEpisodeResult(ep, i, c, seenNotes = new Set()) {
    const kind = this.enumLabel("kinds", ep.kind || (c.episodes[i] && c.episodes[i].kind));
    const date = ep.date || (c.episodes[i] && c.episodes[i].date) || "";
    const box = h("section", { class: "est-episode-result", "data-episode": String(i) },
      h("h3", {}, fillNodes(this.t.episode_heading, { n: i + 1, kind,
        date: h("bdi", { dir: "ltr", text: date }) })));
    if (!ep.computable && ep.reason) {
      box.append(h("p", { class: "est-reason" },
        h("strong", { text: `${this.text("not_computable")} ` }), this.label(ep.reason)));
    }
    const steps = Array.isArray(ep.steps) && ep.steps.length ? ep.steps
      : CHAIN_KEYS.map((key) => ({ key, label: null, amount: ep[key], citation: null }));
    const table = h("table", { class: "est-table est-steps" },
      h("thead", {}, h("tr", {},
        h("th", { scope: "col", text: this.text("step") }),
        h("th", { scope: "col", text: this.text("amount") }),
        h("th", { scope: "col", text: this.text("source") }))),
      h("tbody", {}, steps.map((step) => h("tr", { "data-step": step.key,
        class: step.key === "out_of_pocket" ? "est-sum" : null },
      h("th", { scope: "row" }, this.label(step.label, this.text(`t_${step.key}`)),
        step.reading ? h("span", { class: "est-reading", text: this.label(step.reading) })
          : null),
      h("td", {}, (step.amount === null || step.amount === undefined)
        && !CHAIN_KEYS.includes(step.key) && step.key !== "total"
        // a step that states a rate or a rule, not an amount
        ? h("span", { class: "est-num", "data-amount": "" })
        : this.amountNode(step.amount)),
      h("td", { class: "est-cite", text: this.cite(step.citation) })))));
    box.append(table);
    const fields = h("dl", { class: "est-chain", hidden: true });
    for (const key of CHAIN_KEYS) {
      fields.append(h("dt", { text: key }),
        h("dd", { "data-field": key, "data-amount": ep[key] ?? "" }, ep[key] ?? ""));
    }
    box.append(fields);
    const notes = this.uniqueNotes(ep.notes, seenNotes);
    if (notes.length) {
      box.append(h("ul", { class: "est-episode-notes" }, notes.map((n) => h("li", { text: n }))));
    }
    return box;
  }

  /* ---- chart ---- */

  async renderChart(c) {
    const index = (this.result.episodes || []).findIndex((e) =>
      e.out_of_pocket !== null && e.out_of_pocket !== undefined);
    if (index < 0) return;
    const base = c.episodes[index];
    const total = Number(base.cost.total);
    if (!(total > 0)) return;
    const top = niceCeiling(Math.max(total * 2, 1000));
    const sizes = Array.from({ length: CHART_POINTS }, (_, i) =>
      Math.round((top * (i + 1)) / CHART_POINTS));
    const cases = sizes.map((size) => {
      const scale = size / total;
      const cost = { total: size.toFixed(2) };
      for (const part of SPLIT_PARTS) {
        if (base.cost[part]) cost[part] = (Math.floor(Number(base.cost[part]) * scale * 100) / 100).toFixed(2);
      }
      return { ...c, episodes: [{ ...base, cost }] };
    });
    const chartFor = this.lastCase;
    const reply = await ask("estimate_many", { cases });
    if (!reply.ok || chartFor !== this.lastCase || !this.chartNode) return;
    const points = [];
    reply.result.forEach((one, i) => {
      const pay = one.ok && one.result.totals && one.result.totals.out_of_pocket;
      if (pay !== null && pay !== undefined && pay !== false) {
        points.push({ x: sizes[i], y: Number(pay) });
      }
    });
    if (points.length < 2) return;
    this.drawChart(points, total, top);
  }

  drawChart(points, current, top) {
    const W = 640;
    const H = 300;
    const m = { l: 70, r: 16, t: 16, b: 44 };
    const x = (v) => m.l + (v / top) * (W - m.l - m.r);
    const y = (v) => H - m.b - (v / top) * (H - m.t - m.b);
    const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => Math.round(top * f));
    const line = points.map((p, i) => `${i ? "L" : "M"}${x(p.x).toFixed(1)},${y(p.y).toFixed(1)}`)
      .join(" ");
    const rtl = this.dir === "rtl";
    const chart = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img",
      "aria-labelledby": "est-chart-title est-chart-desc", class: "est-svg",
      direction: "ltr" },
    svg("title", { id: "est-chart-title" }, this.text("chart_title")),
    svg("desc", { id: "est-chart-desc" }, this.text("chart_desc", { count: points.length })),
    ticks.map((v) => [
      svg("line", { x1: m.l, x2: W - m.r, y1: y(v), y2: y(v), class: "est-grid" }),
      svg("text", { x: m.l - 6, y: y(v) + 4, "text-anchor": "end", class: "est-tick" },
        groupDigits(String(v))),
      svg("text", { x: x(v), y: H - m.b + 16, "text-anchor": "middle", class: "est-tick" },
        groupDigits(String(v))),
    ]),
    svg("line", { x1: x(0), y1: y(0), x2: x(top), y2: y(top), class: "est-noins" }),
    svg("path", { d: line, class: "est-line" }),
    svg("line", { x1: x(current), x2: x(current), y1: m.t, y2: H - m.b, class: "est-you" }),
    svg("text", { x: (m.l + W - m.r) / 2, y: H - 6, "text-anchor": "middle",
      class: "est-axis" }, this.text("chart_x")),
    svg("text", { x: 14, y: (m.t + H - m.b) / 2, "text-anchor": "middle", class: "est-axis",
      transform: `rotate(-90 14 ${(m.t + H - m.b) / 2})` }, this.text("chart_y")));
    const legend = h("p", { class: "est-legend" },
      h("span", { class: "est-key est-key-line" }), ` ${this.text("t_out_of_pocket")} `,
      h("span", { class: "est-key est-key-noins" }), ` ${this.text("chart_noins")} `,
      h("span", { class: "est-key est-key-you" }), ` ${this.text("chart_you")}`);
    const data = h("details", { class: "est-chart-data" },
      h("summary", { text: this.text("chart_data") }),
      h("table", { class: "est-table" },
        h("thead", {}, h("tr", {}, h("th", { scope: "col", text: this.text("chart_x") }),
          h("th", { scope: "col", text: this.text("chart_y") }))),
        h("tbody", {}, points.map((p) => h("tr", {},
          h("td", { dir: "ltr", text: groupDigits(p.x.toFixed(2)) }),
          h("td", { dir: "ltr", "data-amount": p.y.toFixed(2),
            text: groupDigits(p.y.toFixed(2)) }))))));
    this.chartNode.textContent = "";
    this.chartNode.append(h("figcaption", { text: this.text("chart_title") }), chart, legend, data);
    this.chartNode.hidden = false;
    this.chartNode.dataset.points = String(points.length);
    this.chartNode.dataset.rtl = String(rtl);
  }

  /* ---- sharing ---- */

  resultText() {
    const r = this.result;
    if (!r) return "";
    const sep = this.lang === "zh" ? "：" : ": ";
    const lines = [this.text("result_title"),
      `${this.text("region")}${sep}${this.enums.regions[this.state.region] || this.state.region}`,
      `${this.text("scheme")}${sep}${this.enums.schemes[this.state.scheme] || this.state.scheme}`,
      "", this.answerText(r), "", this.text("year")];
    const amount = (value) => (value === null || value === undefined
      ? this.text("unknown_amount") : this.money(value));
    for (const key of TOTAL_KEYS) {
      lines.push(`  ${this.text(`t_${key}`)}${sep}${amount(r.totals ? r.totals[key] : null)}`);
    }
    if (r.out_of_pocket_at_most) lines.push(`* ${this.text("at_most_note")}`);
    if (r.out_of_pocket_at_least) lines.push(`* ${this.text("at_least_note")}`);
    lines.push("");
    const seenNotes = new Set();
    (r.episodes || []).forEach((ep, i) => {
      const date = this.dir === "rtl" ? `\u2066${ep.date || ""}\u2069` : ep.date || "";
      lines.push(this.text("episode_heading", { n: i + 1,
        kind: this.enumLabel("kinds", ep.kind), date }));
      if (!ep.computable && ep.reason) {
        lines.push(`  ${this.text("not_computable")} ${this.label(ep.reason)}`);
      }
      for (const step of ep.steps || []) {
        const noAmount = (step.amount === null || step.amount === undefined)
          && !CHAIN_KEYS.includes(step.key) && step.key !== "total";
        const value = noAmount ? "" : `${sep}${amount(step.amount)}`;
        const cite = this.cite(step.citation);
        lines.push(`  ${this.label(step.label, step.key)}${value}${cite ? ` [${cite}]` : ""}`);
      }
      for (const n of this.uniqueNotes(ep.notes, seenNotes)) lines.push(`  * ${n}`);
      lines.push("");
    });
    if (r.may_also_apply && r.may_also_apply.length) {
      lines.push(`${this.text("also_apply")} (${this.text("also_apply_help")})`);
      for (const item of r.may_also_apply) {
        lines.push(`  ${this.label(item.label, item.key)}${item.amount
          ? `${sep}${this.money(item.amount)}` : ""}`);
      }
      lines.push("");
    }
    for (const n of this.uniqueNotes(r.notes, seenNotes)) lines.push(`* ${n}`);
    if (this.sources && this.sources.length) {
      lines.push("", this.text("sources"));
      this.sources.forEach((src, i) => lines.push(
        this.sources.length > 1 ? `  [${i + 1}] ${src.title}` : `  ${src.title}`));
    }
    lines.push("", this.text("disclaimer"), location.href);
    return lines.join("\n");
  }

  async copy(text, okKey) {
    try {
      await navigator.clipboard.writeText(text);
      this.copyStatus.textContent = this.text(okKey);
    } catch {
      this.copyStatus.textContent = this.text("copy_failed");
      const area = h("textarea", { class: "est-copy-area", readonly: true, rows: "8",
        "aria-label": this.text("copy") });
      area.value = text;
      this.copyStatus.append(area);
      area.select();
    }
  }

  copyText() {
    return this.copy(this.resultText(), "copied");
  }

  copyLink() {
    return this.copy(location.href, "link_copied");
  }
}

function niceCeiling(value) {
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (step * power >= value) return step * power;
  }
  return 10 * power;
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
    const asked = root.dataset.lang || document.documentElement.lang || "zh";
    const lang = LANGS.includes(asked.slice(0, 2)) ? asked.slice(0, 2) : "zh";
    try {
      const app = new EstimatorApp(root, lang, await loadCatalog(lang));
      app.mount();
      root.__estimator = app;
    } catch (error) {
      root.append(h("p", { class: "est-error", role: "alert", text: String(error) }));
    }
  }
  // Guided mode (issue 13): one question per screen, filling and submitting this form.
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
