/** Where the CLI writes; tests may capture it. Only the bin sets the process exit code. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  isTTY: boolean;
  /** Replaces the one-line status a terminal shows on stderr (progress); null clears it. */
  status?(line: string | null): void;
}

export const processIo: Io = {
  out: (t) => void process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  err: (t) => void process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
  isTTY: process.stderr.isTTY === true,
  status: (line) => {
    const width = Math.max(20, (process.stderr.columns ?? 80) - 1);
    process.stderr.write(line === null ? '\r\u001b[2K' : `\r\u001b[2K${line.length > width ? `${line.slice(0, width - 1)}…` : line}`);
  },
};

/** Removes terminal control sequences and other C0/C1 controls from data before it reaches a console. */
export function plain(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(\u0007|\u001b\\)?|[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
}

export interface CommandContext {
  io: Io;
  /** The command line as given, for telling its options from the environment's and the defaults. */
  argv?: readonly string[];
  setExitCode(code: number): void;
}
