#!/usr/bin/env node
// Checks the packages as a consumer receives them: packs every public package, installs the
// tarballs into an empty project with npm, type-checks consumer.ts under `strict` with
// `skipLibCheck: false`, and runs it against @ews/test-server. Then bundles bundle-probe.mjs with
// esbuild into one file and runs it from a folder with no node_modules (an app that bundles us must
// find in the bundle all we load). Run after `pnpm build`.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const here = new URL('.', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'ews-consumer-'));
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, stdio: 'inherit' });
const rootPackage = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
// The esbuild our own build uses (tsup's), so the check needs no version of its own.
const esbuildVersion = createRequire(createRequire(join(root, 'package.json')).resolve('tsup'))(
  'esbuild/package.json',
).version;
try {
  const tarballs = {};
  for (const name of readdirSync(join(root, 'packages'))) {
    const pkgDir = join(root, 'packages', name);
    const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
    if (pkg.private) continue;
    const packed = execFileSync('pnpm', ['pack', '--pack-destination', dir, '--json'], {
      cwd: pkgDir,
      encoding: 'utf8',
    });
    tarballs[pkg.name] = `file:${JSON.parse(packed).filename}`;
  }
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify(
      {
        name: 'ews-consumer-check',
        private: true,
        type: 'module',
        dependencies: tarballs,
        devDependencies: {
          typescript: rootPackage.devDependencies.typescript,
          '@types/node': rootPackage.devDependencies['@types/node'],
          esbuild: esbuildVersion,
        },
      },
      null,
      2,
    ),
  );
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        skipLibCheck: false,
        exactOptionalPropertyTypes: true,
        noUncheckedIndexedAccess: true,
        types: ['node'],
        lib: ['ES2022', 'ESNext.Disposable'],
        outDir: 'out',
      },
      files: ['consumer.ts'],
    }),
  );
  copyFileSync(join(here, 'consumer.ts'), join(dir, 'consumer.ts'));
  // kerberos (an optional peer of @ews/auth-kerberos) is not installed: the program does not use it.
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], dir);
  run('npx', ['tsc', '-p', 'tsconfig.json'], dir);
  run('node', ['out/consumer.js'], dir);
  copyFileSync(join(here, 'bundle-probe.mjs'), join(dir, 'bundle-probe.mjs'));
  const bundled = mkdtempSync(join(tmpdir(), 'ews-bundled-'));
  try {
    const banner =
      "import { createRequire as ewsBundleRequire } from 'node:module'; const require = ewsBundleRequire(import.meta.url);";
    run(
      'npx',
      [
        'esbuild',
        'bundle-probe.mjs',
        '--bundle',
        '--platform=node',
        '--format=esm',
        '--log-level=error',
        `--banner:js=${banner}`,
        `--outfile=${join(bundled, 'app.mjs')}`,
      ],
      dir,
    );
    run('node', ['app.mjs'], bundled);
  } finally {
    rmSync(bundled, { recursive: true, force: true });
  }
  console.log('consumer check: passed');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
