import { TOOL } from '../../../tool.ts';
import { isObject } from '../../normalize/fields.ts';

/** This tool's JSON report (`--out-dir` pointed into an input folder): its own output, not inventory. */
export function isOwnReport(v: unknown): boolean {
  if (!isObject(v) || v['version'] !== 1 || !Array.isArray(v['findings']) || !isObject(v['scan'])) return false;
  const tool = v['tool'];
  return isObject(tool) && tool['name'] === TOOL.name;
}
