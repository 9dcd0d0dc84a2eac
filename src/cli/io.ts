/** Where the CLI writes; tests may capture it. Only the bin sets the process exit code. */
export interface Io {
  out(text: string): void;
  /**
   * Writes to stdout as it is (no line break added), resolving once the stream takes more: a
   * report streamed with `--output -`. Without it such a report goes to `out` whole.
   */
  write?(text: string): Promise<void>;
  err(text: string): void;
  isTTY: boolean;
  /** Replaces the one-line status a terminal shows on stderr (progress); null clears it. */
  status?(line: string | null): void;
}

export const processIo: Io = {
  out: (t) => void process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  err: (t) => void process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
  write: async (t) => {
    // A reader that stopped early (`| head`) has closed the stream: the rest has nowhere to go.
    if (process.stdout.destroyed) return;
    if (!process.stdout.write(t)) await drained(process.stdout);
  },
  isTTY: process.stderr.isTTY === true,
  status: (line) => {
    const width = Math.max(20, (process.stderr.columns ?? 80) - 1);
    process.stderr.write(line === null ? '\r\u001b[2K' : `\r\u001b[2K${line.length > width ? `${line.slice(0, width - 1)}…` : line}`);
  },
};

/** Resolves when a full stream can take more, or is closed (then nothing waits for it forever). */
function drained(stream: NodeJS.WritableStream & { off: NodeJS.EventEmitter['off'] }): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
  });
}

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
