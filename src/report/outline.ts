import Handlebars from 'handlebars';
import { precompiledOutline } from '../precompiled/index.ts';

/**
 * A policy's remediation and command are Handlebars templates filled per finding. A rule's help
 * (SARIF) is written once per policy, so it shows the template's outline instead: fields become
 * `<cluster.name>` placeholders, helper calls `<…>` (or `<field>` when they read one field); the
 * branches of a condition are joined by " / " when both are short clauses, else by `otherwise`
 * (" Otherwise: " for prose, a new line for commands).
 */
export function outline(template: string, otherwise: string): string {
  const built = precompiledOutline(template, otherwise);
  if (built !== undefined) return built;
  let program: hbs.AST.Program;
  try {
    program = Handlebars.parseWithoutProcessing(template);
  } catch {
    // Policies are validated when they load; a template that still does not parse is shown as is.
    return template;
  }
  return tidy(body(program, otherwise), otherwise);
}

function body(program: hbs.AST.Program | undefined, otherwise: string): string {
  return (program?.body ?? []).map((s) => statement(s, otherwise)).join('');
}

function statement(s: hbs.AST.Statement, otherwise: string): string {
  switch (s.type) {
    case 'ContentStatement':
      return (s as hbs.AST.ContentStatement).value;
    case 'MustacheStatement':
      return placeholder(s as hbs.AST.MustacheStatement);
    case 'BlockStatement': {
      const b = s as hbs.AST.BlockStatement;
      // Untrimmed: the spaces around a block belong to the sentence it sits in.
      const then = body(b.program, otherwise);
      const alt = body(b.inverse, otherwise);
      if (!alt.trim()) return then;
      if (!then.trim()) return alt;
      // A choice inside a sentence or a command line ("at least 4 / at most 120") stays inline.
      return inline(then) && inline(alt) ? `${then.trimEnd()} / ${alt.trimStart()}` : `${then}${otherwise}${alt}`;
    }
    default:
      return '';
  }
}

function placeholder(m: hbs.AST.MustacheStatement): string {
  const path = m.path as hbs.AST.PathExpression;
  if (path.type === 'PathExpression' && m.params.length === 0) return `<${field(path)}>`;
  const fields = m.params.filter((p): p is hbs.AST.PathExpression => p.type === 'PathExpression');
  return fields.length === 1 && m.params.length === 1 ? `<${field(fields[0] as hbs.AST.PathExpression)}>` : '<…>';
}

/** `@root.cluster.name`, `../cluster.name` and `this.name` read as the field they name. */
function field(p: hbs.AST.PathExpression): string {
  const name = p.original.replace(/^(@root\.|(\.\.\/)+|this\.)/, '');
  return name && name !== 'this' && name !== '.' ? name : 'value';
}

/** Short, one clause, not a command of its own. */
function inline(branch: string): boolean {
  const t = branch.trim();
  return t.length <= 80 && !t.includes('\n') && !/[.:;](\s|$)/.test(t) && !t.startsWith('az ');
}

function tidy(text: string, otherwise: string): string {
  const lines = otherwise.includes('\n') ? text.split('\n') : [text];
  return lines
    .map((l) => l.replace(/[ \t]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}
