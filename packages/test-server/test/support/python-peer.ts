import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { expect } from 'vitest';
import { writeOpensslLegacyConfig } from './openssl-legacy.js';

// Debian's python3 with python3-exchangelib 4.9.0 (and its requests_ntlm, ntlm_auth, oauthlib): an
// EWS client written independently of ours, run as a peer against the test server. CI installs it.
export const PYTHON = '/usr/bin/python3';

/** A peer program: a script file, or source code for `python3 -c`. */
export type PeerProgram = { readonly script: string } | { readonly code: string };

export interface PeerOptions {
  /** Command-line arguments after the script (or after `-c code`). */
  readonly args?: readonly string[];
  /** Variables set for the peer on top of this process's environment. */
  readonly env?: Readonly<Record<string, string>>;
  /** The peer is killed after this long. */
  readonly timeoutMs?: number;
}

export interface PeerRun {
  /** The exit code; 1 when the peer was killed (timeout) or could not start. */
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const describeProgram = (program: PeerProgram): string =>
  'script' in program ? basename(program.script) : 'python3 -c';

/** Runs a peer to its end and returns its exit code and output; never rejects. */
export function runPeer(program: PeerProgram, options: PeerOptions = {}): Promise<PeerRun> {
  const args = 'script' in program ? [program.script] : ['-c', program.code];
  const env = { ...process.env, ...options.env };
  return new Promise((resolve) => {
    execFile(
      PYTHON,
      [...args, ...(options.args ?? [])],
      { timeout: options.timeoutMs ?? 60_000, env },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        // A killed or unstartable peer may have printed nothing: keep Node's reason with its stderr.
        const reason = error && typeof error.code !== 'number' ? `${error.message}\n` : '';
        resolve({ code, stdout, stderr: `${reason}${stderr}` });
      },
    );
  });
}

/** The JSON object a peer prints as its last line of stdout (its summary). */
export function lastJsonLine<T>(stdout: string): T {
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as T;
}

/**
 * Asserts the peer logged no line matching `failureLines` and exited 0, then returns its summary.
 * The exit-code assertion carries the whole stderr, so a failed peer explains itself.
 */
export function expectPeerSummary<T>(run: PeerRun, failureLines: RegExp): T {
  expect(run.stderr.split('\n').filter((line) => failureLines.test(line))).toEqual([]);
  expect(run.code, run.stderr).toBe(0);
  return lastJsonLine<T>(run.stdout);
}

/** Runs a peer and returns its summary; rejects with the peer's stderr when it exits non-zero. */
export async function runPeerForSummary<T>(program: PeerProgram, options: PeerOptions = {}): Promise<T> {
  const run = await runPeer(program, options);
  if (run.code !== 0) {
    throw new Error(`${describeProgram(program)} exited with ${run.code}:\n${run.stderr}`);
  }
  return lastJsonLine<T>(run.stdout);
}

/** A temporary directory for the files a peer reads (CA bundles, OpenSSL config). */
export interface PeerScratch {
  readonly dir: string;
  /** Writes `ca` (PEM) to a new file and returns the variable that makes `requests` trust it. */
  trust(ca: string): { REQUESTS_CA_BUNDLE: string };
  /**
   * Turns on OpenSSL 3's legacy provider for the peer: ntlm_auth hashes with MD4, which lives there
   * (see openssl-legacy.ts).
   */
  opensslLegacy(): { OPENSSL_CONF: string };
  remove(): void;
}

export function createPeerScratch(prefix: string): PeerScratch {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  let bundles = 0;
  let opensslConf: string | undefined;
  return {
    dir,
    trust(ca) {
      bundles += 1;
      const file = join(dir, `ca-${bundles}.pem`);
      writeFileSync(file, ca);
      return { REQUESTS_CA_BUNDLE: file };
    },
    opensslLegacy() {
      opensslConf ??= writeOpensslLegacyConfig(dir);
      return { OPENSSL_CONF: opensslConf };
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
