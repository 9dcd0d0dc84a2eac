import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { InputError } from '../errors.ts';
import { display, lineColumn } from './read.ts';

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

/** Reads a `.json` file as JSON and anything else as YAML; syntax errors name file, line and column. */
export async function readStructured(p: string, opts: ReadOptions = {}): Promise<StructuredFile> {
  const file = display(p);
  let text: string;
  try {
    text = (await readFile(p, 'utf8')).replace(/^\uFEFF/, '');
  } catch (err) {
    throw new InputError(`${file}: cannot read: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  if (text.trim() === '') throw new InputError(`${file}: the file is empty`);
  return path.extname(p).toLowerCase() === '.json' ? parseJson(file, text, opts) : parseYaml(file, text);
}

function parseJson(file: string, text: string, opts: ReadOptions): StructuredFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new InputError(syntaxError(file, text));
  }
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

function syntaxError(file: string, text: string): string {
  const errors: ParseError[] = [];
  try {
    parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  } catch {
    return `${file}: invalid JSON (nesting too deep to locate the error)`;
  }
  // Later errors mostly follow from the first one.
  const first = errors[0];
  if (!first) return `${file}: invalid JSON`;
  const { line, column } = lineColumn(text, first.offset);
  return `${file}:${line}:${column}: invalid JSON: ${printParseErrorCode(first.error)}`;
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

function parseYaml(file: string, text: string): StructuredFile {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    throw new InputError(
      doc.errors
        .map((e) => {
          const { line, col } = lc.linePos(e.pos[0]);
          const hint = e.code === 'BAD_ALIAS' ? ' (a bare * starts a YAML alias: quote it, "*")' : '';
          return `${file}:${line}:${col}: invalid YAML: ${e.message}${hint}`;
        })
        .join('\n'),
    );
  }
  const at = (offset: number): Position => {
    const { line, col } = lc.linePos(offset);
    return { line, column: col };
  };
  return {
    file,
    value: doc.toJS() as unknown,
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

function yamlNode(doc: Document, p: JsonPath): unknown {
  for (let n = p.length; n > 0; n--) {
    const node = doc.getIn(p.slice(0, n), true);
    if (node && typeof node === 'object') return node;
  }
  return doc.contents;
}
