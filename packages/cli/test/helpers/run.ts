import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestServer } from '@ews/test-server';
import type { CliContext } from '../../src/context.js';
import { runCli } from '../../src/program.js';

export interface Ran {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout parsed as JSON (throws when it is not one document). */
  json<T>(): T;
}

export interface RunOptions {
  readonly env?: Record<string, string | undefined>;
  readonly tty?: boolean;
  readonly prompt?: (message: string) => Promise<string>;
  readonly signal?: AbortSignal;
  readonly home?: string;
}

/** Runs `ews argv` in-process with captured output, its own environment and home. */
export async function ews(argv: readonly string[], options: RunOptions = {}): Promise<Ran> {
  let stdout = '';
  let stderr = '';
  const prompts: string[] = [];
  const context: CliContext = {
    stdout: {
      write: (chunk) => {
        stdout += chunk;
        return true;
      },
      isTTY: false,
    },
    stderr: {
      write: (chunk) => {
        stderr += chunk;
        return true;
      },
      isTTY: false,
    },
    env: options.env ?? {},
    stdinIsTTY: options.tty ?? false,
    signal: options.signal ?? new AbortController().signal,
    homeDir: options.home ?? mkdtempSync(join(tmpdir(), 'ews-cli-home-')),
    promptPassword: async (message) => {
      prompts.push(message);
      if (!options.prompt) throw new Error('unexpected prompt');
      return options.prompt(message);
    },
  };
  const code = await runCli(argv, context);
  return {
    code,
    stdout,
    stderr,
    json<T>() {
      return JSON.parse(stdout) as T;
    },
  };
}

/** The flags and environment that sign in as `address` on `server` (TLS, its CA trusted with --ca). */
export function signIn(
  server: TestServer,
  address: string,
): { flags: string[]; env: Record<string, string> } {
  const mailbox = server.mailboxes.find((entry) => entry.address === address);
  if (!mailbox) throw new Error(`no mailbox ${address}`);
  return {
    flags: ['--server', server.url, '--user', address, '--ca', caFile(server)],
    env: { EWS_PASSWORD: mailbox.password },
  };
}

const caFiles = new WeakMap<TestServer, string>();
export function caFile(server: TestServer): string {
  let path = caFiles.get(server);
  if (!path) {
    const ca = server.tls?.ca;
    if (!ca) throw new Error('the test server serves no TLS');
    path = join(mkdtempSync(join(tmpdir(), 'ews-cli-ca-')), 'ca.pem');
    writeFileSync(path, ca);
    caFiles.set(server, path);
  }
  return path;
}
