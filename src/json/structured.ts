import path from 'node:path';
import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import type { Document } from 'yaml';
import { lazyYaml } from '../lazy.ts';
import { InputError } from '../errors.ts';
import { lineColumn, parseJson, readText, readTextSync, type TextFile } from './read.ts';

export type JsonPath = (string | number)[];

export interface Position {
  line: number;
  column: number;
}

/** A JSON or YAML file parsed to a plain value, able to say where any part of it was written. */
export interface StructuredFile {
  file: string;
  value: unknown;
  /** Where the value at `at` starts; with `key`, where that property's name is written instead. */
  locate(at: JsonPath, key?: string): Position;
}

export interface ReadOptions {
  /** Refuse a JSON object that names a key twice (YAML always does). */
  uniqueKeys?: boolean;
}

/**
 * Reads a `.json` file as JSON and anything else as YAML. Every reader of the tool's own files
 * (configuration, suppressions, baselines, policies, test tables) comes through here, so the same
 * mistake reads the same in each: `FILE:LINE:COL: invalid JSON: ...` or `... invalid YAML: ...`.
 */
export async function readStructured(p: string, opts: ReadOptions = {}): Promise<StructuredFile> {
  return parseStructured(await readText(p), p, opts);
}

export function readStructuredSync(p: string, opts: ReadOptions = {}): StructuredFile {
  return parseStructured(readTextSync(p), p, opts);
}

/** A file already read (readText) as a structured document: JSON for `.json`, YAML otherwise. */
export function parseStructured({ file, text }: TextFile, p: string, opts: ReadOptions = {}): StructuredFile {
  return path.extname(p).toLowerCase() === '.json' ? structuredJson(file, text, opts) : structuredYaml(file, text);
}

function structuredJson(file: string, text: string, opts: ReadOptions): StructuredFile {
  const value = parseJson(file, text);
  // The syntax tree is only built when a position is asked for: a baseline report can be large.
  let root: Node | null = null;
  const tree = (): Node => (root ??= parseTree(text, [], { disallowComments: true })!);
  if (opts.uniqueKeys) {
    const dup = duplicateKey(tree());
    if (dup) {
      const { line, column } = lineColumn(text, dup.offset);
      throw new InputError(`${file}:${line}:${column}: duplicate key ${JSON.stringify(dup.value)}`);
    }
  }
  const at = (offset: number): Position => lineColumn(text, offset);
  return {
    file,
    value,
    locate(p, key) {
      const node = deepest(tree(), p);
      if (key !== undefined && node.type === 'object') {
        const prop = node.children?.find((c) => c.children?.[0]?.value === key);
        if (prop) return at(prop.offset);
      }
      return at(node.offset);
    },
  };
}

/** JSON.parse keeps the last of two equal keys silently; in a hand-written file that hides a mistake. */
function duplicateKey(root: Node): Node | null {
  const stack: Node[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === 'object') {
      const seen = new Set<string>();
      for (const prop of node.children ?? []) {
        const k = prop.children?.[0];
        if (k && seen.has(String(k.value))) return k;
        if (k) seen.add(String(k.value));
      }
    }
    for (const c of node.children ?? []) stack.push(c);
  }
  return null;
}

function deepest(root: Node, p: JsonPath): Node {
  for (let n = p.length; n > 0; n--) {
    const node = findNodeAtLocation(root, p.slice(0, n));
    if (node) return node;
  }
  return root;
}

/** Deeper than this, a YAML file is refused before the parser recurses into it. */
const MAX_YAML_DEPTH = 1_000;
/** How many aliases one document may expand (the yaml library's own default, said out loud). */
const MAX_ALIAS_COUNT = 100;

function structuredYaml(file: string, text: string): StructuredFile {
  const { isMap, isScalar, LineCounter, parseDocument } = lazyYaml();
  const where = (offset: number): string => {
    const { line, column } = lineColumn(text, offset);
    return `${file}:${line}:${column}`;
  };
  if (/^[ \t\r\n]*$/.test(text)) throw new InputError(`${where(text.length)}: the file is empty`);
  const deep = flowDepthExceeded(text, MAX_YAML_DEPTH);
  if (deep !== null) throw new InputError(`${where(deep)}: invalid YAML: nested more than ${MAX_YAML_DEPTH} levels deep`);
  const lc = new LineCounter();
  let doc: Document;
  try {
    doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  } catch (err) {
    if (err instanceof RangeError) throw new InputError(`${where(0)}: invalid YAML: nested too deeply to read`);
    throw err;
  }
  if (doc.errors.length) {
    throw new InputError(
      doc.errors
        .map((e) => {
          const hint = e.code === 'BAD_ALIAS' ? ' (a bare * starts a YAML alias: quote it, "*")' : '';
          return `${where(e.pos[0])}: invalid YAML: ${e.message}${hint}`;
        })
        .join('\n'),
    );
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    // The yaml library refuses an alias bomb ("billion laughs") with a ReferenceError.
    if (err instanceof ReferenceError || err instanceof RangeError) {
      throw new InputError(`${where(firstAlias(doc))}: invalid YAML: aliases expand too far (more than ${MAX_ALIAS_COUNT} expansions, or nested too deeply)`);
    }
    throw err;
  }
  const at = (offset: number): Position => {
    const { line, col } = lc.linePos(offset);
    return { line, column: col };
  };
  return {
    file,
    value,
    locate(p, key) {
      const node = yamlNode(doc, p);
      if (key !== undefined && isMap(node)) {
        const pair = node.items.find((i) => isScalar(i.key) && i.key.value === key);
        if (pair && isScalar(pair.key) && pair.key.range) return at(pair.key.range[0]);
      }
      const range = (node as { range?: [number, number, number] } | null)?.range;
      return at(range ? range[0] : 0);
    },
  };
}

/**
 * Where flow collections (`[`, `{`) first nest deeper than `max`, outside quoted scalars and
 * comments; null when they never do. Block nesting needs indentation, so its depth is bounded by
 * the length of a line.
 */
function flowDepthExceeded(text: string, max: number): number | null {
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '[' || c === '{') {
      if (++depth > max) return i;
    } else if ((c === ']' || c === '}') && depth > 0) depth--;
  }
  return null;
}

function firstAlias(doc: Document): number {
  const { isAlias, visit } = lazyYaml();
  let offset = 0;
  visit(doc, {
    Alias(_, node) {
      if (isAlias(node) && node.range) offset = node.range[0];
      return visit.BREAK;
    },
  });
  return offset;
}

function yamlNode(doc: Document, p: JsonPath): unknown {
  for (let n = p.length; n > 0; n--) {
    const node = doc.getIn(p.slice(0, n), true);
    if (node && typeof node === 'object') return node;
  }
  return doc.contents;
}
