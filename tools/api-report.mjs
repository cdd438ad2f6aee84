#!/usr/bin/env node
// The public API of every published package, as API Extractor reports it from the built
// dist/index.d.ts, checked in at packages/<pkg>/etc/<name>.api.md. `--check` (pnpm api:check, in CI
// after the build) fails when a report differs from the checked-in one: an export added, removed or
// retyped without review. Without it (pnpm api:update) the reports are rewritten. One process for
// all packages, so the update stays one fast command.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Extractor, ExtractorConfig } from '@microsoft/api-extractor';
import { EXTRACTOR_TSCONFIG } from './extractor-tsconfig.mjs';

const root = resolve(import.meta.dirname, '..');

/** Package folder, entry declaration file (relative to it), report name. */
const REPORTS = [
  ['core', 'dist/index.d.ts', 'core'],
  ['core', 'dist/testing/index.d.ts', 'core-testing'],
  ['models', 'dist/index.d.ts', 'models'],
  ['services', 'dist/index.d.ts', 'services'],
  ['autodiscover', 'dist/index.d.ts', 'autodiscover'],
  ['auth-ntlm', 'dist/index.d.ts', 'auth-ntlm'],
  ['auth-kerberos', 'dist/index.d.ts', 'auth-kerberos'],
  ['auth-oauth2', 'dist/index.d.ts', 'auth-oauth2'],
  ['client', 'dist/index.d.ts', 'client'],
  ['cli', 'dist/index.d.ts', 'cli'],
];

const check = process.argv.includes('--check');
const temp = mkdtempSync(join(tmpdir(), 'ews-api-'));
const changed = [];
try {
  for (const [folder, entry, name] of REPORTS) {
    const projectFolder = join(root, 'packages', folder);
    const mainEntryPointFilePath = join(projectFolder, entry);
    if (!existsSync(mainEntryPointFilePath)) {
      throw new Error(`${mainEntryPointFilePath} is missing: run pnpm build first`);
    }
    if (!check) mkdirSync(join(projectFolder, 'etc'), { recursive: true });
    const config = ExtractorConfig.prepare({
      configObject: {
        projectFolder,
        mainEntryPointFilePath,
        compiler: {
          overrideTsconfig: EXTRACTOR_TSCONFIG,
        },
        apiReport: {
          enabled: true,
          reportFileName: name,
          reportFolder: join(projectFolder, 'etc'),
          reportTempFolder: temp,
        },
        docModel: { enabled: false },
        dtsRollup: { enabled: false },
        tsdocMetadata: { enabled: false },
        messages: {
          compilerMessageReporting: { default: { logLevel: 'warning' } },
          extractorMessageReporting: {
            default: { logLevel: 'warning' },
            // Release tags (@public/@beta) are not used: the export list is the contract.
            'ae-missing-release-tag': { logLevel: 'none' },
            // A type that is referenced but not exported is named in the report for review.
            'ae-forgotten-export': { logLevel: 'none', addToApiReportFile: true },
          },
          tsdocMessageReporting: { default: { logLevel: 'none' } },
        },
      },
      configObjectFullPath: join(projectFolder, 'api-extractor.json'),
      packageJsonFullPath: join(projectFolder, 'package.json'),
    });
    const result = Extractor.invoke(config, {
      localBuild: !check,
      showVerboseMessages: false,
      messageCallback: (message) => {
        // Warnings are not failures; the report's diff is what is reviewed.
        if (message.logLevel === 'warning') message.logLevel = 'none';
      },
    });
    if (result.apiReportChanged) changed.push(`packages/${folder}/etc/${name}.api.md`);
    if (result.errorCount > 0) throw new Error(`API Extractor failed on ${name}`);
  }
} finally {
  rmSync(temp, { recursive: true, force: true });
}
if (check && changed.length > 0) {
  process.stderr.write(
    `The public API changed without review:\n  ${changed.join('\n  ')}\n` +
      'Run `pnpm api:update` and commit the reports if the change is intended.\n',
  );
  process.exitCode = 1;
} else {
  process.stdout.write(
    check
      ? `API reports match (${REPORTS.length}).\n`
      : `API reports written (${REPORTS.length}${changed.length ? `, ${changed.length} changed` : ''}).\n`,
  );
}
