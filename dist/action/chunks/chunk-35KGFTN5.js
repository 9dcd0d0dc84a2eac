import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url); globalThis.__egressAuditBundleDir ??= decodeURIComponent(new URL(import.meta.url.includes('/chunks/') ? '..' : '.', import.meta.url).pathname);
import {
  rowLists,
  workerModule
} from "./chunk-VQ5Y3BWF.js";
import {
  ErrorLog,
  InventoryBuilder,
  asManifest,
  isObject,
  lineColumn,
  readDocument,
  setDigestCheck,
  topLevelKeyOffset
} from "./chunk-SGRUBW3Z.js";
import {
  InputError
} from "./chunk-LNKZU66S.js";

// src/inventory/sources/files/parallel.ts
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";

// src/inventory/normalize/record.ts
var RecordingLog = class extends ErrorLog {
  ops;
  constructor(ops) {
    super();
    this.ops = ops;
  }
  add(error) {
    this.ops.push({ op: "error", error });
  }
  skip(n) {
    this.ops.push({ op: "skip", n });
  }
  unknownValue(warning) {
    this.ops.push({ op: "unknown", warning });
  }
};
var RecordingBuilder = class extends InventoryBuilder {
  ops;
  constructor(ops = []) {
    super(new RecordingLog(ops));
    this.ops = ops;
  }
  /** The changes recorded since the last call. */
  take() {
    return this.ops.splice(0);
  }
  storeAs(target, id, entity) {
    this.ops.push({ op: "store", target, id, entity });
  }
  tally(what, name) {
    this.ops.push({ op: "tally", what, name });
  }
  refuse(key, why) {
    this.ops.push({ op: "refuse", key, why });
  }
};

// src/inventory/sources/terraform/plan.ts
function isTerraformJson(value) {
  if (!isObject(value) || typeof value["format_version"] !== "string") return false;
  return isObject(value["planned_values"]) || Array.isArray(value["resource_changes"]) || isObject(value["values"]);
}
function readTerraform(value) {
  const changes = /* @__PURE__ */ new Map();
  if (Array.isArray(value["resource_changes"])) {
    for (const rc of value["resource_changes"]) {
      if (isObject(rc) && typeof rc["address"] === "string" && isObject(rc["change"])) changes.set(rc["address"], rc["change"]);
    }
  }
  const planned = isObject(value["planned_values"]) ? value["planned_values"] : null;
  if (planned || changes.size) {
    const prior = isObject(value["prior_state"]) && isObject(value["prior_state"]["values"]) ? value["prior_state"]["values"] : null;
    return {
      kind: "plan",
      resources: walk(planned, ["planned_values"], changes),
      configuration: isObject(value["configuration"]) ? value["configuration"] : null,
      prior: prior ? walk(prior, ["prior_state", "values"], /* @__PURE__ */ new Map()) : null
    };
  }
  return { kind: "state", resources: walk(value["values"], ["values"], /* @__PURE__ */ new Map()), configuration: null, prior: null };
}
function walk(values, at, changes) {
  const out = [];
  const visit = (mod, path2, moduleAddress) => {
    if (!isObject(mod)) return;
    const resources = mod["resources"];
    if (Array.isArray(resources)) {
      resources.forEach((r, i) => {
        if (!isObject(r) || typeof r["address"] !== "string" || typeof r["type"] !== "string") return;
        const change = changes.get(r["address"]);
        const actions = change && Array.isArray(change["actions"]) ? change["actions"].filter((a) => typeof a === "string") : [];
        if (actions.length === 1 && actions[0] === "delete") return;
        const sensitive = change?.["after_sensitive"] ?? r["sensitive_values"];
        out.push({
          address: r["address"],
          module: moduleAddress,
          mode: r["mode"] === "data" ? "data" : "managed",
          type: r["type"],
          name: typeof r["name"] === "string" ? r["name"] : "",
          index: typeof r["index"] === "string" || typeof r["index"] === "number" ? r["index"] : null,
          values: isObject(r["values"]) ? withoutSensitive(r["values"], sensitive) : {},
          unknown: change?.["after_unknown"] ?? false,
          sensitive: sensitive ?? false,
          actions,
          path: [...path2, "resources", i]
        });
      });
    }
    const children = mod["child_modules"];
    if (Array.isArray(children)) {
      children.forEach((c, i) => {
        if (isObject(c) && typeof c["address"] === "string") visit(c, [...path2, "child_modules", i], c["address"]);
      });
    }
  };
  visit(values?.["root_module"], [...at, "root_module"], "");
  return out;
}
function withoutSensitive(value, sensitive) {
  if (sensitive === true) return void 0;
  if (Array.isArray(value)) {
    return value.map((v, i) => withoutSensitive(v, Array.isArray(sensitive) ? sensitive[i] : void 0)).filter((v) => v !== void 0);
  }
  if (isObject(value)) {
    const out = {};
    for (const [k, v] of Object.entries(value)) {
      const kept = withoutSensitive(v, isObject(sensitive) ? sensitive[k] : void 0);
      if (kept !== void 0) Object.defineProperty(out, k, { value: kept, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}
function isUnknown(res, path2) {
  return marked(res.unknown, path2);
}
function isSensitive(res, path2) {
  return marked(res.sensitive, path2);
}
function marked(tree, path2) {
  let node = tree;
  for (const seg of path2) {
    if (node === true) return true;
    if (Array.isArray(node) && typeof seg === "number") node = node[seg];
    else if (isObject(node) && typeof seg === "string") node = node[seg];
    else return false;
  }
  return node === true;
}
function parseSteps(text) {
  const steps = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === ".") i++;
    if (text[i] === "[") {
      const end = text.indexOf("]", i);
      if (end < 0) return null;
      const inner = text.slice(i + 1, end);
      if (inner.startsWith('"')) {
        const m2 = /^"(?:[^"\\]|\\.)*"/.exec(text.slice(i + 1));
        if (!m2) return null;
        steps.push({ key: JSON.parse(m2[0]) });
        i = i + 1 + m2[0].length + 1;
      } else if (/^\d+$/.test(inner)) {
        steps.push({ key: Number(inner) });
        i = end + 1;
      } else return null;
      continue;
    }
    const m = /^[A-Za-z_][\w-]*/.exec(text.slice(i));
    if (!m) return null;
    steps.push({ name: m[0] });
    i += m[0].length;
  }
  return steps;
}
function callPath(moduleAddress) {
  const steps = parseSteps(moduleAddress) ?? [];
  const out = [];
  steps.forEach((s, i) => {
    if ("name" in s && i > 0 && "name" in steps[i - 1] && steps[i - 1].name === "module") out.push(s.name);
  });
  return out;
}

// src/tool.ts
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
var PACKAGE_ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));
function findRoot(from) {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "package.json")) && existsSync(path.join(dir, "policies"))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`egress-audit: no package root above ${from}`);
  }
}
var pkg = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, "package.json"), "utf8"));
var TOOL = { name: pkg.name, version: pkg.version, informationUri: pkg.homepage ?? "https://github.com/egress-audit/egress-audit" };

// src/inventory/sources/files/own-report.ts
function isOwnReport(v) {
  if (!isObject(v) || v["version"] !== 1 || !Array.isArray(v["findings"]) || !isObject(v["scan"])) return false;
  const tool = v["tool"];
  return isObject(tool) && tool["name"] === TOOL.name;
}

// src/inventory/sources/files/shapes.ts
var PAGING_KEYS = ["$skipToken", "skipToken", "skip_token", "nextLink", "@odata.nextLink"];
var TOTAL_KEYS = ["totalRecords", "total_records"];
var EXPECTED = 'expected an array of resources, { "data": [...] }, { "value": [...] } or one resource object';
function extractRows(doc) {
  const { value, file } = doc;
  const rows = (arr, prefix) => arr.map((v, i) => ({ value: v, source: { file, path: [...prefix, i] } }));
  const at = (key) => {
    const offset = key === void 0 ? null : topLevelKeyOffset(doc.text, key);
    const { line, column } = lineColumn(doc.text, offset ?? firstToken(doc.text));
    return `${file}:${line}:${column}`;
  };
  if (Array.isArray(value)) return rows(value, []);
  if (!isObject(value)) throw new InputError(`${at()}: the top level is ${kindOf(value)}; ${EXPECTED}`);
  for (const listKey of ["data", "value"]) {
    if (!Object.hasOwn(value, listKey)) continue;
    const list = value[listKey];
    const unfinished = incomplete(value, Array.isArray(list) ? list.length : null);
    if (unfinished) throw new InputError(`${at(unfinished.key)}: ${unfinished.why}: the export is incomplete; fetch every page (or use \`egress-audit export\`)`);
    if (Array.isArray(list)) return rows(list, [listKey]);
    if (listKey === "data" && isObject(list) && Array.isArray(list["rows"])) {
      throw new InputError(`${at(listKey)}: "data" is in ARG's table result format; export with resultFormat objectArray`);
    }
    throw new InputError(`${at(listKey)}: "${listKey}" is ${kindOf(list)}; expected an array of resources`);
  }
  if (typeof value["id"] === "string" && (typeof value["type"] === "string" || typeof value["name"] === "string")) {
    return [{ value, source: { file, path: [] } }];
  }
  throw new InputError(`${at()}: the top level object is not a resource (no "id" and "type") nor a list ("data" or "value"); ${EXPECTED}`);
}
function incomplete(page, rowCount) {
  for (const k of PAGING_KEYS) {
    const token = page[k];
    if (Object.hasOwn(page, k) && token !== null && token !== "") return { key: k, why: `the page still carries "${k}"` };
  }
  const truncated = page["resultTruncated"];
  if (truncated === true || typeof truncated === "string" && truncated.toLowerCase() === "true") {
    return { key: "resultTruncated", why: 'Resource Graph truncated the result ("resultTruncated": true)' };
  }
  for (const k of TOTAL_KEYS) {
    const total = page[k];
    if (rowCount !== null && typeof total === "number" && total > rowCount) {
      return { key: k, why: `the page holds ${rowCount} of ${total} rows ("${k}")` };
    }
  }
  return null;
}
function kindOf(v) {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  if (typeof v === "object") return "an object";
  return `a ${typeof v}`;
}
function firstToken(text) {
  const m = /[^ \t\r\n]/.exec(text);
  return m ? m.index : 0;
}

// src/inventory/sources/files/parallel.ts
function loadMode(bytes, minBytes) {
  const forced = process.env["EGRESS_LOAD"];
  if (forced === "sequential" || forced === "parallel") return forced;
  return bytes >= minBytes ? "parallel" : "sequential";
}
function loadWorkers() {
  return Math.max(1, Math.min(4, availableParallelism()));
}
async function readRecorded(i, f, index, sha) {
  try {
    const doc = await readDocument(f, sha ? setDigestCheck(f, sha) : void 0);
    if (asManifest(doc.value) || isTerraformJson(doc.value) || isOwnReport(doc.value)) return { i, kind: "main" };
    const builder = new RecordingBuilder();
    for (const row of extractRows(doc)) builder.add(row);
    const ops = builder.take();
    return { i, kind: "rows", file: doc.file, absPath: doc.absPath, ops, lists: index ? rowLists(doc.text, doc.bom ? 3 : 0) : void 0 };
  } catch (err) {
    if (err instanceof InputError) return { i, kind: "input-error", message: err.message };
    return { i, kind: "main" };
  }
}
var ReadAhead = class {
  workers;
  counter = new Int32Array(new SharedArrayBuffer(4));
  total;
  results = /* @__PURE__ */ new Map();
  waiting = /* @__PURE__ */ new Map();
  broken = false;
  /** `digests`: by file, the SHA-256 its folder's set manifest lists (checked as the file is read), or null. */
  constructor(files, index, threads = 1, digests = []) {
    this.total = files.length;
    this.workers = Array.from({ length: threads }, () => new Worker(workerModule(import.meta.url, "worker", "worker.js"), { workerData: { files, index, digests, counter: this.counter.buffer } }));
    for (const worker of this.workers) {
      worker.on("message", (r) => {
        const resolve = this.waiting.get(r.i);
        if (resolve) {
          this.waiting.delete(r.i);
          resolve(r);
        } else this.results.set(r.i, r);
      });
      worker.on("error", () => this.break());
      worker.on("exit", (code) => code !== 0 && this.break());
    }
  }
  break() {
    if (this.broken) return;
    this.broken = true;
    this.close();
    for (const resolve of this.waiting.values()) resolve(null);
    this.waiting.clear();
  }
  /** The next file nobody has claimed, for the main thread; `total` when none is left. */
  claim() {
    return Math.min(Atomics.add(this.counter, 0, 1), this.total);
  }
  /** The worker's result for file i if it has arrived. */
  ready(i) {
    const have = this.results.get(i);
    if (have) this.results.delete(i);
    return have;
  }
  /** The worker's result for file i (a file it claimed), or null when the main thread must read it. */
  take(i) {
    const have = this.ready(i);
    if (have) return Promise.resolve(have);
    if (this.broken) return Promise.resolve(null);
    return new Promise((resolve) => this.waiting.set(i, resolve));
  }
  close() {
    for (const worker of this.workers) void worker.terminate();
  }
};

export {
  PACKAGE_ROOT,
  TOOL,
  isOwnReport,
  extractRows,
  isTerraformJson,
  readTerraform,
  isUnknown,
  isSensitive,
  parseSteps,
  callPath,
  loadMode,
  loadWorkers,
  readRecorded,
  ReadAhead
};
