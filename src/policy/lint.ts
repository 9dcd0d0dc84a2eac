import { readdirSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { where } from '../json/schema.ts';
import { readStructuredSync } from '../json/structured.ts';
import { loadPolicies } from './load.ts';
import { FactsSchema, type FactsNode } from './schema-nav.ts';
import { registerHelpers } from './templates.ts';
import { SUBJECTS, type SubjectKind } from './types.ts';

export interface LintResult {
  files: number;
  policies: number;
  problems: string[];
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const esc = (s: string): string => s.replace(/~/g, '~0').replace(/\//g, '~1');

/** Keywords whose value is a subschema (or a list or map of them) applying to the same value. */
const SAME_VALUE = ['allOf', 'anyOf', 'oneOf', 'not', 'if', 'then', 'else'];
const ITEM_KEYWORDS = ['items', 'contains', 'additionalItems'];
/** Keywords whose value maps property names to subschemas that apply to the same value. */
const SAME_VALUE_MAPS = ['dependencies', 'dependentSchemas'];

/** A template context: where it stands in the facts schema and its dotted name, for messages. */
interface Context {
  node: FactsNode;
  label: string[];
}

/**
 * Checks policy files: the meta-schema and compilation (as a scan loads them), then that every
 * facts field a policy names (in match, assert, `$data` pointers, templates and `resource`)
 * exists in schemas/facts.schema.json for the policy's subject, and that the parameters it reads
 * are declared. Every problem of every file is returned.
 */
export function lintPolicies(dirs: readonly string[]): LintResult {
  const loaded = loadPolicies(dirs);
  const problems = [...loaded.problems];
  const facts = new FactsSchema();
  const hb = Handlebars.create();
  registerHelpers(hb);
  const helpers = new Set(Object.keys(hb.helpers));
  let files = 0;
  for (const dir of dirs) {
    let entries: string[];
    try {
      entries = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
    } catch {
      continue;
    }
    for (const entry of entries) {
      files++;
      const file = path.join(dir, entry);
      let doc;
      try {
        doc = readStructuredSync(file);
      } catch {
        continue;
      }
      const raw = doc.value;
      if (!isObject(raw)) continue;
      // Worded as loadPolicies words it (duplicates merge), but also for files the meta-schema refused.
      if (typeof raw.id === 'string' && raw.id !== path.basename(entry, '.json')) problems.push(`${where(doc, '/id')}: /id: ${raw.id} does not match the file name`);
      for (const p of new PolicyLinter(raw, facts, helpers).run()) problems.push(`${doc.file}: ${p}`);
    }
  }
  const fileOf = (p: string): string => p.slice(0, p.indexOf(': '));
  problems.sort((a, b) => fileOf(a).localeCompare(fileOf(b)));
  return { files, policies: loaded.policies.length, problems: [...new Set(problems)] };
}

class PolicyLinter {
  private readonly problems: string[] = [];
  private readonly paramsRead = new Map<string, string>();
  private readonly doc: FactsNode;
  private readonly raw: Json;
  private readonly facts: FactsSchema;
  private readonly helpers: ReadonlySet<string>;

  constructor(raw: Json, facts: FactsSchema, helpers: ReadonlySet<string>) {
    this.raw = raw;
    this.facts = facts;
    this.helpers = helpers;
    const subject = (SUBJECTS as readonly unknown[]).includes(raw.subject) ? (raw.subject as SubjectKind) : undefined;
    this.doc = facts.documentFor(subject);
  }

  run(): string[] {
    for (const kw of ['match', 'assert'] as const) {
      const s = this.raw[kw];
      if (!isObject(s)) continue;
      this.schema(s, this.doc, [], `/${kw}`);
      this.absolutePointers(s, `/${kw}`);
    }
    const remediation = isObject(this.raw.remediation) ? this.raw.remediation : {};
    for (const [where, text] of [['/message', this.raw.message], ['/remediation/text', remediation.text], ['/remediation/command', remediation.command]] as const) {
      if (typeof text === 'string') this.template(text, where);
    }
    if (typeof this.raw.resource === 'string') this.fieldPath(this.raw.resource.split('.'), '/resource');
    const declared = Array.isArray(this.raw.parameters) ? this.raw.parameters : [];
    for (const [name, where] of this.paramsRead) {
      if (!declared.includes(name)) this.problems.push(`${where}: reads parameter ${name} but does not list it in "parameters"`);
    }
    return this.problems;
  }

  private unknown(where: string, dotted: string, parent: string): void {
    const subject = typeof this.raw.subject === 'string' ? this.raw.subject : 'cluster';
    this.problems.push(
      parent === ''
        ? `${where}: ${dotted} is not in the document of a ${subject} policy (it has params, cluster${subject === 'cluster' ? '' : `, ${subject}`})`
        : `${where}: unknown facts field ${dotted} (not in schemas/facts.schema.json)`,
    );
  }

  /** Resolves dotted field segments from the document root; reports the first unknown one. */
  private fieldPath(parts: readonly string[], where: string, from: FactsNode = this.doc, prefix: readonly string[] = []): FactsNode | null {
    let node: FactsNode = from;
    const seen = [...prefix];
    for (const part of parts) {
      const next = /^\d+$/.test(part) || part === '*' ? this.facts.items(node) : this.facts.property(node, part);
      if (!next) {
        if (part === 'length' && this.facts.hasLength(node)) return null;
        this.unknown(where, [...seen, part].join('.'), seen.join('.'));
        return null;
      }
      seen.push(part);
      node = next;
      if (seen.length === 2 && seen[0] === 'params' && !this.paramsRead.has(part)) this.paramsRead.set(part, where);
    }
    return node;
  }

  private dataPointer(pointer: string, dataPath: readonly string[], where: string): void {
    const rel = /^(\d+)(#|\/.*)?$/.exec(pointer);
    const segs = (s: string): string[] => s.split('/').slice(1).map((x) => x.replace(/~1/g, '/').replace(/~0/g, '~'));
    if (rel) {
      const up = Number(rel[1]);
      if (up > dataPath.length) return void this.problems.push(`${where}: $data pointer ${pointer} goes above the document`);
      if (rel[2] === '#') return;
      this.fieldPath([...dataPath.slice(0, dataPath.length - up), ...segs(rel[2] ?? '')], where);
    } else if (pointer.startsWith('/')) {
      this.fieldPath(segs(pointer), where);
    } else {
      this.problems.push(`${where}: $data pointer ${pointer} is neither absolute nor relative`);
    }
  }

  /**
   * Every absolute `$data` pointer anywhere in a schema, also under keywords the facts walk does
   * not follow (patternProperties, propertyNames, ...): a pointer that resolves to nothing makes
   * its keyword pass silently. Pointers the walk met are reported once (problems are deduplicated).
   */
  private absolutePointers(s: unknown, where: string): void {
    if (Array.isArray(s)) return s.forEach((v, i) => this.absolutePointers(v, `${where}/${i}`));
    if (!isObject(s)) return;
    for (const [k, v] of Object.entries(s)) {
      const at = `${where}/${esc(k)}`;
      if (isObject(v) && typeof v.$data === 'string' && v.$data.startsWith('/')) this.dataPointer(v.$data, [], `${at}/$data`);
      else this.absolutePointers(v, at);
    }
  }

  /** Walks a policy's JSON Schema alongside the facts schema. */
  private schema(s: Json, node: FactsNode, dataPath: string[], where: string): void {
    for (const [kw, value] of Object.entries(s)) {
      const at = `${where}/${esc(kw)}`;
      if (isObject(value) && typeof value.$data === 'string') this.dataPointer(value.$data, dataPath, `${at}/$data`);
      if (kw === 'properties' && isObject(value)) {
        for (const [name, sub] of Object.entries(value)) {
          const child = this.facts.property(node, name);
          if (!child) this.unknown(`${at}/${esc(name)}`, [...dataPath, name].join('.'), dataPath.join('.'));
          else if (isObject(sub)) this.schema(sub, child, [...dataPath, name], `${at}/${esc(name)}`);
        }
      } else if (kw === 'required' && Array.isArray(value)) {
        for (const name of value) if (typeof name === 'string' && !this.facts.property(node, name)) this.unknown(at, [...dataPath, name].join('.'), dataPath.join('.'));
      } else if (ITEM_KEYWORDS.includes(kw)) {
        const items = this.facts.items(node);
        const subs = Array.isArray(value) ? value.map((v, i) => [v, `${at}/${i}`] as const) : [[value, at] as const];
        for (const [sub, subAt] of subs) {
          if (!isObject(sub)) continue;
          if (!items) this.problems.push(`${subAt}: ${dataPath.join('.') || 'the document'} is not an array in the facts`);
          else this.schema(sub, items, [...dataPath, '*'], subAt);
        }
      } else if (SAME_VALUE_MAPS.includes(kw) && isObject(value)) {
        for (const [name, sub] of Object.entries(value)) if (isObject(sub)) this.schema(sub, node, dataPath, `${at}/${esc(name)}`);
      } else if (SAME_VALUE.includes(kw)) {
        if (Array.isArray(value)) value.forEach((sub, i) => isObject(sub) && this.schema(sub, node, dataPath, `${at}/${i}`));
        else if (isObject(value)) this.schema(value, node, dataPath, at);
      }
    }
  }

  private template(text: string, where: string): void {
    let ast: hbs.AST.Program;
    try {
      ast = Handlebars.parse(text);
    } catch {
      return; // loadPolicies reports templates that do not compile
    }
    this.program(ast, [{ node: this.doc, label: [] }], new Map(), where);
  }

  private program(p: hbs.AST.Program, contexts: Context[], scope: Map<string, Context>, where: string): void {
    for (const st of p.body) {
      if (st.type === 'MustacheStatement' || st.type === 'BlockStatement') this.call(st as hbs.AST.MustacheStatement | hbs.AST.BlockStatement, contexts, scope, where);
    }
  }

  private call(st: hbs.AST.MustacheStatement | hbs.AST.BlockStatement | hbs.AST.SubExpression, contexts: Context[], scope: Map<string, Context>, where: string): void {
    const head = st.path.type === 'PathExpression' ? (st.path as hbs.AST.PathExpression) : null;
    const isHelper = head !== null && !head.data && head.parts.length === 1 && (this.helpers.has(head.parts[0] ?? '') || st.params.length > 0);
    let value: Context | null = null;
    if (!isHelper && head) value = this.expr(head, contexts, scope, where);
    const args = [...st.params, ...(st.hash?.pairs.map((p) => p.value) ?? [])];
    const argNodes = args.map((a) => this.expr(a, contexts, scope, where));
    if (st.type !== 'BlockStatement') return;
    const block = st as hbs.AST.BlockStatement;
    const name = isHelper ? head?.parts[0] : undefined;
    let inner = contexts;
    let innerScope = scope;
    const subject = name === undefined ? value : argNodes[0] ?? null;
    if (name === 'each' || name === 'with' || name === undefined) {
      const items = subject && name !== 'with' ? this.facts.items(subject.node) : null;
      const item: Context | null = items ? { node: items, label: [...subject!.label, '*'] } : name === 'each' ? null : subject;
      const ctx = item ?? { node: { any: true }, label: ['?'] };
      inner = [ctx, ...contexts];
      const params = block.program.blockParams ?? [];
      if (params[0]) innerScope = new Map([...scope, [params[0], ctx]]);
    }
    this.program(block.program, inner, innerScope, where);
    if (block.inverse) this.program(block.inverse, contexts, scope, where);
  }

  private expr(e: hbs.AST.Expression, contexts: Context[], scope: Map<string, Context>, where: string): Context | null {
    if (e.type === 'SubExpression') {
      this.call(e as hbs.AST.SubExpression, contexts, scope, where);
      return null;
    }
    if (e.type !== 'PathExpression') return null;
    const p = e as hbs.AST.PathExpression;
    const loc = p.loc ? ` (template line ${p.loc.start.line}, column ${p.loc.start.column + 1})` : '';
    const resolve = (parts: string[], base: Context): Context | null => {
      const node = this.fieldPath(parts, `${where}${loc}`, base.node, base.label);
      return node ? { node, label: [...base.label, ...parts] } : null;
    };
    if (p.data) return p.parts[0] === 'root' ? resolve(p.parts.slice(1), { node: this.doc, label: [] }) : null;
    const named = p.depth === 0 && !p.original.startsWith('this') ? scope.get(p.parts[0] ?? '') : undefined;
    if (named) return resolve(p.parts.slice(1), named);
    const base = contexts[Math.min(p.depth, contexts.length - 1)] ?? { node: this.doc, label: [] };
    return resolve(p.parts, base);
  }
}
