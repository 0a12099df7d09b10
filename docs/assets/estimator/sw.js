/* Service worker of the guide: lets a second visit load and compute offline.
 *
 * - After a first visit, the page asks (docs/assets/site/offline.js, "store-offline") for
 *   its language to be saved: every page of that language and the files they load, from
 *   the language's manifest (OFFLINE line; site_build/offline.py), in a cache named
 *   after the manifest's version, and the estimator's runtime. A new site version (a new
 *   sw.js) refreshes, when it installs, each language saved before: unchanged files are
 *   copied from the previous version's cache, changed ones fetched, and the previous
 *   cache is deleted when the new worker activates (its copy complete).
 * - Offline, a page that is not saved leads to the language's fallback page ("this page
 *   is not saved", with links to what is), in the page's language when that is saved,
 *   else in a language that is.
 * - The versioned runtime (pyodide/<version>/..., pyodide/app/estimator-<hash>.zip: every
 *   name changes with its content) is served cache-first from a cache named after the
 *   Pyodide version; entries of earlier builds are pruned when a new worker activates.
 * - Everything else of this origin (pages, styles, scripts, catalogs) is network-first,
 *   cached on first use, and served from the cache when the network is unavailable.
 * - Requests to other origins are not touched (the site makes none).
 *
 * site_build/runtime.py writes the RUNTIME line below when it installs the runtime.
 */
const RUNTIME = null; // @@RUNTIME@@
const OFFLINE = null; // @@OFFLINE@@

const VERSION = RUNTIME ? RUNTIME.pyodideVersion : "dev";
const RUNTIME_CACHE = `medins-runtime-${VERSION}`;
const PAGES_CACHE = "medins-pages-v1";
const SCOPE = new URL(self.registration.scope);
const RUNTIME_URLS = new Set(
  (RUNTIME ? RUNTIME.runtime : []).map((path) => new URL(path, SCOPE).href),
);

const LANGUAGES = OFFLINE ? OFFLINE.languages : {};
const LANGUAGE_ORDER = OFFLINE ? OFFLINE.order : [];
const OFFLINE_PREFIX = "medins-offline-";
// Stored last in a language's cache: the revision of every entry; marks it complete.
const COMPLETE_KEY = new URL("__offline__/complete", SCOPE).href;

self.addEventListener("install", (event) => {
  self.skipWaiting();
  event.waitUntil(refreshSaved().catch(() => {}));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("medins-runtime-") && name !== RUNTIME_CACHE) {
          await caches.delete(name);
        }
      }
      if (RUNTIME) {
        const cache = await caches.open(RUNTIME_CACHE);
        for (const request of await cache.keys()) {
          if (!RUNTIME_URLS.has(request.url)) await cache.delete(request);
        }
      }
      for (const lang of Object.keys(LANGUAGES)) await dropOlderVersions(lang);
      await self.clients.claim();
    })(),
  );
});

/* ------------------------------------------------------------ offline reading --- */

function offlineCacheName(lang) {
  return `${OFFLINE_PREFIX}${lang}-${LANGUAGES[lang].version}`;
}

/** The site language a URL belongs to: the longest matching prefix ("" for the default). */
function languageOf(url) {
  const path = url.href.startsWith(SCOPE.href) ? url.href.slice(SCOPE.href.length) : "";
  let best = null;
  for (const [code, info] of Object.entries(LANGUAGES)) {
    if (!path.startsWith(info.prefix)) continue;
    if (best === null || info.prefix.length > LANGUAGES[best].prefix.length) best = code;
  }
  return best;
}

function dataSaving() {
  const connection = self.navigator && navigator.connection;
  return !!(connection && (connection.saveData || /(^|-)2g$/.test(connection.effectiveType || "")));
}

async function inParallel(items, limit, work) {
  const queue = [...items];
  const lanes = Array.from({ length: Math.min(limit, queue.length) }, async () => {
    while (queue.length) await work(queue.shift());
  });
  await Promise.all(lanes);
}

/** When the browser asks to save data: the language's fallback page only, and the page
 * visited with the files it loaded (already downloaded: the requests revalidate them). */
async function saveFallback(lang, visited = []) {
  const cache = await caches.open(offlineCacheName(lang));
  const url = new URL(LANGUAGES[lang].fallback, SCOPE).href;
  if (!(await cache.match(url))) await cache.add(url);
  const pages = await caches.open(PAGES_CACHE);
  for (const one of visited) {
    const target = new URL(one, SCOPE);
    if (target.origin !== SCOPE.origin || RUNTIME_URLS.has(target.href)) continue;
    if (!(await pages.match(target.href))) await pages.add(target.href).catch(() => {});
  }
}

const saving = new Map(); // lang → the promise of its saving, while it runs

/** Saves every page of the language and the files they load (see the manifest). */
function saveLanguage(lang) {
  if (!saving.has(lang)) {
    saving.set(lang, saveLanguageNow(lang).finally(() => saving.delete(lang)));
  }
  return saving.get(lang);
}

async function saveLanguageNow(lang) {
  const name = offlineCacheName(lang);
  const others = async () => (await caches.keys())
    .filter((n) => n.startsWith(`${OFFLINE_PREFIX}${lang}-`) && n !== name);
  if ((await caches.has(name)) && (await (await caches.open(name)).match(COMPLETE_KEY))) {
    return;
  }
  // The manifest first, and only then the cache: a service worker of an earlier version,
  // still answering while a new one installs, finds its manifest gone and creates nothing.
  const response = await fetch(new URL(LANGUAGES[lang].manifest, SCOPE));
  if (!response.ok) throw new Error(`offline manifest: HTTP ${response.status}`);
  const manifest = await response.json();
  const cache = await caches.open(name);
  // What earlier versions saved, by revision: unchanged files are copied, not fetched.
  const older = await others();
  const known = new Map();
  for (const other of older) {
    const previous = await caches.open(other);
    const record = await previous.match(COMPLETE_KEY);
    if (!record) continue;
    for (const [url, rev] of Object.entries(await record.json())) {
      known.set(url, { cache: previous, rev });
    }
  }
  const revisions = {};
  const missing = [];
  for (const entry of manifest.entries) {
    const url = new URL(entry.url, SCOPE).href;
    revisions[url] = entry.rev;
    if (await cache.match(url)) continue;
    const old = known.get(url);
    const hit = old && old.rev === entry.rev ? await old.cache.match(url) : null;
    if (hit) await cache.put(url, hit);
    else missing.push(url);
  }
  await inParallel(missing, 4, async (url) => {
    const answer = await fetch(url);
    if (!answer.ok) throw new Error(`${url}: HTTP ${answer.status}`);
    await cache.put(url, answer);
  });
  await cache.put(COMPLETE_KEY, new Response(JSON.stringify(revisions), {
    headers: { "Content-Type": "application/json" },
  }));
  // Only the newest service worker drops the others: while a new one installs, this
  // one cannot tell its copy from a newer one (the new one drops it when it activates).
  if (!self.registration.installing && !self.registration.waiting) {
    await dropOlderVersions(lang);
  }
}

/** Deletes a language's copies of other versions, once this version's is complete. */
async function dropOlderVersions(lang) {
  const current = offlineCacheName(lang);
  if (!(await caches.has(current))) return;
  if (!(await (await caches.open(current)).match(COMPLETE_KEY))) return;
  for (const name of await caches.keys()) {
    if (name.startsWith(`${OFFLINE_PREFIX}${lang}-`) && name !== current) {
      await caches.delete(name);
    }
  }
}

/** Puts the runtime's files in the runtime cache (one at a time: they are large). */
async function saveRuntime() {
  const runtime = await caches.open(RUNTIME_CACHE);
  for (const url of RUNTIME_URLS) {
    if (!(await runtime.match(url))) await runtime.add(url);
  }
}

/** A new version installs: each language saved before is saved again (what changed). */
async function refreshSaved() {
  const names = await caches.keys();
  const hadRuntime = names.some((n) => n.startsWith("medins-runtime-"));
  for (const lang of Object.keys(LANGUAGES)) {
    const saved = names.filter((n) => n.startsWith(`${OFFLINE_PREFIX}${lang}-`));
    if (!saved.length) continue;
    let complete = false;
    for (const n of saved) {
      if (await (await caches.open(n)).match(COMPLETE_KEY)) complete = true;
    }
    await (complete && !dataSaving() ? saveLanguage(lang) : saveFallback(lang)).catch(() => {});
  }
  if (hadRuntime && !dataSaving()) await saveRuntime().catch(() => {});
}

/** Offline, for a navigation nothing matched: a redirect to the fallback page of the
 * page's language (or of another saved one), so that its links and files resolve. */
async function fallbackFor(url) {
  const first = languageOf(url);
  const order = [first, ...LANGUAGE_ORDER.filter((code) => code !== first)];
  for (const lang of order) {
    if (!lang) continue;
    const target = new URL(LANGUAGES[lang].fallback, SCOPE).href;
    if (target === url.href) continue;
    if (await caches.match(target, { ignoreVary: true })) return Response.redirect(target, 302);
  }
  return null;
}

function isRuntime(url) {
  return RUNTIME_URLS.has(url.href);
}

async function cacheFirst(event) {
  const request = event.request;
  const cache = await caches.open(RUNTIME_CACHE);
  const hit = await cache.match(request, { ignoreVary: true });
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok && response.status === 200) {
    // Stored in the background: the page gets the body as it streams in.
    event.waitUntil(cache.put(request, response.clone()).catch(() => {}));
  }
  return response;
}

async function networkFirst(event) {
  const request = event.request;
  const cache = await caches.open(PAGES_CACHE);
  try {
    const response = await fetch(request);
    if (response.ok && response.status === 200 && response.type === "basic") {
      event.waitUntil(cache.put(request, response.clone()).catch(() => {}));
    }
    return response;
  } catch (error) {
    const hit =
      (await cache.match(request, { ignoreVary: true })) ||
      (await cache.match(request, { ignoreSearch: true, ignoreVary: true })) ||
      (await caches.match(request, { ignoreSearch: true, ignoreVary: true }));
    if (hit) return hit;
    if (request.mode === "navigate") {
      const fallback = await fallbackFor(new URL(request.url));
      if (fallback) return fallback;
    }
    throw error;
  }
}

/* A guide page asks, once it has loaded and the browser is idle, for its language to be
 * saved (lite, when the browser asks to save data: only the fallback page and what the
 * page loaded, listed in urls; runtime: the estimator's runtime too). The answer says
 * what was saved. */
self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type !== "store-offline") return;
  const lang = languageOf(new URL(data.page || SCOPE.href));
  event.waitUntil((async () => {
    let ok = true;
    try {
      if (!lang) throw new Error("no language for this page");
      await (data.lite ? saveFallback(lang, data.urls || []) : saveLanguage(lang));
      if (data.runtime && !data.lite) await saveRuntime();
    } catch {
      ok = false; // offline or storage full: the next visit tries again
    }
    if (event.source) {
      event.source.postMessage({ type: "offline-stored", lang, ok, lite: !!data.lite,
        runtime: !!data.runtime && !data.lite });
    }
  })());
});

/* The page asks, once the estimator is ready, for what it loaded before this worker
 * controlled it: the runtime (by then in the HTTP cache, so nothing is downloaded twice)
 * and its own page and assets. */
self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type !== "cache-first-visit") return;
  event.waitUntil((async () => {
    const runtime = await caches.open(RUNTIME_CACHE);
    for (const url of RUNTIME_URLS) {
      if (!(await runtime.match(url))) await runtime.add(url).catch(() => {});
    }
    const pages = await caches.open(PAGES_CACHE);
    for (const url of data.urls || []) {
      const target = new URL(url, SCOPE);
      if (target.origin !== SCOPE.origin || RUNTIME_URLS.has(target.href)) continue;
      if (!(await pages.match(target.href))) await pages.add(target.href).catch(() => {});
    }
    if (event.source) event.source.postMessage({ type: "first-visit-cached" });
  })());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== SCOPE.origin) return;
  if (request.headers.has("range")) return;
  event.respondWith(isRuntime(url) ? cacheFirst(event) : networkFirst(event));
});
