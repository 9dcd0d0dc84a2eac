import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import type { Formatter } from './formats.ts';
import { buildPayload, scriptJson } from './html/payload.ts';
import { buildView } from './html/view.ts';
import { precompiledTemplate } from '../precompiled/index.ts';

const ASSETS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'html');
const SCRIPTS = ['app-model.js', 'app-view.js', 'app-main.js'];
/** The page template and its partials, and how they compile (here and at build time). */
export const PAGE_TEMPLATES = ['page.hbs', 'chart.hbs', 'triage.hbs', 'static.hbs', 'decided.hbs'] as const;
export const PAGE_TEMPLATE = { kind: 'page', options: { strict: true, preventIndent: true } } as const;

interface Page {
  template: Handlebars.TemplateDelegate;
  style: string;
  script: string;
  csp: string;
}

let page: Page | null = null;

/**
 * Compiles the page template once. Only these asset files are ever compiled; scan data reaches
 * Handlebars as context values, which it escapes, and never as template source.
 */
function loadPage(): Page {
  if (page) return page;
  const read = (name: string): string => readFileSync(path.join(ASSETS, name), 'utf8');
  const style = read('style.css');
  // One block scope around the three parts: they share their declarations and leak none to window.
  const script = `'use strict';\n{\n${SCRIPTS.map(read).join('\n')}}\n`;
  // The assets are inlined verbatim; a closing tag inside one would end its element early.
  for (const [name, text, tag] of [['style.css', style, '</style'], ['the page script', script, '</script']] as const) {
    if (text.toLowerCase().includes(tag) || text.includes('<!--')) throw new Error(`${name} contains ${tag} or <!--, which cannot be inlined`);
  }
  const hb = Handlebars.create();
  const compile = (name: (typeof PAGE_TEMPLATES)[number]): Handlebars.TemplateDelegate => {
    const text = read(name);
    return precompiledTemplate(hb, PAGE_TEMPLATE.kind, text) ?? hb.compile(text, PAGE_TEMPLATE.options);
  };
  hb.registerPartial('chart', compile('chart.hbs'));
  hb.registerPartial('triage', compile('triage.hbs'));
  hb.registerPartial('static', compile('static.hbs'));
  hb.registerPartial('decided', compile('decided.hbs'));
  const template = compile('page.hbs');
  const csp = [
    "default-src 'none'",
    `script-src ${hash(script)}`,
    `style-src ${hash(style)}`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  page = { template, style, script, csp };
  return page;
}

/** A CSP source expression allowing exactly this inline code and nothing else. */
export function hash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** The HTML report: one self-contained file; the tables are drawn by its script from embedded JSON. */
export const html: Formatter = (result) => {
  const { template, style, script, csp } = loadPage();
  return template({
    ...buildView(result),
    csp,
    // Trusted text for triple-stash: our own assets, and JSON escaped for a script element.
    style,
    script,
    data: scriptJson(buildPayload(result)),
  });
};
