import { InputError } from '../../../errors.ts';
import { isObject, type Json, type PathSeg } from '../../normalize/fields.ts';
import type { InputDocument } from '../../../json/read.ts';
import { lineColumn } from '../../../json/read.ts';
import type { SourceRef } from '../../model.ts';
import { topLevelKeyOffset } from '../../../json/syntax.ts';

export interface RawRow {
  value: unknown;
  source: SourceRef;
}

/** Continuation markers of ARG (REST, az CLI) and ARM list pages: a page carrying one is not the whole export. */
const PAGING_KEYS = ['$skipToken', 'skipToken', 'skip_token', 'nextLink', '@odata.nextLink'];
const TOTAL_KEYS = ['totalRecords', 'total_records'];
const EXPECTED = 'expected an array of resources, { "data": [...] }, { "value": [...] } or one resource object';

/**
 * Accepts the top-level shapes users have: an array of ARG rows or ARM resources; an ARG REST
 * response or `az graph query` output (`{ "data": [...] }`); an ARM list (`{ "value": [...] }`);
 * one ARM resource or `az ... show` object. Anything else, or a page of an unfinished export, is
 * refused with file, line and column.
 */
export function extractRows(doc: InputDocument): RawRow[] {
  const { value, file } = doc;
  const rows = (arr: unknown[], prefix: PathSeg[]): RawRow[] => arr.map((v, i) => ({ value: v, source: { file, path: [...prefix, i] } }));
  const at = (key?: string): string => {
    const offset = key === undefined ? null : topLevelKeyOffset(doc.text, key);
    const { line, column } = lineColumn(doc.text, offset ?? firstToken(doc.text));
    return `${file}:${line}:${column}`;
  };

  if (Array.isArray(value)) return rows(value, []);
  if (!isObject(value)) throw new InputError(`${at()}: the top level is ${kindOf(value)}; ${EXPECTED}`);
  for (const listKey of ['data', 'value'] as const) {
    if (!Object.hasOwn(value, listKey)) continue;
    const list = value[listKey];
    const unfinished = incomplete(value, Array.isArray(list) ? list.length : null);
    if (unfinished) throw new InputError(`${at(unfinished.key)}: ${unfinished.why}: the export is incomplete; fetch every page (or use \`egress-audit export\`)`);
    if (Array.isArray(list)) return rows(list, [listKey]);
    if (listKey === 'data' && isObject(list) && Array.isArray(list['rows'])) {
      throw new InputError(`${at(listKey)}: "data" is in ARG's table result format; export with resultFormat objectArray`);
    }
    throw new InputError(`${at(listKey)}: "${listKey}" is ${kindOf(list)}; expected an array of resources`);
  }
  if (typeof value['id'] === 'string' && (typeof value['type'] === 'string' || typeof value['name'] === 'string')) {
    return [{ value, source: { file, path: [] } }];
  }
  throw new InputError(`${at()}: the top level object is not a resource (no "id" and "type") nor a list ("data" or "value"); ${EXPECTED}`);
}

function incomplete(page: Json, rowCount: number | null): { key: string; why: string } | null {
  for (const k of PAGING_KEYS) {
    const token = page[k];
    if (Object.hasOwn(page, k) && token !== null && token !== '') return { key: k, why: `the page still carries "${k}"` };
  }
  const truncated = page['resultTruncated'];
  if (truncated === true || (typeof truncated === 'string' && truncated.toLowerCase() === 'true')) {
    return { key: 'resultTruncated', why: 'Resource Graph truncated the result ("resultTruncated": true)' };
  }
  for (const k of TOTAL_KEYS) {
    const total = page[k];
    if (rowCount !== null && typeof total === 'number' && total > rowCount) {
      return { key: k, why: `the page holds ${rowCount} of ${total} rows ("${k}")` };
    }
  }
  return null;
}

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  return `a ${typeof v}`;
}

function firstToken(text: string): number {
  const m = /[^ \t\r\n]/.exec(text);
  return m ? m.index : 0;
}
