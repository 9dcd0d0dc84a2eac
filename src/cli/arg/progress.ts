import type { ArgEvent } from '../../inventory/sources/arg/index.ts';
import { plain, type Io } from '../io.ts';

export type ProgressMode = 'quiet' | 'normal' | 'verbose';

const n = (v: number): string => v.toLocaleString('en-US');
function phaseLine(e: Extract<ArgEvent, { kind: 'phase' }>): string {
  const queries = `${n(e.queries ?? 0)} ${e.queries === 1 ? 'query' : 'queries'}`;
  if (e.phase === 'clusters') return 'querying clusters';
  if (e.phase === 'network-typed') return `network by type: ${n(e.resources ?? 0)} referenced resources, ${queries} over their subscriptions`;
  return `network round ${e.round}: ${n(e.resources ?? 0)} referenced resources in ${queries}`;
}

const secs = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/**
 * Shows a live collection on stderr: one self-updating status line on a terminal, plain log lines
 * elsewhere (CI logs), nothing with --quiet, every page with --verbose. Scope failures are always
 * printed as lines, since they make the scan incomplete.
 */
export class ArgProgress {
  private readonly io: Io;
  private readonly mode: ProgressMode;
  private readonly live: boolean;
  private phase = 'clusters';
  private pages = 0;
  private rows = 0;
  private subscriptions = 0;
  private waits = 0;
  private waitedMs = 0;
  private waiting: string | null = null;
  private failures = 0;
  private requests = 0;

  constructor(io: Io, mode: ProgressMode) {
    this.io = io;
    this.mode = mode;
    this.live = mode === 'normal' && io.isTTY && io.status !== undefined;
  }

  readonly onEvent = (e: ArgEvent): void => {
    switch (e.kind) {
      case 'request':
        this.requests++;
        return;
      case 'phase':
        this.phase = e.phase === 'clusters' ? 'clusters' : e.phase === 'network-typed' ? 'network by type' : `network round ${e.round}`;
        this.line(phaseLine(e));
        break;
      case 'page':
        this.pages++;
        this.rows += e.rows;
        this.subscriptions = e.subscriptions;
        this.waiting = null;
        if (this.mode === 'verbose' || e.purpose === 'clusters') {
          this.line(`${e.purpose} page ${e.page} from ${plain(e.scope)}: ${n(e.rows)} rows (${n(e.totalRecords)} in scope)`);
        }
        break;
      case 'wait':
        this.waits++;
        this.waitedMs += e.ms;
        this.waiting = e.reason === 'quota' ? `pausing ${secs(e.ms)} for ARG's quota` : `retrying in ${secs(e.ms)} after ${String(e.status)}`;
        this.line(e.reason === 'quota' ? `quota used up; pausing ${secs(e.ms)} until it resets` : `${plain(String(e.status))} from ${plain(e.scope)}; retrying in ${secs(e.ms)} (attempt ${(e.attempt ?? 1) + 1})`);
        break;
      case 'shrink':
        this.line(`response too large for ${plain(e.scope)}; asking for pages of ${n(e.top)} rows`);
        break;
      case 'done':
        this.rows = e.rows;
        this.subscriptions = e.subscriptions;
        break;
      case 'scope-failed':
        this.failures++;
        this.line(`FAILED ${plain(e.scope)}: ${plain(e.message)}`, true);
        break;
    }
    this.draw();
  };

  /** Clears the status line and prints the totals. */
  finish(): void {
    if (this.live) this.io.status?.(null);
    if (this.mode === 'quiet') return;
    const waits = this.waits ? `; waited ${this.waits} times (${secs(this.waitedMs)})` : '';
    const failed = this.failures ? `; ${this.failures} scopes failed` : '';
    this.io.err(`arg: ${n(this.requests)} requests, ${n(this.pages)} pages, ${n(this.rows)} rows from ${n(this.subscriptions)} subscriptions${waits}${failed}`);
  }

  private line(text: string, always = false): void {
    if (this.mode === 'quiet' && !always) return;
    if (this.live && !always) return;
    if (this.live) this.io.status?.(null);
    this.io.err(`arg: ${text}`);
  }

  private draw(): void {
    if (!this.live) return;
    const wait = this.waiting ? ` · ${this.waiting}` : '';
    this.io.status?.(`ARG ${this.phase} · ${n(this.subscriptions)} subscriptions · ${n(this.pages)} pages · ${n(this.rows)} rows${wait}`);
  }
}
