import type { Severity } from '../policy/types.ts';
import type { PolicyInfo } from '../scan/result.ts';
import { outline } from './outline.ts';
import { oneLine } from './text.ts';

export type SarifLevel = 'error' | 'warning' | 'note';

export const LEVEL: Record<Severity, SarifLevel> = { high: 'error', medium: 'warning', low: 'note', info: 'note' };

/** GitHub's bands: 7.0-8.9 high, 4.0-6.9 medium, 0.1-3.9 low. */
export const SECURITY_SEVERITY: Record<Severity, string> = { high: '8.0', medium: '5.5', low: '3.0', info: '1.0' };

/** GitHub keeps 10 tags per rule (and refuses more than 20). */
const MAX_TAGS = 10;

export interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  helpUri?: string;
  defaultConfiguration: { level: SarifLevel };
  properties: { tags: string[]; precision: 'very-high'; 'security-severity': string };
}

/** How the outline of a remediation text and of a command join a condition's branches. */
export const OUTLINE_OTHERWISE = { text: ' Otherwise: ', command: '\n' } as const;

/**
 * One policy as a SARIF reportingDescriptor. `severity` is the policy's severity in this scan (a
 * profile may raise or lower it), which GitHub shows through `security-severity`.
 */
export function ruleFor(p: PolicyInfo, severity: Severity): SarifRule {
  const remedy = oneLine(outline(p.remediation, OUTLINE_OTHERWISE.text));
  const command = p.remediationCommand ? outline(p.remediationCommand, OUTLINE_OTHERWISE.command) : '';
  const links = [p.helpUri, ...(p.docs ?? [])].filter((u) => /^https:\/\/[^\s<>]+$/.test(u));
  const text = [
    oneLine(p.description),
    p.rationale && `Why it matters: ${oneLine(p.rationale)}`,
    remedy && `How to fix: ${remedy}`,
    command && `Command (each result gives it with the real names):\n${command}`,
    links.length ? `Documentation: ${links.join(' ')}` : '',
  ];
  const markdown = [
    prose(p.description),
    p.rationale && `**Why it matters.** ${prose(p.rationale)}`,
    remedy && `**How to fix.** ${prose(remedy)}`,
    command && `Each result gives the command with the real names:\n\n${fence(command)}`,
    links.length ? `**Documentation:** ${links.map((u) => `<${u}>`).join(' · ')}` : '',
  ];
  return {
    id: p.id,
    // SARIF wants a name distinct from the id; the policy's kebab-case name is that.
    name: p.name && p.name !== p.id ? p.name : `${p.id}-policy`,
    shortDescription: { text: oneLine(p.title) },
    fullDescription: { text: oneLine(p.description) },
    help: { text: text.filter(Boolean).join('\n\n'), markdown: markdown.filter(Boolean).join('\n\n') },
    ...(links[0] ? { helpUri: links[0] } : {}),
    defaultConfiguration: { level: LEVEL[severity] },
    properties: {
      tags: [...new Set(['security', ...p.tags.map(oneLine).filter(Boolean)])].slice(0, MAX_TAGS),
      precision: 'very-high',
      'security-severity': SECURITY_SEVERITY[severity],
    },
  };
}

/** Policy prose as Markdown: code spans kept, angle brackets elsewhere escaped so no HTML is read. */
function prose(text: string): string {
  return oneLine(text)
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 ? part : part.replace(/[<>]/g, '\\$&')))
    .join('');
}

/** A fenced code block whose fence is longer than any run of backticks inside it. */
function fence(code: string): string {
  const longest = Math.max(0, ...(code.match(/`+/g) ?? []).map((r) => r.length));
  const f = '`'.repeat(Math.max(3, longest + 1));
  return `${f}sh\n${code}\n${f}`;
}
