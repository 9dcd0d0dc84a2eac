import picomatch from 'picomatch';
import { InputError } from '../errors.ts';
import { schemaProblems, schemaValidator, where } from '../json/schema.ts';
import { readText } from '../json/read.ts';
import { parseStructured } from '../json/structured.ts';

interface RawEntry {
  policy: string;
  resource: string;
  justification: string;
  expires: string;
  owner?: string;
  ticket?: string;
}

/** One accepted finding pattern as written, with the place it was written for the reports. */
export interface SuppressionEntry extends RawEntry {
  file: string;
  line: number;
}

interface CompiledEntry {
  entry: SuppressionEntry;
  /** The resource is an ARM ID rather than a glob. */
  exact: boolean;
  matches: (resourceId: string) => boolean;
}

export interface SuppressionSet {
  file: string;
  entries: readonly CompiledEntry[];
}

/** What a finding needs for suppressions to apply to it. */
export interface Suppressible {
  policyId: string;
  resourceId: string;
}

export interface SuppressionOutcome<T> {
  suppressed: Map<T, SuppressionEntry>;
  expired: (SuppressionEntry & { matched: number })[];
  unused: SuppressionEntry[];
}


const ARM_RESOURCE_ID = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/[^/]+(\/[^/]+\/[^/]+)+$/i;
const GLOB_CHARS = /[*?[\]{}]/;
/** A `suppressions` key at the start of a line (YAML) or quoted before a colon (JSON). */
const SUPPRESSIONS_KEY = /(^|[\r\n])[ \t]*suppressions[ \t]*:|(["'])suppressions\2[ \t\r\n]*:/;

/**
 * Wildcards one path segment of a glob may hold. Glob matching backtracks: with k wildcards in a
 * segment it costs about n^k on a name of n characters (four take seconds on a 90-character name).
 */
const MAX_STARS_PER_SEGMENT = 3;

/**
 * ARM IDs of varied shape and unlikely names: a glob that matches all of them matches any resource
 * (`/subscriptions/**`, `/**\/providers/**`), which with policy "*" would accept every finding.
 */
const ANY_RESOURCE = [
  '/subscriptions/0f9e8d7c-6b5a-4321-8fed-cba987654321/resourceGroups/Zq.x-(1)/providers/Microsoft.Network/publicIPAddresses/.q',
  '/subscriptions/ffffffff-0000-1111-2222-333333333333/resourcegroups/mc_w_9/providers/microsoft.network/virtualnetworks/v-z/subnets/s_q',
  '/subscriptions/12345678-aaaa-bbbb-cccc-dddddddddddd/resourceGroups/R/providers/Microsoft.ContainerService/managedClusters/k/agentPools/p9',
];

/**
 * Reads a suppressions file (JSON or YAML, schemas/suppressions.schema.json). Every malformed or
 * ambiguous entry is reported at once, each with file and line, in one InputError (exit code 2).
 */
export async function loadSuppressions(file: string, knownPolicies: readonly string[]): Promise<SuppressionSet> {
  // Another file named by mistake (a secret, a config) is refused before its syntax or schema
  // errors are shown: those quote its lines and keys.
  const notOurs = (): InputError => new InputError(`--suppressions ${file}: not a suppressions file (expected a JSON or YAML document with a top-level "suppressions" list); its content is not shown`);
  const read = await readText(file);
  if (!SUPPRESSIONS_KEY.test(read.text)) throw notOurs();
  const doc = parseStructured(read, file, { uniqueKeys: true });
  const top = doc.value;
  if (typeof top !== 'object' || top === null || Array.isArray(top) || !Array.isArray((top as Record<string, unknown>)['suppressions'])) throw notOurs();
  const validate = schemaValidator('suppressions');
  if (!validate(doc.value)) throw new InputError(schemaProblems(doc, validate.errors, PATTERN_MESSAGES).join('\n'));

  const raw = (doc.value as { suppressions: RawEntry[] }).suppressions;
  const problems: string[] = [];
  const entries: CompiledEntry[] = [];
  const firstLine = new Map<string, number>();
  const known = new Set(knownPolicies);
  raw.forEach((r, i) => {
    const line = doc.locate(['suppressions', i]).line;
    const here = (field: keyof RawEntry): string => `${where(doc, `/suppressions/${i}/${field}`)}: /suppressions/${i}/${field}`;
    const before = problems.length;
    if (!isCalendarDate(r.expires)) problems.push(`${here('expires')}: expires ${JSON.stringify(r.expires)} is not a calendar date`);
    if (r.policy !== '*' && !known.has(r.policy)) problems.push(`${here('policy')}: unknown policy ${r.policy}`);
    const resourceProblem = checkResource(r);
    if (resourceProblem) problems.push(`${here('resource')}: ${resourceProblem}`);
    // Two entries for one policy and resource pattern leave it open which justification and expiry apply.
    const k = `${r.policy}\0${r.resource.toLowerCase()}`;
    const prior = firstLine.get(k);
    if (prior !== undefined) problems.push(`${here('policy')}: duplicates the entry on line ${prior} (same policy and resource); merge them into one`);
    else firstLine.set(k, line);
    if (problems.length > before) return;
    entries.push(compile({ ...r, file: doc.file, line }));
  });
  if (problems.length) throw new InputError(problems.join('\n'));
  return { file: doc.file, entries };
}

const PATTERN_MESSAGES: Record<string, string> = {
  policy: 'must be a policy ID such as EG003, or "*"',
  expires: 'must be a date written YYYY-MM-DD',
  justification: 'must not be empty',
  owner: 'must not be empty',
  ticket: 'must be an http(s) link',
};

function isCalendarDate(s: string): boolean {
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** A resource pattern must be able to match an ARM ID, and `*` on both sides would accept everything. */
function checkResource(r: RawEntry): string | null {
  const res = r.resource;
  if (!GLOB_CHARS.test(res)) {
    if (ARM_RESOURCE_ID.test(res)) return null;
    const scope = /^\/subscriptions\/[^/]+(\/resourceGroups\/[^/]+)?\/?$/i.test(res);
    return scope
      ? `resource ${JSON.stringify(res)} is a subscription or resource group, not a resource; to match every resource in it write "${res.replace(/\/$/, '')}/**"`
      : `resource ${JSON.stringify(res)} is neither an ARM resource ID (/subscriptions/…/providers/…) nor a glob`;
  }
  if (res.startsWith('!')) return `resource ${JSON.stringify(res)}: negated globs are not supported`;
  if (!res.startsWith('/') && !res.startsWith('**')) {
    return `resource glob ${JSON.stringify(res)} can never match: ARM IDs start with /subscriptions/ and * stops at /; start it with / or **`;
  }
  const busy = res.split('/').find((seg) => seg !== '**' && (seg.match(/\*+/g) ?? []).length > MAX_STARS_PER_SEGMENT);
  if (busy !== undefined) return `resource glob ${JSON.stringify(res)}: the segment ${JSON.stringify(busy)} has more than ${MAX_STARS_PER_SEGMENT} wildcards; matching it against a long name could take minutes, use fewer`;
  if (r.policy === '*' && ANY_RESOURCE.every(globMatcher(res))) return 'policy "*" with a resource glob that matches every resource would suppress every finding; use --fail-on none instead';
  return null;
}

function globMatcher(glob: string): (id: string) => boolean {
  // Parentheses are legal in resource group names; unescaped, picomatch would read them as a group.
  return picomatch(glob.replace(/[()]/g, '\\$&'), { nocase: true, dot: true, noextglob: true });
}

function compile(entry: SuppressionEntry): CompiledEntry {
  const exact = !GLOB_CHARS.test(entry.resource);
  const lower = entry.resource.toLowerCase();
  const glob = exact ? null : globMatcher(entry.resource);
  return { entry, exact, matches: glob ? (id) => glob(id) : (id) => id.toLowerCase() === lower };
}

/**
 * Decides which findings are suppressed on `today` (YYYY-MM-DD, UTC). An entry suppresses through
 * its expiry date; an expired entry suppresses nothing and is reported with the findings it would
 * have matched. A finding several entries match is attributed to the most specific one; an
 * unexpired entry no finding is attributed to is unused.
 */
export function applySuppressions<T extends Suppressible>(findings: readonly T[], set: SuppressionSet, today: string): SuppressionOutcome<T> {
  const live = set.entries.filter((c) => c.entry.expires >= today);
  const dead = set.entries.filter((c) => c.entry.expires < today);
  const liveIndex = new EntryIndex(live);
  const deadIndex = new EntryIndex(dead);
  const suppressed = new Map<T, SuppressionEntry>();
  const used = new Set<CompiledEntry>();
  const expiredHits = new Map<CompiledEntry, number>();
  for (const f of findings) {
    const best = liveIndex.matching(f.policyId, f.resourceId).next();
    if (!best.done) {
      suppressed.set(f, best.value.entry);
      used.add(best.value);
    }
    for (const c of deadIndex.matching(f.policyId, f.resourceId)) expiredHits.set(c, (expiredHits.get(c) ?? 0) + 1);
  }
  return {
    suppressed,
    expired: dead.map((c) => ({ ...c.entry, matched: expiredHits.get(c) ?? 0 })),
    unused: live.filter((c) => !used.has(c)).map((c) => c.entry),
  };
}

/**
 * Entries by how they match, so that a finding is compared with the globs of its policy and of
 * `*` only: exact resource IDs are looked up (loading refused two for one policy and ID).
 */
class EntryIndex {
  private readonly exact = new Map<string, CompiledEntry>();
  private readonly globs = new Map<string, CompiledEntry[]>();

  constructor(entries: readonly CompiledEntry[]) {
    for (const c of entries) {
      if (c.exact) {
        this.exact.set(`${c.entry.policy}\0${c.entry.resource.toLowerCase()}`, c);
      } else {
        let list = this.globs.get(c.entry.policy);
        if (!list) this.globs.set(c.entry.policy, (list = []));
        list.push(c);
      }
    }
  }

  /** The entries matching a finding, most specific first: exact policy before `*`, then exact ID before glob, then file order. */
  *matching(policyId: string, resourceId: string): Generator<CompiledEntry> {
    const id = resourceId.toLowerCase();
    for (const policy of [policyId, '*']) {
      const hit = this.exact.get(`${policy}\0${id}`);
      if (hit) yield hit;
      for (const g of this.globs.get(policy) ?? []) if (g.matches(resourceId)) yield g;
    }
  }
}

/** The scan's date as suppressions compare it: the UTC calendar day. */
export function utcDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}
