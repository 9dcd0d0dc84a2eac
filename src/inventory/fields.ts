import ipaddr from 'ipaddr.js';
import type { ScanError } from '../errors.ts';

export type Json = Record<string, unknown>;
export type PathSeg = string | number;

export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `$[3].properties.agentPoolProfiles[0].count`: the JSON path shown in errors. */
export function jsonPath(segs: readonly PathSeg[]): string {
  let out = '$';
  for (const s of segs) out += typeof s === 'number' ? `[${s}]` : /^[A-Za-z_$][\w$]*$/.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`;
  return out;
}

/** Finds a property by name, case-insensitively (the az CLI uses its own casing: vnetSubnetId, authorizedIpRanges). */
export function lookup(o: Json, name: string): { key: string; value: unknown } | undefined {
  if (Object.hasOwn(o, name)) return { key: name, value: o[name] };
  const lower = name.toLowerCase();
  for (const k of Object.keys(o)) if (k.toLowerCase() === lower) return { key: k, value: o[k] };
  return undefined;
}

/** A short, safe rendering of a found value for error messages: never the file's contents at length. */
export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  if (typeof v === 'number') return Number.isFinite(v) ? `the number ${v}` : String(v);
  return `${typeof v} ${String(v)}`;
}

/**
 * Reads typed fields from one row, recording every wrong shape as a ScanError with file and JSON
 * path. `null` and absence both read as null. A wrong shape also reads as null and marks the row invalid.
 */
export class FieldReader {
  invalid = false;
  readonly file: string;
  readonly errors: ScanError[];
  readonly resourceId: string | undefined;

  constructor(file: string, errors: ScanError[], resourceId: string | undefined) {
    this.file = file;
    this.errors = errors;
    this.resourceId = resourceId;
  }

  fail(path: readonly PathSeg[], expected: string, found: unknown): null {
    this.invalid = true;
    const where = jsonPath(path);
    this.errors.push({
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

  private get(o: Json, name: string, at: readonly PathSeg[]): { value: unknown; path: PathSeg[] } | null {
    const hit = lookup(o, name);
    if (!hit || hit.value === null || hit.value === undefined) return null;
    return { value: hit.value, path: [...at, hit.key] };
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
    const hit = this.get(o, name, at);
    if (!hit) return null;
    if (typeof hit.value !== 'string') return this.fail(hit.path, 'a string', hit.value);
    return hit.value;
  }

  boolean(o: Json, name: string, at: readonly PathSeg[]): boolean | null {
    const hit = this.get(o, name, at);
    if (!hit) return null;
    if (typeof hit.value !== 'boolean') return this.fail(hit.path, 'true or false', hit.value);
    return hit.value;
  }

  /** A non-negative integer within [min, max]. */
  count(o: Json, name: string, at: readonly PathSeg[], min = 0, max = Number.MAX_SAFE_INTEGER): number | null {
    const hit = this.get(o, name, at);
    if (!hit) return null;
    const v = hit.value;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      return this.fail(hit.path, `a whole number from ${min} to ${max}`, v);
    }
    return v;
  }

  /** One of the known values, compared case-insensitively; returns the canonical spelling. */
  enumValue(o: Json, name: string, at: readonly PathSeg[], allowed: readonly string[]): string | null {
    const s = this.string(o, name, at);
    if (s === null) return null;
    const canonical = allowed.find((a) => a.toLowerCase() === s.toLowerCase());
    if (canonical === undefined) {
      const hit = lookup(o, name);
      return this.fail([...at, hit?.key ?? name], `one of ${allowed.join(', ')}`, s);
    }
    return canonical;
  }

  /** An array of strings; a non-string element is an error and is skipped. */
  strings(o: Json, name: string, at: readonly PathSeg[]): string[] | null {
    const arr = this.array(o, name, at);
    if (!arr) return null;
    const out: string[] = [];
    arr.value.forEach((v, i) => {
      if (typeof v === 'string') out.push(v);
      else if (v !== null) this.fail([...arr.path, i], 'a string', v);
    });
    return out;
  }

  /** `[{ "id": "..." }, ...]`: the ARM sub-resource reference list. */
  refIds(o: Json, name: string, at: readonly PathSeg[]): string[] | null {
    const arr = this.array(o, name, at);
    if (!arr) return null;
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
  try {
    if (value.includes('/')) ipaddr.parseCIDR(value);
    else ipaddr.parse(value);
    return true;
  } catch {
    return false;
  }
}
