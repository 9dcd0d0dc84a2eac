import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url); globalThis.__egressAuditBundleDir ??= decodeURIComponent(new URL(import.meta.url.includes('/chunks/') ? '..' : '.', import.meta.url).pathname);

// src/json/locate/scan.ts
function addWant(root, path2, property) {
  let level = [root];
  const step = (seg, optional) => {
    const next = [];
    for (const w of level) {
      const k = typeof seg === "number" ? seg : seg.toLowerCase();
      let child = w.get(k);
      if (!child) w.set(k, child = /* @__PURE__ */ new Map());
      next.push(child);
      if (optional) next.push(w);
    }
    level = next;
  };
  for (const seg of path2) step(seg, false);
  for (const seg of property) step(seg, seg === "properties");
}
function resolve(root, path2, property) {
  let node = root;
  for (const seg of path2) {
    node = typeof seg === "number" ? node.items.get(seg) : node.members.find((m) => m.key === seg)?.node;
    if (!node) return null;
  }
  for (const seg of property) {
    const lower = seg.toLowerCase();
    const next = node.members.find((m) => m.key.toLowerCase() === lower)?.node;
    if (next) node = next;
    else if (seg !== "properties") break;
  }
  return { ...node.property ?? node.span };
}
function rowLists(text, byteShift = 0) {
  try {
    const lists = new Scanner(text).rows();
    if (byteShift) for (const l of lists) for (let i = 0; i < l.bytes.length; i++) l.bytes[i] = (l.bytes[i] ?? 0) + byteShift;
    return lists;
  } catch {
    return null;
  }
}
function rowListBuffers(lists) {
  return (lists ?? []).flatMap((l) => [l.offsets.buffer, l.lines.buffer, l.lineStarts.buffer, l.bytes.buffer]);
}
var QUOTE = 34;
var BACKSLASH = 92;
var LF = 10;
var CR = 13;
var Scanner = class {
  text;
  i = 0;
  line = 1;
  lineStart = 0;
  constructor(text) {
    this.text = text;
    if (text.charCodeAt(0) === 65279) this.i = this.lineStart = 1;
  }
  parse(want) {
    this.ws();
    return this.value(want);
  }
  /** The value starting at `offset`, with the line state a row index recorded for it. */
  parseAt(offset, line, lineStart, want) {
    this.i = offset;
    this.line = line;
    this.lineStart = lineStart;
    return this.value(want);
  }
  /** The start of every element of the top-level lists (the first member of a name only, as lookups find it). */
  rows() {
    const t = this.text;
    this.ws();
    const c = t.charCodeAt(this.i);
    if (c === 91) return [this.list(null)];
    if (c !== 123) return [];
    const out = [];
    const seen = /* @__PURE__ */ new Set();
    this.i++;
    this.ws();
    if (t.charCodeAt(this.i) === 125) return out;
    for (; ; ) {
      this.ws();
      const key = this.key();
      if (t.charCodeAt(this.i) === 91 && !seen.has(key)) out.push(this.list(key));
      else this.skip();
      seen.add(key);
      this.ws();
      const d = t.charCodeAt(this.i++);
      if (d === 125) return out;
      if (d !== 44) throw new Error(`expected ',' or '}' at ${this.i - 1}`);
    }
  }
  list(key) {
    const t = this.text;
    const offsets = [];
    const lines = [];
    const lineStarts = [];
    this.i++;
    this.ws();
    if (t.charCodeAt(this.i) === 93) this.i++;
    else {
      for (; ; ) {
        this.ws();
        offsets.push(this.i);
        lines.push(this.line);
        lineStarts.push(this.lineStart);
        this.skip();
        this.ws();
        const c = t.charCodeAt(this.i++);
        if (c === 93) break;
        if (c !== 44) throw new Error(`expected ',' or ']' at ${this.i - 1}`);
      }
    }
    const bytes = new Int32Array(offsets.length);
    let at = 0;
    let from = 0;
    offsets.forEach((o, i) => {
      at += Buffer.byteLength(t.slice(from, o));
      from = o;
      bytes[i] = at;
    });
    return { key, offsets: Int32Array.from(offsets), lines: Int32Array.from(lines), lineStarts: Int32Array.from(lineStarts), bytes };
  }
  /** A member name and its colon; leaves the position at the value. */
  key() {
    const t = this.text;
    const start = this.i;
    this.string();
    const raw = t.slice(start + 1, this.i - 1);
    const key = raw.includes("\\") ? JSON.parse(t.slice(start, this.i)) : raw;
    this.ws();
    if (t.charCodeAt(this.i) !== 58) throw new Error(`expected ':' at ${this.i}`);
    this.i++;
    this.ws();
    return key;
  }
  value(want) {
    const t = this.text;
    const line = this.line;
    const column = this.i - this.lineStart + 1;
    const node = { span: { line, column, endLine: line, endColumn: column }, property: null, members: [], items: /* @__PURE__ */ new Map() };
    const c = t.charCodeAt(this.i);
    if (want.size && c === 123) this.object(node, want);
    else if (want.size && c === 91) this.array(node, want);
    else this.skip();
    node.span.endLine = this.line;
    node.span.endColumn = this.i - this.lineStart + 1;
    return node;
  }
  object(node, want) {
    const t = this.text;
    this.i++;
    this.ws();
    if (t.charCodeAt(this.i) === 125) {
      this.i++;
      return;
    }
    for (; ; ) {
      this.ws();
      const keyLine = this.line;
      const keyColumn = this.i - this.lineStart + 1;
      const key = this.key();
      const sub = want.get(key.toLowerCase());
      if (sub) {
        const child = this.value(sub);
        child.property = { line: keyLine, column: keyColumn, endLine: child.span.endLine, endColumn: child.span.endColumn };
        node.members.push({ key, node: child });
      } else {
        this.skip();
      }
      this.ws();
      const c = t.charCodeAt(this.i++);
      if (c === 125) return;
      if (c !== 44) throw new Error(`expected ',' or '}' at ${this.i - 1}`);
    }
  }
  array(node, want) {
    const t = this.text;
    this.i++;
    this.ws();
    if (t.charCodeAt(this.i) === 93) {
      this.i++;
      return;
    }
    for (let index = 0; ; index++) {
      this.ws();
      const sub = want.get(index);
      if (sub) node.items.set(index, this.value(sub));
      else this.skip();
      this.ws();
      const c = t.charCodeAt(this.i++);
      if (c === 93) return;
      if (c !== 44) throw new Error(`expected ',' or ']' at ${this.i - 1}`);
    }
  }
  /** Past one value of any kind. */
  skip() {
    const t = this.text;
    const c = t.charCodeAt(this.i);
    if (c === QUOTE) return this.string();
    if (c !== 123 && c !== 91) {
      while (this.i < t.length) {
        const d = t.charCodeAt(this.i);
        if (d === 44 || d === 125 || d === 93 || d === 32 || d === LF || d === CR || d === 9) break;
        this.i++;
      }
      return;
    }
    let depth = 0;
    let i = this.i;
    for (; ; ) {
      const d = t.charCodeAt(i);
      if (d === QUOTE) {
        this.i = i;
        this.string();
        i = this.i;
        continue;
      }
      if (d === 123 || d === 91) depth++;
      else if (d === 125 || d === 93) {
        if (--depth === 0) {
          this.i = i + 1;
          return;
        }
      } else if (d === LF || d === CR && t.charCodeAt(i + 1) !== LF) {
        this.line++;
        this.lineStart = i + 1;
      } else if (Number.isNaN(d)) {
        throw new Error("unexpected end of file");
      }
      i++;
    }
  }
  /** Past a string starting at the current quote. */
  string() {
    const t = this.text;
    let from = this.i + 1;
    for (; ; ) {
      const q = t.indexOf('"', from);
      if (q < 0) throw new Error("unterminated string");
      let backslashes = 0;
      while (t.charCodeAt(q - 1 - backslashes) === BACKSLASH) backslashes++;
      if (backslashes % 2 === 0) {
        this.i = q + 1;
        return;
      }
      from = q + 1;
    }
  }
  ws() {
    const t = this.text;
    for (; ; ) {
      const c = t.charCodeAt(this.i);
      if (c === 32 || c === 9) this.i++;
      else if (c === LF || c === CR) {
        if (c === LF || t.charCodeAt(this.i + 1) !== LF) {
          this.line++;
          this.lineStart = this.i + 1;
        }
        this.i++;
      } else return;
    }
  }
};

// src/threads.ts
import path from "node:path";
import { pathToFileURL } from "node:url";
function workerModule(base, name, bundled) {
  const bundle = globalThis.__egressAuditBundleDir;
  if (bundle) return pathToFileURL(path.join(bundle, bundled));
  return new URL(`./${name}${base.endsWith(".ts") ? ".ts" : ".js"}`, base);
}

export {
  addWant,
  resolve,
  rowLists,
  rowListBuffers,
  Scanner,
  workerModule
};
