import { execFileSync } from 'node:child_process';

/**
 * A tmux server of our own (`-L ews-cli-test-<pid>`), so tests never touch a user's sessions.
 * Every wait is bounded: `waitFor` polls capture-pane until a deadline, then fails with the pane.
 */
export class Tmux {
  readonly socket = `ews-cli-test-${process.pid}`;
  readonly #sessions = new Set<string>();
  #counter = 0;

  #tmux(args: readonly string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], {
      encoding: 'utf8',
      timeout: 10_000,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  }

  /** Starts `command` (run by sh) in a new 120x40 session; the pane stays after it ends, showing `[exit N]`. */
  start(command: string, env: Record<string, string> = {}): string {
    const name = `ews-${process.pid}-${++this.#counter}`;
    const envArgs = Object.entries(env).flatMap(([key, value]) => ['-e', `${key}=${value}`]);
    this.#tmux([
      'new-session',
      '-d',
      '-s',
      name,
      '-x',
      '120',
      '-y',
      '40',
      ...envArgs,
      `${command}; echo "[exit $?]"; sleep 600`,
    ]);
    this.#sessions.add(name);
    return name;
  }

  capture(session: string): string {
    return this.#tmux(['capture-pane', '-p', '-t', session]);
  }

  /** Types text literally (no key names), then optionally Enter. */
  type(session: string, text: string): void {
    this.#tmux(['send-keys', '-t', session, '-l', text]);
  }

  keys(session: string, ...keys: string[]): void {
    this.#tmux(['send-keys', '-t', session, ...keys]);
  }

  async waitFor(
    session: string,
    test: (pane: string) => boolean,
    what: string,
    timeoutMs = 30_000,
  ): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let pane = '';
    while (Date.now() < deadline) {
      pane = this.capture(session);
      if (test(pane)) return pane;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; the pane:\n${pane}`);
  }

  kill(session: string): void {
    if (!this.#sessions.delete(session)) return;
    try {
      this.#tmux(['kill-session', '-t', session]);
    } catch {
      // already gone
    }
  }

  killAll(): void {
    for (const session of [...this.#sessions]) this.kill(session);
    try {
      this.#tmux(['kill-server']);
    } catch {
      // no server left
    }
  }
}
