/** Bad input or usage: the CLI prints the message (no stack) and exits with code 2. */
export class InputError extends Error {
  override name = 'InputError';
}

/** A problem found while reading one row or joining the inventory; the scan goes on. */
export interface ScanError {
  code: string;
  message: string;
  file?: string;
  path?: string;
  resourceId?: string;
  expected?: string;
  found?: string;
  /** Cluster IDs this problem leaves incomplete. */
  clusters?: string[];
}
