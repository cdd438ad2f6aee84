import { ensureLab, type LabDescription, probe, readLab, stopLab } from '@ews-tools/authlab';

/**
 * The auth lab (real Apache auth modules on 127.0.0.1) for core's integration tests: started
 * unless it is already up, stopped afterwards only if started here. A lab that cannot start
 * fails the tests; it never skips them. Usable as a vitest globalSetup or from a test file.
 */
export type AuthlabDescription = LabDescription;

export function readAuthlab(): AuthlabDescription {
  const lab = readLab();
  if (!lab) throw new Error('the auth lab has no endpoints.json (was tools/authlab/start.sh run?)');
  return lab;
}

/** Up when the plain-http Basic endpoint answers its health path. */
async function isUp(): Promise<boolean> {
  const basic = readLab()?.endpoints.BASIC;
  return (
    basic !== undefined && probe(new URL('/authlab-health', basic.url), (status) => status === 200, 'GET')
  );
}

/** Starts the lab if needed; resolves with true when this call started it. */
export async function ensureAuthlab(): Promise<boolean> {
  const { startedHere } = await ensureLab({ isUp, what: 'Basic, Digest, TLS and client certificates' });
  return startedHere;
}

export function stopAuthlab(): void {
  stopLab();
}

export default async function setup(): Promise<() => void> {
  const started = await ensureAuthlab();
  return () => {
    if (started) stopAuthlab();
  };
}
