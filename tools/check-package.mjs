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
  checkPeerRanges(JSON.parse(run('tar', ['-xOzf', tarball, 'package/package.json'])));
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

/**
 * docs/decisions/0002: a peer on an @ews package spans that package's whole major (`>=0.0.0 <1.0.0`
 * while it is 0.x). A caret or workspace range would be published as `^x.y.z`, and changesets would
 * then release a new major of this package each time the peer leaves that range.
 */
function checkPeerRanges(packed) {
  const wrong = Object.entries(packed.peerDependencies ?? {}).filter(
    ([name, range]) => name.startsWith('@ews/') && !/^>=\d+\.0\.0 <\d+\.0\.0$/.test(range),
  );
  if (wrong.length > 0) {
    throw Object.assign(new Error('peer range'), {
      stdout: `${packed.name}: peerDependencies must span a whole major (docs/decisions/0002), found ${wrong
        .map(([name, range]) => `${name}@${range}`)
        .join(', ')}\n`,
    });
  }
}
