/* Service worker of the guide: lets a second visit load and compute offline.
 *
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

const VERSION = RUNTIME ? RUNTIME.pyodideVersion : "dev";
const RUNTIME_CACHE = `medins-runtime-${VERSION}`;
const PAGES_CACHE = "medins-pages-v1";
const SCOPE = new URL(self.registration.scope);
const RUNTIME_URLS = new Set(
  (RUNTIME ? RUNTIME.runtime : []).map((path) => new URL(path, SCOPE).href),
);

self.addEventListener("install", () => {
  self.skipWaiting();
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
      await self.clients.claim();
    })(),
  );
});

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
      (await cache.match(request, { ignoreSearch: true, ignoreVary: true }));
    if (hit) return hit;
    throw error;
  }
}

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
