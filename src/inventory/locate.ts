import { readFileSync } from 'node:fs';
import { createScanner, findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import type { SourceRef } from './model.ts';
import { lineColumn } from './read.ts';

export interface Region {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

type Seg = string | number;

/** One row's place in its file: offsets, and the 1-based line and column where it starts. */
interface Span {
  start: number;
  end: number;
  line: number;
  column: number;
}

interface FileIndex {
  text: string;
  /** Row spans by the path of the array holding the rows ("" for a top-level array, "data", "value"). */
  rows: Map<string, Map<number, Span>>;
  /** Parsed rows, a few at a time: memory stays bounded by the largest row, not the file. */
  trees: Map<number, Node | null>;
}

const TREES_KEPT = 64;

/**
 * Resolves places in input files to lines. Only files that findings point into are read again;
 * one iterative pass finds where each row starts and ends, and only the rows findings point into
 * are parsed with the position-keeping parser, so a 300,000-row export or a row nested 100,000
 * levels deep costs neither a tree of the whole file nor the stack.
 */
export class Locator {
  private readonly files = new Map<string, FileIndex | null>();
  private readonly absPaths: ReadonlyMap<string, string>;

  constructor(absPaths: ReadonlyMap<string, string>) {
    this.absPaths = absPaths;
  }

  private file(name: string): FileIndex | null {
    if (this.files.has(name)) return this.files.get(name) ?? null;
    let entry: FileIndex | null = null;
    try {
      // Columns are counted as editors show them, after the byte-order mark.
      const text = readFileSync(this.absPaths.get(name) ?? name, 'utf8').replace(/^\uFEFF/, '');
      entry = { text, rows: new Map(), trees: new Map() };
    } catch {
      entry = null;
    }
    this.files.set(name, entry);
    return entry;
  }

  /** The region of the deepest existing node along `source.path` + `property` (keys matched case-insensitively). */
  locate(source: SourceRef, property: readonly string[]): Region | null {
    const f = this.file(source.file);
    if (!f) return null;
    const [prefix, rest] = splitRowPath(source.path);
    let span: Span | undefined = { start: 0, end: f.text.length, line: 1, column: 1 };
    if (prefix) {
      const k = prefix.join('\0');
      let spans = f.rows.get(k);
      if (!spans) f.rows.set(k, (spans = rowSpans(f.text, prefix)));
      span = spans.get(source.path[prefix.length] as number);
    }
    if (!span) return null;
    const root = this.tree(f, span);
    if (!root) return null;
    let node = rest.length ? findNodeAtLocation(root, rest) : root;
    if (!node) return null;
    for (const seg of property) {
      const next = child(node, seg);
      if (next) node = next;
      else if (seg !== 'properties') break;
    }
    // Point at the property (key and value) when the node is a property value.
    const target = node.parent?.type === 'property' ? node.parent : node;
    const rowText = f.text.slice(span.start, span.end);
    const start = within(span, lineColumn(rowText, target.offset));
    const end = within(span, lineColumn(rowText, target.offset + target.length));
    return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
  }

  private tree(f: FileIndex, span: Span): Node | null {
    if (f.trees.has(span.start)) return f.trees.get(span.start) ?? null;
    let root: Node | null = null;
    try {
      root = parseTree(f.text.slice(span.start, span.end)) ?? null;
    } catch {
      // The parser recurses: a row nested too deep keeps its findings, without a line.
      root = null;
    }
    if (f.trees.size >= TREES_KEPT) f.trees.delete(f.trees.keys().next().value as number);
    f.trees.set(span.start, root);
    return root;
  }
}

/** `[3, "properties"]` → rows of the top-level array; `["data", 3, ...]` → rows of `data`; else one resource. */
function splitRowPath(path: readonly Seg[]): [Seg[] | null, Seg[]] {
  if (typeof path[0] === 'number') return [[], path.slice(1)];
  if (typeof path[0] === 'string' && typeof path[1] === 'number') return [[path[0]], path.slice(2)];
  return [null, [...path]];
}

function within(span: Span, at: { line: number; column: number }): { line: number; column: number } {
  return at.line === 1 ? { line: span.line, column: span.column + at.column - 1 } : { line: span.line + at.line - 1, column: at.column };
}

// jsonc-parser's token kinds (a const enum in its typings, which type stripping cannot inline).
const T = { OpenBrace: 1, CloseBrace: 2, OpenBracket: 3, CloseBracket: 4, Comma: 5, Colon: 6, String: 10, EOF: 17 } as const;

interface Frame {
  array: boolean;
  index: number;
  key: string | null;
  /** The segment of the parent that leads to this container. */
  seg: Seg | undefined;
}

/** Spans of the elements of the array at `prefix`, found in one pass over the tokens, without recursion. */
function rowSpans(text: string, prefix: readonly Seg[]): Map<number, Span> {
  const spans = new Map<number, Span>();
  const sc = createScanner(text, true);
  const frames: Frame[] = [];
  let open: { index: number; depth: number; span: Span } | null = null;
  let expectKey = false;

  const atRows = (): boolean => {
    const top = frames[frames.length - 1];
    if (!top?.array || frames.length !== prefix.length + 1) return false;
    return prefix.every((seg, i) => frames[i + 1]?.seg === seg);
  };
  const close = (end: number): void => {
    if (open && frames.length === open.depth) {
      open.span.end = end;
      spans.set(open.index, open.span);
      open = null;
    }
  };

  for (let kind: number = sc.scan(); kind !== T.EOF; kind = sc.scan()) {
    const top = frames[frames.length - 1];
    if (kind === T.Comma) {
      if (top?.array) top.index++;
      else expectKey = true;
      continue;
    }
    if (kind === T.Colon) continue;
    if (kind === T.CloseBrace || kind === T.CloseBracket) {
      frames.pop();
      expectKey = false;
      close(sc.getTokenOffset() + 1);
      continue;
    }
    if (expectKey && kind === T.String && top && !top.array) {
      top.key = sc.getTokenValue();
      expectKey = false;
      continue;
    }
    // A value starts here.
    if (!open && atRows() && top) {
      open = { index: top.index, depth: frames.length, span: { start: sc.getTokenOffset(), end: text.length, line: sc.getTokenStartLine() + 1, column: sc.getTokenStartCharacter() + 1 } };
    }
    if (kind === T.OpenBrace || kind === T.OpenBracket) {
      frames.push({ array: kind === T.OpenBracket, index: 0, key: null, seg: top ? (top.array ? top.index : (top.key ?? undefined)) : undefined });
      expectKey = kind === T.OpenBrace;
    } else {
      close(sc.getTokenOffset() + sc.getTokenLength());
    }
  }
  return spans;
}

function child(node: Node, seg: string): Node | undefined {
  if (node.type !== 'object' || !node.children) return undefined;
  const lower = seg.toLowerCase();
  for (const prop of node.children) {
    const k = prop.children?.[0];
    if (k && typeof k.value === 'string' && k.value.toLowerCase() === lower) return prop.children?.[1];
  }
  return undefined;
}
