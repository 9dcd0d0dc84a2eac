import { describe, expect, test } from 'vitest';
import { ArgProgress } from '../../../../src/cli/arg/progress.ts';
import type { Io } from '../../../../src/cli/io.ts';
import type { ArgEvent } from '../../../../src/inventory/sources/arg/index.ts';

function capture(isTTY: boolean): Io & { lines: string[]; statuses: (string | null)[] } {
  const lines: string[] = [];
  const statuses: (string | null)[] = [];
  return { lines, statuses, isTTY, out: () => {}, err: (t) => void lines.push(t), status: (l) => void statuses.push(l) };
}

const run: ArgEvent[] = [
  { kind: 'phase', phase: 'clusters' },
  { kind: 'request', scope: 'tenant', attempt: 1 },
  { kind: 'page', purpose: 'clusters', scope: 'tenant', page: 1, rows: 1000, totalRecords: 2500, subscriptions: 12 },
  { kind: 'request', scope: 'tenant', attempt: 1 },
  { kind: 'wait', scope: 'tenant', ms: 1000, reason: 'retry', status: 429, attempt: 1 },
  { kind: 'request', scope: 'tenant', attempt: 2 },
  { kind: 'page', purpose: 'clusters', scope: 'tenant', page: 2, rows: 1000, totalRecords: 2500, subscriptions: 25 },
  { kind: 'scope-failed', scope: 'subscription 2222', message: 'AccessDenied: no' },
  { kind: 'phase', phase: 'network', round: 1, resources: 40, queries: 1 },
  { kind: 'page', purpose: 'network', scope: 'subscription 1111', page: 1, rows: 40, totalRecords: 40, subscriptions: 26 },
];

describe('progress on stderr', () => {
  test('a terminal gets one self-updating status line: subscriptions, pages, rows, throttling waits', () => {
    const io = capture(true);
    const p = new ArgProgress(io, 'normal');
    run.forEach(p.onEvent);
    p.finish();
    expect(io.statuses).toContain('ARG clusters · 12 subscriptions · 1 pages · 1,000 rows');
    expect(io.statuses).toContain('ARG clusters · 12 subscriptions · 1 pages · 1,000 rows · retrying in 1.0 s after 429');
    expect(io.statuses).toContain('ARG network round 1 · 26 subscriptions · 3 pages · 2,040 rows');
    expect(io.statuses.at(-1)).toBeNull();
    // Only failures and the totals are lines; everything else lives in the status line.
    expect(io.lines).toEqual(['arg: FAILED subscription 2222: AccessDenied: no', 'arg: 3 requests, 3 pages, 2,040 rows from 26 subscriptions; waited 1 times (1.0 s); 1 scopes failed']);
  });

  test('CI logs get plain lines and no control sequences', () => {
    const io = capture(false);
    const p = new ArgProgress(io, 'normal');
    run.forEach(p.onEvent);
    p.finish();
    expect(io.statuses).toEqual([]);
    expect(io.lines).toEqual([
      'arg: querying clusters',
      'arg: clusters page 1 from tenant: 1,000 rows (2,500 in scope)',
      'arg: 429 from tenant; retrying in 1.0 s (attempt 2)',
      'arg: clusters page 2 from tenant: 1,000 rows (2,500 in scope)',
      'arg: FAILED subscription 2222: AccessDenied: no',
      'arg: network round 1: 40 referenced resources in 1 query',
      'arg: 3 requests, 3 pages, 2,040 rows from 26 subscriptions; waited 1 times (1.0 s); 1 scopes failed',
    ]);
  });

  test('--verbose adds every network page; --quiet keeps only failures', () => {
    const verbose = capture(true);
    const v = new ArgProgress(verbose, 'verbose');
    run.forEach(v.onEvent);
    expect(verbose.lines).toContain('arg: network page 1 from subscription 1111: 40 rows (40 in scope)');
    const quiet = capture(false);
    const q = new ArgProgress(quiet, 'quiet');
    run.forEach(q.onEvent);
    q.finish();
    expect(quiet.lines).toEqual(['arg: FAILED subscription 2222: AccessDenied: no']);
  });

  test('text from the service cannot drive the terminal', () => {
    const io = capture(false);
    new ArgProgress(io, 'normal').onEvent({ kind: 'scope-failed', scope: 'tenant', message: 'bad\u001b[2Jthing' });
    expect(io.lines).toEqual(['arg: FAILED tenant: badthing']);
  });
});
