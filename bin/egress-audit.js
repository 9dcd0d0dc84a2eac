#!/usr/bin/env node
// Thin launcher. An installed package runs the compiled dist/ (Node does not strip types under
// node_modules); a source checkout runs src/ with Node's type stripping, so development never
// runs a stale build. The published package has no src/, which is how the two are told apart.
import { existsSync } from 'node:fs';

const source = new URL('../src/cli/main.ts', import.meta.url);
const fromSource = existsSync(source);
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (fromSource && major === 22 && minor < 18)) {
  process.stderr.write(
    fromSource
      ? `egress-audit from a source checkout needs Node.js 22.18 or newer (this is ${process.version}). ` +
          'Run it through npm (`npx egress-audit ...` or `npm run scan -- ...`) after `npm ci`: the project brings its own Node 22.\n'
      : `egress-audit needs Node.js 22 or newer (this is ${process.version}).\n`,
  );
  process.exit(2);
}

// A reader that stops early (`egress-audit scan | head`) closes the pipe; the rest of the
// console output has nowhere to go, and that is not a crash (the reports are already written).
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code !== 'EPIPE') throw err;
  });
}

const { run } = await import(fromSource ? source.href : '../dist/cli/main.js');
process.exitCode = await run(process.argv.slice(2));
