import { readFileSync } from 'node:fs';
import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import type { SourceRef } from './model.ts';
import { lineColumn } from './read.ts';

export interface Region {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/**
 * Resolves places in input files to lines, parsing each file with a position-keeping parser once,
 * and only the files that findings point into.
 */
export class Locator {
  private readonly trees = new Map<string, { text: string; root: Node | undefined } | null>();
  private readonly absPaths: ReadonlyMap<string, string>;

  constructor(absPaths: ReadonlyMap<string, string>) {
    this.absPaths = absPaths;
  }

  private tree(file: string): { text: string; root: Node | undefined } | null {
    if (this.trees.has(file)) return this.trees.get(file) ?? null;
    let entry: { text: string; root: Node | undefined } | null = null;
    try {
      const text = readFileSync(this.absPaths.get(file) ?? file, 'utf8');
      entry = { text, root: parseTree(text) };
    } catch {
      entry = null;
    }
    this.trees.set(file, entry);
    return entry;
  }

  /** The region of the deepest existing node along `source.path` + `property` (keys matched case-insensitively). */
  locate(source: SourceRef, property: readonly string[]): Region | null {
    const t = this.tree(source.file);
    if (!t?.root) return null;
    let node = source.path.length ? findNodeAtLocation(t.root, source.path) : t.root;
    if (!node) return null;
    for (const seg of property) {
      const next = child(node, seg);
      if (next) node = next;
      else if (seg !== 'properties') break;
    }
    // Point at the property (key and value) when the node is a property value.
    const target = node.parent?.type === 'property' ? node.parent : node;
    const start = lineColumn(t.text, target.offset);
    const end = lineColumn(t.text, target.offset + target.length);
    return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
  }
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
