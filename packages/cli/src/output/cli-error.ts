/** Exit codes of `ews` (documented in the README). */
export const EXIT = {
  ok: 0,
  /** Anything that failed: the server, the network, a bad option. */
  failed: 1,
  /** `ews book` refused a room that is busy in the window (use --force to send the request anyway). */
  roomBusy: 3,
  /** Ctrl-C (128 + SIGINT), as shells report it. */
  cancelled: 130,
} as const;

/** A failure the user caused or can fix: printed as one line, no stack trace. */
export class CliError extends Error {
  readonly code: string;
  readonly exitCode: number;

  constructor(code: string, message: string, exitCode: number = EXIT.failed) {
    super(message);
    this.name = 'CliError';
    this.code = code;
    this.exitCode = exitCode;
  }
}

/** The result is already printed (e.g. an export with a failed mailbox): only the exit code is left to set. */
export class ExitCode extends Error {
  readonly exitCode: number;

  constructor(exitCode: number) {
    super(`exit ${exitCode}`);
    this.name = 'ExitCode';
    this.exitCode = exitCode;
  }
}
