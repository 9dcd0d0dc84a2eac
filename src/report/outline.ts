import Handlebars from 'handlebars';

/**
 * A policy's remediation and command are Handlebars templates filled per finding. A rule's help
 * (SARIF) is written once per policy, so it shows the template's outline instead: fields become
 * `<cluster.name>` placeholders, helper calls `<…>` (or `<field>` when they read one field), the
 * branches of a condition are joined by `otherwise` (" Otherwise: " for prose, a new line for
 * commands).
 */
export function outline(template: string, otherwise: string): string {
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
      return alt.trim() ? (then.trim() ? `${then}${otherwise}${alt}` : alt) : then;
    }
    default:
      return '';
  }
}

function placeholder(m: hbs.AST.MustacheStatement): string {
  const path = m.path as hbs.AST.PathExpression;
  if (path.type === 'PathExpression' && m.params.length === 0) return `<${path.original}>`;
  const fields = m.params.filter((p): p is hbs.AST.PathExpression => p.type === 'PathExpression');
  return fields.length === 1 && m.params.length === 1 ? `<${fields[0]?.original}>` : '<…>';
}

function tidy(text: string, otherwise: string): string {
  const lines = otherwise.includes('\n') ? text.split('\n') : [text];
  return lines
    .map((l) => l.replace(/[ \t]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}
