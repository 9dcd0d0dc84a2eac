import type { Formatter } from './formats.ts';

/** The JSON report (schemas/report.schema.json): the result model as it is. */
export const json: Formatter = (result) => `${JSON.stringify(result, null, 2)}\n`;
