import { InputError } from '../errors.ts';
import { isObject, type PathSeg } from './fields.ts';
import type { InputDocument } from './read.ts';
import type { SourceRef } from './model.ts';

export interface RawRow {
  value: unknown;
  source: SourceRef;
}

const PAGING_KEYS = ['$skipToken', 'skipToken', 'skip_token', 'nextLink', '@odata.nextLink'];

/**
 * Accepts the top-level shapes users have: an array of ARG rows or ARM resources; an ARG REST
 * response or `az graph query` output (`{ "data": [...] }`); an ARM list (`{ "value": [...] }`);
 * one ARM resource or `az ... show` object. Anything else is refused with the file named.
 */
export function extractRows(doc: InputDocument): RawRow[] {
  const { value, file } = doc;
  const rows = (arr: unknown[], prefix: PathSeg[]): RawRow[] =>
    arr.map((v, i) => ({ value: v, source: { file, path: [...prefix, i] } }));

  if (Array.isArray(value)) return rows(value, []);
  if (!isObject(value)) {
    throw new InputError(`${file}: the top level is ${value === null ? 'null' : typeof value}; expected an array of resources, { "data": [...] }, { "value": [...] } or one resource object`);
  }
  for (const listKey of ['data', 'value'] as const) {
    if (!Object.hasOwn(value, listKey)) continue;
    const list = value[listKey];
    for (const k of PAGING_KEYS) {
      const token = value[k];
      if (typeof token === 'string' && token !== '') {
        throw new InputError(`${file}: the page still carries "${k}": the export is incomplete (fetch every page, or use \`egress-audit export\`)`);
      }
    }
    if (Array.isArray(list)) return rows(list, [listKey]);
    if (listKey === 'data' && isObject(list) && Array.isArray(list['rows'])) {
      throw new InputError(`${file}: "data" is in ARG's table result format; export with resultFormat objectArray`);
    }
    throw new InputError(`${file}: "${listKey}" is ${Array.isArray(list) ? 'an array' : list === null ? 'null' : typeof list}; expected an array of resources`);
  }
  if (typeof value['id'] === 'string' && (typeof value['type'] === 'string' || typeof value['name'] === 'string')) {
    return [{ value, source: { file, path: [] } }];
  }
  throw new InputError(`${file}: the top level object is not a resource (no "id" and "type") nor a list ("data" or "value"); expected an array of resources, { "data": [...] }, { "value": [...] } or one resource object`);
}
