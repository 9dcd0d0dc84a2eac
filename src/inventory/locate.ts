import { readFileSync } from 'node:fs';
import type { SourceRef } from './model.ts';
import { childOf, nodeAt, positionTree, rowSpans, type PosNode, type Seg, type Span } from './positions.ts';
import { lineColumn } from './read.ts';

export interface Region {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

interface FileIndex {
  text: string;
  /** Row spans by the path of the array holding the rows ("" for a top-level array, "data", "value"). */
  rows: Map<string, Map<number, Span>>;
  /** Position trees of rows, a few at a time: memory stays bounded by the largest row, not the file. */
  trees: Map<number, PosNode | undefined>;
}

const TREES_KEPT = 64;

/**
 * Resolves places in input files to lines. Only files that findings point into are read again;
 * one pass finds where each row starts and ends, and only the rows findings point into get a
 * position tree, so a 300,000-row export costs no tree of the whole file. Nothing recurses.
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
    let node = root && nodeAt(root, rest);
    if (!node) return null;
    for (const seg of property) {
      const next = childOf(node, seg);
      if (next) node = next;
      else if (seg !== 'properties') break;
    }
    // Point at the property (key and value) when the node is a property value.
    const target = node.parent?.kind === 'property' ? node.parent : node;
    const rowText = f.text.slice(span.start, span.end);
    const start = within(span, lineColumn(rowText, target.offset));
    const end = within(span, lineColumn(rowText, target.end));
    return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
  }

  private tree(f: FileIndex, span: Span): PosNode | undefined {
    if (f.trees.has(span.start)) return f.trees.get(span.start);
    const root = positionTree(f.text.slice(span.start, span.end));
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
