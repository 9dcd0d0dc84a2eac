import { createScanner } from 'jsonc-parser';
import { T } from './syntax.ts';

/**
 * Positions in JSON text, found by walking jsonc-parser's scanner with explicit stacks: nothing
 * here recurses, so a document nested 100,000 levels deep is handled like any other.
 */

export type Seg = string | number;

/** One row's place in its file: offsets, and the 1-based line and column where it starts. */
export interface Span {
  start: number;
  end: number;
  line: number;
  column: number;
}

/** A value (or an object property: key and value) and where it stands in the text. */
export interface PosNode {
  kind: 'object' | 'array' | 'scalar' | 'property';
  offset: number;
  end: number;
  /** Elements of an array, properties of an object. */
  children: PosNode[];
  key?: string;
  value?: PosNode;
  parent?: PosNode;
}

/** Below this depth a container is kept whole, without its contents: findings never point deeper. */
const MAX_DEPTH = 64;

interface Frame {
  array: boolean;
  index: number;
  key: string | null;
  /** The segment of the parent that leads to this container. */
  seg: Seg | undefined;
}

/** Spans of the elements of the array at `prefix`, found in one pass over the tokens. */
export function rowSpans(text: string, prefix: readonly Seg[]): Map<number, Span> {
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

/** A position tree of valid JSON text, containers deeper than MAX_DEPTH kept without contents. */
export function positionTree(text: string): PosNode | undefined {
  const sc = createScanner(text, true);
  const open: PosNode[] = [];
  let root: PosNode | undefined;
  let property: PosNode | undefined;
  let expectKey = false;
  let skipping = 0;

  const finish = (n: PosNode, end: number): void => {
    n.end = end;
    if (n.parent?.kind === 'property') n.parent.end = end;
  };

  for (let kind: number = sc.scan(); kind !== T.EOF; kind = sc.scan()) {
    const offset = sc.getTokenOffset();
    const end = offset + sc.getTokenLength();
    const opens = kind === T.OpenBrace || kind === T.OpenBracket;
    const closes = kind === T.CloseBrace || kind === T.CloseBracket;
    if (skipping) {
      if (opens) skipping++;
      else if (closes && --skipping === 0) finish(open.pop() as PosNode, end);
      continue;
    }
    const top = open[open.length - 1];
    if (kind === T.Comma) {
      expectKey = top?.kind === 'object';
      continue;
    }
    if (kind === T.Colon) continue;
    if (closes) {
      const n = open.pop();
      if (n) finish(n, end);
      expectKey = false;
      continue;
    }
    if (expectKey && kind === T.String && top?.kind === 'object') {
      property = { kind: 'property', offset, end, key: sc.getTokenValue(), children: [], parent: top };
      top.children.push(property);
      expectKey = false;
      continue;
    }
    const node: PosNode = { kind: kind === T.OpenBrace ? 'object' : kind === T.OpenBracket ? 'array' : 'scalar', offset, end, children: [] };
    if (property) {
      node.parent = property;
      property.value = node;
      property = undefined;
    } else if (top) {
      node.parent = top;
      top.children.push(node);
    } else {
      root ??= node;
    }
    if (opens) {
      open.push(node);
      if (open.length > MAX_DEPTH) skipping = 1;
      else expectKey = node.kind === 'object';
    } else {
      finish(node, end);
    }
  }
  return root;
}

/** The node at a path of exact keys and indexes, or undefined. */
export function nodeAt(root: PosNode, path: readonly Seg[]): PosNode | undefined {
  let node: PosNode | undefined = root;
  for (const seg of path) {
    if (!node) return undefined;
    if (typeof seg === 'number') node = node.kind === 'array' ? node.children[seg] : undefined;
    else node = node.kind === 'object' ? node.children.find((p) => p.key === seg)?.value : undefined;
  }
  return node;
}

/** A property's value by key, compared case-insensitively (az CLI output has its own casing). */
export function childOf(node: PosNode, key: string): PosNode | undefined {
  if (node.kind !== 'object') return undefined;
  const lower = key.toLowerCase();
  return node.children.find((p) => p.key?.toLowerCase() === lower)?.value;
}
