/**
 * What a command needs from the world, passed in (no globals): the streams it writes to, the
 * environment it reads, whether a person sits at the terminal, the signal Ctrl-C aborts, and the
 * password prompt. `bin.ts` passes the process's; tests pass their own and run the program in-process.
 */
export interface CliContext {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** stdin is a terminal: a password may be asked for. */
  readonly stdinIsTTY: boolean;
  /** Aborted by Ctrl-C (SIGINT): every request and the export loop stop through it. */
  readonly signal: AbortSignal;
  /** Asks for the password without echo; called only when `stdinIsTTY`. */
  readonly promptPassword: (message: string, signal: AbortSignal) => Promise<string>;
  /** The user's home directory (the default profile file lives below it). */
  readonly homeDir: string;
}

/** The part of a stream a command writes to; `isTTY` decides between a progress bar and plain lines. */
export interface OutputStream {
  write(chunk: string): boolean;
  readonly isTTY?: boolean | undefined;
  readonly columns?: number | undefined;
}
