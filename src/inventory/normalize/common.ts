import { jsonPath, type FieldReader, type Json, type PathSeg } from './fields.ts';
import type { SourceRef } from '../model.ts';

export type BaseFields = { id: string; name: string; source: SourceRef; invalid: boolean };

export function nameOf(r: FieldReader, row: Json, at: PathSeg[], id: string): string {
  return r.string(row, 'name', at) ?? lastSegment(id);
}

export function lastSegment(id: string): string {
  const parts = id.split('/').filter(Boolean);
  return parts[parts.length - 1] ?? id;
}

export function idPart(id: string, segment: string): string {
  const parts = id.split('/');
  const i = parts.findIndex((p) => p.toLowerCase() === segment);
  return i >= 0 ? (parts[i + 1] ?? '') : '';
}

export function propertyPrefix(at: readonly PathSeg[], rowPath: readonly PathSeg[]): string {
  return jsonPath(at.slice(rowPath.length)).replace(/^\$\.?/, '');
}

export function zones(r: FieldReader, o: Json, name: string, at: PathSeg[]): string[] | null {
  const z = r.strings(o, name, at);
  return z ? [...new Set(z)].sort() : null;
}
