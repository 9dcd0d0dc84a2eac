/** The paths to build nodes for: lower-cased keys and array indices; an empty map ends a path. */
export type Want = Map<string | number, Want>;

export function addWant(root: Want, path: readonly (string | number)[], property: readonly string[]): void {
  let level = [root];
  const step = (seg: string | number, optional: boolean): void => {
    const next: Want[] = [];
    for (const w of level) {
      const k = typeof seg === 'number' ? seg : seg.toLowerCase();
      let child = w.get(k);
      if (!child) w.set(k, (child = new Map()));
      next.push(child);
      // An optional segment may be absent: the rest of the path may also hang directly below.
      if (optional) next.push(w);
    }
    level = next;
  };
  for (const seg of path) step(seg, false);
  for (const seg of property) step(seg, seg === 'properties');
}

export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface Sparse {
  span: Span;
  /** The property's span (key through value) when this node is a property value. */
  property: Span | null;
  /** Object members on a requested path, in document order. */
  members: { key: string; node: Sparse }[];
  items: Map<number, Sparse>;
}

/** The span of the deepest existing node along `path` + `property`, as findings name their places. */
export function resolve(root: Sparse, path: readonly (string | number)[], property: readonly string[]): Span | null {
  let node: Sparse | undefined = root;
  for (const seg of path) {
    node = typeof seg === 'number' ? node.items.get(seg) : node.members.find((m) => m.key === seg)?.node;
    if (!node) return null;
  }
  for (const seg of property) {
    const lower = seg.toLowerCase();
    const next: Sparse | undefined = node.members.find((m) => m.key.toLowerCase() === lower)?.node;
    if (next) node = next;
    else if (seg !== 'properties') break;
  }
  return { ...(node.property ?? node.span) };
}

/** Where each element of a top-level list starts: the rows of an array file, or of `{ "data": [...] }`. */
export interface RowList {
  /** The member holding the list, or null for a top-level array. */
  key: string | null;
  /** Character offsets of the rows' starts, and the line and line-start offset there. */
  offsets: Int32Array;
  lines: Int32Array;
  lineStarts: Int32Array;
  /** Byte offsets of the rows' starts in the UTF-8 file, so that one row can be read alone. */
  bytes: Int32Array;
}

/**
 * The row lists of a file's text as read (`text` without its byte-order mark, which took
 * `byteShift` bytes on disk), or null when the text is not one JSON value the scanner can walk.
 * Built by whichever thread read the file, from the text it already holds.
 */
export function rowLists(text: string, byteShift = 0): RowList[] | null {
  try {
    const lists = new Scanner(text).rows();
    if (byteShift) for (const l of lists) for (let i = 0; i < l.bytes.length; i++) l.bytes[i] = (l.bytes[i] ?? 0) + byteShift;
    return lists;
  } catch {
    return null;
  }
}

/** The buffers of row lists, to transfer them between threads without a copy. */
export function rowListBuffers(lists: readonly RowList[] | null): ArrayBuffer[] {
  return (lists ?? []).flatMap((l) => [l.offsets.buffer, l.lines.buffer, l.lineStarts.buffer, l.bytes.buffer] as ArrayBuffer[]);
}

const QUOTE = 34;
const BACKSLASH = 92;
const LF = 10;
const CR = 13;

/**
 * A position-keeping pass over valid JSON (the file parsed with JSON.parse moments before).
 * Values off the requested paths are skipped by bracket depth, strings by `indexOf`, which is
 * what keeps it near memory speed; lines are counted on the way (JSON strings hold no raw breaks).
 */
export class Scanner {
  private readonly text: string;
  private i = 0;
  private line = 1;
  private lineStart = 0;

  constructor(text: string) {
    this.text = text;
    // Columns are counted as editors show them: line 1 starts after a byte-order mark.
    if (text.charCodeAt(0) === 0xfeff) this.i = this.lineStart = 1;
  }

  parse(want: Want): Sparse {
    this.ws();
    return this.value(want);
  }

  /** The value starting at `offset`, with the line state a row index recorded for it. */
  parseAt(offset: number, line: number, lineStart: number, want: Want): Sparse {
    this.i = offset;
    this.line = line;
    this.lineStart = lineStart;
    return this.value(want);
  }

  /** The start of every element of the top-level lists (the first member of a name only, as lookups find it). */
  rows(): RowList[] {
    const t = this.text;
    this.ws();
    const c = t.charCodeAt(this.i);
    if (c === 91) return [this.list(null)];
    if (c !== 123) return [];
    const out: RowList[] = [];
    const seen = new Set<string>();
    this.i++;
    this.ws();
    if (t.charCodeAt(this.i) === 125) return out;
    for (;;) {
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

  private list(key: string | null): RowList {
    const t = this.text;
    const offsets: number[] = [];
    const lines: number[] = [];
    const lineStarts: number[] = [];
    this.i++;
    this.ws();
    if (t.charCodeAt(this.i) === 93) this.i++;
    else {
      for (;;) {
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
    // UTF-8 lengths of the text between row starts (native code; ASCII counts one byte a character).
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
  private key(): string {
    const t = this.text;
    const start = this.i;
    this.string();
    const raw = t.slice(start + 1, this.i - 1);
    const key = raw.includes('\\') ? (JSON.parse(t.slice(start, this.i)) as string) : raw;
    this.ws();
    if (t.charCodeAt(this.i) !== 58) throw new Error(`expected ':' at ${this.i}`);
    this.i++;
    this.ws();
    return key;
  }

  private value(want: Want): Sparse {
    const t = this.text;
    const line = this.line;
    const column = this.i - this.lineStart + 1;
    const node: Sparse = { span: { line, column, endLine: line, endColumn: column }, property: null, members: [], items: new Map() };
    const c = t.charCodeAt(this.i);
    if (want.size && c === 123) this.object(node, want);
    else if (want.size && c === 91) this.array(node, want);
    else this.skip();
    node.span.endLine = this.line;
    node.span.endColumn = this.i - this.lineStart + 1;
    return node;
  }

  private object(node: Sparse, want: Want): void {
    const t = this.text;
    this.i++;
    this.ws();
    if (t.charCodeAt(this.i) === 125) {
      this.i++;
      return;
    }
    for (;;) {
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

  private array(node: Sparse, want: Want): void {
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
  private skip(): void {
    const t = this.text;
    const c = t.charCodeAt(this.i);
    if (c === QUOTE) return this.string();
    if (c !== 123 && c !== 91) {
      // A number or literal: runs to the next delimiter.
      while (this.i < t.length) {
        const d = t.charCodeAt(this.i);
        if (d === 44 || d === 125 || d === 93 || d === 32 || d === LF || d === CR || d === 9) break;
        this.i++;
      }
      return;
    }
    let depth = 0;
    let i = this.i;
    for (;;) {
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
      } else if (d === LF || (d === CR && t.charCodeAt(i + 1) !== LF)) {
        this.line++;
        this.lineStart = i + 1;
      } else if (Number.isNaN(d)) {
        throw new Error('unexpected end of file');
      }
      i++;
    }
  }

  /** Past a string starting at the current quote. */
  private string(): void {
    const t = this.text;
    let from = this.i + 1;
    for (;;) {
      const q = t.indexOf('"', from);
      if (q < 0) throw new Error('unterminated string');
      let backslashes = 0;
      while (t.charCodeAt(q - 1 - backslashes) === BACKSLASH) backslashes++;
      if (backslashes % 2 === 0) {
        this.i = q + 1;
        return;
      }
      from = q + 1;
    }
  }

  private ws(): void {
    const t = this.text;
    for (;;) {
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
}
