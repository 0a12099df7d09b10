/* Offline reading and a readier estimator, from every page of the guide (issue 13).
 *
 * Once the page has loaded and the browser is idle (never before: the page's own first
 * render comes first):
 * 1. the service worker (/sw.js) is registered and asked to save this page's language
 *    for offline reading: every page of the language, the files they load, its
 *    estimator, and the estimator's runtime (sw.js, "store-offline"); on the estimator
 *    page, only once Python is ready and without the runtime, which that page has the
 *    service worker cache itself;
 * 2. then, on a guide page (not the estimator page, which starts Python itself) open for
 *    at least 5 s, the estimator is warmed: a Web Worker from the estimator's own
 *    worker.js, started with the name "medins-warm-up", boots Python, imports the
 *    estimator and saves the memory snapshot a later visit restores (or stops at once
 *    when it is saved already), and is ended.
 * When the browser asks to save data (navigator.connection.saveData) or reports a 2G
 * connection, neither is done: only the language's fallback page (a few KB) is saved,
 * with this page and the files it loaded (already here: they are only revalidated).
 * Every request goes to this site. The tests read window.__medinsOffline.
 *
 * On the fallback page (templates/offline.md.j2), links to pages this phone has not
 * saved are marked as such.
 */
const SITE_ROOT = new URL("../../", import.meta.url);
const WARM_UP_LIMIT_MS = 180_000;
// Python boots only once the visitor has stayed this long on the page: a boot cut short
// by leaving the page (its worker ends with it) would be wasted work on a phone.
const WARM_UP_AFTER_MS = 5_000;
const state = { started: false, saved: null, warm: "idle", skipped: null };
window.__medinsOffline = state;

/** The browser asks to save data, or the connection is 2G. */
function dataSaving() {
  const connection = navigator.connection;
  if (!connection) return null;
  if (connection.saveData) return "save-data";
  if (/(^|-)2g$/.test(connection.effectiveType || "")) return connection.effectiveType;
  return null;
}

function whenIdle(work) {
  const idle = () => {
    if ("requestIdleCallback" in window) requestIdleCallback(work, { timeout: 3000 });
    else setTimeout(work, 300);
  };
  if (document.readyState === "complete") idle();
  else window.addEventListener("load", idle, { once: true });
}

/** Asks the service worker to save this page's language; resolves with its answer. */
async function save({ lite, runtime }) {
  const registration = await navigator.serviceWorker.register(new URL("sw.js", SITE_ROOT), {
    scope: SITE_ROOT.pathname,
  });
  await navigator.serviceWorker.ready;
  const active = registration.active || (await navigator.serviceWorker.ready).active;
  return new Promise((resolve) => {
    const listen = (event) => {
      const data = event.data || {};
      if (data.type !== "offline-stored") return;
      navigator.serviceWorker.removeEventListener("message", listen);
      resolve(data);
    };
    navigator.serviceWorker.addEventListener("message", listen);
    navigator.serviceWorker.startMessages();
    // When saving data, the page and the files it loaded (no runtime: this page has none).
    const urls = lite ? [location.origin + location.pathname] : [];
    if (lite) {
      for (const entry of performance.getEntriesByType("resource")) {
        const url = new URL(entry.name);
        if (url.origin === location.origin && !url.pathname.includes("/pyodide/")) {
          urls.push(url.origin + url.pathname);
        }
      }
    }
    active.postMessage({ type: "store-offline", page: location.href, lite, runtime, urls });
  });
}

/** Boots the estimator's worker in warm-up mode until its snapshot is saved. */
function warm() {
  return new Promise((resolve) => {
    let worker;
    try {
      worker = new Worker(new URL("assets/estimator/worker.js", SITE_ROOT), {
        type: "module",
        name: "medins-warm-up",
      });
    } catch {
      resolve("failed");
      return;
    }
    const limit = setTimeout(() => done("timeout"), WARM_UP_LIMIT_MS);
    function done(how) {
      clearTimeout(limit);
      worker.terminate();
      resolve(how);
    }
    worker.onmessage = (event) => {
      const msg = event.data || {};
      if (msg.type === "warm") done(msg.snapshot); // "exists"
      else if (msg.type === "snapshot-saved") done("saved");
      else if (msg.type === "snapshot-failed" || msg.type === "failed") done("failed");
      else if (msg.type === "ready" && msg.snapshot !== "made") done(msg.snapshot);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      done("failed");
    };
  });
}

function estimatorReady() {
  return new Promise((resolve) => {
    const started = performance.now();
    const check = () => {
      if (window.__estimatorReady || performance.now() - started > WARM_UP_LIMIT_MS) resolve();
      else setTimeout(check, 500);
    };
    check();
  });
}

async function prepare() {
  state.started = true;
  const saving = dataSaving();
  const estimatorPage = !!document.querySelector("#estimator-app, [data-estimator-app]");
  const withWorker = "serviceWorker" in navigator && window.isSecureContext;
  if (saving) state.skipped = saving;
  // On the estimator page, saving waits until Python is ready: on a slow network the
  // pages would otherwise share the line with the runtime the visitor is waiting for.
  if (estimatorPage) await estimatorReady();
  if (withWorker) {
    try {
      // On the estimator page, the page itself has the runtime cached once it is ready.
      state.saved = await save({ lite: !!saving, runtime: !saving && !estimatorPage });
    } catch {
      state.saved = { ok: false };
    }
  }
  if (saving || estimatorPage) {
    state.warm = "skipped";
    return;
  }
  state.warm = "running";
  const wait = WARM_UP_AFTER_MS - performance.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  state.warm = await warm();
}

/** The fallback page: marks the links whose page this phone has not saved. */
async function markUnsaved() {
  const list = document.querySelector("ul.offline-stored");
  if (!list || !window.caches) return;
  for (const link of list.querySelectorAll("a[href]")) {
    const url = new URL(link.getAttribute("href"), location.href).href;
    const hit = await caches.match(url, { ignoreSearch: true, ignoreVary: true });
    if (hit || link.parentNode.querySelector(".offline-missing")) continue;
    const mark = document.createElement("span");
    mark.className = "offline-missing";
    mark.textContent = list.dataset.missing || "";
    link.after(" ", mark);
  }
  list.dataset.checked = "true";
}

whenIdle(() => {
  markUnsaved().catch(() => {});
  prepare().catch(() => {
    state.warm = "failed";
  });
});
