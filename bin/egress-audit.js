#!/usr/bin/env node
// Thin launcher. An installed package runs the compiled dist/ (Node does not strip types under
// node_modules); a source checkout runs src/ with Node's type stripping, so development never
// runs a stale build. The published package has no src/, which is how the two are told apart.
import { existsSync, readFileSync } from 'node:fs';
import module from 'node:module';

const source = new URL('../src/cli/main.ts', import.meta.url);
const fromSource = existsSync(source);
const [major, minor] = process.versions.node.split('.').map(Number);
const args = process.argv.slice(2);

if (major < 22 || (fromSource && major === 22 && minor < 18)) {
  process.stderr.write(
    fromSource
      ? `egress-audit from a source checkout needs Node.js 22.18 or newer (this is ${process.version}). ` +
          'Run it through npm (`npx egress-audit ...` or `npm run scan -- ...`) after `npm ci`: the project brings its own Node 22.\n'
      : `egress-audit needs Node.js 22 or newer (this is ${process.version}).\n`,
  );
  process.exitCode = 2;
} else if (args.length === 1 && args[0] === '--version') {
  // Answered here: loading the CLI (yargs and every command) would cost several times Node's own
  // start-up for one line. The CLI prints the same (test/e2e/package.test.ts checks both).
  process.stdout.write(`${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version}\n`);
} else {
  // A reader that stops early (`egress-audit scan | head`) closes the pipe; the rest of the
  // console output has nowhere to go, and that is not a crash (the reports are already written).
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err) => {
      if (err.code !== 'EPIPE') throw err;
    });
  }
  // The installed build keeps V8's compiled code between runs (in the OS temporary folder), which
  // takes most of the module loading off every later start.
  if (!fromSource) module.enableCompileCache?.();
  const { run } = await import(fromSource ? source.href : '../dist/cli/main.js');
  process.exitCode = await run(args);
}
