import ipaddr from 'ipaddr.js';
import type { ScanError, ScanWarning } from '../../errors.ts';

export type Json = Record<string, unknown>;
export type PathSeg = string | number;

export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Longest string a field may hold: far above any Azure name, ID or tag, so reports stay small. */
export const MAX_STRING_LENGTH = 4096;
const KEY_SHOWN = 64;
/**
 * Most entries a list of resource references may have. Azure allows far fewer (16 IPs on a NAT
 * gateway, 100 managed outbound IPs); the bound keeps the join over hostile lists fast.
 */
const MAX_REFERENCES = 1000;

/** `$[3].properties.agentPoolProfiles[0].count`: the JSON path shown in errors (over-long keys shortened). */
export function jsonPath(segs: readonly PathSeg[]): string {
  let out = '$';
  for (const s of segs) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (s.length > KEY_SHOWN) out += `[${JSON.stringify(`${s.slice(0, KEY_SHOWN)}…`)}]`;
    else out += /^[A-Za-z_$][\w$]*$/.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`;
  }
  return out;
}

/** Finds a property by name, case-insensitively (the az CLI uses its own casing: vnetSubnetId, authorizedIpRanges). */
export function lookup(o: Json, name: string): { key: string; value: unknown } | undefined {
  if (Object.hasOwn(o, name)) return { key: name, value: o[name] };
  const lower = name.toLowerCase();
  for (const k of Object.keys(o)) if (k.toLowerCase() === lower) return { key: k, value: o[k] };
  return undefined;
}

const SHOWN = 40;

/** A short, safe rendering of a found value for error messages: never the file's contents at length. */
export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') {
    return v.length > SHOWN ? `a string of ${v.length} characters starting ${JSON.stringify(`${v.slice(0, SHOWN)}…`)}` : `the string ${JSON.stringify(v)}`;
  }
  if (typeof v === 'number') return Number.isFinite(v) ? `the number ${v}` : 'a number too large to represent';
  if (v === undefined) return 'nothing';
  return `${typeof v} ${String(v)}`;
}

const MAX_ERRORS = 1000;
const MAX_ERRORS_PER_ROW = 20;

/**
 * The scan's problem list, bounded: a hostile file with a million bad values still yields a report
 * of bounded size, ending with a count of what was left out.
 */
export class ErrorLog {
  private readonly entries: ScanError[] = [];
  private unlisted = 0;

  add(e: ScanError): void {
    if (this.entries.length < MAX_ERRORS) this.entries.push(e);
    else this.unlisted++;
  }

  /** Counts problems that were found but not listed (a row's own cap already applied). */
  skip(n: number): void {
    this.unlisted += n;
  }

  list(): ScanError[] {
    if (!this.unlisted) return [...this.entries];
    return [...this.entries, { code: 'more-errors', message: `… and ${this.unlisted} more problems, not listed` }];
  }

  /** Records an unknown enum-like value; the same value of the same property is listed once. */
  unknownValue(w: Omit<ScanWarning, 'code' | 'message' | 'occurrences'>): void {
    const k = `${w.resourceType}\u0000${w.property}\u0000${w.value.toLowerCase()}`;
    const have = this.unknown.get(k);
    if (have) {
      have.occurrences++;
      return;
    }
    // Bounded like the errors: a hostile file with a million distinct values still yields a small report.
    if (this.unknown.size >= MAX_ERRORS) return;
    const message = `${w.where.file}: ${w.where.path}: unknown value ${JSON.stringify(w.value)} of ${w.property} (${w.resourceType}); read as itself and judged as written`;
    this.unknown.set(k, { code: 'unknown-value', message, ...w, occurrences: 1 });
  }

  warnings(): ScanWarning[] {
    return [...this.unknown.values()].map((w) => ({ ...w, where: { ...w.where } }));
  }

  private readonly unknown = new Map<string, ScanWarning>();
}

/**
 * Reads typed fields from one row, recording every wrong shape as a ScanError with file and JSON
 * path. `null` and absence both read as null. A wrong shape also reads as null and marks the row invalid.
 */
export class FieldReader {
  invalid = false;
  readonly file: string;
  readonly log: ErrorLog;
  readonly resourceId: string | undefined;
  private listed = 0;
  private unlisted = 0;

  constructor(file: string, log: ErrorLog, resourceId: string | undefined) {
    this.file = file;
    this.log = log;
    this.resourceId = resourceId;
  }

  fail(path: readonly PathSeg[], expected: string, found: unknown): null {
    this.invalid = true;
    if (this.listed >= MAX_ERRORS_PER_ROW) {
      this.unlisted++;
      return null;
    }
    this.listed++;
    const where = jsonPath(path);
    this.log.add({
      code: 'invalid-field',
      message: `${this.file}: ${where}: expected ${expected}, found ${describe(found)}`,
      file: this.file,
      path: where,
      ...(this.resourceId ? { resourceId: this.resourceId } : {}),
      expected,
      found: describe(found),
    });
    return null;
  }

  /** Call when the row is read: counts the problems beyond the row's cap. */
  close(): void {
    if (this.unlisted) this.log.skip(this.unlisted);
    this.unlisted = 0;
  }

  /** An ARM `properties` bag, or the object itself when it has none (az CLI output is flattened). */
  propertiesOf(o: Json, at: readonly PathSeg[]): { value: Json; path: PathSeg[] } {
    const hit = lookup(o, 'properties');
    if (hit === undefined || hit.value === null) return { value: o, path: [...at] };
    if (isObject(hit.value)) return { value: hit.value, path: [...at, hit.key] };
    this.fail([...at, hit.key], 'an object', hit.value);
    return { value: {}, path: [...at, hit.key] };
  }

  private get(o: Json, name: string, at: readonly PathSeg[]): { value: unknown; path: PathSeg[] } | null {
    const hit = lookup(o, name);
    if (!hit || hit.value === null || hit.value === undefined) return null;
    return { value: hit.value, path: [...at, hit.key] };
  }

  /**
   * The key `name` is found under (see lookup), without allocating: scalar reads build their JSON
   * path only when they fail, which spares millions of short-lived arrays on a large inventory.
   */
  private keyOf(o: Json, name: string): string | undefined {
    if (Object.hasOwn(o, name)) return name;
    const lower = name.toLowerCase();
    // for-in rather than Object.keys: absent fields are the common case, and Object.keys would
    // allocate the key list of the object for each of them.
    for (const k in o) if (Object.hasOwn(o, k) && k.toLowerCase() === lower) return k;
    return undefined;
  }

  object(o: Json, name: string, at: readonly PathSeg[]): { value: Json; path: PathSeg[] } | null {
    const hit = this.get(o, name, at);
    if (!hit) return null;
    if (!isObject(hit.value)) return this.fail(hit.path, 'an object', hit.value);
    return { value: hit.value, path: hit.path };
  }

  array(o: Json, name: string, at: readonly PathSeg[]): { value: unknown[]; path: PathSeg[] } | null {
    const hit = this.get(o, name, at);
    if (!hit) return null;
    if (!Array.isArray(hit.value)) return this.fail(hit.path, 'an array', hit.value);
    return { value: hit.value, path: hit.path };
  }

  string(o: Json, name: string, at: readonly PathSeg[]): string | null {
    const k = this.keyOf(o, name);
    const v = k === undefined ? null : o[k];
    if (v === null || v === undefined) return null;
    if (typeof v === 'string' && v.length <= MAX_STRING_LENGTH) return v;
    return this.text(v, [...at, k as string], 'a string');
  }

  /** A string value of bounded length. */
  text(v: unknown, path: readonly PathSeg[], expected: string): string | null {
    if (typeof v !== 'string') return this.fail(path, expected, v);
    if (v.length > MAX_STRING_LENGTH) return this.fail(path, `${expected} of at most ${MAX_STRING_LENGTH} characters`, v);
    return v;
  }

  boolean(o: Json, name: string, at: readonly PathSeg[]): boolean | null {
    const k = this.keyOf(o, name);
    const v = k === undefined ? null : o[k];
    if (v === null || v === undefined) return null;
    if (typeof v !== 'boolean') return this.fail([...at, k as string], 'true or false', v);
    return v;
  }

  /** A non-negative integer within [min, max]. */
  count(o: Json, name: string, at: readonly PathSeg[], min = 0, max = Number.MAX_SAFE_INTEGER): number | null {
    const k = this.keyOf(o, name);
    const v = k === undefined ? null : o[k];
    if (v === null || v === undefined) return null;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      return this.fail([...at, k as string], `a whole number from ${min} to ${max}`, v);
    }
    return v;
  }

  /**
   * An enum-like value Azure may extend: a known value in its canonical spelling, anything else as
   * itself, with a warning (never an error: an unknown value does not make the row unreliable).
   */
  openEnum(o: Json, name: string, at: readonly PathSeg[], known: readonly string[], field: { resourceType: string; property: string }): string | null {
    const s = this.string(o, name, at);
    if (s === null) return null;
    const canonical = known.find((a) => a.toLowerCase() === s.toLowerCase());
    if (canonical !== undefined) return canonical;
    const where = { file: this.file, path: jsonPath([...at, lookup(o, name)?.key ?? name]), ...(this.resourceId ? { resourceId: this.resourceId } : {}) };
    this.log.unknownValue({ value: s, property: field.property, resourceType: field.resourceType, where });
    return s;
  }

  /** An array of strings; a non-string element is an error and is skipped. */
  strings(o: Json, name: string, at: readonly PathSeg[], max?: { entries: number; why: string }): string[] | null {
    const arr = this.array(o, name, at);
    if (!arr) return null;
    if (max && arr.value.length > max.entries) return this.fail(arr.path, `at most ${max.entries} entries (${max.why})`, arr.value);
    const out: string[] = [];
    arr.value.forEach((v, i) => {
      if (v === null) return;
      const t = this.text(v, [...arr.path, i], 'a string');
      if (t !== null) out.push(t);
    });
    return out;
  }

  /** `[{ "id": "..." }, ...]`: the ARM sub-resource reference list. */
  refIds(o: Json, name: string, at: readonly PathSeg[]): string[] | null {
    const arr = this.array(o, name, at);
    if (!arr) return null;
    if (arr.value.length > MAX_REFERENCES) return this.fail(arr.path, `at most ${MAX_REFERENCES} references`, arr.value);
    const out: string[] = [];
    arr.value.forEach((v, i) => {
      if (v === null) return;
      if (!isObject(v)) {
        this.fail([...arr.path, i], 'an object with an id', v);
        return;
      }
      const id = this.string(v, 'id', [...arr.path, i]);
      if (id !== null) out.push(id);
    });
    return out;
  }

  /** `{ "id": "..." }`: one sub-resource reference. */
  refId(o: Json, name: string, at: readonly PathSeg[]): string | null {
    const ref = this.object(o, name, at);
    return ref ? this.string(ref.value, 'id', ref.path) : null;
  }

  /** A CIDR (`10.0.0.0/8`, `2001:db8::/32`) or a bare address, IPv4 or IPv6. */
  cidr(value: string, path: readonly PathSeg[]): string | null {
    if (isCidrOrAddress(value)) return value;
    return this.fail(path, 'an IPv4 or IPv6 address or CIDR range', value);
  }
}

export function isCidrOrAddress(value: string): boolean {
  // Only IPv6 text has a colon. Choosing the family first spares ipaddr.parseCIDR's IPv6 attempt,
  // which throws for every IPv4 text (a leading cost of reading rows, by profile); same answers.
  const family = value.includes(':') ? ipaddr.IPv6 : ipaddr.IPv4;
  return value.includes('/') ? family.isValidCIDR(value) : family.isValid(value);
}
