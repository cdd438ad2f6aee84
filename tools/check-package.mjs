#!/usr/bin/env node
// Packs the package in the current directory and checks the tarball the way a consumer
// would receive it: publint (package.json and files) and attw (types for ESM and CJS).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// A package whose exports offer no `require` condition (a command-line tool) is checked as
// ESM only; every library package ships both and is checked for both.
const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
const esmOnly = !JSON.stringify(manifest.exports ?? {}).includes('"require"');
const dir = mkdtempSync(join(tmpdir(), 'ews-pack-'));
const run = (cmd, args) =>
  execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
try {
  const packed = run('pnpm', ['pack', '--pack-destination', dir, '--json']);
  const tarball = JSON.parse(packed).filename;
  process.stdout.write(run('pnpm', ['exec', 'publint', '--strict', tarball]));
  process.stdout.write(
    run('pnpm', [
      'exec',
      'attw',
      '--format',
      'table-flipped',
      '--profile',
      esmOnly ? 'esm-only' : 'node16',
      tarball,
    ]),
  );
} catch (error) {
  if (error.stdout) process.stdout.write(error.stdout);
  process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
