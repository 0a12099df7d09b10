/* The estimator's Web Worker: boots the self-hosted Pyodide, unpacks the estimator
 * package and answers requests from the form. Everything stays in this browser.
 *
 * Messages in:  {id, op: "describe_form"} | {id, op: "estimate", case, lang?}
 *               | {id, op: "estimate_many", cases, lang?}
 *               lang: "zh" | "ug" | "en" for the one-language result the page asks
 *               for (each text and citation listed once, about a fifth of the bytes
 *               to transfer; see estimator/schema/result-one-language.schema.json);
 *               absent (or "all") for the three-language form.
 * Messages out: {type: "progress", stage, fraction}
 *               {type: "ready", timings, snapshot: "made" | "used" | "none"}
 *               {type: "failed", stage, message}            (boot failed; nothing works)
 *               {type: "reply", id, ok: true, result}
 *               {type: "reply", id, ok: false, error: {kind, field, message}}
 *
 * On the first visit Python starts from scratch and, right after importing the estimator
 * (before any case is seen, so it holds no personal data), the worker saves a memory
 * snapshot of the interpreter in the browser's Cache Storage; later visits restore it,
 * which skips Python's start-up. site_build/runtime.py writes the RUNTIME line.
 *
 * Started with the name "medins-warm-up" (by a guide page, docs/assets/site/offline.js),
 * it prepares a later visit of the estimator: it says {type: "warm", snapshot: "exists"}
 * and stops at once when this build's snapshot is saved already, else it boots as on a
 * first visit, which saves the snapshot; the page then ends it.
 */
const RUNTIME = null; // @@RUNTIME@@

const SNAPSHOT_CACHE = "medins-snapshot-v1";
const WARM_UP = self.name === "medins-warm-up";
const t0 = performance.now();
const timings = {};
let call = null; // the Python bridge function, once ready
let bootError = null;
let unpack = null; // writes the estimator's files, when still to be done

function mark(name) {
  timings[name] = Math.round(performance.now() - t0);
}

function progress(stage, fraction) {
  self.postMessage({ type: "progress", stage, fraction });
}

const BRIDGE = `
import json as _json
import estimator as _estimator

def _medins_error(exc, kind):
    return {"kind": kind, "field": getattr(exc, "field", None),
            "message": str(exc) or type(exc).__name__}

def _medins_one(case, lang="all"):
    try:
        return {"ok": True, "result": _estimator.render(_estimator.estimate(case), lang)}
    except _estimator.CaseError as exc:
        return {"ok": False, "error": _medins_error(exc, "case")}
    except Exception as exc:  # reported to the page, never swallowed
        return {"ok": False, "error": _medins_error(exc, "internal")}

def _medins_call(request):
    req = _json.loads(request)
    op = req.get("op")
    try:
        if op == "estimate":
            reply = _medins_one(req["case"], req.get("lang") or "all")
        elif op == "describe_form":
            if _medins_form is not None:
                return _medins_form
            describe = getattr(_estimator, "describe_form", None)
            if describe is None:
                reply = {"ok": False, "error": {"kind": "unsupported", "field": None,
                                                "message": "describe_form is not available"}}
            else:
                reply = {"ok": True, "result": describe()}
        else:
            reply = {"ok": False, "error": {"kind": "internal", "field": None,
                                            "message": f"unknown request {op!r}"}}
    except Exception as exc:
        reply = {"ok": False, "error": _medins_error(exc, "internal")}
    return _json.dumps(reply, ensure_ascii=False, separators=(",", ":"))

def _medins_warm_up():
    """Run the code paths once before the memory snapshot (no visitor data exists yet):
    the form description is kept ready, and the first estimate finds everything
    imported and loaded."""
    global _medins_form
    _medins_form = None
    _medins_form = _medins_call('{"op": "describe_form"}')
    try:
        regions = _json.loads(_medins_form)["result"]["regions"]
        for region, schemes in sorted(regions.items()):
            for scheme, info in sorted(schemes.items()):
                for kind, about in info["kinds"].items():
                    if about.get("status") != "ok":
                        continue  # one kind per region and scheme is enough
                    case = {"region": region, "scheme": scheme, "person": {"age": 40},
                            "episodes": [{"kind": kind,
                                          "date": info["documents"][0]["effective"],
                                          "facility": about["facilities"][0],
                                          "disease": (info["diseases"] or [{}])[0].get("id"),
                                          "condition": (info["conditions"] or [None])[0],
                                          "cost": {"total": "1000"}}]}
                    _medins_one(case)
                    break
    except Exception:
        pass

_medins_form = None
_medins_warm_up()
`;

function resolve(path) {
  return new URL(path, import.meta.url).href;
}

async function snapshotKey() {
  return resolve(`__snapshot__/${RUNTIME.buildId}.bin`);
}

const SNAPSHOT_FILE_PREFIX = "medins-snapshot-";

function snapshotFileName() {
  return `${SNAPSHOT_FILE_PREFIX}${RUNTIME.buildId}.bin`;
}

/* The snapshot lives in the origin private file system when the browser has
 * synchronous file handles in workers (reading 31 MB that way takes tens of
 * milliseconds, against hundreds from Cache Storage), else in Cache Storage. */
async function opfsRoot() {
  try {
    if (!self.navigator || !navigator.storage || !navigator.storage.getDirectory) return null;
    const handle = self.FileSystemFileHandle && FileSystemFileHandle.prototype;
    if (!handle || !handle.createSyncAccessHandle || !handle.move) {
      return null;
    }
    return await navigator.storage.getDirectory();
  } catch {
    return null;
  }
}

async function readOpfs(root) {
  let handle = null;
  try {
    const file = await root.getFileHandle(snapshotFileName());
    handle = await file.createSyncAccessHandle();
    const bytes = new Uint8Array(handle.getSize());
    if (bytes.length === 0 || handle.read(bytes, { at: 0 }) !== bytes.length) return null;
    mark("snapshot_read");
    return bytes;
  } catch {
    return null; /* no snapshot yet */
  } finally {
    if (handle) handle.close();
  }
}

/** The saved snapshot's bytes as a promise, or null when there is none. Finding it is
 * quick; reading its ~30 MB from Cache Storage is not, so Python's start-up does not
 * wait for that. */
async function findSnapshot() {
  const root = await opfsRoot();
  if (root) return readOpfs(root);
  if (!self.caches) return null;
  try {
    const cache = await caches.open(SNAPSHOT_CACHE);
    const hit = await cache.match(await snapshotKey());
    if (!hit) return null;
    const bytes = hit.arrayBuffer().then((buffer) => {
      mark("snapshot_read");
      return new Uint8Array(buffer);
    });
    bytes.catch(() => {});
    return bytes;
  } catch {
    return null;
  }
}

/** Whether this build's snapshot is saved (without reading it). */
async function hasSnapshot() {
  const root = await opfsRoot();
  if (root) {
    try {
      await root.getFileHandle(snapshotFileName());
      return true;
    } catch {
      return false;
    }
  }
  if (!self.caches) return false;
  try {
    return !!(await (await caches.open(SNAPSHOT_CACHE)).match(await snapshotKey()));
  } catch {
    return false;
  }
}

function canSaveSnapshot() {
  return !!(self.caches || (self.navigator && navigator.storage && navigator.storage.getDirectory));
}

async function saveSnapshot(bytes) {
  try {
    const root = await opfsRoot();
    if (root) {
      for await (const name of root.keys()) {
        if (name.startsWith(SNAPSHOT_FILE_PREFIX) && name !== snapshotFileName()) {
          await root.removeEntry(name).catch(() => {}); // an older build's, or in use
        }
      }
      // Written under a temporary name and renamed when complete, so a visit never
      // reads half a snapshot (another tab, a full disk).
      const temporary = `${snapshotFileName()}.part`;
      const file = await root.getFileHandle(temporary, { create: true });
      const handle = await file.createSyncAccessHandle();
      try {
        handle.truncate(0);
        if (handle.write(bytes, { at: 0 }) !== bytes.length) throw new Error("short write");
        handle.flush();
      } finally {
        handle.close();
      }
      await file.move(snapshotFileName());
    } else if (self.caches) {
      const cache = await caches.open(SNAPSHOT_CACHE);
      const key = await snapshotKey();
      for (const old of await cache.keys()) {
        if (old.url !== key) await cache.delete(old);
      }
      await cache.put(
        key,
        new Response(bytes, { headers: { "Content-Type": "application/octet-stream" } }),
      );
    } else {
      return;
    }
    self.postMessage({ type: "snapshot-saved", bytes: bytes.length });
  } catch (error) {
    /* storage full or unavailable: the next visit just starts from scratch */
    self.postMessage({ type: "snapshot-failed", message: String(error) });
  }
}

async function dropSnapshot() {
  try {
    const root = await opfsRoot();
    if (root) await root.removeEntry(snapshotFileName());
  } catch {
    /* ignore */
  }
  if (!self.caches) return;
  try {
    const cache = await caches.open(SNAPSHOT_CACHE);
    await cache.delete(await snapshotKey());
  } catch {
    /* ignore */
  }
}

/* The runtime's large files (the WebAssembly, the standard library, the estimator) are
 * read straight from the service worker's runtime cache when they are there: the same
 * bytes, without streaming 12 MB through the service worker, which on a small phone
 * took longer than the rest of the start. Anything else, or a miss, is a normal fetch
 * (through the service worker and the network), so the first visit is unchanged. */
const RUNTIME_CACHE = RUNTIME ? `medins-runtime-${RUNTIME.pyodideVersion}` : null; // as sw.js
const networkFetch = self.fetch.bind(self);

const RUNTIME_FILES = new Set(RUNTIME ? [
  resolve(RUNTIME.indexURL + "pyodide.asm.wasm"),
  resolve(RUNTIME.stdLibURL),
  resolve(RUNTIME.appURL),
] : []);

async function fetchRuntimeFirst(input, init) {
  try {
    const url = new URL(input instanceof Request ? input.url : input, self.location.href);
    if (RUNTIME_CACHE && self.caches && RUNTIME_FILES.has(url.href)) {
      const cache = await caches.open(RUNTIME_CACHE);
      const hit = await cache.match(url.href, { ignoreVary: true });
      if (hit && hit.ok) return hit;
    }
  } catch {
    /* fall back to the network */
  }
  return networkFetch(input, init);
}

async function fetchBytes(url) {
  const response = await fetchRuntimeFirst(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

async function boot() {
  if (!RUNTIME) throw new Error("runtime not installed (site_build.runtime.install_runtime)");
  self.fetch = fetchRuntimeFirst;
  if (WARM_UP && (await hasSnapshot())) {
    self.postMessage({ type: "warm", snapshot: "exists" });
    return;
  }
  progress("download", 0.05);
  const indexURL = resolve(RUNTIME.indexURL);
  const appBytes = fetchBytes(resolve(RUNTIME.appURL));
  appBytes.catch(() => {});
  // The 1.2 MB Emscripten module loads alongside pyodide.mjs, not after it, and Python's
  // start is not held up by it: loadPyodide begins fetching the WebAssembly and the
  // standard library at once and awaits the module only when it instantiates them.
  const asm = import(indexURL + "pyodide.asm.mjs");
  asm.catch(() => {});
  const [{ loadPyodide }, snapshot] = await Promise.all([
    import(indexURL + "pyodide.mjs"),
    findSnapshot(),
  ]);
  mark("script");
  progress("start", snapshot ? 0.5 : 0.25);
  const options = {
    indexURL,
    stdLibURL: resolve(RUNTIME.stdLibURL),
    lockFileContents: RUNTIME.lockFileContents,
    packageBaseUrl: indexURL,
    createPyodideModule: async (settings) => {
      const module = await asm;
      mark("module_script");
      const instance = await module.default(settings);
      mark("module_ready");
      return instance;
    },
    stdout: () => {},
    stderr: () => {},
  };
  let pyodide = null;
  let snapshotState = "none";
  if (snapshot) {
    try {
      pyodide = await loadPyodide({ ...options, _loadSnapshot: snapshot });
      snapshotState = "used";
    } catch {
      await dropSnapshot();
      pyodide = null;
    }
  }
  if (!pyodide) {
    pyodide = await loadPyodide({ ...options, _makeSnapshot: canSaveSnapshot() });
  }
  mark("python");
  progress("estimator", 0.85);
  // The package's files live outside the memory snapshot. A restored interpreter has
  // the estimator imported and its data loaded, so it needs them only if something is
  // read lazily: then they are unpacked on demand (see answer()).
  const bytes = await appBytes;
  unpack = () => {
    unpack = null;
    pyodide.unpackArchive(bytes, "zip", { extractDir: RUNTIME.sitePackages });
  };
  if (snapshotState !== "used") {
    unpack();
    mark("unpacked");
    pyodide.runPython("import estimator");
    mark("imported");
    pyodide.runPython(BRIDGE);
    mark("warmed");
    if (canSaveSnapshot()) {
      try {
        const bytes = pyodide.makeMemorySnapshot();
        mark("snapshot_made");
        snapshotState = "made";
        saveSnapshot(bytes);
      } catch {
        snapshotState = "none";
      }
    }
  }
  mark("estimator");
  call = pyodide.globals.get("_medins_call");
  mark("ready");
  self.postMessage({ type: "ready", timings, snapshot: snapshotState });
}

const booted = boot().catch((error) => {
  bootError = error;
  self.postMessage({
    type: "failed",
    stage: Object.keys(timings).at(-1) || "download",
    message: String(error && error.message ? error.message : error),
  });
});

/** One request to Python; the estimator's files are unpacked first if it needs them. */
function answer(request) {
  try {
    const text = JSON.stringify(request);
    let reply = JSON.parse(call(text));
    const missing = /FileNotFoundError|ModuleNotFoundError|No such file/;
    if (unpack && !reply.ok && missing.test((reply.error && reply.error.message) || "")) {
      unpack();
      reply = JSON.parse(call(text));
    }
    return reply;
  } catch (error) {
    return {
      ok: false,
      error: { kind: "internal", field: null, message: String(error && error.message) },
    };
  }
}

function nextTask() {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

self.addEventListener("message", async (event) => {
  const { id, op } = event.data || {};
  await booted;
  if (!call) {
    self.postMessage({
      type: "reply",
      id,
      ok: false,
      error: { kind: "runtime", field: null, message: String(bootError) },
    });
    return;
  }
  if (op === "estimate_many") {
    // The chart's twenty cases, one task each: an estimate the visitor asks for in the
    // meantime is answered between two of them instead of after all of them.
    const result = [];
    for (const one of event.data.cases || []) {
      await nextTask();
      result.push(answer({ op: "estimate", case: one, lang: event.data.lang }));
    }
    self.postMessage({ type: "reply", id, ok: true, result });
    return;
  }
  self.postMessage({ type: "reply", id, ...answer({ ...event.data, op }) });
});
