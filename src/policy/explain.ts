import Handlebars from 'handlebars';
import type { CompiledPolicy } from './load.ts';
import type { Profile } from './profiles.ts';
import type { Params, Severity, SubjectKind } from './types.ts';

export const SUBJECT_TEXT: Record<SubjectKind, string> = {
  cluster: 'each cluster',
  pool: 'each agent pool',
  natGateway: 'each NAT gateway serving the cluster',
  egressIp: 'each egress public IP or prefix of the cluster',
  subnet: 'each node-pool subnet of the cluster',
  permission: "each network resource the cluster's identity must be allowed to use (BYO VNet)",
  firewall: "each Azure Firewall the cluster's default routes reach",
};

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function value(v: unknown): string {
  if (isObject(v) && typeof v.$data === 'string') return v.$data.replace(/^\//, '').replace(/\//g, '.');
  if (Array.isArray(v)) return v.map(value).join(', ');
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/**
 * A JSON Schema of a policy as conditions people can read: `cluster.outboundType is one of
 * managedNATGateway, userAssignedNATGateway`. Keywords without a wording are shown as JSON.
 */
export function describeSchema(schema: unknown, at: string[] = []): string[] {
  if (!isObject(schema)) return [];
  const name = at.join('.') || 'the subject';
  const out: string[] = [];
  for (const [kw, v] of Object.entries(schema)) {
    if (kw === 'properties' && isObject(v)) for (const [k, sub] of Object.entries(v)) out.push(...describeSchema(sub, [...at, k]));
    else if (kw === 'items') out.push(...describeSchema(v, [...at, '*']).map((c) => c.replace(`${name}.*`, `every item of ${name}:`)));
    else if (kw === 'contains') out.push(...describeSchema(v, [...at, '*']).map((c) => c.replace(`${name}.*`, `some item of ${name}:`)));
    else if (kw === 'const') out.push(`${name} is ${value(v)}`);
    else if (kw === 'enum') out.push(`${name} is one of ${value(v)}`);
    else if (kw === 'minItems') out.push(`${name} has at least ${value(v)} item(s)`);
    else if (kw === 'maxItems') out.push(Number(v) === 0 ? `${name} is empty` : `${name} has at most ${value(v)} item(s)`);
    else if (kw === 'minimum') out.push(`${name} ≥ ${value(v)}`);
    else if (kw === 'maximum') out.push(`${name} ≤ ${value(v)}`);
    else if (kw === 'exclusiveMinimum') out.push(`${name} > ${value(v)}`);
    else if (kw === 'exclusiveMaximum') out.push(`${name} < ${value(v)}`);
    else if (kw === 'type') out.push(`${name} is ${Array.isArray(v) ? v.join(' or ') : String(v)}`);
    else if (kw === 'required' && Array.isArray(v)) out.push(...v.map((k) => `${[...at, String(k)].join('.')} is present`));
    else if (kw === 'not') out.push(`not (${describeSchema(v, at).join(' and ')})`);
    else if ((kw === 'anyOf' || kw === 'oneOf') && Array.isArray(v)) out.push(`either ${v.map((s) => `(${describeSchema(s, at).join(' and ')})`).join(' or ')}`);
    else if (kw === 'allOf' && Array.isArray(v)) for (const s of v) out.push(...describeSchema(s, at));
    else if (kw === 'if') out.push(`if (${describeSchema(v, at).join(' and ')}) then (${describeSchema(schema.then, at).join(' and ')})`);
    else if (kw === 'then' || kw === 'else' || kw === 'description' || kw === '$comment') continue;
    else out.push(`${name}: ${kw} ${JSON.stringify(v)}`);
  }
  return out;
}

function expr(e: hbs.AST.Expression): string {
  switch (e.type) {
    case 'PathExpression':
      return (e as hbs.AST.PathExpression).original;
    case 'SubExpression': {
      const s = e as hbs.AST.SubExpression;
      return `(${[expr(s.path), ...s.params.map(expr)].join(' ')})`;
    }
    case 'StringLiteral':
      return JSON.stringify((e as hbs.AST.StringLiteral).value);
    default:
      return String((e as hbs.AST.Literal & { value: unknown }).value);
  }
}

function program(p: hbs.AST.Program | undefined): string {
  return (p?.body ?? []).map(statement).join('');
}

function statement(s: hbs.AST.Statement): string {
  if (s.type === 'ContentStatement') return (s as hbs.AST.ContentStatement).value;
  if (s.type === 'MustacheStatement') {
    const m = s as hbs.AST.MustacheStatement;
    return `<${[expr(m.path), ...m.params.map(expr)].join(' ')}>`;
  }
  if (s.type === 'BlockStatement') {
    const b = s as hbs.AST.BlockStatement;
    const helper = expr(b.path);
    const args = b.params.map(expr).join(' ');
    const body = program(b.program);
    const otherwise = b.inverse ? ` | otherwise: ${program(b.inverse)}` : '';
    if (helper === 'each') return `[for each of ${args}: ${body}${otherwise}]`;
    if (helper === 'if' || helper === 'unless') return `[${helper} ${args}: ${body}${otherwise}]`;
    return `[${helper}${args ? ` ${args}` : ''}: ${body}${otherwise}]`;
  }
  return '';
}

/** A message or remediation template as text: `<field>` where a value is filled in, `[if …: … | otherwise: …]` for conditions. */
export function describeTemplate(text: string): string {
  try {
    return program(Handlebars.parse(text)).trim();
  } catch {
    return text;
  }
}

export interface PolicyExplanation {
  id: string;
  name: string;
  title: string;
  severity: Severity;
  file: string;
  appliesTo: string;
  appliesWhen: string[];
  passesWhen: string[];
  description: string;
  rationale: string;
  parameters: { name: string; description: string; values: Record<string, unknown> }[];
  profiles: { name: string; enabled: boolean; severity: Severity }[];
  message: string;
  remediation: { text: string; command?: string };
  docs: string[];
  tags: string[];
}

/** Everything `egress-audit explain` shows about one policy, under the given profiles. */
export function explainPolicy(p: CompiledPolicy, profiles: readonly Profile[], paramDocs: Readonly<Record<string, string>>): PolicyExplanation {
  return {
    id: p.id,
    name: p.name,
    title: p.title,
    severity: p.severity,
    file: p.file,
    appliesTo: SUBJECT_TEXT[p.subject],
    appliesWhen: describeSchema(p.match),
    passesWhen: describeSchema(p.assert),
    description: p.description,
    rationale: p.rationale,
    parameters: (p.parameters ?? []).map((name) => ({
      name,
      description: paramDocs[name] ?? '',
      values: Object.fromEntries(profiles.map((pr) => [pr.name, pr.params[name as keyof Params]])),
    })),
    profiles: profiles.map((pr) => ({ name: pr.name, enabled: pr.policies[p.id]?.enabled !== false, severity: pr.policies[p.id]?.severity ?? p.severity })),
    message: describeTemplate(p.message),
    remediation: p.remediation.command
      ? { text: describeTemplate(p.remediation.text), command: describeTemplate(p.remediation.command) }
      : { text: describeTemplate(p.remediation.text) },
    docs: [p.helpUri, ...(p.docs ?? []).filter((d) => d !== p.helpUri)],
    tags: p.tags,
  };
}
