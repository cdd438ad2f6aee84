#!/usr/bin/env node
// Runs every package's tests through turbo, then prints one closing line that adds up
// the vitest results of all packages: "tests: N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const RESULTS = '.vitest-results.json';
const packageDirs = ['packages', 'examples', 'tools'].flatMap((group) =>
  existsSync(join(root, group))
    ? readdirSync(join(root, group), { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => join(root, group, entry.name))
    : [],
);
for (const dir of packageDirs) rmSync(join(dir, RESULTS), { force: true });

// The auth lab (real Apache servers on loopback) is shared by several packages' tests. Start
// it once here, so that packages running in parallel do not each start and stop it. It needs
// root; without root the tests that use it start it themselves, or fail saying why.
const lab = join(root, 'tools/authlab');
const startLab = existsSync(join(lab, 'start.sh')) && process.getuid?.() === 0;
if (startLab) {
  const started = spawnSync('bash', [join(lab, 'start.sh')], { cwd: root, stdio: 'inherit' });
  if (started.status !== 0) {
    console.error('tools/authlab/start.sh failed: the auth lab tests will fail');
  }
}

// --continue: every package runs even when one fails, so the closing line counts them all.
// --concurrency=2: the CI machine has 2 cores and vitest already runs files in parallel; more
// packages at once only make the real-peer tests (python, Apache) slow enough to time out.
const turboArgs = ['exec', 'turbo', 'run', 'test', '--continue', '--concurrency=2', ...process.argv.slice(2)];
const run = spawnSync('pnpm', turboArgs, {
  cwd: root,
  stdio: 'inherit',
});
if (startLab) spawnSync('bash', [join(lab, 'stop.sh')], { cwd: root, stdio: 'inherit' });

const totals = { passed: 0, failed: 0, skipped: 0, files: 0 };
const failures = [];
for (const dir of packageDirs) {
  const file = join(dir, RESULTS);
  if (!existsSync(file)) continue;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  for (const testFile of report.testResults ?? []) {
    for (const test of testFile.assertionResults ?? []) {
      if (test.status !== 'failed') continue;
      failures.push({ file: testFile.name, name: test.fullName, message: test.failureMessages?.[0] ?? '' });
    }
  }
  totals.passed += report.numPassedTests ?? 0;
  totals.failed += report.numFailedTests ?? 0;
  totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  totals.files += 1;
}
const exitCode = run.status ?? 1;
// A failed run with no failed test counted (a crash, a type error) still counts as a failure.
if (exitCode !== 0 && totals.failed === 0) totals.failed = 1;
// turbo prints a package's output in one block that the end of a long log cuts off; repeat
// each failure here, next to the closing line, so the tail of a CI log says what failed.
for (const failure of failures) {
  const firstLines = failure.message.split('\n').slice(0, 12).join('\n    ');
  console.log(`\nFAILED ${failure.file.replace(root, '')}\n  ${failure.name}\n    ${firstLines}`);
}
console.log(`\n(${totals.files} package(s) reported)`);
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(exitCode);
