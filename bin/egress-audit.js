#!/usr/bin/env node
// Thin launcher: the CLI is TypeScript run by Node 22's built-in type stripping.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(
    `egress-audit needs Node.js 22.18 or newer (this is ${process.version}). ` +
      'Run it through npm (`npx egress-audit ...` or `npm run scan -- ...`) after `npm ci`: the project brings its own Node 22.\n',
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

const { run } = await import('../src/cli/main.ts');
process.exitCode = await run(process.argv.slice(2));
