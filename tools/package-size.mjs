#!/usr/bin/env node
// What an install of @ews/client costs on disk: packs every public package (from its built dist),
// prints each tarball's unpacked size, and fails when
// - @ews/client + @ews/core + @ews/models unpack to more than LIMIT (2 MiB), or
// - any tarball holds a source map (docs/decisions/0005-no-source-maps-in-tarballs.md).
// Run by `pnpm check:packages` (after the builds).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const LIMIT = 2 * 1024 * 1024;
const LIMITED = ['@ews/client', '@ews/core', '@ews/models'];

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = mkdtempSync(join(tmpdir(), 'ews-size-'));
const kib = (bytes) => `${(bytes / 1024).toFixed(0)} KiB`;

/** The files of a .tgz with their sizes, from `tar -tvzf` (GNU tar: mode owner size date time path). */
function entries(tarball) {
  const listing = execFileSync('tar', ['-tvzf', tarball], { encoding: 'utf8' });
  return listing
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('d'))
    .map((line) => {
      const fields = line.trim().split(/\s+/);
      return { size: Number(fields[2]), path: fields.slice(5).join(' ') };
    });
}

const failures = [];
let limited = 0;
try {
  for (const name of readdirSync(join(root, 'packages')).sort()) {
    const pkgDir = join(root, 'packages', name);
    const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
    if (pkg.private) continue;
    const packed = execFileSync('pnpm', ['pack', '--pack-destination', dir, '--json'], {
      cwd: pkgDir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const files = entries(JSON.parse(packed).filename);
    const size = files.reduce((sum, file) => sum + file.size, 0);
    const maps = files.filter((file) => file.path.endsWith('.map'));
    if (LIMITED.includes(pkg.name)) limited += size;
    console.log(`  ${pkg.name.padEnd(22)} ${kib(size).padStart(9)} unpacked, ${files.length} files`);
    if (maps.length > 0)
      failures.push(`${pkg.name} ships source maps: ${maps.map((file) => file.path).join(', ')}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(`  ${LIMITED.join(' + ')}: ${kib(limited)} unpacked (limit ${kib(LIMIT)})`);
if (limited > LIMIT) failures.push(`${LIMITED.join(' + ')} unpack to ${kib(limited)}, above ${kib(LIMIT)}`);
for (const failure of failures) console.error(`package size: ${failure}`);
if (failures.length > 0) process.exitCode = 1;
