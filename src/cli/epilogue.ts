/** Where the full documentation lives; every command's help ends by pointing there. */
export const DOCS_URL = 'https://github.com/egress-audit/egress-audit#readme';

/**
 * The end of a command's help, as peers print it: what each exit code means, one or two
 * examples, and where to read more.
 */
export function epilogue(exitCodes: Record<number, string>, examples: readonly string[]): string {
  const codes = Object.entries(exitCodes).map(([code, meaning]) => `  ${code}  ${meaning}`);
  return ['Exit codes:', ...codes, '', 'Examples:', ...examples.map((e) => `  ${e}`), '', `Documentation: ${DOCS_URL}`].join('\n');
}

export const USAGE_ERROR = 'usage or input error (message on stderr)';
