import { homedir } from 'node:os';
import password from '@inquirer/password';
import type { CliContext } from './context.js';

/** The real process: its streams and environment, the inquirer prompt on stderr (stdout stays data). */
export function processContext(signal: AbortSignal): CliContext {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    stdinIsTTY: process.stdin.isTTY === true,
    signal,
    homeDir: homedir(),
    // No mask: nothing at all is echoed while typing, not even stars.
    promptPassword: (message, promptSignal) =>
      password({ message }, { input: process.stdin, output: process.stderr, signal: promptSignal }),
  };
}
