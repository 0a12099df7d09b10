/* The runtime bridge: the Python estimator in a Web Worker (worker.js), asked by message.
 *
 * One worker per page, shared by every form on it. ask(op, payload) resolves to
 * {ok, result} or {ok: false, error} and never rejects; runtime.listeners hear every
 * change of state (loading with its fraction, ready, failed). The service worker is
 * registered here too (offline use), and told after a first visit what to store.
 */

export const LOADED_AT = performance.now();
const HERE = new URL(".", import.meta.url);
const SITE_ROOT = new URL("../../", import.meta.url);

export const runtime = {
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
export function registerServiceWorker() {
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
    // The print's QR module is imported only when a result is shown: stored now too, so
    // a print made offline still carries its code.
    const urls = new Set([location.origin + location.pathname, new URL("worker.js", HERE).href,
      new URL("vendor/qrcode.mjs", HERE).href]);
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
export function startRuntime() {
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

export function restartRuntime() {
  if (runtime.worker) runtime.worker.terminate();
  runtime.worker = null;
  runtime.formPromise = null;
  startRuntime();
}

/** Ask the worker; resolves to {ok, result} or {ok: false, error}. Never rejects. */
export function ask(op, payload = {}) {
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

export function describeForm() {
  if (!runtime.formPromise) {
    runtime.formPromise = ask("describe_form").then((reply) => {
      if (!reply.ok) runtime.formPromise = null;
      return reply.ok ? reply.result : null;
    });
  }
  return runtime.formPromise;
}
