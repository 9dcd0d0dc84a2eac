/** What a live collection reports while it runs; the CLI turns these into progress on stderr. */
export type ArgEvent =
  | { kind: 'request'; scope: string; attempt: number }
  | { kind: 'phase'; phase: 'clusters' | 'network' | 'network-typed'; round?: number; resources?: number; queries?: number }
  | { kind: 'page'; purpose: 'clusters' | 'network'; scope: string; page: number; rows: number; totalRecords: number; subscriptions: number }
  | { kind: 'wait'; scope: string; ms: number; reason: 'quota' | 'retry'; status?: number | string; attempt?: number }
  | { kind: 'shrink'; scope: string; top: number }
  | { kind: 'scope-failed'; scope: string; message: string }
  /** The end: rows kept (fetched rows no cluster reaches are not) and the subscriptions they are in. */
  | { kind: 'done'; rows: number; subscriptions: number };
