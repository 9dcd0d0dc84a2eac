import { readdirSync, readFileSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { display } from '../../../json/read.ts';
import type { Region } from '../../../json/locate/locate.ts';
import { isObject, type Json } from '../../normalize/fields.ts';
import { callPath, parseSteps } from './plan.ts';

/** The line of a `resource`, `data` or `module` block in a `.tf` file. */
export interface BlockLocation extends Region {
  /** Display path (relative to the working folder when inside it), as for every finding location. */
  file: string;
}

/** A plan as the block search needs it: where it was read from, and its configuration. */
export interface PlanSource {
  absPath: string;
  configuration: Json | null;
}

type Declarations = Map<string, BlockLocation>;

/** HCL labels may be quoted or bare; terraform fmt quotes them. */
const LABEL = String.raw`(?:"([^"\\]+)"|([A-Za-z_][\w-]*))`;
const HEADER = new RegExp(String.raw`^(\s*)(resource|data)\s+${LABEL}\s+${LABEL}\s*\{|^(\s*)(module)\s+${LABEL}\s*\{`);

/** Bounds the search for a plan's root module under the source root (a monorepo is not a reason to stall). */
const MAX_FOLDERS = 5_000;
const SKIPPED = new Set(['node_modules']);

/**
 * Finds the `.tf` block of a Terraform address under the source root: the root module is the
 * folder that declares every block of the plan's root module (the plan's own folder first), and a
 * child module is its call's local `source` path from there. Blocks of remote modules (registry,
 * git) are not in the repository, so they are not found.
 */
export class ConfigurationBlocks {
  private readonly root: string;
  private readonly byFolder = new Map<string, Declarations>();
  private readonly rootOfPlan = new Map<string, string | null>();
  private tfFolders: string[] | null = null;

  constructor(sourceRoot: string) {
    this.root = path.resolve(sourceRoot);
  }

  locate(plan: PlanSource, address: string): BlockLocation | null {
    const parsed = splitAddress(address);
    if (!parsed) return null;
    let folder = this.rootFolder(plan);
    let mod: unknown = plan.configuration?.['root_module'];
    for (const call of parsed.calls) {
      const callConfig = isObject(mod) && isObject(mod['module_calls']) ? mod['module_calls'][call] : undefined;
      const source = isObject(callConfig) ? callConfig['source'] : undefined;
      if (folder === null || typeof source !== 'string' || !/^\.\.?\//.test(source)) return null;
      folder = path.resolve(folder, source);
      if (!this.inside(folder)) return null;
      mod = isObject(callConfig) ? callConfig['module'] : undefined;
    }
    return folder === null ? null : (this.declarations(folder).get(parsed.block) ?? null);
  }

  private rootFolder(plan: PlanSource): string | null {
    if (this.rootOfPlan.has(plan.absPath)) return this.rootOfPlan.get(plan.absPath) ?? null;
    const needed = rootDeclarations(plan.configuration);
    const declares = (folder: string): boolean => {
      const found = this.declarations(folder);
      return needed.length ? needed.every((k) => found.has(k)) : found.size > 0;
    };
    const own = path.dirname(plan.absPath);
    let chosen: string | null = null;
    if (this.inside(own) && declares(own)) chosen = own;
    else if (needed.length) {
      // `terraform -chdir=infra show -json tfplan > plan.json` leaves the plan away from its .tf files.
      const distance = (f: string): number => path.relative(own, f).split(path.sep).length;
      const fits = this.folders().filter(declares).sort((a, b) => distance(a) - distance(b));
      if (fits.length === 1 || (fits.length > 1 && distance(fits[0]!) < distance(fits[1]!))) chosen = fits[0]!;
    }
    this.rootOfPlan.set(plan.absPath, chosen);
    return chosen;
  }

  private inside(folder: string): boolean {
    const rel = path.relative(this.root, folder);
    return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
  }

  /** Folders under the source root that hold `.tf` files (hidden folders such as .terraform left out). */
  private folders(): string[] {
    if (this.tfFolders) return this.tfFolders;
    const out: string[] = [];
    const queue = [this.root];
    for (let seen = 0; queue.length && seen < MAX_FOLDERS; seen++) {
      const dir = queue.shift()!;
      let entries: Dirent[];
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch {
        continue;
      }
      if (entries.some((e) => e.isFile() && e.name.endsWith('.tf'))) out.push(dir);
      for (const e of entries) if (e.isDirectory() && !e.name.startsWith('.') && !SKIPPED.has(e.name)) queue.push(path.join(dir, e.name));
    }
    return (this.tfFolders = out);
  }

  private declarations(folder: string): Declarations {
    let found = this.byFolder.get(folder);
    if (found) return found;
    found = new Map();
    let names: string[] = [];
    try {
      // Override files (override.tf, *_override.tf) change a block declared elsewhere: the declaration wins.
      const override = (n: string): number => (/(^|_)override\.tf$/.test(n) ? 1 : 0);
      names = readdirSync(folder, { withFileTypes: true })
        .filter((e) => e.isFile() && e.name.endsWith('.tf'))
        .map((e) => e.name)
        .sort((a, b) => override(a) - override(b) || (a < b ? -1 : a > b ? 1 : 0));
    } catch {
      // an unreadable folder declares nothing
    }
    for (const name of names) {
      const file = path.join(folder, name);
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        continue;
      }
      for (const [k, region] of blockHeaders(text)) if (!found.has(k)) found.set(k, { file: display(file), ...region });
    }
    this.byFolder.set(folder, found);
    return found;
  }
}

/** `resource T N`, `data T N` and `module N` keys of the block headers in one `.tf` file, comments skipped. */
export function blockHeaders(text: string): [string, Region][] {
  const out: [string, Region][] = [];
  let inComment = false;
  text.split(/\r?\n/).forEach((line, i) => {
    const trimmed = line.trimStart();
    if (inComment) {
      inComment = !line.includes('*/');
      return;
    }
    if (trimmed.startsWith('/*')) {
      inComment = !trimmed.slice(2).includes('*/');
      return;
    }
    const m = HEADER.exec(line);
    if (!m) return;
    const labels = (m[2] ? [m[3] ?? m[4], m[5] ?? m[6]] : [m[9] ?? m[10]]) as string[];
    const kind = m[2] ?? m[8];
    const indent = (m[1] ?? m[7] ?? '').length;
    // The region covers the header up to its last label, not the opening brace.
    const end = m[0].replace(/\s*\{$/, '').length;
    out.push([`${kind} ${labels.join(' ')}`, { line: i + 1, column: indent + 1, endLine: i + 1, endColumn: end + 1 }]);
  });
  return out;
}

/** The blocks a plan's root module declares, as `resource T N` / `data T N` / `module N` keys. */
function rootDeclarations(configuration: Json | null): string[] {
  const rootModule = configuration?.['root_module'];
  if (!isObject(rootModule)) return [];
  const resources = Array.isArray(rootModule['resources']) ? rootModule['resources'].filter(isObject) : [];
  const keys = resources.flatMap((r) => (typeof r['type'] === 'string' && typeof r['name'] === 'string' ? [`${r['mode'] === 'data' ? 'data' : 'resource'} ${r['type']} ${r['name']}`] : []));
  const calls = isObject(rootModule['module_calls']) ? Object.keys(rootModule['module_calls']).map((c) => `module ${c}`) : [];
  return [...keys, ...calls];
}

/** `module.aks["blue"].azurerm_kubernetes_cluster.this` → calls `aks`, block `resource azurerm_kubernetes_cluster this`. */
function splitAddress(address: string): { calls: string[]; block: string } | null {
  const calls = callPath(address);
  // What follows the module calls (names only: instance keys dropped) is `[data.]type.name`.
  const names = (parseSteps(address) ?? []).flatMap((s) => ('name' in s ? [s.name] : [])).slice(calls.length * 2);
  if (names[0] === 'data' && names.length === 3) return { calls, block: `data ${names[1]} ${names[2]}` };
  return names.length === 2 ? { calls, block: `resource ${names[0]} ${names[1]}` } : null;
}
