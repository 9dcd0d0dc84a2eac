#!/usr/bin/env node
// Thin launcher: the CLI is TypeScript run by Node 22's built-in type stripping.
import { run } from '../src/cli/main.ts';

process.exitCode = await run(process.argv.slice(2));
