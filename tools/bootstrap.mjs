#!/usr/bin/env node
// Brings up what is missing, then runs a command: `node tools/bootstrap.mjs [command args...]`.
// `npm test` and `npm run demo` start here, so that a fresh clone needs nothing but Node and npm.
// Each step checks before it acts, so a second run only checks (seconds):
//   1. Debian packages the tests use (tools/ci/install-system-packages.sh), when run as root;
//   2. the pnpm pinned in package.json's packageManager (`npm i -g`: corepack fails here);
//   3. the dependencies from the lockfile, unless node_modules already holds that lockfile;
//   4. a build of every package (turbo: what is up to date comes from its cache).
// The command then runs with the pinned pnpm first on PATH, even if npm's global bin is not.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const started = performance.now();
const env = { ...process.env };
const log = (text) => console.log(`bootstrap: ${text}`);

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, env, stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    log(`\`${[command, ...args].join(' ')}\` failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
  return result;
}

const output = (command, args) => {
  const result = spawnSync(command, args, { cwd: root, env, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
};

// 1. Debian packages: the script checks each one with dpkg-query and installs only what is missing.
if (process.getuid?.() === 0 && existsSync('/usr/bin/dpkg-query')) {
  run('bash', [join(root, 'tools/ci/install-system-packages.sh')]);
} else {
  log('not root on Debian: Debian packages not checked (see tools/ci/install-system-packages.sh)');
}

// 2. The pinned pnpm.
const pinned = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager.split('@')[1];
if (output('pnpm', ['--version']) !== pinned) {
  // npm's global bin may not be on PATH (a custom prefix): put it first for what follows, and
  // install only if the pinned pnpm is not there already (from an earlier run).
  const prefix = output('npm', ['prefix', '-g']);
  if (prefix !== undefined) env.PATH = `${join(prefix, 'bin')}${delimiter}${env.PATH ?? ''}`;
  if (output('pnpm', ['--version']) !== pinned) {
    log(`installing pnpm ${pinned}`);
    run('npm', ['install', '-g', `pnpm@${pinned}`, '--no-fund', '--no-audit']);
  }
  const now = output('pnpm', ['--version']);
  if (now !== pinned) {
    log(`pnpm ${pinned} was installed but \`pnpm --version\` says ${now ?? 'nothing'}`);
    process.exit(1);
  }
}

// 3. Dependencies: pnpm keeps a copy of the lockfile it installed in node_modules/.pnpm.
const installed = join(root, 'node_modules/.pnpm/lock.yaml');
const lockfile = readFileSync(join(root, 'pnpm-lock.yaml'), 'utf8');
if (!existsSync(installed) || readFileSync(installed, 'utf8') !== lockfile) {
  log('installing dependencies (pnpm install --frozen-lockfile)');
  run('pnpm', ['install', '--frozen-lockfile']);
}

// 4. Build: turbo replays what is up to date from its cache.
run('pnpm', ['exec', 'turbo', 'run', 'build', '--output-logs=errors-only']);
log(`ready in ${((performance.now() - started) / 1000).toFixed(1)} s (pnpm ${pinned}, dependencies, build)`);

const [command, ...args] = process.argv.slice(2);
if (command !== undefined) {
  const result = spawnSync(command, args, { cwd: process.cwd(), env, stdio: 'inherit' });
  if (result.error) throw result.error;
  process.exit(result.status ?? 1);
}
