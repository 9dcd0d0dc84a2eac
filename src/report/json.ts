import type { ChunkedFormatter, Formatter } from './formats.ts';
import { jsonChunks } from '../json/stringify.ts';

/** The JSON report (schemas/report.schema.json): the result model as it is, in pieces. */
export const jsonChunked: ChunkedFormatter = function* (result) {
  yield* jsonChunks(result);
  yield '\n';
};

export const json: Formatter = (result, ctx) => [...jsonChunked(result, ctx)].join('');
