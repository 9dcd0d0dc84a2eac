import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { generate, GENERATED } from '../../scripts/gen-types.ts';
import { readSchema } from '../../src/json/schema.ts';
import { ROOT } from '../helpers/cli.ts';

test('the generated types are what the schemas generate today (run `npm run gen:types` after editing a schema)', async () => {
  const fresh = await generate(ROOT);
  expect([...fresh.keys()].sort()).toEqual(GENERATED.map((g) => g.out).sort());
  for (const [file, text] of fresh) expect(readFileSync(path.join(ROOT, file), 'utf8'), file).toBe(text);
}, 60_000);

test('a policy may list as its parameters exactly the parameters schemas/params.schema.json defines', () => {
  const params = Object.keys((readSchema('params') as { properties: object }).properties).sort();
  const listed = (readSchema('policy') as { properties: { parameters: { items: { enum: string[] } } } }).properties.parameters.items.enum;
  expect([...listed].sort()).toEqual(params);
});
