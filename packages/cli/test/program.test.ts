import { describe, expect, it } from 'vitest';
import { runCli } from '../src/program.js';

describe('ews program', () => {
  it('refuses an unknown command with a non-zero exit code', async () => {
    const errors: string[] = [];
    const original = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string | Uint8Array) => {
      errors.push(String(chunk));
      return true;
    }) as typeof process.stderr.write;
    try {
      expect(await runCli(['no-such-command'])).not.toBe(0);
    } finally {
      process.stderr.write = original;
    }
    expect(errors.join('')).toMatch(/unknown command|too many arguments/);
  });
});
